"""Links to the same blog: recognise them, say what they point at, rewrite them for a writer.

A post body links to other posts of its blog in many spellings of one address:
``http``/``https``, ``www.`` or not, ``?m=1`` (the mobile view), ``*.blogspot.<country>``
(Blogger's country redirects), the blog's custom domain, or a path relative to the post.
:class:`SameBlog` knows every host of one archive and turns such a URL into a
:class:`Target`: a post or page of the archive, a label page (``/search/label/X``), a month
or year archive, or the home page. Writers give :meth:`SameBlog.rewrite` a target function
that says where each target now lives; everything else is left exactly as written.

Rules:

* pure: no I/O, no network; the archive is only read;
* a link is the same blog's only when its host is one of the archive's hosts (the blog's
  URL, its posts' URLs, and hosts the caller adds) after normalisation; relative URLs are
  resolved against ``base`` first;
* ``?showComment=<id>`` becomes the fragment ``c<id>`` (the comment's anchor) unless the link
  has a fragment already; ``m``, ``showComment`` and ``commentPage`` never matter;
* a link shaped like a post (``/YYYY/MM/name.html``) whose post is not in the input is
  counted in the ``missing`` counter the caller passes, and left unchanged.

:func:`rewrite_anchors` applies a URL rewrite to the ``href`` of every ``<a>`` of a fragment of
HTML, as the Markdown and WXR writers need it (the HTML site rewrites inside its sanitiser).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Literal
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from attrs import frozen

from .model import Archive, Post
from .report import agree, counted

TargetKind = Literal["post", "page", "label", "month", "year", "home"]

_BLOGSPOT_HOST = re.compile(r"^([a-z0-9-]+)\.blogspot\.[a-z]{2,3}(?:\.[a-z]{2})?$")
_ITEM_PATH = re.compile(r"^/(?:\d{4}/\d{2}|p)/[^/]+\.html?$")  # a post's or a page's
_LABEL_PATH = re.compile(r"^/search/label/([^/]+)/?$")
# A month archive: /2010/03/ or, in old templates, /2010_03_01_archive.html.
_MONTH_PATH = re.compile(r"^/(\d{4})(?:/(\d{2})/?|_(\d{2})_\d{2}_archive\.html)$")
_YEAR_PATH = re.compile(r"^/(\d{4})/?$")
_HOME_PATHS = ("", "/", "/index.html", "/search", "/search/")
_HREF_PRESENT = re.compile("href", re.IGNORECASE).search
_ABSOLUTE = ("http://", "https://", "HTTP://", "HTTPS://")
_ANCHOR_HREF = re.compile(r"""(<a\s(?:[^>]*?\s)?href\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


@frozen
class Target:
    """What a same-blog link points at.

    ``post`` is set for ``post`` and ``page`` targets; ``label`` for label pages; ``year`` and
    ``month`` for archives (``month`` is ``None`` for a year). ``fragment`` is the link's
    fragment without ``#`` (``c123`` for a comment), or empty.
    """

    kind: TargetKind
    post: Post | None = None
    label: str | None = None
    year: int | None = None
    month: int | None = None
    fragment: str = ""


@functools.lru_cache(maxsize=1024)  # a blog's links name few hosts, many times
def host_key(host: str) -> str:
    """One spelling per host: lower case, no ``www.``, no port, ``*.blogspot.<country>`` as ``.com``."""
    host = host.lower().rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    match = _BLOGSPOT_HOST.match(host)
    return f"{match.group(1)}.blogspot.com" if match else host


def path_key(path: str) -> str:
    """A URL path as the index keys it: percent-decoded, always starting with ``/``."""
    path = unquote(path)
    return path if path.startswith("/") else "/" + path


class SameBlog:
    """Recognises and rewrites links to the blog of one archive (see the module rules)."""

    def __init__(self, archive: Archive, extra_hosts: Iterable[str] = ()) -> None:
        self.hosts: set[str] = {host_key(h) for h in extra_hosts if h}
        self._by_path: dict[str, Post] = {}
        if archive.blog.url:
            host = urlsplit(archive.blog.url).hostname
            if host:
                self.hosts.add(host_key(host))
        for post in archive.posts:
            if not post.url:
                continue
            parts = urlsplit(post.url)
            if parts.hostname:
                self.hosts.add(host_key(parts.hostname))
            self._by_path.setdefault(path_key(parts.path), post)

    def is_same_blog(self, url: str, base: str | None = None) -> bool:
        """True when ``url`` (resolved against ``base``) is on one of the blog's hosts."""
        try:
            hostname = urlsplit(urljoin(base, url) if base else url).hostname
        except ValueError:
            return False
        return hostname is not None and host_key(hostname) in self.hosts

    def classify(self, url: str, base: str | None = None, missing: Counter[str] | None = None) -> Target | None:
        """What ``url`` points at on this blog, or ``None`` (another site, or a path we do not map).

        A post-shaped path whose post is not in the archive returns ``None`` and is counted in
        ``missing`` (by path) when given.
        """
        url = url.strip()
        try:
            # urljoin only for relative URLs: it is most of the cost, and absolute ones are most links.
            absolute = urljoin(base, url) if base and not url.startswith(_ABSOLUTE) else url
            parts = urlsplit(absolute)
            hostname = parts.hostname
        except ValueError:  # malformed (an unbalanced IPv6 bracket, a bad port): not ours
            return None
        if parts.scheme not in ("http", "https", "") or hostname is None or host_key(hostname) not in self.hosts:
            return None
        fragment = parts.fragment
        if not fragment and parts.query:
            for key, value in parse_qsl(parts.query):
                if key == "showComment" and value.isdigit():
                    fragment = f"c{value}"
        path = path_key(parts.path)
        post = self._by_path.get(path)
        if post is not None:
            kind: TargetKind = "page" if post.kind == "page" else "post"
            return Target(kind=kind, post=post, fragment=fragment)
        if _ITEM_PATH.match(path):
            if missing is not None:
                missing[path] += 1
            return None
        match = _LABEL_PATH.match(parts.path)
        if match:
            return Target(kind="label", label=unquote(match.group(1)), fragment=fragment)
        match = _MONTH_PATH.match(path)
        month = int(match.group(2) or match.group(3)) if match else 0
        if match and 1 <= month <= 12:
            return Target(kind="month", year=int(match.group(1)), month=month, fragment=fragment)
        match = _YEAR_PATH.match(path)
        if match:
            return Target(kind="year", year=int(match.group(1)), fragment=fragment)
        if path in _HOME_PATHS:
            return Target(kind="home", fragment=fragment)
        return None

    def rewrite(
        self,
        url: str,
        to: Callable[[Target], str | None],
        base: str | None = None,
        missing: Counter[str] | None = None,
    ) -> str:
        """``url`` rewritten by ``to`` when it points at this blog and ``to`` gives an address.

        ``to`` receives the :class:`Target` and returns the new address (fragment included, as
        the writer wants it) or ``None`` to keep the link as written.
        """
        target = self.classify(url, base, missing)
        if target is None:
            return url
        new = to(target)
        return url if new is None else new


def rewrite_anchors(fragment: str, rewrite: Callable[[str], str]) -> str:
    """``fragment`` with the ``href`` of each ``<a>`` passed through ``rewrite``.

    ``rewrite`` gets the address with its entities decoded (``&amp;`` → ``&``); an address it
    returns unchanged keeps its exact original spelling, a new one is written double-quoted and
    escaped. Everything else in the fragment stays byte for byte.
    """
    if _HREF_PRESENT(fragment) is None:
        return fragment

    def one(match: re.Match[str]) -> str:
        written = next(value for value in match.group(2, 3, 4) if value is not None)
        url = html.unescape(written)
        new = rewrite(url)
        if new == url:
            return match.group(0)
        return f'{match.group(1)}"{html.escape(new, quote=True)}"'

    return _ANCHOR_HREF.sub(one, fragment)


def left_as_written(missing: Counter[str], unpublished: int) -> list[str]:
    """The warnings for links a writer left at their old address: posts not in the input, drafts."""
    notes = []
    if missing:
        paths = sorted(missing)
        shown = ", ".join(paths[:5]) + (" …" if len(paths) > 5 else "")
        links = sum(missing.values())
        notes.append(
            f"{counted(links, 'link')} to {counted(len(paths), 'post')} of the blog that are not in the input "
            f"{agree(links, 'was', 'were')} left pointing at the old blog: {shown}"
        )
    if unpublished:
        were = agree(unpublished, "was", "were")
        notes.append(
            f"{counted(unpublished, 'link')} to drafts or scheduled posts {were} left pointing at the old blog"
        )
    return notes
