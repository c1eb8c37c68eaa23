"""``.warc.zst``: one zstd frame per record, the dictionary in a leading skippable frame or a file.

Rules: the dictionary carried by the file wins; ``--zstd-dict FILE`` supplies it otherwise (a
raw dictionary, a zstd-compressed one, or a megaWARC whose skippable frame carries it); a frame
that needs a dictionary nobody gave is input error 3 naming ``--zstd-dict``; decompression
streams (zstandard's reader), never the whole file.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...sources import Readable
from .detect import ZSTD_FRAME_MAGIC, is_skippable_frame

_FRAME_HEADER_MAX = 18


class _Prefixed:
    """A stream that first gives back bytes already read from it."""

    def __init__(self, prefix: bytes, stream: Readable) -> None:
        self._prefix = prefix
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self._prefix:
            return self._stream.read(size)
        if size < 0:
            data, self._prefix = self._prefix + self._stream.read(), b""
            return data
        data, self._prefix = self._prefix[:size], self._prefix[size:]
        return data

    def close(self) -> None:
        self._stream.close()


def _unwrap_dictionary(data: bytes) -> bytes:
    """A dictionary as stored: itself zstd-compressed when it starts with the frame magic."""
    if data.startswith(ZSTD_FRAME_MAGIC):
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return data


def _read_skippable(stream: Readable) -> tuple[bytes | None, bytes]:
    """The payload of a leading skippable frame (or ``None``) and the bytes read past it."""
    head = stream.read(8)
    if not is_skippable_frame(head):
        return None, head
    (size,) = struct.unpack("<I", head[4:8])
    payload = stream.read(size)
    if len(payload) < size:
        raise InputError("the zstd dictionary frame is truncated")
    return payload, b""


def _dictionary_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            carried, rest = _read_skippable(handle)
            data = carried if carried is not None else rest + handle.read()
    except OSError as exc:
        raise InputError(f"cannot read the zstd dictionary ({exc.strerror or exc})", path) from None
    return _unwrap_dictionary(data)


def open_zstd(stream: Readable, name: str, dictionary_path: str | None) -> Any:
    """A decompressed binary stream over a ``.warc.zst`` (``stream`` is closed with it)."""
    import zstandard

    try:
        carried, rest = _read_skippable(stream)
    except InputError as exc:
        raise InputError(exc.message, name) from None
    dictionary = _unwrap_dictionary(carried) if carried is not None else None
    if dictionary is None and dictionary_path:
        dictionary = _dictionary_file(str(Path(dictionary_path)))
    first = rest + stream.read(_FRAME_HEADER_MAX)
    needed = 0
    try:
        needed = zstandard.get_frame_parameters(first).dict_id if first else 0
    except zstandard.ZstdError:
        raise InputError("zstd-compressed, but its first frame is unreadable", name) from None
    compression_dict = zstandard.ZstdCompressionDict(dictionary) if dictionary else None
    if needed and compression_dict is None:
        raise InputError(
            f"this .warc.zst was compressed with a zstd dictionary (id {needed}) that it does not carry: "
            "give it with --zstd-dict FILE (the dictionary, or the megaWARC that carries it)",
            name,
        )
    if needed and compression_dict is not None and compression_dict.dict_id() not in (0, needed):
        raise InputError(
            f"the zstd dictionary given (id {compression_dict.dict_id()}) is not the one this file needs (id {needed}):"
            " give the right one with --zstd-dict FILE",
            name,
        )
    decompressor = zstandard.ZstdDecompressor(dict_data=compression_dict) if compression_dict else None
    decompressor = decompressor or zstandard.ZstdDecompressor()
    source: Any = _Prefixed(first, stream)
    return decompressor.stream_reader(source, read_across_frames=True, closefd=True)
