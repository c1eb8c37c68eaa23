"""What a reader sees of a post and of each comment: visible text, line breaks and links, taken the
same way from the source HTML and from the pages a real generator built.

Rules (the tolerance is whitespace only):

* Visible text is the text of the elements, in document order, without ``script``, ``style``,
  ``template``, ``iframe`` and other elements a browser does not show as text. It is split into
  lines at every ``<br>``, at every block boundary (``p``, ``div``, ``li``, headings, table cells, …)
  and at newlines inside ``<pre>``; inside a line every run of whitespace (Unicode whitespace, so
  also no-break spaces) counts as nothing, and empty lines are dropped. Two views are equal when
  their lines are equal after that: a source ``<br>`` must be a line break on the built page, and
  any difference that is not whitespace is a failure.
* Links are the ``href`` of every ``<a>`` and the ``src`` of every ``<img>``, as a sequence in
  document order; they are compared exactly, but for the leading and trailing whitespace a browser
  strips from a URL (and after the only rewriting blogport documents: the scripting URLs that
  :mod:`blogport.safety` removes).
* On a built page, a post is ``article[data-blogger-id]``; its body is ``div.post-body``. A comment
  starts at its head: the paragraph that opens with Blogger's anchor ``<a id="c<id>">`` (Markdown
  threads), or ``div.comment#c<id>`` with its ``p.comment-meta`` (``--keep-html`` threads and the
  layouts' ``--comments data``). The head (name, time, blog-author mark) and the thread's heading
  are not part of any comment's text; they are kept apart so a test can check them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs
from lxml import etree
from lxml import html as lxml_html

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_INVISIBLE = frozenset(
    ["script", "style", "template", "iframe", "object", "video", "audio", "noscript", "head", "title"]
)
_ANCHOR = re.compile(r"^c(.+)$")
POST_KEY = "post"


@attrs.frozen
class View:
    """What a reader sees of one post body or one comment."""

    lines: tuple[str, ...]
    links: tuple[tuple[str, str], ...]


@attrs.frozen
class Head:
    """A comment's head on a built page: its text and whether it carries the blog-author mark."""

    text: str
    blog_author: bool
    link: str | None


@attrs.define
class BuiltPost:
    """One ``article[data-blogger-id]`` of a built page."""

    page: Path
    title: str
    views: dict[str, View]  # POST_KEY for the body, a comment's id for each comment
    heads: dict[str, Head]


def squeeze(text: str) -> str:
    """``text`` without any whitespace (the comparison's tolerance)."""
    return "".join(text.split())


class _Collector:
    def __init__(self) -> None:
        self.parts: dict[str, list[str]] = {}
        self.links: dict[str, list[tuple[str, str]]] = {}
        self.owner = POST_KEY

    def switch(self, owner: str) -> None:
        self.owner = owner
        self.parts.setdefault(owner, [])
        self.links.setdefault(owner, [])

    def text(self, text: str | None, in_pre: bool) -> None:
        if text:
            self.parts.setdefault(self.owner, []).append(text if in_pre else text.replace("\n", " "))

    def line_break(self) -> None:
        self.parts.setdefault(self.owner, []).append("\n")

    def link(self, element: etree._Element) -> None:
        tag = element.tag
        url = element.get("href") if tag == "a" else element.get("src") if tag == "img" else None
        if url is not None:  # a browser strips a URL's leading and trailing whitespace
            url = url.strip(" \t\n\r\f")
            self.links.setdefault(self.owner, []).append((tag, url))

    def views(self) -> dict[str, View]:
        owners = dict.fromkeys([*self.parts, *self.links])
        return {owner: self._view(owner) for owner in owners}

    def _view(self, owner: str) -> View:
        lines = "".join(self.parts.get(owner, [])).split("\n")
        kept = tuple(squeezed for line in lines if (squeezed := squeeze(line)))
        return View(lines=kept, links=tuple(self.links.get(owner, [])))


def _walk(roots: Iterable[etree._Element], collector: _Collector, heads: dict[str, Head]) -> None:
    inline_heads = _inline_heads(roots)
    skipped = {heading for heading in _thread_headings(roots, inline_heads)}
    for root in roots:
        in_pre = 0
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else None
            if event == "start":
                if tag is None:
                    walker.skip_subtree()
                    continue
                comment_id = inline_heads.get(element) or _comment_div_id(element)
                if comment_id is not None:
                    collector.switch(comment_id)
                if element in inline_heads:
                    heads[comment_id] = _head(element, element)  # type: ignore[index]
                    walker.skip_subtree()
                    continue
                if tag == "p" and "comment-meta" in (element.get("class") or "").split():
                    heads[collector.owner] = _head(element, element.getparent())
                    walker.skip_subtree()
                    continue
                if tag in _INVISIBLE or element in skipped:
                    walker.skip_subtree()
                    continue
                if tag in _BLOCKS or tag == "br":
                    collector.line_break()
                in_pre += tag == "pre"
                collector.link(element)
                collector.text(element.text, in_pre > 0)
            else:
                if tag in _BLOCKS:
                    collector.line_break()
                in_pre -= tag == "pre"
                if element is not root:
                    collector.text(element.tail, in_pre > 0)


def _inline_heads(roots: Iterable[etree._Element]) -> dict[etree._Element, str]:
    # A Markdown thread's comment head: a paragraph opening with the comment's anchor.
    found: dict[etree._Element, str] = {}
    for root in roots:
        for anchor in root.iter("a"):
            match = _ANCHOR.match(anchor.get("id") or "")
            parent = anchor.getparent()
            if not (match and anchor.get("href") is None and parent is not None and parent.tag == "p"):
                continue
            if parent[0] is anchor and not (parent.text or "").strip():
                found[parent] = match.group(1)
    return found


def _thread_headings(roots: Iterable[etree._Element], inline_heads: dict[etree._Element, str]) -> list[etree._Element]:
    headings = []
    first = next(iter(inline_heads), None)
    if first is not None and (previous := first.getprevious()) is not None and previous.tag == "h2":
        headings.append(previous)
    for root in roots:
        headings.extend(root.xpath(".//section[contains(@class, 'comments')]/h2"))
        if root.tag == "section":
            headings.extend(root.xpath("./h2"))
    return headings


def _comment_div_id(element: etree._Element) -> str | None:
    if element.tag != "div" or "comment" not in (element.get("class") or "").split():
        return None
    match = _ANCHOR.match(element.get("id") or "")
    return match.group(1) if match else None


def _head(head: etree._Element, holder: etree._Element | None) -> Head:
    classes = (holder.get("class") or "").split() if holder is not None else []
    marked = "blog-author" in classes or bool(head.xpath(".//*[contains(@class, 'blog-author')]"))
    links = head.xpath(".//a[@href]/@href")
    return Head(text=" ".join(head.text_content().split()), blog_author=marked, link=links[0] if links else None)


def source_view(html: str) -> View:
    """What a browser shows of an HTML fragment (see the module doc)."""
    if not html.strip():
        return View(lines=(), links=())
    container = lxml_html.fragment_fromstring(html, create_parent="div")
    collector = _Collector()
    _walk([container], collector, {})
    return collector.views().get(POST_KEY, View(lines=(), links=()))


def built_posts(public: Path) -> dict[str, list[BuiltPost]]:
    """Every post shown on the built site, by Blogger id (a post may be shown on several pages)."""
    found: dict[str, list[BuiltPost]] = {}
    for page in sorted(public.rglob("*.html")):
        document = lxml_html.document_fromstring(page.read_bytes(), parser=_PARSER)
        for article in document.xpath("//article[@data-blogger-id]"):
            roots = article.xpath("./div[@class='post-body'] | ./section[contains(@class, 'comments')]")
            collector = _Collector()
            heads: dict[str, Head] = {}
            _walk(roots, collector, heads)
            title = article.xpath("string(./h1)")
            found.setdefault(article.get("data-blogger-id"), []).append(
                BuiltPost(page=page, title=" ".join(title.split()), views=collector.views(), heads=heads)
            )
    return found


_PARSER = lxml_html.HTMLParser(encoding="utf-8")


def differences(expected: View, got: View) -> list[str]:
    """How ``got`` differs from ``expected``: text, then line breaks, then links (empty when equal)."""
    found = []
    want, have = "".join(expected.lines), "".join(got.lines)
    if want != have:
        at = next((i for i, (a, b) in enumerate(zip(want, have, strict=False)) if a != b), min(len(want), len(have)))
        found.append(
            f"text differs at {at}: expected …{want[max(0, at - 40) : at + 40]!r}, got …{have[max(0, at - 40) : at + 40]!r}"
        )
    elif expected.lines != got.lines:
        found.append(f"line breaks differ: expected {expected.lines!r}, got {got.lines!r}")
    if expected.links != got.links:
        missing = [link for link in expected.links if link not in got.links]
        extra = [link for link in got.links if link not in expected.links]
        found.append(f"links differ: missing {missing[:5]!r}, unexpected {extra[:5]!r}")
    return found
