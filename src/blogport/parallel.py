"""Work split over forked processes that inherit the model instead of receiving it pickled.

Writers turn a large, read-only model into text. Pickling the model to worker processes would
cost more than the work; with ``fork`` the workers share it copy-on-write and receive only
index ranges, and send back text. Where ``fork`` is not available (Windows, macOS by
default) or the work is small, everything runs in this process.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_SHARED: tuple[Callable[[Any, int, int], Any], Any] | None = None
_FORKING_ALLOWED = True


def forbid_forking() -> None:
    """From now on this process never forks workers: everything runs in it, with one job.

    Batch workers call it (``blogport batch``): N workers each forking their own pool would run
    several processes per core and break the memory limits. It covers :func:`map_ranges` and the
    two-core parse of large exports, the only places blogport forks.
    """
    global _FORKING_ALLOWED
    _FORKING_ALLOWED = False


def may_fork() -> bool:
    """True when this process may fork workers: ``fork`` exists and :func:`forbid_forking` was not called."""
    return _FORKING_ALLOWED and "fork" in multiprocessing.get_all_start_methods()


def cpu_count() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _run(start: int, stop: int) -> Any:
    assert _SHARED is not None
    work, state = _SHARED
    return work(state, start, stop)


def ranges_by_weight(weights: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """Split ``range(len(weights))`` into about ``parts`` consecutive ranges of similar total weight."""
    total = sum(weights)
    target = max(total // max(parts, 1), 1)
    bounds = [0]
    size = 0
    for index, weight in enumerate(weights):
        size += weight
        if size >= target:
            bounds.append(index + 1)
            size = 0
    if bounds[-1] != len(weights):
        bounds.append(len(weights))
    return list(itertools.pairwise(bounds))


def map_ranges(
    work: Callable[[Any, int, int], T],
    state: Any,
    weights: Sequence[int],
    jobs: int | None = None,
    min_weight: int = 2_000_000,
) -> list[T]:
    """``work(state, start, stop)`` over consecutive ranges of items, results in order.

    Runs in forked workers when there are several CPUs (or ``jobs`` > 1), ``fork`` exists and
    the total weight reaches ``min_weight``; otherwise as one range in this process.
    """
    global _SHARED
    workers = max(1, min(jobs if jobs is not None else cpu_count(), 16))
    if workers == 1 or len(weights) < 2 or sum(weights) < min_weight or not may_fork():
        return [work(state, 0, len(weights))]
    spans = ranges_by_weight(weights, workers * 6)  # several per worker, so none idles at the end
    _SHARED = (work, state)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.starmap(_run, spans)
    finally:
        _SHARED = None
