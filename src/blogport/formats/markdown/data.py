"""The Markdown engines' and flavors' data file, ``flavors.toml`` beside this module, read once.

Its ``[engines.<name>]`` tables become :mod:`.engines`' records, its ``[flavors.<name>]`` tables
:mod:`.flavors`' records. A table that cannot become its record (an unknown or missing field, a
name that names nothing, a value of the wrong kind) fails at import with a :class:`DataError`
naming the file, the table and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

_FILE = resources.files(__name__.rpartition(".")[0]).joinpath("flavors.toml")
DATA_FILE = str(_FILE)
"""Where the packaged data file is (for messages)."""


class DataError(ValueError):
    """A table of the data file that cannot become its record."""


def read_data() -> dict[str, Any]:
    """The packaged data file, parsed."""
    return parse(_FILE.read_text(encoding="utf-8"), DATA_FILE)


def parse(text: str, source: str) -> dict[str, Any]:
    """``text`` (a data file's, ``source`` naming it) parsed; a syntax error names the file."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{source}: {error}") from None


def problem(source: str, kind: str, name: str, field: str, what: str) -> DataError:
    """The error for ``field`` of the ``kind`` table ``name`` (``flavor 'hugo'``) in ``source``."""
    return DataError(f"{source}: {kind} {name!r}, field {field!r}: {what}")


def tables(data: Mapping[str, Any], group: str, source: str) -> dict[str, dict[str, Any]]:
    """The ``[group.<name>]`` tables of ``data`` by name, in the file's order."""
    found = data.get(group)
    if not isinstance(found, dict) or not found or not all(isinstance(table, dict) for table in found.values()):
        raise DataError(f"{source}: no [{group}.<name>] tables")
    return found


def check_fields(
    table: Mapping[str, Any], record: type, given: frozenset[str], where: tuple[str, str, str], optional: frozenset[str]
) -> None:
    """Every field ``table`` sets is one of ``record``'s, and it sets every field without a default.

    ``given`` are the fields the loader fills itself (never in the table), ``optional`` the ones
    without a default that the table may leave out all the same; ``where`` is (source, kind, name).
    """
    fields = {field.name: field for field in attrs.fields(record)}
    for key in table:
        if key not in fields or key in given:
            raise problem(*where, key, f"not a field (known: {', '.join(sorted(fields.keys() - given))})")
    for key, field in fields.items():
        if key not in table and key not in given | optional and field.default is attrs.NOTHING:
            raise problem(*where, key, "missing")


def typed(table: Mapping[str, Any], key: str, kind: type[T], where: tuple[str, str, str]) -> T:
    """``table[key]``, which must be a ``kind`` (``str`` or ``bool``); a wrong kind names the field."""
    value = table[key]
    if not isinstance(value, kind):
        raise problem(*where, key, f"{value!r} is not a {kind.__name__}")
    return value


DATA = read_data()
"""The packaged data file, parsed once at import."""
