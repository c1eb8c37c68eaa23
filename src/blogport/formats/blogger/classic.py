"""Blogger's classic export: ``blog-MM-DD-YYYY.xml`` from Settings › Back up content.

An Atom feed whose entries are told apart by their kind category
(``…/blogger/2008/kind#post|page|comment|settings|template``), never by their id:
comments use ``.post-<id>`` ids too.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import attrs
from lxml import etree

from ...model import Blog, Comment, Location, Post, Provenance, parse_finite, parse_timestamp
from ...options import ReadOptions
from ...report import counted
from ...salvage import SalvageLog, damage_warnings
from ...sources import Document
from ...xmlstream import ATOM, iter_entries, local_name, starts_as_xml
from .atom import (
    CHUNK_RECORDS,
    AuthorCache,
    BlogParts,
    Drain,
    Scan,
    file_label,
    merge_by_blog,
    require_feed,
    scan_in_two,
)
from .urls import blog_number, entry_number

name = "blogger-classic"
title = "Blogger classic export (blog-MM-DD-YYYY.xml)"
extensions = (".xml",)

KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_KIND_MARK = b"schemas.google.com/blogger/2008/kind#"

_ID = ATOM + "id"
_PUBLISHED = ATOM + "published"
_UPDATED = ATOM + "updated"
_CATEGORY = ATOM + "category"
_TITLE = ATOM + "title"
_CONTENT = ATOM + "content"
_LINK = ATOM + "link"
_AUTHOR = ATOM + "author"
_GD_EXTENDED = "{http://schemas.google.com/g/2005}extendedProperty"
_THR_IN_REPLY_TO = "{http://purl.org/syndication/thread/1.0}in-reply-to"
_MEDIA_THUMBNAIL = "{http://search.yahoo.com/mrss/}thumbnail"
_GEORSS = "{http://www.georss.org/georss}"
_COMMENT_FEED_PATH = re.compile(r"/feeds/\d+/(\d+)/comments/default/(\d+)")
_SETTINGS = {
    "BLOG_NAME": "title",
    "BLOG_DESCRIPTION": "description",
    "BLOG_LOCALE": "locale",
    "BLOG_TIME_ZONE": "time_zone",
}


def detect(head: bytes) -> bool:
    """True for a classic export: kind categories and no Takeout namespace."""
    return starts_as_xml(head) and _KIND_MARK in head and b"schemas.google.com/blogger/2018" not in head


def read(documents: list[Document], options: ReadOptions) -> list:
    """Read each classic export; documents of the same blog id merge into one archive."""
    return merge_by_blog((_read_one(doc, options) for doc in documents), name)


def _read_one(document: Document, options: ReadOptions) -> BlogParts:
    # Salvaging reads in one pass: the damage must end the document where it is.
    scan = (None if options.salvage else scan_in_two(_scan, document, options)) or _scan(document, options, None)
    return _finish(scan, document)


def _scan(document: Document, options: ReadOptions, drain: Drain | None) -> Scan:
    """One pass over ``document``; with ``drain``, the records gathered are handed to it every few thousand."""
    scan = Scan(parts=BlogParts(blog=Blog(), warnings=[], files=[file_label(document)]))
    parts = scan.parts

    def on_header(feed: etree._Element) -> None:
        require_feed(feed, document)
        blog_url = None
        for link in feed.iterchildren(_LINK):
            if link.get("rel") == "alternate":
                blog_url = link.get("href")
        scan.exported = parse_timestamp(feed.findtext(_UPDATED))
        parts.blog = Blog(
            id=blog_number(feed.findtext(_ID)),
            title=(feed.findtext(_TITLE) or "").strip(),
            url=blog_url,
            source=Provenance(format=name, exported=scan.exported),
        )

    authors = AuthorCache(options.keep_emails)
    latest: list[datetime | None] = [None]
    with attrs.validators.disabled():  # values are typed by construction here; validation is for the edges
        salvaging = SalvageLog() if options.salvage else None
        for entry in iter_entries(document, ATOM + "entry", on_header, parts.warnings, options.progress, salvaging):
            _read_entry(entry, parts, scan.settings, scan.unknown_kinds, latest, authors)
            if drain is not None and len(parts.posts) + len(parts.comments) >= CHUNK_RECORDS:
                drain(parts)
    if salvaging is not None and salvaging.damage is not None:
        parts.warnings.extend(damage_warnings(document.name, salvaging.damage, parts.posts, parts.comments))
    scan.latest = latest[0]
    return scan


def _finish(scan: Scan, document: Document) -> BlogParts:
    parts, settings, warnings = scan.parts, scan.settings, scan.parts.warnings
    _mark_scheduled(parts, scan.exported, scan.latest)
    if settings:
        parts.blog = Blog(
            id=parts.blog.id,
            title=settings.get("title") or parts.blog.title,
            url=parts.blog.url,
            description=settings.get("description") or None,
            locale=settings.get("locale") or None,
            time_zone=settings.get("time_zone") or None,
            source=parts.blog.source,
        )
    for kind, count in sorted(scan.unknown_kinds.items()):
        warnings.append(f"{document.name}: {counted(count, 'entry')} of unknown kind {kind!r} skipped")
    if not parts.posts and not parts.comments:
        warnings.append(f"{document.name}: the export holds no posts, pages or comments")
    return parts


_TEXT_SLOTS = {_ID: 0, _PUBLISHED: 1, _UPDATED: 2, _TITLE: 3, _CONTENT: 4}


def _read_entry(
    entry: etree._Element,
    parts: BlogParts,
    settings: dict[str, str],
    unknown_kinds: Counter[str],
    latest: list[datetime | None],
    authors: AuthorCache,
) -> None:
    # Hot path (once per entry of exports that reach hundreds of MB): one pass over the
    # children, dispatching on the tag.
    texts: list[str | None] = [None, None, None, None, None]
    kind = None
    draft = removed = False
    labels: list[str] = []
    alternate = edit = related = thumbnail = None
    author_el = in_reply_to = None
    geo: dict[str, str] | None = None
    slots = _TEXT_SLOTS
    for child in entry:
        tag = child.tag
        slot = slots.get(tag)
        if slot is not None:
            texts[slot] = child.text
        elif tag == _CATEGORY:
            scheme = child.get("scheme")
            if scheme == KIND_SCHEME:
                kind = (child.get("term") or "").rpartition("#")[2]
            elif scheme == LABEL_SCHEME:
                term = child.get("term")
                if term:
                    labels.append(term)
        elif tag == _LINK:
            rel = child.get("rel")
            if rel == "alternate":
                alternate = child.get("href")
            elif rel == "edit" or rel == "self":
                edit = edit or child.get("href")
            elif rel == "related":
                related = child.get("href")
        elif tag == _AUTHOR:
            author_el = child
        elif tag == _THR_IN_REPLY_TO:
            in_reply_to = child
        elif tag == _GD_EXTENDED:
            if child.get("name") == "blogger.contentRemoved" and child.get("value") == "true":
                removed = True
        elif tag == _MEDIA_THUMBNAIL:
            thumbnail = child.get("url")
        elif isinstance(tag, str) and tag.startswith(_GEORSS):
            if geo is None:
                geo = {}
            geo[tag[len(_GEORSS) :]] = (child.text or "").strip()
        elif local_name(child) == "control":
            draft = any(local_name(x) == "draft" and (x.text or "").strip() == "yes" for x in child)
    entry_id, published, updated, title, content = texts
    edited = parse_timestamp(updated)
    if edited is not None and (latest[0] is None or edited > latest[0]):
        latest[0] = edited

    if kind == "comment":
        cid = entry_number(entry_id)
        if cid is None:
            parts.warnings.append("a comment without an id was skipped")
            return
        parts.comments.append(
            Comment(
                id=cid,
                post_id=_comment_post(in_reply_to, edit),
                parent_id=_last_segment(related),
                author=authors.get(author_el, owner=False),
                published=parse_timestamp(published),
                updated=edited,
                content=content.strip() if content else "",
                status="deleted" if removed else "published",
                url=alternate,
            )
        )
    elif kind == "post" or kind == "page":
        pid = entry_number(entry_id)
        if pid is None:
            parts.warnings.append(f"a {kind} without an id was skipped (title {title!r})")
            return
        when = parse_timestamp(published)
        status = "draft" if draft else "published"
        parts.posts.append(
            Post(
                id=pid,
                kind=kind,
                status=status,
                title=title.strip() if title else "",
                url=alternate,
                published=when,
                updated=edited,
                author=authors.get(author_el, owner=True),
                labels=tuple(labels),
                content=content.strip() if content else "",
                thumbnail=thumbnail,
                location=_location(geo) if geo else None,
            )
        )
    elif kind == "settings":
        key = (entry_id or "").rpartition(".settings.")[2].strip()
        if key in _SETTINGS:
            settings[_SETTINGS[key]] = (content or "").strip()
    elif kind != "template":
        unknown_kinds[kind or "(none)"] += 1


def _mark_scheduled(parts: BlogParts, exported: datetime | None, latest: datetime | None) -> None:
    # The classic export has no "scheduled" flag: a live post dated after the export is one.
    # The export time is the feed's <updated>, or the latest edit in the file if that is later
    # (hand-made or generated exports do not always keep the feed's date right).
    moments = [m for m in (exported, latest) if m is not None]
    if not moments:
        return
    cutoff = max(moments)
    parts.posts = [
        attrs.evolve(post, status="scheduled")
        if post.status == "published" and post.published is not None and post.published > cutoff
        else post
        for post in parts.posts
    ]


def _comment_post(in_reply_to: etree._Element | None, edit: str | None) -> str | None:
    # The fallback chain: thr:in-reply-to/@ref, its @source, then the edit/self feed path.
    # The permalink, last resort, is matched against post URLs by the threading module.
    if in_reply_to is not None:
        ref = entry_number(in_reply_to.get("ref"))
        if ref:
            return ref
        source = _last_segment(in_reply_to.get("source"))
        if source:
            return source
    if edit:
        match = _COMMENT_FEED_PATH.search(edit)
        if match:
            return match.group(1)
    return None


def _last_segment(href: str | None) -> str | None:
    if not href:
        return None
    segment = href.split("?", 1)[0].rstrip("/").rpartition("/")[2]
    return segment or None


def _location(geo: dict[str, str]) -> Location | None:
    if not any(geo.values()):
        return None
    latitude = longitude = None
    point = geo.get("point", "").split()
    if len(point) == 2:
        latitude, longitude = parse_finite(point[0]), parse_finite(point[1])
        if latitude is None or longitude is None:
            latitude = longitude = None
    return Location(
        name=geo.get("featurename") or None, latitude=latitude, longitude=longitude, span=geo.get("box") or None
    )
