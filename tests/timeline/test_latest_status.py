import pandas as pd
import pytest

from workbooks.tables.vocabularies import COMPLETED, IN_PROGRESS, YET_TO_START, normalise_status
from workbooks.timeline.latest_status import latest_status


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ongoing", IN_PROGRESS),
        ("ongoing", IN_PROGRESS),
        (" In  progress ", IN_PROGRESS),
        ("Completed", COMPLETED),
        ("yet to start", YET_TO_START),
        ("Yet\u00a0to start", YET_TO_START),
        ("Done", "Done"),  # unknown text stays as it is, for the schema to reject
    ],
)
def test_normalise_status(text, expected):
    assert normalise_status(text) == expected


def _log(rows):
    frame = pd.DataFrame(rows, columns=["workstream", "activity_id", "as_of", "status", "source", "note"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def test_latest_status_on_a_date_ignores_later_records():
    log = _log(
        [
            ("W", "i", "2023-01-10", YET_TO_START, "s", ""),
            ("W", "i", "2023-03-01", IN_PROGRESS, "s", ""),
            ("W", "i", "2023-05-01", COMPLETED, "s", ""),
            ("W", "ii", "2023-06-01", IN_PROGRESS, "s", ""),
        ]
    )
    early = latest_status(log, pd.Timestamp("2023-03-01")).set_index("activity_id")
    assert early.loc["i", "status"] == IN_PROGRESS and "ii" not in early.index
    late = latest_status(log, pd.Timestamp("2023-12-31")).set_index("activity_id")
    assert late.loc["i", "status"] == COMPLETED
    assert late.loc["i", "completed_on"] == pd.Timestamp("2023-05-01")
    assert pd.isna(late.loc["ii", "completed_on"])


def test_completion_date_is_the_first_completed_record_and_reopening_clears_it():
    log = _log(
        [
            ("W", "i", "2023-05-01", COMPLETED, "s", ""),
            ("W", "i", "2023-06-01", COMPLETED, "s", "confirmed"),
            ("W", "j", "2023-05-01", COMPLETED, "s", ""),
            ("W", "j", "2023-07-01", IN_PROGRESS, "s", "reopened"),
        ]
    )
    latest = latest_status(log, pd.Timestamp("2023-12-31")).set_index("activity_id")
    assert latest.loc["i", "completed_on"] == pd.Timestamp("2023-05-01")
    assert latest.loc["j", "status"] == IN_PROGRESS and pd.isna(latest.loc["j", "completed_on"])


def test_an_empty_log_gives_an_empty_frame():
    assert latest_status(_log([]), pd.Timestamp("2024-01-01")).empty


def _reviewed(rows):
    """A log whose rows name their reviewer and mode: (activity, day, status, reviewer, mode)."""
    frame = pd.DataFrame(
        [("W", a, day, status, "s", "", who, mode) for a, day, status, who, mode in rows],
        columns=["workstream", "activity_id", "as_of", "status", "source", "note", "reviewer", "mode"],
    )
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def test_two_reviewers_recording_different_statuses_for_one_day_is_said_with_who_recorded_what():
    log = _reviewed(
        [
            ("i", "2024-03-01", COMPLETED, "Ana Lima", ""),
            ("i", "2024-03-01", IN_PROGRESS, "Ben Ode", "blind"),
            ("ii", "2024-03-01", COMPLETED, "Ana Lima", ""),
            ("ii", "2024-03-01", COMPLETED, "Ben Ode", "blind"),
        ]
    )
    latest = latest_status(log, pd.Timestamp("2024-06-30")).set_index("activity_id")
    assert latest.loc["i", "status"] == IN_PROGRESS  # the row recorded last counts
    assert latest.loc["i", "status_disputed"] == "Ana Lima recorded Completed and Ben Ode In progress"
    assert latest.loc["ii", "status_disputed"] == ""  # they agree


def test_a_settled_status_or_a_dispute_on_an_earlier_day_is_not_said_as_disputed():
    settled = _reviewed(
        [
            ("i", "2024-03-01", COMPLETED, "Ana Lima", ""),
            ("i", "2024-03-01", IN_PROGRESS, "Ben Ode", "blind"),
            ("i", "2024-03-01", COMPLETED, "Ana Lima", "settling"),
        ]
    )
    assert latest_status(settled, pd.Timestamp("2024-06-30"))["status_disputed"].tolist() == [""]
    earlier = _reviewed(
        [
            ("i", "2024-03-01", COMPLETED, "Ana Lima", ""),
            ("i", "2024-03-01", IN_PROGRESS, "Ben Ode", "blind"),
            ("i", "2024-05-01", COMPLETED, "Ana Lima", ""),
        ]
    )
    assert latest_status(earlier, pd.Timestamp("2024-06-30"))["status_disputed"].tolist() == [""]
    # a dispute recorded after the as-of day is not yet in the brief of that day
    assert latest_status(earlier, pd.Timestamp("2024-03-01"))["status_disputed"].tolist() == [
        "Ana Lima recorded Completed and Ben Ode In progress"
    ]


def test_a_person_correcting_an_ai_assistant_s_status_leaves_nothing_disputed():
    log = _reviewed(
        [("i", "2024-03-01", COMPLETED, "Claude (AI assistant)", ""), ("i", "2024-03-01", IN_PROGRESS, "Ana Lima", "")]
    )
    assert latest_status(log, pd.Timestamp("2024-06-30"))["status_disputed"].tolist() == [""]


def test_who_recorded_the_statuses_is_said_people_apart_from_ai_assistants_with_their_agreement():
    from workbooks.timeline.latest_status import recorded_by_words

    log = _reviewed(
        [
            ("i", "2024-03-01", COMPLETED, "Ana Lima", ""),
            ("i", "2024-03-01", IN_PROGRESS, "Ben Ode", "blind"),
            ("ii", "2024-03-01", COMPLETED, "Claude (AI assistant)", ""),
            ("iii", "2024-03-01", COMPLETED, "", ""),
        ]
    )
    assert recorded_by_words(log) == (
        "Recorded by Ana Lima and Ben Ode, and by an AI assistant, not a person: Claude (AI assistant); 1 row names "
        "nobody. On the 1 status that 2 reviewers checked on their own, they disagree."
    )
    assert recorded_by_words(log.assign(reviewer="")) == ""  # nobody named: nothing said
    assert recorded_by_words(log.drop(columns=["reviewer"])) == ""
