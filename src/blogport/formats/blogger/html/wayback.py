"""Undoing a Wayback Machine capture: its toolbar and scripts removed, its URL rewriting reversed.

The capture time is provenance, never a publication date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_WAYBACK_URL = re.compile(r"(?:https?:)?(?://web\.archive\.org)?/web/(\d{1,14})(?:[a-z]{2}_)?/+(?=[a-zA-Z/])")
_WAYBACK_BLOCKS = (
    re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.S | re.I),
    re.compile(r"<script[^>]*(?:archive\.org|wombat|__wm)[^>]*>.*?</script>", re.S | re.I),
    re.compile(r"<link[^>]*web-static\.archive\.org[^>]*>", re.I),
    re.compile(r"<!--\s*End Wayback Rewrite JS Include\s*-->", re.I),
    re.compile(r"<!--\s*FILE ARCHIVED ON.*?-->", re.S | re.I),
    re.compile(r"<!--\s*playback timings.*?-->", re.S | re.I),
)


def _mentions_wayback(text: str) -> bool:
    """``"WAYBACK" in text.upper()``, twice as fast: upper-casing UTF-8 bytes touches ASCII letters only,
    and no other character upper-cases into these letters without a mark between them."""
    return b"WAYBACK" in text.encode("utf-8", "surrogatepass").upper()


def original_url(url: str) -> str:
    """``url`` without a Wayback Machine capture prefix (``https://web.archive.org/web/<time>/``);
    any other URL as it is."""
    return re.sub(r"^(https?):/(?=[^/])", r"\1://", _WAYBACK_URL.sub("", url, count=1))


def unwayback(text: str) -> tuple[str, datetime | None]:
    """Remove the Wayback Machine's toolbar and scripts and undo its URL rewriting.

    Returns the original page text and the capture time (provenance, never a publication date).
    """
    if "/web/" not in text and not _mentions_wayback(text):
        return text, None
    stamps: dict[str, int] = {}
    for match in _WAYBACK_URL.finditer(text):
        stamps[match.group(1)] = stamps.get(match.group(1), 0) + 1
    for pattern in _WAYBACK_BLOCKS:
        text = pattern.sub("", text)
    text = _WAYBACK_URL.sub("", text)
    text = re.sub(r"(?<![:/\w])(https?):/(?=[^/])", r"\1://", text)
    captured = None
    if stamps:
        best = max(stamps, key=lambda s: (len(s) == 14, stamps[s]))
        if len(best) == 14:
            try:
                captured = datetime.strptime(best, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            except ValueError:
                captured = None
    return text, captured
