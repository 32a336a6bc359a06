"""Since the last edition: what a brief says changed in its facts since its previous edition.

Each brief records, with its facts (:class:`.page.FrontMatter`'s JSON, kept by the runner in the history's
``edition.json``), its *tracked facts*: what its workbook compares from one edition to the next (the
timeline: each activity's planned state, whether it is overdue and its latest status; the consultation:
each comment and its codes counted, with who checked them; the comparison: each practice's score on each
item, with who checked it). The brief runner gives the notebook the previous edition's record
(``previous_edition``: its path; "" when there is none); the workbook compares the two sets of tracked facts
with one pure function (``changes.changes_since``) and the page shows the result right after the key
messages (template ``since_last_edition.html.j2``): "Since the last edition (6 December 2026, 06:15 UTC)", a list of
what changed, "nothing changed in ...", or "First edition". Run by hand (JupyterLab, presenter mode:
``previous_edition`` unset, None), the section is not shown.

Nothing here knows a workbook: it reads the previous record, and carries the changes a workbook found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from ..common.moments import parse_moment, shown_moment
from ..common.wording import count_of, verb_for
from .markup import render

FIRST_EDITION = "First edition"
# the key of a brief's facts that holds its tracked facts: kept in the history's edition.json, for the next edition,
# and left out of the run record (outputs/NOTEBOOK/NAME.run.json), which every run and the catalogue read: on 100,000
# comments they are 27 MB
TRACKED = "tracked"
SECTION_ID = "since-last-edition"


@dataclass(frozen=True)
class PreviousEdition:
    """What the brief's previous edition recorded: when it was made, and its tracked facts (None where it
    recorded none, or its record could not be read: ``problem`` says why)."""

    made: date | None
    tracked: dict | None
    problem: str = ""
    summary: tuple[str, ...] | None = None  # its key messages
    since: dict | None = None  # what it said changed since the edition before it (SinceLastEdition.record)
    made_at: datetime | None = None  # when it was made, to the minute: two editions may be made the same day


def _day_of(text) -> date | None:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def read_previous_edition(path: str | Path | None) -> PreviousEdition | None:
    """The previous edition the brief runner names (the path of its ``edition.json``), or None when the
    runner names none ("" or None: a first edition, or a run by hand). A record that cannot be read is
    a PreviousEdition with its ``problem`` said, never an error: the brief is made all the same."""
    if not path:
        return None
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not readable JSON"
        return PreviousEdition(None, None, f"{Path(path).name}: {reason}")
    if not isinstance(record, dict):
        return PreviousEdition(None, None, f"{Path(path).name}: not an edition's record")
    facts = record.get("facts")
    if not isinstance(facts, dict):
        facts = {}
    tracked, summary, since = facts.get(TRACKED), facts.get("summary"), facts.get("since")
    return PreviousEdition(
        _day_of(record.get("made", "")),
        tracked if isinstance(tracked, dict) else None,
        summary=tuple(map(str, summary)) if isinstance(summary, list) else None,
        since=since if isinstance(since, dict) else None,
        made_at=parse_moment(record.get("made", "")),
    )


def day_words(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


NOTHING_CHANGED = "Nothing changed in the facts this brief tracks."


@dataclass(frozen=True)
class SinceLastEdition:
    """The section and the record of one edition's comparison with its previous one.

    ``previous`` None: no previous edition (``first`` True when the runner said so, else a run by hand);
    ``changes``: sentences, each one change or one kind of change, every count in it checkable in the
    brief; ``context``: a sentence that frames them without being a change (the as-of day moved);
    ``tracked``: this edition's tracked facts, recorded for the next edition to compare with."""

    previous: PreviousEdition | None
    changes: list[str] = field(default_factory=list)
    tracked: dict = field(default_factory=dict)
    context: str = ""
    first: bool = False
    nothing_changed: str = NOTHING_CHANGED
    repeated_heading: str = ""  # the heading of the last edition's own section, where this run says what it said

    @property
    def compared(self) -> bool:
        """Whether this edition was compared with a previous one that recorded its facts."""
        return self.previous is not None and self.previous.tracked is not None

    @property
    def changed(self) -> bool:
        return self.compared and bool(self.changes)

    @property
    def shown(self) -> bool:
        """Whether the page shows the section: always under the runner, never in a run by hand."""
        return self.first or self.previous is not None

    def heading(self) -> str:
        if self.repeated_heading:
            return self.repeated_heading
        if self.previous is None:
            return FIRST_EDITION
        made = shown_moment(self.previous.made_at) or day_words(self.previous.made)  # '6 December 2026, 06:15 UTC'
        return f"Since the last edition ({made})" if made else "Since the last edition"

    def with_key_messages(self, summary: list[str]) -> "SinceLastEdition":
        """This section once the brief's key messages (``summary``) are known. Where they and the tracked facts are
        the last edition's, the run says what that edition said (no new edition is kept: history.says_the_same), and
        the page keeps that edition's own section, what it changed since the one before, so a re-run never wipes
        what the current edition changed. Otherwise key messages new or reworded since then are counted among the
        changes: a brief can say something new (a rarity across all records) with no tracked fact changed."""
        previous = self.previous
        if not self.compared or previous is None or previous.summary is None:  # compared: previous is not None
            return self
        now, before = [str(message) for message in summary], list(previous.summary)
        recorded = previous.since or {}
        if not self.changes and now == before and recorded.get("heading"):
            if recorded["heading"] == FIRST_EDITION:
                return replace(self, previous=None, changes=[], context="", first=True)
            return replace(
                self,
                changes=[str(change) for change in recorded.get("changes") or []],
                context=str(recorded.get("context") or ""),
                repeated_heading=str(recorded["heading"]),
                nothing_changed=str(recorded.get("nothing_changed") or self.nothing_changed),
            )
        new = [message for message in now if message not in before]
        if not new:
            return self
        replaced = [message for message in before if message not in now]  # what the last edition said instead
        said = Change(
            f"{len(new)} of the {len(now)} key messages above {verb_for(len(new), 'is', 'are')} new or reworded since "
            "then",
            replaced,
            named_here=False,
            heading=f"What the last edition said in {'its place' if len(replaced) == 1 else 'their place'}",
        )
        return replace(self, changes=[*self.changes, said])

    def record(self) -> dict:
        """What the catalogue and the feed read of it (in the brief's facts, ``since``)."""
        if self.repeated_heading:  # the last edition's section, kept: the day it compared with is its own
            previous_made = str(((self.previous.since if self.previous else None) or {}).get("previous_made", ""))
        else:
            previous_made = self.previous.made.isoformat() if self.previous and self.previous.made else ""
        return {
            "heading": self.heading() if self.shown else "",
            "compared": self.compared,
            "changed": self.changed,
            "previous_made": previous_made,
            "changes": list(self.changes) if self.compared else [],
            "context": self.context if self.compared else "",
            "nothing_changed": self.nothing_changed,
        }

    def html(self) -> str:
        if not self.shown:
            return ""
        return render("since_last_edition.html.j2", since=self, section_id=SECTION_ID)


def added_gone_kept(before: dict, now: dict, label: str = "label") -> tuple[list[str], list[str], list]:
    """Two editions' tracked things by key (activities, comments, practices): the labels of those added, the
    labels of those gone, and the keys in both, each in its edition's order."""
    return (
        [now[key][label] for key in now if key not in before],
        [before[key][label] for key in before if key not in now],
        [key for key in now if key in before],
    )


def checked_differently(groups: dict, noun: str) -> list[str]:
    """One sentence per change of who checked things (``groups``: (then, now) -> the things' labels):
    '2 codes checked differently (then: ...; now: ...): A and B.'"""
    return [
        Change(f"{count_of(len(things), noun)} checked differently (then: {then}; now: {later})", things)
        for (then, later), things in groups.items()
    ]


NAMED_IN_A_CHANGE = 8  # a change names this many things at most; more are counted ("and 3 more")


def named(labels: list[str], most: int = NAMED_IN_A_CHANGE) -> str:
    """Labels for a change's sentence, joined with semicolons (a label may hold a comma): all of them up to
    ``most``, else the first ``most - 1`` and how many more."""
    labels = [str(label) for label in labels]
    shown = labels if len(labels) <= most else labels[: most - 1]
    more = len(labels) - len(shown)
    if more:
        return "; ".join(shown) + f"; and {more:,} more"
    return (
        "; ".join(shown[:-1]) + ("; and " if len(shown) > 2 else " and ") + shown[-1]
        if len(shown) > 1
        else "".join(shown)
    )


class Change(str):
    """One change's sentence, 'OPENING: A; B; ...; and 192 more.' (:func:`named`), which records and the feed keep
    as a plain string, with every thing it is about (``things``): where the sentence names only the first, the page
    lists them all, folded under it (``since_last_edition.html.j2``), so that none is said without being findable.
    With ``named_here`` false the sentence is the opening alone and the things are always folded under it, under
    ``fold_heading`` (the key messages the last edition said in place of those reworded)."""

    opening: str
    things: tuple[str, ...]
    named_here: bool
    heading: str

    def __new__(cls, opening: str, things, named_here: bool = True, heading: str = "") -> "Change":
        things = tuple(str(thing) for thing in things)
        change = super().__new__(cls, f"{opening}: {named(list(things))}." if named_here else f"{opening}.")
        change.opening, change.things, change.named_here, change.heading = opening, things, named_here, heading
        return change

    def __getnewargs__(self):  # a copy or a pickle is made again from the opening and the things
        return (self.opening, self.things, self.named_here, self.heading)

    @property
    def fold_heading(self) -> str:
        """The line the folded list opens from: 'All 200', or the heading given."""
        return self.heading or f"All {len(self.things):,}"

    @property
    def folded(self) -> bool:
        """Whether the page lists the things under the sentence: some are left unnamed in it ('and 192 more'), or
        none is named there."""
        return len(self.things) > NAMED_IN_A_CHANGE if self.named_here else bool(self.things)


def since_last_edition(
    previous_edition: str | Path | None, tracked: dict, changes_since, context_of=None, nothing_changed: str = ""
) -> SinceLastEdition:
    """The section of a brief whose tracked facts are ``tracked``, given the path of its previous edition's
    record as the brief runner gives it ("": none, a first edition; None: a run by hand, nothing shown).
    ``changes_since(previous, current)`` is the workbook's comparison (pure), ``context_of(previous,
    current)`` an optional sentence that frames the changes."""
    previous = read_previous_edition(previous_edition)
    if previous is None or previous.tracked is None:
        return SinceLastEdition(previous, [], tracked, first=previous_edition == "")
    return SinceLastEdition(
        previous,
        changes_since(previous.tracked, tracked),
        tracked,
        context=context_of(previous.tracked, tracked) if context_of else "",
        nothing_changed=nothing_changed or NOTHING_CHANGED,
    )
