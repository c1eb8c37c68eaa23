"""Every real export in ../shared/corpus/blogger-atom reads with its PROVENANCE.md counts.

Skipped when ../shared is absent (a fresh clone elsewhere). The expected figures are read
from PROVENANCE.md itself, not copied here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import blogport
from blogport.cli import main
from paths import CORPUS

ATOM = CORPUS / "blogger-atom"


def provenance_rows() -> list[dict[str, str]]:
    text = (ATOM / "PROVENANCE.md").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.startswith("| shared/corpus/blogger-atom/")]
    header = next(line for line in text.splitlines() if line.startswith("| file"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    return [dict(zip(names, (cell.strip() for cell in line.strip("|").split("|")), strict=True)) for line in lines]


def number(cell: str) -> tuple[int, int | None]:
    """'80 (29)' → (80, 29); '**26**' → (26, None); '51 (1 DRAFT, 50 LIVE)' → (51, 1)."""
    figures = [int(n) for n in re.findall(r"\d+", cell)]
    return figures[0], (figures[1] if len(figures) > 1 else None)


ROWS = provenance_rows() if ATOM.is_dir() else []


@pytest.mark.parametrize("row", ROWS, ids=[Path(r["file (repo-relative)"]).name for r in ROWS])
def test_counts_match_provenance(row: dict[str, str], corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ATOM / Path(row["file (repo-relative)"]).name
    assert main(["info", "--json", str(path)]) == 0
    figures = json.loads(capsys.readouterr().out)
    posts, draft_posts = number(row["posts (drafts)"])
    pages_cell = row["pages (drafts)"]
    pages, draft_pages = number(pages_cell) if pages_cell != "0" else (0, 0)
    assert figures["posts"] == posts
    assert figures["draft_posts"] == draft_posts
    assert figures["pages"] == pages
    assert figures["draft_pages"] == (draft_pages or 0)
    assert figures["comments"] == number(row["comments"])[0]
    assert figures["replies"] == number(row["threaded replies"])[0]
    assert figures["deleted_comments"] == number(row["removed comments"])[0]
    assert figures["authors"] == number(row["distinct authors"])[0]
    assert figures["labels"] == number(row["labels"])[0]
    assert figures["orphan_comments"] == 0


def test_every_comment_entry_of_every_export_reaches_the_json(corpus: Path, tmp_path: Path) -> None:
    for path in sorted(ATOM.iterdir()):
        if path.suffix not in (".xml", ".atom"):
            continue
        raw = path.read_text("utf-8")
        comment_ids = set(
            re.findall(
                r"<id>\s*tag:blogger\.com,1999:blog-\d+\.post-(\d+)\s*</id>(?:(?!</entry>).)*?kind#comment", raw, re.S
            )
        )
        out = tmp_path / f"{path.stem}.json"
        assert main(["convert", str(path), "-o", str(out), "-q"]) == 0
        archive = blogport.read(out)
        assert {c.id for c in archive.all_comments()} == comment_ids
        for post in archive.posts:
            for comment in post.all_comments():
                assert comment.post_id == post.id


def test_old_comments_without_in_reply_to_find_their_posts(corpus: Path) -> None:
    path = ATOM / "classic-kcargile-2012-gpl3.xml"
    expected = {}
    for entry in re.findall(r"<entry>.*?</entry>", path.read_text("utf-8"), re.S):
        if "kind#comment" in entry and "in-reply-to" not in entry:
            cid = re.search(r"\.post-(\d+)</id>", entry).group(1)  # type: ignore[union-attr]
            expected[cid] = re.search(r"/feeds/\d+/(\d+)/comments/default/", entry).group(1)  # type: ignore[union-attr]
    assert len(expected) == 26  # PROVENANCE: 26 comments without thr:in-reply-to
    archive = blogport.read(path)
    found = {c.id: post.id for post in archive.posts for c in post.all_comments() if c.id in expected}
    assert found == expected


def test_real_email_addresses_never_leave_without_keep_emails(corpus: Path) -> None:
    path = ATOM / "classic-kcargile-2012-gpl3.xml"
    real = set(re.findall(r"<email>([^<]+)</email>", path.read_text("utf-8"))) - {"noreply@blogger.com"}
    assert real, "the file has real addresses in author blocks (PROVENANCE)"
    text = blogport.dumps(blogport.read(path))
    assert not any(f'"email":"{address}"' in text for address in real)
    kept = blogport.dumps(blogport.read(path, options=blogport.ReadOptions(keep_emails=True)))
    assert all(f'"email":"{address}"' in kept for address in real)


def test_malformed_pelican_fixture_reads_with_a_warning(corpus: Path) -> None:
    archive = blogport.read(ATOM / "classic-pelican-fixture-2018-agpl3-malformed.xml")
    assert any("not well-formed" in w and ":973:" in w for w in archive.warnings)


def test_french_blog_settings_and_tombstone(corpus: Path) -> None:
    archive = blogport.read(ATOM / "classic-babel-tower-fr-2014.xml")
    assert archive.blog.locale == "fr"
    [tomb] = [c for c in archive.all_comments() if c.status == "deleted"]
    assert "supprimé" in tomb.content
