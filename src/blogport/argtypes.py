"""Number types for argparse: one parser and one wording for every numeric option.

Rules:

* a text that does not parse says what was expected: ``not a whole number: 'x'``;
* a number out of range says what is accepted: ``give a number of at least 1, not 0``;
* ``nan`` is never accepted (every range check is false for it), so no option takes it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

Number = TypeVar("Number", int, float)


def number(
    parse: Callable[[str], Number],
    noun: str,
    accepted: Callable[[Number], bool],
    requirement: Callable[[Number], str],
) -> Callable[[str], Number]:
    """An argparse type: ``parse`` the text (else "not <noun>"), then check it is ``accepted``."""

    def argument(text: str) -> Number:
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {noun}: {text!r}") from None
        if not accepted(value):
            raise argparse.ArgumentTypeError(requirement(value))
        return value

    return argument


positive_int = number(int, "a whole number", lambda v: v >= 1, lambda v: f"give a number of at least 1, not {v}")
"""A whole number of at least 1 (``--jobs``)."""

whole_number = number(int, "a whole number", lambda v: v >= 0, lambda v: f"give a number of at least 0, not {v}")
"""A whole number of at least 0 (``--retries``)."""

positive_float = number(float, "a number", lambda v: v > 0, lambda v: "give a number above 0")
"""A number above 0 (timeouts, rates)."""
