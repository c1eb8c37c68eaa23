"""The JSON archive: a lossless, deterministic round trip, and clear errors on bad archives."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

import blogport
from blogport import Archive, Comment, InputError, Post
from blogport.formats import json_archive
from paths import CLASSIC_SAMPLE, TAKEOUT_SAMPLE
from strategies import archives


@settings(max_examples=150, deadline=None)  # timing belongs in benchmarks, not here
@given(archives())
def test_model_to_json_to_model_is_the_identity(archive: Archive) -> None:
    text = json_archive.dumps(archive)
    back = json_archive.loads(text)
    assert back == archive
    assert json_archive.dumps(back) == text


@settings(max_examples=50, deadline=None)  # jsonschema is slow on a loaded machine: not a speed test
@given(archives())
def test_every_archive_matches_the_shipped_schema(archive: Archive) -> None:
    jsonschema.validate(json.loads(json_archive.dumps(archive)), _schema())


def _schema() -> dict:
    return json.loads(resources.files("blogport").joinpath("schema/archive-v1.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("sample", [CLASSIC_SAMPLE, TAKEOUT_SAMPLE])
def test_samples_convert_to_valid_archives_and_back_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    blogport.write(blogport.read(sample), first)
    jsonschema.validate(json.loads(first.read_text("utf-8")), _schema())
    second = tmp_path / "b.json"
    blogport.write(blogport.read(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_contract_field_names() -> None:
    data = json.loads(blogport.dumps(blogport.read(CLASSIC_SAMPLE)))
    assert list(data)[:5] == ["format", "version", "blog", "posts", "orphan_comments"]
    post = next(p for p in data["posts"] if p["comments"])
    assert {
        "id",
        "kind",
        "status",
        "title",
        "url",
        "published",
        "updated",
        "author",
        "labels",
        "content",
        "comments",
    } <= set(post)
    comment = post["comments"][0]
    assert {"id", "post_id", "parent_id", "author", "published", "content", "status", "replies"} <= set(comment)
    assert {"name", "uri"} <= set(comment["author"])
    assert post["published"].endswith("+01:00")  # the source's offset, kept


def test_deep_threads_round_trip() -> None:
    depth = 3000
    node = Comment(id=str(depth), post_id="1", parent_id=str(depth - 1))
    for i in range(depth - 1, 0, -1):
        node = Comment(id=str(i), post_id="1", parent_id=str(i - 1) if i > 1 else None, replies=(node,))
    archive = Archive(blog=blogport.Blog(title="deep"), posts=(Post(id="1", comments=(node,)),))
    text = json_archive.dumps(archive)
    back = json_archive.loads(text)
    assert [c.id for c in back.all_comments()] == [str(i) for i in range(1, depth + 1)]
    assert json_archive.dumps(back) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "blogport-archive", "version": 99, "posts": []}', "version 99"),
        (
            '{"format": "blogport-archive", "version": 1, "blog": {}, "posts": [{"kind": "post"}]}',
            r"posts\[0\]: missing 'id'",
        ),
        (
            '{"format": "blogport-archive", "version": 1, "blog": {}, "posts": [{"id": "1", "status": "gone"}]}',
            r"posts\[0\]",
        ),
        (
            '{"format": "blogport-archive", "version": 1, "blog": {}, "posts": [{"id": "1", "published": "nope"}]}',
            "ISO 8601",
        ),
        ('{"format": "blogport-archive", "version": 1, "blog": {}, "posts": [', "not valid JSON"),
    ],
)
def test_bad_archives_get_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        blogport.read(path)
