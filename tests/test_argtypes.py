"""The numeric argparse types: what they accept and how they word a refusal."""

from __future__ import annotations

import argparse

import pytest

from blogport.argtypes import number, positive_float, positive_int


def test_positive_int_accepts_one_and_refuses_zero_and_words() -> None:
    assert positive_int("1") == 1
    with pytest.raises(argparse.ArgumentTypeError, match="give a number of at least 1, not 0"):
        positive_int("0")
    with pytest.raises(argparse.ArgumentTypeError, match="not a whole number: 'two'"):
        positive_int("two")


@pytest.mark.parametrize("text", ["nan", "-1", "0"])
def test_positive_float_refuses_nan_and_non_positive(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="give a number above 0"):
        positive_float(text)


def test_a_range_type_names_its_noun_and_range() -> None:
    percent = number(int, "a percentage", lambda v: 0 <= v <= 100, lambda v: f"give 0 to 100, not {v}")
    assert percent("100") == 100
    with pytest.raises(argparse.ArgumentTypeError, match="give 0 to 100, not 101"):
        percent("101")
    with pytest.raises(argparse.ArgumentTypeError, match="not a percentage: '5%'"):
        percent("5%")
