"""WordPress eXtended RSS (WXR): a writer that WordPress's importer takes whole, and a reader.

Writer (WXR 1.2, as ``wp-admin/includes/export.php`` writes it, shaped for the
``wordpress-importer`` plugin's parsers):

* the exporter's exact namespace prefixes and URIs; no DOCTYPE; every text in CDATA, with
  ``]]>`` split and characters XML 1.0 forbids removed (and counted in the warnings);
* small sequential ``wp:post_id`` and ``wp:comment_id``; Blogger's 19-digit ids are kept in
  ``blogger_id`` post and comment meta. The importer inserts a post's comments in id order and
  remaps a parent only if it is already in, so comment ids are given in a pre-order walk of
  each thread: every parent's id is lower than its replies';
* deleted comments (tombstones) are written as approved comments holding Blogger's "removed"
  text, with comment meta ``blogger_deleted`` = 1: WordPress hides the replies of a
  comment it does not show, so a trashed tombstone would hide its whole sub-thread;
* two items with the same type, title (case-insensitive) and date would be merged by the
  importer (``post_exists``): the later one is moved by a second, with a warning; the exact
  original time stays in ``blogger_published``;
* comments whose post is missing cannot be imported: they are listed in the warnings.

Reader: WXR 1.0–1.2 into the model (posts and pages; attachments, menus and other types are
counted in the warnings), ``wp:comment_parent`` threads, and the ``blogger_*`` meta this
writer stores, so Blogger → WXR → model gives back the same posts, comments and threads.

The writer is :mod:`.writer`, the reader :mod:`.reader`: side by side, as they guard one round trip.
"""

from __future__ import annotations

from ..contract import Output
from .reader import read
from .writer import split_names, write, write_to_path

name = "wxr"
title = "WordPress eXtended RSS (WXR 1.0-1.2), for WordPress's importer"
extensions = (".xml", ".wxr")
output: Output = "file"

__all__ = ["detect", "extensions", "name", "output", "read", "split_names", "title", "write", "write_to_path"]


def detect(head: bytes) -> bool:
    """True for a WXR file: RSS with the WordPress export namespace."""
    return b"<rss" in head and b"wordpress.org/export/" in head
