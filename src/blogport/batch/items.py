"""Planning a batch: what the user named becomes a stable, ordered list of items, one per blog.

Rules:

- An INPUT is a file, a folder, a zip, or ``@list.txt`` (one path per line; blank lines and
  ``#`` comments skipped; relative paths are relative to the current folder, as ``wget -i``).
- Each input is planned with :func:`blogport.api.plan` (heads only: nothing is parsed here).
  Within one input, the documents of one reader and one blog id (read from the document's
  first bytes) form one item, as ``blogport convert`` would merge them; a multi-blog Takeout
  therefore fans out into one item per blog; so does a WARC holding several blogs (read once
  here to find them: its head does not tell). Saved HTML pages form one item per top-level
  folder of the input (a mirror per site); when the canonical links in the heads of one folder's
  pages name several blogs, the folder is read once here and fans out into one item per blog,
  each with only its own pages (kept as one item when any page belongs to no blog found).
  Inputs never merge with each other.
- The key (``OUTDIR/<key>/``) is the blog id when known, else a safe name from the input plus
  8 hex digits of the input's sha256. Keys that collide get the 8 hex digits too, then a
  counter: unique, and stable for the same inputs.
- Items are sorted by their first document's path, then blog id: the order is stable.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import api
from ..errors import BlogportError, InputError, UsageError
from ..formats.contract import Reader
from ..options import ReadOptions
from ..sources import Document

_HASH_CHUNK = 1 << 20
# Blogger's blog id near the top of an Atom export (feed id) or of a blogport archive ("blog" first).
_BLOG_ID = {
    "blogger-classic": re.compile(rb"tag:blogger\.com,1999:blog-(\d+)"),
    "blogger-takeout": re.compile(rb"tag:blogger\.com,1999:blog-(\d+)"),
    "json": re.compile(rb'"blog"\s*:\s*\{\s*"id"\s*:\s*"(\d+)"'),
}
_FANNED_OUT_BY_READING = {"warc"}  # a crawl's blogs show only once its pages are read
_GROUPED_BY_FOLDER = {"blogger-html"}  # pages of one site merge; their blog id is not reliably in the head
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CANONICAL_LINK = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


@attrs.frozen
class Item:
    """One unit of batch work: the files of one blog, read by one reader, written to ``OUTDIR/<key>``.

    ``files`` are (file on disk, folder it was found in or ``None``) pairs, as the worker
    reopens them; ``members`` names the documents to keep when a file is a zip holding other
    blogs too (empty: all of them). ``input_sha256`` covers every file's bytes, for resume; it
    is empty when planning left it to the worker (one file, keyed by its blog id): see
    :func:`with_sha256`.
    An input that cannot even be planned (missing, empty, not a blog export) is an item with
    its ``error`` and ``exit_code``: it fails alone, the others run.
    """

    key: str
    input: str
    reader: str
    files: tuple[tuple[str, str | None], ...]
    members: tuple[str, ...] = ()
    blog_id: str | None = None
    input_sha256: str = ""
    error: str | None = None
    exit_code: int = 0

    def to_dict(self) -> dict[str, object]:
        """The item as plain data (what a worker receives: paths, never a model)."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Item:
        """The inverse of :meth:`to_dict`."""
        raw_files: Any = data["files"]
        raw_members: Any = data.get("members") or ()
        fields: Any = {k: v for k, v in data.items() if k not in ("files", "members")}
        files = tuple((str(path), container) for path, container in raw_files)
        return cls(files=files, members=tuple(raw_members), **fields)


def expand_lists(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs with every ``@list.txt`` replaced by the paths it lists."""
    paths: list[str] = []
    for raw in inputs:
        text = os.fspath(raw)
        if not text.startswith("@"):
            paths.append(text)
            continue
        listing = Path(text[1:])
        try:
            lines = listing.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(f"cannot read the list of inputs ({reason})", str(listing)) from None
        paths.extend(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    if not paths:
        raise UsageError("no input given (the lists named are empty)")
    return paths


def plan_items(
    inputs: Sequence[str | os.PathLike[str]], format: str | None = None, ignored: list[str] | None = None
) -> list[Item]:
    """The items behind ``inputs`` (files, folders, zips, ``@list.txt``), in a stable order, keys unique.

    Files inside folders and zips that no reader recognizes are skipped, as ``convert`` skips
    them, and their names added to ``ignored``.
    """
    items: list[Item] = []
    seen: set[tuple[str, ...]] = set()
    digests: dict[str, str] = {}
    for path in sorted({os.path.abspath(p) for p in expand_lists(inputs)}):
        groups: dict[tuple[str, str], list[Document]] = {}
        readers: dict[str, Reader] = {}
        hosts: dict[str, str | None] = {}  # the blog a saved page's canonical link names, by document
        try:
            steps = api.plan([path], format)
        except BlogportError as exc:
            items.append(_unplannable(path, exc, digests))
            continue
        for document, reader in steps:
            if reader is None:
                if ignored is not None:
                    ignored.append(document.name)
                continue
            readers[reader.name] = reader
            inside = _blogs_inside(reader, document) if reader.name in _FANNED_OUT_BY_READING else []
            for found in inside:  # the same document, one item per blog: each worker keeps its own
                groups.setdefault((reader.name, "id:" + found), []).append(document)
            if inside:
                continue
            head = document.head  # read once here: a plain file's head is not kept
            blog_id = _blog_id(reader.name, head)
            if blog_id is not None:
                group = "id:" + blog_id
            elif reader.name in _GROUPED_BY_FOLDER and document.container:
                group = "folder:" + document.member_path.partition("/")[0]
                hosts[document.name] = _page_host(head)
            else:
                group = "document:" + document.name
            groups.setdefault((reader.name, group), []).append(document)
        for (reader_name, group), documents in list(groups.items()):
            if group.startswith("folder:") and len({hosts.get(d.name) for d in documents} - {None}) > 1:
                by_blog = _pages_by_blog(readers[reader_name], documents)
                if by_blog:
                    del groups[(reader_name, group)]
                    groups.update({(reader_name, "id:" + blog_id): pages for blog_id, pages in by_blog.items()})
        for (reader_name, group), documents in groups.items():
            identity = (group, *(document.name for document in documents))
            if identity not in seen:  # the same documents named twice (say, in a list and as a folder)
                seen.add(identity)
                items.append(_item(path, reader_name, group, documents, digests))
    items.sort(key=lambda item: (item.files[0][0] if item.files else item.input, item.members[:1], item.blog_id or ""))
    return _unique_keys(items, digests)


def _item(path: str, reader: str, group: str, documents: list[Document], digests: dict[str, str]) -> Item:
    files: list[tuple[str, str | None]] = []
    for document in documents:
        # A zip member is reopened through its zip (which lists its members itself).
        entry = (document.path, document.container) if document.path else (document.container or path, None)
        if entry not in files:
            files.append(entry)
    members = () if all(document.path for document in documents) else tuple(d.name for d in documents)
    kind, _, value = group.partition(":")
    blog_id = value if kind == "id" else None
    if len(files) == 1:
        # A blog id makes the key: the hash waits for the worker, which hashes on all cores.
        digest = "" if blog_id is not None else file_sha256(files[0][0], digests)
    else:
        whole = hashlib.sha256()
        for file, _ in files:
            whole.update(f"{os.path.relpath(file, path)}\0{file_sha256(file, digests)}\0".encode())
        digest = whole.hexdigest()
    if blog_id is not None:
        key = blog_id
    elif kind == "folder":
        key = _safe(value)
    else:
        key = _safe(Path(documents[0].name.rpartition("!")[2] or documents[0].name).name)
    own = files[0][0] if len(files) == 1 else os.path.commonpath([file for file, _ in files])
    return Item(
        key=key,
        input=own,
        reader=reader,
        files=tuple(files),
        members=members,
        blog_id=blog_id,
        input_sha256=digest,
    )


def _unplannable(path: str, error: BlogportError, digests: dict[str, str]) -> Item:
    digest = ""
    if os.path.isfile(path):
        with contextlib.suppress(InputError):
            digest = file_sha256(path, digests)
    return Item(
        key=_safe(Path(path).name),
        input=path,
        reader="",
        files=(),
        input_sha256=digest,
        error=str(error),
        exit_code=error.exit_code,
    )


def _safe(name: str) -> str:
    stem = re.sub(r"\.(xml|atom|json|html?|zip|wxr)$", "", name, flags=re.IGNORECASE)
    return _UNSAFE.sub("-", stem).strip("-._")[:60] or "blog"


def _unique_keys(items: list[Item], digests: dict[str, str] | None = None) -> list[Item]:
    """Keys made unique: a blog id or name shared by several items gets the input hash, then a counter."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.key] = counts.get(item.key, 0) + 1
    unique: list[Item] = []
    used: set[str] = set()
    for item in items:
        key = item.key
        if item.blog_id is None or counts[key] > 1:
            item = with_sha256(item, digests)
            key = f"{key}-{item.input_sha256[:8] or 'missing'}"
        candidate, number = key, 1
        while candidate in used or candidate.startswith("_"):
            number += 1
            candidate = f"{key}-{number}"
        used.add(candidate)
        unique.append(attrs.evolve(item, key=candidate))
    return unique


def _blogs_inside(reader: Reader, document: Document) -> list[str]:
    """The blog ids of the blogs in a WARC, read now; empty when one has no id, or it is unreadable.

    A WARC's blogs cannot be told from its first bytes: it is read once here, and again by each
    of its items' workers (which keeps only its own blog). A WARC whose blogs are not all known
    stays one item, whose worker reads it or records why not.
    """
    try:
        archives = reader.read([document], ReadOptions())
    except BlogportError:
        return []
    ids = [archive.blog.id for archive in archives]
    return [blog_id for blog_id in ids if blog_id] if all(ids) else []


def _page_host(head: bytes) -> str | None:
    """The blog host a saved page's head names in its canonical link (the original of a Wayback URL)."""
    from ..formats._html_parts import blog_host, original_url

    link = _CANONICAL_LINK.search(head)
    href = _HREF.search(link.group(0)) if link else None
    return blog_host(original_url(href.group(1).decode("utf-8", "replace"))) if href else None


def _pages_by_blog(reader: Reader, documents: list[Document]) -> dict[str, list[Document]]:
    """A folder of several blogs' pages split by blog id (read once here), or empty when it cannot be.

    Empty when reading fails, a blog has no id, or a page belongs to no blog found: the folder
    then stays one item, whose worker reads it or records why not.
    """
    try:
        archives = reader.read(documents, ReadOptions())
    except BlogportError:
        return {}
    by_path = {document.member_path: document for document in documents}
    split: dict[str, list[Document]] = {}
    for archive in archives:
        files = archive.blog.source.files if archive.blog.source else ()
        if not archive.blog.id or not files:
            return {}
        split.setdefault(archive.blog.id, []).extend(by_path[f] for f in files if f in by_path)
    claimed = sum(len(pages) for pages in split.values())
    return split if claimed == len(documents) and len(split) > 1 else {}


def _blog_id(reader: str, head: bytes) -> str | None:
    pattern = _BLOG_ID.get(reader)
    match = pattern.search(head) if pattern else None
    return match.group(1).decode() if match else None


def with_sha256(item: Item, cache: dict[str, str] | None = None) -> Item:
    """``item`` with its input hash, computed now when planning left it to the worker."""
    if item.input_sha256 or not item.files:
        return item
    return attrs.evolve(item, input_sha256=file_sha256(item.files[0][0], cache))


def file_sha256(path: str, cache: dict[str, str] | None = None) -> str:
    """The sha256 of a file's bytes (hex), computed once per path when ``cache`` is given."""
    if cache is not None and path in cache:
        return cache[path]
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if cache is not None:
        cache[path] = digest.hexdigest()
    return digest.hexdigest()
