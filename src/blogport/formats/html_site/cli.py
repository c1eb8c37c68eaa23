"""The ``--to html`` options of ``blogport convert``: their argparse group and their WriteOptions fields."""

from __future__ import annotations

import argparse
from typing import Any

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


def option_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The WriteOptions fields these options set."""
    per_page = {} if args.per_page is None else {"per_page": args.per_page}
    return {**per_page, "offline_strict": args.offline_strict, "include_drafts": args.include_drafts}
