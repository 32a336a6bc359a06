"""Days given by people: in a parameter file, a notebook's parameters cell or a date control."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TODAY = "today"  # a day may be given as this word: the day it is read (the run's day, UTC)
DAY_EXPECTED = f"a date written YYYY-MM-DD, or {TODAY} (the day of the run)"


def run_day() -> date:
    """The day of this run, in UTC: the day a brief's "Brief generated" stamp gives."""
    return datetime.now(timezone.utc).date()


def why_not_a_day(value) -> str:
    """For text written as a day that is no day ('2024-13-45'): why ("2024-13-45 is not a real date (month must be in
    1..12)"), as the YAML reader says it of a date it cannot build; else ''. A parameter file's check says it
    (publish.parameters)."""
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return ""
    try:
        date.fromisoformat(text)
    except ValueError as error:
        return f"{text} is not a real date ({error})"
    return ""


def parse_day(value) -> date:
    """The day ``value`` names: a date, a datetime (its day), text written YYYY-MM-DD, or the word
    :data:`TODAY` (any case, spaces around it ignored), read as :func:`run_day`.

    Raises ValueError saying what was expected; the caller names the parameter or field."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == TODAY:
            return run_day()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"expected {DAY_EXPECTED}, got {type(value).__name__} {value!r}")


def parse_date(value) -> "pd.Timestamp":
    """:func:`parse_day` as a pandas Timestamp, for the analyses."""
    import pandas as pd  # here, not at the top: the brief runner checks parameter files without pandas

    return pd.Timestamp(parse_day(value))
