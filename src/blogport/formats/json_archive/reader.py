"""Blogport JSON archive text -> model, checking every value's type and naming the path of a bad one."""

from __future__ import annotations

import json
from typing import Any

from ... import deepjson
from ...errors import InputError
from ...model import Archive, Author, Blog, Comment, Location, Post, Provenance, parse_timestamp
from ...options import ReadOptions
from ...sources import Document
from .layout import FORMAT, VERSION


class _Bad(Exception):
    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def _get(data: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...], required: bool = False) -> Any:
    if key not in data:
        if required:
            raise _Bad(where, f"missing {key!r}")
        return None
    value = data[key]
    if value is None and not required:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(where, f"{key!r} has the wrong type ({type(value).__name__})")
    return value


def _time(data: dict[str, Any], key: str, where: str) -> Any:
    text = _get(data, key, where, str)
    if text is None:
        return None
    moment = parse_timestamp(text)
    if moment is None:
        raise _Bad(where, f"{key!r} is not an ISO 8601 timestamp: {text!r}")
    return moment


def author_from_dict(data: Any, where: str) -> Author | None:
    """An :class:`Author` from its JSON object."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _Bad(where, "an author must be an object")
    return Author(
        name=_get(data, "name", where, str),
        uri=_get(data, "uri", where, str),
        email=_get(data, "email", where, str),
        avatar=_get(data, "avatar", where, str),
        is_blog_author=bool(_get(data, "is_blog_author", where, bool)),
    )


def comment_from_dict(data: Any, where: str) -> Comment:
    """A :class:`Comment` tree from its JSON object (any depth: no recursion)."""
    # Breadth-first list of (object, parent index, index among its siblings); then built from the
    # end, so every reply exists before the comment that holds it.
    order: list[tuple[Any, int, int]] = [(data, -1, 0)]
    index = 0
    while index < len(order):
        item = order[index][0]
        if not isinstance(item, dict):
            raise _Bad(_place(order, index, where), "a comment must be an object")
        replies = item.get("replies")
        if replies is not None and not isinstance(replies, list):
            raise _Bad(_place(order, index, where), f"'replies' has the wrong type ({type(replies).__name__})")
        order.extend((reply, index, position) for position, reply in enumerate(replies or ()))
        index += 1
    built: list[list[Comment]] = [[] for _ in order]
    for index in range(len(order) - 1, -1, -1):
        item, parent, _position = order[index]
        try:
            comment = _comment(item, "", tuple(reversed(built[index])))
        except _Bad as exc:  # the path is spelt out only for the message: deep paths are long
            raise _Bad(_place(order, index, where) + exc.where, exc.message) from None
        built[index] = []
        if parent < 0:
            return comment
        built[parent].append(comment)
    raise AssertionError("unreachable: the root comment is built last")


def _place(order: list[tuple[Any, int, int]], index: int, where: str) -> str:
    # The JSON path of order[index], for messages (built only when needed: deep paths are long).
    steps: list[int] = []
    while index > 0:
        _item, parent, position = order[index]
        steps.append(position)
        index = parent
    path = [f".replies[{position}]" for position in reversed(steps)]
    if len(path) > 6:  # a message stays one readable line, however deep the thread
        path[3:-2] = [f"…({len(path) - 5} levels)…"]
    return where + "".join(path)


def _comment(data: dict[str, Any], where: str, replies: tuple[Comment, ...]) -> Comment:
    try:
        return Comment(
            id=_get(data, "id", where, str, required=True),
            post_id=_get(data, "post_id", where, str),
            parent_id=_get(data, "parent_id", where, str),
            author=author_from_dict(data.get("author"), where + ".author"),
            published=_time(data, "published", where),
            updated=_time(data, "updated", where),
            content=_get(data, "content", where, str) or "",
            status=_get(data, "status", where, str) or "published",
            url=_get(data, "url", where, str),
            replies=replies,
        )
    except (TypeError, ValueError) as exc:
        raise _Bad(where, str(exc)) from None


def post_from_dict(data: Any, where: str) -> Post:
    """A :class:`Post` (with its comment trees) from its JSON object."""
    if not isinstance(data, dict):
        raise _Bad(where, "a post must be an object")
    location = _get(data, "location", where, dict)
    labels = _get(data, "labels", where, list) or []
    if not all(isinstance(label, str) for label in labels):
        raise _Bad(where, "'labels' must be a list of strings")
    comments = _get(data, "comments", where, list) or []
    try:
        return Post(
            id=_get(data, "id", where, str, required=True),
            kind=_get(data, "kind", where, str) or "post",
            status=_get(data, "status", where, str) or "published",
            title=_get(data, "title", where, str) or "",
            url=_get(data, "url", where, str),
            published=_time(data, "published", where),
            updated=_time(data, "updated", where),
            author=author_from_dict(data.get("author"), where + ".author"),
            labels=tuple(labels),
            content=_get(data, "content", where, str) or "",
            description=_get(data, "description", where, str),
            thumbnail=_get(data, "thumbnail", where, str),
            location=None
            if location is None
            else Location(
                name=_get(location, "name", where, str),
                latitude=_get(location, "latitude", where, (int, float)),
                longitude=_get(location, "longitude", where, (int, float)),
                span=_get(location, "span", where, str),
            ),
            comments=tuple(comment_from_dict(c, f"{where}.comments[{i}]") for i, c in enumerate(comments)),
        )
    except (TypeError, ValueError) as exc:
        raise _Bad(where, str(exc)) from None


def blog_from_dict(data: Any) -> Blog:
    """A :class:`Blog` from its JSON object."""
    where = "blog"
    if not isinstance(data, dict):
        raise _Bad(where, "must be an object")
    source = _get(data, "source", where, dict)
    return Blog(
        id=_get(data, "id", where, str),
        title=_get(data, "title", where, str) or "",
        url=_get(data, "url", where, str),
        description=_get(data, "description", where, str),
        locale=_get(data, "locale", where, str),
        time_zone=_get(data, "time_zone", where, str),
        source=None
        if source is None
        else Provenance(
            format=_get(source, "format", "blog.source", str, required=True),
            files=_strings(source, "files", "blog.source"),
            exported=_time(source, "exported", "blog.source"),
        ),
    )


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    items = _get(data, key, where, list) or []
    if not all(isinstance(item, str) for item in items):
        raise _Bad(where, f"{key!r} must be a list of strings")
    return tuple(items)


def archive_from_dict(data: Any) -> Archive:
    """An :class:`Archive` from the parsed JSON document (raises ``ValueError`` with a path)."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _Bad("top level", f'not a blogport archive (no "format": "{FORMAT}")')
        version = data.get("version")
        if type(version) is not int or version != VERSION:  # true == 1 and 1.0 == 1 in Python
            raise _Bad("top level", f"archive version {version!r} is not supported (this blogport reads {VERSION})")
        posts = _get(data, "posts", "top level", list, required=True)
        orphans = _get(data, "orphan_comments", "top level", list) or []
        warnings = _strings(data, "warnings", "top level")
        return Archive(
            blog=blog_from_dict(data.get("blog")),
            posts=tuple(post_from_dict(p, f"posts[{i}]") for i, p in enumerate(posts)),
            orphan_comments=tuple(comment_from_dict(c, f"orphan_comments[{i}]") for i, c in enumerate(orphans)),
            warnings=warnings,
        )
    except _Bad as exc:
        raise ValueError(str(exc)) from None


def parse_json(text: str) -> Any:
    """JSON text as data: the C decoder, or the iterative one for documents nested deeper than it goes."""
    try:
        return json.loads(text)
    except RecursionError:
        return deepjson.loads(text)


def loads(text: str) -> Archive:
    """Read an archive from JSON text."""
    return archive_from_dict(parse_json(text))


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read each JSON archive document."""
    archives = []
    for document in documents:
        raw = document.read_bytes(options.progress)
        try:
            data = parse_json(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", document.name) from None
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", document.name, exc.lineno, exc.colno) from None
        except ValueError as exc:  # Python refuses integers of more than 4,300 digits
            raise InputError(f"not a readable JSON value: {exc}", document.name) from None
        try:
            archives.append(archive_from_dict(data))
        except ValueError as exc:
            raise InputError(f"invalid blogport archive: {exc}", document.name) from None
    return archives
