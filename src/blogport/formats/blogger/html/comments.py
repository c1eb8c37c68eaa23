"""Comments as a saved page shows them: the threaded widget (desktop and mobile) and the legacy
``dl#comments-block``, with the signs that a page holds only part of its thread.

Each field is taken from the comment's own element, never from one of its replies; the
time comes from the ``showComment=<epoch ms>`` of the permalink, the display text only as a
last resort.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

from lxml import html as lxml_html

from ....options import ReadOptions
from ..atom import make_author
from ..urls import normalize_url
from .dates import localized_date
from .dom import Node, PageIndex, classes, drop_tree, first, first_element, has_class, inner_html, node_text, xp
from .records import CommentRecord

SHOW_COMMENT = re.compile(r"showComment(?:=|%3D)(\d{9,16})", re.I)
_DIGITS = re.compile(r"\d+")

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
    for link in element.iterdescendants("a"):  # ``.//a/@href`` without an XPath evaluation per comment
        href = link.get("href")
        match = SHOW_COMMENT.search(href) if href is not None else None
        if match:
            millis = int(match.group(1))
            try:
                moment = datetime.fromtimestamp(millis // 1000, tz=UTC)
            except (OverflowError, ValueError, OSError):  # past year 9999: a damaged link, not a time
                return None, href
            return moment.replace(microsecond=(millis % 1000) * 1000), href
    return None, None


def _comment_url(href: str | None, comment_id: str, base: str | None, post_url: str | None = None) -> str | None:
    # Blogger's own form, whatever wget or the Wayback Machine did to it: post?showComment=<ms>#c<id>
    if not href:
        return None
    post = post_url or normalize_url(href, base)
    millis = SHOW_COMMENT.search(href)
    if not post:
        return None
    return f"{post}?showComment={millis.group(1)}#c{comment_id}" if millis else f"{post}#c{comment_id}"


def _avatar(element: Node) -> str | None:
    src = first(element, f".//*[{has_class('avatar-image-container')}]//img/@src")
    if src and "blank.gif" not in src and "/img/b16-rounded" not in src:
        return "https:" + src if src.startswith("//") else src
    return None


COMMENT_CLASSES = frozenset(
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
COMMENT_IDS = frozenset({"comments", "comments-block"})
_COMMENT_ID = re.compile(r"c(\d+)")


class _Nearest:
    """The nearest comment among an element's ancestors. Each ancestor met on the way up is remembered
    with its answer, so the walks of the elements of one thread share their steps (each is taken once)."""

    def __init__(self, ids: dict[Node, str]) -> None:
        self._ids = ids
        self._above: dict[Node, Node | None] = {}

    def __call__(self, element: Node) -> Node | None:
        ids, above = self._ids, self._above
        passed = []
        found = None
        current = element.getparent()
        while current is not None:
            if current in ids:
                found = current
                break
            if current in above:
                found = above[current]
                break
            passed.append(current)
            current = current.getparent()
        for step in passed:
            above[step] = found
        return found


def read_comments(
    root: Node,
    index: PageIndex,
    post_id: str | None,
    post_url: str | None,
    base: str | None,
    options: ReadOptions,
    locale: str | None = None,
) -> tuple[list[CommentRecord], int | None, list[str], list[str]]:
    """The comments of an item page, how many the page announces, why it may be partial, and the ids of
    comments whose ``showComment=`` time is out of range (kept without a time)."""
    comments: list[CommentRecord] = []
    untimed: list[str] = []
    # Threaded widget (desktop: id on li.comment; mobile: id on .comment-block). One pass over
    # the page indexes the elements by class; each is then given to its nearest comment, so a
    # comment's fields are never taken from one of its replies.
    ids: dict[Node, str] = {}
    for node in index.classes.get("comment", []):
        raw_id = node.get("id") or ""
        if not raw_id.startswith("c"):
            block = next((b for b in index.classes.get("comment-block", []) if b.getparent() is node), None)
            raw_id = (block.get("id") or "") if block is not None else ""
        match = _COMMENT_ID.fullmatch(raw_id)
        if match:
            ids[node] = match.group(1)
    if ids:
        nearest = _Nearest(ids)
        fields: dict[Node, dict[str, Node]] = {node: {} for node in ids}
        for token in ("user", "comment-header", "datetime", "comment-content", "avatar-image-container"):
            for element in index.classes.get(token, []):
                owner_node = nearest(element)
                if owner_node is not None:
                    fields[owner_node].setdefault(token, element)
        # the blog's own comments: the nearest comment holding the mark, when it is an <li> or <div>
        owners = {
            a
            for a in (nearest(element) for element in index.classes.get("blog-author", []))
            if a is not None and a.tag in ("li", "div")
        }
        removed = {nearest(element) for element in index.classes.get("deleted-comment", [])}
        for node, comment_id in ids.items():
            own = fields[node]
            above = nearest(node)
            parent_id = ids[above] if above is not None else None
            cite = own.get("user")
            link = cite.find(".//a") if cite is not None else None
            stamp = own.get("datetime")
            when, href = _comment_time(stamp if stamp is not None else node)
            if when is None and href is not None:
                untimed.append(comment_id)  # a showComment= past the calendar: a damaged link, no time
            elif when is None and stamp is not None:
                when = localized_date(node_text(stamp), locale)  # display text: a last resort
            body = own.get("comment-content")
            deleted = node in removed
            content = "" if body is None else (node_text(body) if deleted else inner_html(body, drop=_CHROME))
            avatar = own.get("avatar-image-container")
            comments.append(
                CommentRecord(
                    id=comment_id,
                    post_id=post_id,
                    parent_id=parent_id,
                    author=make_author(
                        node_text(cite) or None,
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
    for block in (e for e in index.ids.get("comments-block", []) if e.tag == "dl"):
        children = [c for c in block if isinstance(c.tag, str)]
        current: dict[str, Any] | None = None
        for child in children:
            names = classes(child)
            if child.tag == "dt":
                if current:
                    comments.append(_legacy(current, post_id, base, options, untimed))
                current = {"dt": child}
            elif child.tag == "dd" and current is not None:
                current["footer" if "comment-footer" in names else "body"] = child
        if current:
            comments.append(_legacy(current, post_id, base, options, untimed))
    expected, reasons = _expected_count(root, index, len(comments))
    return comments, expected, reasons, untimed


_SAID = re.compile(r"\s+\S+(?:\s+\S+)?\s*(?:\.\.\.|…|:)\s*$")


def _legacy(
    parts: dict[str, Any], post_id: str | None, base: str | None, options: ReadOptions, untimed: list[str]
) -> CommentRecord:
    dt = parts["dt"]
    match = re.search(r"c(\d+)", dt.get("id") or "") or re.search(r"c(\d+)", first(dt, ".//a[@name]/@name") or "")
    comment_id = match.group(1) if match else ""
    links = [a for a in xp(dt, ".//a[@href]") if "avatar-hovercard" not in (a.get("class") or "")]
    if links and node_text(links[-1]):
        who = node_text(links[-1])
        uri = links[-1].get("href")
    else:
        clone = lxml_html.fromstring(lxml_html.tostring(dt))
        for avatar in xp(clone, f".//*[{has_class('avatar-image-container')}]"):
            drop_tree(avatar)
        # "Name said..." in the blog's language: the trailing phrase ends in an ellipsis or a colon
        who = _SAID.sub("", node_text(clone)) or node_text(clone)
        uri = None
    body = parts.get("body")
    footer = parts.get("footer")
    deleted = body is not None and bool(xp(body, f".//*[{has_class('deleted-comment')}]"))
    content = "" if body is None else (node_text(body) if deleted else inner_html(body, drop=_CHROME))
    when, href = _comment_time(footer if footer is not None else dt)
    if not comment_id and href:
        fragment = re.search(r"#c(\d+)", href)
        comment_id = fragment.group(1) if fragment else ""
    comment_id = comment_id or _stable_id(post_id, who, href, content)
    if when is None and href is not None:
        untimed.append(comment_id)
    return CommentRecord(
        id=comment_id,
        post_id=post_id,
        parent_id=None,
        author=make_author(
            who or None, uri, None, _avatar(dt), options.keep_emails, is_blog_author="blog-author" in classes(dt)
        ),
        published=when,
        content=content,
        deleted=deleted,
        url=_comment_url(href, comment_id, base),
    )


def _stable_id(post_id: str | None, who: str | None, href: str | None, content: str) -> str:
    # What identifies a comment without an id, digested: the same bytes in every process and run
    # (``hash()`` is salted per process), so re-reading a page gives the same archive.
    key = "\x1f".join((post_id or "", who or "", href or "", content))
    return "legacy-" + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _expected_count(root: Node, index: PageIndex, found: int) -> tuple[int | None, list[str]]:
    reasons = []
    expected = None
    boxes = index.ids.get("comments", [])
    attribute = next((str(v).strip() for v in (e.get("data-num-comments") for e in boxes) if v is not None), None)
    if attribute and attribute.isdigit():
        expected = int(attribute)
    else:
        heading = (
            next((c for c in boxes[0] if c.tag in ("h4", "h3", "h2")), None)
            if len(boxes) == 1
            # several boxes (a page repeating the id): XPath keeps the headings' document order
            else first_element(root, "//*[@id='comments']/*[self::h4 or self::h3 or self::h2][1]")
        )
        digits = _DIGITS.findall(node_text(heading)) if heading is not None else []
        if len(digits) == 1:
            expected = int(digits[0])
    if expected is not None and expected > found:
        reasons.append(f"the page announces {expected}")
    if any("hidden" not in (e.get("class") or "").split() for e in index.classes.get("loadmore", [])):
        reasons.append("its 'load more' button was not expanded")
    if index.links_comment_pages:
        reasons.append("it links to further comment pages")
    return expected, reasons
