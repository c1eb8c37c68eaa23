"""Where everything of the HTML site lives: one path per post, page, label, month and listing page.

Rules:

* a post keeps its Blogger path (``2013/02/slug.html``) and a page its ``p/slug.html``, so old
  relative links keep working; a post without one (a draft, an untitled or URL-less post) gets
  a stable path from its title or id (``drafts/<slug>.html``, ``YYYY/MM/<slug>.html``);
* every path is made of ASCII letters, digits, ``.``, ``_`` and ``-`` only, unique without
  regard to case (macOS and Windows file systems), never a Windows reserved name, never a
  listing page's own file (``YYYY/MM/index.html``);
* paths are given in date order, so a ``-2`` suffix does not depend on the input order;
* links are relative: a page ``depth`` folders deep reaches the site root through ``"../" * depth``,
  so the site works from ``file://``, from any sub-path and inside a zip viewer;
* drafts and scheduled posts are left out unless ``include_drafts``, trashed ones unless
  ``include_trashed``; what is left out is counted in the warnings.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from datetime import UTC, datetime

import attrs
from anyascii import anyascii

from ...model import Archive, Post
from ...options import WriteOptions
from ...report import agree, counted
from ...slugs import ascii_slug, blogger_path, unique

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.html$")
_POST_PATH = re.compile(r"^/(\d{4})/(\d{2})/([^/]+\.html?)$")
_PAGE_PATH = re.compile(r"^/p/([^/]+\.html?)$")
# Names Windows refuses whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@attrs.define
class Entry:
    """One post or page of the site: its file, and its neighbours in time (published posts only)."""

    post: Post
    path: str
    listed: bool  # a published post: on the home pages, its labels' and month's pages
    older: Entry | None = None
    newer: Entry | None = None


@attrs.define
class SitePlan:
    """Every file the site will have, by what it shows."""

    entries: list[Entry]
    listed: list[Entry]  # published posts, newest first
    pages: list[Entry]  # published pages, by title
    unlisted: list[Entry]  # drafts, scheduled and trashed posts and pages that were asked for
    labels: dict[str, str]  # label -> file, in label order
    months: dict[tuple[int, int], list[Entry]]  # (year, month) -> posts, newest first; newest month first
    per_page: int
    warnings: list[str]

    def index_path(self, number: int) -> str:
        """The file of listing page ``number`` (1 is ``index.html``)."""
        return "index.html" if number == 1 else f"page/{number}.html"

    def index_count(self) -> int:
        """How many listing pages the home has (at least one, even for an empty blog)."""
        return max(1, -(-len(self.listed) // self.per_page))


def month_path(year: int, month: int) -> str:
    """The month archive's file."""
    return f"{year:04d}/{month:02d}/index.html"


def root_prefix(path: str) -> str:
    """The relative way from the file ``path`` back to the site root (``""`` or ``"../"`` …)."""
    return "../" * path.count("/")


def _moment(post: Post) -> datetime:
    return post.published.astimezone(UTC) if post.published else datetime.max.replace(tzinfo=UTC)


def _sort_key(post: Post) -> tuple[bool, datetime, str]:
    return (post.published is None, _moment(post), post.id)


def file_slug(text: str, fallback: str) -> str:
    """An ASCII, file-safe slug of ``text`` (transliterated), or ``fallback``."""
    slug = ascii_slug(anyascii(text), limit=80) or fallback
    return f"{slug}-x" if slug in _RESERVED else slug


def _blogger_file(post: Post) -> str | None:
    # The post's own Blogger path, when it is one a file can have as it is.
    path = blogger_path(post.url)
    if not path:
        return None
    if post.kind == "page":
        match = _PAGE_PATH.match(path)
        if match and _SAFE_NAME.match(_html(match.group(1))):
            return f"p/{_html(match.group(1))}"
        return None
    match = _POST_PATH.match(path)
    if match and 1 <= int(match.group(2)) <= 12 and _SAFE_NAME.match(_html(match.group(3))):
        return f"{match.group(1)}/{match.group(2)}/{_html(match.group(3))}"
    return None


def _html(name: str) -> str:
    return name[:-4] + ".html" if name.lower().endswith(".htm") else name


def _is_listed(post: Post) -> bool:
    return post.status == "published"


def _chosen(archive: Archive, options: WriteOptions, warnings: list[str]) -> list[Post]:
    chosen: list[Post] = []
    left_out = {"draft": 0, "scheduled": 0, "trashed": 0}
    for post in archive.posts:
        if post.status in ("draft", "scheduled") and not options.include_drafts:
            left_out[post.status] += 1
        elif post.status == "trashed" and not options.include_trashed:
            left_out["trashed"] += 1
        else:
            chosen.append(post)
    if left_out["draft"] or left_out["scheduled"]:
        warnings.append(
            f"{counted(left_out['draft'], 'draft')} and "
            f"{counted(left_out['scheduled'], 'scheduled post or page', 'scheduled posts and pages')} "
            "were not written (use --include-drafts)"
        )
    if left_out["trashed"]:
        trashed = left_out["trashed"]
        warnings.append(
            f"{counted(trashed, 'trashed post or page', 'trashed posts and pages')} "
            f"{agree(trashed, 'was', 'were')} not written (use --include-trashed)"
        )
    return chosen


def _fallback_path(post: Post) -> str:
    slug = file_slug(post.title, f"{post.kind}-{ascii_slug(post.id) or 'x'}")
    if post.kind == "page":
        return f"p/{slug}.html"
    if not _is_listed(post):
        return f"drafts/{slug}.html"
    if post.published is not None:
        return f"{post.published:%Y/%m}/{slug}.html"
    return f"posts/{slug}.html"


def _unique_path(path: str, taken: set[str]) -> str:
    folder, _, name = path.rpartition("/")
    stem = name[: -len(".html")]
    candidate_key = path.casefold()
    number = 2
    while candidate_key in taken:
        path = f"{folder}/{stem}-{number}.html" if folder else f"{stem}-{number}.html"
        candidate_key = path.casefold()
        number += 1
    taken.add(candidate_key)
    return path


def plan_site(archive: Archive, options: WriteOptions) -> SitePlan:
    """Lay out the site for ``archive`` (see the module rules)."""
    warnings: list[str] = []
    chosen = sorted(_chosen(archive, options, warnings), key=_sort_key)
    taken: set[str] = set()
    for post in chosen:  # listing pages own YYYY/MM/index.html: a post named index.html moves aside
        if post.kind == "post" and post.published is not None:
            taken.add(month_path(post.published.year, post.published.month).casefold())
    paths: dict[str, str] = {}
    # Blogger's own paths first (they are the old URLs), then the others, each group in date order.
    for post in chosen:
        own = _blogger_file(post)
        if own is not None and own.casefold() not in taken:
            paths[post.id] = _unique_path(own, taken)
    for post in chosen:
        if post.id not in paths:
            paths[post.id] = _unique_path(_fallback_path(post), taken)
    entries = [
        Entry(post=post, path=paths[post.id], listed=_is_listed(post) and post.kind == "post") for post in chosen
    ]
    # Oldest first for the neighbours (undated posts count as the oldest), then newest first.
    listed = sorted((e for e in entries if e.listed), key=lambda e: (e.post.published is not None, _moment(e.post)))
    for older, newer in itertools.pairwise(listed):
        older.newer, newer.older = newer, older
    listed.reverse()
    pages = sorted(
        (e for e in entries if e.post.kind == "page" and _is_listed(e.post)), key=lambda e: (e.post.title, e.post.id)
    )
    unlisted = [e for e in entries if not _is_listed(e.post)]
    label_names = sorted({label for entry in listed for label in entry.post.labels}, key=lambda s: (s.casefold(), s))
    label_taken: set[str] = set()
    labels = {
        label: f"search/label/{unique(file_slug(label, 'label'), label_taken, 'label')}.html" for label in label_names
    }
    return SitePlan(
        entries=entries,
        listed=listed,
        pages=pages,
        unlisted=unlisted,
        labels=labels,
        months=_by_month(listed, warnings),
        per_page=max(1, options.per_page),
        warnings=warnings,
    )


def _by_month(listed: list[Entry], warnings: list[str]) -> dict[tuple[int, int], list[Entry]]:
    """The listed posts by (year, month), newest month first; undated posts are in none (a warning)."""
    months: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    undated = 0
    for entry in listed:
        if entry.post.published is None:
            undated += 1
            continue
        months[(entry.post.published.year, entry.post.published.month)].append(entry)
    if undated:
        warnings.append(
            f"{counted(undated, 'published post')} {agree(undated, 'has no date: it is', 'have no date: they are')} "
            "on the home pages but in no month archive"
        )
    return {key: months[key] for key in sorted(months, reverse=True)}
