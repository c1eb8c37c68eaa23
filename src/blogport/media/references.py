"""Every image a blog uses, by key: the variant URLs seen, the sizes hinted, who uses it.

Rules: read only; each body is parsed once (an lxml.html fragment), never searched with regular
expressions; images are gathered from ``<img src>``, the ``<a href>`` around a thumbnail (which
often names the original size), ``data-original-width/height``, post thumbnails, and, when asked,
comment bodies and commenters' avatars. Blogger's images come from any ``<a href>`` naming one;
another host's only from an ``<img src>`` or an ``<a href>`` that ends in an image extension and
holds an ``<img>`` (a link to a page is not an image). An ``<img src>`` that must not be fetched
(``data:``, ``file:`` …) is gathered too, so the manifest can say it was ``skipped``. Order is
the blog's: posts as the archive holds them, each post's comments after it, orphan comments
last; the first user of an image comes first.
"""

from __future__ import annotations

from attrs import define, frozen
from lxml import etree
from lxml import html as lxml_html

from ..model import Archive, Author, Comment
from .imageurls import BloggerImage, has_image_extension, parse_image_url, parse_reference


@frozen
class ImageUse:
    """One image (one key) and everything the blog says about it.

    ``urls``: every variant URL as written, first seen first; ``linked``: those found in an
    ``<a href>``; ``shown``: those found in an ``<img src>``, a thumbnail or an avatar;
    ``largest_seen``: the largest size any variant asks for; ``original_edge``: the longest
    ``data-original-width/height`` given; ``used_by``: post and comment ids, first user first.
    """

    key: str
    image: BloggerImage
    urls: tuple[str, ...]
    linked: tuple[str, ...]
    shown: tuple[str, ...]
    largest_seen: int | None
    original_edge: int | None
    used_by: tuple[str, ...]

    def candidates(self) -> tuple[str, ...]:
        """The URLs to fetch, original size first (see :meth:`BloggerImage.candidates`)."""
        return self.image.candidates(
            largest_seen=self.largest_seen,
            original_edge=self.original_edge,
            linked=self.linked,
            shown=self.shown,
        )


@define
class _Gathering:
    image: BloggerImage
    urls: dict[str, None]
    linked: dict[str, None]
    shown: dict[str, None]
    used_by: dict[str, None]
    largest_seen: int | None = None
    original_edge: int | None = None

    def frozen(self) -> ImageUse:
        return ImageUse(
            key=self.image.key,
            image=self.image,
            urls=tuple(self.urls),
            linked=tuple(self.linked),
            shown=tuple(self.shown),
            largest_seen=self.largest_seen,
            original_edge=self.original_edge,
            used_by=tuple(self.used_by),
        )


class _Collector:
    def __init__(self) -> None:
        self.found: dict[str, _Gathering] = {}

    def add(
        self,
        url: str | None,
        user: str,
        *,
        linked: bool,
        entities: bool,
        edge: int | None = None,
        any_host: bool = True,
    ) -> None:
        if not url:
            return
        if not any_host:
            image = parse_image_url(url, entities=entities)
        else:
            image = parse_reference(url, entities=entities, unfetchable=not linked)
        if image is None:
            return
        gathering = self.found.get(image.key)
        if gathering is None:
            gathering = self.found[image.key] = _Gathering(image, {}, {}, {}, {})
        elif not linked and not gathering.shown:
            gathering.image = image  # the URL as shown is the best base for variants
        gathering.urls[image.url] = None
        (gathering.linked if linked else gathering.shown)[image.url] = None
        gathering.used_by[user] = None
        if image.size and (gathering.largest_seen or 0) < image.size:
            gathering.largest_seen = image.size
        if edge and (gathering.original_edge or 0) < edge:
            gathering.original_edge = edge

    def add_body(self, body: str, user: str) -> None:
        if "<" not in body:
            return
        try:
            root = lxml_html.fragment_fromstring(body, create_parent="div")
        except (etree.ParserError, ValueError):
            return
        for element in root.iter("img", "a"):
            if element.tag == "a":
                href = element.get("href")
                around_image = (
                    bool(href) and has_image_extension(href or "") and next(element.iter("img"), None) is not None
                )
                self.add(href, user, linked=True, entities=False, any_host=around_image)
                continue
            self.add(element.get("src"), user, linked=False, entities=False, edge=_original_edge(element))

    def add_avatar(self, author: Author | None, user: str) -> None:
        if author is not None:
            self.add(author.avatar, user, linked=False, entities=True)


def _original_edge(element: lxml_html.HtmlElement) -> int | None:
    edges = [element.get("data-original-width"), element.get("data-original-height")]
    numbers = [int(edge) for edge in edges if edge and edge.strip().isdigit()]
    return max(numbers, default=0) or None


def collect_images(archive: Archive, *, comments: bool, avatars: bool) -> dict[str, ImageUse]:
    """Every image ``archive`` uses, by key, in the blog's order (see the module rules).

    ``comments``: also images in comment bodies; ``avatars``: also authors' and commenters' avatars.
    """
    collector = _Collector()
    for post in archive.posts:
        collector.add_body(post.content, post.id)
        collector.add(post.thumbnail, post.id, linked=False, entities=True)
        if avatars:
            collector.add_avatar(post.author, post.id)
        if comments or avatars:
            for comment in post.all_comments():
                _add_comment(collector, comment, comments=comments, avatars=avatars)
    if comments or avatars:
        for top in archive.orphan_comments:
            for comment in top.walk():
                _add_comment(collector, comment, comments=comments, avatars=avatars)
    return {key: gathering.frozen() for key, gathering in collector.found.items()}


def _add_comment(collector: _Collector, comment: Comment, *, comments: bool, avatars: bool) -> None:
    if comments:
        collector.add_body(comment.content, comment.id)
    if avatars:
        collector.add_avatar(comment.author, comment.id)
