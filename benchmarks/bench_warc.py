#!/usr/bin/env python3
"""Benchmark: reading a crawl WARC, in MB/s of WARC and peak memory, on one core.

    python benchmarks/bench_warc.py [--megabytes 200] [--plain]

Writes (once, with warcio's writer, gzip per record unless --plain) a WARC of about 200 MB in
which 95% of the records are images, CSS and pages of other sites and 5% are Blogger item
pages with threaded comments (images of 5-150 kB, the range of Blogger's s1600 photos;
stylesheets of 3-40 kB; other sites' pages of 4-60 kB); then runs, each in a fresh process: warcio iterating every
record without reading a payload (the library's floor), the Blogger pages alone read from a
folder by the HTML reader (the parsing floor), and ``blogport.read_all`` on the WARC, beside the
true floor (zlib inflating every member, or reading the bytes of an uncompressed WARC). Speed is
CPU time (best of 3): this machine is shared. Targets: peak memory under 150 MB and at least
50 MB/s of WARC. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import pagebuild as pb  # noqa: E402

WORDS = ["blog", "réseau", "stratégie", "audience", "contenu", "publication", "commentaire", "lecteur", "mesure"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def item_page(rng: random.Random, index: int) -> tuple[str, bytes]:
    when = pb.sample_post().when + timedelta(days=index)
    thread: list[pb.C] = []
    for number in range(8):
        comment = pb.C(
            str(10**15 + index * 100 + number),
            rng.choice(["Camille", "Luc", "Zoé"]),
            when + timedelta(hours=number + 1),
            sentence(rng, rng.randint(8, 40)),
        )
        (rng.choice(thread).replies if thread and rng.random() < 0.4 else thread).append(comment)
    body = "".join(f"<p>{sentence(rng, rng.randint(20, 80))}</p>" for _ in range(rng.randint(4, 12)))
    post = pb.P(str(4 * 10**17 + index), sentence(rng, 5)[:-1], f"billet-{index}", when, body, comments=thread)
    return post.url, pb.layouts_item(post, "fr").encode()


def build(path: Path, megabytes: int, gzip_records: bool, pages_dir: Path) -> dict[str, int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(11)
    pages_dir.mkdir(parents=True, exist_ok=True)
    counts = {"blogger": 0, "other": 0, "blogger_bytes": 0}
    target = megabytes * 1_000_000
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        index = 0
        while out.tell() < target:
            index += 1
            if index % 20 == 0:
                url, body = item_page(rng, index)
                mime = "text/html; charset=UTF-8"
                counts["blogger"] += 1
                counts["blogger_bytes"] += len(body)
                (pages_dir / f"{index:06d}.html").write_bytes(body)
            elif index % 20 < 14:
                url, body, mime = (
                    f"https://1.bp.blogspot.com/-x/{index}/s1600/p.jpg",
                    rng.randbytes(12_000),
                    "image/jpeg",
                )
                counts["other"] += 1
            elif index % 20 < 17:
                url, body, mime = (
                    f"https://www.blogger.com/static/v1/{index}.css",
                    (b".a{color:red}" * rng.randint(200, 3000)),
                    "text/css",
                )
                counts["other"] += 1
            else:
                url = f"https://other-site.example/{index}.html"
                body, mime = (
                    b"<html><body>" + rng.randbytes(rng.randint(2_000, 30_000)).hex().encode() + b"</body></html>",
                    "text/html",
                )
                counts["other"] += 1
            http = StatusAndHeaders("200 OK", [("Content-Type", mime), ("Content-Length", str(len(body)))], "HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return counts


FLOOR = """
import json, resource, sys, time, zlib
cpu_start, start = time.process_time(), time.perf_counter()
with open(sys.argv[1], 'rb') as f:
    if sys.argv[2] == 'inflate':  # every gzip member inflated by zlib, output dropped: any reader's floor
        inflater, data = zlib.decompressobj(31), f.read(1 << 20)
        while data:
            inflater.decompress(data, 1 << 22)
            data = inflater.unconsumed_tail or inflater.unused_data or f.read(1 << 20)
            if inflater.eof:
                inflater = zlib.decompressobj(31)
        n = 0
    elif sys.argv[2] == 'read':  # the bytes read, nothing else
        while f.read(1 << 20):
            pass
        n = 0
    else:  # warcio's iterator over every record, no payload read
        from warcio.archiveiterator import ArchiveIterator
        n = sum(1 for _ in ArchiveIterator(f))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu_start, "records": n,
                  "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

READ = """
import json, resource, sys, time
import blogport
start, cpu_start = time.perf_counter(), time.process_time()
archives = blogport.read_all(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu_start,
                  "posts": sum(len(a.posts) for a in archives),
                  "comments": sum(1 for a in archives for _ in a.all_comments()),
                  "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run(script: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--plain", action="store_true", help="uncompressed WARC (default: gzip per record)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    kind = "plain" if args.plain else "gz"
    warc = args.workdir / f"crawl-{args.megabytes}mb.warc{'' if args.plain else '.gz'}"
    pages = args.workdir / f"crawl-{args.megabytes}mb-{kind}-pages"
    meta = warc.with_suffix(".json")
    args.workdir.mkdir(parents=True, exist_ok=True)
    if not warc.exists() or not meta.exists():
        meta.write_text(json.dumps(build(warc, args.megabytes, not args.plain, pages)))
    counts = json.loads(meta.read_text())
    size = warc.stat().st_size
    share = counts["other"] / (counts["other"] + counts["blogger"])
    print(
        f"WARC ({kind}): {size / 1e6:.1f} MB, {counts['blogger']} Blogger pages "
        f"({counts['blogger_bytes'] / 1e6:.1f} MB), {counts['other']} other records ({share:.0%} of the records)"
    )

    def best(script: str, *args: str) -> dict[str, float]:
        return min((run(script, *args) for _ in range(3)), key=lambda r: r["cpu"])

    base = best(FLOOR, str(warc), "read" if args.plain else "inflate")
    warcio = best(FLOOR, str(warc), "warcio")
    parse = best(READ, str(pages))
    ours = best(READ, str(warc))
    mb = size / 1e6

    def line(label: str, result: dict[str, float], rate: bool = True) -> None:
        speed = f"{mb / result['cpu']:6.1f} MB/s" if rate else " " * 11
        print(
            f"{label:42}: {result['cpu']:6.2f} s CPU ({result['seconds']:5.2f} s wall)  {speed}"
            f"  peak {result['max_rss_kb'] / 1024:6.1f} MiB"
        )

    line("floor: " + ("reading the bytes" if args.plain else "zlib inflating every member"), base)
    line("warcio iterating every record (no payload)", warcio)
    line("HTML reader, the Blogger pages alone", parse, rate=False)
    line("blogport read_all on the WARC", ours)
    skipped = ours["cpu"] - parse["cpu"]
    rate = mb / ours["cpu"]
    peak_mb = ours["max_rss_kb"] * 1024 / 1e6
    print(
        f"  {ours['posts']} posts, {ours['comments']} comments; {ours['cpu'] / base['cpu']:.2f}x the floor; "
        f"the WARC work beyond parsing the pages: {skipped:.2f} s ({mb / skipped:.0f} MB/s)"
    )
    print(
        f"targets (CPU time of one core; the machine is shared, so wall time varies): >= 50 MB/s: "
        f"{'met' if rate >= 50 else 'MISSED'} ({rate:.1f}); peak < 150 MB: {'met' if peak_mb < 150 else 'MISSED'}"
        f" ({peak_mb:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
