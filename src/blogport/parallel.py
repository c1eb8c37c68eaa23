"""Work split over forked processes that inherit the model instead of receiving it pickled.

Writers turn a large, read-only model into text. Pickling the model to worker processes would
cost more than the work; with ``fork`` the workers share it copy-on-write and receive only
index ranges, and send back text. Where ``fork`` is not available (Windows, macOS by
default) or the work is small, everything runs in this process.

:func:`fork_pool` is the one way blogport starts worker processes (the Markdown rendering
here, the two-core parse of large exports in ``formats.blogger.atom``): workers ignore Ctrl-C,
so only this process reacts to it (one line, exit 130) and stops them; and they die with this
process if it is killed, so no worker is left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from . import progress

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


_PR_SET_PDEATHSIG = 1


def _worker_setup(parent: int) -> None:
    # In each worker, first thing: Ctrl-C is the main process's business (it stops the pool), and
    # the worker must not outlive the main process (Linux: a signal when the parent dies).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


@contextlib.contextmanager
def fork_pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``workers`` forked processes; stopped (terminated) when the block ends, however it ends."""
    # The inherited objects go to the collector's permanent generation first: a worker's collections
    # would otherwise walk the whole model, costing CPU and copying every page they touch.
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_setup, initargs=(os.getpid(),))
    finally:
        gc.unfreeze()
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def _run_span(span: tuple[int, int]) -> Any:
    assert _SHARED is not None
    work, state = _SHARED
    return work(state, *span)


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
    phase_name: str = "rendering",
) -> list[T]:
    """``work(state, start, stop)`` over consecutive ranges of items, results in order.

    Runs in forked workers when there are several CPUs (or ``jobs`` > 1), ``fork`` exists and
    the total weight reaches ``min_weight``; otherwise in this process (range by range above
    ``min_weight``, so progress moves). The ranges done advance the progress phase ``phase_name``
    (in posts, the one kind of item writers split).
    """
    global _SHARED
    workers = max(1, min(jobs if jobs is not None else cpu_count(), 16))
    with progress.phase(phase_name, len(weights), "post") as advance:
        if len(weights) < 2 or sum(weights) < min_weight:
            results = [work(state, 0, len(weights))]
            advance(len(weights))
            return results
        spans = ranges_by_weight(weights, workers * 6)  # several per worker, so none idles at the end
        if workers == 1 or not may_fork():
            results = []
            for start, stop in spans:
                results.append(work(state, start, stop))
                advance(stop - start)
            return results
        _SHARED = (work, state)
        try:
            with fork_pool(workers) as pool:
                results = []
                for (start, stop), result in zip(spans, pool.imap(_run_span, spans), strict=True):
                    results.append(result)
                    advance(stop - start)
                return results
        finally:
            _SHARED = None
