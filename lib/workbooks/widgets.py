"""Live views for JupyterLab (ipywidgets): controls that redraw charts and tables.

Briefs never show these: the runner sets ``live_widgets = False`` and the notebook shows its
static sections instead, so a headless run neither waits on a widget nor embeds one.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from . import charts
from .display import table_html
from .timeline import activity_table, assess_activities, portfolio_table, summarise_progress


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


class ConsultationExplorer:
    """Filters by stakeholder type, code and question; shows the matching comments (escaped, evidence
    highlighted) and redraws the code-frequency chart for them."""

    ALL = "(all)"

    def __init__(self, coded: pd.DataFrame, long: pd.DataFrame, questions: pd.DataFrame, codebook, labels: dict,
                 min_count: int = 1, max_shown: int = 20):
        self.coded, self.long, self.codebook, self.labels = coded, long, codebook, labels
        self.min_count, self.max_shown = min_count, max_shown
        types = [kind for kind in coded["stakeholder_type"].cat.categories if (coded["stakeholder_type"] == kind).any()]
        self.type_control = widgets.SelectMultiple(options=types, value=tuple(types), description="Stakeholders",
                                                   rows=min(6, max(len(types), 1)))
        raised = [code.code for code in codebook.codes if code.code in set(long["code"])]
        self.code_control = widgets.Dropdown(options=[(self.ALL, self.ALL)] + [(labels[c], c) for c in raised],
                                             value=self.ALL, description="Code")
        question_options = [(self.ALL, self.ALL)]
        for _, row in questions.iterrows():
            if row["discussion"] in set(coded["discussion"]):
                text = str(row["text"]).split("\n")[0]
                question_options.append((f"{row['discussion']} #{row['question']}: {text[:60]}",
                                         f"{row['discussion']}#{row['question']}"))
        self.question_control = widgets.Dropdown(options=question_options, value=self.ALL, description="Question",
                                                 layout=widgets.Layout(width="80%"))
        self.output = widgets.Output()
        self.matching: pd.DataFrame = coded.iloc[0:0]
        self.redraws = 0
        for control in (self.type_control, self.code_control, self.question_control):
            control.observe(self.redraw, names="value")
        self.view = widgets.VBox([widgets.HBox([self.type_control, widgets.VBox([self.code_control, self.question_control])]),
                                  self.output])
        self.redraw()

    def select(self) -> pd.DataFrame:
        chosen = self.coded[self.coded["stakeholder_type"].astype(str).isin(self.type_control.value)]
        if self.code_control.value != self.ALL:
            with_code = set(self.long.loc[self.long["code"] == self.code_control.value, "comment_id"])
            chosen = chosen[chosen["comment_id"].isin(with_code)]
        if self.question_control.value != self.ALL:
            discussion, question = self.question_control.value.rsplit("#", 1)
            chosen = chosen[(chosen["discussion"] == discussion) & (chosen["question"].astype(str) == question)]
        return chosen

    def redraw(self, *_):
        from .consultation import code_frequency, who
        from .display import highlighted_html

        self.matching = self.select()
        self.redraws += 1
        long = self.long[self.long["comment_id"].isin(self.matching["comment_id"])]
        with self.output:
            self.output.clear_output(wait=True)
            display(HTML(f"<p><strong>{len(self.matching)}</strong> of {len(self.coded)} comments match.</p>"))
            if self.matching.empty:
                return
            frequency = code_frequency(long, len(self.matching), self.codebook, self.labels, self.min_count)
            figure = charts.code_frequency_chart(frequency, len(self.matching))
            display(figure)
            plt.close(figure)
            code = self.code_control.value
            items = []
            for _, comment in self.matching.head(self.max_shown).iterrows():
                evidence = long[(long["comment_id"] == comment["comment_id"]) & ((long["code"] == code) | (code == self.ALL))]
                words = [word for words in evidence["evidence"] for word in words]
                items.append(f"<li><p><strong>{html_escape(who(comment))}</strong> "
                             f"<small>({html_escape(comment['comment_id'])})</small></p>"
                             f"<blockquote>{highlighted_html(comment['text'], words)}</blockquote></li>")
            display(HTML("<ol class='brief-comments'>" + "".join(items) + "</ol>"))

    def _ipython_display_(self):
        display(self.view)


def html_escape(value) -> str:
    return html.escape(str(value), quote=True)


class PracticeExplorer:
    """Pick the practices to compare (2 to 6) and a pillar; redraws the side-by-side table with its
    evidence, the practices-by-items heatmap and the radar charts."""

    ALL = "(all pillars)"

    def __init__(self, inputs, chosen_ids=(), pillar: str | None = None):
        from .practices import display_name

        self.inputs = inputs
        options = [(f"{display_name(row, 70)} ({row['practice_id']})", row["practice_id"])
                   for _, row in inputs.practices.iterrows()]
        self.practice_control = widgets.SelectMultiple(
            options=options, value=tuple(chosen_ids or inputs.ids), description="Practices", rows=10,
            layout=widgets.Layout(width="75%"))
        pillars = [(self.ALL, self.ALL)] + [(p.label, p.key) for p in inputs.checklist.pillars]
        self.pillar_control = widgets.Dropdown(options=pillars, value=pillar or self.ALL, description="Pillar")
        self.output = widgets.Output()
        self.table: pd.DataFrame | None = None
        self.message = ""
        self.redraws = 0
        self.practice_control.observe(self.redraw, names="value")
        self.pillar_control.observe(self.redraw, names="value")
        self.view = widgets.VBox([widgets.HBox([self.practice_control, self.pillar_control]), self.output])
        self.redraw()

    @property
    def pillars(self) -> list[str]:
        return [] if self.pillar_control.value == self.ALL else [self.pillar_control.value]

    def redraw(self, *_):
        from .practices import MAX_CHOSEN, MIN_CHOSEN, chart_matrices, side_by_side

        ids = list(self.practice_control.value)
        self.redraws += 1
        with self.output:
            self.output.clear_output(wait=True)
            if not MIN_CHOSEN <= len(ids) <= MAX_CHOSEN:
                self.table = None
                self.message = f"Choose {MIN_CHOSEN} to {MAX_CHOSEN} practices ({len(ids)} chosen)."
                display(HTML(f"<p>{html_escape(self.message)}</p>"))
                return
            chosen = self.inputs.practices.set_index("practice_id").loc[ids].reset_index()
            self.table = side_by_side(self.inputs.scores, chosen, self.inputs.checklist, self.pillars)
            self.message = f"{len(ids)} practices, {len(self.table)} items"
            display(HTML(f"<p><strong>{html_escape(self.message)}</strong></p>"))
            matrix, reviewed = chart_matrices(self.inputs.scores, chosen, self.inputs.checklist, self.pillars)
            for figure in (charts.score_heatmap_chart(matrix, reviewed), charts.radar_chart(matrix)):
                display(figure)
                plt.close(figure)
            display(HTML(table_html(self.table, "Side by side, with the evidence")))

    def _ipython_display_(self):
        display(self.view)
