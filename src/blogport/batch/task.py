"""The work of one batch item, run inside a worker process (a local pool's or a Dask worker's).

Rules:

- :func:`run_item` receives plain data (the item's paths and an options dict, never a model:
  nothing large is pickled) and returns the item's result record; it never raises for a
  failure of the item itself: an error, a timeout or running out of memory is a record.
- Forking is forbidden in the worker (:func:`blogport.parallel.forbid_forking`): the pool is
  the parallelism, so two workers never fork four processes on two cores.
- The item is written into ``OUTDIR/_batch/work/<key>.<pid>/`` and renamed ``OUTDIR/<key>``
  only when complete, so a failed, overdue or killed item never leaves a half-written folder.
- ``--timeout-per-blog`` is a timer in the worker's main thread (a Dask worker runs tasks in
  threads: there only the check before the final move applies, and the caller stops waiting);
  ``--max-memory-per-blog`` is an address-space limit (``RLIMIT_AS``) on top of what the worker
  already uses, lifted when the item ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from .. import __version__, formats, parallel
from ..api import Written, read_planned, select_blog, write
from ..errors import BlogportError, InputError, UsageError
from ..model import Archive
from ..options import ReadOptions, WriteOptions
from ..output import atomic_text_file
from ..report import summarize
from ..sources import file_documents
from .items import Item, with_sha256

try:
    import resource
except ImportError:  # Windows: no address-space limit, peak memory not measured
    resource = None  # type: ignore[assignment]

EXIT_OVER_LIMIT = 3  # a timeout or the memory limit: the input is too large for the limits given
EXIT_INTERNAL = 1
COUNTED = ("posts", "pages", "comments", "replies", "drafts")


class ItemTimeout(BaseException):
    """The item ran past ``--timeout-per-blog`` (a BaseException: no ``except Exception`` swallows it)."""


def run_item(item_data: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Read and write one item; its result record (see the README's ``results.jsonl``)."""
    parallel.forbid_forking()
    item = Item.from_dict(item_data)
    outdir = Path(options["output"])
    started = time.monotonic()
    _reset_peak_rss()
    record = base_record(item_data, options)
    work = outdir / "_batch" / "work" / f"{item.key}.{os.getpid()}"
    timeout = options.get("timeout")
    try:
        if not item.input_sha256:
            record["input_sha256"] = with_sha256(item).input_sha256
        if work.exists():
            shutil.rmtree(work)
        with _limits(timeout, options.get("max_memory_mb")):
            archive, written = convert(item, options, work)
        if timeout and time.monotonic() - started > timeout:
            raise ItemTimeout
        figures = summarize(archive)
        record["counts"] = {name: figures[name] for name in COUNTED}
        warnings = [*archive.warnings, *written.warnings]
        record["warnings"] = len(warnings)
        record["outputs"] = sorted((Path(item.key) / path.relative_to(work)).as_posix() for path in written.paths)
        _commit(work, outdir / item.key, warnings, outdir / "_batch" / "warnings" / f"{item.key}.txt")
    except ItemTimeout:
        record.update(status="timeout", exit_code=EXIT_OVER_LIMIT, error=f"took longer than {timeout:g} s")
    except MemoryError:
        limit = options.get("max_memory_mb")
        record.update(status="failed", exit_code=EXIT_OVER_LIMIT, error=f"ran out of memory (limit {limit} MB)")
    except BlogportError as exc:
        record.update(status="failed", exit_code=exc.exit_code, error=one_line(str(exc)))
    except Exception as exc:  # a bug in blogport: recorded, the batch goes on
        record.update(
            status="failed", exit_code=EXIT_INTERNAL, error=one_line(f"internal error: {type(exc).__name__}: {exc}")
        )
    finally:
        if work.exists():  # not moved into place: failed or overdue
            shutil.rmtree(work, ignore_errors=True)
    if record["status"] != "ok":
        record["outputs"] = []
    record["seconds"] = round(time.monotonic() - started, 3)
    record["peak_rss_mb"] = _peak_rss_mb()
    record["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return record


def base_record(item_data: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The record of ``item_data`` before it ran: status ``ok``, nothing counted, no time spent."""
    return {
        "input": item_data["input"],
        "blog_key": item_data["key"],
        "blog_id": item_data["blog_id"],
        "status": "ok",
        "exit_code": 0,
        "error": None,
        "warnings": 0,
        "counts": dict.fromkeys(COUNTED, 0),
        "outputs": [],
        "seconds": 0.0,
        "peak_rss_mb": 0.0,
        "worker": None,
        "input_sha256": item_data["input_sha256"],
        "options_hash": options["options_hash"],
        "blogport_version": __version__,
    }


def convert(item: Item, options: dict[str, Any], target: Path) -> tuple[Archive, Written]:
    """Read the item's documents and write its one blog into the new folder ``target``."""
    reader = formats.reader_named(item.reader)
    documents = [document for file, container in item.files for document in file_documents(file, container)]
    if item.members:
        wanted = set(item.members)
        documents = [document for document in documents if document.name in wanted]
    if not documents:
        raise InputError("no longer holds the documents planned for this blog", item.input)
    archives = read_planned([(document, reader) for document in documents], ReadOptions(**options["read"]))
    if not archives:
        raise InputError("no blog found", item.input)
    if len(archives) > 1 and item.blog_id is None:
        titles = ", ".join(repr(a.blog.title) for a in archives)
        raise UsageError(f"holds {len(archives)} blogs ({titles}); give each blog's files as an input of its own")
    archive = select_blog(archives, item.blog_id if len(archives) > 1 else None)
    writer = formats.writer_named(options["to"])
    folder_writer = writer.output == "folder"
    target.mkdir()
    path = target if folder_writer else target / f"blog{writer.extensions[0]}"
    written = write(archive, path, options["to"], WriteOptions(**{**options["write"], "jobs": 1}))
    return archive, written


def one_line(text: str, limit: int = 500) -> str:
    """``text`` as a single line of at most ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _commit(built: Path, final: Path, warnings: list[str], warnings_file: Path) -> None:
    """Move the finished folder into place (replacing an older build) and keep its warnings."""
    if warnings:
        warnings_file.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text_file(warnings_file, force=True) as stream:
            stream.writelines(f"{warning}\n" for warning in warnings)
    else:
        with contextlib.suppress(FileNotFoundError):
            warnings_file.unlink()
    retired = built.parent / (built.name + ".old")
    if final.exists():
        os.replace(final, retired)
        os.replace(built, final)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(built, final)


@contextlib.contextmanager
def _limits(timeout: float | None, max_memory_mb: int | None) -> Iterator[None]:
    timer = bool(timeout) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous_handler: Any = None
    if timer:
        assert timeout is not None

        def overtime(_signum: int, _frame: FrameType | None) -> None:
            raise ItemTimeout

        previous_handler = signal.signal(signal.SIGALRM, overtime)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    limited = bool(max_memory_mb) and resource is not None
    previous_limit = resource.getrlimit(resource.RLIMIT_AS) if limited else (0, 0)
    if limited:
        assert max_memory_mb is not None
        soft = _address_space() + max_memory_mb * 1024 * 1024
        hard = previous_limit[1]
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    try:
        yield
    finally:
        if limited:
            resource.setrlimit(resource.RLIMIT_AS, previous_limit)
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)


def _status_kib(field: str) -> int | None:
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def _address_space() -> int:
    size = _status_kib("VmSize")
    return size * 1024 if size is not None else 0


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM, so each item reports its own peak, not the worker's.
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")


def _peak_rss_mb() -> float:
    peak = _status_kib("VmHWM")
    if peak is None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource is not None else 0
    return round(peak / 1024, 1)
