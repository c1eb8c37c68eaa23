"""The site's pages as text: Jinja2 templates (autoescaped, undefined names are errors) fed by the plan.

Rules:

* the templates ship as package data (``templates/``); only text this package made safe is
  marked :class:`~markupsafe.Markup` (sanitised bodies and the comment lists built in
  ``thread``); everything else is escaped by Jinja;
* links to local files are relative (``root`` is the way back to the site root from the page);
* same-blog links in bodies go through :class:`blogport.links.SameBlog` and land on the
  archive's own files; other links stay as they are;
* output is deterministic: the same archive and options give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import attrs
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ...links import SameBlog, Target
from ...media.imageurls import reference_key
from ...media.manifest import read_manifest
from ...media.rewrite import PostImages
from ...model import Archive, Comment, format_timestamp
from ...options import WriteOptions
from . import thread
from .plan import Entry, SitePlan, month_path, root_prefix
from .sanitize import BodyCleaner, excerpt
from .words import Words, fill, words_for

_RTL = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi"}

ENVIRONMENT = Environment(
    loader=PackageLoader("blogport.formats.html_site", "templates"),
    autoescape=select_autoescape(["html"], default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters["fill"] = fill


def language(locale: str | None) -> tuple[str, bool]:
    """The page's ``lang`` (BCP 47, ``und`` when unknown) and whether the script runs right to left."""
    if not locale or not locale.replace("_", "-").replace("-", "").isalnum():
        return "und", False
    tag = locale.replace("_", "-")
    return tag, tag.split("-")[0].lower() in _RTL


@attrs.frozen
class SiteInfo:
    """What every page shows of the blog (the ``site`` of the templates)."""

    title: str
    description: str
    url: str | None
    lang: str
    rtl: bool
    version: str
    has_orphans: bool
    has_unlisted: bool
    words: Words  # the fixed words, in the blog's language


@attrs.define
class PageResult:
    """What rendering a range of posts learnt, for the whole-site pages."""

    excerpts: dict[str, str] = attrs.Factory(dict)
    remote_images: list[str] = attrs.Factory(list)
    missing: Counter[str] = attrs.Factory(Counter)
    unresolved: int = 0
    local_images: set[str] = attrs.Factory(set)  # keys of the --media images the pages use


class Renderer:
    """Renders every page of one planned site."""

    def __init__(self, archive: Archive, site_plan: SitePlan, options: WriteOptions) -> None:
        from ... import __version__  # the package is initialised by the time a site is written

        self.archive = archive
        self.plan = site_plan
        self.options = options
        self.links = SameBlog(archive)
        self.path_of: dict[str, str] = {entry.post.id: entry.path for entry in site_plan.entries}
        lang, rtl = language(archive.blog.locale)
        blog = archive.blog
        words = words_for(blog.locale)
        self.site = SiteInfo(
            title=blog.title or words.untitled_blog,
            description=blog.description or "",
            url=blog.url if blog.url and blog.url.startswith(("http://", "https://")) else None,
            lang=lang,
            rtl=rtl,
            version=__version__,
            has_orphans=bool(archive.orphan_comments),
            has_unlisted=bool(site_plan.unlisted),
            words=words,
        )
        self.media = read_manifest(Path(options.media)) if options.media is not None else None
        # One file per image key, named before any worker forks, so every page agrees on it.
        self.image_paths: dict[str, str] = {}
        if self.media is not None:
            names = PostImages()
            for image in self.media.entries():
                if image.status == "ok":
                    self.image_paths[image.key] = "media/" + names.name_for(image)
        self.words = self.site.words
        self._items: dict[tuple[str, str], Markup] = {}
        self.templates = {name: ENVIRONMENT.get_template(f"{name}.html") for name in _TEMPLATES}

    # --- links ------------------------------------------------------------------------------

    def local_address(self, target: Target, root: str) -> str | None:
        """Where ``target`` lives in this site, relative to a page whose root is ``root``."""
        fragment = f"#{target.fragment}" if target.fragment else ""
        if target.post is not None:
            path = self.path_of.get(target.post.id)
        elif target.kind == "label":
            path = self.plan.labels.get(target.label or "")
        elif target.kind == "month":
            key = (target.year or 0, target.month or 0)
            path = month_path(*key) if key in self.plan.months else "archive.html"
        elif target.kind == "year":
            path = "archive.html"
            fragment = f"#y{target.year}"
        else:
            path = "index.html"
        return None if path is None else root + path + fragment

    def cleaner(self, base: str | None, root: str, result: PageResult) -> BodyCleaner:
        """A body cleaner for one page, counting into ``result``."""

        def to_local(target: Target) -> str | None:
            return self.local_address(target, root)

        def rewrite(url: str) -> str:
            if self.image_paths:
                key = reference_key(url, entities=False)
                if key is not None and key in self.image_paths:
                    result.local_images.add(key)
                    return root + self.image_paths[key]
            if self.options.keep_links:
                return url
            return self.links.rewrite(url, to_local, missing=result.missing)

        return BodyCleaner(base or self.archive.blog.url, rewrite, self.options.offline_strict)

    # --- pages ------------------------------------------------------------------------------

    def _page(self, name: str, root: str, title: str, **context: Any) -> str:
        return self.templates[name].render(site=self.site, root=root, title=title, **context)

    def post_page(self, entry: Entry, result: PageResult) -> str:
        """The page of one post or page, with its comments; notes its excerpt in ``result``."""
        post = entry.post
        root = root_prefix(entry.path)
        cleaner = self.cleaner(post.url, root, result)
        body = cleaner.clean(post.content)
        result.excerpts[post.id] = excerpt(body) if entry.listed else ""

        def comment_body(comment: Comment) -> str:
            return cleaner.clean(comment.content)

        comments = thread.render(post.comments, comment_body, self.words)
        result.remote_images.extend(cleaner.remote_images)
        result.unresolved += cleaner.unresolved
        count = sum(1 for _ in post.all_comments()) if comments else 0
        return self._page(
            "post",
            root,
            post.title or self.words.untitled,
            post=post,
            published=format_timestamp(post.published),
            published_text=thread.when(post.published),
            author=post.author.name if post.author and post.author.name else "",
            labels=[
                {"name": label, "href": root + self.plan.labels[label]}
                for label in post.labels
                if label in self.plan.labels
            ],
            body=Markup(body),
            original=post.url if post.url and post.url.startswith(("http://", "https://")) else "",
            newer=self._neighbour(entry.newer, root),
            older=self._neighbour(entry.older, root),
            comments=Markup(comments),
            comment_count=count,
        )

    def _neighbour(self, entry: Entry | None, root: str) -> dict[str, str] | None:
        if entry is None:
            return None
        return {"href": root + entry.path, "title": entry.post.title or self.words.untitled}

    def _item(self, entry: Entry, root: str, excerpts: dict[str, str]) -> Markup:
        # A post's entry in a listing, made once per depth: the same post is on several listings.
        key = (entry.post.id, root)
        item = self._items.get(key)
        if item is None:
            post = entry.post
            item = self._items[key] = Markup(
                self.templates["item"].render(
                    site=self.site,
                    href=root + entry.path,
                    title=post.title or self.words.untitled,
                    published=format_timestamp(post.published),
                    published_text=thread.when(post.published),
                    author=post.author.name if post.author and post.author.name else "",
                    comments=sum(1 for _ in post.all_comments()),
                    status=post.status,
                    excerpt=excerpts.get(post.id, ""),
                )
            )
        return item

    def listing(
        self, path: str, heading: str, entries: list[Entry], excerpts: dict[str, str], **neighbours: str | None
    ) -> str:
        """A list of posts (home pages, a label, a month)."""
        root = root_prefix(path)
        pages = [{"href": root + e.path, "title": e.post.title or self.words.untitled} for e in self.plan.pages]
        return self._page(
            "list",
            root,
            "" if path == "index.html" else heading,
            heading=heading,
            items=[self._item(entry, root, excerpts) for entry in entries],
            pages=pages if path == "index.html" else [],
            newer=neighbours.get("newer"),
            older=neighbours.get("older"),
        )

    def labels_page(self) -> str:
        """``labels.html``: every label with its post count."""
        counts = Counter(label for entry in self.plan.listed for label in entry.post.labels)
        labels = [{"name": name, "href": path, "count": counts[name]} for name, path in self.plan.labels.items()]
        return self._page("labels", "", self.words.labels, labels=labels)

    def archive_page(self) -> str:
        """``archive.html``: years and months with their post counts, and the pages."""
        years: dict[int, list[dict[str, Any]]] = {}
        for (year, month), entries in self.plan.months.items():
            years.setdefault(year, []).append(
                {"href": month_path(year, month), "name": f"{year:04d}-{month:02d}", "count": len(entries)}
            )
        pages = [{"href": e.path, "title": e.post.title or self.words.untitled} for e in self.plan.pages]
        return self._page(
            "archive", "", self.words.archive, years=[{"year": y, "months": m} for y, m in years.items()], pages=pages
        )

    def orphans_page(self, result: PageResult) -> str:
        """``orphans.html``: comment threads whose post is not in the input, grouped by post."""
        cleaner = self.cleaner(None, "", result)
        groups: dict[str, list[Comment]] = {}
        for top in self.archive.orphan_comments:
            groups.setdefault(top.post_id or "?", []).append(top)

        def body(comment: Comment) -> str:
            return cleaner.clean(comment.content)

        rendered = [
            {"post_id": post_id, "url": _first_url(tops), "comments": Markup(thread.render(tops, body, self.words))}
            for post_id, tops in groups.items()
        ]
        result.remote_images.extend(cleaner.remote_images)
        return self._page("orphans", "", self.words.orphans, groups=rendered)

    def about_page(self, counts: list[tuple[str, Any]], warnings: list[str], result: PageResult) -> str:
        """``about.html``: provenance, counts, every warning, what stayed remote."""
        source = self.archive.blog.source
        return self._page(
            "about",
            "",
            self.words.about,
            source_format=source.format if source else "unknown",
            source_files=list(source.files) if source else [],
            exported=format_timestamp(source.exported) if source else None,
            counts=counts,
            warnings=warnings,
            missing_posts=sorted(result.missing.items()),
            remote_images=sorted(set(result.remote_images)),
        )


def _first_url(comments: list[Comment]) -> str:
    for comment in comments:
        if comment.url and comment.url.startswith(("http://", "https://")):
            return comment.url.split("?", 1)[0].split("#", 1)[0]
    return ""


_TEMPLATES = ("post", "list", "item", "labels", "archive", "orphans", "about")
