#!/usr/bin/env python3
"""Benchmark: the scraped-HTML reader's throughput, in MB/s of HTML and pages/s, on one core.

    python benchmarks/bench_html.py [--pages 1000] [--comments 12]

Renders a mirror of item pages with the test suite's page builder (threaded comments, French
UI), then reads it in one process with ``blogport.read_all``; also reads the corpus pages in
../shared/corpus/blogger-html in place when present. Rates are in CPU seconds of this process
(other work on the machine does not count). Target: at least 20 MB/s of HTML (issue 15). It
prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import blogport  # noqa: E402
import pagebuild as pb  # noqa: E402

TARGET = 20

WORDS = [
    "blog",
    "réseau",
    "stratégie",
    "audience",
    "contenu",
    "publication",
    "commentaire",
    "lecteur",
    "mesure",
    "plateforme",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_mirror(folder: Path, pages: int, comments: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    size = 0
    for index in range(pages):
        when = pb.sample_post().when + timedelta(days=index)
        thread = []
        next_id = 10**15 + index * 1000
        for number in range(comments):
            comment = pb.C(
                str(next_id + number),
                rng.choice(["Camille", "Luc", "Anonyme", "Zoé"]),
                when + timedelta(hours=number + 1),
                sentence(rng, rng.randint(8, 60)),
            )
            if thread and rng.random() < 0.4:
                rng.choice(thread).replies.append(comment)
            else:
                thread.append(comment)
        body = "".join(f"<p>{sentence(rng, rng.randint(20, 80))}</p>" for _ in range(rng.randint(4, 20)))
        post = pb.P(
            str(4 * 10**17 + index),
            sentence(rng, 5)[:-1],
            f"billet-{index}",
            when,
            body,
            labels=rng.sample(WORDS, 2),
            comments=thread,
        )
        text = pb.layouts_item(post, "fr")
        path = folder / f"{when:%Y/%m}" / f"billet-{index}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def measure(label: str, target: Path | list[Path], size: int, pages: int) -> None:
    """Read ``target`` (a folder, or files read in place) and print its rates in CPU seconds of this process."""
    start = time.process_time()
    archives = blogport.read_all(target)
    elapsed = time.process_time() - start
    posts = sum(len(a.posts) for a in archives)
    comments = sum(1 for a in archives for _ in a.all_comments())
    rate = size / 1e6 / elapsed
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {pages} pages, {size / 1e6:.1f} MB of HTML, {posts} posts, {comments} comments read in "
        f"{elapsed:.2f} CPU s: {rate:.1f} MB/s, {pages / elapsed:.0f} pages/s, peak RSS so far {peak:.0f} MB "
        f"(target >= {TARGET} MB/s: {'OK' if rate >= TARGET else 'MISSED'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=12)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    mirror = args.workdir / f"mirror-{args.pages}x{args.comments}"
    if not mirror.exists():
        build_mirror(mirror, args.pages, args.comments)
    size = sum(p.stat().st_size for p in mirror.rglob("*.html"))
    measure("generated mirror", mirror, size, args.pages)
    corpus = HERE.parent.parent / "shared" / "corpus" / "blogger-html"
    if corpus.is_dir():
        pages = [p for p in corpus.glob("*.html") if "dynamic-views" not in p.name]
        total = sum(p.stat().st_size for p in pages)
        # read in place, as the files they are (they hold several blogs: one archive each)
        measure("corpus pages, first run (includes importing dateparser)", pages, total, len(pages))
        measure("corpus pages, second run", pages, total, len(pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
