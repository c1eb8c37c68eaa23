"""Markdown rendered in forked workers: each worker rewrites its posts' links and stages its own
files; the site, the warnings and the all-or-nothing write are those of one process."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import attrs
import pytest

import blogport
import xmlbuild as x
from blogport import parallel
from blogport.errors import OutputError
from blogport.formats import markdown
from blogport.model import Archive
from blogport.options import WriteOptions

pytestmark = pytest.mark.skipif(not parallel.may_fork(), reason="workers need fork")


def _big_blog(tmp_path: Path, posts: int = 600) -> Archive:
    # Each post links to the next one, to a post not in the input and to a draft, so every range
    # of posts has links to rewrite and links to count as left.
    entries = [
        x.post(
            str(i),
            content=(
                f"<p>{'mot ' * 900}<a href='http://t.blogspot.com/2019/05/{i + 1}.html'>next</a> "
                "<a href='http://t.blogspot.com/2019/05/gone.html'>gone</a> "
                "<a href='http://t.blogspot.com/2019/05/draft.html'>draft</a></p>"
            ),
        )
        for i in range(posts)
    ]
    entries.append(x.post("draft", draft=True))
    path = tmp_path / "big.xml"
    path.write_bytes(x.classic(*entries))
    return blogport.read(path)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("flavor", ["hugo", "jekyll", "pelican", "plain"])
def test_workers_write_the_site_one_process_writes(tmp_path: Path, flavor: str) -> None:
    archive = _big_blog(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    warnings_one = blogport.write(archive, one, "markdown", WriteOptions(flavor=flavor, jobs=1)).warnings
    warnings_two = blogport.write(archive, two, "markdown", WriteOptions(flavor=flavor, jobs=2)).warnings
    assert _tree(one) == _tree(two)
    assert warnings_one == warnings_two
    assert any("not in the input" in w for w in warnings_two) and any("drafts" in w for w in warnings_two)
    assert [p.name for p in two.iterdir() if p.name.startswith(".")] == []  # no staging folder left


def test_links_rewritten_in_workers_are_those_of_the_whole_site(tmp_path: Path) -> None:
    archive = _big_blog(tmp_path)
    files, warnings = markdown.render(archive, tmp_path, WriteOptions(flavor="plain", jobs=2))
    body = files["500.md"]
    assert "[next](/501/)" in body and "BLOGPORTLINK" not in body
    assert "http://t.blogspot.com/2019/05/gone.html" in body
    [left] = [w for w in warnings if "not in the input" in w]
    # 600 to "gone", one to post 600 (the last post's next): every range's links counted once
    assert left.startswith("601 links to 2 posts ")


def test_a_conflict_found_by_a_worker_writes_nothing(tmp_path: Path) -> None:
    archive = _big_blog(tmp_path)
    site = tmp_path / "site"
    blogport.write(archive, site, "markdown", WriteOptions(flavor="plain", jobs=2))
    before = _tree(site)
    (site / "300.md").write_text("mine")
    (site / "report.keep").write_text("x")
    # A new post (its worker stages the new file) and 300.md the user's: the run must fail whole.
    extra = attrs.evolve(archive.posts[100], id="extra", url="http://t.blogspot.com/2019/05/extra.html")
    changed = attrs.evolve(archive, posts=(*archive.posts, extra))
    with pytest.raises(OutputError, match=r"\(300\.md, "):
        blogport.write(changed, site, "markdown", WriteOptions(flavor="plain", jobs=2))
    assert not (site / "extra.md").exists()
    after = _tree(site)
    assert after.pop("300.md") == b"mine" and after.pop("report.keep") == b"x"
    assert after == {k: v for k, v in before.items() if k != "300.md"}  # nothing was replaced
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []


def test_force_replaces_what_workers_staged(tmp_path: Path) -> None:
    archive = _big_blog(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "300.md").write_text("mine")
    written = blogport.write(archive, site, "markdown", WriteOptions(flavor="plain", jobs=2), force=True).paths
    files, _ = markdown.render(archive, site, WriteOptions(flavor="plain", jobs=1))
    assert (site / "300.md").read_text() == files["300.md"]
    assert site / "300.md" in written
    rerun = blogport.write(archive, site, "markdown", WriteOptions(flavor="plain", jobs=2)).paths
    assert list(rerun) == []  # the same bytes: nothing staged, nothing moved


def test_the_pool_forks_with_the_model_frozen_and_unfreezes_it() -> None:
    before = gc.get_freeze_count()
    with parallel.fork_pool(1) as pool:
        assert gc.get_freeze_count() == before  # the parent's collector is back to normal at once
        in_worker = pool.apply(gc.get_freeze_count)
        assert pool.apply(os.getpid) != os.getpid()
    assert in_worker > before  # the inherited objects stay out of the worker's collections
