"""The command line, as a user runs it: exit codes, one-line errors, atomic and safe output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import xmlbuild as x
from blogport.cli import main
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blogport", *args], capture_output=True, text=True, check=False)


def test_python_dash_m_converts_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "blog.json"
    result = run("convert", str(CLASSIC_SAMPLE), "--to", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["blog"]["title"] == "Carnet de bord numérique"
    assert "wrote" in result.stderr


def test_info_prints_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(CLASSIC_SAMPLE)]) == 0
    out = capsys.readouterr().out
    for line in (
        "posts: 4",
        "pages: 1",
        "drafts: 1",
        "scheduled: 1",
        "comments: 10",
        "replies: 5",
        "deleted comments: 1",
        "orphan comments: 0",
        "labels: 5",
    ):
        assert line in out


def test_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json", str(TAKEOUT_SAMPLE)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["comments"] == 10 and figures["format"] == "blogger-takeout"


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "blog.json"
    out.write_text("precious")
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(out)]) == 4
    assert out.read_text() == "precious"
    assert "--force" in capsys.readouterr().err
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(out), "--force"]) == 0
    assert out.read_text("utf-8").startswith('{"format": "blogport-archive"')


def test_failed_run_leaves_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(x.classic(x.post("1"), x.post("2"))[:-100])
    out = tmp_path / "out.json"
    assert main(["convert", str(bad), "-o", str(out)]) == 3
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.xml:1:" in err and "Traceback" not in err


def test_interrupted_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from blogport.formats.json_archive import writer

    def explode(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "write", explode)
    out = tmp_path / "out.json"
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(out)]) == 130
    assert list(tmp_path.iterdir()) == []


def test_stdout_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", "-", "-q"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["format"] == "blogport-archive"
    assert captured.err == ""


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["convert", "/no/such/file.xml", "-o", "-"], 3),
        (["info", "/no/such/file.xml"], 3),
        (["convert", str(CLASSIC_SAMPLE), "-o", "/no/such/folder/out.json"], 4),
        (["convert", str(CLASSIC_SAMPLE), "--blog", "other", "-o", "-"], 2),
    ],
)
def test_error_exit_codes(argv: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("blogport: error: ") and err.count("\n") == 1


def test_usage_errors_exit_2() -> None:
    assert run("convert").returncode == 2
    assert run("convert", str(CLASSIC_SAMPLE), "-o", "-", "--to", "docx").returncode == 2


def test_debug_shows_the_traceback() -> None:
    result = run("info", "/no/such/file", "--debug")
    assert result.returncode == 3 and "Traceback" in result.stderr


def test_from_forces_a_reader(tmp_path: Path) -> None:
    result = run("info", str(CLASSIC_SAMPLE), "--from", "blogger-takeout")
    assert result.returncode == 0  # read as Takeout: no Takeout entries, so no posts
    assert "posts: 0" in result.stdout


def test_several_blogs_to_a_folder(tmp_path: Path) -> None:
    first = tmp_path / "in" / "one.xml"
    first.parent.mkdir()
    first.write_bytes(x.classic(x.post("1")))
    second = tmp_path / "in" / "two.xml"
    second.write_bytes(
        x.classic(x.post("2"), feed_open=x.FEED_OPEN.replace("blog-111", "blog-222").replace("Test blog", "Autre blog"))
    )
    result = run("convert", str(first), str(second), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 2 and "--blog" in result.stderr
    result = run("convert", str(first), str(second), "-t", "json", "-o", str(tmp_path / "out") + "/")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["autre-blog.json", "test-blog.json"]
    result = run("convert", str(first), str(second), "--blog", "222", "-o", str(tmp_path / "one.json"))
    assert result.returncode == 0
    assert json.loads((tmp_path / "one.json").read_text())["posts"][0]["id"] == "2"


def test_warnings_go_to_stderr_unless_quiet(tmp_path: Path) -> None:
    path = tmp_path / "orphan.xml"
    path.write_bytes(x.classic(x.post("1"), x.comment("9", "404")))
    loud = run("convert", str(path), "-o", "-")
    assert "warning:" in loud.stderr and "orphan_comments" in loud.stderr
    quiet = run("convert", str(path), "-o", "-", "-q")
    assert quiet.stderr == ""


def test_formats_lists_readers_and_writers() -> None:
    result = run("formats")
    assert "blogger-classic" in result.stdout and "blogger-takeout" in result.stdout and "json" in result.stdout


def test_output_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from blogport.output import file_mode

    out = tmp_path / "blog.json"
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(out), "-q"]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == file_mode()
    site = tmp_path / "site"
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "markdown", "-o", str(site), "-q"]) == 0
    assert all(stat.S_IMODE(os.stat(p).st_mode) == file_mode() for p in site.rglob("*") if p.is_file())
