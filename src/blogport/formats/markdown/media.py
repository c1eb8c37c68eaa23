"""Images on a Markdown site (``--media MEDIA_DIR``): each post's images copied into the site and
its bodies pointed at them (:mod:`blogport.media.rewrite`), in each generator's way:

* Hugo: posts and pages become leaf bundles (``content/posts/<slug>/index.md``), images beside
  ``index.md``, linked by their bare name (Hugo publishes bundle files next to the page);
* Jekyll: ``assets/images/<slug>/<name>`` through ``relative_url`` (so ``baseurl`` works);
* Pelican: ``content/images/<slug>/<name>`` as ``{static}/images/<slug>/<name>`` (``images`` is in
  Pelican's default ``STATIC_PATHS``, which the ``pelicanconf.py`` blogport writes keeps);
* plain: ``media/<slug>/<name>``, linked relative to the post's file.

Addresses go through the same tokens as links between posts (:mod:`.crosslinks`), so no escaper
or template guard alters them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ...media.manifest import ManifestEntry, MediaManifest
from ...media.rewrite import ImageCounts, PostImages, rewrite_images
from .crosslinks import SiteLinks
from .flavor import Flavor
from .plan import Entry


def plan_media(
    entries: list[Entry], flavor: Flavor, manifest: MediaManifest, links: SiteLinks, inline_comments: bool
) -> tuple[dict[str, Path], ImageCounts]:
    """Point the entries' images at their copies in the site; returns the copies (site path → stored file)."""
    copies: dict[str, Path] = {}
    counts = ImageCounts()
    for entry in entries:
        images = PostImages()
        folder = posixpath.dirname(entry.path)

        def locate(
            image: ManifestEntry, entry: Entry = entry, images: PostImages = images, folder: str = folder
        ) -> str:
            relative = flavor.media_path.format(dir=folder, slug=entry.slug, name=images.name_for(image))
            stored = manifest.file_for(image)
            if stored is not None:
                copies[relative] = stored
            return links.token(flavor.media_link(relative, folder))

        html = entry.post.content if entry.html is None else entry.html
        rewritten = rewrite_images(html, manifest, locate, counts, links.token)
        if rewritten != html:
            entry.html = rewritten
        if inline_comments:
            for comment in entry.post.all_comments():
                text = entry.comment_html.get(comment.id, comment.content)
                rewritten = rewrite_images(text, manifest, locate, counts, links.token)
                if rewritten != text:
                    entry.comment_html[comment.id] = rewritten
    return copies, counts


def relative_link(relative: str, folder: str) -> str:
    """The image's path from the post file's folder (Hugo bundles, plain files)."""
    return posixpath.relpath(relative, folder or ".")


def jekyll_asset_link(relative: str, folder: str) -> str:
    """Jekyll's ``relative_url`` adds the site's ``baseurl``."""
    return "{{ '/" + relative.replace("'", "%27") + "' | relative_url }}"


def pelican_static_link(relative: str, folder: str) -> str:
    """Pelican's ``{static}`` resolves a file of the content folder to its URL under ``SITEURL``."""
    return "{static}/" + relative.removeprefix("content/")
