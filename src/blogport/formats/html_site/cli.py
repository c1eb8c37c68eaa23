"""The ``--to html`` options of ``blogport convert``: their argparse group (cliargs.write_options reads them)."""

from __future__ import annotations

import argparse

from ...argtypes import number

_per_page = number(
    int, "a whole number of posts", lambda v: 1 <= v <= 10_000, lambda v: "give between 1 and 10000 posts per page"
)


def add_arguments(convert: argparse.ArgumentParser) -> None:
    """Add the HTML site's option group to the ``convert`` parser."""
    group = convert.add_argument_group("HTML archive site (--to html, -o names the site's folder)")
    group.add_argument("--per-page", type=_per_page, metavar="N", help="posts per home page (default: 20)")
    group.add_argument(
        "--offline-strict",
        action="store_true",
        help="turn remote images into links with their alt text, so the site requests nothing remote",
    )
    group.add_argument(
        "--include-drafts", action="store_true", help="also write drafts and scheduled posts (listed in drafts.html)"
    )
