"""Images that are already here: next to saved pages, in wget/HTTrack mirrors, inside WARC inputs.

Rules: no request is ever made; a file counts only when its bytes sniff as an image; for each
key the largest variant found wins (a mirror file's size is read from its path, as a URL's);
a "Save page as" ``*_files/`` copy, whose URL is lost, is matched by its file name, and only
when exactly one image of the blog has that name. Mirror files of other hosts' images
(``photos.example.org/a.jpg``) count too, matched by their key (their URL). WARC images are streamed twice (once to
choose, once to take the chosen record), so only one image is ever held in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from attrs import frozen

from .imageurls import parse_reference
from .references import ImageUse
from .sniff import sniff

# A variant without a size in its URL is Blogger's original upload: it beats any sized one.
_ORIGINAL_RANK = 1 << 30


@frozen
class Found:
    """An image's bytes taken from disk or from a WARC, with where they were."""

    key: str
    data: bytes
    type: str
    fetched_from: str
    origin: str


def find_offline(
    inputs: Iterable[Path], wanted: dict[str, ImageUse], warcs: Iterable[Path] = (), zstd_dict: str | None = None
) -> Iterator[Found]:
    """The best copy of each ``wanted`` image found on disk near ``inputs``, then in the WARC files ``warcs``."""
    remaining = dict(wanted)
    for found in _from_disk(inputs, remaining):
        remaining.pop(found.key, None)
        yield found
    for warc in warcs:
        if not remaining:
            return
        for found in _from_warc(warc, remaining, zstd_dict):
            remaining.pop(found.key, None)
            yield found


def _rank(size: int | None) -> int:
    return _ORIGINAL_RANK if size is None else size


def _files_near(path: Path) -> Iterator[tuple[Path, Path]]:
    """``(file, root)`` for every file under a folder input, or in a saved page's ``*_files`` folder."""
    if path.is_dir():
        roots = [path]
    else:
        roots = [folder for folder in (path.with_name(path.stem + "_files"),) if folder.is_dir()]
    for root in roots:
        for file in sorted(root.rglob("*")):
            if file.is_file() and not any(part.startswith(".") for part in file.relative_to(root).parts):
                yield file, root


def _from_disk(inputs: Iterable[Path], wanted: dict[str, ImageUse]) -> Iterator[Found]:
    by_unquoted = {unquote(key): key for key in wanted}
    by_name: dict[str, list[str]] = {}
    for wanted_key, use in wanted.items():
        if use.image.filename:
            by_name.setdefault(unquote(use.image.filename), []).append(wanted_key)
    choices: dict[str, list[tuple[int, Path]]] = {}
    for path in inputs:
        for file, root in _files_near(path):
            key, rank = _mirror_key(file.relative_to(root).parts, wanted, by_unquoted)
            in_saved_folder = file.parent.name.endswith("_files") or root.name.endswith("_files")
            if key is None and in_saved_folder and len(by_name.get(file.name, ())) == 1:
                key, rank = by_name[file.name][0], 0
            if key is not None:
                choices.setdefault(key, []).append((rank, file))
    for chosen in sorted(choices):
        for _rank_of, file in sorted(choices[chosen], key=lambda choice: (-choice[0], str(choice[1]))):
            try:
                data = file.read_bytes()
            except OSError:
                continue
            media_type = sniff(data[:4096])
            if media_type is not None:
                yield Found(chosen, data, media_type, str(file), "disk")
                break


def _mirror_key(
    parts: tuple[str, ...], wanted: dict[str, ImageUse], by_unquoted: dict[str, str]
) -> tuple[str | None, int]:
    """The key of a mirror file stored as ``HOST/path…`` (wget, HTTrack), and its size rank."""
    for start, part in enumerate(parts[:-1]):
        if "." not in part:
            continue
        image = parse_reference("//" + "/".join(parts[start:]), entities=False)
        if image is None:
            continue
        key = image.key if image.key in wanted else by_unquoted.get(unquote(image.key))
        if key is not None:  # else a folder named like a host (any host parses now): look deeper
            return key, _rank(image.size)
    return None, 0


def _from_warc(warc: Path, wanted: dict[str, ImageUse], zstd_dict: str | None) -> Iterator[Found]:
    from ..formats.warc import iter_warc_images

    best: dict[str, tuple[int, str]] = {}
    for url, _mime, data in iter_warc_images(warc, zstd_dict):
        image = parse_reference(url, entities=False)
        if image is None or image.key not in wanted or sniff(data[:4096]) is None:
            continue
        if image.key not in best or best[image.key][0] < _rank(image.size):
            best[image.key] = (_rank(image.size), url)
    chosen = {url: key for key, (_rank_of, url) in best.items()}
    for url, _mime, data in iter_warc_images(warc, zstd_dict):
        key = chosen.pop(url, None)
        media_type = sniff(data[:4096]) if key else None
        if key and media_type:
            yield Found(key, data, media_type, f"{warc}#{url}", "warc")
