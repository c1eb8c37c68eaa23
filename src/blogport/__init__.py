"""blogport: rescue Blogger blogs.

Read a Blogger export (classic Atom, Google Takeout) or a blogport JSON archive into one
normalized model with nested comment threads, and write it out again::

    import blogport

    archive = blogport.read("blog-02-15-2013.xml")
    for post in archive.posts:
        print(post.title, sum(1 for _ in post.all_comments()))
    blogport.write(archive, "blog.json")
"""

from __future__ import annotations

from .api import dumps, read, read_all, select_blog, write
from .errors import BlogportError, InputError, OutputError, UsageError
from .model import Archive, Author, Blog, Comment, Location, Post, Provenance
from .options import ReadOptions, WriteOptions
from .report import summarize

__version__ = "0.1.0"

__all__ = [
    "Archive",
    "Author",
    "Blog",
    "BlogportError",
    "Comment",
    "InputError",
    "Location",
    "OutputError",
    "Post",
    "Provenance",
    "ReadOptions",
    "UsageError",
    "WriteOptions",
    "__version__",
    "dumps",
    "read",
    "read_all",
    "select_blog",
    "summarize",
    "write",
]
