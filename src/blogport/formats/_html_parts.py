"""The one door from the WARC and JSON-feed readers into the scraped-HTML reader.

Rules: the WARC reader and the JSON-feed reader use the HTML reader's own page parsing,
records and merging (never a copy of them), and they reach them only through the names
below, so that moving the HTML reader's code changes this file's imports and nothing else.
"""

from __future__ import annotations

from . import _blogger
from . import blogger_html as _html

HTML_READER_NAME: str = _html.name
PostRecord = _html._PostRecord
CommentRecord = _html._CommentRecord
ParsedPage = _html._Page
normalize_url = _html.normalize_url
url_key = _html.url_key
blog_host = _html._host
is_blogger_page = _html.detect
read_pages = _html.read
parse_atom_feed = _html._parse_feed
FEED_PATH = _html._FEED_PATH
entry_number = _blogger.entry_number
make_author = _blogger.make_author

__all__ = [
    "FEED_PATH",
    "HTML_READER_NAME",
    "CommentRecord",
    "ParsedPage",
    "PostRecord",
    "blog_host",
    "entry_number",
    "is_blogger_page",
    "make_author",
    "normalize_url",
    "parse_atom_feed",
    "read_pages",
    "url_key",
]
