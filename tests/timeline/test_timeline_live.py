"""The timeline's live view as a presenter uses it: a date bounded to the plan's span (what it refuses, and
says beside the field), tick boxes for the workstreams, the selections in the page's address, the busy
line while it redraws, and what it shows for an empty selection or a filter that hides rows."""

import datetime as dt
import html
import re

import pytest

from conftest import ROOT
from workbooks.presentation.live import CheckboxGroup
from workbooks.timeline import live
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.live import TimelineExplorer

SOCIO = "Strengthening migrants' socio-economic integration"
DETENTION = "Alternatives to immigration detention"
FIRST, LAST = dt.date(2022, 1, 1), dt.date(2024, 12, 31)  # the first planned start and the last planned end


def _explorer(workstreams=(), as_of="2023-06-30", status_log="data/status_log.illustrative.csv"):
    return TimelineExplorer(
        load_timeline_inputs("data/activities.csv", status_log, list(workstreams), as_of, root=ROOT)
    )


def _note(explorer) -> str:
    """What the note beside the date field says (its markup, entities read)."""
    return html.unescape(explorer.date_note.value)


def _tables(explorer) -> dict[str, int]:
    """The tables the view shows: each one's caption and how many rows it has."""
    found = re.findall(r'<caption class="brief-caption">(.*?)</caption>.*?<tbody>(.*?)</tbody>', explorer.html, re.S)
    return {html.unescape(caption): body.count("<tr") for caption, body in found}


def _sent_by_the_page(control, day: dict | None) -> None:
    """What the browser's date field sends when the presenter types or picks a day (months from 0)."""
    control.set_state({"value": day})


def _field_set_back(explorer) -> list:
    """Each time, from now on, the date control sends its value to the page (the field shows it again)."""
    sent, control = [], explorer.as_of_control
    control.send_state = lambda key=None: sent.append((key, control.value))
    return sent


def test_explorer_draws_once_on_creation_with_all_workstreams():
    explorer = _explorer()
    assert explorer.redraws == 1
    assert len(explorer.assessed) == 18 and len(explorer.workstream_control.options) == 5
    assert explorer.html.count("<img") == 1
    tables = _tables(explorer)  # the workstreams, then each one's activities with their full texts
    assert tables.pop("Portfolio as of 30 Jun 2023") == 5
    assert sum(tables.values()) == 18 and len(tables) == 5
    assert tables[next(caption for caption in tables if caption.startswith(f"{DETENTION}: 2 activities"))] == 2
    assert "hybrid meetings at regional or cross-regional level" in explorer.html  # a text the chart's label cuts


def test_workstreams_are_tick_boxes_with_their_whole_names():
    explorer = _explorer()
    control = explorer.workstream_control
    assert isinstance(control, CheckboxGroup)
    names = sorted(
        load_timeline_inputs("data/activities.csv", "data/status_log.csv", [], "2023-06-30", root=ROOT)
        .activities.frame["workstream"]
        .unique()
    )
    assert [box.description for box in control.boxes] == names  # whole, not cut
    assert all(box.value for box in control.boxes)


def test_the_date_is_bounded_to_the_plan_and_shown_as_the_chart_writes_it():
    explorer = _explorer()
    control = explorer.as_of_control
    assert (control.min, control.max, control.value) == (FIRST, LAST, dt.date(2023, 6, 30))
    assert "Showing <strong>30 Jun 2023</strong>. Days in the plan: 1 Jan 2022 to 31 Dec 2024." in (_note(explorer))


def test_changing_the_date_redraws_with_the_new_statuses():
    explorer = _explorer(workstreams=[SOCIO])
    before = explorer.assessed.set_index("activity_id")
    assert before.loc["iii", "status"] == "In progress"
    explorer.as_of_control.value = dt.date(2024, 6, 30)
    after = explorer.assessed.set_index("activity_id")
    assert explorer.redraws == 2
    assert after.loc["iii", "status"] == "Completed" and after.loc["iv", "overdue"]
    assert "Portfolio as of 30 Jun 2024" in explorer.html
    assert "Showing <strong>30 Jun 2024</strong>" in _note(explorer)


@pytest.mark.parametrize("day", [FIRST, LAST])
def test_the_plan_s_first_and_last_days_are_drawn(day):
    explorer = _explorer()
    explorer.as_of_control.value = day
    assert explorer.redraws == 2 and explorer.as_of_control.refusal == ""
    assert f"Portfolio as of {day.day} {day:%b %Y}" in explorer.html


@pytest.mark.parametrize(
    "day, words",
    [
        (FIRST - dt.timedelta(days=1), "31 Dec 2021 is before the plan's first day, 1 Jan 2022"),
        (LAST + dt.timedelta(days=1), "1 Jan 2025 is after the plan's last day, 31 Dec 2024"),
        (dt.date(2099, 1, 1), "1 Jan 2099 is after the plan's last day, 31 Dec 2024"),
    ],
)
def test_a_day_outside_the_plan_is_refused_and_said_beside_the_field(day, words):
    explorer = _explorer()
    shown = explorer.html
    explorer.as_of_control.value = day
    assert explorer.as_of_control.value == dt.date(2023, 6, 30) and explorer.redraws == 1 and explorer.html == shown
    assert f"{words}: the chart still shows 30 Jun 2023." in _note(explorer)
    assert 'class="workbooks-live-problem"' in explorer.date_note.value
    explorer.as_of_control.value = dt.date(2023, 12, 31)  # a day it takes: the message goes
    assert explorer.redraws == 2 and "workbooks-live-problem" not in explorer.date_note.value


class _KernelLoop:
    """The kernel's event loop as the date control uses it: calls asked for later, run when the test says
    the presenter has stopped typing."""

    def __init__(self):
        self.calls = []

    def call_later(self, delay, callback):
        call = type("Call", (), {"cancelled": False, "delay": delay, "callback": callback})()
        call.cancel = lambda: setattr(call, "cancelled", True)
        self.calls.append(call)
        return call

    def waiting(self) -> list:
        return [call for call in self.calls if not call.cancelled]

    def stop_typing(self) -> None:
        for call in self.waiting():
            call.callback()


@pytest.fixture()
def kernel_loop(monkeypatch) -> _KernelLoop:
    loop = _KernelLoop()
    monkeypatch.setattr(live.asyncio, "get_running_loop", lambda: loop)
    return loop


def test_a_year_no_calendar_has_is_refused_and_the_field_set_back_once_typing_stops(kernel_loop):
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    _sent_by_the_page(explorer.as_of_control, {"year": 312025, "month": 5, "date": 30})
    assert explorer.as_of_control.value == dt.date(2023, 6, 30) and explorer.redraws == 1
    assert (
        "A day in the year 312025 is after the plan's last day, 31 Dec 2024: the chart still shows 30 Jun 2023."
        in _note(explorer)
    )
    assert field_set_back == [] and [call.delay for call in kernel_loop.waiting()] == [live.SET_BACK_AFTER]
    kernel_loop.stop_typing()
    assert field_set_back == [("value", dt.date(2023, 6, 30))]
    assert "312025" in _note(explorer)  # the message stays until a day is drawn


def test_in_presenter_mode_a_refused_day_is_set_back_at_once(kernel_loop, monkeypatch):
    """The presenter page sends a typed day only once the keys stop: a delay before setting the field back would
    land on the next date the presenter types (it drew 30 Dec 2024 from keys for 06/30/2024)."""
    from workbooks.presentation import PRESENTER_KERNEL

    monkeypatch.setenv(PRESENTER_KERNEL, "1")
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    _sent_by_the_page(explorer.as_of_control, {"year": 2021, "month": 2, "date": 15})
    assert "15 Mar 2021 is before the plan's first day" in _note(explorer) and explorer.redraws == 1
    assert field_set_back == [("value", dt.date(2023, 6, 30))] and kernel_loop.waiting() == []


def test_an_emptied_field_is_refused_and_set_back_at_once(kernel_loop):
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    _sent_by_the_page(explorer.as_of_control, None)
    assert explorer.as_of_control.value == dt.date(2023, 6, 30) and explorer.redraws == 1
    assert "The date typed is not a whole day of the calendar: the chart still shows 30 Jun 2023." in _note(explorer)
    assert field_set_back == [("value", dt.date(2023, 6, 30))] and kernel_loop.waiting() == []


def test_a_year_typed_digit_by_digit_is_drawn_once_whole(kernel_loop):
    """The browser sends each digit of a typed year (0002, 0020, 0202, 2024): the first three are refused but
    left in the field, which the next digit completes; the whole year is drawn."""
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    for year in (2, 20, 202):
        _sent_by_the_page(explorer.as_of_control, {"year": year, "month": 5, "date": 30})
        assert f"A day in the year {year} is before the plan's first day" in _note(explorer)
        assert len(kernel_loop.waiting()) == 1  # the last digit's wait only
    _sent_by_the_page(explorer.as_of_control, {"year": 2024, "month": 5, "date": 30})
    assert explorer.as_of_control.value == dt.date(2024, 6, 30) and explorer.redraws == 2
    assert kernel_loop.waiting() == [] and field_set_back == []
    assert "workbooks-live-problem" not in explorer.date_note.value


def test_a_day_refused_in_the_field_gives_way_when_another_control_redraws(kernel_loop):
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    _sent_by_the_page(explorer.as_of_control, {"year": 2099, "month": 0, "date": 1})
    explorer.workstream_control.value = (SOCIO,)
    assert field_set_back == [("value", dt.date(2023, 6, 30))] and kernel_loop.waiting() == []
    assert set(explorer.assessed["workstream"]) == {SOCIO}


def test_outside_a_kernel_s_loop_a_refused_day_is_set_back_at_once():
    explorer = _explorer()
    field_set_back = _field_set_back(explorer)
    _sent_by_the_page(explorer.as_of_control, {"year": 2099, "month": 0, "date": 1})
    assert field_set_back == [("value", dt.date(2023, 6, 30))]


def test_unticking_workstreams_hides_their_rows():
    explorer = _explorer()
    explorer.workstream_control.boxes[0].value = False  # the first workstream, unticked by the presenter
    explorer.workstream_control.value = (SOCIO,)
    assert set(explorer.assessed["workstream"]) == {SOCIO} and len(explorer.assessed) == 9
    tables = _tables(explorer)
    assert list(tables) == ["Portfolio as of 30 Jun 2023", f"{SOCIO}: 9 activities; texts: as on the page"]
    assert list(tables.values()) == [1, 9]


def test_a_workstream_ticked_after_the_notebook_s_choice_says_whose_words_its_texts_are():
    explorer = _explorer(workstreams=[SOCIO])  # the notebook chose one; its pages are copied as they are
    explorer.workstream_control.value = tuple(explorer.workstream_control.options)
    captions = list(_tables(explorer))
    actionable = next(caption for caption in captions if caption.startswith("Actionable recommendations"))
    assert actionable.endswith(": 3 activities; texts: our paraphrase")
    assert f"{SOCIO}: 9 activities; texts: as on the page" in captions


def test_no_workstream_ticked_shows_no_chart_and_says_what_to_do():
    explorer = _explorer()
    explorer.workstream_control.value = ()
    assert explorer.assessed is None
    assert "Tick at least one workstream to draw its activities." in explorer.html and "<img" not in explorer.html
    explorer.workstream_control.boxes[-1].value = True
    assert set(explorer.assessed["workstream"]) == {SOCIO} and "<img" in explorer.html


def test_the_sentence_under_the_chart_says_when_no_status_is_recorded():
    recorded = _explorer()
    assert re.search(r"planned to have ended; \d+ recorded as Completed\.", recorded.html)
    planned = _explorer(status_log="data/status_log.csv")
    assert "3 of 16 (19%) planned to have ended; no status is recorded." in planned.html


def test_the_busy_line_names_the_date_being_drawn():
    explorer = _explorer()
    said = []
    explorer.status.observe(lambda change: said.append(change["new"]), names="value")
    explorer.as_of_control.value = dt.date(2024, 3, 1)
    assert explorer.busy_words() == "Drawing the timeline as of 1 Mar 2024…"
    assert "Drawing the timeline as of 1 Mar 2024…" in said[0] and "Drawing" not in explorer.status.value


def test_going_back_to_a_view_shown_before_draws_the_same_without_drawing_again(monkeypatch):
    explorer = _explorer()
    first = explorer.html
    explorer.as_of_control.value = dt.date(2024, 6, 30)
    drawn = []
    monkeypatch.setattr(live.charts, "screen_gantt_chart", lambda *args, **kwargs: drawn.append(args))
    explorer.as_of_control.value = dt.date(2023, 6, 30)
    assert explorer.html == first and drawn == [] and len(explorer.assessed) == 18


def test_the_views_kept_are_bounded(monkeypatch):
    monkeypatch.setattr(live, "DRAWS_KEPT", 3)
    explorer = _explorer()
    for month in (1, 2, 3, 4, 5):
        explorer.as_of_control.value = dt.date(2024, month, 1)
    assert len(explorer._drawn) == 3 and list(explorer._drawn)[-1][0] == dt.date(2024, 5, 1)


def test_a_notebook_day_outside_the_plan_starts_at_its_nearest_day_and_says_so():
    explorer = _explorer(as_of="2026-12-06")
    assert explorer.as_of_control.value == LAST
    assert "6 Dec 2026 is outside the plan's span: showing 31 Dec 2024." in _note(explorer)


def test_the_address_carries_the_date_and_the_workstreams_and_brings_them_back():
    explorer = _explorer()
    explorer.as_of_control.value = dt.date(2024, 3, 31)
    explorer.workstream_control.value = (DETENTION, SOCIO)
    query = explorer.query()
    assert query == (
        "as_of=2024-03-31&workstreams=Alternatives+to+immigration+detention"
        "&workstreams=Strengthening+migrants%27+socio-economic+integration"
    )
    again = _explorer()
    again.apply_query(query)
    assert again.redraws == 2  # once on creation, once for the whole address
    assert again.as_of_control.value == dt.date(2024, 3, 31)
    assert again.workstream_control.value == (DETENTION, SOCIO)
    assert [box.value for box in again.workstream_control.boxes] == [False, True, False, False, True]
    assert again.html == explorer.html and again.query() == query


@pytest.mark.parametrize(
    "query, problem",
    [
        ("colour=red", "The address names “colour”, which this view does not have: left out."),
        (
            "workstreams=Nowhere&workstreams=" + SOCIO.replace(" ", "+"),
            "The address names workstreams “Nowhere”, which is not in the data: left out.",
        ),
        ("as_of=2023-02-30", "The address gives as_of “2023-02-30”, no day of the calendar: left as it was."),
        ("as_of=30+Jun+2024", "The address gives as_of “30 Jun 2024”, not a date (YYYY-MM-DD): left as it was."),
    ],
)
def test_an_address_value_the_view_cannot_take_is_said_not_guessed(query, problem):
    explorer = _explorer()
    explorer.apply_query(query)
    assert problem in explorer.status.value
    assert explorer.as_of_control.value == dt.date(2023, 6, 30)
    if "Nowhere" in query:
        assert explorer.workstream_control.value == (SOCIO,)


def test_an_address_day_outside_the_plan_is_refused_beside_the_field():
    explorer = _explorer()
    explorer.apply_query("as_of=2099-01-01")
    assert explorer.as_of_control.value == dt.date(2023, 6, 30)
    assert "1 Jan 2099 is after the plan's last day, 31 Dec 2024: the chart still shows 30 Jun 2023." in (
        _note(explorer)
    )
    assert explorer.query().startswith("as_of=2023-06-30&")  # the address says what the chart shows
    assert explorer.refused == [
        "The address gives as_of “2099-01-01”, which the view refuses: 1 Jan 2099 is after the "
        "plan's last day, 31 Dec 2024: the chart still shows 30 Jun 2023."
    ]
    assert "2099" not in explorer.status.value  # said once, beside the field, not again in the status line
    explorer.apply_query("as_of=2024-01-31")
    assert explorer.refused == [] and explorer.as_of_control.value == dt.date(2024, 1, 31)


def test_a_day_refused_is_no_longer_said_once_the_presenter_changes_the_workstreams():
    explorer = _explorer()
    explorer.apply_query("as_of=2099-01-01")
    assert "1 Jan 2099 is after the plan's last day" in _note(explorer)
    explorer.workstream_control.value = explorer.workstream_control.options[:2]
    assert "2099" not in _note(explorer) and "workbooks-live-problem" not in explorer.date_note.value
    assert explorer.as_of_control.value == dt.date(2023, 6, 30)  # the day drawn stays
