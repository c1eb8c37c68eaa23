"""The images a blog uses (references) and the media manifest (issue 11 §2): format, schema, lookup."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogport.errors import InputError, OutputError
from blogport.media.manifest import Journal, ManifestEntry, compact, read_manifest
from blogport.media.references import collect_images
from blogport.model import Archive, Author, Blog, Comment, Post

BASE = "https://2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2"
KEY = "picasa:-AbC/XyZ/AAAAAAAAAA/q1w2/photo.jpg"
IMGB = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEgQQ"
WHEN = datetime(2013, 2, 15, 9, 30, tzinfo=UTC)


def _archive() -> Archive:
    body = (
        f'<p>text</p><a href="{BASE}/s2230/photo.jpg"><img src="{BASE.replace("2.bp", "4.bp")}/s320/photo.jpg" '
        f'data-original-width="4032" data-original-height="3024"></a>'
        f'<img src="{IMGB}/w640-h480/b&amp;w.png"><img src="https://example.com/x.png">'
    )
    reply = Comment(
        id="c2",
        post_id="p1",
        parent_id="c1",
        content=f'<img src="{IMGB}/s1600/b&amp;w.png">',
        author=Author(name="r", avatar="//lh3.googleusercontent.com/AvatarId=s35-c"),
    )
    top = Comment(id="c1", post_id="p1", content=f'see <a href="{BASE}/s1600/photo.jpg">this</a>', replies=(reply,))
    first = Post(
        id="p1",
        title="first",
        published=WHEN,
        content=body,
        thumbnail=f"{BASE}/s72-c/photo.jpg",
        comments=(top,),
    )
    second = Post(id="p2", title="second", content=f"<div><img src='{BASE}/s1600/photo.jpg'/></div>")
    orphan = Comment(id="c9", post_id="gone", content=f'<img src="{IMGB}=s1600">')
    return Archive(blog=Blog(title="b"), posts=(first, second), orphan_comments=(orphan,))


def test_post_images_by_key_with_every_variant_the_largest_size_and_users() -> None:
    found = collect_images(_archive(), comments=False, avatars=False)
    # Issue 11 pt 1: an image on another host is an image of the blog too, keyed by its URL.
    assert list(found) == [KEY, "imgb:b/R29vZ2xl/AVvXsEgQQ/b&w.png", "web:example.com/x.png"]
    photo = found[KEY]
    assert photo.urls == (
        f"{BASE}/s2230/photo.jpg",
        f"{BASE.replace('2.bp', '4.bp')}/s320/photo.jpg",
        f"{BASE}/s72-c/photo.jpg",
        f"{BASE}/s1600/photo.jpg",
    )
    assert photo.used_by == ("p1", "p2")
    assert (photo.largest_seen, photo.original_edge) == (2230, 4032)
    assert photo.candidates()[:4] == (
        f"{BASE.replace('2.bp', '4.bp')}/s0/photo.jpg",
        f"{BASE.replace('2.bp', '4.bp')}/s2230/photo.jpg",
        f"{BASE.replace('2.bp', '4.bp')}/s4032/photo.jpg",
        f"{BASE}/s2230/photo.jpg",
    )


def test_comment_images_and_avatars_only_when_asked() -> None:
    archive = _archive()
    with_comments = collect_images(archive, comments=True, avatars=False)
    assert with_comments["imgb:b/R29vZ2xl/AVvXsEgQQ/b&w.png"].used_by == ("p1", "c2")
    assert with_comments["imgb:b/R29vZ2xl/AVvXsEgQQ/"].used_by == ("c9",)
    assert with_comments[KEY].used_by == ("p1", "c1", "p2")
    assert "lh:AvatarId" not in with_comments
    with_avatars = collect_images(archive, comments=False, avatars=True)
    assert with_avatars["lh:AvatarId"].used_by == ("c2",)
    assert "imgb:b/R29vZ2xl/AVvXsEgQQ/" not in with_avatars


def test_bodies_without_markup_or_unparsable_are_skipped() -> None:
    archive = Archive(blog=Blog(), posts=(Post(id="a", content="plain text"), Post(id="b", content="<")))
    assert collect_images(archive, comments=True, avatars=True) == {}


def _entry(key: str = KEY, **changes: object) -> ManifestEntry:
    fields: dict[str, object] = {
        "key": key,
        "urls": (f"{BASE}/s1600/photo.jpg", f"{BASE}/s320/photo.jpg"),
        "status": "ok",
        "path": "objects/ab/" + "ab" * 32 + ".jpg",
        "name": "photo.jpg",
        "sha256": "ab" * 32,
        "bytes": 1234,
        "type": "image/jpeg",
        "width": 4032,
        "height": 3024,
        "fetched_from": f"{BASE}/s0/photo.jpg",
        "origin": "web",
        "used_by": ("p1",),
    }
    fields.update(changes)
    return ManifestEntry(**fields)  # type: ignore[arg-type]


def _schema() -> dict[str, object]:
    text = resources.files("blogport").joinpath("schema/manifest-v1.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_manifest_lines_validate_against_the_shipped_schema(tmp_path: Path) -> None:
    failed = _entry(
        "lh:Other",
        urls=("https://lh3.googleusercontent.com/Other=s1600",),
        status="failed",
        path=None,
        name=None,
        sha256=None,
        bytes=None,
        type=None,
        width=None,
        height=None,
        fetched_from=None,
        origin=None,
        error="HTTP 404 at https://lh3.googleusercontent.com/Other=s0",
        reason="http-404",
    )
    compact(tmp_path, [failed, _entry()])
    lines = (tmp_path / "manifest.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2
    validator = jsonschema.Draft202012Validator(_schema())
    for line in lines:
        validator.validate(json.loads(line))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**json.loads(lines[0]), "status": "pending"})


def test_every_variant_url_finds_its_entry_and_the_journal_keeps_the_last_state(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        journal.append(_entry(status="failed", path=None, error="HTTP 503", reason="http-503"))
        journal.append(_entry())
    manifest = read_manifest(tmp_path)
    assert [entry.status for entry in manifest.entries()] == ["ok"]
    for variant in ("s0", "s72-c", "w640-h480", "S374"):
        entry = manifest.entry_for_url(f"//1.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2/{variant}/photo.jpg")
        assert entry is not None and entry.key == KEY
    assert manifest.entry_for_url("https://example.com/photo.jpg") is None
    assert manifest.file_for(manifest.entries()[0]) == tmp_path / ("objects/ab/" + "ab" * 32 + ".jpg")


def test_compaction_is_sorted_and_deterministic(tmp_path: Path) -> None:
    entries = [_entry("picasa:z/z/z/z/z.jpg"), _entry(), _entry("imgb:b/x/")]
    compact(tmp_path, entries)
    once = (tmp_path / "manifest.jsonl").read_bytes()
    compact(tmp_path, list(reversed(entries)))
    assert (tmp_path / "manifest.jsonl").read_bytes() == once
    keys = [json.loads(line)["key"] for line in once.decode().splitlines()]
    assert keys == sorted(keys)


def test_a_torn_last_line_is_ignored_and_a_bad_line_elsewhere_is_an_input_error(tmp_path: Path) -> None:
    good = _entry().to_json()
    (tmp_path / "manifest.jsonl").write_text(good + "\n" + good[:40], "utf-8")
    assert len(read_manifest(tmp_path).entries()) == 1
    with Journal(tmp_path) as journal:  # the next run drops the torn line before appending
        journal.append(_entry("lh:Next", urls=("https://lh3.googleusercontent.com/Next",)))
    assert len(read_manifest(tmp_path).entries()) == 2
    (tmp_path / "manifest.jsonl").write_text("{not json}\n" + good + "\n", "utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_manifest(tmp_path)


def test_a_folder_without_manifest_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="blogport media"):
        read_manifest(tmp_path)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_ENTRIES = st.builds(
    ManifestEntry,
    key=st.text(alphabet="abcAZ09:/-_.%é東", min_size=1, max_size=20),
    urls=st.lists(_TEXT, min_size=1, max_size=3).map(tuple),
    status=st.sampled_from(["ok", "failed", "skipped"]),
    path=st.none() | _TEXT,
    name=st.none() | _TEXT,
    bytes=st.none() | st.integers(min_value=1, max_value=2**40),
    width=st.none() | st.integers(min_value=0, max_value=70000),
    error=st.none() | _TEXT,
    used_by=st.lists(st.from_regex(r"[0-9]{1,19}", fullmatch=True), max_size=3).map(tuple),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(entries=st.lists(_ENTRIES, max_size=6))
def test_manifest_round_trip_any_entries(tmp_path: Path, entries: list[ManifestEntry]) -> None:
    compact(tmp_path, entries)
    last_of_each = {entry.key: entry for entry in entries}
    assert read_manifest(tmp_path).entries() == [last_of_each[key] for key in sorted(last_of_each)]


def test_corpus_exports_images_by_key_with_thumbnails_linked_to_larger_sizes(corpus: Path) -> None:
    import blogport

    keys = 0
    upsized = 0
    for export in sorted((corpus / "blogger-atom").glob("*.*")):
        if export.suffix not in (".xml", ".atom") or "malformed" in export.name:
            continue
        for archive in blogport.read_all(export):
            found = collect_images(archive, comments=True, avatars=True)
            keys += len(found)
            for use in found.values():
                assert use.used_by and use.urls and use.candidates()[0].startswith("http")
                upsized += bool(use.largest_seen and use.image.size and use.largest_seen > use.image.size)
    assert keys > 120
    assert upsized > 90  # thumbnails whose <a href> or another post names a larger size


def test_the_journal_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", "utf-8")
    media = tmp_path / "media"
    media.mkdir()
    (media / "manifest.jsonl").symlink_to(outside)
    with pytest.raises(OutputError, match="symbolic link"):
        Journal(media)
    assert outside.read_text("utf-8") == "keep me"
