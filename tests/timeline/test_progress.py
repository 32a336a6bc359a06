import pandas as pd
import pytest

from workbooks.tables.vocabularies import COMPLETED, IN_PROGRESS, NOT_RECORDED, YET_TO_START
from workbooks.timeline.progress import (
    PLANNED_ENDED,
    PLANNED_NOT_DUE,
    PLANNED_UNDER_WAY,
    PLANNED_UNKNOWN,
    activity_table,
    assess_activities,
    assess_progress,
    key_findings,
    portfolio_table,
)


def _activities():
    rows = [
        ("W", "i", "Q1 2023", "2023-01-01", "2023-03-31"),
        ("W", "ii", "Q2 2023", "2023-04-01", "2023-06-30"),
        ("W", "iii", "Q3 2023", "2023-07-01", "2023-09-30"),
        ("W", "iv", "2024", "2024-01-01", "2024-12-31"),
        ("W", "v", "", None, None),
        ("X", "i", "2023", "2023-01-01", "2023-12-31"),
    ]
    frame = pd.DataFrame(rows, columns=["workstream", "activity_id", "timeline_raw", "planned_start", "planned_end"])
    frame["planned_start"] = pd.to_datetime(frame["planned_start"])
    frame["planned_end"] = pd.to_datetime(frame["planned_end"])
    frame["description"] = frame["activity_id"].map(lambda number: f"Run consultation {number}, with the members")
    frame["flags"] = ["", "", "", "", "cut-off-before-timeline", ""]
    return frame


def _log(rows):
    frame = pd.DataFrame(rows, columns=["workstream", "activity_id", "as_of", "status"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["source"], frame["note"] = "illustrative", ""
    return frame


LOG = _log(
    [
        ("W", "i", "2023-04-20", COMPLETED),  # completed 20 days after its planned end
        ("W", "ii", "2023-05-01", IN_PROGRESS),  # overdue after 30 June 2023
        ("W", "iii", "2023-06-01", YET_TO_START),  # late start after 1 July 2023
        ("W", "iv", "2024-02-01", COMPLETED),  # completed early
    ]
)


def _assess(as_of):
    return assess_activities(_activities(), LOG, pd.Timestamp(as_of)).set_index(["workstream", "activity_id"])


def test_flags_as_of_mid_2023():
    result = _assess("2023-08-15")
    assert result.loc[("W", "i"), "completed_late"] and result.loc[("W", "i"), "slippage_days"] == 20
    assert result.loc[("W", "ii"), "overdue"] and result.loc[("W", "ii"), "days_overdue"] == 46
    assert result.loc[("W", "iii"), "late_start"] and not result.loc[("W", "iii"), "overdue"]
    assert result.loc[("W", "iv"), "status"] == NOT_RECORDED  # its record comes later
    assert result.loc[("W", "iv"), "planned_state"] == PLANNED_NOT_DUE
    assert result.loc[("W", "v"), "planned_state"] == PLANNED_UNKNOWN
    assert result.loc[("X", "i"), "planned_state"] == PLANNED_UNDER_WAY
    assert result.loc[("W", "ii"), "planned_state"] == PLANNED_ENDED


def test_not_recorded_is_never_overdue_or_late():
    result = _assess("2025-01-01")
    unrecorded = result.loc[("X", "i")]
    assert unrecorded["end_passed"] and not unrecorded["overdue"] and not unrecorded["late_start"]


def test_an_activity_ends_on_its_last_day():
    on_the_day = _assess("2023-06-30").loc[("W", "ii")]
    assert on_the_day["end_passed"] and on_the_day["planned_state"] == PLANNED_ENDED
    assert not on_the_day["overdue"] and on_the_day["due_on_the_day"] and pd.isna(on_the_day["days_overdue"])
    day_before = _assess("2023-06-29").loc[("W", "ii")]
    assert not day_before["end_passed"] and not day_before["overdue"] and pd.isna(day_before["days_overdue"])
    assert day_before["planned_state"] == PLANNED_UNDER_WAY
    assert _assess("2023-07-01").loc[("W", "ii"), "days_overdue"] == 1


def test_completed_before_planned_end_is_not_late():
    result = _assess("2024-12-31")
    assert result.loc[("W", "iv"), "status"] == COMPLETED and not result.loc[("W", "iv"), "completed_late"]


def test_summary_counts_and_shares():
    summary = assess_progress(_activities(), LOG, pd.Timestamp("2023-08-15")).summary
    assert (summary.activities, summary.with_timeline, summary.timeline_missing) == (6, 5, 1)
    assert summary.planned_done == 2  # i and ii ended; iii, iv, X-i not
    assert summary.planned_share == pytest.approx(2 / 5)
    assert summary.completed == 1 and summary.recorded_share == pytest.approx(1 / 5)
    assert (summary.overdue, summary.late_start, summary.completed_late) == (1, 1, 1)


def test_no_status_recorded_gives_no_recorded_share_and_a_planned_calendar_that_says_so():
    progress = assess_progress(_activities(), _log([]), pd.Timestamp("2023-08-15"))
    assert progress.summary.recorded_share is None
    assert key_findings(progress) == [
        "By 15 August 2023, 2 of the 5 activities with a timeline (40%) were planned to have ended.",
        "1 activity is due to end in the next quarter (16 August to 15 November 2023): Run consultation iii (iii, W).",
        "Whether any activity was done is not on record: no status is recorded for any of the 6 activities on or "
        "before 15 August 2023: where the Hub pages list the status options (Yet to start, In progress, "
        "Completed), they do not show which is selected.",
        "1 activity has no timeline because the project's copy of its page stops before it: Run consultation v (v, W).",
    ]  # how to record a status is a note for maintainers (How to read this brief), not a key message


def test_a_planned_calendar_says_what_the_pages_show_happened_after_the_plan_and_before_the_missing_status():
    progress = assess_progress(_activities(), _log([]), pd.Timestamp("2023-08-15"))
    findings = key_findings(progress, events_sentence="The workstream pages list 1 dated event, on 1 May 2023: ...")
    assert findings[2].startswith("The workstream pages list 1 dated event")
    assert findings[3].startswith("Whether any activity was done is not on record")
    assert len(findings) == 5 and findings[4].startswith("1 activity has no timeline")
    assert not any("status_log" in finding for finding in findings)


def test_a_brief_with_recorded_statuses_leaves_the_events_out_of_its_key_messages():
    findings = key_findings(
        assess_progress(_activities(), LOG, pd.Timestamp("2023-08-15")),
        events_sentence="The workstream pages list 1 dated event, on 1 May 2023: ...",
    )
    assert not any("dated event" in finding or "status_log" in finding for finding in findings)


def test_findings_compare_recorded_with_planned_and_name_the_overdue():
    findings = key_findings(assess_progress(_activities(), LOG, pd.Timestamp("2023-08-15")))
    assert 3 <= len(findings) <= 5
    assert (
        findings[2] == "1 of 5 (20%) is recorded as Completed, 1 fewer than the 2 planned to have ended."
    )  # the verb agrees
    assert findings[3] == (
        "1 activity is overdue (planned end before 15 August 2023, recorded as Yet to start or In progress): Run consultation ii (ii, W), by "
        "46 days."
    )


def test_portfolio_table_per_workstream():
    table = portfolio_table(
        assess_activities(_activities(), LOG, pd.Timestamp("2023-08-15")), pd.Timestamp("2023-08-15")
    ).set_index("Workstream")
    assert table.loc["W", "Activities"] == 5 and table.loc["W", "With a timeline"] == 4
    assert table.loc["W", "Planned to have ended"] == "2 of 4 (50%)"
    assert table.loc["W", "Recorded as Completed"] == "1 of 4 (25%)"
    assert table.loc["W", "Planned period"] == "Jan 2023 – Dec 2024"
    assert table.loc["X", "Recorded as Completed"] == "—"  # nothing recorded there: not 0 %


def test_activity_table_says_the_flags_in_words():
    table = activity_table(assess_activities(_activities(), LOG, pd.Timestamp("2023-08-15")))
    flags = dict(zip(table["Workstream"] + " " + table["No."], table["Flags"], strict=True))
    assert flags["W i"] == "first recorded Completed 20 days after the planned end"
    assert flags["W ii"] == "overdue by 46 days"
    assert flags["W iii"] == "late start"
    assert flags["W v"] == "page stops before its timeline"


def test_findings_name_activities_by_name_and_number_without_the_workstream_when_one_is_shown():
    activities = _activities()
    only_w = activities[activities["workstream"] == "W"]
    findings = key_findings(assess_progress(only_w, LOG, pd.Timestamp("2023-08-15")))
    assert (
        findings[3]
        == "1 activity is overdue (planned end before 15 August 2023, recorded as Yet to start or In progress): Run consultation ii (ii), by 46 days."
    )


def test_findings_count_activities_without_a_recorded_status():
    findings = key_findings(assess_progress(_activities(), LOG, pd.Timestamp("2023-05-15")))
    assert findings[-1] == "4 of the 6 activities have no status recorded on or before 15 May 2023."
    assert (
        len(findings) == 5
    )  # planned, due next, recorded, completed late, without a status: the missing timeline waits
