"""WARC web archives as input: crawls (ArchiveTeam, Browsertrix, ``wget --warc-file``) and Wayback Machine WARCs.

Rules: detected from content, never from the name (``WARC/1.x`` at byte 0, a gzip member
inflating to ``WARC/``, a zstd frame or ArchiveTeam's skippable dictionary frame); read with
warcio (``pip install blogport[warc]``) in one streaming pass that keeps only the Blogger
pages and feeds it uses (spooled to a temporary file, never held in memory) and decodes no
other payload; each kept record becomes a :class:`~blogport.sources.Document` named by its
target URI and is read by the scraped-HTML reader itself, so a WARC and a folder of the same
pages give the same archive. Damage is reported (truncated record, corrupt gzip member with
its offset, unresolved revisit) and never read as content. ARC files are refused clearly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...model import Archive
from ...options import ReadOptions
from ...sources import Document
from .detect import detect

name = "warc"
title = "Web archives (WARC 1.0/1.1: plain, gzip per record, zstd with its dictionary) holding Blogger blogs"
extensions = (".warc.gz", ".warc", ".warc.zst")


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read every Blogger page and feed in the WARCs; one archive per blog found."""
    from .assemble import read_warcs

    return read_warcs(documents, options)


def iter_warc_images(path: str | Path, zstd_dict: str | None = None) -> Iterator[tuple[str, str, bytes]]:
    """Stream the images stored in a WARC: ``(url, content type, bytes)``, one record at a time.

    For ``blogport media``: the bytes are in the WARC, so nothing is fetched.
    """
    from .images import iter_images

    return iter_images(Path(path), zstd_dict)


__all__ = ["detect", "extensions", "iter_warc_images", "name", "read", "title"]
