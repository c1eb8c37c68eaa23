"""Blogger HTML → Markdown: a small Blogger-specific pre-pass, then ``html-to-markdown``.

The pre-pass rewrites what only Blogger writes, so the converter stays replaceable:

* the jump break ``<a name="more"></a>`` becomes ``<!--more-->`` (the generators' summary
  separator);
* SyntaxHighlighter ``<pre class="brush: java">`` becomes ``language-java`` (a fenced block);
* gist ``<script src="https://gist.github.com/u/id.js">`` embeds become a link to the gist;
  every other ``<script>`` is dropped, never executed on the new site;
* caption tables (``table.tr-caption-container``) become an image with its caption.

Tables, iframes and objects (video and map embeds) have no faithful Markdown form and stay as
raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import html_to_markdown
from lxml import html as lxml_html

MORE_MARK = "<!--more-->"
_MORE_TOKEN = "BLOGPORTMORE7F3A"
_JUMP_BREAK = re.compile(r"""<a\s+name\s*=\s*["']?more["']?\s*>\s*</a>""", re.IGNORECASE)
_BRUSH = re.compile(r"""class\s*=\s*(["'])\s*brush\s*:\s*([\w#+.-]+)[^"']*\1""", re.IGNORECASE)
_GIST = re.compile(
    r"""<script[^>]*\ssrc\s*=\s*["'](https?://gist\.github\.com/([\w.-]+/)?([0-9a-f]+))\.js[^"']*["'][^>]*>\s*</script>""",
    re.IGNORECASE,
)
_MORE_LINE = re.compile(rf"^[ \t]*{_MORE_TOKEN}[ \t]*$", re.MULTILINE)

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


def _gist_link(match: re.Match[str]) -> str:
    url, user, gist_id = match.group(1), (match.group(2) or "").rstrip("/"), match.group(3)
    label = f"{user}/{gist_id}" if user else gist_id
    return f'<p><a href="{url}">Gist {label}</a></p>'


def _caption_tables(html: str) -> str:
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    for table in fragment.xpath(
        "//table[contains(concat(' ', normalize-space(@class), ' '), ' tr-caption-container ')]"
    ):
        images = table.xpath(".//img")
        cells = table.xpath(".//td[contains(@class, 'tr-caption')]")
        caption = " ".join(" ".join(" ".join(cell.itertext()) for cell in cells).split())
        figure = lxml_html.Element("figure")
        if images:
            image = images[0]
            link = image.getparent() if image.getparent() is not None and image.getparent().tag == "a" else None
            if caption and not image.get("alt"):
                image.set("alt", caption)
            figure.append(link if link is not None else image)
        if caption:
            figcaption = lxml_html.Element("figcaption")
            figcaption.text = caption
            figure.append(figcaption)
        figure.tail = table.tail
        table.getparent().replace(table, figure)
    inner = (fragment.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in fragment)
    return inner


def prepare(html: str) -> str:
    """Rewrite Blogger-only markup into what the converter understands (see the module doc)."""
    lowered = html.lower()
    if "more" in lowered and "name" in lowered:
        html = _JUMP_BREAK.sub(f"<p>{_MORE_TOKEN}</p>", html)
    if "brush" in lowered:
        html = _BRUSH.sub(lambda m: f'class="language-{m.group(2).lower()}"', html)
    if "gist.github.com" in lowered:
        html = _GIST.sub(_gist_link, html)
    if "tr-caption-container" in lowered:
        html = _caption_tables(html)
    return html


def to_markdown(html: str) -> str:
    """One HTML fragment as Markdown (Blogger pre-pass included), ending in one newline or empty."""
    if not html.strip():
        return ""
    result = html_to_markdown.convert(prepare(html), _conversion_options())
    return _finish(result.content or "")


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
    if "<!--" in html or "<![" in html or "<script" in html.lower() or "<style" in html.lower():
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
    if _MORE_TOKEN in text:
        text = _MORE_LINE.sub(MORE_MARK, text)
    text = text.strip("\n")
    return text + "\n" if text else ""


def _convert_batch(fragments: Sequence[str]) -> list[str]:
    # One converter call per batch of small, balanced fragments (comments): a call costs
    # ~50 µs whatever its size, more than converting a typical comment. A separator paragraph
    # between fragments splits the result; balanced markup cannot leak across it.
    joined = f"<p>{_SEPARATOR}</p>".join(prepare(fragment) for fragment in fragments)
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
