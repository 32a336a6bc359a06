"""The consultation workbook's live view for JupyterLab (ipywidgets): filters by stakeholder type,
code and question showing the matching comments and redrawing the code-frequency chart."""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from ..presentation.html import escape, highlighted_html
from . import charts
from .analysis import code_frequency, who


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
                items.append(f"<li><p><strong>{escape(who(comment))}</strong> "
                             f"<small>({escape(comment['comment_id'])})</small></p>"
                             f"<blockquote>{highlighted_html(comment['text'], words)}</blockquote></li>")
            display(HTML("<ol class='brief-comments'>" + "".join(items) + "</ol>"))

    def _ipython_display_(self):
        display(self.view)
