#!/usr/bin/env python3
"""Benchmark: `blogport batch` over many blogs, local pool and Dask, against a serial in-process floor.

    python benchmarks/bench_batch.py [--blogs 200] [--posts 50] [--comments-per-post 8] [--to json]

Generates the blogs with ../shared/tools/gen_export.py (one seed and one blog id each), then
runs, each in a fresh process, in turn, round after round (a machine that slows down mid-way
slows every command alike): the floor (the library's read + write of every blog in one process,
no batch machinery), `blogport batch --jobs 1`, `--jobs 2`, and `--executor dask` (a two-worker
LocalCluster). Times start after Python has imported blogport's CLI; each batch's "items phase"
is its summary.json time (the local pool's includes forking its workers, Dask's excludes starting
the cluster), so the Dask ratio is printed both with and without the cluster's start-up. The
machine's CPU count and load average are printed beside the figures: on a loaded machine
`--jobs 2` cannot get two cores. Beside each wall time, the CPU seconds of the command's whole
process tree (interpreter start and imports included; on Linux the fork server's workers too),
which a loaded machine inflates far less: what the batch machinery costs over the floor. Targets: `--jobs 2` at least 1.8x the items per second of
`--jobs 1`; Dask within 1.3x the local pool's time. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent / "shared" / "tools" / "gen_export.py"
_PR_SET_CHILD_SUBREAPER = 36

FLOOR = r"""
import json, sys, time
from pathlib import Path
import blogport
start = time.perf_counter()
out = Path(sys.argv[2])
out.mkdir()
for export in sorted(Path(sys.argv[1]).glob("*.xml")):
    target = out / export.stem
    target.mkdir()
    blogport.write(blogport.read(export), target / "blog.json" if sys.argv[3] == "json" else target, sys.argv[3])
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

BATCH = r"""
import json, sys, time
from blogport.cli import main
start = time.perf_counter()
code = main(["batch", sys.argv[1], "-o", sys.argv[2], "--to", sys.argv[3], "-q", *sys.argv[4:]])
elapsed = time.perf_counter() - start
summary = json.load(open(sys.argv[2] + "/_batch/summary.json"))
print(json.dumps({"seconds": elapsed, "batch_seconds": summary["seconds"], "ok": summary["ok"], "exit": code}))
"""


def become_subreaper() -> bool:
    """Linux: orphaned descendants (the pool's fork server, its workers) are re-parented to this
    process, so that reaping them counts their CPU time (and their reaped children's)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    return int(ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1)) == 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reap_orphans(deadline_seconds: float = 30.0) -> None:
    """Wait for the descendants left behind (a fork server exits once its parent has), for a while."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def run(script: str, *args: str) -> dict[str, float]:
    """Run ``script`` in a fresh interpreter: the JSON figures it prints, and ``cpu``, the CPU
    seconds of its whole process tree (workers included; the interpreter's start and imports too)."""
    before = _children_cpu()
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    _reap_orphans()
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["cpu"] = _children_cpu() - before
    return figures


def generate(folder: Path, blogs: int, posts: int, comments: int) -> None:
    """``blogs`` classic exports, each with its own seed and blog id."""
    spec = importlib.util.spec_from_file_location("gen_export", GENERATOR)
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    folder.mkdir(parents=True)
    for number in range(blogs):
        buffer = io.StringIO()
        generator.generate(buffer, posts, comments, "classic", 1000 + number)
        text = buffer.getvalue().replace(generator.BLOG_ID, f"{5_000_000_000 + number}")
        (folder / f"blog-{number:04d}.xml").write_text(text, "utf-8")


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=200)
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--comments-per-post", type=int, default=8)
    parser.add_argument("--to", dest="to_format", choices=("json", "markdown", "wxr"), default="json")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each round runs every command once, in turn")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask run")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    if not GENERATOR.exists():
        print(f"benchmark: {GENERATOR} not found (it ships in ../shared/tools)", file=sys.stderr)
        return 2
    inputs = args.workdir / f"batch-{args.blogs}x{args.posts}x{args.comments_per_post}"
    if not inputs.exists():
        generate(inputs, args.blogs, args.posts, args.comments_per_post)
    size_mb = sum(p.stat().st_size for p in inputs.iterdir()) / 1e6
    commands: dict[str, tuple[str, ...]] = {
        "floor (one process, read+write)": (FLOOR,),
        "batch --jobs 1": (BATCH, "--jobs", "1"),
        "batch --jobs 2": (BATCH, "--jobs", "2"),
    }
    if not args.no_dask:
        commands["batch --executor dask (2)"] = (BATCH, "--jobs", "2", "--executor", "dask")
    counts_tree = become_subreaper()
    load_before = os.getloadavg()
    rounds: list[dict[str, dict[str, float]]] = []
    out = args.workdir / "batch-out"
    for _ in range(args.repeat):  # interleaved: a drift in the machine's speed hits every command alike
        figures: dict[str, dict[str, float]] = {}
        for label, (script, *extra) in commands.items():
            shutil.rmtree(out, ignore_errors=True)
            figures[label] = run(script, str(inputs), str(out), args.to_format, *extra)
            if script is BATCH and (figures[label]["exit"] != 0 or figures[label]["ok"] != args.blogs):
                print(f"benchmark: {label} failed: {figures[label]}", file=sys.stderr)
                return 1
        rounds.append(figures)
    shutil.rmtree(out, ignore_errors=True)
    load_after = os.getloadavg()
    blogs = args.blogs
    print(f"input: {blogs} blogs of {args.posts} posts ({args.comments_per_post} comments each), {size_mb:.1f} MB")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; "
        f"{args.repeat} interleaved round(s), medians"
    )
    floor = median([r["floor (one process, read+write)"]["seconds"] for r in rounds])
    for label in commands:
        seconds = median([r[label]["seconds"] for r in rounds])
        cpu = median([r[label]["cpu"] for r in rounds])
        line = f"{label:32}: {seconds:6.2f} s  {blogs / seconds:6.1f} blogs/s  {floor / seconds:.2f}x the floor  CPU {cpu:6.2f} s"
        if label != "floor (one process, read+write)":
            items = median([r[label]["batch_seconds"] for r in rounds])
            line += f"  (items phase {items:.2f} s, before and after it {seconds - items:.2f} s)"
        print(line)
    if not counts_tree:
        print("(CPU: this process's reaped children only; the workers a fork server started are not counted here)")
    speedup = median([r["batch --jobs 1"]["seconds"] / r["batch --jobs 2"]["seconds"] for r in rounds])
    verdict = "OK" if speedup >= 1.8 else "MISSED"
    print(f"--jobs 2 vs --jobs 1 : {speedup:.2f}x the blogs per second (target >= 1.8x): {verdict}")
    if not args.no_dask:
        dask, local = "batch --executor dask (2)", "batch --jobs 2"
        whole = median([r[dask]["seconds"] / r[local]["seconds"] for r in rounds])
        phase = median([r[dask]["batch_seconds"] / r[local]["batch_seconds"] for r in rounds])
        print(
            f"Dask vs local pool   : {whole:.2f}x the time, cluster start-up included (target <= 1.3x): "
            f"{'OK' if whole <= 1.3 else 'MISSED'}"
        )
        print(f"Dask vs local pool   : {phase:.2f}x the time of the items phase alone (cluster start-up excluded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
