"""The consultation workbook's live view for JupyterLab (ipywidgets): filters by stakeholder type,
code and question showing the matching comments and redrawing the code-frequency chart."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..common.text import shorten
from ..presentation.html import escape, highlighted_html, rendered_figure
from ..presentation.live import LABEL_STYLE, LiveView, workbook_heading
from . import charts
from .analysis import code_frequency, select_comments, who
from .brief import source_links
from .inputs import ConsultationInputs
from .reviews import code_basis


class ConsultationExplorer(LiveView):
    """Filters by stakeholder type, code and question; shows the matching comments (escaped, evidence
    highlighted) and redraws the code-frequency chart for them."""

    ALL = "(all)"

    def __init__(self, inputs: ConsultationInputs, max_shown: int = 20):
        self.inputs, self.max_shown = inputs, max_shown
        coded, long = inputs.coded, inputs.long
        types = [kind for kind in coded["stakeholder_type"].cat.categories if (coded["stakeholder_type"] == kind).any()]
        self.type_control = widgets.SelectMultiple(options=types, value=tuple(types), description="Stakeholders",
                                                   rows=min(6, max(len(types), 1)), style=LABEL_STYLE)
        raised = [code.code for code in inputs.codebook.codes if code.code in set(long["code"])]
        self.code_control = widgets.Dropdown(options=[(self.ALL, self.ALL)] + [(inputs.labels[c], c) for c in raised],
                                             value=self.ALL, description="Code", style=LABEL_STYLE)
        question_options = [(self.ALL, self.ALL)]
        for _, row in inputs.questions.iterrows():
            if row["discussion"] in set(coded["discussion"]):
                text = shorten(str(row["text"]).split("\n")[0], 60)
                question_options.append((f"{row['discussion']} #{row['question']}: {text}",
                                         f"{row['discussion']}#{row['question']}"))
        self.question_control = widgets.Dropdown(options=question_options, value=self.ALL, description="Question",
                                                 layout=widgets.Layout(width="80%"), style=LABEL_STYLE)
        self.matching: pd.DataFrame = coded.iloc[0:0]
        self.start([self.type_control, self.code_control, self.question_control],
                   widgets.HBox([self.type_control, widgets.VBox([self.code_control, self.question_control])]),
                   heading=workbook_heading("consultation_inputs", source_links(inputs), inputs.illustrative))

    def select(self) -> pd.DataFrame:
        """The comments the controls choose, through the analysis' selector."""
        code = None if self.code_control.value == self.ALL else self.code_control.value
        question = None
        if self.question_control.value != self.ALL:
            discussion, position = self.question_control.value.rsplit("#", 1)
            question = (discussion, int(position))
        return select_comments(self.inputs.coded, self.inputs.long, self.type_control.value, code, question)

    def draw(self) -> str:
        inputs = self.inputs
        self.matching = self.select()
        long = inputs.long[inputs.long["comment_id"].isin(self.matching["comment_id"])]
        parts = [f"<p><strong>{len(self.matching)}</strong> of {len(inputs.coded)} comments match.</p>"]
        if self.matching.empty:
            return "".join(parts)
        chosen = self.matching["comment_id"]
        basis = code_basis(inputs.automatic_long[inputs.automatic_long["comment_id"].isin(chosen)],
                           inputs.reviews[inputs.reviews["comment_id"].isin(chosen)])
        frequency = code_frequency(long, len(self.matching), inputs.codebook, inputs.labels, inputs.min_count,
                                   basis=basis)
        parts.append(rendered_figure(charts.code_frequency_chart(frequency, len(self.matching)),
                                     illustrative=inputs.illustrative))
        code = self.code_control.value
        items = []
        for _, comment in self.matching.head(self.max_shown).iterrows():
            evidence = long[(long["comment_id"] == comment["comment_id"]) & ((long["code"] == code) | (code == self.ALL))]
            words = [word for words in evidence["evidence"] for word in words]
            items.append(f"<li><p><strong>{escape(who(comment))}</strong> "
                         f"<small>({escape(comment['comment_id'])})</small></p>"
                         f"<blockquote>{highlighted_html(comment['text'], words)}</blockquote></li>")
        parts.append("<ol class='brief-comments'>" + "".join(items) + "</ol>")
        return "".join(parts)
