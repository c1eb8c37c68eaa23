"""No foreign script on a generated site: the one rule for URLs and markup that writers share.

Rules:

* A URL is *scripting* when its scheme, as a browser reads it (ASCII tabs and newlines removed,
  leading spaces and control characters ignored, case folded), is ``javascript:``, ``vbscript:``,
  or ``data:`` for anything but a raster image (``data:image/png`` and friends; SVG only as an
  ``<img>`` source, where it cannot run). :func:`is_script_url` says so; :func:`safe_url` gives
  ``None`` for such a URL and the URL untouched otherwise: a safe URL is never rewritten.
* A post's markup kept as HTML (``--keep-html``: the blog author's, which the blog's readers already
  trusted) keeps every element and attribute, except that scripting URLs are removed from the
  attributes that load or navigate (``href``, ``src``, ``data``, ``action``, ``formaction``,
  ``poster``, ``background``, ``xlink:href``, ``srcset`` …): :func:`neutralise_urls`.
* A post converted to another markup (Markdown, where ``<script>`` is dropped anyway) also loses
  its ``on*`` event attributes and ``<script>`` elements: :func:`without_scripts`.
* A commenter's markup runs nothing at all: :func:`sanitise_comment` also removes ``<script>``,
  ``<style>``, embeds, frames, forms and every ``on*`` event attribute, and ``srcdoc``.
* Fragments are parsed only when a cheap scan finds something that could script (most comments
  hold none), so the cost on ordinary blogs is one regular-expression search per fragment.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "data", "action", "formaction", "poster", "background", "xlink:href", "lowsrc", "dynsrc", "cite"}
)
_SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_IMAGE_DATA = re.compile(r"data:image/(png|gif|jpe?g|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)[;,]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_STRIPPED = re.compile(r"[\t\n\r]")
_COMMENT_DROPPED: tuple[str, ...] = (
    *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta"),
    *("link", "noscript", "template", "svg", "math", "button", "input", "textarea", "select"),
)
# Anything that could carry a script: a script-like scheme (also spelled with entities), an event
# attribute, an element that loads or runs code, or an entity that could hide any of these. The
# lookahead names each alternative's first character, so most positions are passed at once.
_SUSPECT = re.compile(
    r"(?=[&<dfos])(?:script|data\s*:|&#|&[a-z]+;?\s*:|&colon|\bon[a-z]+\s*=|<\s*/?\s*(iframe|frame|object|embed|applet|form|base|"
    r"meta|link|style|svg|math|button|input|textarea|select|template|noscript)\b|srcdoc|formaction)",
    re.IGNORECASE,
)


# The same test, faster: on the lower-cased text, words by substring and each alternative by its
# own search starting on a literal (so the regular-expression engine skips ahead). Lower-casing
# agrees with case-insensitive matching except for four letters that fold onto ASCII ones; a text
# holding one of them is tested with ``_SUSPECT`` itself.
_FOLDS_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_DATA_SCHEME = re.compile(r"data\s*:")
_ENTITY_COLON = re.compile(r"&[a-z]+;?\s*:")
_EVENT_ATTRIBUTE = re.compile(r"on(?<=\Won)[a-z]+\s*=")
_EVENT_AT_START = re.compile(r"on[a-z]+\s*=")
_LOADING_ELEMENT = re.compile(
    r"<\s*/?\s*(?:iframe|frame|object|embed|applet|form|base|meta|link|style|svg|math|button|input|textarea|"
    r"select|template|noscript)\b"
)


_last_lowered: tuple[str, str | None] = ("", "")


def lowered_for_matching(text: str) -> str | None:
    """``text`` lower-cased, where a case-sensitive search of it finds exactly what a case-insensitive
    search of ``text`` finds for an ASCII pattern; ``None`` when it holds one of the four letters
    (İ ı ſ K) that case-insensitive matching folds onto ASCII ones."""
    global _last_lowered
    last_text, last_low = _last_lowered  # one read: another thread may replace the pair meanwhile
    if last_text is text:  # the pre-pass asks again for the fragment it just had checked
        return last_low
    low = None if not text.isascii() and _FOLDS_ONTO_ASCII.search(text) else text.lower()
    _last_lowered = (text, low)
    return low


def could_script(html: str) -> bool:
    """True when ``html`` holds anything ``_SUSPECT`` finds: what might script is parsed, the rest is not."""
    low = lowered_for_matching(html)
    if low is None:
        return _SUSPECT.search(html) is not None
    return bool(
        "script" in low
        or "srcdoc" in low
        or "formaction" in low
        or "&#" in low
        or "&colon" in low
        or ("data" in low and _DATA_SCHEME.search(low))
        or ("&" in low and _ENTITY_COLON.search(low))
        or _EVENT_ATTRIBUTE.search(low)
        or _EVENT_AT_START.match(low)
        or _LOADING_ELEMENT.search(low)
    )


def is_script_url(url: str, image_source: bool = False) -> bool:
    """True when following or loading ``url`` would run code (see the module doc)."""
    cleaned = _STRIPPED.sub("", url).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x1f ").lower()
    match = _SCHEME.match(cleaned)
    if match is None:
        return False
    scheme = match.group(1)
    if scheme in ("javascript", "vbscript", "livescript", "mocha"):
        return True
    if scheme == "data":
        if _IMAGE_DATA.match(cleaned):
            return False
        return not (image_source and cleaned.startswith("data:image/svg+xml"))
    return False


def safe_url(url: str | None, image_source: bool = False) -> str | None:
    """``url`` unchanged when it cannot script, else ``None``."""
    if url is None or is_script_url(url, image_source):
        return None
    return url


def neutralise_urls(html: str) -> str:
    """Markup with every scripting URL removed; everything else as written."""
    return _clean(html, (), events=False)


def without_scripts(html: str) -> str:
    """Markup with no ``<script>``, no event attribute and no scripting URL; everything else as written."""
    return _clean(html, ("script",), events=True)


def sanitise_comment(html: str) -> str:
    """A comment body that can run nothing: no scripts, embeds, forms, event attributes or script URLs."""
    return _clean(html, _COMMENT_DROPPED, events=True)


def _clean(html: str, dropped: tuple[str, ...], events: bool) -> str:
    if "<" not in html or not could_script(html):
        return html
    container = lxml_html.fragment_fromstring(html, create_parent="div")
    changed = False
    for element in list(container.iter()):
        if not isinstance(element.tag, str):  # HTML comments: conditional comments can hold markup
            if events and element.getparent() is not None:
                element.drop_tree()
                changed = True
            continue
        tag = element.tag.lower()
        if tag in dropped and element is not container:
            element.drop_tree()
            changed = True
            continue
        for attribute, value in list(element.attrib.items()):
            if _scripts(attribute.lower(), value, tag, events):
                del element.attrib[attribute]
                changed = True
    if not changed:
        return html
    return (container.text or "") + "".join(etree.tounicode(child, method="html") for child in container)


def _scripts(name: str, value: str, tag: str, events: bool) -> bool:
    # True when the attribute ``name="value"`` of ``<tag>`` could run code.
    if events and (name.startswith("on") or name == "srcdoc" or (name == "style" and "expression" in value.lower())):
        return True
    if name in _URL_ATTRIBUTES:
        return is_script_url(value, image_source=(tag == "img" and name == "src"))
    if name in _SRCSET_ATTRIBUTES:
        return any(is_script_url(part.strip()) for part in value.split(","))
    return False
