"""``blogport media`` killed outright (SIGKILL, as by power loss or the OOM killer) and run again:
the second run completes, and no image the first run finished is fetched again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import xmlbuild as x
from mediaserve import Reply, Script, png

BASE = "http://3.bp.blogspot.com/-KiL/LeD/AAAAAAAAAA/r9t8"
IMAGES = 12

pytest.importorskip("httpx")


def _journal_keys(media: Path) -> set[str]:
    journal = media / "manifest.jsonl"
    if not journal.exists():
        return set()
    keys = set()
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:  # a line cut by the kill
            continue
        if entry.get("status") == "ok":
            keys.add(entry["key"])
    return keys


def test_a_killed_run_resumes_and_fetches_no_finished_image_twice(tmp_path: Path, server: Script) -> None:
    names = [f"k{i:02d}" for i in range(IMAGES)]
    for name in names:
        server.on(f"{BASE}/s0/{name}.png", Reply(body=png(6, 4, name.encode()), delay=0.15))
    export = tmp_path / "blog.xml"
    body = "".join(f'<img src="{BASE}/s400/{name}.png">' for name in names)
    export.write_bytes(x.classic(x.post("10", content=body)))
    media = tmp_path / "media"
    command = [sys.executable, "-m", "blogport", "media", str(export), "-o", str(media), "--jobs", "1", "-q"]

    first = subprocess.Popen(command, env=os.environ.copy(), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_journal_keys(media)) < 3 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    finished_before = _journal_keys(media)
    assert 3 <= len(finished_before) < IMAGES, "the kill came too late to test a resume"
    asked_before = len(server.log)

    second = subprocess.run(command, env=os.environ.copy(), capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    entries = [json.loads(line) for line in (media / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["status"] for e in entries) == ["ok"] * IMAGES
    asked_again = [served.url for served in server.log[asked_before:]]
    for key in finished_before:
        name = key.rsplit("/", 1)[1]
        assert not any(url.endswith(f"/{name}") for url in asked_again), f"{name} was fetched twice"
    # every image not finished before the kill is asked for once more, and nothing else
    assert len(asked_again) == IMAGES - len(finished_before)
    stored = sorted(p.name for p in (media / "objects").rglob("*.png"))
    assert len(stored) == IMAGES
    third = subprocess.run(command, env=os.environ.copy(), capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and len(server.log) == asked_before + len(asked_again)  # a rerun asks nothing
