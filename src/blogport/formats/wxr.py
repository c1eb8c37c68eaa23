"""WordPress eXtended RSS (WXR): a writer that WordPress's importer takes whole, and a reader.

Writer (WXR 1.2, as ``wp-admin/includes/export.php`` writes it, shaped for the
``wordpress-importer`` plugin's parsers):

* the exporter's exact namespace prefixes and URIs; no DOCTYPE; every text in CDATA, with
  ``]]>`` split and characters XML 1.0 forbids removed (and counted in the warnings);
* small sequential ``wp:post_id`` and ``wp:comment_id``; Blogger's 19-digit ids are kept in
  ``blogger_id`` post and comment meta. The importer inserts a post's comments in id order and
  remaps a parent only if it is already in, so comment ids are given in a pre-order walk of
  each thread: every parent's id is lower than its replies';
* deleted comments (tombstones) are written as approved comments holding Blogger's "removed"
  text, with comment meta ``blogger_deleted`` = 1: WordPress hides the replies of a
  comment it does not show, so a trashed tombstone would hide its whole sub-thread;
* two items with the same type, title (case-insensitive) and date would be merged by the
  importer (``post_exists``): the later one is moved by a second, with a warning; the exact
  original time stays in ``blogger_published``;
* comments whose post is missing cannot be imported: they are listed in the warnings.

Reader: WXR 1.0–1.2 into the model (posts and pages; attachments, menus and other types are
counted in the warnings), ``wp:comment_parent`` threads, and the ``blogger_*`` meta this
writer stores, so Blogger → WXR → model gives back the same posts, comments and threads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import attrs
from lxml import etree

from ..errors import InputError, OutputError
from ..model import Archive, Author, Blog, Comment, Location, Post, Provenance, format_timestamp, parse_timestamp
from ..options import ReadOptions, WriteOptions
from ..output import atomic_text_file, check_writable
from ..slugs import ascii_slug, blogger_path, blogger_slug, unique, wordpress_slug
from ..sources import Document
from ..threads import assemble
from ..xmlstream import iter_entries, text_of

name = "wxr"
title = "WordPress eXtended RSS (WXR 1.0-1.2), for WordPress's importer"
extensions = (".xml", ".wxr")

WXR_VERSION = "1.2"
WP = "http://wordpress.org/export/1.2/"
EXCERPT = "http://wordpress.org/export/1.2/excerpt/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
WFW = "http://wellformedweb.org/CommentAPI/"
DC = "http://purl.org/dc/elements/1.1/"

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_STATUS_TO_WP = {"published": "publish", "draft": "draft", "scheduled": "future", "trashed": "trash"}
_UTC = UTC


def detect(head: bytes) -> bool:
    """True for a WXR file: RSS with the WordPress export namespace."""
    return b"<rss" in head and b"wordpress.org/export/" in head


# --- writer --------------------------------------------------------------------------------


@attrs.define
class _Context:
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

    def cdata(self, text: str | None) -> str:
        """``text`` as a CDATA section the importer reads back unchanged."""
        if not text:
            return "<![CDATA[]]>"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = _ILLEGAL_XML.sub("", text)
        if len(cleaned) != len(text):
            self.removed_characters += len(text) - len(cleaned)
        return "<![CDATA[" + cleaned.replace("]]>", "]]]]><![CDATA[>") + "]]>"

    def label_slug(self, label: str) -> str:
        slug = self.label_slugs.get(label)
        if slug is None:
            slug = self.label_slugs[label] = unique(wordpress_slug(label), self.taken_slugs, "label")
        return slug


def _author_key(author: Author | None) -> tuple[str | None, str | None]:
    return (author.name, author.uri) if author is not None else (None, None)


def _plan_authors(archive: Archive, context: _Context) -> None:
    logins: set[str] = set()
    for post in archive.posts:
        key = _author_key(post.author)
        if key in context.authors:
            continue
        author = post.author or Author(name="blogger")
        base = ascii_slug(author.name or "", limit=50).replace("-", "") or "blogger"
        login = unique(base, logins, "blogger")
        context.authors[key] = (len(context.authors) + 1, login, author)


def _wp_dates(moment: datetime | None) -> tuple[str, str]:
    if moment is None:
        return "", "0000-00-00 00:00:00"
    return _wp_date(moment), _wp_date(moment.astimezone(_UTC))


def _wp_date(moment: datetime) -> str:
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )


def _meta(context: _Context, tag: str, key: str, value: str | None) -> str:
    if value is None:
        return ""
    return (
        f"\t\t<wp:{tag}>\n\t\t\t<wp:meta_key>{context.cdata(key)}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{context.cdata(value)}</wp:meta_value>\n\t\t</wp:{tag}>\n"
    )


def _header(archive: Archive, context: _Context) -> str:
    blog = archive.blog
    site = blog.url or ""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- This is a WordPress eXtended RSS file written by blogport from a Blogger blog. -->",
        "<!-- Import it with Tools > Import > WordPress (the wordpress-importer plugin). -->",
        '<rss version="2.0"',
        f'\txmlns:excerpt="{EXCERPT}"',
        f'\txmlns:content="{CONTENT}"',
        f'\txmlns:wfw="{WFW}"',
        f'\txmlns:dc="{DC}"',
        f'\txmlns:wp="{WP}"',
        ">",
        "",
        "<channel>",
        f"\t<title>{context.cdata(blog.title)}</title>",
        f"\t<link>{escape(site)}</link>",
        f"\t<description>{context.cdata(blog.description)}</description>",
        f"\t<pubDate>{format_datetime(datetime(2000, 1, 1, tzinfo=_UTC))}</pubDate>"
        if blog.source is None or blog.source.exported is None
        else f"\t<pubDate>{format_datetime(blog.source.exported.astimezone(_UTC))}</pubDate>",
        f"\t<language>{context.cdata(blog.locale)}</language>",
        f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>",
        f"\t<wp:base_site_url>{escape(site)}</wp:base_site_url>",
        f"\t<wp:base_blog_url>{escape(site)}</wp:base_blog_url>",
        "",
    ]
    for author_id, login, author in context.authors.values():
        email = context.cdata(author.email)
        lines.append(
            f"\t<wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{context.cdata(login)}"
            f"</wp:author_login><wp:author_email>{email}</wp:author_email><wp:author_display_name>"
            f"{context.cdata(author.name or login)}</wp:author_display_name><wp:author_first_name>"
            f"<![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>"
        )
    lines.append("")
    lines.append("\t<generator>blogport</generator>")
    lines.append("")
    return "\n".join(lines) + "\n"


_FOOTER = "</channel>\n</rss>\n"


def _distinct_date(post: Post, context: _Context) -> datetime | None:
    """The post's date, moved by whole seconds if the importer would merge it with an earlier item."""
    moment = post.published
    if moment is None:
        return None
    post_type = post.kind
    title_key = post.title.strip().casefold()
    shifted = moment
    while True:
        slot = (post_type, _wp_date(shifted))
        titles = context.dates_taken.setdefault(slot, set())
        # post_exists() compares the title only when it is not empty: an untitled item
        # matches any item of its type at that date.
        clash = (title_key in titles) or (not title_key and bool(titles))
        if not clash:
            titles.add(title_key)
            break
        shifted = shifted + timedelta(seconds=1)
    if shifted != moment:
        context.warnings.append(
            f"{post.kind} {post.id} ({post.title!r}) has the same title and date as an earlier {post.kind}: "
            "WordPress's importer would merge them, so its date was moved by "
            f"{int((shifted - moment).total_seconds())} second(s); the exact original is kept in postmeta "
            "blogger_published"
        )
    return shifted


def _item(post: Post, archive: Archive, context: _Context) -> str:
    cdata = context.cdata
    post_id = context.next_post_id
    context.next_post_id += 1
    author_id, login, _author = context.authors[_author_key(post.author)]
    moment = _distinct_date(post, context)
    date, date_gmt = _wp_dates(moment)
    if post.status == "draft" and moment is not None:
        date_gmt = _wp_date(moment.astimezone(_UTC))
    modified, modified_gmt = _wp_dates(post.updated)
    slug = blogger_slug(post.url) or ascii_slug(post.title) or ""
    guid = post.url or f"tag:blogger.com,1999:blog-{archive.blog.id or '0'}.post-{post.id}"
    domain = "category" if context.options.labels_as == "categories" else "post_tag"
    out = [
        "\t<item>\n",
        f"\t\t<title>{cdata(post.title)}</title>\n",
        f"\t\t<link>{escape(post.url or '')}</link>\n",
        f"\t\t<pubDate>{format_datetime(moment.astimezone(_UTC)) if moment else ''}</pubDate>\n",
        f"\t\t<dc:creator>{cdata(login)}</dc:creator>\n",
        f'\t\t<guid isPermaLink="false">{escape(guid)}</guid>\n',
        "\t\t<description></description>\n",
        f"\t\t<content:encoded>{cdata(post.content)}</content:encoded>\n",
        f"\t\t<excerpt:encoded>{cdata(post.description)}</excerpt:encoded>\n",
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n",
        f"\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n",
        f"\t\t<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n",
        f"\t\t<wp:post_modified>{cdata(modified)}</wp:post_modified>\n",
        f"\t\t<wp:post_modified_gmt>{cdata(modified_gmt)}</wp:post_modified_gmt>\n",
        "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n",
        "\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>\n",
        f"\t\t<wp:post_name>{cdata(wordpress_slug(slug))}</wp:post_name>\n",
        f"\t\t<wp:status>{cdata(_STATUS_TO_WP[post.status])}</wp:status>\n",
        "\t\t<wp:post_parent>0</wp:post_parent>\n",
        "\t\t<wp:menu_order>0</wp:menu_order>\n",
        f"\t\t<wp:post_type>{cdata(post.kind)}</wp:post_type>\n",
        "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n",
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
    ]
    for label in post.labels:
        nicename = quoteattr(context.label_slug(label))
        out.append(f'\t\t<category domain="{domain}" nicename={nicename}>{cdata(label)}</category>\n')
    author = post.author
    location = post.location
    blog_host = urlsplit(archive.blog.url).netloc if archive.blog.url else None
    metas = [
        ("blogger_id", post.id),
        ("blogger_blog", blog_host or archive.blog.id),
        ("blogger_permalink", blogger_path(post.url)),
        ("blogger_url", post.url),
        ("blogger_author", author.name if author else None),
        ("blogger_author_unknown", "1" if author is None else None),
        ("blogger_author_uri", author.uri if author else None),
        ("blogger_author_avatar", author.avatar if author else None),
        ("blogger_published", format_timestamp(post.published)),
        ("blogger_updated", format_timestamp(post.updated)),
        ("blogger_thumbnail", post.thumbnail),
    ]
    if location is not None:
        metas += [
            ("geo_latitude", None if location.latitude is None else repr(location.latitude)),
            ("geo_longitude", None if location.longitude is None else repr(location.longitude)),
            ("geo_address", location.name),
            ("blogger_location_span", location.span),
            ("geo_public", "1"),
        ]
    out.extend(_meta(context, "postmeta", key, value) for key, value in metas)
    for top in post.comments:
        out.extend(_comments(top, post, author_id, context))
    out.append("\t</item>\n")
    return "".join(out)


def _comments(top: Comment, post: Post, owner_id: int, context: _Context) -> Iterator[str]:
    """A thread's ``<wp:comment>`` blocks, ids given in pre-order so parents come first."""
    cdata = context.cdata
    stack: list[tuple[Comment, int]] = [(top, 0)]
    owner_uri = post.author.uri if post.author else None
    while stack:
        comment, parent_wp_id = stack.pop()
        wp_id = context.next_comment_id
        context.next_comment_id += 1
        author = comment.author
        date, date_gmt = _wp_dates(comment.published)
        is_owner = author is not None and author.is_blog_author and owner_uri is not None and author.uri == owner_uri
        metas = [
            ("blogger_id", comment.id),
            ("blogger_parent_id", comment.parent_id),
            ("blogger_permalink", comment.url),
            ("blogger_published", format_timestamp(comment.published)),
            ("blogger_updated", format_timestamp(comment.updated)),
            ("blogger_author_uri", author.uri if author else None),
            ("blogger_author_avatar", author.avatar if author else None),
            ("blogger_author_is_blog_author", "1" if author is not None and author.is_blog_author else None),
            ("blogger_author_unknown", "1" if author is None else None),
            ("blogger_deleted", "1" if comment.status == "deleted" else None),
        ]
        yield (
            "\t\t<wp:comment>\n"
            f"\t\t\t<wp:comment_id>{wp_id}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(author.name if author else '')}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(author.email if author else '')}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url>{cdata(author.uri if author else '')}</wp:comment_author_url>\n"
            "\t\t\t<wp:comment_author_IP><![CDATA[]]></wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(date)}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(date_gmt if comment.published else '')}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(comment.content)}</wp:comment_content>\n"
            "\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
            "\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{parent_wp_id}</wp:comment_parent>\n"
            f"\t\t\t<wp:comment_user_id>{owner_id if is_owner else 0}</wp:comment_user_id>\n"
            + "".join(_meta(context, "commentmeta", key, value).replace("\t\t<", "\t\t\t<") for key, value in metas)
            + "\t\t</wp:comment>\n"
        )
        stack.extend((reply, wp_id) for reply in reversed(comment.replies))


def _prepare(archive: Archive, options: WriteOptions) -> _Context:
    context = _Context(options=options)
    _plan_authors(archive, context)
    if archive.orphan_comments:
        orphans = [c for top in archive.orphan_comments for c in top.walk()]
        ids = ", ".join(c.id for c in orphans[:20]) + (" …" if len(orphans) > 20 else "")
        context.warnings.append(
            f"{len(orphans)} orphan comment(s) (their post is not in the input) cannot be imported into "
            f"WordPress and were not written to the WXR: {ids}; they stay in the JSON archive (--to json)"
        )
    return context


def _finish(context: _Context) -> list[str]:
    if context.removed_characters:
        context.warnings.append(
            f"{context.removed_characters} control character(s) that XML 1.0 cannot carry were removed"
        )
    return context.warnings


def write(archive: Archive, stream: IO[str], options: WriteOptions | None = None) -> list[str]:
    """Write ``archive`` as one WXR document; returns the warnings (orphans, moved dates, ...)."""
    context = _prepare(archive, options or WriteOptions())
    stream.write(_header(archive, context))
    for post in archive.posts:
        stream.write(_item(post, archive, context))
    stream.write(_FOOTER)
    return _finish(context)


def split_names(path: Path, count: int) -> list[Path]:
    """The file names of a split WXR: ``blog.xml`` → ``blog-001.xml``, ``blog-002.xml`` …"""
    return [path.with_name(f"{path.stem}-{index:03d}{path.suffix or '.xml'}") for index in range(1, count + 1)]


def write_to_path(archive: Archive, path: Path, options: WriteOptions, force: bool) -> tuple[list[Path], list[str]]:
    """Write to ``path``; with ``options.split_size`` several valid WXR files, each under that size.

    Every post goes whole (with all its comments) into one file, so a post larger than the
    limit gets a file of its own (and a warning). Files are written atomically.
    """
    if not options.split_size:
        with atomic_text_file(path, force=force) as stream:
            return [path], write(archive, stream, options)
    context = _prepare(archive, options)
    header = _header(archive, context)
    budget = options.split_size - len(header.encode("utf-8")) - len(_FOOTER)
    groups: list[list[str]] = [[]]
    used = 0
    for post in archive.posts:
        item = _item(post, archive, context)
        size = len(item.encode("utf-8"))
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        if size > budget:
            context.warnings.append(
                f"{post.kind} {post.id} with its comments is {size / 1e6:.1f} MB, over --split-size: "
                "it was written whole, in a file of its own"
            )
        groups[-1].append(item)
        used += size
    targets = split_names(path, len(groups))
    for target in targets:
        check_writable(target, force)
    for target, items in zip(targets, groups, strict=True):
        with atomic_text_file(target, force=force) as stream:
            stream.write(header)
            stream.writelines(items)
            stream.write(_FOOTER)
    return targets, _finish(context)


# --- reader --------------------------------------------------------------------------------

_WP_STATUS = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "pending": "draft",
    "auto-draft": "draft",
    "private": "draft",
    "trash": "trashed",
}


def _space(tag: str) -> tuple[str, str]:
    """(short namespace, local name) of a Clark-notation tag; WXR 1.0/1.1/1.2 URIs are alike."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if "wordpress.org/export/" in uri:
            return ("excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"), local
        if uri == CONTENT:
            return "content", local
        if uri == DC:
            return "dc", local
        return uri, local
    return "", tag


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read each WXR file into an archive (one per file)."""
    return [_read_one(document, options) for document in documents]


@attrs.define
class _Channel:
    blog: Blog = attrs.Factory(Blog)
    authors: dict[str, Author] = attrs.Factory(dict)
    author_ids: dict[str, str] = attrs.Factory(dict)


def _read_one(document: Document, options: ReadOptions) -> Archive:
    warnings: list[str] = []
    channel = _Channel()
    posts: list[Post] = []
    comments: list[Comment] = []
    skipped: Counter[str] = Counter()
    held: list[int] = [0]

    def on_header(element: etree._Element) -> None:
        root = element.getroottree().getroot()
        channel_element = root.find("channel")
        if root.tag != "rss" or channel_element is None:
            raise InputError("not a WXR file (no <rss><channel>)", document.name)
        _read_channel(channel_element, channel, options, document)

    for item in iter_entries(document, "item", on_header, warnings, options.progress):
        _read_item(item, channel, posts, comments, skipped, held, options)
    if not channel.blog.source:
        raise InputError("not a WXR file (no wp:wxr_version)", document.name)
    for what, count in sorted(skipped.items()):
        if what.endswith("read as draft"):
            warnings.append(f"{count} WordPress {what} (the model has no such status)")
        else:
            warnings.append(f"{count} WordPress item(s) of type {what!r} are not posts or pages and were not read")
    if held[0]:
        warnings.append(f"{held[0]} comment(s) held for moderation (or spam) in WordPress were read as published")
    blog = attrs.evolve(channel.blog, source=attrs.evolve(channel.blog.source, files=(document.member_path,)))
    return assemble(blog, posts, comments, warnings)


def _read_channel(channel_el: etree._Element, channel: _Channel, options: ReadOptions, document: Document) -> None:
    fields: dict[str, str | None] = {}
    for child in channel_el:
        if not isinstance(child.tag, str):
            continue
        space, local = _space(child.tag)
        if space == "wp" and local == "author":
            data = {_space(c.tag)[1]: text_of(c) for c in child if isinstance(c.tag, str)}
            login = data.get("author_login") or ""
            email = data.get("author_email") if options.keep_emails else None
            channel.authors[login] = Author(
                name=data.get("author_display_name") or login or None, email=email, is_blog_author=True
            )
            channel.author_ids[data.get("author_id") or ""] = login
        elif space in ("", "wp"):
            fields[local] = text_of(child)
    version = fields.get("wxr_version")
    if not version or not re.fullmatch(r"\d+\.\d+", version):
        raise InputError("not a WXR file (missing or invalid wp:wxr_version)", document.name)
    channel.blog = Blog(
        title=fields.get("title") or "",
        url=fields.get("base_blog_url") or fields.get("link") or None,
        description=fields.get("description"),
        locale=fields.get("language"),
        source=Provenance(format=name, exported=_rfc822(fields.get("pubDate"))),
    )


def _rfc822(text: str | None) -> datetime | None:
    if not text:
        return None
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_UTC)


def _wp_moment(local: str | None, gmt: str | None) -> datetime | None:
    """A WordPress local + GMT date pair as one aware datetime with the local offset."""
    if not local or local.startswith("0000"):
        local = None
    if not gmt or gmt.startswith("0000"):
        gmt = None
    try:
        local_time = datetime.strptime(local, "%Y-%m-%d %H:%M:%S") if local else None
        gmt_time = datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S") if gmt else None
    except ValueError:
        return None
    if local_time and gmt_time:
        offset = local_time - gmt_time
        if abs(offset) <= timedelta(hours=15):
            return local_time.replace(tzinfo=timezone(offset))
        return gmt_time.replace(tzinfo=_UTC)
    moment = gmt_time or local_time
    return moment.replace(tzinfo=_UTC) if moment else None


def _read_item(
    item: etree._Element,
    channel: _Channel,
    posts: list[Post],
    comments: list[Comment],
    skipped: Counter[str],
    held: list[int],
    options: ReadOptions,
) -> None:
    fields: dict[str, str | None] = {}
    labels: list[str] = []
    meta: dict[str, str | None] = {}
    comment_elements: list[etree._Element] = []
    for child in item:
        if not isinstance(child.tag, str):
            continue
        space, local = _space(child.tag)
        if local == "category" and space == "":
            if child.get("domain") in ("category", "post_tag", "tag") and child.text and child.text.strip():
                labels.append(child.text)
        elif space == "wp" and local == "postmeta":
            data = {_space(c.tag)[1]: c.text for c in child if isinstance(c.tag, str)}
            if data.get("meta_key"):
                meta[data["meta_key"] or ""] = data.get("meta_value")
        elif space == "wp" and local == "comment":
            comment_elements.append(child)
        elif space in ("", "wp", "dc", "content", "excerpt"):
            key = f"{space}:{local}" if space in ("dc", "content", "excerpt") else local
            fields[key] = child.text
    post_type = (fields.get("post_type") or "").strip()
    if post_type not in ("post", "page"):
        skipped[post_type or "(none)"] += 1
        return
    wp_id = (fields.get("post_id") or "").strip()
    post_id = (meta.get("blogger_id") or wp_id or "").strip()
    if not post_id:
        skipped["post without an id"] += 1
        return
    login = (fields.get("dc:creator") or "").strip()
    author = channel.authors.get(login) or (Author(name=login, is_blog_author=True) if login else None)
    if author is not None and (meta.get("blogger_author_uri") or meta.get("blogger_author_avatar")):
        author = attrs.evolve(author, uri=meta.get("blogger_author_uri"), avatar=meta.get("blogger_author_avatar"))
    if meta.get("blogger_author_unknown") == "1":
        author = None
    published = parse_timestamp(meta.get("blogger_published")) or _wp_moment(
        fields.get("post_date"), fields.get("post_date_gmt")
    )
    updated = parse_timestamp(meta.get("blogger_updated")) or _wp_moment(
        fields.get("post_modified"), fields.get("post_modified_gmt")
    )
    location = None
    if any(meta.get(k) for k in ("geo_latitude", "geo_longitude", "geo_address", "blogger_location_span")):
        location = Location(
            name=meta.get("geo_address"),
            latitude=_number(meta.get("geo_latitude")),
            longitude=_number(meta.get("geo_longitude")),
            span=meta.get("blogger_location_span"),
        )
    wp_status = (fields.get("status") or "").strip()
    status = _WP_STATUS.get(wp_status, "published")
    if wp_status in ("private", "pending"):
        skipped[f"{wp_status} post(s) read as draft"] += 1
    posts.append(
        Post(
            id=post_id,
            kind=post_type,
            status=status,
            title=fields.get("title") or "",
            url=meta.get("blogger_url") or (fields.get("link") or "").strip() or None,
            published=published,
            updated=updated,
            author=author,
            labels=tuple(labels),
            content=fields.get("content:encoded") or "",
            description=fields.get("excerpt:encoded") or None,
            thumbnail=meta.get("blogger_thumbnail"),
            location=location,
        )
    )
    _read_comments(comment_elements, post_id, channel, comments, held, options)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _read_comments(
    elements: list[etree._Element],
    post_id: str,
    channel: _Channel,
    comments: list[Comment],
    held: list[int],
    options: ReadOptions,
) -> None:
    raw: list[tuple[str, str, dict[str, str | None], dict[str, str | None]]] = []
    ids: dict[str, str] = {}
    for element in elements:
        fields: dict[str, str | None] = {}
        meta: dict[str, str | None] = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            local = _space(child.tag)[1]
            if local == "commentmeta":
                data = {_space(c.tag)[1]: c.text for c in child if isinstance(c.tag, str)}
                if data.get("meta_key"):
                    meta[data["meta_key"] or ""] = data.get("meta_value")
            else:
                fields[local] = child.text
        wp_id = (fields.get("comment_id") or "").strip()
        comment_id = (meta.get("blogger_id") or wp_id).strip()
        if not comment_id:
            continue
        ids[wp_id] = comment_id
        raw.append((wp_id, comment_id, fields, meta))
    for _wp_id, comment_id, fields, meta in raw:
        approved = (fields.get("comment_approved") or "").strip()
        deleted = meta.get("blogger_deleted") == "1" or approved in ("trash", "spam", "post-trashed")
        if approved not in ("1", "trash", "spam", "post-trashed"):
            held[0] += 1
        parent_wp = (fields.get("comment_parent") or "0").strip()
        parent_id = ids.get(parent_wp) if parent_wp not in ("", "0") else None
        if parent_id is None and parent_wp not in ("", "0"):
            parent_id = parent_wp  # named, but not in the file: kept, as the model does
        if meta.get("blogger_parent_id"):
            parent_id = meta["blogger_parent_id"]
        name_text = (fields.get("comment_author") or "").strip() or None
        uri = meta.get("blogger_author_uri") or (fields.get("comment_author_url") or "").strip() or None
        email = (fields.get("comment_author_email") or "").strip() or None
        user_id = (fields.get("comment_user_id") or "0").strip()
        is_owner = meta.get("blogger_author_is_blog_author") == "1" or (
            user_id not in ("", "0") and user_id in channel.author_ids
        )
        author = None
        if meta.get("blogger_author_unknown") != "1":
            author = Author(
                name=name_text,
                uri=uri,
                email=email if options.keep_emails else None,
                avatar=meta.get("blogger_author_avatar"),
                is_blog_author=is_owner,
            )
        comments.append(
            Comment(
                id=comment_id,
                post_id=post_id,
                parent_id=parent_id,
                author=author,
                published=parse_timestamp(meta.get("blogger_published"))
                or _wp_moment(fields.get("comment_date"), fields.get("comment_date_gmt")),
                updated=parse_timestamp(meta.get("blogger_updated")),
                content=fields.get("comment_content") or "",
                status="deleted" if deleted else "published",
                url=meta.get("blogger_permalink"),
            )
        )


__all__ = ["OutputError", "detect", "read", "write", "write_to_path"]
