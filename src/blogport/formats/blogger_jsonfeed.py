"""Blogger's feeds in Google Data JSON: ``alt=json`` and its JSONP form ``alt=json-in-script``.

Rules: a JSON feed reads into exactly the records an Atom feed of the same entries gives the
HTML reader's feed path (same ids, links, times, authors, parents, tombstones), so pages and
feeds merge by the same code whatever form a feed was saved in. Every GData value is an object
``{"$t": text}``; a missing one is absent, never an error. Dynamic Views blogs keep their posts
and comments only in these feeds. A JSONP wrapper (``// API callback`` plus ``name(...);``)
is stripped before parsing; nothing in the feed is ever run.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError
from ..model import parse_timestamp
from ..options import ReadOptions
from ..sources import Document
from ._html_parts import (
    FeedEntry,
    ParsedPage,
    add_feed_entry,
    feed_head,
    make_author,
    partial_feed_warning,
)

_JSONP_START = re.compile(rb"^\s*(?://[^\n]*\n\s*)*[A-Za-z_$][\w$.]*\s*\(\s*")
_JSONP_END = re.compile(rb"\)\s*;?\s*$")
_BOM = b"\xef\xbb\xbf"


def strip_jsonp(raw: bytes) -> bytes:
    """The JSON inside a ``json-in-script`` response (``callback({...});``); plain JSON unchanged."""
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    start = _JSONP_START.match(body)
    if not start:
        return body
    end = _JSONP_END.search(body, start.end())
    return body[start.end() : end.start() if end else len(body)]


def detect(head: bytes) -> bool:
    """True for a Blogger feed in GData JSON or JSONP (judged on the first bytes only)."""
    body = strip_jsonp(head[:4096]).lstrip()
    return body.startswith(b"{") and b'"feed"' in body and b'"$t"' in body and b"blogger" in body.lower()


def _t(value: Any) -> str | None:
    """The text of a GData value (``{"$t": "..."}``)."""
    if isinstance(value, dict):
        text = value.get("$t")
        return str(text) if text is not None else None
    return None


def _list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        value = [value]
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _links(item: dict[str, Any]) -> dict[str | None, str | None]:
    # as the Atom path: the last link of each rel wins
    return {link.get("rel"): link.get("href") for link in _list(item.get("link"))}


def parse_feed(document: Document, raw: bytes, options: ReadOptions) -> ParsedPage:
    """Read a JSON or JSONP Blogger feed into the HTML reader's page records."""
    try:
        data = json.loads(strip_jsonp(raw))
    except ValueError as exc:
        raise InputError(f"not a readable JSON feed ({exc})", document.name) from None
    feed = data.get("feed") if isinstance(data, dict) else None
    if not isinstance(feed, dict):
        raise InputError('JSON, but not a Blogger feed (no "feed" object)', document.name)
    page = ParsedPage()
    feed_id = _t(feed.get("id")) or ""
    feed_links = _list(feed.get("link"))
    alternate = next((link.get("href") for link in feed_links if link.get("rel") == "alternate"), None)
    self_link = next((link.get("href") or "" for link in feed_links if link.get("rel") == "self"), "")
    head = feed_head(feed_id, _t(feed.get("title")), alternate, self_link)
    page.blog = head.blog
    entries = _list(feed.get("entry"))
    for entry in entries:
        author_info = next(iter(_list(entry.get("author"))), {})
        image: dict[str, Any] = author_info.get("gd$image") or {}
        if not isinstance(image, dict):
            image = {}
        in_reply: dict[str, Any] = entry.get("thr$in-reply-to") or {}
        if not isinstance(in_reply, dict):
            in_reply = {}
        author = make_author(
            _t(author_info.get("name")),
            _t(author_info.get("uri")),
            _t(author_info.get("email")),
            image.get("src"),
            options.keep_emails,
        )
        removed = any(
            prop.get("name") == "blogger.contentRemoved" and str(prop.get("value")).lower() == "true"
            for prop in _list(entry.get("gd$extendedProperty"))
        )
        add_feed_entry(
            page,
            head,
            FeedEntry(
                raw_id=_t(entry.get("id")),
                links=_links(entry),
                author=author,
                published=parse_timestamp(_t(entry.get("published"))),
                # feedparser strips the text of Atom elements; the same here, so both forms give equal records
                content=(_t(entry.get("content")) or _t(entry.get("summary")) or "").strip(),
                in_reply_to=in_reply.get("ref") if in_reply else None,
                is_reply=bool(in_reply),
                removed=removed,
                title=(_t(entry.get("title")) or "").strip(),
                updated=parse_timestamp(_t(entry.get("updated"))),
                labels=[c["term"] for c in _list(entry.get("category")) if c.get("term")],
            ),
        )
    total, start = _t(feed.get("openSearch$totalResults")), _t(feed.get("openSearch$startIndex"))
    partial = partial_feed_warning(document.name, head, total, start, len(entries))
    if partial:
        page.warnings.append(partial)
    return page
