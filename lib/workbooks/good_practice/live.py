"""The comparison workbook's live view for JupyterLab (ipywidgets): pick 2 to 6 practices and a
pillar; the side-by-side table, the heatmap and the radars are redrawn."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..presentation.html import escape, rendered_figure, table_html
from ..presentation.live import LABEL_STYLE, LiveView, workbook_heading
from . import charts
from .brief import source_links
from .compare import (
    MAX_CHOSEN,
    MIN_CHOSEN,
    chart_matrices,
    display_name,
    select_practices,
    side_by_side,
)
from .inputs import PracticeInputs


class PracticeExplorer(LiveView):
    """Pick the practices to compare (2 to 6) and a pillar; redraws the side-by-side table with its
    evidence, the practices-by-items heatmap and the radar charts. Starts with the inputs' practices
    and, when they name one pillar, that pillar."""

    ALL = "(all pillars)"

    def __init__(self, inputs: PracticeInputs):
        self.inputs = inputs
        options = [(f"{display_name(row, 70)} ({row['practice_id']})", row["practice_id"])
                   for _, row in inputs.practices.iterrows()]
        self.practice_control = widgets.SelectMultiple(
            options=options, value=tuple(inputs.ids), description="Practices", rows=10, style=LABEL_STYLE,
            layout=widgets.Layout(width="75%"))
        pillars = [(self.ALL, self.ALL)] + [(p.label, p.key) for p in inputs.checklist.pillars]
        first = inputs.pillars[0] if len(inputs.pillars) == 1 else self.ALL
        self.pillar_control = widgets.Dropdown(style=LABEL_STYLE, options=pillars, value=first, description="Pillar")
        self.table: pd.DataFrame | None = None
        self.message = ""
        self.start([self.practice_control, self.pillar_control], widgets.HBox([self.practice_control, self.pillar_control]),
                   heading=workbook_heading("good_practice_comparison", source_links(inputs), inputs.illustrative))

    @property
    def pillars(self) -> list[str]:
        return [] if self.pillar_control.value == self.ALL else [self.pillar_control.value]

    def draw(self) -> str:
        ids = list(self.practice_control.value)
        inputs = self.inputs
        if not MIN_CHOSEN <= len(ids) <= MAX_CHOSEN:
            self.table = None
            self.message = f"Choose {MIN_CHOSEN} to {MAX_CHOSEN} practices ({len(ids)} chosen)."
            return f"<p>{escape(self.message)}</p>"
        chosen = select_practices(inputs.practices, ids, {})
        self.table = side_by_side(inputs.scores, chosen, inputs.checklist, self.pillars)
        self.message = f"{len(ids)} practices, {len(self.table)} items"
        matrix, reviewed = chart_matrices(inputs.scores, chosen, inputs.checklist, self.pillars)
        illustrative = inputs.illustrative
        return "".join([
            f"<p><strong>{escape(self.message)}</strong></p>",
            rendered_figure(charts.score_heatmap_chart(matrix, reviewed), illustrative=illustrative),
            rendered_figure(charts.radar_chart(matrix), illustrative=illustrative),
            table_html(self.table, "Side by side, with the evidence", illustrative=illustrative),
        ])
