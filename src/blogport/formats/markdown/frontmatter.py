"""YAML front matter written by hand for the values posts have (text, booleans, lists of text),
byte for byte what ``yaml.dump`` (libyaml, as :func:`.content.to_yaml` calls it) writes for them.

``yaml.dump`` costs ~0.3 ms a post, most of it in PyYAML's Python representer: a tenth of the
Markdown rendering. Text is written plain only when it is plainly safe (starting with a letter, a
digit or ``/``; any printable characters after that, but no ``": "`` and no ``" #"``; no trailing
space or colon) and read back as text, not as a date, number or boolean; single-quoted when only
that last test fails; double-quoted, as libyaml writes it, when it holds a character beyond
U+FFFF (libyaml escapes those). Anything else (or any
other type) makes :func:`fast_yaml` return ``None``, and the caller uses ``yaml.dump``.
Property-tested against both ``yaml.dump`` and ``yaml.safe_load`` (``tests/test_markdown_frontmatter.py``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_PLAIN = re.compile(r"(?:[^\W_]|/).*")
_LONGEST = 1_000  # far below the dump's width (10,000), beyond which it folds long text
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The first characters of anything YAML reads as another type than text (PyYAML's implicit resolvers).
_MAYBE_TYPED = frozenset(ch for ch in _RESOLVER.yaml_implicit_resolvers if ch is not None)


def _scalar(text: str) -> str | None:
    if not text:
        return "''"
    if not text.isascii() and max(text) > "\uffff":
        return _double_quoted(text)
    if (
        len(text) > _LONGEST
        or not _PLAIN.fullmatch(text)
        or text.endswith((" ", ":"))
        or ": " in text
        or " #" in text
        or not text.isprintable()
    ):
        return None
    if text[0] not in _MAYBE_TYPED or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG:
        return text
    return f"'{text}'"  # it would read as a date, a number or a boolean


def _double_quoted(text: str) -> str | None:
    # libyaml writes text holding a character beyond U+FFFF double-quoted, escaping those
    # characters (``\U0001F389``), backslashes and double quotes; other characters as they are
    # when they are printable (Python's test is the stricter one).
    if len(text) > _LONGEST or not _ASTRAL.sub("", text).isprintable():
        return None
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ASTRAL.sub(lambda m: f"\\U{ord(m.group()):08X}", escaped) + '"'


def fast_yaml(data: dict[str, Any]) -> str | None:
    """``data`` as ``to_yaml`` writes it, or ``None`` when a key or value is not one this handles."""
    lines: list[str] = []
    for key, value in data.items():
        name = _scalar(key) if isinstance(key, str) else None
        if name is None:
            return None
        if value is True or value is False:
            lines.append(f"{name}: {'true' if value else 'false'}\n")
        elif isinstance(value, str):
            text = _scalar(value)
            if text is None:
                return None
            lines.append(f"{name}: {text}\n")
        elif isinstance(value, list):
            if not value:
                lines.append(f"{name}: []\n")
                continue
            lines.append(f"{name}:\n")
            for item in value:
                text = _scalar(item) if isinstance(item, str) else None
                if text is None:
                    return None
                lines.append(f"- {text}\n")
        else:
            return None
    return "".join(lines) if lines else None
