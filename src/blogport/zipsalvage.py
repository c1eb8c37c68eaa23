"""The members of a zip archive whose end is missing (a half-downloaded Takeout), for ``--salvage``.

Rules: a zip's directory is at its end, so a cut-off archive has none and ``zipfile``
cannot open it. Each member is also announced by a local header before its data: this
module walks those headers from the start, finds where each member's data ends (from the
header's size, or by inflating it when the size follows the data), and streams each member
by inflating it; the member the cut falls in ends with an :class:`InputError` saying how many
bytes were read, which the rescue mode reports. Only used when ``zipfile`` gives up.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import BinaryIO

import attrs

from .errors import InputError

_LOCAL = struct.Struct("<4s5H3L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_DESCRIPTOR_MAGIC = b"PK\x07\x08"
_STORED, _DEFLATED = 0, 8
_CHUNK = 1 << 20


@attrs.frozen
class LocalMember:
    """One member found by its local header: name, where its data starts, how it is stored."""

    name: str
    data_offset: int
    method: int
    compressed_size: int | None  # None: not in the header (it follows the data)


def local_members(path: Path) -> list[LocalMember]:
    """Every member whose local header is readable, in file order, up to the cut."""
    members: list[LocalMember] = []
    with open(path, "rb") as handle:
        offset = 0
        while True:
            handle.seek(offset)
            header = handle.read(_LOCAL.size)
            if len(header) < _LOCAL.size or not header.startswith(_LOCAL_MAGIC):
                break
            _magic, _version, flags, method, _time, _date, _crc, size, _full, name_length, extra_length = _LOCAL.unpack(
                header
            )
            raw_name = handle.read(name_length)
            encoding = "utf-8" if flags & 0x800 else "cp437"
            name = raw_name.decode(encoding, errors="replace")
            data = offset + _LOCAL.size + name_length + extra_length
            sized = not flags & 0x08 and size != 0xFFFFFFFF
            if method not in (_STORED, _DEFLATED) or (not sized and method != _DEFLATED):
                break  # cannot tell where this member ends
            members.append(LocalMember(name, data, method, size if sized else None))
            if sized:
                offset = data + size
                continue
            end = _deflate_end(handle, data)
            if end is None:
                break  # the cut falls in this member
            handle.seek(end)
            offset = end + (16 if handle.read(4) == _DESCRIPTOR_MAGIC else 12)
    return members


def _deflate_end(handle: BinaryIO, start: int) -> int | None:
    """Where the deflate data starting at ``start`` ends, or ``None`` if the file ends first."""
    inflater = zlib.decompressobj(-15)
    handle.seek(start)
    position = start
    try:
        while not inflater.eof:
            chunk = handle.read(_CHUNK)
            if not chunk:
                return None
            inflater.decompress(chunk)
            position += len(chunk)
    except zlib.error:
        return None
    return position - len(inflater.unused_data)


class LocalMemberStream:
    """A member's bytes, inflated from its local data; the cut is an :class:`InputError`."""

    def __init__(self, path: Path, member: LocalMember, name: str) -> None:
        self.name = name
        self.offset = 0
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._file.seek(member.data_offset)
        self._left = member.compressed_size
        self._inflater = zlib.decompressobj(-15) if member.method == _DEFLATED else None
        self._done = False
        self._pending = b""

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of the member (the next piece for -1); ``b""`` at its end."""
        if not self._pending:
            self._pending = self._next()
        if size is None or size < 0:
            size = len(self._pending)
        out, self._pending = self._pending[:size], self._pending[size:]
        return out

    def _next(self) -> bytes:
        while not self._done:
            want = _CHUNK if self._left is None else min(_CHUNK, self._left)
            chunk = self._file.read(want) if want else b""
            if self._left is not None:
                self._left -= len(chunk)
            if self._inflater is None:
                data = chunk
                self._done = self._left == 0
            else:
                try:
                    data = self._inflater.decompress(chunk)
                except zlib.error as exc:
                    raise InputError(f"corrupt compressed data after {self.offset} bytes ({exc})", self.name) from None
                self._done = self._inflater.eof
            if not chunk and not self._done:
                raise InputError(f"the zip archive is cut off: this member ends after {self.offset} bytes", self.name)
            if data:
                self.offset += len(data)
                return data
        return b""

    def close(self) -> None:
        """Close the archive file."""
        self._file.close()
