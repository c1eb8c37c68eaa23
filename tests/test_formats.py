"""The format registry keeps its contract: unique names, declared outputs, one entry point for a path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import blogport
from blogport import Archive, Blog, UsageError
from blogport.formats import FILE_WRITERS, FOLDER_WRITERS, READERS, WRITERS, stream_writer


def test_names_are_unique_and_outputs_declared() -> None:
    assert len({r.name for r in READERS}) == len(READERS)
    assert set(WRITERS) == {w.name for w in [*FILE_WRITERS, *FOLDER_WRITERS]}
    assert all(w.output == "file" for w in FILE_WRITERS)
    assert all(w.output == "folder" for w in FOLDER_WRITERS)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_writes_to_a_path(name: str, tmp_path: Path) -> None:
    archive = Archive(blog=Blog(title="t"))
    target = tmp_path / ("out" + (WRITERS[name].extensions[0] if WRITERS[name].output == "file" else ""))
    written = blogport.write(archive, target, name)
    assert written.paths and all(p.exists() for p in written.paths)


def test_only_file_writers_take_a_stream() -> None:
    archive = Archive(blog=Blog(title="t"))
    for writer in FILE_WRITERS:
        buffer = io.StringIO()
        blogport.write(archive, buffer, writer.name)
        assert buffer.getvalue()
    for folder_writer in FOLDER_WRITERS:
        with pytest.raises(UsageError, match="writes a folder"):
            stream_writer(folder_writer.name)
    with pytest.raises(UsageError, match="unknown output format"):
        stream_writer("nope")
