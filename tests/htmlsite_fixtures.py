"""Archives made for the HTML site tests (our own data), and the checks every built site must pass."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

import blogport
from blogport import Archive, Author, Blog, Comment, Post, Provenance, WriteOptions
from blogport.formats.html_site.plan import plan_site
from blogport.threads import build_forest

PARIS = timezone(timedelta(hours=1))
BLOG_URL = "http://carnet.blogspot.com/"
OWNER = Author(name="Élodie", uri="https://www.blogger.com/profile/1", is_blog_author=True)
READER = Author(name="Camille <b>", uri="javascript:alert(1)")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2013, 2, day, hour, 30, tzinfo=PARIS)


def chain(post_id: str, length: int, start: int = 1000) -> list[Comment]:
    """A thread where each comment answers the one before (``length`` deep)."""
    return [
        Comment(
            id=str(start + i),
            post_id=post_id,
            parent_id=str(start + i - 1) if i else None,
            author=READER,
            published=at(20) + timedelta(minutes=i),
            content=f"reply number {i}",
        )
        for i in range(length)
    ]


def rich_archive(locale: str = "fr", deep: int = 5) -> Archive:
    """Posts linking each other under several host spellings, a page, drafts, threads, orphans, embeds."""
    first = Post(
        id="11",
        title="Premier billet",
        url="http://carnet.blogspot.com/2013/02/premier.html",
        published=at(1),
        author=OWNER,
        labels=("réseaux sociaux", "Mesure"),
        content=(
            '<p>Voir <a href="https://carnet.blogspot.fr/2013/02/second.html?m=1">le second</a>, '
            '<a href="/2013/02/second.html?showComment=1360000000000">un commentaire</a>, '
            '<a href="http://carnet.blogspot.com/search/label/Mesure">le label</a>, '
            '<a href="http://carnet.blogspot.com/2013/02/">le mois</a> et '
            '<a href="http://carnet.blogspot.com/2012/01/disparu.html">un billet perdu</a>.</p>'
            "<script>document.write('x')</script>"
            '<img src="http://1.bp.blogspot.com/-a/b/c/s320/photo.jpg" alt="Une photo" onerror="alert(1)">'
            '<a href="javascript:alert(2)">lien piégé</a>'
            '<iframe src="https://www.youtube.com/embed/abc" title="Vidéo">fallback <script>bad()</script></iframe>'
            '<object data="http://example.org/anim.swf">texte de repli</object>'
            '<embed src="http://example.org/old.swf">'
            '<a name="more"></a><p style="color: red; background: url(http://evil/x.png)">La suite.</p>'
        ),
    )
    second = Post(
        id="12",
        title="Second billet",
        url="http://carnet.blogspot.com/2013/02/second.html",
        published=at(10),
        author=OWNER,
        labels=("Mesure",),
        content='<p>Retour au <a href="premier.html">premier</a>.</p>',
    )
    third = Post(
        id="13",
        title="Mars",
        url="http://carnet.blogspot.com/2013/03/mars.html",
        published=datetime(2013, 3, 2, 18, 5, tzinfo=PARIS),
        content="<p>Un billet de mars.</p>",
    )
    page = Post(
        id="20", kind="page", title="À propos", url="http://carnet.blogspot.com/p/a-propos.html", content="Qui."
    )
    draft = Post(id="30", status="draft", title="Brouillon", content="<p>pas fini</p>")
    scheduled = Post(id="31", status="scheduled", title="Plus tard", published=at(28), content="<p>demain</p>")
    trashed = Post(id="32", status="trashed", title="Jeté", url="http://carnet.blogspot.com/2013/02/jete.html")
    untitled = Post(id="33", title="", url=None, published=at(5), content="<p>sans titre</p>")
    comments = [
        Comment(id="1", post_id="11", author=READER, published=at(1, 11), content="Très clair &amp; <b>net</b>."),
        Comment(id="2", post_id="11", parent_id="1", author=OWNER, published=at(1, 12), content="Merci."),
        Comment(id="3", post_id="11", parent_id="2", published=at(1, 13), content="<p>Et la suite ?</p>"),
        Comment(id="4", post_id="11", status="deleted", published=at(1, 14), content=""),
        Comment(id="5", post_id="11", parent_id="4", published=at(1, 15), content="Réponse au supprimé."),
        Comment(id="1360000000000", post_id="12", published=at(10, 12), content="Sur le second."),
        *chain("13", deep),
    ]
    posts = [first, second, third, page, draft, scheduled, trashed, untitled]
    orphans, _ = build_forest([Comment(id="90", post_id="99", content="orpheline", published=at(3))])
    archive = blogport.threads.assemble(
        Blog(
            id="7",
            title="Carnet <numérique>",
            url=BLOG_URL,
            locale=locale,
            source=Provenance(format="blogger-classic", files=("blog.xml",), exported=at(27)),
        ),
        posts,
        comments,
    )
    return Archive(blog=archive.blog, posts=archive.posts, orphan_comments=orphans, warnings=("a reader warning",))


def with_filler(archive: Archive, count: int, size: int = 3_000) -> Archive:
    """``archive`` plus ``count`` dated posts of ``size`` characters each (enough to fork workers)."""
    filler = tuple(
        Post(
            id=str(5000 + i),
            title=f"Billet {i}",
            url=f"http://carnet.blogspot.com/2012/{1 + i % 12:02d}/billet-{i}.html",
            published=datetime(2012, 1 + i % 12, 1 + i % 28, 8, i % 60, tzinfo=PARIS),
            labels=(f"thème {i % 7}",),
            content=f'<p>{"mot " * (size // 4)}</p><a href="http://carnet.blogspot.com/2013/02/premier.html">un</a>',
        )
        for i in range(count)
    )
    return Archive(archive.blog, archive.posts + filler, archive.orphan_comments, archive.warnings)


def build(archive: Archive, site: Path, **options: object) -> Path:
    options.setdefault("jobs", 1)
    blogport.write(archive, site, "html", WriteOptions(**options))  # type: ignore[arg-type]
    return site


def pages(site: Path) -> Iterator[tuple[str, lxml_html.HtmlElement]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), lxml_html.parse(str(path)).getroot()


def local_target(site: Path, page: str, url: str) -> Path | None:
    """The file a relative link of ``page`` opens, or ``None`` for an outbound address."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return site / page
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def check_structure(
    site: Path, archive: Archive | None = None, options: WriteOptions | None = None
) -> dict[str, lxml_html.HtmlElement]:
    """The checks every site passes; returns the parsed pages by path."""
    parsed = dict(pages(site))
    assert "index.html" in parsed and (site / "style.css").is_file()
    for page, root in parsed.items():
        assert not root.xpath("//script"), page
        for element in root.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (page, name)
                assert not value.strip().lower().startswith(("javascript:", "vbscript:")), (page, name, value)
        for link in root.xpath("//link[@rel='stylesheet']/@href"):
            assert local_target(site, page, link) is not None, (page, link)  # no external stylesheet
        for element in root.xpath("//*[@href or @src]"):
            url = element.get("href") or element.get("src")
            target = local_target(site, page, url)
            if target is None:
                scheme = urlsplit(url).scheme
                assert element.tag == "a" or element.get("data-remote") == "1", (page, element.tag, url)
                assert scheme in ("http", "https", "mailto", "ftp", "tel", "data"), (page, url)
            else:
                assert target.is_file(), (page, url)
                fragment = urlsplit(url).fragment
                if re.fullmatch(r"c\d+|comments", fragment) and target.suffix == ".html":  # anchors we promise
                    ids = parsed[target.relative_to(site).as_posix()].xpath("//@id")
                    assert fragment in ids, (page, url)
    if archive is not None:
        check_threads(parsed, archive, options or WriteOptions())
    return parsed


def check_threads(parsed: dict[str, lxml_html.HtmlElement], archive: Archive, options: WriteOptions) -> None:
    """Every written post shows each of its comments once, each reply inside its parent's ``li``."""
    paths = {entry.post.id: entry.path for entry in plan_site(archive, options).entries}
    threads = [(paths[post.id], post.comments) for post in archive.posts if post.id in paths]
    if archive.orphan_comments:
        threads.append(("orphans.html", archive.orphan_comments))
    for page, tops in threads:
        root = parsed[page]
        stack = [(top, None) for top in tops]
        while stack:
            comment, parent = stack.pop()
            found = root.xpath(f"//li[@id='c{comment.id}']") if comment.id.isdigit() else []
            if comment.id.isdigit():
                assert len(found) == 1, (page, comment.id)
            if parent is not None and found:
                ancestors = {a.get("id") for a in found[0].iterancestors("li")}
                assert f"c{parent}" in ancestors, (comment.id, parent)
            stack.extend((reply, comment.id) for reply in comment.replies)
