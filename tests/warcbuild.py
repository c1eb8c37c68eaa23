"""Builders for WARC and Blogger JSON-feed fixtures: every WARC is written by warcio's own writer."""

from __future__ import annotations

import gzip
import io
import json
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import pagebuild as pb


@dataclass
class Rec:
    """One record to write: a response (default), resource, revisit, request or metadata."""

    uri: str
    body: bytes = b""
    kind: str = "response"
    status: str = "200 OK"
    content_type: str = "text/html; charset=UTF-8"
    date: str = "2020-05-01T10:00:00Z"
    chunked: bool = False
    gzipped: bool = False
    location: str | None = None
    refers_to: tuple[str, str] | None = None  # (uri, date) of the original, for revisits
    digest_of: bytes | None = None  # the original's payload, for revisits
    extra_headers: list[tuple[str, str]] = field(default_factory=list)


def _http(rec: Rec, body: bytes) -> tuple[StatusAndHeaders, bytes]:
    headers = [("Content-Type", rec.content_type)] if rec.content_type else []
    if rec.location:
        headers.append(("Location", rec.location))
    if rec.gzipped:
        body = gzip.compress(body)
        headers.append(("Content-Encoding", "gzip"))
    if rec.chunked:
        half = len(body) // 2
        body = (
            b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:half], body[half:]) if part) + b"0\r\n\r\n"
        )
        headers.append(("Transfer-Encoding", "chunked"))
    else:
        headers.append(("Content-Length", str(len(body))))
    headers.extend(rec.extra_headers)
    return StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1"), body


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes for ``body`` (sha1, base32)."""
    import base64
    import hashlib

    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_bytes(records: Iterable[Rec], gzip_records: bool = True, info: dict[str, str] | None = None) -> bytes:
    """A WARC holding ``records``, with a warcinfo record first."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record("test.warc", info or {"software": "blogport-tests/1.0"}))
    for rec in records:
        headers = {"WARC-Date": rec.date}
        if rec.kind == "revisit":
            assert rec.refers_to is not None and rec.digest_of is not None
            http, _ = _http(rec, b"")
            record = writer.create_revisit_record(
                rec.uri,
                payload_digest(rec.digest_of),
                rec.refers_to[0],
                rec.refers_to[1],
                http_headers=http,
                warc_headers_dict=headers,
            )
        elif rec.kind == "resource":
            record = writer.create_warc_record(
                rec.uri,
                "resource",
                payload=io.BytesIO(rec.body),
                length=len(rec.body),
                warc_content_type=rec.content_type,
                warc_headers_dict=headers,
            )
        elif rec.kind in ("request", "metadata"):
            record = writer.create_warc_record(
                rec.uri,
                rec.kind,
                payload=io.BytesIO(rec.body),
                length=len(rec.body),
                warc_content_type="application/http; msgtype=request" if rec.kind == "request" else "text/plain",
                warc_headers_dict=headers,
            )
        else:
            http, body = _http(rec, rec.body)
            record = writer.create_warc_record(
                rec.uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
            )
        writer.write_record(record)
    return out.getvalue()


def write_warc(path: Path, records: Iterable[Rec], gzip_records: bool = True) -> Path:
    path.write_bytes(warc_bytes(records, gzip_records))
    return path


def zstd_warc(records: list[Rec], dictionary_in_file: bool = True) -> tuple[bytes, bytes]:
    """An ArchiveTeam-style .warc.zst: a trained dictionary, one frame per record; (file, dictionary)."""
    import zstandard

    plain = [warc_bytes([r], gzip_records=False) for r in records]
    samples = [chunk[i : i + 512] for chunk in plain for i in range(0, len(chunk), 512)] * 4
    dictionary = zstandard.train_dictionary(4096, samples)
    compressor = zstandard.ZstdCompressor(dict_data=dictionary)
    frames = b"".join(compressor.compress(chunk) for chunk in plain)
    raw = dictionary.as_bytes()
    skippable = b"\x5d\x2a\x4d\x18" + struct.pack("<I", len(raw)) + raw
    return (skippable + frames if dictionary_in_file else frames), raw


# --- Blogger's GData JSON feeds, from the same pagebuild posts as the Atom feeds --------------------


def _author(name: str) -> dict[str, object]:
    return {
        "name": {"$t": name},
        "uri": {"$t": "https://www.blogger.com/profile/111"},
        "email": {"$t": "noreply@blogger.com"},
        "gd$image": {
            "rel": "http://schemas.google.com/g/2005#thumbnail",
            "width": "16",
            "height": "16",
            "src": "https://img1.blogblog.com/img/b16-rounded.gif",
        },
    }


def json_comment_feed(post: pb.P, comments: list[tuple[pb.C, str | None]], total: int | None = None) -> dict:
    """The JSON twin of ``pagebuild.comment_feed`` (same entries, same links)."""
    entries = []
    for comment, parent in comments:
        links = [
            {
                "rel": "edit",
                "type": "application/atom+xml",
                "href": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/{post.id}/comments/default/{comment.id}",
            },
            {
                "rel": "self",
                "type": "application/atom+xml",
                "href": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/{post.id}/comments/default/{comment.id}",
            },
            {
                "rel": "alternate",
                "type": "text/html",
                "title": "",
                "href": f"{post.url}?showComment={pb.millis(comment.when)}#c{comment.id}",
            },
        ]
        if parent:
            links.append(
                {
                    "rel": "related",
                    "type": "application/atom+xml",
                    "href": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/{post.id}/comments/default/{parent}",
                }
            )
        props = [{"name": "blogger.itemClass", "value": "pid-1"}]
        if comment.deleted:
            props.insert(0, {"name": "blogger.contentRemoved", "value": "true"})
        entries.append(
            {
                "id": {"$t": f"tag:blogger.com,1999:blog-{pb.BLOG_ID}.post-{comment.id}"},
                "published": {"$t": comment.when.isoformat(timespec="milliseconds")},
                "updated": {"$t": comment.when.isoformat(timespec="milliseconds")},
                "title": {"type": "text", "$t": "x"},
                "content": {"type": "html", "$t": comment.text},
                "link": links,
                "author": [{"name": {"$t": comment.author}, "email": {"$t": "noreply@blogger.com"}}],
                "thr$in-reply-to": {
                    "xmlns$thr": "http://purl.org/syndication/thread/1.0",
                    "href": post.url,
                    "ref": f"tag:blogger.com,1999:blog-{pb.BLOG_ID}.post-{post.id}",
                    "source": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/posts/default/{post.id}",
                    "type": "text/html",
                },
                "gd$extendedProperty": props,
            }
        )
    return {
        "version": "1.0",
        "encoding": "UTF-8",
        "feed": {
            "xmlns": "http://www.w3.org/2005/Atom",
            "xmlns$blogger": "http://schemas.google.com/blogger/2008",
            "id": {"$t": f"tag:blogger.com,1999:blog-{pb.BLOG_ID}.post{post.id}..comments"},
            "updated": {"$t": "2013-03-01T00:00:00.000+01:00"},
            "title": {"type": "text", "$t": "Commentaires"},
            "link": [
                {"rel": "self", "type": "application/atom+xml", "href": f"{pb.HOST}/feeds/{post.id}/comments/default"}
            ],
            "openSearch$totalResults": {"$t": str(total if total is not None else len(entries))},
            "openSearch$startIndex": {"$t": "1"},
            "entry": entries,
        },
    }


def json_posts_feed(posts: list[pb.P]) -> dict:
    """A blog's posts feed (``/feeds/posts/default?alt=json``)."""
    entries = [
        {
            "id": {"$t": f"tag:blogger.com,1999:blog-{pb.BLOG_ID}.post-{post.id}"},
            "published": {"$t": post.when.isoformat(timespec="milliseconds")},
            "updated": {"$t": post.when.isoformat(timespec="milliseconds")},
            "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": label} for label in post.labels],
            "title": {"type": "text", "$t": post.title},
            "content": {"type": "html", "$t": post.body},
            "link": [
                {
                    "rel": "replies",
                    "type": "application/atom+xml",
                    "href": f"{pb.HOST}/feeds/{post.id}/comments/default",
                },
                {
                    "rel": "self",
                    "type": "application/atom+xml",
                    "href": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/posts/default/{post.id}",
                },
                {"rel": "alternate", "type": "text/html", "href": post.url, "title": post.title},
            ],
            "author": [_author(post.author)],
            "thr$total": {"$t": str(pb.count(post.comments))},
        }
        for post in posts
    ]
    return {
        "version": "1.0",
        "encoding": "UTF-8",
        "feed": {
            "xmlns": "http://www.w3.org/2005/Atom",
            "xmlns$blogger": "http://schemas.google.com/blogger/2008",
            "id": {"$t": f"tag:blogger.com,1999:blog-{pb.BLOG_ID}"},
            "updated": {"$t": "2013-03-01T00:00:00.000+01:00"},
            "title": {"type": "text", "$t": "Carnet de test"},
            "link": [
                {"rel": "alternate", "type": "text/html", "href": f"{pb.HOST}/"},
                {
                    "rel": "self",
                    "type": "application/atom+xml",
                    "href": f"https://www.blogger.com/feeds/{pb.BLOG_ID}/posts/default",
                },
            ],
            "author": [_author("Élodie")],
            "openSearch$totalResults": {"$t": str(len(entries))},
            "openSearch$startIndex": {"$t": "1"},
            "entry": entries,
        },
    }


def atom_posts_feed(posts: list[pb.P]) -> str:
    """The Atom twin of :func:`json_posts_feed`."""
    entries = []
    for post in posts:
        labels = "".join(
            f"<category scheme='http://www.blogger.com/atom/ns#' term='{escape(label)}'/>" for label in post.labels
        )
        entries.append(
            f"<entry><id>tag:blogger.com,1999:blog-{pb.BLOG_ID}.post-{post.id}</id>"
            f"<published>{post.when.isoformat(timespec='milliseconds')}</published>"
            f"<updated>{post.when.isoformat(timespec='milliseconds')}</updated>{labels}"
            f"<title type='text'>{escape(post.title)}</title><content type='html'>{escape(post.body)}</content>"
            f"<link rel='replies' type='application/atom+xml' href='{pb.HOST}/feeds/{post.id}/comments/default'/>"
            f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{pb.BLOG_ID}/posts/default/{post.id}'/>"
            f"<link rel='alternate' type='text/html' href='{post.url}' title='{escape(post.title)}'/>"
            f"<author><name>{escape(post.author)}</name><uri>https://www.blogger.com/profile/111</uri>"
            "<email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' "
            "height='16' src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>"
            f"<thr:total>{pb.count(post.comments)}</thr:total></entry>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch="
        "'http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' "
        "xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'>"
        f"<id>tag:blogger.com,1999:blog-{pb.BLOG_ID}</id><updated>2013-03-01T00:00:00.000+01:00</updated>"
        f"<title type='text'>Carnet de test</title><link rel='alternate' type='text/html' href='{pb.HOST}/'/>"
        f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{pb.BLOG_ID}/posts/default'/>"
        f"{''.join(entries)}</feed>"
    )


def as_jsonp(feed: dict, callback: str = "gdata.io.handleScriptLoaded") -> bytes:
    """The ``alt=json-in-script`` form of a feed."""
    return f"// API callback\n{callback}({json.dumps(feed)});".encode()
