"""The one door from the WARC and JSON-feed readers into the scraped-HTML reader.

Rules: the WARC reader and the JSON-feed reader use the HTML reader's own page parsing,
records and merging (never a copy of them), and they reach them only through the names
below, so that moving the HTML reader's code changes this file's imports and nothing else.
"""

from __future__ import annotations

from .blogger import html as _html
from .blogger.atom import make_author
from .blogger.html.feed import FeedEntry, add_feed_entry, feed_head, parse_feed, partial_feed_warning
from .blogger.html.records import CommentRecord, PageRecords, PostRecord
from .blogger.html.wayback import original_url
from .blogger.urls import blog_host, entry_number, normalize_url, post_kind, url_key

HTML_READER_NAME: str = _html.name
ParsedPage = PageRecords
is_blogger_page = _html.detect
read_pages = _html.read
parse_atom_feed = parse_feed

__all__ = [
    "HTML_READER_NAME",
    "CommentRecord",
    "FeedEntry",
    "ParsedPage",
    "PostRecord",
    "add_feed_entry",
    "blog_host",
    "entry_number",
    "feed_head",
    "is_blogger_page",
    "make_author",
    "normalize_url",
    "original_url",
    "parse_atom_feed",
    "partial_feed_warning",
    "post_kind",
    "read_pages",
    "url_key",
]
