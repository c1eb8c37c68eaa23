"""The state of one WXR conversion and its two ends: planning (authors, link and ``--media``
rewriters, orphan warnings) before any item is written, and the closing warnings after.

Part of the WXR writer (:mod:`.writer` states its rules); :mod:`.items` renders with this state.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ...media.manifest import read_manifest
from ...media.rewrite_wxr import WxrMedia
from ...model import Archive, Author, Post
from ...options import WriteOptions
from ...report import agree, counted
from ...slugs import ascii_slug, unique, wordpress_slug
from .links import WxrLinks

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What makes a text need more than wrapping: a character XML 1.0 forbids, or a carriage return
# (normalised). One search finds most texts have none (with ``]]>`` checked by ``in``).
_NEEDS_CARE = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
EMPTY_CDATA = "<![CDATA[]]>"


def wrap_constant(text: str) -> str:
    """A constant ``text`` (meta key names, fixed values) as CDATA, wrapped once at import time.

    Only for texts known to need no care (no ``]]>``, no forbidden character, no ``\\r``).
    """
    assert "]]>" not in text and _NEEDS_CARE.search(text) is None, text
    return "<![CDATA[" + text + "]]>"


@attrs.define
class Context:
    """State of one conversion: id counters, slugs and names taken, and what to report."""

    options: WriteOptions
    next_post_id: int = 1
    next_comment_id: int = 1
    removed_characters: int = 0
    warnings: list[str] = attrs.Factory(list)
    label_slugs: dict[str, str] = attrs.Factory(dict)
    taken_slugs: set[str] = attrs.Factory(set)
    authors: dict[tuple[str | None, str | None], tuple[int, str, Author]] = attrs.Factory(dict)
    dates_taken: dict[tuple[str, str], set[str]] = attrs.Factory(dict)
    regex_changed: list[str] = attrs.Factory(list)  # bodies WXR_Parser_Regex would alter (regex_parser.py)
    links: WxrLinks | None = None
    media: WxrMedia | None = None  # --media: attachments (blogport.media.rewrite_wxr)

    def body(self, html: str, base: str | None, post: Post | None = None, comment: bool = False) -> str:
        """A body of ``post`` with its same-blog links (unless ``keep_links``) and ``--media`` images rewritten."""
        html = html if self.links is None else self.links.rewrite(html, base)
        return html if self.media is None or post is None else self.media.rewrite(html, post, comment)

    def cdata(self, text: str | None) -> str:
        """``text`` as a CDATA section the importer reads back unchanged."""
        if not text:
            return EMPTY_CDATA
        if "]]>" not in text and _NEEDS_CARE.search(text) is None:
            return "<![CDATA[" + text + "]]>"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = _ILLEGAL_XML.sub("", text)
        if len(cleaned) != len(text):
            self.removed_characters += len(text) - len(cleaned)
        if "]]>" in cleaned:
            cleaned = cleaned.replace("]]>", "]]]]><![CDATA[>")
        return "<![CDATA[" + cleaned + "]]>"

    def label_slug(self, label: str) -> str:
        """The WordPress slug of ``label``, unique across the conversion and stable for it."""
        slug = self.label_slugs.get(label)
        if slug is None:
            slug = self.label_slugs[label] = unique(wordpress_slug(label), self.taken_slugs, "label")
        return slug


def author_key(author: Author | None) -> tuple[str | None, str | None]:
    """The key of ``author`` in :attr:`Context.authors` (``None`` for a post without one)."""
    return (author.name, author.uri) if author is not None else (None, None)


def _plan_authors(archive: Archive, context: Context) -> None:
    logins: set[str] = set()
    for post in archive.posts:
        key = author_key(post.author)
        if key in context.authors:
            continue
        author = post.author or Author(name="blogger")
        base = ascii_slug(author.name or "", limit=50).replace("-", "") or "blogger"
        login = unique(base, logins, "blogger")
        context.authors[key] = (len(context.authors) + 1, login, author)


def prepare(archive: Archive, options: WriteOptions) -> Context:
    """A fresh :class:`Context` for ``archive``: authors planned, rewriters set up, orphans warned about."""
    context = Context(options=options)
    _plan_authors(archive, context)
    if not options.keep_links:
        context.links = WxrLinks(archive, context.label_slug, options.labels_as, options.site_url)
    if options.media is not None:
        context.media = WxrMedia(read_manifest(Path(options.media)), options.media_base_url)
    if archive.orphan_comments:
        orphans = [c for top in archive.orphan_comments for c in top.walk()]
        ids = ", ".join(c.id for c in orphans[:20]) + (" …" if len(orphans) > 20 else "")
        context.warnings.append(
            f"{counted(len(orphans), 'orphan comment')} (whose post is not in the input) cannot be imported into "
            f"WordPress and were not written to the WXR: {ids}; they stay in the JSON archive (--to json)"
        )
    return context


def finish(context: Context) -> list[str]:
    """The conversion's warnings, with the rewriters' and the closing counts appended."""
    for rewriter in (context.links, context.media):
        context.warnings.extend(rewriter.warnings() if rewriter is not None else ())
    changed = context.regex_changed
    if changed:
        context.warnings.append(
            f"{counted(len(changed), 'body')} would be altered by WordPress's fallback parser WXR_Parser_Regex "
            "(used only where PHP has neither SimpleXML nor the XML extension; those read every body exactly): "
            "it breaks lines over 8,191 bytes, drops spaces at line ends and, in posts, lower-cases tag names and "
            "rewrites <br>/<hr>; "
            f"e.g. {', '.join(changed[:5])}"
        )
    if context.removed_characters:
        context.warnings.append(
            f"{counted(context.removed_characters, 'control character')} that XML 1.0 cannot carry "
            f"{agree(context.removed_characters, 'was', 'were')} removed"
        )
    return context.warnings
