"""Progress over the whole run (issue 10, point 11): both halves of the two-core parse, threading,
rendering on every core, writing files done / total, and ``-v``'s phase times and file list."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import blogport
import xmlbuild as x
from blogport import parallel, progress
from blogport.cliprogress import ConsoleTracker
from blogport.formats.blogger import atom
from blogport.options import ReadOptions, WriteOptions
from paths import CLASSIC_SAMPLE


class Recorder:
    """A tracker that keeps every phase: name, total, unit and the amounts advanced."""

    def __init__(self) -> None:
        self.phases: list[tuple[str, int, str, list[int]]] = []

    @contextmanager
    def phase(self, name: str, total: int, unit: str) -> Iterator[progress.Advance]:
        amounts: list[int] = []
        self.phases.append((name, total, unit, amounts))
        yield amounts.append

    def named(self, name: str) -> list[tuple[str, int, str, list[int]]]:
        return [phase for phase in self.phases if phase[0] == name]


def _big_export(path: Path, posts: int = 2000) -> Path:
    path.write_bytes(x.classic(*(x.post(str(i), content="<p>" + "mot " * 800 + "</p>") for i in range(posts))))
    return path


@pytest.mark.skipif(parallel.cpu_count() < 2 or not parallel.may_fork(), reason="the two-core parse needs 2 CPUs")
def test_reading_progress_counts_both_halves_as_they_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _big_export(tmp_path / "big.xml")
    monkeypatch.setattr(atom, "SPLIT_MIN_BYTES", 0)
    amounts: list[int] = []
    archive = blogport.read(path, options=ReadOptions(progress=amounts.append))
    assert len(archive.posts) == 2000
    size = path.stat().st_size
    assert sum(amounts) == size  # every byte of the file once, no more
    # The worker's ~45% arrives in steps while it parses, not as one lump at the end.
    assert max(amounts) < 0.4 * size and 0 not in amounts


def test_threading_phase_counts_every_post() -> None:
    recorder = Recorder()
    with progress.tracking(recorder):
        archive = blogport.read(CLASSIC_SAMPLE)
    [(_, total, unit, amounts)] = recorder.named("threading")
    assert unit == "post" and total == len(archive.posts) and sum(amounts) == total


@pytest.mark.parametrize("jobs", [1, 2])
def test_rendering_and_writing_progress(jobs: int, tmp_path: Path) -> None:
    archive = blogport.read(_big_export(tmp_path / "big.xml", posts=800))
    recorder = Recorder()
    with progress.tracking(recorder):
        written = blogport.write(archive, tmp_path / "site", "markdown", WriteOptions(jobs=jobs))
    [(_, total, _, amounts)] = recorder.named("rendering")
    assert total == 800 and sum(amounts) == 800 and len(amounts) > 1  # range by range, not at the end only
    [(_, total, unit, amounts)] = recorder.named("writing files")
    assert unit == "file" and total == len(written.paths) and sum(amounts) == total


def test_without_a_tracker_phases_cost_nothing_and_show_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with progress.phase("anything", 10, "post") as advance:
        advance(10)
    assert capsys.readouterr() == ("", "")


def test_console_tracker_shows_a_bar_and_the_phase_time(capsys: pytest.CaptureFixture[str]) -> None:
    tracker = ConsoleTracker(bars=True, verbose=True)
    with tracker.phase("writing files", 3, "file") as advance:
        time.sleep(0.7)  # past the bar's delay, so it is drawn
        advance(3)
    err = capsys.readouterr().err
    assert "writing files" in err and "3/3" in err
    assert err.rstrip().splitlines()[-1].startswith("blogport: writing files: ")
    assert err.rstrip().endswith("s (3 files)")


def test_verbose_prints_each_phase_and_every_file_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "blogport", "-v", "convert", str(CLASSIC_SAMPLE), "-t", "markdown", "-o", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for name in ("reading", "threading", "rendering", "writing files", "writing"):
        assert any(line.startswith(f"blogport: {name}: ") and " s" in line for line in lines), name
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert files and all(f"blogport: wrote {path}" in lines for path in files)
    quiet = subprocess.run(
        [sys.executable, "-m", "blogport", "convert", str(CLASSIC_SAMPLE), "-o", "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "reading:" not in quiet.stderr  # phases are for -v only
