"""Converting many blogs at once: ``blogport batch`` and :func:`run`, on any ``concurrent.futures.Executor``.

Rules:

- Items are independent (ArchiveTeam's shape): each writes ``OUTDIR/<key>/`` and one result
  record; a failure, a timeout or a dead worker fails only that item and the batch goes on.
- Workers receive paths and a plain options dict, never a model; they read and write
  themselves (:mod:`blogport.batch.task`), with forking forbidden inside them.
- The output tree is the same bytes whatever the engine or the number of workers; the log is
  rewritten in item order at the end.
- A rerun skips what is up to date (see :mod:`blogport.batch.log`).
- ``OUTDIR`` must be new, empty, or an earlier batch's: batch never writes into a folder it does
  not own, and never outside ``OUTDIR``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import attrs

from .. import formats, parallel
from ..errors import OutputError
from ..options import ReadOptions, WriteOptions
from . import log
from .engine import Engine, execute, failure, local_pool_factory, start_forkserver
from .items import Item, plan_items, with_sha256

__all__ = ["BatchOptions", "BatchResult", "Item", "options_dict", "plan_items", "run"]

Record = dict[str, Any]


@attrs.frozen
class BatchOptions:
    """How to run a batch.

    ``output``: OUTDIR. ``to``: the writer (``json``, ``wxr``, ``markdown`` …); ``from_format``
    forces a reader. ``read``/``write``: the conversion options, as for ``blogport convert``
    (``write.jobs`` is ignored: inside a worker every conversion runs with one job). ``jobs``:
    the local pool's workers (default: all CPUs), or how many items to keep in flight on a
    given executor. ``timeout_per_blog`` (seconds) and ``max_memory_per_blog`` (MB) limit each
    item. ``retry_failed`` reruns items whose last run failed. ``on_record`` is called in this
    process with each item's record as it finishes (progress bars).
    """

    output: Path = attrs.field(converter=Path)
    to: str = "json"
    from_format: str | None = None
    read: ReadOptions = attrs.Factory(ReadOptions)
    write: WriteOptions = attrs.Factory(WriteOptions)
    jobs: int | None = None
    timeout_per_blog: float | None = None
    max_memory_per_blog: int | None = None
    retry_failed: bool = False
    on_record: Callable[[Record], None] | None = None


@attrs.frozen
class BatchResult:
    """A finished batch: every item's record in item order, and the summary (``summary.json``)."""

    records: list[Record]
    summary: dict[str, Any]

    @property
    def failures(self) -> int:
        """How many items failed or timed out (including earlier failures not retried)."""
        return int(self.summary["failed"] + self.summary["timeout"])


def options_dict(options: BatchOptions) -> dict[str, Any]:
    """The plain data each task receives, with the hash of what decides the output bytes."""
    read = {"keep_emails": options.read.keep_emails, "blog_url": options.read.blog_url}
    write = attrs.asdict(options.write, filter=lambda field, _value: field.name != "jobs")
    decisive = {"to": options.to, "from": options.from_format, "read": read, "write": write}
    digest = hashlib.sha256(json.dumps(decisive, sort_keys=True).encode()).hexdigest()[:16]
    return {
        **decisive,
        "output": os.path.abspath(options.output),
        "timeout": options.timeout_per_blog,
        "max_memory_mb": options.max_memory_per_blog,
        "options_hash": digest,
    }


def prepare_output(outdir: Path) -> None:
    """Create OUTDIR, or accept it when empty or holding an earlier batch; anything else is refused."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: exists and is not a folder (batch writes a folder)")
    if outdir.is_dir():
        if any(outdir.iterdir()) and not log.batch_folder(outdir).is_dir():
            raise OutputError(
                f"{outdir}: holds files but no batch log ({log.BATCH_FOLDER}/); give a new or empty folder"
            )
    elif not outdir.parent.is_dir():
        raise OutputError(f"{outdir.parent}: no such folder")
    try:
        (log.batch_folder(outdir) / "work").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot write ({exc.strerror})") from None
    if not os.access(outdir, os.W_OK):
        raise OutputError(f"{outdir}: not writable")


def run(
    items: Sequence[Item | str | os.PathLike[str]],
    options: BatchOptions,
    executor: Executor | Callable[[], Executor] | None = None,
    *,
    engine_name: str | None = None,
    ignored: Sequence[str] = (),
    workers_left: Callable[[], int] | None = None,
    executor_queues: bool = False,
) -> BatchResult:
    """Convert every item (or path: planned with :func:`plan_items`) into ``options.output``.

    ``executor``: any ``concurrent.futures.Executor`` (a Dask ``Client.get_executor()``, your
    own pool), or a callable that makes one (so a broken process pool can be replaced); by
    default a local process pool of ``options.jobs`` workers. ``ignored``: files the planning
    skipped (not blog exports), listed in the summary. ``workers_left``: how many workers the
    executor has now (a Dask cluster's), so that a cluster left with none ends the batch, its
    unfinished items failed, rather than hanging it. ``executor_queues``: the executor holds
    the tasks submitted beyond its workers until one is free, and a worker's death makes only
    its running task a suspect (a Dask scheduler with ``worker-saturation`` 1.0, as on the
    local clusters blogport starts): one more task per worker is then kept submitted, as on the
    local pool, so no worker waits for this process between two items. Ctrl-C propagates
    (``KeyboardInterrupt``) after the workers are stopped; the log keeps every finished item.
    """
    formats.writer_named(options.to)  # an unknown writer is a usage error before any work
    if executor is None:
        start_forkserver()
    planned = [item for item in items if isinstance(item, Item)]
    paths = [item for item in items if not isinstance(item, Item)]
    skipped_files = list(ignored)
    if paths:
        planned.extend(plan_items(paths, options.from_format, skipped_files))
    outdir = options.output
    prepare_output(outdir)
    results = log.ResultsLog(outdir)  # locks OUTDIR against a second batch at the same time
    work = log.batch_folder(outdir) / "work"
    shutil.rmtree(work, ignore_errors=True)  # what a killed earlier run left half-done
    work.mkdir()
    task_options = options_dict(options)
    previous = log.read_log(outdir)
    records: list[Record | None] = [None] * len(planned)
    tasks: list[tuple[int, dict[str, Any]]] = []
    kept = 0
    for index, item in enumerate(planned):
        if item.error is not None:  # could not even be planned: fails alone, now
            records[index] = failure(item.to_dict(), task_options, "failed", item.exit_code, item.error)
            continue
        earlier = previous.get(item.key)
        if earlier is not None:  # a rerun: the hash decides now, in this process
            item = planned[index] = with_sha256(item)
        decision = log.decide(item, earlier, task_options["options_hash"], outdir, options.retry_failed)
        if decision == "run":
            tasks.append((index, item.to_dict()))
            continue
        assert earlier is not None
        records[index] = log.skipped_record(earlier) if decision == "skip" else earlier
        kept += decision == "keep"
    for record in records:
        if record is not None and options.on_record:
            options.on_record(record)
    for index, item in enumerate(planned):
        if item.error is not None:
            results.append(records[index])  # type: ignore[arg-type]

    def finished(index: int, record: Record) -> None:
        records[index] = record
        results.append(record)
        if options.on_record:
            options.on_record(record)

    workers = options.jobs or parallel.cpu_count()
    engine_label = engine_name or ("local" if executor is None else "executor")
    if executor is None:
        workers = max(1, min(workers, len(tasks)))
        executor = local_pool_factory(workers)
    started = time.monotonic()
    engine = Engine(executor, workers, workers_left, queues=executor_queues) if tasks else None
    try:
        if engine is not None:
            execute(engine, tasks, task_options, finished)
    except BaseException:
        if engine is not None:
            engine.close(interrupted=True)
        results.close()
        raise
    if engine is not None:
        engine.close()
    elapsed = time.monotonic() - started
    ordered = [record for record in records if record is not None]
    planned_keys = {item.key for item in planned}
    results.rewrite([*ordered, *(r for key, r in previous.items() if key not in planned_keys)])
    shutil.rmtree(work, ignore_errors=True)
    figures = log.summary(ordered, elapsed, engine_label, workers, kept, skipped_files)
    log.write_summary(outdir, figures)
    return BatchResult(ordered, figures)
