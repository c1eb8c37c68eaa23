"""Run a command in a fresh process tree; measure its wall time, its CPU time and its memory.

- **CPU** is the user + system time of the process and of every descendant it waited for
  (``os.wait4`` on Linux counts those: blogport's forked workers are joined before it exits).
- **Memory** is the whole tree at one instant: every ``interval`` the proportional set size
  (``Pss`` of ``/proc/<pid>/smaps_rollup``) of the process and all its living descendants is
  summed; the peak of those sums is reported. Pages shared copy-on-write between a forked
  worker and its parent count once in total, not once per process, and separate peaks are
  never added up.

Linux only (``/proc``); the benchmarks are run on the project machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one run of a command cost."""

    wall: float
    cpu: float
    peak_pss: int  # bytes
    stdout: str


def _children(pid: int) -> list[int]:
    # /proc/<pid>/task/<tid>/children lists what each thread forked: reading a few small files is
    # far cheaper than scanning all of /proc at every sample on a busy machine.
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in threads:
        try:
            found.extend(int(child) for child in Path(f"/proc/{pid}/task/{tid}/children").read_text().split())
        except OSError:
            continue
    return found


def tree_pss(root: int) -> int:
    """The summed PSS, in bytes, of ``root`` and all its descendants now."""
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        pending.extend(_children(pid))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:  # gone, or a zombie
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
                break
    return total


def run(argv: Sequence[str], interval: float = 0.05) -> Run:
    """Run ``argv`` to its end; raise ``RuntimeError`` with its stderr if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(interval):
                peak = max(peak, tree_pss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {err.read()[-2000:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, peak, out.read())


def best_of(argv: Sequence[str], repeat: int, prepare: Callable[[], None] | None = None) -> Run:
    """Each figure's best over ``repeat`` runs: the least wall, the least CPU, the least peak.

    On a shared machine every deviation is added load, never a faster program. ``prepare`` runs
    before each run, outside the measurement (to remove the previous run's output).
    """
    runs = []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        runs.append(run(argv))
    return Run(
        wall=min(r.wall for r in runs),
        cpu=min(r.cpu for r in runs),
        peak_pss=min(r.peak_pss for r in runs),
        stdout=runs[0].stdout,
    )


def python(*args: str) -> list[str]:
    """The argv running this interpreter with ``args``."""
    return [sys.executable, *args]


def machine() -> str:
    """One line about the machine and the load it is under now."""
    import platform

    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, load average {load} at start"
