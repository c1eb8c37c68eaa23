"""Turning what the user named (files, folders, zip archives) into documents to read.

A :class:`Document` is one readable stream with a display name and its first bytes (read
again when asked for, for a plain file), which the format registry sniffs to pick a reader.
Nothing here parses: opening a zip lists its members, and each member is decompressed only
when a reader streams it.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

import attrs
from attrs import frozen

from .errors import InputError

HEAD_SIZE = 64 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
# What zipfile raises on damaged archives besides BadZipFile: names flagged UTF-8 that are not
# (UnicodeDecodeError), corrupt deflate data (zlib.error), cut-off members (EOFError), odd methods
# (NotImplementedError), encryption (RuntimeError), bad headers (struct.error, ValueError).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    UnicodeDecodeError,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    ValueError,
)


class Readable(Protocol):
    """What a document's stream offers: ``read`` and ``close``."""

    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


@frozen
class Document:
    """One input stream: ``name`` for messages, ``opener`` to stream it, ``head`` to sniff.

    A plain file's head is not kept (``head=None``): it is read again, from the page cache, each
    time it is asked for, so that a mirror of thousands of pages does not hold 64 KB of each one
    in memory while it is read. Zip members, UTF-16/32 text (seen through its UTF-8 conversion)
    and documents made from memory keep theirs.
    """

    name: str
    opener: Callable[[], Readable]
    size: int
    _head: bytes | None = attrs.field(alias="head")
    container: str | None = None  # the zip or folder it came from, if any
    path: str | None = None  # the file on disk, when the document is a whole plain file

    @property
    def head(self) -> bytes:
        """The document's first bytes (up to 64 KB), for sniffing and for errors that quote it."""
        return self.first_bytes(HEAD_SIZE)

    def first_bytes(self, count: int) -> bytes:
        """The document's first ``count`` bytes (at most 64 KB: the head)."""
        if self._head is not None:
            return self._head[:count]
        try:
            with contextlib.closing(self.open()) as handle:
                return handle.read(min(count, HEAD_SIZE))
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", self.name) from None

    @property
    def member_path(self) -> str:
        """The path inside its container (or the file name), with ``/`` separators."""
        if self.container and self.name.startswith(self.container):
            return self.name[len(self.container) :].lstrip("!/\\").replace("\\", "/")
        return os.path.basename(self.name)

    def open(self) -> Readable:
        """Open the document for streaming (binary)."""
        return self.opener()

    def read_bytes(self, progress: Callable[[int], None] | None = None) -> bytes:
        """The whole document (for formats read in one piece), reported to ``progress`` once read."""
        try:
            with contextlib.closing(self.open()) as handle:
                raw = handle.read()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", self.name) from None
        if progress:
            progress(len(raw))
        return raw


def _expand_file(path: Path, container: str | None = None, salvage: bool = False) -> list[Document]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            # the zip magic or a byte-order mark; a file that cannot be read fails here, while listing
            lead = handle.read(4)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if lead == _ZIP_MAGIC:
        return [as_utf8(member) for member in _zip_documents(path, salvage)]
    document = Document(
        name=str(path), opener=lambda: _open_file(path), size=size, head=None, container=container, path=str(path)
    )
    return [as_utf8(document, lead)]


def _open_file(path: Path) -> Readable:
    return path.open("rb")


def _zip_documents(path: Path, salvage: bool = False) -> list[Document]:
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        if salvage:
            return _salvaged_zip_documents(path)
        hint = "; if it is a cut-off download, --salvage reads what it holds" if not salvage else ""
        raise InputError(f"not a readable zip archive ({_reason(exc)}){hint}", str(path)) from None
    documents = []
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or _hidden(info.filename):
                continue
            try:
                with archive.open(info) as member:
                    head = member.read(HEAD_SIZE)
            except ZIP_ERRORS as exc:
                raise InputError(f"cannot read zip member {info.filename} ({_reason(exc)})", str(path)) from None

            def opener(name: str = info.filename) -> Readable:
                # Each reader gets its own ZipFile handle so streams stay independent.
                return _ZipMemberStream(path, name)

            documents.append(
                Document(
                    name=f"{path}!{_member_name(info)}",
                    opener=opener,
                    size=info.file_size,
                    head=head,
                    container=str(path),
                )
            )
    return documents


def _salvaged_zip_documents(path: Path) -> list[Document]:
    # Rescue mode, for an archive whose end (and so its directory) is missing: see zipsalvage.
    from .zipsalvage import LocalMember, LocalMemberStream, local_members

    documents = []
    for member in local_members(path):
        if member.name.endswith("/") or _hidden(member.name):
            continue
        name = f"{path}!{member.name}"
        try:
            stream = LocalMemberStream(path, member, name)
            try:
                head = stream.read(HEAD_SIZE)
            finally:
                stream.close()
        except InputError:
            continue  # cut off before its first bytes: nothing of it can be read

        def opener(member: LocalMember = member, name: str = name) -> Readable:
            return LocalMemberStream(path, member, name)

        documents.append(
            Document(
                name=name,
                opener=opener,
                size=member.compressed_size or path.stat().st_size - member.data_offset,
                head=head,
                container=str(path),
            )
        )
    if not documents:
        raise InputError("not a readable zip archive, even from its local headers (--salvage)", str(path))
    return documents


def _member_name(info: zipfile.ZipInfo) -> str:
    # Zip tools that do not flag UTF-8 names make Python decode them as CP437 ("num├⌐rique");
    # such names are nearly always UTF-8 really.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _reason(exc: BaseException) -> str:
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data: {exc}"
    return f"{type(exc).__name__}: {exc}" if isinstance(exc, EOFError | struct.error) else str(exc)


class _ZipMemberStream:
    """A zip member opened for reading that closes its archive handle with it.

    Damage found while streaming (corrupt or cut-off data, a CRC mismatch) is an
    :class:`InputError` naming the member and how many bytes were read before it.
    """

    def __init__(self, path: Path, member: str) -> None:
        self.name = f"{path}!{member}"
        self.offset = 0
        try:
            self._zip = zipfile.ZipFile(path)
            self._stream = self._zip.open(member)
        except ZIP_ERRORS as exc:
            raise InputError(f"cannot read zip member ({_reason(exc)})", self.name) from None

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._stream.read(size)
        except ZIP_ERRORS as exc:
            raise InputError(f"damaged zip member: {_reason(exc)} after {self.offset} bytes", self.name) from None
        self.offset += len(data)
        return data

    def close(self) -> None:
        self._stream.close()
        self._zip.close()


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in Path(name).parts)


def open_inputs(paths: Iterable[str | os.PathLike[str]], salvage: bool = False) -> list[Document]:
    """List the documents behind ``paths``: a file, a zip archive, or a folder (walked in name order).

    ``salvage``: a zip archive cut off before its directory is read from its members' own headers.
    """
    documents: list[Document] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or folder", str(path))
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(str(p.relative_to(path)))]
            for file in found:
                documents.extend(_expand_file(file, container=str(path), salvage=salvage))
            continue
        documents.extend(_expand_file(path, salvage=salvage))
    return documents


def file_documents(path: str | os.PathLike[str], container: str | None = None) -> list[Document]:
    """The documents of one file (itself, or a zip's members), as :func:`open_inputs` lists them
    when the file lies in the folder ``container``."""
    return _expand_file(Path(path), container)


# UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DECLARED_WIDE = re.compile(rb"""^(<\?xml[^>]*?encoding=)(["'])utf-(?:16|32)(?:-?[lb]e)?\2""", re.I)


def as_utf8(document: Document, lead: bytes | None = None) -> Document:
    """``document`` itself, or, for text in UTF-16 or UTF-32 with a byte-order mark, the same text as
    UTF-8 (its XML declaration saying so), so that every reader, and the sniffing, sees one encoding."""
    lead = document.first_bytes(4) if lead is None else lead  # ``lead``: its first 4 bytes, when known
    codec = next((name for bom, name in _WIDE_BOMS if lead.startswith(bom)), None)
    if codec is None:
        return document
    original = document.opener

    def opener() -> Readable:
        return _Utf8Stream(original(), codec)

    with contextlib.closing(opener()) as stream:
        head = stream.read(HEAD_SIZE)
    return attrs.evolve(document, opener=opener, head=head, path=None)


class _Utf8Stream:
    """A wide-encoded stream read as UTF-8 (undecodable units become U+FFFD, never an exception)."""

    def __init__(self, stream: Readable, codec: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._buffer = b""
        self._started = False
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            chunk = self._stream.read(-1 if size < 0 else max(size, 1 << 16))
            text = self._decoder.decode(chunk, final=not chunk)
            if not self._started:
                text = text.lstrip("\ufeff")
            data = text.encode("utf-8", "replace")
            if not self._started and data:
                self._started = True
                data = _DECLARED_WIDE.sub(rb"\1\2UTF-8\2", data, count=1)
            self._buffer += data
            self._done = not chunk
        if size < 0:
            size = len(self._buffer)
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def close(self) -> None:
        self._stream.close()
