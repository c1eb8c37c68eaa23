"""WordPress eXtended RSS (WXR): a writer that WordPress's importer takes whole, and a reader.

The writer (:mod:`.writer`, WXR 1.2) and the reader (:mod:`.reader`, WXR 1.0–1.2) sit side by
side because they guard one round trip: Blogger → WXR → model gives back the same posts,
comments and threads. Each module's docstring states its rules.
"""

from __future__ import annotations

from ..contract import Output
from .reader import read
from .writer import split_names, write, write_to_path

name = "wxr"
title = "WordPress eXtended RSS (WXR 1.0-1.2), for WordPress's importer"
extensions = (".xml", ".wxr")
output: Output = "file"

__all__ = ["detect", "extensions", "name", "output", "read", "split_names", "title", "write", "write_to_path"]


def detect(head: bytes) -> bool:
    """True for a WXR file: RSS with the WordPress export namespace."""
    return b"<rss" in head and b"wordpress.org/export/" in head
