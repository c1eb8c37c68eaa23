"""What one page or feed showed, before the pages of a blog are merged (see :mod:`.merge`)."""

from __future__ import annotations

from datetime import datetime

import attrs

from ....model import Author

FORMAT_NAME = "blogger-html"


@attrs.define
class PostRecord:
    """A post as one page or feed showed it."""

    id: str | None
    url: str | None
    title: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    author: Author | None = None
    labels: list[str] = attrs.Factory(list)
    content: str = ""
    from_item_page: bool = False
    date_text: str | None = None
    kind: str = "post"  # or "page": a static page (/p/slug.html)
    comments_shown: int | None = None  # the count a listing page's comment link showed


@attrs.define
class CommentRecord:
    """A comment as one page or feed showed it."""

    id: str
    post_id: str | None
    parent_id: str | None
    author: Author | None
    published: datetime | None
    content: str
    deleted: bool
    url: str | None
    from_feed: bool = False


@attrs.define
class PageRecords:
    """Everything one page or feed showed: blog fields, posts, comments, warnings."""

    blog: dict[str, str | None] = attrs.Factory(dict)
    posts: list[PostRecord] = attrs.Factory(list)
    comments: list[CommentRecord] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    captured: datetime | None = None
    dynamic_views: bool = False
