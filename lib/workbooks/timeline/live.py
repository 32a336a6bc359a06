"""The timeline workbook's live view (ipywidgets, in JupyterLab and in presenter mode): an as-of date
bounded to the plan's span and tick boxes for the workstreams, redrawing the Gantt chart, drawn for the
screen, and the tables.

Briefs never show it: the runner sets ``live_widgets = False`` and the notebook shows its static
sections instead, so a headless run neither waits on a widget nor embeds one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import os

import ipywidgets as widgets
import pandas as pd
import traitlets

from ..common.dates import parse_date
from ..common.wording import count_of
from ..presentation import PRESENTER_KERNEL
from ..presentation.html import rendered_figure, table_html
from ..presentation.live import LABEL_STYLE, CheckboxGroup, Kept, LiveView, workbook_heading
from ..presentation.markup import Markup, macro
from ..presentation.style import SCREEN_DPI
from . import charts
from .brief import TEMPLATES, source_links
from .inputs import TimelineInputs, select_workstreams
from .progress import Progress, activity_tables, assess_progress, portfolio_table, share_text, short_day_text

SET_BACK_AFTER = 2.0  # seconds after a day refused with no other sent: the presenter has stopped typing (in
# JupyterLab, where each digit is sent; in presenter mode the page sends a typed day only once the keys stop, so a
# refused one is set back at once: a delay there would land on the next date being typed)
DRAWS_KEPT = 32  # views drawn, kept by date and workstreams: going back to one shown before draws nothing again


def _day_words(day: datetime.date) -> str:
    """A day as the chart writes it ("30 Jun 2024"), or its year where no chart could stand it ("a day in the year 2")."""
    if pd.Timestamp.min.date() <= day <= pd.Timestamp.max.date():
        return short_day_text(day)
    return f"a day in the year {day.year}"


class PlanDatePicker(widgets.DatePicker):
    """A date control bounded to the plan's span, ``min`` to ``max``. A day outside it, an emptied field or
    a year no calendar has (the browser lets one type 312025) is refused: the value stays the day drawn,
    nothing is drawn, and ``refusal`` says why, for the view to show beside the field. The field shows the
    day drawn again once the presenter has stopped typing (:data:`SET_BACK_AFTER`): the browser sends
    every digit of a year typed (0002, 0020, 0202, 2024), and setting the field back at once would undo
    each; at once when the field is left without a whole date, or when another control redraws.

    (ipywidgets 8.1's date field does not pass ``min`` and ``max`` to the browser: the presenter page's script
    sets them from the date note, so its calendar offers only the plan's days; in JupyterLab the calendar offers
    any day, and the refusal here is what bounds it.)"""

    refusal = traitlets.Unicode("")

    def __init__(self, first: datetime.date, last: datetime.date, day: datetime.date, **kwargs):
        super().__init__(min=first, max=last, **kwargs)
        self.refused_in_field = False  # the field holds a day refused, not the day drawn
        self._set_back: asyncio.TimerHandle | None = None  # the call that will set the field back, while one waits
        self.value = min(max(day, first), last)
        if self.value != day:
            self.refusal = f"{_day_words(day)} is outside the plan's span: showing {short_day_text(self.value)}."

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        day = proposal["value"]
        self.refusal = self._refusal(day, day.year if day else None)
        return self.value if self.refusal else day

    def _refusal(self, day: datetime.date | None, year: int | None) -> str:
        """Why ``day`` (or a day in ``year``, which no calendar has) cannot be drawn, or "" when it can."""
        if self.value is None:  # the first day, before any was drawn: the span is checked by the caller
            return ""
        shown = f"the chart still shows {short_day_text(self.value)}."
        if year is None:
            return (
                f"The date typed is not a whole day of the calendar: {shown}"  # true too once the field shows it again
            )
        if day is not None and self.min <= day <= self.max:
            return ""
        words = _day_words(day) if day else f"a day in the year {year}"  # no day: a year past 9999
        side = (
            f"before the plan's first day, {short_day_text(self.min)}"
            if day is not None and day < self.min
            else f"after the plan's last day, {short_day_text(self.max)}"
        )
        return f"{words[0].upper()}{words[1:]} is {side}: {shown}"

    def set_state(self, sync_data):
        """A change from the page: a day refused never reaches ``value`` (so nothing is drawn for it)."""
        if "value" not in sync_data:
            return super().set_state(sync_data)
        sent = sync_data["value"]
        year = None if sent is None else sent["year"]
        try:
            day = None if sent is None else datetime.date(year, sent["month"] + 1, sent["date"])
        except ValueError:  # a year of five or six digits
            day = None
        self.refusal = self._refusal(day, year)
        self._cancel_set_back()
        if not self.refusal:
            self.refused_in_field = False
            return super().set_state(sync_data)
        self.refused_in_field = True
        if sent is None:  # the field was left without a whole date
            self.show_drawn()
        else:
            self._set_back_later()
        return super().set_state({name: value for name, value in sync_data.items() if name != "value"})

    def _set_back_later(self) -> None:
        if os.environ.get(PRESENTER_KERNEL) == "1":  # the page sent a settled day: nothing is being typed now
            self.show_drawn()
            return
        try:
            loop = asyncio.get_running_loop()  # the kernel's, which handles the page's messages
        except RuntimeError:  # no loop to wait on: at once
            self.show_drawn()
            return
        self._set_back = loop.call_later(SET_BACK_AFTER, self.show_drawn)

    def _cancel_set_back(self) -> None:
        if self._set_back is not None:
            self._set_back.cancel()
            self._set_back = None

    def show_drawn(self) -> None:
        """Set the field back to the day drawn if it holds a day refused."""
        self._cancel_set_back()
        if self.refused_in_field:
            self.refused_in_field = False
            self.send_state("value")


class TimelineExplorer(LiveView):
    """An as-of date bounded to the plan's span and tick boxes for the workstreams, redrawing the Gantt
    chart for the screen (:func:`.charts.screen_gantt_chart`) and the tables; they start at the inputs'
    day and workstreams. The page's address names them ``as_of`` (YYYY-MM-DD) and ``workstreams``."""

    def __init__(self, inputs: TimelineInputs):
        self.inputs = inputs
        activities = inputs.activities.frame
        self.first_day = activities["planned_start"].min().date()
        self.last_day = activities["planned_end"].max().date()
        names = sorted(activities["workstream"].unique())
        # the pages of every workstream the presenter may tick, whose copies are paraphrased
        self.paraphrased = dataclasses.replace(inputs, selected=activities).paraphrased_sources
        self.as_of_control = PlanDatePicker(
            self.first_day,
            self.last_day,
            inputs.as_of.date(),
            description="As of",
            style=LABEL_STYLE,  # its label above the field, at the left
            layout=widgets.Layout(height="auto", align_items="flex-start"),
        )
        self.date_note = widgets.HTML()
        self.as_of_control.observe(self._note_date, names=["value", "refusal"])
        self._note_date()
        # the page sets each control 100% wide and ipywidgets adds a margin: hidden, not a sideways scroll
        self.workstream_control = CheckboxGroup(
            names, tuple(inputs.workstreams), description="Workstreams", layout=widgets.Layout(overflow="hidden")
        )
        self.workstream_control.observe(self._moved_on, names="value")
        self.progress: Progress | None = None
        self._drawn = Kept(DRAWS_KEPT)  # (html, progress), by the day and the workstreams chosen
        self.start(
            [self.as_of_control, self.workstream_control],
            widgets.VBox(
                [self.as_of_control, self.date_note, self.workstream_control], layout=widgets.Layout(overflow="hidden")
            ),
            heading=workbook_heading("timeline_progress", source_links(inputs), inputs.illustrative),
            address={"as_of": self.as_of_control, "workstreams": self.workstream_control},
        )
        self.shown.layout.width = "auto"  # its column's width, not 100% and ipywidgets' margin past it

    def _moved_on(self, _change) -> None:
        """The presenter changed the workstreams: a day refused before is past, no longer said beside the field."""
        self.as_of_control.show_drawn()
        self.as_of_control.refusal = ""

    def _note_date(self, *_) -> None:
        control = self.as_of_control
        self.date_note.value = macro("live.html.j2", "date_note", TEMPLATES)(
            short_day_text(control.value),
            short_day_text(self.first_day),
            short_day_text(self.last_day),
            control.refusal,
            self.first_day.isoformat(),
            self.last_day.isoformat(),
        )

    @property
    def assessed(self) -> pd.DataFrame | None:
        """The activities shown, assessed; None while no workstream is ticked."""
        return None if self.progress is None else self.progress.activities

    def busy_words(self) -> str:
        return f"Drawing the timeline as of {short_day_text(self.as_of_control.value)}…"

    def draw(self) -> str:
        self.as_of_control.show_drawn()  # a day refused in the field gives way to the day drawn
        chosen = tuple(self.workstream_control.value)
        if not chosen:
            self.progress = None
            return macro("live.html.j2", "nothing_chosen", TEMPLATES)()
        key = (self.as_of_control.value, chosen)
        html, self.progress = self._drawn.get(key, lambda: self._view(*key))
        return html

    def _view(self, day: datetime.date, chosen: tuple[str, ...]) -> tuple[str, Progress]:
        """What the view shows for ``day`` and the ``chosen`` workstreams, and their activities assessed. The
        tables carry no CSV download: the brief's tables, above the live view in the notebook, do."""
        inputs, illustrative = self.inputs, self.inputs.illustrative
        selection = select_workstreams(inputs.activities.frame, list(chosen))
        progress = assess_progress(selection, inputs.status_log.frame, parse_date(day))
        summary = progress.summary
        chart = rendered_figure(
            charts.screen_gantt_chart(progress, illustrative=illustrative),
            illustrative=illustrative,
            screen_dpi=SCREEN_DPI,
        )
        portfolio = table_html(
            portfolio_table(progress.activities, summary.as_of),
            f"Portfolio as of {short_day_text(summary.as_of)}",
            download=False,
        )
        activities = "".join(
            table_html(
                rows,
                f"{workstream}: {count_of(len(rows), 'activity')}" + (f"; texts: {wording}" if wording else ""),
                download=False,
            )
            for workstream, wording, rows, _ in activity_tables(progress.activities, summary.as_of, self.paraphrased)
        )
        html = macro("live.html.j2", "shown", TEMPLATES)(
            Markup(chart),
            share_text(summary.planned_done, summary.with_timeline),
            summary.completed,
            summary.recorded,
            Markup(portfolio),
            Markup(activities),
        )
        return html, progress
