#!/usr/bin/env python3
"""Benchmark: rendering the HTML archive site against the entries-only parse of the same export.

    python benchmarks/bench_html_site.py [--posts 10000] [--comments-per-post 8] [--jobs 2] [--repeat 3]

Builds the synthetic export with ../shared/tools/gen_export.py (≈186 MB and ≈78,000 threaded
comments at the defaults; the same file as bench_convert.py), then, each in a fresh process:
the floor (lxml ``iterparse`` reporting only entries, each freed), the site render alone
(``blogport.write(archive, SITE, "html")`` on an archive already read: plan, sanitise, render,
stage, move into place) and the whole ``blogport convert --to html``. Target: the render within
3x the floor, on two cores. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_convert import CONVERT, ENTRY_PARSE, GENERATOR, run  # noqa: E402  (one floor for every benchmark)

RENDER = r"""
import json, resource, sys, time
import blogport
archive = blogport.read(sys.argv[1])
options = blogport.WriteOptions(jobs=int(sys.argv[3]))
start = time.perf_counter()
written = blogport.write(archive, sys.argv[2], "html", options)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "workers_max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "files": len(written.paths)}))
"""


def fresh(site: Path) -> Path:
    """``site`` removed, so every run writes a new site (the staged rename, not the re-run path)."""
    if site.exists():
        shutil.rmtree(site)
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the render (default: 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time is kept")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    if not GENERATOR.exists():
        print(f"benchmark: {GENERATOR} not found (it ships in ../shared/tools)", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    export = args.workdir / f"export-classic-{args.posts}x{args.comments_per_post}.xml"
    if not export.exists():
        subprocess.run(
            [sys.executable, str(GENERATOR), "--posts", str(args.posts), "--comments-per-post",
             str(args.comments_per_post), "--format", "classic", "-o", str(export)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    site = args.workdir / "html-site"
    floors, renders, converts = [], [], []
    for _ in range(args.repeat):  # interleaved, so a busy machine weighs on all three alike
        floors.append(run(ENTRY_PARSE, str(export)))
        renders.append(run(RENDER, str(export), str(fresh(site)), str(args.jobs)))
        converts.append(run(CONVERT, str(export), str(fresh(site)), "html"))
    floor = min(floors, key=lambda r: r["seconds"])
    render = min(renders, key=lambda r: r["seconds"])
    convert = min(converts, key=lambda r: r["seconds"])
    files = sum(1 for p in site.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    ratio = render["seconds"] / floor["seconds"]
    print(f"input: {export.name}, {export.stat().st_size / 1e6:.1f} MB, {floor['entries']:,} entries")
    print(f"iterparse, entries only (floor): {floor['seconds']:6.2f} s")
    print(
        f"render the site (--jobs {args.jobs})  : {render['seconds']:6.2f} s  = {ratio:.2f}x the floor "
        f"(target <= 3x): {'OK' if ratio <= 3 else 'MISSED'}"
    )
    print(
        f"  peak {render['max_rss_kb'] / 1024:.0f} MiB + largest worker {render['workers_max_rss_kb'] / 1024:.0f} MiB; "
        f"{files:,} files, {size / 1e6:.1f} MB"
    )
    print(
        f"blogport convert --to html     : {convert['seconds']:6.2f} s  = "
        f"{convert['seconds'] / floor['seconds']:.2f}x the floor (read + render; no target)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
