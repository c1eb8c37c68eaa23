"""The Markdown flavors' names and generators, for the CLI's choices and help.

A light module: the flavors themselves (:mod:`.flavors`) bring the whole Markdown stack with
them, which a run that writes another format never needs.
"""

from __future__ import annotations

GENERATORS: dict[str, str] = {
    "hugo": "Hugo",
    "jekyll": "Jekyll",
    "pelican": "Pelican",
    "plain": "plain files with YAML front matter (Eleventy, Astro, ...)",
}
NAMES = tuple(GENERATORS)
DEFAULT = "hugo"
