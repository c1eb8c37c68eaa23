"""One saved Blogger page (item page, listing, static page, mobile view) read into records.

Nothing here keys on UI words: a page in any language reads the same. Layout comes from
Blogger's class names, ids and data attributes; times from ``abbr.published[title]``,
``time[datetime]`` and JSON-LD; a localised date is parsed only as a last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from html import unescape as html_unescape

from lxml import etree

from ....errors import InputError
from ....model import Author, parse_timestamp
from ....options import ReadOptions
from ....report import counted, describe
from ....sources import Document
from ..atom import make_author
from ..urls import blog_host, normalize_url, post_kind, url_key
from .addresses import absolute, feed_host, httrack_home, httrack_url, mirror_url, mirrored
from .comments import COMMENT_CLASSES, COMMENT_IDS, read_comments
from .cut import body_cut, damage_warnings, incomplete_comments, is_cut_off, open_at_end, refuse
from .dom import (
    Node,
    PageIndex,
    data_context,
    first,
    first_element,
    has_class,
    inner_html,
    json_ld,
    node_text,
    page_index,
    parse_document,
    xp,
)
from .records import PageRecords, PostRecord
from .wayback import unwayback

_POST_BODY_ID = re.compile(r"post-body-(\d+)")
_ITEM_PAGE_TYPES = ("item", "static_page")
PAGE_CLASSES = COMMENT_CLASSES | {
    "post",
    "hentry",
    "post-outer-container",
    "mobile-post-outer",
    "post-body",
    "description",
    "loadmore",
    "Header",
}


def parse_page(
    document: Document, raw: bytes, options: ReadOptions, mirror: Mapping[str, str] | None = None
) -> PageRecords:
    """What one saved page shows: blog fields, its posts and (on an item page) its comments.

    ``mirror``: the addresses the other files of an HTTrack mirror were saved from, by their path in
    it, so that a link to one of HTTrack's file names (``post40aa.html`` for ``post.html?m=1``) stands
    for the address it was saved from.
    """
    page = PageRecords()
    text = decode_page(raw)
    text, page.captured = unwayback(text)
    if page.captured:
        page.warnings.append(
            f"{document.name}: a Wayback Machine capture of {page.captured:%Y-%m-%d %H:%M} UTC (read as the original "
            "page; the capture time is kept as provenance)"
        )
    cut_off = is_cut_off(text)
    if cut_off and not options.salvage:
        raise refuse(document.name, raw)
    context = data_context(text)
    try:
        root = parse_document(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML ({exc})", document.name) from None
    index = page_index(root, PAGE_CLASSES, COMMENT_IDS)
    # wget rewrites <link rel=canonical> to a relative path; the JS data context and og:url keep it whole.
    candidates = [str(c).strip() for c in _canonical_candidates(index)]
    candidates.insert(1, context.get("canonicalUrl") or "")
    canonical = next((normalize_url(c) for c in candidates if re.match(r"https?://", c)), None)
    homepage = absolute(context.get("homepageUrl")) or feed_host(root)
    base = (
        canonical
        or absolute(context.get("url"))
        or httrack_url(text)
        or mirror_url(document, homepage or httrack_home(text))
    )
    blog_id = context.get("blogId") or first(root, "//meta[@itemprop='blogId']/@content")
    if not blog_id:
        service = first(root, "//link[@rel='service.post']/@href") or ""
        match = re.search(r"/feeds/(\d+)/", service)
        blog_id = match.group(1) if match else None
    page.blog = {
        "id": blog_id,
        "title": html_unescape(context.get("title") or "")
        or node_text(next((h for e in index.classes.get("Header", []) for h in e.iter("h1")), None))
        or first(root, "//meta[@property='og:site_name']/@content"),
        "url": context.get("homepageUrl") or context.get("url"),
        "locale": context.get("localeUnderscoreDelimited") or context.get("locale"),
        "description": node_text(index.classes["description"][0]) if index.classes.get("description") else None,
    }
    page_type = context.get("pageType")
    # Blogger's "page not found" (saved by mirrors for links that failed) shows no post
    posts = [] if page_type == "error" else [p for p in _find_posts(index) if not _empty_shell(p)]
    if not posts:
        body_class = " ".join(xp(root, "//body/@class"))
        if (
            re.search(r"\bvariant-(?:magazine|sidebar|mosaic|flipcard|snapshot|timeslide|classic)\b", body_class)
            or "dynamic" in body_class.lower()
        ):
            page.dynamic_views = True
            host = blog_host(page.blog.get("url") or canonical) or "HOST"
            page.warnings.append(
                f"{document.name}: a Dynamic Views page: its posts are loaded by JavaScript and are not in the HTML; "
                f"save https://{host}/feeds/posts/default?max-results=500 and https://{host}/feeds/comments/default"
                "?max-results=500 (Atom, or the same with &alt=json or &alt=json-in-script, as Dynamic Views itself "
                "loads them) and give them to blogport with the pages"
            )
        return page
    # a static page (/p/slug.html) is an item page of kind "page": one post, its URL, every comment
    is_item = page_type in _ITEM_PAGE_TYPES or (
        page_type is None and len(posts) == 1 and not _links_elsewhere(posts[0], base)
    )
    header_date: str | None = None
    address_of = partial(mirrored, document, mirror=mirror or {})
    for element in posts:
        record, header_date = _read_post(
            element, root, context, base, header_date, is_item, len(posts), options, address_of
        )
        page.posts.append(record)
    if is_item and page.posts:
        item = (
            page.posts[0]
            if len(page.posts) == 1
            else next((p for p in page.posts if p.id == context.get("postId")), page.posts[0])
        )
        comments, expected, partial_reasons, untimed = read_comments(
            root, index, item.id, item.url, base, options, page.blog.get("locale")
        )
        if cut_off:
            chain = open_at_end(root)
            lost = incomplete_comments(chain)
            comments = [c for c in comments if c.id not in lost]
            post_ids = [item.id or item.url or "?"]
            page.warnings.extend(damage_warnings(document.name, raw, len(comments), sorted(lost), post_ids))
            if body_cut(posts[0], chain):
                page.warnings.append(f"{document.name}: salvaged: the body of post {post_ids[0]} is cut off")
        page.comments.extend(comments)
        if untimed:
            page.warnings.append(
                f"{document.name}: {counted(len(untimed), 'comment')} kept without a time: their showComment= "
                f"value is out of range (a damaged link): {', '.join(untimed[:10])}"
            )
        if partial_reasons:
            page.warnings.append(
                f"{document.name}: {describe('post', item.id, item.title, item.url)}: "
                f"the page shows {counted(len(comments), 'comment')}"
                + (f" of {expected}" if expected else "")
                + f" ({'; '.join(partial_reasons)}): the rest is not in this page; a saved comment feed "
                f"(/feeds/{item.id or '<postId>'}/comments/default) or ?commentPage= pages would complete it"
            )
    if cut_off and not is_item:
        page.warnings.extend(damage_warnings(document.name, raw, 0, [], []))
    return page


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)")


def decode_page(raw: bytes) -> str:
    """A saved page's text: by its byte-order mark, else its XML declaration's encoding, else UTF-8.

    The XML declaration of a page saved as XHTML is dropped: lxml's HTML parser refuses text
    that carries one.
    """
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        raw = raw[len(next(bom for bom, name in _BOMS if name == encoding)) :]
    else:
        declared = _DECLARED_ENCODING.match(raw)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        if encoding.lower().startswith(("utf-16", "utf-32")):  # the declaration was read as ASCII: it is wrong
            encoding = "utf-8"
    try:
        text = raw.decode(encoding, errors="replace")
    except LookupError:  # an encoding Python does not know: the bytes are most likely UTF-8
        text = raw.decode("utf-8", errors="replace")
    return _XML_DECLARATION.sub("", text, count=1)


def _canonical_candidates(index: PageIndex) -> list[str]:
    """``//link[@rel='canonical']/@href | //meta[@property='og:url']/@content``, in document order."""
    found = []
    for element in index.heads:
        if element.tag == "link":
            value = element.get("href") if element.get("rel") == "canonical" else None
        else:
            value = element.get("content") if element.get("property") == "og:url" else None
        if value is not None:
            found.append(value)
    return found


def _empty_shell(post: Node) -> bool:
    """A post container with nothing in it (no text, no media, no post id): a template's shell, no post."""
    # any text at all (``node_text(post)`` not empty), found without joining the whole post and its comments
    if any(not piece.isspace() for piece in post.itertext() if piece):
        return False
    if xp(post, ".//img | .//iframe | .//video | .//meta[@itemprop='postId']"):
        return False
    return not any(_POST_BODY_ID.search(b.get("id") or "") for b in xp(post, f".//*[{has_class('post-body')}]"))


def _links_elsewhere(post: Node, base: str | None) -> bool:
    """True for a listing's snippet: a "read more" link, or a title linking to another address than the page."""
    if xp(post, f".//*[{has_class('jump-link')}]//a"):
        return True
    title = first_element(post, f".//*[{has_class('post-title')} or {has_class('entry-title')}]")
    href = first(title, ".//a/@href | ancestor::a[1]/@href") if title is not None else None
    return bool(href and base and url_key(normalize_url(href, base)) != url_key(base))


def _feed_post_id(root: Node) -> str | None:
    """The post id in an item page's own comment-feed link (``/feeds/<postId>/comments/default``)."""
    for href in xp(root, "//head/link[@rel='alternate']/@href"):
        match = re.search(r"/feeds/(\d+)/comments/", str(href))
        if match:
            return match.group(1)
    return None


def _find_posts(index: PageIndex) -> list[Node]:
    hentries = set(index.classes.get("hentry", []))
    candidates = (
        [e for e in index.classes.get("post", []) if e in hentries or "BlogPosting" in (e.get("itemtype") or "")]
        + index.classes.get("post-outer-container", [])
        + index.classes.get("mobile-post-outer", [])
    )
    if not candidates:
        candidates = [b.getparent() for b in index.classes.get("post-body", []) if b.getparent() is not None]
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
    address_of: Callable[[str], str | None],
) -> tuple[PostRecord, str | None]:
    post_id = first(element, ".//meta[@itemprop='postId']/@content")
    body = first_element(element, f".//*[{has_class('post-body')}]")
    if not post_id and body is not None:
        match = _POST_BODY_ID.search(body.get("id") or "")
        post_id = match.group(1) if match else None
    if not post_id:
        anchor = first(element, "./a[@name]/@name | ./preceding-sibling::a[@name][1]/@name")
        post_id = anchor if anchor and anchor.isdigit() else None
    if not post_id and is_item and count == 1:
        post_id = context.get("postId") or _feed_post_id(root)
    title_el = first_element(element, f".//*[{has_class('post-title')} or {has_class('entry-title')}]")
    title = node_text(title_el)
    if not title and is_item and count == 1:
        # templates with a bare <h1>: the page's own name for its post
        title = (
            html_unescape(context.get("pageName") or "").strip()
            or (first(root, "//meta[@property='og:title']/@content") or "")
            or node_text(first_element(root, "//head/title"))
        )
    permalink = None
    if is_item and count == 1:
        permalink = base if base and re.match(r"https?://", base) and base != context.get("homepageUrl") else None
    permalink = (
        permalink
        or first(element, ".//a[@rel='bookmark']/@href")
        or (first(title_el, ".//a/@href | ancestor::a[1]/@href") if title_el is not None else None)
        or first(element, f".//*[{has_class('post-timestamp')}]//*[@itemprop='url']/@content")
        or first(element, f".//*[{has_class('jump-link')}]//a/@href")
    )

    def resolve(href: str) -> str | None:
        return address_of(href) or normalize_url(href, base)

    url = resolve(permalink) if permalink and permalink.strip() else None
    published = None
    for candidate in xp(
        element,
        f".//abbr[{has_class('published')}]/@title | .//time/@datetime | .//*[@itemprop='datePublished']/@content"
        f" | .//*[@itemprop='datePublished']/@datetime",
    ):
        published = parse_timestamp(str(candidate))
        if published:
            break
    if published is None:
        for item in json_ld(element if count > 1 else root):
            published = parse_timestamp(str(item.get("datePublished") or ""))
            if published:
                break
    # the day's header: inside the post in some themes, else the last one before it (printed once per day)
    header = first_element(element, f".//*[{has_class('date-header')}]")
    if header is None:
        header = first_element(element, f"./preceding::*[{has_class('date-header')}][1]")
    if header is not None:
        header_date = node_text(header) or header_date
    date_text = None
    if published is None:
        date_text = (
            header_date
            or node_text(first_element(element, f".//*[{has_class('publishdate')} or {has_class('post-timestamp')}]"))
            or None
        )
    labels = [node_text(a) for a in xp(element, ".//a[@rel='tag']") if node_text(a)]
    record = PostRecord(
        id=post_id,
        kind="page" if is_item and context.get("pageType") == "static_page" else post_kind(None, url),
        url=url,
        title=title,
        published=published,
        author=_post_author(element, options),
        labels=labels,
        content=_post_body(element, body),
        from_item_page=is_item,
        date_text=date_text,
        comments_shown=None if is_item else _comments_shown(element, url, resolve),
    )
    return record, header_date


# A count as themes print it: "6", "1,234", "1.234", "1 234" (any Unicode digits).
_COUNT = re.compile(r"\s*(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+)")


def _comments_shown(element: etree._Element, url: str | None, resolve: Callable[[str], str | None]) -> int | None:
    """How many comments a listing's link to the post's own comments says it has ("6 commentaires",
    "1 comment:"): Blogger's ``comment-link``, or a link to ``<the post's address>#comment…``, so
    that a snippet's link to another page's comments is never taken for the count."""
    own = url_key(url)
    for link in xp(element, f".//a[{has_class('comment-link')} or contains(@href, '#comment')]"):
        href = link.get("href") or ""
        if "comment-link" not in (link.get("class") or "").split() and (
            own is None or url_key(resolve(href.partition("#")[0])) != own
        ):
            continue
        count = _COUNT.match(node_text(link))
        if count:
            return int(re.sub(r"\D", "", count.group(1)))
    return None


def _post_author(element: etree._Element, options: ReadOptions) -> Author | None:
    """The post's byline (its name and profile link), or ``None`` when the theme shows none."""
    byline = first_element(element, f".//*[{has_class('post-author')}]")
    if byline is None:
        return None
    profile = first(byline, ".//a[contains(@href, '/profile/') or @rel='author']/@href") or first(
        byline, ".//meta[@itemprop='url']/@content"
    )
    who = (
        node_text(first_element(byline, ".//*[@itemprop='name']"))
        or node_text(first_element(byline, f".//*[{has_class('fn')}]"))
        or node_text(first_element(byline, ".//a[contains(@href, '/profile/')]"))
    )
    return make_author(who or None, profile, None, None, options.keep_emails, is_blog_author=True)


def _post_body(element: etree._Element, body: etree._Element | None) -> str:
    """The post's HTML: its body without the share buttons, or the template a dynamic view fills in."""
    template = xp(body if body is not None else element, ".//script[@type='text/template']")
    if template and (template[0].text or "").strip():
        return (template[0].text or "").strip()
    if body is None:
        return ""
    content = inner_html(body, drop=("post-share-buttons",))
    return re.sub(r"<div style=.clear: both;.>\s*</div>\s*$", "", content).strip()
