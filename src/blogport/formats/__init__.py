"""The format registry: one plain list of readers, in detection order, and a dict of writers.

A format is a module with ``name``, ``title``, ``extensions`` and, for a reader,
``detect(head: bytes) -> bool`` (cheap: it sees only the first 64 KiB) and
``read(documents, options) -> list[Archive]``; for a writer,
``write(archive, stream, options) -> list[str] | None`` (the warnings) and, when it writes
more than one file, ``write_to_path(archive, path, options, force) -> (paths, warnings)``.
Adding a format means adding a module and a line here.
"""

from __future__ import annotations

from types import ModuleType

from ..errors import InputError, UsageError
from ..sources import Document
from . import blogger_classic, blogger_html, blogger_takeout, html_site, json_archive, markdown, wxr

# Detection order matters: the most specific signatures first.
READERS: list[ModuleType] = [json_archive, wxr, blogger_takeout, blogger_classic, blogger_html]

WRITERS: dict[str, ModuleType] = {
    "json": json_archive,
    "wxr": wxr,
    "markdown": markdown,
    "html": html_site,
}


def reader_named(name: str) -> ModuleType:
    """The reader called ``name`` (as ``--from`` takes it)."""
    for reader in READERS:
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in READERS)
    raise UsageError(f"unknown input format {name!r} (known: {known})")


def writer_named(name: str) -> ModuleType:
    """The writer called ``name`` (as ``--to`` takes it)."""
    try:
        return WRITERS[name]
    except KeyError:
        raise UsageError(f"unknown output format {name!r} (known: {', '.join(WRITERS)})") from None


def detect(document: Document) -> ModuleType | None:
    """The first reader that recognizes ``document``, or ``None``."""
    for reader in READERS:
        if reader.detect(document.head):
            return reader
    return None


_EXPECTED = (
    "expected a Blogger export (classic or Takeout), a saved Blogger page or feed, a WXR file or a blogport archive"
)


def explain_unknown(document: Document) -> InputError:
    """A clear error for a document no reader recognizes."""
    head = document.head
    if document.size == 0 or not head.strip():
        return InputError("the file is empty", document.name)
    if b"\x00" in head[:4096]:
        return InputError("this is a binary file, not a blog export", document.name)
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<feed") or text.startswith(b"<rss"):
        if b"<feed" in head and b"openSearch" in head and b"kind#" not in head:
            what = "an Atom feed, but not a Blogger export (a public blog feed has no kinds)"
        else:
            what = "XML, but not a Blogger export"
        return InputError(f"{what}; {_EXPECTED}", document.name)
    if text.startswith((b"<!doctype html", b"<html")):
        return InputError(f"an HTML page, but not a Blogger page (no Blogger markup found); {_EXPECTED}", document.name)
    if text.startswith(b"{"):
        return InputError('JSON, but not a blogport archive (no "format": "blogport-archive")', document.name)
    return InputError(f"not something blogport reads; {_EXPECTED}", document.name)
