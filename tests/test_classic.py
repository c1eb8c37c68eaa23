"""The classic export reader, rule by rule, on small fixtures written here."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import blogport
import xmlbuild as x
from blogport import InputError, ReadOptions


def read(tmp_path: Path, data: bytes, **options: object) -> blogport.Archive:
    path = tmp_path / "blog-01-01-2020.xml"
    path.write_bytes(data)
    return blogport.read(path, options=ReadOptions(**options))  # type: ignore[arg-type]


def test_kind_comes_from_the_category_not_the_id(tmp_path: Path) -> None:
    # A comment with a .post- id and no thr:in-reply-to is still a comment.
    archive = read(tmp_path, x.classic(x.post("10"), x.comment("20", "10", in_reply_to=False)))
    assert [p.id for p in archive.posts] == ["10"]
    assert [c.id for c in archive.posts[0].comments] == ["20"]


def test_settings_fill_the_blog_and_the_template_is_skipped(tmp_path: Path) -> None:
    template = (
        f"<entry><id>tag:blogger.com,1999:blog-{x.BLOG}.layout</id>"
        f"<category scheme='http://schemas.google.com/g/2005#kind' term='{x.KIND}template'/>"
        "<title type='text'>Template</title><content type='text'>&lt;html/&gt;</content></entry>"
    )
    archive = read(
        tmp_path,
        x.classic(
            template,
            x.setting("BLOG_NAME", "Mon carnet"),
            x.setting("BLOG_DESCRIPTION", "Des notes"),
            x.setting("BLOG_LOCALE", "fr"),
            x.setting("BLOG_TIME_ZONE", "Europe/Paris"),
            x.setting("BLOG_ADMIN_PERMISSION", "owner@example.com"),
            x.post("1"),
        ),
    )
    blog = archive.blog
    assert (blog.id, blog.title, blog.description, blog.locale, blog.time_zone) == (
        "111",
        "Mon carnet",
        "Des notes",
        "fr",
        "Europe/Paris",
    )
    assert blog.url == "http://t.blogspot.com/"
    assert blog.source is not None and blog.source.format == "blogger-classic"
    assert len(archive.posts) == 1
    assert "owner@example.com" not in blogport.dumps(archive)


def test_post_fields(tmp_path: Path) -> None:
    extra = (
        "<media:thumbnail xmlns:media='http://search.yahoo.com/mrss/' url='http://img/s72-c/a.jpg' "
        "height='72' width='72'/><georss:featurename>Lyon</georss:featurename>"
        "<georss:point>45.75 4.85</georss:point>"
    )
    archive = read(
        tmp_path,
        x.classic(
            x.post("7", title="Été & co", labels=("Zèbre", "alpha", "Zèbre 2"), content="<b>gras</b>", extra=extra)
        ),
    )
    post = archive.posts[0]
    assert post.title == "Été & co"
    assert post.labels == ("Zèbre", "alpha", "Zèbre 2")
    assert post.content == "<b>gras</b>"
    assert post.url == "http://t.blogspot.com/2019/05/7.html"
    assert post.thumbnail == "http://img/s72-c/a.jpg"
    assert post.location is not None and post.location.name == "Lyon" and post.location.latitude == 45.75
    assert post.published is not None and post.published.isoformat() == "2019-05-01T10:00:00+02:00"
    assert post.author is not None and post.author.is_blog_author


def test_pages_and_drafts(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.classic(
            x.post("1", kind="page", url="http://t.blogspot.com/p/about.html"),
            x.post("2", draft=True, url=None),
            x.post("3", kind="page", draft=True),
        ),
    )
    assert [(p.id, p.kind, p.status) for p in archive.posts] == [
        ("1", "page", "published"),
        ("2", "post", "draft"),
        ("3", "page", "draft"),
    ]
    assert archive.posts[1].url is None


def test_a_post_dated_after_the_export_is_scheduled(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.classic(
            x.post("1", published="2021-06-01T08:00:00.000+01:00", updated="2019-12-30T08:00:00.000+01:00"),
            x.post("2", draft=True, published="2021-06-01T08:00:00.000+01:00", updated="2019-12-30T08:00:00.000+01:00"),
        ),
    )
    assert [p.status for p in archive.posts] == ["scheduled", "draft"]


def test_the_export_time_is_never_before_the_latest_edit(tmp_path: Path) -> None:
    # The feed says 2020-01-01, but entries were edited later: that feed date is wrong, not the posts.
    archive = read(tmp_path, x.classic(x.post("1", published="2021-06-01T08:00:00.000+01:00")))
    assert archive.posts[0].status == "published"


def test_comment_post_fallback_chain(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.classic(
            x.post("1"),
            x.post("2"),
            x.post("3"),
            x.comment("11", "1"),  # thr:in-reply-to/@ref
            x.comment("12", "2", in_reply_to=False),  # rel=edit path
            x.comment(
                "13",
                None,
                in_reply_to=False,
                edit_link=False,  # permalink only
                permalink="http://t.blogspot.com/2019/05/3.html?showComment=1#c13",
            ),
        ),
    )
    where = {c.id: p.id for p in archive.posts for c in p.all_comments()}
    assert where == {"11": "1", "12": "2", "13": "3"}
    assert archive.orphan_comments == ()


def test_reply_parent_from_related_link_whatever_the_order(tmp_path: Path) -> None:
    # Newest first, as Blogger writes: replies come before their parents.
    archive = read(
        tmp_path,
        x.classic(
            x.comment("23", "1", parent="22", published="2019-05-04T10:00:00.000+02:00"),
            x.comment("22", "1", parent="21", published="2019-05-03T10:00:00.000+02:00"),
            x.comment("21", "1", published="2019-05-02T10:00:00.000+02:00"),
            x.post("1"),
        ),
    )
    [top] = archive.posts[0].comments
    assert top.id == "21" and top.parent_id is None
    assert top.replies[0].id == "22" and top.replies[0].parent_id == "21"
    assert top.replies[0].replies[0].id == "23"


def test_deleted_comment_is_a_tombstone_that_keeps_its_replies(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.classic(
            x.post("1"),
            x.comment("31", "1", removed=True, content="This comment has been removed by the author."),
            x.comment("32", "1", parent="31", published="2019-05-03T10:00:00.000+02:00"),
        ),
    )
    [tomb] = archive.posts[0].comments
    assert tomb.status == "deleted"
    assert [r.id for r in tomb.replies] == ["32"]


def test_authors_placeholders_and_emails(tmp_path: Path) -> None:
    owner = x.author(
        "Ann",
        "https://www.blogger.com/profile/1",
        email="ann@example.com",
        avatar="//lh3.googleusercontent.com/zFdxGE77vvD2w5xHy6jkVuElKv-U9_9qLkRYK8OnbDeJPtjSZ82UPq5w6hJ-SA=s35",
    )
    commenter = x.author("Ann", "https://www.blogger.com/profile/1", avatar="//lh3.googleusercontent.com/real=s35")
    data = x.classic(x.post("1", author_xml=owner), x.comment("2", "1", author_xml=commenter))
    archive = read(tmp_path, data)
    post_author = archive.posts[0].author
    assert post_author is not None and post_author.email is None and post_author.avatar is None
    comment_author = archive.posts[0].comments[0].author
    assert comment_author is not None
    assert comment_author.email is None  # noreply@blogger.com is no address
    assert comment_author.avatar == "https://lh3.googleusercontent.com/real=s35"
    assert comment_author.is_blog_author  # same profile as the post's author
    assert "ann@example.com" not in blogport.dumps(archive)
    path = tmp_path / "keep.xml"
    path.write_bytes(data)
    kept_archive = blogport.read(path, options=ReadOptions(keep_emails=True))
    assert kept_archive.posts[0].author is not None
    assert kept_archive.posts[0].author.email == "ann@example.com"


def test_comment_whose_post_is_missing_is_kept_as_orphan(tmp_path: Path) -> None:
    archive = read(tmp_path, x.classic(x.post("1"), x.comment("40", "999")))
    assert archive.posts[0].comments == ()
    assert [c.id for c in archive.orphan_comments] == ["40"]
    assert archive.orphan_comments[0].post_id == "999"
    assert any("orphan" in w for w in archive.warnings)


def test_undeclared_app_prefix_reads_with_a_warning(tmp_path: Path) -> None:
    broken = x.post("1").replace("<app:control xmlns:app='http://purl.org/atom/app#'>", "<app:control>")
    broken = x.classic(broken.replace("<updated>", "<app:control><app:draft>yes</app:draft></app:control><updated>", 1))
    archive = read(tmp_path, broken)
    assert archive.posts[0].status == "draft"
    assert any("not well-formed" in w for w in archive.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"<html><body>hello</body></html>", "not a Blogger page"),
        (b"<?xml version='1.0'?><rss><channel/></rss>", "not a Blogger export"),
    ],
)
def test_bad_inputs_get_a_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read(tmp_path, data)


def test_truncated_export_names_line_and_column(tmp_path: Path) -> None:
    data = x.classic(x.post("1"), x.post("2"))[:-200]
    with pytest.raises(InputError) as caught:
        read(tmp_path, data)
    assert caught.value.line == 1 and caught.value.column
    assert "blog-01-01-2020.xml:1:" in str(caught.value)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
<id>tag:blogger.com,1999:blog-1.post-1</id><title>&f;</title></entry></feed>"""


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match="DTD"):
        read(tmp_path, BILLION_LAUGHS)
    assert time.monotonic() - start < 5


def test_external_entity_never_leaks_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    data = (
        f"<?xml version='1.0'?><!DOCTYPE feed [<!ENTITY x SYSTEM 'file://{secret}'>]>"
        "<feed xmlns='http://www.w3.org/2005/Atom'><entry>"
        "<category scheme='http://schemas.google.com/g/2005#kind' "
        "term='http://schemas.google.com/blogger/2008/kind#post'/>"
        "<id>tag:blogger.com,1999:blog-1.post-1</id><title>&x;</title></entry></feed>"
    ).encode()
    with pytest.raises(InputError):
        read(tmp_path, data)


def test_entity_references_without_a_dtd_are_an_error_not_an_expansion(tmp_path: Path) -> None:
    data = x.classic(x.post("1").replace("<title type='text'>A post</title>", "<title type='text'>&undefined;</title>"))
    with pytest.raises(InputError):
        read(tmp_path, data)


def test_large_exports_parsed_on_two_cores_give_the_same_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from blogport.formats.blogger import atom as _blogger
    from blogport.formats.blogger import classic as blogger_classic
    from paths import SHARED

    generator = SHARED / "tools" / "gen_export.py"
    if generator.exists():
        path = tmp_path / "big.xml"
        subprocess.run(
            [sys.executable, str(generator), "--posts", "300", "-o", str(path)], check=True, capture_output=True
        )
    else:  # a fresh clone without ../shared: build one from our own fixtures
        entries = [x.post(str(i), title=f"P{i}") for i in range(1, 400)]
        entries += [
            x.comment(str(10_000 + i), str(1 + i % 399), parent=str(10_000 + i - 1) if i % 3 else None)
            for i in range(1, 1200)
        ]
        path = tmp_path / "big.xml"
        path.write_bytes(x.classic(*entries))
    monkeypatch.setattr(_blogger, "SPLIT_MIN_BYTES", 1)
    from blogport import parallel
    from blogport.sources import open_inputs

    if parallel.cpu_count() >= 2:  # the two-core path really runs
        assert _blogger.scan_in_two(blogger_classic._scan, open_inputs([path])[0], ReadOptions()) is not None
    split = blogport.dumps(blogport.read(path))
    monkeypatch.setattr(_blogger, "SPLIT_MIN_BYTES", 10**15)
    serial = blogport.dumps(blogport.read(path))
    assert split == serial


def test_a_broken_large_export_still_reports_the_true_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from blogport.formats.blogger import atom as _blogger

    entries = [x.post(str(i), title=f"P{i}") for i in range(1, 300)]
    data = x.classic(*entries).replace(b"<title type='text'>P250</title>", b"<title type='text'>P250</titl>")
    path = tmp_path / "broken.xml"
    path.write_bytes(data)
    monkeypatch.setattr(_blogger, "SPLIT_MIN_BYTES", 1)
    with pytest.raises(InputError) as caught:
        blogport.read(path)
    monkeypatch.setattr(_blogger, "SPLIT_MIN_BYTES", 10**15)
    with pytest.raises(InputError) as serial:
        blogport.read(path)
    assert str(caught.value) == str(serial.value)
