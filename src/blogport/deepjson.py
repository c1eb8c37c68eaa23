"""JSON of any nesting depth, without recursion.

Rules: the standard ``json`` module recurses once per nesting level (in C when decoding, in
Python when encoding with an indent), so a 10,000-deep reply thread would hit the recursion
limit. :func:`loads` is the fallback decoder for such documents (the C decoder stays the fast
path for everything else). It gives the same values as the standard module (dicts, lists,
str, int, float, bool, None) and the same errors (``json.JSONDecodeError`` with a position).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None, "NaN": float("nan")}
_LITERALS.update({"Infinity": float("inf"), "-Infinity": float("-inf")})


def _skip(text: str, position: int) -> int:
    # The whitespace pattern matches the empty string too, so there is always a match.
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def _error(message: str, text: str, position: int) -> json.JSONDecodeError:
    return json.JSONDecodeError(message, text, position)


def loads(text: str) -> Any:
    """Decode ``text`` like ``json.loads``, with an explicit stack instead of recursion.

    Raises ``json.JSONDecodeError`` (with line and column) for malformed text and
    ``ValueError`` for integers longer than Python's digit limit, as ``json.loads`` does.
    """
    # Each open container: [value, key waiting for its value (objects), expecting-first flag].
    stack: list[list[Any]] = []
    position = _skip(text, 0)
    while True:
        if position >= len(text):
            raise _error("Expecting value", text, position)
        char = text[position]
        # 1. read one value (or open a container)
        if char == "{" or char == "[":
            container: Any = {} if char == "{" else []
            position = _skip(text, position + 1)
            closer = "}" if char == "{" else "]"
            if position < len(text) and text[position] == closer:
                value: Any = container
                position += 1
            else:
                stack.append([container, None])
                if char == "{":
                    position = _read_key(text, position, stack[-1])
                continue
        elif char == '"':
            value, position = scanstring(text, position + 1, True)
        else:
            number = _NUMBER.match(text, position)
            if number and number.end() > position:
                integer, fraction, exponent = number.groups()
                value = float(integer + (fraction or "") + (exponent or "")) if fraction or exponent else int(integer)
                position = number.end()
            else:
                for word, literal in _LITERALS.items():
                    if text.startswith(word, position):
                        value = literal
                        position += len(word)
                        break
                else:
                    raise _error("Expecting value", text, position)
        # 2. place the value, then close every container that ends here
        while True:
            if not stack:
                position = _skip(text, position)
                if position != len(text):
                    raise _error("Extra data", text, position)
                return value
            top = stack[-1]
            if isinstance(top[0], dict):
                top[0][top[1]] = value
            else:
                top[0].append(value)
            position = _skip(text, position)
            if position >= len(text):
                raise _error("Expecting ',' delimiter", text, position)
            char = text[position]
            closer = "}" if isinstance(top[0], dict) else "]"
            if char == ",":
                position = _skip(text, position + 1)
                if isinstance(top[0], dict):
                    position = _read_key(text, position, top)
                break
            if char != closer:
                raise _error("Expecting ',' delimiter", text, position)
            position += 1
            value = stack.pop()[0]


def _read_key(text: str, position: int, top: list[Any]) -> int:
    if position >= len(text) or text[position] != '"':
        raise _error("Expecting property name enclosed in double quotes", text, position)
    key, position = scanstring(text, position + 1, True)
    position = _skip(text, position)
    if position >= len(text) or text[position] != ":":
        raise _error("Expecting ':' delimiter", text, position)
    top[1] = key
    return _skip(text, position + 1)
