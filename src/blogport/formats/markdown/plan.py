"""Which posts a Markdown site gets, and each one's slug, file path and new URL.

Slugs are given in date order, so ``-2`` suffixes do not depend on the input's order; a file
name is always safe (non-Latin titles transliterated for the file name only, Windows' reserved
names avoided).
"""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
from anyascii import anyascii

from ...model import Archive, Post, in_utc
from ...options import WriteOptions
from ...report import agree, counted
from ...slugs import ascii_slug, blogger_path, blogger_slug, unique
from .flavor import Flavor

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@attrs.define
class Entry:
    post: Post
    slug: str
    path: str  # relative to the site root, with "/"
    new_url: str  # where the post lives on the new site
    body: str = ""
    comment_texts: dict[str, str] = attrs.Factory(dict)
    html: str | None = None  # the body with its same-blog links tokenised, when it has any (crosslinks.py)
    comment_html: dict[str, str] = attrs.Factory(dict)  # the same for comments, by id


def _sort_key(post: Post) -> tuple[bool, datetime, str]:
    moment = in_utc(post.published) if post.published else datetime.max.replace(tzinfo=UTC)
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


def plan_entries(archive: Archive, flavor: Flavor, options: WriteOptions, warnings: list[str]) -> list[Entry]:
    """The posts and pages to write (trashed ones only with ``include_trashed``), in input order."""
    chosen = []
    trashed = 0
    for post in archive.posts:
        if post.status == "trashed" and not options.include_trashed:
            trashed += 1
            continue
        chosen.append(post)
    if trashed:
        warnings.append(
            f"{counted(trashed, 'trashed post or page', 'trashed posts and pages')} "
            f"{agree(trashed, 'was', 'were')} not written (use --include-trashed)"
        )
    taken: set[str] = set()
    entries = []
    extension = flavor.keep_html_extension if options.keep_html else ".md"
    # Slugs are given in date order, so "-2" suffixes do not depend on the input's order.
    for post in sorted(chosen, key=_sort_key):
        slug = unique(_file_slug(post), taken, post.kind)
        entries.append(
            Entry(
                post=post,
                slug=slug,
                path=_path_for(post, slug, flavor, extension, options.media is not None),
                new_url=_url_for(post, slug, flavor),
            )
        )
    order = {post.id: index for index, post in enumerate(chosen)}
    entries.sort(key=lambda e: order[e.post.id])
    return entries


def is_draft(post: Post) -> bool:
    return post.status in ("draft", "trashed")


def _path_for(post: Post, slug: str, flavor: Flavor, extension: str, bundles: bool) -> str:
    if post.kind == "page":
        template = flavor.bundle_page_path if bundles and flavor.bundle_page_path else flavor.page_path
    elif flavor.draft_path and is_draft(post):
        template = flavor.draft_path
    else:
        template = flavor.bundle_post_path if bundles and flavor.bundle_post_path else flavor.post_path
    moment = post.published or post.updated or datetime(1970, 1, 1, tzinfo=UTC)
    return template.format(slug=slug, ext=extension, date=f"{moment:%Y-%m-%d}")


def old_path(post: Post) -> str | None:
    path = blogger_path(post.url)
    return path if path and path != "/" else None


def _url_for(post: Post, slug: str, flavor: Flavor) -> str:
    old = old_path(post)
    if flavor.keeps_old_url and old:
        return old
    return (flavor.page_url if post.kind == "page" else flavor.post_url).format(slug=slug)
