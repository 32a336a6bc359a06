"""Load and cross-check what the consultation workbook needs: comments, questions, the codebook,
organisations, reference tables, workplan priorities and the hand-coded sample."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..errors import ParameterError
from ..presentation.html import INFO, Caveat, illustrative_caveats
from ..tables.datasets import Dataset, load_dataset
from .analysis import check_codes, code_frequency, code_labels, long_codes, select_discussions
from .codebook import Codebook, load_codebook
from .coding import code_comments
from .stakeholders import registry_from_frame, with_stakeholders
from .validation import ValidationResult, validate_coder


@dataclass(frozen=True)
class ConsultationInputs:
    comments_data: Dataset
    questions_data: Dataset
    organisations_data: Dataset
    objectives_data: Dataset
    principles_data: Dataset
    priorities_data: Dataset
    hand_coded_data: Dataset
    sample_comments_data: Dataset  # the comments the hand-coded sample was drawn from
    codebook: Codebook
    labels: dict
    coded: pd.DataFrame  # the chosen discussions' comments, coded, with stakeholder types
    long: pd.DataFrame  # one row per (comment, code)
    focus: list  # codes in focus (parameter codes_in_focus, checked against the codebook)
    min_count: int  # codes raised by fewer comments are left out of the frequency table

    @property
    def datasets(self) -> list[Dataset]:
        """Every file the brief reads, the sample's comments among them when they are another file."""
        read = [self.comments_data, self.questions_data, self.organisations_data, self.objectives_data,
                self.principles_data, self.priorities_data, self.hand_coded_data]
        return read + ([self.sample_comments_data] if self.sample_comments_data is not self.comments_data else [])

    @property
    def questions(self) -> pd.DataFrame:
        return self.questions_data.frame

    @property
    def objectives(self) -> pd.DataFrame:
        return self.objectives_data.frame

    @property
    def priorities(self) -> pd.DataFrame:
        return self.priorities_data.frame

    @cached_property
    def frequency(self) -> pd.DataFrame:
        """Comments per code, most frequent first: the codes in focus (all when none), raised by at least min_count."""
        return code_frequency(self.long, len(self.coded), self.codebook, self.labels, self.min_count, self.focus)

    @property
    def shown_codes(self) -> list[str]:
        """Codes in focus, or else the codes in the frequency table (already cut at the minimum count)."""
        return self.focus or list(self.frequency["code"])

    def headline(self) -> str:
        comments = self.coded
        discussions = comments["discussion"].nunique()
        questions = comments[["discussion", "question"]].drop_duplicates().dropna().shape[0]
        return (f"{len(comments)} comments in {discussions} discussion(s), answering {questions} question(s); "
                f"{(comments['organisation_canonical'] != '').sum()} name the organisation they speak for.")

    def caveats(self) -> list[Caveat]:
        """Notes a reader must see before any number: invented comments, and comments the page cut off."""
        notes = illustrative_caveats([self.comments_data], "{files} is invented for demonstration. Its comments "
                                     "were not posted by anyone.")
        cut = int(self.coded["truncated"].sum())
        if cut:
            notes.append(Caveat(f"{cut} of {len(self.coded)} comments were cut off by the page (a teaser ending in "
                                "'...' or 'read more', or a stored copy that stops): codes and quotes see only the "
                                "text shown.", INFO))
        return notes

    def validation(self, resamples: int = 2000) -> ValidationResult:
        """The coder scored against the hand-coded sample (always on all of data/comments.csv's sample)."""
        every = code_comments(self.sample_comments_data.frame, self.codebook)
        return validate_coder(every, self.hand_coded_data.frame, self.codebook, resamples=resamples)


def load_consultation_inputs(comments_file, questions_file, discussions, codes_in_focus, min_count: int = 1,
                             root: Path | None = None, hand_coded_file: str = "data/hand_coded_sample.csv",
                             hand_coded_comments_file: str = "data/comments.csv") -> ConsultationInputs:
    root = root or project_root()
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(None, "min_count", f"expected a whole number of at least 1, got {min_count!r}")
    comments = load_dataset(comments_file, root, layout="comments")
    questions = load_dataset(questions_file, root, layout="questions")
    organisations = load_dataset("data/organisations.csv", root)
    objectives = load_dataset("data/gcm_objectives.csv", root)
    principles = load_dataset("data/guiding_principles.csv", root)
    priorities = load_dataset("data/workplan_priorities.csv", root)
    hand_coded = load_dataset(hand_coded_file, root)
    codebook = load_codebook(root=root)
    registry = registry_from_frame(organisations.frame, organisations.path)
    labels = code_labels(codebook, objectives.frame, principles.frame)
    focus = check_codes(list(codes_in_focus), codebook)
    chosen = select_discussions(comments.frame, list(discussions))
    coded = with_stakeholders(code_comments(chosen, codebook), registry)
    same_file = resolve(comments_file, root) == resolve(hand_coded_comments_file, root)
    sample_comments = comments if same_file else load_dataset(hand_coded_comments_file, root)
    return ConsultationInputs(
        comments_data=comments, questions_data=questions, organisations_data=organisations,
        objectives_data=objectives, principles_data=principles, priorities_data=priorities,
        hand_coded_data=hand_coded, sample_comments_data=sample_comments, codebook=codebook,
        labels=labels, coded=coded.reset_index(drop=True), long=long_codes(coded, codebook, labels), focus=focus,
        min_count=min_count,
    )
