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

The writer is in :mod:`.writer`, the reader in :mod:`.reader`; this module is the format's
entry point and keeps every name importable from ``blogport.formats.json_archive``.
"""

from __future__ import annotations

from ..contract import Output
from .layout import FORMAT, VERSION
from .reader import (
    archive_from_dict,
    author_from_dict,
    blog_from_dict,
    comment_from_dict,
    loads,
    parse_json,
    post_from_dict,
    read,
)
from .writer import (
    author_json,
    blog_to_dict,
    comment_json,
    comment_to_data,
    comments_to_data,
    dump_data,
    dumps,
    iter_chunks,
    post_json,
    write,
    write_to_path,
)

name = "json"
title = "blogport JSON archive"
extensions = (".json",)
output: Output = "file"

__all__ = [
    "FORMAT",
    "VERSION",
    "archive_from_dict",
    "author_from_dict",
    "author_json",
    "blog_from_dict",
    "blog_to_dict",
    "comment_from_dict",
    "comment_json",
    "comment_to_data",
    "comments_to_data",
    "detect",
    "dump_data",
    "dumps",
    "extensions",
    "iter_chunks",
    "loads",
    "name",
    "output",
    "parse_json",
    "post_from_dict",
    "post_json",
    "read",
    "title",
    "write",
    "write_to_path",
]


def detect(head: bytes) -> bool:
    """True for a blogport archive: a JSON object naming our format near its start."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and FORMAT.encode() in text[:200]
