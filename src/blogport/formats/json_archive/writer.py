"""Model -> blogport JSON archive text: deterministic, every key always written, in a fixed order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from json.encoder import encode_basestring_ascii as _quote
from pathlib import Path
from typing import IO, Any

from ...model import Archive, Author, Blog, Comment, Post, format_timestamp
from ...options import WriteOptions
from ...output import atomic_text_file
from ...threads import DEEPEST_NESTED, thread_depth, thread_steps
from .layout import FORMAT, VERSION

# The output is ASCII (non-ASCII as \\u escapes): the C escaper is ~4x faster on non-Latin
# text this way, and the file reads the same in any tool whatever it assumes the encoding is.
_header = json.JSONEncoder(ensure_ascii=True, separators=(", ", ": ")).encode


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


def _comment_open(comment: Comment, authors: dict[int, str]) -> str:
    """A comment's JSON text up to its ``"replies":[`` (the replies and ``]}`` follow)."""
    author = comment.author
    who = authors.get(id(author))
    if who is None:
        who = authors[id(author)] = author_json(author)
    return (
        f'{{"id":{_quote(comment.id)},"post_id":{_s(comment.post_id)},"parent_id":{_s(comment.parent_id)},'
        f'"author":{who},"published":{_t(comment.published)},"updated":{_t(comment.updated)},'
        f'"status":{_quote(comment.status)},"url":{_s(comment.url)},"content":{_quote(comment.content)},'
        f'"replies":['
    )


def comment_json(comment: Comment, authors: dict[int, str] | None = None) -> str:
    """The JSON text of a comment, its replies nested (any depth: no recursion)."""
    # Built as text rather than dicts + json.dumps: this is the hot path of large conversions.
    authors = {} if authors is None else authors
    if not comment.replies:
        return _comment_open(comment, authors) + "]}"
    out: list[str] = []
    after_a_reply = False
    for item, _depth, reaching in thread_steps((comment,)):
        if not reaching:
            out.append("]}")
        elif after_a_reply:  # a sibling follows a reply just closed
            out.append("," + _comment_open(item, authors))
        else:
            out.append(_comment_open(item, authors))
        after_a_reply = not reaching
    return "".join(out)


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
    authors: dict[int, str] = {}
    root: dict[str, Any] = json.loads(_comment_open(comment, authors) + "]}")
    stack = [(comment, root)]
    while stack:
        item, data = stack.pop()
        for reply in item.replies:
            child = json.loads(_comment_open(reply, authors) + "]}")
            data["replies"].append(child)
            stack.append((reply, child))
    return root


def comments_to_data(comments: Sequence[Comment]) -> list[Any]:
    """Comment trees as plain data for data files: nested as in the archive, or flat.

    A thread deeper than :data:`~blogport.threads.DEEPEST_NESTED` levels is written as every
    comment in thread order with empty ``replies`` (``parent_id`` gives the tree): data-file
    readers and people cannot follow deeper nesting.
    """
    if thread_depth(comments) <= DEEPEST_NESTED:
        return [comment_to_data(comment) for comment in comments]
    authors: dict[int, str] = {}
    return [json.loads(_comment_open(c, authors) + "]}") for top in comments for c in top.walk()]


def dump_data(data: Any) -> str:
    """Readable UTF-8 JSON for data files that people and templates read (``--comments data``)."""
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


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Write ``archive`` as JSON to a text stream; the archive carries everything, so no warnings."""
    for chunk in iter_chunks(archive):
        stream.write(chunk)
    return []


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write ``archive`` to ``path`` atomically (an existing file only with ``force``)."""
    with atomic_text_file(path, force=force) as stream:
        return [path], write(archive, stream, options)


def dumps(archive: Archive) -> str:
    """The archive as JSON text."""
    return "".join(iter_chunks(archive))
