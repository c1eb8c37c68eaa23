"""Issue 11, the points left open: images on other hosts (fetched and rewritten in every output),
candidate fallback after retries run out (bounded, on a fake clock), and the ``skipped`` status.
Loopback server only (tests/mediaserve.py acts as every request's proxy)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import blogport
from blogport.media.command import summary
from blogport.media.imageurls import has_image_extension, parse_image_url, parse_reference, reference_key
from blogport.media.manifest import read_manifest
from blogport.media.references import collect_images
from blogport.media.rewrite import ImageCounts, rewrite_images
from blogport.media.rewrite_json import attach
from blogport.media.run import fetch_media
from blogport.model import Archive, Blog, Comment, Post
from blogport.options import WriteOptions
from mediaserve import FakePacing, Reply, Script, fetch_into, images_in, png

BASE = "http://2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2"
ELSEWHERE = "http://photos.example.org/albums/2013/beach.jpg"
PHOTO = png(40, 30, b"elsewhere")
SCHEMA = json.loads(resources.files("blogport").joinpath("schema/manifest-v1.schema.json").read_text("utf-8"))


_uses = images_in


_run = fetch_into


# --- the URL model ---------------------------------------------------------------------------

OTHER_HOST_KEYS = [
    ("http://Photos.Example.org/a/b.jpg", "web:photos.example.org/a/b.jpg"),
    ("https://photos.example.org/a/b.jpg", "web:photos.example.org/a/b.jpg"),  # scheme-insensitive
    ("//photos.example.org/a/b.jpg#top", "web:photos.example.org/a/b.jpg"),  # fragment dropped
    ("https://photos.example.org:443/a/b.jpg", "web:photos.example.org/a/b.jpg"),  # default port dropped
    ("https://photos.example.org:8080/a/b.jpg", "web:photos.example.org:8080/a/b.jpg"),
    ("https://example.org/thumb.php?id=7&amp;s=2", "web:example.org/thumb.php?id=7&s=2"),  # query kept
    ("https://example.org/thumb.php?id=8", "web:example.org/thumb.php?id=8"),
    ("https://example.org/a%20b.jpg", "web:example.org/a%20b.jpg"),  # percent-encoding as written
    ("https://example.org", "web:example.org/"),
]


@pytest.mark.parametrize(("url", "key"), OTHER_HOST_KEYS)
def test_an_image_on_another_host_is_keyed_by_its_normalised_url(url: str, key: str) -> None:
    image = parse_reference(url)
    assert image is not None and (image.key, image.family, image.size) == (key, "web", None)
    assert reference_key(url) == key
    assert parse_image_url(url) is None  # the Blogger model is unchanged
    [candidate] = image.candidates()  # no size variants: the URL as written, without its fragment
    assert candidate.startswith(("http://", "https://")) and "#" not in candidate
    assert reference_key(candidate) == key


def test_blogger_hosts_keep_their_own_model_and_the_proxy_stays_blogger_s() -> None:
    proxy = parse_reference("https://lh3.googleusercontent.com/proxy/J_jfQ-1=s0-d")
    assert proxy is not None and (proxy.key, proxy.family) == ("proxy:J_jfQ-1", "proxy")
    assert reference_key(f"{BASE}/s320/photo.jpg") == "picasa:-AbC/XyZ/AAAAAAAAAA/q1w2/photo.jpg"
    # A URL on a Blogger image host that is not an image URL is not someone else's image either.
    assert parse_reference("https://lh3.googleusercontent.com/proxy/") is None
    assert parse_reference("https://2.bp.blogspot.com/") is None


@pytest.mark.parametrize(
    ("url", "key_prefix", "family"),
    [
        ("data:image/png;base64,iVBORw0KGgo=", "inline:", "inline"),
        ("file:///C:/Users/me/Pictures/x.jpg", "unfetchable:file:", "unfetchable"),
        ("ftp://example.org/x.jpg", "unfetchable:ftp:", "unfetchable"),
    ],
)
def test_references_that_must_not_be_fetched_parse_only_when_asked(url: str, key_prefix: str, family: str) -> None:
    assert parse_reference(url) is None and reference_key(url) is None
    image = parse_reference(url, unfetchable=True)
    assert image is not None and image.key.startswith(key_prefix) and image.family == family
    assert image.candidates() == ()
    assert parse_reference("relative/x.jpg", unfetchable=True) is None


def test_a_long_data_uri_is_shown_shortened_but_keyed_by_all_of_it() -> None:
    first = parse_reference("data:image/png;base64," + "A" * 5000, unfetchable=True)
    second = parse_reference("data:image/png;base64," + "A" * 4999 + "B", unfetchable=True)
    assert first is not None and second is not None and first.key != second.key
    assert len(first.url) < 100 and "5022 characters" in first.url


@given(st.from_regex(r"[a-z0-9/_.-]{0,30}", fullmatch=True), st.sampled_from(["http:", "https:", ""]))
def test_other_host_keys_ignore_scheme_and_fragment_property(path: str, scheme: str) -> None:
    url = f"{scheme}//img.example.net/{path}"
    assert reference_key(url) == reference_key(f"https://img.example.net/{path}#frag")
    assert reference_key(url + "?v=1") != reference_key(url)


def test_image_extensions() -> None:
    assert has_image_extension("http://x.org/a/B.JPG?x=1#y") and has_image_extension("//x.org/p.webp")
    assert not has_image_extension("http://x.org/page.html") and not has_image_extension("http://x.org/jpg")


# --- which references a blog uses ----------------------------------------------------------------


def test_other_hosts_images_come_from_img_and_from_image_links_around_an_img_only() -> None:
    body = (
        '<a href="http://x.org/big.jpg"><img src="http://x.org/small.jpg"></a>'
        '<a href="http://x.org/page.html"><img src="http://x.org/icon.png"></a>'
        '<a href="http://x.org/alone.jpg">a picture, linked by text</a>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="file:///C:/x.jpg">'
        '<a href="mailto:me@example.org"><img src="https://lh3.googleusercontent.com/proxy/Abc=s0"></a>'
    )
    found = _uses(body)
    assert [key for key in found if key.startswith("web:")] == [
        "web:x.org/big.jpg",
        "web:x.org/small.jpg",
        "web:x.org/icon.png",
    ]
    assert [use.image.family for use in found.values()] == ["web", "web", "web", "inline", "unfetchable", "proxy"]
    assert found["web:x.org/big.jpg"].candidates() == ("http://x.org/big.jpg",)


# --- fetching ----------------------------------------------------------------------------------


def test_an_image_on_another_host_is_fetched_stored_and_not_fetched_again(tmp_path: Path, server: Script) -> None:
    server.on(ELSEWHERE, Reply(body=PHOTO, headers={"ETag": '"e"'}))
    uses = _uses(f'<img src="{ELSEWHERE}#x">', f'<img src="{ELSEWHERE.replace("http:", "https:")}">')
    [entry] = _run(tmp_path, uses)
    assert (entry.status, entry.key, entry.origin, entry.name) == (
        "ok",
        "web:photos.example.org/albums/2013/beach.jpg",
        "web",
        "beach.png",
    )
    assert entry.used_by == ("p1", "p2") and entry.fetched_from == ELSEWHERE
    assert (tmp_path / "media" / entry.path).read_bytes() == PHOTO
    assert server.urls() == [ELSEWHERE] and server.log[0].headers["user-agent"].startswith("blogport/")
    _run(tmp_path, uses)
    assert server.urls() == [ELSEWHERE]  # a rerun makes no request
    manifest = read_manifest(tmp_path / "media")
    assert manifest.entry_for_url("https://photos.example.org/albums/2013/beach.jpg#y") == manifest.entry(entry.key)


def test_another_host_goes_through_the_same_retries_and_failures(tmp_path: Path, server: Script) -> None:
    server.on(ELSEWHERE, Reply(503, headers={"Retry-After": "4"}), Reply(body=PHOTO))
    server.on("http://x.org/gone.jpg", Reply(404))
    pacing = FakePacing()
    ok, gone = _run(tmp_path, _uses(f'<img src="{ELSEWHERE}"><img src="http://x.org/gone.jpg">'), pacing, jobs=1)
    assert ok.status == "ok" and pacing.waits == [4]
    assert (gone.status, gone.reason) == ("failed", "http-404")


def test_after_the_retries_of_s0_the_next_candidates_are_tried(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(403))
    server.on(f"{BASE}/s2230/photo.jpg", Reply(503))
    server.on(f"{BASE}/s320/photo.jpg", Reply(body=PHOTO))
    body = f'<a href="{BASE}/s2230/photo.jpg"><img src="{BASE}/s320/photo.jpg"></a>'
    pacing = FakePacing()
    [entry] = _run(tmp_path, _uses(body), pacing, retries=2)
    assert entry.status == "ok" and entry.fetched_from == f"{BASE}/s320/photo.jpg"
    assert server.urls() == [f"{BASE}/s0/photo.jpg"] * 3 + [f"{BASE}/s2230/photo.jpg"] * 3 + [f"{BASE}/s320/photo.jpg"]
    assert pacing.waits == [1.5, 3.0, 1.5, 3.0]  # each candidate's own backoff


def test_fallback_waits_stay_within_one_image_budget(tmp_path: Path, server: Script) -> None:
    for size in ("s0", "s2230", "s1600", "s320"):
        server.on(f"{BASE}/{size}/photo.jpg", Reply(429, headers={"Retry-After": "50"}))
    body = f'<a href="{BASE}/s2230/photo.jpg"><img src="{BASE}/s320/photo.jpg"></a><img src="{BASE}/s1600/photo.jpg">'
    pacing = FakePacing()
    [entry] = _run(tmp_path, _uses(body), pacing, retries=4, max_wait=60.0, image_wait=120.0)
    assert (entry.status, entry.reason) == ("failed", "http-429")
    assert sum(pacing.waits) <= 120.0 + 60.0  # the budget, plus at most one wait begun before it ran out
    assert pacing.waits == [50, 50, 50]
    # Every candidate is still asked, once each after the budget is spent.
    assert {url.rsplit("/", 2)[1] for url in server.urls()} == {"s0", "s2230", "s1600", "s320"}


def test_skipped_references_make_no_request_and_are_valid_manifest_lines(tmp_path: Path, server: Script) -> None:
    uses = _uses('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="file:///C:/x.jpg">')
    inline, local = _run(tmp_path, uses)
    assert (inline.status, inline.reason, inline.path) == ("skipped", "inline", None)
    assert (local.status, local.reason) == ("skipped", "not-http") and "file:" in (local.error or "")
    assert server.urls() == []
    for line in (tmp_path / "media" / "manifest.jsonl").read_text("utf-8").splitlines():
        jsonschema.validate(json.loads(line), SCHEMA)
    assert "2 skipped (inline: 1, not-http: 1)" in summary([inline, local], [inline, local])


def test_an_image_over_the_cap_at_every_size_is_skipped_and_tried_again_later(tmp_path: Path, server: Script) -> None:
    big = PHOTO + b"\x00" * 5000
    server.on(f"{BASE}/s0/photo.jpg", Reply(body=big))
    server.on(f"{BASE}/s320/photo.jpg", Reply(body=big))
    uses = _uses(f'<img src="{BASE}/s320/photo.jpg">')
    [entry] = _run(tmp_path, uses, max_bytes=1000)
    assert (entry.status, entry.reason) == ("skipped", "too-large")
    [again] = _run(tmp_path, uses)  # a larger cap takes it
    assert again.status == "ok" and again.bytes == len(big)


# --- every output uses the local copy --------------------------------------------------------


def _media_with_other_host(tmp_path: Path, server: Script) -> tuple[Archive, Path]:
    server.on(ELSEWHERE, Reply(body=PHOTO))
    comment = Comment(id="c1", post_id="p1", content=f'<img src="{ELSEWHERE}">')
    post = Post(
        id="p1",
        title="Beach",
        url="https://carnet.blogspot.com/2013/01/beach.html",
        content=f'<p><a href="{ELSEWHERE}"><img src="{ELSEWHERE}" alt="beach"></a> <a href="http://x.org/">x</a></p>',
        comments=(comment,),
    )
    archive = Archive(blog=Blog(title="Carnet", url="https://carnet.blogspot.com/"), posts=(post,))
    fetch_media(collect_images(archive, comments=True, avatars=False), tmp_path / "media", pacing=FakePacing())
    return archive, tmp_path / "media"


@pytest.mark.parametrize("flavor", ["hugo", "jekyll", "pelican", "plain"])
def test_markdown_points_other_hosts_images_at_the_local_copy(tmp_path: Path, server: Script, flavor: str) -> None:
    archive, media = _media_with_other_host(tmp_path, server)
    written = blogport.write(
        archive, tmp_path / "site", "markdown", WriteOptions(flavor=flavor, jobs=1, media=str(media))
    )
    text = "".join(path.read_text() for path in (tmp_path / "site").rglob("*.md"))
    assert "photos.example.org" not in text and "beach.png" in text and "http://x.org/" in text
    assert any(path.name == "beach.png" for path in written.paths)
    assert not [w for w in written.warnings if "no local copy" in w]


def test_wxr_html_site_and_json_attach_use_the_local_copy(tmp_path: Path, server: Script) -> None:
    archive, media = _media_with_other_host(tmp_path, server)
    blogport.write(archive, tmp_path / "blog.xml", "wxr", WriteOptions(jobs=1, media=str(media)))
    wxr = (tmp_path / "blog.xml").read_text()
    assert "<wp:post_type><![CDATA[attachment]]></wp:post_type>" in wxr and f"<![CDATA[{ELSEWHERE}]]>" in wxr
    blogport.write(archive, tmp_path / "site", "html", WriteOptions(jobs=1, media=str(media)))
    page = next(path for path in (tmp_path / "site").rglob("*.html") if "beach" in path.name).read_text()
    assert "photos.example.org" not in page and "media/beach.png" in page
    attached = attach(archive, media)
    assert [entry.key for entry in attached.images_of("p1")] == ["web:photos.example.org/albums/2013/beach.jpg"]
    assert attached.local_file(ELSEWHERE) == media / attached.images_of("c1")[0].path  # type: ignore[operator]


def test_a_link_to_another_host_without_an_entry_is_not_counted_but_an_img_is(tmp_path: Path, server: Script) -> None:
    _archive, media = _media_with_other_host(tmp_path, server)
    manifest = read_manifest(media)
    counts = ImageCounts()
    fragment = '<a href="https://x.org/page">p</a><img src="https://y.org/missing.png">'
    assert rewrite_images(fragment, manifest, lambda entry: "local", counts) == fragment
    assert (counts.left_remote, counts.left_elsewhere) == (0, 1)
    assert counts.warnings() == [
        "1 image reference on another host has no local copy in the media folder (failed, skipped or not fetched) "
        "and still points at that host"
    ]


# --- blogport.read(..., media=DIR) -----------------------------------------------------------


def test_read_with_media_attaches_the_manifest_like_attach(tmp_path: Path) -> None:
    from mediabuild import OK_URLS, media_dir
    from mediabuild import archive as media_archive

    media = media_dir(tmp_path)
    blogport.write(media_archive(), tmp_path / "blog.json")
    plain = blogport.read(tmp_path / "blog.json")
    archive, attached = blogport.read(tmp_path / "blog.json", media=media)
    assert archive == plain  # the archive itself is unchanged
    old_way = attach(plain, media)  # the old function keeps working, with the same result
    assert (attached.by_owner, attached.counts) == (old_way.by_owner, old_way.counts)
    assert attached.manifest.entries() == old_way.manifest.entries()
    assert [entry.name for entry in attached.images_of("1")] == ["photo.png", "pic.png"]
    assert attached.local_file(OK_URLS[1]) is not None
    with pytest.raises(blogport.InputError, match=r"manifest\.jsonl"):
        blogport.read(tmp_path / "blog.json", media=tmp_path / "nowhere")


# --- relative URLs of comment data files -------------------------------------------------------


_SEGMENT = st.from_regex(r"[a-z0-9-]{1,6}", fullmatch=True)


@given(
    st.lists(_SEGMENT, max_size=3),
    st.lists(_SEGMENT, max_size=3),
    st.sampled_from(["/", ".html", "/x.png"]),
    st.sampled_from(["", "#c12"]),
    st.sampled_from(["/", ".html"]),
)
def test_relative_url_resolves_back_to_its_target_property(
    page: list[str], target: list[str], target_end: str, fragment: str, page_end: str
) -> None:
    from urllib.parse import urljoin

    from blogport.formats.markdown.media import relative_url

    page_url = "/" + "/".join(page) + (page_end if page else "")
    target_url = "/" + "/".join(target) + (target_end if target else "") + fragment
    relative = relative_url(target_url, page_url)
    assert not relative.startswith("/")
    for base in ("https://example.org", "https://example.org/sub"):  # the site's root, or a sub-path
        assert urljoin(base + page_url, relative) == base + target_url


# --- offline copies and the command line -------------------------------------------------------


def test_other_hosts_images_in_a_mirror_and_a_mirror_inside_a_dotted_folder_need_no_request(
    tmp_path: Path, server: Script
) -> None:
    import xmlbuild as x
    from blogport.cli import main

    site = tmp_path / "site"
    elsewhere = site / "photos.example.org/albums/2013/beach.jpg"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(png(6, 6, b"beach"))
    nested = site / "backup.v2/2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2/s1600/big.png"
    nested.parent.mkdir(parents=True)
    nested.write_bytes(png(16, 16, b"mirror"))
    export = tmp_path / "blog.xml"
    body = f'<img src="{ELSEWHERE}"><img src="{BASE}/s200/big.png"><img src="data:image/gif;base64,R0lGOD=">'
    export.write_bytes(x.classic(x.post("10", content=body)))
    assert main(["media", str(export), str(site), "-o", str(tmp_path / "media"), "-q"]) == 0
    assert server.log == []
    entries = {entry.key: entry for entry in read_manifest(tmp_path / "media").entries()}
    assert entries["web:photos.example.org/albums/2013/beach.jpg"].fetched_from == str(elsewhere)
    assert entries["picasa:-AbC/XyZ/AAAAAAAAAA/q1w2/big.png"].fetched_from == str(nested)
    assert [entry.status for key, entry in entries.items() if key.startswith("inline:")] == ["skipped"]
