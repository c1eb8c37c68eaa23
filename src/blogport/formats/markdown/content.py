"""The text of one Markdown file: front matter per flavor, the body, and the comment thread.

A thread is written nested: replies quoted one level deeper than their parent, each comment
with Blogger's ``c<id>`` anchor, the blog author's comments marked as Blogger marked them
(``blog-author``), hard line breaks kept. ``--comments data`` gets the thread flat, in thread
order, each comment with its ``depth``, so a layout shows it without recursion. Commenters' markup
goes through :func:`blogport.safety.sanitise_comment` wherever it is written. Static-site
templating never runs on a post's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import yaml

from ...model import Comment, Post, format_timestamp
from ...safety import safe_url, sanitise_comment
from ...threads import DEEPEST_NESTED, in_reading_order, thread_steps
from .flavor import Flavor
from .frontmatter import fast_yaml
from .plan import Entry, is_draft, old_path

_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def short_time(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")[:16] if moment else ""


_escaped_name = functools.lru_cache(maxsize=4096)(escape_text)  # commenters come back, thread after thread


def _comment_head(comment: Comment) -> str:
    author = comment.author
    who = _escaped_name(author.name) if author and author.name else "?"
    if author and author.uri and author.uri.startswith(("http://", "https://")):
        who = f"[{who}](<{author.uri.replace('>', '%3E')}>)"
    when = short_time(comment.published)
    mark = BLOG_AUTHOR_MARK if author and author.is_blog_author else ""
    return f'<a id="c{comment.id}"></a>**{who}**{mark}' + (f" · {when}" if when else "")


# Blogger gives the blog author's comments the class "blog-author" and a small pen icon.
BLOG_AUTHOR_MARK = ' <span class="blog-author" title="blog author">✎</span>'


def comments_markdown(post: Post, texts: dict[str, str], heading: str) -> str:
    """The thread as Markdown: replies quoted one level deeper than their parent, in thread order."""
    if not post.comments:
        return ""
    blocks = [f"## {heading}\n"]
    for comment, depth in in_reading_order(post.comments):
        text = texts.get(comment.id, "").rstrip("\n")
        if comment.status == "deleted":
            text = f"*{text.strip()}*" if text.strip() else "*(deleted)*"
        head = _comment_head(comment)
        if depth > DEEPEST_NESTED:  # shown flat from there on, its parent named
            head += f" · ↪ [c{comment.parent_id}](#c{comment.parent_id})"
        lines = [head, "", *(text.split("\n") if text else [])]
        prefix = "> " * min(depth, DEEPEST_NESTED)
        # Only blank lines lose their trailing space: "  " at a line's end is a hard line break.
        blocks.append("\n".join(prefix + line if line.strip() else prefix.rstrip() for line in lines) + "\n")
    return "\n".join(blocks)


def comments_html(post: Post, heading: str, rewritten: dict[str, str] | None = None) -> str:
    """The thread as nested HTML (for ``--keep-html`` files); ``rewritten`` bodies by id replace the originals."""
    if not post.comments:
        return ""
    from xml.sax.saxutils import escape, quoteattr

    out = [f'<section class="comments">\n<h2>{escape(heading)}</h2>\n']
    for item, depth, reaching in thread_steps(post.comments):
        if not reaching:
            if depth < DEEPEST_NESTED:
                out.append("</div>\n")
            continue
        author = item.author
        who = escape(author.name) if author and author.name else "?"
        link = safe_url(author.uri) if author else None
        if link:
            who = f'<a href={quoteattr(link)} rel="nofollow">{who}</a>'
        status = " deleted" if item.status == "deleted" else ""
        status += " blog-author" if author and author.is_blog_author else ""
        mark = BLOG_AUTHOR_MARK if author and author.is_blog_author else ""
        out.append(
            f'<div class="comment{status}" id="c{escape(item.id)}">\n<p class="comment-meta"><strong>{who}</strong>'
            f"{mark} · {escape(short_time(item.published))}</p>\n"
            f"{sanitise_comment((rewritten or {}).get(item.id, item.content))}\n"
        )
        if depth >= DEEPEST_NESTED:  # deeper replies are siblings from here on (nested markup grows with the depth)
            out.append("</div>\n")
    out.append("</section>\n")
    return "".join(out)


def thread_data(post: Post) -> list[dict[str, Any]]:
    """The thread as flat data in thread order (``--comments data``): each comment as the archive
    writes it, without ``replies``, with its ``depth`` (0 for a top-level comment) and its markup sanitised.
    """
    import json

    from .. import json_archive

    flat: list[dict[str, Any]] = []
    for comment, depth in in_reading_order(post.comments):
        data = json.loads(json_archive.comment_json(comment.with_replies(())))
        del data["replies"]
        data["content"] = sanitise_comment(comment.content)
        if data["author"] is not None:
            data["author"]["uri"] = safe_url(data["author"]["uri"])
        data["depth"] = depth
        flat.append(data)
    return flat


# Static-site templating must not run on a post's text: Hugo would execute "{{< x >}}"
# shortcodes and Jekyll's Liquid any "{{ }}" or "{% %}".


def guard_hugo_shortcodes(text: str) -> str:
    """``text`` with every Hugo shortcode call commented out (Hugo then prints it as written)."""
    if "{{" not in text:
        return text
    return _SHORTCODE.sub(lambda m: "{{" + m.group(1) + "/*" + m.group(2) + "*/" + m.group(3) + "}}", text)


def guard_liquid(text: str) -> str:
    """``text`` inside a Liquid ``raw`` block when it holds anything Liquid would run."""
    if "{{" not in text and "{%" not in text:
        return text
    safe = text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}")
    return "{% raw %}\n" + safe + "\n{% endraw %}\n"


# libyaml's emitter when PyYAML has it (its wheels do): the pure-Python one is ~10x slower.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)


def _author(entry: Entry) -> str | None:
    author = entry.post.author
    return author.name if author and author.name else None


Values = Callable[[Entry, "list[Any] | None"], Any]

# The values a flavor's front matter is made of (see flavors.toml); ``None`` leaves a key out.
FRONT_MATTER_VALUES: dict[str, Values] = {
    "title": lambda e, _: e.post.title,
    # Pelican skips an article without a title: an untitled post gets its slug as title.
    "title_or_slug": lambda e, _: " ".join(e.post.title.split()) or e.slug,
    "published": lambda e, _: format_timestamp(e.post.published),
    "updated": lambda e, _: format_timestamp(e.post.updated),
    "is_draft": lambda e, _: is_draft(e.post),
    "draft_status": lambda e, _: "draft" if is_draft(e.post) else None,
    "labels": lambda e, _: list(e.post.labels),
    "labels_joined": lambda e, _: ", ".join(label.replace(",", " ") for label in e.post.labels) or None,
    "author": lambda e, _: _author(e),
    "author_joined": lambda e, _: (_author(e) or "").replace(",", " ") or None,
    "old_path": lambda e, _: old_path(e.post),
    "old_path_list": lambda e, _: [path] if (path := old_path(e.post)) else [],
    "old_path_relative": lambda e, _: path.lstrip("/") if (path := old_path(e.post)) else None,
    "layout": lambda e, _: "page" if e.post.kind == "page" else "post",
    "unpublished_page": lambda e, _: False if e.post.kind == "page" and is_draft(e.post) else None,
    "kind": lambda e, _: e.post.kind,
    "status": lambda e, _: e.post.status,
    "slug": lambda e, _: e.slug,
    "new_url": lambda e, _: e.new_url,
    "blogger_url": lambda e, _: e.post.url,
    "blogger_id": lambda e, _: e.post.id,
    "description": lambda e, _: e.post.description or None,
    "thumbnail": lambda e, _: e.post.thumbnail or None,
    "comments": lambda _, comments: comments,
}


def front_matter(entry: Entry, flavor: Flavor, comments_data: list[Any] | None) -> str:
    """The file's header: the flavor's keys, in its order, as YAML or as Pelican's metadata lines."""
    values = [(key, FRONT_MATTER_VALUES[value](entry, comments_data)) for key, value in flavor.front_matter]
    present = [(key, value) for key, value in values if value is not None]
    if flavor.header == "pelican":
        return "\n".join(f"{key}: {value}" for key, value in present) + "\n\n"
    data = dict(present)
    return "---\n" + (fast_yaml(data) or to_yaml(data)) + "---\n\n"


def pelican_html(entry: Entry, body: str) -> str:
    from xml.sax.saxutils import quoteattr

    post = entry.post
    # The title as metadata, not <title>: Pelican keeps <title>'s character references as written,
    # and the theme's autoescape would show them ("&amp;"); an attribute value is read unescaped.
    metas = {
        "title": post.title or entry.slug,  # Pelican skips an article without a title
        "date": format_timestamp(post.published),
        "modified": format_timestamp(post.updated),
        "tags": ", ".join(post.labels),
        "slug": entry.slug,
        "authors": post.author.name if post.author and post.author.name else None,
        "status": "draft" if is_draft(post) else None,
        "blogger_id": post.id,
    }
    old = old_path(post)
    if old:
        metas["save_as"] = old.lstrip("/")
        metas["url"] = old.lstrip("/")
    head = "".join(f"<meta name={quoteattr(k)} content={quoteattr(v)} />\n" for k, v in metas.items() if v)
    return f"<html>\n<head>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"
