"""The Blogger image URL model: which image a URL names, at which size, and where its original is.

Pure functions, no I/O. Forms understood (``http:``, ``https:`` and protocol-relative ``//``):

- Picasa paths on ``N.bp.blogspot.com`` / ``bp.blogspot.com`` / ``lhN.googleusercontent.com``:
  ``/-id/id/AAAA…/id/s1600/name.jpg`` (and the legacy ``/_id/…`` form, ``S374``, ``s1600-h``,
  ``w640-h480-p-k-no-nu``, or no size segment at all);
- ``blogger.googleusercontent.com/img/b/R29vZ2xl/<id>/w640-h480/name`` and the suffix forms
  ``img/b/…/<id>=s1600``, ``img/a/<id>=s1600``;
- ``lhN.googleusercontent.com/<id>=s1600`` suffix forms, and ``lhN.googleusercontent.com/proxy/…``
  (Blogger's cache of an external image: its own key, the external URL cannot be recovered);
- ``photosN.blogger.com/…/320/name.jpg`` (2006 era, the size is a bare number).

The key drops the size, the shard (``1–4.bp``, ``lh3–6``), the scheme, the query and the
fragment. HTML entities are decoded once; percent-encoding is kept as written (``%255B`` stays).

Images on any other ``http``/``https`` host (:func:`parse_reference`) are keyed by their URL:
``web:`` + host (lower-cased, default port dropped) + path + ``?query`` as written. The key is
scheme-insensitive like Blogger's (a blog that moved to https writes both spellings of one
file), the fragment is dropped (it never selects bytes), the query is kept (it may select the
image: ``thumb.php?id=7``). They have no size variants: the one candidate is the URL as written.
References that must not be fetched (an inline ``data:`` URI, a ``file:``, ``ftp:`` or other
non-http(s) ``<img src>``) parse, with ``unfetchable=True``, to the families ``inline`` and
``unfetchable``: they have no candidates and the manifest records them as ``skipped``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable

from attrs import frozen

FAMILIES = ("picasa", "imgb", "suffix", "proxy", "photos", "web", "inline", "unfetchable")
# The families that are never fetched: their manifest entries are ``skipped`` (with this reason).
SKIPPED_FAMILIES = {"inline": "inline", "unfetchable": "not-http"}

_SIZE_PART = r"(?:[swh]\d+|[a-z]{1,3})"
_SIZE_TOKEN = re.compile(rf"(?i){_SIZE_PART}(?:-{_SIZE_PART})*")
_DIMENSION = re.compile(r"(?i)([swh])(\d+)")
_URL = re.compile(r"(?is)^(?:(https?):)?//([^/?#]+)(/[^?#]*)?")
_BP_HOST = re.compile(r"^(?:\d+\.)?bp\.blogspot\.com$")
_LH_HOST = re.compile(r"^lh\d+\.(?:googleusercontent|ggpht)\.com$")
_PHOTOS_HOST = re.compile(r"^photos\d*\.blogger\.com$")
_IMG_HOST = "blogger.googleusercontent.com"
# The size of a 2006-era photosN.blogger.com URL is a bare number of pixels before the name.
_PHOTOS_SIZE = re.compile(r"^\d{2,5}$")
# The largest size Blogger's 2006-era image server knew: its "original".
_PHOTOS_ORIGINAL = 1600


@frozen
class BloggerImage:
    """One Blogger-hosted image URL, understood.

    ``url`` is the URL as written (entities decoded once); ``key`` its identity, the same for every
    variant of the image; ``size`` the longest edge it asks for (``None``: original or unknown);
    ``filename`` the name in the URL as written (``""`` for suffix forms, which have none).
    """

    key: str
    url: str
    family: str
    size: int | None
    filename: str
    scheme: str
    host: str
    # The URL cut around its size: ``prefix + size + suffix`` (``suffix`` is ``"/" + name`` in
    # path forms, ``""`` in ``=sNNN`` forms); ``size_style`` is ``"/"``, ``"="`` or ``"photos"``.
    prefix: str
    suffix: str
    size_style: str

    def variant(self, size: int | None) -> str:
        """This image's URL at ``size`` pixels on its longest edge; ``None`` asks for the original.

        An image of another host has no size variants: its one URL (without the fragment).
        """
        if self.size_style == "none":
            return self.prefix
        if self.size_style == "photos":
            return f"{self.prefix}/{size or _PHOTOS_ORIGINAL}{self.suffix}"
        token = f"s{size or 0}"
        if self.size_style == "=":
            return f"{self.prefix}={token}"
        return f"{self.prefix}/{token}{self.suffix}"

    def candidates(
        self,
        *,
        largest_seen: int | None = None,
        original_edge: int | None = None,
        linked: Iterable[str] = (),
        shown: Iterable[str] = (),
    ) -> tuple[str, ...]:
        """The URLs to try, original size first, without duplicates.

        ``s0`` (the original), then the largest size seen anywhere in the blog for this key, then
        the ``data-original-width/height`` edge, then the URLs as linked (``<a href>``), then the
        URLs as shown (``shown``, then this one). A skipped family has none.
        """
        if self.family in SKIPPED_FAMILIES:
            return ()
        ordered = [self.variant(None)]
        if largest_seen:
            ordered.append(self.variant(largest_seen))
        if original_edge:
            ordered.append(self.variant(original_edge))
        ordered.extend(linked)
        ordered.extend(shown)
        ordered.append(self.url)
        return tuple(dict.fromkeys(_fetchable(url) for url in ordered))


def _fetchable(url: str) -> str:
    """``url`` with a scheme (protocol-relative URLs are fetched over https), without its fragment."""
    url = url.split("#", 1)[0]
    return "https:" + url if url.startswith("//") else url


def size_of(token: str) -> int | None:
    """The longest edge a size token asks for (``s1600-h`` → 1600, ``w640-h480`` → 640); ``None`` for s0."""
    found = [(letter.lower(), int(number)) for letter, number in _DIMENSION.findall(token)]
    # An explicit width or height bounds the image more tightly than ``s`` (``s1600-w640-c-h480`` is 640 wide).
    edges = [number for letter, number in found if letter != "s"] or [number for _letter, number in found]
    return max(edges, default=0) or None


def is_size_token(text: str) -> bool:
    """Whether ``text`` is a Blogger size segment or suffix (``s1600``, ``S374``, ``w640-h480-p-k-no-nu``)."""
    return bool(_SIZE_TOKEN.fullmatch(text)) and bool(_DIMENSION.search(text))


def parse_image_url(url: str, *, entities: bool = True) -> BloggerImage | None:
    """The Blogger image ``url`` names, or ``None`` when it is not a Blogger-hosted image.

    ``entities=False`` for text already decoded (attribute values from an HTML parser), so
    entities are decoded exactly once.
    """
    written = html.unescape(url.strip()) if entities else url.strip()
    match = _URL.match(written)
    if match is None:
        return None
    scheme = (match.group(1) or "https").lower()
    host = match.group(2).lower().rsplit("@", 1)[-1].split(":", 1)[0]
    path = match.group(3) or ""
    base = f"{written[: written.index('//')]}//{match.group(2)}"
    if _BP_HOST.match(host):
        return _picasa(written, scheme, host, base, path)
    if _LH_HOST.match(host):
        if path.startswith("/proxy/"):
            return _suffix(written, scheme, host, base, path, "proxy", "proxy:")
        if path[1:2] in ("-", "_") and path.count("/") >= 5:
            return _picasa(written, scheme, host, base, path)
        return _suffix(written, scheme, host, base, path, "suffix", "lh:")
    if host == _IMG_HOST and path.startswith(("/img/b/", "/img/a/")):
        return _imgb(written, scheme, host, base, path)
    if _PHOTOS_HOST.match(host):
        return _photos(written, scheme, host, base, path)
    return None


def parse_reference(url: str, *, entities: bool = True, unfetchable: bool = False) -> BloggerImage | None:
    """The image ``url`` names on any host: Blogger's (:func:`parse_image_url`), else another
    ``http``/``https`` host's, keyed by its URL (see the module rules); ``None`` when neither.

    ``unfetchable=True`` also parses what must not be fetched (``data:``, other schemes) into the
    skipped families; a URL on a Blogger image host that is not an image URL stays ``None``.
    """
    image = parse_image_url(url, entities=entities)
    if image is not None:
        return image
    written = html.unescape(url.strip()) if entities else url.strip()
    match = _URL.match(written)
    if match is None:
        return _unfetchable(written) if unfetchable else None
    scheme = (match.group(1) or "https").lower()
    authority = match.group(2).lower().rsplit("@", 1)[-1]
    host, _, port = authority.partition(":")
    if not host or _is_blogger_image_host(host):
        return None
    if port in ("", "80", "443"):
        authority = host
    elif not port.isdigit():
        return None
    whole = written.split("#", 1)[0]
    tail = whole[match.end(2) :] or "/"
    path = tail.split("?", 1)[0]
    return BloggerImage(
        key=f"web:{authority}{tail}",
        url=written,
        family="web",
        size=None,
        filename=path.rsplit("/", 1)[-1],
        scheme=scheme,
        host=host,
        prefix=whole,
        suffix="",
        size_style="none",
    )


def reference_key(url: str, *, entities: bool = True) -> str | None:
    """The key of the image ``url`` names on any http/https host (:func:`parse_reference`), or ``None``."""
    image = parse_reference(url, entities=entities)
    return image.key if image else None


def has_image_extension(url: str) -> bool:
    """Whether the path of ``url`` ends in an image file extension (``.jpg``, ``.PNG``, ``.webp`` …)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return path.rsplit(".", 1)[-1] in _IMAGE_EXTENSIONS if "." in path.rsplit("/", 1)[-1] else False


_IMAGE_EXTENSIONS = frozenset(("jpg", "jpeg", "jpe", "png", "gif", "webp", "bmp", "tif", "tiff", "svg", "avif", "heic"))


def _is_blogger_image_host(host: str) -> bool:
    return bool(_BP_HOST.match(host) or _LH_HOST.match(host) or _PHOTOS_HOST.match(host) or host == _IMG_HOST)


def _unfetchable(written: str) -> BloggerImage | None:
    scheme, colon, _rest = written.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return None  # a relative URL: nothing to fetch and nothing to say
    scheme = scheme.lower()
    if scheme == "data":
        digest = hashlib.sha256(written.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        shown = written if len(written) <= 80 else f"{written[:60]}… ({len(written)} characters)"
        return BloggerImage(f"inline:{digest}", shown, "inline", None, "", scheme, "", shown, "", "none")
    visible = written.split("#", 1)[0]
    return BloggerImage(f"unfetchable:{visible}", written, "unfetchable", None, "", scheme, "", visible, "", "none")


def image_key(url: str, *, entities: bool = True) -> str | None:
    """The identity of the Blogger image ``url`` names (the same for all its variants), or ``None``."""
    image = parse_image_url(url, entities=entities)
    return image.key if image else None


def _picasa(written: str, scheme: str, host: str, base: str, path: str) -> BloggerImage | None:
    parts = path.split("/")[1:]
    if len(parts) == 6 and is_size_token(parts[4]):
        ids, size, name = parts[:4], size_of(parts[4]), parts[5]
    elif len(parts) == 5:
        ids, size, name = parts[:4], None, parts[4]
    else:
        return None
    if ids[0][:1] not in ("-", "_") or not all(ids):
        return None
    stem = "/".join(ids)
    return _sized_in_path("picasa", "/", written, scheme, host, base, stem, name, size)


def _sized_in_path(
    family: str,
    size_style: str,
    written: str,
    scheme: str,
    host: str,
    base: str,
    stem: str,
    name: str,
    size: int | None,
) -> BloggerImage:
    """An image at ``base/stem[/size]/name`` or ``base/stem=size``, keyed by family, stem and name."""
    suffix = "" if size_style == "=" else f"/{name}"
    key = f"{family}:{stem}/{name}"  # whatever its size
    return BloggerImage(key, written, family, size, name, scheme, host, f"{base}/{stem}", suffix, size_style)


def _imgb(written: str, scheme: str, host: str, base: str, path: str) -> BloggerImage | None:
    kind, rest = path[5], path[7:]
    body, _, token = rest.partition("=")
    parts = body.split("/")
    name = ""
    size: int | None = None
    if token:
        size, style = size_of(token), "="
    else:
        style = "/"
        if len(parts) >= 3 and is_size_token(parts[-2]):
            size, name, parts = size_of(parts[-2]), parts[-1], parts[:-2]
        elif len(parts) >= 2 and is_size_token(parts[-1]):
            size, parts = size_of(parts[-1]), parts[:-1]
        elif len(parts) >= 3:
            name, parts = parts[-1], parts[:-1]
    ids = "/".join(part for part in parts if part)
    if not ids:
        return None
    return _sized_in_path("imgb", style, written, scheme, host, f"{base}/img", f"{kind}/{ids}", name, size)


def _suffix(
    written: str, scheme: str, host: str, base: str, path: str, family: str, key_prefix: str
) -> BloggerImage | None:
    body, _, token = path.partition("=")
    ident = body[len("/proxy/") :] if family == "proxy" else body[1:]
    if not ident:
        return None
    return BloggerImage(
        key=f"{key_prefix}{ident}",
        url=written,
        family=family,
        size=size_of(token) if token else None,
        filename="",
        scheme=scheme,
        host=host,
        prefix=f"{base}{body}",
        suffix="",
        size_style="=",
    )


def _photos(written: str, scheme: str, host: str, base: str, path: str) -> BloggerImage | None:
    parts = path.split("/")[1:]
    if len(parts) < 2 or not parts[-1]:
        return None
    name = parts[-1]
    size: int | None = None
    if _PHOTOS_SIZE.match(parts[-2]):
        size = int(parts[-2])
        parts = parts[:-2]
    else:
        parts = parts[:-1]
    stem = "/".join(parts)
    return _sized_in_path("photos", "photos", written, scheme, host, base, stem, name, size)
