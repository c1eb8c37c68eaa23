"""Fetching one image over HTTP: its candidate URLs in order, retries, resume, validation.

Rules (issue 11 §2): 404/410/400, a body that is not an image (magic bytes), a refused redirect
or a file over the size cap → the next candidate; 403/429/5xx, timeouts, resets and truncated
bodies → the same URL again after an exponential backoff with jitter, or after ``Retry-After``
(seconds or HTTP date), capped; when the retries of a URL run out the next candidate is tried
(a server refusing ``s0`` may still serve the size the post shows). All retry waits of one image
share one budget (``image_wait``): once it is spent, each remaining candidate gets a single try,
so one image never waits longer than ``image_wait`` plus one ``max_wait``. When every candidate
fails, the Wayback Machine is tried (``--wayback``); an image whose only answers were over the
size cap is ``too-large`` (recorded as ``skipped``: the cap chose not to take it).
A body counts only when whole: its length equals ``Content-Length``. A ``.part`` file resumes
with ``Range`` + ``If-Range`` when the last run saw a validator; anything else starts over.
Redirects: http/https only, at most ``max_redirects``. Imports httpx: only ``blogport media`` uses it.
"""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from attrs import frozen

from .pacing import Gate, Pacing
from .references import ImageUse
from .sniff import HEAD_BYTES, dimensions, sniff
from .store import MediaStore, friendly_name

_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")
_NEXT_CANDIDATE = frozenset((400, 404, 410))
_REDIRECTS = frozenset((301, 302, 303, 307, 308))


@frozen
class FetchPolicy:
    """How hard and how politely to fetch (the ``blogport media`` options)."""

    jobs: int = 4
    per_host: int = 2
    rate: float | None = None
    retries: int = 4
    backoff: float = 1.0
    max_wait: float = 60.0
    max_bytes: int = 100 * 1024 * 1024
    max_redirects: int = 5
    timeout: float = 30.0
    image_wait: float = 300.0  # the longest total of retry waits for one image, over all its candidates
    wayback: bool = False
    wayback_base: str = "https://web.archive.org"


@frozen
class Fetched:
    """An image stored: where from, what it is."""

    path: str
    name: str
    sha256: str
    bytes: int
    type: str
    width: int | None
    height: int | None
    fetched_from: str
    origin: str


@frozen
class Failed:
    """Why an image could not be stored: ``reason`` (``http-404``, ``not-an-image`` …) and one line."""

    reason: str
    error: str


class Interrupted(Exception):
    """The run was stopped (Ctrl-C) while this image was being fetched; its ``.part`` file is kept."""


@frozen
class _Retry:
    reason: str
    error: str
    wait: float | None = None


@frozen
class _Next:
    reason: str
    error: str


class _WaitBudget:
    """The retry waits one image may still spend, over all its candidates."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    def spent(self) -> bool:
        return self.left <= 0

    def take(self, seconds: float) -> None:
        self.left -= seconds


class Downloader:
    """Fetches images with one shared httpx client; safe to use from many threads."""

    def __init__(
        self, client: httpx.Client, store: MediaStore, policy: FetchPolicy, pacing: Pacing, stop: threading.Event
    ) -> None:
        self._client = client
        self._store = store
        self._policy = policy
        self._pacing = pacing
        self._stop = stop
        self._gate = Gate(policy.per_host, policy.rate, pacing, stop)

    def fetch(self, use: ImageUse) -> Fetched | Failed:
        """Store ``use``'s image from the first candidate URL that gives a whole image."""
        budget = _WaitBudget(self._policy.image_wait)
        refused: Failed | None = None  # the first candidate whose retries ran out: the likeliest cause
        last = Failed("no-candidate", "no URL to fetch")
        too_large = False
        for url in use.candidates():
            result = self._with_retries(use, url, "web", budget)
            if isinstance(result, Fetched):
                return result
            last = result if isinstance(result, Failed) else Failed(result.reason, result.error)
            too_large = too_large or result.reason == "too-large"
            if isinstance(result, Failed) and refused is None:
                refused = result
        if self._policy.wayback:
            base = self._policy.wayback_base.rstrip("/")
            for url in dict.fromkeys((*use.linked, *use.shown)):
                archived = f"{base}/web/2im_/{'https:' + url if url.startswith('//') else url}"
                result = self._with_retries(use, archived, "wayback", budget)
                if isinstance(result, Fetched):
                    return result
        if refused is not None:
            return refused
        if too_large:
            return Failed(
                "too-large", f"every copy offered is over the {self._policy.max_bytes}-byte cap ({last.error})"
            )
        return last

    def _with_retries(self, use: ImageUse, url: str, origin: str, budget: _WaitBudget) -> Fetched | Failed | _Next:
        for attempt in range(self._policy.retries + 1):
            if self._stop.is_set():
                raise Interrupted(use.key)
            result = self._once(use, url, origin)
            if not isinstance(result, _Retry):
                return result
            if attempt == self._policy.retries or budget.spent():
                return Failed(result.reason, f"{result.error} ({attempt + 1} tries)")
            delay = result.wait
            if delay is None:
                delay = self._policy.backoff * (2**attempt) * (1 + self._pacing.jitter())
            delay = min(delay, self._policy.max_wait)
            budget.take(delay)
            self._pacing.sleep(delay, self._stop)
        raise AssertionError("unreachable: the loop returns on its last attempt")

    def _once(self, use: ImageUse, url: str, origin: str) -> Fetched | _Retry | _Next:
        current = url
        for _hop in range(self._policy.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                return _Next("redirect", f"refused to follow {url} to {current} (only http and https)")
            headers = self._resume_headers(use.key, current)
            try:
                with self._gate.slot(parts.hostname), self._client.stream("GET", current, headers=headers) as response:
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECTS and location:
                        current = urljoin(current, location)
                        continue
                    return self._receive(use, current, origin, response, bool(headers))
            except httpx.TimeoutException as exc:
                return _Retry("timeout", f"timed out at {current}: {type(exc).__name__}")
            except httpx.RemoteProtocolError as exc:
                return _Retry("truncated", f"connection closed early at {current}: {exc}")
            except httpx.TransportError as exc:
                return _Retry("connection", f"cannot connect to {current}: {exc}")
            except httpx.InvalidURL as exc:
                return _Next("bad-url", f"not a URL that can be fetched: {current}: {exc}")
        return _Next("redirect", f"more than {self._policy.max_redirects} redirects from {url}")

    def _resume_headers(self, key: str, url: str) -> dict[str, str]:
        part = self._store.part_path(key)
        info = self._store.part_info(key)
        validator = info.get("etag") or info.get("last_modified")
        if not part.is_file() or info.get("url") != url or not validator:
            return {}
        size = part.stat().st_size
        return {"Range": f"bytes={size}-", "If-Range": validator} if size else {}

    def _receive(
        self, use: ImageUse, url: str, origin: str, response: httpx.Response, resuming: bool
    ) -> Fetched | _Retry | _Next:
        status = response.status_code
        if status in _NEXT_CANDIDATE:
            return _Next(f"http-{status}", f"HTTP {status} at {url}")
        if status in (403, 429) or status >= 500:
            return _Retry(f"http-{status}", f"HTTP {status} at {url}", self._retry_after(response))
        part = self._store.part_path(use.key)
        offset = part.stat().st_size if resuming and part.is_file() else 0
        if status == 206 and resuming:
            match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
            if match is None or int(match.group(1)) != offset:
                self._store.discard_part(use.key)
                return _Retry("range", f"unusable partial content from {url}: start again", 0)
        elif status == 416 and resuming:
            self._store.discard_part(use.key)
            return _Retry("range", f"range refused at {url}: start again", 0)
        elif status == 200:
            offset = 0
        else:
            return _Next(f"http-{status}", f"HTTP {status} at {url}")
        return self._stream_body(use, url, origin, response, offset)

    def _stream_body(
        self, use: ImageUse, url: str, origin: str, response: httpx.Response, offset: int
    ) -> Fetched | _Retry | _Next:
        encoded = "content-encoding" in response.headers
        length = response.headers.get("content-length", "")
        expected = int(length) if length.isdigit() and not encoded else None
        limit = self._policy.max_bytes
        if expected is not None and offset + expected > limit:
            return _Next("too-large", f"{url} is {offset + expected} bytes, over the {limit}-byte cap")
        part = self._store.part_path(use.key)
        etag, last_modified = response.headers.get("etag"), response.headers.get("last-modified")
        if etag or last_modified:  # without a validator a .part file cannot be resumed safely
            self._store.save_part_info(use.key, {"url": url, "etag": etag, "last_modified": last_modified})
        digest = hashlib.sha256()
        if offset:
            with part.open("rb") as earlier:
                for block in iter(lambda: earlier.read(1 << 20), b""):
                    digest.update(block)
        received = 0
        with part.open("ab" if offset else "wb") as stream:
            for chunk in response.iter_bytes() if encoded else response.iter_raw():
                if self._stop.is_set():
                    raise Interrupted(use.key)
                stream.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                if offset + received > limit:
                    break
        total = offset + received
        if total > limit:
            self._store.discard_part(use.key)
            return _Next("too-large", f"{url} is over the {limit}-byte cap")
        if expected is not None and received != expected:
            return _Retry("truncated", f"{url}: got {received} of {expected} bytes")
        with part.open("rb") as stored:
            head = stored.read(HEAD_BYTES)
        media_type = sniff(head)
        if media_type is None:
            self._store.discard_part(use.key)
            what = "an empty body" if not total else f"not an image ({response.headers.get('content-type', '?')})"
            return _Next("not-an-image", f"{url} gave {what}")
        sha256 = digest.hexdigest()
        size = dimensions(head, media_type)
        return Fetched(
            path=self._store.keep_part(use.key, sha256, media_type),
            name=friendly_name(use.image, media_type),
            sha256=sha256,
            bytes=total,
            type=media_type,
            width=size[0] if size else None,
            height=size[1] if size else None,
            fetched_from=url,
            origin=origin,
        )

    def _retry_after(self, response: httpx.Response) -> float | None:
        value = response.headers.get("retry-after", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, (moment - self._pacing.now()).total_seconds())
