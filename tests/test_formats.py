"""The format registry keeps its contract: unique names, declared outputs, one entry point for a path."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import blogport
from blogport import Archive, Blog, UsageError
from blogport.formats import FILE_WRITERS, FOLDER_WRITERS, READERS, WRITERS, stream_writer
from blogport.formats.markdown import flavors, names
from paths import CLASSIC_SAMPLE, ROOT


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


def test_an_unknown_flavor_is_a_usage_error_naming_the_known_ones(tmp_path: Path) -> None:
    from blogport import WriteOptions

    with pytest.raises(UsageError, match="known: hugo, jekyll, pelican, plain"):
        blogport.write(Archive(blog=Blog(title="t")), tmp_path / "site", "markdown", WriteOptions(flavor="zola"))


# What only the formats not used by a run need: none of it may load with the registry.
_HEAVY = ("jinja2", "nh3", "html_to_markdown", "yaml", "blogport.formats.wxr.writer", "blogport.formats.wxr.reader")


def test_a_conversion_to_json_imports_no_other_format(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from blogport.cli import main\n"
        f"code = main(['convert', {str(CLASSIC_SAMPLE)!r}, '-o', {str(tmp_path / 'out.json')!r}, '--quiet'])\n"
        f"print(code, sorted(name for name in {_HEAVY!r} if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "[]"]
    assert (tmp_path / "out.json").stat().st_size > 0


@pytest.mark.parametrize(("module", "loaded"), [("wxr", "blogport.formats.wxr.writer"), ("html", "jinja2")])
def test_a_writer_loads_its_code_on_first_use(tmp_path: Path, module: str, loaded: str) -> None:
    target = tmp_path / ("out.xml" if module == "wxr" else "site")
    script = (
        "import sys\n"
        "from blogport.cli import main\n"
        f"code = main(['convert', {str(CLASSIC_SAMPLE)!r}, '--to', {module!r}, '-o', {str(target)!r}, '--quiet'])\n"
        f"print(code, {loaded!r} in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "True"]


def test_the_light_flavor_names_are_the_flavors() -> None:
    assert tuple(flavors.FLAVORS) == names.NAMES
    assert names.DEFAULT in flavors.FLAVORS
    assert {key: flavor.generator for key, flavor in flavors.FLAVORS.items()} == names.GENERATORS


def test_the_markdown_floor_converts_with_blogports_own_options() -> None:
    # The benchmark's floor keeps its own copy (it must not import blogport); a drift would flatter or wrong it.
    import importlib.util

    from blogport.formats.markdown.convert import CONVERSION_FIELDS

    spec = importlib.util.spec_from_file_location("floors", ROOT / "benchmarks" / "floors.py")
    assert spec is not None and spec.loader is not None
    floors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floors)
    assert floors.H2M_FIELDS == CONVERSION_FIELDS
