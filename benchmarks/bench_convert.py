#!/usr/bin/env python3
"""Benchmark: `blogport convert` against honest floors measured in the same run.

    python benchmarks/bench_convert.py [--posts 10000] [--comments-per-post 8] [--repeat 3]
                                       [--scaling 1000,5000,10000,20000] [--html-pages 100,1000]
                                       [--huge] [--only json,wxr,markdown] [--formats classic,takeout]

For a classic export and a Takeout export made by ../shared/tools/gen_export.py it runs, each
in a fresh process and best of ``--repeat``:

- the floors (``floors.py``): entries-only parse; entries + every element's text as ``str``;
  + ``json.dumps`` of a dict per entry; + html-to-markdown called once per fragment;
- ``blogport convert --to json``, ``--to wxr``, ``--to markdown --flavor hugo``;

and prints for each its **wall time**, its **CPU time** (user + system of every process of the
tree, forked workers included) and its **peak memory** (the PSS of the whole tree summed at one
instant, see ``measure.py``), then the ratios against the targets of issue 15. The HTML reader is
measured on generated mirrors of several sizes (MB/s of HTML per CPU second, and whether its
memory grows with the number of pages). ``--scaling`` gives one table over several export sizes;
``--huge`` adds one ≈1 GB classic export converted to JSON once (minutes; not for CI).
It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import measure

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent / "shared" / "tools" / "gen_export.py"
FLOORS = str(HERE / "floors.py")
MIB = 1024 * 1024

# (conversion, floor it is held to, CPU target, memory target × input)
TARGETS = {
    "json": ("json", 1.5, 2.5),
    "wxr": ("json", 1.7, 2.5),
    "markdown": ("markdown", 1.3, 3.0),
}
# Runs of the main table by (source, posts), reused by the scaling table instead of run again.
MEASURED: dict[tuple[str, int], dict[str, measure.Run]] = {}
WALL_TARGET_JSON = 1.3  # wall of --to json against the entries-only parse, two free cores
HTML_TARGET_MB_S = 20.0
HTML_READ = (
    "import sys, time, blogport\n"
    "start = time.process_time()\n"
    "blogport.read_all(sys.argv[1])\n"
    "print(time.process_time() - start)\n"
)


def generate(workdir: Path, source: str, posts: int, comments: int) -> Path:
    """The export for these parameters, generated once and kept in ``workdir``."""
    export = workdir / f"export-{source}-{posts}x{comments}.xml"
    if not export.exists():
        command = [sys.executable, str(GENERATOR), "--posts", str(posts), "--format", source, "-o", str(export)]
        subprocess.run([*command, "--comments-per-post", str(comments)], check=True, capture_output=True)
    return export


def convert_argv(export: Path, to: str, output: Path) -> list[str]:
    """The command line converting ``export`` to ``to`` at ``output``."""
    extra = ["--flavor", "hugo"] if to == "markdown" else []
    return measure.python("-m", "blogport", "convert", str(export), "--to", to, *extra, "-o", str(output), "-q")


def remover(path: Path) -> Callable[[], None]:
    """A callable removing ``path`` (file or folder) if it exists."""

    def remove() -> None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    return remove


def row(label: str, result: measure.Run, size: int, note: str = "") -> str:
    """One table row: wall, CPU, peak PSS and PSS × input."""
    return (
        f"| {label} | {result.wall:.2f} s | {result.cpu:.2f} s | {result.peak_pss / MIB:.0f} MiB "
        f"| {result.peak_pss / size:.2f}× | {note} |"
    )


def verdict(value: float, target: float) -> str:
    """``value`` against an upper ``target``, said plainly."""
    if value <= target:
        return f"**{value:.2f}×** (≤ {target}×: met)"
    return f"**{value:.2f}×** (≤ {target}×: MISSED by {(value / target - 1) * 100:.0f}%)"


def floors(export: Path, workdir: Path, repeat: int, kinds: tuple[str, ...]) -> dict[str, measure.Run]:
    """The floors over ``export``, by name."""
    out = workdir / "floor.out"
    return {kind: measure.best_of(measure.python(FLOORS, kind, str(export), str(out)), repeat) for kind in kinds}


def conversions(args: argparse.Namespace, source: str, posts: int) -> list[str]:
    """The table of floors and conversions for one export: markdown rows."""
    export = generate(args.workdir, source, posts, args.comments_per_post)
    size = export.stat().st_size
    wanted = tuple(args.only)
    kinds = ("entries", "text", "json") + (("markdown",) if "markdown" in wanted else ())
    floor = floors(export, args.workdir, args.repeat, kinds)
    entries = int(floor["entries"].stdout.strip())
    lines = [
        f"\n**{source}**, {posts:,} posts × {args.comments_per_post} comments: {size / 1e6:.1f} MB, {entries:,} entries\n",
        "| run | wall | CPU (all processes) | peak PSS (whole tree) | PSS × input | against the targets |",
        "|---|---|---|---|---|---|",
        row("floor: entries-only parse", floor["entries"], size),
        row("floor: entries + text", floor["text"], size),
        row("floor: entries + text + `json.dumps`", floor["json"], size),
    ]
    if "markdown" in floor:
        lines.append(row("floor: entries + text + html-to-markdown per fragment", floor["markdown"], size))
    for to in wanted:
        output = args.workdir / f"out-{source}.{to}"
        result = measure.best_of(convert_argv(export, to, output), args.repeat, prepare=remover(output))
        floor_name, cpu_target, memory_target = TARGETS[to]
        notes = [f"CPU {verdict(result.cpu / floor[floor_name].cpu, cpu_target)} `{floor_name}` floor"]
        if to == "json":
            notes.append(f"wall {verdict(result.wall / floor['entries'].wall, WALL_TARGET_JSON)} entries-only")
        notes.append(f"memory {verdict(result.peak_pss / size, memory_target)} input")
        lines.append(row(f"`blogport convert --to {to}`", result, size, "; ".join(notes)))
        remover(output)()
        MEASURED.setdefault((source, posts), dict(floor))[f"convert-{to}"] = result
    return lines


def scaling(args: argparse.Namespace) -> list[str]:
    """One table over several classic export sizes: CPU of each conversion against its floor."""
    lines = [
        "\n**Scaling** (classic; CPU seconds, all processes; peak PSS of the whole tree)\n",
        "| posts | input | entries-only | + text + `json.dumps` | json | wxr | markdown | json PSS | markdown PSS |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for posts in args.scaling:
        export = generate(args.workdir, "classic", posts, args.comments_per_post)
        size = export.stat().st_size
        known = MEASURED.get(("classic", posts), {})
        floor = {kind: known[kind] for kind in ("entries", "json") if kind in known}
        if len(floor) < 2:
            floor = floors(export, args.workdir, 1, ("entries", "json"))
        runs = {}
        for to in ("json", "wxr", "markdown"):
            if f"convert-{to}" in known:
                runs[to] = known[f"convert-{to}"]
                continue
            output = args.workdir / f"scale.{to}"
            runs[to] = measure.best_of(convert_argv(export, to, output), 1, prepare=remover(output))
            remover(output)()
        base = floor["json"].cpu
        lines.append(
            f"| {posts:,} | {size / 1e6:.0f} MB | {floor['entries'].cpu:.2f} s | {base:.2f} s "
            + " ".join(f"| {runs[to].cpu:.2f} s ({runs[to].cpu / base:.2f}×)" for to in ("json", "wxr", "markdown"))
            + f" | {runs['json'].peak_pss / MIB:.0f} MiB ({runs['json'].peak_pss / size:.2f}×)"
            + f" | {runs['markdown'].peak_pss / MIB:.0f} MiB ({runs['markdown'].peak_pss / size:.2f}×) |"
        )
    return lines


def huge(args: argparse.Namespace) -> list[str]:
    """One ≈1 GB classic export converted to JSON, once."""
    posts = 54_000  # ≈ 18.6 kB per post at 8 comments each
    export = generate(args.workdir, "classic", posts, args.comments_per_post)
    size = export.stat().st_size
    floor = floors(export, args.workdir, 1, ("entries", "json"))
    output = args.workdir / "huge.json"
    result = measure.best_of(convert_argv(export, "json", output), 1, prepare=remover(output))
    remover(output)()
    return [
        f"\n**1 GB export** ({posts:,} posts, {size / 1e9:.2f} GB), once\n",
        "| run | wall | CPU | peak PSS | PSS × input | |",
        "|---|---|---|---|---|---|",
        row("floor: entries-only parse", floor["entries"], size),
        row("floor: entries + text + `json.dumps`", floor["json"], size),
        row(
            "`blogport convert --to json`",
            result,
            size,
            f"CPU {result.cpu / floor['json'].cpu:.2f}× the `json.dumps` floor; {size / 1e6 / result.cpu:.1f} MB per CPU-s",
        ),
    ]


def html_reader(args: argparse.Namespace) -> list[str]:
    """The scraped-HTML reader on generated mirrors: MB/s per CPU second and peak PSS by size."""
    import bench_html

    lines = [
        "\n**HTML reader** (generated item pages, 12 threaded comments each; one process)\n",
        "| pages | HTML | CPU reading (imports excluded) | MB/s (one core) | peak PSS (process) |",
        "|---|---|---|---|---|",
    ]
    for pages in args.html_pages:
        mirror = args.workdir / f"mirror-{pages}x12"
        if not mirror.exists():
            bench_html.build_mirror(mirror, pages, 12)
        size = sum(p.stat().st_size for p in mirror.rglob("*.html"))
        # The reader's own CPU time, imports excluded (dateparser alone takes a second to import).
        read = measure.python("-c", HTML_READ, str(mirror))
        result = measure.best_of(read, args.repeat)
        reading = min(float(line) for line in result.stdout.split())
        rate = size / 1e6 / reading
        met = "met" if rate >= HTML_TARGET_MB_S else f"MISSED by {(1 - rate / HTML_TARGET_MB_S) * 100:.0f}%"
        lines.append(
            f"| {pages:,} | {size / 1e6:.1f} MB | {reading:.2f} s | **{rate:.1f}** (≥ {HTML_TARGET_MB_S:.0f}: {met}) "
            f"| {result.peak_pss / MIB:.0f} MiB |"
        )
    return lines


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def _names(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


def main() -> int:
    """Run the benchmarks asked for and print their tables (Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; each figure's best is kept")
    parser.add_argument("--formats", type=_names, default=["classic", "takeout"], help="exports (comma-separated)")
    parser.add_argument("--only", type=_names, default=["json", "wxr", "markdown"], help="conversions to run")
    parser.add_argument("--scaling", type=_numbers, default=[], help="post counts, e.g. 1000,5000,10000,20000")
    parser.add_argument("--html-pages", type=_numbers, default=[100, 1000], help="mirror sizes; empty to skip")
    parser.add_argument("--huge", action="store_true", help="also convert a ≈1 GB export once (minutes)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    if not GENERATOR.exists():
        print(f"benchmark: {GENERATOR} not found (it ships in ../shared/tools)", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {measure.machine()}; best of {args.repeat}.")
    for source in args.formats:
        print("\n".join(conversions(args, source, args.posts)), flush=True)
    if args.html_pages:
        print("\n".join(html_reader(args)), flush=True)
    if args.scaling:
        print("\n".join(scaling(args)), flush=True)
    if args.huge:
        print("\n".join(huge(args)), flush=True)
    print(f"\nLoad average at the end: {measure.machine().rsplit('load average ', 1)[1].replace(' at start', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
