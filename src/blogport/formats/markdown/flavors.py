"""Markdown flavors as data: one frozen record per site generator.

A record says everything that differs between generators: where posts, pages and drafts go,
each post's new URL (and whether it keeps its old Blogger path), the front matter (which keys,
in which order, from which values of :data:`.content.FRONT_MATTER_VALUES`, in YAML or in
Pelican's metadata header), where ``--comments data`` goes, how old label and archive URLs are
redirected, which template language must be kept from running on a post's text, and the
configuration and layouts written for a site that has none. A new flavor is one record here
plus its site function (configuration and layouts) in :mod:`.site`.

The record's fields are described in :mod:`.flavor`.
"""

from __future__ import annotations

from .content import guard_hugo_shortcodes, guard_liquid
from .crosslinks import hugo_link, jekyll_link, pelican_link, plain_link
from .engines import COMMONMARK, GOLDMARK, KRAMDOWN, PYTHON_MARKDOWN
from .flavor import Flavor
from .media import jekyll_asset_link, pelican_static_link, relative_link
from .names import GENERATORS, NAMES
from .site import hugo_site, hugo_tag_url, jekyll_site, jekyll_tag_url, no_site, pelican_site, pelican_tag_url

_YAML_COMMON = (("tags", "labels"), ("author", "author"))

FLAVORS: dict[str, Flavor] = {
    flavor.name: flavor
    for flavor in (
        Flavor(
            name="hugo",
            generator=GENERATORS["hugo"],
            post_path="content/posts/{slug}{ext}",
            page_path="content/{slug}{ext}",
            post_url="/posts/{slug}/",
            page_url="/{slug}/",
            front_matter=(
                ("title", "title"),
                ("date", "published"),
                ("lastmod", "updated"),
                ("draft", "is_draft"),
                *_YAML_COMMON,
                ("aliases", "old_path_list"),
                ("blogger_id", "blogger_id"),
                ("description", "description"),
            ),
            engine=GOLDMARK,
            link=hugo_link,
            comments_data_folder="data/comments",
            tag_url=hugo_tag_url,
            listing_url="/posts/",
            guard=guard_hugo_shortcodes,
            site=hugo_site,
            media_path="{dir}/{name}",
            media_link=relative_link,
            bundle_post_path="content/posts/{slug}/index{ext}",
            bundle_page_path="content/{slug}/index{ext}",
        ),
        Flavor(
            name="jekyll",
            generator=GENERATORS["jekyll"],
            post_path="_posts/{date}-{slug}{ext}",
            page_path="{slug}{ext}",
            draft_path="_drafts/{slug}{ext}",
            post_url="/{slug}.html",
            page_url="/{slug}.html",
            keeps_old_url=True,
            front_matter=(
                ("layout", "layout"),
                ("title", "title"),
                ("date", "published"),
                ("last_modified_at", "updated"),
                *_YAML_COMMON,
                ("permalink", "old_path"),
                ("published", "unpublished_page"),
                ("blogger_id", "blogger_id"),
            ),
            comments_data_folder="_data/comments",
            engine=KRAMDOWN,
            link=jekyll_link,
            tag_url=jekyll_tag_url,
            listing_url="/archives.html",
            guard=guard_liquid,
            site=jekyll_site,
            media_path="assets/images/{slug}/{name}",
            media_link=jekyll_asset_link,
        ),
        Flavor(
            name="pelican",
            generator=GENERATORS["pelican"],
            post_path="content/{slug}{ext}",
            page_path="content/pages/{slug}{ext}",
            post_url="/{slug}.html",
            page_url="/{slug}.html",
            keeps_old_url=True,
            front_matter=(
                ("Title", "title_or_slug"),
                ("Date", "published"),
                ("Modified", "updated"),
                ("Tags", "labels_joined"),
                ("Slug", "slug"),
                ("Authors", "author_joined"),
                ("Status", "draft_status"),
                ("Save_as", "old_path_relative"),
                ("URL", "old_path_relative"),
                ("Blogger_id", "blogger_id"),
            ),
            header="pelican",
            engine=PYTHON_MARKDOWN,
            link=pelican_link,
            keep_html_document=True,
            comments_data_folder="comments",
            comments_data_note=(
                "Pelican has no data folder: comments were written to comments/<slug>.json, which the theme "
                "blogport writes shows through the blogport_comments filter of its pelicanconf.py"
            ),
            tag_url=pelican_tag_url,
            listing_url="/archives.html",
            site=pelican_site,
            media_path="content/images/{slug}/{name}",
            media_link=pelican_static_link,
        ),
        Flavor(
            name="plain",
            generator=GENERATORS["plain"],
            post_path="{slug}{ext}",
            page_path="{slug}{ext}",
            post_url="/{slug}/",
            page_url="/{slug}/",
            front_matter=(
                ("title", "title"),
                ("date", "published"),
                ("updated", "updated"),
                ("kind", "kind"),
                ("status", "status"),
                ("draft", "is_draft"),
                *_YAML_COMMON,
                ("url", "new_url"),
                ("blogger_url", "blogger_url"),
                ("blogger_path", "old_path"),
                ("blogger_id", "blogger_id"),
                ("description", "description"),
                ("thumbnail", "thumbnail"),
                ("comments", "comments"),
            ),
            engine=COMMONMARK,
            link=plain_link,
            keep_html_extension=".md",
            comments_data_folder=None,
            comments_in_front_matter=True,
            site=no_site,
            media_link=relative_link,
        ),
    )
}


def flavor_named(name: str) -> Flavor:
    """The flavor called ``name``; a usage error names the known ones."""
    from ...errors import UsageError

    try:
        return FLAVORS[name]
    except KeyError:
        raise UsageError(f"unknown Markdown flavor {name!r} (known: {', '.join(NAMES)})") from None
