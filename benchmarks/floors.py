#!/usr/bin/env python3
"""The floors a conversion is measured against: the least any Python reader/writer must pay.

    python benchmarks/floors.py entries|text|json|markdown EXPORT OUT

Each floor adds one cost to the one before it, over the same export (classic or Takeout, both
Atom):

- ``entries``: ``lxml.etree.iterparse`` reporting only ``<entry>`` ends, each freed at once;
- ``text``: the same, plus every element's text inside each entry turned into a Python ``str``
  (what any reader must at least do to hold the content);
- ``json``: plus a dict per entry (tag → text) dumped with ``json.dumps`` to ``OUT`` (the
  JSON writer's minimal work);
- ``markdown``: ``text`` plus ``html-to-markdown`` called once per entry content (each post
  body and each comment: what a Markdown writer calls at least once each), with blogport's
  options, written to ``OUT``.

It runs in its own process (``bench_convert.py`` starts it) and prints nothing but a count.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
ATOM_CONTENT = "{http://www.w3.org/2005/Atom}content"


# blogport's html-to-markdown options (formats/markdown/convert.py CONVERSION_FIELDS), copied so
# the floor does not pay for importing blogport; tests/test_formats.py checks the two are equal.
H2M_FIELDS: dict[str, Any] = {
    "extract_metadata": False,
    "bullets": "-",
    "heading_style": "atx",
    "preserve_tags": ["iframe", "object", "embed", "table", "video", "audio", "form"],
    "escape_misc": True,
    "escape_asterisks": True,
    "escape_underscores": True,
    "hidden_content": "reachable",
}


def entries(path: Path) -> Iterator[Any]:
    """Each ``<entry>`` element of an Atom file, freed (with the entries before it) after use."""
    for _event, element in etree.iterparse(str(path), events=("end",), tag=ATOM_ENTRY):
        yield element
        element.clear()
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]


def texts(entry: Any) -> list[tuple[str, str]]:
    """Every element inside ``entry`` as (tag, text), the text as a Python ``str``."""
    return [(child.tag, child.text or "") for child in entry.iter() if isinstance(child.tag, str)]


def run(kind: str, path: Path, out: Path) -> int:
    """Run one floor over the export at ``path``; returns the number of entries."""
    count = 0
    if kind == "entries":
        for _entry in entries(path):
            count += 1
        return count
    if kind == "text":
        for entry in entries(path):
            texts(entry)
            count += 1
        return count
    with out.open("w", encoding="utf-8") as stream:
        if kind == "json":
            for entry in entries(path):
                stream.write(json.dumps(dict(texts(entry)), ensure_ascii=True))
                stream.write("\n")
                count += 1
            return count
        if kind == "markdown":
            import html_to_markdown

            options = html_to_markdown.ConversionOptions(**H2M_FIELDS)
            for entry in entries(path):
                fields = texts(entry)
                html = next((text for tag, text in fields if tag == ATOM_CONTENT), "")
                stream.write(html_to_markdown.convert(html, options).content or "")
                count += 1
            return count
    raise SystemExit(f"floors: unknown floor {kind!r}")


if __name__ == "__main__":
    print(run(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
