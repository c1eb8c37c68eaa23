"""Progress of a run, phase by phase: reading, threading, rendering, writing.

Library code marks its phases with :func:`phase` and advances them; nothing is shown unless a
caller installed a :class:`Tracker` with :func:`tracking` (the command line does: a bar per
phase on a terminal, and under ``-v`` each phase with its time). Without a tracker a phase
costs one global lookup, so the library pays nothing for it.

Work done in forked workers reports through the parent (``parallel`` and the two-core parse
send counts back), so a bar covers the whole run, not the main process's share of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

Advance = Callable[[int], None]


class Tracker(Protocol):
    """What shows progress: gets each phase's name, total and unit; returns the phase's advance function."""

    def phase(self, name: str, total: int, unit: str) -> AbstractContextManager[Advance]:
        """A phase of ``total`` ``unit`` (``B``, ``post``, ``file`` …); the block advances it."""
        ...


_TRACKER: Tracker | None = None


def _ignore(_done: int) -> None:
    return None


@contextlib.contextmanager
def phase(name: str, total: int, unit: str) -> Iterator[Advance]:
    """Mark a phase of ``total`` ``unit``; the block calls the advance function with each amount done."""
    if _TRACKER is None:
        yield _ignore
        return
    with _TRACKER.phase(name, total, unit) as advance:
        yield advance


@contextlib.contextmanager
def tracking(tracker: Tracker) -> Iterator[None]:
    """Report every :func:`phase` of this process to ``tracker`` while the block runs."""
    global _TRACKER
    previous, _TRACKER = _TRACKER, tracker
    try:
        yield
    finally:
        _TRACKER = previous
