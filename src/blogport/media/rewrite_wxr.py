"""WXR attachments for ``convert --to wxr --media MEDIA_DIR``, shaped for WordPress's importer.

One ``attachment`` item per image key with a local copy, written right after the first post
that uses it (``wp:post_parent``), with ``wp:attachment_url``, ``_wp_attached_file``
(``YYYY/MM/<name>`` of that post's date) and ``blogger_image_key`` meta. Every variant URL of the
image, in posts and comments, is rewritten to exactly its ``wp:attachment_url``: the importer
(``class-wp-import.php``, ``backfill_attachment_urls``) replaces exact strings only, so
thumbnails move with their original. Its traps, and what is done about them:

* it rewrites post content only, never comments: comment images keep the attachment URL (Blogger's
  original, or the ``--media-base-url`` folder); said in a warning;
* it replaces the exact stored string, so an attachment URL never needs HTML escaping (Blogger's
  queries and fragments are dropped: they do not change the image; another host's image keeps
  its query, and one whose URL would need escaping (``&``) gets no attachment, as below);
* for an attachment URL without a file extension its extension-stripping remap overwrites the
  replacement: such an image (Blogger's ``=s1600`` forms) gets no attachment unless
  ``--media-base-url`` is given (whose URLs always end in the stored file's extension), and a warning;
* two attachments with the same title and date are merged: titles are the distinct file names.

Attachment URLs point at Blogger's original by default (the importer downloads it), or with
``--media-base-url URL`` at ``URL/<path in MEDIA_DIR>``: upload MEDIA_DIR's ``objects/`` there.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

import attrs

from ..model import Post
from ..report import agree, counted
from .imageurls import parse_reference
from .manifest import ManifestEntry, MediaManifest
from .rewrite import ImageCounts, PostImages, rewrite_images


@attrs.frozen
class Attachment:
    """One image as a WordPress attachment."""

    entry: ManifestEntry
    parent: Post
    name: str
    url: str


def _without_query(url: str) -> str:
    parts = urlsplit("https:" + url if url.startswith("//") else url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class WxrMedia:
    """Decides each image's attachment and rewrites bodies to its URL (see the module rules)."""

    def __init__(self, manifest: MediaManifest, base_url: str | None) -> None:
        self.manifest = manifest
        self.base = base_url.rstrip("/") if base_url else None
        self.names = PostImages()
        self.attachments: dict[str, Attachment] = {}
        self.pending: list[Attachment] = []
        self.counts = ImageCounts()
        self.extensionless: set[str] = set()
        self.in_comments = 0

    def attachment_url(self, entry: ManifestEntry) -> str | None:
        """Where the importer fetches ``entry``'s file from; ``None`` when that URL would be a trap."""
        if self.base is not None and entry.path:
            return f"{self.base}/{entry.path}"
        other_host = entry.key.startswith("web:")  # its query may select the image: kept
        if entry.origin == "web" and entry.fetched_from and entry.fetched_from.startswith(("http://", "https://")):
            url = entry.fetched_from if other_host else _without_query(entry.fetched_from)
        else:
            image = parse_reference(entry.urls[0]) if entry.urls else None
            if image is None:
                return None
            url = image.variant(None) if other_host else _without_query(image.variant(None))
        if not posixpath.splitext(urlsplit(url).path)[1] or html.escape(url) != url:
            self.extensionless.add(entry.key)
            return None
        return url

    def rewrite(self, fragment: str, parent: Post, comment: bool = False) -> str:
        """``fragment`` (of ``parent`` or one of its comments) with every image variant at its attachment URL."""

        def locate(entry: ManifestEntry) -> str | None:
            attachment = self.attachments.get(entry.key)
            if attachment is None:
                url = self.attachment_url(entry)
                if url is None:
                    return None
                attachment = Attachment(entry=entry, parent=parent, name=self.names.name_for(entry), url=url)
                self.attachments[entry.key] = attachment
                self.pending.append(attachment)
            if comment:
                self.in_comments += 1
            return attachment.url

        return rewrite_images(fragment, self.manifest, locate, self.counts)

    def take_pending(self) -> list[Attachment]:
        """The attachments first used since the last call, in first-use order."""
        pending, self.pending = self.pending, []
        return pending

    def warnings(self) -> list[str]:
        """What the importer will not do, and which images stay remote."""
        notes = self.counts.warnings()
        if self.extensionless:
            notes.append(
                f"{counted(len(self.extensionless), 'image')} {agree(len(self.extensionless), 'has', 'have')} "
                "only URLs without a file extension, which WordPress's "
                "importer remaps wrongly: they got no attachment and stay remote; give --media-base-url "
                "(and upload the media folder there) to import them"
            )
        if self.in_comments:
            where = "the --media-base-url folder" if self.base else "Blogger's original"
            notes.append(
                f"{counted(self.in_comments, 'image reference')} in comments "
                f"{agree(self.in_comments, 'points', 'point')} at {where}: WordPress's importer "
                "rewrites attachment URLs in post content only, never in comments"
            )
        return notes


def attachment_item(
    attachment: Attachment,
    post_id: int,
    parent_id: int,
    login: str,
    dates: tuple[str, str],
    cdata: Callable[[str | None], str],
    meta: Callable[[str, str], str],
) -> str:
    """The ``<item>`` of one attachment (``dates``: the parent's ``wp:post_date`` and ``wp:post_date_gmt``)."""
    moment = attachment.parent.published
    attached = f"{moment:%Y/%m}/{attachment.name}" if moment else attachment.name
    url = html.escape(attachment.url)
    return (
        "\t<item>\n"
        f"\t\t<title>{cdata(attachment.name)}</title>\n"
        f"\t\t<link>{url}</link>\n"
        "\t\t<pubDate></pubDate>\n"
        f"\t\t<dc:creator>{cdata(login)}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{url}</guid>\n'
        "\t\t<description></description>\n"
        "\t\t<content:encoded><![CDATA[]]></content:encoded>\n"
        "\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n"
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(dates[0])}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(dates[1])}</wp:post_date_gmt>\n"
        "\t\t<wp:comment_status><![CDATA[closed]]></wp:comment_status>\n"
        "\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>\n"
        f"\t\t<wp:post_name>{cdata(attachment.name.lower().replace('.', '-'))}</wp:post_name>\n"
        "\t\t<wp:status><![CDATA[inherit]]></wp:status>\n"
        f"\t\t<wp:post_parent>{parent_id}</wp:post_parent>\n"
        "\t\t<wp:menu_order>0</wp:menu_order>\n"
        "\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>\n"
        "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
        f"\t\t<wp:attachment_url>{cdata(attachment.url)}</wp:attachment_url>\n"
        + meta("_wp_attached_file", attached)
        + meta("blogger_image_key", attachment.entry.key)
        + "\t</item>\n"
    )
