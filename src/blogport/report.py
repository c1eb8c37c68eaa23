"""What an archive holds, counted: the figures ``blogport info`` prints."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Archive, Post

# Nouns whose plural is not the noun + "s", as blogport's messages use them.
_PLURALS = {"reply": "replies", "entry": "entries", "copy": "copies", "body": "bodies"}

# The figures of :func:`summarize` as people read them, in the order `info` and the HTML site's about page list them.
FIGURE_LABELS = (
    ("posts", "posts"),
    ("pages", "pages"),
    ("published", "published"),
    ("drafts", "drafts"),
    ("scheduled", "scheduled"),
    ("trashed", "trashed"),
    ("comments", "comments"),
    ("replies", "replies"),
    ("deleted_comments", "deleted comments"),
    ("orphan_comments", "orphan comments"),
    ("max_thread_depth", "deepest reply"),
    ("labels", "labels"),
    ("authors", "authors"),
)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, pluralised as English says it: ``1 page``, ``2 pages``, ``0 replies``.

    ``noun`` may be several words; the last one agrees (``1 orphan comment``, ``3 orphan comments``);
    ``plural`` gives the plural where that rule does not (``post or page`` → ``posts and pages``).
    """
    if number == 1:
        return f"{number} {noun}"
    if plural is None:
        head, _, last = noun.rpartition(" ")
        plural = f"{head} {_PLURALS.get(last, last + 's')}" if head else _PLURALS.get(last, last + "s")
    return f"{number} {plural}"


def agree(number: int, singular: str, plural: str) -> str:
    """The verb form that agrees with ``number`` (``agree(1, "is", "are")`` → ``is``)."""
    return singular if number == 1 else plural


def describe(kind: str, id: str | None, title: str, url: str | None) -> str:
    """A post as a reader knows it: its kind, title and URL, with the id when either is missing.

    ``post "Quelques rappels" (http://b.blogspot.com/2013/02/quelques-rappels.html)``;
    ``page 123 (untitled, no URL)``.
    """
    shown_title = f'"{title}"' if title else ""
    if shown_title and url:
        return f"{kind} {shown_title} ({url})"
    shown = " ".join(part for part in (shown_title, url or "") if part) or "untitled, no URL"
    return f"{kind} {id or '?'} ({shown})"


def describe_post(post: Post) -> str:
    """:func:`describe` for a model post."""
    return describe(post.kind, post.id, post.title, post.url)


def summarize(archive: Archive) -> dict[str, Any]:
    """Counts of everything in ``archive``, in a fixed key order (also ``info --json``)."""
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    labels: set[str] = set()
    authors: set[tuple[str | None, str | None]] = set()
    comments = replies = deleted = max_depth = 0
    for post in archive.posts:
        kinds[post.kind] += 1
        statuses[f"{post.kind}:{post.status}"] += 1
        labels.update(post.labels)
        if post.author is not None:
            authors.add((post.author.name, post.author.uri))
    for top in (*[c for p in archive.posts for c in p.comments], *archive.orphan_comments):
        stack = [(top, 0)]
        while stack:
            comment, depth = stack.pop()
            comments += 1
            replies += comment.parent_id is not None
            deleted += comment.status == "deleted"
            max_depth = max(max_depth, depth)
            if comment.author is not None:
                authors.add((comment.author.name, comment.author.uri))
            stack.extend((reply, depth + 1) for reply in comment.replies)
    orphans = sum(1 for top in archive.orphan_comments for _ in top.walk())
    return {
        "blog": archive.blog.title,
        "blog_id": archive.blog.id,
        "url": archive.blog.url,
        "format": archive.blog.source.format if archive.blog.source else None,
        "posts": kinds["post"],
        "pages": kinds["page"],
        "published": statuses["post:published"] + statuses["page:published"],
        "drafts": statuses["post:draft"] + statuses["page:draft"],
        "draft_posts": statuses["post:draft"],
        "draft_pages": statuses["page:draft"],
        "scheduled": statuses["post:scheduled"] + statuses["page:scheduled"],
        "trashed": statuses["post:trashed"] + statuses["page:trashed"],
        "comments": comments,
        "replies": replies,
        "deleted_comments": deleted,
        "orphan_comments": orphans,
        "max_thread_depth": max_depth,
        "labels": len(labels),
        "authors": len(authors),
        "warnings": list(archive.warnings),
    }
