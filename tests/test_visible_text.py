"""Issue 10's whole-class test: each flavor built with its real generator (Hugo, Jekyll, Pelican;
plain through CommonMark) shows every post's and comment's visible text, line breaks and links as
the source HTML does. What is compared, and the whitespace-only tolerance: :mod:`visible`,
:mod:`faithful`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import blogport
from blogport import Archive, Blog, Comment, Post
from blogport.formats.markdown.convert import to_markdown
from blogport.model import Author
from faithful import build_and_compare, compare, expected_comment
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE
from render_fixtures import hostile_archive
from visible import POST_KEY, BuiltPost, View, source_view

FLAVORS = ["hugo", "jekyll", "pelican", "plain"]
MODES = {
    "inline": {},
    "data": {"comments": "data"},
    "keep-html": {"keep_html": True},
    "no-comments": {"comments": "none"},
}


# Differences the test finds on the corpus that are not fixed yet, by post id, each with its cause.
# Only differences in those posts' bodies are let through; anything else fails.
KNOWN_BODY_DIFFERENCES: dict[str, str] = {}


def _unexplained(problems: list[str]) -> list[str]:
    return [p for p in problems if not any(f" post {key} " in p and ": body: " in p for key in KNOWN_BODY_DIFFERENCES)]


def _report(problems: list[str]) -> str:
    return f"{len(problems)} difference(s):\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("mode", list(MODES))
def test_hostile_fixtures_render_as_written(tmp_path: Path, flavor: str, mode: str) -> None:
    problems = build_and_compare(hostile_archive(), tmp_path / flavor, flavor, **MODES[mode])
    assert not problems, _report(problems)


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("sample", [CLASSIC_SAMPLE, TAKEOUT_SAMPLE], ids=["classic", "takeout"])
@pytest.mark.parametrize("mode", ["inline", "data"])
def test_samples_render_as_written(tmp_path: Path, flavor: str, sample: Path, mode: str) -> None:
    problems = build_and_compare(blogport.read(sample), tmp_path / flavor, flavor, **MODES[mode])
    assert not problems, _report(problems)


# --- the comparison itself catches what it must ---------------------------------------------


def test_source_view_splits_lines_at_br_and_blocks_only() -> None:
    view = source_view('<p>Liebste  Grüße,<br>Sana</p><div>a <b>b</b>\nc</div><pre>x\ny</pre><a href="h">l</a>')
    assert view.lines == ("LiebsteGrüße,", "Sana", "abc", "x", "y", "l")
    assert view.links == (("a", "h"),)


def test_a_lost_line_break_a_changed_word_and_a_changed_link_are_reported() -> None:
    post = Post(
        id="1",
        title="t",
        content='<p>one<br>two <a href="https://x/a_b">link</a></p>',
        comments=(Comment(id="9", post_id="1", content="hi", author=Author(name="Ann", is_blog_author=True)),),
    )
    archive = Archive(blog=Blog(title="b"), posts=(post,))
    faithful = View(lines=("one", "twolink"), links=(("a", "https://x/a_b"),))
    comment = expected_comment(post.comments[0], "inline", keep_html=False)

    def shown(body: View, head_marked: bool = True) -> dict[str, list[BuiltPost]]:
        from visible import Head

        heads = {"9": Head(text="Ann", blog_author=head_marked, link=None)}
        return {"1": [BuiltPost(page=Path("p.html"), title="t", views={POST_KEY: body, "9": comment}, heads=heads)]}

    assert compare(archive, shown(faithful), "hugo") == []
    joined = View(lines=("onetwolink",), links=faithful.links)
    assert "line breaks differ" in compare(archive, shown(joined), "hugo")[0]
    cut = View(lines=faithful.lines, links=(("a", "https://x/a"),))
    assert "links differ" in compare(archive, shown(cut), "hugo")[0]
    changed = View(lines=("one", "2link"), links=faithful.links)
    assert "text differs" in compare(archive, shown(changed), "hugo")[0]
    assert "blog-author" in compare(archive, shown(faithful, head_marked=False), "hugo")[0]
    assert "not on the built site" in compare(archive, {}, "hugo")[0]


# --- the defects it found, one case each (the built-site tests above show them fixed end to end) ---


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # a raw block ends where its element ends: the quote after a table is a quote
        ("<table><tr><td>a</td></tr></table><blockquote>q</blockquote>", "<table><tr><td>a</td></tr></table>\n\n> q\n"),
        # line breaks ending a link's text are kept after it; a link of breaks only gets no invented text
        ('<a href="https://x/a">https://x/a<br></a>next', "<https://x/a>  \nnext\n"),
        ('<a href="https://x/a"><br>\n</a>next', "[](https://x/a)  \nnext\n"),
        # punctuation closing an emphasis right before a letter goes after it ("*l.*I" is no emphasis)
        ("<p>of dimension <i>l.</i>Ideally</p>", "of dimension *l*.Ideally\n"),
        # spaces around a URL go, as a browser drops them (Hugo wrote them as %20)
        ('<a href=" https://x/a b ">t</a> <img src="https://x/i.png ">', "[t](<https://x/a b>) ![](https://x/i.png)\n"),
    ],
)
def test_conversion_keeps_what_the_reader_sees(html: str, expected: str) -> None:
    assert to_markdown(html) == expected


def test_goldmark_shows_bare_urls_and_leading_colons_as_written() -> None:
    from blogport.formats.markdown.engines import GOLDMARK, adapt

    # only what goldmark could read as syntax keeps its escape: with linkify on, the longest link
    assert adapt(to_markdown("<p>http://x.org/a_b*c*d-e</p>"), GOLDMARK) == "http://x.org/a\\_b\\*c\\*d-e\n"
    assert adapt(to_markdown("<p>: not a definition</p>"), GOLDMARK) == "\\: not a definition\n"


# --- the corpus ----------------------------------------------------------------------------


def _corpus_exports(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "blogger-atom").iterdir() if p.suffix in (".xml", ".atom"))


def _corpus_page_archives(corpus: Path, tmp_path: Path) -> list[Archive]:
    pages = tmp_path / "pages"
    pages.mkdir()
    for file in (corpus / "blogger-html").glob("*.html"):
        if "dynamic-views" not in file.name:  # no post in its HTML (the reader says so)
            (pages / file.name).write_bytes(file.read_bytes())
    return list(blogport.read_all(pages))


@pytest.mark.parametrize("flavor", FLAVORS)
def test_corpus_exports_render_as_written(corpus: Path, tmp_path: Path, flavor: str) -> None:
    problems = []
    for path in _corpus_exports(corpus):
        problems += build_and_compare(blogport.read(path), tmp_path / path.stem / flavor, flavor)
    problems = _unexplained(problems)
    assert not problems, _report(problems)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_corpus_pages_render_as_written(corpus: Path, tmp_path: Path, flavor: str) -> None:
    problems = []
    for number, archive in enumerate(_corpus_page_archives(corpus, tmp_path)):
        problems += build_and_compare(archive, tmp_path / f"blog-{number}" / flavor, flavor, comments="data")
    problems = _unexplained(problems)
    assert not problems, _report(problems)
