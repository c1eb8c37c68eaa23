"""Running items on a ``concurrent.futures.Executor``: a local process pool, Dask, or the caller's.

Rules:

- At most one item per worker is in flight, plus, on a local pool without
  ``--timeout-per-blog``, one queued per worker: a worker then never waits for this process
  between two items (on two busy cores this process may wait for a core itself). With a
  timeout each item's clock must start when it really starts, so nothing is queued; on Dask
  nothing is queued either, as a task queued on a worker that dies counts as a suspect there,
  unless the scheduler keeps the queue itself (``executor_queues``: the local clusters
  blogport starts, with ``worker-saturation`` 1.0).
  Either way a broken pool takes down only the few items it held.
- A dead worker fails only its own item. When a process pool breaks with several items in
  flight, it is rebuilt and those items rerun one at a time: the one that breaks the pool alone
  is recorded as failed, the others finish normally. (A Dask cluster reschedules a dead
  worker's task itself; when it gives up, the item is recorded.)
- ``--timeout-per-blog`` is enforced in the worker; as a backstop, an item still running a few
  seconds past it is recorded ``timeout``: its process-pool workers are killed (the pool is then
  rebuilt), or, on an executor that cannot kill (Dask), it is abandoned (the task discards its
  output itself).
- An executor whose workers can all go away (a Dask cluster: its nannies give up on a worker
  killed just after a restart) is given a ``workers_left`` probe: when it has had no worker for
  ``_NO_WORKERS_SECONDS``, every item not finished is recorded as failed, and the batch ends
  instead of waiting for ever (``--retry-failed`` reruns them).
- Ctrl-C kills the pool's workers and leaves the log of finished items as it is.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from typing import Any

import attrs

from ..errors import InputError
from .items import Item, with_sha256
from .task import EXIT_INTERNAL, EXIT_OVER_LIMIT, base_record, one_line, run_item

Record = dict[str, Any]
_GRACE_SECONDS = 5.0
_POLL_SECONDS = 0.5
_TASKS_PER_CHILD = 50  # fresh worker processes now and then: no memory creep over thousands of items
_NO_WORKERS_SECONDS = 60.0  # longer than a worker takes to restart on a loaded machine
DIED = "the worker process died (killed, out of memory or crashed)"
NO_WORKERS = "not run: the executor had no workers left"


def _pool_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["blogport.batch.task", *preload])
    return context


def start_forkserver(preload: Sequence[str] = ()) -> None:
    """Start the fork server the workers fork from now, so its import of blogport overlaps the planning.

    ``preload``: more modules it imports (Dask's ``distributed`` for a local Dask cluster's
    workers); one that cannot be imported is left out. A fork server already running is kept.
    """
    if _pool_context(preload).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def local_pool_factory(jobs: int) -> Callable[[], Executor]:
    """A maker of the default engine: a process pool of ``jobs`` workers with blogport preloaded."""
    context = _pool_context()

    def make() -> Executor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context, max_tasks_per_child=_TASKS_PER_CHILD)

    return make


@attrs.define
class _Running:
    index: int
    item: dict[str, Any]
    started: float
    suspect: bool
    overdue: bool = False


class Engine:
    """An executor with what batch needs around it: rebuilding a broken pool, killing its workers."""

    def __init__(
        self,
        executor: Executor | Callable[[], Executor],
        window: int,
        workers_left: Callable[[], int] | None = None,
        queues: bool = False,
    ) -> None:
        self._make = executor if not isinstance(executor, Executor) else None
        self.executor: Executor = executor if isinstance(executor, Executor) else executor()
        self.window = max(1, window)
        self.workers_left = workers_left
        self.queues = queues
        self._no_workers_since: float | None = None

    def abandoned(self, progressed: bool) -> bool:
        """True once the executor has had no worker, and finished nothing, for ``_NO_WORKERS_SECONDS``.

        Never without a probe; ``progressed``: an item finished since the last call.
        """
        if progressed or self.workers_left is None or self.workers_left() > 0:
            self._no_workers_since = None
            return False
        now = time.monotonic()
        if self._no_workers_since is None:
            self._no_workers_since = now
        return now - self._no_workers_since >= _NO_WORKERS_SECONDS

    def in_flight(self, timed: bool) -> int:
        """How many items to keep submitted: one per worker, and one queued each on a local pool
        (or an executor said to queue them outside its workers)."""
        queues = not timed and (self.queues or isinstance(self.executor, ProcessPoolExecutor))
        return self.window * 2 if queues else self.window

    def rebuild(self) -> bool:
        """Replace a broken executor; False when it was given ready-made (it cannot be remade)."""
        if self._make is None:
            return False
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._make()
        return True

    def kill_workers(self) -> bool:
        """Kill a process pool's workers now (the pool breaks); False for other executors."""
        # Python 3.11 has no public way (3.14 adds terminate_workers); the pool's process table it is.
        processes = getattr(self.executor, "_processes", None)
        if not isinstance(self.executor, ProcessPoolExecutor) or not processes:
            return False
        for process in list(processes.values()):
            process.kill()
        return True

    def close(self, interrupted: bool = False) -> None:
        """Shut the executor down; on interruption kill the workers first."""
        if interrupted:
            self.kill_workers()
        if self._make is None and not interrupted:
            return  # the caller's executor: the caller shuts it down
        try:
            self.executor.shutdown(wait=not interrupted, cancel_futures=True)
        except TypeError:  # executors that predate cancel_futures (Dask's ClientExecutor)
            self.executor.shutdown(wait=not interrupted)


def failure(item: dict[str, Any], options: dict[str, Any], status: str, exit_code: int, error: str) -> Record:
    """The record of an item that failed outside its task (a dead worker, an abandoned timeout)."""
    record = base_record(item, options)
    if not record["input_sha256"]:  # the worker died before it could say: the hash keeps resume right
        with contextlib.suppress(InputError):
            record["input_sha256"] = with_sha256(Item.from_dict(item)).input_sha256
    return {**record, "status": status, "exit_code": exit_code, "error": error}


def execute(
    engine: Engine,
    tasks: list[tuple[int, dict[str, Any]]],
    options: dict[str, Any],
    done: Callable[[int, Record], None],
) -> None:
    """Run ``run_item`` for every (index, item) of ``tasks``; ``done(index, record)`` as each finishes."""
    queue = deque(tasks)
    suspects: deque[tuple[int, dict[str, Any]]] = deque()
    running: dict[Future[Record], _Running] = {}
    timeout = options.get("timeout")
    while queue or suspects or running:
        isolating = bool(suspects) or any(r.suspect for r in running.values())
        window = 1 if isolating else engine.in_flight(bool(timeout))
        while len(running) < window and (suspects or (queue and not isolating)):
            suspect = bool(suspects)
            index, item = suspects.popleft() if suspect else queue.popleft()
            try:
                future = engine.executor.submit(run_item, item, options)
            except BrokenExecutor:
                future = Future()
                future.set_exception(BrokenExecutor("the executor is broken"))
            running[future] = _Running(index, item, time.monotonic(), suspect)
        finished, _ = wait(list(running), timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
        broken: list[_Running] = []
        for future in finished:
            state = running.pop(future)
            try:
                done(state.index, future.result())
            except BrokenExecutor:
                broken.append(state)
            except Exception as exc:  # the engine lost the task (Dask: KilledWorker, a lost connection)
                error = one_line(f"{DIED}: {type(exc).__name__}: {exc}", 300)
                done(state.index, failure(state.item, options, "failed", EXIT_INTERNAL, error))
        if broken:
            _recover(engine, broken, running, suspects, options, done)
        elif timeout:
            _enforce_timeout(engine, running, timeout, options, done)
        if running and engine.abandoned(progressed=bool(finished)):
            for future, state in running.items():
                future.cancel()
                done(state.index, failure(state.item, options, "failed", EXIT_INTERNAL, NO_WORKERS))
            for index, item in (*suspects, *queue):
                done(index, failure(item, options, "failed", EXIT_INTERNAL, NO_WORKERS))
            return


def _recover(
    engine: Engine,
    broken: list[_Running],
    running: dict[Future[Record], _Running],
    suspects: deque[tuple[int, dict[str, Any]]],
    options: dict[str, Any],
    done: Callable[[int, Record], None],
) -> None:
    """A pool broke: the items it was running are retried alone, or recorded when alone already."""
    for future, state in list(running.items()):  # the broken pool fails every item it held
        try:
            done(state.index, future.result())
        except Exception:
            broken.append(state)
        del running[future]
    rebuilt = engine.rebuild()
    for state in sorted(broken, key=lambda s: s.index):
        if state.overdue:
            timeout = options.get("timeout") or 0
            done(
                state.index, failure(state.item, options, "timeout", EXIT_OVER_LIMIT, f"took longer than {timeout:g} s")
            )
        elif len(broken) == 1 or not rebuilt:
            limit = options.get("max_memory_mb")
            error = f"{DIED}; likely over the memory limit ({limit} MB)" if limit else DIED
            done(state.index, failure(state.item, options, "failed", EXIT_INTERNAL, error))
        else:
            suspects.append((state.index, state.item))


def _enforce_timeout(
    engine: Engine,
    running: dict[Future[Record], _Running],
    timeout: float,
    options: dict[str, Any],
    done: Callable[[int, Record], None],
) -> None:
    now = time.monotonic()
    for future, state in list(running.items()):
        if state.overdue or now - state.started < timeout + _GRACE_SECONDS:
            continue
        state.overdue = True
        if not engine.kill_workers():
            future.cancel()
            del running[future]
            done(
                state.index, failure(state.item, options, "timeout", EXIT_OVER_LIMIT, f"took longer than {timeout:g} s")
            )
