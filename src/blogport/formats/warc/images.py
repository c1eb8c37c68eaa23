"""The images a WARC holds, streamed for the media store: nothing is fetched, the bytes are in the WARC.

Rules: one record in memory at a time; only status 200 responses and resources that the
URL rules call images; revisits are skipped (their bytes are another record's).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError
from ...options import ReadOptions
from ...sources import open_inputs
from .classify import IMAGE, classify
from .detect import container
from .records import Capture, iter_records


def _is_image(capture: Capture) -> bool:
    if capture.type not in ("response", "resource") or capture.status != 200:
        return False
    return classify(capture.uri, capture.mime) == IMAGE


def iter_images(path: Path, zstd_dict: str | None = None) -> Iterator[tuple[str, str, bytes]]:
    """``(url, content type, bytes)`` of every image in the WARC(s) at ``path`` (file, folder or zip)."""
    warcs = [d for d in open_inputs([path]) if container(d.head) is not None]
    if not warcs:
        raise InputError("not a WARC file, and no WARC inside", str(path))
    options = ReadOptions(zstd_dict=zstd_dict)
    for document in warcs:
        damage: list[str] = []
        for capture, payload in iter_records(document, options, _is_image, damage):
            if payload is not None:
                yield capture.uri, capture.mime, payload
