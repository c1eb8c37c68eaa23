"""WARC input on our own fixtures (written with warcio's writer): the oracle, records, revisits, damage, zstd."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogport
import pagebuild as pb
import warcbuild as wb
from blogport import Archive
from blogport.cli import main
from blogport.formats.warc import iter_warc_images
from warcbuild import Rec

POST = pb.sample_post()
ITEM = POST.url
SECOND = pb.P(
    "4002",
    "Mesurer l'engagement",
    "mesurer",
    POST.when + timedelta(days=1),
    "<p>Rien.</p>" * 3,
    comments=[
        pb.C("7001", "Ana", POST.when + timedelta(days=2), "Oui !"),
    ],
)
SECOND.comments[0].replies.append(pb.C("7002", "Bo", POST.when + timedelta(days=3), "Non."))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def pages() -> list[tuple[str, bytes]]:
    """(URL, bytes) of a small crawl of one blog: item pages and their twins, a listing, Atom and JSON feeds."""
    return sorted(
        [
            (ITEM, pb.layouts_item(POST, "fr").encode()),
            (ITEM + "?m=1", pb.mobile_item(POST, "fr").encode()),
            (f"{ITEM}?showComment={pb.millis(POST.comments[0].when)}", pb.layouts_item(POST, "fr").encode()),
            (SECOND.url, pb.legacy_item(SECOND, "fr").encode()),
            (f"{pb.HOST}/2013/02/index.html", pb.listing_page([SECOND, POST], "fr").encode()),
            (f"{pb.HOST}/feeds/4001/comments/default", pb.comment_feed(POST, pb.flatten(POST.comments)).encode()),
            (
                f"{pb.HOST}/feeds/4002/comments/default?alt=json-in-script",
                wb.as_jsonp(wb.json_comment_feed(SECOND, pb.flatten(SECOND.comments))),
            ),
            (f"{pb.HOST}/feeds/posts/default?alt=json", json.dumps(wb.json_posts_feed([POST, SECOND])).encode()),
        ]
    )


def folder_of(tmp_path: Path, items: list[tuple[str, bytes]]) -> tuple[Path, dict[str, str]]:
    """The same pages saved as files (wget layout: host/path?query); file name -> URL."""
    root = tmp_path / "mirror"
    names = {}
    for url, body in items:
        path = root / url.split("://", 1)[1]
        if url.endswith("/default") or "/default?" in url:
            path = path.with_name(path.name + ".feed")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        names[str(path)] = url
    return root, names


def noise() -> list[Rec]:
    """Records a crawl holds that are no part of the blog."""
    return [
        Rec("https://www.blogger.com/static/v1/widgets/css/bundle.css", b"body{}" * 50, content_type="text/css"),
        Rec("https://example.org/", b"<html><body>another site</body></html>"),
        Rec(f"{pb.HOST}/2013/02/gone.html", b"<html>not found</html>", status="404 Not Found"),
        Rec(f"{pb.HOST}/2013/02/old.html", b"", status="301 Moved Permanently", location=ITEM),
        Rec("https://1.bp.blogspot.com/-a/b/c/s1600/photo.png", PNG, content_type="image/png"),
        Rec(ITEM, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", kind="request"),
    ]


def comparable(archive: Archive, names: dict[str, str]) -> Archive:
    """The archive with its provenance aside and file names in warnings replaced by URLs."""
    warnings = []
    for warning in archive.warnings:
        if ": read " in warning and "Blogger page" in warning:
            continue  # the WARC's own summary line
        for file, url in names.items():
            warning = warning.replace(file, url)
        warnings.append(warning.split("!", 1)[1] if ".warc" in warning.split(":", 1)[0] else warning)
    return attrs.evolve(archive, blog=attrs.evolve(archive.blog, source=None), warnings=tuple(warnings))


def by_id(archives: list[Archive]) -> dict[str | None, Archive]:
    return {a.blog.id: a for a in archives}


@pytest.mark.parametrize("gzip_records", [True, False], ids=["gzip-per-record", "uncompressed"])
def test_oracle_warc_reads_as_the_folder(tmp_path: Path, gzip_records: bool) -> None:
    items = pages()
    folder, names = folder_of(tmp_path, items)
    from_folder = blogport.read_all(folder)
    records = noise()[:3] + [Rec(url, body, content_type="") for url, body in items] + noise()[3:]
    warc = wb.write_warc(tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc"), records, gzip_records)
    from_warc = blogport.read_all(warc)
    assert len(from_folder) == len(from_warc) == 1
    assert comparable(from_warc[0], names) == comparable(from_folder[0], names)
    archive = from_warc[0]
    assert sorted(p.id for p in archive.posts) == ["4001", "4002"]
    assert [(c.id, c.parent_id) for c in archive.posts[0].all_comments()][:2] == [("5001", None), ("5002", "5001")]
    assert archive.blog.source is not None and archive.blog.source.format == "warc"
    assert archive.blog.source.files == (warc.name,)
    assert archive.blog.source.exported == datetime(2020, 5, 1, 10, tzinfo=UTC)
    summary = next(w for w in archive.warnings if "Blogger page" in w)
    assert "5 Blogger pages and 3 feeds" in summary and "1 image left" in summary
    assert "1 redirect, 1 error response" in summary and "blogport-tests/1.0" in summary


def test_chunked_and_gzip_encoded_bodies_are_decoded(tmp_path: Path) -> None:
    page = pb.layouts_item(POST, "fr").encode()
    warc = wb.write_warc(tmp_path / "a.warc.gz", [Rec(ITEM, page, chunked=True, gzipped=True)])
    plain = wb.write_warc(tmp_path / "b.warc.gz", [Rec(ITEM, page)])
    assert comparable(blogport.read(warc), {}).posts == comparable(blogport.read(plain), {}).posts
    assert len(list(blogport.read(warc).all_comments())) == 6


def test_charset_from_the_http_header(tmp_path: Path) -> None:
    post = pb.P("4009", "Café crème", "cafe", POST.when, "<p>Thé à l'été</p>")
    body = pb.layouts_item(post, "fr").encode("cp1252", errors="replace")
    warc = wb.write_warc(tmp_path / "a.warc", [Rec(post.url, body, content_type="text/html; charset=windows-1252")])
    [read] = blogport.read(warc).posts
    assert read.title == "Café crème" and "Thé à l'été" in read.content


def test_latest_capture_gives_the_body_and_comments_are_united(tmp_path: Path) -> None:
    old = pb.P(POST.id, POST.title, POST.slug, POST.when, "<p>Première version.</p>", comments=POST.comments[:1])
    new = pb.P(POST.id, POST.title, POST.slug, POST.when, "<p>Version corrigée.</p>", comments=POST.comments[1:])
    warc = wb.write_warc(
        tmp_path / "a.warc.gz",
        [
            Rec(ITEM, pb.layouts_item(new, "fr").encode(), date="2021-01-01T00:00:00Z"),
            Rec(ITEM, pb.layouts_item(old, "fr").encode(), date="2015-01-01T00:00:00Z"),
        ],
    )
    archive = blogport.read(warc)
    [read] = archive.posts
    assert "Version corrigée" in read.content
    assert sorted(c.id for c in read.all_comments()) == ["5001", "5002", "5003", "5004", "5005", "5006"]
    assert archive.blog.source is not None and archive.blog.source.exported == datetime(2021, 1, 1, tzinfo=UTC)
    assert read.published == POST.when  # capture times are never publication dates


def test_both_kinds_of_revisit_are_resolved(tmp_path: Path) -> None:
    page = pb.layouts_item(POST, "fr").encode()
    feed = pb.comment_feed(POST, pb.flatten(POST.comments)).encode()
    warc = wb.write_warc(
        tmp_path / "a.warc.gz",
        [
            Rec(ITEM, page, date="2019-01-01T00:00:00Z"),
            Rec(f"{pb.HOST}/feeds/4001/comments/default", feed, date="2019-01-01T00:00:00Z"),
            # identical-payload-digest: the same URL again, later
            Rec(
                ITEM,
                kind="revisit",
                refers_to=(ITEM, "2019-01-01T00:00:00Z"),
                digest_of=page,
                date="2022-06-01T00:00:00Z",
            ),
            # url-agnostic: another URL with the same payload
            Rec(
                f"{pb.HOST}/feeds/4001/comments/default?alt=atom",
                kind="revisit",
                refers_to=(f"{pb.HOST}/feeds/4001/comments/default", "2019-01-01T00:00:00Z"),
                digest_of=feed,
            ),
            # a revisit whose original is in no WARC given
            Rec(SECOND.url, kind="revisit", refers_to=(SECOND.url, "2010-01-01T00:00:00Z"), digest_of=b"elsewhere"),
        ],
    )
    archive = blogport.read(warc)
    assert [p.id for p in archive.posts] == ["4001"]
    assert len(list(archive.all_comments())) == 6
    assert archive.blog.source is not None and archive.blog.source.exported == datetime(2022, 6, 1, tzinfo=UTC)
    summary = next(w for w in archive.warnings if "Blogger page" in w)
    assert "3 revisits, 2 resolved" in summary
    [unresolved] = [w for w in archive.warnings if "revisit record" in w]
    assert SECOND.url in unresolved and "1 revisit" in unresolved


def test_a_revisit_is_resolved_across_warcs_by_digest(tmp_path: Path) -> None:
    page = pb.layouts_item(POST, "fr").encode()
    first = wb.write_warc(tmp_path / "a.warc.gz", [Rec(ITEM + "?m=0", page)])
    second = wb.write_warc(
        tmp_path / "b.warc.gz", [Rec(ITEM, kind="revisit", refers_to=("urn:x", "x"), digest_of=page)]
    )
    archive = blogport.read([first, second])
    assert not [w for w in archive.warnings if "revisit record" in w]
    assert len(list(archive.all_comments())) == 6


def test_two_blogs_in_one_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other_page = (
        pb.layouts_item(SECOND, "fr")
        .replace(pb.BLOG_ID, "1112223334445556667")
        .replace("carnet-de-test", "autre-carnet")
        .replace("Carnet de test", "Autre carnet")
    )
    warc = wb.write_warc(
        tmp_path / "two.warc.gz",
        [
            Rec(ITEM, pb.layouts_item(POST, "fr").encode()),
            Rec(SECOND.url.replace("carnet-de-test", "autre-carnet"), other_page.encode()),
        ],
    )
    archives = by_id(blogport.read_all(warc))
    assert set(archives) == {pb.BLOG_ID, "1112223334445556667"}
    assert [c.id for c in archives["1112223334445556667"].all_comments()] == ["7001", "7002"]
    assert len(list(archives[pb.BLOG_ID].all_comments())) == 6
    assert main(["info", str(warc)]) == 0
    out = capsys.readouterr().out
    assert "2 blogs" in out and "Autre carnet" in out and "Carnet de test" in out
    assert main(["convert", str(warc), "-o", str(tmp_path / "one.json"), "-q"]) == 2
    assert main(["convert", str(warc), "--blog", "Autre carnet", "-o", str(tmp_path / "one.json"), "-q"]) == 0
    assert json.loads((tmp_path / "one.json").read_text())["blog"]["id"] == "1112223334445556667"
    assert main(["convert", str(warc), "-t", "json", "-o", str(tmp_path / "all") + "/", "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == ["autre-carnet.json", "carnet-de-test.json"]


def test_images_come_out_of_the_warc(tmp_path: Path) -> None:
    warc = wb.write_warc(tmp_path / "a.warc.gz", [Rec(ITEM, pb.layouts_item(POST, "fr").encode()), *noise()])
    assert list(iter_warc_images(warc)) == [("https://1.bp.blogspot.com/-a/b/c/s1600/photo.png", "image/png", PNG)]


def test_truncated_file_keeps_what_came_before(tmp_path: Path) -> None:
    data = wb.warc_bytes(
        [Rec(ITEM, pb.layouts_item(POST, "fr").encode()), Rec(SECOND.url, pb.layouts_item(SECOND, "fr").encode())],
        gzip_records=False,
    )
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 2000])
    archive = blogport.read(path)
    assert [p.id for p in archive.posts] == ["4001"]
    assert any("truncated" in w and SECOND.url in w for w in archive.warnings)


@pytest.mark.parametrize("cut", [40, 400])
def test_truncated_gzip_file_is_reported(tmp_path: Path, cut: int) -> None:
    data = wb.warc_bytes(
        [Rec(ITEM, pb.layouts_item(POST, "fr").encode()), Rec(SECOND.url, pb.layouts_item(SECOND, "fr").encode())]
    )
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - cut])
    archive = blogport.read(path)
    assert [p.id for p in archive.posts] == ["4001"]
    assert any("truncated" in w for w in archive.warnings)


def test_corrupt_gzip_member_is_skipped_with_its_offset(tmp_path: Path) -> None:
    records = [
        Rec(ITEM, pb.layouts_item(POST, "fr").encode()),
        Rec(SECOND.url, pb.layouts_item(SECOND, "fr").encode()),
        Rec(f"{pb.HOST}/feeds/4001/comments/default", pb.comment_feed(POST, pb.flatten(POST.comments)).encode()),
    ]
    members = [wb.warc_bytes([r]) for r in records]
    # each warc_bytes() starts with a warcinfo member; find where the second record's member starts
    data = b"".join(members)
    starts = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    second = len(members[0]) + (starts[starts.index(len(members[0])) + 1] - len(members[0]))
    broken = bytearray(data)
    for index in range(second + 30, second + 60):
        broken[index] ^= 0x5A
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(bytes(broken))
    archive = blogport.read(path)
    assert [p.id for p in archive.posts] == ["4001"]
    assert len(list(archive.all_comments())) == 6  # the feed after the bad member was read
    assert any(f"corrupt gzip member at offset {second}" in w for w in archive.warnings)


def test_zstd_with_its_dictionary_in_a_skippable_frame(tmp_path: Path) -> None:
    records = [Rec(url, body, content_type="") for url, body in pages()] + noise()
    data, _ = wb.zstd_warc(records)
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(data)
    gz = wb.write_warc(tmp_path / "crawl.warc.gz", records)
    assert comparable(blogport.read(path), {}).posts == comparable(blogport.read(gz), {}).posts
    assert [url for url, _, _ in iter_warc_images(path)] == ["https://1.bp.blogspot.com/-a/b/c/s1600/photo.png"]


def test_zstd_dictionary_given_with_zstd_dict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, dictionary = wb.zstd_warc([Rec(ITEM, pb.layouts_item(POST, "fr").encode())], dictionary_in_file=False)
    path = tmp_path / "item.warc.zst"
    path.write_bytes(data)
    assert main(["info", str(path)]) == 3
    err = capsys.readouterr().err
    assert "--zstd-dict" in err and "Traceback" not in err
    (tmp_path / "dict").write_bytes(dictionary)
    assert main(["info", str(path), "--zstd-dict", str(tmp_path / "dict")]) == 0
    assert "comments: 6" in capsys.readouterr().out
    # the megaWARC that carries the dictionary works as well
    carrier, _ = wb.zstd_warc([Rec(ITEM, b"x")])
    (tmp_path / "mega.warc.zst").write_bytes(carrier)
    assert main(["info", str(path), "--zstd-dict", str(tmp_path / "mega.warc.zst")]) == 3  # another dictionary
    assert "not the one this file needs" in capsys.readouterr().err


def test_non_blogger_warc_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = wb.write_warc(tmp_path / "other.warc.gz", noise())
    assert main(["info", str(warc)]) == 3
    assert "no Blogger pages in this WARC" in capsys.readouterr().err


def test_arc_file_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.arc"
    path.write_bytes(b"filedesc://old.arc 0.0.0.0 20050101000000 text/plain 76\n1 0 Alexa Internet\n")
    assert main(["info", str(path)]) == 3
    err = capsys.readouterr().err
    assert "ARC file" in err and "not supported" in err and "Traceback" not in err


def test_warc_inside_a_folder_or_zip_and_forced(tmp_path: Path) -> None:
    data = wb.warc_bytes([Rec(ITEM, pb.layouts_item(POST, "fr").encode())])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "capture.bin").write_bytes(data)  # the name says nothing; the content decides
    assert len(list(blogport.read(folder).all_comments())) == 6
    with zipfile.ZipFile(tmp_path / "in.zip", "w") as archive:
        archive.writestr("crawl/capture.warc.gz", data)
    assert len(list(blogport.read(tmp_path / "in.zip").all_comments())) == 6
    assert len(list(blogport.read(folder / "capture.bin", format="warc").all_comments())) == 6


def test_forcing_warc_on_something_else_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.html"
    path.write_text(pb.layouts_item(POST, "fr"), "utf-8")
    assert main(["info", str(path), "--from", "warc"]) == 3
    assert "not a WARC file" in capsys.readouterr().err


@st.composite
def trees(draw: st.DrawFn) -> list[pb.C]:
    count = draw(st.integers(0, 12))
    made: list[pb.C] = []
    top: list[pb.C] = []
    for index in range(count):
        comment = pb.C(
            str(8000 + index),
            draw(st.sampled_from(["Ana", "Bo", "Zoé"])),
            POST.when + timedelta(minutes=index + 1),
            draw(st.sampled_from(["Oui.", "<b>Non</b>", "Peut-être…"])),
            deleted=draw(st.booleans()),
        )
        parent = draw(st.none() | st.sampled_from(made)) if made else None
        (parent.replies if parent else top).append(comment)
        made.append(comment)
    return top


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(trees(), st.booleans())
def test_random_threads_read_the_same_from_a_warc_and_a_folder(
    tmp_path: Path, thread: list[pb.C], mobile: bool
) -> None:
    post = pb.P(POST.id, POST.title, POST.slug, POST.when, POST.body, comments=thread)
    page = (pb.mobile_item if mobile else pb.layouts_item)(post, "fr").encode()
    items = [
        (post.url, page),
        (f"{pb.HOST}/feeds/4001/comments/default", pb.comment_feed(post, pb.flatten(thread)).encode()),
    ]
    case = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    case.mkdir()
    folder, names = folder_of(case, items)
    warc = wb.write_warc(case / "a.warc.gz", [Rec(url, body) for url, body in items])
    assert comparable(blogport.read(warc), names) == comparable(blogport.read(folder), names)


def test_whole_file_gzip_warc_reads_too(tmp_path: Path) -> None:
    import gzip

    plain = wb.warc_bytes([Rec(ITEM, pb.layouts_item(POST, "fr").encode()), *noise()], gzip_records=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain))
    archive = blogport.read(path)
    assert len(list(archive.all_comments())) == 6
    assert not [w for w in archive.warnings if "corrupt" in w or "truncated" in w]
