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

``--comments data`` files (``data/comments/<slug>.json`` …) are shown by the theme as they are:
no generator resolves ``relref``, ``relative_url`` or ``{static}`` inside them. So their links
between posts (:func:`plan_data_links`) and their images (``plan_media``) get plain URLs relative
to the page the comments are shown on (the post's ``new_url``), which keep working under a
``baseURL``/``baseurl``/``SITEURL`` sub-path; the plain flavor, which has no site, writes what
its bodies get. :func:`localise_comment_data` puts the rewritten HTML into the thread data.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...links import SameBlog, Target, rewrite_anchors
from ...media.manifest import ManifestEntry, MediaManifest
from ...media.rewrite import ImageCounts, PostImages, rewrite_images
from ...model import Archive
from ...safety import sanitise_comment
from .crosslinks import Destination, SiteLinks
from .flavor import Flavor
from .plan import Entry


def plan_media(
    entries: list[Entry],
    flavor: Flavor,
    manifest: MediaManifest,
    links: SiteLinks,
    inline_comments: bool,
    data_comments: bool = False,
) -> tuple[dict[str, Path], ImageCounts]:
    """Point the entries' images at their copies in the site; returns the copies (site path → stored file).

    ``data_comments``: also the comments of ``--comments data``, with plain relative URLs (see the module rules).
    """
    copies: dict[str, Path] = {}
    counts = ImageCounts()
    for entry in entries:
        images = PostImages()
        folder = posixpath.dirname(entry.path)

        def place(image: ManifestEntry, entry: Entry = entry, images: PostImages = images, folder: str = folder) -> str:
            relative = flavor.media_path.format(dir=folder, slug=entry.slug, name=images.name_for(image))
            stored = manifest.file_for(image)
            if stored is not None:
                copies[relative] = stored
            return relative

        def locate(image: ManifestEntry, folder: str = folder, place: Callable[[ManifestEntry], str] = place) -> str:
            return links.token(flavor.media_link(place(image), folder))

        def locate_plain(
            image: ManifestEntry,
            entry: Entry = entry,
            folder: str = folder,
            place: Callable[[ManifestEntry], str] = place,
        ) -> str:
            return _data_media_url(flavor, place(image), folder, entry.new_url)

        html = entry.post.content if entry.html is None else entry.html
        rewritten = rewrite_images(html, manifest, locate, counts, links.token)
        if rewritten != html:
            entry.html = rewritten
        if inline_comments or data_comments:
            for comment in entry.post.all_comments():
                text = entry.comment_html.get(comment.id, comment.content)
                if inline_comments:
                    rewritten = rewrite_images(text, manifest, locate, counts, links.token)
                else:
                    rewritten = rewrite_images(text, manifest, locate_plain, counts)
                if rewritten != text:
                    entry.comment_html[comment.id] = rewritten
    return copies, counts


def _data_media_url(flavor: Flavor, relative: str, folder: str, page_url: str) -> str:
    """The URL of a copied image as a comment data file must give it (no generator syntax)."""
    if flavor.media_link is jekyll_asset_link:
        return relative_url("/" + relative, page_url)
    if flavor.media_link is pelican_static_link:
        return relative_url("/" + relative.removeprefix("content/"), page_url)
    # Hugo's bundle files are published beside the page; plain files are linked from the post's file.
    return flavor.media_link(relative, folder)


def relative_url(target: str, page_url: str) -> str:
    """``target`` (a root-relative URL, maybe with ``#fragment``) relative to the page at ``page_url``."""
    path, hash_mark, fragment = target.partition("#")
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    relative = posixpath.relpath(path.lstrip("/") or ".", base.strip("/") or ".")
    if path.endswith("/") and relative != ".":
        relative += "/"
    elif relative == ".":
        relative = "./"
    return relative + hash_mark + fragment


def plan_data_links(archive: Archive, entries: list[Entry], flavor: Flavor, links: SiteLinks) -> None:
    """Point the same-blog links of ``--comments data`` comments at the new site, as plain URLs
    relative to the page showing them (counted into ``links`` like the bodies' links)."""
    same_blog = SameBlog(archive)
    by_id = {entry.post.id: entry for entry in entries}
    labels = {label for entry in entries if entry.post.status == "published" for label in entry.post.labels}
    for entry in entries:
        post = entry.post

        def destination(target: Target, entry: Entry = entry) -> str | None:
            found = None
            if target.kind == "label" and target.label not in labels:
                return None
            if target.post is not None:
                found = by_id.get(target.post.id)
                if found is None or found.post.status != "published":
                    links.unpublished += 1
                    return None
            if flavor.comments_data_folder is None:  # plain: no site, the bodies' own form
                return flavor.link(Destination(target=target, entry=found))
            fragment = f"#{target.fragment}" if target.fragment else ""
            if found is not None:
                url = found.new_url
            elif target.kind == "label":
                url = flavor.tag_url(target.label or "")
            elif target.kind in ("month", "year"):
                url = flavor.listing_url
            else:
                url = "/"
            return relative_url(url + fragment, entry.new_url)

        def rewrite(url: str, base: str | None = post.url, destination: Callable[..., str | None] = destination) -> str:
            return same_blog.rewrite(url, destination, base=base, missing=links.missing)

        for comment in post.all_comments():
            text = rewrite_anchors(comment.content, rewrite)
            if text != comment.content:
                entry.comment_html[comment.id] = text


def localise_comment_data(thread: list[dict[str, Any]], html: dict[str, str]) -> list[dict[str, Any]]:
    """``thread`` (``--comments data``) with each comment of ``html`` (by id) given that rewritten HTML."""
    for item in thread:
        rewritten = html.get(item["id"])
        if rewritten is not None:
            item["content"] = sanitise_comment(rewritten)
    return thread


def relative_link(relative: str, folder: str) -> str:
    """The image's path from the post file's folder (Hugo bundles, plain files)."""
    return posixpath.relpath(relative, folder or ".")


def jekyll_asset_link(relative: str, folder: str) -> str:
    """Jekyll's ``relative_url`` adds the site's ``baseurl``."""
    return "{{ '/" + relative.replace("'", "%27") + "' | relative_url }}"


def pelican_static_link(relative: str, folder: str) -> str:
    """Pelican's ``{static}`` resolves a file of the content folder to its URL under ``SITEURL``."""
    return "{static}/" + relative.removeprefix("content/")
