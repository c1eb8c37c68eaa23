"""The blogport JSON archive: a lossless, versioned, documented copy of the model.

Layout (schema: ``blogport/schema/archive-v1.schema.json``)::

    {"format": "blogport-archive", "version": 1,
     "blog": {...},
     "posts": [
      {...one post per line, comments nested under "comments" / "replies"...},
      ...
     ],
     "orphan_comments": [...],
     "warnings": [...]}

Every key is always written (``null`` when unknown), in a fixed order, so the same model
always gives the same bytes, and reading an archive back gives the identical model:
``blogport convert archive.json --to json`` reproduces its input byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from json.encoder import encode_basestring_ascii as _quote
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import (
    Archive,
    Author,
    Blog,
    Comment,
    Location,
    Post,
    Provenance,
    format_timestamp,
    parse_timestamp,
)
from ..options import ReadOptions, WriteOptions
from ..output import atomic_text_file
from ..sources import Document
from .contract import Output

name = "json"
title = "blogport JSON archive"
extensions = (".json",)
output: Output = "file"

FORMAT = "blogport-archive"
VERSION = 1

# The output is ASCII (non-ASCII as \\u escapes): the C escaper is ~4x faster on non-Latin
# text this way, and the file reads the same in any tool whatever it assumes the encoding is.
_header = json.JSONEncoder(ensure_ascii=True, separators=(", ", ": ")).encode


def detect(head: bytes) -> bool:
    """True for a blogport archive: a JSON object naming our format near its start."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and FORMAT.encode() in text[:200]


# --- model -> JSON -------------------------------------------------------------------------


def _s(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _t(value: datetime | None) -> str:
    return "null" if value is None else f'"{format_timestamp(value)}"'


def _f(value: float | None) -> str:
    return "null" if value is None else json.dumps(value)


def author_json(author: Author | None) -> str:
    """The JSON text of an author (``null`` when unknown)."""
    if author is None:
        return "null"
    return (
        f'{{"name":{_s(author.name)},"uri":{_s(author.uri)},"email":{_s(author.email)},'
        f'"avatar":{_s(author.avatar)},"is_blog_author":{"true" if author.is_blog_author else "false"}}}'
    )


def comment_json(comment: Comment, authors: dict[int, str] | None = None) -> str:
    """The JSON text of a comment, its replies nested."""
    # Built as text rather than dicts + json.dumps: this is the hot path of large conversions.
    authors = {} if authors is None else authors
    author = comment.author
    who = authors.get(id(author))
    if who is None:
        who = authors[id(author)] = author_json(author)
    replies = ",".join(comment_json(reply, authors) for reply in comment.replies)
    return (
        f'{{"id":{_quote(comment.id)},"post_id":{_s(comment.post_id)},"parent_id":{_s(comment.parent_id)},'
        f'"author":{who},"published":{_t(comment.published)},"updated":{_t(comment.updated)},'
        f'"status":{_quote(comment.status)},"url":{_s(comment.url)},"content":{_quote(comment.content)},'
        f'"replies":[{replies}]}}'
    )


def post_json(post: Post, authors: dict[int, str] | None = None) -> str:
    """The JSON text of a post or page, its comment trees nested."""
    authors = {} if authors is None else authors
    where = post.location
    location = (
        "null"
        if where is None
        else f'{{"name":{_s(where.name)},"latitude":{_f(where.latitude)},"longitude":{_f(where.longitude)},'
        f'"span":{_s(where.span)}}}'
    )
    labels = ",".join(_quote(label) for label in post.labels)
    comments = ",".join(comment_json(c, authors) for c in post.comments)
    return (
        f'{{"id":{_quote(post.id)},"kind":{_quote(post.kind)},"status":{_quote(post.status)},'
        f'"title":{_quote(post.title)},"url":{_s(post.url)},"published":{_t(post.published)},'
        f'"updated":{_t(post.updated)},"author":{author_json(post.author)},"labels":[{labels}],'
        f'"description":{_s(post.description)},"thumbnail":{_s(post.thumbnail)},"location":{location},'
        f'"content":{_quote(post.content)},"comments":[{comments}]}}'
    )


def comment_to_data(comment: Comment) -> Any:
    """A comment tree as plain JSON data (dicts and lists), as it appears in the archive."""
    with _deep_threads():
        return json.loads(comment_json(comment))


def dump_data(data: Any) -> str:
    """Readable UTF-8 JSON for data files that people and templates read (``--comments data``)."""
    with _deep_threads():
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def blog_to_dict(blog: Blog) -> dict[str, Any]:
    """The JSON object of the blog and its provenance."""
    source = blog.source
    return {
        "id": blog.id,
        "title": blog.title,
        "url": blog.url,
        "description": blog.description,
        "locale": blog.locale,
        "time_zone": blog.time_zone,
        "source": None
        if source is None
        else {
            "format": source.format,
            "files": list(source.files),
            "exported": format_timestamp(source.exported),
        },
    }


def iter_chunks(archive: Archive) -> Iterator[str]:
    """The archive's JSON text, in pieces (one per post), for streaming to a file."""
    authors: dict[int, str] = {}  # authors are shared objects: encode each once
    yield f'{{"format": "{FORMAT}", "version": {VERSION},\n'
    yield f' "blog": {_header(blog_to_dict(archive.blog))},\n'
    yield from _array("posts", archive.posts, lambda p: post_json(p, authors))
    yield ",\n"
    yield from _array("orphan_comments", archive.orphan_comments, lambda c: comment_json(c, authors))
    yield ",\n"
    yield from _array("warnings", archive.warnings, _quote)
    yield "}\n"


def _array(key: str, items: Sequence[Any], encode: Callable[[Any], str]) -> Iterator[str]:
    if not items:
        yield f' "{key}": []'
        return
    yield f' "{key}": [\n  '
    for index, item in enumerate(items):
        yield (",\n  " + encode(item)) if index else encode(item)
    yield "\n ]"


@contextlib.contextmanager
def _deep_threads() -> Iterator[None]:
    # Reply trees are nested JSON; the json module recurses once per level.
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, 20_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Write ``archive`` as JSON to a text stream; the archive carries everything, so no warnings."""
    with _deep_threads():
        for chunk in iter_chunks(archive):
            stream.write(chunk)
    return []


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write ``archive`` to ``path`` atomically (an existing file only with ``force``)."""
    with atomic_text_file(path, force=force) as stream:
        return [path], write(archive, stream, options)


def dumps(archive: Archive) -> str:
    """The archive as JSON text."""
    with _deep_threads():
        return "".join(iter_chunks(archive))


# --- JSON -> model -------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, where: str, message: str) -> None:
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
    """A :class:`Comment` tree from its JSON object."""
    if not isinstance(data, dict):
        raise _Bad(where, "a comment must be an object")
    replies = _get(data, "replies", where, list) or []
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
            replies=tuple(comment_from_dict(r, f"{where}.replies[{i}]") for i, r in enumerate(replies)),
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
            files=tuple(_get(source, "files", "blog.source", list) or ()),
            exported=_time(source, "exported", "blog.source"),
        ),
    )


def archive_from_dict(data: Any) -> Archive:
    """An :class:`Archive` from the parsed JSON document (raises ``ValueError`` with a path)."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _Bad("top level", f'not a blogport archive (no "format": "{FORMAT}")')
        version = data.get("version")
        if version != VERSION:
            raise _Bad("top level", f"archive version {version!r} is not supported (this blogport reads {VERSION})")
        posts = _get(data, "posts", "top level", list, required=True)
        orphans = _get(data, "orphan_comments", "top level", list) or []
        warnings = _get(data, "warnings", "top level", list) or []
        return Archive(
            blog=blog_from_dict(data.get("blog")),
            posts=tuple(post_from_dict(p, f"posts[{i}]") for i, p in enumerate(posts)),
            orphan_comments=tuple(comment_from_dict(c, f"orphan_comments[{i}]") for i, c in enumerate(orphans)),
            warnings=tuple(str(w) for w in warnings),
        )
    except _Bad as exc:
        raise ValueError(str(exc)) from None


def loads(text: str) -> Archive:
    """Read an archive from JSON text."""
    with _deep_threads():
        return archive_from_dict(json.loads(text))


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read each JSON archive document."""
    archives = []
    for document in documents:
        with contextlib.closing(document.open()) as handle:
            raw = handle.read()
        if options.progress:
            options.progress(len(raw))
        try:
            with _deep_threads():
                data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", document.name) from None
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", document.name, exc.lineno, exc.colno) from None
        except RecursionError:
            raise InputError("JSON nested too deeply to read", document.name) from None
        try:
            archives.append(archive_from_dict(data))
        except ValueError as exc:
            raise InputError(f"invalid blogport archive: {exc}", document.name) from None
    return archives
