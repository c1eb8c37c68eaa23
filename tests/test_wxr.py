"""WXR: what WordPress's importer needs (structure), round trips, splitting, and the real WXR corpus."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import blogport
from blogport import Archive, Author, Blog, Comment, Location, Post, ReadOptions, WriteOptions
from blogport.formats import wxr
from blogport.threads import build_forest
from paths import CLASSIC_SAMPLE, CORPUS, TAKEOUT_SAMPLE
from strategies import ids, moments

WP = "{http://wordpress.org/export/1.2/}"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}


def to_wxr(archive: Archive, options: WriteOptions | None = None) -> tuple[str, list[str]]:
    import io

    buffer = io.StringIO()
    notes = wxr.write(archive, buffer, options)
    return buffer.getvalue(), notes


def read_back(text: str, tmp_path: Path, keep_emails: bool = True) -> Archive:
    path = tmp_path / "round.wxr.xml"
    path.write_text(text, encoding="utf-8")
    return blogport.read(path, options=ReadOptions(keep_emails=keep_emails))


def check_structure(text: str) -> etree._Element:
    """Everything the importer relies on, checked with lxml's strict parser."""
    assert "<!DOCTYPE" not in text
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    assert root.tag == "rss" and root.nsmap == NAMESPACES
    channel = root.find("channel")
    assert channel is not None and channel.findtext(WP + "wxr_version") == "1.2"
    logins = {a.findtext(WP + "author_login") for a in channel.findall(WP + "author")}
    blocks = re.findall(r"<wp:author>.*?</wp:author>", text, re.S)
    assert len(blocks) == len(logins) and all("\n" not in b for b in blocks)  # one line each (regex parser)
    post_ids = []
    for item in channel.findall("item"):
        post_ids.append(int(item.findtext(WP + "post_id")))
        assert item.findtext(WP + "post_type") in ("post", "page")
        assert item.findtext(WP + "status") in ("publish", "draft", "future", "trash")
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") in logins
        for category in item.findall("category"):
            assert category.get("domain") in ("post_tag", "category") and category.get("nicename")
        comment_ids: set[int] = set()
        for comment in item.findall(WP + "comment"):
            cid = int(comment.findtext(WP + "comment_id"))
            parent = int(comment.findtext(WP + "comment_parent"))
            assert cid > 0 and cid not in comment_ids
            assert parent == 0 or parent in comment_ids  # parent on the same post, with a lower id
            assert parent < cid
            comment_ids.add(cid)
            assert comment.findtext(WP + "comment_approved") in ("0", "1")
            assert comment.findtext(WP + "comment_type") == "comment"
            for field in ("comment_date", "comment_date_gmt", "comment_author_url"):
                assert comment.find(WP + field) is not None
    assert len(post_ids) == len(set(post_ids)) and all(i > 0 for i in post_ids)
    # no whitespace between a tag and its CDATA (it would end up in the imported value)
    assert not re.search(r">\s+<!\[CDATA\[", text) and not re.search(r"\]\]>\s+</", text)
    return root


@pytest.mark.parametrize("sample", [CLASSIC_SAMPLE, TAKEOUT_SAMPLE])
def test_samples_give_importable_wxr_that_reads_back_the_same(sample: Path, tmp_path: Path) -> None:
    archive = blogport.read(sample)
    text, notes = to_wxr(archive)
    check_structure(text)
    assert notes == []
    back = read_back(text, tmp_path)
    assert back.posts == archive.posts


def test_comment_ids_follow_the_thread_not_the_input_order(tmp_path: Path) -> None:
    text, _ = to_wxr(blogport.read(CLASSIC_SAMPLE))
    root = check_structure(text)
    item = next(i for i in root.iter("item") if len(i.findall(WP + "comment")) == 8)
    pairs = [
        (int(c.findtext(WP + "comment_id")), int(c.findtext(WP + "comment_parent")))
        for c in item.findall(WP + "comment")
    ]
    # ids continue across posts (3 were used by the posts before); pre-order: parents first
    assert pairs == [(3, 0), (4, 3), (5, 4), (6, 0), (7, 0), (8, 7), (9, 8), (10, 0)]
    metas = {m.findtext(WP + "meta_key"): m.findtext(WP + "meta_value") for m in item.iter(WP + "postmeta")}
    assert metas["blogger_permalink"] == "/2013/02/animer-une-communaute-en-ligne.html"
    assert metas["blogger_id"] == "4410000000000000001"
    assert metas["blogger_blog"] == "carnet-numerique.blogspot.com"
    assert metas["blogger_author"] == "Élodie Marchand"


def test_tombstone_is_an_approved_comment_marked_deleted(tmp_path: Path) -> None:
    text, _ = to_wxr(blogport.read(CLASSIC_SAMPLE))
    root = check_structure(text)
    tomb = next(c for c in root.iter(WP + "comment") if "supprimé" in (c.findtext(WP + "comment_content") or ""))
    metas = {m.findtext(WP + "meta_key"): m.findtext(WP + "meta_value") for m in tomb.iter(WP + "commentmeta")}
    assert tomb.findtext(WP + "comment_approved") == "1" and metas["blogger_deleted"] == "1"


def test_dates_local_and_gmt() -> None:
    paris = timezone(timedelta(hours=1))
    post = Post(id="1", title="t", published=datetime(2013, 2, 15, 9, 30, 5, 372000, tzinfo=paris))
    text, _ = to_wxr(Archive(blog=Blog(title="b"), posts=(post,)))
    root = check_structure(text)
    assert root.findtext(f"channel/item/{WP}post_date") == "2013-02-15 09:30:05"
    assert root.findtext(f"channel/item/{WP}post_date_gmt") == "2013-02-15 08:30:05"


def test_cdata_edge_cases_survive(tmp_path: Path) -> None:
    content = "a ]]> b ]]]]> c <![CDATA[ d & < > é 🎉 \u202eRTL\u202c"
    post = Post(id="1", title="]]>", content=content + "\x00\x01\x0b bad")
    text, notes = to_wxr(Archive(blog=Blog(title="b"), posts=(post,)))
    check_structure(text)
    back = read_back(text, tmp_path)
    assert back.posts[0].title == "]]>"
    assert back.posts[0].content == content + " bad"
    assert any("control character" in n for n in notes)


def test_same_title_and_date_are_made_distinct(tmp_path: Path) -> None:
    when = datetime(2020, 5, 1, 10, 0, tzinfo=UTC)
    posts = (
        Post(id="1", title="Hello", published=when),
        Post(id="2", title="HELLO ", published=when),  # MySQL compares case-insensitively
        Post(id="3", title="", published=when),  # untitled: matches any post at that date
        Post(id="4", title="Other", published=when),
        Post(id="5", title="Hello", kind="page", published=when),  # another type: no clash
    )
    text, notes = to_wxr(Archive(blog=Blog(title="b"), posts=posts))
    root = check_structure(text)
    keys = [
        (i.findtext(WP + "post_type"), i.findtext("title").strip().casefold(), i.findtext(WP + "post_date"))
        for i in root.iter("item")
    ]
    assert [k[2][-2:] for k in keys] == ["00", "01", "02", "00", "00"]
    assert sum("would merge" in n for n in notes) >= 2
    back = read_back(text, tmp_path)
    assert [p.published for p in back.posts] == [when] * 5  # exact dates restored from postmeta


def test_orphans_are_reported_not_dropped_silently() -> None:
    archive = Archive(blog=Blog(title="b"), posts=(Post(id="1"),), orphan_comments=(Comment(id="9", post_id="404"),))
    _, notes = to_wxr(archive)
    assert any("orphan" in n and "9" in n for n in notes)


def test_labels_as_categories_and_unique_nicenames() -> None:
    post = Post(id="1", labels=("C++", "C", "東京", "Été 2013", "ete 2013"))
    text, _ = to_wxr(Archive(blog=Blog(title="b"), posts=(post,)), WriteOptions(labels_as="categories"))
    root = check_structure(text)
    cats = [(c.get("domain"), c.get("nicename"), c.text) for c in root.iter("category")]
    assert [c[0] for c in cats] == ["category"] * 5
    assert len({c[1] for c in cats}) == 5
    assert ("category", "%e6%9d%b1%e4%ba%ac", "東京") in cats


def test_split_size_writes_several_valid_files(tmp_path: Path) -> None:
    archive = blogport.read(CLASSIC_SAMPLE)
    written = blogport.write(archive, tmp_path / "blog.xml", "wxr", WriteOptions(split_size=9000))
    assert len(written.paths) > 1
    assert [p.name for p in written.paths][:2] == ["blog-001.xml", "blog-002.xml"]
    seen: list[str] = []
    for path in written.paths:
        root = check_structure(path.read_text("utf-8"))
        for item in root.iter("item"):
            seen.append(item.findtext("title"))
    assert sorted(seen) == sorted(p.title for p in archive.posts)
    merged = blogport.read_all(written.paths)
    assert sum(len(a.posts) for a in merged) == len(archive.posts)
    assert sum(1 for a in merged for _ in a.all_comments()) == 10


def test_cli_to_wxr_and_back(tmp_path: Path) -> None:
    from blogport.cli import main

    out = tmp_path / "blog.xml"
    assert main(["convert", str(TAKEOUT_SAMPLE), "--to", "wxr", "-o", str(out), "-q"]) == 0
    check_structure(out.read_text("utf-8"))
    again = tmp_path / "again.json"
    assert main(["convert", str(out), "--to", "json", "-o", str(again), "-q"]) == 0
    assert blogport.read(again).posts == blogport.read(TAKEOUT_SAMPLE).posts


# --- property: any model -> WXR is importable and reads back the same ------------------------

clean = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
body = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\x00\x01\x02\x03\x04"
        "\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
        "\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
    ),
    max_size=40,
) | st.just("x ]]> y")
maybe = st.none() | clean


@st.composite
def wxr_archives(draw: st.DrawFn) -> Archive:
    people = draw(
        st.lists(
            st.builds(Author, name=clean, uri=maybe, email=maybe, avatar=maybe),
            min_size=1,
            max_size=3,
            unique_by=lambda a: (a.name, a.uri),
        )
    )
    owners = [Author(a.name, a.uri, a.email, a.avatar, True) for a in people]
    post_ids = draw(st.lists(ids, unique=True, max_size=4))
    comment_ids = iter(draw(st.lists(ids, unique=True, min_size=30, max_size=30)))
    posts = []
    for pid in post_ids:
        flat = []
        mine: list[str] = []
        for _ in range(draw(st.integers(0, 6))):
            cid = next(comment_ids)
            parent = draw(st.none() | st.sampled_from(mine) | ids) if mine else draw(st.none() | ids)
            who = draw(
                st.none()
                | st.sampled_from(owners)
                | st.builds(Author, name=maybe, uri=maybe, email=maybe, avatar=maybe)
            )
            flat.append(
                Comment(
                    id=cid,
                    post_id=pid,
                    parent_id=parent,
                    author=who,
                    published=draw(st.none() | moments),
                    updated=draw(st.none() | moments),
                    content=draw(body),
                    status=draw(st.sampled_from(["published", "deleted"])),
                    url=draw(maybe),
                )
            )
            mine.append(cid)
        forest, _ = build_forest(flat)
        location = draw(
            st.none()
            | st.builds(Location, name=clean, latitude=st.floats(-90, 90), longitude=st.floats(-180, 180), span=maybe)
        )
        posts.append(
            Post(
                id=pid,
                kind=draw(st.sampled_from(["post", "page"])),
                status=draw(st.sampled_from(["published", "draft", "scheduled", "trashed"])),
                title=draw(body),
                url=draw(maybe),
                published=draw(st.none() | moments),
                updated=draw(st.none() | moments),
                author=draw(st.none() | st.sampled_from(owners)),
                labels=tuple(draw(st.lists(clean, max_size=3))),
                content=draw(body),
                description=draw(maybe),
                thumbnail=draw(maybe),
                location=location,
                comments=forest,
            )
        )
    return Archive(blog=Blog(title=draw(clean), url=draw(maybe)), posts=tuple(posts))


@settings(max_examples=120, deadline=None)
@given(wxr_archives())
def test_any_model_round_trips_through_wxr(archive: Archive) -> None:
    import tempfile

    text, _ = to_wxr(archive)
    check_structure(text)
    with tempfile.TemporaryDirectory() as folder:
        back = read_back(text, Path(folder))
    assert back.posts == archive.posts


# --- the real WXR corpus and the Blogger corpus through WXR -------------------------------------

WXR_CORPUS = CORPUS / "wxr"


@pytest.mark.parametrize(
    ("name", "posts", "pages", "comments", "replies", "depth"),
    [
        ("wordpress-3.1-small-export.xml", 6, 5, 1, 0, 0),
        ("wordpress-6.5.4-wxr-simple.xml", 1, 0, 0, 0, 0),
        ("wordpresscom-theme-unit-test-data.xml", 58, 21, 33, 10, 9),
    ],
)
def test_real_wxr_files_read_with_their_counts(
    corpus: Path, name: str, posts: int, pages: int, comments: int, replies: int, depth: int
) -> None:
    figures = blogport.summarize(blogport.read(WXR_CORPUS / name))
    assert (
        figures["posts"],
        figures["pages"],
        figures["comments"],
        figures["replies"],
        figures["max_thread_depth"],
    ) == (posts, pages, comments, replies, depth)


def test_theme_unit_test_chain_is_one_thread(corpus: Path) -> None:
    archive = blogport.read(WXR_CORPUS / "wordpresscom-theme-unit-test-data.xml")
    [post] = [p for p in archive.posts if any(c.id == "904" for c in p.comments)]
    chain = [c.id for c in next(c for c in post.comments if c.id == "904").walk()]
    assert chain == ["904", "905", "906", "907", "910", "911", "912", "913", "914", "915"]


def test_blogger_corpus_round_trips_through_wxr(corpus: Path, tmp_path: Path) -> None:
    for path in sorted((CORPUS / "blogger-atom").iterdir()):
        if path.suffix not in (".xml", ".atom"):
            continue
        archive = blogport.read(path)
        # Lossless with --keep-links; by default links between posts change (test_links_outputs.py).
        text, notes = to_wxr(archive, WriteOptions(keep_links=True))
        check_structure(text)
        # The only note: bodies WordPress's fallback regex parser would alter (issue 9 point 16).
        assert [n for n in notes if "WXR_Parser_Regex" not in n] == []
        back = read_back(text, tmp_path)
        assert back.posts == archive.posts, path.name
