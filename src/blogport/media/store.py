"""The media folder on disk: content-addressed objects, resumable ``.part`` files, friendly names.

Rules: a file is complete only once moved into ``objects/`` (``os.replace``, atomic); until then
it is ``.partial/<hash of key>.part`` with its resume data beside it (``.part.json``: URL, length,
``ETag``/``Last-Modified``); identical bytes are stored once; nothing is written outside the folder
(``OutputFence``, symlinks included).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import OutputError
from ..output import OutputFence, atomic_bytes, cannot_write, file_mode
from ..slugs import ascii_slug
from .imageurls import BloggerImage
from .manifest import ManifestEntry
from .sniff import EXTENSIONS

PARTIAL = ".partial"
OBJECTS = "objects"


class MediaStore:
    """``MEDIA_DIR``: where finished images and half-downloaded ones live."""

    def __init__(self, media_dir: Path) -> None:
        if media_dir.exists() and not media_dir.is_dir():
            raise OutputError(f"not a folder: {media_dir}")
        try:
            (media_dir / PARTIAL).mkdir(parents=True, exist_ok=True)
            (media_dir / OBJECTS).mkdir(exist_ok=True)
        except OSError as exc:
            raise cannot_write(media_dir, exc) from None
        self.root = media_dir
        self._fence = OutputFence(media_dir)
        self._fence.target(f"{PARTIAL}/x")  # refuse a .partial symlinked out of the folder now, not mid-run

    def part_path(self, key: str) -> Path:
        """The half-downloaded file of image ``key``."""
        return self._fence.target(f"{PARTIAL}/{_key_hash(key)}.part")

    def part_info(self, key: str) -> dict[str, Any]:
        """What the last run knew of ``key``'s ``.part`` file (``{}`` when nothing usable)."""
        meta = self.part_path(key).with_suffix(".part.json")
        try:
            data = json.loads(meta.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save_part_info(self, key: str, info: dict[str, Any]) -> None:
        """Keep ``info`` (URL, ETag, Last-Modified) for resuming ``key``'s ``.part`` file."""
        meta = self.part_path(key).with_suffix(".part.json")
        atomic_bytes(meta, json.dumps(info, sort_keys=True).encode("utf-8"), file_mode())

    def discard_part(self, key: str) -> None:
        """Forget ``key``'s half-downloaded file."""
        part = self.part_path(key)
        for path in (part, part.with_suffix(".part.json")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def keep_part(self, key: str, sha256: str, media_type: str) -> str:
        """Move ``key``'s finished ``.part`` file into ``objects/`` (once per content); its relative path."""
        relative = object_path(sha256, media_type)
        target = self._fence.target(relative)
        part = self.part_path(key)
        try:
            target.parent.mkdir(exist_ok=True)
            if target.is_file():
                part.unlink()  # the same bytes are already stored (another key)
            else:
                os.chmod(part, file_mode())
                os.replace(part, target)
        except OSError as exc:
            raise cannot_write(target, exc) from None
        self.discard_part(key)
        return relative

    def keep_bytes(self, data: bytes, media_type: str) -> tuple[str, str]:
        """Store ``data`` (an image taken from disk or a WARC); ``(relative path, sha256)``."""
        sha256 = hashlib.sha256(data).hexdigest()
        relative = object_path(sha256, media_type)
        target = self._fence.target(relative)
        if not target.is_file():
            try:
                target.parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise cannot_write(target, exc) from None
            atomic_bytes(target, data, file_mode())
        return relative, sha256

    def holds(self, entry: ManifestEntry) -> bool:
        """Whether ``entry`` is ``ok`` and its file is here, whole (its recorded size)."""
        if entry.status != "ok" or not entry.path:
            return False
        try:
            return (self.root / entry.path).stat().st_size == entry.bytes
        except OSError:
            return False


def object_path(sha256: str, media_type: str) -> str:
    """Where content ``sha256`` of ``media_type`` is stored, relative to the media folder."""
    return f"{OBJECTS}/{sha256[:2]}/{sha256}.{EXTENSIONS.get(media_type, 'bin')}"


def friendly_name(image: BloggerImage, media_type: str) -> str:
    """A Windows-safe ASCII file name for writers: the URL's name, or ``image-<hash>``, and the type's extension."""
    stem = unquote(image.filename).rsplit(".", 1)[0] if "." in image.filename else unquote(image.filename)
    slug = ascii_slug(stem) or f"image-{_key_hash(image.key)[:12]}"
    return f"{slug}.{EXTENSIONS.get(media_type, 'bin')}"


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
