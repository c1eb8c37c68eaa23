"""The Dask engine: ``--executor dask [--scheduler tcp://HOST:8786]`` (``pip install 'blogport[dask]'``).

Rules:

- ``distributed`` is imported only here, only when asked for; without it the error names the extra.
- With ``--scheduler`` the batch runs on that cluster; without, on a local cluster of ``--jobs``
  single-threaded worker processes started for the batch and stopped after it.
- Tasks go through ``Client.get_executor()``: the same task function and the same records as
  the local pool. A task whose worker dies is rescheduled once (``allowed-failures`` = 1 on the
  clusters blogport starts) and then recorded as failed.
- Inputs and OUTDIR must be on storage every worker sees: at start each worker stats the
  inputs and reads back a token written into OUTDIR; any miss is a usage error naming it.
- The local cluster is tuned for a batch of long single-threaded tasks on few cores
  (:data:`LOCAL_CLUSTER_CONFIG`): tasks wait on the scheduler, never on a worker, so more than
  one per worker may be submitted (the next starts as soon as a worker is free, without a
  round trip through this process) while a worker's death still makes only its running task
  a suspect; no work stealing, no profiler, slower housekeeping ticks, no dashboard. A
  cluster given with ``--scheduler`` is used as it is configured.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import attrs

from .. import parallel
from ..errors import UsageError

_CONNECT_SECONDS = 20
_RETRIES = {"distributed.scheduler.allowed-failures": 1}
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # A slot per thread: a task is sent to a worker only when it can start there.
    "distributed.scheduler.worker-saturation": 1.0,
    # Stealing rebalances queued work between workers; with nothing queued on them it only polls.
    "distributed.scheduler.work-stealing": False,
    # The statistical profiler samples every thread's stack every 10 ms, holding the GIL.
    "distributed.worker.profile.enabled": False,
    # Housekeeping every 20 ms / 500 ms / 100 ms would take the GIL from the task as often.
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
}
if "forkserver" in multiprocessing.get_all_start_methods():
    # Workers forked from a server that imported Dask and blogport once (started early by the
    # command), instead of two fresh interpreters importing both.
    LOCAL_CLUSTER_CONFIG["distributed.worker.multiprocessing-method"] = "forkserver"


@attrs.frozen
class DaskEngine:
    """What :func:`dask_executor` gives: the executor, how many tasks its workers run at once,
    how many workers it has now, and whether tasks submitted beyond them wait on the scheduler."""

    executor: Executor
    workers: int
    workers_left: Callable[[], int]
    queues: bool


def probe_storage(paths: Sequence[str], token_file: str, token: str) -> list[str]:
    """On a worker: what it cannot see of ``paths``, and whether ``token_file`` holds ``token``."""
    missing = [path for path in paths if not os.path.exists(path)]
    try:
        with open(token_file, encoding="ascii") as handle:
            if handle.read() != token:
                missing.append(f"{os.path.dirname(token_file)} (another folder of the same name)")
    except OSError:
        missing.append(os.path.dirname(os.path.dirname(token_file)))
    return missing


def check_shared_storage(client: Any, inputs: Sequence[str], outdir: Path) -> None:
    """Fail (usage error) unless every worker of ``client`` sees ``inputs`` and the very same ``outdir``."""
    token = uuid.uuid4().hex
    token_file = outdir / "_batch" / f"probe-{token}"
    token_file.parent.mkdir(parents=True, exist_ok=True)
    token_file.write_text(token, encoding="ascii")
    try:
        answers: dict[str, list[str]] = client.run(probe_storage, list(inputs), str(token_file), token)
    finally:
        with contextlib.suppress(OSError):
            token_file.unlink()
    for worker, missing in sorted(answers.items()):
        if missing:
            raise UsageError(
                f"Dask worker {worker} cannot see {missing[0]}: inputs and the output folder must be on "
                "storage that every worker shares, at the same path"
            )


@contextlib.contextmanager
def dask_executor(scheduler: str | None, jobs: int | None, inputs: Sequence[str], outdir: Path) -> Iterator[DaskEngine]:
    """The Dask engine on ``scheduler``, or on a local cluster of ``jobs`` workers; the cluster is closed after."""
    try:
        import dask
        import distributed
    except ImportError:
        raise UsageError("--executor dask needs Dask: pip install 'blogport[dask]'") from None
    with contextlib.ExitStack() as stack:
        if scheduler:
            stack.enter_context(dask.config.set(_RETRIES))
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout=_CONNECT_SECONDS))
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        else:
            stack.enter_context(dask.config.set({**_RETRIES, **LOCAL_CLUSTER_CONFIG}))
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=jobs or parallel.cpu_count(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    host="127.0.0.1",
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        workers = sum(client.nthreads().values())
        if not workers:
            raise UsageError(f"the Dask scheduler at {scheduler} has no workers")
        check_shared_storage(client, inputs, outdir)
        yield DaskEngine(client.get_executor(pure=False), workers, lambda: len(client.nthreads()), not scheduler)
