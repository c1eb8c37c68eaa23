#!/usr/bin/env python3
"""Benchmark: `blogport convert` against a bare lxml iterparse pass over the same export.

    python benchmarks/bench_convert.py [--to json|markdown|wxr] [--posts 10000] [--comments-per-post 8]
                                       [--format classic|takeout]

Builds a synthetic export with ../shared/tools/gen_export.py (≈160 MB and ≈78,000 threaded
comments at the defaults), then runs each contender in a fresh process and prints its wall
time and peak memory (max RSS), and the ratios. Targets: JSON within 1.7x the bare parse,
Markdown within 4x; peak memory under 4x the input size. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent / "shared" / "tools" / "gen_export.py"

# The bare pass as usually written: default iterparse (every element's end), each cleared.
BARE_PARSE = r"""
import json, resource, sys, time
from lxml import etree
start = time.perf_counter()
for _, element in etree.iterparse(sys.argv[1]):
    element.clear()
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# A stricter floor: only entries' end events are reported to Python, each freed at once.
ENTRY_PARSE = r"""
import json, resource, sys, time
from lxml import etree
start = time.perf_counter()
entries = 0
context = etree.iterparse(sys.argv[1], events=("end",), tag="{http://www.w3.org/2005/Atom}entry")
for _, element in context:
    entries += 1
    element.clear()
    parent = element.getparent()
    while element.getprevious() is not None:
        del parent[0]
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "entries": entries}))
"""

CONVERT = r"""
import json, resource, sys, time
from blogport.cli import main
start = time.perf_counter()
code = main(["convert", sys.argv[1], "--to", sys.argv[3], "-o", sys.argv[2], "--force", "-q"])
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "workers_max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "exit": code}))
"""


def run(script: str, *args: str) -> dict[str, float]:
    """Run ``script`` in a fresh interpreter and return the JSON figures it prints."""
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=8)
    parser.add_argument("--format", choices=("classic", "takeout"), default="classic")
    parser.add_argument("--to", dest="to_format", choices=("json", "markdown", "wxr"), default="json")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time is kept")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    if not GENERATOR.exists():
        print(f"benchmark: {GENERATOR} not found (it ships in ../shared/tools)", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    export = args.workdir / f"export-{args.format}-{args.posts}x{args.comments_per_post}.xml"
    if not export.exists():
        generated = subprocess.run(
            [
                sys.executable,
                str(GENERATOR),
                "--posts",
                str(args.posts),
                "--comments-per-post",
                str(args.comments_per_post),
                "--format",
                args.format,
                "-o",
                str(export),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"generated {export.name}: {generated.stdout.strip()}")
    size_mb = export.stat().st_size / 1e6
    output = args.workdir / {"json": "out.json", "markdown": "site", "wxr": "out.wxr.xml"}[args.to_format]
    if output.is_dir():
        import shutil

        shutil.rmtree(output)
    bare = min((run(BARE_PARSE, str(export)) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    floor = min((run(ENTRY_PARSE, str(export)) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    ours = min(
        (run(CONVERT, str(export), str(output), args.to_format) for _ in range(args.repeat)),
        key=lambda r: r["seconds"],
    )
    if ours.get("exit") != 0:
        print("benchmark: blogport convert failed", file=sys.stderr)
        return 1
    ratio = ours["seconds"] / bare["seconds"]
    # Worker processes run alongside the main one: count the largest worker's peak on top.
    combined_kb = ours["max_rss_kb"] + ours.get("workers_max_rss_kb", 0)
    memory_ratio = combined_kb * 1024 / export.stat().st_size
    print(f"input: {export.name}, {size_mb:.1f} MB, {floor['entries']:,} entries")
    print(f"bare iterparse (all elements) : {bare['seconds']:6.2f} s  peak {bare['max_rss_kb'] / 1024:7.1f} MiB")
    print(f"iterparse, entries only       : {floor['seconds']:6.2f} s  peak {floor['max_rss_kb'] / 1024:7.1f} MiB")
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file()) if output.is_dir() else output.stat().st_size
    label = f"blogport convert --to {args.to_format}"
    print(
        f"{label:30}: {ours['seconds']:6.2f} s  peak {ours['max_rss_kb'] / 1024:7.1f} MiB"
        f" + largest worker {ours.get('workers_max_rss_kb', 0) / 1024:.1f} MiB  (output {size / 1e6:.1f} MB)"
    )
    target = {"json": 1.7, "markdown": 4.0}.get(args.to_format)
    verdict = "no target" if target is None else ("OK" if ratio <= target else "MISSED")
    print(f"time ratio   : {ratio:.2f}x the bare parse   (target <= {target or '-'}x): {verdict}")
    print(f"               {ours['seconds'] / floor['seconds']:.2f}x the entries-only parse (no target)")
    memory_target = "(target < 4x)" if args.to_format == "json" else "(no target)"
    print(
        f"memory ratio : {memory_ratio:.2f}x the input size {memory_target}: {'OK' if memory_ratio < 4 else 'over 4x'}"
    )
    print("(memory: the main process's peak plus the largest worker's, which run at the same time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
