"""The comparison workbook's live view for JupyterLab (ipywidgets): pick 2 to 6 practices and a
pillar; the side-by-side table, the heatmap and the radars are redrawn."""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from ..presentation.html import escape, table_html
from . import charts
from .compare import MAX_CHOSEN, MIN_CHOSEN, chart_matrices, display_name, side_by_side


class PracticeExplorer:
    """Pick the practices to compare (2 to 6) and a pillar; redraws the side-by-side table with its
    evidence, the practices-by-items heatmap and the radar charts."""

    ALL = "(all pillars)"

    def __init__(self, inputs, chosen_ids=(), pillar: str | None = None):
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
        ids = list(self.practice_control.value)
        self.redraws += 1
        with self.output:
            self.output.clear_output(wait=True)
            if not MIN_CHOSEN <= len(ids) <= MAX_CHOSEN:
                self.table = None
                self.message = f"Choose {MIN_CHOSEN} to {MAX_CHOSEN} practices ({len(ids)} chosen)."
                display(HTML(f"<p>{escape(self.message)}</p>"))
                return
            chosen = self.inputs.practices.set_index("practice_id").loc[ids].reset_index()
            self.table = side_by_side(self.inputs.scores, chosen, self.inputs.checklist, self.pillars)
            self.message = f"{len(ids)} practices, {len(self.table)} items"
            display(HTML(f"<p><strong>{escape(self.message)}</strong></p>"))
            matrix, reviewed = chart_matrices(self.inputs.scores, chosen, self.inputs.checklist, self.pillars)
            for figure in (charts.score_heatmap_chart(matrix, reviewed), charts.radar_chart(matrix)):
                display(figure)
                plt.close(figure)
            display(HTML(table_html(self.table, "Side by side, with the evidence")))

    def _ipython_display_(self):
        display(self.view)
