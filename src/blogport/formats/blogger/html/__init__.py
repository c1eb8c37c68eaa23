"""Scraped Blogger HTML: saved pages, wget/HTTrack mirrors, Wayback Machine captures.

Pages of one blog merge into one archive: a post seen on its item page, listing pages, the
mobile view or ``?showComment=`` copies appears once, its comments merged by id; the item
page is authoritative for the body (listing pages may hold snippets only). Saved Blogger
feeds in the input (a post's comment feed, the blog's posts or comments feed) are read with
feedparser and complete the posts and threads (the feed gives parent links and ISO times).

Nothing here keys on UI words: a page in any language reads the same. Layout comes from
Blogger's class names, ids and data attributes; times from ``abbr.published[title]``,
``time[datetime]``, JSON-LD, and for comments the ``showComment=<epoch ms>`` of their
permalink; a localised date is parsed only as a last resort.
"""

from __future__ import annotations

from ....errors import InputError
from ....model import Archive
from ....options import ReadOptions
from ....sources import Document
from .addresses import httrack_url
from .feed import parse_feed
from .merge import by_blog
from .page import parse_page
from .records import FORMAT_NAME, PageRecords

name = FORMAT_NAME
title = "Blogger pages saved as HTML (pages, mirrors, Wayback captures) and saved Blogger feeds"
extensions = (".html", ".htm")

_BLOGGER_MARKS = (
    b"content='blogger'",
    b'content="blogger"',
    b"_WidgetManager",
    b"blogger.com/static/v1",
    b"www.blogger.com/feeds/",
    b"blogblog.com",
    b".blogspot.",
)


def detect(head: bytes) -> bool:
    """True for a saved Blogger page, or a saved Blogger feed that is not an export."""
    lowered = head.lower()
    from ... import blogger_jsonfeed  # Blogger's JSON feeds merge with pages like its Atom feeds

    if blogger_jsonfeed.detect(head):
        return True
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return any(mark.lower() in lowered for mark in _BLOGGER_MARKS)
    if (b"<feed" in lowered or b"<rss" in lowered) and b"blogger" in lowered:
        return b"kind#" not in lowered and b"blogger/2018" not in lowered
    return False


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read every page and feed; pages and feeds of one blog merge into one archive.

    Inside a folder or zip, a file that cannot be read, or that holds neither a post nor a blog's
    identity, is skipped with a warning naming it; a file named on its own must be readable.
    """
    pages: list[tuple[Document, PageRecords]] = []
    skipped: list[InputError] = []
    mirror = _mirror_addresses(documents)
    for document in documents:
        try:
            page = _read_one(document, options, mirror)
        except InputError as error:
            if document.container is None:
                raise
            skipped.append(error)
            page = PageRecords(warnings=[f"{error}: skipped (the rest of {document.container} was read)"])
        else:
            if document.container is not None and _holds_nothing(page):
                page = PageRecords(warnings=[f"{document.name}: not a Blogger page (no post, no blog id): skipped"])
        pages.append((document, page))
    if skipped and len(skipped) == len(documents):
        raise skipped[0]
    return by_blog(pages, options)


def _mirror_addresses(documents: list[Document]) -> dict[str, str]:
    """Where each file of an HTTrack mirror was saved from, by its path in the mirror (its own comment says)."""
    found = {}
    for document in documents:
        if document.container is not None:
            try:
                first = document.first_bytes(4096)
            except InputError:
                continue  # gone since listing: its read below says so and skips it
            address = httrack_url(first.decode("utf-8", "replace"))
            if address:
                found[document.member_path] = address
    return found


def _read_one(document: Document, options: ReadOptions, mirror: dict[str, str]) -> PageRecords:
    raw = document.read_bytes(options.progress)
    if not raw or raw.isspace():  # the same test as ``not raw.strip()``, without copying the page
        raise InputError("the file is empty", document.name)
    from ... import blogger_jsonfeed

    if blogger_jsonfeed.detect(raw[:4096]):
        return blogger_jsonfeed.parse_feed(document, raw, options)
    head = raw[:4096].lstrip().lower()
    if head.startswith((b"<?xml", b"<feed", b"<rss")) and b"<html" not in raw[:4096].lower():
        return parse_feed(document, raw, options)
    return parse_page(document, raw, options, mirror)


def _holds_nothing(page: PageRecords) -> bool:
    return not (page.posts or page.comments or page.blog.get("id") or page.dynamic_views)
