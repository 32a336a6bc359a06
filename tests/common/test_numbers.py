import math

import pytest

from workbooks.common.numbers import format_number, format_share, round_half_up


@pytest.mark.parametrize(
    "value, digits, expected",
    [
        (12.5, 0, 13.0),
        (37.5, 0, 38.0),
        (0.5, 0, 1.0),
        (-2.5, 0, -3.0),
        (71.5, 0, 72.0),
        (2.675, 2, 2.68),  # binary 2.67499999… but written 2.675: rounded as written
        (0.05, 1, 0.1),
        (16.666, 1, 16.7),
        (17, 0, 17.0),
    ],
)
def test_halves_round_away_from_zero_on_the_written_value(value, digits, expected):
    assert round_half_up(value, digits) == expected


def test_builtin_round_would_disagree_so_the_helper_matters():
    assert round(12.5) == 12 and round_half_up(12.5) == 13


def test_nan_passes_through():
    assert math.isnan(round_half_up(float("nan")))


@pytest.mark.parametrize(
    "value, digits, expected", [(12.5, 0, "13"), (37.5, 0, "38"), (71.5, 1, "71.5"), (71.0, 0, "71")]
)
def test_format_number(value, digits, expected):
    assert format_number(value, digits) == expected


def test_format_share_rounds_half_up_and_guards_zero():
    assert format_share(1, 8) == "13%"  # 12.5 %
    assert format_share(5, 14) == "36%"
    assert format_share(0, 0) == "—"


@pytest.mark.parametrize(
    "values, text",
    [
        ([43], "43 days"),
        ([1], "1 day"),
        ([100, 43], "43 and 100 days"),
        ([4, 1, 3, 2], "1, 2, 3 and 4 days"),  # 4 values: shown as they are, smallest first
        ([5, 1, 3, 2, 4], "a median of 3 days, from 1 to 5"),  # 5 values: their median and range
        ([20, 123, 1, 2, 3, 4], "a median of 3.5 days, from 1 to 123"),  # an even count keeps its half
        ([0, 1, 1, 2, 9], "a median of 1 day, from 0 to 9"),
        ([], ""),
    ],
)
def test_a_median_is_given_only_of_five_values_or_more(values, text):
    from workbooks.common.numbers import FEWEST_FOR_A_MEDIAN, median_or_values

    assert FEWEST_FOR_A_MEDIAN == 5
    assert median_or_values(values, "day") == text
