"""Every saved page in ../shared/corpus/blogger-html reads with its PROVENANCE.md counts (skipped without it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import blogport
from blogport import InputError
from paths import CORPUS

HTML = CORPUS / "blogger-html"


def rows() -> list[dict[str, str]]:
    if not HTML.is_dir():
        return []
    text = (HTML / "PROVENANCE.md").read_text("utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| # |"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    out = []
    for line in text.splitlines():
        if re.match(r"\|\s*\d\d\s*\|", line):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            out.append(dict(zip(names, cells, strict=True)))
    return out


ROWS = rows()


def expected(row: dict[str, str]) -> tuple[int, int, int]:
    """(posts, comments, replies) as PROVENANCE.md states them."""
    count = row["count"]
    comments = int(re.match(r"\d+", count).group(0))  # type: ignore[union-attr]
    replies_match = re.search(r"(\d+) repl(?:y|ies)", count)
    replies = int(replies_match.group(1)) if replies_match else 0
    family = row["template family"]
    posts_match = re.search(r"with (\d+) posts|home page\*\*: (\d+) posts", family)
    posts = int(next(g for g in posts_match.groups() if g)) if posts_match else 1
    return posts, comments, replies


@pytest.mark.parametrize("row", ROWS, ids=[r["#"] for r in ROWS])
def test_page_counts(row: dict[str, str], corpus: Path) -> None:
    path = HTML / row["file (shared/corpus/blogger-html/…)"].strip("`")
    if "Dynamic Views" in row["template family"]:
        with pytest.raises(InputError, match="Dynamic Views"):
            blogport.read(path)
        return
    figures = blogport.summarize(blogport.read(path))
    assert (figures["posts"], figures["comments"], figures["replies"]) == expected(row)
    assert figures["orphan_comments"] == 0


def test_french_threaded_page_keeps_times_and_no_ui_words(corpus: Path) -> None:
    archive = blogport.read(HTML / "11-awesome-inc_fr-CA_2011_post_threaded-16_wget.html")
    [post] = archive.posts
    assert post.url == "http://www.lafuiteautourdumonde.com/2011/12/joyeux-noel-et-bonne-annee.html"
    comments = list(post.all_comments())
    assert len(comments) == 16 and all(c.published is not None for c in comments)
    for comment in comments:
        assert "Répondre" not in comment.content and "Effacer" not in comment.content
        assert comment.url and "showComment=" in comment.url and comment.url.endswith(f"#c{comment.id}")


def test_replies_nest_under_their_parent(corpus: Path) -> None:
    archive = blogport.read(HTML / "05-hanna-3rdparty_de_2015_post_threaded-13-with-replies.html")
    [post] = archive.posts
    assert len(post.comments) == 4
    assert sum(len(c.replies) for c in post.comments) == 9
    first = next(c for c in post.comments if c.id == "7818214978921193094")
    assert first.published is not None and first.published.isoformat().startswith("2015-06-06T08:23:05")


def test_google_template_body_inside_script(corpus: Path) -> None:
    archive = blogport.read(HTML / "08-google-official-blog-v2_en_2020_post_0-comments.html")
    assert len(archive.posts[0].content) > 1000 and "<" in archive.posts[0].content


def test_the_whole_corpus_folder_reads_as_blogs(corpus: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for file in HTML.glob("*.html"):
        if "dynamic-views" not in file.name:
            (pages / file.name).write_bytes(file.read_bytes())
    archives = blogport.read_all(pages)
    by_id = {a.blog.id: a for a in archives}
    lafuite = by_id["2960778330733091697"]  # item page + month archive of one blog: merged
    assert len(lafuite.posts) == 3
    item = next(p for p in lafuite.posts if p.id == "1483524393455590231")
    assert len(list(item.all_comments())) == 16


def test_every_corpus_post_gets_a_date(corpus: Path) -> None:
    for path in sorted(HTML.glob("*.html")):
        if "dynamic-views" in path.name:
            continue
        for post in blogport.read(path).posts:
            assert post.published is not None, (path.name, post.id)
