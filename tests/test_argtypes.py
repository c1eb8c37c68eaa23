"""The numeric argparse types: what they accept and how they word a refusal."""

from __future__ import annotations

import argparse

import pytest

from blogport.argtypes import number, positive_float, positive_int, whole_number


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


def test_whole_number_takes_zero_and_refuses_negative_and_fractions() -> None:
    assert whole_number("0") == 0
    with pytest.raises(argparse.ArgumentTypeError, match="give a number of at least 0, not -1"):
        whole_number("-1")
    with pytest.raises(argparse.ArgumentTypeError, match=r"not a whole number: '1\.5'"):
        whole_number("1.5")


@pytest.mark.parametrize(
    ("argv", "wording"),
    [
        (["media", "x.xml", "-o", "m", "--retries", "-2"], "give a number of at least 0, not -2"),
        (["media", "x.xml", "-o", "m", "--rate", "nan"], "give a number above 0"),
        (["batch", "x.xml", "-o", "b", "--to", "json", "--timeout-per-blog", "0"], "give a number above 0"),
    ],
)
def test_batch_and_media_options_word_refusals_alike(
    argv: list[str], wording: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogport.cli import main

    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert wording in capsys.readouterr().err
