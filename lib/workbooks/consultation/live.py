"""The consultation workbook's live view for JupyterLab (ipywidgets): filters by stakeholder type,
code and question showing the matching comments and redrawing the code-frequency chart."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..common.text import shorten
from ..presentation.html import highlighted_html, image_html
from ..presentation.live import LABEL_STYLE, CheckboxGroup, LiveView, workbook_heading
from ..presentation.markup import Markup, render
from . import charts
from .analysis import code_frequency, codes_of, comment_places, select_comments, who
from .brief import source_links
from .focus import TEMPLATES
from .inputs import ConsultationInputs


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
        self.code_control = widgets.Dropdown(
            options=[(self.ALL, self.ALL)] + [(inputs.labels[c], c) for c in raised],
            value=self.ALL,
            description="Code",
            style=LABEL_STYLE,
        )
        self.question_control = widgets.Dropdown(
            options=[(self.ALL, self.ALL)] + self.question_options(),
            value=self.ALL,
            description="Question",
            style=LABEL_STYLE,
        )
        self.matching: pd.DataFrame = coded.iloc[0:0]
        self.frequency: pd.DataFrame | None = None  # the counts the chart last drew (None before any comment matched)
        self._places = dict(zip(coded["comment_id"], comment_places(coded, inputs.titles, inputs.questions)))
        self.start(
            [self.type_control, self.code_control, self.question_control],
            widgets.VBox([self.type_control, self.code_control, self.question_control]),
            heading=workbook_heading("consultation_inputs", source_links(inputs), inputs.illustrative),
            address={"stakeholders": self.type_control, "code": self.code_control, "question": self.question_control},
        )

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
                where = (
                    f" ({shorten(titles.get(row['discussion'], row['discussion']), 40)})"
                    if len(discussions) > 1
                    else ""
                )
                text = shorten(str(row["text"]).split("\n")[0], self.QUESTION_WORDS)
                options.append((f"Q{row['question']}{where}: {text}", f"{row['discussion']}#{row['question']}"))
        return options

    def busy_words(self) -> str:
        return "Finding the comments…"

    def question(self) -> tuple[str, int] | None:
        """The question chosen, as (discussion, position); None for any."""
        if self.question_control.value == self.ALL:
            return None
        discussion, position = self.question_control.value.rsplit("#", 1)
        return discussion, int(position)

    def select(self) -> pd.DataFrame:
        """The comments the controls choose: :func:`select_comments`, the analysis' one selection."""
        code = None if self.code_control.value == self.ALL else self.code_control.value
        return select_comments(self.inputs.coded, self.inputs.long, self.type_control.value, code, self.question())

    def draw(self) -> str:
        """The comments chosen and the chart of the codes they raise, counted as the brief counts them
        (:func:`code_frequency` of their codes); the chart shows no basis, so none is worked out."""
        inputs = self.inputs
        self.matching = self.select()
        chart, comments = "", []
        if not self.matching.empty:
            long = codes_of(inputs.long, self.matching)
            self.frequency = code_frequency(long, len(self.matching), inputs.codebook, inputs.labels, inputs.min_count)
            chart = Markup(
                image_html(
                    *charts.screen_code_frequency_chart(self.frequency, len(self.matching), inputs.illustrative),
                    illustrative=inputs.illustrative,
                )
            )
            shown = self.matching.head(self.max_shown)
            code = self.code_control.value
            marked = long[long["comment_id"].isin(shown["comment_id"])]
            if code != self.ALL:
                marked = marked[marked["code"] == code]
            evidence: dict[str, list] = {}
            for comment_id, words in zip(marked["comment_id"], marked["evidence"]):
                evidence.setdefault(comment_id, []).extend(words)
            for _, comment in shown.iterrows():
                comments.append(
                    {
                        "who": who(comment),
                        "place": self._places[comment["comment_id"]],
                        "text": Markup(highlighted_html(comment["text"], evidence.get(comment["comment_id"], []))),
                    }
                )
        return render(
            "live.html.j2",
            TEMPLATES,
            matching=len(self.matching),
            total=len(inputs.coded),
            chart=chart,
            comments=comments,
            choice=self.choice_words(),
            none_ticked=not self.type_control.value,
        )

    def place(self, comment_id: str) -> str:
        """Where a comment is, for people ("Q2, comment 1")."""
        return self._places[comment_id]

    def choice_words(self) -> str:
        """The code and question chosen, whole (a dropdown may cut its label): "raising Obj. 2 ...; answering Q2: ..."."""
        parts = []
        if self.code_control.value != self.ALL:
            parts.append(f"raising {self.inputs.labels[self.code_control.value]}")
        chosen = self.question()
        if chosen is not None:
            discussion, position = chosen
            rows = self.inputs.questions
            text = rows[(rows["discussion"] == discussion) & (rows["question"].astype(str) == str(position))]["text"]
            parts.append(f"answering Q{position}" + (f": {str(text.iloc[0]).splitlines()[0]}" if len(text) else ""))
        return "; ".join(parts)
