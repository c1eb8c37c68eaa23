"""Links between posts (issue 11 §4): rewritten for each Markdown flavor, WXR and the HTML site,
checked in the text and, for the Markdown flavors, in the site the real generator builds under a
sub-path."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import blogport
from blogport import Archive, Blog, Comment, Post
from blogport.formats.wxr import writer as wxr_writer
from blogport.links import SameBlog, rewrite_anchors
from blogport.options import WriteOptions

TZ = timezone(timedelta(hours=1))
BLOG = "https://carnet.blogspot.com"
A_BODY = (
    '<p><a href="http://carnet.blogspot.co.uk/2013/02/b.html?showComment=111&amp;m=1">b</a> '
    '<a href="/p/about.html">about</a> '
    '<a href="https://www.carnet.blogspot.com/search/label/Mes%20voyages">label</a> '
    '<a href="https://carnet.blogspot.com/2013/02/">month</a> '
    '<a href="https://carnet.blogspot.com/">home</a> '
    '<a href="https://carnet.blogspot.com/2012/12/gone.html">gone</a> '
    '<a href="https://carnet.blogspot.com/2013/03/draft.html">draft</a> '
    '<a href="https://elsewhere.example/2013/02/b.html">other site</a></p>'
)
COMMENT = Comment(
    id="111",
    post_id="2",
    published=datetime(2013, 2, 3, tzinfo=TZ),
    content="see <a href='http://carnet.blogspot.fr/2013/01/a.html?m=1'>a</a>",
)
POST_A = Post(
    id="1",
    title="A post",
    url=f"{BLOG}/2013/01/a.html",
    published=datetime(2013, 1, 5, tzinfo=TZ),
    labels=("Mes voyages",),
    content=A_BODY,
)
POST_B = Post(
    id="2",
    title="B post",
    url=f"{BLOG}/2013/02/b.html",
    published=datetime(2013, 2, 1, tzinfo=TZ),
    comments=(COMMENT,),
    labels=("Mes voyages",),
    content="<p>back to <a href='https://carnet.blogspot.com/2013/01/a.html'>A</a></p>",
)
PAGE = Post(
    id="3",
    kind="page",
    title="About",
    url=f"{BLOG}/p/about.html",
    published=datetime(2013, 1, 1, tzinfo=TZ),
    content="<p>about</p>",
)
DRAFT = Post(
    id="4", title="Draft", status="draft", url=f"{BLOG}/2013/03/draft.html", published=datetime(2013, 3, 1, tzinfo=TZ)
)
ARCHIVE = Archive(blog=Blog(title="Carnet", url=f"{BLOG}/"), posts=(POST_A, POST_B, PAGE, DRAFT))


def site(tmp_path: Path, flavor: str, **options: object) -> tuple[Path, tuple[str, ...]]:
    root = tmp_path / flavor
    written = blogport.write(ARCHIVE, root, "markdown", WriteOptions(flavor=flavor, jobs=1, **options))  # type: ignore[arg-type]
    return root, written.warnings


# --- Markdown: the text each flavor gets ---------------------------------------------------------

EXPECTED_MARKDOWN = {
    "hugo": (
        "content/posts/a.md",
        [
            '[b]({{< relref "posts/b.md#c111" >}})',
            '[about]({{< relref "about.md" >}})',
            '[label]({{< relref "/tags/mes-voyages" >}})',
            '[month]({{< relref "/posts" >}})',
            '[home]({{< relref "/" >}})',
        ],
    ),
    "jekyll": (
        "_posts/2013-01-05-a.md",
        [
            "[b]({{ '/2013/02/b.html#c111' | relative_url }})",
            "[about]({{ '/p/about.html' | relative_url }})",
            "[label]({{ '/tags/mes-voyages.html' | relative_url }})",
            "[month]({{ '/archives.html' | relative_url }})",
            "[home]({{ '/' | relative_url }})",
        ],
    ),
    "pelican": (
        "content/a.md",
        [
            "[b]({filename}/b.md#c111)",
            "[about]({filename}/pages/about.md)",
            "[label]({tag}mes-voyages)",
            "[month]({index})",
            "[home]({index})",
        ],
    ),
    "plain": (
        "a.md",
        [
            "[b](/b/#c111)",
            "[about](/about/)",
            "[label](https://www.carnet.blogspot.com/search/label/Mes%20voyages)",  # plain has no label pages
            "[home](/)",
        ],
    ),
}


@pytest.mark.parametrize("flavor", sorted(EXPECTED_MARKDOWN))
def test_markdown_links_use_each_generators_own_form(tmp_path: Path, flavor: str) -> None:
    root, warnings = site(tmp_path, flavor)
    path, expected = EXPECTED_MARKDOWN[flavor]
    text = (root / path).read_text()
    for link in expected:
        assert link in text
    # missing, unpublished and other sites' links stay exactly as written
    assert "(https://carnet.blogspot.com/2012/12/gone.html)" in text
    assert "(https://carnet.blogspot.com/2013/03/draft.html)" in text
    assert "(https://elsewhere.example/2013/02/b.html)" in text
    assert "BLOGPORTLINK" not in "".join(p.read_text() for p in root.rglob("*.md"))
    assert any("1 link to 1 post of the blog" in w and "/2012/12/gone.html" in w for w in warnings)
    assert any("1 link to drafts" in w for w in warnings)
    assert "/2012/12/gone.html" in (root / "_blogport/report.md").read_text()


def test_comment_links_are_rewritten_inline(tmp_path: Path) -> None:
    root, _ = site(tmp_path, "hugo")
    assert 'see [a]({{< relref "posts/a.md" >}})' in (root / "content/posts/b.md").read_text()


def test_keep_links_writes_the_old_addresses(tmp_path: Path) -> None:
    root, warnings = site(tmp_path, "hugo", keep_links=True)
    text = (root / "content/posts/a.md").read_text()
    assert "relref" not in text and "(http://carnet.blogspot.co.uk/2013/02/b.html?showComment=111&m=1)" in text
    assert not any("left pointing" in w for w in warnings)


def test_liquid_guarded_body_keeps_its_links_live(tmp_path: Path) -> None:
    root, _ = site(tmp_path, "jekyll", keep_html=True)
    text = (root / "_posts/2013-01-05-a.html").read_text()
    assert "{% endraw %}" not in text or "{% endraw %}{{ '/2013/02/b.html#c111' | relative_url }}{% raw %}" in text


# --- Markdown: the real generators, under a sub-path ----------------------------------------------


def _build(root: Path, flavor: str) -> Path:
    commands = {
        "hugo": (["hugo", "--quiet", "-b", "https://example.org/sub/"], "public"),
        "jekyll": (["jekyll", "build", "--quiet", "--baseurl", "/sub"], "_site"),
        "pelican": (
            [sys.executable, "-m", "pelican", "-q", "-s", "pelicanconf.py", "-o", "output"],
            "output",
        ),
    }
    command, out = commands[flavor]
    if flavor == "pelican":
        pytest.importorskip("pelican")
    elif shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (.ci/run installs it)")
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / out


BUILT = {
    "hugo": ("posts/a/index.html", ["/sub/posts/b/#c111", "/sub/about/", "/sub/tags/mes-voyages/", "/sub/posts/"]),
    "jekyll": ("2013/01/a.html", ["/sub/2013/02/b.html#c111", "/sub/p/about.html", "/sub/tags/mes-voyages.html"]),
    "pelican": ("2013/01/a.html", ["../../2013/02/b.html#c111", "../../p/about.html", "../../tag/mes-voyages.html"]),
}


@pytest.mark.parametrize("flavor", sorted(BUILT))
@pytest.mark.parametrize("keep_html", [False, True])
def test_built_site_links_land_on_the_new_pages(tmp_path: Path, flavor: str, keep_html: bool) -> None:
    root, _ = site(tmp_path, flavor, keep_html=keep_html)
    public = _build(root, flavor)
    page, expected = BUILT[flavor]
    hrefs = set(re.findall(r'href="([^"]*)"', (public / page).read_text()))
    for href in expected:
        assert href in hrefs
        target = public / href.replace("/sub/", "").replace("../../", "").split("#")[0]
        assert (target / "index.html" if target.is_dir() else target).is_file(), href
    assert not [h for h in hrefs if "carnet.blogspot" in h and "gone" not in h and "draft" not in h]


# --- WXR -------------------------------------------------------------------------------------------


def wxr_hrefs(archive: Archive, options: WriteOptions) -> tuple[list[str], list[str]]:
    stream = StringIO()
    warnings = wxr_writer.write(archive, stream, options)
    tree = etree.fromstring(stream.getvalue().encode())
    namespaces = {"content": "http://purl.org/rss/1.0/modules/content/", "wp": "http://wordpress.org/export/1.2/"}
    bodies = tree.xpath("//content:encoded/text() | //wp:comment_content/text()", namespaces=namespaces)
    return re.findall(r'href="([^"]*)"', "".join(bodies)), warnings


def test_wxr_links_are_root_relative_wordpress_addresses() -> None:
    hrefs, warnings = wxr_hrefs(ARCHIVE, WriteOptions())
    assert hrefs[:5] == ["/2013/02/b.html#comments", "/about/", "/tag/mes-voyages/", "/2013/02/", "/"]
    assert "https://carnet.blogspot.com/2012/12/gone.html" in hrefs
    assert "https://carnet.blogspot.com/2013/03/draft.html" in hrefs
    assert hrefs.count("/2013/01/a.html") == 2  # from post B and from its comment
    assert any("/2012/12/gone.html" in w for w in warnings)


def test_wxr_site_url_and_categories() -> None:
    hrefs, _ = wxr_hrefs(ARCHIVE, WriteOptions(site_url="https://new.example/", labels_as="categories"))
    assert hrefs[:3] == [
        "https://new.example/2013/02/b.html#comments",
        "https://new.example/about/",
        "https://new.example/category/mes-voyages/",
    ]


def test_wxr_link_follows_the_name_wordpress_gives_a_duplicate_slug() -> None:
    first = Post(id="1", title="x", url=f"{BLOG}/2012/05/x.html", published=datetime(2012, 5, 1, tzinfo=TZ))
    second = Post(id="2", title="x again", url=f"{BLOG}/2013/05/x.html", published=datetime(2013, 5, 1, tzinfo=TZ))
    linking = Post(
        id="3",
        title="l",
        url=f"{BLOG}/2013/06/l.html",
        published=datetime(2013, 6, 1, tzinfo=TZ),
        content=f'<a href="{BLOG}/2013/05/x.html">again</a>',
    )
    hrefs, _ = wxr_hrefs(Archive(blog=Blog(title="b", url=BLOG), posts=(first, second, linking)), WriteOptions())
    assert hrefs == ["/2013/05/x-2.html"]


def test_wxr_keep_links_is_the_old_output() -> None:
    stream = StringIO()
    wxr_writer.write(ARCHIVE, stream, WriteOptions(keep_links=True))
    assert '<a href="/p/about.html">about</a>' in stream.getvalue()
    assert "/tag/mes-voyages/" not in stream.getvalue()


# --- the HTML site ----------------------------------------------------------------------------------


def test_html_site_keep_links(tmp_path: Path) -> None:
    blogport.write(ARCHIVE, tmp_path / "on", "html", WriteOptions(jobs=1))
    blogport.write(ARCHIVE, tmp_path / "off", "html", WriteOptions(jobs=1, keep_links=True))
    assert 'href="../../2013/02/b.html#c111"' in (tmp_path / "on/2013/01/a.html").read_text()
    kept = (tmp_path / "off/2013/01/a.html").read_text()
    assert "carnet.blogspot.co.uk/2013/02/b.html" in kept and 'href="../../2013/02/b.html#c111"' not in kept


# --- rewrite_anchors ---------------------------------------------------------------------------------


@given(st.lists(st.sampled_from(["<a ", "href", "=", "'", '"', ">", "&amp;", " ", "x", BLOG])).map("".join))
def test_rewrite_anchors_changes_nothing_when_the_rewrite_changes_nothing(fragment: str) -> None:
    assert rewrite_anchors(fragment, lambda url: url) == fragment


@given(st.sampled_from(['"', "'", ""]), st.sampled_from(["", ' class="x"']))
def test_rewrite_anchors_reaches_every_quoting(quote: str, before: str) -> None:
    fragment = f"<p><a{before} href={quote}http://carnet.blogspot.com/2013/01/a.html{quote}>a</a> tail</p>"
    same_blog = SameBlog(ARCHIVE)
    out = rewrite_anchors(fragment, lambda url: same_blog.rewrite(url, lambda target: "/new?a=1&b=2"))
    assert out == f'<p><a{before} href="/new?a=1&amp;b=2">a</a> tail</p>'
