"""The consultation workbook's live view for JupyterLab (ipywidgets): filters by stakeholder type,
code and question showing the matching comments and redrawing the code-frequency chart."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..common.text import shorten
from ..presentation.html import highlighted_html, rendered_figure
from ..presentation.style import SCREEN_DPI
from ..presentation.markup import Markup, render
from ..presentation.live import LABEL_STYLE, CheckboxGroup, Kept, LiveView, workbook_heading
from . import charts
from .analysis import comment_places, frequency_of_counts, select_comments, who
from .brief import source_links
from .focus import TEMPLATES
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
        self.type_control = CheckboxGroup(types, value=tuple(types), description="Stakeholders")
        raised = [code.code for code in inputs.codebook.codes if code.code in set(long["code"])]
        self.code_control = widgets.Dropdown(options=[(self.ALL, self.ALL)] + [(inputs.labels[c], c) for c in raised],
                                             value=self.ALL, description="Code", style=LABEL_STYLE)
        self.question_control = widgets.Dropdown(options=[(self.ALL, self.ALL)] + self.question_options(),
                                                 value=self.ALL, description="Question", style=LABEL_STYLE)
        self.matching: pd.DataFrame = coded.iloc[0:0]
        self._precompute()
        self.start([self.type_control, self.code_control, self.question_control],
                   widgets.VBox([self.type_control, self.code_control, self.question_control]),
                   heading=workbook_heading("consultation_inputs", source_links(inputs), inputs.illustrative),
                   address={"stakeholders": self.type_control, "code": self.code_control,
                            "question": self.question_control})

    QUESTION_WORDS = 60  # characters of a question's text in its option; the redrawn area says it whole

    def question_options(self) -> list[tuple[str, str]]:
        """Each question the chosen comments answer, for people: "Q2: What other priority…", with its
        discussion's title where the comments come from more than one."""
        inputs = self.inputs
        discussions = list(dict.fromkeys(inputs.coded["discussion"]))
        titles = inputs.titles
        options = []
        for _, row in inputs.questions.iterrows():
            if row["discussion"] in discussions:
                where = f" ({shorten(titles.get(row['discussion'], row['discussion']), 40)})" if len(discussions) > 1 else ""
                text = shorten(str(row["text"]).split("\n")[0], self.QUESTION_WORDS)
                options.append((f"Q{row['question']}{where}: {text}", f"{row['discussion']}#{row['question']}"))
        return options

    def busy_words(self) -> str:
        return "Finding the comments…"

    def _precompute(self) -> None:
        """Once, the arrays a redraw filters and counts: each comment's type, discussion and question;
        each counted (comment, code) pair by comment position and code position; each comment's evidence. A redraw then only masks and counts."""
        inputs = self.inputs
        coded = inputs.coded
        self._codes = inputs.codebook.code_ids
        code_position = {code: position for position, code in enumerate(self._codes)}
        comment_position = {comment_id: position for position, comment_id in enumerate(coded["comment_id"])}
        self._types = coded["stakeholder_type"].astype(str).to_numpy()
        self._discussions = coded["discussion"].to_numpy()
        self._questions = coded["question"]

        def pairs(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
            unique = frame.drop_duplicates(["comment_id", "code"])
            return (unique["comment_id"].map(comment_position).to_numpy(dtype=np.int64),
                    unique["code"].map(code_position).to_numpy(dtype=np.int64))

        self._long = inputs.long.drop_duplicates(["comment_id", "code"]).reset_index(drop=True)
        self._long_comment, self._long_code = pairs(self._long)
        self._places = dict(zip(coded["comment_id"], comment_places(coded, inputs.titles, inputs.questions)))
        self._charts = Kept(self.CHARTS_KEPT)
        self._evidence: dict[str, list[tuple[str, list]]] = {}
        for comment_id, code, words in zip(inputs.long["comment_id"], inputs.long["code"], inputs.long["evidence"]):
            self._evidence.setdefault(comment_id, []).append((code, words))

    def _mask(self) -> np.ndarray:
        """Which comments (positions in ``inputs.coded``) the controls choose: :func:`select_comments`'s choice."""
        mask = np.isin(self._types, list(self.type_control.value))
        if self.code_control.value != self.ALL:
            raising = np.zeros(len(mask), dtype=bool)
            raising[self._long_comment[self._long_code == self._codes.index(self.code_control.value)]] = True
            mask &= raising
        if self.question_control.value != self.ALL:
            discussion, position = self.question_control.value.rsplit("#", 1)
            mask &= (self._discussions == discussion) & self._questions.eq(int(position)).fillna(False).astype(bool).to_numpy()
        return mask

    def select(self) -> pd.DataFrame:
        """The comments the controls choose, through the analysis' selector (the reference :meth:`draw` matches)."""
        code = None if self.code_control.value == self.ALL else self.code_control.value
        question = None
        if self.question_control.value != self.ALL:
            discussion, position = self.question_control.value.rsplit("#", 1)
            question = (discussion, int(position))
        return select_comments(self.inputs.coded, self.inputs.long, self.type_control.value, code, question)

    def frequency(self, mask: np.ndarray) -> pd.DataFrame:
        """:func:`code_frequency` of the chosen comments (with :func:`code_basis` of their counted codes),
        from the precomputed pairs: counts by code of the pairs whose comment is chosen."""
        size = len(self._codes)
        chosen = mask[self._long_comment]
        counts = np.bincount(self._long_code[chosen], minlength=size)
        basis = code_basis(self._long[chosen])
        raised = np.flatnonzero(counts)
        by_code = pd.Series(counts[raised], index=pd.Index([self._codes[p] for p in raised], name="code"))
        return frequency_of_counts(by_code, int(mask.sum()), self.inputs.codebook, self.inputs.labels,
                                   self.inputs.min_count, basis=basis)

    CHARTS_KEPT = 64  # rendered charts kept: going back to a filter shown before redraws no chart

    def _chart(self, frequency: pd.DataFrame, n_comments: int) -> str:
        """The code-frequency chart as HTML, rendered once for each distinct set of counts."""
        key = (n_comments, tuple(map(tuple, frequency.astype(str).to_numpy())))
        return self._charts.get(key, lambda: rendered_figure(charts.code_frequency_chart(frequency, n_comments, screen=True),
                                                             illustrative=self.inputs.illustrative, screen_dpi=SCREEN_DPI))

    def draw(self) -> str:
        inputs = self.inputs
        mask = self._mask()
        self.matching = inputs.coded[mask]
        chart, comments = "", []
        if not self.matching.empty:
            chart = Markup(self._chart(self.frequency(mask), len(self.matching)))
            code = self.code_control.value
            for _, comment in self.matching.head(self.max_shown).iterrows():
                words = [word for each, evidence in self._evidence.get(comment["comment_id"], [])
                         if code == self.ALL or each == code for word in evidence]
                comments.append({"who": who(comment), "place": self._places[comment["comment_id"]],
                                 "text": Markup(highlighted_html(comment["text"], words))})
        return render("live.html.j2", TEMPLATES, matching=len(self.matching), total=len(inputs.coded), chart=chart,
                      comments=comments, choice=self.choice_words(), none_ticked=not self.type_control.value)

    def place(self, comment_id: str) -> str:
        """Where a comment is, for people ("Q2, comment 1")."""
        return self._places[comment_id]

    def choice_words(self) -> str:
        """The code and question chosen, whole (a dropdown may cut its label): "raising Obj. 2 ...; answering Q2: ..."."""
        parts = []
        if self.code_control.value != self.ALL:
            parts.append(f"raising {self.inputs.labels[self.code_control.value]}")
        if self.question_control.value != self.ALL:
            discussion, position = self.question_control.value.rsplit("#", 1)
            rows = self.inputs.questions
            text = rows[(rows["discussion"] == discussion) & (rows["question"].astype(str) == position)]["text"]
            parts.append(f"answering Q{position}" + (f": {str(text.iloc[0]).splitlines()[0]}" if len(text) else ""))
        return "; ".join(parts)
