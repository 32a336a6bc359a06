from datetime import date

import pytest

from workbooks.errors import TimelineFormatError
from workbooks.ingest.periods import could_be_cut, parse_period

# Every form in the real pages, and the list, with the dates they stand for.
FORMS = [
    ("Q1 2023", date(2023, 1, 1), date(2023, 3, 31)),
    ("Q2 2023", date(2023, 4, 1), date(2023, 6, 30)),
    ("Q3 2023", date(2023, 7, 1), date(2023, 9, 30)),
    ("Q4 2024", date(2024, 10, 1), date(2024, 12, 31)),
    ("Q2-Q3 2023", date(2023, 4, 1), date(2023, 9, 30)),
    ("Q3-4 2024", date(2024, 7, 1), date(2024, 12, 31)),
    ("Q1-Q2 2023", date(2023, 1, 1), date(2023, 6, 30)),
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2022-2023", date(2022, 1, 1), date(2023, 12, 31)),
    ("2023 - 2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("2021- 2022", date(2021, 1, 1), date(2022, 12, 31)),
    ("2023 and 2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("2021 and 2022", date(2021, 1, 1), date(2022, 12, 31)),
    ("2022-2024", date(2022, 1, 1), date(2024, 12, 31)),
    ("2022-24", date(2022, 1, 1), date(2024, 12, 31)),
    ("Q4 2023 - Q1 2024", date(2023, 10, 1), date(2024, 3, 31)),
    # typography of the pages: NBSP, en dash, stray spaces, lower-case q, trailing full stop
    ("\u00a0Q2 2024", date(2024, 4, 1), date(2024, 6, 30)),
    ("Q2\u2013Q3 2023", date(2023, 4, 1), date(2023, 9, 30)),
    ("2023 \u2014 2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("q1  2023.", date(2023, 1, 1), date(2023, 3, 31)),
    # the French and Spanish interface: T (trimestre), et, y
    ("T2-T3 2023", date(2023, 4, 1), date(2023, 9, 30)),
    ("T4 2023 - T1 2024", date(2023, 10, 1), date(2024, 3, 31)),
    ("2023 et 2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("2023 y 2024", date(2023, 1, 1), date(2024, 12, 31)),
]


@pytest.mark.parametrize("text, start, end", FORMS)
def test_every_form_reads_to_first_and_last_day(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


def test_leap_year_quarter_ends_are_real_days():
    assert parse_period("Q1 2024").end == date(2024, 3, 31)
    assert parse_period("Q3 2024").end == date(2024, 9, 30)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("Q5 2023", "expected a form"),
        ("Q0 2023", "expected a form"),
        ("Q3-Q1 2023", "ends before it starts"),
        ("2024-2022", "ends before it starts"),
        ("Q1 2024 - Q4 2023", "ends before it starts"),
        ("2023 or 2024", "expected a form"),
        ("mid-2023", "expected a form"),
        ("TBD", "expected a form"),
        ("Q1", "expected a form"),
        ("23", "expected a form"),
        ("1823", "expected a form"),
    ],
)
def test_malformed_timelines_are_errors_not_blanks(text, reason):
    with pytest.raises(TimelineFormatError, match=reason):
        parse_period(text)


@pytest.mark.parametrize(
    "text, cut",
    [
        ("Q2-Q", True),
        ("Q4 2023 - Q1 20", True),
        ("20", True),
        ("T2-", True),
        ("sometime soon", False),
        ("TBD", False),
        ("2023 an", False),
    ],
)
def test_only_quarters_digits_and_dashes_can_be_a_timeline_cut_short(text, cut):
    assert could_be_cut(text) is cut
