"""Markdown engines as data: what each generator's renderer honours, and one pass that adapts the
converter's CommonMark to it, so the text renders exactly as written. The engines are the
``[engines.<name>]`` tables of ``flavors.toml`` (see :mod:`.data`); a new engine is one table there.

Rules:

* The converter (``html-to-markdown``) escapes for CommonMark, where a backslash escapes any ASCII
  punctuation. Other engines honour fewer escapes (measured: kramdown shows ``\\&``, Python-Markdown
  shows ``\\<`` and ``\\&``). An escape the engine does not honour becomes a numeric character
  reference (``&#38;``), which every engine shows as the character and never reads as markup.
* URLs are never altered: link destinations, autolinks, code and raw HTML pass through untouched.
  A bare URL of the text stays text, as it was on the blog: the configurations blogport writes turn
  goldmark's linkify off (it stops at a backslash or a ``*`` and cut such URLs short, and it made
  links the blog never had); its escapes are made to show the characters like any other text. For
  goldmark only the escapes of what it could read as syntax or a character reference there
  (``*_~`\\[]&``) are kept, so a site configured with linkify on still gets the longest link it can.
* Characters the converter leaves bare but an engine reads as syntax are escaped for that engine:
  kramdown's ``$$`` math and ``{:`` attribute lists, Python-Markdown's ``{: }`` attribute lists, a
  definition-list ``:`` at the start of a line (kramdown, Python-Markdown, and goldmark, where Hugo
  turns definition lists on).
* An engine without strikethrough (Python-Markdown) gets ``~~x~~`` as raw ``<del>x</del>``.
* One linear pass per fragment; fragments with nothing to adapt are returned as they are.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from .data import DATA, DATA_FILE, check_fields, problem, tables, typed


@frozen
class MarkdownEngine:
    """What one Markdown renderer honours (see the module doc)."""

    name: str
    escapable: frozenset[str]  # punctuation a backslash escapes in this engine
    extra_escapes: frozenset[str]  # punctuation the converter leaves bare but this engine reads as syntax
    strikethrough: bool  # ~~x~~ renders as struck text
    definition_lists: bool  # ": text" at the start of a line is a definition
    url_escapes: frozenset[str] | None = None  # the escapes a bare URL keeps (None: all, shown as characters)


_ALL_PUNCTUATION = frozenset(string.punctuation)
_ESCAPE_SETS = ("escapable", "extra_escapes", "url_escapes")
_FLAGS = ("strikethrough", "definition_lists")


def engines_from(data: Mapping[str, Any], source: str) -> dict[str, MarkdownEngine]:
    """The engine of each ``[engines.<name>]`` table of ``data`` (the data file ``source``), in order.

    Escape sets are strings of ASCII punctuation; a table that cannot become its record fails
    with a :class:`.data.DataError` naming the file, the engine and the field.
    """
    engines: dict[str, MarkdownEngine] = {}
    for name, table in tables(data, "engines", source).items():
        where = (source, "engine", name)
        check_fields(table, MarkdownEngine, frozenset({"name"}), where, frozenset())
        fields: dict[str, Any] = {key: typed(table, key, bool, where) for key in _FLAGS}
        for key in _ESCAPE_SETS:
            if key in table:
                fields[key] = frozenset(typed(table, key, str, where))
                if not fields[key] <= _ALL_PUNCTUATION:
                    raise problem(*where, key, "holds characters other than ASCII punctuation")
        engines[name] = MarkdownEngine(name=name, **fields)
    return engines


ENGINES = engines_from(DATA, DATA_FILE)
"""Every engine of the data file, by name."""
GOLDMARK = ENGINES["goldmark"]  # Hugo's
KRAMDOWN = ENGINES["kramdown"]  # Jekyll's
PYTHON_MARKDOWN = ENGINES["python-markdown"]  # Pelican's
COMMONMARK = ENGINES["commonmark"]  # the reference, for plain files

_FENCE = re.compile(r"^((?:> ?)*)[ \t]{0,3}(`{3,}|~{3,})")
_RAW_BLOCK = re.compile(r"^(?:> ?)*[ \t]{0,3}<(iframe|object|embed|table|video|audio|form)\b", re.IGNORECASE)
_QUOTE_PREFIX = re.compile(r"^(?:> ?)*")
# The lookahead names every alternative's first character: without it the engine tries all eight
# alternatives at every position of the text (half the Markdown rendering time).
_TOKEN = re.compile(
    r"(?=[\\`<\]hf~${])"
    r"(?:(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>(?P<ticks>`+).*?[^`](?P=ticks)(?!`))"
    r"|(?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>|<!--.*?-->)"
    r"|(?P<target>\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<url>(?:https?|ftp)://[^\s<>\]\[`]+)"
    r"|(?P<strike>~~)"
    r"|(?P<char>[${]))",
    re.DOTALL,
)
_LEADING_COLON = re.compile(r"(?m)^((?:> ?)*):(?=[ \t])")
_URL_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t>]*\n)")


def _needs_pass(text: str, engine: MarkdownEngine) -> bool:
    if engine.escapable != _ALL_PUNCTUATION and "\\" in text:
        return True
    if not engine.strikethrough and "~~" in text:
        return True
    if engine.definition_lists and ":" in text:
        return True
    return any(char in text for char in engine.extra_escapes)


def escape_char(char: str, engine: MarkdownEngine) -> str:
    """``char`` written so that ``engine`` shows it literally."""
    return "\\" + char if char in engine.escapable else f"&#{ord(char)};"


def adapt(markdown: str, engine: MarkdownEngine) -> str:
    """The converter's CommonMark made to render the same in ``engine`` (see the module doc)."""
    if not _needs_pass(markdown, engine):
        return markdown
    out: list[str] = []
    pending: list[str] = []
    fence: str | None = None
    in_raw = False
    for line in markdown.split("\n"):
        if fence is not None:
            out.append(line)
            opened = _FENCE.match(line)
            if opened and opened.group(2).startswith(fence):
                fence = None
            continue
        if in_raw:
            out.append(line)
            if not _QUOTE_PREFIX.sub("", line).strip():
                in_raw = False
            continue
        opened = _FENCE.match(line)
        if opened or _RAW_BLOCK.match(line):
            if pending:
                out.append(_adapt_text("\n".join(pending), engine))
                pending = []
            out.append(line)
            if opened:
                fence = opened.group(2)
            else:
                in_raw = True
            continue
        pending.append(line)
    if pending:
        out.append(_adapt_text("\n".join(pending), engine))
    return "\n".join(out)


def _adapt_text(text: str, engine: MarkdownEngine) -> str:
    if engine.definition_lists and ":" in text:
        text = _LEADING_COLON.sub(lambda m: m.group(1) + escape_char(":", engine), text)
    pieces = _PARAGRAPH_BREAK.split(text)
    return "".join(piece if index % 2 else _adapt_paragraph(piece, engine) for index, piece in enumerate(pieces))


def _adapt_paragraph(text: str, engine: MarkdownEngine) -> str:
    if (
        "\\" not in text  # no escape, and no URL text to adapt (only its escapes change)
        and (engine.strikethrough or "~~" not in text)
        and not any(char in text for char in engine.extra_escapes)
    ):
        return text  # no token the engine changes
    out: list[str] = []
    position = 0
    struck = 0
    strike_at: int | None = None
    for match in _TOKEN.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        kind = match.lastgroup
        token = match.group(0)
        if kind == "escape":
            out.append(escape_char(token[1], engine))
        elif kind == "url":
            out.append(_adapt_url_text(token, engine))
        elif kind == "strike":
            if engine.strikethrough:
                out.append(token)
            else:
                if strike_at is None:
                    strike_at = len(out)
                out.append("<del>" if struck % 2 == 0 else "</del>")
                struck += 1
        elif kind == "char":
            out.append(escape_char(token, engine) if token in engine.extra_escapes else token)
        else:  # code spans, autolinks, raw HTML, link targets: never altered
            out.append(token)
    out.append(text[position:])
    if struck % 2 and strike_at is not None:
        # an unpaired ~~ is text: the last opener shows as written
        last = max(i for i, piece in enumerate(out) if piece == "<del>")
        out[last] = escape_char("~", engine) * 2
    return "".join(out)


def _adapt_url_text(url: str, engine: MarkdownEngine) -> str:
    # A bare URL that the engine shows as text: its escapes made to show the characters.
    kept = engine.url_escapes
    if kept is not None:
        return _URL_ESCAPE.sub(lambda m: m.group(0) if m.group(1) in kept else m.group(1), url)
    return _URL_ESCAPE.sub(lambda m: escape_char(m.group(1), engine), url)
