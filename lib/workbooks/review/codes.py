"""The codes of each comment, to check: one card per comment (who posted it, where, its text with the
words that gave each code marked), one thing per code the automatic coder gives (keep or reject) and
per code a review added; a code the coder missed is added from the codebook. Decisions go to the
code_reviews table (data/code_reviews.csv, or the file given)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..common.wording import count_of
from ..consultation.analysis import comment_places, who
from ..consultation.coding import coded_passages
from ..consultation.inputs import ConsultationInputs, load_consultation_inputs
from ..consultation.quotes import WORDING_LABELS, wording_of
from ..consultation.reviews import check_code_reviews
from ..errors import ReviewError
from ..presentation.html import marked_html
from ..presentation.markup import Markup, render
from ..tables.layouts import CODE_REVIEWS
from ..tables.vocabularies import ADDED, BLIND, KEPT, OPEN, REJECTED
from .decision_files import DecisionFile
from .queue import Card, Choice, Queue, Thing, checked_name, recorded_on, today, unit_key

TEMPLATES = Path(__file__).parent / "templates"
GIVEN = "given by the automatic coder"
NOT_GIVEN = "not given by the automatic coder (a review added or rejected it)"
DECISION_WORDS = {KEPT: "kept", REJECTED: "rejected", ADDED: "added"}


@dataclass
class CodeQueue(Queue):
    """Codes of comments to check (see the module's docstring)."""

    files: tuple = ()  # comments_file, questions_file, discussions
    bodies: dict = field(default_factory=dict, repr=False)  # comment_id -> its card's body, made once per read
    _inputs: ConsultationInputs | None = field(default=None, init=False, repr=False)  # read by reload_inputs

    @property
    def inputs(self) -> ConsultationInputs:
        """The comments, questions and codebook the cards are made from (read by :meth:`reload_inputs`)."""
        if self._inputs is None:
            raise RuntimeError("CodeQueue's inputs are not read yet: make the queue with CodeQueue.load.")
        return self._inputs

    @classmethod
    def load(
        cls, comments_file, questions_file, discussions, code_reviews_file, root: Path | None = None
    ) -> "CodeQueue":
        root = root or project_root()
        decisions = DecisionFile.read(resolve(code_reviews_file, root), CODE_REVIEWS, root)
        queue = cls(
            title="Codes of comments",
            noun="code",
            decisions=decisions,
            root=root,
            files=(comments_file, questions_file, list(discussions)),
        )
        queue.reload_inputs()
        return queue

    def reload_inputs(self) -> None:
        comments_file, questions_file, discussions = self.files
        inputs = load_consultation_inputs(
            comments_file, questions_file, discussions, [], root=self.root, code_reviews_file=""
        )
        assert inputs is not None  # None only with check_only, not asked for here
        self._inputs = inputs
        self.bodies = {}
        self.decisions.made_from = inputs.comments_data
        self._check_references()
        self.watch(resolve(comments_file, self.root), resolve(questions_file, self.root), inputs.codebook.path)

    def _check_references(self) -> None:
        comments = self.inputs.comments_data.frame[["comment_id", "source"]]
        check_code_reviews(
            self.decisions.frame,
            comments,
            self.inputs.codebook,
            self.decisions.path,
            self.inputs.comments_data.path.name,
        )

    @property
    def code_choices(self) -> list[tuple[str, str]]:
        """(label, code) of every code of the codebook, for adding one the coder missed."""
        return [(self.inputs.labels[code.code], code.code) for code in self.inputs.codebook.codes]

    def make_cards(self, history: pd.DataFrame, reviewer: str, blind: bool) -> list[Card]:
        inputs = self.inputs
        coded = inputs.coded
        places = comment_places(coded, inputs.titles, inputs.questions)
        automatic: dict[str, list[str]] = {}
        for comment_id, code in zip(inputs.automatic_long["comment_id"], inputs.automatic_long["code"]):
            automatic.setdefault(comment_id, []).append(code)
        recorded = recorded_on(history, CODE_REVIEWS, lambda row: DECISION_WORDS[row["decision"]])
        by_id = inputs.codebook.by_id
        evidence = {
            (c, k): words
            for c, k, words in zip(
                inputs.automatic_long["comment_id"], inputs.automatic_long["code"], inputs.automatic_long["evidence"]
            )
        }
        cards = []
        for position, ((_, comment), place) in enumerate(zip(coded.iterrows(), places), start=1):
            comment_id, text = comment["comment_id"], str(comment["text"])
            given = automatic.get(comment_id, [])
            added = [code for (c, code) in recorded if c == comment_id and code not in given]
            things = []
            for code in given + added:
                mine = recorded.get(unit_key((comment_id, code)), [])
                auto = code in given
                things.append(
                    Thing(
                        unit=(comment_id, code),
                        label=inputs.labels[code],
                        automatic=GIVEN if auto else NOT_GIVEN,
                        evidence="; ".join(evidence.get((comment_id, code), [])),
                        choices=(Choice("Keep", KEPT if auto else ADDED, keeps=True), Choice("Reject", REJECTED)),
                        recorded=tuple(mine),
                        counted=auto,
                    )
                )
            if comment_id not in self.bodies:
                spans = [span for code in given for span in coded_passages(text, by_id[code])]
                self.bodies[comment_id] = render(
                    "comment.html.j2",
                    TEMPLATES,
                    who=who(comment),
                    place=place,
                    wording=WORDING_LABELS[wording_of(comment["source"], inputs.sources)],
                    text=Markup(marked_html(text, spans)),
                )
            heading = f"Comment {position} of {len(coded)} ({comment_id}): {count_of(len(given), 'automatic code')}"
            cards.append(Card(comment_id, heading, self.bodies[comment_id], tuple(things)))
        return cards

    def row(self, thing: Thing, choice: Choice, reviewer: str, note: str, mode: str, **extra) -> dict:
        comment_id, code = thing.unit
        source = self.inputs.comments_data.frame.set_index("comment_id").at[comment_id, "source"]
        return {
            "comment_id": comment_id,
            "code": code,
            "decision": choice.value,
            "reviewer": reviewer,
            "date": today(),
            "note": note,
            "source": source,
            "mode": mode,
        }

    def add_code(self, comment_id: str, code: str, reviewer: str, note: str = "", blind: bool = False) -> dict:
        """Add a code the coder missed (or confirm one it gives) on a comment of the queue."""
        reviewer = checked_name(reviewer)
        self._check_files(reviewer, blind)
        card = next((card for card in self.cards if card.key == comment_id), None)
        if card is None:
            raise ReviewError(
                f"{comment_id} is no longer among the comments of the files given (its file changed, or "
                "it was removed). Nothing was recorded."
            )
        if code not in self.inputs.codebook.by_id:
            raise ReviewError(f"{code!r} is not a code of {self.inputs.codebook.path.name}. Nothing was recorded.")
        given = any(thing.unit == (comment_id, code) and thing.counted for thing in card.things)
        thing = Thing((comment_id, code), self.inputs.labels[code], "", "", (Choice("Add", KEPT if given else ADDED),))
        row = self.row(thing, thing.choices[0], reviewer, " ".join(str(note or "").split()), BLIND if blind else OPEN)
        self.decisions.append([row])
        self.refresh(reviewer, blind)
        return row
