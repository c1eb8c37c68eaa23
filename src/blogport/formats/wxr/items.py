"""The WXR writer's text: the channel header, one ``<item>`` per post with its postmeta, and
each comment thread as ``<wp:comment>`` blocks in pre-order.

Part of the WXR writer (:mod:`.writer` states its rules); the state it fills is :class:`.context.Context`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ...media.rewrite_wxr import attachment_item
from ...model import Archive, Comment, Post, format_timestamp, in_utc
from ...report import counted, describe_post
from ...slugs import blogger_path
from . import regex_parser
from .context import Context, author_key, wrap_constant
from .links import post_name
from .namespaces import CONTENT, DC, EXCERPT, WFW, WP, WXR_VERSION

_STATUS_TO_WP = {"published": "publish", "draft": "draft", "scheduled": "future", "trashed": "trash"}


def _wp_dates(moment: datetime | None) -> tuple[str, str]:
    if moment is None:
        return "", "0000-00-00 00:00:00"
    return _wp_date(moment), _wp_date(in_utc(moment))


def _wp_date(moment: datetime) -> str:
    return moment.isoformat(" ", "seconds")[:19]  # "YYYY-MM-DD HH:MM:SS": the year is always 4 digits


def _stamped_dates(moment: datetime | None) -> tuple[str | None, str, str]:
    """``format_timestamp(moment)`` and :func:`_wp_dates`, the local date cut from the first's text."""
    if moment is None:
        return None, "", "0000-00-00 00:00:00"
    stamp = format_timestamp(moment)
    assert stamp is not None
    # isoformat truncates to the timespec, so its first 19 characters are the same at any spec
    return stamp, f"{stamp[:10]} {stamp[11:19]}", _wp_date(in_utc(moment))


# Everything of a meta block but its value, by (tag, key), for the post and the comment indent:
# the key names are constants, wrapped once per process (they were a tenth of the WXR time).
_POST_CLOSING = "</wp:meta_value>\n\t\t</wp:postmeta>\n"
_COMMENT_CLOSING = "</wp:meta_value>\n\t\t\t</wp:commentmeta>\n"
_POST_KEYS = [
    "blogger_id",
    "blogger_blog",
    "blogger_permalink",
    "blogger_url",
    "blogger_author",
    "blogger_author_unknown",
    "blogger_author_uri",
    "blogger_author_avatar",
    "blogger_published",
    "blogger_updated",
    "blogger_thumbnail",
    "geo_latitude",
    "geo_longitude",
    "geo_address",
    "blogger_location_span",
    "geo_public",
]
_COMMENT_KEYS = [
    "blogger_id",
    "blogger_parent_id",
    "blogger_permalink",
    "blogger_published",
    "blogger_updated",
    "blogger_author_uri",
    "blogger_author_avatar",
    "blogger_author_is_blog_author",
    "blogger_author_unknown",
    "blogger_deleted",
]


def _opening(tag: str, key: str) -> str:
    return f"\t\t<wp:{tag}>\n\t\t\t<wp:meta_key>{wrap_constant(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>"


_POST_OPENINGS = {key: _opening("postmeta", key) for key in _POST_KEYS}
_COMMENT_OPENINGS = {key: _opening("commentmeta", key).replace("\t\t<", "\t\t\t<") for key in _COMMENT_KEYS}
_ONE = wrap_constant("1")
# Whole comment meta blocks whose value is the constant "1"
_COMMENT_FLAGS = {key: f"{_COMMENT_OPENINGS[key]}{_ONE}{_COMMENT_CLOSING}" for key in _COMMENT_KEYS}
_STATUSES = {status: wrap_constant(wp) for status, wp in _STATUS_TO_WP.items()}
_KINDS = {kind: wrap_constant(kind) for kind in ("post", "page")}


def _post_meta(context: Context, key: str, value: str | None) -> str:
    if value is None:
        return ""
    opening = _POST_OPENINGS.get(key) or _opening("postmeta", key)
    return f"{opening}{context.cdata(value)}{_POST_CLOSING}"


def _comment_meta(context: Context, key: str, value: str | None) -> str:
    if value is None:
        return ""
    wrapped = context.cdata(value)
    if "\t\t<" in wrapped:  # the block used to be re-indented whole, the value with it: kept byte-identical
        wrapped = wrapped.replace("\t\t<", "\t\t\t<")
    return f"{_COMMENT_OPENINGS[key]}{wrapped}{_COMMENT_CLOSING}"


@functools.lru_cache(maxsize=16)
def _netloc(url: str) -> str:
    return urlsplit(url).netloc  # the blog's, the same for every post


def channel_header(archive: Archive, context: Context) -> str:
    """The document up to the first item: namespaces, channel fields and the ``wp:author`` list."""
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
        f"\t<pubDate>{format_datetime(datetime(2000, 1, 1, tzinfo=UTC))}</pubDate>"
        if blog.source is None or blog.source.exported is None
        else f"\t<pubDate>{format_datetime(in_utc(blog.source.exported))}</pubDate>",
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


CHANNEL_FOOTER = "</channel>\n</rss>\n"


def _distinct_date(post: Post, context: Context) -> datetime | None:
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
        try:
            shifted = shifted + timedelta(seconds=1)
        except OverflowError:  # the last second of year 9999: left as it is
            break
    if shifted != moment:
        context.warnings.append(
            f"{describe_post(post)} has the same title and date as an earlier {post.kind}: "
            "WordPress's importer would merge them, so its date was moved by "
            f"{counted(int((shifted - moment).total_seconds()), 'second')}; the exact original is kept in postmeta "
            "blogger_published"
        )
    return shifted


def post_item(post: Post, archive: Archive, context: Context) -> str:
    """One post's ``<item>`` with its postmeta, comments and any pending ``--media`` attachments."""
    cdata = context.cdata
    post_id = context.next_post_id
    context.next_post_id += 1
    author_id, login, _author = context.authors[author_key(post.author)]
    moment = _distinct_date(post, context)
    published, *dates = _stamped_dates(post.published)
    date, date_gmt = dates if moment is post.published else _wp_dates(moment)
    updated, modified, modified_gmt = _stamped_dates(post.updated)
    guid = post.url or f"tag:blogger.com,1999:blog-{archive.blog.id or '0'}.post-{post.id}"
    domain = "category" if context.options.labels_as == "categories" else "post_tag"
    content = context.body(post.content, post.url, post)
    if regex_parser.changes(content, 30, True) or regex_parser.changes(post.description or "", 30, True):
        context.regex_changed.append(describe_post(post))
    out = [
        "\t<item>\n",
        f"\t\t<title>{cdata(post.title)}</title>\n",
        f"\t\t<link>{escape(post.url or '')}</link>\n",
        f"\t\t<pubDate>{format_datetime(in_utc(moment)) if moment else ''}</pubDate>\n",
        f"\t\t<dc:creator>{cdata(login)}</dc:creator>\n",
        f'\t\t<guid isPermaLink="false">{escape(guid)}</guid>\n',
        "\t\t<description></description>\n",
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
        f"\t\t<excerpt:encoded>{cdata(post.description)}</excerpt:encoded>\n",
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n",
        f"\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n",
        f"\t\t<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n",
        f"\t\t<wp:post_modified>{cdata(modified)}</wp:post_modified>\n",
        f"\t\t<wp:post_modified_gmt>{cdata(modified_gmt)}</wp:post_modified_gmt>\n",
        "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n",
        "\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>\n",
        f"\t\t<wp:post_name>{cdata(post_name(post))}</wp:post_name>\n",
        f"\t\t<wp:status>{_STATUSES[post.status]}</wp:status>\n",
        "\t\t<wp:post_parent>0</wp:post_parent>\n",
        "\t\t<wp:menu_order>0</wp:menu_order>\n",
        f"\t\t<wp:post_type>{_KINDS.get(post.kind) or cdata(post.kind)}</wp:post_type>\n",
        "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n",
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
    ]
    for label in post.labels:
        nicename = quoteattr(context.label_slug(label))
        out.append(f'\t\t<category domain="{domain}" nicename={nicename}>{cdata(label)}</category>\n')
    author = post.author
    location = post.location
    blog_host = _netloc(archive.blog.url) if archive.blog.url else None
    metas = [
        ("blogger_id", post.id),
        ("blogger_blog", blog_host or archive.blog.id),
        ("blogger_permalink", blogger_path(post.url)),
        ("blogger_url", post.url),
        ("blogger_author", author.name if author else None),
        ("blogger_author_unknown", "1" if author is None else None),
        ("blogger_author_uri", author.uri if author else None),
        ("blogger_author_avatar", author.avatar if author else None),
        ("blogger_published", published),
        ("blogger_updated", updated),
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
    out.extend(_post_meta(context, key, value) for key, value in metas)
    for top in post.comments:
        out.extend(_comments(top, post, author_id, context))
    out.append("\t</item>\n")
    for attachment in context.media.take_pending() if context.media else ():
        meta = functools.partial(_post_meta, context)
        out.append(attachment_item(attachment, context.next_post_id, post_id, login, (date, date_gmt), cdata, meta))
        context.next_post_id += 1
    return "".join(out)


def _comments(top: Comment, post: Post, owner_id: int, context: Context) -> Iterator[str]:
    """A thread's ``<wp:comment>`` blocks, ids given in pre-order so parents come first."""
    cdata = context.cdata
    stack: list[tuple[Comment, int]] = [(top, 0)]
    owner_uri = post.author.uri if post.author else None
    while stack:
        comment, parent_wp_id = stack.pop()
        wp_id = context.next_comment_id
        context.next_comment_id += 1
        author = comment.author
        published, date, date_gmt = _stamped_dates(comment.published)
        content = context.body(comment.content, post.url, post, comment=True)
        if regex_parser.changes(content, 35, False):
            context.regex_changed.append(f"comment {comment.id} on {describe_post(post)}")
        is_owner = author is not None and author.is_blog_author and owner_uri is not None and author.uri == owner_uri
        metas = (
            _comment_meta(context, "blogger_id", comment.id)
            + _comment_meta(context, "blogger_parent_id", comment.parent_id)
            + _comment_meta(context, "blogger_permalink", comment.url)
            + _comment_meta(context, "blogger_published", published)
            + _comment_meta(context, "blogger_updated", format_timestamp(comment.updated))
            + (
                _comment_meta(context, "blogger_author_uri", author.uri)
                + _comment_meta(context, "blogger_author_avatar", author.avatar)
                + (_COMMENT_FLAGS["blogger_author_is_blog_author"] if author.is_blog_author else "")
                if author is not None
                else _COMMENT_FLAGS["blogger_author_unknown"]
            )
            + (_COMMENT_FLAGS["blogger_deleted"] if comment.status == "deleted" else "")
        )
        yield (
            "\t\t<wp:comment>\n"
            f"\t\t\t<wp:comment_id>{wp_id}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(author.name if author else '')}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(author.email if author else '')}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url>{cdata(author.uri if author else '')}</wp:comment_author_url>\n"
            "\t\t\t<wp:comment_author_IP><![CDATA[]]></wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(date)}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(date_gmt if comment.published else '')}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(content)}</wp:comment_content>\n"
            "\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
            "\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{parent_wp_id}</wp:comment_parent>\n"
            f"\t\t\t<wp:comment_user_id>{owner_id if is_owner else 0}</wp:comment_user_id>\n"
            + metas
            + "\t\t</wp:comment>\n"
        )
        stack.extend((reply, wp_id) for reply in reversed(comment.replies))
