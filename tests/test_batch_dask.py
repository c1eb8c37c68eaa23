"""``blogport batch`` on Dask: a two-worker ``LocalCluster`` (loopback only) gives the local pool's bytes.

Skipped when the ``[dask]`` extra is absent; CI installs it through the ``test`` extra.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402  (comes with distributed)
import dask  # noqa: E402

from batchbuild import make_exports, tree, untimed  # noqa: E402
from blogport.batch import BatchOptions, plan_items, prepare_output, run  # noqa: E402
from blogport.batch.cluster import check_shared_storage, dask_executor  # noqa: E402
from blogport.cli import main  # noqa: E402
from blogport.errors import UsageError  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
CRASHING_KEY = "9008"


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A client of a fresh ``LocalCluster`` on loopback: single-threaded worker processes, one retry."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # loopback, any free port (no dashboard without bokeh)
            host="127.0.0.1",
            memory_limit="2GiB",
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with local_cluster(2) as dask_client:
        yield dask_client


@pytest.fixture
def own_client() -> Iterator[Any]:
    """A cluster for one test that kills workers: three, as each death may cost one for good.

    A worker killed just after its nanny restarted it, before the nanny heard from it, is not
    restarted again (the nanny closes), so two deaths can leave a two-worker cluster with none.
    A cluster of its own also keeps the deaths from reaching the other tests.
    """
    with local_cluster(3) as dask_client:
        yield dask_client


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    return make_exports(tmp_path / "in")


def test_dask_gives_the_local_pool_bytes(client: Any, exports: Path, tmp_path: Path) -> None:
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", f"@{exports}", "-o", str(local), "--jobs", "2", "-q"]) == 0
    items = plan_items([f"@{exports}"])
    check_shared_storage(client, sorted({item.input for item in items}), tmp_path)
    result = run(items, BatchOptions(output=on_dask, jobs=2), client.get_executor(pure=False), engine_name="dask")
    assert result.summary["ok"] == 12 and result.summary["failed"] == 2
    assert tree(local) == tree(on_dask) and len(tree(local)) == 12
    assert untimed(local / "_batch" / "results.jsonl") == untimed(on_dask / "_batch" / "results.jsonl")
    workers = {record["worker"] for record in result.records if record["worker"]}
    assert len(workers) == 2  # both Dask workers took items


def test_the_command_runs_on_a_scheduler(client: Any, exports: Path, tmp_path: Path) -> None:
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", f"@{exports}", "-o", str(local), "--jobs", "1", "-q", "--to", "markdown"]) == 0
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    argv = ["batch", f"@{exports}", "-o", str(on_dask), "-q", "--to", "markdown", "--executor", "dask"]
    assert main([*argv, "--scheduler", address]) == 0
    assert tree(local) == tree(on_dask)


def test_the_command_starts_a_local_cluster_without_a_scheduler(exports: Path, tmp_path: Path) -> None:
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", f"@{exports}", "-o", str(local), "-q", "--jobs", "2"]) == 0
    assert main(["batch", f"@{exports}", "-o", str(on_dask), "-q", "--executor", "dask", "--jobs", "2"]) == 0
    assert tree(local) == tree(on_dask)
    summary = json.loads((on_dask / "_batch" / "summary.json").read_text("utf-8"))
    assert (summary["engine"], summary["workers"], summary["ok"]) == ("dask", 2, 12)


def test_workers_must_see_the_files(client: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"cannot see .*nowhere"):
        check_shared_storage(client, [str(tmp_path / "nowhere")], tmp_path)


class _CrashOn(distributed.WorkerPlugin):  # type: ignore[misc]
    """Kills the worker process running one blog, on every worker (restarted ones too), while ``armed`` exists."""

    def __init__(self, armed: Path) -> None:
        self.armed = str(armed)

    def setup(self, worker: Any) -> None:
        armed = self.armed
        import blogport.batch.task as task

        real = task.convert

        def convert(item, options, target):  # type: ignore[no-untyped-def]
            if item.key == CRASHING_KEY and os.path.exists(armed):
                with open(armed, "a", encoding="ascii") as deaths:
                    deaths.write("died\n")
                os._exit(9)
            return real(item, options, target)

        task.convert = convert


def test_a_killed_worker_is_retried_once_then_recorded(own_client: Any, exports: Path, tmp_path: Path) -> None:
    armed = tmp_path / "armed"
    armed.touch()
    own_client.register_plugin(_CrashOn(armed), name="crash-on")
    items = plan_items([f"@{exports}"])
    result = run(items, BatchOptions(output=tmp_path / "out", jobs=2), own_client.get_executor(pure=False))
    deaths = armed.read_text("ascii").count("died")
    assert deaths == 2  # the first run and the one retry, each killing its worker
    by_key = {record["blog_key"]: record for record in result.records}
    assert by_key[CRASHING_KEY]["status"] == "failed"
    assert "worker process died" in by_key[CRASHING_KEY]["error"] and "KilledWorker" in by_key[CRASHING_KEY]["error"]
    assert sum(record["status"] == "ok" for record in result.records) == 11
    assert not (tmp_path / "out" / CRASHING_KEY).exists()


def test_on_the_cluster_batch_starts_tasks_queue_and_a_killed_worker_fails_only_its_blog(
    exports: Path, tmp_path: Path
) -> None:
    """Tasks wait on the scheduler there (one more per worker submitted), yet a death hits only the running one."""
    armed = tmp_path / "armed"
    armed.touch()
    out = tmp_path / "out"
    prepare_output(out)
    items = plan_items([f"@{exports}"])
    with dask_executor(None, 3, sorted({item.input for item in items}), out) as engine:
        assert engine.queues and engine.workers == 3
        scheduler_config = distributed.get_client().run_on_scheduler(
            lambda dask_scheduler: dask_scheduler.WORKER_SATURATION
        )
        assert scheduler_config == 1.0  # nothing waits on a worker: only running tasks are suspects
        distributed.get_client().register_plugin(_CrashOn(armed), name="crash-on")
        options = BatchOptions(output=out, jobs=engine.workers)
        result = run(items, options, engine.executor, workers_left=engine.workers_left, executor_queues=True)
    assert armed.read_text("ascii").count("died") == 2  # the first run and the one retry
    by_key = {record["blog_key"]: record for record in result.records}
    assert by_key[CRASHING_KEY]["status"] == "failed" and "KilledWorker" in by_key[CRASHING_KEY]["error"]
    assert sum(record["status"] == "ok" for record in result.records) == 11
    assert [record["blog_key"] for record in result.records] == [item.key for item in items]


SLOW_KEY, SLOW_SECONDS = "9003", 8.0


class _SlowOn(distributed.WorkerPlugin):  # type: ignore[misc]
    """Makes one blog take SLOW_SECONDS on every worker while ``armed`` exists."""

    def __init__(self, armed: Path) -> None:
        self.armed = str(armed)

    def setup(self, worker: Any) -> None:
        armed = self.armed
        import time

        import blogport.batch.task as task

        real = task.convert

        def convert(item, options, target):  # type: ignore[no-untyped-def]
            if item.key == SLOW_KEY and os.path.exists(armed):
                time.sleep(SLOW_SECONDS)
            return real(item, options, target)

        task.convert = convert


def test_an_overdue_blog_is_abandoned_and_its_late_output_discarded(client: Any, exports: Path, tmp_path: Path) -> None:
    import time

    armed = tmp_path / "armed"
    armed.touch()
    client.register_plugin(_SlowOn(armed), name="slow-on")
    out = tmp_path / "out"
    try:
        started = time.monotonic()
        options = BatchOptions(output=out, jobs=2, timeout_per_blog=1)
        result = run(plan_items([f"@{exports}"]), options, client.get_executor(pure=False))
        assert time.monotonic() - started < SLOW_SECONDS
        by_key = {record["blog_key"]: record for record in result.records}
        assert by_key[SLOW_KEY]["status"] == "timeout" and by_key[SLOW_KEY]["exit_code"] == 3
        assert sum(record["status"] == "ok" for record in result.records) == 11
        time.sleep(SLOW_SECONDS)  # the worker finishes the abandoned blog meanwhile ...
        assert not (out / SLOW_KEY).exists()  # ... and throws its result away
    finally:
        armed.unlink(missing_ok=True)
        client.unregister_worker_plugin("slow-on")
