"""From the records of one or more WARCs to archives, through the scraped-HTML reader.

Rules: one pass per WARC keeps the Blogger pages and feeds (status 200 responses and
resources, and revisits resolved to them) in a temporary spool file, never in memory; each
kept payload becomes one :class:`Document` named ``WARC!URI``, read by the HTML reader's own
parsing and merging, so pages in a WARC and in a folder give the same archive; for each URI
the latest capture comes first (it gives the body; comments of older captures are still
united by id); a payload shared by several captures is parsed once. Capture times are
provenance (``blog.source.exported``), never publication dates.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import IO

import attrs

from ...errors import InputError
from ...model import Archive, Provenance
from ...options import ReadOptions
from ...report import agree, counted
from ...sources import HEAD_SIZE, Document, Readable
from .._html_parts import is_blogger_page, read_pages
from .classify import FEED, IMAGE, OTHER, PAGE, classify, original_uri
from .payload import html_as_utf8
from .records import Capture, iter_records

_BODY_TYPES = ("response", "resource")
_REDIRECTS = (301, 302, 303, 307, 308)


@attrs.define
class _Stored:
    """A kept payload: where it sits in the spool."""

    offset: int
    length: int
    head: bytes
    warc: Document


@attrs.define
class _Tally:
    """What one WARC held, for the summary line."""

    kinds: Counter[str] = attrs.Factory(Counter)
    redirects: int = 0
    errors: int = 0
    revisits: int = 0
    resolved: int = 0
    unresolved: list[str] = attrs.Factory(list)
    software: str | None = None


class _Spool:
    """Kept payloads in one temporary file; each read back whole by the HTML reader."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="blogport-warc-")  # noqa: SIM115 (closed by read_warcs)
        self.size = 0

    def add(self, payload: bytes, warc: Document) -> _Stored:
        self.file.seek(self.size)
        self.file.write(payload)
        stored = _Stored(self.size, len(payload), payload[:HEAD_SIZE], warc)
        self.size += len(payload)
        return stored

    def opener(self, stored: _Stored) -> Callable[[], Readable]:
        def open_slice() -> Readable:
            import io

            self.file.seek(stored.offset)
            return io.BytesIO(self.file.read(stored.length))

        return open_slice


class _Collector:
    """Everything gathered over the WARCs of one read."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.spool = _Spool()
        self.captures: dict[str, list[tuple[datetime | None, int, _Stored]]] = {}
        self.by_capture: dict[tuple[str, str], _Stored] = {}
        self.by_digest: dict[str, _Stored] = {}
        self.revisits: list[tuple[Capture, Document]] = []
        self.tallies: dict[str, _Tally] = {}
        self.damage: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.order = 0

    def want(self, tally: _Tally) -> Callable[[Capture], bool]:
        def wanted(capture: Capture) -> bool:
            if capture.type == "warcinfo":
                return True
            if capture.type == "revisit":
                return False
            if capture.type not in _BODY_TYPES:
                return False
            kind = classify(capture.uri, capture.mime)
            if capture.status != 200:
                tally.redirects += capture.status in _REDIRECTS
                tally.errors += capture.status is not None and capture.status not in _REDIRECTS
                return False
            if kind in (IMAGE, OTHER):
                tally.kinds[kind] += 1
                return False
            return True

        return wanted

    def read_warc(self, document: Document) -> None:
        tally = self.tallies.setdefault(document.name, _Tally())
        damage = self.damage.setdefault(document.name, [])
        notes = self.notes.setdefault(document.name, [])
        for capture, payload in iter_records(document, self.options, self.want(tally), damage):
            if capture.type == "revisit":
                tally.revisits += 1
                self.revisits.append((capture, document))
                continue
            if payload is None:
                continue
            if capture.type == "warcinfo":
                tally.software = tally.software or _warcinfo_software(payload)
                continue
            kind = classify(capture.uri, capture.mime)
            if kind == PAGE:
                payload, problem = html_as_utf8(payload, capture.charset)
                if problem:
                    notes.append(f"{document.name}!{capture.uri}: {problem}")
            if not is_blogger_page(payload[:HEAD_SIZE]):  # pages are UTF-8 by now
                tally.kinds[OTHER] += 1
                continue
            tally.kinds[kind] += 1
            stored = self.spool.add(payload, document)
            self._keep(capture, stored)

    def _keep(self, capture: Capture, stored: _Stored) -> None:
        uri = original_uri(capture.uri)
        self.order += 1
        self.captures.setdefault(uri, []).append((capture.date, self.order, stored))
        self.by_capture[(uri, capture.date_text)] = stored
        if capture.digest:
            self.by_digest.setdefault(capture.digest, stored)

    def resolve_revisits(self) -> None:
        """Point each revisit at the payload it repeats: by target URI and date, then by digest."""
        for capture, document in self.revisits:
            tally = self.tallies[document.name]
            stored = None
            if capture.refers_to_uri and capture.refers_to_date:
                stored = self.by_capture.get((original_uri(capture.refers_to_uri), capture.refers_to_date))
            if stored is None and capture.digest:
                stored = self.by_digest.get(capture.digest)
            kind = classify(capture.uri, capture.mime)
            if stored is not None:
                tally.resolved += 1
                self._keep(capture, stored)
            elif kind in (PAGE, FEED):
                tally.unresolved.append(capture.uri)
            else:
                tally.kinds[kind] += 1

    def documents(self) -> tuple[list[Document], dict[str, list[datetime | None]]]:
        """One document per distinct kept payload: per URI in first-seen order, latest capture first."""
        documents: list[Document] = []
        dates: dict[str, list[datetime | None]] = {}
        emitted: set[int] = set()
        for uri, seen in self.captures.items():
            latest_first = sorted(seen, key=lambda item: (item[0] is not None, item[0] or 0, item[1]), reverse=True)
            for moment, _, stored in latest_first:
                dates.setdefault(uri, []).append(moment)
                if stored.offset in emitted:
                    continue
                emitted.add(stored.offset)
                documents.append(
                    Document(
                        name=f"{stored.warc.name}!{uri}",
                        opener=self.spool.opener(stored),
                        size=stored.length,
                        head=stored.head,
                        container=stored.warc.name,
                    )
                )
        return documents, dates


def _warcinfo_software(payload: bytes) -> str | None:
    fields = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if value.strip():
            fields[key.strip().lower()] = value.strip()
    parts = [fields.get("software"), fields.get("operator") and f"operator {fields['operator']}"]
    found = ", ".join(p for p in parts if p)
    return found or None


def _summary(name: str, tally: _Tally) -> str:
    line = (
        f"{name}: read {counted(tally.kinds[PAGE], 'Blogger page')} and {counted(tally.kinds[FEED], 'feed')}; "
        f"{counted(tally.kinds[IMAGE], 'image')} left for `blogport media`; "
        f"{counted(tally.kinds[OTHER], 'other record')} skipped (CSS, scripts, other sites); "
        f"{counted(tally.redirects, 'redirect')}, {counted(tally.errors, 'error response')}; "
        f"{counted(tally.revisits, 'revisit')}, {tally.resolved} resolved"
    )
    if tally.software:
        line += f"; written by {tally.software}"
    return line


def _unresolved(name: str, uris: list[str]) -> str:
    return (
        f"{name}: {counted(len(uris), 'revisit record')} of Blogger pages or feeds "
        f"{agree(len(uris), 'repeats', 'repeat')} a capture that is not in the WARCs given "
        f"(first: {uris[0]}); give the WARC holding the original captures too"
    )


def read_warcs(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read the WARCs ``documents`` into one archive per blog."""
    collector = _Collector(options)
    try:
        for document in documents:
            collector.read_warc(document)
        collector.resolve_revisits()
        pages, dates = collector.documents()
        if not pages:
            names = ", ".join(d.name for d in documents)
            problems = [line for d in documents for line in collector.damage.get(d.name, [])]
            detail = f" ({problems[0]})" if problems else ""
            raise InputError(f"no Blogger pages in this WARC{detail}", names)
        # the progress bar counted the WARC's bytes already; the pages are read from the spool
        archives = read_pages(pages, attrs.evolve(options, progress=None))
    finally:
        with contextlib.suppress(OSError):
            collector.spool.file.close()
    return [_with_provenance(archive, collector, dates) for archive in archives]


def _with_provenance(archive: Archive, collector: _Collector, dates: dict[str, list[datetime | None]]) -> Archive:
    """The archive's source: the WARC files, the latest capture time, and what the WARCs could not give."""
    source = archive.blog.source
    uris = list(source.files) if source else []
    warcs: list[str] = []
    latest = source.exported if source else None
    for uri in uris:
        for moment in dates.get(uri, []):
            if moment is not None and (latest is None or moment > latest):
                latest = moment
    warc_names: list[str] = []
    for uri in uris:
        for _, _, stored in collector.captures.get(uri, []):
            if stored.warc.name not in warc_names:
                warc_names.append(stored.warc.name)
                warcs.append(stored.warc.member_path)
    extra: list[str] = []
    for document_name in warc_names:
        tally = collector.tallies[document_name]
        extra.append(_summary(document_name, tally))
        extra.extend(collector.damage.get(document_name, []))
        extra.extend(collector.notes.get(document_name, []))
        if tally.unresolved:
            extra.append(_unresolved(document_name, tally.unresolved))
    blog = attrs.evolve(archive.blog, source=Provenance(format="warc", files=tuple(warcs), exported=latest))
    return attrs.evolve(archive, blog=blog, warnings=(*extra, *archive.warnings))
