"""The HTML site's fixed words and sentences follow the blog's locale, with their blanks and plurals."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest
from lxml import html as lxml_html
from markupsafe import Markup

from blogport import Archive, Author, Blog, Comment
from blogport.formats.html_site import thread
from blogport.formats.html_site.words import PLURAL_RULES, WORDS, Words, fill, words_for
from blogport.report import FIGURE_LABELS
from htmlsite_fixtures import at, build, chain, rich_archive

ENGLISH = WORDS["en"]
COUNTED = {"comments", "deeper_replies", "links"}  # plural category → text
NAMED = {"statuses", "figures"}  # key → name
CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
SAMPLE_COUNTS = [*range(0, 1_001), 1_000_000, 1_000_003, 1_000_011]


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _texts(words: Words) -> dict[str, str]:
    # Every text of a record, named "field" or "field.key".
    texts: dict[str, str] = {}
    for field, value in attrs.asdict(words).items():
        if field == "plural_rule":
            continue
        if isinstance(value, Mapping):
            texts.update({f"{field}.{key}": text for key, text in value.items()})
        else:
            texts[field] = value
    return texts


def test_every_mapping_field_is_a_counted_text_or_a_table_of_names() -> None:
    mappings = {field for field, value in attrs.asdict(ENGLISH).items() if isinstance(value, Mapping)}
    assert mappings == COUNTED | NAMED


@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_language_has_every_word_with_its_blanks(language: str) -> None:
    words = WORDS[language]
    assert words.plural_rule in PLURAL_RULES
    for name, text in _texts(words).items():
        assert isinstance(text, str) and text.strip() == text and text, (language, name)
    for field, english in attrs.asdict(ENGLISH).items():
        value = getattr(words, field)
        if field in NAMED:
            assert set(value) == set(english), (language, field)
            assert all(not _blanks(name) for name in value.values()), (language, field)
        elif field in COUNTED:
            assert set(value) <= CATEGORIES, (language, field)
            assert _blanks(value["other"]) == _blanks(english["other"]) == {"n"}, (language, field)
            assert all(_blanks(form) <= {"n"} for form in value.values()), (language, field)
        elif field != "plural_rule":
            assert _blanks(value) == _blanks(english), (language, field, value)


@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_count_has_a_form_for_every_plural_category_of_its_language(language: str) -> None:
    words = WORDS[language]
    rule = PLURAL_RULES[words.plural_rule]
    needed = {rule(count) for count in SAMPLE_COUNTS}
    for field in sorted(COUNTED):
        forms = getattr(words, field)
        assert needed <= set(forms), (language, field, needed - set(forms))
        for count in SAMPLE_COUNTS[:120]:
            text = words.plural(forms, count)
            assert "{" not in text and (str(count) in text or "n" not in _blanks(words.form(forms, count))), text
    assert words.comment_count(1) != words.comment_count(2)


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "0 comments"),
        ("en", 1, "1 comment"),
        ("fr", 0, "Aucun commentaire"),  # Blogger's own words for none
        ("fr", 1, "1 commentaire"),
        ("fr", 2, "2 commentaires"),
        ("de", 1, "1 Kommentar"),
        ("es", 3, "3 comentarios"),
        ("ar", 1, "تعليق واحد"),
        ("ar", 2, "تعليقان"),
        ("ar", 3, "3 تعليقات"),
        ("ar", 11, "11 تعليقًا"),
        ("ar", 100, "100 تعليق"),
        ("ar", 103, "103 تعليقات"),
        ("he", 2, "שתי תגובות"),
        ("he", 3, "3 תגובות"),
    ],
)
def test_counts_take_the_plural_form_of_their_language(language: str, count: int, expected: str) -> None:
    assert WORDS[language].comment_count(count) == expected


def test_plural_rules_put_zero_with_one_only_in_french_and_portuguese() -> None:
    assert WORDS["fr"].deeper_reply_count(0) == "0 autre réponse, plus loin dans cette discussion"
    assert WORDS["pt"].link_count(0) == "0 link" and WORDS["pt"].link_count(2) == "2 links"
    assert WORDS["en"].link_count(0) == "0 links" and WORDS["de"].link_count(0) == "0 Links"


def test_the_language_part_of_the_locale_chooses_english_otherwise() -> None:
    assert words_for("fr-CA") is WORDS["fr"]
    assert words_for("pt_BR") is WORDS["pt"]
    assert words_for("ja") is WORDS["en"] and words_for(None) is WORDS["en"]
    assert WORDS["en"].comment_count(1) == "1 comment" and WORDS["en"].comment_count(0) == "0 comments"


def test_the_english_count_names_are_the_reports() -> None:
    assert list(ENGLISH.figures) == [key for key, _ in FIGURE_LABELS] + ["files"]
    assert all(ENGLISH.figures[key] == label for key, label in FIGURE_LABELS)


def test_fill_escapes_the_text_and_what_fills_it_but_not_markup() -> None:
    filled = fill("l'« {title} » {url} {n}", title="<b>&", url=Markup('<a href="x">x</a>'), n=3)
    assert filled == 'l&#39;« &lt;b&gt;&amp; » <a href="x">x</a> 3'


def test_the_thread_escapes_its_words() -> None:
    words = attrs.evolve(
        ENGLISH,
        anonymous="<Anon & co>",
        blog_author="(l'<auteur>)",
        comment_removed="<removed>",
        deeper_replies={"one": "{n} <more>", "other": "{n} <more>"},
    )
    owner = Author(name="Me", is_blog_author=True)
    tops = [
        Comment(id="1", post_id="1", published=at(1)),
        Comment(id="2", post_id="1", author=owner, published=at(2), content="hi"),
        Comment(id="3", post_id="1", status="deleted", published=at(3)),
    ]
    deep = chain("1", thread.MAX_NESTING + 1, start=100)  # one reply below the nesting limit
    tree = deep[-1]
    for comment in reversed(deep[:-1]):
        tree = comment.with_replies((tree,))
    page = thread.render([*tops, tree], lambda comment: comment.content, words)
    assert "&lt;Anon &amp; co&gt;" in page and "<Anon" not in page
    assert "(l&#39;&lt;auteur&gt;)" in page and "&lt;removed&gt;" in page
    assert "<summary>1 &lt;more&gt;</summary>" in page


def _visible_text(page: Path) -> str:
    root = lxml_html.parse(str(page)).getroot()
    for hidden in root.xpath("//style | //script | //ul[@class='warnings']"):
        hidden.drop_tree()  # warnings are the conversion's own messages, printed in English by the CLI too
    return " ".join(" ".join(root.itertext()).split())  # a space between elements: "authors 5", not "authors5"


def _fixed_fragments(words: Words) -> set[str]:
    # The literal parts of every fixed text: "{n} more replies, deeper…" gives "more replies, deeper…".
    fragments = set()
    for text in _texts(words).values():
        for literal, *_ in string.Formatter().parse(text):
            fragments.update(part.strip() for part in re.split(r"\s*[()]\s*", literal))
    return {fragment for fragment in fragments if re.search(r"[^\W\d_]{2}", fragment)}


def _french_archive() -> Archive:
    # The rich fixture (drafts, orphans, a tombstone, an anonymous comment), its deep thread folded.
    return rich_archive(locale="fr", deep=thread.MAX_NESTING + 3)


def _english_fragments_on(site: Path) -> dict[str, list[str]]:
    # The English-only fixed fragments found in the visible text of each page of ``site``.
    english_only = _fixed_fragments(ENGLISH) - _fixed_fragments(WORDS["fr"])
    patterns = {fragment: re.compile(rf"(?<!\w){re.escape(fragment)}(?!\w)") for fragment in english_only}
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        text = _visible_text(page)
        hits = [fragment for fragment, pattern in patterns.items() if pattern.search(text)]
        if hits:
            found[page.relative_to(site).as_posix()] = hits
    return found


def _with_locale(archive: Archive, locale: str) -> Archive:
    return attrs.evolve(archive, blog=attrs.evolve(archive.blog, locale=locale))


_EMPTY = Archive(blog=Blog(id="8", title="Vide", url="http://vide.blogspot.com/", locale="fr"), posts=())


@pytest.mark.parametrize(
    ("archive", "options"),
    [
        (_french_archive(), {"include_drafts": True, "include_trashed": True, "per_page": 2}),
        (_EMPTY, {}),  # "no posts", "no labels", "no dated posts", no warnings
    ],
    ids=["rich", "empty"],
)
def test_a_french_archive_shows_no_english_fixed_words(tmp_path: Path, archive: Archive, options: dict) -> None:
    english = _english_fragments_on(build(_with_locale(archive, "en"), tmp_path / "en", **options))
    seen_in_english = {fragment for hits in english.values() for fragment in hits}
    assert len(seen_in_english) >= 12  # the scan does find the English words on the same archive in English
    site = build(archive, tmp_path / "fr", **options)
    assert _english_fragments_on(site) == {}
    text = " ".join(_visible_text(page) for page in sorted(site.rglob("*.html")))
    french = WORDS["fr"]
    if archive.posts:
        expected = [
            french.anonymous,
            french.blog_author,
            french.comment_removed,
            french.deeper_reply_count(3),
            french.orphans_lead,
            french.on_post.format(post=99),
            french.counts,
            french.figures["files"],
            french.statuses["draft"],
            french.statuses["trashed"],
            french.remote_images_lead,
            french.missing_posts,
            french.link_count(1),
            french.newer_posts,
            french.older_posts,
            french.page_heading.format(title="Carnet <numérique>", n=2),
        ]
    else:
        expected = [french.no_posts, french.no_labels, french.no_dated_posts, french.no_warnings]
    assert [words for words in expected if words not in text] == []


def test_french_thread_words_sit_where_the_english_ones_did(tmp_path: Path) -> None:
    site = build(_french_archive(), tmp_path / "site")
    post = (site / "2013/02/premier.html").read_text("utf-8")
    assert '<span class="p-author h-card">Anonyme</span>' in post  # comment 3 has no author
    assert '<span class="mark">(auteur du blog)</span>' in post
    assert '<div class="e-content tombstone">Ce commentaire a été supprimé.</div>' in post
    deep = (site / "2013/03/mars.html").read_text("utf-8")
    assert "<summary>3 autres réponses, plus loin dans cette discussion</summary>" in deep
    about = (site / "about.html").read_text("utf-8")
    assert "<strong>Carnet &lt;numérique&gt;</strong>, autrefois à l&#39;adresse <a href=" in about  # escaped blanks
    assert '<tr><th scope="row">commentaires supprimés</th><td>1</td></tr>' in about
    footer = '<p>Une archive hors ligne de Carnet &lt;numérique&gt; (<a href="http://carnet.blogspot.com/">'
    assert footer in post


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


def test_a_post_without_comments_says_so_in_blogger_words(tmp_path: Path) -> None:
    site = build(rich_archive(locale="fr"), tmp_path / "site")
    page = (site / "p/a-propos.html").read_text("utf-8")
    assert '<section class="comments" id="comments">\n<h2>Aucun commentaire</h2>' in page
