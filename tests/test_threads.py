"""Threading: any order gives the same tree; nothing is lost; cycles and depth are safe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from blogport import Blog, Comment, Post
from blogport.threads import assemble, build_forest
from strategies import flat_comments

UTC = UTC


def at(minutes: int) -> datetime:
    return datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)


def flatten(forest: tuple[Comment, ...]) -> list[Comment]:
    return [c for top in forest for c in top.walk()]


@given(flat_comments("1"), st.randoms())
def test_any_permutation_gives_the_same_tree(comments: list[Comment], rnd: st.SearchStrategy) -> None:
    shuffled = list(comments)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert build_forest(shuffled)[0] == build_forest(comments)[0]


@given(flat_comments("1"))
def test_no_comment_is_lost_or_changed(comments: list[Comment]) -> None:
    forest, _ = build_forest(comments)
    out = flatten(forest)
    assert sorted(c.id for c in out) == sorted(c.id for c in comments)
    original = {c.id: c for c in comments}
    for comment in out:
        source = original[comment.id]
        assert (comment.parent_id, comment.content, comment.published, comment.status) == (
            source.parent_id,
            source.content,
            source.published,
            source.status,
        )


@given(flat_comments("1"))
def test_tree_edges_follow_parent_ids_and_children_are_in_time_order(comments: list[Comment]) -> None:
    forest, _ = build_forest(comments)
    for top in forest:
        for node in top.walk():
            for reply in node.replies:
                assert reply.parent_id == node.id
            keys = [(r.published is None, r.published or at(0)) for r in node.replies]
            assert keys == sorted(keys)


def test_missing_parent_goes_to_top_level_and_keeps_its_parent_id() -> None:
    forest, _ = build_forest([Comment(id="2", post_id="1", parent_id="404", published=at(1))])
    assert forest[0].id == "2" and forest[0].parent_id == "404"


def test_self_parent_and_cycles_cannot_hang_or_lose() -> None:
    comments = [
        Comment(id="1", parent_id="1", published=at(1)),
        Comment(id="2", parent_id="4", published=at(2)),
        Comment(id="3", parent_id="2", published=at(3)),
        Comment(id="4", parent_id="3", published=at(4)),
        Comment(id="5", parent_id="3", published=at(5)),
    ]
    forest, warnings = build_forest(comments)
    assert [c.id for c in forest] == ["1", "2"]  # the cycle 2→4→3→2 is opened at its earliest member
    assert sorted(c.id for c in flatten(forest)) == ["1", "2", "3", "4", "5"]
    assert any("cycle" in w for w in warnings)


def test_depth_is_unbounded() -> None:
    depth = 50_000
    chain = [Comment(id=str(i), parent_id=str(i - 1) if i else None, published=at(i)) for i in range(depth)]
    forest, _ = build_forest(reversed(chain))
    assert len(forest) == 1
    assert sum(1 for _ in forest[0].walk()) == depth


def test_children_sorted_by_utc_time_across_offsets() -> None:
    paris = timezone(timedelta(hours=1))
    comments = [
        Comment(id="1", published=at(0)),
        Comment(id="3", parent_id="1", published=datetime(2020, 1, 1, 1, 30, tzinfo=paris)),  # 00:30 UTC
        Comment(id="2", parent_id="1", published=datetime(2020, 1, 1, 0, 45, tzinfo=UTC)),
    ]
    forest, _ = build_forest(comments)
    assert [r.id for r in forest[0].replies] == ["3", "2"]


def test_assemble_keeps_orphans_and_matches_posts_by_permalink() -> None:
    posts = [Post(id="1", url="http://b.blogspot.com/2020/01/a.html")]
    comments = [
        Comment(id="10", post_id=None, url="https://b.blogspot.com/2020/01/a.html?showComment=1#c10"),
        Comment(id="11", post_id="99"),
        Comment(id="12", post_id="99", parent_id="11"),
    ]
    archive = assemble(Blog(title="b"), posts, comments)
    assert [c.id for c in archive.posts[0].comments] == ["10"]
    assert archive.posts[0].comments[0].post_id == "1"
    assert [c.id for c in archive.orphan_comments] == ["11"]
    assert archive.orphan_comments[0].replies[0].id == "12"
    assert any("orphan_comments" in w for w in archive.warnings)


@given(st.lists(flat_comments("1", max_size=6), max_size=3))
def test_assemble_loses_nothing(groups: list[list[Comment]]) -> None:
    posts = [Post(id="1")]
    flat = {c.id: c for group in groups for c in group}  # unique ids across groups
    archive = assemble(Blog(), posts, list(flat.values()))
    assert sorted(c.id for c in archive.all_comments()) == sorted(flat)
