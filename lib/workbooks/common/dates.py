"""Days given by people: in a parameter file, a notebook's parameters cell or a date control."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd


def parse_date(value) -> pd.Timestamp:
    """The day ``value`` names: a date, a datetime (its day) or text written YYYY-MM-DD.

    Raises ValueError saying what was expected; the caller names the parameter or field."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return pd.Timestamp(value)
    if isinstance(value, str):
        try:
            return pd.Timestamp(date.fromisoformat(value.strip()))
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, got {type(value).__name__} {value!r}")
