"""The Takeout reader: statuses, threads, zip and folder inputs, several blogs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import blogport
import xmlbuild as x
from blogport import ReadOptions, UsageError
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE


def read(tmp_path: Path, data: bytes, **options: object) -> blogport.Archive:
    path = tmp_path / "feed.atom"
    path.write_bytes(data)
    return blogport.read(path, options=ReadOptions(**options))  # type: ignore[arg-type]


def test_statuses(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.takeout(
            x.t_post("1", "LIVE"),
            x.t_post("2", "DRAFT", filename=None),
            x.t_post("3", "SCHEDULED"),
            x.t_post("4", "SOFT_TRASHED"),
            x.t_post("5", "LIVE", trashed="2021-01-01T00:00:00Z"),
            x.t_post("6", "LIVE", kind="PAGE", filename="/p/about.html"),
        ),
    )
    assert [(p.id, p.kind, p.status) for p in archive.posts] == [
        ("1", "post", "published"),
        ("2", "post", "draft"),
        ("3", "post", "scheduled"),
        ("4", "post", "trashed"),
        ("5", "post", "trashed"),
        ("6", "page", "published"),
    ]
    assert archive.posts[1].url is None
    assert archive.posts[5].url == "/p/about.html"


def test_blog_url_option_makes_full_urls(tmp_path: Path) -> None:
    archive = read(tmp_path, x.takeout(x.t_post("1")), blog_url="https://b.blogspot.com")
    assert archive.posts[0].url == "https://b.blogspot.com/2020/01/t.html"
    assert archive.blog.url == "https://b.blogspot.com"


def test_labels_use_the_blog_scheme_verbatim(tmp_path: Path) -> None:
    archive = read(tmp_path, x.takeout(x.t_post("1", labels=("Théorie", "b", "A b"))))
    assert archive.posts[0].labels == ("Théorie", "b", "A b")


def test_in_reply_to_bare_or_full_or_empty(tmp_path: Path) -> None:
    full = f"tag:blogger.com,1999:blog-{x.BLOG}.post-20"
    archive = read(
        tmp_path,
        x.takeout(
            x.t_comment("22", "1", in_reply_to=full, published="2020-01-04T00:00:00Z"),
            x.t_comment("21", "1", in_reply_to="20", published="2020-01-03T00:00:00Z"),
            x.t_comment("20", "1", published="2020-01-02T00:00:00Z"),
            x.t_post("1"),
        ),
    )
    [top] = archive.posts[0].comments
    assert top.id == "20" and top.parent_id is None
    assert [(r.id, r.parent_id) for r in top.replies] == [("21", "20"), ("22", "20")]


def test_deleted_comment_status_is_a_tombstone(tmp_path: Path) -> None:
    archive = read(
        tmp_path,
        x.takeout(x.t_post("1"), x.t_comment("20", "1", status="DELETED"), x.t_comment("21", "1", in_reply_to="20")),
    )
    [tomb] = archive.posts[0].comments
    assert tomb.status == "deleted" and tomb.replies[0].id == "21"


def test_missing_post_gives_an_orphan(tmp_path: Path) -> None:
    archive = read(tmp_path, x.takeout(x.t_post("1"), x.t_comment("30", "77")))
    assert [c.id for c in archive.orphan_comments] == ["30"]


def _takeout_tree(root: Path, blogs: dict[str, bytes], comments: dict[str, bytes] | None = None) -> Path:
    for name, data in blogs.items():
        folder = root / "Takeout" / "Blogger" / "Blogs" / name
        folder.mkdir(parents=True)
        (folder / "feed.atom").write_bytes(data)
        (folder / "settings.csv").write_text("name,value\n")
    for name, data in (comments or {}).items():
        folder = root / "Takeout" / "Blogger" / "Comments" / name
        folder.mkdir(parents=True)
        (folder / "feed.atom").write_bytes(data)
    return root


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


def test_zip_with_a_separate_comments_feed_merges_by_blog_id(tmp_path: Path) -> None:
    tree = _takeout_tree(
        tmp_path / "t",
        {"My blog": x.takeout(x.t_post("1"))},
        {"My blog": x.takeout(x.t_comment("20", "1"), x.t_comment("21", "1", in_reply_to="20"))},
    )
    for source in (tree, _zip(tree, tmp_path / "takeout-001.zip")):
        archive = blogport.read(source)
        assert [p.id for p in archive.posts] == ["1"]
        [top] = archive.posts[0].comments
        assert top.id == "20" and top.replies[0].id == "21"
        assert archive.blog.source is not None and len(archive.blog.source.files) == 2


def test_several_blogs_need_a_choice(tmp_path: Path) -> None:
    other = x.TAKEOUT_OPEN.replace(f"blog-{x.BLOG}", "blog-222").replace("Takeout blog", "Second")
    tree = _takeout_tree(
        tmp_path / "t", {"First": x.takeout(x.t_post("1")), "Second": x.takeout(x.t_post("2"), feed_open=other)}
    )
    archives = blogport.read_all(tree)
    assert sorted(a.blog.id or "" for a in archives) == ["111", "222"]
    with pytest.raises(UsageError, match="2 blogs"):
        blogport.read(tree)
    assert blogport.read(tree, blog="second").posts[0].id == "2"
    assert blogport.read(tree, blog="222").posts[0].id == "2"
    assert blogport.read(tree, blog="First").posts[0].id == "1"  # the Takeout folder name
    with pytest.raises(UsageError, match="no blog named"):
        blogport.read(tree, blog="nope")


def test_the_two_samples_hold_the_same_blog() -> None:
    classic = blogport.read(CLASSIC_SAMPLE)
    takeout = blogport.read(TAKEOUT_SAMPLE)

    def shape(archive: blogport.Archive) -> list[object]:
        out: list[object] = []
        for post in archive.posts:
            threads = [(c.id, c.parent_id, c.status, c.published, c.content) for c in post.all_comments()]
            out.append((post.id, post.kind, post.status, post.title, post.labels, post.published, threads))
        return sorted(out, key=lambda item: str(item[0]))

    assert shape(classic) == shape(takeout)
    summary = blogport.summarize(takeout)
    assert (summary["posts"], summary["pages"], summary["drafts"], summary["scheduled"]) == (4, 1, 1, 1)
    assert (summary["comments"], summary["replies"], summary["deleted_comments"]) == (10, 5, 1)
