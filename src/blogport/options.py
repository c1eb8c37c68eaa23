"""Options that readers and writers take; plain frozen data."""

from __future__ import annotations

from collections.abc import Callable, Collection

from attrs import field, frozen
from attrs.validators import in_, instance_of


@frozen
class ReadOptions:
    """How to read.

    ``keep_emails``: keep commenters' and authors' real e-mail addresses (off by default:
    they are personal data). ``blog_url``: the blog's address, for inputs that lack it
    (Takeout), used to make post paths into full URLs. ``progress``: called with the number
    of bytes read, for progress bars. ``salvage``: rescue mode for damaged inputs (read what
    is complete before the damage, with warnings, instead of an input error; see ``salvage.py``).
    ``zstd_dict``: the file holding the zstd dictionary of a ``.warc.zst`` that does not carry
    its own (ArchiveTeam's per-item WARCs).
    """

    keep_emails: bool = False
    blog_url: str | None = None
    progress: Callable[[int], None] | None = None
    salvage: bool = False
    zstd_dict: str | None = None


@frozen
class WriteOptions:
    """How to write. Writers ignore the options they do not use.

    ``labels_as``: WXR only, Blogger labels become WordPress ``tags`` or ``categories``.
    ``split_size``: WXR only, the most bytes per file; several files are written when the
    blog is larger (hosts often cap uploads at 2-64 MB).
    Markdown only: ``flavor`` (a name in ``formats.markdown.flavors.FLAVORS``, checked by that
    writer); ``comments``: ``inline`` (a nested section in each post), ``data`` (data files
    or front matter) or ``none``;
    ``keep_html`` writes the original HTML bodies unconverted; ``include_trashed`` writes
    trashed posts (as drafts); ``jobs``: processes for the HTML conversion (default: all CPUs).
    HTML site only: ``per_page`` posts per home page; ``offline_strict`` turns remote images into
    links (the site requests nothing remote); ``include_drafts`` writes drafts and scheduled posts
    (``include_trashed`` and ``jobs`` apply too).
    ``keep_links``: links between posts of the blog keep their old Blogger address (by default
    Markdown, WXR and the HTML site point them at the new site). ``site_url``: WXR only, the new
    WordPress site's address, for absolute links between posts instead of root-relative ones.
    ``media``: a folder written by ``blogport media`` (its ``manifest.jsonl``): every writer points
    the images at those local copies (Markdown and the HTML site copy them in). ``media_base_url``:
    WXR only, where the attachments' files will be hosted (default: the Blogger originals).
    """

    labels_as: str = field(default="tags", validator=in_(("tags", "categories")))
    split_size: int | None = None
    flavor: str = field(default="hugo", validator=instance_of(str))
    comments: str = field(default="inline", validator=in_(("inline", "data", "none")))
    keep_html: bool = False
    include_trashed: bool = False
    jobs: int | None = None
    per_page: int = 20
    offline_strict: bool = False
    include_drafts: bool = False
    keep_links: bool = False
    site_url: str | None = None
    media: str | None = None
    media_base_url: str | None = None


@frozen
class OptionUse:
    """Where one writer option applies: the ``--to`` formats that use it, and whether it can go to a stream.

    ``field`` is the :class:`WriteOptions` field the option sets and ``flag`` its command-line
    name, so an error names what the user typed.
    """

    field: str
    flag: str
    formats: frozenset[str]
    to_stream: bool = True


def _use(field: str, flag: str, *formats: str, to_stream: bool = True) -> OptionUse:
    return OptionUse(field, flag, frozenset(formats), to_stream)


# The one table of which writer options apply to which output: an option set (different from its
# default) for another output is a usage error naming the option and what it needs. A new writer
# option adds its row here.
OPTION_USES: tuple[OptionUse, ...] = (
    _use("labels_as", "--labels-as", "wxr"),
    _use("split_size", "--split-size", "wxr", to_stream=False),
    _use("flavor", "--flavor", "markdown"),
    _use("comments", "--comments", "markdown"),
    _use("keep_html", "--keep-html", "markdown"),
    _use("include_trashed", "--include-trashed", "markdown", "html"),
    _use("jobs", "--jobs", "markdown", "html"),
    _use("per_page", "--per-page", "html"),
    _use("offline_strict", "--offline-strict", "html"),
    _use("include_drafts", "--include-drafts", "html"),
    _use("keep_links", "--keep-links", "markdown", "wxr", "html"),
    _use("media", "--media", "markdown", "wxr", "html"),
    _use("site_url", "--site-url", "wxr"),
    _use("media_base_url", "--media-base-url", "wxr"),
)


def misapplied_options(
    options: WriteOptions, format: str, to_stream: bool = False, given: Collection[str] | None = None
) -> list[str]:
    """Why the options set in ``options`` do not apply to writing ``format`` (empty: they all do).

    An option counts as set when its field is in ``given`` (the command line: what the user
    typed, even a default value), else when it differs from its default (the library). Each reason names the option and
    what it needs, e.g. ``--flavor needs --to markdown (not --to json)``.
    """
    defaults = WriteOptions()
    reasons = []
    for use in OPTION_USES:
        if given is not None:
            is_set = use.field in given
        else:
            is_set = getattr(options, use.field) != getattr(defaults, use.field)
        if not is_set:
            continue
        if format not in use.formats:
            needs = " or ".join(f"--to {name}" for name in sorted(use.formats))
            reasons.append(f"{use.flag} needs {needs} (not --to {format})")
        elif to_stream and not use.to_stream:
            reasons.append(f"{use.flag} needs -o FILE (several files cannot go to standard output)")
    return reasons


# Reader options that only some inputs use, as (ReadOptions field, flag, the readers that use it).
READ_OPTION_USES: tuple[tuple[str, str, frozenset[str]], ...] = (("zstd_dict", "--zstd-dict", frozenset({"warc"})),)


def misapplied_read_options(options: ReadOptions, readers: set[str]) -> list[str]:
    """Why the options set in ``options`` apply to none of ``readers`` (the inputs' formats); empty if they do."""
    defaults = ReadOptions()
    return [
        f"{flag} needs a {' or '.join(sorted(uses))} input (the input is {', '.join(sorted(readers)) or 'none'})"
        for field_name, flag, uses in READ_OPTION_USES
        if getattr(options, field_name) != getattr(defaults, field_name) and not uses & readers
    ]
