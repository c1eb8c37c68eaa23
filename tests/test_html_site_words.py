"""The HTML site's fixed words (navigation, headings, pagination, comment counts) follow the blog's locale."""

from __future__ import annotations

import re
import string
from pathlib import Path

import attrs
import pytest

from blogport.formats.html_site.words import WORDS, words_for
from htmlsite_fixtures import build, rich_archive

_BLANKS = {
    "newer_post": {"title"},
    "older_post": {"title"},
    "comment_other": {"n"},
    "label_heading": {"label"},
}


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_language_has_every_word_with_its_blanks(language: str) -> None:
    words = WORDS[language]
    for field, text in attrs.asdict(words).items():
        assert text.strip(), (language, field)
    for field, wanted in _BLANKS.items():
        assert _blanks(getattr(words, field)) == wanted, (language, field)
    assert _blanks(words.comment_one) <= {"n"}
    assert words.comment_count(1) != words.comment_count(2)


def test_the_language_part_of_the_locale_chooses_english_otherwise() -> None:
    assert words_for("fr-CA") is WORDS["fr"]
    assert words_for("pt_BR") is WORDS["pt"]
    assert words_for("ja") is WORDS["en"] and words_for(None) is WORDS["en"]
    assert WORDS["en"].comment_count(1) == "1 comment" and WORDS["en"].comment_count(0) == "0 comments"


@pytest.mark.parametrize(
    ("locale", "home", "comments"),
    [
        ("fr", "Accueil", "commentaires"),
        ("de-DE", "Startseite", "Kommentare"),
        ("he", "דף הבית", "תגובות"),
        ("xx", "Home", "comments"),
    ],
)
def test_pages_show_the_words_of_the_blogs_language(tmp_path: Path, locale: str, home: str, comments: str) -> None:
    site = build(rich_archive(locale=locale), tmp_path / "site")
    words = words_for(locale)
    index = (site / "index.html").read_text("utf-8")
    assert f'index.html">{home}</a>' in index and f'labels.html">{words.labels}</a>' in index
    post = (site / "2013/02/premier.html").read_text("utf-8")
    heading = re.search(r'<section class="comments" id="comments">\n<h2>([^<]*)</h2>', post)
    assert heading is not None and comments in heading.group(1)
    assert f"<h1>{words.archive}</h1>" in (site / "archive.html").read_text("utf-8")
    if locale != "xx":
        assert ">Home</a>" not in index and "Older posts" not in index
