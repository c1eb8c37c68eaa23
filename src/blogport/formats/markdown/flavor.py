"""The record that describes one Markdown flavor (one site generator); the records are the tables of
``flavors.toml``, loaded by :mod:`.flavors`.

Path and URL templates take ``{slug}``, ``{ext}`` and ``{date}`` (``YYYY-MM-DD`` of the post).
Front-matter values are named in :data:`.content.FRONT_MATTER_VALUES`; ``None`` leaves a key out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from ...model import Archive
from .engines import MarkdownEngine

if TYPE_CHECKING:
    from .crosslinks import Destination


def home_url(label: str) -> str:
    """For generators without label pages: the home page."""
    return "/"


@frozen
class Flavor:
    """How one site generator wants its Markdown site (see the module doc)."""

    name: str
    generator: str  # for help texts
    post_path: str
    page_path: str
    post_url: str
    page_url: str
    front_matter: tuple[tuple[str, str], ...]  # (key written, value name) in order
    site: Callable[[Archive, Path, list[str]], dict[str, str]]  # configuration and layouts
    comments_data_folder: str | None
    engine: MarkdownEngine  # the Markdown renderer the generator uses: what it escapes and renders
    link: Callable[[Destination], str | None]  # a same-blog link's new text (see .crosslinks), None keeps it
    media_link: Callable[[str, str], str]  # --media: (the image's site path, the post's folder) -> link text
    draft_path: str | None = None  # drafts' own folder, else they go where posts go
    keeps_old_url: bool = False  # the new URL is the old Blogger path when there is one
    header: Literal["yaml", "pelican"] = "yaml"
    keep_html_document: bool = False  # --keep-html writes a whole HTML document (metadata in <meta>)
    keep_html_extension: str = ".html"  # the file extension with --keep-html
    comments_data_note: str | None = None  # a warning when the data folder is not the generator's own
    comments_in_front_matter: bool = False  # --comments data goes into the front matter
    tag_url: Callable[[str], str] = home_url  # the new page an old /search/label/X redirects to
    listing_url: str = "/"  # the new page an old month archive redirects to
    guard: Callable[[str], str] | None = None  # keeps the generator's templating off a post's text
    # --media (see .media): where a post's image goes ({dir}: the post file's folder, {slug}, {name})
    media_path: str = "media/{slug}/{name}"
    bundle_post_path: str | None = None  # with --media, posts and pages as page bundles (Hugo)
    bundle_page_path: str | None = None
