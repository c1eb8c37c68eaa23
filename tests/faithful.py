"""The whole-class check of issue 10: a Markdown site, built by its real generator, shows every post's
and every comment's visible text, line breaks and links as the source HTML does (see :mod:`visible`
for what is compared and the whitespace-only tolerance).

Source side: a post body after blogport's pre-pass (:func:`blogport.prepass.prepare`, scripts
dropped), a comment after the commenter rule (:func:`blogport.safety.sanitise_comment`) and the
pre-pass; with ``--keep-html`` the body as kept (scripting URLs removed). The jump-break token
is the ``<!--more-->`` separator on the built page, so it is no text.

Links between posts of the same blog are kept at their source address here (``keep_links``):
pointing them at the new site is by design, and tests/test_links_outputs.py builds each flavor
to check that every such link lands on its new page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import blogport
from blogport import Archive, Comment, Post, WriteOptions
from blogport.prepass import MORE_TOKEN, prepare
from blogport.safety import neutralise_urls, sanitise_comment, without_scripts
from generators import built
from visible import POST_KEY, BuiltPost, View, built_posts, differences, source_view, squeeze

_EMPTY = View(lines=(), links=())


def is_live(post: Post) -> bool:
    """True when a generator publishes the post (published, or scheduled for a time already past)."""
    if post.status == "published":
        return True
    return post.status == "scheduled" and post.published is not None and post.published <= datetime.now(UTC)


def expected_body(post: Post, keep_html: bool) -> View:
    """What the post's source shows (see the module doc)."""
    if keep_html:
        return source_view(neutralise_urls(post.content))
    return _without_more(source_view(without_scripts(prepare(post.content))))


def expected_comment(comment: Comment, comments: str, keep_html: bool) -> View:
    """What the comment's source shows as the flavor writes it (``comments`` = the ``--comments`` mode)."""
    safe = sanitise_comment(comment.content)
    if comments == "data" or keep_html:
        return source_view(safe)
    view = _without_more(source_view(without_scripts(prepare(safe))))
    if comment.status == "deleted" and not view.lines:
        return View(lines=("(deleted)",), links=())
    return view


def _without_more(view: View) -> View:
    lines = tuple(kept for line in view.lines if (kept := line.replace(MORE_TOKEN, "")))
    return View(lines=lines, links=view.links)


def build_and_compare(archive: Archive, site: Path, flavor: str, **options: object) -> list[str]:
    """Write ``archive`` as a ``flavor`` site, build it with the real generator, and list every difference."""
    write_options = WriteOptions(flavor=flavor, jobs=1, keep_links=True, **options)  # type: ignore[arg-type]
    blogport.write(archive, site, "markdown", write_options)
    return compare(archive, built_posts(built(site, flavor)), flavor, **options)


def compare(archive: Archive, shown: dict[str, list[BuiltPost]], flavor: str, **options: object) -> list[str]:
    """Every way the built posts differ from the archive's (empty when the site is faithful)."""
    comments = str(options.get("comments", "inline"))
    keep_html = bool(options.get("keep_html", False))
    problems: list[str] = []
    for post in archive.posts:
        if post.status == "trashed":
            continue
        pages = shown.get(post.id, [])
        if is_live(post) and not pages:
            problems.append(f"{flavor}: post {post.id} {post.title!r} is not on the built site")
        for item in pages:
            where = f"{flavor} {item.page.name} post {post.id} {post.title[:40]!r}"
            problems += _compare_post(post, item, where, flavor, comments, keep_html)
    return problems


def _compare_post(post: Post, item: BuiltPost, where: str, flavor: str, comments: str, keep_html: bool) -> list[str]:
    problems = [
        f"{where}: body: {d}" for d in differences(expected_body(post, keep_html), item.views.get(POST_KEY, _EMPTY))
    ]
    if flavor != "plain" and post.title.strip() and squeeze(item.title) != squeeze(post.title):
        problems.append(f"{where}: title shown as {item.title!r}")
    shown_comments = {key for key in item.views if key != POST_KEY} | set(item.heads)
    if comments == "none" or (comments == "data" and flavor == "plain"):
        return problems + ([f"{where}: comments shown with --comments {comments}"] if shown_comments else [])
    wanted = {comment.id for comment in post.all_comments()}
    if shown_comments - wanted:
        problems.append(f"{where}: comments not in the source: {sorted(shown_comments - wanted)[:5]}")
    for comment in post.all_comments():
        head = item.heads.get(comment.id)
        if head is None:
            problems.append(f"{where}: comment {comment.id} missing")
            continue
        for difference in differences(
            expected_comment(comment, comments, keep_html), item.views.get(comment.id, _EMPTY)
        ):
            problems.append(f"{where}: comment {comment.id}: {difference}")
        author = comment.author
        if author and author.name and squeeze(author.name) not in squeeze(head.text):
            problems.append(f"{where}: comment {comment.id}: head {head.text!r} lacks {author.name!r}")
        if head.blog_author != bool(author and author.is_blog_author):
            problems.append(
                f"{where}: comment {comment.id}: blog-author mark {head.blog_author}, expected the opposite"
            )
    return problems
