"""The scraped-HTML reader on our own fixtures: every template family, languages, mirrors, Wayback, feeds."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogport
import pagebuild as pb
from blogport import Archive, InputError
from blogport.cli import main

# (comment id, parent id) of pagebuild.sample_post(), in thread order
SAMPLE_THREAD = [("5001", None), ("5002", "5001"), ("5003", "5001"), ("5004", None), ("5005", None), ("5006", "5005")]


def save(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def shape(archive: Archive) -> list[tuple]:
    """What a page says about its posts and threads, independent of page language and capture."""
    out = []
    for post in archive.posts:
        thread = [
            (
                c.id,
                c.parent_id,
                c.status,
                c.published,
                c.content,
                c.author.name if c.author else None,
                c.author.is_blog_author if c.author else None,
            )
            for c in post.all_comments()
        ]
        out.append((post.id, post.title, post.url, post.published, post.labels, post.content, thread))
    return out


def test_threaded_page_in_french(tmp_path: Path) -> None:
    post = pb.sample_post()
    archive = blogport.read(save(tmp_path, "p.html", pb.layouts_item(post, "fr")))
    assert archive.blog.id == pb.BLOG_ID and archive.blog.title == "Carnet de test" and archive.blog.locale == "fr"
    [read] = archive.posts
    assert read.id == "4001" and read.title == post.title and read.url == post.url
    assert read.published == post.when and read.published.utcoffset() == timedelta(hours=1)
    assert read.labels == ("réseaux sociaux", "stratégie")
    assert read.author is not None and read.author.name == "Élodie"
    assert "Écouter avant de publier" in read.content and "clear: both" not in read.content
    threads = [(c.id, c.parent_id) for c in read.all_comments()]
    assert threads == SAMPLE_THREAD
    by_id = {c.id: c for c in read.all_comments()}
    assert by_id["5005"].status == "deleted" and by_id["5006"].parent_id == "5005"
    assert by_id["5002"].author is not None and by_id["5002"].author.is_blog_author
    assert by_id["5001"].published == post.comments[0].when  # from showComment (UTC epoch ms)
    assert by_id["5001"].url == f"{post.url}?showComment={pb.millis(post.comments[0].when)}#c5001"
    for comment in read.all_comments():
        for word in ("Répondre", "Supprimer", "Réponses", "commentaires"):
            assert word not in comment.content
    assert archive.warnings == ()


@pytest.mark.parametrize("lang", ["de", "es"])
def test_any_language_reads_the_same(tmp_path: Path, lang: str) -> None:
    post = pb.sample_post()
    french = blogport.read(save(tmp_path, "fr.html", pb.layouts_item(post, "fr")))
    other = blogport.read(save(tmp_path, f"{lang}.html", pb.layouts_item(post, lang)))
    assert shape(other) == shape(french)


@pytest.mark.parametrize("uppercase", [False, True])
def test_legacy_comments_block_with_a_deleted_comment(tmp_path: Path, uppercase: bool) -> None:
    post = pb.sample_post()
    post.comments = [
        pb.C("7001", "Anna", post.when + timedelta(hours=1), "Schön!", uri="http://anna.example/"),
        pb.C("7002", "Anonym", post.when + timedelta(hours=2), "Gut gemacht."),
        pb.C("7003", "Ben", post.when + timedelta(hours=3), "Dieser Kommentar wurde entfernt.", deleted=True),
        pb.C(
            "7004",
            "Élodie",
            post.when + timedelta(hours=4),
            "Danke!",
            owner=True,
            uri="https://www.blogger.com/profile/111",
        ),
    ]
    archive = blogport.read(save(tmp_path, "legacy.html", pb.legacy_item(post, "de", uppercase=uppercase)))
    comments = list(archive.posts[0].all_comments())
    assert [(c.id, c.author.name if c.author else None) for c in comments] == [
        ("7001", "Anna"),
        ("7002", "Anonym"),
        ("7003", "Ben"),
        ("7004", "Élodie"),
    ]
    assert comments[0].author is not None and comments[0].author.uri == "http://anna.example/"
    assert comments[2].status == "deleted" and comments[3].author is not None and comments[3].author.is_blog_author
    assert comments[1].published == post.when + timedelta(hours=2)
    assert comments[0].content == "<p>Schön!</p>"


def test_2017_theme(tmp_path: Path) -> None:
    post = pb.sample_post()
    archive = blogport.read(save(tmp_path, "contempo.html", pb.contempo_item(post, "es")))
    french = blogport.read(save(tmp_path, "fr.html", pb.layouts_item(post, "fr")))
    assert shape(archive) == shape(french)


def test_mobile_view(tmp_path: Path) -> None:
    post = pb.sample_post()
    archive = blogport.read(save(tmp_path, "m.html", pb.mobile_item(post, "fr")))
    [read] = archive.posts
    assert read.url == post.url  # ?m=1 dropped
    assert [(c.id, c.parent_id) for c in read.all_comments()] == SAMPLE_THREAD
    assert "m=1" not in (next(read.all_comments()).url or "")


def test_google_corporate_template(tmp_path: Path) -> None:
    post = pb.sample_post()
    post.comments = []
    archive = blogport.read(save(tmp_path, "google.html", pb.corporate_item(post)))
    [read] = archive.posts
    assert "Écouter avant de publier" in read.content  # the body inside <script type='text/template'>
    assert read.published is not None and read.published.date() == post.when.date()  # from the display text
    assert any("localized display text" in w for w in archive.warnings)


def test_dynamic_views_says_which_feeds_to_save(tmp_path: Path) -> None:
    path = save(tmp_path, "dv.html", pb.dynamic_views_page(pb.sample_post()))
    with pytest.raises(InputError, match=r"Dynamic Views.*/feeds/posts/default"):
        blogport.read(path)


def test_wayback_capture_reads_as_the_original(tmp_path: Path) -> None:
    post = pb.sample_post()
    original = blogport.read(save(tmp_path, "orig.html", pb.layouts_item(post, "fr")))
    captured = blogport.read(save(tmp_path, "wb.html", pb.wayback(pb.layouts_item(post, "fr"))))
    assert shape(captured) == shape(original)
    text = blogport.dumps(captured)
    assert "web.archive.org" not in text and "/web/2016" not in text
    assert captured.blog.source is not None
    assert captured.blog.source.exported == datetime(2016, 1, 24, 23, 1, 12, tzinfo=UTC)
    assert captured.posts[0].published == post.when  # never the capture time


def test_wget_mirror_folder_merges_pages(tmp_path: Path) -> None:
    post = pb.sample_post()
    other = pb.P(
        "4002",
        "Mesurer l'engagement",
        "mesurer",
        post.when + timedelta(days=1, hours=2),
        "<p>Le nombre d'abonnés ne dit rien.</p>" * 3,
    )
    same_day = pb.P("4003", "Brève du jour", "breve", post.when + timedelta(days=1, hours=5), "<p>Une brève.</p>")
    mirror = tmp_path / "carnet-de-test.blogspot.com"
    # wget --convert-links rewrites attributes, never the JS data context
    relative = pb.layouts_item(post, "fr")
    for quote in ("'", '"'):
        for attribute in ("href=", "content="):
            relative = relative.replace(f"{attribute}{quote}{pb.HOST}/2013/02/", f"{attribute}{quote}")
    assert "href='animer-une-communaute.html'" in relative
    # and saves ?showComment= links as files: "post.html%3FshowComment=<ms>.html#c<id>"
    relative = re.sub(r"\?showComment=(\d+)#", r"%3FshowComment=\1.html#", relative)
    save(mirror, "2013/02/animer-une-communaute.html", relative)
    # wget's copy of the same page opened through a ?showComment= link
    save(mirror, "2013/02/animer-une-communaute.html%3FshowComment=1360924200000.html", relative)
    save(mirror, "2013/02/index.html", pb.listing_page([same_day, other, post], "fr"))
    archive = blogport.read(mirror)
    assert sorted(p.id for p in archive.posts) == ["4001", "4002", "4003"]
    item = next(p for p in archive.posts if p.id == "4001")
    assert len(list(item.all_comments())) == 6  # merged by id, not doubled
    assert "separator" in item.content  # the item page's body, not the listing snippet
    assert item.url == post.url
    assert all(c.published is not None for c in item.all_comments())
    dated = {p.id: p.published for p in archive.posts}
    assert dated["4002"] == other.when and dated["4003"] == same_day.when


def test_comments_a_listing_counts_but_the_input_lacks_are_named(tmp_path: Path) -> None:
    post = pb.sample_post()
    # a snippet linking to another page's comments ("10 astuces") is not the post's own count
    quiet = pb.P("4002", "Sans réponse", "sans-reponse", post.when + timedelta(days=1), "<p>Rien.</p>")
    listing = pb.listing_page([quiet, post], "fr", counts=True).replace(
        "<p>Rien.</p>…", "<a href='https://ailleurs.blogspot.com/2012/05/liste.html#comments'>10 astuces</a>"
    )
    assert "10 astuces" in listing
    assert f"{pb.count(post.comments)} commentaires" in listing
    save(tmp_path / "listing", "index.html", listing)
    archive = blogport.read(tmp_path / "listing")
    missing = [w for w in archive.warnings if "listing counts" in w]
    assert missing == [
        f"post \"{post.title}\" ({post.url}): only seen on a listing page; its body may be a 'Read more' snippet; "
        f"its listing counts {pb.count(post.comments)} comments and the input holds none (save the post's own "
        "page or the comments feed to keep them)"
    ]
    # with the item page the comments are read, and nothing is said of them
    save(tmp_path / "both", "index.html", listing)
    save(tmp_path / "both", "2013/02/animer-une-communaute.html", pb.layouts_item(post, "fr"))
    both = blogport.read(tmp_path / "both")
    assert not [w for w in both.warnings if "listing counts" in w]
    assert len(list(next(p for p in both.posts if p.id == post.id).all_comments())) == pb.count(post.comments)


def test_mirror_page_without_any_absolute_url_is_placed_by_its_path(tmp_path: Path) -> None:
    post = pb.sample_post()
    page = pb.layouts_item(post, "fr").replace(f"'url': '{post.url}', 'canonicalUrl': '{post.url}', ", "")
    page = page.replace(f"<link href='{post.url}' rel='canonical'/>", "")
    for quote in ("'", '"'):
        for attribute in ("href=", "content="):
            page = page.replace(f"{attribute}{quote}{pb.HOST}/2013/02/", f"{attribute}{quote}")
    save(tmp_path / "mirror", "carnet-de-test.blogspot.com/2013/02/animer-une-communaute.html", page)
    archive = blogport.read(tmp_path / "mirror")
    assert archive.posts[0].url == post.url


def test_comment_pages_of_one_post_merge(tmp_path: Path) -> None:
    post = pb.sample_post()
    first = pb.layouts_item(post, "fr", shown=post.comments[:2], announced=6)
    second = pb.layouts_item(post, "fr", shown=post.comments[2:], announced=6)
    save(tmp_path / "in", "animer-une-communaute.html", first)
    save(tmp_path / "in", "animer-une-communaute.html?commentPage=2.html", second)
    archive = blogport.read(tmp_path / "in")
    assert [(c.id, c.parent_id) for c in archive.posts[0].all_comments()] == SAMPLE_THREAD


def test_partial_page_is_reported_and_completed_from_a_saved_feed(tmp_path: Path) -> None:
    post = pb.sample_post()
    shown = [pb.C(c.id, c.author, c.when, c.text, c.uri, [], c.deleted, c.owner) for c in post.comments[:2]]
    page = pb.layouts_item(post, "fr", shown=shown, announced=6, loadmore_hidden=False)
    folder = tmp_path / "saved"
    save(folder, "post.html", page)
    alone = blogport.read(folder / "post.html")
    assert len(list(alone.all_comments())) == 2
    assert any("of 6" in w and "load more" in w for w in alone.warnings)
    save(folder, "feeds/4001/comments/default.xml", pb.comment_feed(post, pb.flatten(post.comments)))
    archive = blogport.read(folder)
    [read] = archive.posts
    assert [(c.id, c.parent_id) for c in read.all_comments()] == SAMPLE_THREAD
    by_id = {c.id: c for c in read.all_comments()}
    assert by_id["5005"].status == "deleted"
    assert by_id["5006"].published == post.comments[2].replies[0].when
    assert by_id["5001"].content == "Très clair, merci.<br>La partie sur l'écoute m'a parlé."  # HTML body wins


def test_info_reports_what_looks_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = pb.sample_post()
    path = save(
        tmp_path, "p.html", pb.layouts_item(post, "fr", shown=post.comments[:1], announced=6, loadmore_hidden=False)
    )
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "comments: 3" in out and "of 6" in out


def test_country_hosts_and_custom_domain_are_one_blog(tmp_path: Path) -> None:
    post = pb.sample_post()
    page = pb.layouts_item(post, "fr")
    save(tmp_path / "in", "a.html", page)
    save(tmp_path / "in", "b.html", page.replace("carnet-de-test.blogspot.com", "carnet-de-test.blogspot.fr"))
    archive = blogport.read(tmp_path / "in")
    assert len(archive.posts) == 1 and len(list(archive.all_comments())) == 6


def test_convert_html_to_json_and_markdown(tmp_path: Path) -> None:
    path = save(tmp_path, "p.html", pb.layouts_item(pb.sample_post(), "fr"))
    assert main(["convert", str(path), "-o", str(tmp_path / "out.json"), "-q"]) == 0
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["blog"]["source"]["format"] == "blogger-html"
    assert main(["convert", str(path), "--to", "markdown", "-o", str(tmp_path / "site"), "-q"]) == 0
    assert (tmp_path / "site/content/posts/animer-une-communaute.md").exists()


# --- property: any comment tree rendered into the threaded widget reads back as the same tree ----

names = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -'"), min_size=1, max_size=12
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> list[pb.C]:
    count = draw(st.integers(0, 3 if depth < 3 else 0))
    out = []
    for _ in range(count):
        cid = str(draw(st.integers(10**15, 10**18)))
        when = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(
            seconds=draw(st.integers(0, 10**8)), milliseconds=draw(st.integers(0, 999))
        )
        out.append(
            pb.C(cid, draw(names), when, draw(names), replies=draw(trees(depth + 1)), deleted=draw(st.booleans()))
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trees(), st.sampled_from(["fr", "de", "es"]))
def test_random_trees_read_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, thread: list[pb.C], lang: str
) -> None:
    ids = [c.id for c, _ in pb.flatten(thread)]
    if len(set(ids)) != len(ids):
        return
    post = pb.sample_post()
    post.comments = thread
    path = tmp_path_factory.mktemp("page") / "p.html"
    path.write_text(pb.layouts_item(post, lang), encoding="utf-8")
    [read] = blogport.read(path).posts

    def key(c: pb.C) -> tuple:
        return (c.when, int(c.id))

    def expected(comments: list[pb.C], parent: str | None) -> list[tuple]:
        out = []
        for c in sorted(comments, key=key):
            out.append((c.id, parent, c.when, c.author, "deleted" if c.deleted else "published"))
            out.extend(expected(c.replies, c.id))
        return out

    got = [(c.id, c.parent_id, c.published, c.author.name if c.author else None, c.status) for c in read.all_comments()]
    assert got == expected(thread, None)


def test_comment_time_from_display_text_only_as_last_resort(tmp_path: Path) -> None:
    post = pb.sample_post()
    post.comments = [pb.C("8001", "Ana", datetime(2013, 3, 5, 10, 0, tzinfo=UTC), "Hola")]
    page = pb.layouts_item(post, "es").replace(f"?showComment={pb.millis(post.comments[0].when)}", "")
    [comment] = blogport.read(save(tmp_path, "p.html", page)).posts[0].comments
    assert comment.published is not None and comment.published.date() == post.comments[0].when.date()
