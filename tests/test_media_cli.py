"""``blogport media`` as a user runs it: exit codes, summary, offline sources; and the core never connects."""

from __future__ import annotations

import importlib
import pkgutil
import socket
import sys
from pathlib import Path

import pytest

import blogport
import xmlbuild as x
from blogport.cli import main
from blogport.media.manifest import read_manifest
from blogport.media.offline import find_offline
from blogport.media.references import collect_images
from blogport.model import Archive, Blog, Post
from mediaserve import Reply, Script, png
from paths import CLASSIC_SAMPLE
from warcbuild import Rec, write_warc

BASE = "http://2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2"
PHOTO = png(12, 8, b"cli")


def _export(tmp_path: Path, *bodies: str) -> Path:
    path = tmp_path / "blog.xml"
    path.write_bytes(x.classic(*(x.post(f"{i}0", content=body) for i, body in enumerate(bodies, start=1))))
    return path


def test_media_fetches_lists_failures_and_exits_0_or_3_with_strict(
    tmp_path: Path, server: Script, capsys: pytest.CaptureFixture[str]
) -> None:
    server.on(f"{BASE}/s0/ok.png", Reply(body=PHOTO))
    export = _export(tmp_path, f'<img src="{BASE}/s320/ok.png"><img src="{BASE}/s320/gone.png">')
    media = tmp_path / "media"
    assert main(["media", str(export), "-o", str(media), "--retries", "0"]) == 0
    err = capsys.readouterr().err
    assert "failed: picasa:-AbC/XyZ/AAAAAAAAAA/q1w2/gone.png: HTTP 404" in err
    assert "2 images found: 1 ok (1 fetched, 0 from disk" in err and "1 failed (http-404: 1)" in err
    assert main(["media", str(export), "-o", str(media), "--strict", "--retries", "0"]) == 3
    assert "1 already stored" in capsys.readouterr().err


def test_ctrl_c_exits_130_and_keeps_the_journal(
    tmp_path: Path, server: Script, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import blogport.media.run as media_run

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(media_run, "fetch_media", interrupted)
    assert main(["media", str(_export(tmp_path, "<p>x</p>")), "-o", str(tmp_path / "m")]) == 130
    assert "run the same command again to resume" in capsys.readouterr().err


def test_without_the_extra_media_exits_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)
    assert main(["media", str(CLASSIC_SAMPLE), "-o", str(tmp_path / "m")]) == 2
    assert "pip install 'blogport[media]'" in capsys.readouterr().err


def test_a_missing_input_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["media", str(tmp_path / "nope.xml"), "-o", str(tmp_path / "m")]) == 3
    assert capsys.readouterr().err.count("\n") == 1


def test_images_in_a_wget_mirror_and_a_saved_pages_folder_need_no_request(tmp_path: Path, server: Script) -> None:
    site = tmp_path / "site"
    mirrored = site / "2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2/s1600/big.png"
    mirrored.parent.mkdir(parents=True)
    mirrored.write_bytes(png(16, 16, b"mirror"))
    small = site / "2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2/s200/big.png"
    small.parent.mkdir(parents=True)
    small.write_bytes(png(2, 2, b"small"))
    saved = site / "post_files" / "saved.png"
    saved.parent.mkdir()
    saved.write_bytes(png(4, 4, b"saved"))
    (site / "post_files" / "page.css").write_text("body{}")
    export = tmp_path / "blog.xml"
    export.write_bytes(
        x.classic(x.post("10", content=f'<img src="{BASE}/s200/big.png"><img src="{BASE}/s320/saved.png">'))
    )
    assert main(["media", str(export), str(site), "-o", str(tmp_path / "media"), "-q"]) == 0
    assert server.log == []
    entries = {entry.name: entry for entry in read_manifest(tmp_path / "media").entries()}
    assert (entries["big.png"].width, entries["big.png"].origin) == (16, "disk")
    assert entries["saved.png"].fetched_from == str(saved)


def test_images_inside_a_warc_are_taken_from_it_largest_variant_first(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            Rec(f"{BASE}/s320/in-warc.png", png(3, 3, b"a"), content_type="image/png"),
            Rec(f"{BASE}/s1600/in-warc.png", png(9, 9, b"b"), content_type="image/png"),
            Rec(f"{BASE}/s1600/error.png", b"<html>no</html>", content_type="image/png"),
        ],
    )
    archive = Archive(blog=Blog(), posts=(Post(id="p", content=f'<img src="{BASE}/s320/in-warc.png">'),))
    wanted = collect_images(archive, comments=False, avatars=False)
    [found] = find_offline([], wanted, [warc])
    assert (found.origin, found.data) == ("warc", png(9, 9, b"b"))


def test_nothing_but_blogport_media_opens_a_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for module in pkgutil.walk_packages(blogport.__path__, "blogport."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    for target, extra in (("json", []), ("wxr", []), ("markdown", ["--flavor", "hugo"]), ("html", [])):
        out = tmp_path / target
        assert main(["convert", str(CLASSIC_SAMPLE), "--to", target, "-o", str(out), "-q", *extra]) == 0
    assert main(["info", str(CLASSIC_SAMPLE)]) == 0


def test_the_progress_bar_counts_images_stored_by_earlier_runs(
    tmp_path: Path, server: Script, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server.on(f"{BASE}/s0/one.png", Reply(body=PHOTO))
    server.on(f"{BASE}/s0/two.png", Reply(body=png(1, 1)))
    media = tmp_path / "media"
    assert main(["media", str(_export(tmp_path, f'<img src="{BASE}/s1/one.png">')), "-o", str(media), "-q"]) == 0
    export = _export(tmp_path, f'<img src="{BASE}/s1/one.png"><img src="{BASE}/s1/two.png">')
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["media", str(export), "-o", str(media)]) == 0
    err = capsys.readouterr().err
    assert "images:" in err and "2/2" in err and "1/2" not in err
    assert "1 fetched" in err and "1 already stored" in err


def test_a_saved_page_and_its_files_folder_give_the_image_with_no_request(tmp_path: Path, server: Script) -> None:
    import pagebuild as pb

    post = pb.sample_post()
    post.body = f'<a href="{BASE}/s1600/holiday.jpg"><img src="page_files/holiday.jpg"></a>'
    page = tmp_path / "page.html"
    page.write_text(pb.layouts_item(post, "fr"), "utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "holiday.jpg").write_bytes(PHOTO)
    assert main(["media", str(page), "-o", str(tmp_path / "media"), "-q"]) == 0
    assert server.log == []
    [entry] = read_manifest(tmp_path / "media").entries()
    assert (entry.key, entry.origin, entry.fetched_from) == (
        "picasa:-AbC/XyZ/AAAAAAAAAA/q1w2/holiday.jpg",
        "disk",
        str(tmp_path / "page_files" / "holiday.jpg"),
    )


def test_a_warc_input_gives_its_pages_images_with_no_request(tmp_path: Path, server: Script) -> None:
    import pagebuild as pb

    post = pb.sample_post()
    post.body = f'<a href="{BASE}/s1600/crawled.png"><img src="{BASE}/s320/crawled.png"></a>'
    item = f"{pb.HOST}/2013/02/{post.slug}.html"
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            Rec(item, pb.layouts_item(post, "fr").encode()),
            Rec(f"{BASE}/s320/crawled.png", png(3, 2, b"small"), content_type="image/png"),
            Rec(f"{BASE}/s1600/crawled.png", png(30, 20, b"large"), content_type="image/png"),
        ],
    )
    assert main(["media", str(warc), "-o", str(tmp_path / "media"), "-q"]) == 0
    assert server.log == []
    [entry] = read_manifest(tmp_path / "media").entries()
    assert (entry.origin, entry.width, entry.fetched_from) == ("warc", 30, f"{warc}#{BASE}/s1600/crawled.png")
