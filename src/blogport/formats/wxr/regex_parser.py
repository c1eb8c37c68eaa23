"""What WordPress's fallback WXR parser (``WXR_Parser_Regex``) would change in a body.

Rules, from ``wordpress-importer``'s ``parsers/class-wxr-parser-regex.php`` (checked on its
master of 2025-11 and plugin 0.9.5, by running it on blogport's output): the parser reads the
file with ``fgets($fp, 8192)``, so a line longer than 8,191 bytes comes in pieces, each
``rtrim``-med and joined with ``"\\n"`` (a line break inserted, spaces at the cut dropped);
every line loses its trailing spaces and tabs; and in post bodies and excerpts (not
comments) it lower-cases upper-case tag names (``<(/?[A-Z]+)``) and rewrites ``<br>`` and
``<hr>`` as ``<br />`` and ``<hr />``. None of this can be avoided without changing the body
itself (a line break inside CDATA is content), so the writer counts the bodies it would change
and says so. WordPress uses this parser only when PHP has neither SimpleXML nor the XML
extension; those two read every body exactly.
"""

from __future__ import annotations

import re

LINE_BYTES = 8191  # fgets($fp, 8192) returns at most 8191 bytes
_TRAILING_SPACE = re.compile(r"[ \t\x0b](?=\n)")
_POST_REWRITES = re.compile(r"<br>|<hr>|</?[A-Z]")
_ITEM_TAGS = re.compile(r"</?(?:item|wp:category|wp:tag|wp:term)>")


def changes(text: str, line_prefix: int, post_body: bool) -> bool:
    """True if ``WXR_Parser_Regex`` would read ``text`` differently from what was written.

    ``line_prefix``: the bytes before the body on its first line (indent, tag, ``<![CDATA[``).
    """
    if _TRAILING_SPACE.search(text) or _ITEM_TAGS.search(text) or (post_body and _POST_REWRITES.search(text)):
        return True
    if (len(text) + line_prefix + 32) * 4 <= LINE_BYTES:  # short for sure, even at 4 bytes a character
        return False
    first = True
    for line in text.split("\n"):
        budget = LINE_BYTES - (line_prefix if first else 0) - 32  # the closing tag shares the last line
        first = False
        if len(line) > budget // 4 and len(line.encode("utf-8", "surrogatepass")) > budget:
            return True
    return False
