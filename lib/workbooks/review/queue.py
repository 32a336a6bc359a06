"""The queue a reviewer works through, whatever is checked: cards (a comment, a practice, an activity),
each holding the things to decide (a code, a score, a status), what the automatic step decided, and
the decisions recorded so far; how many of them a reviewer has checked; and the disagreements
between reviewers, each settled by a decision recorded as settling.

Each kind of queue (codes.py, scores.py, statuses.py) says what its cards hold and how a choice
becomes a row of its table of decisions; recording, the reviewer's name, blind mode, progress and
settling are here, once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ..common.wording import count_of, verb_for
from ..errors import ReviewError
from ..tables.decisions import agreement, disagreements, history_of, in_order
from ..tables.layouts import TableLayout
from ..tables.review_status import Agreement, is_person
from ..tables.validate import as_text
from ..tables.vocabularies import BLIND, OPEN, SETTLING
from .decision_files import DecisionFile, fingerprint


def checked_name(reviewer: str) -> str:
    """The reviewer's name as the data will record it; a blank name is refused (every decision names who
    made it)."""
    name = " ".join(str(reviewer or "").split())
    if not name:
        raise ReviewError(
            "Give your name before deciding: every decision records who made it (a person's name, "
            "or an AI assistant named as one). Nothing was recorded."
        )
    return name


def reviewer_kind(reviewer: str) -> str:
    """'a person' or 'an AI assistant', as the briefs will count this reviewer."""
    return "a person" if is_person(reviewer) else "an AI assistant (not a person)"


@dataclass(frozen=True)
class Choice:
    """A button of a thing to decide: its words, and what it records."""

    words: str  # on the button: "Keep", "Reject", "50", "Completed"
    value: str  # the value recorded in the compared column: "kept", "50", "Completed"
    keeps: bool = False  # the automatic step's own decision (a click confirms it)


@dataclass(frozen=True)
class Recorded:
    """One decision recorded on a thing, as a card shows it."""

    reviewer: str
    value: str
    date: str
    mode: str
    note: str


@dataclass(frozen=True)
class Thing:
    """One thing to decide: a code of a comment, a score of a practice, the status of an activity."""

    unit: (
        tuple  # the layout's decision unit (comment_id, code) / (practice_id, item) / (workstream, activity_id, as_of)
    )
    label: str  # what it is, for people
    automatic: str  # what the automatic step decided, for people ("given by the coder", "50: partly shown")
    evidence: str  # the words that decided it ('' where none)
    choices: tuple[Choice, ...]
    recorded: tuple[Recorded, ...] = ()  # every decision on it, oldest first
    counted: bool = True  # part of the progress count (an automatic decision to check)


@dataclass(frozen=True)
class Card:
    """One entry of the queue: its heading, its body (HTML, Hub text escaped, evidence marked) and the
    things to decide."""

    key: str
    heading: str
    body: str
    things: tuple[Thing, ...]


@dataclass
class Queue:
    """A kind of queue over its table of decisions. Subclasses give the cards (:meth:`make_cards`), the
    row a choice records (:meth:`row`) and which files to watch."""

    title: str  # "Codes of comments"
    noun: str  # what is counted, singular: "code", "score", "activity status"
    decisions: DecisionFile
    root: Path | None = None
    cards: list[Card] = field(default_factory=list)
    watched: dict = field(default_factory=dict)  # path -> fingerprint of every file the cards were made from
    thing_columns: tuple = ()  # the columns naming a thing, where not the layout's whole unit (a status: no day)

    @property
    def layout(self) -> TableLayout:
        return self.decisions.layout

    @property
    def thing_key(self) -> list[str]:
        return list(self.thing_columns or history_of(self.layout).unit)

    def decided_by(self, reviewer: str) -> set[tuple]:
        """The things the reviewer has recorded a decision on."""
        mine = self.decisions.frame[self.decisions.frame["reviewer"].astype(str).str.strip() == reviewer]
        return {unit_key(key) for key in mine[self.thing_key].itertuples(index=False, name=None)}

    def make_cards(self, history: pd.DataFrame, reviewer: str, blind: bool) -> list[Card]:
        raise NotImplementedError

    def row(self, thing: Thing, choice: Choice, reviewer: str, note: str, mode: str, **extra) -> dict:
        raise NotImplementedError

    def reload_inputs(self) -> None:
        """Read the files the cards are made from again (after one changed on disk)."""

    def watch(self, *paths) -> None:
        self.watched = {Path(path): fingerprint(Path(path)) for path in paths}

    # --- what a reviewer sees ---------------------------------------------------------------------

    def visible(self, reviewer: str, blind: bool) -> pd.DataFrame:
        """The decisions a reviewer may see: every one, or in blind mode their own only."""
        history = self.decisions.frame
        if not blind:
            return history
        return history[history["reviewer"].astype(str).str.strip() == reviewer].reset_index(drop=True)

    def refresh(self, reviewer: str = "", blind: bool = False) -> list[Card]:
        self.cards = self.make_cards(self.visible(reviewer, blind), reviewer, blind)
        return self.cards

    def progress(self, reviewer: str) -> tuple[int, int]:
        """(things the reviewer has decided, things to check): '37 of 162 checked'."""
        decided = self.decided_by(reviewer)
        things = [thing for card in self.cards for thing in card.things if thing.counted]
        return sum(unit_key(thing.unit) in decided for thing in things), len(things)

    def progress_words(self, reviewer: str) -> str:
        done, total = self.progress(reviewer)
        if not total:
            return f"Nothing to check: no {self.noun} in the files given."
        return f"{done} of {count_of(total, self.noun)} checked by {reviewer or 'you'}"

    def first_unchecked(self, reviewer: str) -> int | None:
        """The first card with a thing the reviewer has not decided (where a queue opens, so that after a
        kernel restart the reviewer is back where they were); None where every thing has their decision."""
        return self.next_unchecked(-1, reviewer)

    def next_unchecked(self, start: int, reviewer: str) -> int | None:
        """The first card after ``start`` (going round) with a thing the reviewer has not decided."""
        decided = self.decided_by(reviewer)
        for step in range(1, len(self.cards) + 1):
            position = (start + step) % len(self.cards)
            if any(thing.counted and unit_key(thing.unit) not in decided for thing in self.cards[position].things):
                return position
        return None

    # --- deciding ---------------------------------------------------------------------------------

    def decide(
        self, card_key: str, unit: tuple, choice_value: str, reviewer: str, note: str = "", blind: bool = False, **extra
    ) -> dict:
        """Record the reviewer's choice on a thing: validated, appended, atomically. Raise ReviewError
        (nothing recorded) for a blank name, a thing no longer in its file, a file changed on disk."""
        reviewer = checked_name(reviewer)
        self._check_files(reviewer, blind)
        thing = self._thing(card_key, unit)
        choice = next((choice for choice in thing.choices if choice.value == str(choice_value)), None)
        if choice is None:
            raise ReviewError(f"{choice_value!r} is not a choice for {thing.label}. Nothing was recorded.")
        row = self.row(thing, choice, reviewer, " ".join(str(note or "").split()), BLIND if blind else OPEN, **extra)
        if self._repeats_own_latest(row):
            raise ReviewError(
                f"Already recorded: {thing.label}, {choice.words}, by {reviewer} today, with the same note. "
                "Nothing was added."
            )
        self.decisions.append([row])
        self.refresh(reviewer, blind)
        return row

    def _repeats_own_latest(self, row: dict) -> bool:
        """Whether ``row`` is, cell for cell, the reviewer's own latest decision on the same thing (a second
        click on the same choice): a repeat adds nothing to the history."""
        layout, frame = self.decisions.layout, self.decisions.frame
        if frame.empty:
            return False
        text = as_text(frame, layout)[layout.column_names].astype(str)
        new = (
            as_text(pd.DataFrame([row], columns=layout.column_names).fillna(""), layout)[layout.column_names]
            .astype(str)
            .iloc[0]
        )
        same = text["reviewer"].str.strip() == new["reviewer"].strip()
        for column in self.thing_key:
            same &= text[column] == new[column]
        return bool(same.any()) and text[same].iloc[-1].equals(new)

    def _thing(self, card_key: str, unit: tuple) -> Thing:
        for card in self.cards:
            if card.key == card_key:
                for thing in card.things:
                    if unit_key(thing.unit) == unit_key(unit):
                        return thing
        raise ReviewError(
            f"{' / '.join(map(str, unit))} is no longer among the {self.title.lower()} of the files "
            "given (its file changed, or it was removed). Nothing was recorded."
        )

    def _check_files(self, reviewer: str, blind: bool) -> None:
        """Where a file changed on disk since it was read, read everything again and say so (nothing recorded)."""
        changed = [path for path, seen in self.watched.items() if fingerprint(path) != seen]
        if self.decisions.changed_on_disk():
            changed.append(self.decisions.path)
        if not changed:
            return
        self.decisions.reread(self.root)
        self.reload_inputs()
        self.refresh(reviewer, blind)
        raise ReviewError(
            f"{', '.join(map(str, changed))} changed on disk since the workbench read "
            f"{verb_for(len(changed), 'it', 'them')} (another reviewer or an editor saved "
            f"{verb_for(len(changed), 'it', 'them')}): read again; look at the item again and decide. "
            "Nothing was recorded."
        )

    # --- agreement and disagreements -------------------------------------------------------------

    def agreement(self) -> Agreement | None:
        return agreement(self.decisions.frame, self.layout)

    def disagreements(self) -> pd.DataFrame:
        return disagreements(self.decisions.frame, self.layout)

    def settle(self, unit: tuple, adopted_reviewer: str, reviewer: str, note: str = "") -> dict:
        """Settle a disagreement by adopting one reviewer's decision: a row like theirs, by ``reviewer``,
        today, with the note, recorded as settling."""
        reviewer = checked_name(reviewer)
        self._check_files(reviewer, False)
        history = self.decisions.frame
        columns = list(history_of(self.layout).unit)
        on_unit = history[
            [unit_key(key) == unit_key(unit) for key in history[columns].itertuples(index=False, name=None)]
        ]
        adopted = on_unit[on_unit["reviewer"].astype(str).str.strip() == adopted_reviewer]
        disputed = {unit_key(key) for key in self.disagreements()[columns].itertuples(index=False, name=None)}
        if adopted.empty or unit_key(unit) not in disputed:
            raise ReviewError(
                f"{' / '.join(map(str, unit))}: no disagreement to settle with {adopted_reviewer}'s "
                "decision (settled meanwhile, or no such decision). Nothing was recorded."
            )
        row = adopted.iloc[-1].to_dict()
        note_column = next((name for name in ("note", "rationale") if name in self.layout.column_names), None)
        row.update({"reviewer": reviewer, "mode": SETTLING})
        if note_column:
            row[note_column] = (
                " ".join(str(note or "").split()) or f"settles the disagreement: {adopted_reviewer}'s decision"
            )
        if history_of(self.layout).date not in columns:
            row[history_of(self.layout).date] = today()
        self.decisions.append([row])
        self.refresh(reviewer, False)
        return row


def unit_key(unit) -> tuple:
    """A unit as text, so a date read from the file and one from a card compare equal."""
    return tuple(value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value) for value in unit)


def recorded_on(
    history: pd.DataFrame, layout: TableLayout, describe: Callable[[pd.Series], str], columns=None, dated: bool = True
) -> dict:
    """unit (or the values of ``columns``) -> the decisions recorded on it (oldest first), as cards show them.
    ``dated``: the layout's date is the day of the decision (a code's, a score's review); a status log's date is the
    day the status held, which ``describe`` says itself, so its decisions carry no day of their own."""
    found: dict[tuple, list[Recorded]] = {}
    if history.empty:
        return found
    note_column = next((name for name in ("note", "rationale") if name in layout.column_names), None)
    for _, row in in_order(history, layout).iterrows():
        key = unit_key(tuple(row[name] for name in (columns or history_of(layout).unit)))
        day = row[history_of(layout).date]
        found.setdefault(key, []).append(
            Recorded(
                str(row["reviewer"] if pd.notna(row["reviewer"]) else "").strip(),
                describe(row),
                "" if not dated else day.strftime("%Y-%m-%d") if hasattr(day, "strftime") else str(day),
                str(row.get("mode", "") or ""),
                str(row[note_column]) if note_column else "",
            )
        )
    return found


def today() -> str:
    return datetime.date.today().isoformat()
