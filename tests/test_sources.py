"""Listing inputs (sources.py): a plain file's head is read when asked for, not kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogport import InputError
from blogport.sources import HEAD_SIZE, open_inputs


def test_a_listed_file_keeps_no_head_but_gives_it_when_asked(tmp_path: Path) -> None:
    body = b"<html>" + bytes(range(32, 127)) * 2000
    (tmp_path / "page.html").write_bytes(body)
    (document,) = open_inputs([tmp_path])
    assert document._head is None  # a mirror of thousands of pages holds none of them while read
    assert document.head == body[:HEAD_SIZE]
    assert document.first_bytes(10) == body[:10]
    assert document.read_bytes() == body


def test_a_wide_text_file_is_read_as_utf8_from_its_head_on(tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><feed>é</feed>'
    (tmp_path / "feed.xml").write_bytes(text.encode("utf-16"))
    (document,) = open_inputs([tmp_path / "feed.xml"])
    assert document.head.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "é".encode() in document.read_bytes()


def test_a_file_gone_after_listing_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"<html></html>")
    (document,) = open_inputs([tmp_path])
    (tmp_path / "page.html").unlink()
    with pytest.raises(InputError, match="cannot read"):
        document.head  # noqa: B018
    with pytest.raises(InputError, match="cannot read"):
        document.read_bytes()
