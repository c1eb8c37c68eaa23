"""Blogger's GData JSON feeds (alt=json, alt=json-in-script): the same records as the Atom feeds, merged with pages."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogport
import pagebuild as pb
import warcbuild as wb
from blogport.cli import main
from blogport.formats import blogger_jsonfeed
from blogport.formats._html_parts import ParsedPage, parse_atom_feed
from blogport.options import ReadOptions
from blogport.sources import Document


def doc(name: str, raw: bytes) -> Document:
    return Document(name=name, opener=lambda: None, size=len(raw), head=raw[:65536])  # type: ignore[arg-type,return-value]


def same_records(atom: ParsedPage, from_json: ParsedPage) -> None:
    """The JSON feed's records are the Atom feed's. (feedparser gives a comment feed's tag id as the Atom
    feed's "link", which is no URL: the JSON reader leaves the blog's URL unknown instead.)"""
    assert from_json.posts == atom.posts
    assert from_json.comments == atom.comments
    assert from_json.warnings == atom.warnings
    assert from_json.blog["id"] == atom.blog["id"] and from_json.blog["title"] == atom.blog["title"]
    url = atom.blog["url"]
    assert from_json.blog["url"] == (url if url and url.startswith("http") else None)


def both(atom: str, feed: dict) -> tuple[ParsedPage, ParsedPage]:
    raw_atom = atom.encode()
    raw_json = json.dumps(feed).encode()
    options = ReadOptions()
    return parse_atom_feed(doc("f.xml", raw_atom), raw_atom, options), blogger_jsonfeed.parse_feed(
        doc("f.json", raw_json), raw_json, options
    )


def test_comment_feed_gives_the_atom_records() -> None:
    post = pb.sample_post()
    comments = pb.flatten(post.comments)
    atom, from_json = both(pb.comment_feed(post, comments), wb.json_comment_feed(post, comments))
    same_records(atom, from_json)
    assert [(c.id, c.parent_id, c.deleted) for c in from_json.comments] == [
        ("5001", None, False),
        ("5002", "5001", False),
        ("5003", "5001", False),
        ("5004", None, False),
        ("5005", None, True),
        ("5006", "5005", False),
    ]


def test_posts_feed_gives_the_atom_records() -> None:
    first = pb.sample_post()
    second = pb.P("4002", "Deuxième", "deuxieme", first.when + timedelta(days=3), "<p>Suite &amp; fin</p>", ["x"])
    atom, from_json = both(wb.atom_posts_feed([first, second]), wb.json_posts_feed([first, second]))
    same_records(atom, from_json)
    assert [p.id for p in from_json.posts] == ["4001", "4002"]
    # a posts feed's title is the blog's (issue 9, point 4), by either path
    assert from_json.blog == {"id": pb.BLOG_ID, "title": "Carnet de test", "url": f"{pb.HOST}/"}


def test_jsonp_wrapper_is_stripped() -> None:
    post = pb.sample_post()
    feed = wb.json_comment_feed(post, pb.flatten(post.comments))
    raw = wb.as_jsonp(feed)
    assert blogger_jsonfeed.detect(raw) and blogger_jsonfeed.detect(json.dumps(feed).encode())
    plain = blogger_jsonfeed.parse_feed(doc("a", json.dumps(feed).encode()), json.dumps(feed).encode(), ReadOptions())
    assert blogger_jsonfeed.parse_feed(doc("b", raw), raw, ReadOptions()) == plain
    assert not blogger_jsonfeed.detect(b'{"format": "blogport-archive", "version": 1}')


def test_dynamic_views_blog_reads_from_its_json_feeds(tmp_path: Path) -> None:
    post = pb.sample_post()
    (tmp_path / "post.html").write_text(pb.dynamic_views_page(post), "utf-8")
    (tmp_path / "posts.json").write_text(json.dumps(wb.json_posts_feed([post])), "utf-8")
    (tmp_path / "comments.js").write_bytes(wb.as_jsonp(wb.json_comment_feed(post, pb.flatten(post.comments))))
    archive = blogport.read(tmp_path)
    [read] = archive.posts
    assert read.id == "4001" and read.title == post.title and read.published == post.when
    assert [(c.id, c.parent_id) for c in read.all_comments()] == [
        ("5001", None),
        ("5002", "5001"),
        ("5003", "5001"),
        ("5004", None),
        ("5005", None),
        ("5006", "5005"),
    ]


def test_dynamic_views_message_names_the_json_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "post.html"
    page.write_text(pb.dynamic_views_page(pb.sample_post()), "utf-8")
    assert main(["info", str(page)]) == 3
    assert "alt=json" in capsys.readouterr().err


def test_a_comment_feed_page_that_holds_only_part_says_so(tmp_path: Path) -> None:
    post = pb.sample_post()
    feed = wb.json_comment_feed(post, pb.flatten(post.comments)[:4], total=60)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(feed), "utf-8")
    archive = blogport.read(path)
    assert any("comments 1-4 of 60" in w and "start-index=5" in w for w in archive.warnings)


def test_broken_json_feed_is_one_line_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = pb.sample_post()
    text = json.dumps(wb.json_comment_feed(post, pb.flatten(post.comments)))
    path = tmp_path / "c.json"
    path.write_text(text[: len(text) // 2], "utf-8")
    assert main(["info", str(path)]) == 3
    err = capsys.readouterr().err
    assert "not a readable JSON feed" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def feedparser_would_repair(text: str) -> bool:
    """feedparser re-decodes Atom text that is UTF-8 read as Latin-1 ("Â¡" becomes "¡"): the Atom path
    changes such text and the JSON path keeps it as written, so the comparison leaves it out."""
    try:
        return text.encode("latin-1").decode("utf-8") != text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def test_json_keeps_text_that_feedparser_would_change() -> None:
    post = pb.sample_post()
    comment = pb.C("6000", "Ana", post.when, "Â¡")
    feed = json.dumps(wb.json_comment_feed(post, [(comment, None)])).encode()
    assert blogger_jsonfeed.parse_feed(doc("f", feed), feed, ReadOptions()).comments[0].content == "Â¡"


@st.composite
def threads(draw: st.DrawFn) -> list[tuple[pb.C, str | None]]:
    count = draw(st.integers(1, 15))
    base = pb.sample_post().when
    out: list[tuple[pb.C, str | None]] = []
    for index in range(count):
        parent = draw(st.none() | st.sampled_from([c.id for c, _ in out])) if out else None
        text = draw(
            st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30).filter(
                lambda t: not feedparser_would_repair(t)
            )
        )
        comment = pb.C(
            str(6000 + index),
            draw(st.sampled_from(["Ana", "Bo", "Zoé"])),
            base + timedelta(minutes=index),
            text or "x",
            deleted=draw(st.booleans()),
        )
        out.append((comment, parent))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(threads())
def test_random_threads_read_the_same_from_json_and_atom(comments: list[tuple[pb.C, str | None]]) -> None:
    post = pb.sample_post()
    atom, from_json = both(pb.comment_feed(post, comments), wb.json_comment_feed(post, comments))
    same_records(atom, from_json)
