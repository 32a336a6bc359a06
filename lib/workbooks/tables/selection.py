"""Choosing rows by a list parameter: every name must exist; an empty list chooses all."""

from __future__ import annotations

import pandas as pd

from ..common.wording import close_names, did_you_mean_names, noun_for
from ..errors import ParameterError


def select_by_names(frame: pd.DataFrame, column: str, names, parameter: str, what: str) -> pd.DataFrame:
    """Rows whose ``column`` is one of ``names`` (all rows when empty); unknown names are an error
    naming the parameter and listing the known values."""
    names = list(names)
    if not names:
        return frame
    known = sorted(frame[column].unique())
    unknown = [name for name in names if name not in known]
    if unknown:
        close = [repr(near) for name in unknown for near in close_names(name, known)]
        mean = f" ({did_you_mean_names(list(dict.fromkeys(close)))})" if close else ""
        raise ParameterError(
            None, parameter, f"unknown {noun_for(len(unknown), what)} {unknown}{mean}; known: {known}", items=unknown
        )
    return frame[frame[column].isin(names)]
