"""Phantom posts from mirrors (issue 9, point 7): an HTTrack or wget mirror of a blog with one post reads
as one post, however many of its files show it. Our own fixture: the files HTTrack writes for one post."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogport
import pagebuild as pb
from blogport.formats.blogger.html.merge import merge_blog
from blogport.formats.blogger.html.records import PageRecords, PostRecord
from blogport.options import ReadOptions
from blogport.sources import Document

HOST_FOLDER = "carnet-de-test.blogspot.com"


def httrack(page: str, url: str, here: str = "") -> str:
    """A page as HTTrack saves it: its comment naming the address it came from, links made relative
    (``here``: the way from the page's folder to the post's), ``?m=1`` links to HTTrack's hashed name."""
    mirrored = url.split("://", 1)[1]
    page = page.replace(
        "<html>",
        f"<html><!-- Mirrored from {mirrored} by HTTrack Website Copier/3.x [XR&CO'2014], "
        "Sat, 01 Feb 2020 10:00:00 GMT --><!-- Added by HTTrack --><meta http-equiv='content-type' "
        "content='text/html;charset=UTF-8'/><!-- /Added by HTTrack -->",
        1,
    )
    # HTTrack rewrites the links it followed to file names relative to the page; the JavaScript
    # data context is dropped here to leave nothing absolute but the comment above.
    page = page.replace(f"{pb.HOST}/2013/02/animer-une-communaute.html?m=1", f"{here}animer-une-communaute40aa.html")
    page = page.replace(f"{pb.HOST}/2013/02/", "../../2013/02/").replace(f"{pb.HOST}/", "../../index.html")
    start = page.find("<script type='text/javascript'>_WidgetManager")
    return page[:start] + "</body></html>" if start >= 0 else page


def mobile_home(post: pb.P) -> str:
    """The mobile home page (?m=1): the mobile-index-post snippets, the link wrapping the title."""
    return (
        pb.head("Carnet de test", pb.HOST + "/?m=1") + "<body class='mobile'><div class='widget Blog' id='Blog1'>"
        "<div class='blog-posts hfeed'><div class='mobile-date-outer date-outer'><div class='date-header'>"
        f"<span>{post.when:%d/%m/%Y}</span></div><div class='mobile-post-outer'><a href='{post.url}?m=1'>"
        f"<h3 class='mobile-index-title entry-title' itemprop='name'>{pb.escape(post.title)}</h3>"
        "<div class='mobile-index-arrow'>&rsaquo;</div><div class='mobile-index-contents'>"
        "<div class='post-body'>Écouter avant…</div></div></a></div></div></div></div></body></html>"
    )


def error_page() -> str:
    """Blogger's 'page not found' page as HTTrack saved it for a link that failed: no post in it."""
    return (
        pb.head("Carnet de test", None) + "<body><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        "<div class='status-msg-wrap'><div class='status-msg-body'>Sorry, the page you were looking for in "
        "this blog does not exist.</div></div><div class='post-outer'><div class='post hentry'>"
        "<div class='post-body entry-content'></div></div></div></div></div>"
        + pb.data_context("error", None, "fr")
        + "</body></html>"
    )


def untitled_listing(post: pb.P) -> str:
    """A listing page whose snippet has no title, no id, only a 'Read more' link."""
    return (
        pb.head("Carnet de test", None) + "<body><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        "<div class='date-outer'><div class='date-posts'><div class='post-outer'><div class='post hentry'>"
        "<div class='post-body entry-content'>Écouter avant…</div>"
        f"<div class='jump-link'><a href='{post.url}#more'>Lire la suite »</a></div></div></div></div></div>"
        "</div></div></body></html>"
    )


def write_mirror(root: Path, post: pb.P) -> Path:
    site = root / HOST_FOLDER
    files = {
        "2013/02/animer-une-communaute.html": httrack(pb.layouts_item(post, "fr"), post.url),
        "2013/02/animer-une-communaute40aa.html": httrack(pb.mobile_item(post, "fr"), post.url + "?m=1"),
        "2013/02/animer-une-communaute1c2f.html": httrack(
            pb.layouts_item(post, "fr"), f"{post.url}?showComment={pb.millis(post.comments[0].when)}"
        ),
        "index.html": httrack(pb.listing_page([post], "fr", page_type="index"), pb.HOST + "/"),
        "index40aa.html": httrack(mobile_home(post), pb.HOST + "/?m=1", here="2013/02/"),
        "2013/02/index.html": httrack(pb.listing_page([post], "fr"), pb.HOST + "/2013/02/"),
        "search/label/strategie.html": httrack(pb.listing_page([post], "fr"), pb.HOST + "/search/label/stratégie"),
        "2013/03/not-there.html": httrack(error_page(), pb.HOST + "/2013/03/not-there.html"),
        "2013/02/untitled.html": untitled_listing(post),
    }
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def test_httrack_mirror_of_one_post_reads_as_one_post(tmp_path: Path) -> None:
    post = pb.sample_post()
    archive = blogport.read(write_mirror(tmp_path, post))
    assert [(p.id, p.url, p.title) for p in archive.posts] == [(post.id, post.url, post.title)]
    [read] = archive.posts
    assert "Écouter avant de publier." in read.content  # the item page's body, not a snippet
    assert [c.id for c in read.all_comments()] == ["5001", "5002", "5003", "5004", "5005", "5006"]
    assert not any("listing page" in w for w in archive.warnings)


@pytest.mark.parametrize(
    "name",
    [
        "animer-une-communaute.html?m=1",  # wget
        "animer-une-communaute.html%3Fm=1.html",  # wget --adjust-extension, escaped
        "animer-une-communaute.html@m=1",  # wget --restrict-file-names=windows
    ],
)
def test_wget_names_of_query_variants_map_back_to_the_post(tmp_path: Path, name: str) -> None:
    post = pb.sample_post()
    folder = tmp_path / HOST_FOLDER / "2013" / "02"
    folder.mkdir(parents=True)
    mobile = pb.mobile_item(post, "fr").replace(post.url, "animer-une-communaute.html")
    start = mobile.index("<script type='text/javascript'>_WidgetManager")
    mobile = mobile[:start] + "</body></html>"
    # no post id anywhere in the mobile copy: only its file name says which post it is
    mobile = mobile.replace("itemprop='postId'", "itemprop='x'").replace(f"id='post-body-{post.id}'", "")
    (folder / name).write_text(mobile, "utf-8")
    (folder / "animer-une-communaute.html").write_text(pb.layouts_item(post, "fr"), "utf-8")
    archive = blogport.read(tmp_path)
    assert [p.url for p in archive.posts] == [post.url]


def test_a_post_seen_first_by_address_then_by_id_is_one_post(tmp_path: Path) -> None:
    post = pb.sample_post()
    (tmp_path / "a-untitled.html").write_text(untitled_listing(post), "utf-8")
    (tmp_path / "b-item.html").write_text(pb.layouts_item(post, "fr"), "utf-8")
    archive = blogport.read(tmp_path)
    assert [(p.id, p.url) for p in archive.posts] == [(post.id, post.url)]


def test_error_page_is_not_a_post(tmp_path: Path) -> None:
    path = tmp_path / "404.html"
    path.write_text(error_page(), "utf-8")
    assert blogport.read(path).posts == ()


def test_mobile_home_snippets_are_found(tmp_path: Path) -> None:
    post = pb.sample_post()
    path = tmp_path / "home.html"
    path.write_text(mobile_home(post), "utf-8")
    [snippet] = blogport.read(path).posts
    assert (snippet.url, snippet.title) == (post.url, post.title)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_sightings_by_id_or_address_in_any_order_are_one_post_each(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 6))
    sightings = [(n, "both") for n in range(count)]  # each post shown once with both its id and its address
    sightings += data.draw(st.lists(st.tuples(st.integers(0, count - 1), st.sampled_from(["id", "url", "both"]))))
    order = data.draw(st.permutations(sightings))
    records = [
        PostRecord(
            id=str(4000 + n) if shown != "url" else None,
            url=f"{pb.HOST}/2013/02/p{n}.html" if shown != "id" else None,
            title=f"T{n}",
            from_item_page=shown == "both",
        )
        for n, shown in order
    ]
    page = PageRecords(blog={"id": pb.BLOG_ID}, posts=records)
    document = Document(name="m/a.html", opener=lambda: None, size=0, head=b"", container="m")  # type: ignore[arg-type,return-value]
    archive = merge_blog([(document, page)], ReadOptions())
    assert sorted(p.id for p in archive.posts) == [str(4000 + n) for n in range(count)]
    assert all(p.url == f"{pb.HOST}/2013/02/p{int(p.id) - 4000}.html" for p in archive.posts)


def test_one_address_never_joins_two_blogger_ids() -> None:
    records = [PostRecord(id=post_id, url=f"{pb.HOST}/2013/02/same.html", title=post_id) for post_id in ("1", "2")]
    document = Document(name="m/a.html", opener=lambda: None, size=0, head=b"", container="m")  # type: ignore[arg-type,return-value]
    archive = merge_blog([(document, PageRecords(blog={"id": pb.BLOG_ID}, posts=records))], ReadOptions())
    assert [p.id for p in archive.posts] == ["1", "2"]
