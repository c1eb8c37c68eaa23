"""Blogger's identities, shared by every Blogger reader: ids, URL keys, blog hosts, avatars.

* A Blogger id is the number at the end of an Atom id (``tag:blogger.com,1999:blog-1.post-42``);
  an id of another shape is kept as written rather than lost.
* A post URL is canonical without ``m=``, ``showComment``, ``commentPage`` or fragment, and with
  wget's glued ``%3FshowComment=…`` file names undone; its *key* is its decoded path, which is
  the same on every host of the blog (``*.blogspot.<country>``, the custom domain).
* A blog's host is its ``*.blogspot.com`` name whatever country domain a page was saved from.
* Blogger's "no photo" placeholders mean "no avatar", never an image worth keeping.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

_TRAILING_ID = re.compile(r"(?:post|page|comment)-(\d+)\s*$")
_BLOG_ID = re.compile(r"blog-(\d+)")
_BLOGSPOT_HOST = re.compile(r"^(?:www\.)?([a-z0-9-]+)\.blogspot\.[a-z.]+$")
PLACEHOLDER_AVATARS = (
    "zFdxGE77vvD2w5xHy6jkVuElKv-U9_9qLkRYK8OnbDeJPtjSZ82UPq5w6hJ-SA",
    "/img/b16-rounded.gif",
    "/img/blank.gif",
    "/img/anon36.png",
    "/img/openid16-rounded.gif",
)


def entry_number(tag_id: str | None) -> str | None:
    """Blogger's numeric id at the end of an entry id (``tag:…blog-1.post-42`` → ``42``).

    A bare number is returned as is; any other text is returned stripped, so an id that
    does not follow Blogger's shape is still kept rather than lost.
    """
    if tag_id is None:
        return None
    tail = tag_id.rpartition("-")[2]
    if tail.isdigit() and tail.isascii():
        return tail
    tag_id = tag_id.strip()
    if not tag_id:
        return None
    match = _TRAILING_ID.search(tag_id)
    return match.group(1) if match else tag_id


def blog_number(feed_id: str | None) -> str | None:
    """The blog id in a feed id (``tag:blogger.com,1999:blog-123.archive`` → ``123``)."""
    if not feed_id:
        return None
    match = _BLOG_ID.search(feed_id)
    return match.group(1) if match else feed_id.strip() or None


def avatar_url(src: str | None) -> str | None:
    """An avatar's address made absolute, or ``None`` for Blogger's placeholders."""
    if not src or any(marker in src for marker in PLACEHOLDER_AVATARS):
        return None
    return "https:" + src if src.startswith("//") else src


def normalize_url(url: str | None, base: str | None = None) -> str | None:
    """A post URL in one canonical form: absolute when possible, no ``m=``, ``showComment``,
    ``commentPage`` or fragment, and wget's ``%3FshowComment=…`` / glued file names undone."""
    if not url:
        return None
    url = url.strip()
    # wget's file names: "post.html%3FshowComment=123.html" or "post.htmlshowComment=123.html"
    url = re.sub(r"(\.html?)(?:%3F)?showComment(?:=|%3D)\d+(?:\.html?)?", r"\1", url, flags=re.I)
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in ("m", "showComment", "commentPage")
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def url_key(url: str | None) -> str | None:
    """A key that matches one post's URL on every host of its blog (blogspot ccTLDs, custom domain)."""
    if not url:
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    return path if path.startswith("/") else "/" + path


_STATIC_PAGE_PATH = re.compile(r"/p/[^/]+\.html?$")


def post_kind(entry_id: str | None, url: str | None) -> str:
    """``page`` for a Blogger static page (a ``…page-<id>`` entry, a ``/p/<slug>.html`` address), else ``post``."""
    if entry_id and re.search(r"\.page-\d+\s*$", entry_id):
        return "page"
    path = urlsplit(url).path if url else ""
    return "page" if _STATIC_PAGE_PATH.search(path) else "post"


def blog_host(url: str | None) -> str | None:
    """The blog's ``*.blogspot.com`` host for any of its country domains; other hosts as they are."""
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    match = _BLOGSPOT_HOST.match(host)
    return f"{match.group(1)}.blogspot.com" if match else host or None
