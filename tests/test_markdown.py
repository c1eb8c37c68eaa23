"""The Markdown writer: conversion cases, layout per flavor, slugs, safety, threads, real builds."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogport
from blogport import Archive, Blog, Comment, OutputError, Post, WriteOptions
from blogport.formats import markdown
from blogport.formats.markdown.convert import to_markdown
from blogport.threads import build_forest
from generators import built
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE
from strategies import flat_comments

UTC = UTC


# --- HTML -> Markdown: the tricky Blogger cases (golden) --------------------------------------

GOLDEN = [
    (
        '<div class="separator" style="clear: both;"><a href="https://x/s1600/p.jpg" style="margin-left: 1em;">'
        '<img border="0" src="https://x/s320/p.jpg" width="320" /></a></div>',
        "[![](https://x/s320/p.jpg)](https://x/s1600/p.jpg)\n",
    ),
    (
        '<table class="tr-caption-container" style="margin: auto;"><tbody><tr><td><a href="https://x/F.jpg">'
        '<img src="https://x/T.jpg" /></a></td></tr><tr><td class="tr-caption">Puri Bhaji</td></tr></tbody></table>',
        "[![Puri Bhaji](https://x/T.jpg)](https://x/F.jpg)\n\n*Puri Bhaji*\n",
    ),
    ("Résumé.<a name='more'></a>La suite.", "Résumé.\n\n<!--more-->\n\nLa suite.\n"),
    ('<pre class="brush: java">  int a = 1;<br />  a &lt; 2;<br /></pre>', "```java\n  int a = 1;\n  a < 2;\n```\n"),
    (
        '<script src="https://gist.github.com/dean-shaff/b1b5c0ffee.js"></script>',
        "[Gist dean\\-shaff/b1b5c0ffee](https://gist.github.com/dean-shaff/b1b5c0ffee)\n",
    ),
    ("<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb\n"),
    (
        '<iframe allowfullscreen="" src="https://www.youtube.com/embed/x"></iframe>',
        '<iframe allowfullscreen="" src="https://www.youtube.com/embed/x"></iframe>\n',
    ),
    ("<table><tr><td>a</td><td>b</td></tr></table>", "<table><tr><td>a</td><td>b</td></tr></table>\n"),
    ("a_b_c *x* [l](y) &lt;tag&gt; 5 &gt; 3", "a\\_b\\_c \\*x\\* \\[l\\](y) \\<tag\\> 5 \\> 3\n"),
    ('<span style="font-size: large;">Gros. </span>suite <b>gras&nbsp;</b>fin', "Gros. suite **gras** fin\n"),
    ('<ul><li>un</li><li>deux</li></ul><ol start="9"><li>neuf</li></ol>', "- un\n- deux\n\n9. neuf\n"),
    ("ligne<br /><br /><br />autre", "ligne  \n\nautre\n"),
    ("d&#39;accord &eacute;t&eacute; 東京 🎉", "d'accord été 東京 🎉\n"),
]


@pytest.mark.parametrize(("html", "expected"), GOLDEN)
def test_blogger_html_to_markdown(html: str, expected: str) -> None:
    assert to_markdown(html) == expected


# --- layout and front matter ----------------------------------------------------------------


def convert(tmp_path: Path, flavor: str, source: Path = CLASSIC_SAMPLE, **options: object) -> Path:
    site = tmp_path / flavor
    archive = blogport.read(source)
    blogport.write(archive, site, "markdown", WriteOptions(flavor=flavor, jobs=1, **options))  # type: ignore[arg-type]
    return site


def front(path: Path) -> dict:
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_hugo_layout(tmp_path: Path) -> None:
    site = convert(tmp_path, "hugo")
    post = front(site / "content/posts/animer-une-communaute-en-ligne.md")
    assert post["title"] == "Animer une communauté en ligne : sept habitudes utiles"
    assert post["date"] == "2013-02-15T09:30:00+01:00" and post["draft"] is False
    assert post["tags"] == ["réseaux sociaux", "stratégie", "Éditorial"]
    assert post["aliases"] == ["/2013/02/animer-une-communaute-en-ligne.html"]
    assert front(site / "content/posts/brouillon-calendrier-editorial-de-lete.md")["draft"] is True
    assert front(site / "content/a-propos.md")["aliases"] == ["/p/a-propos.html"]
    assert front(site / "content/posts/bilan-du-premier-trimestre.md")["date"] == "2013-04-01T08:00:00+01:00"
    assert "unsafe = true" in (site / "hugo.toml").read_text()


def test_jekyll_layout(tmp_path: Path) -> None:
    site = convert(tmp_path, "jekyll")
    post = front(site / "_posts/2013-02-15-animer-une-communaute-en-ligne.md")
    assert post["permalink"] == "/2013/02/animer-une-communaute-en-ligne.html" and post["layout"] == "post"
    assert (site / "_drafts/brouillon-calendrier-editorial-de-lete.md").exists()
    assert front(site / "a-propos.md")["permalink"] == "/p/a-propos.html"
    assert yaml.safe_load((site / "_config.yml").read_text())["future"] is False


def test_pelican_layout(tmp_path: Path) -> None:
    site = convert(tmp_path, "pelican")
    head = (site / "content/animer-une-communaute-en-ligne.md").read_text("utf-8").split("\n\n", 1)[0]
    assert "Save_as: 2013/02/animer-une-communaute-en-ligne.html" in head
    assert "Tags: réseaux sociaux, stratégie, Éditorial" in head
    assert "Status: draft" in (site / "content/brouillon-calendrier-editorial-de-lete.md").read_text("utf-8")
    assert "Save_as: p/a-propos.html" in (site / "content/pages/a-propos.md").read_text("utf-8")


def test_plain_layout_and_comments_as_data(tmp_path: Path) -> None:
    site = convert(tmp_path, "plain", comments="data")
    post = front(site / "animer-une-communaute-en-ligne.md")
    assert post["status"] == "published" and post["blogger_path"] == "/2013/02/animer-une-communaute-en-ligne.html"
    top_level = [c["id"] for c in post["comments"] if c["depth"] == 0]
    assert top_level[:2] == ["5520000000000000001", "5520000000000000004"]
    assert all("replies" not in c for c in post["comments"])  # flat, in thread order: layouts need no recursion
    assert [(c["id"], c["depth"]) for c in post["comments"][:3]] == [
        ("5520000000000000001", 0),
        ("5520000000000000002", 1),
        ("5520000000000000003", 2),
    ]
    hugo = convert(tmp_path, "hugo", comments="data")
    assert (hugo / "data/comments/animer-une-communaute-en-ligne.json").exists()
    assert "c5520000000000000001" not in (hugo / "content/posts/animer-une-communaute-en-ligne.md").read_text()


def test_comments_none_and_keep_html(tmp_path: Path) -> None:
    site = convert(tmp_path, "hugo", comments="none", keep_html=True)
    text = (site / "content/posts/animer-une-communaute-en-ligne.html").read_text("utf-8")
    assert '<div class="separator"' in text and "Commentaires" not in text


def test_inline_thread_is_nested_with_anchors_in_order(tmp_path: Path) -> None:
    site = convert(tmp_path, "hugo")
    text = (site / "content/posts/animer-une-communaute-en-ligne.md").read_text("utf-8")
    assert "## Commentaires" in text  # the blog's locale is fr
    anchors = re.findall(r'<a id="c(\d+)"></a>', text)
    assert anchors == [f"552000000000000000{i}" for i in range(1, 9)]
    assert re.search(r'^> > <a id="c5520000000000000003">', text, re.M)  # a reply to a reply
    assert "*Ce commentaire a été supprimé par l'auteur.*" in text  # tombstone kept


def test_trashed_posts_are_skipped_unless_asked(tmp_path: Path) -> None:
    archive = Archive(
        blog=Blog(title="b"), posts=(Post(id="1", title="Gone", status="trashed"), Post(id="2", title="Here"))
    )
    files, warnings = markdown.render(archive, tmp_path, WriteOptions(flavor="plain", jobs=1))
    assert "here.md" in files and "gone.md" not in files and any("trashed" in w for w in warnings)
    files, _ = markdown.render(archive, tmp_path, WriteOptions(flavor="plain", jobs=1, include_trashed=True))
    assert front_text(files["gone.md"])["draft"] is True


def front_text(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_rerun_gives_same_bytes_and_never_overwrites_without_force(tmp_path: Path) -> None:
    site = convert(tmp_path, "jekyll")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    written = blogport.write(blogport.read(CLASSIC_SAMPLE), site, "markdown", WriteOptions(flavor="jekyll", jobs=1))
    assert written.paths == ()  # nothing changed, nothing rewritten
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    edited = site / "_posts/2013-02-15-animer-une-communaute-en-ligne.md"
    edited.write_text("my edit")
    with pytest.raises(OutputError, match="--force"):
        blogport.write(blogport.read(CLASSIC_SAMPLE), site, "markdown", WriteOptions(flavor="jekyll", jobs=1))
    assert edited.read_text() == "my edit"
    blogport.write(blogport.read(CLASSIC_SAMPLE), site, "markdown", WriteOptions(flavor="jekyll", jobs=1), force=True)
    assert edited.read_bytes() == before[edited]


def test_existing_config_is_never_overwritten(tmp_path: Path) -> None:
    site = tmp_path / "hugo"
    site.mkdir()
    (site / "config.toml").write_text("title = 'mine'\n")
    written = blogport.write(blogport.read(CLASSIC_SAMPLE), site, "markdown", WriteOptions(flavor="hugo", jobs=1))
    assert (site / "config.toml").read_text() == "title = 'mine'\n" and not (site / "hugo.toml").exists()
    assert any("unsafe" in w for w in written.warnings)


# --- slugs and file names ---------------------------------------------------------------------


def when(day: int) -> datetime:
    return datetime(2020, 1, day, 12, tzinfo=UTC)


def test_slugs_are_unique_stable_and_safe(tmp_path: Path) -> None:
    posts = (
        Post(id="1", title="Hello", url="http://b.blogspot.com/2020/01/hello.html", published=when(1)),
        Post(id="2", title="Hello", url="http://b.blogspot.com/2021/01/hello.html", published=when(2)),
        Post(id="3", title="Hello", url="http://b.blogspot.com/2020/01/hello_12.html", published=when(3)),
        Post(id="4", title="", status="draft", published=when(4)),
        Post(id="5", title="", status="draft", published=when(5)),
        Post(id="6", title="東京の夏", status="draft", published=when(6)),
        Post(id="7", title="../../etc/passwd", status="draft", published=when(7)),
        Post(id="8", title="CON", status="draft", published=when(8)),
    )
    files, _ = markdown.render(
        Archive(blog=Blog(title="b"), posts=posts), tmp_path, WriteOptions(flavor="hugo", jobs=1)
    )
    names = sorted(Path(f).name for f in files if f.startswith("content/posts/"))
    assert names == sorted(
        [
            "hello.md",
            "hello-2.md",
            "hello_12.md".replace("_", "-"),
            "post-4.md",
            "post-5.md",
            "dongjingnoxia.md",
            "etc-passwd.md",
            "con-post.md",
        ]
    )
    assert front_text(files["content/posts/dongjingnoxia.md"])["title"] == "東京の夏"
    reversed_files, _ = markdown.render(
        Archive(blog=Blog(title="b"), posts=posts[::-1]), tmp_path, WriteOptions(flavor="hugo", jobs=1)
    )
    assert set(reversed_files) == set(files)  # the input order does not change the names


nasty = st.lists(
    st.sampled_from([*'aé東/\\.:*?"<>|\x00\x01 -_~CONPRUX', "..", "../", "/etc", "C:\\", "CON", "nul"]), max_size=12
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            nasty,
            nasty,
            st.lists(nasty, max_size=3),
            st.sampled_from(["post", "page"]),
            st.sampled_from(["published", "draft", "scheduled"]),
        ),
        max_size=8,
    ),
    st.sampled_from(["hugo", "jekyll", "pelican", "plain"]),
)
def test_arbitrary_titles_slugs_and_labels_stay_inside_and_never_collide(
    tmp_path_factory: pytest.TempPathFactory, specs: list, flavor: str
) -> None:
    posts = tuple(
        Post(
            id=str(i + 1),
            title=title,
            kind=kind,
            status=status,
            labels=tuple(labels),
            url=f"http://b.blogspot.com/{slug}.html" if slug else None,
            published=when(1 + i % 20),
        )
        for i, (title, slug, labels, kind, status) in enumerate(specs)
    )
    root = tmp_path_factory.mktemp("site")
    written = blogport.write(
        Archive(blog=Blog(title="b"), posts=posts), root, "markdown", WriteOptions(flavor=flavor, jobs=1)
    )
    resolved = root.resolve()
    for path in written.paths:
        assert path.resolve().is_relative_to(resolved)
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", path.name)
    files, _ = markdown.render(Archive(blog=Blog(title="b"), posts=posts), root, WriteOptions(flavor=flavor, jobs=1))
    post_files = [f for f in files if not f.startswith("_blogport/") and f.endswith(".md")]
    assert len(post_files) == len(posts)


@settings(max_examples=80, deadline=None)
@given(flat_comments("1", max_size=15))
def test_arbitrary_threads_render_every_anchor_once_in_order(comments: list[Comment]) -> None:
    forest, _ = build_forest(comments)
    post = Post(id="1", title="t", comments=forest)
    files, _ = markdown.render(
        Archive(blog=Blog(title="b"), posts=(post,)), Path("/nonexistent"), WriteOptions(flavor="plain", jobs=1)
    )
    text = files["t.md"]
    assert re.findall(r'<a id="(c[^"]+)"></a>', text) == list(markdown.iter_anchor_ids(post))


# --- the real generators ----------------------------------------------------------------------


def check_built_site(public: Path, archive: Archive, flavor: str) -> None:
    from html import unescape

    pages = {p: unescape(p.read_text("utf-8", errors="replace")) for p in public.rglob("*.html")}
    everything = "\n".join(pages.values())
    now = datetime.now(UTC)
    for post in archive.posts:
        live = post.status in ("published", "scheduled") and (post.published is None or post.published <= now)
        holding = (
            [text for text in pages.values() if f'id="c{next(iter(post.all_comments())).id}"' in text]
            if post.comments
            else None
        )
        title_seen = any(post.title and _html_text(post.title) in text for text in pages.values())
        if live:
            assert title_seen, f"{flavor}: {post.title!r} missing from the built site"
            if post.comments:
                assert holding, f"{flavor}: comments of {post.title!r} missing"
                anchors = re.findall(r'id="(c\d+)"', holding[0])
                assert anchors == list(markdown.iter_anchor_ids(post)), f"{flavor}: thread order of {post.title!r}"
        elif post.status == "draft" and post.title:
            in_drafts = [p for p, text in pages.items() if _html_text(post.title) in text and "drafts" not in p.parts]
            assert not [
                p
                for p in in_drafts
                if "<h1>" in pages[p] and _html_text(post.title) in pages[p].split("<h1>", 1)[1][:300]
            ], f"{flavor}: draft {post.title!r} published"
    for label in {label for p in archive.posts if p.status == "published" for label in p.labels}:
        assert _html_text(label) in everything, f"{flavor}: label {label!r} missing"


def _html_text(text: str) -> str:
    return text


@pytest.mark.parametrize("flavor", ["hugo", "jekyll", "pelican"])
@pytest.mark.parametrize("sample", [CLASSIC_SAMPLE, TAKEOUT_SAMPLE])
def test_real_generator_builds_the_sample(tmp_path: Path, flavor: str, sample: Path) -> None:
    site = convert(tmp_path, flavor, sample)
    public = built(site, flavor)
    archive = blogport.read(sample)
    check_built_site(public, archive, flavor)
    if flavor == "hugo":
        assert (public / "2013/02/animer-une-communaute-en-ligne.html").exists() or sample == TAKEOUT_SAMPLE
    elif sample == CLASSIC_SAMPLE:
        assert (public / "2013/02/animer-une-communaute-en-ligne.html").exists()
        assert (public / "p/a-propos.html").exists()


@pytest.mark.parametrize("flavor", ["hugo", "jekyll", "pelican"])
def test_real_generators_build_every_corpus_export(corpus: Path, tmp_path: Path, flavor: str) -> None:
    for path in sorted((corpus / "blogger-atom").iterdir()):
        if path.suffix not in (".xml", ".atom"):
            continue
        site = convert(tmp_path / path.stem, flavor, path)
        public = built(site, flavor)
        archive = blogport.read(path)
        count = sum(1 for p in archive.posts if p.status == "published")
        assert len(list(public.rglob("*.html"))) >= count, path.name


def test_corpus_every_comment_reaches_its_post_file(corpus: Path, tmp_path: Path) -> None:
    for path in sorted((corpus / "blogger-atom").iterdir()):
        if path.suffix not in (".xml", ".atom"):
            continue
        archive = blogport.read(path)
        files, _ = markdown.render(archive, tmp_path, WriteOptions(flavor="plain", jobs=1))
        anchors = sum(len(re.findall(r'<a id="c\d+"></a>', text)) for text in files.values())
        assert anchors == sum(1 for _ in archive.all_comments()), path.name
        assert len([f for f in files if not f.startswith("_blogport/")]) == len(archive.posts)


def test_scheduled_post_keeps_its_future_date(tmp_path: Path) -> None:
    future = datetime.now(UTC) + timedelta(days=400)
    archive = Archive(blog=Blog(title="b"), posts=(Post(id="1", title="Later", status="scheduled", published=future),))
    site = tmp_path / "s"
    blogport.write(archive, site, "markdown", WriteOptions(flavor="hugo", jobs=1))
    assert front(site / "content/posts/later.md")["date"] == future.isoformat(timespec="microseconds") or front(
        site / "content/posts/later.md"
    )["date"].startswith(future.strftime("%Y-%m-%dT%H:%M:%S"))
    public = built(site, "hugo")
    assert not (public / "posts/later").exists()  # Hugo does not publish future posts by default


def test_a_symlinked_folder_cannot_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "content").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="outside the output folder"):
        blogport.write(blogport.read(CLASSIC_SAMPLE), site, "markdown", WriteOptions(flavor="hugo", jobs=1))
    assert list(outside.iterdir()) == []


def test_cli_markdown(tmp_path: Path) -> None:
    from blogport.cli import main

    site = tmp_path / "site"
    assert main(["convert", str(TAKEOUT_SAMPLE), "--to", "markdown", "--flavor", "jekyll", "-o", str(site), "-q"]) == 0
    assert (site / "_config.yml").exists() and (site / "_blogport/report.md").exists()
    assert main(["convert", str(TAKEOUT_SAMPLE), "--to", "markdown", "-o", "-", "-q"]) == 2


def test_parallel_rendering_matches_serial(tmp_path: Path) -> None:
    posts = []
    for i in range(260):
        comments = (Comment(id=f"9{i}", post_id=str(i + 1), content="<p>merci <b>beaucoup</b></p>" * 20),)
        posts.append(
            Post(
                id=str(i + 1),
                title=f"Billet {i}",
                content="<p>" + "texte é " * 1200 + "</p>",
                published=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=i),
                comments=comments,
            )
        )
    archive = Archive(blog=Blog(title="b"), posts=tuple(posts))
    serial, _ = markdown.render(archive, tmp_path, WriteOptions(flavor="hugo", jobs=1))
    parallel, _ = markdown.render(archive, tmp_path, WriteOptions(flavor="hugo", jobs=2))
    assert parallel == serial


def test_html_corpus_pages_to_markdown(corpus: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for file in (corpus / "blogger-html").glob("*.html"):
        if "dynamic-views" not in file.name:
            (pages / file.name).write_bytes(file.read_bytes())
    for archive in blogport.read_all(pages):
        files, _ = markdown.render(archive, tmp_path / "site", WriteOptions(flavor="hugo", jobs=1))
        anchors = sum(len(re.findall(r'<a id="c\d+"></a>', text)) for text in files.values())
        assert anchors == sum(1 for _ in archive.all_comments())
        assert len([f for f in files if f.startswith("content/")]) == len(archive.posts)
