"""The WXR writer (WXR 1.2, as ``wp-admin/includes/export.php`` writes it, shaped for the
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
* comments whose post is missing cannot be imported: they are listed in the warnings;
* links between posts of the blog point at their WordPress addresses (:mod:`.links`) unless
  ``keep_links``.

By stage: :mod:`.context` holds one conversion's state (planned before the first item, warnings
closed after the last), :mod:`.items` renders the header, items and comments, and this module
streams them into one file or, with ``split_size``, several.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ...model import Archive
from ...options import WriteOptions
from ...output import atomic_text_file, check_writable
from .context import finish, prepare
from .items import CHANNEL_FOOTER, channel_header, post_item


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Write ``archive`` as one WXR document; returns the warnings (orphans, moved dates, ...)."""
    context = prepare(archive, options or WriteOptions())
    stream.write(channel_header(archive, context))
    for post in archive.posts:
        stream.write(post_item(post, archive, context))
    stream.write(CHANNEL_FOOTER)
    return finish(context)


def split_names(path: Path, count: int) -> list[Path]:
    """The file names of a split WXR: ``blog.xml`` → ``blog-001.xml``, ``blog-002.xml`` …"""
    return [path.with_name(f"{path.stem}-{index:03d}{path.suffix or '.xml'}") for index in range(1, count + 1)]


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write to ``path``; with ``options.split_size`` several valid WXR files, each under that size.

    Every post goes whole (with all its comments) into one file, so a post larger than the
    limit gets a file of its own (and a warning). Files are written atomically.
    """
    if not options.split_size:
        with atomic_text_file(path, force=force) as stream:
            return [path], write(archive, stream, options)
    context = prepare(archive, options)
    header = channel_header(archive, context)
    budget = options.split_size - len(header.encode("utf-8")) - len(CHANNEL_FOOTER)
    groups: list[list[str]] = [[]]
    used = 0
    for post in archive.posts:
        item = post_item(post, archive, context)
        size = len(item.encode("utf-8"))
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        if size > budget:
            context.warnings.append(
                f"{post.kind} {post.id} with its comments is {size / 1e6:.1f} MB, over --split-size: "
                "it was written whole, in a file of its own"
            )
        groups[-1].append(item)
        used += size
    targets = split_names(path, len(groups))
    for target in targets:
        check_writable(target, force)
    for target, items in zip(targets, groups, strict=True):
        with atomic_text_file(target, force=force) as stream:
            stream.write(header)
            stream.writelines(items)
            stream.write(CHANNEL_FOOTER)
    return targets, finish(context)
