"""Comment threads as nested HTML lists, built with a stack (threads can be 10,000 replies deep).

Rules:

* ``<ol class="comments">`` of ``<li id="c<id>" class="comment h-cite">``, each holding an
  ``<article>`` (author, time with its permalink ``#c<id>``, body) and, when it has replies, a
  nested ``<ol>`` of them in the model's order (children in time order);
* the blog author's comments carry the class ``blog-author``; deleted comments stay as
  tombstones (class ``deleted``) and keep their replies;
* nesting stops at :data:`MAX_NESTING` levels: browsers' HTML parsers flatten deeper trees
  (Chromium at 512 elements), so the replies below that level are listed flat inside their
  ancestor, in thread order, folded in a ``<details>``, each naming the comment it answers;
* nothing here recurses; every comment appears exactly once;
* the fixed words ("Anonymous", "(blog author)", the tombstone text, the fold's summary) come
  from the blog's :class:`~.words.Words` and are escaped here, since this HTML is built by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from attrs import frozen
from markupsafe import Markup, escape

from ...model import Comment, format_timestamp
from .words import Words

MAX_NESTING = 60


@frozen
class _Texts:
    # The thread words of one language, escaped once per thread rather than once per comment.
    words: Words
    anonymous: Markup
    mark: str
    removed: Markup

    @classmethod
    def of(cls, words: Words) -> _Texts:
        mark = f' <span class="mark">{escape(words.blog_author)}</span>'
        return cls(words, escape(words.anonymous), mark, escape(words.comment_removed))


def when(moment: datetime | None) -> str:
    """A timestamp as shown to readers: date and minutes, in the source's own offset."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def _author(comment: Comment, texts: _Texts) -> str:
    author = comment.author
    name = escape(author.name) if author and author.name else texts.anonymous
    if author and author.uri and author.uri.startswith(("http://", "https://")):
        return f'<a class="p-author h-card u-url" href="{escape(author.uri)}" rel="nofollow">{name}</a>'
    return f'<span class="p-author h-card">{name}</span>'


def _article(comment: Comment, body: str, reply_to: str | None, texts: _Texts) -> str:
    cid = escape(comment.id)
    classes = "comment p-comment h-cite"
    if comment.author is not None and comment.author.is_blog_author:
        classes += " blog-author"
    if comment.status == "deleted":
        classes += " deleted"
        body = body if body.strip() else texts.removed
        content = f'<div class="e-content tombstone">{body}</div>'
    else:
        content = f'<div class="e-content">{body}</div>'
    stamp = format_timestamp(comment.published)
    time = f'<time class="dt-published" datetime="{stamp}">{when(comment.published)}</time>' if stamp else "#"
    mark = texts.mark if "blog-author" in classes else ""
    answer = (
        f' <span class="reply-to">↳ <a href="#c{escape(reply_to)}">c{escape(reply_to)}</a></span>' if reply_to else ""
    )
    return (
        f'<li id="c{cid}" class="{classes}">\n<article>\n<header>{_author(comment, texts)}{mark} · '
        f'<a class="u-url permalink" href="#c{cid}">{time}</a>{answer}</header>\n{content}\n</article>\n'
    )


def render(comments: Sequence[Comment], body: Callable[[Comment], str], words: Words) -> str:
    """The threads ``comments`` (top-level comments with their replies) as one nested ``<ol>``, in ``words``."""
    if not comments:
        return ""
    texts = _Texts.of(words)
    out = ['<ol class="comments">\n']
    stack: list[tuple[Comment, int] | str] = [(c, 0) for c in reversed(comments)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        comment, depth = item
        out.append(_article(comment, body(comment), None, texts))
        if not comment.replies:
            out.append("</li>\n")
        elif depth + 1 < MAX_NESTING:
            out.append("<ol>\n")
            stack.append("</ol>\n</li>\n")
            stack.extend((reply, depth + 1) for reply in reversed(comment.replies))
        else:
            out.append(_flat(comment, body, texts))
            out.append("</li>\n")
    out.append("</ol>\n")
    return "".join(out)


def _flat(ancestor: Comment, body: Callable[[Comment], str], texts: _Texts) -> str:
    # Every comment below ``ancestor``, in thread order, one level, each naming its parent.
    parts: list[str] = []
    stack = [(reply, ancestor.id) for reply in reversed(ancestor.replies)]
    while stack:
        comment, parent = stack.pop()
        parts.append(_article(comment, body(comment), parent, texts) + "</li>\n")
        stack.extend((reply, comment.id) for reply in reversed(comment.replies))
    summary = escape(texts.words.deeper_reply_count(len(parts)))
    return (
        f'<details class="deeper">\n<summary>{summary}</summary>\n'
        f'<ol class="flat">\n{"".join(parts)}</ol>\n</details>\n'
    )
