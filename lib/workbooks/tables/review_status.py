"""What a count or a score rests on, in words a reader can trust: who checked it, read from the
reviewer column of the data (data/code_reviews.csv, data/assessments.csv), never the bare word
"reviewed"; where two reviewers or more decided the same things on their own, how far they agree
("checked by 2 people, agreement alpha 0.82": Krippendorff's alpha, computed in
:mod:`workbooks.tables.decisions`).

A reviewer recorded as an AI assistant ("project engineer (AI coding assistant)") is not a person:
until a person's review is recorded, a checked count is "checked by an AI assistant, not yet by a
person". The words are declared here once and every brief, table, CSV column and catalogue line
uses them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..common.numbers import format_number
from ..common.wording import count_of

# how the data record a reviewer that is not a person: an AI assistant, a language model, a coder
_NOT_A_PERSON = re.compile(r"\bAI\b|\bassistant\b|\blanguage model\b|\bLLM\b|\bautomatic\b|\bchatbot\b",
                           re.IGNORECASE)

AUTOMATIC = "automatic, not checked"
BY_AI_ONLY = "checked by an AI assistant, not yet by a person"
CONSISTENCY_NOTE = ("The reference coding and the reviews were made by the same AI assistant that wrote the "
                    "codebook, so agreement with them measures consistency with that assistant, not accuracy "
                    "confirmed by a person.")


def is_person(reviewer: str) -> bool:
    """True unless the reviewer field records an AI assistant (or another automatic reviewer)."""
    return bool(str(reviewer).strip()) and not _NOT_A_PERSON.search(str(reviewer))


@dataclass(frozen=True)
class ReviewStatus:
    """Who checked a set of automatic results: the people and the AI assistants named in the data."""
    people: tuple[str, ...] = ()
    assistants: tuple[str, ...] = ()

    @classmethod
    def of(cls, reviewers: Iterable[str]) -> "ReviewStatus":
        named = list(dict.fromkeys(str(r).strip() for r in reviewers if str(r).strip()))
        return cls(tuple(r for r in named if is_person(r)), tuple(r for r in named if not is_person(r)))

    @property
    def checked(self) -> bool:
        return bool(self.people or self.assistants)

    @property
    def by_a_person(self) -> bool:
        return bool(self.people)

    def words(self) -> str:
        """'automatic, not checked'; 'checked by an AI assistant, not yet by a person'; 'checked by 2
        people'; 'checked by 1 person and an AI assistant'."""
        if self.people:
            people = count_of(len(self.people), "person", "people")
            return f"checked by {people}" + (" and an AI assistant" if self.assistants else "")
        return BY_AI_ONLY if self.assistants else AUTOMATIC


@dataclass(frozen=True)
class Agreement:
    """How far reviewers agree where two or more decided the same things on their own."""
    alpha: float | None  # Krippendorff's alpha; None where every decision compared says the same (undefined)
    compared: int  # things (codes, scores, statuses) two reviewers or more decided on their own
    agreeing: int  # of those, the ones on which their decisions agree
    reviewers: int  # how many reviewers the comparison takes in

    def words(self, noun: str = "decision") -> str:
        """'agreement alpha 0.82'; where alpha is undefined (every decision compared the same): 'who agree
        on all 3 codes both checked'; where one thing alone was compared: 'who disagree on the 1 code both
        checked'. ``noun``: what is compared, singular ('code')."""
        which = "both checked" if self.reviewers == 2 else "checked by more than one of them"
        if self.compared == 1:  # alpha on one thing says nothing a reader can use: whether they agree does
            return f"who {'agree' if self.agreeing else 'disagree'} on the 1 {noun} {which}"
        if self.alpha is not None:
            return f"agreement alpha {format_number(self.alpha, 2)}"
        return f"who agree on all {count_of(self.compared, noun)} {which}"

    def sentence(self, noun: str = "decision") -> str:
        """The agreement for an annex: 'On the 12 codes that 2 reviewers checked on their own, they agree on
        10: Krippendorff's alpha 0.82.' ``noun``: what is compared, singular ('code')."""
        alpha = (f": Krippendorff's alpha {format_number(self.alpha, 2)}" if self.alpha is not None
                 else " (every decision compared says the same, so Krippendorff's alpha is not defined)")
        agree = "they agree on every one" if self.agreeing == self.compared else f"they agree on {self.agreeing}"
        return (f"On the {count_of(self.compared, noun)} that {self.reviewers} reviewers checked on their own, "
                f"{agree}{alpha}.")


def review_words(reviewers: Iterable[str], agreement: Agreement | None = None) -> str:
    """The review status of results whose reviews name these reviewers (none: automatic), with the
    reviewers' agreement where it was measured: 'checked by 2 people, agreement alpha 0.82'."""
    return with_agreement(ReviewStatus.of(reviewers).words(), agreement)


def with_agreement(words: str, agreement: Agreement | None, noun: str = "decision") -> str:
    """Review-status words followed by the reviewers' agreement, where it was measured."""
    return f"{words}, {agreement.words(noun)}" if agreement is not None and agreement.compared else words


def partly(words: str, checked: int, total: int, noun: str = "") -> str:
    """A status for results of which only some were checked: 'checked by an AI assistant, not yet by a
    person (3 of 5)'; all or none checked say so without the counts. With ``noun`` (what is counted,
    plural) the counts say what they count: '3 of the 5 scores checked by an AI assistant, not yet by
    a person; the other 2 automatic, not checked', 'all 5 scores automatic, not checked'."""
    if noun:
        if checked == 0 or checked >= total:
            return f"all {total} {noun} {AUTOMATIC if checked == 0 else words}"
        return f"{checked} of the {total} {noun} {words}; the other {total - checked} {AUTOMATIC}"
    if checked == 0:
        return AUTOMATIC
    return words if checked >= total else f"{words} ({checked} of {total})"
