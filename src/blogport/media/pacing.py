"""Time and politeness for fetching: the clock (injectable, so tests never really sleep), the
per-host cap and the global request rate.

Rules: every wait goes through :class:`Pacing`; a wait ends early when the run is stopped
(Ctrl-C); the per-host cap counts requests in flight, the rate spaces request starts evenly.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime


class Pacing:
    """The real clock. Tests pass a subclass that records waits and moves its own time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        return time.monotonic()

    def now(self) -> datetime:
        """The wall-clock time (for ``Retry-After`` given as an HTTP date)."""
        return datetime.now(UTC)

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        """Wait ``seconds``, or less if ``stop`` is set meanwhile."""
        if seconds > 0:
            stop.wait(seconds)

    def jitter(self) -> float:
        """A random number in [0, 1), spreading retries so they do not come back in step."""
        return random.random()


class Gate:
    """At most ``per_host`` requests in flight per host, and at most ``rate`` request starts per second."""

    def __init__(self, per_host: int, rate: float | None, pacing: Pacing, stop: threading.Event) -> None:
        self._per_host = per_host
        self._interval = 1.0 / rate if rate else 0.0
        self._pacing = pacing
        self._stop = stop
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._next_start = 0.0

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of ``host``'s request slots (waiting for one, then for the rate) while the block runs."""
        with self._lock:
            semaphore = self._hosts.get(host)
            if semaphore is None:
                semaphore = self._hosts[host] = threading.BoundedSemaphore(self._per_host)
        semaphore.acquire()
        try:
            self._wait_for_rate()
            yield
        finally:
            semaphore.release()

    def _wait_for_rate(self) -> None:
        if not self._interval:
            return
        with self._lock:
            now = self._pacing.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self._interval
        self._pacing.sleep(start - now, self._stop)
