"""What the Blogger readers share: authors, gathering one blog's parts, and two-core parsing.

Ids, URL keys and avatars live in :mod:`.urls`. A large classic export is parsed on two
cores (:func:`scan_in_two`); the result is the same archive one pass gives.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import attrs
from lxml import etree

from ...errors import BlogportError
from ...model import Archive, Author, Blog, Comment, Post, Provenance
from ...options import ReadOptions
from ...sources import Document
from ...threads import assemble
from .urls import avatar_url

_NO_EMAIL = {"noreply@blogger.com", "anonymous@blogger.com", ""}


def require_feed(root: etree._Element, document: Document) -> None:
    """Refuse a document whose root is not an Atom ``<feed>``."""
    from ...errors import InputError
    from ...xmlstream import local_name

    if local_name(root) != "feed":
        raise InputError("not an Atom feed (the root element is not <feed>)", document.name)


def make_author(
    name: str | None,
    uri: str | None,
    email: str | None,
    avatar: str | None,
    keep_emails: bool,
    is_blog_author: bool = False,
) -> Author | None:
    """An :class:`Author`, with Blogger's placeholders removed and e-mails scrubbed unless kept."""
    if email is not None and (email.lower() in _NO_EMAIL or not keep_emails):
        email = None
    avatar = avatar_url(avatar)
    if name is None and uri is None and email is None and avatar is None:
        return None
    return Author(name=name, uri=uri, email=email, avatar=avatar, is_blog_author=is_blog_author)


_NAME = "{http://www.w3.org/2005/Atom}name"
_URI = "{http://www.w3.org/2005/Atom}uri"
_EMAIL = "{http://www.w3.org/2005/Atom}email"
_IMAGE = "{http://schemas.google.com/g/2005}image"


class AuthorCache:
    """Reads Atom ``<author>`` blocks into shared :class:`Author` objects.

    Commenters recur thousands of times in a large export; one object per distinct author
    saves both time and memory.
    """

    def __init__(self, keep_emails: bool) -> None:
        self.keep_emails = keep_emails
        self._seen: dict[tuple[str | None, ...], Author | None] = {}

    def get(self, element: etree._Element | None, owner: bool) -> Author | None:
        """The author described by ``element`` (``None`` when absent or empty)."""
        if element is None:
            return None
        children = {child.tag: child for child in element}  # the last of a repeated tag wins
        name, uri, email = (_text(children.get(tag)) for tag in (_NAME, _URI, _EMAIL))
        image = children.get(_IMAGE)
        avatar = None if image is None else image.get("src")
        key = (name, uri, email, avatar, "owner" if owner else None)
        try:
            return self._seen[key]
        except KeyError:
            author = make_author(_clean(name), _clean(uri), _clean(email), _clean(avatar), self.keep_emails, owner)
            self._seen[key] = author
            return author


def _text(element: etree._Element | None) -> str | None:
    return None if element is None else element.text


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text or None


@attrs.define
class BlogParts:
    """One blog's pieces gathered from one or more documents, before threading."""

    blog: Blog
    posts: list[Post] = attrs.Factory(list)
    comments: list[Comment] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    files: list[str] = attrs.Factory(list)

    def merge(self, other: BlogParts) -> None:
        """Add ``other``'s pieces (same blog); blog fields missing here are taken from it."""
        updates = {
            name: getattr(other.blog, name)
            for name in ("title", "url", "description", "locale", "time_zone")
            if not getattr(self.blog, name) and getattr(other.blog, name)
        }
        if updates:
            self.blog = attrs.evolve(self.blog, **updates)
        self.posts.extend(other.posts)
        self.comments.extend(other.comments)
        self.warnings.extend(other.warnings)
        self.files.extend(other.files)

    def build(self, format_name: str) -> Archive:
        """Thread the comments and return the finished :class:`Archive`."""
        exported = self.blog.source.exported if self.blog.source else None
        blog = attrs.evolve(
            self.blog, source=Provenance(format=format_name, files=tuple(self.files), exported=exported)
        )
        return assemble(blog, self.posts, self.comments, self.warnings)


def merge_by_blog(parts: Iterable[BlogParts], format_name: str) -> list[Archive]:
    """Merge parts that share a blog id (e.g. Takeout's posts and comments feeds), then build each."""
    merged: dict[str, BlogParts] = {}
    for part in parts:
        key = part.blog.id or f"#{len(merged)}"
        if key in merged:
            merged[key].merge(part)
        else:
            merged[key] = part
    return [part.build(format_name) for part in merged.values()]


def file_label(document: Document) -> str:
    """The name recorded as provenance: ``takeout.zip!Takeout/…/feed.atom`` for a zip member (the zip's
    name and the member), the path inside its folder, else the file's name."""
    if document.container and document.name.startswith(document.container + "!"):
        return f"{os.path.basename(document.container)}!{document.member_path}"
    return document.member_path


@attrs.define
class Scan:
    """What one pass over (part of) an export gathered, before the blog is finished."""

    parts: BlogParts
    settings: dict[str, str] = attrs.Factory(dict)
    unknown_kinds: Counter[str] = attrs.Factory(Counter)
    exported: datetime | None = None
    latest: datetime | None = None


# --- large exports: the tail parsed by a forked worker while this process parses the head ------

SPLIT_MIN_BYTES = 32 * 1024 * 1024
_TAIL_SHARE = 0.45  # the worker also pays for sending its records back
_PROGRESS_POLL_SECONDS = 0.2
CHUNK_RECORDS = 2000  # records per message from the worker: small enough that neither side holds them all twice
Drain = Callable[[BlogParts], None]
Scanner = Callable[[Document, ReadOptions, Drain | None], Scan]
_TAIL: tuple[Scanner, Document, ReadOptions, Any] | None = None

Wire = tuple[list[str], dict[str, str], Counter[str], datetime | None]
_END = b""  # the worker's last message: all its records were sent


def scan_in_two(scan: Scanner, document: Document, options: ReadOptions) -> Scan | None:
    """Run ``scan`` over a large export on two cores; ``None`` when it does not apply or anything is off.

    A forked worker scans the entries after an ``<entry`` boundary near the middle while this
    process scans the rest; the results are merged in file order, so the archive is the same as
    one pass gives. The worker sends its records in chunks while it parses (``scan`` calls its
    ``drain`` every few thousand records), so neither process ever holds them all pickled. Any
    parse error or repaired XML makes the caller rescan in one pass, so messages keep their true
    line numbers.
    """
    global _TAIL

    from ... import parallel
    from ...xmlstream import split_feed

    if document.size < SPLIT_MIN_BYTES or parallel.cpu_count() < 2 or not parallel.may_fork():
        return None
    halves = split_feed(document, _TAIL_SHARE)
    if halves is None:
        return None
    head, tail = halves
    # The worker counts the bytes it parsed into shared memory; this process adds them to its own
    # progress as it goes, so a progress bar covers both halves while they are parsed. Each half
    # is capped at its share of the file (the halves' added feed tags are not the file's bytes).
    tail_read = multiprocessing.get_context("fork").Value("q", 0, lock=False)
    tail_bytes = document.size - head.size
    forwarded = head_done = 0

    def forward_tail() -> None:
        nonlocal forwarded
        now = min(tail_read.value, tail_bytes)
        if options.progress and now > forwarded:
            options.progress(now - forwarded)
            forwarded = now

    def head_progress(amount: int) -> None:
        nonlocal head_done
        amount = min(amount, head.size - head_done)
        head_done += amount
        if options.progress and amount:
            options.progress(amount)
        forward_tail()

    def count_tail(amount: int) -> None:
        tail_read.value += amount

    reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
    _TAIL = (scan, tail, attrs.evolve(options, progress=count_tail if options.progress else None), writer)
    tail_posts: list[Post] = []
    tail_comments: list[Comment] = []
    try:
        with parallel.fork_pool(1) as pool:
            writer.close()  # the worker holds the only writer: if it dies, the reader sees the end
            receiver = _Receiver(reader, tail_posts, tail_comments)
            receiver.start()
            pending = pool.apply_async(_scan_tail)
            try:
                result = scan(head, attrs.evolve(options, progress=head_progress if options.progress else None), None)
            except BlogportError:
                return None
            while receiver.is_alive():
                receiver.join(_PROGRESS_POLL_SECONDS)
                forward_tail()
            wired = pending.get() if receiver.complete else None
    finally:
        _TAIL = None
        reader.close()
    if wired is None:
        return None
    warnings, settings, unknown, latest = wired
    if any("not well-formed" in w for w in [*result.parts.warnings, *warnings]):
        return None
    rest = tail_bytes - forwarded + head.size - head_done
    if options.progress and rest:
        options.progress(rest)
    result.parts.posts.extend(tail_posts)
    result.parts.comments.extend(tail_comments)
    result.parts.warnings.extend(warnings)
    for key, value in settings.items():
        result.settings.setdefault(key, value)
    result.unknown_kinds.update(unknown)
    if latest is not None and (result.latest is None or latest > result.latest):
        result.latest = latest
    return result


class _Receiver(threading.Thread):
    """In this process: turns the worker's chunks into records, in the order sent, while the head is parsed."""

    def __init__(self, reader: Any, posts: list[Post], comments: list[Comment]) -> None:
        super().__init__(name="blogport-tail-records", daemon=True)
        self.reader, self.posts, self.comments = reader, posts, comments
        self.complete = False  # the worker's end message arrived

    def run(self) -> None:
        try:
            while (message := self.reader.recv_bytes()) != _END:
                posts, comments = pickle.loads(message)
                with attrs.validators.disabled():
                    self.posts.extend(Post.from_fields(fields) for fields in posts)
                    self.comments.extend(Comment.from_fields(fields) for fields in comments)
        except (EOFError, OSError):  # the worker died: the caller reads in one pass
            return
        self.complete = True


def _scan_tail() -> Wire | None:
    # In the worker: records go back as plain tuples, which pickle several times faster than
    # attrs instances, a chunk at a time.
    assert _TAIL is not None
    scan, document, options, writer = _TAIL

    def drain(parts: BlogParts) -> None:
        posts = [attrs.astuple(post, recurse=False) for post in parts.posts]
        comments = [attrs.astuple(comment, recurse=False) for comment in parts.comments]
        writer.send_bytes(pickle.dumps((posts, comments), pickle.HIGHEST_PROTOCOL))
        parts.posts.clear()
        parts.comments.clear()

    try:
        result = scan(document, options, drain)
        drain(result.parts)
    except BlogportError:
        return None
    finally:
        writer.send_bytes(_END)
    return result.parts.warnings, result.settings, result.unknown_kinds, result.latest
