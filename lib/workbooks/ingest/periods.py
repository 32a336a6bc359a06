"""The timeline grammar: planned periods as the Hub pages write them.

One place for the grammar. ``parse_period("Q2-Q3 2023")`` gives the first day of the first
quarter and the last day of the last one. Forms read (dashes may be hyphens, en or em dashes,
with or without spaces; non-breaking spaces are spaces):

- ``Q1 2023``                       one quarter
- ``Q2-Q3 2023``, ``Q3-4 2024``     a quarter range within a year
- ``Q4 2023 - Q1 2024``             a quarter range across years
- ``2023``                          one year
- ``2022-2023``, ``2021- 2022``, ``2022-24``   a year range
- ``2023 and 2024``                 two years, read as the span from the first to the last

A page in the French or Spanish interface writes a quarter ``T1`` (trimestre) and joins two years
with ``et`` or ``y`` (``T2-T3 2023``, ``2023 et 2024``): read as the forms above
(:mod:`workbooks.ingest.interface_words` lists the words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import TimelineFormatError
from .interface_words import QUARTER_LETTERS, YEAR_JOINERS, alternatives

__all__ = ["PlannedPeriod", "parse_period", "quarter_start", "quarter_end", "could_be_cut"]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_Q = r"Q(?P<{0}>[1-4])"

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("quarter", re.compile(rf"^{_Q.format('q1')} {_YEAR.format('y1')}$")),
    ("quarter range", re.compile(rf"^{_Q.format('q1')} ?- ?Q?(?P<q2>[1-4]) {_YEAR.format('y1')}$")),
    (
        "quarter range across years",
        re.compile(rf"^{_Q.format('q1')} {_YEAR.format('y1')} ?- ?{_Q.format('q2')} {_YEAR.format('y2')}$"),
    ),
    ("year", re.compile(rf"^{_YEAR.format('y1')}$")),
    ("year range", re.compile(rf"^{_YEAR.format('y1')} ?- ?(?P<y2>(?:19|20)?\d\d)$")),
    ("two years", re.compile(rf"^{_YEAR.format('y1')} and {_YEAR.format('y2')}$")),
]


@dataclass(frozen=True)
class PlannedPeriod:
    start: date
    end: date
    form: str


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def quarter_end(year: int, quarter: int) -> date:
    if quarter == 4:
        return date(year, 12, 31)
    next_start = quarter_start(year, quarter + 1)
    return date.fromordinal(next_start.toordinal() - 1)


def normalise_timeline_text(text: str) -> str:
    """Fold the typography of a page (NBSP, dash variants, spacing, case of Q) to one form."""
    folded = text.replace("\u00a0", " ").replace("\u202f", " ")
    for dash in _DASHES:
        folded = folded.replace(dash, "-")
    folded = re.sub(r"\s+", " ", folded).strip().rstrip(".;,")
    folded = re.sub(rf"\b(?:{alternatives(QUARTER_LETTERS)}|q)(?=[1-4]\b)", "Q", folded)
    folded = re.sub(rf"(?<=\d) (?:{alternatives(YEAR_JOINERS)}) (?=\d)", " and ", folded)
    return folded


def _full_year(first: int, second: str) -> int:
    if len(second) == 2:  # "2022-24"
        return first // 100 * 100 + int(second)
    return int(second)


def parse_period(text: str) -> PlannedPeriod:
    """Read one timeline text into its planned start and end dates.

    Raises :class:`TimelineFormatError` for a form the grammar does not know or for a range
    that runs backwards.
    """
    if text is None or not str(text).strip():
        raise TimelineFormatError(str(text or ""), "the timeline is empty")
    folded = normalise_timeline_text(str(text))
    for form, pattern in _FORMS:
        match = pattern.match(folded)
        if not match:
            continue
        groups = match.groupdict()
        y1 = int(groups["y1"])
        if form == "quarter":
            q = int(groups["q1"])
            start, end = quarter_start(y1, q), quarter_end(y1, q)
        elif form == "quarter range":
            start, end = quarter_start(y1, int(groups["q1"])), quarter_end(y1, int(groups["q2"]))
        elif form == "quarter range across years":
            start = quarter_start(y1, int(groups["q1"]))
            end = quarter_end(int(groups["y2"]), int(groups["q2"]))
        elif form == "year":
            start, end = date(y1, 1, 1), date(y1, 12, 31)
        else:  # "year range", "two years"
            y2 = _full_year(y1, groups["y2"])
            start, end = date(y1, 1, 1), date(y2, 12, 31)
        if end < start:
            raise TimelineFormatError(str(text), f"the {form} ends before it starts")
        return PlannedPeriod(start=start, end=end, form=form)
    raise TimelineFormatError(
        str(text),
        "expected a form such as 'Q1 2023', 'Q2-Q3 2023', 'Q3-4 2024', '2023', '2022-2023' or '2023 and 2024'",
    )


def could_be_cut(text: str) -> bool:
    """Whether an unreadable timeline could be a readable one cut short ('Q2-Q', 'Q4 2023 - Q1 20'):
    quarters, digits, dashes and spaces only. Words ('sometime soon', 'TBD') are never a cut."""
    folded = normalise_timeline_text(str(text or ""))
    return bool(re.fullmatch(r"[Q0-9 -]*", folded))
