"""The hand-written front matter (``markdown/frontmatter.py``) is ``yaml.dump``'s, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from blogport.formats.markdown.content import to_yaml
from blogport.formats.markdown.frontmatter import fast_yaml

# Text that looks like titles, dates, numbers, booleans and URLs, plus every character YAML treats specially.
_TRICKY = st.sampled_from(
    ["yes", "No", "on", "null", "~", "1", "0x1F", "1e3", "3.5", "2019-05-01", "2019-05-01T10:00:00+02:00",
     "12:30", ".inf", "-", "a: b", "a:", "#x", "a #b", "http://t.blogspot.com/2019/05/x.html", "É", " ", "a  b"]
)  # fmt: skip
_TEXT = st.one_of(
    _TRICKY,
    st.text(
        alphabet=st.sampled_from("aZ9 .,/:+-_#'\"!?&*|>%@`[]{}\n\tÉ中\u2028\x85\ufeff\\🎉\U000e0001\U00020000"),
        max_size=12,
    ),
    st.text(max_size=12),
)
_VALUE = st.one_of(_TEXT, st.booleans(), st.lists(_TEXT, max_size=3), st.integers(), st.none())
_DATA = st.dictionaries(st.one_of(_TEXT, st.sampled_from(["title", "date", "tags", "draft"])), _VALUE, max_size=6)


@settings(max_examples=1500, deadline=None)
@given(_DATA)
def test_fast_front_matter_is_what_yaml_dump_writes(data: dict[str, Any]) -> None:
    text = fast_yaml(data)
    if text is not None:
        assert text == to_yaml(data)
        assert yaml.safe_load(text) == data


def test_a_typical_post_takes_the_fast_path() -> None:
    data = {
        "title": "Élan vital, ça va",
        "date": "2019-05-01T10:00:00+02:00",
        "draft": False,
        "tags": ["a b", "yes"],
        "aliases": [],
        "author": "",
        "url": "/2019/05/x.html",
    }
    text = fast_yaml(data)
    assert text == to_yaml(data)
    assert "date: '2019-05-01T10:00:00+02:00'\n" in (text or "") and "- 'yes'\n" in (text or "")


def test_what_it_does_not_handle_is_left_to_yaml() -> None:
    assert fast_yaml({"title": "a: b"}) is None
    assert fast_yaml({"comments": [{"id": "1"}]}) is None
    assert fast_yaml({"count": 3}) is None
    assert fast_yaml({"title": "x" * 2_000}) is None


@pytest.mark.parametrize(
    "title",
    ["🎉 commentaire", 'a "b" 🎉', "x\\y 🎉", "é🎉", "🎉: x", "- 🎉", "#🎉", " 🎉 ", "🎉 #x", "yes 🎉", "東京 🎉"],
)
def test_text_beyond_the_basic_plane_takes_the_fast_path_double_quoted(title: str) -> None:
    data = {"title": title, "tags": [title]}
    text = fast_yaml(data)
    assert text is not None and text == to_yaml(data) and yaml.safe_load(text) == data


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 .,/:+-_#'\"!?&*|>%@`[]{}É中\\🎉\U00020000"), max_size=16))
def test_printable_titles_take_the_fast_path_when_they_start_like_words(title: str) -> None:
    data = {"title": title}
    text = fast_yaml(data)
    if text is not None:
        assert text == to_yaml(data)
    if title and (title[0].isalnum() or "🎉" in title) and not title.endswith((" ", ":")):
        assert text is not None or ": " in title or " #" in title
