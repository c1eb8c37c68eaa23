"""The ``blogport`` argument parser: commands, options, help texts with examples and exit codes.

Rules: global options (``-q``, ``-v``, ``--debug``, ``--version``) work before or after the
subcommand; short options follow pandoc (``-f/--from``, ``-t/--to``, ``-o``); ``--force`` has
its long name only. Which writer options apply to which output is :data:`~blogport.options.OPTION_USES`,
checked by the commands, not here.
"""

from __future__ import annotations

import argparse
from typing import Any

import shtab

from . import __version__, formats
from .argtypes import number, positive_int
from .batch import command as batch_command
from .formats.html_site import cli as html_site_cli
from .formats.markdown import names as markdown_names
from .formats.warc import cli as warc_cli
from .media import command as media_command
from .options import OPTION_USES, WriteOptions
from .salvage import add_salvage_option

EXIT_CODES = """exit codes:
  0    success
  1    internal error (a bug: rerun with --debug and report it)
  2    usage error (bad option, an option that does not apply, several blogs and no --blog)
  3    input error (missing, empty, binary, truncated, malformed, unsafe or unrecognized input)
  4    output error (exists without --force, folder missing, not writable)
  130  interrupted"""

EXAMPLES = {
    "convert": """examples:
  blogport convert blog.xml -o blog.json                 # the format follows the name (.json, .wxr, .xml)
  blogport convert takeout.zip --blog "My blog" -t wxr -o blog.xml --split-size 16
  blogport convert blog.xml -t markdown --flavor jekyll -o mysite/
  blogport convert blog.xml -t html -o site/ --offline-strict
  blogport convert takeout.zip -t json -o blogs/         # one archive per blog""",
    "info": """examples:
  blogport info blog.xml
  blogport info takeout.zip --json
  blogport info --salvage damaged-export.xml""",
    "batch": """examples:
  blogport batch exports/ -o out/ -t json
  blogport batch @list.txt -o out/ -t wxr --timeout-per-blog 600""",
    "media": """examples:
  blogport media blog.xml -o media/                      # every image, original size; rerun to resume
  blogport media saved-pages/ -o media/ --comments --wayback
  blogport convert blog.xml -t markdown -o mysite/ --media media/""",
    "formats": """examples:
  blogport formats""",
    "completion": """examples:
  blogport completion bash > ~/.local/share/bash-completion/completions/blogport
  blogport completion zsh > ~/.zfunc/_blogport        # with fpath+=(~/.zfunc) in ~/.zshrc
  blogport completion fish > ~/.config/fish/completions/blogport.fish""",
}
EXIT_NOTES = {"batch": "\n  (batch: 0 when every failed blog is recorded in the log; 3 with --strict and any failure)"}
COMPLETION_SHELLS = ("bash", "zsh", "fish")


def _epilog(command: str) -> str:
    return f"{EXAMPLES[command]}\n\n{EXIT_CODES}{EXIT_NOTES.get(command, '')}"


_megabytes = number(
    float, "a number of megabytes", lambda v: 0.01 <= v <= 100_000, lambda v: "give a size between 0.01 and 100000 MB"
)


def _split_size(text: str) -> int:
    """``--split-size``: megabytes as text, bytes as the value."""
    return int(_megabytes(text) * 1_000_000)


def _add_global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    # The same options on the main parser and on every subcommand; a subcommand's are SUPPRESSed
    # by default so that `blogport -v info x` keeps the -v given before the subcommand.
    parser.add_argument("--version", action="version", version=f"blogport {__version__}")
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=default, help="print errors only (no warnings, no progress)"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="say what is read, each phase with its time, and every file written",
    )
    parser.add_argument("--debug", action="store_true", default=default, help="show a traceback on errors")


def _subcommand(sub: Any, name: str, parents: list[argparse.ArgumentParser], **kwargs: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = sub.add_parser(name, parents=parents, **kwargs)
    command.epilog = _epilog(name)
    command.formatter_class = argparse.RawDescriptionHelpFormatter
    _add_global_options(command, argparse.SUPPRESS)
    return command


def add_inputs(command: argparse.ArgumentParser, help: str = "file, folder or zip (several allowed)") -> None:
    """The ``INPUT...`` arguments every reading command takes."""
    command.add_argument("inputs", nargs="+", metavar="INPUT", help=help)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI and to make shell completions)."""
    parser = argparse.ArgumentParser(
        prog="blogport",
        description="Rescue Blogger blogs: read exports (classic, Takeout), saved pages or WARCs into one model "
        "with nested comment threads; write a JSON archive, WXR for WordPress, Markdown for static sites "
        "or an offline HTML site.",
        epilog=f"Run 'blogport COMMAND --help' for a command's options and examples.\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_global_options(parser, False)
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "-f",
        "--from",
        dest="from_format",
        metavar="FORMAT",
        choices=[r.name for r in formats.READERS],
        help="force the input format: " + ", ".join(r.name for r in formats.READERS),
    )
    reading.add_argument(
        "--blog", metavar="NAME", help="pick one blog (title, id or Takeout folder) when the input holds several"
    )
    reading.add_argument(
        "--keep-emails", action="store_true", help="keep authors' and commenters' e-mail addresses (dropped by default)"
    )
    reading.add_argument(
        "--blog-url", metavar="URL", help="the blog's address, for inputs that lack it (Takeout): makes full post URLs"
    )
    add_salvage_option(reading)
    warc_cli.add_read_arguments(reading)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = _subcommand(
        sub,
        "convert",
        [reading],
        help="convert INPUT(s) to another format",
        description="Convert Blogger exports, saved Blogger pages, WARCs, WXR files or blogport archives.",
    )
    add_inputs(convert)
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="output file ('-' for standard output), the site's folder for --to markdown|html, or a folder "
        "ending in '/' for one archive per blog",
    )
    convert.add_argument("--force", action="store_true", help="overwrite an existing output")
    add_write_options(convert, jobs_help="processes for the HTML conversion (default: all CPUs)", to_default=None)
    batch = _subcommand(sub, "batch", [reading], help=batch_command.HELP, description=batch_command.DESCRIPTION)
    batch_command.add_arguments(batch)
    media = _subcommand(sub, "media", [reading], help=media_command.HELP, description=media_command.DESCRIPTION)
    media_command.add_arguments(media)

    info = _subcommand(
        sub,
        "info",
        [reading],
        help="show what INPUT(s) hold",
        description="Count posts, pages, drafts, comments, replies and more; list warnings.",
    )
    add_inputs(info)
    info.add_argument("--json", action="store_true", help="print the figures as JSON")

    _subcommand(sub, "formats", [], help="list the input and output formats", description="List the formats.")
    completion = _subcommand(
        sub,
        "completion",
        [],
        help="print a shell completion script (bash, zsh, fish)",
        description="Print the completion script for a shell; install it where the shell looks for completions.",
    )
    completion.add_argument("shell", choices=COMPLETION_SHELLS, help="the shell to complete for")
    return parser


def completion_script(shell: str) -> str:
    """The ``shell`` completion script for ``blogport`` (made by shtab from the parser)."""
    return str(shtab.complete(build_parser(), shell=shell))


def add_write_options(parser: argparse.ArgumentParser, jobs_help: str | None, to_default: str | None = "json") -> None:
    """``-t/--to`` and the writers' option groups, shared by ``convert`` and ``batch`` (``--jobs`` when helped).

    ``to_default`` ``None``: the output's name gives the format (``convert``).
    """
    to_help = "output format" + (
        f" (default: {to_default})" if to_default else " (default: from the output's name: .json, .wxr, .xml)"
    )
    parser.add_argument(
        "-t", "--to", dest="to_format", default=to_default, choices=sorted(formats.WRITERS), help=to_help
    )
    every = parser.add_argument_group("Every output but JSON")
    every.add_argument(
        "--keep-links",
        action="store_true",
        help="keep links between posts of the blog at their old Blogger address "
        "(by default Markdown, WXR and HTML point them at the new site)",
    )
    every.add_argument(
        "--media",
        metavar="MEDIA_DIR",
        help="point every image at its local copy in MEDIA_DIR (written by 'blogport media'); "
        "Markdown and HTML sites copy the images in, WXR gets attachments",
    )
    site = parser.add_argument_group("Markdown output (--to markdown, -o names the site's root folder)")
    site.add_argument(
        "--flavor",
        choices=markdown_names.NAMES,
        help="the static site generator to write for: "
        + ", ".join(f"{name} ({generator})" for name, generator in markdown_names.GENERATORS.items())
        + f" (default: {markdown_names.DEFAULT})",
    )
    site.add_argument(
        "--comments",
        choices=("inline", "data", "none"),
        help="comment threads nested in each post (default), as data files, or left out",
    )
    site.add_argument("--keep-html", action="store_true", help="keep post bodies as their original HTML")
    site.add_argument(
        "--include-trashed", action="store_true", help="also write trashed posts (as drafts; also --to html)"
    )
    if jobs_help:
        site.add_argument("--jobs", type=positive_int, metavar="N", help=jobs_help + " (also --to html)")
    wxr = parser.add_argument_group("WXR output (--to wxr)")
    wxr.add_argument(
        "--labels-as",
        choices=("tags", "categories"),
        help="Blogger labels become WordPress tags (default) or categories",
    )
    wxr.add_argument(
        "--split-size",
        type=_split_size,
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


def given_write_fields(args: argparse.Namespace) -> frozenset[str]:
    """The writer options the user typed (each :data:`~blogport.options.OPTION_USES` field set in ``args``)."""
    return frozenset(
        use.field for use in OPTION_USES if getattr(args, use.field, None) is not None and getattr(args, use.field)
    )


def write_options(args: argparse.Namespace, jobs: int | None) -> WriteOptions:
    """The :class:`WriteOptions` the parsed writer options ask for: each field of
    :data:`~blogport.options.OPTION_USES` that ``args`` sets."""
    # An option left out is None in ``args`` (so that a typed default still counts as given): its
    # field keeps WriteOptions' default.
    typed = {use.field: value for use in OPTION_USES if (value := getattr(args, use.field, None)) is not None}
    return WriteOptions(**{**typed, "jobs": jobs})
