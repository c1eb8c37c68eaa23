"""The Markdown flavors and engines are data (``formats/markdown/flavors.toml``): every table loads,
and a table that names nothing, or that cannot become its record, fails naming file, table and field."""

from __future__ import annotations

from importlib import resources

import pytest

from blogport.formats.markdown import engines, flavors
from blogport.formats.markdown.data import DataError
from blogport.formats.markdown.flavors import load

_ENGINE = """
[engines.tiny]
escapable = "*_\\\\"
extra_escapes = "$"
strikethrough = false
definition_lists = true
"""
_FLAVOR = """
[flavors.hugo]
post_path = "{slug}{ext}"
page_path = "{slug}{ext}"
post_url = "/{slug}/"
page_url = "/{slug}/"
front_matter = [["title", "title"], ["date", "published"]]
engine = "tiny"
link = "hugo"
site = "none"
media_link = "relative"
"""


def test_every_packaged_table_loads_as_the_module_records() -> None:
    text = resources.files("blogport.formats.markdown").joinpath("flavors.toml").read_text(encoding="utf-8")
    loaded_engines, loaded_flavors = load(text, "flavors.toml")
    assert list(loaded_flavors) == ["hugo", "jekyll", "pelican", "plain"] == list(flavors.FLAVORS)
    assert loaded_flavors == flavors.FLAVORS
    assert list(loaded_engines) == ["goldmark", "kramdown", "python-markdown", "commonmark"]
    assert loaded_engines == engines.ENGINES
    in_use = [flavor.engine for flavor in flavors.FLAVORS.values()]
    assert in_use == [engines.GOLDMARK, engines.KRAMDOWN, engines.PYTHON_MARKDOWN, engines.COMMONMARK]
    assert all(flavor.engine is engines.ENGINES[flavor.engine.name] for flavor in flavors.FLAVORS.values())


def test_a_tiny_data_file_makes_its_records() -> None:
    loaded_engines, loaded_flavors = load(_ENGINE + _FLAVOR, "tiny.toml")
    engine = loaded_engines["tiny"]
    assert engine.escapable == frozenset("*_\\") and engine.extra_escapes == frozenset("$")
    assert engine.url_escapes is None and not engine.strikethrough
    flavor = loaded_flavors["hugo"]
    assert flavor.engine is engine and flavor.generator == "Hugo"
    assert flavor.front_matter == (("title", "title"), ("date", "published"))
    assert flavor.comments_data_folder is None and flavor.guard is None  # left out
    assert flavor.tag_url("x") == "/"  # the record's default


@pytest.mark.parametrize("field", ["engine", "link", "site", "media_link", "tag_url", "guard"])
def test_an_unknown_name_names_the_file_the_flavor_and_the_field(field: str) -> None:
    text = "".join(line for line in _FLAVOR.splitlines(keepends=True) if not line.startswith(f"{field} ="))
    message = _error(_ENGINE + text + f'{field} = "nosuch"\n')
    assert message.startswith(f"tiny.toml: flavor 'hugo', field '{field}': unknown name 'nosuch' (known: ")


def test_a_table_that_cannot_become_its_record_names_the_field() -> None:
    assert _flavor_error('link = "hugo"', 'linc = "hugo"').startswith("'linc': not a field (known: bundle_page_path, ")
    assert _flavor_error('link = "hugo"', "") == "'link': missing"
    assert _flavor_error('post_url = "/{slug}/"', "post_url = 3") == "'post_url': 3 is not a str"
    unknown = _flavor_error('["date", "published"]', '["date", "nosuch"]')
    assert unknown == "'front_matter': unknown value name 'nosuch' (see content.FRONT_MATTER_VALUES)"
    header = _flavor_error('page_url = "/{slug}/"', 'page_url = "/{slug}/"\nheader = "toml"')
    assert header == "'header': 'toml' is neither of yaml, pelican"


def _flavor_error(old: str, new: str) -> str:
    message = _error(_ENGINE + _FLAVOR.replace(old, new))
    assert message.startswith("tiny.toml: flavor 'hugo', field ")
    return message.removeprefix("tiny.toml: flavor 'hugo', field ")


def test_an_engine_table_that_cannot_become_its_record_names_the_field() -> None:
    message = _error(_ENGINE.replace('extra_escapes = "$"', 'extra_escapes = "$a"') + _FLAVOR)
    assert message == "tiny.toml: engine 'tiny', field 'extra_escapes': holds characters other than ASCII punctuation"
    message = _error(_ENGINE.replace("strikethrough = false", "") + _FLAVOR)
    assert message == "tiny.toml: engine 'tiny', field 'strikethrough': missing"


def test_a_flavor_names_py_does_not_know_and_a_broken_file_name_the_file() -> None:
    message = _error(_ENGINE + _FLAVOR.replace("[flavors.hugo]", "[flavors.hugh]"))
    assert message.startswith("tiny.toml: flavor 'hugh', field 'name': not a flavor of names.py (known: hugo, ")
    assert _error(_ENGINE + "[flavors.hugo\n").startswith("tiny.toml: ")


def _error(text: str) -> str:
    with pytest.raises(DataError) as raised:
        load(text, "tiny.toml")
    return str(raised.value)
