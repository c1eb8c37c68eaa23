"""The ``blogport`` command line.

Exit codes: 0 success; 1 unexpected internal error; 2 usage error (bad option, an option that
does not apply to the output, several blogs and no ``--blog``); 3 input error (missing, empty,
binary, malformed, unsafe or unrecognized input); 4 output error (exists without ``--force``,
cannot write); 130 interrupted. Errors are one line on stderr; ``--debug`` adds the traceback.
The parser and the help texts are in ``cliargs.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import formats, progress
from .api import format_for_output, plan, read_planned, select_blog, write
from .batch import command as batch_command
from .cliargs import add_write_options, build_parser, completion_script, given_write_fields, write_options
from .cliprogress import ConsoleTracker, wants_bars
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, BlogportError, OutputError, UsageError
from .formats.warc import cli as warc_cli
from .media import command as media_command
from .model import Archive
from .options import ReadOptions, WriteOptions, misapplied_options, misapplied_read_options
from .output import check_writable
from .report import FIGURE_LABELS, counted, summarize
from .slugs import ascii_slug, unique

_FILES_SHOWN = 5  # of the files a blog was read from, in `info` (a mirror may have thousands)


def check_write_options(options: WriteOptions, format: str, given: frozenset[str], to_stream: bool = False) -> None:
    """Refuse (usage error, exit 2) the writer options given on the command line that do not apply to ``format``."""
    reasons = misapplied_options(options, format, to_stream, given)
    if reasons:
        raise UsageError("; ".join(reasons))


def _read(args: argparse.Namespace) -> list[Archive]:
    steps = plan(args.inputs, format=args.from_format, salvage=args.salvage)
    read_by = {reader.name for _, reader in steps if reader}
    reasons = misapplied_read_options(ReadOptions(**warc_cli.read_options(args)), read_by)
    if reasons:
        raise UsageError("; ".join(reasons))
    if args.verbose and not args.quiet:
        for document, reader in steps:
            what = f"read as {reader.name}" if reader else "skipped (not a blog export)"
            print(f"blogport: {document.name}: {what}", file=sys.stderr)
    total = sum(document.size for document, reader in steps if reader)
    with progress.phase("reading", total, "B") as advance:
        options = ReadOptions(
            keep_emails=args.keep_emails,
            blog_url=args.blog_url,
            progress=advance,
            salvage=args.salvage,
            **warc_cli.read_options(args),
        )
        return read_planned(steps, options)


def _report(warnings: Sequence[str], args: argparse.Namespace) -> None:
    if args.quiet:
        return
    for warning in warnings:
        print(f"blogport: warning: {warning}", file=sys.stderr)


def _output_format(args: argparse.Namespace) -> str:
    if args.to_format:
        return str(args.to_format)
    if args.output == "-":
        return "json"
    return format_for_output(args.output)


def _wrote_line(target: Path, paths: Sequence[Path], folder_output: bool, figures: dict[str, Any]) -> str:
    names = (
        f"{target} ({counted(len(paths), 'file')} written or updated)" if folder_output else ", ".join(map(str, paths))
    )
    return (
        f"blogport: wrote {names}: {counted(figures['posts'], 'post')}, {counted(figures['pages'], 'page')}, "
        f"{counted(figures['comments'], 'comment')} ({counted(figures['replies'], 'reply')}, "
        f"{counted(figures['orphan_comments'], 'orphan')})"
    )


def cmd_convert(args: argparse.Namespace) -> int:
    """``blogport convert``."""
    to_format = _output_format(args)
    writer = formats.writer_named(to_format)
    extension = writer.extensions[0]
    to_stdout = args.output == "-"
    folder_output = writer.output == "folder"
    if folder_output and to_stdout:
        raise UsageError(f"--to {to_format} writes a folder: give -o DIR")
    options = write_options(args, args.jobs)
    check_write_options(options, to_format, given_write_fields(args), to_stdout)
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
    used: set[str] = set()
    for archive in chosen:
        _report(archive.warnings, args)
        if to_stdout:
            with progress.phase("writing", 0, "file"):
                written = write(archive, sys.stdout, to_format, options)
            _report(written.warnings, args)
            continue
        if several_targets and not (folder_output and len(chosen) == 1):  # one site: -o DIR/ is its root
            folder = Path(args.output)
            folder.mkdir(parents=True, exist_ok=True)
            stem = unique(ascii_slug(archive.blog.title), used, fallback=archive.blog.id or "blog")
            target = folder / (stem if folder_output else f"{stem}{extension}")
        else:
            target = Path(args.output)
        with progress.phase("writing", 0, "file"):
            written = write(archive, target, to_format, options, force=args.force)
        _report(written.warnings, args)
        if args.verbose and not args.quiet:
            for path in written.paths:
                print(f"blogport: wrote {path}", file=sys.stderr)
        if not args.quiet:
            print(_wrote_line(target, written.paths, folder_output, summarize(archive)), file=sys.stderr)
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
        print(f"{counted(len(archives), 'blog')} (choose one with --blog NAME):")
    for archive, figure in zip(archives, figures, strict=True):
        print(f"blog: {figure['blog']}" + (f" (id {figure['blog_id']})" if figure["blog_id"] else ""))
        if figure["url"]:
            print(f"  url: {figure['url']}")
        print(f"  format: {figure['format']}")
        if archive.blog.source and archive.blog.source.files:
            files = archive.blog.source.files
            more = f" and {len(files) - _FILES_SHOWN} more" if len(files) > _FILES_SHOWN else ""
            print(f"  read from: {', '.join(files[:_FILES_SHOWN])}{more}")
        for key, label in FIGURE_LABELS:
            print(f"  {label}: {figure[key]}")
        print(f"  warnings: {len(archive.warnings)}")
        for warning in archive.warnings:
            print(f"    - {warning}")
    return EXIT_OK


def cmd_formats(_args: argparse.Namespace) -> int:
    """``blogport formats``."""
    print("input formats (detected in this order; force one with -f/--from):")
    for reader in formats.READERS:
        print(f"  {reader.name:18} {reader.title}")
    print("output formats (-t/--to; without it the output's name decides: .json, .wxr, .xml):")
    for key, writer in formats.WRITERS.items():
        print(f"  {key:18} {writer.title}")
    return EXIT_OK


def cmd_completion(args: argparse.Namespace) -> int:
    """``blogport completion bash|zsh|fish``: print the shell's completion script."""
    print(completion_script(args.shell), end="")
    return EXIT_OK


HANDLERS = {
    "convert": cmd_convert,
    "info": cmd_info,
    "formats": cmd_formats,
    "batch": batch_command.run,
    "media": media_command.run,
    "completion": cmd_completion,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    debug = args.debug
    tracker = ConsoleTracker(bars=wants_bars(args.quiet), verbose=args.verbose and not args.quiet)
    try:
        with progress.tracking(tracker):
            return HANDLERS[args.command](args)
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


__all__ = [
    "OutputError",
    "UsageError",
    "add_write_options",
    "build_parser",
    "check_write_options",
    "main",
    "write_options",
]
