"""Recognising a WARC from its first bytes: plain, gzip per record, zstd (ArchiveTeam), and ARC.

Rules: only the content decides; a gzip member is inflated just far enough to see ``WARC/``;
a zstd file is a WARC when its first frame inflates to ``WARC/``, or when its first frame
needs a dictionary (ArchiveTeam's ``.warc.zst``), which only reading can confirm.
"""

from __future__ import annotations

import zlib

PLAIN = "plain"
GZIP = "gzip"
ZSTD = "zstd"
ARC = "arc"

_WARC_STARTS = (b"WARC/1.", b"WARC/0.1")
_ARC_START = b"filedesc://"
_GZIP_MAGIC = b"\x1f\x8b"
ZSTD_FRAME_MAGIC = b"\x28\xb5\x2f\xfd"


def is_skippable_frame(head: bytes) -> bool:
    """A zstd skippable frame (magic 0x184D2A50-5F, little-endian): ArchiveTeam keeps its dictionary there."""
    return len(head) >= 8 and 0x50 <= head[0] <= 0x5F and head[1:4] == b"\x2a\x4d\x18"


def container(head: bytes) -> str | None:
    """``plain``, ``gzip``, ``zstd`` or ``arc`` for a web archive; ``None`` for anything else."""
    if head.startswith(_WARC_STARTS):
        return PLAIN
    if head.startswith(_ARC_START):
        return ARC
    if head.startswith(_GZIP_MAGIC):
        try:
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return None
        if start.startswith(_WARC_STARTS):
            return GZIP
        return ARC if start.startswith(_ARC_START) else None
    if is_skippable_frame(head):
        return ZSTD
    if head.startswith(ZSTD_FRAME_MAGIC):
        return ZSTD if _zstd_warc(head) else None
    return None


def _zstd_warc(head: bytes) -> bool:
    try:
        import zstandard
    except ImportError:
        return True  # reading says "install blogport[warc]"
    try:
        if zstandard.get_frame_parameters(head).dict_id:
            return True
        start = zstandard.ZstdDecompressor().decompressobj().decompress(head[:4096])
    except zstandard.ZstdError:
        return False
    return start.startswith(_WARC_STARTS)


def detect(head: bytes) -> bool:
    """True for a WARC (or an ARC, which reading then refuses with a clear message)."""
    return container(head) is not None
