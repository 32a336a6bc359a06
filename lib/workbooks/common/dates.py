"""Days given by people: in a parameter file, a notebook's parameters cell or a date control."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def parse_day(value) -> date:
    """The day ``value`` names: a date, a datetime (its day) or text written YYYY-MM-DD.

    Raises ValueError saying what was expected; the caller names the parameter or field."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, got {type(value).__name__} {value!r}")


def parse_date(value) -> "pd.Timestamp":
    """:func:`parse_day` as a pandas Timestamp, for the analyses."""
    import pandas as pd  # here, not at the top: the brief runner checks parameter files without pandas

    return pd.Timestamp(parse_day(value))
