"""The WXR reader: WXR 1.0–1.2 into the model (posts and pages; attachments, menus and other types are
counted in the warnings), ``wp:comment_parent`` threads, and the ``blogger_*`` meta this
writer stores, so Blogger → WXR → model gives back the same posts, comments and threads.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import attrs
from lxml import etree

from ...errors import InputError
from ...model import Archive, Author, Blog, Comment, Location, Post, Provenance, parse_finite, parse_timestamp
from ...options import ReadOptions
from ...report import agree, counted
from ...sources import Document
from ...threads import assemble
from ...xmlstream import iter_entries, text_of
from .namespaces import CONTENT, DC

# Keys of the tally of what was skipped or changed, besides item types (``attachment``, ``nav_menu_item`` …).
_BAD_COORDINATES = "coordinates"
_READ_AS_DRAFT = "read as draft: "

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
        if what == _BAD_COORDINATES:
            warnings.append(
                f"{counted(count, 'WordPress post')} whose geo_latitude/geo_longitude is not a finite number "
                "(coordinates dropped)"
            )
        elif what.startswith(_READ_AS_DRAFT):
            status = what.removeprefix(_READ_AS_DRAFT)
            warnings.append(
                f"{counted(count, status + ' WordPress post')} read as draft (the model has no such status)"
            )
        else:
            warnings.append(
                f"{counted(count, 'WordPress item')} of type {what!r} "
                f"{agree(count, 'is not a post or page and was', 'are not posts or pages and were')} "
                "not read"
            )
    if held[0]:
        warnings.append(
            f"{counted(held[0], 'comment')} held for moderation (or spam) in WordPress "
            f"{agree(held[0], 'was', 'were')} read as published"
        )
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
        source=Provenance(format="wxr", exported=_rfc822(fields.get("pubDate"))),
    )


def _rfc822(text: str | None) -> datetime | None:
    if not text:
        return None
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
        return gmt_time.replace(tzinfo=UTC)
    moment = gmt_time or local_time
    return moment.replace(tzinfo=UTC) if moment else None


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
        latitude, longitude = parse_finite(meta.get("geo_latitude")), parse_finite(meta.get("geo_longitude"))
        if (latitude is None) != (meta.get("geo_latitude") is None) or (longitude is None) != (
            meta.get("geo_longitude") is None
        ):
            skipped[_BAD_COORDINATES] += 1
        location = Location(
            name=meta.get("geo_address"),
            latitude=latitude,
            longitude=longitude,
            span=meta.get("blogger_location_span"),
        )
    wp_status = (fields.get("status") or "").strip()
    status = _WP_STATUS.get(wp_status, "published")
    if wp_status in ("private", "pending"):
        skipped[_READ_AS_DRAFT + wp_status] += 1
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
