"""The batch log in ``OUTDIR/_batch/``: one result line per item, resume decisions, the summary.

Rules:

- ``results.jsonl`` gets a line as each item finishes (flushed at once, so Ctrl-C or a crash
  keeps every finished item); at the end it is rewritten, atomically, in item order, followed
  by the records of items that earlier runs planned and this one did not (nothing is dropped).
  Timings (``seconds``, ``peak_rss_mb``, ``worker``) are fields of their own, so two logs
  compare equal without them whatever the engine.
- An item is up to date (``skipped``) when its last record is ``ok`` or ``skipped``, every
  output it lists exists, and its input sha256 and options hash are unchanged. A failed item
  with unchanged input and options keeps its record and reruns only with ``--retry-failed``.
- ``summary.json``: counts per status, totals, the failures, the time and speed.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError
from ..output import atomic_text_file
from ..report import agree, counted
from .items import Item
from .task import COUNTED

BATCH_FOLDER = "_batch"
STATUSES = ("ok", "skipped", "failed", "timeout")
_SHOWN_FAILURES = 12


def batch_folder(outdir: Path) -> Path:
    """``OUTDIR/_batch``: the log, the summary, warnings per item, and the work area."""
    return outdir / BATCH_FOLDER


def log_path(outdir: Path) -> Path:
    """``OUTDIR/_batch/results.jsonl``."""
    return batch_folder(outdir) / "results.jsonl"


def read_log(outdir: Path) -> dict[str, dict[str, Any]]:
    """The last record of each blog key in the log, in first-seen order (a torn last line is ignored)."""
    records: dict[str, dict[str, Any]] = {}
    with contextlib.suppress(FileNotFoundError), open(log_path(outdir), encoding="utf-8") as log:
        for line in log:
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if isinstance(record, dict) and isinstance(record.get("blog_key"), str):
                    records[record["blog_key"]] = record
    return records


def decide(item: Item, previous: dict[str, Any] | None, options_hash: str, outdir: Path, retry_failed: bool) -> str:
    """``run``, ``skip`` (up to date) or ``keep`` (a failure not retried) for ``item``."""
    if previous is None or previous.get("input_sha256") != item.input_sha256:
        return "run"
    if previous.get("options_hash") != options_hash:
        return "run"
    status = previous.get("status")
    if status in ("ok", "skipped"):
        outputs = previous.get("outputs") or []
        return "skip" if outputs and all((outdir / name).is_file() for name in outputs) else "run"
    return "run" if retry_failed else "keep"


def skipped_record(previous: dict[str, Any]) -> dict[str, Any]:
    """The record of an up-to-date item: the last build's figures, status ``skipped``, no time spent."""
    return {**previous, "status": "skipped", "seconds": 0.0, "peak_rss_mb": 0.0, "worker": None}


class ResultsLog:
    """``results.jsonl`` open for appending while the batch runs, locked: one batch per OUTDIR at a time."""

    def __init__(self, outdir: Path) -> None:
        self.path = log_path(outdir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._stream: IO[str] = open(self.path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115
        try:
            import fcntl
        except ImportError:  # Windows: no lock
            return
        try:
            fcntl.flock(self._stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._stream.close()
            raise OutputError(f"{outdir}: another batch is running in this folder") from None

    def append(self, record: dict[str, Any]) -> None:
        """Add one finished item's record, flushed at once."""
        self._stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self._stream.flush()

    def close(self) -> None:
        """Close the stream."""
        self._stream.close()

    def rewrite(self, records: Iterable[dict[str, Any]]) -> None:
        """Replace the log, atomically, by ``records`` (item order)."""
        self.close()
        with atomic_text_file(self.path, force=True) as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def summary(
    records: list[dict[str, Any]], seconds: float, engine: str, workers: int, kept: int, ignored: list[str]
) -> dict[str, Any]:
    """The batch's figures for ``summary.json`` (``kept``: failures not retried; ``ignored``: not exports)."""
    by_status = dict.fromkeys(STATUSES, 0)
    totals = dict.fromkeys(COUNTED, 0)
    for record in records:
        by_status[record["status"]] = by_status.get(record["status"], 0) + 1
        if record["status"] in ("ok", "skipped"):
            for name in COUNTED:
                totals[name] += record["counts"].get(name, 0)
    built = sum(1 for record in records if record["status"] != "skipped")
    failures = [
        {key: record.get(key) for key in ("input", "blog_key", "status", "exit_code", "error")}
        for record in records
        if record["status"] in ("failed", "timeout")
    ]
    return {
        "items": len(records),
        **by_status,
        "failures_not_retried": kept,
        "totals": totals,
        "warnings": sum(record.get("warnings", 0) for record in records),
        "engine": engine,
        "workers": workers,
        "seconds": round(seconds, 3),
        "items_per_second": round((built - kept) / seconds, 2) if seconds > 0 else None,
        "failures": failures,
        "ignored_files": ignored,
    }


def write_summary(outdir: Path, figures: dict[str, Any]) -> None:
    """``OUTDIR/_batch/summary.json``, atomically."""
    with atomic_text_file(batch_folder(outdir) / "summary.json", force=True) as stream:
        stream.write(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def screen(figures: dict[str, Any], outdir: Path) -> str:
    """The one-screen summary printed on stderr at the end."""
    totals = figures["totals"]
    lines = [
        f"blogport: batch of {counted(figures['items'], 'item')} in {figures['seconds']:.1f} s on "
        f"{counted(figures['workers'], figures['engine'] + ' worker')}: {figures['ok']} ok, "
        f"{figures['skipped']} up to date (skipped), "
        f"{figures['failed']} failed, {figures['timeout']} timed out",
        f"blogport: {counted(totals['posts'], 'post')}, {counted(totals['pages'], 'page')}, "
        f"{counted(totals['comments'], 'comment')} ({counted(totals['replies'], 'reply')}), "
        f"{counted(totals['drafts'], 'draft')}; {counted(figures['warnings'], 'warning')}",
    ]
    for failure in figures["failures"][:_SHOWN_FAILURES]:
        lines.append(f"blogport:   {failure['status']}: {failure['blog_key']} ({failure['input']}): {failure['error']}")
    if len(figures["failures"]) > _SHOWN_FAILURES:
        lines.append(f"blogport:   … and {len(figures['failures']) - _SHOWN_FAILURES} more")
    if figures["ignored_files"]:
        lines.append(
            f"blogport: {counted(len(figures['ignored_files']), 'file')} in the input folders "
            f"{agree(len(figures['ignored_files']), 'is not a blog export and was', 'are not blog exports and were')} "
            f"ignored (listed in {batch_folder(outdir) / 'summary.json'})"
        )
    if figures["failures_not_retried"]:
        kept = figures["failures_not_retried"]
        lines.append(
            f"blogport: {counted(kept, 'earlier failure')} kept; --retry-failed reruns {agree(kept, 'it', 'them')}"
        )
    lines.append(f"blogport: results in {log_path(outdir)}")
    return "\n".join(lines)
