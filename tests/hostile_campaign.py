"""A hostile-input campaign: generated damaged inputs and output faults, each run through the CLI.

Every case must end with a documented exit code and at most one error line: never exit 1,
"internal error" or a traceback on stderr. ``python tests/hostile_campaign.py`` runs it all
and prints one line per case; the test suite runs the fast subset (``FAST``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import blogport
import xmlbuild as x

Case = tuple[str, Callable[[Path], list[str]], tuple[int, ...]]
FEED_NAME = "Takeout/Blogger/Blogs/B/feed.atom"


def _classic(comments: int = 30) -> bytes:
    entries = [x.post(str(i), title=f"T{i}") for i in range(1, 6)]
    entries += [x.comment(str(100 + i), str(1 + i % 5)) for i in range(comments)]
    return x.classic(*entries)


def _takeout() -> bytes:
    entries = [x.t_post(str(i), title=f"T{i}") for i in range(1, 6)]
    entries += [x.t_comment(str(100 + i), str(1 + i % 5)) for i in range(30)]
    return x.takeout(*entries)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _set_utf8_flag(data: bytes) -> bytes:
    out = bytearray(data)
    for magic, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(magic)
        while at >= 0:
            flags = int.from_bytes(out[at + offset : at + offset + 2], "little") | 0x800
            out[at + offset : at + offset + 2] = flags.to_bytes(2, "little")
            at = out.find(magic, at + 4)
    return bytes(out)


def _file(name: str, data: bytes, *args: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data)
        return [arg.replace("{in}", str(path)).replace("{dir}", str(folder)) for arg in args]

    return build


def _archive_json(**changes: object) -> bytes:
    data = {
        "format": "blogport-archive",
        "version": 1,
        "blog": {"id": "1", "title": "b", "source": {"format": "json", "files": ["a"]}},
        "posts": [{"id": "1", "title": "p", "content": "<p>x</p>", "comments": []}],
    }
    data.update(changes)
    return json.dumps(data).encode()


def _deep_json(depth: int) -> bytes:
    comment = '{"id": "%d", "post_id": "1", "content": "c", "replies": ['
    text = "".join(comment % i for i in range(depth)) + "]}" * depth
    return (
        '{"format": "blogport-archive", "version": 1, "blog": {"title": "b"}, '
        f'"posts": [{{"id": "1", "title": "p", "comments": [{text}]}}]}}'
    ).encode()


def _cases() -> list[Case]:
    classic, takeout = _classic(), _takeout()
    good_zip = _zip({FEED_NAME: takeout})
    central = good_zip.rfind(b"PK\x01\x02")
    start = good_zip.find(b"PK\x03\x04") + 30 + len(FEED_NAME)
    corrupt = bytearray(good_zip)
    for index in range(start + 20, start + 80):
        corrupt[index] ^= 0x5A
    bad_name = _set_utf8_flag(_zip({"Bx/feed.atom": takeout}).replace(b"Bx/", b"B\xff/"))
    page = _page_with_comment_time("1360924200000")
    convert = ("convert", "{in}", "--to", "json", "-o", "{dir}/out.json")
    info = ("info", "{in}")
    cases: list[Case] = [
        # zip
        ("zip: member names flagged UTF-8 that are not", _file("a.zip", bad_name, *info), (3,)),
        (
            "zip: corrupt central directory",
            _file("a.zip", good_zip[:central] + b"\0junk!!" + good_zip[central + 7 :], *info),
            (3,),
        ),
        ("zip: corrupt member data", _file("a.zip", bytes(corrupt), *info), (3,)),
        ("zip: cut off", _file("a.zip", good_zip[: len(good_zip) // 2], *info), (3,)),
        ("zip: cut off, --salvage", _file("a.zip", good_zip[: len(good_zip) * 3 // 4], *info, "--salvage"), (0, 3)),
        ("zip: empty", _file("a.zip", b"PK\x03\x04", *info), (3,)),
        # XML
        ("xml: classic cut in half", _file("a.xml", classic[: len(classic) // 2], *convert), (3,)),
        (
            "xml: classic cut in half, --salvage",
            _file("a.xml", classic[: len(classic) // 2], *convert, "--salvage"),
            (0,),
        ),
        ("xml: takeout cut, --salvage", _file("a.atom", takeout[: len(takeout) * 2 // 3], *info, "--salvage"), (0,)),
        ("xml: garbage in the middle", _file("a.xml", classic[:3000] + b"\x01<<&&" + classic[3000:], *convert), (3,)),
        ("xml: invalid UTF-8", _file("a.xml", classic[:3000] + b"\xff\xfe\xfd" + classic[3000:], *convert), (3,)),
        (
            "xml: DTD",
            _file("a.xml", b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "b">]>' + classic[40:], *info),
            (3,),
        ),
        ("xml: root only", _file("a.xml", b"<feed xmlns='http://www.w3.org/2005/Atom'/>", *info), (3,)),
        ("xml: WXR with nan coordinates", _file("a.wxr", _wxr_with_coordinates("nan", "inf"), *convert), (0,)),
        (
            "xml: year 1 and 9999 with offsets to WXR",
            _file("a.xml", _edge_dates(), "convert", "{in}", "--to", "wxr", "-o", "{dir}/o.wxr"),
            (0,),
        ),
        (
            "xml: year 1 and 9999 with offsets to Markdown",
            _file("a.xml", _edge_dates(), "convert", "{in}", "--to", "markdown", "-o", "{dir}/site"),
            (0,),
        ),
        (
            "xml: 5000-digit comment id",
            _file("a.xml", x.classic(x.post("1"), x.comment("9" * 5000, "1")), *convert),
            (0,),
        ),
        # JSON
        (
            "json: 5000-digit number",
            _file(
                "a.json",
                _archive_json(posts=[{"id": "1", "n": int("9" * 4000)}]).replace(b"9" * 4000, b"9" * 5000),
                *convert,
            ),
            (3,),
        ),
        ("json: version true", _file("a.json", _archive_json(version=True), *convert), (3,)),
        ("json: version 1.0", _file("a.json", _archive_json(version=1.0), *convert), (3,)),
        (
            "json: non-string source files",
            _file("a.json", _archive_json(blog={"title": "b", "source": {"format": "x", "files": [1, {}]}}), *convert),
            (3,),
        ),
        (
            "json: lone surrogate to Markdown",
            _file(
                "a.json",
                _archive_json().replace(b"<p>x</p>", b"<p>\\ud800</p>"),
                "convert",
                "{in}",
                "--to",
                "markdown",
                "-o",
                "{dir}/site",
            ),
            (0,),
        ),
        ("json: 10,000-deep thread", _file("a.json", _deep_json(10_000), *convert), (0,)),
        (
            "json: 10,000-deep thread to Markdown",
            _file(
                "a.json",
                _deep_json(10_000),
                "convert",
                "{in}",
                "--to",
                "markdown",
                "--comments",
                "data",
                "-o",
                "{dir}/site",
            ),
            (0,),
        ),
        ("json: truncated", _file("a.json", _archive_json()[:-10], *convert), (3,)),
        (
            "json: deep non-comment nesting",
            _file(
                "a.json",
                _archive_json(warnings=[]).replace(b'"warnings": []', b'"warnings": ' + b"[" * 50_000 + b"]" * 50_000),
                *convert,
            ),
            (3,),
        ),
        # HTML
        (
            "html: showComment out of range",
            _file("a.html", _page_with_comment_time("9999999999999999"), *convert),
            (0,),
        ),
        ("html: empty page", _file("a.html", b"<html></html>", *info), (3,)),
        ("html: page cut mid-comment", _file("a.html", page[: page.index(b"hello") + 2], *info), (3,)),
        (
            "html: page cut mid-comment, --salvage",
            _file("a.html", page[: page.index(b"hello") + 2], *convert, "--salvage"),
            (0,),
        ),
        (
            "html: XHTML with an XML prolog",
            _file("a.html", b'<?xml version="1.0" encoding="utf-8"?>' + page, *info),
            (0,),
        ),
        ("html: UTF-16 page", _file("a.html", page.decode().encode("utf-16"), *convert), (0,)),
        ("xml: UTF-16 classic", _file("a.xml", _utf16(classic), *convert), (0,)),
        (
            "xml: UTF-16 classic with a DTD",
            _file("a.xml", _utf16(b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "b">]>' + classic[40:]), *info),
            (3,),
        ),
        ("html: binary", _file("a.html", bytes(random.Random(1).randrange(256) for _ in range(5000)), *info), (3,)),
        # output faults
        ("output: /dev/full", _file("a.xml", classic, "convert", "{in}", "--to", "json", "-o", "/dev/full"), (4,)),
        (
            "output: /dev/full as WXR",
            _file("a.xml", classic, "convert", "{in}", "--to", "wxr", "-o", "/dev/full"),
            (4,),
        ),
        ("output: /dev/null", _file("a.xml", classic, "convert", "{in}", "--to", "wxr", "-o", "/dev/null"), (0,)),
        ("output: missing folder", _file("a.xml", classic, "convert", "{in}", "-o", "{dir}/no/such/out.json"), (4,)),
        (
            "output: Markdown over a file",
            _file("a.xml", classic, "convert", "{in}", "--to", "markdown", "-o", "{in}"),
            (4,),
        ),
    ]
    return cases


def _wxr_with_coordinates(latitude: str, longitude: str) -> bytes:
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{value}</wp:meta_value></wp:postmeta>"
        for key, value in (("geo_latitude", latitude), ("geo_longitude", longitude))
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>p</title><wp:post_id>1</wp:post_id>"
        f"<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>{meta}</item></channel></rss>"
    ).encode()


def _edge_dates() -> bytes:
    return x.classic(
        x.post("1", published="0001-01-01T00:30:00.000+05:00"),
        x.post("2", published="9999-12-31T23:30:00.000-05:00"),
        x.comment("10", "1", published="0001-01-01T00:00:00.000+14:00"),
    )


def _utf16(document: bytes) -> bytes:
    """The document in UTF-16 with a byte-order mark, its declaration saying so."""
    text = document.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    return text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


def _page_with_comment_time(millis: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta content='blogger' name='generator'/>"
        "<link href='https://b.blogspot.com/2020/01/p.html' rel='canonical'/></head><body>"
        "<div class='post hentry'><a name='123'></a><h3 class='post-title entry-title'>P</h3>"
        "<div class='post-body entry-content' id='post-body-123'>body</div></div>"
        "<div class='comments' id='comments'><div class='comment-thread'><ol>"
        "<li class='comment' id='c456'><div class='comment-block'><div class='comment-header'>"
        "<cite class='user'>A</cite><span class='datetime secondary-text'>"
        f"<a href='https://b.blogspot.com/2020/01/p.html?showComment={millis}#c456'>x</a></span></div>"
        "<p class='comment-content'>hello</p></div></li></ol></div></div></body></html>"
    ).encode()


def _limited(limit_bytes: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


def check(result: subprocess.CompletedProcess[str], allowed: tuple[int, ...]) -> str | None:
    """Why a run is not acceptable (``None``: it is)."""
    if result.returncode == 1 or "internal error" in result.stderr or "Traceback" in result.stderr:
        return f"internal error (exit {result.returncode}): {result.stderr.strip()[-300:]}"
    if result.returncode not in allowed:
        return f"exit {result.returncode}, expected {allowed}: {result.stderr.strip()[-300:]}"
    if sum(1 for line in result.stderr.splitlines() if "error:" in line) > 1:
        return f"more than one error line: {result.stderr.strip()[-300:]}"
    return None


def run_case(case: Case, folder: Path, preexec: Callable[[], None] | None = None) -> str | None:
    """Run one case in ``folder``; the reason it failed, or ``None``."""
    _name, build, allowed = case
    argv = build(folder)
    result = subprocess.run(
        [sys.executable, "-m", "blogport", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        preexec_fn=preexec,
    )
    return check(result, allowed)


def full_disk_case(folder: Path) -> str | None:
    """A Markdown site on a disk that fills up: exit 4 and no partial site."""
    source = folder / "a.xml"
    source.write_bytes(_classic())
    site = folder / "site"
    result = subprocess.run(
        [sys.executable, "-m", "blogport", "convert", str(source), "--to", "markdown", "-o", str(site)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limited(100),
    )
    problem = check(result, (4,))
    if problem is None and (site.exists() or any(p.name.startswith(".") for p in folder.iterdir())):
        problem = f"a partial site or staging folder was left: {sorted(p.name for p in folder.iterdir())}"
    return problem


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux)."""
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return found


def start_workers(folder: Path) -> tuple[subprocess.Popen[str], list[int]] | None:
    """A Markdown conversion running in two forked workers (``None`` if it ended before they showed)."""
    body = "<p>" + "Lorem <b>ipsum</b> dolor <a href='http://x.example/'>link</a> amet. " * 300 + "</p>"
    posts = tuple(blogport.Post(id=str(i), title=f"P{i}", content=body) for i in range(2400))
    blogport.write(blogport.Archive(blog=blogport.Blog(title="b"), posts=posts), folder / "big.json")
    command = [sys.executable, "-m", "blogport", "convert", str(folder / "big.json"), "--to", "markdown"]
    proc = subprocess.Popen(
        [*command, "--jobs", "2", "-o", str(folder / "site")],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(children(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.01)
    workers = children(proc.pid)
    if len(workers) < 2:
        proc.kill()
        proc.wait()
        return None
    return proc, workers


def interrupt_case(folder: Path) -> str | None:
    """Ctrl-C (SIGINT to the process group) while forked workers run: exit 130, one line."""
    started = start_workers(folder)
    if started is None:
        return None
    proc, _workers = started
    time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _out, err = proc.communicate(timeout=60)
    if proc.returncode != 130 or err.strip().splitlines() != ["blogport: interrupted; nothing was written"]:
        return f"exit {proc.returncode}: {err.strip()[-300:]}"
    if (folder / "site").exists():
        return "a partial site was left"
    return None


FAST = (
    "zip: member names flagged UTF-8 that are not",
    "zip: corrupt central directory",
    "zip: corrupt member data",
    "xml: classic cut in half, --salvage",
    "xml: WXR with nan coordinates",
    "xml: year 1 and 9999 with offsets to WXR",
    "json: version true",
    "json: 5000-digit number",
    "json: lone surrogate to Markdown",
    "output: /dev/full",
    "html: page cut mid-comment, --salvage",
    "xml: UTF-16 classic with a DTD",
)


def cases(names: tuple[str, ...] | None = None) -> list[Case]:
    """The campaign's cases (all, or those named)."""
    every = _cases()
    return every if names is None else [case for case in every if case[0] in names]


def main() -> int:
    """Run every case; print one line each; exit 1 if any failed."""
    failures = 0
    every = cases()
    for case in every:
        with tempfile.TemporaryDirectory() as folder:
            problem = run_case(case, Path(folder))
        failures += problem is not None
        print(f"{'FAIL' if problem else 'ok  '} {case[0]}" + (f": {problem}" if problem else ""))
    extra: list[tuple[str, Callable[[Path], str | None]]] = [
        ("output: full disk during a Markdown site", full_disk_case),
        ("signal: Ctrl-C while forked workers run", interrupt_case),
    ]
    for name, run in extra:
        with tempfile.TemporaryDirectory() as folder:
            problem = run(Path(folder))
        failures += problem is not None
        print(f"{'FAIL' if problem else 'ok  '} {name}" + (f": {problem}" if problem else ""))
    print(f"{len(every) + len(extra)} cases, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
