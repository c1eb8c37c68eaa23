"""Merging the pages and feeds of one blog into one archive.

A post seen on its item page, listing pages, the mobile view or ``?showComment=`` copies
appears once; the item page is authoritative for the body (listing pages may hold snippets
only). Comments are merged by id: the page wins for the body markup, the feed for the parent
link and the ISO time. Pages without a blog id join the blog whose host they share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from ....errors import InputError
from ....model import Archive, Blog, Comment, Post, Provenance
from ....options import ReadOptions
from ....report import agree, counted, describe
from ....sources import Document
from ....threads import assemble
from ..urls import blog_host, normalize_url, url_key
from .dates import localized_date
from .records import FORMAT_NAME, CommentRecord, PageRecords, PostRecord


def by_blog(pages: list[tuple[Document, PageRecords]], options: ReadOptions) -> list[Archive]:
    """One archive per blog among ``pages``; a clear error when only Dynamic Views shells were given."""
    groups: dict[str, list[tuple[Document, PageRecords]]] = {}
    for document, page in pages:
        key = page.blog.get("id") or blog_host(page.blog.get("url")) or "?"
        groups.setdefault(key, []).append((document, page))
    # Pages without a blog id join the blog whose host they share, or the only blog.
    if "?" in groups and len(groups) > 1:
        loose = groups.pop("?")
        target = next(iter(groups))
        groups[target].extend(loose)
    archives = []
    for group in groups.values():
        archives.append(merge_blog(group, options))
    if all(page.dynamic_views for _, page in pages):
        raise InputError(pages[0][1].warnings[0].split(": ", 1)[1], pages[0][0].name)
    return archives


def merge_blog(group: list[tuple[Document, PageRecords]], options: ReadOptions) -> Archive:
    """The archive of one blog's pages and feeds (see the module doc for the rules)."""
    warnings: list[str] = []
    blog_fields: dict[str, str | None] = {}
    captured = None
    for _, page in group:
        for key, value in page.blog.items():
            if value and not blog_fields.get(key):
                blog_fields[key] = value
        warnings.extend(page.warnings)
        if page.captured and (captured is None or page.captured > captured):
            captured = page.captured
    posts, order = _unite_posts(record for _, page in group for record in page.posts)
    comments: dict[str, CommentRecord] = {}
    for _, page in sorted(group, key=lambda item: any(c.from_feed for c in item[1].comments)):
        for seen in page.comments:
            existing = comments.get(seen.id)
            comments[seen.id] = seen if existing is None else _merge_comment(existing, seen)
    locale = blog_fields.get("locale")
    model_posts = []
    dated_from_text = 0
    for key in order:
        record = posts[key]
        published = record.published or (localized_date(record.date_text, locale) if record.date_text else None)
        if record.published is None and published is not None:
            dated_from_text += 1
        model_posts.append(
            Post(
                id=record.id or key,
                title=record.title,
                url=record.url,
                published=published,
                updated=record.updated,
                author=record.author,
                labels=tuple(dict.fromkeys(record.labels)),
                content=record.content,
                kind=record.kind,
            )
        )
    by_url = {url_key(p.url): p.id for p in model_posts if p.url}
    model_comments = []
    for found in comments.values():
        post_id = found.post_id
        if post_id is None and found.url:
            post_id = by_url.get(url_key(normalize_url(found.url)) or "")
        model_comments.append(
            Comment(
                id=found.id,
                post_id=post_id,
                parent_id=found.parent_id,
                author=found.author,
                published=found.published,
                content=found.content,
                status="deleted" if found.deleted else "published",
                url=found.url,
            )
        )
    warnings.extend(_listing_only(posts, order, model_comments))
    if dated_from_text:
        warnings.append(
            f"{counted(dated_from_text, 'post date')} {agree(dated_from_text, 'was', 'were')} read from "
            "localized display text (no ISO time in the page)"
        )
    files = tuple(doc.member_path for doc, _ in group)
    url = blog_fields.get("url")
    blog = Blog(
        id=blog_fields.get("id"),
        title=blog_fields.get("title") or "",
        url=url,
        description=blog_fields.get("description"),
        locale=locale,
        source=Provenance(format=FORMAT_NAME, files=files, exported=captured),
    )
    return assemble(blog, model_posts, model_comments, warnings)


def _listing_only(posts: dict[str, PostRecord], order: list[str], comments: list[Comment]) -> list[str]:
    """A warning per post seen only on a listing page: its body may be a snippet, and the comments
    its listing counted are not in the input unless a feed or another page brought them."""
    read = Counter(comment.post_id for comment in comments)
    warnings = []
    for key in order:
        record = posts[key]
        if record.from_item_page:
            continue
        missing = ""
        shown, found = record.comments_shown or 0, read[record.id or key]
        if shown > found:
            missing = (
                f"; its listing counts {counted(shown, 'comment')} and the input holds "
                f"{f'only {found}' if found else 'none'} (save the post's own page or the comments feed to keep them)"
            )
        warnings.append(
            f"{describe('post', record.id, record.title, record.url)}: only seen on a listing page; "
            f"its body may be a 'Read more' snippet{missing}"
        )
    return warnings


def _unite_posts(records: Iterable[PostRecord]) -> tuple[dict[str, PostRecord], list[str]]:
    """One record per post, in order of first sighting: sightings sharing a Blogger id or an address are
    one post, whichever of the two each page showed (a snippet known by address joins the item page
    known by id, in any order). A post's key is its id, else its address's key."""
    posts: dict[str, PostRecord] = {}
    order: list[str] = []
    key_of: dict[str, str] = {}  # "id:…" / "url:…" → the post's key
    for record in records:
        names = [f"id:{record.id}"] if record.id else []
        if url_key(record.url):
            names.append(f"url:{url_key(record.url)}")
        # an address never joins two different Blogger ids: both posts are kept
        found = [
            key
            for key in dict.fromkeys(key_of[name] for name in names if name in key_of)
            if not (record.id and posts[key].id and posts[key].id != record.id)
        ]
        if not found:
            key = record.id or url_key(record.url) or f"untitled-{len(order)}"
            posts[key] = record
            order.append(key)
        else:
            key = found[0]
            posts[key] = _better(posts[key], record)
            for other in found[1:]:  # this sighting ties two posts seen apart: they are one
                posts[key] = _better(posts[key], posts.pop(other))
                order.remove(other)
                key_of.update({name: key for name, value in key_of.items() if value == other})
        for name in names:
            key_of[name] = key
    renamed = {key: posts[key].id or key for key in order}  # a post first known by address keeps its id
    return {renamed[key]: posts[key] for key in order}, [renamed[key] for key in order]


def _better(old: PostRecord, new: PostRecord) -> PostRecord:
    """Merge two sightings of one post: the item page wins for the body, missing fields are filled."""
    first, second = (new, old) if new.from_item_page and not old.from_item_page else (old, new)
    merged = attrs.evolve(first)
    for field in ("id", "url", "title", "published", "updated", "author", "date_text"):
        if not getattr(merged, field) and getattr(second, field):
            setattr(merged, field, getattr(second, field))
    if not merged.labels:
        merged.labels = list(second.labels)
    if second.comments_shown is not None and (merged.comments_shown or 0) < second.comments_shown:
        merged.comments_shown = second.comments_shown
    if len(second.content) > len(merged.content) and not first.from_item_page:
        merged.content = second.content
    merged.from_item_page = old.from_item_page or new.from_item_page
    if "page" in (old.kind, new.kind):
        merged.kind = "page"
    return merged


def _merge_comment(old: CommentRecord, new: CommentRecord) -> CommentRecord:
    """HTML wins for the body markup; the feed wins for the parent link and ISO time."""
    page, feed = (old, new) if new.from_feed else (new, old) if old.from_feed else (old, new)
    return CommentRecord(
        id=old.id,
        post_id=page.post_id or feed.post_id,
        parent_id=feed.parent_id if feed.from_feed else (page.parent_id or feed.parent_id),
        author=page.author or feed.author,
        published=feed.published if feed.from_feed and feed.published else page.published or feed.published,
        content=page.content or feed.content,
        deleted=page.deleted or feed.deleted,
        url=page.url or feed.url,
        from_feed=False,
    )
