"""Bodies pointed at the local copies of their images (``convert … --media MEDIA_DIR``).

Every ``<img src>`` and every ``<a href>`` naming a Blogger image whose manifest entry is ``ok``
gets the address a writer chooses for that image (one per key: all variants of an image, the
``/s320/`` thumbnail and the ``/s1600/`` original it links to, land on the one file). A shown
thumbnail keeps its display size: when the ``<img>`` has neither ``width`` nor ``height``, the
size its URL asked for (``s320``: 320 pixels on the longest edge) is written from the stored
file's proportions. An image of another host is rewritten the same way when its entry is ``ok``
(``<img src>`` and ``<a href>`` alike: the key is its URL). Images that failed or were skipped
stay as written and are counted (a link to another host with no entry is a link, not counted).
Everything else in the fragment stays byte for byte.

Pure: no I/O (the manifest is read by the caller); the rules are the same for every writer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import attrs

from ..report import agree, counted
from .imageurls import parse_reference
from .manifest import ManifestEntry, MediaManifest

_TAG = re.compile(r"<(img|a)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\s)(src|href|width|height)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

Locate = Callable[[ManifestEntry], "str | None"]  # None: this image stays as written


@attrs.define
class ImageCounts:
    """What a rewrite found: images pointed at local files, and remote ones left as written."""

    local: int = 0
    left_remote: int = 0  # a Blogger image whose entry is missing, failed or skipped
    left_elsewhere: int = 0  # the same, for an image on another host

    def warnings(self) -> list[str]:
        """What a writer says about the images it could not make local."""
        notes = []
        for count, what, where in (
            (self.left_remote, "Blogger image reference", "Blogger"),
            (self.left_elsewhere, "image reference on another host", "that host"),
        ):
            if count:
                has, points = agree(count, "has", "have"), agree(count, "points", "point")
                notes.append(
                    f"{counted(count, what)} {has} no local copy in the media folder "
                    f"(failed, skipped or not fetched) and still {points} at {where}"
                )
        return notes


def _display_size(entry: ManifestEntry, asked: int | None) -> tuple[int, int] | None:
    if not asked or not entry.width or not entry.height:
        return None
    longest = max(entry.width, entry.height)
    if asked >= longest:
        return None
    return round(entry.width * asked / longest), round(entry.height * asked / longest)


def _as_written(tag: str) -> str:
    return tag


def rewrite_images(
    fragment: str,
    manifest: MediaManifest,
    locate: Locate,
    counts: ImageCounts,
    sized: Callable[[str], str] = _as_written,
) -> str:
    """``fragment`` with its Blogger images pointed at ``locate(entry)`` (see the module rules).

    An ``<img>`` given its display size passes through ``sized`` (a Markdown writer keeps it as
    raw HTML there: Markdown's image syntax has no size).
    """
    lowered = fragment.lower()
    if "<img" not in lowered and "<a" not in lowered:
        return fragment

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        wanted = "src" if match.group(1).lower() == "img" else "href"
        attributes = {m.group(2).lower(): m for m in _ATTRIBUTE.finditer(text)}
        found = attributes.get(wanted)
        if found is None:
            return text
        url = html.unescape(found.group(4).strip("\"'"))
        image = parse_reference(url, entities=False)
        if image is None:
            return text
        entry = manifest.entry(image.key)
        address = None if entry is None or entry.status != "ok" else locate(entry)
        if entry is None or address is None:
            if image.family != "web":
                counts.left_remote += 1
            elif wanted == "src" or entry is not None:
                counts.left_elsewhere += 1
            return text
        counts.local += 1
        value = f'{found.group(1)}{found.group(2)}{found.group(3)}"{html.escape(address, quote=True)}"'
        rewritten = text[: found.start()] + value + text[found.end() :]
        if wanted == "src" and "width" not in attributes and "height" not in attributes:
            size = _display_size(entry, image.size)
            if size is not None:
                return sized(
                    text[: found.start()] + value + f' width="{size[0]}" height="{size[1]}"' + text[found.end() :]
                )
        return rewritten

    return _TAG.sub(tag, fragment)


@attrs.define
class PostImages:
    """The images one post uses: a distinct file name per key (``name``, ``name-2.ext`` …), in first-use order."""

    names: dict[str, str] = attrs.Factory(dict)

    def name_for(self, entry: ManifestEntry) -> str:
        """The output file name of ``entry``'s image within this post."""
        name = self.names.get(entry.key)
        if name is not None:
            return name
        # Letters, digits, dots and dashes only: a space or bracket would cut a Markdown link.
        base = _UNSAFE_NAME.sub("-", entry.name or (entry.path or "image").rsplit("/", 1)[-1]).strip("-.") or "image"
        stem, dot, extension = base.rpartition(".")
        if not dot:
            stem, extension = base, ""
        taken = {taken.lower() for taken in self.names.values()}
        name, number = base, 2
        while name.lower() in taken:
            name = f"{stem}-{number}.{extension}" if extension else f"{stem}-{number}"
            number += 1
        self.names[entry.key] = name
        return name
