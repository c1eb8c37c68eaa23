"""Markdown for static sites: Hugo, Jekyll, Pelican, or plain files with YAML front matter.

``-o DIR`` is the site's root. Layout per flavor:

* ``hugo``: ``content/posts/<slug>.md`` (plain files, not page bundles), pages ``content/<slug>.md``; YAML front
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
URL (``redirect_maps``, nginx ``map``, CSV) and a conversion report.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...model import Archive, Post
from ...options import WriteOptions
from ..contract import Output

name = "markdown"
title = "Markdown for static sites (--flavor hugo, jekyll, pelican, plain)"
extensions = ("",)
output: Output = "folder"  # -o names the site's root folder

__all__ = ["extensions", "iter_anchor_ids", "name", "output", "render", "title", "write_to_path"]


# The writer (html-to-markdown, YAML, the flavors) is imported on first use, not with the registry.
def render(archive: Archive, root: Path, options: WriteOptions) -> tuple[dict[str, str], list[str]]:
    """Every file of the site (relative path → text) and the warnings, without writing anything."""
    from .writer import render as render_markdown

    return render_markdown(archive, root, options)


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write the site under ``path`` (its root folder); see :mod:`.writer` for what replaces what."""
    from .writer import write_to_path as write_markdown_to_path

    return write_markdown_to_path(archive, path, options, force)


def iter_anchor_ids(post: Post) -> Iterator[str]:
    """The comment anchors of a post in thread order (what a built page must show, in order)."""
    from .writer import iter_anchor_ids as anchor_ids

    return anchor_ids(post)
