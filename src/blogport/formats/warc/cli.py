"""The WARC reader's command-line options (``--zstd-dict``), wired into ``blogport`` by ``cli.py``."""

from __future__ import annotations

import argparse
from typing import Any


def add_read_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options that reading a WARC takes."""
    parser.add_argument(
        "--zstd-dict",
        metavar="FILE",
        help="the zstd dictionary of a .warc.zst that does not carry its own (or the megaWARC that carries it)",
    )


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`~blogport.options.ReadOptions` fields these options set."""
    return {"zstd_dict": getattr(args, "zstd_dict", None)}
