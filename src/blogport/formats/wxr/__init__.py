"""WordPress eXtended RSS (WXR): a writer that WordPress's importer takes whole, and a reader.

The writer (:mod:`.writer`, WXR 1.2) and the reader (:mod:`.reader`, WXR 1.0–1.2) sit side by
side because they guard one round trip: Blogger → WXR → model gives back the same posts,
comments and threads. Each module's docstring states its rules. This entry point imports
neither until it is used, so the registry and the CLI do not pay for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ...model import Archive
from ...options import ReadOptions, WriteOptions
from ...sources import Document
from ...xmlstream import starts_as_xml
from ..contract import Output

name = "wxr"
title = "WordPress eXtended RSS (WXR 1.0-1.2), for WordPress's importer"
extensions = (".xml", ".wxr")
output: Output = "file"

__all__ = ["detect", "extensions", "name", "output", "read", "title", "write", "write_to_path"]


def detect(head: bytes) -> bool:
    """True for a WXR file: RSS with the WordPress export namespace."""
    return starts_as_xml(head) and b"<rss" in head and b"wordpress.org/export/" in head


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read each WXR file into an archive (one per file)."""
    from .reader import read as read_wxr

    return read_wxr(documents, options)


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Write ``archive`` as one WXR document; returns the warnings (orphans, moved dates, ...)."""
    from .writer import write as write_wxr

    return write_wxr(archive, stream, options)


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write to ``path``; with ``options.split_size`` several WXR files each under that size (see :mod:`.writer`)."""
    from .writer import write_to_path as write_wxr_to_path

    return write_wxr_to_path(archive, path, options, force)
