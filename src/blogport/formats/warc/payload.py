"""Turning an HTML payload into the UTF-8 bytes the HTML reader expects.

Rules: the charset comes from the HTTP header, then ``<meta charset>`` / ``http-equiv``, then
a byte-order mark; UTF-8 payloads pass through byte for byte (so a WARC page reads exactly as
the same page saved to disk); anything else is transcoded; undecodable bytes become U+FFFD
with a warning, never silently.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def declared_charset(payload: bytes, header_charset: str | None) -> str | None:
    """The page's charset: HTTP header, then ``<meta>``, then a BOM (``None``: none declared)."""
    found = _codec(header_charset)
    if found:
        return found
    meta = _META_CHARSET.search(payload[:4096])
    found = _codec(meta.group(1).decode("ascii", "replace")) if meta else None
    if found:
        return found
    return next((name for bom, name in _BOMS if payload.startswith(bom)), None)


def html_as_utf8(payload: bytes, header_charset: str | None) -> tuple[bytes, str | None]:
    """``payload`` as UTF-8 bytes, and a warning when some bytes could not be decoded."""
    charset = declared_charset(payload, header_charset) or "utf-8"
    if charset == "utf-8":
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload, "not valid UTF-8 (and no other charset declared): undecodable bytes read as U+FFFD"
        return payload, None
    try:
        text = payload.decode(charset)
        warning = None
    except UnicodeDecodeError:
        text = payload.decode(charset, errors="replace")
        warning = f"not valid {charset}: undecodable bytes read as U+FFFD"
    return text.lstrip("\ufeff").encode("utf-8"), warning
