"""The DOM helpers of the scraped-HTML reader: parsing, XPath compiled once, class tests, text,
inner HTML, the page's JavaScript data context and JSON-LD.

Pages are parsed with ``lxml.etree.HTMLParser`` into plain elements, not lxml.html's: the reader
uses none of ``HtmlElement``'s methods, and lxml.html looks up a Python element class for every
node it hands out. The same parser, the same tree, the same serialization (``method="html"``).
lxml's stubs type XPath results as a loose union; :func:`xp` narrows them to a list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

# An lxml element. lxml's stubs type XPath results as a loose union; xp() narrows them.
Node = Any

_PARSER = etree.HTMLParser()


def parse_document(text: str) -> Node:
    """The root element of the page ``text``; lxml's ``ParserError`` when it holds no element."""
    root = etree.fromstring(text, _PARSER)
    if root is None:
        raise etree.ParserError("Document is empty")
    return root


def drop_tree(element: Node) -> None:
    """Remove ``element`` and its children from the tree, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


_COMPILED: dict[str, etree.XPath] = {}


def xp(element: Node, path: str) -> list[Any]:
    """Evaluate ``path`` on ``element``; each expression is compiled once per process."""
    compiled = _COMPILED.get(path)
    if compiled is None:
        compiled = _COMPILED[path] = etree.XPath(path)
    result = compiled(element)
    return result if isinstance(result, list) else [result]


_DATA_CONTEXT = re.compile(r"_WidgetManager\._SetDataContext\((\[.*?\])\);", re.S)
_JS_STRING_FIELD = re.compile(r"'(\w+)'\s*:\s*'((?:[^'\\]|\\.)*)'")
_JS_BOOL_FIELD = re.compile(r"'(\w+)'\s*:\s*(true|false)")


def classes(element: Node) -> set[str]:
    return set((element.get("class") or "").split())


def has_class(name_: str) -> str:
    """An XPath test for the class token ``name_`` (XPath's whitespace rules, not ``str.split``'s)."""
    # the plain substring test first: it rejects most elements before the costly token test
    return f"(contains(@class, '{name_}') and contains(concat(' ', normalize-space(@class), ' '), ' {name_} '))"


def node_text(element: Node | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def inner_html(element: Node, drop: Iterable[str] = ()) -> str:
    dropped = tuple(drop)
    for child in list(element):
        if isinstance(child.tag, str) and dropped and classes(child) & set(dropped):
            drop_tree(child)
    text = element.text or ""
    return (
        text + "".join(etree.tostring(child, method="html", encoding="unicode", with_tail=True) for child in element)
    ).strip()


def data_context(text: str) -> dict[str, str]:
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


def json_ld(root: Node) -> list[dict[str, Any]]:
    found = []
    for script in xp(root, "//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                found.append(item)
    return found


def first(root: Node, path: str) -> str | None:
    found = xp(root, path)
    return str(found[0]).strip() if found else None


def first_element(root: Node, path: str) -> Node | None:
    found = xp(root, path)
    return found[0] if found else None


@attrs.define
class PageIndex:
    """What one pass over a page finds, each list in document order: elements by class (only the
    wanted classes, split as ``str.split`` does), by id (only the wanted ids), every ``<link>`` and
    ``<meta>``, and whether a link leads to another comment page (``commentPage=`` in an ``<a href>``).
    """

    classes: dict[str, list[Node]] = attrs.Factory(dict)
    ids: dict[str, list[Node]] = attrs.Factory(dict)
    heads: list[Node] = attrs.Factory(list)
    links_comment_pages: bool = False


def page_index(root: Node, wanted: frozenset[str], wanted_ids: frozenset[str]) -> PageIndex:
    """Index the page under ``root`` in one pass (see :class:`PageIndex`); it replaces whole-page XPath scans."""
    index = PageIndex()
    by_class = index.classes
    by_id = index.ids
    for element in root.iter(etree.Element):
        names = element.get("class")
        if names:
            for token in names.split():
                if token in wanted:
                    by_class.setdefault(token, []).append(element)
        ident = element.get("id")
        if ident is not None and ident in wanted_ids:
            by_id.setdefault(ident, []).append(element)
    # lxml filters these tags itself: no Python test on every element
    index.heads = list(root.iter("link", "meta"))
    index.links_comment_pages = any("commentPage=" in (a.get("href") or "") for a in root.iter("a"))
    return index
