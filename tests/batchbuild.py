"""A folder of small generated exports for the batch tests (our own fixtures, not corpus copies).

Ten classic exports of distinct blogs, a malformed (truncated) one, an empty one, and a Takeout
folder holding two blogs: fourteen items when listed in ``@list.txt``.
"""

from __future__ import annotations

import os
from pathlib import Path

import xmlbuild as x

CLASSIC_IDS = [f"90{n:02d}" for n in range(10)]
TAKEOUT_IDS = ["8001", "8002"]


def classic_export(blog_id: str, posts: int = 3) -> bytes:
    """A classic export of blog ``blog_id`` with ``posts`` posts, each with a comment and a reply."""
    opening = x.FEED_OPEN.replace(f"blog-{x.BLOG}.archive", f"blog-{blog_id}.archive").replace(
        "Test blog", f"Blog {blog_id}"
    )
    entries = []
    for number in range(posts):
        pid = f"{blog_id}{number}"
        entries.append(x.post(pid, title=f"Post {number} of {blog_id}", labels=("a", "été")))
        entries.append(x.comment(f"{pid}1", pid))
        entries.append(x.comment(f"{pid}2", pid, parent=f"{pid}1", published="2019-05-03T10:00:00.000+02:00"))
    return x.classic(*entries, feed_open=opening)


def takeout_blog(blog_id: str) -> bytes:
    """A Takeout ``feed.atom`` of blog ``blog_id``: a post with a comment and its reply."""
    opening = x.TAKEOUT_OPEN.replace(f"blog-{x.BLOG}", f"blog-{blog_id}").replace("Takeout blog", f"T{blog_id}")
    entries = (x.t_post(f"{blog_id}1"), x.t_comment("20", f"{blog_id}1"), x.t_comment("21", f"{blog_id}1", "20"))
    return x.takeout(*entries, feed_open=opening)


def make_exports(folder: Path) -> Path:
    """Write the fixture exports under ``folder``; returns the ``@list.txt`` naming them all."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for blog_id in CLASSIC_IDS:
        path = folder / f"blog-{blog_id}.xml"
        path.write_bytes(classic_export(blog_id))
        names.append(path.name)
    broken = classic_export("9999")
    (folder / "broken.xml").write_bytes(broken[: len(broken) // 2])
    (folder / "empty.xml").write_bytes(b"")
    names += ["broken.xml", "empty.xml"]
    for blog_id in TAKEOUT_IDS:
        feed = folder / "takeout" / "Takeout" / "Blogger" / "Blogs" / f"Blog {blog_id}" / "feed.atom"
        feed.parent.mkdir(parents=True)
        feed.write_bytes(takeout_blog(blog_id))
    names.append("takeout")
    listing = folder / "list.txt"
    listing.write_text("# the batch\n" + "".join(f"{folder / name}\n" for name in names) + "\n", "utf-8")
    return listing


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but the batch log folder, with its bytes."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith("_batch/"):
            files[relative] = path.read_bytes()
    return files


TIMING_FIELDS = ("seconds", "peak_rss_mb", "worker")


def untimed(log: Path) -> list[dict[str, object]]:
    """The records of ``results.jsonl`` without their timing fields."""
    import json

    return [
        {k: v for k, v in json.loads(line).items() if k not in TIMING_FIELDS}
        for line in log.read_text("utf-8").splitlines()
    ]


def mtimes(root: Path) -> dict[str, int]:
    """The modification time (ns) of every output file under ``root``."""
    return {name: os.stat(root / name).st_mtime_ns for name in tree(root)}
