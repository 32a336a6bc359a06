import pandas as pd
import pytest

from workbooks.tables.vocabularies import COMPLETED, IN_PROGRESS, YET_TO_START, normalise_status
from workbooks.timeline.status import latest_status


@pytest.mark.parametrize("text, expected", [
    ("Ongoing", IN_PROGRESS), ("ongoing", IN_PROGRESS), (" In  progress ", IN_PROGRESS),
    ("Completed", COMPLETED), ("yet to start", YET_TO_START), ("Yet\u00a0to start", YET_TO_START),
    ("Done", "Done"),  # unknown text stays as it is, for the schema to reject
])
def test_normalise_status(text, expected):
    assert normalise_status(text) == expected


def _log(rows):
    frame = pd.DataFrame(rows, columns=["workstream", "activity_id", "as_of", "status", "source", "note"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def test_latest_status_on_a_date_ignores_later_records():
    log = _log([
        ("W", "i", "2023-01-10", YET_TO_START, "s", ""),
        ("W", "i", "2023-03-01", IN_PROGRESS, "s", ""),
        ("W", "i", "2023-05-01", COMPLETED, "s", ""),
        ("W", "ii", "2023-06-01", IN_PROGRESS, "s", ""),
    ])
    early = latest_status(log, pd.Timestamp("2023-03-01")).set_index("activity_id")
    assert early.loc["i", "status"] == IN_PROGRESS and "ii" not in early.index
    late = latest_status(log, pd.Timestamp("2023-12-31")).set_index("activity_id")
    assert late.loc["i", "status"] == COMPLETED
    assert late.loc["i", "completed_on"] == pd.Timestamp("2023-05-01")
    assert pd.isna(late.loc["ii", "completed_on"])


def test_completion_date_is_the_first_completed_record_and_reopening_clears_it():
    log = _log([
        ("W", "i", "2023-05-01", COMPLETED, "s", ""),
        ("W", "i", "2023-06-01", COMPLETED, "s", "confirmed"),
        ("W", "j", "2023-05-01", COMPLETED, "s", ""),
        ("W", "j", "2023-07-01", IN_PROGRESS, "s", "reopened"),
    ])
    latest = latest_status(log, pd.Timestamp("2023-12-31")).set_index("activity_id")
    assert latest.loc["i", "completed_on"] == pd.Timestamp("2023-05-01")
    assert latest.loc["j", "status"] == IN_PROGRESS and pd.isna(latest.loc["j", "completed_on"])


def test_an_empty_log_gives_an_empty_frame():
    assert latest_status(_log([]), pd.Timestamp("2024-01-01")).empty
