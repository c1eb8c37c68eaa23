"""The format registry: the readers in detection order, and the writers by name.

Every entry is a module meeting the contract in :mod:`.contract` (mypy checks each one where
it is listed here). Adding a format means adding a module and a line here.
"""

from __future__ import annotations

from ..errors import InputError, UsageError
from ..sources import Document
from . import html_site, json_archive, markdown, warc, wxr
from .blogger import classic as blogger_classic
from .blogger import html as blogger_html
from .blogger import takeout as blogger_takeout
from .contract import FileWriter, Reader, Writer

# Detection order matters: the most specific signatures first.
READERS: list[Reader] = [warc, json_archive, wxr, blogger_takeout, blogger_classic, blogger_html]

# Writers of one file (they can also write to a stream), then writers of a folder.
FILE_WRITERS: list[FileWriter] = [json_archive, wxr]
FOLDER_WRITERS: list[Writer] = [markdown, html_site]
WRITERS: dict[str, Writer] = {writer.name: writer for writer in [*FILE_WRITERS, *FOLDER_WRITERS]}


def reader_named(name: str) -> Reader:
    """The reader called ``name`` (as ``--from`` takes it)."""
    for reader in READERS:
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in READERS)
    raise UsageError(f"unknown input format {name!r} (known: {known})")


def writer_named(name: str) -> Writer:
    """The writer called ``name`` (as ``--to`` takes it)."""
    try:
        return WRITERS[name]
    except KeyError:
        raise UsageError(f"unknown output format {name!r} (known: {', '.join(WRITERS)})") from None


def stream_writer(name: str) -> FileWriter:
    """The writer called ``name``, which must write one file (a folder cannot go to a stream)."""
    for writer in FILE_WRITERS:
        if writer.name == name:
            return writer
    writer_named(name)  # an unknown name: its own error
    raise UsageError(f"--to {name} writes a folder: give a folder path, not a stream")


def detect(document: Document) -> Reader | None:
    """The first reader that recognizes ``document``, or ``None``."""
    head = document.head  # read once: a plain file's head is read again each time it is asked for
    for reader in READERS:
        if reader.detect(head):
            return reader
    return None


_EXPECTED = (
    "expected a Blogger export (classic or Takeout), a saved Blogger page or feed, a WARC web archive, a WXR file "
    "or a blogport archive"
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
