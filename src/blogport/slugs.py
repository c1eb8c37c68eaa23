"""Slugs: the URL- and file-safe names writers derive from titles, labels and permalinks."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Letters that Unicode decomposition does not reduce to ASCII but have a usual spelling.
_SPELLED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
        "ı": "i",
        "’": "",
        "'": "",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str, limit: int = 80) -> str:
    """Lower-case ASCII words joined by ``-`` (``"Été 2013 !"`` → ``"ete-2013"``); may be empty.

    Accents are removed and common ligatures spelled out; characters with no Latin
    spelling (Chinese, Arabic, emoji ...) are dropped: callers fall back to an id.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", stripped.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rstrip("-")
    return slug


def wordpress_slug(text: str, limit: int = 200) -> str:
    """A slug as WordPress stores it: ASCII words, other letters percent-encoded in lower case.

    Mirrors what ``sanitize_title_with_dashes`` does after ``remove_accents``, so the slug
    WordPress keeps is the one we wrote (``"東京"`` → ``"%e6%9d%b1%e4%ba%ac"``).
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED))
    out: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char.isascii():
            out.append(char.lower() if char.isalnum() else "-")
        elif char.isalnum():
            out.append("".join(f"%{byte:02x}" for byte in unicodedata.normalize("NFC", char).encode("utf-8")))
        else:
            out.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    while len(slug) > limit:
        slug = slug[: slug.rfind("-", 0, limit)] if "-" in slug[:limit] else slug[:limit]
        slug = re.sub(r"%[0-9a-f]?$", "", slug).rstrip("-")
    return slug


def blogger_slug(url: str | None) -> str | None:
    """The slug of a Blogger permalink (``/2013/02/quelques-rappels.html`` → ``quelques-rappels``)."""
    if not url:
        return None
    path = unquote(urlsplit(url).path)
    name = path.rstrip("/").rpartition("/")[2]
    for suffix in (".html", ".htm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name or None


def blogger_path(url: str | None) -> str | None:
    """The path of a Blogger permalink (``http://b.blogspot.com/2013/02/x.html`` → ``/2013/02/x.html``)."""
    if not url:
        return None
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


def unique(slug: str, taken: set[str], fallback: str = "item") -> str:
    """``slug`` (or ``fallback`` if empty) made unique against ``taken`` with ``-2``, ``-3`` …; adds it."""
    base = slug or fallback
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
