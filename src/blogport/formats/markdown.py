"""Markdown for static sites: Hugo, Jekyll, Pelican, or plain files with YAML front matter.

``-o DIR`` is the site's root. Layout per flavor:

* ``hugo``: ``content/posts/<slug>.md`` (plain files, not page bundles: blogport downloads no
  images, so a bundle would hold nothing but the file), pages ``content/<slug>.md``; YAML front
  matter with ``aliases`` = the old Blogger path, so Hugo writes a redirect page there;
* ``jekyll``: ``_posts/YYYY-MM-DD-<slug>.md``, ``_drafts/<slug>.md``, pages at the root;
  ``permalink`` = the old Blogger path, so old URLs keep working without any plugin;
* ``pelican``: ``content/<slug>.md`` and ``content/pages/<slug>.md`` with Pelican's metadata
  header, ``Save_as``/``URL`` = the old Blogger path;
* ``plain``: ``<slug>.md`` in one folder, everything in YAML front matter (Eleventy, Astro, ...).

Comment threads are written nested under each post (a "Comments" section in the blog's
language; replies quoted under their parent; each comment carries the anchor ``c<id>`` that
Blogger used, so ``post.html?showComment=…#c123`` links still land on it), or as data files
(``--comments data``), or not at all (``--comments none``). A minimal configuration (and
layouts) is written when the site has none, so the output builds as is; an existing one is
never touched. Whole-blog files go to ``DIR/_blogport/``: redirect maps from every old Blogger
URL (``_redirects``, nginx ``map``, CSV) and a conversion report.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import attrs
import yaml
from anyascii import anyascii

from .. import htmlmd, parallel
from ..errors import OutputError, UsageError
from ..model import Archive, Comment, Post, format_timestamp
from ..options import WriteOptions
from ..output import file_mode
from ..slugs import ascii_slug, blogger_path, blogger_slug, unique
from . import json_archive

name = "markdown"
title = "Markdown for static sites (--flavor hugo, jekyll, pelican, plain)"
extensions = ("",)
folder_output = True  # -o names the site's root folder

FLAVORS = ("hugo", "jekyll", "pelican", "plain")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_COMMENTS_HEADING = {
    "en": "Comments",
    "fr": "Commentaires",
    "de": "Kommentare",
    "es": "Comentarios",
    "it": "Commenti",
    "pt": "Comentários",
    "nl": "Reacties",
    "ca": "Comentaris",
    "pl": "Komentarze",
    "sv": "Kommentarer",
    "da": "Kommentarer",
    "no": "Kommentarer",
    "nb": "Kommentarer",
    "fi": "Kommentit",
    "cs": "Komentáře",
    "ro": "Comentarii",
    "hu": "Megjegyzések",
    "tr": "Yorumlar",
    "ru": "Комментарии",
    "uk": "Коментарі",
    "el": "Σχόλια",
    "ja": "コメント",
    "zh": "评论",
    "ko": "댓글",
    "ar": "التعليقات",
    "he": "תגובות",
    "id": "Komentar",
    "vi": "Nhận xét",
}
_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def detect(head: bytes) -> bool:
    """Markdown is an output format only."""
    return False


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Markdown output is a folder (a site): use a path, not a stream."""
    raise UsageError("Markdown output is a site folder: give -o DIR, not a stream")


# --- planning: which posts, which slugs and paths --------------------------------------------


@attrs.define
class _Entry:
    post: Post
    slug: str
    path: str  # relative to the site root, with "/"
    new_url: str  # where the post lives on the new site
    body: str = ""
    comment_texts: dict[str, str] = attrs.Factory(dict)


def _sort_key(post: Post) -> tuple[bool, datetime, str]:
    moment = post.published.astimezone(UTC) if post.published else datetime.max.replace(tzinfo=UTC)
    return (post.published is None, moment, post.id)


def _file_slug(post: Post) -> str:
    # The Blogger slug when there is one (it is the old URL); else the title, transliterated
    # for the file name only; else the kind and id. Always a safe file name.
    base = blogger_slug(post.url) or ""
    slug = ascii_slug(anyascii(base)) if base else ""
    if not slug:
        slug = ascii_slug(anyascii(post.title), limit=60)
    if not slug:
        slug = f"{post.kind}-{post.id}"
    slug = ascii_slug(slug, limit=80) or f"{post.kind}-{ascii_slug(post.id) or 'x'}"
    if slug in _WINDOWS_RESERVED:
        slug += f"-{post.kind}"
    return slug


def _plan(archive: Archive, options: WriteOptions, warnings: list[str]) -> list[_Entry]:
    flavor = options.flavor
    chosen = []
    trashed = 0
    for post in archive.posts:
        if post.status == "trashed" and not options.include_trashed:
            trashed += 1
            continue
        chosen.append(post)
    if trashed:
        warnings.append(f"{trashed} trashed post(s) or page(s) were not written (use --include-trashed)")
    taken: set[str] = set()
    entries = []
    extension = ".html" if options.keep_html and flavor != "plain" else ".md"
    # Slugs are given in date order, so "-2" suffixes do not depend on the input's order.
    for post in sorted(chosen, key=_sort_key):
        slug = unique(_file_slug(post), taken, post.kind)
        entries.append(
            _Entry(
                post=post,
                slug=slug,
                path=_path_for(post, slug, flavor, extension),
                new_url=_url_for(post, slug, flavor),
            )
        )
    order = {post.id: index for index, post in enumerate(chosen)}
    entries.sort(key=lambda e: order[e.post.id])
    return entries


def _is_draft(post: Post) -> bool:
    return post.status in ("draft", "trashed")


def _path_for(post: Post, slug: str, flavor: str, extension: str) -> str:
    if flavor == "hugo":
        return f"content/{slug}{extension}" if post.kind == "page" else f"content/posts/{slug}{extension}"
    if flavor == "jekyll":
        if post.kind == "page":
            return f"{slug}{extension}"
        if _is_draft(post):
            return f"_drafts/{slug}{extension}"
        moment = post.published or post.updated or datetime(1970, 1, 1, tzinfo=UTC)
        return f"_posts/{moment:%Y-%m-%d}-{slug}{extension}"
    if flavor == "pelican":
        return f"content/pages/{slug}{extension}" if post.kind == "page" else f"content/{slug}{extension}"
    return f"{slug}{extension}"


def _old_path(post: Post) -> str | None:
    path = blogger_path(post.url)
    return path if path and path != "/" else None


def _url_for(post: Post, slug: str, flavor: str) -> str:
    old = _old_path(post)
    if flavor == "hugo":
        return f"/{slug}/" if post.kind == "page" else f"/posts/{slug}/"
    if flavor in ("jekyll", "pelican"):
        if old:
            return old
        return f"/{slug}.html"
    return f"/{slug}/"


# --- content -------------------------------------------------------------------------------


def _escape_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _when(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")[:16] if moment else ""


def _comment_head(comment: Comment) -> str:
    author = comment.author
    who = _escape_text(author.name) if author and author.name else "?"
    if author and author.uri and re.match(r"https?://", author.uri):
        who = f"[{who}](<{author.uri.replace('>', '%3E')}>)"
    when = _when(comment.published)
    return f'<a id="c{comment.id}"></a>**{who}**' + (f" · {when}" if when else "")


def _comments_markdown(post: Post, texts: dict[str, str], heading: str) -> str:
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


def _comments_html(post: Post, heading: str) -> str:
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
            f" · {escape(_when(item.published))}</p>\n{item.content}\n"
        )
        stack.append(None)
        stack.extend(reversed(item.replies))
    out.append("</section>\n")
    return "".join(out)


def _protect(text: str, flavor: str) -> str:
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


def _yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)


def _front_matter(entry: _Entry, archive: Archive, flavor: str, comments_data: list[Any] | None) -> str:
    post = entry.post
    author = post.author.name if post.author and post.author.name else None
    old = _old_path(post)
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
        if _is_draft(post):
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
            "draft": _is_draft(post),
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
        if post.kind == "page" and _is_draft(post):
            data["published"] = False
        data["blogger_id"] = post.id
    else:
        data = {
            "title": post.title,
            "date": published,
            "updated": updated,
            "kind": post.kind,
            "status": post.status,
            "draft": _is_draft(post),
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
    return "---\n" + _yaml(data) + "---\n\n"


def _pelican_html(entry: _Entry, body: str) -> str:
    from xml.sax.saxutils import escape, quoteattr

    post = entry.post
    metas = {
        "date": format_timestamp(post.published),
        "modified": format_timestamp(post.updated),
        "tags": ", ".join(post.labels),
        "slug": entry.slug,
        "authors": post.author.name if post.author and post.author.name else None,
        "status": "draft" if _is_draft(post) else None,
    }
    old = _old_path(post)
    if old:
        metas["save_as"] = old.lstrip("/")
        metas["url"] = old.lstrip("/")
    head = "".join(f"<meta name={quoteattr(k)} content={quoteattr(v)} />\n" for k, v in metas.items() if v)
    return f"<html>\n<head>\n<title>{escape(post.title)}</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"


# --- whole-site files ----------------------------------------------------------------------

_HUGO_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _site_files(archive: Archive, root: Path, flavor: str, warnings: list[str]) -> dict[str, str]:
    blog = archive.blog
    files: dict[str, str] = {}
    language = (blog.locale or "en").replace("_", "-")
    if flavor == "hugo":
        config = (
            "# Set baseURL to the new site's address before publishing.\n"
            'baseURL = "/"\n'
            f"languageCode = {_toml_string(language)}\n"
            f"title = {_toml_string(blog.title or 'Blog')}\n"
            "# Blogger posts and comments hold raw HTML (embeds, tables, comment anchors).\n"
            "[markup.goldmark.renderer]\n  unsafe = true\n"
            '[taxonomies]\n  tag = "tags"\n'
        )
        others = [name for name in _HUGO_CONFIGS if name != "hugo.toml" and (root / name).exists()]
        if others:
            warnings.append(
                f"the site already has a Hugo configuration ({others[0]}, left untouched): comment anchors and "
                "embeds are raw HTML, which needs markup.goldmark.renderer.unsafe = true"
            )
        else:
            _config_unless_theirs(root, "hugo.toml", config, files, warnings)
        if not (root / "themes").exists() and not (root / "layouts").exists():
            files.update(_HUGO_LAYOUTS)
    elif flavor == "jekyll":
        settings: dict[str, Any] = {
            "title": blog.title or "Blog",
            "description": blog.description or "",
            "lang": language,
        }
        if blog.time_zone:
            settings["timezone"] = blog.time_zone
        settings.update({"future": False, "excerpt_separator": htmlmd.MORE_MARK, "markdown": "kramdown"})
        if (root / "_config.yaml").exists():
            warnings.append("the site already has _config.yaml (left untouched)")
        else:
            _config_unless_theirs(root, "_config.yml", _yaml(settings), files, warnings)
        if not (root / "_layouts").exists():
            files.update(_JEKYLL_LAYOUTS)
    elif flavor == "pelican":
        config = (
            "# Written by blogport; edit freely.\n"
            f"SITENAME = {blog.title or 'Blog'!r}\n"
            "SITEURL = ''\n"
            "PATH = 'content'\n"
            "PAGE_PATHS = ['pages']\n"
            "ARTICLE_EXCLUDES = ['pages']\n"
            f"TIMEZONE = {blog.time_zone or 'UTC'!r}\n"
            f"DEFAULT_LANG = {language.split('-')[0]!r}\n"
            "# Scheduled posts keep their future date and stay unpublished until then.\n"
            "WITH_FUTURE_DATES = False\n"
            "RELATIVE_URLS = True\n"
            "DEFAULT_PAGINATION = False\n"
            "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
            "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        )
        _config_unless_theirs(root, "pelicanconf.py", config, files, warnings)
    return files


def _config_unless_theirs(root: Path, name: str, text: str, files: dict[str, str], warnings: list[str]) -> None:
    # A configuration is written where there is none (or where ours is, unchanged); never over the user's.
    target = root / name
    if not target.exists() or target.read_bytes() == text.encode("utf-8"):
        files[name] = text
    else:
        warnings.append(f"the site already has {name} (left untouched)")


_HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": (
        '<!DOCTYPE html>\n<html lang="{{ .Site.LanguageCode }}">\n<head><meta charset="utf-8">'
        '<title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body>\n{{ block "main" . }}{{ end }}\n'
        "</body>\n</html>\n"
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<article>\n<h1>{{ .Title }}</h1>\n<p><time>{{ .Date.Format "2006-01-02" }}</time></p>\n'
        '{{ with .Params.tags }}<ul class="tags">{{ range . }}<li><a href="{{ (printf "tags/%s/" (. | urlize)) '
        '| relLangURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}\n{{ .Content }}\n</article>{{ end }}\n'
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1>\n<ul>{{ range .Site.RegularPages }}<li><a href="'
        '{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
}

_JEKYLL_LAYOUTS = {
    "_layouts/default.html": (
        '<!DOCTYPE html>\n<html lang="{{ site.lang }}">\n<head><meta charset="utf-8"><title>{{ page.title }} | '
        "{{ site.title }}</title></head>\n<body>\n{{ content }}\n</body>\n</html>\n"
    ),
    "_layouts/post.html": (
        "---\nlayout: default\n---\n<article>\n<h1>{{ page.title }}</h1>\n"
        '<p><time>{{ page.date | date: "%Y-%m-%d" }}</time></p>\n'
        '{% if page.tags.size > 0 %}<ul class="tags">{% for tag in page.tags %}<li>{{ tag }}</li>{% endfor %}</ul>'
        "{% endif %}\n{{ content }}\n</article>\n"
    ),
    "_layouts/page.html": (
        "---\nlayout: default\n---\n<article>\n<h1>{{ page.title }}</h1>\n{{ content }}\n</article>\n"
    ),
}


def _tag_url(label: str, flavor: str) -> str:
    if flavor == "hugo":
        return f"/tags/{_hugo_urlize(label)}/"
    if flavor == "pelican":
        return f"/tag/{ascii_slug(label) or 'tag'}.html"
    return "/"


def _hugo_urlize(text: str) -> str:
    # Hugo's urlize: lower-case, spaces to dashes, most punctuation dropped, letters kept.
    from urllib.parse import quote

    cleaned = re.sub(r"[^\w\s.-]", "", text.lower(), flags=re.UNICODE)
    return quote(re.sub(r"\s+", "-", cleaned.strip()), safe="-._~")


def _redirects(entries: list[_Entry], archive: Archive, flavor: str) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    labels: dict[str, None] = {}
    months: dict[str, None] = {}
    for entry in entries:
        post = entry.post
        old = _old_path(post)
        if old and old != entry.new_url:
            pairs.append((old, entry.new_url))
        for label in post.labels:
            labels.setdefault(label, None)
        if old and post.kind == "post":
            match = re.match(r"^/(\d{4})/(\d{2})/", old)
            if match:
                months.setdefault(f"/{match.group(1)}/{match.group(2)}/", None)
    listing = {"hugo": "/posts/", "jekyll": "/", "pelican": "/archives.html"}.get(flavor, "/")
    from urllib.parse import quote

    for label in labels:
        pairs.append((f"/search/label/{quote(label, safe='')}", _tag_url(label, flavor)))
    for month in sorted(months):
        pairs.append((month, listing))
    csv_lines = ["old_path,new_path"] + [f"{_csv(old)},{_csv(new)}" for old, new in pairs]
    return {
        "_blogport/redirects.csv": "\n".join(csv_lines) + "\n",
        "_blogport/_redirects": "".join(f"{_space_safe(old)} {_space_safe(new)} 301\n" for old, new in pairs),
        "_blogport/nginx-redirects.conf": (
            "# Include in the http block, then in the server block:\n"
            "#   if ($blogport_new) { return 301 $blogport_new; }\n"
            'map $uri $blogport_new {\n    default "";\n'
            + "".join(f"    {_nginx(old)} {_nginx(new)};\n" for old, new in pairs)
            + "}\n"
        ),
    }


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


def _space_safe(value: str) -> str:
    return value.replace(" ", "%20")


def _nginx(value: str) -> str:
    from urllib.parse import unquote

    return '"' + unquote(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _report(archive: Archive, entries: list[_Entry], options: WriteOptions, warnings: list[str]) -> str:
    written = [e for e in entries]
    drafts = sum(1 for e in written if _is_draft(e.post))
    comments = sum(1 for e in written for _ in e.post.all_comments())
    orphans = [c for top in archive.orphan_comments for c in top.walk()]
    lines = [
        f"# blogport conversion report: {archive.blog.title}",
        "",
        f"- flavor: {options.flavor}; comments: {options.comments}; "
        f"body: {'original HTML' if options.keep_html else 'Markdown'}",
        f"- written: {sum(1 for e in written if e.post.kind == 'post')} posts and "
        f"{sum(1 for e in written if e.post.kind == 'page')} pages ({drafts} as drafts), {comments} comments",
        f"- orphan comments (their post is not in the input, not written): {len(orphans)}",
        "",
        "## Files",
        "",
        *(f"- `{e.path}` ← {e.post.url or '(draft, no Blogger URL)'}" for e in written),
        "",
        "## Warnings",
        "",
        *(f"- {w}" for w in [*archive.warnings, *warnings]),
    ]
    if orphans:
        lines += ["", "## Orphan comments", ""]
        lines += [f"- comment {c.id} on missing post {c.post_id}" for c in orphans]
    return "\n".join(lines) + "\n"


# --- writing -------------------------------------------------------------------------------


def render(archive: Archive, root: Path, options: WriteOptions) -> tuple[dict[str, str], list[str]]:
    """Every file of the site (relative path → text) and the warnings, without writing anything."""
    flavor = options.flavor
    if flavor not in FLAVORS:
        raise UsageError(f"unknown Markdown flavor {flavor!r} (known: {', '.join(FLAVORS)})")
    warnings: list[str] = []
    entries = _plan(archive, options, warnings)
    heading = _COMMENTS_HEADING.get((archive.blog.locale or "en").split("-")[0].split("_")[0].lower(), "Comments")
    job = _Job(archive=archive, entries=entries, options=options, heading=heading)
    files: dict[str, str] = {}
    for part in _render_parallel(job):
        files.update(part)
    if options.comments == "data" and flavor == "pelican" and any(e.post.comments for e in entries):
        warnings.append(
            "Pelican has no data folder: comments were written to comments/<slug>.json for a theme or plugin to read"
        )
    files.update(_site_files(archive, root, flavor, warnings))
    files.update(_redirects(entries, archive, flavor))
    files["_blogport/report.md"] = _report(archive, entries, options, warnings)
    return files, warnings


@attrs.frozen
class _Job:
    archive: Archive
    entries: list[_Entry]
    options: WriteOptions
    heading: str


def _render_parallel(job: _Job) -> list[dict[str, str]]:
    """Render every entry, in forked workers when the blog is large enough to gain (see parallel.py)."""
    weights = [len(e.post.content) + sum(len(c.content) for c in e.post.all_comments()) for e in job.entries]
    return parallel.map_ranges(_render_range, job, weights, job.options.jobs)


def _render_range(job: _Job, start: int, stop: int) -> dict[str, str]:
    """The files of entries ``start``..``stop``: bodies and comments converted in one batch."""
    options, flavor, archive = job.options, job.options.flavor, job.archive
    entries = job.entries[start:stop]
    if not options.keep_html:
        fragments = [entry.post.content for entry in entries]
        owners: list[tuple[_Entry, str]] = []
        if options.comments == "inline":
            for entry in entries:
                for comment in entry.post.all_comments():
                    owners.append((entry, comment.id))
                    fragments.append(comment.content)
        converted = htmlmd.convert_all(fragments)
        for entry, text in zip(entries, converted[: len(entries)], strict=True):
            entry.body = text
        for (entry, cid), text in zip(owners, converted[len(entries) :], strict=True):
            entry.comment_texts[cid] = text
    files: dict[str, str] = {}
    for entry in entries:
        post = entry.post
        comments_data = None
        if options.comments == "data" and post.comments:
            comments_data = [json_archive.comment_to_data(c) for c in post.comments]
            data_folder = {"hugo": "data/comments", "jekyll": "_data/comments", "pelican": "comments"}.get(flavor)
            if data_folder:
                files[f"{data_folder}/{entry.slug}.json"] = json_archive.dump_data(comments_data)
        if options.keep_html:
            body = post.content + "\n"
            if options.comments == "inline":
                body += "\n" + _comments_html(post, job.heading)
        else:
            body = entry.body
            if options.comments == "inline":
                thread = _comments_markdown(post, entry.comment_texts, job.heading)
                if thread:
                    body = (body + "\n" if body else "") + thread
        body = _protect(body, flavor)
        if flavor == "pelican" and options.keep_html:
            files[entry.path] = _pelican_html(entry, body)
        else:
            files[entry.path] = (
                _front_matter(entry, archive, flavor, comments_data if flavor == "plain" else None) + body
            )
        entry.comment_texts = {}
        entry.body = ""
    return files


class _Fence:
    """Checks that every path stays inside the output folder, symlinked folders included."""

    def __init__(self, root: Path) -> None:
        self.base = root.resolve()
        self._folders: dict[str, Path] = {}

    def target(self, relative: str) -> Path:
        """The absolute path of ``relative``, or an :class:`OutputError` if it would leave the folder."""
        parts = relative.split("/")
        if (
            not relative
            or relative.startswith(("/", "\\"))
            or any(part in ("", ".", "..") or "\\" in part or ":" in part or "\x00" in part for part in parts)
        ):
            raise OutputError(f"refusing to write outside the output folder: {relative!r}")
        folder_key = "/".join(parts[:-1])
        folder = self._folders.get(folder_key)
        if folder is None:
            # Resolved once per folder: a symlinked folder must not lead outside either.
            folder = (self.base / folder_key).resolve() if folder_key else self.base
            if folder != self.base and self.base not in folder.parents:
                raise OutputError(f"refusing to write outside the output folder: {relative!r} leads to {folder}")
            self._folders[folder_key] = folder
        target = folder / parts[-1]
        if target.is_symlink():
            raise OutputError(f"refusing to write through a symbolic link: {target}")
        return target


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write the site under ``path`` (a folder). Files that exist and differ need ``force``.

    Nothing is written unless every file can be: conflicts are reported first, then each file
    is written atomically. Files that exist with the same bytes are left alone, so a re-run
    over the same folder changes nothing.
    """
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{root}: exists and is not a folder (Markdown output is a site folder)")
    files, warnings = render(archive, root, options)
    targets: list[tuple[Path, bytes]] = []
    conflicts: list[str] = []
    fence = _Fence(root)
    for relative, text in files.items():
        target = fence.target(relative)
        data = text.encode("utf-8")
        if target.exists():
            if target.is_dir():
                raise OutputError(f"{target}: is a folder, expected a file")
            if target.read_bytes() == data:
                continue
            if not force:
                conflicts.append(relative)
                continue
        targets.append((target, data))
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        raise OutputError(
            f"{root}: {len(conflicts)} file(s) exist with other content ({shown}); use --force to overwrite them"
        )
    written = []
    mode = file_mode()
    for target, data in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_bytes(target, data, mode)
        written.append(target)
    return written, warnings


def _atomic_bytes(target: Path, data: bytes, mode: int) -> None:
    import tempfile

    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def iter_anchor_ids(post: Post) -> Iterator[str]:
    """The comment anchors of a post in thread order (what a built page must show, in order)."""
    for comment in post.all_comments():
        yield f"c{comment.id}"
