"""Hypothesis strategies for the model."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from blogport import Archive, Author, Blog, Comment, Location, Post, Provenance
from blogport.threads import build_forest

# Any text a parser could hand us: everything but lone surrogates.
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
optional_texts = st.none() | texts
ids = st.integers(min_value=1, max_value=10**19).map(str)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    offsets,
)
optional_moments = st.none() | moments
authors = st.none() | st.builds(
    Author,
    name=optional_texts,
    uri=optional_texts,
    email=optional_texts,
    avatar=optional_texts,
    is_blog_author=st.booleans(),
)
finite = st.floats(allow_nan=False, allow_infinity=False)


def flat_comments(post_id: str, max_size: int = 12) -> st.SearchStrategy[list[Comment]]:
    """Comments of one post with unique ids whose parents point anywhere (existing, missing, self)."""

    @st.composite
    def build(draw: st.DrawFn) -> list[Comment]:
        comment_ids = draw(st.lists(ids, unique=True, max_size=max_size))
        out = []
        for cid in comment_ids:
            parent = draw(st.none() | st.sampled_from(comment_ids) | ids) if comment_ids else None
            out.append(
                Comment(
                    id=cid,
                    post_id=post_id,
                    parent_id=parent,
                    author=draw(authors),
                    published=draw(optional_moments),
                    updated=draw(optional_moments),
                    content=draw(texts),
                    status=draw(st.sampled_from(["published", "deleted"])),
                    url=draw(optional_texts),
                )
            )
        return out

    return build()


@st.composite
def posts(draw: st.DrawFn, post_id: str) -> Post:
    forest, _ = build_forest(draw(flat_comments(post_id)))
    return Post(
        id=post_id,
        kind=draw(st.sampled_from(["post", "page"])),
        status=draw(st.sampled_from(["published", "draft", "scheduled", "trashed"])),
        title=draw(texts),
        url=draw(optional_texts),
        published=draw(optional_moments),
        updated=draw(optional_moments),
        author=draw(authors),
        labels=tuple(draw(st.lists(texts, max_size=4))),
        content=draw(texts),
        description=draw(optional_texts),
        thumbnail=draw(optional_texts),
        location=draw(
            st.none()
            | st.builds(
                Location,
                name=optional_texts,
                latitude=st.none() | finite,
                longitude=st.none() | finite,
                span=optional_texts,
            )
        ),
        comments=forest,
    )


@st.composite
def archives(draw: st.DrawFn) -> Archive:
    post_ids = draw(st.lists(ids, unique=True, max_size=4))
    orphans, _ = build_forest(draw(flat_comments("0", max_size=4)))
    blog = Blog(
        id=draw(st.none() | ids),
        title=draw(texts),
        url=draw(optional_texts),
        description=draw(optional_texts),
        locale=draw(optional_texts),
        time_zone=draw(optional_texts),
        source=draw(
            st.none()
            | st.builds(
                Provenance, format=texts, files=st.lists(texts, max_size=3).map(tuple), exported=optional_moments
            )
        ),
    )
    return Archive(
        blog=blog,
        posts=tuple(draw(posts(pid)) for pid in post_ids),
        orphan_comments=orphans,
        warnings=tuple(draw(st.lists(texts, max_size=3))),
    )
