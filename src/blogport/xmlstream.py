"""Safe, streaming XML input shared by the XML readers.

Documents are parsed once, with ``lxml.etree.iterparse``, and each entry is freed as soon
as the reader has taken what it needs, so memory stays bounded by the model, not the file.
No DTD is loaded, no entity expanded, nothing fetched from the network: an input that
declares a DTD is refused before parsing, since no blog export has one.

libxml2 runs in recovery mode so that an export with a mere namespace slip (Blogger
exports edited by hand use ``app:`` undeclared) is still read, with a warning; any other
XML error stops the read with the file, line and column.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

from lxml import etree

from .errors import InputError
from .report import counted
from .salvage import Damage, SalvageLog, locate
from .sources import Document, Readable

ATOM = "{http://www.w3.org/2005/Atom}"

Progress = Callable[[int], None]

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
# What the module doc promises: no entity expanded, no DTD or network fetch; comments and
# processing instructions are dropped; huge_tree lifts libxml2's depth and text-size limits.
_SAFE_PARSING = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}


def starts_as_xml(head: bytes) -> bool:
    """True when the first bytes, after a UTF-8 byte order mark and spaces, open markup (``<``):
    notes that quote an export's markup (a README, a PROVENANCE.md) are not exports."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def check_xml_head(document: Document) -> None:
    """Refuse empty, binary and DTD-carrying documents with a clear error, before parsing."""
    head = document.head
    if document.size == 0 or not head.strip():
        raise InputError("the file is empty", document.name)
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("this is a binary file, not a blog export", document.name)
    doctype = _DOCTYPE.search(head)
    root = _ROOT_START.search(head)
    if doctype and (root is None or doctype.start() < root.start()):
        raise InputError(
            "the document declares a DTD (<!DOCTYPE ...>); blog exports never do, and DTDs can "
            "expand entities or read local files, so it is refused",
            document.name,
        )


class _CountingStream:
    """A read-only stream that reports how many bytes were read, for progress bars."""

    def __init__(self, raw: Readable, progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if data:
            self._progress(len(data))
        return data


def iter_entries(
    document: Document,
    tag: str,
    on_header: Callable[[etree._Element], None],
    warnings: list[str],
    progress: Progress | None = None,
    salvage: SalvageLog | None = None,
) -> Iterator[etree._Element]:
    """Yield each ``tag`` element of ``document`` as it completes, then free it.

    ``on_header`` receives the root element once, when the first entry is complete (or at the
    end if there is none): by then every child that precedes the entries (feed id, title,
    links, author) is parsed. The reader must not keep references to yielded elements.
    With ``salvage`` (rescue mode), the first damage ends the document instead of failing:
    the entries complete before it are yielded and ``salvage.damage`` says where it broke.
    """
    check_xml_head(document)
    header_seen = False
    with contextlib.closing(document.open()) as raw:
        stream: Readable | _CountingStream = _CountingStream(raw, progress) if progress else raw
        parser = etree.iterparse(
            stream,
            events=("end",),
            tag=tag,
            recover=salvage is None,  # salvaging parses strictly: it stops at the first damage
            **_SAFE_PARSING,
        )
        try:
            for _event, element in parser:
                if not header_seen:
                    header_seen = True
                    parent = element.getparent()
                    on_header(parent if parent is not None else element)
                yield element
                element.clear()
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (None, None)
            if salvage is None:
                raise InputError(f"not well-formed XML: {exc.msg}", document.name, line, column) from None
            fatal = [e for e in parser.error_log if e.domain != etree.ErrorDomains.NAMESPACE]
            if fatal:  # a namespace slip alone is not damage: it is read as usual, below
                first = fatal[0]
                salvage.damage = Damage(first.message.strip(), first.line, first.column)
        except InputError as exc:  # a zip member that cannot be read further
            if salvage is None:
                raise
            salvage.damage = Damage(exc.message, byte=getattr(raw, "offset", None))
        except OSError as exc:
            raise InputError(f"cannot read: {exc}", document.name) from None
        if salvage is not None and salvage.damage is not None:
            locate(document, salvage.damage)
            if not header_seen:
                raise InputError(
                    f"nothing to salvage: damaged before the first entry ({salvage.damage.reason})",
                    document.name,
                    salvage.damage.line,
                    salvage.damage.column,
                )
            return
        _raise_or_warn(parser.error_log, document, warnings)
        root = parser.root
        if root is None and not header_seen:
            raise InputError("no XML document found", document.name)
        if not header_seen:
            on_header(root)


_FEED_START = re.compile(rb"<feed\b[^>]*>")
_ENTRY_START = re.compile(rb"<entry[\s>]")


class _SliceStream:
    """Bytes ``prefix`` + file[start:stop] + ``suffix``, read in chunks."""

    def __init__(self, path: str, start: int, stop: int, prefix: bytes, suffix: bytes) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._file.seek(start)
        self._left = stop - start
        self._prefix = prefix
        self._suffix = suffix

    def read(self, size: int = -1) -> bytes:
        size = 1 << 20 if size is None or size < 0 else size
        if self._prefix:
            out, self._prefix = self._prefix[:size], self._prefix[size:]
            return out
        if self._left > 0:
            data = self._file.read(min(size, self._left))
            self._left -= len(data)
            if data:
                return data
            self._left = 0
        out, self._suffix = self._suffix[:size], self._suffix[size:]
        return out

    def close(self) -> None:
        self._file.close()


def split_feed(document: Document, tail_share: float) -> tuple[Document, Document] | None:
    """Two well-formed halves of an Atom feed on disk, cut at an ``<entry`` boundary.

    The first keeps the feed's header and ends with ``</feed>``; the second is the root start
    tag followed by the entries from the cut (about ``tail_share`` of the bytes) to the end.
    ``None`` when the document is not a plain file or no boundary is found. Blogger escapes
    post bodies, so a literal ``<entry`` is always a tag.
    """
    if document.path is None:
        return None
    head = document.head
    root = _FEED_START.search(head)
    if root is None or _DOCTYPE.search(head[: root.start()]):
        return None
    prefix = head[: root.end()]
    cut_from = int(document.size * (1 - tail_share))
    with open(document.path, "rb") as handle:
        handle.seek(cut_from)
        window = handle.read(4 << 20)
    found = _ENTRY_START.search(window)
    if found is None:
        return None
    cut = cut_from + found.start()
    if cut <= root.end():
        return None
    path = document.path
    first = Document(
        name=document.name,
        opener=lambda: _SliceStream(path, 0, cut, b"", b"</feed>"),
        size=cut,
        head=head,
        container=document.container,
        path=None,
    )
    second_head = prefix + window[found.start() : found.start() + len(head)]
    second = Document(
        name=document.name,
        opener=lambda: _SliceStream(path, cut, document.size, prefix, b""),
        size=document.size - cut + len(prefix),
        head=second_head,
        container=document.container,
        path=None,
    )
    return first, second


def _raise_or_warn(log: etree._ListErrorLog, document: Document, warnings: list[str]) -> None:
    namespace_slips: list[etree._LogEntry] = []
    for entry in log:
        if entry.level < etree.ErrorLevels.ERROR:
            continue
        if entry.domain == etree.ErrorDomains.NAMESPACE:
            namespace_slips.append(entry)
            continue
        message = entry.message.strip()
        if "amplification" in message or "entity" in message.lower():
            message += " (entity expansion is refused)"
        raise InputError(f"not well-formed XML: {message}", document.name, entry.line, entry.column)
    if namespace_slips:
        first = namespace_slips[0]
        warnings.append(
            f"{document.name}:{first.line}:{first.column}: the XML is not well-formed "
            f"({first.message.strip()}; {counted(len(namespace_slips), 'such error')}); read anyway, "
            "matching those elements by their local name"
        )


def local_name(element: etree._Element) -> str:
    """The element's name without namespace or undeclared prefix (``app:draft`` → ``draft``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    tag = tag.rpartition("}")[2]
    return tag.rpartition(":")[2]


def text_of(element: etree._Element | None) -> str | None:
    """The element's text, stripped; ``None`` when absent or blank."""
    if element is None:
        return None
    text = element.text
    if text is None:
        return None
    text = text.strip()
    return text or None
