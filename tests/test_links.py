"""blogport.links: every spelling of a same-blog address is recognised; other sites never are."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogport import Archive, Blog, Post
from blogport.links import SameBlog, Target, host_key

POST = Post(id="1", title="Un", url="http://carnet.blogspot.com/2013/02/un-billet.html")
PAGE = Post(id="2", kind="page", title="À propos", url="http://carnet.blogspot.com/p/a-propos.html")
CUSTOM = Post(id="3", title="Trois", url="https://www.carnet.example.org/2014/05/trois.html")
ARCHIVE = Archive(blog=Blog(title="Carnet", url="http://carnet.blogspot.com/"), posts=(POST, PAGE, CUSTOM))


@pytest.fixture
def links() -> SameBlog:
    return SameBlog(ARCHIVE)


@pytest.mark.parametrize(
    "url",
    [
        "http://carnet.blogspot.com/2013/02/un-billet.html",
        "https://carnet.blogspot.com/2013/02/un-billet.html",
        "https://www.carnet.blogspot.com/2013/02/un-billet.html",
        "http://carnet.blogspot.fr/2013/02/un-billet.html",
        "http://carnet.blogspot.co.uk/2013/02/un-billet.html",
        "https://CARNET.blogspot.com.br/2013/02/un-billet.html?m=1",
        "https://carnet.example.org/2013/02/un-billet.html",  # the custom domain one post carries
        "//carnet.blogspot.com/2013/02/un-billet.html",
    ],
)
def test_every_host_variant_of_a_post_is_that_post(links: SameBlog, url: str) -> None:
    target = links.classify(url, base="http://carnet.blogspot.com/2014/01/x.html")
    assert target == Target(kind="post", post=POST)


def test_relative_links_resolve_against_the_base(links: SameBlog) -> None:
    base = "http://carnet.blogspot.com/2014/05/autre.html"
    assert links.classify("../../2013/02/un-billet.html", base=base) == Target(kind="post", post=POST)
    assert links.classify("/p/a-propos.html", base=base) == Target(kind="page", post=PAGE)
    assert links.classify("/p/a-propos.html") is None  # no base: a path alone names no blog


def test_show_comment_becomes_the_comment_anchor(links: SameBlog) -> None:
    target = links.classify("http://carnet.blogspot.com/2013/02/un-billet.html?showComment=1360921320000")
    assert target is not None and target.fragment == "c1360921320000"
    target = links.classify("http://carnet.blogspot.com/2013/02/un-billet.html?showComment=1#c42")
    assert target is not None and target.fragment == "c42"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://carnet.blogspot.com/search/label/r%C3%A9seaux%20sociaux",
            Target(kind="label", label="réseaux sociaux"),
        ),
        ("http://carnet.blogspot.com/search/label/Mesure?max-results=20", Target(kind="label", label="Mesure")),
        ("http://carnet.blogspot.com/2013/02/", Target(kind="month", year=2013, month=2)),
        ("http://carnet.blogspot.com/2013_02_01_archive.html", Target(kind="month", year=2013, month=2)),
        ("http://carnet.blogspot.com/2013/", Target(kind="year", year=2013)),
        ("http://carnet.blogspot.com/", Target(kind="home")),
        ("http://carnet.blogspot.com/?m=1", Target(kind="home")),
        ("http://carnet.blogspot.com/search?updated-max=2013-02-15T09:30:00%2B01:00", Target(kind="home")),
    ],
)
def test_listing_pages(links: SameBlog, url: str, expected: Target) -> None:
    assert links.classify(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://autre.blogspot.com/2013/02/un-billet.html",
        "http://example.org/2013/02/un-billet.html",
        "mailto:carnet@blogspot.com",
        "javascript:alert(1)",
        "http://carnet.blogspot.com/feeds/posts/default",
        "http://carnet.blogspot.com/2013/13/",
        "http://[::1/x",
    ],
)
def test_other_addresses_are_not_ours(links: SameBlog, url: str) -> None:
    assert links.classify(url) is None


def test_links_to_posts_not_in_the_input_are_counted_and_kept(links: SameBlog) -> None:
    missing: Counter[str] = Counter()
    url = "https://carnet.blogspot.com/2012/11/disparu.html"
    assert links.rewrite(url, lambda target: "never", missing=missing) == url
    links.rewrite(url + "?m=1", lambda target: "never", missing=missing)
    links.rewrite("http://carnet.blogspot.com/p/perdue.html", lambda target: "never", missing=missing)
    assert missing == Counter({"/2012/11/disparu.html": 2, "/p/perdue.html": 1})


def test_rewrite_goes_through_the_writers_function(links: SameBlog) -> None:
    def to(target: Target) -> str | None:
        if target.post is None:
            return None
        return f"local/{target.post.id}.html" + (f"#{target.fragment}" if target.fragment else "")

    assert links.rewrite("https://carnet.blogspot.de/2013/02/un-billet.html#c9", to) == "local/1.html#c9"
    assert links.rewrite("http://carnet.blogspot.com/2013/", to) == "http://carnet.blogspot.com/2013/"  # None: kept


def test_extra_hosts_and_host_keys() -> None:
    assert host_key("WWW.Carnet.Blogspot.CO.UK:80") == "carnet.blogspot.com"
    assert host_key("user@example.org") == "example.org"
    links = SameBlog(ARCHIVE, extra_hosts=["blog.example.net"])
    assert links.is_same_blog("https://blog.example.net/2013/02/un-billet.html")
    assert not links.is_same_blog("https://example.net/")


slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
hosts = st.sampled_from(
    ["http://b.blogspot.com", "https://b.blogspot.com", "https://www.b.blogspot.fr", "http://b.blogspot.com.au"]
)


@given(
    st.lists(st.tuples(st.integers(2000, 2030), st.integers(1, 12), slugs), min_size=1, max_size=8, unique=True),
    hosts,
    st.data(),
)
def test_any_post_under_any_host_variant_is_found(
    paths: list[tuple[int, int, str]], host: str, data: st.DataObject
) -> None:
    posts = tuple(
        Post(id=str(i), url=f"http://b.blogspot.com/{y:04d}/{m:02d}/{s}.html") for i, (y, m, s) in enumerate(paths)
    )
    links = SameBlog(Archive(blog=Blog(url="http://b.blogspot.com/"), posts=posts))
    post = data.draw(st.sampled_from(posts))
    suffix = data.draw(st.sampled_from(["", "?m=1", "?m=0#comments", "?showComment=77"]))
    target = links.classify(host + post.url.split(".com", 1)[1] + suffix)
    assert target is not None and target.post == post
