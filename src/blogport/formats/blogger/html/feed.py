"""Saved Blogger feeds (a post's comment feed, the blog's posts or comments feed), read with feedparser.

A feed gives what pages lack: parent links and ISO times for comments.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import attrs

from ....errors import InputError
from ....model import Author, parse_timestamp
from ....options import ReadOptions
from ....sources import Document
from ....threads import mark_owner
from ..atom import make_author
from ..urls import entry_number, normalize_url, post_kind
from .records import CommentRecord, PageRecords, PostRecord

FEED_PATH = re.compile(r"/feeds/(?:(\d+)/)?(\d+)/comments/")

_REMOVED_ENTRY = re.compile(r"<entry\b.*?post-(\d+)\s*</id>.*?</entry>", re.S)


@attrs.frozen
class FeedHead:
    """What a feed says of itself, in Atom or JSON alike: the blog's fields and which feed it is."""

    blog: dict[str, str | None]
    post_id: str | None  # the post of a per-post comment feed
    is_comment_feed: bool


def feed_head(feed_id: str, title: str | None, alternate: str | None, self_link: str) -> FeedHead:
    """The blog fields and kind of a saved feed (shared by the Atom and JSON feed readers).

    A posts feed's title is the blog's title; a comment feed's title is not (it names the post or
    says "comments"). A per-post comment feed's page is the post, so only its host is the blog's.
    """
    blog_match = re.search(r"blog-(\d+)", feed_id)
    feed_post = FEED_PATH.search(self_link or feed_id)
    is_comment_feed = bool(feed_post) or "comments" in self_link or ".post" in feed_id
    url = alternate if alternate and re.match(r"https?://", alternate) else None
    if feed_post and url:
        parts = urlsplit(url)
        url = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    blog: dict[str, str | None] = {
        "id": blog_match.group(1) if blog_match else None,
        "title": None if is_comment_feed else ((title or "").strip() or None),
        "url": url,
    }
    return FeedHead(blog, feed_post.group(2) if feed_post else None, is_comment_feed)


def partial_feed_warning(name: str, head: FeedHead, total: str | None, start: str | None, count: int) -> str | None:
    """The warning for a feed holding fewer entries than its ``openSearch:totalResults``, or ``None``."""
    start = (start or "1").strip()
    total = (total or "").strip()
    if not (total.isdigit() and start.isdigit()):
        return None
    shown_to = int(start) + count - 1
    if int(total) <= shown_to:
        return None
    what = (
        f"post {head.post_id}: this comment feed holds comments"
        if head.post_id
        else ("this comment feed holds comments" if head.is_comment_feed else "partial: this posts feed holds posts")
    )
    return f"{name}: {what} {start}-{shown_to} of {total}; save it again with start-index={shown_to + 1} for the rest"


@attrs.frozen
class FeedEntry:
    """One feed entry's fields, as either feed form (Atom or GData JSON) gives them."""

    raw_id: str | None
    links: dict[str | None, str | None]
    author: Author | None
    published: datetime | None
    content: str
    in_reply_to: str | None  # the ``ref`` of ``thr:in-reply-to``; ``None`` when absent
    is_reply: bool  # the entry has a ``thr:in-reply-to`` element
    removed: bool  # Blogger's ``blogger.contentRemoved`` tombstone
    title: str
    updated: datetime | None
    labels: list[str]


def add_feed_entry(page: PageRecords, head: FeedHead, entry: FeedEntry) -> None:
    """Add ``entry`` to ``page``: a comment in a comment feed or when it replies to a post, else a post.

    A comment's post is its ``in-reply-to`` reference, else the post named in its feed links, else the
    post of a per-post comment feed; its parent is the last part of its ``related`` link.
    """
    entry_id = entry_number(entry.raw_id) or ""
    links = entry.links
    if head.is_comment_feed or entry.is_reply:
        post_of_comment = entry_number(entry.in_reply_to) if entry.is_reply else None
        if not post_of_comment:
            path = FEED_PATH.search(links.get("self") or links.get("edit") or "")
            post_of_comment = path.group(2) if path else head.post_id
        parent = links.get("related")
        page.comments.append(
            CommentRecord(
                id=entry_id,
                post_id=post_of_comment,
                parent_id=parent.rstrip("/").rpartition("/")[2] if parent else None,
                author=entry.author,
                published=entry.published,
                content=entry.content,
                deleted=entry.removed,
                url=links.get("alternate"),
                from_feed=True,
            )
        )
    else:
        page.posts.append(
            PostRecord(
                id=entry_id,
                url=normalize_url(links.get("alternate")),
                title=entry.title,
                published=entry.published,
                updated=entry.updated,
                author=mark_owner(entry.author),
                labels=entry.labels,
                content=entry.content,
                from_item_page=True,
                kind=post_kind(entry.raw_id, links.get("alternate")),
            )
        )


def parse_feed(document: Document, raw: bytes, options: ReadOptions) -> PageRecords:
    """What one saved feed holds: posts, or comments with their parent links and ISO times."""
    import feedparser  # imported here: only feeds need it

    page = PageRecords()
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"not a readable feed ({parsed.get('bozo_exception')})", document.name)
    feed = parsed.feed
    feed_id = feed.get("id") or ""
    feed_links = feed.get("links", [])
    self_link = next((link.get("href", "") for link in feed_links if link.get("rel") == "self"), "")
    alternate = next((link.get("href") for link in feed_links if link.get("rel") == "alternate"), None)
    head = feed_head(feed_id, feed.get("title"), alternate, self_link)
    page.blog = head.blog
    removed = {
        m.group(1)
        for m in _REMOVED_ENTRY.finditer(raw.decode("utf-8", "replace"))
        if "blogger.contentRemoved' value='true'" in m.group(0).replace('"', "'")
    }
    for entry in parsed.entries:
        links = {link.get("rel"): link.get("href") for link in entry.get("links", [])}
        author_info = entry.get("author_detail") or {}
        image = entry.get("gd_image") or {}
        in_reply = entry.get("thr_in-reply-to") or {}
        author = make_author(
            author_info.get("name"),
            author_info.get("href"),
            author_info.get("email"),
            image.get("src"),
            options.keep_emails,
        )
        add_feed_entry(
            page,
            head,
            FeedEntry(
                raw_id=entry.get("id"),
                links=links,
                author=author,
                published=parse_timestamp(entry.get("published")),
                content=(entry.get("content") or [{}])[0].get("value") or entry.get("summary") or "",
                in_reply_to=in_reply.get("ref") if in_reply else None,
                is_reply=bool(in_reply),
                removed=(entry_number(entry.get("id")) or "") in removed,
                title=entry.get("title", ""),
                updated=parse_timestamp(entry.get("updated")),
                labels=[t.get("term") for t in entry.get("tags", []) if t.get("term")],
            ),
        )
    partial = partial_feed_warning(
        document.name, head, feed.get("opensearch_totalresults"), feed.get("opensearch_startindex"), len(parsed.entries)
    )
    if partial:
        page.warnings.append(partial)
    return page
