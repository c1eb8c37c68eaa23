"""The text of one Markdown file: front matter per flavor, the body, and the comment thread.

A thread is written nested: replies quoted one level deeper than their parent, each comment
with Blogger's ``c<id>`` anchor. Static-site templating never runs on a post's text.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import yaml

from ...model import Archive, Comment, Post, format_timestamp
from .plan import Entry, is_draft, old_path

_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def short_time(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")[:16] if moment else ""


def _comment_head(comment: Comment) -> str:
    author = comment.author
    who = escape_text(author.name) if author and author.name else "?"
    if author and author.uri and re.match(r"https?://", author.uri):
        who = f"[{who}](<{author.uri.replace('>', '%3E')}>)"
    when = short_time(comment.published)
    return f'<a id="c{comment.id}"></a>**{who}**' + (f" · {when}" if when else "")


def comments_markdown(post: Post, texts: dict[str, str], heading: str) -> str:
    """The thread as Markdown: replies quoted one level deeper than their parent, in thread order."""
    if not post.comments:
        return ""
    blocks = [f"## {heading}\n"]
    stack: list[tuple[Comment, int]] = [(c, 0) for c in reversed(post.comments)]
    while stack:
        comment, depth = stack.pop()
        text = texts.get(comment.id, "").rstrip("\n")
        if comment.status == "deleted":
            text = f"*{text.strip()}*" if text.strip() else "*(deleted)*"
        lines = [_comment_head(comment), "", *(text.split("\n") if text else [])]
        prefix = "> " * depth
        blocks.append("\n".join((prefix + line).rstrip() for line in lines) + "\n")
        stack.extend((reply, depth + 1) for reply in reversed(comment.replies))
    return "\n".join(blocks)


def comments_html(post: Post, heading: str) -> str:
    """The thread as nested HTML (for ``--keep-html`` files)."""
    if not post.comments:
        return ""
    from xml.sax.saxutils import escape, quoteattr

    out = [f'<section class="comments">\n<h2>{escape(heading)}</h2>\n']
    stack: list[Comment | None] = []
    stack.extend(reversed(post.comments))
    while stack:
        item = stack.pop()
        if item is None:
            out.append("</div>\n")
            continue
        author = item.author
        who = escape(author.name) if author and author.name else "?"
        if author and author.uri:
            who = f'<a href={quoteattr(author.uri)} rel="nofollow">{who}</a>'
        status = " deleted" if item.status == "deleted" else ""
        out.append(
            f'<div class="comment{status}" id="c{escape(item.id)}">\n<p class="comment-meta"><strong>{who}</strong>'
            f" · {escape(short_time(item.published))}</p>\n{item.content}\n"
        )
        stack.append(None)
        stack.extend(reversed(item.replies))
    out.append("</section>\n")
    return "".join(out)


def protect(text: str, flavor: str) -> str:
    # Static-site templating must not run on a post's text: Hugo would execute "{{< x >}}"
    # shortcodes and Jekyll's Liquid any "{{ }}" or "{% %}".
    if flavor == "hugo" and "{{" in text:
        return _SHORTCODE.sub(lambda m: "{{" + m.group(1) + "/*" + m.group(2) + "*/" + m.group(3) + "}}", text)
    if flavor == "jekyll" and ("{{" in text or "{%" in text):
        safe = text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}")
        return "{% raw %}\n" + safe + "\n{% endraw %}\n"
    return text


# libyaml's emitter when PyYAML has it (its wheels do): the pure-Python one is ~10x slower.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)


def front_matter(entry: Entry, archive: Archive, flavor: str, comments_data: list[Any] | None) -> str:
    post = entry.post
    author = post.author.name if post.author and post.author.name else None
    old = old_path(post)
    published = format_timestamp(post.published)
    updated = format_timestamp(post.updated)
    data: dict[str, Any]
    if flavor == "pelican":
        # Pelican skips an article without a title: an untitled post gets its slug as title.
        lines = [f"Title: {' '.join(post.title.split()) or entry.slug}"]
        if published:
            lines.append(f"Date: {published}")
        if updated:
            lines.append(f"Modified: {updated}")
        if post.labels:
            lines.append("Tags: " + ", ".join(label.replace(",", " ") for label in post.labels))
        lines.append(f"Slug: {entry.slug}")
        if author:
            lines.append(f"Authors: {author.replace(',', ' ')}")
        if is_draft(post):
            lines.append("Status: draft")
        if old:
            lines.append(f"Save_as: {old.lstrip('/')}")
            lines.append(f"URL: {old.lstrip('/')}")
        lines.append(f"Blogger_id: {post.id}")
        return "\n".join(lines) + "\n\n"
    if flavor == "hugo":
        data = {
            "title": post.title,
            "date": published,
            "lastmod": updated,
            "draft": is_draft(post),
            "tags": list(post.labels),
            "author": author,
            "aliases": [old] if old else [],
            "blogger_id": post.id,
        }
        if post.description:
            data["description"] = post.description
    elif flavor == "jekyll":
        data = {
            "layout": "page" if post.kind == "page" else "post",
            "title": post.title,
            "date": published,
            "last_modified_at": updated,
            "tags": list(post.labels),
            "author": author,
        }
        if old:
            data["permalink"] = old
        if post.kind == "page" and is_draft(post):
            data["published"] = False
        data["blogger_id"] = post.id
    else:
        data = {
            "title": post.title,
            "date": published,
            "updated": updated,
            "kind": post.kind,
            "status": post.status,
            "draft": is_draft(post),
            "tags": list(post.labels),
            "author": author,
            "url": entry.new_url,
            "blogger_url": post.url,
            "blogger_path": old,
            "blogger_id": post.id,
        }
        if post.description:
            data["description"] = post.description
        if post.thumbnail:
            data["thumbnail"] = post.thumbnail
        if comments_data is not None:
            data["comments"] = comments_data
    data = {key: value for key, value in data.items() if value is not None}
    return "---\n" + to_yaml(data) + "---\n\n"


def pelican_html(entry: Entry, body: str) -> str:
    from xml.sax.saxutils import escape, quoteattr

    post = entry.post
    metas = {
        "date": format_timestamp(post.published),
        "modified": format_timestamp(post.updated),
        "tags": ", ".join(post.labels),
        "slug": entry.slug,
        "authors": post.author.name if post.author and post.author.name else None,
        "status": "draft" if is_draft(post) else None,
    }
    old = old_path(post)
    if old:
        metas["save_as"] = old.lstrip("/")
        metas["url"] = old.lstrip("/")
    head = "".join(f"<meta name={quoteattr(k)} content={quoteattr(v)} />\n" for k, v in metas.items() if v)
    return f"<html>\n<head>\n<title>{escape(post.title)}</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"
