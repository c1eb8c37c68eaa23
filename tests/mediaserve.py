"""A loopback HTTP server for the media tests: it acts as the HTTP proxy of every request, so real
Blogger URLs (``http://2.bp.blogspot.com/…``) reach 127.0.0.1 only, through httpx's own proxy support.

Each URL has a script of replies (the last one repeats); every request is logged with its headers;
the peak number of requests in flight per host is counted.
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from blogport.media.download import FetchPolicy
from blogport.media.pacing import Pacing
from blogport.media.references import ImageUse, collect_images
from blogport.media.run import fetch_media
from blogport.model import Archive, Blog, Post

PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
)


def png(width: int, height: int, salt: bytes = b"") -> bytes:
    """A small valid PNG of ``width`` x ``height`` (``salt`` makes distinct bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) + salt)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg(width: int, height: int) -> bytes:
    """A JPEG header with an APP0 block and a baseline frame of ``width`` x ``height``."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@dataclass
class Reply:
    """One scripted reply: status, headers, body; ``cut`` sends only that many body bytes, then closes."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut: int | None = None
    ranges: bool = False  # honour Range / If-Range against the ETag
    delay: float = 0.0


@dataclass
class Served:
    url: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived


class Script:
    """The replies per URL and the log of what was asked."""

    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.log: list[Served] = []
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.peak: dict[str, int] = {}

    def on(self, url: str, *replies: Reply) -> None:
        self.replies[url] = list(replies)

    def urls(self) -> list[str]:
        return [served.url for served in self.log]

    def next_reply(self, url: str) -> Reply:
        with self.lock:
            queue = self.replies.get(url)
            if not queue:
                return Reply(404, b"<html>not here</html>", {"Content-Type": "text/html"})
            return queue.pop(0) if len(queue) > 1 else queue[0]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body in one write, no Nagle: otherwise delayed ACKs add ~40 ms to every request.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    script: Script

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = self.path if self.path.startswith("http") else f"http://{self.headers['Host']}{self.path}"
        host = urlsplit(url).hostname or ""
        script = self.script
        with script.lock:
            script.log.append(Served(url, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
            script.in_flight[host] = script.in_flight.get(host, 0) + 1
            script.peak[host] = max(script.peak.get(host, 0), script.in_flight[host])
        try:
            self._answer(script.next_reply(url))
        finally:
            with script.lock:
                script.in_flight[host] -= 1

    def _answer(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        status, body, headers = reply.status, reply.body, dict(reply.headers)
        wanted = self.headers.get("Range")
        if reply.ranges and wanted and self.headers.get("If-Range") == headers.get("ETag"):
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            status, body = 206, body[start:]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if reply.cut is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body if reply.cut is None else body[: reply.cut])
        self.wfile.flush()
        if reply.cut is not None:
            self.close_connection = True


def start(script: Script) -> ThreadingHTTPServer:
    """Serve ``script`` on 127.0.0.1 in a background thread (``server.server_address[1]`` is its port)."""
    handler = type("Handler", (_Handler,), {"script": script})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextmanager
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    """Run the server and make it every http:// request's proxy (through the environment, as users do)."""
    script = Script()
    server = start(script)
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()


class FakePacing(Pacing):
    """A clock that only moves when something waits: records every wait, never really sleeps."""

    def __init__(self) -> None:
        self.time = 0.0
        self.waits: list[float] = []
        self.lock = threading.Lock()

    def monotonic(self) -> float:
        return self.time

    def now(self) -> datetime:
        return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=self.time)

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        if seconds > 0:
            with self.lock:
                self.waits.append(seconds)
                self.time += seconds

    def jitter(self) -> float:
        return 0.5


def images_in(*bodies: str) -> dict[str, ImageUse]:
    """The images used by posts with these bodies (no comments, no avatars)."""
    posts = [Post(id=f"p{i}", content=html) for i, html in enumerate(bodies, start=1)]
    return collect_images(Archive(blog=Blog(), posts=tuple(posts)), comments=False, avatars=False)


def fetch_into(tmp_path: Path, uses: dict[str, ImageUse], pacing: FakePacing | None = None, **policy: Any) -> list[Any]:
    """``fetch_media`` into ``tmp_path/media`` with 3 retries (unless ``policy`` says) and a fake clock."""
    settings: dict[str, Any] = {"retries": 3, **policy}
    return fetch_media(uses, tmp_path / "media", policy=FetchPolicy(**settings), pacing=pacing or FakePacing())
