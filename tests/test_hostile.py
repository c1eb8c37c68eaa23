"""Hostile input and output faults (issue 9, points 8-16, and --salvage): one regression test each,
plus the fast subset of the campaign in ``hostile_campaign.py``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blogport
import hostile_campaign as campaign
import xmlbuild as x
from blogport import Archive, Blog, Comment, InputError, OutputError, Post
from blogport.cli import main
from blogport.deepjson import loads as deep_loads
from blogport.formats import json_archive
from blogport.formats.wxr import regex_parser
from blogport.options import ReadOptions, WriteOptions
from blogport.threads import assemble
from paths import CLASSIC_SAMPLE

EDGES = [
    datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14))),
]


def _archive(posts: tuple[Post, ...]) -> Archive:
    return Archive(blog=Blog(title="b"), posts=posts)


def _chain(depth: int) -> Archive:
    comments = [
        Comment(id=str(i), post_id="1", parent_id=str(i - 1) if i > 1 else None, content=f"c{i}")
        for i in range(1, depth + 1)
    ]
    return assemble(Blog(title="b"), [Post(id="1", title="p")], comments, [])


# 8. calendar edges


@pytest.mark.parametrize("moment", EDGES)
@pytest.mark.parametrize(("fmt", "name"), [("json", "o.json"), ("wxr", "o.xml"), ("markdown", "site")])
def test_calendar_edges_are_written_by_every_writer(tmp_path: Path, moment: datetime, fmt: str, name: str) -> None:
    posts = (
        Post(id="1", title="a", published=moment, updated=moment, comments=(Comment(id="9", published=moment),)),
        Post(id="2", title="a", published=moment),
    )
    written = blogport.write(_archive(posts), tmp_path / name, fmt)
    assert written.paths
    if fmt == "json":
        again = blogport.read(tmp_path / name)
        assert again.posts[0].published == moment


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)), st.integers(-14, 14))
@settings(max_examples=40, deadline=None)
def test_any_model_timestamp_writes_as_wxr(naive: datetime, hours: int) -> None:
    import io

    moment = naive.replace(tzinfo=timezone(timedelta(hours=hours)))
    stream = io.StringIO()
    blogport.write(
        _archive((Post(id="1", published=moment, comments=(Comment(id="2", published=moment),)),)), stream, "wxr"
    )
    assert "<wp:post_date_gmt>" in stream.getvalue()


# 9. depth


def test_a_10000_deep_thread_round_trips_through_json(tmp_path: Path) -> None:
    archive = _chain(10_000)
    blogport.write(archive, tmp_path / "deep.json")
    started = time.perf_counter()
    again = blogport.read(tmp_path / "deep.json")
    assert time.perf_counter() - started < 10  # measured 0.25 s; quadratic paths took 18 s
    assert json_archive.dumps(again) == json_archive.dumps(archive)
    assert again.posts[0].comments[0].replies[0].replies[0].id == "3"


@pytest.mark.parametrize("comments", ["inline", "data"])
@pytest.mark.parametrize("flavor", ["hugo", "plain"])
def test_a_10000_deep_thread_writes_a_bounded_markdown_site(tmp_path: Path, flavor: str, comments: str) -> None:
    written = blogport.write(
        _chain(10_000), tmp_path / "site", "markdown", WriteOptions(flavor=flavor, comments=comments)
    )
    size = sum(p.stat().st_size for p in written.paths)
    assert size < 10_000_000  # nested quotes would take ~300 MB
    assert any("deeper than 32 levels" in w for w in written.warnings)
    text = "".join(p.read_text("utf-8") for p in written.paths)
    assert "c9999" in text and "c10000" in text


def test_a_10000_deep_thread_as_wxr(tmp_path: Path) -> None:
    written = blogport.write(_chain(10_000), tmp_path / "o.xml", "wxr")
    assert written.paths[0].read_text("utf-8").count("<wp:comment>") == 10_000


def test_deep_decoder_matches_json_loads() -> None:
    for text in ['{"a": [1, 2.5, -3e2, "\\u00e9", true, false, null, {}, []]}', "[[[]]]", ' "x" ']:
        assert deep_loads(text) == json.loads(text)
    for bad in ["[1,]", '{"a" 1}', "[1] x", "{", "01"]:
        with pytest.raises(json.JSONDecodeError):
            deep_loads(bad)
    assert deep_loads("[" * 100_000 + "]" * 100_000) is not None


# 10. JSON archive


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": True}, "version True"),
        ({"version": 1.0}, "version 1.0"),
        ({"blog": {"title": "b", "source": {"format": "x", "files": ["a", 1]}}}, "list of strings"),
        ({"warnings": [["x"]]}, "list of strings"),
    ],
)
def test_archive_types_are_checked(tmp_path: Path, change: dict, message: str) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(campaign._archive_json(**change))
    with pytest.raises(InputError, match=message):
        blogport.read(path)


def test_a_5000_digit_number_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(campaign._archive_json().decode().replace('"title": "p"', '"title": "p", "n": ' + "7" * 5000))
    with pytest.raises(InputError, match="digits"):
        blogport.read(path)


def test_lone_surrogates_become_replacement_characters_in_markdown(tmp_path: Path) -> None:
    archive = _archive((Post(id="1", title="t\ud800", content="<p>a\udfffb</p>"),))
    written = blogport.write(archive, tmp_path / "site", "markdown")
    assert any("2 lone surrogate" in w for w in written.warnings)
    text = "".join(p.read_text("utf-8") for p in written.paths)
    assert "t\ufffd" in text and "a\ufffdb" in text


# 11. zips


@pytest.mark.parametrize(
    "name",
    ["zip: member names flagged UTF-8 that are not", "zip: corrupt central directory", "zip: corrupt member data"],
)
def test_damaged_zips_are_input_errors(tmp_path: Path, name: str) -> None:
    (case,) = campaign.cases((name,))
    argv = case[1](tmp_path)
    with pytest.raises(InputError):
        blogport.read(argv[1])


# 12. out-of-range numbers


def test_show_comment_out_of_range_keeps_no_time(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(campaign._page_with_comment_time("9999999999999999"))
    archive = blogport.read(page)
    comments = list(archive.all_comments())
    assert comments and all(c.published is None or c.published.year < 10_000 for c in comments)


def test_wxr_nan_coordinates_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.wxr"
    path.write_bytes(campaign._wxr_with_coordinates("nan", "inf"))
    archive = blogport.read(path)
    location = archive.posts[0].location
    assert location is None or (location.latitude is None and location.longitude is None)
    assert any("not a finite number" in w for w in archive.warnings)


def test_one_finite_number_parser() -> None:
    from blogport.model import parse_finite

    assert [parse_finite(t) for t in ("1.5", "nan", "inf", "-1e999", "x", None)] == [1.5, None, None, None, None, None]


# 13. output faults


def test_a_full_disk_leaves_no_partial_site(tmp_path: Path) -> None:
    assert campaign.full_disk_case(tmp_path) is None


def test_a_failed_forced_rerun_changes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "markdown", "-o", str(site), "-q"]) == 0
    edited = next((site / "content" / "posts").iterdir())
    edited.write_text("mine")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "blogport",
            "convert",
            str(CLASSIC_SAMPLE),
            "--to",
            "markdown",
            "-o",
            str(site),
            "--force",
        ],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=campaign._limited(3),
    )
    assert result.returncode == 4 and "cannot write" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_unwritable_folders_are_output_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    archive = blogport.read(CLASSIC_SAMPLE)
    for fmt, name in (("json", "a.json"), ("wxr", "a.xml"), ("markdown", "site")):
        with pytest.raises(OutputError, match="Permission denied"):
            blogport.write(archive, tmp_path / name, fmt)
    assert list(tmp_path.iterdir()) == []


# 14. non-regular targets


def test_devices_and_fifos_are_written_into(tmp_path: Path) -> None:
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", "/dev/null", "-q"]) == 0
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(fifo), "-q"]) == 0
    out = reader.communicate(timeout=30)[0]
    assert out.startswith(b'{"format": "blogport-archive"')
    assert fifo.is_fifo()


def test_dev_stdout_is_written_into() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "blogport", "convert", str(CLASSIC_SAMPLE), "-o", "/dev/stdout", "-q"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith(b'{"format"')
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()


# 15. signals


def _start_workers(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int]]:
    started = campaign.start_workers(tmp_path)
    if started is None:
        pytest.skip("the conversion ended before its workers could be seen")
    return started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_with_workers_is_one_line_and_exit_130(tmp_path: Path) -> None:
    assert campaign.interrupt_case(tmp_path) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_main_process(tmp_path: Path) -> None:
    proc, workers = _start_workers(tmp_path)
    proc.kill()
    proc.wait()
    deadline = time.time() + 10
    alive = workers
    while alive and time.time() < deadline:
        time.sleep(0.05)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and ") Z" not in Path(f"/proc/{w}/stat").read_text()]
    for worker in alive:  # cleanup of what the test started, before failing
        os.kill(worker, signal.SIGKILL)
    assert alive == []


# 16. WordPress's regex parser


def test_bodies_the_regex_parser_would_alter_are_named(tmp_path: Path) -> None:
    posts = (
        Post(id="1", title="long", content="<p>" + "word " * 4000 + "</p>"),
        Post(id="2", title="trailing", content="one   \ntwo"),
        Post(id="3", title="br", content="a<br>b"),
        Post(id="4", title="lines", content="\n".join("<p>" + "x" * 8000 + "</p>" for _ in range(3))),
        Post(id="5", title="ok", content="<p>plain</p>", comments=(Comment(id="9", content="c " * 5000),)),
    )
    written = blogport.write(_archive(posts), tmp_path / "o.xml", "wxr")
    (warning,) = [w for w in written.warnings if "WXR_Parser_Regex" in w]
    assert warning.startswith("4 bod") and 'post 1 ("long")' in warning and 'comment 9 on post 5 ("ok")' in warning
    assert "post 4" not in warning  # lines under 8,191 bytes pass whole
    assert not regex_parser.changes("é" * 2000, 30, True)
    assert regex_parser.changes("é" * 4100, 30, True)  # 8,200 bytes on one line


# --salvage


def test_a_truncated_classic_export_is_refused_by_default_and_salvaged_on_request(tmp_path: Path) -> None:
    data = campaign._classic(comments=30)
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: data.index(b"post-120<") + 20])  # inside the 21st comment
    with pytest.raises(InputError, match="not well-formed"):
        blogport.read(path)
    archive = blogport.read(path, options=ReadOptions(salvage=True))
    assert len(archive.posts) == 5
    assert sum(1 for _ in archive.all_comments()) == 20
    notes = [w for w in archive.warnings if "salvaged" in w]
    assert "breaks at line" in notes[0] and "could not be read" in notes[0]
    assert "comment lists of all 5 posts may be incomplete" in notes[1]


def test_a_takeout_zip_cut_before_its_directory_is_salvaged(tmp_path: Path) -> None:
    entries = [x.t_post(str(i), title=f"T{i}") for i in range(1, 200)]
    data = campaign._zip({campaign.FEED_NAME: x.takeout(*entries)})
    path = tmp_path / "takeout.zip"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="--salvage"):
        blogport.read(path)
    archive = blogport.read(path, options=ReadOptions(salvage=True))
    assert 0 < len(archive.posts) < 199
    assert any("cut off" in w for w in archive.warnings)


def test_salvage_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.xml"
    path.write_bytes(CLASSIC_SAMPLE.read_bytes()[:9000])
    assert main(["info", str(path)]) == 3
    assert main(["info", "--salvage", str(path)]) == 0
    assert "salvaged: the document breaks" in capsys.readouterr().out
    assert main(["convert", "--salvage", str(path), "-o", str(tmp_path / "o.json"), "-q"]) == 0


# the campaign


@pytest.mark.parametrize("case", campaign.cases(campaign.FAST), ids=lambda case: case[0])
def test_campaign_fast_subset(tmp_path: Path, case: campaign.Case) -> None:
    assert campaign.run_case(case, tmp_path) is None
