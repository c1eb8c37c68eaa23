"""What a WARC record is, from its target URI (and its content type when the URI cannot tell).

Rules: the same URL rules as the HTML reader (a Wayback Machine URI is read as the page it
captured); feeds are ``/feeds/...``, ``atom.xml`` and ``rss.xml`` in any ``alt=`` form
(Atom, RSS, JSON, JSON-in-script); images are Blogger's image hosts or an ``image/*`` type;
HTML is a candidate page, kept only when its content is Blogger's; everything else (CSS,
scripts, Blogger's chrome, other sites) is counted and skipped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PAGE = "page"
FEED = "feed"
IMAGE = "image"
OTHER = "other"

_WAYBACK_PREFIX = re.compile(r"^https?://web\.archive\.org/web/\d{1,14}[a-z_]*/+", re.I)
_IMAGE_HOSTS = re.compile(r"(?:^|\.)(?:bp\.blogspot\.com|googleusercontent\.com|photos\d*\.blogger\.com)$")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".ico")
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_FEED_FILES = ("/atom.xml", "/rss.xml")
_CHROME_HOSTS = ("www.blogger.com", "blogger.com", "resources.blogblog.com", "www.blogblog.com")


def original_uri(uri: str) -> str:
    """The URI a Wayback Machine capture was taken of (other URIs unchanged)."""
    stripped = _WAYBACK_PREFIX.sub("", uri.strip())
    if stripped != uri and not stripped.lower().startswith(("http://", "https://")):
        stripped = "http://" + stripped
    return re.sub(r"^(https?):/(?=[^/])", r"\1://", stripped)


def classify(uri: str, mime: str) -> str:
    """``page``, ``feed``, ``image`` or ``other`` for a record of ``uri`` served as ``mime``."""
    parts = urlsplit(original_uri(uri))
    if parts.scheme not in ("http", "https"):
        return OTHER
    host = parts.netloc.lower().rpartition("@")[2].partition(":")[0]
    path = parts.path.lower()
    if "/feeds/" in path or path.endswith(_FEED_FILES):
        return FEED
    if mime.startswith("image/") or _IMAGE_HOSTS.search(host) or path.endswith(_IMAGE_EXTENSIONS):
        return IMAGE if not mime.startswith(("text/", "application/")) or mime == "" else OTHER
    if host in _CHROME_HOSTS:
        return OTHER
    if mime in _PAGE_TYPES or (not mime and (path.endswith((".html", ".htm")) or path.endswith("/"))):
        return PAGE
    return OTHER
