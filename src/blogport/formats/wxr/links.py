"""Links between posts in a WXR file: a link to another post, page, label page, month or year
archive or the home page of the same blog (any host spelling, see :mod:`blogport.links`) becomes
the address WordPress gives that page, root-relative (``/2013/02/slug.html``) or, with
``--site-url URL``, absolute:

* a post: ``/%year%/%monthnum%/%postname%.html``, the permalink structure that keeps Blogger's
  paths (*Settings › Permalinks › Custom structure*); ``%postname%`` is the ``wp:post_name``
  written, with the ``-2``, ``-3`` WordPress adds on import when an earlier post of the file
  already has that name;
* a page: ``/<post_name>/``; a label: ``/tag/<slug>/`` (``/category/<slug>/`` with
  ``--labels-as categories``); a month ``/YYYY/MM/``, a year ``/YYYY/``, the home page ``/``;
* a comment permalink (``?showComment=``, ``#c123``) lands on ``#comments``: WordPress gives
  imported comments new ids, so no comment anchor can be known in advance.

Only published posts and pages are targets (drafts have no permalink); links to posts missing
from the input, or unpublished, stay as written and are counted in the warnings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ...links import SameBlog, Target, left_as_written, rewrite_anchors
from ...model import Archive, Post
from ...slugs import ascii_slug, blogger_slug, wordpress_slug


def post_name(post: Post) -> str:
    """The ``wp:post_name`` written for ``post``: its Blogger slug, else one from its title."""
    return wordpress_slug(blogger_slug(post.url) or ascii_slug(post.title) or "")


class WxrLinks:
    """Rewrites same-blog links of post and comment bodies to their WordPress addresses."""

    def __init__(self, archive: Archive, label_slug: Callable[[str], str], labels_as: str, site_url: str | None):
        self.same_blog = SameBlog(archive)
        self.label_slug = label_slug
        for post in archive.posts:  # label slugs given in the order the items will ask for them
            for label in post.labels:
                label_slug(label)
        self.label_base = "/category/" if labels_as == "categories" else "/tag/"
        self.site = (site_url or "").rstrip("/")
        self.missing: Counter[str] = Counter()
        self.unpublished = 0
        self.addresses: dict[str, str] = {}
        self.labels = {label for post in archive.posts for label in post.labels}
        names_taken: dict[str, set[str]] = {"post": set(), "page": set()}
        for post in archive.posts:
            name = post_name(post)
            if not name:
                continue
            taken = names_taken[post.kind]
            unique, suffix = name, 2
            while unique in taken:  # wp_unique_post_slug, in the importer's (file) order
                unique, suffix = f"{name}-{suffix}", suffix + 1
            taken.add(unique)
            if post.status != "published":
                continue
            if post.kind == "page":
                self.addresses[post.id] = f"/{unique}/"
            elif post.published is not None:
                self.addresses[post.id] = f"/{post.published:%Y/%m}/{unique}.html"

    def _address(self, target: Target) -> str | None:
        if target.post is not None:
            path = self.addresses.get(target.post.id)
            if path is None:
                self.unpublished += 1
                return None
        elif target.kind == "label":
            if target.label not in self.labels:  # WordPress has no page for a label no post has
                return None
            path = f"{self.label_base}{self.label_slug(target.label or '')}/"
        elif target.kind == "month":
            path = f"/{target.year:04d}/{target.month:02d}/"
        elif target.kind == "year":
            path = f"/{target.year:04d}/"
        else:
            path = "/"
        fragment = target.fragment
        if fragment.startswith("c") and fragment[1:].isdigit():
            fragment = "comments"
        return self.site + path + (f"#{fragment}" if fragment else "")

    def rewrite(self, html: str, base: str | None) -> str:
        """``html`` with every same-blog link pointing at its WordPress address."""
        return rewrite_anchors(html, lambda url: self.same_blog.rewrite(url, self._address, base, self.missing))

    def warnings(self) -> list[str]:
        """Links left as written, for the writer's warnings."""
        return left_as_written(self.missing, self.unpublished)
