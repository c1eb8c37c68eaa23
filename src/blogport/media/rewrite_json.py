"""The JSON archive and its images: the archive (format version 1) is never changed by ``--media``;
the media folder's manifest sits beside it, and :func:`attach` joins the two for a program
(``blogport.read(path, media=DIR)`` does it while reading)::

    archive, media = blogport.read("blog.json", media="media/")    # or: media = attach(archive, "media/")
    for entry in media.images_of(post.id):     # the ok images a post (or comment) shows or links
        print(entry.key, media.manifest.file_for(entry))
    media.local_file("https://1.bp.blogspot.com/…/s320/photo.jpg")   # any variant → the stored file

Pure reading: bodies are scanned with the writers' rule (:mod:`.rewrite`), nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from ..model import Archive
from .manifest import ManifestEntry, MediaManifest, read_manifest
from .rewrite import ImageCounts, rewrite_images


@frozen
class AttachedMedia:
    """A media folder joined to an archive: which images each post and comment uses."""

    manifest: MediaManifest
    by_owner: dict[str, tuple[ManifestEntry, ...]]
    counts: ImageCounts

    def images_of(self, owner_id: str) -> tuple[ManifestEntry, ...]:
        """The ok images the post or comment ``owner_id`` uses, in first-use order, each once."""
        return self.by_owner.get(owner_id, ())

    def local_file(self, url: str) -> Path | None:
        """The stored file of the image ``url`` names (any variant), when it is ok."""
        entry = self.manifest.entry_for_url(url)
        return self.manifest.file_for(entry) if entry is not None else None


def attach(archive: Archive, media_dir: str | os.PathLike[str]) -> AttachedMedia:
    """Join ``archive`` and the manifest of ``media_dir`` (an input error when it has none)."""
    manifest = read_manifest(Path(media_dir))
    counts = ImageCounts()
    by_owner: dict[str, tuple[ManifestEntry, ...]] = {}
    owners = [(post.id, post.content) for post in archive.posts]
    owners += [(comment.id, comment.content) for comment in archive.all_comments()]
    for owner, content in owners:
        found: dict[str, ManifestEntry] = {}

        def collect(entry: ManifestEntry, found: dict[str, ManifestEntry] = found) -> str:
            found.setdefault(entry.key, entry)
            return entry.key

        rewrite_images(content, manifest, collect, counts)
        if found:
            by_owner[owner] = tuple(found.values())
    return AttachedMedia(manifest=manifest, by_owner=by_owner, counts=counts)
