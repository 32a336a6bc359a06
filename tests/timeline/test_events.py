"""Dated events on the Network's pages (timeline.events): read from the real stored pages, checked by
hand against them; the edges (an event on the as-of day, a page with no events, a day without its year,
link labels glued to a line); and the brief's section and key message, which never make an event a status."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from conftest import PAGES, ROOT
from workbooks.common import dates
from workbooks.ingest.page_text import PageText, read_page
from workbooks.timeline import brief
from workbooks.timeline.charts import gantt_alt, gantt_chart
from workbooks.timeline.events import (
    NAMES_KEPT,
    UPCOMING,
    combine_events,
    dated_events,
    events_by,
    events_sentence,
    events_table,
    parse_events,
)
from workbooks.timeline.inputs import load_timeline_inputs

DETENTION = PAGES / "migrationnetwork.un.org__alternatives-immigration-detention.txt"
MISSING = PAGES / (
    "migrationnetwork.un.org__actionable-recommendations-missing-migrants-and-providing-humanitarian-"
    "assistance-migrants-distress.txt"
)
SOCIO_SEED = PAGES / "000_1a0fd3d6edc5478c.txt"


def _page(text: str) -> PageText:
    return PageText(path=PAGES / "made-up.txt", lines=tuple(text.split("\n")), first_line_number=1)


def test_the_detention_page_lists_three_dated_events_with_what_it_links():
    """By hand, lines 7-14: 'Events', then 15 March 2024 (Southern Africa GCM Talk on ending the detention
    of children), 24 May 2023 (GCM Talk for Member States; 'Summary report'), 'Read hereGCM Youth Talk - 8
    May 2023' (its 'Recording' and 'Report'), then 'Click hereActivities', where the list ends."""
    events = dated_events(
        read_page(DETENTION), "Alternatives to immigration detention", "hub-alternatives-to-detention"
    )
    assert events["day"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-15", "2023-05-24", "2023-05-08"]
    assert events["name"].tolist() == [
        "Southern Africa GCM Talk: Ending immigration detention of children",
        "GCM Talk for Member States",
        "GCM Youth Talk",
    ]
    assert events["page_line"].tolist() == [8, 9, 11]
    assert events["materials"].tolist() == ["", "a summary report", "a recording; a report"]
    assert not events["upcoming"].any() and (events["activity_id"] == "").all()


def test_an_upcoming_event_without_its_year_takes_it_from_its_date_line():
    """Missing migrants, line 7: 'Introductory GCM Talk - 23 March 3pm CET' under 'Upcoming events'; line 10,
    after 'Sign up here', gives 'Date: 23 March 2023'. The agenda lines below are not events."""
    events = dated_events(read_page(MISSING), "Missing migrants", "hub-missing-migrants")
    assert len(events) == 1
    event = events.iloc[0]
    assert (event["day"], event["name"], event["upcoming"], event["page_line"]) == (
        pd.Timestamp("2023-03-23"),
        "Introductory GCM Talk",
        True,
        7,
    )


def test_a_page_with_no_events_list_has_no_dated_events():
    """The socio-economic integration seed lists activities only, some lines with years ('Q2 2024')."""
    assert dated_events(read_page(SOCIO_SEED), "S", "seed").empty
    assert parse_events(read_page(SOCIO_SEED)) == []


def test_a_date_in_an_activity_or_outside_the_events_list_is_not_an_event():
    page = _page(
        "Description\nA meeting on 4 May 2022 set this up.\nEvents\nTalk - 1 June 2023\n"
        "Activities\ni. Hold a webinar on 5 July 2023\nTimeline: Q3 2023"
    )
    assert dated_events(page, "W", "s")["day"].tolist() == [pd.Timestamp("2023-06-01")]


def test_an_event_whose_year_the_page_never_gives_is_left_out():
    page = _page("Upcoming events\nKick-off - 12 April\nRegistration link\nActivities")
    assert len(parse_events(page)) == 1 and dated_events(page, "W", "s").empty


def test_an_event_naming_an_activity_by_its_number_is_tied_to_it_and_only_then():
    page = _page("Events\nWebinar for activity iii - 2 February 2024\nGCM Talk - 3 March 2024\nActivities")
    assert dated_events(page, "W", "s")["activity_id"].tolist() == ["iii", ""]


def test_two_copies_of_one_page_give_each_event_once_soonest_first():
    page = _page("Events\nB talk - 2 March 2024\nA talk - 1 March 2024\nActivities")
    events = combine_events([dated_events(page, "W", "first"), dated_events(page, "W", "second")])
    assert events["name"].tolist() == ["A talk", "B talk"] and set(events["source"]) == {"first"}
    assert combine_events([]).empty


def test_an_event_on_the_as_of_day_counts_and_one_the_day_after_does_not():
    page = _page("Events\nTalk - 15 March 2024\nActivities")
    events = dated_events(page, "W", "s")
    assert len(events_by(events, pd.Timestamp("2024-03-15"))) == 1
    assert events_by(events, pd.Timestamp("2024-03-14")).empty
    assert events_sentence(events, pd.Timestamp("2024-03-14")) == (
        "No workstream page in this brief lists a dated event on or before 14 March 2024; 1 is dated after it."
    )
    assert events_sentence(events, pd.Timestamp("2024-03-15")) == (
        "The workstream pages list 1 dated event, on 15 March 2024: 1 on the page of W. None is tied to an activity, "
        "so none is a status."
    )


def test_the_shown_table_says_what_the_page_shows_and_never_calls_an_event_a_status():
    events = dated_events(
        read_page(DETENTION), "Alternatives to immigration detention", "hub-alternatives-to-detention"
    )
    events["url"], events["verbatim"] = "https://example.org/page", False
    table = events_table(events)
    assert table["What the page shows"].tolist() == [
        "listed under Events",
        "listed under Events; the page links a summary report",
        "listed under Events; the page links a recording and a report",
    ]
    # a rewritten copy kept the page's names and dates (its header says so): event names are the page's
    assert set(table["Wording"]) == {"as on the page (the copy rewrote the prose, not the names)"}
    assert UPCOMING == "listed as upcoming: the copy of the page was written before that day"
    assert not table.apply(lambda column: column.astype(str).str.contains(r"\bstatus\b|Completed")).any().any()


@pytest.fixture()
def made_on_6_december_2026(monkeypatch):
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 6))


def _inputs(as_of, workstreams=(), log="data/status_log.csv"):
    return load_timeline_inputs("data/activities.csv", log, list(workstreams), as_of, root=ROOT)


def test_the_real_brief_shows_the_four_events_linked_to_their_pages_and_packs_them_as_csv(made_on_6_december_2026):
    [section] = brief.events_section(_inputs("today"))
    html, metadata = section._repr_mimebundle_()
    page = html["text/html"]
    assert '<h2 id="dated-events-on-the-network-s-pages">Dated events on the Network&#x27;s pages</h2>' in page
    assert page.count("<tr>") == 5  # a header and 4 events
    assert page.count('<a href="https://migrationnetwork.un.org/alternatives-immigration-detention">') == 3
    assert "Event names and dates: as on the page (the copy rewrote the prose, not the names)" in page
    assert "paraphrase" not in page and "stored" not in page and "rebuilt" not in page
    assert "Activity the page names" not in page and "no page ties an event to an activity" in page
    csv_text = html["text/csv"]
    assert csv_text.splitlines()[0] == (
        "Date,Event,Workstream page,What the page shows,Wording,Activity the page names,Page address"
    )
    assert len(csv_text.splitlines()) == 5 and metadata["text/csv"]["caption"].startswith("Dated events")


def test_a_brief_of_a_workstream_whose_pages_list_no_events_says_so_in_the_chart_caption_without_a_section():
    inputs = _inputs("2024-06-30", ["Strengthening migrants' socio-economic integration"])
    assert brief.events_section(inputs) == []  # no heading over a section that would only say "none"
    _, caption, _, _ = brief.gantt_figure(inputs)
    assert caption.endswith(". No workstream page in this brief lists a dated event on or before 30 June 2024.")
    assert "diamond" not in caption


def test_event_text_is_escaped_in_the_section(monkeypatch):
    inputs = _inputs("2024-06-30")
    inputs.events.loc[0, "name"] = "<script>alert(1)</script>"
    page = brief.events_section(inputs)[0]._repr_mimebundle_()[0]["text/html"]
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_gantt_chart_marks_the_events_apart_from_the_bars_and_says_so_in_its_alt_text():
    inputs = _inputs("2024-06-30")
    figure = gantt_chart(inputs.progress, events=events_by(inputs.events, inputs.as_of))
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert labels.count("events listed on its page") == 2  # detention and missing migrants
    alt = gantt_alt(inputs.progress, events_by(inputs.events, inputs.as_of))
    # detention's page lists 8 and 24 May 2023, 16 days apart on a three-year axis: one diamond marked x2 between them
    assert (
        "4 dated events listed on 2 workstream pages are marked by diamonds on a row of their own, not as a status; "
        "2 of them, too close to draw apart, share a diamond marked \u00d72."
    ) in alt
    counts = [text.get_text() for text in figure.axes[0].texts if text.get_text().startswith("\u00d7")]
    assert counts == ["\u00d72"]
    _, caption, _, _ = brief.gantt_figure(inputs)
    assert "a diamond marks a dated event its page lists (\u00d72: 2 close together; see Dated events" in caption
    assert not re.search(r"diamond", gantt_alt(inputs.progress))


def test_every_rewritten_copy_of_a_page_says_it_kept_the_names_and_dates_which_event_names_rely_on():
    """The events table calls an event's name "as on the page" also on a copy whose prose was rewritten:
    each such copy's header says it kept names and dates (checked in every stored page, not assumed)."""
    rewritten = [
        path
        for path in PAGES.glob("*.txt")
        if path.read_text(encoding="utf-8").split("\n", 2)[1].startswith("form: rebuilt")
    ]
    assert len(rewritten) >= 5
    for path in rewritten:
        assert NAMES_KEPT in path.read_text(encoding="utf-8").split("\n", 2)[1], path.name


def test_events_too_close_to_draw_apart_share_one_diamond_between_them_with_their_count():
    from workbooks.timeline.charts import TimeAxis, event_marks

    axis = TimeAxis(
        pd.Timestamp("2022-01-01"), pd.Timestamp("2025-01-01"), True, None, None
    )  # 1096 days: under 33 days apart is near
    days = [pd.Timestamp(day) for day in ["2023-05-24", "2023-05-08", "2024-03-15", "2024-04-18", "2026-01-01"]]
    marks = event_marks(days, axis)
    assert [(mark.day, mark.count) for mark in marks] == [
        (pd.Timestamp("2023-05-16 12:00"), 2),  # 16 days apart: one diamond, between them
        (pd.Timestamp("2024-03-15 12:00"), 1),
        (pd.Timestamp("2024-04-18 12:00"), 1),  # 34 days: apart
    ]  # 2026 is off the axis: not drawn
    assert event_marks([], axis) == []
