"""The library's entry points: read inputs into archives, write archives out."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, overload

import attrs

from . import formats
from .errors import InputError, UsageError
from .formats.contract import Reader
from .model import Archive
from .options import ReadOptions, WriteOptions
from .output import writes_in_place
from .report import counted
from .sources import Document, open_inputs

if TYPE_CHECKING:
    from .media.rewrite_json import AttachedMedia

PathLike = str | os.PathLike[str]
Inputs = PathLike | Iterable[PathLike]  # one input path, or several


@contextlib.contextmanager
def bulk_mode() -> Iterator[None]:
    """Pause the cyclic garbage collector while building or writing a large model.

    The model is acyclic (plain frozen data), so nothing is leaked; without the pause the
    collector rescans the growing model over and over (about 10% of a large conversion).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plan(paths: Inputs, format: str | None = None, salvage: bool = False) -> list[tuple[Document, Reader | None]]:
    """Each document behind ``paths`` with the reader that will read it (``None``: skipped).

    ``format`` forces a reader by name; ``salvage`` opens cut-off zip archives too. A file named
    directly that no reader recognizes is an error; inside a folder or zip it is skipped (``None``).
    """
    path_list = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    if not path_list:
        raise UsageError("no input given")
    forced = formats.reader_named(format) if format else None
    steps: list[tuple[Document, Reader | None]] = []
    for document in open_inputs(path_list, salvage):
        reader: Reader | None = formats.detect(document)
        if forced is not None:
            reader = forced if (document.container is None or reader is forced) else None
        if reader is None and document.container is None:
            raise formats.explain_unknown(document)
        steps.append((document, reader))
    if not any(reader for _, reader in steps):
        named = ", ".join(str(p) for p in path_list)
        raise InputError("no Blogger export or blogport archive found inside", named)
    return steps


def read_all(
    paths: Inputs,
    format: str | None = None,
    options: ReadOptions | None = None,
) -> list[Archive]:
    """Read every blog in ``paths`` (files, folders or zip archives); one :class:`Archive` per blog.

    ``format`` forces a reader by name (any ``name`` in ``formats.READERS``, as ``--from``
    takes it: ``blogger-classic``, ``blogger-takeout``, ``blogger-html``, ``wxr``, ``json``);
    otherwise each document's content decides. Files inside a folder or zip that no reader
    recognizes are skipped; a file named directly must be recognized.
    """
    return read_planned(plan(paths, format, options.salvage if options else False), options)


def read_planned(steps: list[tuple[Document, Reader | None]], options: ReadOptions | None = None) -> list[Archive]:
    """Read the documents of a :func:`plan`, each group with its reader."""
    options = options or ReadOptions()
    groups: dict[str, tuple[Reader, list[Document]]] = {}
    for document, reader in steps:
        if reader is not None:
            groups.setdefault(reader.name, (reader, []))[1].append(document)
    archives: list[Archive] = []
    with bulk_mode():
        for reader, group in groups.values():
            archives.extend(reader.read(group, options))
    skipped = [document.name for document, reader in steps if reader is None]
    if skipped:
        note = skipped_files_warning(skipped)
        archives = [attrs.evolve(archive, warnings=(*archive.warnings, note)) for archive in archives]
    return archives


_SKIPPED_SHOWN = 5


def skipped_files_warning(names: list[str]) -> str:
    """The warning for the files of a folder or zip that no reader recognizes (named, a few of them)."""
    shown = ", ".join(names[:_SKIPPED_SHOWN]) + (
        f" (and {len(names) - _SKIPPED_SHOWN} more)" if len(names) > _SKIPPED_SHOWN else ""
    )
    return (
        f"skipped {counted(len(names), 'file')} of the input that no reader recognizes "
        f"(not a Blogger export, page or feed, a WARC, WXR or blogport archive): {shown}"
    )


def blog_names(archive: Archive) -> list[str]:
    """The names ``--blog`` accepts for ``archive``: its title, id, and Takeout folder name."""
    names = [archive.blog.title, archive.blog.id or ""]
    if archive.blog.source:
        for file in archive.blog.source.files:
            parts = file.split("/")
            if len(parts) >= 2:
                names.append(parts[-2])
    return [n for n in names if n]


def select_blog(archives: list[Archive], blog: str | None) -> Archive:
    """The one archive named ``blog`` (title, id or folder, case-insensitive), or the only one."""
    if blog is None:
        if len(archives) == 1:
            return archives[0]
        listing = "; ".join(f"{a.blog.title!r} (id {a.blog.id})" for a in archives)
        raise UsageError(f"the input holds {len(archives)} blogs: {listing}; choose one with --blog NAME")
    wanted = blog.casefold()
    for archive in archives:
        if any(name.casefold() == wanted for name in blog_names(archive)):
            return archive
    listing = ", ".join(repr(a.blog.title) for a in archives)
    raise UsageError(f"no blog named {blog!r} in the input (found: {listing})")


@overload
def read(
    paths: Inputs,
    format: str | None = None,
    options: ReadOptions | None = None,
    blog: str | None = None,
    *,
    media: None = None,
) -> Archive: ...


# With a media folder the other options are typed as keywords (the call that selects this form).
@overload
def read(
    paths: Inputs,
    *,
    media: PathLike,
    format: str | None = None,
    options: ReadOptions | None = None,
    blog: str | None = None,
) -> tuple[Archive, AttachedMedia]: ...


def read(
    paths: Inputs,
    format: str | None = None,
    options: ReadOptions | None = None,
    blog: str | None = None,
    *,
    media: PathLike | None = None,
) -> Archive | tuple[Archive, AttachedMedia]:
    """Read one blog from ``paths``. With several blogs in the input, ``blog`` names the one wanted.

    ``media``: a media folder made by ``blogport media``; then ``(archive, media)`` is returned,
    ``media`` joining the archive and the folder's manifest
    (:func:`blogport.media.rewrite_json.attach`: ``media.images_of(post_id)``, ``media.local_file(url)``).
    A folder without ``manifest.jsonl`` is an :class:`InputError`.
    """
    archive = select_blog(read_all(paths, format, options), blog)
    if media is None:
        return archive
    from .media.rewrite_json import attach  # only when asked: reading stays as light as before

    return archive, attach(archive, media)


@attrs.frozen
class Written:
    """What :func:`write` did: the files written (none for a stream) and the writer's warnings."""

    paths: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()


# Output names that tell the format when none is given, as pandoc reads them (longest first).
OUTPUT_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".wxr.xml", "wxr"),
    (".json", "json"),
    (".wxr", "wxr"),
    (".xml", "wxr"),
)


def format_for_output(target: PathLike) -> str:
    """The output format that the name ``target`` asks for: ``.json`` → json, ``.wxr``/``.wxr.xml``/``.xml`` → wxr.

    A folder (an existing one, or a name ending in ``/``) and any other name need the format
    given: a :class:`UsageError` says so. A device or FIFO (``/dev/stdout``) gets JSON.
    """
    text = os.fspath(target)
    name = text.casefold()
    folder = text.endswith(("/", os.sep)) or Path(text).is_dir()
    if not folder:
        for suffix, format in OUTPUT_SUFFIXES:
            if name.endswith(suffix):
                return format
        if writes_in_place(Path(text)):
            return "json"
    what = "is a folder" if folder else "does not tell the output format (.json, .wxr, .wxr.xml, .xml do)"
    known = "|".join(formats.WRITERS)
    raise UsageError(f"{text}: {what}: give --to {known}")


def write(
    archive: Archive,
    target: PathLike | IO[str],
    format: str | None = None,
    options: WriteOptions | None = None,
    force: bool = False,
) -> Written:
    """Write ``archive`` to a path (atomically; an existing file only with ``force``) or a text stream.

    Without ``format``, a path's name decides (:func:`format_for_output`) and a stream gets JSON.
    Returns the files written and the warnings: what the output format could not carry.
    """
    options = options or WriteOptions()
    with bulk_mode():
        if isinstance(target, str | os.PathLike):
            format = format or format_for_output(target)
            paths, notes = formats.writer_named(format).write_to_path(archive, Path(target), options, force)
            return Written(tuple(paths), tuple(notes))
        notes = formats.stream_writer(format or "json").write(archive, target, options)
        return Written((), tuple(notes))


def dumps(archive: Archive) -> str:
    """The archive as blogport JSON text."""
    return formats.json_archive.dumps(archive)
