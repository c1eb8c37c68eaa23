"""The typed contract every format module meets, checked by mypy through the registry.

A format is a module. Its ``name`` is what ``--from``/``--to`` take, ``title`` what
``blogport formats`` prints, ``extensions`` the file names it is known by (the first is the
one written).

* A :class:`Reader` adds ``detect(head)``, a cheap test on the first 64 KiB of a document,
  and ``read(documents, options)``, one archive per blog found in the documents.
* A :class:`Writer` declares its ``output``: ``"file"`` or ``"folder"``, and has one entry
  point for a path, ``write_to_path(archive, path, options, force)``, which returns the paths
  written and the warnings (what the format could not carry). Nothing is written unless all
  of it can be; an existing output is replaced only with ``force``.
* A :class:`FileWriter` (``output == "file"``) can also write to a text stream: ``write``.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Literal, Protocol

from ..model import Archive
from ..options import ReadOptions, WriteOptions
from ..sources import Document

Output = Literal["file", "folder"]


class Format(Protocol):
    """What every format module declares."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...


class Reader(Format, Protocol):
    """A format blogport reads."""

    def detect(self, head: bytes) -> bool: ...

    def read(self, documents: list[Document], options: ReadOptions) -> list[Archive]: ...


class Writer(Format, Protocol):
    """A format blogport writes, to a file or to a folder."""

    @property
    def output(self) -> Output: ...

    def write_to_path(
        self, archive: Archive, path: Path, options: WriteOptions, force: bool
    ) -> tuple[list[Path], list[str]]: ...


class FileWriter(Writer, Protocol):
    """A writer of one file, which can also write to a text stream (``-o -``)."""

    def write(self, archive: Archive, stream: IO[str], options: WriteOptions) -> list[str]: ...
