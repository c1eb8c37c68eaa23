"""The record of an archive site's fixed words in one language, and the plural rules that pick a form."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from attrs import frozen
from markupsafe import Markup, escape


def _one_other(count: int) -> str:
    return "one" if count == 1 else "other"


def _zero_and_one(count: int) -> str:
    # French and Brazilian Portuguese use the singular for 0 as for 1 (CLDR).
    return "one" if count in (0, 1) else "other"


def _arabic(count: int) -> str:
    rest = count % 100
    if count in (0, 1, 2):
        return ("zero", "one", "two")[count]
    if 3 <= rest <= 10:
        return "few"
    return "many" if 11 <= rest <= 99 else "other"


def _hebrew(count: int) -> str:
    return {1: "one", 2: "two"}.get(count, "other")


PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "one-other": _one_other,
    "zero-and-one": _zero_and_one,
    "arabic": _arabic,
    "hebrew": _hebrew,
}
"""The plural category (CLDR: zero, one, two, few, many, other) of a whole number, by rule name."""


@frozen(kw_only=True)
class Words:
    """The fixed words of every page, in one language.

    Texts with blanks use ``str.format`` names (``{n}``, ``{title}`` …). A counted text is a
    mapping from plural category to text: every category the language's ``plural_rule`` gives,
    plus an optional ``zero`` used for 0 in any language (Blogger's "Aucun commentaire").
    """

    plural_rule: str  # a key of PLURAL_RULES
    # navigation, listings, posts
    home: str
    archive: str
    labels: str
    orphans: str
    drafts: str
    about: str
    labels_lead: str  # before a post's labels
    originally: str  # before the post's old address
    newer_post: str  # {title}
    older_post: str  # {title}
    pages_lead: str
    no_posts: str
    newer_posts: str
    older_posts: str
    untitled: str
    untitled_blog: str  # the site's title when the blog has none
    comments: Mapping[str, str]  # {n}
    label_heading: str  # {label}
    drafts_heading: str
    no_labels: str
    pages: str
    no_dated_posts: str
    page_heading: str  # {title} {n}: the home's second and later pages
    statuses: Mapping[str, str]  # draft, scheduled, trashed
    footer: str  # {title} {version}
    footer_with_url: str  # {title} {url} {version}
    # threads
    anonymous: str
    blog_author: str
    comment_removed: str  # a deleted comment whose source kept no text
    deeper_replies: Mapping[str, str]  # {n}
    # orphans.html
    orphans_lead: str
    on_post: str  # {post}
    on_post_with_url: str  # {post} {url}
    # about.html
    about_lead: str  # {title} {version} {format}
    about_lead_with_url: str  # {title} {url} {version} {format}
    provenance: str
    input_format: str  # {format}
    source_file: str  # {file}
    exported: str  # {time}
    written_by: str  # {version}
    counts: str
    figures: Mapping[str, str]  # the names of the counts, by blogport.report figure key, and "files"
    warnings: str
    no_warnings: str
    missing_posts: str
    links: Mapping[str, str]  # {n}
    remote_images: str
    remote_images_lead: str

    def form(self, forms: Mapping[str, str], count: int) -> str:
        """The text of ``forms`` that ``count`` takes in this language (``zero`` first for 0), unfilled."""
        if count == 0 and "zero" in forms:
            return forms["zero"]
        return forms[PLURAL_RULES[self.plural_rule](count)]

    def plural(self, forms: Mapping[str, str], count: int) -> str:
        """The form of ``forms`` for ``count`` in this language, its ``{n}`` filled."""
        return self.form(forms, count).format(n=count)

    def comment_count(self, count: int) -> str:
        """``count`` comments, as the heading of a post's thread or in a listing."""
        return self.plural(self.comments, count)

    def link_count(self, count: int) -> str:
        """``count`` links (the about page's list of links to posts not in the archive)."""
        return self.plural(self.links, count)

    def deeper_reply_count(self, count: int) -> str:
        """The summary of a folded run of ``count`` replies too deep to nest."""
        return self.plural(self.deeper_replies, count)


def fill(text: str, **values: object) -> Markup:
    """``text`` escaped, its blanks filled with ``values`` (escaped unless already Markup)."""
    return escape(text).format(**values)
