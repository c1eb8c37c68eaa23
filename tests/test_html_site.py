"""The HTML archive site: layout, links, safety, threads, determinism, overwrite rules, CLI."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import deque
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings

import blogport
from blogport import Archive, Blog, OutputError, Post
from blogport.cli import main
from blogport.formats.html_site import thread
from blogport.formats.html_site.render import Renderer
from htmlsite_fixtures import build, chain, check_structure, local_target, rich_archive, with_filler
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE
from strategies import archives


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return build(rich_archive(), tmp_path / "site")


def text_of(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


def test_layout(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {
        "index.html",
        "style.css",
        "about.html",
        "labels.html",
        "archive.html",
        "orphans.html",
        "2013/02/premier.html",
        "2013/02/second.html",
        "2013/03/mars.html",
        "p/a-propos.html",
        "2013/02/index.html",
        "2013/03/index.html",
        "search/label/reseaux-sociaux.html",
        "search/label/mesure.html",
        "2013/02/post-33.html",  # untitled, no URL: a stable name from its id
    } <= names
    # drafts, scheduled and trashed posts are left out unless asked for
    assert not any("brouillon" in n or "jete" in n or "plus-tard" in n for n in names)
    assert "drafts.html" not in names
    assert not list(site.parent.glob(".*.part"))  # the staging folder is gone


def test_structure_links_safety_and_threads(site: Path) -> None:
    check_structure(site, rich_archive())


def test_bodies_are_sanitised_and_keep_their_text(site: Path) -> None:
    page = text_of(site, "2013/02/premier.html")
    assert "document.write" not in page and "bad()" not in page and "alert" not in page
    assert "lien piégé" in page and "texte de repli" in page and "La suite." in page
    assert '<a class="embed" href="https://www.youtube.com/embed/abc">iframe · Vidéo</a>' in page
    assert 'href="http://example.org/anim.swf"' in page and 'href="http://example.org/old.swf"' in page
    assert "<iframe" not in page and "<object" not in page and "<embed" not in page
    assert 'style="color:red"' in page and "evil" not in page  # no CSS that loads a file
    assert '<span id="more"></span>' in page  # Blogger's jump break, kept as an anchor
    assert 'data-remote="1"' in page


def test_same_blog_links_become_relative(site: Path) -> None:
    page = text_of(site, "2013/02/premier.html")
    assert 'href="../../2013/02/second.html">le second' in page
    assert 'href="../../2013/02/second.html#c1360000000000">un commentaire' in page
    assert 'href="../../search/label/mesure.html">le label' in page
    assert 'href="../../2013/02/index.html">le mois' in page
    assert 'href="http://carnet.blogspot.com/2012/01/disparu.html"' in page  # not in the input: kept
    assert 'href="../../2013/02/premier.html">premier' in text_of(site, "2013/02/second.html")  # relative in source
    about = text_of(site, "about.html")
    assert "/2012/01/disparu.html (1 lien)" in about and "a reader warning" in about  # a French blog
    assert "http://1.bp.blogspot.com/-a/b/c/s320/photo.jpg" in about  # listed as remote


def test_post_page_shows_what_the_blog_showed(site: Path) -> None:
    page = text_of(site, "2013/02/premier.html")
    assert '<time class="dt-published" datetime="2013-02-01T09:30:00+01:00">' in page  # the source's offset
    assert 'class="p-author h-card">Élodie' in page
    assert '<a class="p-category" href="../../search/label/reseaux-sociaux.html" rel="tag">réseaux sociaux</a>' in page
    assert 'rel="next" href="../../2013/02/post-33.html"' in page
    assert 'rel="prev"' not in page  # the oldest post
    assert 'class="comment p-comment h-cite blog-author"' in page
    assert "Camille &lt;b&gt;" in page and "javascript" not in page  # names escaped, unsafe profile not linked
    assert "Très clair &amp; <b>net</b>." in page
    assert 'class="comment p-comment h-cite deleted"' in page and "Ce commentaire a été supprimé." in page
    assert '<html lang="fr">' in page and "Carnet &lt;numérique&gt;" in page


def test_label_pages_hold_exactly_their_posts(site: Path) -> None:
    parsed = check_structure(site)
    archive = rich_archive()
    for label, expected in (("mesure", {"11", "12"}), ("reseaux-sociaux", {"11"})):
        root = parsed[f"search/label/{label}.html"]
        hrefs = {posixpath.basename(h) for h in root.xpath("//ol[contains(@class,'entries')]//h2/a/@href")}
        paths = {posixpath.basename(p.url or "") for p in archive.posts if p.id in expected}
        assert hrefs == paths
    assert ">Mesure</a> (2)" in text_of(site, "labels.html")


def test_every_published_post_is_reachable_from_the_home_page(tmp_path: Path) -> None:
    archive = rich_archive()
    site = build(archive, tmp_path / "site", per_page=1)
    assert (site / "page/4.html").is_file() and not (site / "page/5.html").exists()
    seen, queue = {"index.html"}, deque(["index.html"])
    parsed = dict(check_structure(site))
    while queue:
        page = queue.popleft()
        for href in parsed[page].xpath("//a/@href"):
            target = local_target(site, page, href)
            if target is not None and target.suffix == ".html":
                name = target.relative_to(site).as_posix()
                if name not in seen:
                    seen.add(name)
                    queue.append(name)
    for post in archive.posts:
        if post.status == "published" and post.url:
            assert post.url.split(".com/", 1)[1] in seen


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*")
            if p.is_file()
        }

    archive = with_filler(rich_archive(), 400)  # large enough for forked workers
    first = digest(build(archive, tmp_path / "a"))
    second = digest(build(archive, tmp_path / "b", jobs=2))
    assert first == second and len(first) > 400


def test_pages_parse_as_html5(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    for path in sorted(site.rglob("*.html")):
        parser.parse(path.read_bytes(), transport_encoding="utf-8")  # raises on any parse error


def test_offline_strict_requests_nothing_remote(tmp_path: Path) -> None:
    site = build(rich_archive(), tmp_path / "site", offline_strict=True)
    parsed = check_structure(site)
    for page, root in parsed.items():
        for src in root.xpath("//*[@src]/@src"):
            assert local_target(site, page, src) is not None, (page, src)
    page = text_of(site, "2013/02/premier.html")
    assert '<a class="remote-image" href="http://1.bp.blogspot.com/-a/b/c/s320/photo.jpg">[Une photo]</a>' in page


def test_drafts_and_trashed_when_asked(tmp_path: Path) -> None:
    site = build(rich_archive(), tmp_path / "site", include_drafts=True, include_trashed=True)
    check_structure(site)
    drafts = text_of(site, "drafts.html")
    for name in ("drafts/brouillon.html", "drafts/plus-tard.html", "2013/02/jete.html"):  # a URL is kept
        assert (site / name).is_file() and name in drafts
    # not listed: the nav's "Brouillons" (before <main>) is the link to drafts.html
    assert "Brouillon" not in text_of(site, "index.html").split("<main>")[1]


def test_right_to_left_locale(tmp_path: Path) -> None:
    site = build(rich_archive(locale="ar_EG"), tmp_path / "site")
    assert '<html lang="ar-EG" dir="rtl">' in text_of(site, "index.html")
    assert '<html lang="und">' in text_of(build(rich_archive(locale=None), tmp_path / "u"), "index.html")  # type: ignore[arg-type]


def test_orphan_comments_page(site: Path) -> None:
    page = text_of(site, "orphans.html")
    assert 'id="c90"' in page and "orpheline" in page and "Sur l&#39;article 99" in page


def test_deep_threads_do_not_recurse_and_keep_every_comment(tmp_path: Path) -> None:
    depth = 10_000
    archive = blogport.threads.assemble(
        Blog(title="Deep", url="http://deep.blogspot.com/"),
        [
            Post(
                id="1",
                title="Deep",
                url="http://deep.blogspot.com/2013/02/deep.html",
                published=chain("1", 1)[0].published,
            )
        ],
        chain("1", depth),
    )
    site = build(archive, tmp_path / "site")
    page = text_of(site, "2013/02/deep.html")
    ids = re.findall(r'<li id="c(\d+)"', page)
    assert sorted(ids) == sorted(str(1000 + i) for i in range(depth))  # each exactly once
    nested, _, flat = page.partition('<details class="deeper">')
    assert nested.count("<ol>") == thread.MAX_NESTING - 1
    assert f"{depth - thread.MAX_NESTING} more replies" in flat
    assert f'<span class="reply-to">↳ <a href="#c{1000 + depth - 2}">' in flat  # each names its parent


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(archives())
def test_any_model_renders_every_comment_once_under_its_parent(
    tmp_path_factory: pytest.TempPathFactory, archive: Archive
) -> None:
    site = tmp_path_factory.mktemp("site")
    options = blogport.WriteOptions(jobs=1, include_drafts=True, include_trashed=True)
    blogport.write(archive, site / "s", "html", options)
    check_structure(site / "s", archive, options)


def test_rerun_and_edited_files(tmp_path: Path) -> None:
    site = build(rich_archive(), tmp_path / "site")
    written = blogport.write(rich_archive(), site, "html", blogport.WriteOptions(jobs=1))
    assert written.paths == ()  # same bytes: nothing rewritten
    (site / "2013/02/premier.html").write_text("edited by hand", "utf-8")
    (site / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="use --force"):
        build(rich_archive(), site)
    assert text_of(site, "2013/02/premier.html") == "edited by hand"
    written = blogport.write(rich_archive(), site, "html", blogport.WriteOptions(jobs=1), force=True)
    assert [p.relative_to(site).as_posix() for p in written.paths] == ["2013/02/premier.html"]
    assert (site / "notes.txt").read_text("utf-8") == "mine"  # the user's own files stay
    assert not list(tmp_path.glob(".*.part"))


def test_a_failure_leaves_no_partial_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Renderer, "archive_page", broken)
    with pytest.raises(RuntimeError):
        build(rich_archive(), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_written_through_a_symlink_out_of_the_site(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "2013").symlink_to(outside)
    with pytest.raises(OutputError, match="outside the output folder"):
        build(
            rich_archive(),
            site,
        )
    assert list(outside.iterdir()) == []


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", f"{out}/", "--per-page", "1", "-q"]) == 0
    assert (out / "index.html").is_file() and (out / "page/2.html").is_file()
    check_structure(out, blogport.read(CLASSIC_SAMPLE))
    capsys.readouterr()
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", str(out), "--per-page", "1"]) == 0
    assert "0 files written" in capsys.readouterr().err  # a re-run changes nothing
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", str(out)]) == 4  # index.html would change
    assert "use --force" in capsys.readouterr().err
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", "-"]) == 2
    assert main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", str(CLASSIC_SAMPLE)]) == 4
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", str(CLASSIC_SAMPLE), "--to", "html", "-o", str(out), "--per-page", "0"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "between 1 and 10000" in err and "Traceback" not in err
    assert main(["convert", str(TAKEOUT_SAMPLE), "--to", "html", "-o", str(tmp_path / "t"), "-q"]) == 0
    check_structure(tmp_path / "t")
    assert main(["formats"]) == 0 and "html" in capsys.readouterr().out
