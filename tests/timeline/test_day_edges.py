"""The as-of day at the edges of a planned period: the as-of day is read at its end, so an activity
ends on its last day, starts on its first, and a status recorded on the as-of day counts. Every
flag, count, sentence, table cell and chart mark must agree on it."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from workbooks.tables.vocabularies import COMPLETED, IN_PROGRESS, YET_TO_START
from workbooks.timeline import charts
from workbooks.timeline.progress import (
    PLANNED_ENDED,
    PLANNED_NOT_DUE,
    PLANNED_UNDER_WAY,
    activity_table,
    assess_activities,
    assess_progress,
    key_findings,
    portfolio_table,
)

AS_OF = pd.Timestamp("2024-06-30")
DAY = pd.Timedelta(days=1)


def _activity(activity_id, start, end, workstream="W"):
    return {
        "workstream": workstream,
        "activity_id": activity_id,
        "description": f"activity {activity_id}",
        "timeline_raw": "",
        "planned_start": pd.Timestamp(start),
        "planned_end": pd.Timestamp(end),
        "flags": "",
    }


def _activities(*rows):
    return pd.DataFrame(list(rows))


def _log(*rows):
    frame = pd.DataFrame(list(rows), columns=["workstream", "activity_id", "as_of", "status"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["source"], frame["note"] = "test", ""
    return frame


def _one(start, end, *statuses, as_of=AS_OF):
    """One activity 'i' assessed on ``as_of`` with the given (day, status) records."""
    log = _log(*[("W", "i", day, status) for day, status in statuses])
    return assess_activities(_activities(_activity("i", start, end)), log, as_of).iloc[0]


@pytest.mark.parametrize(
    "end, ended, state, overdue, due_on_the_day, days_overdue",
    [
        (AS_OF - DAY, True, PLANNED_ENDED, True, False, 1),
        (AS_OF, True, PLANNED_ENDED, False, True, None),  # due on the as-of day: planned to have ended, not overdue
        (AS_OF + DAY, False, PLANNED_UNDER_WAY, False, False, None),
    ],
)
def test_planned_end_around_the_as_of_day(end, ended, state, overdue, due_on_the_day, days_overdue):
    row = _one("2024-01-01", end, ("2024-02-01", IN_PROGRESS))
    assert row["end_passed"] == ended and row["planned_state"] == state
    assert row["overdue"] == overdue and row["due_on_the_day"] == due_on_the_day
    if days_overdue is None:
        assert pd.isna(row["days_overdue"])
    else:
        assert row["days_overdue"] == days_overdue


def test_completed_activities_are_never_overdue_on_their_last_day():
    row = _one("2024-01-01", AS_OF, ("2024-03-01", COMPLETED))
    assert row["end_passed"] and not row["overdue"] and not row["completed_late"]


@pytest.mark.parametrize(
    "start, state, late_start",
    [
        (AS_OF - DAY, PLANNED_UNDER_WAY, True),
        (AS_OF, PLANNED_UNDER_WAY, False),  # due to start that day: not yet late
        (AS_OF + DAY, PLANNED_NOT_DUE, False),
    ],
)
def test_planned_start_around_the_as_of_day(start, state, late_start):
    row = _one(start, "2024-12-31", ("2024-05-01", YET_TO_START))
    assert row["planned_state"] == state and row["late_start"] == late_start and not row["overdue"]


def test_late_start_and_overdue_count_only_days_before_the_as_of_day():
    # activity n planned from AS_OF + n days to AS_OF + n + 3 days, all still Yet to start
    activities = _activities(*[_activity(str(n), AS_OF + n * DAY, AS_OF + (n + 3) * DAY) for n in range(-5, 3)])
    log = _log(*[("W", str(n), "2024-01-01", YET_TO_START) for n in range(-5, 3)])
    assessed = assess_activities(activities, log, AS_OF).set_index("activity_id")
    assert assessed["late_start"][assessed["late_start"]].index.tolist() == ["-5", "-4", "-3", "-2", "-1"]
    assert assessed["overdue"][assessed["overdue"]].index.tolist() == ["-5", "-4"]  # -3 ends on the as-of day
    assert assessed["due_on_the_day"][assessed["due_on_the_day"]].index.tolist() == ["-3"]
    assert assessed.loc["-3", "planned_state"] == PLANNED_ENDED


def test_a_one_day_activity_on_the_as_of_day_has_ended_but_is_neither_overdue_nor_late():
    row = _one(AS_OF, AS_OF, ("2024-01-01", YET_TO_START))
    assert row["planned_state"] == PLANNED_ENDED and row["due_on_the_day"]
    assert not row["overdue"] and not row["late_start"] and pd.isna(row["days_overdue"])


def test_a_status_recorded_on_the_as_of_day_counts_and_one_the_day_after_does_not():
    row = _one("2024-01-01", "2024-12-31", ("2024-02-01", YET_TO_START), (AS_OF, IN_PROGRESS), (AS_OF + DAY, COMPLETED))
    assert row["status"] == IN_PROGRESS and row["status_as_of"] == AS_OF
    assert not row["late_start"]


@pytest.mark.parametrize(
    "completed_on, late, slippage",
    [
        (AS_OF - DAY, False, None),
        (AS_OF, False, None),  # completed on the planned end: on time
        (AS_OF + DAY, True, 1),
    ],
)
def test_completion_recorded_around_the_planned_end(completed_on, late, slippage):
    row = _one("2024-01-01", AS_OF, ("2024-02-01", IN_PROGRESS), (completed_on, COMPLETED), as_of=AS_OF + 10 * DAY)
    assert row["status"] == COMPLETED and row["completed_late"] == late and not row["overdue"]
    if slippage is None:
        assert pd.isna(row["slippage_days"])
    else:
        assert row["slippage_days"] == slippage


def test_flags_say_due_on_the_day_overdue_by_one_day_and_many_days_in_words():
    activities = _activities(
        _activity("i", "2024-01-01", AS_OF),
        _activity("ii", "2024-01-01", AS_OF - DAY),
        _activity("iii", "2024-01-01", AS_OF - 46 * DAY),
        _activity("iv", "2024-01-01", "2024-03-31"),
    )
    log = _log(
        ("W", "i", "2024-02-01", IN_PROGRESS),
        ("W", "ii", "2024-02-01", IN_PROGRESS),
        ("W", "iii", "2024-02-01", IN_PROGRESS),
        ("W", "iv", "2024-04-01", COMPLETED),
    )
    table = activity_table(assess_activities(activities, log, AS_OF)).set_index("No.")
    assert table.loc["i", "Flags"] == "due on the as-of day, not yet Completed"
    assert table.loc["ii", "Flags"] == "overdue by 1 day"
    assert table.loc["iii", "Flags"] == "overdue by 46 days"
    assert table.loc["iv", "Flags"] == "first recorded Completed 1 day after the planned end"


def test_findings_never_call_an_activity_due_on_the_as_of_day_overdue():
    activities = _activities(_activity("i", "2024-01-01", AS_OF), _activity("ii", "2024-04-01", AS_OF))
    log = _log(("W", "i", "2024-02-01", IN_PROGRESS), ("W", "ii", "2024-05-01", YET_TO_START))
    progress = assess_progress(activities, log, AS_OF)
    findings = key_findings(progress)
    assert findings[0] == "By 30 June 2024, all 2 activities with a timeline were planned to have ended."
    assert progress.summary.overdue == 0 and progress.summary.late_start == 1  # ii started 1 April, still Yet to start
    assert not any("overdue" in sentence for sentence in findings)
    # both are counted where the overdue would be, so that the messages are as full as the table
    assert (
        "2 activities are due on 30 June 2024 itself, not yet Completed: activity i (i) and activity ii (ii)."
    ) in findings
    one_day_later = key_findings(assess_progress(activities.iloc[:1], log, AS_OF + DAY))
    assert (
        "1 activity is overdue (planned end before 1 July 2024, recorded as Yet to start or In progress): "
        "activity i (i), by 1 day."
    ) in one_day_later


def test_the_findings_the_portfolio_and_the_chart_agree_on_an_activity_ending_on_the_day():
    activities = _activities(
        _activity("i", "2024-01-01", AS_OF),
        _activity("ii", "2024-01-01", AS_OF + DAY),
        _activity("iii", "2024-01-01", "2024-03-31"),
        _activity("iv", "2024-01-01", "2024-12-31", "X"),
    )
    log = _log(("W", "i", "2024-02-01", IN_PROGRESS), ("W", "iii", "2024-03-31", COMPLETED))
    progress = assess_progress(activities, log, AS_OF)
    summary = progress.summary
    assert (summary.planned_done, summary.overdue, summary.completed) == (2, 0, 1)  # i is due that day, not overdue
    assert (
        key_findings(progress)[0]
        == "By 30 June 2024, 2 of the 4 activities with a timeline (50%) were planned to have ended."
    )
    portfolio = portfolio_table(progress.activities, AS_OF).set_index("Workstream")
    assert portfolio.loc["W", "Planned to have ended"] == "2 of 3 (67%)" and portfolio.loc["W", "Overdue"] == 0
    assert portfolio.loc["X", "Planned to have ended"] == "0 of 1 (0%)"
    assert sum(n for n in portfolio["Overdue"] if n != "—") == summary.overdue
    figure = charts.progress_chart(summary)
    texts = [text.get_text() for text in figure.axes[0].texts]
    plt.close(figure)
    assert "50% planned to have ended" in texts and "25% recorded as Completed" in texts


def test_the_gantt_as_of_line_stands_where_an_activity_ending_that_day_ends():
    activities = _activities(_activity("i", "2024-01-01", AS_OF))
    figure = charts.gantt_chart(assess_progress(activities, _log(), AS_OF))
    axes = figure.axes[0]
    [bars] = axes.containers
    [bar] = bars.patches
    [line] = axes.lines
    [band] = [patch for patch in axes.patches if patch not in bars.patches]  # the next quarter
    plt.close(figure)
    end_of_the_day = mdates.date2num(AS_OF + DAY)
    assert bar.get_x() + bar.get_width() == pytest.approx(end_of_the_day)
    assert mdates.date2num(line.get_xdata()[0]) == pytest.approx(end_of_the_day)
    # the band starts where the as-of day ends and ends where 30 September, the quarter's last day, ends
    assert band.get_x() == pytest.approx(end_of_the_day)
    assert band.get_x() + band.get_width() == pytest.approx(mdates.date2num(pd.Timestamp("2024-10-01")))


def test_the_slippage_of_two_activities_is_given_as_its_two_values_not_their_median():
    activities = _activities(
        _activity("i", "2024-01-01", "2024-01-31"),
        _activity("ii", "2024-01-01", "2024-01-31"),
        _activity("iii", "2024-01-01", "2024-01-31"),
    )
    log = _log(
        ("W", "i", "2024-02-20", COMPLETED), ("W", "ii", "2024-06-02", COMPLETED), ("W", "iii", "2024-01-31", COMPLETED)
    )
    findings = key_findings(assess_progress(activities, log, AS_OF))
    assert (
        "2 activities were first recorded as Completed after the planned end, by 20 and 123 days (the day of the record, which may be after the work ended)."
        in findings
    )
    assert not any("median" in sentence or "71.5" in sentence for sentence in findings)


@pytest.mark.parametrize(
    "late, words",
    [
        (4, "by 1, 2, 3 and 4 days"),  # fewer than 5: the values
        (5, "by a median of 3 days, from 1 to 5"),  # 5 and more: their median and range
    ],
)
def test_slippage_is_a_median_only_from_five_activities_on(late, words):
    activities = _activities(*[_activity(str(n), "2024-01-01", "2024-01-31") for n in range(1, late + 1)])
    log = _log(*[("W", str(n), pd.Timestamp("2024-01-31") + n * DAY, COMPLETED) for n in range(1, late + 1)])
    findings = key_findings(assess_progress(activities, log, AS_OF))
    assert (
        f"{late} activities were first recorded as Completed after the planned end, {words} (the day of the record, "
        "which may be after the work ended)."
    ) in findings


@pytest.mark.parametrize(
    "as_of, alignment", [(pd.Timestamp("2024-12-31"), "right"), (pd.Timestamp("2023-06-30"), "left")]
)
def test_the_as_of_label_stays_inside_the_chart(as_of, alignment):
    activities = _activities(_activity("i", "2023-01-01", "2024-12-31"))
    figure = charts.gantt_chart(assess_progress(activities, _log(), as_of))
    [label] = [text for text in figure.axes[0].texts if "as of" in text.get_text()]
    plt.close(figure)
    assert label.get_text().strip() == f"as of {as_of:%d %b %Y}" and label.get_horizontalalignment() == alignment


def test_findings_count_as_overdue_only_the_activity_whose_planned_end_is_before_the_day():
    activities = _activities(_activity("i", "2024-01-01", AS_OF), _activity("ii", "2024-01-01", AS_OF - 10 * DAY))
    log = _log(("W", "i", "2024-02-01", IN_PROGRESS), ("W", "ii", "2024-02-01", IN_PROGRESS))
    findings = key_findings(assess_progress(activities, log, AS_OF))
    # i, due on the day itself, is counted beside the overdue one, not among them
    assert (
        "1 activity is overdue (planned end before 30 June 2024, recorded as Yet to start or In progress), and 1 "
        "more is due on 30 June 2024 itself, not yet Completed; the overdue one: activity ii (ii), by 10 "
        "days."
    ) in findings
    completed_on_the_day = _log(("W", "i", AS_OF, COMPLETED), ("W", "ii", "2024-02-01", IN_PROGRESS))
    assert (
        "1 activity is overdue (planned end before 30 June 2024, recorded as Yet to start or In progress): "
        "activity ii (ii), by 10 days."
    ) in key_findings(assess_progress(activities, completed_on_the_day, AS_OF))


@pytest.mark.parametrize(
    "end, due_next",
    [
        (AS_OF, False),  # ends on the as-of day: planned to have ended, not due next
        (AS_OF + DAY, True),  # 1 July: the quarter's first day
        (pd.Timestamp("2024-09-30"), True),  # the quarter's last day
        (pd.Timestamp("2024-10-01"), False),  # the day after it
    ],
)
def test_due_next_quarter_at_its_edges(end, due_next):
    row = _one("2024-01-01", end)
    assert row["due_next"] == due_next and not row["overdue"]


def test_the_gap_to_the_plan_is_counted_in_activities_a_reader_can_check():
    # 6 of 9 planned to have ended, 3 of 9 Completed: 3 fewer, whatever 67% - 33% would round to
    rows = [_activity(str(n), "2024-01-01", "2024-03-31" if n <= 6 else "2024-12-31") for n in range(1, 10)]
    log = _log(*[("W", str(n), "2024-04-01", COMPLETED) for n in range(1, 4)])
    findings = key_findings(assess_progress(_activities(*rows), log, AS_OF))
    assert findings[2] == "3 of 9 (33%) are recorded as Completed, 3 fewer than the 6 planned to have ended."


def test_activity_texts_from_a_rebuilt_page_are_marked_as_paraphrases():
    activities = _activities(_activity("i", "2024-01-01", AS_OF), _activity("ii", "2024-01-01", AS_OF))
    activities["source"] = ["seed-page", "rebuilt-page"]
    table = activity_table(assess_activities(activities, _log(), AS_OF), paraphrased_sources=["rebuilt-page"])
    assert table["Wording"].tolist() == ["as on the page", "our paraphrase"]


def test_with_no_status_recorded_anywhere_the_portfolio_is_a_planned_calendar_without_the_record_columns():
    activities = _activities(_activity("i", "2024-01-01", AS_OF), _activity("ii", "2024-01-01", AS_OF + DAY))
    portfolio = portfolio_table(assess_activities(activities, _log(), AS_OF), AS_OF).set_index("Workstream")
    assert list(portfolio.columns) == [
        "Activities",
        "With a timeline",
        "Planned period",
        "Planned to have ended",
        "Due next quarter",
    ]
    assert portfolio.loc["W", "Planned to have ended"] == "1 of 2 (50%)" and portfolio.loc["W", "Due next quarter"] == 1


def test_the_portfolio_leaves_out_the_column_due_next_when_it_holds_0_for_every_workstream():
    ended = _activities(_activity("i", "2024-01-01", AS_OF - DAY))
    assert "Due next quarter" not in portfolio_table(assess_activities(ended, _log(), AS_OF), AS_OF).columns
    on_the_day = _activities(_activity("i", "2024-01-01", AS_OF))  # ends on the day, not in the quarter after it
    assert "Due next quarter" not in portfolio_table(assess_activities(on_the_day, _log(), AS_OF), AS_OF).columns
    # one workstream with an activity due next: the column stays, with its 0 for the other workstream
    some = _activities(_activity("i", "2024-01-01", AS_OF + DAY), _activity("i", "2024-01-01", AS_OF, "X"))
    portfolio = portfolio_table(assess_activities(some, _log(), AS_OF), AS_OF).set_index("Workstream")
    assert portfolio["Due next quarter"].to_dict() == {"W": 1, "X": 0}


def test_a_workstream_without_a_status_beside_one_with_shows_dashes_not_zeros():
    activities = _activities(_activity("i", "2024-01-01", AS_OF - DAY), _activity("i", "2024-01-01", AS_OF - DAY, "X"))
    log = _log(("X", "i", "2024-02-01", IN_PROGRESS))
    portfolio = portfolio_table(assess_activities(activities, log, AS_OF), AS_OF).set_index("Workstream")
    assert (
        portfolio.loc["W", ["Recorded as Completed", "Overdue", "Late start", "Recorded Completed after end"]].tolist()
        == ["—"] * 4
    )
    assert portfolio.loc[
        "X", ["Recorded as Completed", "Overdue", "Late start", "Recorded Completed after end"]
    ].tolist() == ["0 of 1 (0%)", 1, 0, 0]


def test_an_activity_text_the_stored_copy_cuts_off_says_so():
    activities = _activities(_activity("i", "2024-01-01", AS_OF))
    activities["description"], activities["flags"] = (
        "Hold three peer-learning events in order to dev",
        "cut-off-before-timeline",
    )
    table = activity_table(assess_activities(activities, _log(), AS_OF))
    assert (
        table["Activity"].iloc[0]
        == "Hold three peer-learning events in order to dev [… the project's copy of the page stops here]"
    )


def test_a_disputed_status_is_flagged_and_said_among_the_record_s_messages():
    log = _log(("W", "i", "2024-03-01", COMPLETED), ("W", "i", "2024-03-01", IN_PROGRESS))
    log["reviewer"], log["mode"] = ["Ana Lima", "Ben Ode"], ["", "blind"]
    progress = assess_progress(_activities(_activity("i", "2024-01-01", "2024-01-31")), log, AS_OF)
    assert activity_table(progress.activities).loc[0, "Flags"] == (
        "overdue by 151 days; status disputed: Ana Lima recorded Completed and Ben Ode In progress; not settled, the row "
        "recorded last counts"
    )
    assert (
        "The latest status of 1 activity is disputed and not yet settled; this brief counts the row recorded last: "
        "activity i (i): Ana Lima recorded Completed and Ben Ode In progress for 1 Mar 2024."
    ) in key_findings(progress)
    # said before the overdue message that rests on it: the key messages keep the first few sentences
    findings = key_findings(progress)
    overdue = next(i for i, sentence in enumerate(findings) if " overdue " in sentence)
    assert any("is disputed" in sentence for sentence in findings[:overdue])
