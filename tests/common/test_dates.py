import datetime as dt

import pandas as pd
import pytest

from workbooks.common import dates
from workbooks.common.dates import DAY_EXPECTED, TODAY, parse_date, parse_day


@pytest.mark.parametrize(
    "value, day",
    [
        ("2024-06-30", dt.date(2024, 6, 30)),
        (" 2024-06-30 ", dt.date(2024, 6, 30)),
        (dt.date(2024, 6, 30), dt.date(2024, 6, 30)),
        (dt.datetime(2024, 6, 30, 23, 59), dt.date(2024, 6, 30)),
    ],
)
def test_a_day_written_out_or_given_as_a_date(value, day):
    assert parse_day(value) == day and parse_date(value) == pd.Timestamp(day)


def test_today_is_the_run_day_read_when_parsed(monkeypatch):
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 6))
    assert parse_day(TODAY) == parse_day("TODAY ") == dt.date(2026, 12, 6)
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 7))
    assert parse_date("today") == pd.Timestamp("2026-12-07")


def test_the_run_day_is_the_utc_day_the_briefs_generated_stamp_gives():
    before = dt.datetime.now(dt.timezone.utc).date()
    day = dates.run_day()
    assert day in (before, dt.datetime.now(dt.timezone.utc).date())


@pytest.mark.parametrize("value", ["tomorrow", "yesterday", "2024-13-01", "30/06/2024", "", None, 2024])
def test_anything_else_says_what_was_expected(value):
    with pytest.raises(ValueError) as caught:
        parse_day(value)
    assert str(caught.value).startswith(f"expected {DAY_EXPECTED}, got ")
    assert DAY_EXPECTED == "a date written YYYY-MM-DD, or today (the day of the run)"
