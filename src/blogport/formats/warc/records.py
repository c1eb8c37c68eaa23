"""Iterating a WARC's records through warcio, with damage reported instead of misread.

Rules: one streaming pass; a payload is decoded (chunked transfer, gzip/deflate/br content
encoding undone by warcio) only for records the caller wants, so skipped records cost a read
and nothing more. A record cut short (truncated file) is reported and not used; a corrupt
gzip member is skipped to the next member, and its offset reported; a damaged plain WARC
resumes at the next ``WARC/1.`` line. Nothing here knows about Blogger.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import attrs

from ...errors import InputError, UsageError
from ...model import parse_timestamp
from ...options import ReadOptions
from ...sources import Document
from .detect import ARC, GZIP, PLAIN, ZSTD, container

MAX_RECORD = 64 * 1024 * 1024  # a page or feed larger than this is reported, not read
_RESYNC = {GZIP: b"\x1f\x8b\x08", PLAIN: b"WARC/1."}
_SCAN_BLOCK = 1 << 20


@attrs.define
class Capture:
    """What a record's headers say: enough to choose it before its payload is read."""

    type: str
    uri: str
    date: datetime | None
    date_text: str
    status: int | None
    mime: str
    charset: str | None
    digest: str | None
    refers_to_uri: str | None
    refers_to_date: str | None
    location: str | None
    offset: int


def _warcio() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise UsageError("reading WARC files needs warcio: pip install 'blogport[warc]'") from None

    class Iterator(ArchiveIterator):
        """warcio's iterator, noting whether the file ended inside a gzip member (a truncated file)."""

        unfinished = False

        def close(self) -> None:
            decompressor = self.reader.decompressor if self.reader else None
            self.unfinished = decompressor is not None and not getattr(decompressor, "eof", True)
            super().close()

    return Iterator


class _Counting:
    """The raw file, counting bytes for the progress bar; seekable when the file is."""

    def __init__(self, stream: Any, progress: Callable[[int], None] | None) -> None:
        self._stream = stream
        self._progress = progress
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        if self._progress and data:
            self._progress(len(data))
        return bytes(data)

    def tell(self) -> int:
        return self._position

    def seek(self, position: int) -> None:
        self._stream.seek(position)
        self._position = position

    def close(self) -> None:
        self._stream.close()


def _mime(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    mime, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return mime.strip().lower(), (match.group(1) if match else None)


def _capture(record: Any, offset: int) -> Capture:
    headers = record.rec_headers
    date_text = headers.get_header("WARC-Date") or ""
    http = record.http_headers
    status = None
    content_type = headers.get_header("Content-Type")
    location = None
    if http is not None and record.rec_type in ("response", "revisit"):
        with contextlib.suppress(ValueError, TypeError):
            status = int(http.get_statuscode())
        content_type = http.get_header("Content-Type") or (None if record.rec_type == "response" else content_type)
        location = http.get_header("Location")
    elif record.rec_type == "resource":
        status = 200
    mime, charset = _mime(content_type)
    moment = parse_timestamp(date_text)
    return Capture(
        type=record.rec_type or "",
        uri=(headers.get_header("WARC-Target-URI") or "").strip().strip("<>"),
        date=moment.astimezone(UTC) if moment else None,
        date_text=date_text,
        status=status,
        mime=mime,
        charset=charset,
        digest=headers.get_header("WARC-Payload-Digest"),
        refers_to_uri=(headers.get_header("WARC-Refers-To-Target-URI") or "").strip("<>") or None,
        refers_to_date=headers.get_header("WARC-Refers-To-Date"),
        location=location,
        offset=offset,
    )


def _open(document: Document, options: ReadOptions) -> tuple[Any, str, bool]:
    kind = container(document.head)
    if kind == ARC:
        raise InputError("an ARC file (the format before WARC): not supported; convert it to WARC first", document.name)
    if kind is None:
        raise InputError("not a WARC file (no WARC/1.0 or WARC/1.1 record at its start)", document.name)
    if document.path:
        try:
            raw: Any = open(document.path, "rb")  # noqa: SIM115 (closed by the caller)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", document.name) from None
    else:
        raw = document.open()
    stream = _Counting(raw, options.progress)
    if kind == ZSTD:
        from .zstd import open_zstd

        return open_zstd(stream, document.name, options.zstd_dict), kind, False
    return stream, kind, document.path is not None


def _next_start(stream: _Counting, kind: str, after: int) -> int | None:
    """The offset of the next gzip member (or plain record) after ``after``, scanning the file."""
    magic = _RESYNC[kind]
    position = after + 1
    while True:
        stream.seek(position)
        block = stream.read(_SCAN_BLOCK)
        if not block:
            return None
        found = block.find(magic)
        if found >= 0:
            return position + found
        position += max(1, len(block) - len(magic) + 1)


class _Reader:
    """One pass over one WARC; ``damage`` collects what could not be read."""

    def __init__(self, document: Document, options: ReadOptions) -> None:
        self.document = document
        self.options = options
        self.damage: list[str] = []
        self.records = 0

    def iterate(
        self, want: Callable[[Capture], bool], limit: int = MAX_RECORD
    ) -> Iterator[tuple[Capture, bytes | None]]:
        """Each record's :class:`Capture`, with its decoded payload when ``want`` says so."""
        stream, kind, seekable = _open(self.document, self.options)
        try:
            yield from self._records(stream, kind, seekable, want, limit, 0)
        finally:
            stream.close()

    def _records(
        self, stream: Any, kind: str, seekable: bool, want: Callable[[Capture], bool], limit: int, start: int
    ) -> Iterator[tuple[Capture, bytes | None]]:
        """warcio's iterator from ``start``, resuming after damage where the file can be searched."""
        archive_iterator = _warcio()
        name = self.document.name
        if start:
            stream.seek(start)
        yielded = 0
        while True:
            iterator = archive_iterator(stream, check_digests=False)
            pending = None
            try:
                for record in iterator:
                    self._check(pending)
                    capture = _capture(record, iterator.offset)
                    self.records += 1
                    pending = record
                    payload = None
                    if want(capture):
                        payload = record.content_stream().read(limit + 1)
                        if len(payload) > limit:
                            self.damage.append(f"{name}: {capture.uri}: a record over {limit // 2**20} MiB, not read")
                            continue
                        if _cut(record):
                            self._truncated(capture)
                            pending = None
                            continue
                    yield capture, payload
                    yielded += 1
                self._check(pending)
                self._check_end(iterator, stream)
                return
            except (zlib.error, EOFError, ValueError, OSError) as exc:
                where = iterator.offset
                problem = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # warcio's ArchiveLoadFailed and header parse errors
                if type(exc).__module__.split(".")[0] != "warcio" and not _is_zstd_error(exc):
                    raise
                if "non-chunked gzip" in str(exc) and kind == GZIP and seekable:
                    # one gzip stream for the whole file (not one per record): read it inflated,
                    # passing over the records already given
                    stream.seek(0)
                    inflated = gzip.GzipFile(fileobj=stream, mode="rb")
                    for index, item in enumerate(self._records(inflated, PLAIN, False, want, limit, 0)):
                        if index >= yielded:
                            yield item
                    return
                where = iterator.offset
                problem = str(exc).strip().splitlines()[0][:120]
            if not seekable or kind not in _RESYNC:
                self.damage.append(f"{name}: unreadable from offset {where} ({problem}); everything before it was read")
                return
            resume = _next_start(stream, kind, where)
            self._corrupt(kind, where, problem, resume)
            if resume is None:
                return
            stream.seek(resume)

    def _corrupt(self, kind: str, where: int, problem: str, resume: int | None) -> None:
        what = "gzip member" if kind == GZIP else "record"
        self.damage.append(
            f"{self.document.name}: a corrupt {what} at offset {where} was skipped ({problem})"
            + (f"; reading resumed at offset {resume}" if resume is not None else "")
        )

    def _check(self, record: Any) -> None:
        if record is not None and _cut(record):
            self._truncated(None)

    def _truncated(self, capture: Capture | None) -> None:
        what = f"the record of {capture.uri}" if capture else "its last record"
        self.damage.append(
            f"{self.document.name}: the file is truncated: {what} is cut short and was not used; "
            "everything before it was read"
        )

    def _check_end(self, iterator: Any, stream: Any) -> None:
        unfinished = getattr(iterator, "unfinished", False)
        with contextlib.suppress(Exception):
            if unfinished or stream.tell() > iterator.offset + 4:
                self._truncated(None)


def _cut(record: Any) -> bool:
    """A record whose block ended before its declared Content-Length."""
    raw = record.raw_stream
    with contextlib.suppress(Exception):
        while raw.read(1 << 16):
            pass
    return getattr(raw, "limit", 0) > 0


def _is_zstd_error(exc: Exception) -> bool:
    return type(exc).__name__ == "ZstdError"


def iter_records(
    document: Document, options: ReadOptions, want: Callable[[Capture], bool], damage: list[str]
) -> Iterator[tuple[Capture, bytes | None]]:
    """Stream ``document``'s records; what could not be read is appended to ``damage``."""
    reader = _Reader(document, options)
    try:
        yield from reader.iterate(want)
    finally:
        damage.extend(reader.damage)
