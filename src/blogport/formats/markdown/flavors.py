"""Markdown flavors as data: one frozen record per site generator.

A record says everything that differs between generators: where posts, pages and drafts go,
each post's new URL (and whether it keeps its old Blogger path), the front matter (which keys,
in which order, from which values of :data:`.content.FRONT_MATTER_VALUES`, in YAML or in
Pelican's metadata header), where ``--comments data`` goes, how old label and archive URLs are
redirected, which template language must be kept from running on a post's text, and the
configuration and layouts written for a site that has none.

The records are the ``[flavors.<name>]`` tables of the data file ``flavors.toml`` beside this
module, read once at import (:mod:`.data`), in the file's order; the flavor's name is the table's,
its generator the one :data:`.names.GENERATORS` gives that name. Fields that are functions
(``site``, ``link``, ``media_link``, ``tag_url``, ``guard``) and ``engine`` are names in the file,
looked up in this module's tables (``engine`` in :data:`.engines.ENGINES`). A new flavor is one
table in the data file (and its name in :mod:`.names`), plus its site function (configuration and
layouts) in :mod:`.site` and its entries in the tables below when it needs new ones.

The record's fields are described in :mod:`.flavor`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .content import FRONT_MATTER_VALUES, guard_hugo_shortcodes, guard_liquid
from .crosslinks import hugo_link, jekyll_link, pelican_link, plain_link
from .data import DATA, DATA_FILE, check_fields, parse, problem, tables, typed
from .engines import ENGINES, MarkdownEngine, engines_from
from .flavor import Flavor, home_url
from .media import jekyll_asset_link, pelican_static_link, relative_link
from .names import GENERATORS, NAMES
from .site import hugo_site, hugo_tag_url, jekyll_site, jekyll_tag_url, no_site, pelican_site, pelican_tag_url

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Archive
    from .crosslinks import Destination

# The functions the data file names, by the name it gives them.
_SITES: dict[str, Callable[[Archive, Path, list[str]], dict[str, str]]] = {
    "hugo": hugo_site,
    "jekyll": jekyll_site,
    "pelican": pelican_site,
    "none": no_site,
}
_LINKS: dict[str, Callable[[Destination], str | None]] = {
    "hugo": hugo_link,
    "jekyll": jekyll_link,
    "pelican": pelican_link,
    "plain": plain_link,
}
_MEDIA_LINKS: dict[str, Callable[[str, str], str]] = {
    "relative": relative_link,
    "jekyll-asset": jekyll_asset_link,
    "pelican-static": pelican_static_link,
}
_TAG_URLS: dict[str, Callable[[str], str]] = {
    "home": home_url,
    "hugo": hugo_tag_url,
    "jekyll": jekyll_tag_url,
    "pelican": pelican_tag_url,
}
_GUARDS: dict[str, Callable[[str], str]] = {"hugo-shortcodes": guard_hugo_shortcodes, "liquid": guard_liquid}

_FLAGS = frozenset({"keeps_old_url", "keep_html_document", "comments_in_front_matter"})
_HEADERS = ("yaml", "pelican")
_GIVEN = frozenset({"name", "generator"})  # from the table's name, never in the table
_NONE_WHEN_LEFT_OUT = frozenset({"comments_data_folder"})  # TOML has no null: left out is None


def flavors_from(data: Mapping[str, Any], engines: Mapping[str, MarkdownEngine], source: str) -> dict[str, Flavor]:
    """The flavor of each ``[flavors.<name>]`` table of ``data`` (the data file ``source``), in order.

    ``engine`` names one of ``engines``; a table that cannot become its record (an unknown name,
    field or front-matter value, a missing field, a value of the wrong kind) fails with a
    :class:`.data.DataError` naming the file, the flavor and the field.
    """
    named: dict[str, Mapping[str, object]] = {
        "engine": engines,
        "site": _SITES,
        "link": _LINKS,
        "media_link": _MEDIA_LINKS,
        "tag_url": _TAG_URLS,
        "guard": _GUARDS,
    }
    flavors: dict[str, Flavor] = {}
    for name, table in tables(data, "flavors", source).items():
        where = (source, "flavor", name)
        if name not in GENERATORS:
            raise problem(*where, "name", f"not a flavor of names.py (known: {', '.join(NAMES)})")
        check_fields(table, Flavor, _GIVEN, where, _NONE_WHEN_LEFT_OUT)
        fields: dict[str, Any] = {"generator": GENERATORS[name], **dict.fromkeys(_NONE_WHEN_LEFT_OUT)}
        for key in table:
            if key in named:
                fields[key] = _named(named[key], typed(table, key, str, where), key, where)
            elif key == "front_matter":
                fields[key] = _front_matter(table[key], where)
            else:
                fields[key] = typed(table, key, bool if key in _FLAGS else str, where)
        if fields.get("header", "yaml") not in _HEADERS:
            raise problem(*where, "header", f"{fields['header']!r} is neither of {', '.join(_HEADERS)}")
        flavors[name] = Flavor(name=name, **fields)
    return flavors


def _named(table: Mapping[str, object], value: str, key: str, where: tuple[str, str, str]) -> object:
    try:
        return table[value]
    except KeyError:
        raise problem(*where, key, f"unknown name {value!r} (known: {', '.join(table)})") from None


def _front_matter(pairs: object, where: tuple[str, str, str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(pairs, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair) for pair in pairs
    ):
        raise problem(*where, "front_matter", "not a list of [key, value name] pairs of strings")
    for _key, value in pairs:
        if value not in FRONT_MATTER_VALUES:
            raise problem(*where, "front_matter", f"unknown value name {value!r} (see content.FRONT_MATTER_VALUES)")
    return tuple((key, value) for key, value in pairs)


def load(text: str, source: str) -> tuple[dict[str, MarkdownEngine], dict[str, Flavor]]:
    """The engines and flavors of a data file's ``text`` (``source`` names it in errors)."""
    data = parse(text, source)
    engines = engines_from(data, source)
    return engines, flavors_from(data, engines, source)


FLAVORS: dict[str, Flavor] = flavors_from(DATA, ENGINES, DATA_FILE)
"""Every flavor of the data file, by name, in the file's order."""


def flavor_named(name: str) -> Flavor:
    """The flavor called ``name``; a usage error names the known ones."""
    from ...errors import UsageError

    try:
        return FLAVORS[name]
    except KeyError:
        raise UsageError(f"unknown Markdown flavor {name!r} (known: {', '.join(NAMES)})") from None
