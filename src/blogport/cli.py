"""The ``blogport`` command line.

Exit codes: 0 success; 1 unexpected internal error; 2 usage error (bad option, several
blogs and no ``--blog``); 3 input error (missing, empty, binary, malformed, unsafe or
unrecognized input); 4 output error (exists without ``--force``, cannot write);
130 interrupted. Errors are one line on stderr; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__, formats
from .api import plan, read_planned, select_blog, write
from .batch import command as batch_command
from .errors import BlogportError, OutputError, UsageError
from .formats.html_site import cli as html_site_cli
from .formats.markdown import flavors as markdown_flavors
from .formats.warc import cli as warc_cli
from .media import command as media_command
from .model import Archive
from .options import ReadOptions, WriteOptions
from .output import check_writable
from .report import FIGURE_LABELS, summarize
from .salvage import add_salvage_option

EXIT_OK, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 130
_PROGRESS_MIN_BYTES = 4 * 1024 * 1024


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="blogport",
        description="Rescue Blogger blogs: read exports (classic, Takeout) or saved pages into one model "
        "with nested comment threads; write a JSON archive, WXR for WordPress, or Markdown for static sites.",
    )
    parser.add_argument("--version", action="version", version=f"blogport {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only (no warnings, no progress)")
    common.add_argument("-v", "--verbose", action="store_true", help="say more about what is read and written")
    common.add_argument("--debug", action="store_true", help="show a traceback on errors")
    common.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        choices=[r.name for r in formats.READERS],
        help="force the input format: " + ", ".join(r.name for r in formats.READERS),
    )
    common.add_argument(
        "--blog", metavar="NAME", help="pick one blog (title, id or Takeout folder) when the input holds several"
    )
    common.add_argument(
        "--keep-emails",
        action="store_true",
        help="keep authors' and commenters' real e-mail addresses (dropped by default)",
    )
    common.add_argument(
        "--blog-url", metavar="URL", help="the blog's address, for inputs that lack it (Takeout): makes full post URLs"
    )
    add_salvage_option(common)
    warc_cli.add_read_arguments(common)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = sub.add_parser(
        "convert",
        parents=[common],
        help="convert INPUT(s) to another format",
        description="Convert Blogger exports, saved Blogger pages, WXR files or blogport archives.",
    )
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or zip (several allowed)")
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="output file, '-' for standard output, or a folder when the input "
        "holds several blogs and no --blog is given",
    )
    convert.add_argument("-f", "--force", action="store_true", help="overwrite an existing output")
    add_write_options(convert, jobs_help="processes for the HTML conversion (default: all CPUs)")
    batch_command.add_parser(sub, common)
    media_command.add_parser(sub, common)

    info = sub.add_parser(
        "info",
        parents=[common],
        help="show what INPUT(s) hold",
        description="Count posts, pages, drafts, comments, replies and more; list warnings.",
    )
    info.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or zip (several allowed)")
    info.add_argument("--json", action="store_true", help="print the figures as JSON")

    sub.add_parser("formats", help="list the input and output formats")
    return parser


def add_write_options(parser: argparse.ArgumentParser, jobs_help: str | None) -> None:
    """``--to`` and the writers' option groups, shared by ``convert`` and ``batch`` (``--jobs`` when helped)."""
    parser.add_argument(
        "--to", dest="to_format", default="json", choices=sorted(formats.WRITERS), help="output format (default: json)"
    )
    parser.add_argument(
        "--keep-links",
        action="store_true",
        help="keep links between posts of the blog at their old Blogger address "
        "(by default Markdown, WXR and HTML point them at the new site)",
    )
    parser.add_argument(
        "--media",
        metavar="MEDIA_DIR",
        help="point every image at its local copy in MEDIA_DIR (written by 'blogport media'); "
        "Markdown and HTML sites copy the images in, WXR gets attachments",
    )
    site = parser.add_argument_group("Markdown output (--to markdown, -o names the site's root folder)")
    site.add_argument(
        "--flavor",
        choices=markdown_flavors.NAMES,
        default=markdown_flavors.DEFAULT,
        help="the static site generator to write for: "
        + ", ".join(f"{f.name} ({f.generator})" for f in markdown_flavors.FLAVORS.values())
        + f" (default: {markdown_flavors.DEFAULT})",
    )
    site.add_argument(
        "--comments",
        choices=("inline", "data", "none"),
        default="inline",
        help="comment threads nested in each post (default), as data files, or left out",
    )
    site.add_argument("--keep-html", action="store_true", help="keep post bodies as their original HTML")
    site.add_argument("--include-trashed", action="store_true", help="also write trashed posts (as drafts)")
    if jobs_help:
        site.add_argument("--jobs", type=int, metavar="N", help=jobs_help)
    wxr = parser.add_argument_group("WXR output (--to wxr)")
    wxr.add_argument(
        "--labels-as",
        choices=("tags", "categories"),
        default="tags",
        help="Blogger labels become WordPress tags (default) or categories",
    )
    wxr.add_argument(
        "--split-size",
        type=_megabytes,
        metavar="MB",
        help="write several WXR files of at most MB megabytes each (upload limits); "
        "each post stays whole with its comments",
    )
    wxr.add_argument(
        "--site-url",
        metavar="URL",
        help="the new WordPress site's address: links between posts become absolute (default: root-relative)",
    )
    wxr.add_argument(
        "--media-base-url",
        metavar="URL",
        help="with --media: the attachments' files are at URL/YYYY/MM/NAME (a folder you host), not at Blogger",
    )

    html_site_cli.add_arguments(parser)


def write_options(args: argparse.Namespace, jobs: int | None) -> WriteOptions:
    """The :class:`WriteOptions` the parsed writer options ask for."""
    return WriteOptions(
        labels_as=args.labels_as,
        split_size=args.split_size,
        flavor=args.flavor,
        comments=args.comments,
        keep_html=args.keep_html,
        include_trashed=args.include_trashed,
        jobs=jobs,
        keep_links=args.keep_links,
        site_url=args.site_url,
        media=args.media,
        media_base_url=args.media_base_url,
        **html_site_cli.option_fields(args),
    )


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    if not enabled or not sys.stderr.isatty() or total < _PROGRESS_MIN_BYTES:
        yield None
        return
    from tqdm import tqdm

    with tqdm(
        total=total, unit="B", unit_scale=True, unit_divisor=1024, desc="reading", file=sys.stderr, leave=False
    ) as bar:
        yield bar.update


def _read(args: argparse.Namespace) -> list[Archive]:
    steps = plan(args.inputs, format=args.from_format, salvage=args.salvage)
    if args.verbose and not args.quiet:
        for document, reader in steps:
            what = f"read as {reader.name}" if reader else "skipped (not a blog export)"
            print(f"blogport: {document.name}: {what}", file=sys.stderr)
    total = sum(document.size for document, reader in steps if reader)
    with _progress(total, not args.quiet) as progress:
        options = ReadOptions(
            keep_emails=args.keep_emails,
            blog_url=args.blog_url,
            progress=progress,
            salvage=args.salvage,
            **warc_cli.read_options(args),
        )
        return read_planned(steps, options)


def _warn(archive: Archive, args: argparse.Namespace) -> None:
    _report(archive.warnings, args)


def _report(warnings: Sequence[str], args: argparse.Namespace) -> None:
    if args.quiet:
        return
    for warning in warnings:
        print(f"blogport: warning: {warning}", file=sys.stderr)


def _megabytes(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}") from None
    if not 0.01 <= value <= 100_000:
        raise argparse.ArgumentTypeError("give a size between 0.01 and 100000 MB")
    return int(value * 1_000_000)


def _safe_name(title: str, fallback: str) -> str:
    name = re.sub(r"[^\w.-]+", "-", title, flags=re.UNICODE).strip("-._")[:80]
    return name or fallback


def cmd_convert(args: argparse.Namespace) -> int:
    """``blogport convert``."""
    writer = formats.writer_named(args.to_format)
    extension = writer.extensions[0]
    to_stdout = args.output == "-"
    folder_output = writer.output == "folder"
    if folder_output and to_stdout:
        raise UsageError(f"--to {args.to_format} writes a folder: give -o DIR")
    several_targets = (not to_stdout) and (
        (Path(args.output).is_dir() and not folder_output) or args.output.endswith(("/", os.sep))
    )
    if not to_stdout and not several_targets and not folder_output:
        check_writable(args.output, args.force)
    archives = _read(args)
    if args.blog is not None or len(archives) == 1:
        chosen = [select_blog(archives, args.blog)]
    elif several_targets:
        chosen = archives
    else:
        select_blog(archives, None)  # raises the "several blogs" usage error
        chosen = archives
    options = write_options(args, args.jobs)
    used: set[str] = set()
    for archive in chosen:
        _warn(archive, args)
        if to_stdout:
            written = write(archive, sys.stdout, args.to_format, options)
            _report(written.warnings, args)
            continue
        if several_targets and not (folder_output and len(chosen) == 1):  # one site: -o DIR/ is its root
            folder = Path(args.output)
            folder.mkdir(parents=True, exist_ok=True)
            stem = _safe_name(archive.blog.title, archive.blog.id or "blog")
            while stem in used:
                stem += "-" + (archive.blog.id or "x")
            used.add(stem)
            target = folder / (stem if folder_output else f"{stem}{extension}")
        else:
            target = Path(args.output)
        written = write(archive, target, args.to_format, options, force=args.force)
        _report(written.warnings, args)
        if not args.quiet:
            figures = summarize(archive)
            names = (
                f"{target} ({len(written.paths)} file(s) written or updated)"
                if folder_output
                else ", ".join(str(p) for p in written.paths)
            )
            print(
                f"blogport: wrote {names}: {figures['posts']} posts, {figures['pages']} pages, "
                f"{figures['comments']} comments ({figures['replies']} replies, "
                f"{figures['orphan_comments']} orphans)",
                file=sys.stderr,
            )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """``blogport info``."""
    archives = _read(args)
    if args.blog is not None:
        archives = [select_blog(archives, args.blog)]
    figures = [summarize(a) for a in archives]
    if args.json:
        payload: Any = figures[0] if len(figures) == 1 else figures
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if len(archives) > 1:
        print(f"{len(archives)} blogs (choose one with --blog NAME):")
    for archive, figure in zip(archives, figures, strict=True):
        print(f"blog: {figure['blog']} (id {figure['blog_id']})")
        if figure["url"]:
            print(f"  url: {figure['url']}")
        print(f"  format: {figure['format']}")
        for key, label in FIGURE_LABELS:
            print(f"  {label}: {figure[key]}")
        print(f"  warnings: {len(archive.warnings)}")
        for warning in archive.warnings:
            print(f"    - {warning}")
    return EXIT_OK


def cmd_formats(_args: argparse.Namespace) -> int:
    """``blogport formats``."""
    print("input formats (detected in this order; force one with --from):")
    for reader in formats.READERS:
        print(f"  {reader.name:18} {reader.title}")
    print("output formats (--to):")
    for key, writer in formats.WRITERS.items():
        print(f"  {key:18} {writer.title}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"convert": cmd_convert, "info": cmd_info, "formats": cmd_formats, "batch": batch_command.run}
    handlers["media"] = media_command.run
    debug = getattr(args, "debug", False)
    try:
        return handlers[args.command](args)
    except BlogportError as exc:
        if debug:
            traceback.print_exc()
        print(f"blogport: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("blogport: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: still one line, unless asked for the traceback
        if debug:
            traceback.print_exc()
        print(
            f"blogport: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", file=sys.stderr
        )
        return EXIT_INTERNAL


__all__ = ["OutputError", "UsageError", "build_parser", "main"]
