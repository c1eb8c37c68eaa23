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
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from .. import parallel
from ..errors import UsageError

_CONNECT_SECONDS = 20


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
def dask_executor(
    scheduler: str | None, jobs: int | None, inputs: Sequence[str], outdir: Path
) -> Iterator[tuple[Executor, int, Callable[[], int]]]:
    """A Dask executor, how many tasks its workers run at once, and how many workers it has now.

    The cluster is closed after.
    """
    try:
        import dask
        import distributed
    except ImportError:
        raise UsageError("--executor dask needs Dask: pip install 'blogport[dask]'") from None
    with contextlib.ExitStack() as stack:
        stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": 1}))
        if scheduler:
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout=_CONNECT_SECONDS))
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=jobs or parallel.cpu_count(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address="127.0.0.1:0",  # loopback, any free port (no dashboard without bokeh)
                    host="127.0.0.1",
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        workers = sum(client.nthreads().values())
        if not workers:
            raise UsageError(f"the Dask scheduler at {scheduler} has no workers")
        check_shared_storage(client, inputs, outdir)
        yield client.get_executor(pure=False), workers, lambda: len(client.nthreads())
