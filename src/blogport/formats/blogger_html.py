"""Scraped Blogger HTML: saved pages, wget/HTTrack mirrors, Wayback Machine captures.

Pages of one blog merge into one archive: a post seen on its item page, listing pages, the
mobile view or ``?showComment=`` copies appears once, its comments merged by id; the item
page is authoritative for the body (listing pages may hold snippets only). Saved Blogger
feeds in the input (a post's comment feed, the blog's posts or comments feed) are read with
feedparser and complete the posts and threads (the feed gives parent links and ISO times).

Nothing here keys on UI words: a page in any language reads the same. Layout comes from
Blogger's class names, ids and data attributes; times from ``abbr.published[title]``,
``time[datetime]``, JSON-LD, and for comments the ``showComment=<epoch ms>`` of their
permalink; a localised date is parsed only as a last resort.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from html import unescape as html_unescape
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

import attrs
from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..model import Archive, Author, Blog, Comment, Post, Provenance, parse_timestamp
from ..options import ReadOptions
from ..sources import Document
from ..threads import assemble, mark_owner
from ._blogger import entry_number, make_author

name = "blogger-html"
title = "Blogger pages saved as HTML (pages, mirrors, Wayback captures) and saved Blogger feeds"
extensions = (".html", ".htm")

_UTC = UTC
# An lxml.html element. lxml's stubs type XPath results as a loose union; _xp() narrows them.
Node = Any


_COMPILED: dict[str, etree.XPath] = {}


def _xp(element: Node, path: str) -> list[Any]:
    """Evaluate ``path`` on ``element``; each expression is compiled once per process."""
    compiled = _COMPILED.get(path)
    if compiled is None:
        compiled = _COMPILED[path] = etree.XPath(path)
    result = compiled(element)
    return result if isinstance(result, list) else [result]


_BLOGGER_MARKS = (
    b"content='blogger'",
    b'content="blogger"',
    b"_WidgetManager",
    b"blogger.com/static/v1",
    b"www.blogger.com/feeds/",
    b"blogblog.com",
    b".blogspot.",
)
_WAYBACK_URL = re.compile(r"(?:https?:)?(?://web\.archive\.org)?/web/(\d{1,14})(?:[a-z]{2}_)?/+(?=[a-zA-Z/])")
_WAYBACK_BLOCKS = (
    re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.S | re.I),
    re.compile(r"<script[^>]*(?:archive\.org|wombat|__wm)[^>]*>.*?</script>", re.S | re.I),
    re.compile(r"<link[^>]*web-static\.archive\.org[^>]*>", re.I),
    re.compile(r"<!--\s*End Wayback Rewrite JS Include\s*-->", re.I),
    re.compile(r"<!--\s*FILE ARCHIVED ON.*?-->", re.S | re.I),
    re.compile(r"<!--\s*playback timings.*?-->", re.S | re.I),
)
_SHOW_COMMENT = re.compile(r"showComment(?:=|%3D)(\d{9,16})", re.I)
_DIGITS = re.compile(r"\d+")
_DATA_CONTEXT = re.compile(r"_WidgetManager\._SetDataContext\((\[.*?\])\);", re.S)
_JS_STRING_FIELD = re.compile(r"'(\w+)'\s*:\s*'((?:[^'\\]|\\.)*)'")
_JS_BOOL_FIELD = re.compile(r"'(\w+)'\s*:\s*(true|false)")
_POST_BODY_ID = re.compile(r"post-body-(\d+)")
_FEED_PATH = re.compile(r"/feeds/(?:(\d+)/)?(\d+)/comments/")
_BLOGSPOT_HOST = re.compile(r"^(?:www\.)?([a-z0-9-]+)\.blogspot\.[a-z.]+$")
_REMOVED_ENTRY = re.compile(r"<entry\b.*?post-(\d+)\s*</id>.*?</entry>", re.S)


def detect(head: bytes) -> bool:
    """True for a saved Blogger page, or a saved Blogger feed that is not an export."""
    lowered = head.lower()
    from . import blogger_jsonfeed  # Blogger's JSON feeds merge with pages like its Atom feeds

    if blogger_jsonfeed.detect(head):
        return True
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return any(mark.lower() in lowered for mark in _BLOGGER_MARKS)
    if (b"<feed" in lowered or b"<rss" in lowered) and b"blogger" in lowered:
        return b"kind#" not in lowered and b"blogger/2018" not in lowered
    return False


# --- records gathered from pages and feeds, before merging ---------------------------------


@attrs.define
class _PostRecord:
    id: str | None
    url: str | None
    title: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    author: Author | None = None
    labels: list[str] = attrs.Factory(list)
    content: str = ""
    from_item_page: bool = False
    date_text: str | None = None


@attrs.define
class _CommentRecord:
    id: str
    post_id: str | None
    parent_id: str | None
    author: Author | None
    published: datetime | None
    content: str
    deleted: bool
    url: str | None
    from_feed: bool = False


@attrs.define
class _Page:
    blog: dict[str, str | None] = attrs.Factory(dict)
    posts: list[_PostRecord] = attrs.Factory(list)
    comments: list[_CommentRecord] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    captured: datetime | None = None
    dynamic_views: bool = False


# --- text-level clean-up: Wayback captures ---------------------------------------------------


def unwayback(text: str) -> tuple[str, datetime | None]:
    """Remove the Wayback Machine's toolbar and scripts and undo its URL rewriting.

    Returns the original page text and the capture time (provenance, never a publication date).
    """
    if "/web/" not in text and "WAYBACK" not in text.upper():
        return text, None
    stamps: dict[str, int] = {}
    for match in _WAYBACK_URL.finditer(text):
        stamps[match.group(1)] = stamps.get(match.group(1), 0) + 1
    for pattern in _WAYBACK_BLOCKS:
        text = pattern.sub("", text)
    text = _WAYBACK_URL.sub("", text)
    text = re.sub(r"(?<![:/\w])(https?):/(?=[^/])", r"\1://", text)
    captured = None
    if stamps:
        best = max(stamps, key=lambda s: (len(s) == 14, stamps[s]))
        if len(best) == 14:
            try:
                captured = datetime.strptime(best, "%Y%m%d%H%M%S").replace(tzinfo=_UTC)
            except ValueError:
                captured = None
    return text, captured


# --- URLs ------------------------------------------------------------------------------------


def normalize_url(url: str | None, base: str | None = None) -> str | None:
    """A post URL in one canonical form: absolute when possible, no ``m=``, ``showComment``,
    ``commentPage`` or fragment, and wget's ``%3FshowComment=…`` / glued file names undone."""
    if not url:
        return None
    url = url.strip()
    # wget's file names: "post.html%3FshowComment=123.html" or "post.htmlshowComment=123.html"
    url = re.sub(r"(\.html?)(?:%3F)?showComment(?:=|%3D)\d+(?:\.html?)?", r"\1", url, flags=re.I)
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in ("m", "showComment", "commentPage")
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def url_key(url: str | None) -> str | None:
    """A key that matches one post's URL on every host of its blog (blogspot ccTLDs, custom domain)."""
    if not url:
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    return path if path.startswith("/") else "/" + path


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    match = _BLOGSPOT_HOST.match(host)
    return f"{match.group(1)}.blogspot.com" if match else host or None


# --- page parsing ----------------------------------------------------------------------------


def _classes(element: Node) -> set[str]:
    return set((element.get("class") or "").split())


def _xpath_class(name_: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name_} ')"


def _text(element: Node | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _inner_html(element: Node, drop: Iterable[str] = ()) -> str:
    dropped = tuple(drop)
    for child in list(element):
        if isinstance(child.tag, str) and dropped and _classes(child) & set(dropped):
            child.drop_tree()
    text = element.text or ""
    return (text + "".join(lxml_html.tostring(child, encoding="unicode", with_tail=True) for child in element)).strip()


def _data_context(text: str) -> dict[str, str]:
    match = _DATA_CONTEXT.search(text)
    if not match:
        return {}
    blob = match.group(1)
    fields: dict[str, str] = {}
    for key, value in _JS_STRING_FIELD.findall(blob):
        fields.setdefault(key, _js_unescape(value))
    for key, value in _JS_BOOL_FIELD.findall(blob):
        fields.setdefault(key, value)
    return fields


def _js_unescape(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[1] == "x":
            return chr(int(token[2:], 16))
        if token[1] == "u":
            return chr(int(token[2:], 16))
        return {"n": "\n", "t": "\t", "r": "\r"}.get(token[1], token[1])

    return re.sub(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", replace, value)


def _json_ld(root: Node) -> list[dict[str, Any]]:
    found = []
    for script in _xp(root, "//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                found.append(item)
    return found


def _parse_page(document: Document, raw: bytes, options: ReadOptions) -> _Page:
    page = _Page()
    text = raw.decode("utf-8", errors="replace") if not raw.startswith(b"\xff\xfe") else raw.decode("utf-16")
    text, page.captured = unwayback(text)
    if page.captured:
        page.warnings.append(
            f"{document.name}: a Wayback Machine capture of {page.captured:%Y-%m-%d %H:%M} UTC (read as the original "
            "page; the capture time is kept as provenance)"
        )
    context = _data_context(text)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML ({exc})", document.name) from None
    index = _class_index(root)
    # wget rewrites <link rel=canonical> to a relative path; the JS data context and og:url keep it whole.
    candidates = [
        str(c).strip() for c in _xp(root, "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")
    ]
    candidates.insert(1, context.get("canonicalUrl") or "")
    canonical = next((normalize_url(c) for c in candidates if re.match(r"https?://", c)), None)
    base = canonical or _absolute(context.get("url")) or _mirror_url(document, context.get("homepageUrl"))
    blog_id = context.get("blogId") or _first(root, "//meta[@itemprop='blogId']/@content")
    if not blog_id:
        service = _first(root, "//link[@rel='service.post']/@href") or ""
        match = re.search(r"/feeds/(\d+)/", service)
        blog_id = match.group(1) if match else None
    page.blog = {
        "id": blog_id,
        "title": html_unescape(context.get("title") or "")
        or _text(next((h for e in index.get("Header", []) for h in e.iter("h1")), None))
        or _first(root, "//meta[@property='og:site_name']/@content"),
        "url": context.get("homepageUrl") or context.get("url"),
        "locale": context.get("localeUnderscoreDelimited") or context.get("locale"),
        "description": _text(index["description"][0]) if index.get("description") else None,
    }
    page_type = context.get("pageType")
    posts = _find_posts(index)
    if not posts:
        body_class = " ".join(_xp(root, "//body/@class"))
        if (
            re.search(r"\bvariant-(?:magazine|sidebar|mosaic|flipcard|snapshot|timeslide|classic)\b", body_class)
            or "dynamic" in body_class.lower()
        ):
            page.dynamic_views = True
            host = _host(page.blog.get("url") or canonical) or "HOST"
            page.warnings.append(
                f"{document.name}: a Dynamic Views page: its posts are loaded by JavaScript and are not in the HTML; "
                f"save https://{host}/feeds/posts/default?max-results=500 and https://{host}/feeds/comments/default"
                "?max-results=500 (Atom, or the same with &alt=json or &alt=json-in-script, as Dynamic Views itself "
                "loads them) and give them to blogport with the pages"
            )
        return page
    is_item = page_type == "item" or (page_type is None and len(posts) == 1)
    header_date: str | None = None
    for element in posts:
        record, header_date = _read_post(element, root, context, base, header_date, is_item, len(posts), options)
        page.posts.append(record)
    if is_item and page.posts:
        item = (
            page.posts[0]
            if len(page.posts) == 1
            else next((p for p in page.posts if p.id == context.get("postId")), page.posts[0])
        )
        comments, expected, partial_reasons = _read_comments(
            root, index, item.id, item.url, base, options, page.blog.get("locale")
        )
        page.comments.extend(comments)
        if partial_reasons:
            page.warnings.append(
                f"{document.name}: post {item.id or item.url}: the page shows {len(comments)} comment(s)"
                + (f" of {expected}" if expected else "")
                + f" ({'; '.join(partial_reasons)}): the rest is not in this page; a saved comment feed "
                f"(/feeds/{item.id or '<postId>'}/comments/default) or ?commentPage= pages would complete it"
            )
    return page


def _absolute(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url) else None


def _mirror_url(document: Document, homepage: str | None) -> str | None:
    """Where a mirrored page lived: the blog's address plus its path in the mirror (wget layout)."""
    path = document.member_path
    match = re.search(r"(?:^|/)((?:\d{4}/\d{2}/|p/)[^/]+\.html?)", path)
    if not match:
        return None
    host_folder = re.search(r"(?:^|/)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/(?:\d{4}/\d{2}|p)/", path)
    root = _absolute(homepage) or (f"http://{host_folder.group(1)}/" if host_folder else None)
    return urljoin(root, match.group(1)) if root else None


def _first(root: Node, path: str) -> str | None:
    found = _xp(root, path)
    return str(found[0]).strip() if found else None


def _first_el(root: Node, path: str) -> Node | None:
    found = _xp(root, path)
    return found[0] if found else None


def _find_posts(index: dict[str, list[Node]]) -> list[Node]:
    hentries = set(index.get("hentry", []))
    candidates = (
        [e for e in index.get("post", []) if e in hentries or "BlogPosting" in (e.get("itemtype") or "")]
        + index.get("post-outer-container", [])
        + index.get("mobile-post-outer", [])
    )
    if not candidates:
        candidates = [b.getparent() for b in index.get("post-body", []) if b.getparent() is not None]
    chosen: list[Node] = []
    for element in candidates:
        # keep the innermost container: an outer one holding another candidate is skipped
        if any(other is not element and element in other.iterancestors() for other in candidates):
            continue
        if element not in chosen:
            chosen.append(element)
    return chosen


def _read_post(
    element: Node,
    root: Node,
    context: dict[str, str],
    base: str | None,
    header_date: str | None,
    is_item: bool,
    count: int,
    options: ReadOptions,
) -> tuple[_PostRecord, str | None]:
    post_id = _first(element, ".//meta[@itemprop='postId']/@content")
    body = _first_el(element, f".//*[{_xpath_class('post-body')}]")
    if not post_id and body is not None:
        match = _POST_BODY_ID.search(body.get("id") or "")
        post_id = match.group(1) if match else None
    if not post_id:
        anchor = _first(element, "./a[@name]/@name | ./preceding-sibling::a[@name][1]/@name")
        post_id = anchor if anchor and anchor.isdigit() else None
    if not post_id and is_item and count == 1:
        post_id = context.get("postId")
    title_el = _first_el(element, f".//*[{_xpath_class('post-title')} or {_xpath_class('entry-title')}]")
    title = _text(title_el)
    permalink = None
    if is_item and count == 1:
        permalink = base if base and re.match(r"https?://", base) and base != context.get("homepageUrl") else None
    permalink = (
        permalink
        or _first(element, ".//a[@rel='bookmark']/@href")
        or (_first(title_el, ".//a/@href") if title_el is not None else None)
        or _first(element, f".//*[{_xpath_class('post-timestamp')}]//*[@itemprop='url']/@content")
    )
    url = normalize_url(permalink, base) if permalink and permalink.strip() else None
    published = None
    for candidate in _xp(
        element,
        f".//abbr[{_xpath_class('published')}]/@title | .//time/@datetime | .//*[@itemprop='datePublished']/@content"
        f" | .//*[@itemprop='datePublished']/@datetime",
    ):
        published = parse_timestamp(str(candidate))
        if published:
            break
    if published is None:
        for item in _json_ld(element if count > 1 else root):
            published = parse_timestamp(str(item.get("datePublished") or ""))
            if published:
                break
    # the day's header: inside the post in some themes, else the last one before it (printed once per day)
    header = _first_el(element, f".//*[{_xpath_class('date-header')}]")
    if header is None:
        header = _first_el(element, f"./preceding::*[{_xpath_class('date-header')}][1]")
    if header is not None:
        header_date = _text(header) or header_date
    date_text = None
    if published is None:
        date_text = (
            header_date
            or _text(_first_el(element, f".//*[{_xpath_class('publishdate')} or {_xpath_class('post-timestamp')}]"))
            or None
        )
    author_el = _first_el(element, f".//*[{_xpath_class('post-author')}]")
    author = None
    if author_el is not None:
        profile = _first(author_el, ".//a[contains(@href, '/profile/') or @rel='author']/@href") or _first(
            author_el, ".//meta[@itemprop='url']/@content"
        )
        who = (
            _text(_first_el(author_el, ".//*[@itemprop='name']"))
            or _text(_first_el(author_el, f".//*[{_xpath_class('fn')}]"))
            or _text(_first_el(author_el, ".//a[contains(@href, '/profile/')]"))
        )
        author = make_author(who or None, profile, None, None, options.keep_emails, is_blog_author=True)
    labels = [_text(a) for a in _xp(element, ".//a[@rel='tag']") if _text(a)]
    content = ""
    if body is not None:
        template = _xp(body, ".//script[@type='text/template']")
        if template and (template[0].text or "").strip():
            content = (template[0].text or "").strip()
        else:
            content = _inner_html(body, drop=("post-share-buttons",))
            content = re.sub(r"<div style=.clear: both;.>\s*</div>\s*$", "", content).strip()
    else:
        template = _xp(element, ".//script[@type='text/template']")
        if template:
            content = (template[0].text or "").strip()
    record = _PostRecord(
        id=post_id,
        url=url,
        title=title,
        published=published,
        author=author,
        labels=labels,
        content=content,
        from_item_page=is_item,
        date_text=date_text,
    )
    return record, header_date


# --- comments -------------------------------------------------------------------------------

_CHROME = (
    "comment-actions",
    "item-control",
    "thread-toggle",
    "continue",
    "comment-replybox-single",
    "comment-replies",
    "blog-admin",
)


def _comment_time(element: Node) -> tuple[datetime | None, str | None]:
    for href in _xp(element, ".//a/@href"):
        match = _SHOW_COMMENT.search(href)
        if match:
            millis = int(match.group(1))
            return datetime.fromtimestamp(millis / 1000, tz=_UTC).replace(microsecond=(millis % 1000) * 1000), href
    return None, None


def _comment_url(href: str | None, comment_id: str, base: str | None, post_url: str | None = None) -> str | None:
    # Blogger's own form, whatever wget or the Wayback Machine did to it: post?showComment=<ms>#c<id>
    if not href:
        return None
    post = post_url or normalize_url(href, base)
    millis = _SHOW_COMMENT.search(href)
    if not post:
        return None
    return f"{post}?showComment={millis.group(1)}#c{comment_id}" if millis else f"{post}#c{comment_id}"


def _avatar(element: Node) -> str | None:
    src = _first(element, f".//*[{_xpath_class('avatar-image-container')}]//img/@src")
    if src and "blank.gif" not in src and "/img/b16-rounded" not in src:
        return "https:" + src if src.startswith("//") else src
    return None


_COMMENT_CLASSES = frozenset(
    {
        "comment",
        "comment-block",
        "user",
        "comment-header",
        "datetime",
        "comment-content",
        "avatar-image-container",
        "blog-author",
        "deleted-comment",
    }
)
_COMMENT_ID = re.compile(r"c(\d+)")


_PAGE_CLASSES = _COMMENT_CLASSES | {
    "post",
    "hentry",
    "post-outer-container",
    "mobile-post-outer",
    "post-body",
    "description",
    "loadmore",
    "Header",
}


def _class_index(root: Node) -> dict[str, list[Node]]:
    """The page's elements by class (only the classes the reader uses), in document order: one pass."""
    index: dict[str, list[Node]] = {}
    wanted = _PAGE_CLASSES
    for element in root.iter(etree.Element):
        names = element.get("class")
        if names:
            for token in names.split():
                if token in wanted:
                    index.setdefault(token, []).append(element)
    return index


def _nearest(element: Node, ids: dict[Node, str]) -> Node | None:
    return next((a for a in element.iterancestors() if a in ids), None)


def _read_comments(
    root: Node,
    index: dict[str, list[Node]],
    post_id: str | None,
    post_url: str | None,
    base: str | None,
    options: ReadOptions,
    locale: str | None = None,
) -> tuple[list[_CommentRecord], int | None, list[str]]:
    comments: list[_CommentRecord] = []
    # Threaded widget (desktop: id on li.comment; mobile: id on .comment-block). One pass over
    # the page indexes the elements by class; each is then given to its nearest comment, so a
    # comment's fields are never taken from one of its replies.
    ids: dict[Node, str] = {}
    for node in index.get("comment", []):
        raw_id = node.get("id") or ""
        if not raw_id.startswith("c"):
            block = next((b for b in index.get("comment-block", []) if b.getparent() is node), None)
            raw_id = (block.get("id") or "") if block is not None else ""
        match = _COMMENT_ID.fullmatch(raw_id)
        if match:
            ids[node] = match.group(1)
    if ids:
        fields: dict[Node, dict[str, Node]] = {node: {} for node in ids}
        for token in ("user", "comment-header", "datetime", "comment-content", "avatar-image-container"):
            for element in index.get(token, []):
                owner_node = next((a for a in element.iterancestors() if a in ids), None)
                if owner_node is not None:
                    fields[owner_node].setdefault(token, element)
        owners = {
            a
            for element in index.get("blog-author", [])
            for a in element.iterancestors("li", "div")
            if a in ids and _nearest(element, ids) is a
        }
        removed = {_nearest(element, ids) for element in index.get("deleted-comment", [])}
        for node, comment_id in ids.items():
            own = fields[node]
            parent_id = next((ids[a] for a in node.iterancestors() if a in ids), None)
            cite = own.get("user")
            link = cite.find(".//a") if cite is not None else None
            stamp = own.get("datetime")
            when, href = _comment_time(stamp if stamp is not None else node)
            if when is None and stamp is not None:
                when = _localized_date(_text(stamp), locale)  # display text: a last resort
            body = own.get("comment-content")
            deleted = node in removed
            content = "" if body is None else (_text(body) if deleted else _inner_html(body, drop=_CHROME))
            avatar = own.get("avatar-image-container")
            comments.append(
                _CommentRecord(
                    id=comment_id,
                    post_id=post_id,
                    parent_id=parent_id,
                    author=make_author(
                        _text(cite) or None,
                        link.get("href") if link is not None else None,
                        None,
                        _avatar(avatar) if avatar is not None else None,
                        options.keep_emails,
                        is_blog_author=node in owners,
                    ),
                    published=when,
                    content=content,
                    deleted=deleted,
                    url=_comment_url(href, comment_id, base, post_url),
                )
            )
    # legacy dl#comments-block triplets (lxml lower-cases tag names, so <DL>/<DT> match too)
    for block in _xp(root, "//dl[@id='comments-block']"):
        children = [c for c in block if isinstance(c.tag, str)]
        current: dict[str, Any] | None = None
        for child in children:
            classes = _classes(child)
            if child.tag == "dt":
                if current:
                    comments.append(_legacy(current, post_id, base, options))
                current = {"dt": child}
            elif child.tag == "dd" and current is not None:
                current["footer" if "comment-footer" in classes else "body"] = child
        if current:
            comments.append(_legacy(current, post_id, base, options))
    expected, reasons = _expected_count(root, index, len(comments))
    return comments, expected, reasons


_SAID = re.compile(r"\s+\S+(?:\s+\S+)?\s*(?:\.\.\.|…|:)\s*$")


def _legacy(parts: dict[str, Any], post_id: str | None, base: str | None, options: ReadOptions) -> _CommentRecord:
    dt = parts["dt"]
    match = re.search(r"c(\d+)", dt.get("id") or "") or re.search(r"c(\d+)", _first(dt, ".//a[@name]/@name") or "")
    comment_id = match.group(1) if match else ""
    links = [a for a in _xp(dt, ".//a[@href]") if "avatar-hovercard" not in (a.get("class") or "")]
    if links and _text(links[-1]):
        who = _text(links[-1])
        uri = links[-1].get("href")
    else:
        clone = lxml_html.fromstring(lxml_html.tostring(dt))
        for avatar in _xp(clone, f".//*[{_xpath_class('avatar-image-container')}]"):
            avatar.drop_tree()
        # "Name said..." in the blog's language: the trailing phrase ends in an ellipsis or a colon
        who = _SAID.sub("", _text(clone)) or _text(clone)
        uri = None
    body = parts.get("body")
    footer = parts.get("footer")
    deleted = body is not None and bool(_xp(body, f".//*[{_xpath_class('deleted-comment')}]"))
    content = "" if body is None else (_text(body) if deleted else _inner_html(body, drop=_CHROME))
    when, href = _comment_time(footer if footer is not None else dt)
    if not comment_id and href:
        fragment = re.search(r"#c(\d+)", href)
        comment_id = fragment.group(1) if fragment else ""
    return _CommentRecord(
        id=comment_id or f"legacy-{abs(hash(content)) % 10**12}",
        post_id=post_id,
        parent_id=None,
        author=make_author(
            who or None, uri, None, _avatar(dt), options.keep_emails, is_blog_author="blog-author" in _classes(dt)
        ),
        published=when,
        content=content,
        deleted=deleted,
        url=_comment_url(href, comment_id, base),
    )


def _expected_count(root: Node, index: dict[str, list[Node]], found: int) -> tuple[int | None, list[str]]:
    reasons = []
    expected = None
    attribute = _first(root, "//*[@id='comments']/@data-num-comments")
    if attribute and attribute.isdigit():
        expected = int(attribute)
    else:
        heading = _first_el(root, "//*[@id='comments']/*[self::h4 or self::h3 or self::h2][1]")
        digits = _DIGITS.findall(_text(heading)) if heading is not None else []
        if len(digits) == 1:
            expected = int(digits[0])
    if expected is not None and expected > found:
        reasons.append(f"the page announces {expected}")
    if any("hidden" not in (e.get("class") or "").split() for e in index.get("loadmore", [])):
        reasons.append("its 'load more' button was not expanded")
    if _xp(root, "//a[contains(@href, 'commentPage=')]"):
        reasons.append("it links to further comment pages")
    return expected, reasons


# --- feeds ---------------------------------------------------------------------------------


def _parse_feed(document: Document, raw: bytes, options: ReadOptions) -> _Page:
    import feedparser  # imported here: only feeds need it

    page = _Page()
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"not a readable feed ({parsed.get('bozo_exception')})", document.name)
    feed = parsed.feed
    feed_id = feed.get("id") or ""
    blog_match = re.search(r"blog-(\d+)", feed_id)
    page.blog = {"id": blog_match.group(1) if blog_match else None, "title": None, "url": feed.get("link")}
    removed = {
        m.group(1)
        for m in _REMOVED_ENTRY.finditer(raw.decode("utf-8", "replace"))
        if "blogger.contentRemoved' value='true'" in m.group(0).replace('"', "'")
    }
    self_link = next((link.get("href", "") for link in feed.get("links", []) if link.get("rel") == "self"), "")
    feed_post = _FEED_PATH.search(self_link or feed_id)
    is_comment_feed = bool(feed_post) or "comments" in (self_link or "") or ".post" in feed_id
    for entry in parsed.entries:
        entry_id = entry_number(entry.get("id")) or ""
        links = {link.get("rel"): link.get("href") for link in entry.get("links", [])}
        author_info = entry.get("author_detail") or {}
        image = entry.get("gd_image") or {}
        published = parse_timestamp(entry.get("published"))
        content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        in_reply = entry.get("thr_in-reply-to") or {}
        post_of_comment = entry_number(in_reply.get("ref")) if in_reply else None
        if not post_of_comment:
            path = _FEED_PATH.search(links.get("self") or links.get("edit") or "")
            post_of_comment = path.group(2) if path else (feed_post.group(2) if feed_post else None)
        author = make_author(
            author_info.get("name"),
            author_info.get("href"),
            author_info.get("email"),
            image.get("src"),
            options.keep_emails,
        )
        if is_comment_feed or in_reply:
            parent = links.get("related")
            parent_id = parent.rstrip("/").rpartition("/")[2] if parent else None
            page.comments.append(
                _CommentRecord(
                    id=entry_id,
                    post_id=post_of_comment,
                    parent_id=parent_id,
                    author=author,
                    published=published,
                    content=content,
                    deleted=entry_id in removed,
                    url=links.get("alternate"),
                    from_feed=True,
                )
            )
        else:
            page.posts.append(
                _PostRecord(
                    id=entry_id,
                    url=normalize_url(links.get("alternate")),
                    title=entry.get("title", ""),
                    published=published,
                    updated=parse_timestamp(entry.get("updated")),
                    author=mark_owner(author),
                    labels=[t.get("term") for t in entry.get("tags", []) if t.get("term")],
                    content=content,
                    from_item_page=True,
                )
            )
    return page


# --- merging -------------------------------------------------------------------------------


def read(documents: list[Document], options: ReadOptions) -> list[Archive]:
    """Read every page and feed; pages and feeds of one blog merge into one archive."""
    pages: list[tuple[Document, _Page]] = []
    for document in documents:
        with contextlib.closing(document.open()) as handle:
            raw = handle.read()
        if options.progress:
            options.progress(len(raw))
        if not raw.strip():
            raise InputError("the file is empty", document.name)
        head = raw[:4096].lstrip().lower()
        from . import blogger_jsonfeed

        if blogger_jsonfeed.detect(raw[:4096]):
            pages.append((document, blogger_jsonfeed.parse_feed(document, raw, options)))
        elif head.startswith((b"<?xml", b"<feed", b"<rss")) and b"<html" not in raw[:4096].lower():
            pages.append((document, _parse_feed(document, raw, options)))
        else:
            pages.append((document, _parse_page(document, raw, options)))
    groups: dict[str, list[tuple[Document, _Page]]] = {}
    for document, page in pages:
        key = page.blog.get("id") or _host(page.blog.get("url")) or "?"
        groups.setdefault(key, []).append((document, page))
    # Pages without a blog id join the blog whose host they share, or the only blog.
    if "?" in groups and len(groups) > 1:
        loose = groups.pop("?")
        target = next(iter(groups))
        groups[target].extend(loose)
    archives = []
    for group in groups.values():
        archives.append(_merge(group, options))
    if all(page.dynamic_views for _, page in pages):
        raise InputError(pages[0][1].warnings[0].split(": ", 1)[1], pages[0][0].name)
    return archives


def _merge(group: list[tuple[Document, _Page]], options: ReadOptions) -> Archive:
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
    posts: dict[str, _PostRecord] = {}
    order: list[str] = []
    for _, page in group:
        for record in page.posts:
            key = record.id or url_key(record.url) or f"untitled-{len(order)}"
            if record.id is None and url_key(record.url):
                # a post known by URL only joins the one with that URL, if any
                key = next((k for k, p in posts.items() if url_key(p.url) == url_key(record.url)), key)
            if key not in posts:
                posts[key] = record
                order.append(key)
            else:
                posts[key] = _better(posts[key], record)
    comments: dict[str, _CommentRecord] = {}
    for _, page in sorted(group, key=lambda item: any(c.from_feed for c in item[1].comments)):
        for seen in page.comments:
            existing = comments.get(seen.id)
            comments[seen.id] = seen if existing is None else _merge_comment(existing, seen)
    locale = blog_fields.get("locale")
    model_posts = []
    dated_from_text = 0
    for key in order:
        record = posts[key]
        published = record.published or (_localized_date(record.date_text, locale) if record.date_text else None)
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
            )
        )
        if not record.from_item_page:
            warnings.append(
                f"post {record.id or record.url}: only seen on a listing page; its body may be a 'Read more' snippet"
            )
    if dated_from_text:
        warnings.append(
            f"{dated_from_text} post date(s) were read from localized display text (no ISO time in the page)"
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
    files = tuple(doc.member_path for doc, _ in group)
    url = blog_fields.get("url")
    blog = Blog(
        id=blog_fields.get("id"),
        title=blog_fields.get("title") or "",
        url=url,
        description=blog_fields.get("description"),
        locale=locale,
        source=Provenance(format=name, files=files, exported=captured),
    )
    return assemble(blog, model_posts, model_comments, warnings)


def _better(old: _PostRecord, new: _PostRecord) -> _PostRecord:
    """Merge two sightings of one post: the item page wins for the body, missing fields are filled."""
    first, second = (new, old) if new.from_item_page and not old.from_item_page else (old, new)
    merged = attrs.evolve(first)
    for field in ("url", "title", "published", "updated", "author", "date_text"):
        if not getattr(merged, field) and getattr(second, field):
            setattr(merged, field, getattr(second, field))
    if not merged.labels:
        merged.labels = list(second.labels)
    if len(second.content) > len(merged.content) and not first.from_item_page:
        merged.content = second.content
    merged.from_item_page = old.from_item_page or new.from_item_page
    return merged


def _merge_comment(old: _CommentRecord, new: _CommentRecord) -> _CommentRecord:
    """HTML wins for the body markup; the feed wins for the parent link and ISO time."""
    page, feed = (old, new) if new.from_feed else (new, old) if old.from_feed else (old, new)
    return _CommentRecord(
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


def _localized_date(text: str | None, locale: str | None) -> datetime | None:
    if not text:
        return None
    import dateparser  # a last resort, and a slow import: only when a page has no ISO time

    languages = [locale.split("_")[0].split("-")[0]] if locale else None
    try:
        moment = dateparser.parse(
            text,
            languages=languages,
            settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"},
        )
    except Exception:  # dateparser raises a variety of errors on odd text
        moment = None
    if moment is None and languages:
        try:
            moment = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"})
        except Exception:
            moment = None
    return moment
