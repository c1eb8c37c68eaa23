#!/usr/bin/env python3
"""Benchmark: `blogport batch` over many blogs, local pool and Dask, against a serial in-process floor.

    python benchmarks/bench_batch.py [--blogs 200] [--posts 50] [--comments-per-post 8] [--to json]

Generates the blogs with ../shared/tools/gen_export.py (one seed and one blog id each), then
runs, each in a fresh process: the floor (the library's read + write of every blog in one
process, no batch machinery), `blogport batch --jobs 1`, `--jobs 2`, and `--executor dask` (a
two-worker LocalCluster, its start-up included). Prints items per second beside the floor.
Targets: `--jobs 2` at least 1.8x the items per second of `--jobs 1`; Dask within 1.3x the
local pool's time. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent / "shared" / "tools" / "gen_export.py"

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


def run(script: str, *args: str) -> dict[str, float]:
    """Run ``script`` in a fresh interpreter and return the JSON figures it prints."""
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=200)
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--comments-per-post", type=int, default=8)
    parser.add_argument("--to", dest="to_format", choices=("json", "markdown", "wxr"), default="json")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time is kept")
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

    def best(script: str, *extra: str) -> dict[str, float]:
        figures = []
        for _ in range(args.repeat):
            out = args.workdir / "batch-out"
            shutil.rmtree(out, ignore_errors=True)
            figures.append(run(script, str(inputs), str(out), args.to_format, *extra))
        shutil.rmtree(args.workdir / "batch-out", ignore_errors=True)
        return min(figures, key=lambda f: f["seconds"])

    floor = best(FLOOR)
    one = best(BATCH, "--jobs", "1")
    two = best(BATCH, "--jobs", "2")
    dask = None if args.no_dask else best(BATCH, "--jobs", "2", "--executor", "dask")
    blogs = args.blogs
    print(f"input: {blogs} blogs of {args.posts} posts ({args.comments_per_post} comments each), {size_mb:.1f} MB")
    print(f"floor (one process, read+write) : {floor['seconds']:6.2f} s  {blogs / floor['seconds']:6.1f} blogs/s")
    for label, figures in (("batch --jobs 1", one), ("batch --jobs 2", two), ("batch --executor dask (2)", dask)):
        if figures is None:
            continue
        if figures["exit"] != 0 or figures["ok"] != blogs:
            print(f"benchmark: {label} failed: {figures}", file=sys.stderr)
            return 1
        print(
            f"{label:32}: {figures['seconds']:6.2f} s  {blogs / figures['seconds']:6.1f} blogs/s"
            f"  ({figures['batch_seconds']:.2f} s running items)  {floor['seconds'] / figures['seconds']:.2f}x the floor"
        )
    speedup = one["seconds"] / two["seconds"]
    print(
        f"--jobs 2 vs --jobs 1 : {speedup:.2f}x the blogs per second (target >= 1.8x): {'OK' if speedup >= 1.8 else 'MISSED'}"
    )
    print(f"--jobs 2 vs the floor: {floor['seconds'] / two['seconds']:.2f}x (ideal on two cores: 2x)")
    if dask is not None:
        ratio = dask["seconds"] / two["seconds"]
        print(
            f"Dask vs local pool   : {ratio:.2f}x the time, start-up included (target <= 1.3x): {'OK' if ratio <= 1.3 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
