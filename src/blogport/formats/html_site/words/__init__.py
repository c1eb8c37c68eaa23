"""Every fixed word and sentence of the archive site, in the blog's language.

One record (:class:`Words`) per language, one data file per language (``<code>.json`` beside this
module, its ``_about`` key a note on its sources), chosen by the blog's locale
(``fr-CA`` → ``fr``), English when the language is not in the table: navigation, headings,
pagination, post statuses, the footer, the thread words ("Anonymous", "(blog author)", the
tombstone text, the fold of deep replies), and the explanatory sentences and count names of the
about and orphans pages. Blogger's own wording is used where its pages show it.

Rules:

* blanks use ``str.format`` names (``{n}``, ``{title}``, ``{url}`` …); each language has the
  blanks English has; a counted form other than ``other`` may leave ``{n}`` out (Hebrew's
  "תגובה אחת", French "Aucun commentaire");
* templates fill blanks with the ``fill`` filter (:func:`fill`), which escapes the text and every
  value that is not already Markup; ``thread`` builds HTML by hand and escapes the words itself;
* counts pick their form by the language's CLDR plural rule (one/other; French and Portuguese
  put 0 with 1; Arabic has six forms, Hebrew three) and an optional ``zero`` form for 0;
* the English record keeps the archive's English bytes as they were; the about page's count
  names in English are :data:`blogport.report.FIGURE_LABELS` (``en.json`` adds only the names
  that table lacks), so the two cannot drift;
* warnings are the conversion's own messages (also printed by the CLI) and stay as written.
"""

from __future__ import annotations

import json
from importlib import resources

from ....report import FIGURE_LABELS
from .record import PLURAL_RULES, Words, fill

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ar", "he")
"""The languages with a data file, English first."""


def _load(language: str) -> Words:
    fields = json.loads(resources.files(__name__).joinpath(f"{language}.json").read_text(encoding="utf-8"))
    fields.pop("_about", None)
    if language == "en":
        fields["figures"] = {**dict(FIGURE_LABELS), **fields["figures"]}
    return Words(**fields)


WORDS: dict[str, Words] = {language: _load(language) for language in LANGUAGES}
"""The record of each language, by its ISO 639-1 code."""

__all__ = ["PLURAL_RULES", "WORDS", "Words", "fill", "words_for"]


def words_for(locale: str | None) -> Words:
    """The words for the blog's ``locale`` (its language part), English when it has none here."""
    language = (locale or "en").replace("_", "-").split("-")[0].lower()
    return WORDS.get(language, WORDS["en"])
