"""``blogport media INPUT... -o MEDIA_DIR``: the subcommand (options, progress, summary, exit codes).

Rules: exit 0 when only some images failed (each failure listed), 3 with ``--strict`` and any
failure, 2 without the ``blogport[media]`` extra, 130 on Ctrl-C (the journal keeps every image
finished, the next run resumes). This module imports no HTTP client: ``run`` does, when needed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..argtypes import positive_float, positive_int, whole_number
from ..errors import EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK, UsageError
from ..options import ReadOptions
from ..report import agree, counted

MEDIA_EXTRA = "blogport media needs its HTTP client: pip install 'blogport[media]'"


HELP = "fetch every image the blog uses, at its original size, into MEDIA_DIR (resumable)"
DESCRIPTION = (
    "Fetch the Blogger images of INPUT(s) into MEDIA_DIR with MEDIA_DIR/manifest.jsonl: one file per "
    "image whatever its size variants, original size first, copies on disk and in WARCs first; a failed image "
    "never stops the run, and running again resumes."
)


def add_arguments(media: argparse.ArgumentParser) -> None:
    """The arguments of ``blogport media`` (made with the options every reading command takes)."""
    from ..cliargs import add_inputs  # cliargs imports this module

    add_inputs(media)
    media.add_argument("-o", "--output", metavar="MEDIA_DIR", required=True, help="the media folder (made if missing)")
    what = media.add_argument_group("which images")
    what.add_argument("--comments", action="store_true", help="also images in comments")
    what.add_argument("--avatars", action="store_true", help="also the avatars of authors and commenters")
    how = media.add_argument_group("fetching")
    how.add_argument("--jobs", type=positive_int, default=4, metavar="N", help="downloads at once (default 4)")
    how.add_argument("--per-host", type=positive_int, default=2, metavar="N", help="at most N per host (default 2)")
    how.add_argument("--rate", type=positive_float, metavar="R", help="at most R requests per second (no limit)")
    how.add_argument("--retries", type=whole_number, default=4, metavar="N", help="retries of a URL (default 4)")
    how.add_argument(
        "--max-wait", type=positive_float, default=60.0, metavar="S", help="longest wait before a retry (default 60)"
    )
    how.add_argument(
        "--max-size", type=positive_float, default=100.0, metavar="MB", help="largest image taken (default 100)"
    )
    how.add_argument(
        "--timeout", type=positive_float, default=30.0, metavar="S", help="network timeout per request (default 30)"
    )
    how.add_argument("--wayback", action="store_true", help="try the Wayback Machine for images whose original is gone")
    how.add_argument("--strict", action="store_true", help="exit 3 when any image failed")


def run(args: argparse.Namespace) -> int:
    """``blogport media``."""
    try:
        import httpx  # noqa: F401  (only to say early that the extra is missing)
    except ImportError:
        raise UsageError(MEDIA_EXTRA) from None
    from ..api import plan, read_planned, select_blog
    from ..formats.warc import cli as warc_cli
    from .download import FetchPolicy
    from .references import collect_images
    from .run import fetch_media

    steps = plan(args.inputs, format=args.from_format, salvage=args.salvage)
    read_options = ReadOptions(
        keep_emails=args.keep_emails, blog_url=args.blog_url, salvage=args.salvage, **warc_cli.read_options(args)
    )
    archives = read_planned(steps, read_options)
    if args.blog is not None:
        archives = [select_blog(archives, args.blog)]
    uses: dict[str, Any] = {}
    for archive in archives:
        for key, use in collect_images(archive, comments=args.comments, avatars=args.avatars).items():
            uses.setdefault(key, use)
    warcs = sorted({Path(d.container or d.path or d.name) for d, reader in steps if reader and reader.name == "warc"})
    policy = FetchPolicy(
        jobs=args.jobs,
        per_host=args.per_host,
        rate=args.rate,
        retries=args.retries,
        max_wait=args.max_wait,
        max_bytes=int(args.max_size * 1024 * 1024),
        timeout=args.timeout,
        wayback=args.wayback,
    )
    media_dir = Path(args.output)
    done: list[Any] = []
    try:
        with _progress(len(uses), not args.quiet) as progress:

            def on_done(entry: Any, remaining: int) -> None:
                done.append(entry)
                if progress is not None:
                    progress(entry.bytes or 0, remaining)

            entries = fetch_media(
                uses,
                media_dir,
                inputs=[Path(p) for p in args.inputs],
                warcs=warcs,
                zstd_dict=read_options.zstd_dict,
                policy=policy,
                on_done=on_done,
            )
    except KeyboardInterrupt:
        print(
            f"blogport: interrupted: {counted(len(done), 'image')} finished this run "
            f"{agree(len(done), 'is', 'are')} in {media_dir}/manifest.jsonl; "
            "run the same command again to resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    failed = [entry for entry in entries if entry.status == "failed"]
    if not args.quiet:
        for entry in failed:
            print(f"blogport: failed: {entry.key}: {entry.error}", file=sys.stderr)
        print(summary(entries, done), file=sys.stderr)
    return EXIT_FAILURES if args.strict and failed else EXIT_OK


def summary(entries: list[Any], this_run: list[Any]) -> str:
    """One line: images found, ok (from where), failed by reason, skipped by reason (when any), bytes stored."""
    ok = [entry for entry in entries if entry.status == "ok"]
    origins = Counter(entry.origin for entry in this_run if entry.status == "ok")
    reasons = Counter(entry.reason for entry in entries if entry.status == "failed")
    stored = sum(entry.bytes or 0 for entry in ok)
    parts = [
        f"{origins['web']} fetched",
        f"{origins['disk']} from disk",
        f"{origins['warc']} from WARCs",
        f"{origins['wayback']} from the Wayback Machine",
        f"{len(entries) - len(this_run)} already stored",
    ]
    line = f"blogport: {len(entries)} images found: {len(ok)} ok ({', '.join(parts)}), {sum(reasons.values())} failed"
    if reasons:
        line += " (" + ", ".join(f"{reason}: {count}" for reason, count in sorted(reasons.items())) + ")"
    skipped = Counter(entry.reason for entry in entries if entry.status == "skipped")
    if skipped:
        line += (
            f", {sum(skipped.values())} skipped (" + ", ".join(f"{r}: {n}" for r, n in sorted(skipped.items())) + ")"
        )
    return line + f"; {stored} bytes stored"


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not enabled or not sys.stderr.isatty() or not total:
        yield None
        return
    from tqdm import tqdm

    # Every image redraws the bar (downloads are far slower than a redraw), so the count shown is never stale.
    with tqdm(total=total, unit="image", desc="images", file=sys.stderr, leave=False, mininterval=0) as bar:
        received = 0

        def advance(size: int, remaining: int) -> None:
            nonlocal received
            received += size
            bar.set_postfix_str(f"{received / 1_000_000:.1f} MB", refresh=False)
            bar.update(total - remaining - bar.n)  # images stored by earlier runs count as done

        yield advance
