"""Blogger HTML → Markdown: the shared Blogger pre-pass (:mod:`blogport.prepass`), then ``html-to-markdown``.

Tables, iframes and objects (video and map embeds) have no faithful Markdown form and stay as
raw HTML. Small balanced fragments (comments) are converted in batches: a converter call costs
more than converting a typical comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import html_to_markdown

from ...prepass import MORE_MARK, MORE_TOKEN, prepare
from ...safety import without_scripts

_MORE_LINE = re.compile(rf"^[ \t]*{MORE_TOKEN}[ \t]*$", re.MULTILINE)

_options: html_to_markdown.ConversionOptions | None = None


def _conversion_options() -> html_to_markdown.ConversionOptions:
    # Built once per process: building them per call costs a quarter of the throughput.
    global _options
    if _options is None:
        _options = html_to_markdown.ConversionOptions(
            extract_metadata=False,
            bullets="-",
            heading_style="atx",
            preserve_tags=["iframe", "object", "embed", "table", "video", "audio", "form"],
            escape_misc=True,
            escape_asterisks=True,
            escape_underscores=True,
            hidden_content="reachable",
        )
    return _options


def to_markdown(html: str) -> str:
    """One HTML fragment as Markdown (Blogger pre-pass included), ending in one newline or empty."""
    if not html.strip():
        return ""
    result = html_to_markdown.convert(_prepared(html), _conversion_options())
    return _finish(result.content or "")


def _prepared(html: str) -> str:
    # After the pre-pass (which turns gist scripts into links): nothing left can run on the new site.
    return without_scripts(prepare(html))


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
    for closing, tag, self_closing in _TAG.findall(html):
        tag = tag.lower()
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
    text = text.strip("\n")
    return text + "\n" if text else ""


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
