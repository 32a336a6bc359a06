"""Hub workstream pages to one row per planned activity.

A workstream page lists its activities as roman-numbered paragraphs (``i.``, ``ii.`` ...), each
followed by a ``Timeline:`` line and, on some pages, the status options ("Yet to start",
"In progress", "Completed") as a bullet list. Which status is selected is not in the text, so the
options are furniture here. Stored copies often stop mid-page: an activity cut off before its
timeline is kept with an empty timeline and the flag ``cut-off-before-timeline``.

Pages number activities ``i.``, ``(i)``, ``i)``, ``I.`` or ``1.``, with or without a space after the
numeral: the first activity start fixes the page's style, and a numeral in another style (``1.``
under ``ii.``) is a sub-item. A page in the French or Spanish interface labels the timeline
``Calendrier :`` or ``Cronograma:`` and lists its own status options, under any bullet (``-``,
``•``, ``*``, ``–``): the words are declared in :mod:`workbooks.ingest.interface_words`. A copy
that stops inside a timeline (``Timeline: Q2-Q``) keeps the text as shown, without dates, flagged
``cut-off-before-timeline`` like an activity cut before its timeline.

Sub-items (``a.``, ``b.``, ``- one (1) ...``) belong to the activity above them. A letter that
happens to be a roman numeral (``c.``, ``v.``) only starts an activity when it is the next
numeral in sequence. A page that numbers none of its activities gets ids by position
(flag ``unnumbered``), each activity being the paragraph just above its ``Timeline:`` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.roman import numeral_position, to_roman
from ..errors import PageFormatError, TimelineFormatError
from ..tables.sources import source_for_file
from ..tables.vocabularies import FLAG_CUT_OFF, FLAG_NO_TIMELINE, FLAG_UNNUMBERED
from .interface_words import BULLETS, STATUS_OPTIONS, TIMELINE_LABELS, alternatives
from .page_text import PageText, read_page
from .periods import could_be_cut, parse_period

ACTIVITY_COLUMNS = [
    "workstream",
    "activity_id",
    "description",
    "timeline_raw",
    "planned_start",
    "planned_end",
    "flags",
    "source",
    "page_line",
]

# An activity start: a numeral ("i.", "(i)", "i)", "I.", "1.") then its text ("i.e." is not one).
_NUMERAL_START = re.compile(
    r"^\s*(?:\((?P<paren>[ivxlcdm]+|[IVXLCDM]+|\d{1,2})\)|(?P<plain>[ivxlcdm]+|[IVXLCDM]+|\d{1,2})\s*[.)])"
    r"(?![a-z]\.)\s*(?P<text>\S.*)$"
)
_TIMELINE = re.compile(rf"^\s*(?:{alternatives(TIMELINE_LABELS)})\s*:(?P<value>.*)$", re.IGNORECASE)
_STATUS_OPTION = re.compile(rf"^\s*(?:[{BULLETS}]\s*)?(?:{alternatives(STATUS_OPTIONS)})\s*$", re.IGNORECASE)
# The numbering styles a page may use, tried in this order: the first that finds an activity is the
# page's; a numeral of another style (a numbered sub-item) is text of the activity above it.
_STYLES = ("lower roman", "upper roman", "digits")


def _numeral(match: re.Match) -> tuple[str, str]:
    """(style, activity id) of an activity start: ids are lower-case roman numerals or digits."""
    numeral = match.group("paren") or match.group("plain")
    style = "digits" if numeral.isdigit() else "lower roman" if numeral.islower() else "upper roman"
    style += " in brackets" if match.group("paren") else ""
    return style, numeral.lower()


def _expected_id(style: str, position: int) -> str:
    return str(position) if style.startswith("digits") else to_roman(position)


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()


@dataclass
class ParsedActivity:
    activity_id: str
    page_line: int
    description_lines: list[str] = field(default_factory=list)
    timeline_raw: str | None = None
    timeline_line: int | None = None
    flags: list[str] = field(default_factory=list)


def _timeline_value(page: PageText, index: int, inline_value: str) -> tuple[str, int]:
    """The timeline text of a ``Timeline:`` line, or of the next non-blank line when it is bare
    (unless that line is page structure: an activity start, a status option, another timeline)."""
    line_number = page.first_line_number + index
    value = _clean(inline_value)
    if value:
        return value, line_number
    for offset, line in enumerate(page.lines[index + 1 :], start=1):
        if line.strip():
            if _NUMERAL_START.match(line) or _STATUS_OPTION.match(line) or _TIMELINE.match(line):
                break
            return _clean(line), line_number + offset
    return "", line_number


def _parse_numbered(page: PageText, family: str) -> list[ParsedActivity]:
    """The activities numbered in one style of the family ('lower roman', 'upper roman', 'digits'):
    the first start fixes the style (with or without brackets), each next start is the next number."""
    activities: list[ParsedActivity] = []
    current: ParsedActivity | None = None
    page_style = None
    for index, line in enumerate(page.lines):
        line_number = page.first_line_number + index
        start = _NUMERAL_START.match(line)
        if start:
            style, numeral = _numeral(start)
            if (style == page_style or (page_style is None and style.startswith(family))) and numeral == _expected_id(
                style, len(activities) + 1
            ):
                page_style = style
                current = ParsedActivity(numeral, line_number, [_clean(start.group("text"))])
                activities.append(current)
                continue
        if current is None:
            continue
        timeline = _TIMELINE.match(line)
        if timeline:
            if current.timeline_raw is not None:
                raise PageFormatError(
                    page.path,
                    line_number,
                    f"a second 'Timeline:' line for activity {current.activity_id} "
                    f"(the first is on line {current.timeline_line})",
                )
            current.timeline_raw, current.timeline_line = _timeline_value(page, index, timeline.group("value"))
            continue
        if current.timeline_raw is None and line.strip() and not _STATUS_OPTION.match(line):
            current.description_lines.append(_clean(line))
    return activities


def _parse_unnumbered(page: PageText) -> list[ParsedActivity]:
    activities: list[ParsedActivity] = []
    paragraph: list[tuple[int, str]] = []
    last_paragraph: list[tuple[int, str]] = []
    skip_to = -1
    for index, line in enumerate(page.lines):
        if index <= skip_to:
            continue
        timeline = _TIMELINE.match(line)
        if timeline:
            block = paragraph or last_paragraph
            value, value_line = _timeline_value(page, index, timeline.group("value"))
            if value_line != page.first_line_number + index:
                skip_to = value_line - page.first_line_number
            if not block:
                raise PageFormatError(
                    page.path, page.first_line_number + index, "a 'Timeline:' line with no activity text above it"
                )
            activity = ParsedActivity(
                str(len(activities) + 1), block[0][0], [text for _, text in block], value, value_line, [FLAG_UNNUMBERED]
            )
            activities.append(activity)
            paragraph, last_paragraph = [], []
            continue
        if not line.strip():
            if paragraph:
                last_paragraph, paragraph = paragraph, []
            continue
        if _STATUS_OPTION.match(line):
            paragraph, last_paragraph = [], []
            continue
        paragraph.append((page.first_line_number + index, _clean(line)))
    return activities


def _page_stops_at(page: PageText, line_number: int | None) -> bool:
    """Whether the stored copy ends on this line (nothing but blank lines after it)."""
    index = (line_number or 0) - page.first_line_number
    return 0 <= index < len(page.lines) and not any(line.strip() for line in page.lines[index + 1 :])


def parse_workstream_page(page: PageText, workstream: str, source_id: str) -> list[dict]:
    """Rows (dicts in :data:`ACTIVITY_COLUMNS` order) for every activity on one page."""
    activities = []
    for family in _STYLES:
        activities = _parse_numbered(page, family)
        if activities and (family != "digits" or any(activity.timeline_raw for activity in activities)):
            break  # a digits-numbered list is a page's activities only where one of them has a timeline
        activities = []
    if not activities:
        activities = _parse_unnumbered(page)
    if not activities:
        raise PageFormatError(page.path, None, "no activities found: no 'i.' paragraph and no 'Timeline:' line")
    rows = []
    for position, activity in enumerate(activities):
        flags = list(activity.flags)
        start = end = None
        if activity.timeline_raw:
            try:
                period = parse_period(activity.timeline_raw)
                start, end = period.start.isoformat(), period.end.isoformat()
            except TimelineFormatError as error:
                if not (_page_stops_at(page, activity.timeline_line) and could_be_cut(activity.timeline_raw)):
                    raise PageFormatError(
                        page.path, activity.timeline_line, f"activity {activity.activity_id}: {error}"
                    ) from None
                flags.append(FLAG_CUT_OFF)  # the page stops inside the timeline ('Timeline: Q2-Q'): kept as shown
        elif position == len(activities) - 1:
            flags.append(FLAG_CUT_OFF)
        else:
            flags.append(FLAG_NO_TIMELINE)
        rows.append(
            {
                "workstream": workstream,
                "activity_id": activity.activity_id,
                "description": " ".join(activity.description_lines),
                "timeline_raw": activity.timeline_raw or "",
                "planned_start": start,
                "planned_end": end,
                "flags": ";".join(flags),
                "source": source_id,
                "page_line": activity.page_line,
            }
        )
    return rows


def read_workstream_page(path: Path | str, workstream: str, source_id: str) -> list[dict]:
    return parse_workstream_page(read_page(path), workstream, source_id)


def build_activities(page_paths, sources, root: Path | None = None, warn=print):
    """One activities table from several pages, each page looked up in the sources registry.

    Where two pages describe the same activity of the same workstream (a partial copy beside a
    full one), the row from a full copy wins, then a row with a timeline, then the page given
    first. Differing timelines between kept and dropped rows are reported through ``warn``.
    """
    rows = []
    for order, page_path in enumerate(page_paths):
        source = source_for_file(sources, page_path, root)
        if source["kind"] != "workstream":
            raise PageFormatError(
                page_path, None, f"registered as a {source['kind']} page ({source['source_id']}), not a workstream page"
            )
        for row in read_workstream_page(page_path, source["title"], source["source_id"]):
            row["_rank"] = (0 if source["copy"] == "full" else 1, 0 if row["timeline_raw"] else 1, order)
            rows.append(row)
    frame = pd.DataFrame(rows)
    frame = frame.sort_values("_rank", kind="stable")
    kept = frame.drop_duplicates(["workstream", "activity_id"], keep="first")
    dropped = frame.drop(kept.index)
    for _, lost in dropped.iterrows():
        winner = kept[(kept["workstream"] == lost["workstream"]) & (kept["activity_id"] == lost["activity_id"])].iloc[0]
        if lost["timeline_raw"] and winner["timeline_raw"] and lost["timeline_raw"] != winner["timeline_raw"]:
            warn(
                f"warning: {lost['workstream']} {lost['activity_id']}: timeline {lost['timeline_raw']!r} in "
                f"{lost['source']} differs from {winner['timeline_raw']!r} in {winner['source']}; kept the latter"
            )
    kept = kept.drop(columns="_rank")
    kept = kept.assign(_number=kept["activity_id"].map(numeral_position))
    kept = kept.sort_values(["workstream", "_number"], kind="stable").drop(columns="_number")
    return kept[ACTIVITY_COLUMNS].reset_index(drop=True)
