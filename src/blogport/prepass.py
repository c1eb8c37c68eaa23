"""The Blogger body pre-pass: what only Blogger writes, rewritten into plain HTML that any writer
(Markdown, the HTML archive) can take.

* the jump break ``<a name="more"></a>`` becomes a paragraph holding :data:`MORE_TOKEN`, which a
  writer turns into its own summary separator (``<!--more-->`` for the site generators);
* SyntaxHighlighter ``<pre class="brush: java">`` becomes ``class="language-java"``;
* gist ``<script src="https://gist.github.com/u/id.js">`` embeds become a link to the gist;
* caption tables (``table.tr-caption-container``) become a ``<figure>`` with its caption.

Every other ``<script>`` is left for the writer to drop: it never runs on the new site.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

MORE_MARK = "<!--more-->"
MORE_TOKEN = "BLOGPORTMORE7F3A"
_JUMP_BREAK = re.compile(r"""<a\s+name\s*=\s*["']?more["']?\s*>\s*</a>""", re.IGNORECASE)
_BRUSH = re.compile(r"""class\s*=\s*(["'])\s*brush\s*:\s*([\w#+.-]+)[^"']*\1""", re.IGNORECASE)
_GIST = re.compile(
    r"""<script[^>]*\ssrc\s*=\s*["'](https?://gist\.github\.com/([\w.-]+/)?([0-9a-f]+))\.js[^"']*["'][^>]*>\s*</script>""",
    re.IGNORECASE,
)


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
        html = _JUMP_BREAK.sub(f"<p>{MORE_TOKEN}</p>", html)
    if "brush" in lowered:
        html = _BRUSH.sub(lambda m: f'class="language-{m.group(2).lower()}"', html)
    if "gist.github.com" in lowered:
        html = _GIST.sub(_gist_link, html)
    if "tr-caption-container" in lowered:
        html = _caption_tables(html)
    return html
