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
from .flavor import Flavor
from .layouts import HUGO_LAYOUTS, JEKYLL_ARCHIVES, JEKYLL_HOME, JEKYLL_LAYOUTS, PELICAN_THEME, jekyll_tag_page
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


def _language(archive: Archive) -> str:
    return (archive.blog.locale or "en").replace("_", "-")


def hugo_site(archive: Archive, root: Path, warnings: list[str]) -> dict[str, str]:
    """Hugo's configuration (``hugo.toml``) and minimal layouts, where the site has none."""
    blog = archive.blog
    files: dict[str, str] = {}
    config = (
        "# Set baseURL to the new site's address before publishing.\n"
        'baseURL = "/"\n'
        f"languageCode = {_toml_string(_language(archive))}\n"
        f"title = {_toml_string(blog.title or 'Blog')}\n"
        "# Blogger posts and comments hold raw HTML (embeds, tables, comment anchors).\n"
        "[markup.goldmark.renderer]\n  unsafe = true\n"
        "# The text reads as the blog wrote it: no curly quotes or dashes made from straight ones,\n"
        "# and bare URLs stay text as on the blog (linkify would also cut some short).\n"
        "[markup.goldmark.extensions]\n  linkify = false\n  typographer = false\n"
        '[taxonomies]\n  tag = "tags"\n'
        f"[params]\n  commentsHeading = {_toml_string(comments_heading(archive))}\n"
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
        files.update(HUGO_LAYOUTS)
    return files


def jekyll_site(archive: Archive, root: Path, warnings: list[str]) -> dict[str, str]:
    """Jekyll's ``_config.yml`` and minimal layouts, where the site has none."""
    blog = archive.blog
    files: dict[str, str] = {}
    settings: dict[str, Any] = {
        "title": blog.title or "Blog",
        "description": blog.description or "",
        "lang": _language(archive),
    }
    if blog.time_zone:
        settings["timezone"] = blog.time_zone
    settings.update({"future": False, "excerpt_separator": MORE_MARK, "markdown": "kramdown"})
    # The text reads as the blog wrote it: kramdown's smart quotes and typographic symbols turned off.
    settings["kramdown"] = {"smart_quotes": "apos,apos,quot,quot", "typographic_symbols": _KRAMDOWN_PLAIN_SYMBOLS}
    settings["comments_heading"] = comments_heading(archive)
    if (root / "_config.yaml").exists():
        warnings.append("the site already has _config.yaml (left untouched)")
    else:
        _config_unless_theirs(root, "_config.yml", to_yaml(settings), files, warnings)
    if not (root / "_layouts").exists():
        files.update(JEKYLL_LAYOUTS)
    for name, text in (("index.html", JEKYLL_HOME), ("archives.html", JEKYLL_ARCHIVES)):
        if not any((root / name.replace(".html", ext)).exists() for ext in (".md", ".markdown")):
            _config_unless_theirs(root, name, text, files, warnings)
    for label in dict.fromkeys(label for post in archive.posts for label in post.labels):
        files[jekyll_tag_url(label).lstrip("/")] = jekyll_tag_page(label)
    return files


def pelican_site(archive: Archive, root: Path, warnings: list[str]) -> dict[str, str]:
    """Pelican's ``pelicanconf.py``, where the site has none (Pelican's own theme renders it)."""
    blog = archive.blog
    files: dict[str, str] = {}
    config = (
        "# Written by blogport; edit freely.\n"
        f"SITENAME = {blog.title or 'Blog'!r}\n"
        "SITEURL = ''\n"
        "PATH = 'content'\n"
        "PAGE_PATHS = ['pages']\n"
        "ARTICLE_EXCLUDES = ['pages']\n"
        f"TIMEZONE = {blog.time_zone or 'UTC'!r}\n"
        f"DEFAULT_LANG = {_language(archive).split('-')[0]!r}\n"
        "# Scheduled posts keep their future date and stay unpublished until then.\n"
        "WITH_FUTURE_DATES = False\n"
        "RELATIVE_URLS = True\n"
        "DEFAULT_PAGINATION = False\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        "# Pelican's own Markdown extensions, without smarty: the text reads as the blog wrote it.\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.codehilite': {'css_class': 'highlight'}, "
        "'markdown.extensions.extra': {}, 'markdown.extensions.meta': {}}, 'output_format': 'html5'}\n"
        "TYPOGRIFY = False\n"
        "# blogport's theme escapes every title, label and name (Jinja's autoescape).\n"
        "THEME = 'theme'\nJINJA_ENVIRONMENT = {'trim_blocks': True, 'lstrip_blocks': True, 'autoescape': True}\n"
        "DIRECT_TEMPLATES = ['index', 'tags', 'archives']\n"
        f"COMMENTS_HEADING = {comments_heading(archive)!r}\n" + _PELICAN_COMMENTS_FILTER
    )
    _config_unless_theirs(root, "pelicanconf.py", config, files, warnings)
    if "pelicanconf.py" in files and not (root / "theme").exists():
        files.update(PELICAN_THEME)
    return files


# --comments data for Pelican, which has no data folder: the theme reads comments/<slug>.json through this filter.
_PELICAN_COMMENTS_FILTER = """
import json
import pathlib

_comments_folder = pathlib.Path(__file__).resolve().parent / 'comments'


def _blogport_comments(slug):
    # The thread blogport wrote with --comments data: flat, in thread order, each comment with its depth.
    path = _comments_folder / (slug + '.json')
    return json.loads(path.read_text('utf-8')) if path.is_file() else []


JINJA_FILTERS = {'blogport_comments': _blogport_comments}
"""


def no_site(archive: Archive, root: Path, warnings: list[str]) -> dict[str, str]:
    """No configuration: plain files are for whatever tool the user brings."""
    return {}


def _config_unless_theirs(root: Path, name: str, text: str, files: dict[str, str], warnings: list[str]) -> None:
    # A configuration is written where there is none (or where ours is, unchanged); never over the user's.
    target = root / name
    if not target.exists() or target.read_bytes() == text.encode("utf-8"):
        files[name] = text
    else:
        warnings.append(f"the site already has {name} (left untouched)")


_KRAMDOWN_PLAIN_SYMBOLS = {
    "hellip": "...",
    "mdash": "---",
    "ndash": "--",
    "laquo": "<<",
    "raquo": ">>",
    "laquo_space": "<< ",
    "raquo_space": " >>",
}


def comments_heading(archive: Archive) -> str:
    """The comment section's heading in the blog's language."""
    from .writer import COMMENTS_HEADING

    return COMMENTS_HEADING.get((archive.blog.locale or "en").split("-")[0].split("_")[0].lower(), "Comments")


def jekyll_tag_url(label: str) -> str:
    """Where blogport puts a label's page on a Jekyll site."""
    return f"/tags/{ascii_slug(label) or 'tag'}.html"


def hugo_tag_url(label: str) -> str:
    """Where Hugo puts a tag's page."""
    return f"/tags/{_hugo_urlize(label)}/"


def pelican_tag_url(label: str) -> str:
    """Where Pelican puts a tag's page."""
    return f"/tag/{ascii_slug(label) or 'tag'}.html"


def _hugo_urlize(text: str) -> str:
    # Hugo's urlize: lower-case, spaces to dashes, most punctuation dropped, letters kept.
    from urllib.parse import quote

    cleaned = re.sub(r"[^\w\s.-]", "", text.lower(), flags=re.UNICODE)
    return quote(re.sub(r"\s+", "-", cleaned.strip()), safe="-._~")


def redirect_maps(entries: list[Entry], archive: Archive, flavor: Flavor) -> dict[str, str]:
    """Redirect maps from every old Blogger URL (posts, label pages, month archives) to the new site."""
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
    listing = flavor.listing_url
    from urllib.parse import quote

    for label in labels:
        pairs.append((f"/search/label/{quote(label, safe='')}", flavor.tag_url(label)))
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
