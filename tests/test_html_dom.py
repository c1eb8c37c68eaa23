"""The scraped-HTML reader's DOM helpers on lxml's plain elements (no lxml.html element classes)."""

from __future__ import annotations

import pytest
from lxml import etree

from blogport.formats.blogger.html.dom import drop_tree, inner_html, parse_document


def test_a_page_parses_into_plain_elements() -> None:
    root = parse_document("<html><body><div class='post'>x</div></body></html>")
    assert type(root.find(".//div")) is etree._Element


@pytest.mark.parametrize("text", ["", "   ", "<!-- only a comment -->"])
def test_a_page_without_elements_is_a_parser_error(text: str) -> None:
    with pytest.raises(etree.ParserError):
        parse_document(text)


def test_dropping_an_element_keeps_the_text_after_it() -> None:
    root = parse_document("<div>one <i>first</i> two <span>gone</span> three<b>b</b></div>")
    div = root.find(".//div")
    drop_tree(div.find("i"))
    drop_tree(div.find("span"))
    assert etree.tostring(div, method="html", encoding="unicode") == "<div>one  two  three<b>b</b></div>"


def test_inner_html_drops_the_named_classes() -> None:
    root = parse_document('<div>one <span class="x y">drop</span> two<b>b</b></div>')
    assert inner_html(root.find(".//div"), drop=["y"]) == "one  two<b>b</b>"
