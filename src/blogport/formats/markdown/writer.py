"""Rendering a whole Markdown site: every file's text, in forked workers for large blogs, then
written inside the output folder only when every file can be.

Each worker rewrites its own posts' same-blog links (:mod:`.crosslinks`; the counts of links left
as written travel back and add up) and, when writing, stages its files itself in the staging
folder, so only names travel back, never the text. With ``--media`` links and images
(:mod:`.media`) are rewritten in the main process first, so the image counts are whole.
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
from ...output import OutputFence, StagedFolder, conflicts_error, file_mode, same_bytes, staged_folder
from ...report import agree, counted
from ...safety import neutralise_urls, sanitise_comment
from ...surrogates import replace_lone_surrogates
from ...threads import DEEPEST_NESTED, thread_depth
from .. import json_archive
from .content import comments_html, comments_markdown, front_matter, guard_liquid, pelican_html, thread_data
from .convert import convert_all
from .crosslinks import LinkCounts, LinkPlanner, SiteLinks
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
    files, _copies, warnings, _staged = render_site(archive, root, options)
    return files, warnings


@attrs.frozen
class _Sink:
    """Where workers stage their files themselves (``write_to_path``), instead of sending the text back."""

    stage: StagedFolder
    fence: OutputFence
    force: bool
    mode: int


@attrs.define
class _Part:
    """What one range of entries sends back: its files' text (no sink), or only their names."""

    files: dict[str, str]
    staged: list[Path]  # written into the staging folder (with a sink)
    conflicts: list[str]  # existing files with other content (with a sink, without force)
    links: LinkCounts | None


def render_site(
    archive: Archive, root: Path, options: WriteOptions, sink: _Sink | None = None
) -> tuple[dict[str, str], dict[str, Path], list[str], list[_Part]]:
    """The site's text files, the image files to copy in (``--media``: site path → stored file), the
    warnings, and what each range of entries sent back (with a ``sink``, its files are staged already).
    """
    flavor = flavor_named(options.flavor)
    warnings: list[str] = []
    entries = plan_entries(archive, flavor, options, warnings)
    heading = comments_heading(archive)
    inline_comments = options.comments == "inline"
    links = SiteLinks()
    planner = None
    links_at = len(warnings)
    if not options.keep_links:
        planner = LinkPlanner(archive, entries, flavor.link, inline_comments)
        # images and comment data files are planned over the tokenised bodies, here in the parent
        if options.media is not None or options.comments == "data":
            planner.tokenise(entries, links)
            planner = None
            if options.comments == "data":
                plan_data_links(archive, entries, flavor, links)
            warnings.extend(links.warnings())
    copies: dict[str, Path] = {}
    if options.media is not None:
        manifest = read_manifest(Path(options.media))
        copies, counts = plan_media(entries, flavor, manifest, links, inline_comments, options.comments == "data")
        warnings.extend(counts.warnings())
    job = _Job(
        archive=archive, entries=entries, options=options, heading=heading, links=links, planner=planner, sink=sink
    )
    files: dict[str, str] = {}
    parts = _render_parallel(job)
    for part in parts:
        files.update(part.files)
        if part.links is not None:
            links.absorb(part.links)
    if planner is not None:
        warnings[links_at:links_at] = links.warnings()
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
    return files, copies, warnings, parts


@attrs.frozen
class _Job:
    archive: Archive
    entries: list[Entry]
    options: WriteOptions
    heading: str
    links: SiteLinks
    planner: LinkPlanner | None  # set when each range tokenises its own links (no --media)
    sink: _Sink | None


def _render_parallel(job: _Job) -> list[_Part]:
    """Render every entry, in forked workers when the blog is large enough to gain (see parallel.py)."""
    weights = [len(e.post.content) + sum(len(c.content) for c in e.post.all_comments()) for e in job.entries]
    return parallel.map_ranges(_render_part, job, weights, job.options.jobs)


def _render_part(job: _Job, start: int, stop: int) -> _Part:
    """Entries ``start``..``stop`` rendered, and staged when the job has a sink."""
    links = job.links
    if job.planner is not None:
        links = SiteLinks()  # this range's own tokens: they are replaced before its files leave it
        job.planner.tokenise(job.entries[start:stop], links)
    files = _render_range(job, links, start, stop)
    counts = links.counts() if job.planner is not None else None
    if job.sink is None:
        return _Part(files=files, staged=[], conflicts=[], links=counts)
    staged, conflicts = _stage(job.sink, files)
    return _Part(files={}, staged=staged, conflicts=conflicts, links=counts)


def _stage(sink: _Sink, files: dict[str, str]) -> tuple[list[Path], list[str]]:
    """Stage the files that are new or changed; name those that exist with other content (without force)."""
    staged: list[Path] = []
    conflicts: list[str] = []
    for relative, text in files.items():
        data = text.encode("utf-8")
        target = _changed_target(sink.fence, relative, data, sink.force, conflicts)
        if target is not None:
            sink.stage.write_staged(target, data, sink.mode)
            staged.append(target)
    return staged, conflicts


def _changed_target(
    fence: OutputFence, relative: str, data: bytes | Path, force: bool, conflicts: list[str]
) -> Path | None:
    """Where ``relative`` goes, or ``None`` when it holds these bytes already or is a conflict (then named)."""
    target = fence.target(relative)
    if target.exists():
        if target.is_dir():
            raise OutputError(f"{target}: is a folder, expected a file")
        if same_bytes(target, data):
            return None
        if not force:
            conflicts.append(relative)
            return None
    return target


def _render_range(job: _Job, links: SiteLinks, start: int, stop: int) -> dict[str, str]:
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
        body = links.finish(body, in_raw_block)
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

    Nothing is written unless every file can be: every file is staged (the posts' by the workers
    that render them, :func:`~blogport.output.staged_folder`), then, unless some existing file
    differs without ``force``, the whole set is moved into place. Files that exist with the same
    bytes are left alone, so a re-run over the same folder changes nothing.
    """
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{root}: exists and is not a folder (Markdown output is a site folder)")
    try:
        return _write_site(archive, root, options, force)
    except UnicodeEncodeError:  # lone surrogates (from a JSON archive): rare, so only handled when met
        archive, replaced = replace_lone_surrogates(archive)
        written, warnings = _write_site(archive, root, options, force)
        warnings.append(
            f"{counted(replaced, 'lone surrogate code point')}, which UTF-8 cannot carry, "
            f"{agree(replaced, 'was', 'were')} replaced by U+FFFD"
        )
        return written, warnings


def _write_site(archive: Archive, root: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    fence = OutputFence(root)
    with staged_folder(root) as stage:  # all files or none: a full disk leaves no partial site
        stage.prepare()  # before the workers fork: they stage into it
        sink = _Sink(stage=stage, fence=fence, force=force, mode=file_mode())
        files, copies, warnings, parts = render_site(archive, root, options, sink)
        encoded: dict[str, bytes | Path] = {relative: text.encode("utf-8") for relative, text in files.items()}
        encoded.update(copies)  # images are read one at a time, when staged
        conflicts = [name for part in parts for name in part.conflicts]
        targets: list[tuple[Path, bytes | Path]] = []
        for relative, data in encoded.items():
            target = _changed_target(fence, relative, data, force, conflicts)
            if target is not None:
                targets.append((target, data))
        if conflicts:
            raise conflicts_error(root, conflicts)
        written = [target for part in parts for target in part.staged]
        with progress.phase("writing files", len(written) + len(targets), "file") as advance:
            for target in written:
                stage.adopt(target)
            advance(len(written))  # the workers wrote these while rendering
            for target, data in targets:
                stage.add(target, data.read_bytes() if isinstance(data, Path) else data, sink.mode)
                written.append(target)
                advance(1)
    return written, warnings


def iter_anchor_ids(post: Post) -> Iterator[str]:
    """The comment anchors of a post in thread order (what a built page must show, in order)."""
    for comment in post.all_comments():
        yield f"c{comment.id}"
