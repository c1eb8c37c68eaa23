"""A MEDIA_DIR built by hand (manifest.jsonl and stored files), as ``blogport media`` writes it,
and a small blog whose posts and comments use its images: the fixture of the ``--media`` tests,
independent of the fetcher."""

from __future__ import annotations

import hashlib
import struct
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from blogport import Archive, Blog, Comment, Post
from blogport.media.imageurls import image_key
from blogport.media.manifest import ManifestEntry, compact

TZ = timezone(timedelta(hours=1))
BLOG = "https://carnet.blogspot.com"
PHOTO_ORIGINAL = "https://1.bp.blogspot.com/-AbCdEf/UR4xYz/AAAAAAAAAAc/GhIjKl/s1600/photo.jpg"
PHOTO_THUMB = "http://2.bp.blogspot.com/-AbCdEf/UR4xYz/AAAAAAAAAAc/GhIjKl/s320/photo.jpg"
PIC = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiAbc123/w640-h480/pic.png"
PIC_QUERY = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiAbc123/s1600/pic.png?a=1&b=2"
GONE = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEiGone/s1600/gone.jpg"
OK_URLS = (PHOTO_ORIGINAL, PHOTO_THUMB, PIC, PIC_QUERY)


def png(width: int, height: int, shade: int) -> bytes:
    """A valid grey PNG of ``width`` × ``height``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def stored_entry(
    media: Path, key: str, urls: tuple[str, ...], name: str, data: bytes, size: tuple[int, int]
) -> ManifestEntry:
    sha = hashlib.sha256(data).hexdigest()
    path = f"objects/{sha[:2]}/{sha}.png"
    (media / path).parent.mkdir(parents=True, exist_ok=True)
    (media / path).write_bytes(data)
    return ManifestEntry(
        key=key,
        urls=urls,
        status="ok",
        path=path,
        name=name,
        sha256=sha,
        bytes=len(data),
        type="image/png",
        width=size[0],
        height=size[1],
        fetched_from=urls[0],
        origin="web",
        used_by=("1",),
    )


def media_dir(root: Path) -> Path:
    """MEDIA_DIR with two ok images (photo 1600×1200, pic 800×600) and one failed."""
    media = root / "media"
    media.mkdir(parents=True)
    photo_key, pic_key, gone_key = image_key(PHOTO_ORIGINAL), image_key(PIC), image_key(GONE)
    assert photo_key and pic_key and gone_key
    entries = [
        stored_entry(media, photo_key, (PHOTO_ORIGINAL, PHOTO_THUMB), "photo.png", png(160, 120, 90), (1600, 1200)),
        stored_entry(media, pic_key, (PIC, PIC_QUERY), "pic.png", png(80, 60, 200), (800, 600)),
        ManifestEntry(key=gone_key, urls=(GONE,), status="failed", error="404", reason="gone", used_by=("1",)),
    ]
    compact(media, entries)
    return media


def archive() -> Archive:
    """Post 1 shows a linked thumbnail, an image with a query and a failed one; post 2's comment shows one."""
    body = (
        f'<p>Voici <a href="{PHOTO_ORIGINAL}" imageanchor="1"><img border="0" src="{PHOTO_THUMB}" alt="ma photo"></a></p>'
        f'<p><img src="{PIC_QUERY.replace("&", "&amp;")}" alt="pic"> <img src="{GONE}" alt="perdue"></p>'
    )
    comment = Comment(
        id="51", post_id="2", published=datetime(2013, 2, 3, tzinfo=TZ), content=f'<img src="{PIC}" alt="in a comment">'
    )
    first = Post(
        id="1",
        title="Photos",
        url=f"{BLOG}/2013/01/photos.html",
        published=datetime(2013, 1, 5, tzinfo=TZ),
        content=body,
        labels=("voyage",),
    )
    second = Post(
        id="2",
        title="Encore",
        url=f"{BLOG}/2013/02/encore.html",
        published=datetime(2013, 2, 1, tzinfo=TZ),
        content=f'<p>encore <img src="{PIC}" width="400" alt="pic again"></p>',
        comments=(comment,),
    )
    return Archive(blog=Blog(title="Carnet", url=f"{BLOG}/"), posts=(first, second))
