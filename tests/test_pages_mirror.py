"""Phantom posts from mirrors (issue 9, point 7): an HTTrack or wget mirror of a blog with one post reads
as one post, however many of its files show it. Our own fixture: the files HTTrack writes for one post."""

from __future__ import annotations

from pathlib import Path

import pytest

import blogport
import pagebuild as pb

HOST_FOLDER = "carnet-de-test.blogspot.com"


def httrack(page: str, url: str) -> str:
    """A page as HTTrack saves it: its comment naming the address it came from, links made relative."""
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
    # (links to its hashed names for query variants, "post40aa.html", are left absolute here: mapping
    # those links back needs the linked file's own comment, which is not done)
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
        "index40aa.html": httrack(mobile_home(post), pb.HOST + "/?m=1"),
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
    (folder / name).write_text(mobile.replace("itemprop='postId'", "itemprop='x'"), "utf-8")
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
