"""Rescue mode (``--salvage``) for damaged exports: keep every complete entry before the damage.

Rules: off by default (a damaged export is an input error, exit 3). With
``ReadOptions.salvage`` the XML readers parse strictly, stop at the first real XML error (a
namespace slip is not one) or at the first unreadable byte of a zip member, keep every entry
that was complete before it, and say where the document broke (line, column and byte), how
many bytes from the end of the last complete entry on could not be read, and which posts'
comment lists may be incomplete. Threads are rebuilt from what survived by the usual
threading (a reply whose parent was lost stays at the top level with its parent's id).
Locating the break reads the bytes again (no second parse) and only for a damaged document.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from collections.abc import Sequence

import attrs

from .model import Comment, Post
from .report import counted, describe_post
from .sources import Document

_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?entry\s*>")
_CHUNK = 1 << 20


def add_salvage_option(parser: argparse.ArgumentParser) -> None:
    """The ``--salvage`` flag (``convert`` and ``info``)."""
    parser.add_argument(
        "--salvage",
        action="store_true",
        help="rescue a truncated or damaged export: read every complete entry before the damage, "
        "and say where it broke and what may be missing (default: refuse it, exit 3)",
    )


@attrs.define
class Damage:
    """Where a document broke: what the parser said, and the byte positions around it."""

    reason: str
    line: int | None = None
    column: int | None = None
    byte: int | None = None  # where the parser (or the stream) stopped
    last_entry_end: int = 0  # just after the last complete entry; everything from here was lost
    size: int | None = None  # the document's size, when known (not for a cut-off zip member)


@attrs.define
class SalvageLog:
    """What a salvaging read met: the damage, if any (``None``: the document was whole)."""

    damage: Damage | None = None


def locate(document: Document, damage: Damage) -> None:
    """Fill in ``damage.byte`` (from its line and column) and ``damage.last_entry_end``, reading the bytes once."""
    offset = 0
    line = 1
    line_start = 0
    last_end = 0
    tail = b""
    stop = damage.byte
    with contextlib.suppress(Exception), contextlib.closing(document.open()) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            if stop is None and damage.line is not None:
                newlines = chunk.count(b"\n")
                if line + newlines >= damage.line:
                    # The break's line starts in this chunk: find it exactly.
                    position = -1
                    while line < damage.line:
                        position = chunk.index(b"\n", position + 1)
                        line += 1
                        line_start = offset + position + 1
                    stop = line_start + max((damage.column or 1) - 1, 0)
                else:
                    line += newlines
            window = tail + chunk
            limit = None if stop is None else stop - (offset - len(tail))
            for match in _ENTRY_END.finditer(window, 0, len(window) if limit is None else max(limit, 0)):
                last_end = offset - len(tail) + match.end()
            offset += len(chunk)
            tail = window[-64:]
            if stop is not None and offset >= stop:
                break
    damage.byte = stop if stop is not None else offset
    damage.last_entry_end = min(last_end, damage.byte)
    damage.size = document.size if document.size >= damage.byte else None


def damage_warnings(name: str, damage: Damage, posts: Sequence[Post], comments: Sequence[Comment]) -> list[str]:
    """The salvage warnings for one document: where it broke, what was lost, which threads may be incomplete."""
    where = f"line {damage.line}, column {damage.column}, " if damage.line else ""
    lost = (
        f"the {counted(damage.size - damage.last_entry_end, 'byte')}"
        if damage.size is not None
        else "the rest of the document (its size is unknown)"
    )
    notes = [
        f"{name}: salvaged: the document breaks at {where}byte {damage.byte} ({damage.reason}); "
        f"{counted(len(posts), 'post or page', 'posts and pages')} and {counted(len(comments), 'comment')} complete "
        "before it were read; "
        f"{lost} from the end of the last complete entry (byte {damage.last_entry_end}) could not be read"
    ]
    if posts:
        # Blogger writes every post before the comments, which follow in time order rather than by
        # post: whatever was lost may have held comments of any post.
        shown = ", ".join(describe_post(post) for post in posts[:10])
        more = f" and {len(posts) - 10} more" if len(posts) > 10 else ""
        notes.append(
            f"{name}: salvaged: the comment lists of {'the' if len(posts) == 1 else 'all'} "
            f"{counted(len(posts), 'post')} may be incomplete, since the lost part "
            f"may have held comments of any of them: {shown}{more}"
        )
    return notes
