"""The public API's types, as a programmer's type checker sees them (mypy on a small caller)."""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

CALLER = """
from pathlib import Path
from typing import assert_type

import blogport
from blogport.media.rewrite_json import AttachedMedia


def calls(folder: Path, maybe: Path | None) -> None:
    assert_type(blogport.read("blog.json"), blogport.Archive)
    assert_type(blogport.read("blog.json", "json", None, "Mon blog"), blogport.Archive)
    assert_type(blogport.read("blog.json", media=None), blogport.Archive)
    assert_type(blogport.read("blog.json", media=folder), tuple[blogport.Archive, AttachedMedia])
    assert_type(blogport.read("blog.json", media=folder, blog="Mon blog"), tuple[blogport.Archive, AttachedMedia])
    assert_type(
        blogport.read("a.xml", media=maybe), tuple[blogport.Archive, AttachedMedia] | blogport.Archive
    )
"""


def test_read_is_typed_by_whether_a_media_folder_is_given(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER, encoding="utf-8")
    out, err, status = mypy_api.run(
        [str(caller), "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", "--python-version", "3.11"]
    )
    assert status == 0, out + err
