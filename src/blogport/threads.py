"""Comment threading: the one place that turns flat comments into reply trees.

Every reader hands its posts and a flat list of comments (each naming its post and,
for a reply, its parent comment) to :func:`assemble`. The rules live here only:

* trees are rebuilt from (id, parent id) whatever the input order;
* children are sorted by time (UTC), then id, so any permutation gives the same tree;
* a reply whose parent is missing (or on another post) goes to the top level of its post
  and keeps the ``parent_id`` it named;
* a comment whose post is missing goes to ``orphan_comments``, with a warning;
* cycles and self-parents are cut deterministically; nothing is ever dropped;
* depth is unbounded: nothing here recurses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

import attrs

from . import progress
from .model import Archive, Author, Blog, Comment, Post
from .report import agree, counted, describe_post

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


def _order_key(comment: Comment) -> tuple[bool, datetime, int, str]:
    # Undated comments sort last; ids compare numerically when they are numbers (ASCII digits,
    # short enough for int(): Python refuses 4,300+ digits, and "²".isdigit() is true).
    moment = comment.published
    cid = comment.id
    numeric = int(cid) if cid.isascii() and cid.isdigit() and len(cid) < 100 else -1
    return (moment is None, moment if moment is not None else _EPOCH, numeric, comment.id)


def build_forest(comments: Iterable[Comment]) -> tuple[tuple[Comment, ...], list[str]]:
    """Thread ``comments`` (flat, ``replies`` ignored) into trees.

    Returns the top-level comments, each with its nested ``replies``, and the warnings
    raised (broken cycles). A repeated id keeps its first occurrence.
    """
    by_id: dict[str, Comment] = {}
    for comment in comments:
        by_id.setdefault(comment.id, comment)
    warnings: list[str] = []

    parent_of: dict[str, str | None] = {}
    for cid, comment in by_id.items():
        parent = comment.parent_id
        parent_of[cid] = parent if parent is not None and parent != cid and parent in by_id else None

    children, order = _depth_first(by_id, parent_of)
    if len(order) < len(by_id):
        # Some comments are not reachable from a top-level one: they sit on cycles (or hang
        # below one). Open each cycle at its earliest member, so the result does not depend
        # on the input order, then walk again.
        _cut_cycles(by_id, parent_of, warnings)
        children, order = _depth_first(by_id, parent_of)

    built: dict[str, Comment] = {}
    for cid in reversed(order):
        comment = by_id[cid]
        kids = children.get(cid)
        if kids:
            comment = comment.with_replies(tuple(built.pop(k) for k in kids))
        elif comment.replies:
            comment = comment.with_replies(())
        built[cid] = comment
    return tuple(built[cid] for cid in children.get(None, [])), warnings


def _depth_first(
    by_id: dict[str, Comment], parent_of: dict[str, str | None]
) -> tuple[dict[str | None, list[str]], list[str]]:
    children: dict[str | None, list[str]] = {}
    for cid in by_id:
        children.setdefault(parent_of[cid], []).append(cid)
    for siblings in children.values():
        if len(siblings) > 1:
            siblings.sort(key=lambda cid: _order_key(by_id[cid]))
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        cid = stack.pop()
        order.append(cid)
        kids = children.get(cid)
        if kids:
            stack.extend(reversed(kids))
    return children, order


def _cut_cycles(by_id: dict[str, Comment], parent_of: dict[str, str | None], warnings: list[str]) -> None:
    done: set[str] = set()
    for start in by_id:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_path:
                cycle = path[path.index(node) :]
                first = min(cycle, key=lambda cid: _order_key(by_id[cid]))
                parent_of[first] = None
                warnings.append(
                    f"comments {', '.join(sorted(cycle))} name each other as parents (a cycle); "
                    f"comment {first} was put at the top level"
                )
                break
            path.append(node)
            on_path.add(node)
            node = parent_of[node]
        done.update(path)


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    return f"{host}{parts.path}" if host else parts.path


def assemble(
    blog: Blog,
    posts: Sequence[Post],
    comments: Iterable[Comment],
    warnings: Iterable[str] = (),
) -> Archive:
    """Attach ``comments`` (flat) to ``posts`` as reply trees and return the :class:`Archive`.

    A comment without a known ``post_id`` is matched to a post by its permalink (``url``
    minus query and fragment). Comment authors whose profile URI is a post author's are
    marked ``is_blog_author``. Posts keep their input order; a repeated post id keeps
    its first occurrence.
    """
    with attrs.validators.disabled():  # recombining valid objects: nothing new to validate
        return _assemble(blog, posts, comments, list(warnings))


def _assemble(blog: Blog, posts: Sequence[Post], comments: Iterable[Comment], notes: list[str]) -> Archive:
    unique_posts: dict[str, Post] = {}
    for post in posts:
        if post.id in unique_posts:
            notes.append(f"{describe_post(post)} appears more than once; the first copy was kept")
            continue
        unique_posts[post.id] = post

    by_url: dict[str, str] = {}
    owner_uris: set[str] = set()
    for post in unique_posts.values():
        key = _url_key(post.url)
        if key:
            by_url.setdefault(key, post.id)
        if post.author is not None and post.author.uri:
            owner_uris.add(post.author.uri)

    grouped: dict[str, list[Comment]] = {pid: [] for pid in unique_posts}
    marked: dict[Author, Author] = {}
    orphans: list[Comment] = []
    seen: set[str] = set()
    duplicates = 0
    for comment in comments:
        if comment.id in seen:
            duplicates += 1
            continue
        seen.add(comment.id)
        post_id = comment.post_id
        if post_id not in grouped:
            matched = by_url.get(_url_key(comment.url) or "")
            if matched is not None:
                post_id = matched
                comment = attrs.evolve(comment, post_id=matched)
        author = comment.author
        if author is not None and not author.is_blog_author and author.uri in owner_uris:
            owner = marked.get(author)
            if owner is None:
                owner = marked[author] = attrs.evolve(author, is_blog_author=True)
            comment = comment.with_author(owner)
        if post_id is not None and post_id in grouped:
            grouped[post_id].append(comment)
        else:
            orphans.append(comment)
    if duplicates:
        notes.append(
            f"{counted(duplicates, 'comment')} appeared more than once; the first copy of "
            f"{agree(duplicates, 'it', 'each')} was kept"
        )

    threaded: list[Post] = []
    missing_parents = 0
    with progress.phase("threading", len(unique_posts), "post") as advance:
        for pid, post in unique_posts.items():
            advance(1)
            flat = grouped[pid]
            if not flat:
                threaded.append(post if not post.comments else attrs.evolve(post, comments=()))
                continue
            forest, cycle_notes = build_forest(flat)
            notes.extend(f"{describe_post(post)}: {note}" for note in cycle_notes)
            missing_parents += sum(
                1 for top in forest if top.parent_id is not None and top.parent_id not in {c.id for c in flat}
            )
            threaded.append(attrs.evolve(post, comments=forest))

    orphan_forest: tuple[Comment, ...] = ()
    if orphans:
        orphan_forest, cycle_notes = build_forest(orphans)
        notes.extend(f"orphan comments: {note}" for note in cycle_notes)
        missing_posts = sorted({c.post_id or "?" for c in orphans})
        shown = ", ".join(missing_posts[:10]) + (" …" if len(missing_posts) > 10 else "")
        notes.append(
            f"{counted(len(orphans), 'comment')} {agree(len(orphans), 'belongs', 'belong')} to "
            f"{counted(len(missing_posts), 'post')} not in the input ({shown}); "
            f"{agree(len(orphans), 'it is', 'they are')} kept in orphan_comments"
        )
    if missing_parents:
        one = missing_parents == 1
        notes.append(
            f"{counted(missing_parents, 'reply')} {agree(missing_parents, 'names', 'name')} a parent comment that "
            f"is not on {'its' if one else 'their'} post in the input; {'it is' if one else 'they are'} kept at "
            f"the top level of {'its' if one else 'their'} post with the parent id {'it' if one else 'they'} named"
        )
    return Archive(blog=blog, posts=tuple(threaded), orphan_comments=orphan_forest, warnings=tuple(notes))


def mark_owner(author: Author | None) -> Author | None:
    """Return ``author`` flagged as the blog's own author (used for post authors)."""
    if author is None or author.is_blog_author:
        return author
    return attrs.evolve(author, is_blog_author=True)


# Writers nest replies this many levels at most: deeper, a thread is shown flat from there on (Markdown)
# or written as a flat list (data files), with the parent named. Go's encoding/json (Hugo) stops at
# 10,000 levels and nested quotes grow the file with the square of the depth.
DEEPEST_NESTED = 32


def in_reading_order(comments: Sequence[Comment]) -> Iterator[tuple[Comment, int]]:
    """Every comment of the threads ``comments`` with its depth (0: top level), each before its
    replies, as a thread is read; without recursion."""
    stack = [(comment, 0) for comment in reversed(comments)]
    while stack:
        comment, depth = stack.pop()
        yield comment, depth
        stack.extend((reply, depth + 1) for reply in reversed(comment.replies))


def thread_steps(comments: Sequence[Comment]) -> Iterator[tuple[Comment, int, bool]]:
    """The walk of nested output through the threads ``comments``: ``(comment, depth, True)`` on
    reaching a comment, in reading order, and ``(comment, depth, False)`` once its replies are done."""
    stack = [(comment, 0, True) for comment in reversed(comments)]
    while stack:
        step = stack.pop()
        yield step
        comment, depth, reaching = step
        if reaching:
            stack.append((comment, depth, False))
            stack.extend((reply, depth + 1, True) for reply in reversed(comment.replies))


def thread_depth(comments: Iterable[Comment]) -> int:
    """The deepest reply level under ``comments`` (0: no replies), without recursion."""
    deepest = 0
    stack = [(comment, 0) for comment in comments]
    while stack:
        comment, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((reply, depth + 1) for reply in comment.replies)
    return deepest
