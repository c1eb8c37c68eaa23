"""Every corpus export and saved page set becomes a valid archive site, and no body loses a word.

Skipped when ../shared/corpus is absent (a fresh clone elsewhere).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

import blogport
from blogport import Archive, WriteOptions
from blogport.formats.html_site.plan import plan_site
from htmlsite_fixtures import check_structure
from paths import CORPUS

ATOM = CORPUS / "blogger-atom"
HTML = CORPUS / "blogger-html"
EXPORTS = sorted(p for p in ATOM.glob("*") if p.suffix in (".xml", ".atom")) if ATOM.is_dir() else []
OPTIONS = WriteOptions(jobs=1, include_drafts=True, include_trashed=True)
_WORD = re.compile(r"\w+")
_HIDDEN = ("script", "style", "noscript", "iframe", "template")


def words(fragment: str) -> Counter[str]:
    """The words a reader sees in an HTML fragment (not inside scripts, styles or embeds)."""
    if not fragment.strip():
        return Counter()
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for hidden in root.xpath("|".join(f"//{tag}" for tag in _HIDDEN)):
        hidden.drop_tree()
    return text_words(root)


def text_words(element: lxml_html.HtmlElement) -> Counter[str]:
    # Pieces joined with a space: "<br>" between two words must not glue them together.
    return Counter(_WORD.findall(" ".join(element.itertext())))


def check_no_word_lost(site: Path, archive: Archive) -> int:
    checked = 0
    for entry in plan_site(archive, OPTIONS).entries:
        page = lxml_html.parse(str(site / entry.path)).getroot()
        shown = text_words(page.xpath("//main/article/div[@class='e-content']")[0])
        missing = words(entry.post.content) - shown
        assert not missing, (entry.path, dict(missing))
        for comment in entry.post.all_comments():
            node = page.xpath(f"//li[@id='c{comment.id}']/article/div[contains(@class, 'e-content')]")[0]
            missing = words(comment.content) - text_words(node)
            assert not missing, (entry.path, comment.id, dict(missing))
        checked += 1
    return checked


@pytest.mark.parametrize("path", EXPORTS, ids=[p.name for p in EXPORTS])
def test_every_export_becomes_a_site(path: Path, corpus: Path, tmp_path: Path) -> None:
    for number, archive in enumerate(blogport.read_all(path)):
        site = tmp_path / f"site{number}"
        blogport.write(archive, site, "html", OPTIONS)
        check_structure(site, archive, OPTIONS)
        assert check_no_word_lost(site, archive) == len(archive.posts)


def test_the_saved_pages_become_sites(corpus: Path, tmp_path: Path) -> None:
    pages = [p for p in sorted(HTML.glob("*.html")) if "dynamic-views" not in p.name]
    archives = blogport.read_all(pages)
    assert len(archives) >= 5
    for number, archive in enumerate(archives):
        site = tmp_path / f"site{number}"
        blogport.write(archive, site, "html", OPTIONS)
        check_structure(site, archive, OPTIONS)
        assert check_no_word_lost(site, archive) == len(archive.posts)
