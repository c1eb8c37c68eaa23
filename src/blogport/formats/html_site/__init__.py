"""``--to html``: a self-contained offline archive site, readable in any browser from disk.

``-o SITE/`` gets ``index.html`` and ``page/N.html`` (newest first, ``--per-page`` posts each),
each post at its Blogger path and each page at ``p/<name>.html``, label pages under
``search/label/``, month archives ``YYYY/MM/index.html``, ``labels.html``, ``archive.html``,
``orphans.html``, ``drafts.html`` (with ``--include-drafts``/``--include-trashed``),
``about.html`` (provenance, counts, every warning) and one ``style.css``.

Rules:

* no script, no ``on*`` attribute, no ``javascript:`` URL, no external stylesheet or font, only
  relative links to local files; ``--offline-strict`` turns remote images into links, so the
  site requests nothing remote (see ``sanitize``); with ``--media MEDIA_DIR`` every image with a
  local copy is copied into ``media/`` (one file per image key) and referenced relatively;
* comment threads are nested lists with Blogger's ``c<id>`` anchors (see ``thread``);
* deterministic bytes; the site is staged and moved into place whole (see ``stage``);
* post pages are rendered in forked workers on large blogs (``parallel.map_ranges``); each
  worker writes its files into the staging folder and sends back only excerpts and counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ...model import Archive
from ...options import WriteOptions
from ..contract import Output

name = "html"
title = "Offline HTML archive site: threaded comments, no script, no server (-o names the folder)"
extensions = ("",)
target: Literal["file", "folder"] = "folder"
output: Output = "folder"  # -o names the site's root folder


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write the site under ``path`` (a folder); files that exist and differ need ``force``.

    The whole site is rendered into a staging folder first; nothing reaches ``path`` unless
    every file could be made. Files already there with the same bytes are left alone.
    """
    from .site import Staging, render_site  # Jinja2 and nh3 load here, on first use

    with Staging(Path(path), force) as staging:
        warnings = render_site(archive, options, staging)
        return staging.commit(), warnings
