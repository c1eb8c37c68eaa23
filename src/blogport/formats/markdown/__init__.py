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

from ..contract import Output
from .writer import FLAVORS, iter_anchor_ids, render, write_to_path

name = "markdown"
title = "Markdown for static sites (--flavor hugo, jekyll, pelican, plain)"
extensions = ("",)
output: Output = "folder"  # -o names the site's root folder

__all__ = [
    "FLAVORS",
    "extensions",
    "iter_anchor_ids",
    "name",
    "output",
    "render",
    "title",
    "write_to_path",
]
