"""Post and comment bodies made safe for the archive site, in one parse each.

Rules:

* the Blogger pre-pass the Markdown writer uses runs first (jump break, ``brush:`` code, gists
  as links, caption tables as figures); its one import is here;
* then an allowlist sanitiser, nh3 (the Rust ``ammonia`` crate): measured 11x faster than
  BeautifulSoup's parse alone on the corpus bodies (72 vs 6.7 MB/s). No ``<script>`` or
  ``<style>`` survives, no ``on*`` attribute, no ``javascript:`` or ``data:`` URL (``data:image``
  in ``<img>`` stays: it is local), no CSS property that can load a file; text is never dropped,
  a disallowed element leaves its text in place;
* every URL passes through the writer's ``rewrite`` function while the sanitiser walks the
  tree (same-blog links become relative, relative links are resolved against the post's
  original address first), so nothing is parsed twice;
* on nh3's canonical output (every attribute double-quoted, ``"``, ``<`` and ``>`` escaped),
  ``<iframe>``, ``<embed>``, ``<object>``, ``<video>``, ``<audio>`` and ``<source>`` become links
  to what they embedded; a remote ``<img>`` becomes a link with its alt text when ``strict``,
  and is marked ``data-remote="1"`` otherwise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import nh3

from ... import prepass

# The pre-pass leaves this paragraph where Blogger's jump break was (for the Markdown writer).
_MORE_PARAGRAPH = f"<p>{prepass.MORE_TOKEN}</p>"
MORE_ANCHOR = '<span id="more"></span>'

_EMBEDS = ("iframe", "embed", "object", "video", "audio", "source")
_REPLACED_OPENINGS = tuple(f"<{tag}" for tag in ("img", *_EMBEDS))
TAGS = set(nh3.ALLOWED_TAGS) | {"font", "figure", "figcaption", "span", "div", *_EMBEDS}
_GLOBAL_ATTRIBUTES = {"class", "id", "style", "title", "dir", "lang"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(values) for tag, values in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "name", "hreflang"},
    "img": {"src", "alt", "width", "height", "align", "border"},
    "font": {"color", "size", "face"},
    "td": {"headers", "colspan", "rowspan", "align", "valign", "width", "bgcolor"},
    "th": {"headers", "colspan", "rowspan", "align", "valign", "width", "scope", "bgcolor"},
    "table": {"align", "summary", "width", "border", "cellpadding", "cellspacing", "bgcolor"},
    "iframe": {"src"},
    "embed": {"src", "type"},
    "object": {"data", "type"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "source": {"src", "type"},
}
# CSS that shapes text and boxes; nothing that takes a url() (backgrounds, list images, content).
STYLE_PROPERTIES = {
    *("color", "background-color", "text-align", "text-decoration", "text-indent", "text-transform"),
    *("font-family", "font-size", "font-style", "font-weight", "font-variant", "line-height", "letter-spacing"),
    *("white-space", "vertical-align", "direction", "float", "clear", "display", "width", "height"),
    *("max-width", "min-width", "max-height", "margin", "margin-top", "margin-right", "margin-bottom"),
    *("margin-left", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left", "border"),
    *("border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style"),
    *("border-width", "border-collapse", "border-spacing", "border-radius"),
}
URL_SCHEMES = {"http", "https", "mailto", "ftp", "ftps", "tel", "news", "irc", "data"}
_URL_ATTRIBUTES = {"href", "src", "data", "poster"}

# An iframe's content is raw text (a fallback no browser shows, serialised unescaped): it goes.
_ELEMENT = re.compile(
    r"<(iframe)((?:\s[^>]*)?)>.*?</iframe>|<(embed|object|video|audio|source|img)((?:\s[^>]*)?)>", re.S
)
_CLOSE_EMBED = re.compile(r"</(object|video|audio)>")
_ATTRIBUTE = re.compile(r'([^\s="]+)(?:="([^"]*)")?')
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|figure|figcaption|hr)\b)[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


# One nh3 cleaner per process: building one converts the allowlists, 3x the cost of a small clean.
# Its attribute filter is fixed, so it asks the BodyCleaner whose clean() is running.
_ACTIVE: list[BodyCleaner] = []
_NH3: nh3.Cleaner | None = None


def _dispatch(tag: str, attribute: str, value: str) -> str | None:
    return _ACTIVE[-1]._filter(tag, attribute, value)


def _nh3_cleaner() -> nh3.Cleaner:
    global _NH3
    if _NH3 is None:
        _NH3 = nh3.Cleaner(
            tags=TAGS,
            attributes=ATTRIBUTES,
            attribute_filter=_dispatch,
            clean_content_tags={"script", "style", "noscript"},  # shown to no reader of the blog
            link_rel=None,
            url_schemes=URL_SCHEMES,
            filter_style_properties=STYLE_PROPERTIES,
        )
    return _NH3


def _attributes(text: str) -> dict[str, str]:
    return {name: html.unescape(value or "") for name, value in _ATTRIBUTE.findall(text)}


def _label(url: str, title: str) -> str:
    return title or urlsplit(url).netloc + urlsplit(url).path


class BodyCleaner:
    """Cleans the bodies of one page: ``base`` is the post's original address, ``rewrite`` the writer's.

    ``rewrite(url)`` receives an absolute URL (or a bare ``#fragment``) and returns the address
    the archive should use. ``remote_images`` collects every remote image left in the page.
    """

    def __init__(self, base: str | None, rewrite: Callable[[str], str], strict: bool) -> None:
        self.base = base
        self.rewrite = rewrite
        self.strict = strict
        self.remote_images: list[str] = []
        self.unresolved = 0

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute not in _URL_ATTRIBUTES:
            return value
        value = value.strip()
        if value[:5].lower() == "data:":
            return value if tag == "img" and value[5:11].lower() == "image/" else None
        if value.startswith("#"):
            return value
        if "://" not in value[:12] and not value.startswith(("//", "mailto:", "tel:", "news:", "irc:")):
            if not self.base:
                self.unresolved += 1
                return None
            try:
                value = urljoin(self.base, value)
            except ValueError:
                self.unresolved += 1
                return None
        elif value.startswith("//"):
            value = "https:" + value
        return self.rewrite(value)

    def clean(self, fragment: str) -> str:
        """``fragment`` sanitised, its links rewritten, its embeds turned into links."""
        if not fragment or fragment.isspace():
            return ""
        prepared = prepass.prepare(fragment)
        if _MORE_PARAGRAPH in prepared:
            prepared = prepared.replace(_MORE_PARAGRAPH, MORE_ANCHOR)
        _ACTIVE.append(self)
        try:
            cleaned = _nh3_cleaner().clean(prepared)
        finally:
            _ACTIVE.pop()
        if any(opening in cleaned for opening in _REPLACED_OPENINGS):
            cleaned = _ELEMENT.sub(self._element, cleaned)
            cleaned = _CLOSE_EMBED.sub("</span>", cleaned)
        return cleaned

    def _element(self, match: re.Match[str]) -> str:
        tag = match.group(1) or match.group(3)
        raw = match.group(2) if match.group(1) else match.group(4)
        attributes = _attributes(raw or "")
        if tag == "img":
            src = attributes.get("src", "")
            if not src.startswith(("http://", "https://")):
                return match.group(0)
            self.remote_images.append(src)
            if not self.strict:
                return f'<img data-remote="1"{raw}>'
            alt = attributes.get("alt") or attributes.get("title") or src.rsplit("/", 1)[-1] or src
            return f'<a class="remote-image" href="{html.escape(src)}">[{html.escape(alt)}]</a>'
        url = attributes.get("src") or attributes.get("data") or ""
        opening = '<span class="embed">' if tag in ("object", "video", "audio") else ""
        if not url:
            return opening
        text = f"{tag} · {_label(url, attributes.get('title', ''))}"
        return f'{opening}<a class="embed" href="{html.escape(url)}">{html.escape(text)}</a>'


def excerpt(cleaned: str, limit: int = 320) -> str:
    """Plain text of a cleaned body up to its jump break, cut at a word near ``limit`` characters."""
    head = cleaned.split(MORE_ANCHOR, 1)[0]
    text = " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", head))).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"
