"""``MEDIA_DIR/manifest.jsonl``: one JSON object per image key (schema: ``schema/manifest-v1.schema.json``).

Rules: during a run the file is a journal (one line appended per state change, the last line
of a key wins, a torn last line from a power loss is ignored); at the end it is compacted into
one line per key, sorted by key, keys of each object sorted, so equal runs give equal bytes.
Stored files are content-addressed (``objects/<sha256[:2]>/<sha256>.<ext>``): two keys with
identical bytes share one file; ``name`` is a friendly, Windows-safe file name for writers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from attrs import asdict, field, frozen
from attrs.validators import deep_iterable, in_, instance_of, optional

from ..errors import InputError
from ..model import optional_text
from ..output import OutputFence, atomic_bytes, cannot_write, file_mode
from .imageurls import reference_key

MANIFEST_NAME = "manifest.jsonl"
STATUSES = ("ok", "failed", "skipped")
# Where the stored bytes came from: the web (``fetched_from`` is the URL), a saved page's folder or
# mirror on disk, a WARC given as input, or the Wayback Machine.
ORIGINS = ("web", "disk", "warc", "wayback")

_optional_int = optional(instance_of(int))
_strings = deep_iterable(instance_of(str), instance_of(tuple))


def _strings_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@frozen
class ManifestEntry:
    """What the media store knows of one image key (see the README's "manifest" section)."""

    key: str = field(validator=instance_of(str))
    urls: tuple[str, ...] = field(converter=_strings_tuple, validator=_strings)
    status: str = field(validator=in_(STATUSES))
    path: str | None = optional_text()
    name: str | None = optional_text()
    sha256: str | None = optional_text()
    bytes: int | None = field(default=None, validator=_optional_int)
    type: str | None = optional_text()
    width: int | None = field(default=None, validator=_optional_int)
    height: int | None = field(default=None, validator=_optional_int)
    fetched_from: str | None = optional_text()
    origin: str | None = field(default=None, validator=optional(in_(ORIGINS)))
    error: str | None = optional_text()
    reason: str | None = optional_text()
    used_by: tuple[str, ...] = field(default=(), converter=_strings_tuple, validator=_strings)

    def to_json(self) -> str:
        """This entry as one line of ``manifest.jsonl`` (keys sorted, no newline)."""
        return json.dumps(_plain(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: Any) -> ManifestEntry:
        """An entry from one decoded line; ``TypeError``/``ValueError`` when it does not fit the schema."""
        if not isinstance(data, dict):
            raise TypeError("not a JSON object")
        known = {name: data[name] for name in _FIELDS if name in data}
        for name in ("urls", "used_by"):
            if name in known and not isinstance(known[name], list):
                raise TypeError(f"{name} is not a list")
        return cls(**known)


_FIELDS = tuple(attribute.name for attribute in ManifestEntry.__attrs_attrs__)


def _plain(entry: ManifestEntry) -> dict[str, Any]:
    data = asdict(entry, recurse=False)
    data["urls"] = list(entry.urls)
    data["used_by"] = list(entry.used_by)
    return data


class MediaManifest:
    """The entries of a media folder, found by key or by any variant URL of an image."""

    def __init__(self, media_dir: Path, entries: Iterable[ManifestEntry]) -> None:
        self.media_dir = media_dir
        self._by_key: dict[str, ManifestEntry] = {}
        for entry in entries:
            self._by_key[entry.key] = entry
        self._by_url = {url: entry for entry in self._by_key.values() for url in entry.urls}

    def entries(self) -> list[ManifestEntry]:
        """Every entry, sorted by key."""
        return [self._by_key[key] for key in sorted(self._by_key)]

    def entry(self, key: str) -> ManifestEntry | None:
        """The entry of image ``key``, or ``None``."""
        return self._by_key.get(key)

    def entry_for_url(self, url: str, *, entities: bool = True) -> ManifestEntry | None:
        """The entry of the image ``url`` names, whichever variant it is (by key, then as written)."""
        key = reference_key(url, entities=entities)
        if key is not None and key in self._by_key:
            return self._by_key[key]
        return self._by_url.get(url)

    def file_for(self, entry: ManifestEntry) -> Path | None:
        """The stored file of an ``ok`` entry, or ``None``."""
        return self.media_dir / entry.path if entry.status == "ok" and entry.path else None


def read_entries(path: Path) -> Iterator[ManifestEntry]:
    """Each entry line of the journal or manifest at ``path``, in file order (a torn last line is skipped)."""
    try:
        with path.open("r", encoding="utf-8", newline="\n") as stream:
            lines = stream.read().split("\n")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the media manifest: {exc}", str(path)) from None
    torn_tail = lines[-1] != ""  # a complete journal ends with a newline
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield ManifestEntry.from_json(json.loads(line))
        except (ValueError, TypeError) as exc:
            if torn_tail and number == len(lines):
                return
            raise InputError(f"not a media manifest line ({exc})", str(path), line=number) from None


def read_manifest(media_dir: Path) -> MediaManifest:
    """The manifest of ``media_dir`` (journal lines folded, the last of a key wins).

    An :class:`InputError` when the folder has no ``manifest.jsonl`` or a line is not an entry.
    """
    path = Path(media_dir) / MANIFEST_NAME
    if not path.is_file():
        raise InputError(f"no {MANIFEST_NAME} here: run 'blogport media' first", str(media_dir))
    return MediaManifest(Path(media_dir), read_entries(path))


class Journal:
    """Appends entries to ``manifest.jsonl`` as they change, each line flushed (kept on Ctrl-C or kill).

    Not fsynced: a line lost to a power cut only means that image is fetched again.
    """

    def __init__(self, media_dir: Path) -> None:
        self.path = OutputFence(media_dir).target(MANIFEST_NAME)  # never appended through a symlink
        self._stream: TextIO | None = None

    def __enter__(self) -> Journal:
        try:
            if self.path.is_file():
                data = self.path.read_bytes()
                if data and not data.endswith(b"\n"):
                    # A torn line left by a power loss: drop it, so new lines do not follow it.
                    with self.path.open("r+b") as stream:
                        stream.truncate(data.rfind(b"\n") + 1)
            self._stream = self.path.open("a", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def append(self, entry: ManifestEntry) -> None:
        """Record ``entry``'s new state."""
        assert self._stream is not None, "Journal used outside its with-block"
        self._stream.write(entry.to_json() + "\n")
        self._stream.flush()


def compact(media_dir: Path, entries: Iterable[ManifestEntry]) -> Path:
    """Write ``entries`` as the final manifest: one line per key, sorted by key, atomically."""
    by_key = {entry.key: entry for entry in entries}
    text = "".join(by_key[key].to_json() + "\n" for key in sorted(by_key))
    target = media_dir / MANIFEST_NAME
    atomic_bytes(target, text.encode("utf-8"), file_mode())
    return target
