"""The oracle on the real corpus: its saved pages wrapped in a WARC read as the same folder does (skipped without it)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

import blogport
import warcbuild as wb
from blogport import Archive
from paths import CORPUS

HTML = CORPUS / "blogger-html"
_CANONICAL = re.compile(rb"<link[^>]+rel=['\"]canonical['\"][^>]*>", re.I)
_HREF = re.compile(rb"href=['\"](https?://[^'\"]+)['\"]")


def url_of(page: bytes, fallback: str) -> str:
    """Where the page was captured: its canonical link (the PROVENANCE.md paths name files, not URLs)."""
    tag = _CANONICAL.search(page)
    found = _HREF.search(tag.group(0)) if tag else None
    return found.group(1).decode() if found else fallback


def comparable(archive: Archive, names: dict[str, str]) -> Archive:
    warnings = []
    for warning in archive.warnings:
        if ": read " in warning and "Blogger page" in warning:  # the WARC's own summary line
            continue
        for name, token in names.items():
            warning = warning.replace(name, token)
        warnings.append(warning)
    return attrs.evolve(archive, blog=attrs.evolve(archive.blog, source=None), warnings=tuple(warnings))


def test_corpus_pages_in_a_warc_read_as_the_folder(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    records = []
    names: dict[str, str] = {}
    for index, file in enumerate(sorted(HTML.glob("*.html"))):
        if "dynamic-views" in file.name:
            continue
        body = file.read_bytes()
        (folder / file.name).write_bytes(body)
        url = url_of(body, f"http://corpus-{index}.invalid/{file.name}")
        records.append(wb.Rec(url, body, date=f"2024-01-{index + 1:02d}T00:00:00Z"))
        names[str(folder / file.name)] = file.name
        names[f"{tmp_path / 'corpus.warc.gz'}!{url}"] = file.name
    warc = wb.write_warc(tmp_path / "corpus.warc.gz", records)
    from_folder = {a.blog.id: a for a in blogport.read_all(folder)}
    from_warc = {a.blog.id: a for a in blogport.read_all(warc)}
    assert set(from_warc) == set(from_folder) and len(from_warc) >= 10
    for blog_id, archive in from_folder.items():
        assert comparable(from_warc[blog_id], names) == comparable(archive, names), blog_id
    assert (
        sum(len(list(a.all_comments())) for a in from_warc.values())
        == sum(len(list(a.all_comments())) for a in from_folder.values())
        > 50
    )
