"""Each practice's checklist scores, to check: one card per practice record (its title, source and the
text the checklist reads, the words that earned a score marked), one thing per checklist item (the
automatic score, the words matched and those the record names as lacking): a click on the automatic
score keeps it, on another changes it. Decisions go to the assessments table (data/assessments.csv,
or the file given)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..good_practice.checklist import Checklist, record_text
from ..good_practice.compare import display_name
from ..good_practice.inputs import load_scored_practices
from ..good_practice.scoring import check_assessments
from ..presentation.html import highlighted_html
from ..presentation.markup import Markup, render
from ..tables.layouts import ASSESSMENTS
from ..tables.vocabularies import ILLUSTRATIVE_SOURCE, SCORE_LABELS, SCORES
from .decision_files import DecisionFile
from .queue import Card, Choice, Queue, Thing, recorded_on, today, unit_key

TEMPLATES = Path(__file__).parent / "templates"


def score_words(score) -> str:
    """'50: partly shown'."""
    return f"{int(score)}: {SCORE_LABELS[int(score)]}"


@dataclass
class ScoreQueue(Queue):
    """Checklist scores to check (see the module's docstring)."""

    files: tuple = ()  # practices_file, the practices to check (ids; empty: all)
    automatic: dict = field(default_factory=dict, repr=False)  # (practice_id, item) -> the automatic pass's row
    bodies: dict = field(default_factory=dict, repr=False)  # practice_id -> its card's body, made once per read
    _practices: pd.DataFrame | None = field(default=None, init=False, repr=False)  # read by reload_inputs
    _checklist: Checklist | None = field(default=None, init=False, repr=False)  # read by reload_inputs

    @property
    def practices(self) -> pd.DataFrame:
        """The practice records to check (read by :meth:`reload_inputs`)."""
        if self._practices is None:
            raise RuntimeError("ScoreQueue's practices are not read yet: make the queue with ScoreQueue.load.")
        return self._practices

    @property
    def checklist(self) -> Checklist:
        """The checklist the records are scored on (read by :meth:`reload_inputs`)."""
        if self._checklist is None:
            raise RuntimeError("ScoreQueue's checklist is not read yet: make the queue with ScoreQueue.load.")
        return self._checklist

    @classmethod
    def load(cls, practices_file, assessments_file, practice_ids=(), root: Path | None = None) -> "ScoreQueue":
        root = root or project_root()
        decisions = DecisionFile.read(resolve(assessments_file, root), ASSESSMENTS, root)
        queue = cls(
            title="Checklist scores",
            noun="score",
            decisions=decisions,
            root=root,
            files=(practices_file, list(practice_ids)),
        )
        queue.reload_inputs()
        return queue

    def reload_inputs(self) -> None:
        practices_file, ids = self.files
        scored = load_scored_practices(practices_file, "", self.root)
        self._checklist = checklist = scored.checklist
        practices = scored.practices
        self._practices = practices[practices["practice_id"].isin(ids)] if ids else practices
        self.automatic = {(row["practice_id"], row["item"]): row for row in scored.scores.to_dict("records")}
        self.bodies = {}
        self.decisions.made_from = scored.practices_data
        check_assessments(
            self.decisions.frame,
            scored.practices["practice_id"],
            checklist,
            self.decisions.path,
            scored.practices_data.path.name,
        )
        self.watch(resolve(practices_file, self.root), checklist.path)

    def make_cards(self, history: pd.DataFrame, reviewer: str, blind: bool) -> list[Card]:
        recorded = recorded_on(history, ASSESSMENTS, lambda row: score_words(row["score"]))
        cards = []
        for position, record in enumerate(self.practices.to_dict("records"), start=1):
            practice_id = record["practice_id"]
            things, words = [], []
            for item in self.checklist.items:
                score = self.automatic[(practice_id, item.key)]
                words += [word for word in str(score["evidence"]).split("; ") if word]
                evidence = str(score["evidence"]) + (
                    f"; named as lacking: {score['lacking']}" if score["lacking"] else ""
                )
                things.append(
                    Thing(
                        unit=(practice_id, item.key),
                        label=item.label,
                        automatic=f"automatic score {score_words(score['automatic_score'])}",
                        evidence=evidence,
                        choices=tuple(
                            Choice(str(value), str(value), keeps=value == int(score["automatic_score"]))
                            for value in SCORES
                        ),
                        recorded=tuple(recorded.get(unit_key((practice_id, item.key)), [])),
                    )
                )
            if practice_id not in self.bodies:
                self.bodies[practice_id] = render(
                    "practice.html.j2",
                    TEMPLATES,
                    source_db=record["source_db"],
                    countries=record["countries"],
                    summary_basis=record["summary_basis"],
                    url=str(record["url"]),
                    text=Markup(highlighted_html(record_text(record, self.checklist), words)),
                )
            cards.append(
                Card(
                    practice_id,
                    f"Practice {position} of {len(self.practices)}: {display_name(record)}",
                    self.bodies[practice_id],
                    tuple(things),
                )
            )
        return cards

    def row(self, thing: Thing, choice: Choice, reviewer: str, note: str, mode: str, **extra) -> dict:
        practice_id, item = thing.unit
        return {
            "practice_id": practice_id,
            "item": item,
            "score": choice.value,
            "reviewer": reviewer,
            "date": today(),
            "rationale": note,
            "source": ILLUSTRATIVE_SOURCE if self.decisions.illustrative else "record",
            "mode": mode,
        }  # what the reviewer read: the record (an invented one, for invented scores)
