"""The latest recorded status of each activity on a date (the vocabulary is in :mod:`workbooks.tables.vocabularies`)."""
from __future__ import annotations

import pandas as pd

from ..tables.decisions import decisions_that_count
from ..tables.layouts import STATUS_LOG
from ..tables.vocabularies import COMPLETED


def latest_status(status_log: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per (workstream, activity_id): the latest status recorded on or before ``as_of``.

    Columns: workstream, activity_id, status, status_as_of, status_source, completed_on (the date
    of the first Completed record on or before ``as_of``; an upper bound on the completion date).
    A status recorded twice for the same activity and day counts once: the latest recorded
    (tables/decisions.py, the one rule).
    """
    key = ["workstream", "activity_id"]
    columns = key + ["status", "status_as_of", "status_source", "completed_on"]
    known = decisions_that_count(status_log[status_log["as_of"] <= as_of], STATUS_LOG)
    if known.empty:
        return pd.DataFrame(columns=columns)
    ordered = known.sort_values(key + ["as_of"], kind="stable")
    latest = ordered.groupby(key, sort=False).tail(1)
    latest = latest.rename(columns={"as_of": "status_as_of", "source": "status_source"})
    first_completed = (ordered[ordered["status"] == COMPLETED].groupby(key, as_index=False)["as_of"].min()
                       .rename(columns={"as_of": "completed_on"}))
    latest = latest.merge(first_completed, on=key, how="left")
    latest.loc[latest["status"] != COMPLETED, "completed_on"] = pd.NaT
    return latest[columns].reset_index(drop=True)
