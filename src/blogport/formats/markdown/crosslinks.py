"""Links between posts on a Markdown site: a link to another post, page, label page, month
archive or the home page of the same blog (any host spelling, see :mod:`blogport.links`) lands
on that page of the new site, in the form its generator resolves itself, so a site served
under a sub-path (Hugo's ``baseURL``, Jekyll's ``baseurl``, Pelican's ``SITEURL``) keeps them:

* Hugo: ``{{< relref "posts/slug.md#c1" >}}`` (taxonomy and section pages by their path);
* Jekyll: ``{{ '/2013/02/slug.html#c1' | relative_url }}``;
* Pelican: ``{filename}/slug.md#c1``, ``{tag}label``, ``{index}``;
* plain: the new root-relative URL (``/slug/``); no label or archive pages, so those stay.

How: before conversion each rewritten ``href`` becomes a token (letters and digits, which no
converter, escaper or template guard alters); after the guard the token becomes the link text
above, so the guard never hides the generator's own syntax. Only published posts are link
targets (a generator does not build drafts; Hugo fails on a ``relref`` to a missing page).
Links to posts missing from the input, or to unpublished ones, stay as written and are counted.
``--keep-links`` turns all of this off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

import attrs

from ...links import SameBlog, Target, left_as_written, rewrite_anchors
from ...model import Archive
from ...slugs import ascii_slug
from .plan import Entry

_TOKEN = re.compile(r"BLOGPORTLINK9D2E(\d+)Z")


@attrs.frozen
class Destination:
    """Where a same-blog link lands on the new site, as a flavor's link function receives it."""

    target: Target
    entry: Entry | None  # the written post or page, for post and page targets

    @property
    def fragment(self) -> str:
        """``#c123`` or empty."""
        return f"#{self.target.fragment}" if self.target.fragment else ""

    @property
    def content_path(self) -> str:
        """The entry's file, relative to the generator's content folder."""
        path = self.entry.path if self.entry else ""
        return path.removeprefix("content/")


LinkForm = Callable[[Destination], "str | None"]


@attrs.frozen
class LinkCounts:
    """The links one part of a site left as written."""

    missing: Counter[str]
    unpublished: int


@attrs.define
class SiteLinks:
    """The link texts the tokens of one site stand for, and what was left as written."""

    addresses: list[str] = attrs.Factory(list)
    missing: Counter[str] = attrs.Factory(Counter)  # post paths not in the input
    unpublished: int = 0  # links to drafts, scheduled or trashed posts
    _tokens: dict[str, str] = attrs.Factory(dict)

    def token(self, address: str) -> str:
        """The token that stands for ``address`` until :meth:`finish` (one per distinct address)."""
        token = self._tokens.get(address)
        if token is None:
            token = self._tokens[address] = f"BLOGPORTLINK9D2E{len(self.addresses)}Z"
            self.addresses.append(address)
        return token

    def finish(self, text: str, in_raw_block: bool = False) -> str:
        """``text`` with each token replaced by its link; ``in_raw_block`` for a Liquid-guarded body."""
        if "BLOGPORTLINK9D2E" not in text:
            return text

        def one(match: re.Match[str]) -> str:
            address = self.addresses[int(match.group(1))]
            if in_raw_block and "{{" in address:
                return "{% endraw %}" + address + "{% raw %}"
            return address

        text = _TOKEN.sub(one, text)
        # A sized image (see .media) is a token whose HTML holds its address's token: one more pass.
        return _TOKEN.sub(one, text) if "BLOGPORTLINK9D2E" in text else text

    def absorb(self, counts: LinkCounts) -> None:
        """Add what another part of the site left as written (a worker's :meth:`counts`)."""
        self.missing.update(counts.missing)
        self.unpublished += counts.unpublished

    def counts(self) -> LinkCounts:
        """What was left as written, without the tokens (small enough to send between processes)."""
        return LinkCounts(missing=self.missing, unpublished=self.unpublished)

    def warnings(self) -> list[str]:
        """What the report and stderr say about links left as written."""
        return left_as_written(self.missing, self.unpublished)


class LinkPlanner:
    """What tokenising one entry's same-blog links needs of the whole site, built once.

    Built in the main process before workers fork, so each worker tokenises its own entries
    (:meth:`tokenise`) into its own :class:`SiteLinks`; their counts add up (:meth:`SiteLinks.absorb`).
    """

    def __init__(self, archive: Archive, entries: list[Entry], form: LinkForm, inline_comments: bool) -> None:
        self.same_blog = SameBlog(archive)
        self.by_id = {entry.post.id: entry for entry in entries}
        # A label page exists only when a published post has the label (Hugo fails on a relref to none).
        self.labels = {label for entry in entries if entry.post.status == "published" for label in entry.post.labels}
        self.form = form
        self.inline_comments = inline_comments

    def tokenise(self, entries: Iterable[Entry], links: SiteLinks) -> None:
        """Tokenise every same-blog link of the entries' bodies (and inline comments) in place."""

        def destination(target: Target) -> str | None:
            entry = None
            if target.kind == "label" and target.label not in self.labels:
                return None
            if target.post is not None:
                entry = self.by_id.get(target.post.id)
                if entry is None or entry.post.status != "published":
                    links.unpublished += 1
                    return None
            address = self.form(Destination(target=target, entry=entry))
            return None if address is None else links.token(address)

        for entry in entries:
            post = entry.post

            def rewrite(url: str, base: str | None = post.url) -> str:
                return self.same_blog.rewrite(url, destination, base=base, missing=links.missing)

            html = rewrite_anchors(post.content, rewrite)
            if html != post.content:
                entry.html = html
            if self.inline_comments:
                for comment in post.all_comments():
                    text = rewrite_anchors(comment.content, rewrite)
                    if text != comment.content:
                        entry.comment_html[comment.id] = text


def _site_url(destination: Destination, *, by_content_path: bool, tag_url: Callable[[str], str], listing: str) -> str:
    """The new site's URL for ``destination``: its post or page (by source path or by URL), its label's
    page, the archive ``listing`` for a month or a year, else the home page."""
    target = destination.target
    if destination.entry is not None:
        base = destination.content_path if by_content_path else destination.entry.new_url
        return base + destination.fragment
    if target.kind == "label":
        return tag_url(target.label or "")
    return listing if target.kind in ("month", "year") else "/"


def hugo_link(destination: Destination) -> str | None:
    """Hugo resolves ``relref`` itself, with the site's ``baseURL`` path."""
    from .site import hugo_tag_url

    path = _site_url(
        destination, by_content_path=True, tag_url=lambda label: hugo_tag_url(label).rstrip("/"), listing="/posts"
    )
    return '{{< relref "' + path.replace('"', "%22") + '" >}}'


def jekyll_link(destination: Destination) -> str | None:
    """Jekyll's ``relative_url`` filter adds the site's ``baseurl``."""
    from .site import jekyll_tag_url

    url = _site_url(destination, by_content_path=False, tag_url=jekyll_tag_url, listing="/archives.html")
    return "{{ '" + url.replace("'", "%27") + "' | relative_url }}"


def pelican_link(destination: Destination) -> str | None:
    """Pelican replaces ``{filename}``, ``{tag}`` and ``{index}`` with the page's URL under ``SITEURL``."""
    target = destination.target
    if destination.entry is not None:
        return "{filename}/" + destination.content_path + destination.fragment
    if target.kind == "label":  # by its slug: a label with spaces would cut the Markdown link
        return "{tag}" + (ascii_slug(target.label or "") or "tag")
    return "{index}"


def plain_link(destination: Destination) -> str | None:
    """Plain files have no label or archive pages: only posts, pages and the home page are rewritten."""
    if destination.entry is not None:
        return destination.entry.new_url + destination.fragment
    return "/" if destination.target.kind == "home" else None
