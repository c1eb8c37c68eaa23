"""The one normalized model every reader produces and every writer consumes.

All classes are frozen attrs classes: an :class:`Archive` is plain data that can be
compared, hashed and shared between threads. Ids are Blogger's numeric ids as strings;
timestamps are timezone-aware :class:`datetime.datetime` objects that keep the source's
own UTC offset (``-07:00`` stays ``-07:00``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from attrs import field, frozen
from attrs.validators import in_, instance_of, optional

POST_KINDS = ("post", "page")
POST_STATUSES = ("published", "draft", "scheduled", "trashed")
COMMENT_STATUSES = ("published", "deleted")

_optional_str = optional(instance_of(str))
_optional_datetime = optional(instance_of(datetime))


def _aware(_instance: object, attribute: object, value: datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{getattr(attribute, 'name', 'timestamp')} must carry a UTC offset: {value!r}")


def optional_text() -> Any:
    """An attrs field that holds a string or ``None`` (its default)."""
    return field(default=None, validator=_optional_str)


@frozen
class Author:
    """Who wrote a post or a comment. Every field may be unknown (``None``)."""

    name: str | None = optional_text()
    uri: str | None = optional_text()
    email: str | None = optional_text()
    avatar: str | None = optional_text()
    is_blog_author: bool = field(default=False, validator=instance_of(bool))


def _finite(_instance: object, attribute: object, value: float | None) -> None:
    if value is not None and (isinstance(value, bool) or not math.isfinite(value)):
        raise ValueError(f"{getattr(attribute, 'name', 'coordinate')} must be a finite number: {value!r}")


@frozen
class Location:
    """A post's geotag: a place name and/or coordinates."""

    name: str | None = optional_text()
    latitude: float | None = field(default=None, validator=_finite)
    longitude: float | None = field(default=None, validator=_finite)
    span: str | None = optional_text()


@frozen
class Comment:
    """A comment and, in ``replies``, the comments that answer it (a tree).

    ``parent_id`` is the id of the comment this one answers, as the source named it.
    It stays set even when that parent is missing from the input, in which case the
    comment sits at the top level of its post.
    """

    id: str = field(validator=instance_of(str))
    post_id: str | None = optional_text()
    parent_id: str | None = optional_text()
    author: Author | None = None
    published: datetime | None = field(default=None, validator=[_optional_datetime, _aware])
    updated: datetime | None = field(default=None, validator=[_optional_datetime, _aware])
    content: str = field(default="", validator=instance_of(str))
    status: str = field(default="published", validator=in_(COMMENT_STATUSES))
    url: str | None = optional_text()
    replies: tuple[Comment, ...] = ()

    def with_replies(self, replies: tuple[Comment, ...]) -> Comment:
        """A copy of this comment with ``replies`` (faster than ``attrs.evolve`` on hot paths)."""
        return Comment(
            self.id,
            self.post_id,
            self.parent_id,
            self.author,
            self.published,
            self.updated,
            self.content,
            self.status,
            self.url,
            replies,
        )

    def with_author(self, author: Author | None) -> Comment:
        """A copy of this comment by ``author`` (faster than ``attrs.evolve`` on hot paths)."""
        return Comment(
            self.id,
            self.post_id,
            self.parent_id,
            author,
            self.published,
            self.updated,
            self.content,
            self.status,
            self.url,
            self.replies,
        )

    @classmethod
    def from_fields(cls, fields: tuple[Any, ...]) -> Comment:
        """A comment from the tuple ``attrs.astuple(comment, recurse=False)`` gave (worker to parent)."""
        return cls(*fields)

    def walk(self) -> Iterator[Comment]:
        """Yield this comment and every reply below it, depth first, without recursion."""
        stack: list[Comment] = [self]
        while stack:
            comment = stack.pop()
            yield comment
            stack.extend(reversed(comment.replies))


@frozen
class Post:
    """A post or a page (``kind``), with its comment threads in ``comments``."""

    id: str = field(validator=instance_of(str))
    kind: str = field(default="post", validator=in_(POST_KINDS))
    status: str = field(default="published", validator=in_(POST_STATUSES))
    title: str = field(default="", validator=instance_of(str))
    url: str | None = optional_text()
    published: datetime | None = field(default=None, validator=[_optional_datetime, _aware])
    updated: datetime | None = field(default=None, validator=[_optional_datetime, _aware])
    author: Author | None = None
    labels: tuple[str, ...] = ()
    content: str = field(default="", validator=instance_of(str))
    description: str | None = optional_text()
    thumbnail: str | None = optional_text()
    location: Location | None = None
    comments: tuple[Comment, ...] = ()

    @classmethod
    def from_fields(cls, fields: tuple[Any, ...]) -> Post:
        """A post from the tuple ``attrs.astuple(post, recurse=False)`` gave (worker to parent)."""
        return cls(*fields)

    def all_comments(self) -> Iterator[Comment]:
        """Every comment of the post, replies included, depth first in thread order."""
        for top in self.comments:
            yield from top.walk()


@frozen
class Provenance:
    """Where a blog came from: the input format, its files, and when it was exported or captured."""

    format: str
    files: tuple[str, ...] = ()
    exported: datetime | None = field(default=None, validator=[_optional_datetime, _aware])


@frozen
class Blog:
    """The blog itself: identity and settings."""

    id: str | None = None
    title: str = ""
    url: str | None = None
    description: str | None = None
    locale: str | None = None
    time_zone: str | None = None
    source: Provenance | None = None


@frozen
class Archive:
    """A whole blog: what every reader returns and every writer takes.

    ``orphan_comments`` holds comment trees whose post is not in the input; they are kept,
    never dropped. ``warnings`` lists, in plain words, everything the reader noticed but
    could not carry or had to repair.
    """

    blog: Blog
    posts: tuple[Post, ...] = ()
    orphan_comments: tuple[Comment, ...] = ()
    warnings: tuple[str, ...] = ()

    def all_comments(self) -> Iterator[Comment]:
        """Every comment in the archive, orphans included."""
        for post in self.posts:
            yield from post.all_comments()
        for top in self.orphan_comments:
            yield from top.walk()


def format_timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 text of ``moment`` with its own offset, as short as exact (seconds, ms or µs)."""
    if moment is None:
        return None
    if moment.microsecond == 0:
        spec = "seconds"
    elif moment.microsecond % 1000 == 0:
        spec = "milliseconds"
    else:
        spec = "microseconds"
    return moment.isoformat(timespec=spec)


def in_utc(moment: datetime) -> datetime:
    """``moment`` in UTC, for sorting and UTC fields; never fails at the calendar's edges.

    Year 1 with a positive offset (or 9999 with a negative one) has no UTC time that
    ``datetime`` can hold: it is clamped to the first (or last) representable instant. Writers
    that show UTC keep the exact time elsewhere (WXR's ``blogger_published``).
    """
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if moment.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


def parse_finite(text: str | None) -> float | None:
    """A finite number from text (coordinates); ``None`` when absent, unreadable, NaN or infinite.

    The one number parser of every reader: ``float()`` accepts ``nan``, ``inf`` and
    ``1e999``, which no place on Earth has and the model refuses.
    """
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_timestamp(text: str | None) -> datetime | None:
    """Parse an RFC 3339 / ISO 8601 timestamp; ``None`` for empty or unreadable text.

    A timestamp without an offset is taken as UTC, since a naive time cannot be placed.
    """
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
