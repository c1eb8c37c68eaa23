"""Where a saved page lived: its address from the page itself or from the mirror that saved it.

Rules: an absolute address in the page wins (canonical link, data context, ``og:url``); then
HTTrack's "Mirrored from" comment; then the page's place in its mirror (wget's year/month folders,
its names for query variants such as ``post.html?m=1`` undone) under the blog's home, taken from the
data context, the feed links (which wget leaves absolute) or HTTrack's comment. A relative link that
names another file of an HTTrack mirror stands for the address that file was saved from.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from ....sources import Document
from ..urls import normalize_url
from .dom import Node, xp


def absolute(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, else ``None``."""
    return url if url and re.match(r"https?://", url) else None


_HTTRACK_SOURCE = re.compile(r"<!-- Mirrored from (\S+) by HTTrack Website Copier")
_WGET_QUERY_NAME = re.compile(r"(\.html?)(?:\?|%3F|@)[^/]*$", re.I)


def httrack_url(text: str) -> str | None:
    """The address HTTrack saved a page from (its "Mirrored from" comment), whatever it named the file."""
    match = _HTTRACK_SOURCE.search(text[:4096])
    return normalize_url("http://" + match.group(1)) if match else None


def httrack_home(text: str) -> str | None:
    """The home (``scheme://host/``) of the address HTTrack saved a page from, if it says."""
    url = httrack_url(text)
    return f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/" if url else None


def mirrored(document: Document, href: str, mirror: Mapping[str, str]) -> str | None:
    """The address a relative link stands for when it names another file of the mirror."""
    href = href.strip()
    if not href or re.match(r"[a-z][a-z0-9+.-]*:|/|#", href, re.I):
        return None
    here = posixpath.dirname(document.member_path)
    return mirror.get(posixpath.normpath(posixpath.join(here, href.split("#")[0])))


def feed_host(root: Node) -> str | None:
    """The blog's home from its feed links, which wget leaves absolute (it does not fetch them)."""
    for href in xp(root, "//link[@rel='alternate' and contains(@href, '/feeds/')]/@href"):
        parts = urlsplit(str(href).strip())
        if parts.scheme in ("http", "https") and parts.netloc and "blogger.com" not in parts.netloc:
            return f"{parts.scheme}://{parts.netloc}/"
    return None


def mirror_url(document: Document, homepage: str | None) -> str | None:
    """Where a mirrored page lived: the blog's address plus its path in the mirror (wget layout)."""
    # the whole name: a page named on its own still sits in its mirror's year/month folders
    # wget's names for query variants (post.html?m=1, post.html%3Fm=1.html, post.html@m=1) are the post
    path = _WGET_QUERY_NAME.sub(r"\1", document.name.replace("\\", "/"))
    match = re.search(r"(?:^|/)((?:\d{4}/\d{2}/|p/)[^/]+\.html?)", path)
    if not match:
        return None
    host_folder = re.search(r"(?:^|/)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/(?:\d{4}/\d{2}|p)/", path)
    root = absolute(homepage) or (f"http://{host_folder.group(1)}/" if host_folder else None)
    return urljoin(root, match.group(1)) if root else None
