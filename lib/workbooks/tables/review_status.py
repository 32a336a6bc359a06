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
from ..common.wording import as_named, count_of, join_names, plural, verb_for

# how the data record a reviewer that is not a person: an AI assistant, a language model, a coder
_NOT_A_PERSON = re.compile(r"\bAI\b|\bassistant\b|\blanguage model\b|\bLLM\b|\bautomatic\b|\bchatbot\b", re.IGNORECASE)

AUTOMATIC = "automatic, not checked"
BY_AI_ONLY = "checked by an AI assistant, not yet by a person"
CONSISTENCY_NOTE = (
    "The reference coding and the reviews were made by the same AI assistant that wrote the "
    "codebook, so agreement with them measures consistency with that assistant, not accuracy "
    "confirmed by a person."
)


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
    """How far reviewers agree where two or more decided the same things on their own (blind, or first:
    tables/decisions.py)."""

    alpha: float | None  # Krippendorff's alpha; None where every decision compared says the same (undefined)
    compared: int  # things (codes, scores, statuses) two reviewers or more decided on their own
    agreeing: int  # of those, the ones on which their decisions agree
    reviewers: int  # how many reviewers the comparison takes in
    settled: int = 0  # of the things they disagreed on, how many are no longer disputed (settled, or a mind changed)
    settled_by: tuple[str, ...] = ()  # who made the decision that counts on those, as the data names them

    @property
    def disagreed(self) -> int:
        return self.compared - self.agreeing

    def _settlers(self) -> str:
        return join_names([as_named(name) for name in self.settled_by])

    def words(self, noun: str = "decision") -> str:
        """'agreement alpha 0.82 on the 12 codes both checked on their own' (what it was measured on said with
        it); where alpha is undefined (every decision compared the same): 'who agree on all 3 codes both
        checked on their own'; where one thing alone was compared: 'who disagree on the 1 code both checked on their own',
        or once settled 'who disagreed on the 1 code both checked on their own, settled by Ana Lima'.
        ``noun``: what is compared, singular ('code')."""
        which = "both checked on their own" if self.reviewers == 2 else "checked on their own by more than one of them"
        if self.compared == 1:  # alpha on one thing says nothing a reader can use: whether they agree does
            if self.agreeing:
                return f"who agree on the 1 {noun} {which}"
            if self.settled:
                return f"who disagreed on the 1 {noun} {which}, settled by {self._settlers()}"
            return f"who disagree on the 1 {noun} {which}"
        if self.alpha is not None:
            return f"agreement alpha {format_number(self.alpha, 2)} on the {count_of(self.compared, noun)} {which}"
        return f"who agree on all {count_of(self.compared, noun)} {which}"

    def clause(self, noun: str = "decision") -> str:
        """The agreement standing on its own, after words on other results: 'agreement between the 2
        reviewers who checked the same 12 codes on their own: alpha 0.82'; '2 reviewers disagree on the 1 code both
        checked on their own' (or 'disagreed ..., settled by Ana Lima'); '2 reviewers agree on all 3 codes both
        checked on their own'."""
        if self.compared != 1 and self.alpha is not None:
            return (
                f"agreement between the {self.reviewers} reviewers who checked the same "
                f"{count_of(self.compared, noun)} on their own: alpha {format_number(self.alpha, 2)}"
            )
        return f"{self.reviewers} reviewers {self.words(noun).removeprefix('who ')}"

    def sentence(self, noun: str = "decision") -> str:
        """The agreement for an annex: 'On the 12 codes that 2 reviewers checked on their own, they agree on
        10: Krippendorff's alpha 0.82.' (on one thing: 'On the 1 code ..., they disagree.'), and what became
        of the things they disagreed on: ' Of the 2 they disagreed on, 1 was settled, by Ana Lima.'
        ``noun``: what is compared, singular ('code')."""
        alpha = (
            f": Krippendorff's alpha {format_number(self.alpha, 2)}"
            if self.alpha is not None
            else " (every decision compared says the same, so Krippendorff's alpha is not defined)"
        )
        agree = "they agree on every one" if self.agreeing == self.compared else f"they agree on {self.agreeing}"
        if self.compared == 1:  # as in words(): on one thing, whether they agree, never an alpha
            agree, alpha = (
                ("they agree" if self.agreeing else "they disagree" if not self.settled else "they disagreed"),
                "",
            )
        text = (
            f"On the {count_of(self.compared, noun)} that {self.reviewers} reviewers checked on their own, "
            f"{agree}{alpha}."
        )
        if self.settled:
            if self.settled == self.disagreed:
                which = (
                    f"The {noun} they disagreed on was"
                    if self.disagreed == 1
                    else f"All {self.disagreed} {plural(noun)} they disagreed on were"
                )
            else:
                which = (
                    f"Of the {self.disagreed} they disagreed on, {self.settled} {verb_for(self.settled, 'was', 'were')}"
                )
            text += f" {which} settled, by {self._settlers()}."
        return text


# What Krippendorff's alpha means, for a reader who meets it in a brief (said once, after the agreement's sentence)
ALPHA_IN_WORDS = (
    "Krippendorff's alpha is 1 where reviewers agree on every decision and 0 where they agree no more "
    "often than chance would; below 0, less often. On few decisions one of them moves it a lot."
)


def words_by_kind(reviewers_of_each: Iterable[Iterable[str]]) -> str:
    """Who checked several results, given each result's reviewers: where every result was checked by the same
    kind of reviewers, :func:`review_words` of them all ('checked by 2 people'); where kinds differ, each kind
    counted (:func:`status_of`: 'checked by 1 person (2 of 3); checked by an AI assistant, not yet by a person (1 of
    3)'), never one phrase over all, which reads as if each result had every check."""
    each = [tuple(reviewers) for reviewers in reviewers_of_each]
    statuses = [ReviewStatus.of(reviewers) for reviewers in each]
    if len({status.words() for status in statuses}) <= 1:
        return review_words([name for reviewers in each for name in reviewers])
    return status_of(statuses)


def mixed_kinds(reviewers_of_each: Iterable[Iterable[str]]) -> bool:
    """Whether these results were checked by different kinds of reviewers (see :func:`words_by_kind`)."""
    return len({ReviewStatus.of(tuple(reviewers)).words() for reviewers in reviewers_of_each}) > 1


def review_words(reviewers: Iterable[str], agreement: Agreement | None = None, noun: str = "decision") -> str:
    """The review status of results whose reviews name these reviewers (none: automatic), with the
    reviewers' agreement where it was measured, on what (``noun``, singular): 'checked by 2 people,
    agreement alpha 0.82 on the 12 scores both checked on their own'."""
    return with_agreement(ReviewStatus.of(reviewers).words(), agreement, noun)


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


@dataclass(frozen=True)
class Checks:
    """Results checked by the same kind of reviewers ('checked by 2 people'): how many."""

    words: str  # ReviewStatus.words()
    count: int
    several: bool  # each was checked by two reviewers or more: their agreement is about these


def checks_of(statuses: Iterable[ReviewStatus]) -> tuple[list[Checks], int]:
    """Results by who checked them, from each one's status (``ReviewStatus()`` for one not checked): the
    kinds of checks, the most reviewers first (people before AI assistants), and how many results there
    are in all (the checked and the automatic)."""
    found: dict[str, tuple[int, bool, tuple]] = {}
    total = 0
    for status in statuses:
        total += 1
        if status.checked:
            count, several, rank = found.get(status.words(), (0, False, ()))
            found[status.words()] = (
                count + 1,
                several or len(status.people) + len(status.assistants) >= 2,
                rank or (-len(status.people), -len(status.assistants)),
            )
    ordered = sorted(found.items(), key=lambda item: item[1][2])
    return [Checks(words, count, several) for words, (count, several, _) in ordered], total


def agreement_place(checks: list[Checks], agreement: Agreement | None) -> int | None:
    """Which kind of checks the reviewers' agreement is said with: the only one made by two reviewers or
    more; None where it is said apart (several such kinds, or none) or there is none to say."""
    if agreement is None or not agreement.compared:
        return None
    several = [position for position, kind in enumerate(checks) if kind.several]
    return several[0] if len(several) == 1 else None


def status_of(statuses: Iterable[ReviewStatus], agreement: Agreement | None = None, noun: str = "decision") -> str:
    """What several results rest on, from each one's status: 'automatic, not checked' (none checked);
    'checked by 2 people' (every one, by the same kind of reviewers); 'checked by 2 people (2 of 6)';
    checked by different kinds, each: 'checked by 2 people (1 of 6); checked by 1 person (3 of 6)'. The
    reviewers' agreement on these results, where measured, follows the checks it is about: 'checked by 2
    people (2 of 6), agreement alpha 0.82; checked by 1 person (3 of 6)'; where it cannot be placed so
    (several kinds of checks by two reviewers or more, or none), it ends the words as a clause of its
    own ('checked by 1 person (4 of 7); 2 reviewers disagree on the 1 code both checked'), unless none
    of the results was checked. ``noun``: what is compared, singular ('code')."""
    checks, total = checks_of(statuses)
    if not checks:
        return AUTOMATIC
    place = agreement_place(checks, agreement)
    parts = []
    for position, kind in enumerate(checks):
        part = kind.words + (f" ({kind.count} of {total})" if kind.count < total else "")
        parts.append(with_agreement(part, agreement, noun) if position == place else part)
    if place is None and agreement is not None and agreement.compared:
        parts.append(agreement.clause(noun))
    return "; ".join(parts)
