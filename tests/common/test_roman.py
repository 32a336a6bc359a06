"""Roman numerals as the Hub pages number activities."""

import pytest

from workbooks.common.roman import numeral_position, roman_value, to_roman


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 9, 14, 40, 49, 90, 400, 1994])
def test_roman_numerals_round_trip(number):
    assert roman_value(to_roman(number)) == number


def test_non_canonical_numerals_are_not_numerals():
    assert roman_value("iiii") is None and roman_value("vx") is None and roman_value("a") is None


def test_a_label_stands_for_its_position():
    assert [numeral_position(label) for label in ("iv", "3", " ix ", "a", "")] == [4, 3, 9, 0, 0]
