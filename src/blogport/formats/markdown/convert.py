"""Blogger HTML → Markdown: the shared Blogger pre-pass (:mod:`blogport.prepass`), then ``html-to-markdown``.

Tables, iframes and objects (video and map embeds) have no faithful Markdown form and stay as
raw HTML. Small balanced fragments (comments) are converted in batches: a converter call costs
more than converting a typical comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import html_to_markdown

from ...prepass import MORE_MARK, MORE_TOKEN, prepare
from ...safety import lowered_for_matching, without_scripts

_MORE_LINE = re.compile(rf"^[ \t]*{MORE_TOKEN}[ \t]*$", re.MULTILINE)

# What blogport asks of html-to-markdown (benchmarks/floors.py keeps a copy, checked equal by a test).
CONVERSION_FIELDS: dict[str, Any] = {
    "extract_metadata": False,
    "bullets": "-",
    "heading_style": "atx",
    "preserve_tags": ["iframe", "object", "embed", "table", "video", "audio", "form"],
    "escape_misc": True,
    "escape_asterisks": True,
    "escape_underscores": True,
    "hidden_content": "reachable",
}
_options: html_to_markdown.ConversionOptions | None = None


def _conversion_options() -> html_to_markdown.ConversionOptions:
    # Built once per process: building them per call costs a quarter of the throughput.
    global _options
    if _options is None:
        _options = html_to_markdown.ConversionOptions(**CONVERSION_FIELDS)
    return _options


def to_markdown(html: str) -> str:
    """One HTML fragment as Markdown (Blogger pre-pass included), ending in one newline or empty."""
    if not html.strip():
        return ""
    result = html_to_markdown.convert(_prepared(html), _conversion_options())
    return _finish(result.content or "")


_URL_VALUE = re.compile(r"""\b(href|src)(\s*=\s*)(["'])([^"']*)\3""", re.IGNORECASE)
_PADDED_URL = re.compile(r"""\b(?:href|src)\s*=\s*(["'])(?:[ \t\n\r\f]|[^"']*[ \t\n\r\f]\1)""", re.IGNORECASE)
_PADDED_HREF = re.compile(r"""href\s*=\s*(["'])(?:[ \t\n\r\f]|[^"']*+(?<=[ \t\n\r\f])\1)""")
_PADDED_SRC = re.compile(r"""src\s*=\s*(["'])(?:[ \t\n\r\f]|[^"']*+(?<=[ \t\n\r\f])\1)""")
_EMPHASIS_ENDS = ("</i>", "</em>", "</b>", "</strong>")  # what both emphasis rules below need
_PUNCTUATION_CLOSING_EMPHASIS = re.compile(r"([.,:!?]+)(</(?:i|em|b|strong)>)(?=\w)", re.IGNORECASE)
_SPLIT_EMPHASIS = re.compile(
    r"<(i|em|b|strong)(?:\s[^>]*)?>([^<]*)</\1>((?:</(?:span|font)>)*)<\1(\s[^>]*)?>", re.IGNORECASE
)
_URL_SPACE = " \t\n\r\f"  # what a browser strips around a URL
_BREAKS_ENDING_LINK = re.compile(r"((?:<br\s*/?>\s*)+)</a>", re.IGNORECASE)


def _stripped_url(match: re.Match[str]) -> str:
    name, equals, quote, value = match.groups()
    return name + equals + quote + value.strip(_URL_SPACE) + quote


def _has_padded_url(html: str, low: str | None) -> bool:
    # ``_PADDED_URL.search(html)``, faster: each attribute name searched as a literal in the
    # lower-cased text, its word boundary checked by hand.
    if low is None:
        return _PADDED_URL.search(html) is not None
    for value in (_PADDED_HREF, _PADDED_SRC):
        position = 0
        while found := value.search(low, position):
            start = found.start()
            if start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_"):
                return True
            position = start + 1
    return False


def _prepared(html: str) -> str:
    # After the pre-pass (which turns gist scripts into links): nothing left can run on the new site.
    html = without_scripts(prepare(html))
    low = lowered_for_matching(html)
    if _has_padded_url(html, low):
        # A browser strips a URL's surrounding spaces; Markdown would keep them (Hugo as %20).
        html = _URL_VALUE.sub(_stripped_url, html)
        low = lowered_for_matching(html)
    if "<br" in html and "</a>" in html:
        # Line breaks ending a link's text are dropped by the converter (and a link holding only
        # line breaks gets its URL as text): they go after the link, where they are kept.
        html = _BREAKS_ENDING_LINK.sub(r"</a>\1", html)
    # (``low`` still tells which emphasis ends there are: moving line breaks changed none.)
    if "</" in html and (low is None or any(end in low for end in _EMPHASIS_ENDS)):
        # "<i>l.</i>Ideally" would be "*l.*Ideally", which no engine reads as emphasis (a closing
        # "*" between punctuation and a letter): the punctuation goes after the element.
        html = _PUNCTUATION_CLOSING_EMPHASIS.sub(r"\2\1", html)
        # "<i>E</i></span><i>xplainable</i>" would be "*E**xplainable*", shown with its stars: one
        # emphasis split by a style wrapper's end is one element again, after that end.
        html = _SPLIT_EMPHASIS.sub(r"\3<\1\4>\2", html)
    return html


_SEPARATOR = "BLOGPORTSEP5C1D"
_SEPARATOR_LINE = re.compile(rf"^[ \t]*{_SEPARATOR}[ \t]*$", re.MULTILINE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track"}
_BATCH_MAX_ITEMS = 256
_BATCH_MAX_CHARS = 256_000


def _balanced(html: str) -> bool:
    """True when every element the fragment opens it also closes, in order (safe to batch)."""
    if "<" not in html:
        return True
    if "<!--" in html or "<![" in html:
        return False
    lowered = html.lower()
    if "<script" in lowered or "<style" in lowered:
        return False
    stack: list[str] = []
    for closing, tag, self_closing in _TAG.findall(lowered):
        if tag in _VOID or self_closing:
            continue
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return False
    return not stack


def _finish(text: str) -> str:
    if MORE_TOKEN in text:
        text = _MORE_LINE.sub(MORE_MARK, text)
    if "<" in text:
        text = _separate_raw_blocks(text)
    text = text.strip("\n")
    return text + "\n" if text else ""


_RAW_TAGS = "iframe|object|embed|table|video|audio|form"
_RAW_BLOCK_START = re.compile(rf"^((?:> ?)*)[ \t]{{0,3}}<(?:{_RAW_TAGS})\b", re.IGNORECASE | re.MULTILINE)
_RAW_OPEN = re.compile(r"<(?:iframe|object|table|video|audio|form)\b", re.IGNORECASE)  # embed has no end tag
_RAW_CLOSE = re.compile(r"</(?:iframe|object|table|video|audio|form)\s*>", re.IGNORECASE)


def _separate_raw_blocks(text: str) -> str:
    # A preserved element (table, embed) written as raw HTML at the start of a line opens an HTML
    # block, which runs to the next blank line: Markdown right after it (a quote, a list) would be
    # shown as raw text. A blank line after the element's last line ends the block where it ends.
    if _RAW_BLOCK_START.search(text) is None:
        return text
    lines = text.split("\n")
    out: list[str] = []
    depth = 0
    prefix = ""
    for index, line in enumerate(lines):
        out.append(line)
        starts = _RAW_BLOCK_START.match(line) if depth == 0 else None
        if starts:
            prefix = starts.group(1).rstrip()
        elif depth == 0:
            continue
        depth = max(depth + len(_RAW_OPEN.findall(line)) - len(_RAW_CLOSE.findall(line)), 0)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if depth == 0 and following.strip(" >") and not _RAW_BLOCK_START.match(following):
            out.append(prefix)
    return "\n".join(out)


def _convert_batch(fragments: Sequence[str]) -> list[str]:
    # One converter call per batch of small, balanced fragments (comments): a call costs
    # ~50 µs whatever its size, more than converting a typical comment. A separator paragraph
    # between fragments splits the result; balanced markup cannot leak across it.
    joined = f"<p>{_SEPARATOR}</p>".join(_prepared(fragment) for fragment in fragments)
    result = html_to_markdown.convert(joined, _conversion_options())
    pieces = _SEPARATOR_LINE.split(result.content or "")
    if len(pieces) != len(fragments):  # the separator did not survive: never guess, convert one by one
        return [to_markdown(fragment) for fragment in fragments]
    return [_finish(piece) for piece in pieces]


def _convert_chunk(fragments: Sequence[str]) -> list[str]:
    out: list[str | None] = [None] * len(fragments)
    batch: list[int] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if batch:
            for index, text in zip(batch, _convert_batch([fragments[i] for i in batch]), strict=True):
                out[index] = text
            batch.clear()
            size = 0

    for index, fragment in enumerate(fragments):
        if not fragment.strip():
            out[index] = ""
        elif len(fragment) < 4_000 and _SEPARATOR not in fragment and _balanced(fragment):
            batch.append(index)
            size += len(fragment)
            if len(batch) >= _BATCH_MAX_ITEMS or size >= _BATCH_MAX_CHARS:
                flush()
        else:
            out[index] = to_markdown(fragment)
    flush()
    return [text or "" for text in out]


def convert_all(fragments: Sequence[str]) -> list[str]:
    """Convert many fragments, in order (small balanced ones in batches; see ``_convert_chunk``).

    Parallelism lives one level up (``parallel.map_ranges`` over posts), where whole files are rendered.
    """
    return _convert_chunk(fragments)
