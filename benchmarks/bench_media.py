#!/usr/bin/env python3
"""Benchmark: `blogport media` is latency-bound; against a loopback server that answers each request
after 100 ms, 400 images with `--jobs 8 --per-host 8` should take at most 1.3x the floor
400 x 0.1 s / 8 = 5 s.

    python benchmarks/bench_media.py [--images 400] [--latency 0.1] [--jobs 8]

The server (tests/mediaserve.py, standard library, 127.0.0.1 only) is the HTTP proxy of the
`blogport media` process, given through HTTP_PROXY as a user would; every image's original (`s0`)
is served, so each image costs one request. The time is the whole command in a fresh process
(start-up, reading the export, fetching, the manifest) and the fetching alone, from the server's
clock (first request to last answer); the target is about the fetching, which is what latency
bounds. It prints figures; it does not assert.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import xmlbuild as x  # noqa: E402
from mediaserve import PROXY_VARIABLES, Reply, Script, png, start  # noqa: E402

BASE = "http://1.bp.blogspot.com/-Bench/XyZ/AAAAAAAAAA/q1w2"
PER_POST = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    script = Script()
    names = [f"image-{number:04d}" for number in range(args.images)]
    for name in names:
        script.on(f"{BASE}/s0/{name}.png", Reply(body=png(64, 48, name.encode()), delay=args.latency))
    server = start(script)
    posts = [
        x.post(
            f"{start_at}",
            content="".join(f'<img src="{BASE}/s320/{name}.png">' for name in names[start_at : start_at + PER_POST]),
        )
        for start_at in range(0, args.images, PER_POST)
    ]
    env = {name: value for name, value in os.environ.items() if name not in PROXY_VARIABLES}
    env["HTTP_PROXY"] = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "blog.xml"
        export.write_bytes(x.classic(*posts))
        command = [sys.executable, "-m", "blogport", "media", str(export), "-o", str(Path(folder) / "media")]
        command += ["--jobs", str(args.jobs), "--per-host", str(args.jobs), "-q"]
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import blogport.cli, blogport.media.run"], env=env, check=True)
        startup = time.perf_counter() - began
        began = time.perf_counter()
        code = subprocess.run(command, env=env, check=False).returncode
        seconds = time.perf_counter() - began
        stored = len(list((Path(folder) / "media" / "objects").rglob("*.png")))
    server.shutdown()
    floor = args.images * args.latency / args.jobs
    fetching = script.log[-1].at - script.log[0].at + args.latency
    print(f"images: {args.images}, latency {args.latency * 1000:.0f} ms, --jobs {args.jobs} --per-host {args.jobs}")
    print(f"requests: {len(script.log)}, stored: {stored}, exit {code}, peak in flight: {max(script.peak.values())}")
    print(
        f"fetching (first request to last answer): {fetching:.2f} s; floor {floor:.2f} s; ratio {fetching / floor:.2f}x"
    )
    print(f"whole command (start-up, reading, fetching, manifest): {seconds:.2f} s; ratio {seconds / floor:.2f}x")
    print(f"of which start-up (importing blogport's command line and httpx, measured alone): {startup:.2f} s")


if __name__ == "__main__":
    main()
