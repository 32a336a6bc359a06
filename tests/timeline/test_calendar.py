"""The brief as a planned calendar (what was planned to have ended, what is due next, which activities
have no recorded status) that never supplies a status, and the sentences of a brief on invented
statuses, each saying they are invented. The real data pin the key messages of the shipped briefs."""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from conftest import ROOT
from workbooks.common import dates
from workbooks.tables.vocabularies import COMPLETED, IN_PROGRESS, NOT_RECORDED, YET_TO_START
from workbooks.timeline import brief
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.progress import (
    INVENTED,
    PARAPHRASE_WORDING,
    PLANNED_ENDED,
    PLANNED_UNDER_WAY,
    STATUS_OPTIONS,
    activity_name,
    activity_tables,
    assess_activities,
    assess_progress,
    day_text,
    due_next_sentence,
    due_next_table,
    key_findings,
    next_quarter,
    record_sentences,
    span_text,
    time_since_text,
)

AS_OF = pd.Timestamp("2024-06-30")
SOCIO = "Strengthening migrants' socio-economic integration"


def _activity(activity_id, start, end, workstream="W", source="page"):
    return {
        "workstream": workstream,
        "activity_id": activity_id,
        "description": f"Hold webinar {activity_id} with members",
        "timeline_raw": "",
        "planned_start": pd.Timestamp(start) if start else pd.NaT,
        "planned_end": pd.Timestamp(end) if end else pd.NaT,
        "flags": "",
        "source": source,
    }


def _log(*rows):
    frame = pd.DataFrame(list(rows), columns=["workstream", "activity_id", "as_of", "status"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["source"], frame["note"] = "test", ""
    return frame


def _progress(rows, log=None, as_of=AS_OF):
    return assess_progress(pd.DataFrame(rows), log if log is not None else _log(), as_of)


@pytest.mark.parametrize(
    "as_of, first, last",
    [
        ("2024-06-30", "2024-07-01", "2024-09-30"),
        ("2024-12-31", "2025-01-01", "2025-03-31"),
        ("2024-11-30", "2024-12-01", "2025-02-28"),  # no 30 February: the month's last day
        ("2026-12-06", "2026-12-07", "2027-03-06"),
    ],
)
def test_the_next_quarter_is_the_three_months_after_the_as_of_day(as_of, first, last):
    assert next_quarter(pd.Timestamp(as_of)) == (pd.Timestamp(first), pd.Timestamp(last))


def test_a_span_names_its_year_once_when_it_can():
    assert span_text(*next_quarter(AS_OF)) == "1 July to 30 September 2024"
    assert span_text(*next_quarter(pd.Timestamp("2026-12-06"))) == "7 December 2026 to 6 March 2027"


@pytest.mark.parametrize(
    "end, state, due",
    [
        ("2024-06-30", PLANNED_ENDED, False),  # ends on the as-of day: ended, not due next
        ("2024-07-01", PLANNED_UNDER_WAY, True),  # the quarter's first day
        ("2024-09-30", PLANNED_UNDER_WAY, True),  # its last day
        ("2024-10-01", PLANNED_UNDER_WAY, False),  # the day after
    ],
)
def test_due_next_at_the_edges_of_the_quarter(end, state, due):
    row = assess_activities(pd.DataFrame([_activity("i", "2024-01-01", end)]), _log(), AS_OF).iloc[0]
    assert row["planned_state"] == state and bool(row["due_next"]) == due


def test_an_activity_starting_and_ending_in_the_next_quarter_is_due_next():
    row = assess_activities(pd.DataFrame([_activity("i", "2024-07-01", "2024-09-30")]), _log(), AS_OF).iloc[0]
    assert row["due_next"] and row["planned_state"] == "not yet due to start"


def test_what_is_due_next_is_named_soonest_first():
    progress = _progress(
        [
            _activity("i", "2024-01-01", "2024-09-30"),
            _activity("ii", "2024-01-01", "2024-07-31"),
            _activity("iii", "2024-01-01", "2024-12-31"),
        ]
    )
    assert due_next_sentence(progress) == (
        "2 activities are due to end in the next quarter (1 July to 30 September "
        "2024): Hold webinar ii with members (ii) and Hold webinar i with members "
        "(i)."
    )
    due = due_next_table(progress.activities)
    assert due["No."].tolist() == ["ii", "i"] and "Latest status" not in due.columns  # none recorded: no such column
    recorded = _progress(
        progress.activities[
            [
                "workstream",
                "activity_id",
                "description",
                "timeline_raw",
                "planned_start",
                "planned_end",
                "flags",
                "source",
            ]
        ].to_dict("records"),
        _log(("W", "ii", "2024-02-01", IN_PROGRESS)),
    )
    assert due_next_table(recorded.activities)["Latest status"].tolist() == [IN_PROGRESS, NOT_RECORDED]


def test_with_nothing_due_next_the_next_planned_end_is_named():
    progress = _progress([_activity("i", "2024-01-01", "2024-12-31"), _activity("ii", "2024-01-01", "2024-03-31")])
    assert due_next_sentence(progress) == (
        "No activity is due to end in the next quarter (1 July to 30 September "
        "2024); the next planned end is 31 December 2024: Hold webinar i with members (i)."
    )


def test_when_every_plan_has_ended_the_key_message_says_when_the_last_ended_and_that_nothing_is_due():
    progress = _progress([_activity("i", "2023-01-01", "2023-12-31"), _activity("ii", "2024-01-01", "2024-03-31")])
    findings = key_findings(progress)
    assert findings[0] == (
        "By 30 June 2024, all 2 activities with a timeline were planned to have ended: the last "
        "planned end was 31 March 2024, 3 months earlier, and none is planned after it, so nothing "
        "is due next."
    )
    assert not any("next quarter" in sentence for sentence in findings)  # said once, in the first message
    assert due_next_sentence(progress) == (
        "Nothing is due: no activity on these pages is planned to end after "
        "31 March 2024, 3 months before 30 June 2024."
    )


def test_a_plan_ending_on_the_as_of_day_itself_has_ended_but_not_before_it():
    progress = _progress([_activity("i", "2024-01-01", "2024-06-30")])
    assert key_findings(progress)[0] == "By 30 June 2024, the one activity with a timeline was planned to have ended."
    assert due_next_sentence(progress) == (
        "Nothing is due in the next quarter (1 July to 30 September 2024): no "
        "activity on these pages is planned to end after 30 June 2024."
    )


@pytest.mark.parametrize(
    "earlier, later, words",
    [
        ("2024-12-31", "2026-12-06", "23 months"),
        ("2024-12-31", "2026-12-31", "24 months"),
        ("2024-11-30", "2024-12-31", "1 month"),  # a month's last day to the next month's last day
        ("2024-06-30", "2024-07-01", "1 day"),
        ("2024-06-15", "2024-07-14", "29 days"),
    ],
)
def test_time_since_the_last_planned_end_in_whole_months_or_days(earlier, later, words):
    assert time_since_text(pd.Timestamp(earlier), pd.Timestamp(later)) == words


def test_without_a_timeline_the_brief_says_there_is_no_calendar_and_still_says_what_the_record_shows():
    findings = key_findings(_progress([_activity("i", None, None)]))
    assert findings[0] == "The one activity has no timeline on its page, so none can be placed on a calendar."
    two = key_findings(_progress([_activity("i", None, None), _activity("ii", None, None)]))
    assert two[0] == "None of the 2 activities has a timeline on its page, so none can be placed on a calendar."
    assert findings[1].startswith(
        "Whether any activity was done is not on record: no status is recorded for the one "
        "activity on or before 30 June 2024"
    )
    assert 3 <= len(findings) <= 5


def test_a_planned_calendar_never_supplies_a_status():
    rows = [
        _activity("i", "2024-01-01", "2024-03-31"),
        _activity("ii", "2024-01-01", "2024-06-30"),
        _activity("iii", "2024-04-01", "2024-09-30"),
        _activity("iv", None, None),
    ]
    progress = _progress(rows)
    assert (progress.activities["status"] == NOT_RECORDED).all()
    assert not progress.activities[["overdue", "late_start", "completed_late"]].any().any()
    text = " ".join(key_findings(progress) + record_sentences(progress)).replace(STATUS_OPTIONS, "")
    for word in ("overdue", "late", "Completed", "In progress", "Yet to start"):
        assert word not in text
    [(workstream, wording, table, full)] = activity_tables(progress.activities, AS_OF)
    # no column that could only read Not recorded; the one statement that none is recorded is a key message
    assert "Flags" not in table.columns and "Latest recorded status" not in table.columns
    assert "Latest recorded status" not in full.columns
    assert sum("no status is recorded" in sentence for sentence in key_findings(progress)) == 1
    assert brief.gantt_title(progress) == "2 of 3 activities with a timeline were planned to have ended by 30 Jun 2024"


LOG = _log(
    ("W", "i", "2024-02-01", IN_PROGRESS),
    ("W", "ii", "2024-05-01", YET_TO_START),
    ("W", "iii", "2024-05-20", COMPLETED),
)


def test_every_sentence_resting_on_invented_statuses_says_so_in_itself():
    rows = [
        _activity("i", "2024-01-01", "2024-03-31"),
        _activity("ii", "2024-01-01", "2024-06-30"),
        _activity("iii", "2024-01-01", "2024-04-30"),
        _activity("iv", "2024-04-01", "2024-12-31"),
    ]
    progress = _progress(rows, LOG)
    invented = record_sentences(progress, invented=True)
    assert len(invented) == 4  # recorded against planned, overdue, completed late, without a status
    assert all(sentence.startswith(INVENTED) for sentence in invented)
    assert [sentence.removeprefix(INVENTED) for sentence in invented] == record_sentences(progress)
    # ii ends on the as-of day (30 June): due that day, not overdue, and counted beside the overdue one
    assert invented[1] == (
        "Under the invented statuses, 1 activity is overdue (planned end before 30 June 2024, recorded as "
        "Yet to start or In progress), and 1 more is due on 30 June 2024 itself, not yet Completed; "
        "the overdue one: Hold webinar i with members (i), by 91 days."
    )
    findings = key_findings(progress, statuses_invented=True)
    named = [s for s in findings if "(i)" in s and ("overdue" in s or "Completed" in s)]
    assert named and all("invented" in s for s in named)
    assert not any("invented" in s for s in key_findings(progress))  # a real status log: no such words
    assert brief.gantt_title(progress, True).endswith("(invented statuses)")
    assert brief.progress_title(progress, True) == (
        "Recorded progress trails the plan: 1 of 4 activities Completed "
        "against 3 planned to have ended by 30 Jun 2024 (invented statuses)"
    )


def test_the_wording_of_a_workstreams_texts_is_said_once_when_they_share_it():
    rows = [
        _activity("i", "2024-01-01", "2024-03-31", source="rebuilt"),
        _activity("ii", "2024-01-01", "2024-03-31", source="rebuilt"),
        _activity("i", "2024-01-01", "2024-03-31", "X", source="rebuilt"),
        _activity("ii", "2024-01-01", "2024-03-31", "X", source="seed"),
    ]
    tables = activity_tables(_progress(rows, LOG).activities, AS_OF, paraphrased_sources=["rebuilt"])
    assert [(t.workstream, t.wording) for t in tables] == [("W", PARAPHRASE_WORDING), ("X", None)]
    assert "Wording" not in tables[0].rows.columns and "Wording" in tables[1].rows.columns
    # each status names its source on the page; its note and source travel in the CSV's own columns
    assert tables[0].rows["Latest recorded status"].tolist() == [
        "In progress, 1 Feb 2024 (source: test)",
        "Yet to start, 1 May 2024 (source: test)",
    ]
    assert {"Status source", "Status note"} <= set(tables[0].full.columns)
    assert "Status note" not in tables[0].rows.columns
    invented = activity_tables(_progress(rows, LOG).activities, AS_OF, ["rebuilt"], sources_shown=False)
    assert invented[0].rows["Latest recorded status"].tolist() == [
        "In progress, 1 Feb 2024",
        "Yet to start, 1 May 2024",
    ]
    assert "Flags" in tables[0].rows.columns  # statuses are recorded: the flags say what they mean


@pytest.fixture()
def made_on_6_december_2026(monkeypatch):
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 6))


def _facts(log, workstreams, as_of):
    inputs = load_timeline_inputs("data/activities.csv", log, workstreams, as_of, root=ROOT)
    return inputs, brief.brief_facts(inputs, "T")


def test_the_real_brief_made_today_answers_its_question_as_a_planned_calendar(made_on_6_december_2026):
    """Checked by hand against data/activities.csv and the stored pages: 18 activities, 16 with a
    timeline, the last planned end 31 December 2024 (2022-2024 workplans); no status recorded."""
    inputs, facts = _facts("data/status_log.csv", [], "today")
    assert facts.question == (
        "What was planned to have ended by 6 December 2026 in the 5 workstreams of the Network "
        "whose pages the project holds, what is due next, which dated events do the Network's pages "
        "list, and is any activity's status on record?"
    )
    assert facts.data_date == "Plan as of 6 December 2026, the day this brief was made; no status recorded"
    assert facts.summary == [
        "By 6 December 2026, the day this brief was made, all 16 activities with a timeline were planned to have "
        "ended: the last planned end was 31 December 2024, 23 months earlier, and none is planned after it, so nothing "
        "is due next.",
        # the Events lists of the pages: alternatives to detention, lines 8, 9 and 11 (15 March 2024, 24 May 2023,
        # 8 May 2023); missing migrants, line 7 under Upcoming events (23 March, the year on its Date: line)
        # the copy lists 23 March 2023 as upcoming: said so that it does not read as still to come
        "The workstream pages list 4 dated events, from 23 March 2023 to 15 March 2024: 3 on the page of Alternatives "
        "to immigration detention and 1 on that of Actionable recommendations on missing migrants and humanitarian "
        "assistance to migrants in distress (listed as upcoming on a copy of the page written before its day). None is "
        "tied to an activity, so none is a status.",
        "Whether any activity was done is not on record: no status is recorded for any of the 18 activities on or "
        "before 6 December 2026: where the Hub pages list the status options (Yet to start, In progress, "
        "Completed), they do not show which is selected.",
        # activities named by a short whole name, their number and, with several workstreams, the workstream
        "2 activities have no timeline because the project's copy of its page stops before it: Undertake further "
        "research where needed (iii, Actionable recommendations on missing migrants and humanitarian assistance to "
        "migrants in distress) and Hold three peer-learning events (ii, Alternatives to immigration detention).",
    ]
    # how to record a status is for maintainers: in "How to read this brief", not among the key messages
    assert not any("status_log.csv" in message for message in facts.summary)
    assert any(
        "data/status_log.csv (workstream, activity_id, as_of, status, source)" in note
        for note in brief.reading_notes(inputs)
    )
    assert brief.gantt_title(inputs.progress) == (
        "All 16 activities with a timeline were planned to end by 31 Dec 2024, 23 months before 6 Dec 2026"
    )
    # said once: no banner, no section on the record, no caption or reading note repeating it
    assert inputs.caveats() == [] and brief.record_section(inputs) == []
    _, caption, _, _ = brief.gantt_figure(inputs)
    assert "status" not in caption
    assert not any("no status" in note.lower() for note in brief.reading_notes(inputs))
    assert (
        brief.portfolio_caption(inputs.progress)
        == "Every workstream's plan had ended before 6 Dec 2026: the last on 31 Dec 2024"
    )


def test_every_activity_csv_names_its_workstream_and_wording_which_the_page_says_in_the_caption(
    made_on_6_december_2026,
):
    inputs, _ = _facts("data/status_log.csv", [], "today")
    shown = brief.activity_tables_shown(inputs)
    assert len(shown) == 5 and shown[0].text == "Every activity"  # the heading kept with the first table
    # the tables after the first are each kept whole on paper (their caption with their rows) when short: 2, 1 and 3
    # activities; the 9 of socio-economic integration flow across pages
    kept = [block for block in shown[1:] if isinstance(block, brief.HeadedBlock)]
    assert [len(block.block.frame) for block in kept] == [2, 1, 3] and len(shown[4].frame) == 9
    assert all(
        block.text is None
        and 'style="break-inside: avoid;' in block._repr_mimebundle_()[0]["text/html"]
        and "<h2" not in block._repr_mimebundle_()[0]["text/html"]
        for block in kept
    )
    for table in [getattr(block, "block", block) for block in shown]:
        assert list(table.csv_frame.columns[:2]) == ["Workstream", "No."] and "Wording" in table.csv_frame.columns
        assert table.csv_frame["Workstream"].nunique() == 1 and table.caption.startswith(
            table.csv_frame["Workstream"][0]
        )
        assert "Workstream" not in table.frame.columns and len(table.frame) == len(table.csv_frame)
        # every plan ended before the day: the page leaves out the planned state, the CSV keeps it
        assert (
            "Planned, as of the day" not in table.frame.columns and "Planned, as of the day" in table.csv_frame.columns
        )


def test_the_illustrative_socio_economic_brief_keeps_its_analysis_and_says_the_statuses_are_invented():
    """Checked by hand against data/activities.csv and data/status_log.illustrative.csv, 30 June 2024:
    i-vi ended (6 of 9), vii ends 30 September; Completed: i (20 April 2023, 20 days after 31 March),
    ii (28 June 2023, on time), iii (31 January 2024, 123 days after 30 September 2023); overdue: iv (274
    days after 30 September 2023), v (182 days); vi, planned to end 30 June 2024 itself, is due that day, not overdue."""
    inputs, facts = _facts("data/status_log.illustrative.csv", [SOCIO], "2024-06-30")
    assert facts.data_date == "Plan and invented statuses as of 30 June 2024"
    from dataclasses import replace

    recorded = replace(
        inputs, status_log=replace(inputs.status_log, meta={**inputs.status_log.meta, "illustrative": False})
    )
    assert brief.data_date(recorded) == "Plan and status as of 30 June 2024"  # a log of recorded statuses
    # the workstream's page lists no dated event: the question does not ask for any
    assert facts.question == (
        "What was planned to have ended by 30 June 2024 in the workstream \u201cStrengthening "
        "migrants' socio-economic integration\u201d, what is due next, and how do the recorded "
        "statuses (invented) compare with the plan?"
    )
    assert facts.summary == [
        "By 30 June 2024, 6 of the 9 activities with a timeline (67%) were planned to have ended.",
        "1 activity is due to end in the next quarter (1 July to 30 September 2024): Finalize the Guidance (vii).",
        "Under the invented statuses, 3 of 9 (33%) are recorded as Completed, 3 fewer than the 6 planned to have "
        "ended.",
        "Under the invented statuses, 2 activities are overdue (planned end before 30 June 2024, recorded as Yet to "
        "start or In progress), and 1 more is due on 30 June 2024 itself, not yet Completed; the overdue, "
        "longest first: Develop the first draft of the Guidance for policy making (iv), by 274 "
        "days; and Hold webinar with members to collect inputs (v), by 182 days.",
        "Under the invented statuses, 2 activities were first recorded as Completed after the planned end, by 20 and "
        "123 days (the day of the record, which may be after the work ended).",
    ]


def test_the_data_date_says_no_status_is_recorded_when_none_is_on_or_before_the_day():
    """The invented log's first socio-economic record is 15 February 2023 (i, In progress): the day before it the
    brief rests on the plan alone and says so; on that day itself the record counts."""
    _, before = _facts("data/status_log.illustrative.csv", [SOCIO], "2023-02-14")
    _, on_the_day = _facts("data/status_log.illustrative.csv", [SOCIO], "2023-02-15")
    assert before.data_date == "Plan as of 14 February 2023; no status recorded"
    assert on_the_day.data_date == "Plan and invented statuses as of 15 February 2023"


def test_the_gantt_axis_spans_the_plan_and_marks_a_far_as_of_day_at_its_edge_as_its_alt_text_says(
    made_on_6_december_2026,
):
    """The real brief made on 6 December 2026: the plans run January 2022 to December 2024. The axis
    stops there (no empty 2025-2027), the as-of day is marked at the right edge with its distance,
    and the alt text names the same axis."""
    import matplotlib.dates as mdates

    from workbooks.timeline import charts

    inputs, _ = _facts("data/status_log.csv", [], "today")
    axis = charts.time_axis(inputs.progress)
    assert not axis.as_of_on_axis and axis.plan_last == pd.Timestamp("2024-12-31")
    figure = charts.gantt_chart(inputs.progress)
    axes = figure.axes[0]
    left, right = (mdates.num2date(x).replace(tzinfo=None) for x in axes.get_xlim())
    assert pd.Timestamp(left).year == 2021 and pd.Timestamp(right) < pd.Timestamp("2025-03-01")
    labels = [t.get_text().replace("\n", " ") for t in axes.get_xticklabels()]
    assert labels[0] == "Jan 2022" and labels[-1] == "Jan 2025"
    assert any(t.get_text() == "as of 6 Dec 2026, 23 months after the last planned end \u2192" for t in axes.texts)
    alt = charts.gantt_alt(inputs.progress)
    assert "The time axis runs from January 2022 to January 2025" in alt
    assert "6 Dec 2026, 23 months after the last planned end, is beyond it and marked at its right edge" in alt
    assert "2027" not in alt and "next quarter" not in alt
    assert "Planned period" in [t.get_text() for t in figure.legends[0].get_texts()]


@pytest.mark.parametrize(
    "as_of, on_axis",
    [
        ("2024-06-30", True),  # within the plan
        ("2025-06-30", True),  # 6 months after the last planned end: still drawn to scale
        ("2025-07-01", False),  # a day more: marked at the edge
        ("2021-07-01", True),  # 6 months before the first planned start
        ("2021-06-30", False),
    ],
)
def test_the_as_of_day_stands_on_the_axis_within_six_months_of_the_plan(as_of, on_axis):
    from workbooks.timeline import charts

    progress = _progress([_activity("i", "2022-01-01", "2024-12-31")], as_of=pd.Timestamp(as_of))
    axis = charts.time_axis(progress)
    assert axis.as_of_on_axis is on_axis
    alt = charts.gantt_alt(progress)
    if on_axis:
        assert f"with a line at {day_text(pd.Timestamp(as_of))}" in alt and "next quarter" in alt
    else:
        assert ("right edge" if pd.Timestamp(as_of) > axis.plan_last else "left edge") in alt
        assert "with a line at" not in alt


@pytest.mark.parametrize(
    "description, name",
    [
        # the real activities' texts (data/activities.csv): the first clause, asides in brackets left out
        (
            "Finalize the Guidance, with checklist and examples, and present it to the EC for final inputs and imprimatur.",
            "Finalize the Guidance",
        ),
        (
            "Hold webinar with members to collect inputs on the first draft of the Guidance and to guide the second draft of "
            "the Checklist and examples.",
            "Hold webinar with members to collect inputs",
        ),
        (
            "Hold three (3) peer-learning events, each one targeted, that pair countries",
            "Hold three peer-learning events",
        ),
        (
            "Identify one or two (1-2) context(s), national or regional, offering openings",
            "Identify one or two context(s)",
        ),
        (
            "Map existing promising practices – including those that implement the relevant commitments",
            "Map existing promising practices",
        ),
        ("Undertake further research where needed in order to dev", "Undertake further research where needed"),
        (
            "Explore possibilities for Migration MPTF project based on Guidance",
            "Explore possibilities for Migration MPTF project based on Guidance",
        ),  # 9 words: whole
        # a long first clause where no phrase starts within the first words stays whole, never cut mid-phrase
        (
            "Strengthen and widen the multi-stakeholder peer-learning community of practice on detention alternatives "
            "globally",
            "Strengthen and widen the multi-stakeholder peer-learning community of practice",
        ),
        (
            "Coordinate regional multi-stakeholder peer-learning communities of practice and national networks globally",
            "Coordinate regional multi-stakeholder peer-learning communities of practice and national networks globally",
        ),
        ("", "activity ix"),
    ],
)
def test_an_activity_is_named_by_a_short_whole_phrase_of_its_text(description, name):
    assert activity_name(description, "ix") == name
    assert not activity_name(description, "ix").endswith(("…", ",", " the", " and", " to"))


def test_a_brief_of_one_workstream_words_its_headings_for_it_and_reads_its_one_row_down_a_column():
    inputs = load_timeline_inputs(
        "data/activities.csv", "data/status_log.illustrative.csv", [SOCIO], "2024-06-30", root=ROOT
    )
    [section] = brief.glance_section(inputs)
    assert (
        '<h2 id="the-workstream-at-a-glance">The workstream at a glance</h2>'
        in section._repr_mimebundle_()[0]["text/html"]
    )
    shown = section.block
    assert shown.caption == f"{SOCIO}: its plan and record as of 30 Jun 2024 (invented statuses)"
    assert list(shown.frame.columns) == ["Measure", "Value"]
    values = dict(zip(shown.frame["Measure"], shown.frame["Value"]))
    assert values["Planned to have ended"] == "6 of 9 (67%)" and values["Due next quarter"] == "1"
    assert "Workstream" not in due_next_table(inputs.progress.activities).columns  # named in the title already
    several = load_timeline_inputs(
        "data/activities.csv", "data/status_log.illustrative.csv", [], "2024-12-31", root=ROOT
    )
    [section] = brief.glance_section(several)
    shown = section.block
    assert section.text == "Each workstream at a glance" and shown.frame["Workstream"].nunique() == 5
    assert "Due next quarter" not in shown.frame.columns  # 0 for every workstream: "What is due next" says so


def test_the_gantt_chart_names_each_workstream_whole_and_marks_overdue_apart_from_every_status_colour(
    made_on_6_december_2026,
):
    from workbooks.presentation.style import ORANGE, VERMILION
    from workbooks.timeline import charts

    inputs, _ = _facts("data/status_log.csv", [], "today")
    figure = charts.gantt_chart(inputs.progress)
    texts = [text.get_text() for text in figure.axes[0].texts]
    for workstream in inputs.workstreams:  # whole, on one or more lines, never cut with "…"
        assert "\n".join(textwrap.wrap(workstream, charts.HEADER_WIDTH)) in texts
    assert not any("…" in text for text in texts)
    # overdue: a thick black outline, not a hue beside In progress's orange
    assert charts.OVERDUE_EDGE not in (ORANGE, VERMILION, *charts.STATUS_COLOURS.values())
    illustrative = load_timeline_inputs(
        "data/activities.csv", "data/status_log.illustrative.csv", [SOCIO], "2024-06-30", root=ROOT
    )
    figure = charts.gantt_chart(illustrative.progress)
    widths = {round(bar.get_linewidth(), 1) for bar in figure.axes[0].patches if bar.get_edgecolor()[:3] == (0, 0, 0)}
    assert widths == {charts.OVERDUE_LINE_WIDTH}
    thick = [bar for bar in figure.axes[0].patches if round(bar.get_linewidth(), 1) == charts.OVERDUE_LINE_WIDTH]
    assert (
        len(thick) == illustrative.progress.summary.overdue == 2
    )  # iv and v; vi ends on the as-of day: due, not overdue


def test_the_gantt_chart_labels_every_activity_by_its_whole_short_name_at_a_size_legible_on_paper(
    made_on_6_december_2026,
):
    from workbooks.timeline import charts
    from workbooks.timeline.progress import activity_name

    inputs, _ = _facts("data/status_log.csv", [], "today")
    figure = charts.gantt_chart(inputs.progress)
    labels = [label for label in figure.axes[0].get_yticklabels() if label.get_text() not in ("", charts.EVENTS_ROW)]
    width = figure.get_size_inches()[0]
    plt.close(figure)
    expected = [
        f"{row['activity_id']}. {activity_name(row['description'], row['activity_id'])}"
        for _, row in inputs.progress.activities.iterrows()
    ]
    assert [" ".join(label.get_text().split("\n")) for label in labels] == expected  # whole, never cut with "…"
    assert all(len(line) <= charts.LABEL_WIDTH for label in labels for line in label.get_text().split("\n"))
    # as wide as an A4 page's text (184 mm, 7.24 inches), so it prints at its own size: 9-point labels stay 9 points
    assert width <= 7.24 and {label.get_fontsize() for label in labels} == {9}


def test_every_section_heading_is_printed_with_its_first_block_in_one_output(made_on_6_december_2026):
    """Chromium does not keep a heading with the next output on paper: each heading is in the output of
    its section's first block, kept with it; a table's CSV for the download is kept."""
    inputs, _ = _facts("data/status_log.csv", [], "today")
    sections = {
        "Each workstream at a glance": brief.glance_section(inputs),
        "What was planned": brief.planned_section(inputs),
        "What is due next": brief.due_next_section(inputs),
        "Dated events on the Network's pages": brief.events_section(inputs),
        "Every activity": brief.activity_tables_shown(inputs),
        "How to read this brief": brief.reading_notes_shown(inputs),
    }
    for heading, shown in sections.items():
        data, metadata = shown[0]._repr_mimebundle_()
        page = data["text/html"]
        assert '<div class="brief-headed-block" style="break-inside: avoid; page-break-inside: avoid;">\n<h2' in page
        assert ".brief-headed-block > h2, .brief-headed-block > .brief-section-intro { break-after: avoid;" in page
        assert page.count("<h2") == 1 and len(page) > page.index("</h2>") + 40  # the heading and a block after it
        assert ("text/csv" in data) == (
            heading in ("Each workstream at a glance", "Dated events on the Network's pages", "Every activity")
        )
    assert brief.record_section(inputs) == []  # a planned calendar: no record section, heading and all
    recorded = load_timeline_inputs(
        "data/activities.csv", "data/status_log.illustrative.csv", [SOCIO], "2024-06-30", root=ROOT
    )
    record = brief.record_section(recorded)
    assert record[0].text == "What the status record shows" and "<img" in record[0]._repr_mimebundle_()[0]["text/html"]
    # a first table of more than 6 rows is not kept whole (it would leave a part-empty page): only its heading is
    [activities] = brief.activity_tables_shown(recorded)  # 9 activities
    page = activities._repr_mimebundle_()[0]["text/html"]
    assert '<div class="brief-headed-block">\n<h2 id="every-activity">' in page
