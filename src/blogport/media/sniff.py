"""What an image file is, from its bytes: the media type by magic bytes, and its width and height.

Rules: the ``Content-Type`` a server sends is never trusted (an HTML error page served with
200 is not an image); only the first bytes are read (a JPEG's size may sit after a large EXIF
block: up to :data:`HEAD_BYTES`); no Pillow.
"""

from __future__ import annotations

import re
import struct

HEAD_BYTES = 512 * 1024

EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/x-icon": "ico",
    "image/svg+xml": "svg",
    "image/avif": "avif",
    "image/heic": "heic",
}

_SVG = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]", re.S | re.I)
_JPEG_SOF = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))


def sniff(head: bytes) -> str | None:
    """The image media type the bytes ``head`` start with, or ``None`` when they are not an image."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:2] == b"BM" and len(head) >= 26:
        return "image/bmp"
    if head[:4] == b"\x00\x00\x01\x00":
        return "image/x-icon"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "image/avif"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1"):
        return "image/heic"
    if _SVG.match(head[:4096].lstrip(b"\xef\xbb\xbf")):
        return "image/svg+xml"
    return None


def dimensions(head: bytes, media_type: str) -> tuple[int, int] | None:
    """``(width, height)`` read from the header bytes of an image of ``media_type``; ``None`` if unknown."""
    try:
        if media_type == "image/png" and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if media_type == "image/gif":
            width, height = struct.unpack("<HH", head[6:10])
            return width, height
        if media_type == "image/bmp":
            width, height = struct.unpack("<ii", head[18:26])
            return width, abs(height)
        if media_type == "image/webp":
            return _webp(head)
        if media_type == "image/jpeg":
            return _jpeg(head)
    except struct.error:
        return None
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg(head: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 9 <= len(head):
        if head[offset] != 0xFF:
            return None
        marker = head[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            offset += 2
            continue
        (length,) = struct.unpack(">H", head[offset + 2 : offset + 4])
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", head[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    return None
