"""The timeline workbook's live view for JupyterLab (ipywidgets): an as-of date and a workstream
filter redrawing the Gantt chart and the tables.

Briefs never show it: the runner sets ``live_widgets = False`` and the notebook shows its static
sections instead, so a headless run neither waits on a widget nor embeds one.
"""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..common.dates import parse_date
from ..presentation.html import rendered_figure, table_html
from ..presentation.live import LABEL_STYLE, LiveView, workbook_heading
from . import charts
from .brief import source_links
from .inputs import TimelineInputs, select_workstreams
from .progress import (
    Progress,
    activity_table,
    assess_progress,
    portfolio_table,
    share_text,
)


class TimelineExplorer(LiveView):
    """An as-of date control and a workstream filter redrawing the Gantt chart and the tables;
    they start at the inputs' day and workstreams."""

    def __init__(self, inputs: TimelineInputs):
        self.inputs = inputs
        names = sorted(inputs.activities.frame["workstream"].unique())
        self.as_of_control = widgets.DatePicker(style=LABEL_STYLE, description="As of", value=inputs.as_of.date())
        self.workstream_control = widgets.SelectMultiple(style=LABEL_STYLE, 
            options=names, value=tuple(inputs.workstreams), description="Workstreams",
            rows=min(6, len(names)), layout=widgets.Layout(width="70%"))
        self.progress: Progress | None = None
        self.start([self.as_of_control, self.workstream_control],
                   widgets.HBox([self.as_of_control, self.workstream_control]),
                   heading=workbook_heading("timeline_progress", source_links(inputs), inputs.illustrative))

    @property
    def assessed(self) -> pd.DataFrame | None:
        """The activities shown, assessed; None while no date is chosen."""
        return None if self.progress is None else self.progress.activities

    def draw(self) -> str:
        chosen = list(self.workstream_control.value)
        activities = self.inputs.activities.frame
        selection = select_workstreams(activities, chosen) if chosen else activities.iloc[0:0]
        day = self.as_of_control.value
        self.progress = assess_progress(selection, self.inputs.status_log.frame, parse_date(day)) if day else None
        if self.progress is None or self.progress.activities.empty:
            return "<p>Choose a date and at least one workstream.</p>"
        summary = self.progress.summary
        illustrative = self.inputs.illustrative
        return "".join([
            f"<p>{share_text(summary.planned_done, summary.with_timeline)} planned to have ended; "
            f"{summary.completed} recorded as Completed.</p>",
            rendered_figure(charts.gantt_chart(self.progress), illustrative=illustrative),
            table_html(portfolio_table(self.progress.activities, summary.as_of), f"Portfolio as of {summary.as_of:%d %b %Y}",
                       illustrative=illustrative),
            table_html(activity_table(self.progress.activities, self.inputs.paraphrased_sources), "Activities",
                       illustrative=illustrative),
        ])
