"""Localized display dates: a last resort, for pages that carry no ISO time."""

from __future__ import annotations

from datetime import datetime


def localized_date(text: str | None, locale: str | None) -> datetime | None:
    """``text`` read as a date in the blog's language (``None`` when it is not one)."""
    if not text:
        return None
    import dateparser  # a last resort, and a slow import: only when a page has no ISO time

    languages = [locale.split("_")[0].split("-")[0]] if locale else None
    try:
        moment = dateparser.parse(
            text,
            languages=languages,
            settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"},
        )
    except Exception:  # dateparser raises a variety of errors on odd text
        moment = None
    if moment is None and languages:
        try:
            moment = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"})
        except Exception:
            moment = None
    return moment
