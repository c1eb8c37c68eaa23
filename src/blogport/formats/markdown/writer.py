"""Rendering a whole Markdown site: every file's text, in forked workers for large blogs, then
written inside the output folder only when every file can be.

Before the workers start, same-blog links (:mod:`.crosslinks`) and, with ``--media``, images
(:mod:`.media`) are rewritten in the main process, so the counts they report are whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs

from ... import parallel, progress
from ...errors import OutputError
from ...media.manifest import read_manifest
from ...model import Archive, Post
from ...options import WriteOptions
from ...output import OutputFence, conflicts_error, file_mode, same_bytes, staged_folder
from ...report import agree, counted
from ...safety import neutralise_urls, sanitise_comment
from ...surrogates import replace_lone_surrogates
from ...threads import DEEPEST_NESTED, thread_depth
from .. import json_archive
from .content import comments_html, comments_markdown, front_matter, guard_liquid, pelican_html, thread_data
from .convert import convert_all
from .crosslinks import SiteLinks, plan_links
from .engines import adapt
from .flavors import flavor_named
from .media import localise_comment_data, plan_data_links, plan_media
from .plan import Entry, plan_entries
from .site import comments_heading, redirect_maps, report

COMMENTS_HEADING = {
    "en": "Comments",
    "fr": "Commentaires",
    "de": "Kommentare",
    "es": "Comentarios",
    "it": "Commenti",
    "pt": "Comentários",
    "nl": "Reacties",
    "ca": "Comentaris",
    "pl": "Komentarze",
    "sv": "Kommentarer",
    "da": "Kommentarer",
    "no": "Kommentarer",
    "nb": "Kommentarer",
    "fi": "Kommentit",
    "cs": "Komentáře",
    "ro": "Comentarii",
    "hu": "Megjegyzések",
    "tr": "Yorumlar",
    "ru": "Комментарии",
    "uk": "Коментарі",
    "el": "Σχόλια",
    "ja": "コメント",
    "zh": "评论",
    "ko": "댓글",
    "ar": "التعليقات",
    "he": "תגובות",
    "id": "Komentar",
    "vi": "Nhận xét",
}


def render(archive: Archive, root: Path, options: WriteOptions) -> tuple[dict[str, str], list[str]]:
    """Every file of the site (relative path → text) and the warnings, without writing anything."""
    files, _copies, warnings = render_site(archive, root, options)
    return files, warnings


def render_site(
    archive: Archive, root: Path, options: WriteOptions
) -> tuple[dict[str, str], dict[str, Path], list[str]]:
    """The site's text files, the image files to copy in (``--media``: site path → stored file), the warnings."""
    flavor = flavor_named(options.flavor)
    warnings: list[str] = []
    entries = plan_entries(archive, flavor, options, warnings)
    heading = comments_heading(archive)
    inline_comments = options.comments == "inline"
    links = SiteLinks()
    if not options.keep_links:
        links = plan_links(archive, entries, flavor.link, inline_comments)
        if options.comments == "data":
            plan_data_links(archive, entries, flavor, links)
        warnings.extend(links.warnings())
    copies: dict[str, Path] = {}
    if options.media is not None:
        manifest = read_manifest(Path(options.media))
        copies, counts = plan_media(entries, flavor, manifest, links, inline_comments, options.comments == "data")
        warnings.extend(counts.warnings())
    job = _Job(archive=archive, entries=entries, options=options, heading=heading, links=links)
    files: dict[str, str] = {}
    for part in _render_parallel(job):
        files.update(part)
    if options.comments == "data" and flavor.comments_data_note and any(e.post.comments for e in entries):
        warnings.append(flavor.comments_data_note)
    deep = [e.post.id for e in entries if thread_depth(e.post.comments) > DEEPEST_NESTED]
    if deep and options.comments != "none":
        how = (
            "shown flat below that level, each with a link to its parent"
            if options.comments == "inline"
            else ("written as a flat list in thread order (parent_id gives the thread)")
        )
        warnings.append(
            f"{counted(len(deep), 'post')} {agree(len(deep), 'has a reply thread', 'have reply threads')} deeper than "
            f"{DEEPEST_NESTED} levels "
            f"({', '.join(deep[:10])}{' …' if len(deep) > 10 else ''}): their comments are {how}"
        )
    files.update(flavor.site(archive, root, warnings))
    files.update(redirect_maps(entries, archive, flavor))
    files["_blogport/report.md"] = report(archive, entries, options, warnings)
    return files, copies, warnings


@attrs.frozen
class _Job:
    archive: Archive
    entries: list[Entry]
    options: WriteOptions
    heading: str
    links: SiteLinks


def _render_parallel(job: _Job) -> list[dict[str, str]]:
    """Render every entry, in forked workers when the blog is large enough to gain (see parallel.py)."""
    weights = [len(e.post.content) + sum(len(c.content) for c in e.post.all_comments()) for e in job.entries]
    return parallel.map_ranges(_render_range, job, weights, job.options.jobs)


def _render_range(job: _Job, start: int, stop: int) -> dict[str, str]:
    """The files of entries ``start``..``stop``: bodies and comments converted in one batch."""
    options, flavor = job.options, flavor_named(job.options.flavor)
    entries = job.entries[start:stop]
    if not options.keep_html:
        fragments = [entry.post.content if entry.html is None else entry.html for entry in entries]
        owners: list[tuple[Entry, str]] = []
        if options.comments == "inline":
            for entry in entries:
                for comment in entry.post.all_comments():
                    owners.append((entry, comment.id))
                    fragments.append(sanitise_comment(entry.comment_html.get(comment.id, comment.content)))
        converted = convert_all(fragments)
        for entry, text in zip(entries, converted[: len(entries)], strict=True):
            entry.body = text
        for (entry, cid), text in zip(owners, converted[len(entries) :], strict=True):
            entry.comment_texts[cid] = text
    files: dict[str, str] = {}
    for entry in entries:
        post = entry.post
        comments_data = None
        if options.comments == "data" and post.comments:
            comments_data = localise_comment_data(thread_data(post), entry.comment_html)
            if flavor.comments_data_folder:
                files[f"{flavor.comments_data_folder}/{entry.slug}.json"] = json_archive.dump_data(comments_data)
        if options.keep_html:
            body = neutralise_urls(post.content if entry.html is None else entry.html) + "\n"
            if options.comments == "inline":
                body += "\n" + comments_html(post, job.heading, entry.comment_html)
        else:
            body = entry.body
            if options.comments == "inline":
                thread = comments_markdown(post, entry.comment_texts, job.heading)
                if thread:
                    body = (body + "\n" if body else "") + thread
            body = adapt(body, flavor.engine)
        if flavor.guard is not None:
            guarded = flavor.guard(body)
            in_raw_block = flavor.guard is guard_liquid and guarded != body
            body = guarded
        else:
            in_raw_block = False
        body = job.links.finish(body, in_raw_block)
        if flavor.keep_html_document and options.keep_html:
            files[entry.path] = pelican_html(entry, body)
        else:
            files[entry.path] = (
                front_matter(entry, flavor, comments_data if flavor.comments_in_front_matter else None) + body
            )
        entry.comment_texts = {}
        entry.body = ""
        entry.html = None
        entry.comment_html = {}
    return files


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write the site under ``path`` (a folder). Files that exist and differ need ``force``.

    Nothing is written unless every file can be: conflicts are reported first, then every file
    is staged and the whole set moved into place (:func:`~blogport.output.staged_folder`).
    Files that exist with the same bytes are left alone, so a re-run over the same folder
    changes nothing.
    """
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{root}: exists and is not a folder (Markdown output is a site folder)")
    try:
        files, copies, warnings = render_site(archive, root, options)
        encoded: dict[str, bytes | Path] = {relative: text.encode("utf-8") for relative, text in files.items()}
    except UnicodeEncodeError:  # lone surrogates (from a JSON archive): rare, so only handled when met
        archive, replaced = replace_lone_surrogates(archive)
        files, copies, warnings = render_site(archive, root, options)
        encoded = {relative: text.encode("utf-8") for relative, text in files.items()}
        warnings.append(
            f"{counted(replaced, 'lone surrogate code point')}, which UTF-8 cannot carry, "
            f"{agree(replaced, 'was', 'were')} replaced by U+FFFD"
        )
    encoded.update(copies)  # images are read one at a time, when staged
    targets: list[tuple[Path, bytes | Path]] = []
    conflicts: list[str] = []
    fence = OutputFence(root)
    for relative, data in encoded.items():
        target = fence.target(relative)
        if target.exists():
            if target.is_dir():
                raise OutputError(f"{target}: is a folder, expected a file")
            if same_bytes(target, data):
                continue
            if not force:
                conflicts.append(relative)
                continue
        targets.append((target, data))
    if conflicts:
        raise conflicts_error(root, conflicts)
    written = []
    mode = file_mode()
    with (
        staged_folder(root) as stage,  # all files or none: a full disk leaves no partial site
        progress.phase("writing files", len(targets), "file") as advance,
    ):
        for target, data in targets:
            stage.add(target, data.read_bytes() if isinstance(data, Path) else data, mode)
            written.append(target)
            advance(1)
    return written, warnings


def iter_anchor_ids(post: Post) -> Iterator[str]:
    """The comment anchors of a post in thread order (what a built page must show, in order)."""
    for comment in post.all_comments():
        yield f"c{comment.id}"
