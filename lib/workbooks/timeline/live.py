"""The timeline workbook's live view for JupyterLab (ipywidgets): an as-of date and a workstream
filter redrawing the Gantt chart and the tables.

Briefs never show it: the runner sets ``live_widgets = False`` and the notebook shows its static
sections instead, so a headless run neither waits on a widget nor embeds one.
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from ..presentation.html import table_html
from . import charts
from .progress import activity_table, assess_activities, portfolio_table, summarise_progress


class TimelineExplorer:
    """An as-of date control and a workstream filter redrawing the Gantt chart and the tables."""

    def __init__(self, activities: pd.DataFrame, status_log: pd.DataFrame, as_of, workstreams=()):
        self.activities = activities
        self.status_log = status_log
        names = sorted(activities["workstream"].unique())
        self.as_of_control = widgets.DatePicker(description="As of", value=pd.Timestamp(as_of).date())
        self.workstream_control = widgets.SelectMultiple(
            options=names, value=tuple(workstreams) or tuple(names), description="Workstreams",
            rows=min(6, len(names)), layout=widgets.Layout(width="70%"))
        self.output = widgets.Output()
        self.assessed: pd.DataFrame | None = None
        self.redraws = 0
        self.as_of_control.observe(self.redraw, names="value")
        self.workstream_control.observe(self.redraw, names="value")
        self.view = widgets.VBox([widgets.HBox([self.as_of_control, self.workstream_control]), self.output])
        self.redraw()

    def redraw(self, *_):
        chosen = list(self.workstream_control.value)
        as_of = self.as_of_control.value
        selection = self.activities[self.activities["workstream"].isin(chosen)]
        self.assessed = assess_activities(selection, self.status_log, as_of) if as_of else None
        self.redraws += 1
        with self.output:
            self.output.clear_output(wait=True)
            if self.assessed is None or self.assessed.empty:
                display(HTML("<p>Choose a date and at least one workstream.</p>"))
                return
            summary = summarise_progress(self.assessed, as_of)
            figure = charts.gantt_chart(self.assessed, as_of)
            display(figure)
            plt.close(figure)
            display(HTML(table_html(portfolio_table(self.assessed), f"Portfolio as of {pd.Timestamp(as_of):%d %b %Y}")))
            display(HTML(table_html(activity_table(self.assessed), "Activities")))
            display(HTML(f"<p>{summary.planned_done} of {summary.with_timeline} planned to have ended; "
                         f"{summary.completed} recorded as Completed.</p>"))

    def _ipython_display_(self):
        display(self.view)
