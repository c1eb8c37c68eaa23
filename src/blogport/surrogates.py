"""Lone surrogates: code points a JSON archive can hold (``"\\ud800"``) but UTF-8 cannot.

Rules: only the JSON reader (or a library caller) can put them in the model; XML and HTML
parsers never do. Writers that must produce UTF-8 replace each with U+FFFD and say how many
(the JSON writer keeps them, as ``\\u`` escapes, and WXR drops them with the other characters
XML cannot carry).
"""

from __future__ import annotations

import re
from typing import Any

from .formats import json_archive
from .model import Archive

_LONE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(archive: Archive) -> tuple[Archive, int]:
    """``archive`` with every lone surrogate replaced by U+FFFD, and how many were replaced."""
    data = json_archive.parse_json(json_archive.dumps(archive))
    replaced = 0
    stack: list[Any] = [data]
    while stack:  # iterative: reply threads nest to any depth
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, str):
                fixed, count = _LONE.subn("\ufffd", value)
                if count:
                    node[key] = fixed
                    replaced += count
            elif isinstance(value, dict | list):
                stack.append(value)
    return json_archive.archive_from_dict(data), replaced
