"""``blogport batch INPUT... -o OUTDIR --to FORMAT [convert options]``: the subcommand.

Rules: the writer options are ``convert``'s own (one argparse construction, shared); exit 0
when every failure is recorded, 3 with ``--strict`` and any failure, 2 for Dask without its
extra or a cluster that cannot see the files, 130 on Ctrl-C (the log keeps every finished item).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK, UsageError
from ..options import ReadOptions
from ..report import counted

HELP = "convert many inputs, one output folder per blog, on a process pool or a Dask cluster"
DESCRIPTION = (
    "Convert many Blogger exports at once: each blog to OUTDIR/<blog-key>/, one result line per "
    "blog in OUTDIR/_batch/results.jsonl; a bad input fails only itself; a rerun resumes."
)


def add_arguments(batch: argparse.ArgumentParser) -> None:
    """The arguments of ``blogport batch`` (made with the options every reading command takes)."""
    from ..argtypes import positive_float, positive_int
    from ..cliargs import add_inputs, add_write_options

    add_inputs(batch, help="file, folder, zip, or @list.txt (one path per line)")
    batch.add_argument(
        "-o", "--output", metavar="OUTDIR", required=True, help="the batch's folder (new, empty or an earlier batch's)"
    )
    add_write_options(batch, jobs_help=None)
    run_group = batch.add_argument_group("batch")
    run_group.add_argument("--jobs", type=positive_int, metavar="N", help="worker processes (default: all CPUs)")
    run_group.add_argument(
        "--executor", choices=("local", "dask"), default="local", help="local process pool (default) or Dask"
    )
    run_group.add_argument(
        "--scheduler", metavar="ADDR", help="Dask scheduler (tcp://HOST:8786); without it, a local Dask cluster"
    )
    run_group.add_argument(
        "--timeout-per-blog", type=positive_float, metavar="S", help="give up a blog after S seconds"
    )
    run_group.add_argument(
        "--max-memory-per-blog", type=positive_int, metavar="MB", help="fail a blog that needs more memory than MB"
    )
    run_group.add_argument("--retry-failed", action="store_true", help="rerun the blogs that failed last time")
    run_group.add_argument("--strict", action="store_true", help="exit 3 when any blog failed")


@contextlib.contextmanager
def _progress_bar(total: int, enabled: bool) -> Iterator[Callable[[dict[str, Any]], None] | None]:
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="blog", desc="batch", file=sys.stderr, leave=False) as bar:
        yield lambda _record: bar.update()


def run(args: argparse.Namespace) -> int:
    """``blogport batch``."""
    from pathlib import Path

    from ..cli import check_write_options, given_write_fields, write_options
    from . import BatchOptions, log, plan_items, prepare_output
    from . import run as run_batch
    from .engine import start_forkserver

    if args.blog is not None:
        raise UsageError("batch converts every blog it finds; --blog is for convert")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    # batch's own --jobs sizes its pool; each conversion runs with one job (no nested pools).
    check_write_options(write_options(args, None), args.to_format, given_write_fields(args) - {"jobs"})
    if args.executor == "local":
        start_forkserver()  # the workers' import of blogport runs while the inputs are planned
    elif not args.scheduler:
        start_forkserver(["distributed"])  # the local cluster's workers fork from it (see cluster.py)
    ignored: list[str] = []
    items = plan_items(args.inputs, args.from_format, ignored)
    outdir = Path(args.output)
    options = BatchOptions(
        output=outdir,
        to=args.to_format,
        from_format=args.from_format,
        read=ReadOptions(keep_emails=args.keep_emails, blog_url=args.blog_url),
        write=write_options(args, 1),
        jobs=args.jobs,
        timeout_per_blog=args.timeout_per_blog,
        max_memory_per_blog=args.max_memory_per_blog,
        retry_failed=args.retry_failed,
    )
    if args.verbose and not args.quiet:
        for item in items:
            print(
                f"blogport: {item.key}: {item.input} ({item.reader}, {counted(len(item.files), 'file')})",
                file=sys.stderr,
            )
    try:
        with _progress_bar(len(items), not args.quiet) as progress:
            import attrs

            options = attrs.evolve(options, on_record=progress)
            if args.executor == "dask":
                from .cluster import dask_executor

                prepare_output(outdir)
                with dask_executor(args.scheduler, args.jobs, sorted({i.input for i in items}), outdir) as on_dask:
                    result = run_batch(
                        items,
                        attrs.evolve(options, jobs=on_dask.workers),
                        on_dask.executor,
                        engine_name="dask",
                        ignored=ignored,
                        workers_left=on_dask.workers_left,
                        executor_queues=on_dask.queues,
                    )
            else:
                result = run_batch(items, options, ignored=ignored)
    except KeyboardInterrupt:
        print(f"blogport: interrupted; finished blogs are recorded in {log.log_path(outdir)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not args.quiet:
        print(log.screen(result.summary, outdir), file=sys.stderr)
    return EXIT_FAILURES if args.strict and result.failures else EXIT_OK
