"""Whole-site files: a minimal configuration and layouts when the site has none (never over the
user's), redirect maps from every old Blogger URL, and the conversion report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...model import Archive
from ...options import WriteOptions
from ...prepass import MORE_MARK
from ...slugs import ascii_slug
from .content import to_yaml
from .plan import Entry, is_draft, old_path

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


def site_files(archive: Archive, root: Path, flavor: str, warnings: list[str]) -> dict[str, str]:
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
        settings.update({"future": False, "excerpt_separator": MORE_MARK, "markdown": "kramdown"})
        if (root / "_config.yaml").exists():
            warnings.append("the site already has _config.yaml (left untouched)")
        else:
            _config_unless_theirs(root, "_config.yml", to_yaml(settings), files, warnings)
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


def redirect_maps(entries: list[Entry], archive: Archive, flavor: str) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    labels: dict[str, None] = {}
    months: dict[str, None] = {}
    for entry in entries:
        post = entry.post
        old = old_path(post)
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


def report(archive: Archive, entries: list[Entry], options: WriteOptions, warnings: list[str]) -> str:
    written = [e for e in entries]
    drafts = sum(1 for e in written if is_draft(e.post))
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
