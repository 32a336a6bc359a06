"""Dated events listed on the Network's workstream pages: what a page lists under "Events" or
"Upcoming events" (GCM Talks, peer-learning events), each with its day, its name as the stored page
gives it, the page it comes from and what else the page shows of it (listed as upcoming; a summary
report, a recording linked).

An event is never an activity's status: a page lists events beside its activities, and it ties an
event to an activity only where the event's own line names the activity by its number ("activity ii");
no stored page does. The workstream an event belongs to is the one whose page lists it.

The events list of a page runs from its heading to the "Activities" heading (or the first activity,
or a ``Timeline:`` line); link labels a copy glues to the next line ("Read hereGCM Youth Talk - 8 May
2023", "Click hereActivities") are taken off. A line with a day and a month is an event; a day
without its year ("23 March 3pm CET") takes the year from the event's own "Date:" line below it, and
an event whose year the page never gives is left out (it cannot be placed on a calendar). A line
naming material ("Summary report", "Recording") belongs to the event above it; agenda lines
("10 minutes | Opening remarks ...") are the event's programme, not events.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..common.roman import numeral_position
from ..common.wording import count_of, join_names, verb_for
from ..ingest.interface_words import MONTHS
from ..ingest.page_text import PageText

EVENTS_HEADINGS = {"events": False, "past events": False, "upcoming events": True}  # heading -> listed as upcoming
ACTIVITIES_HEADINGS = ("activities",)
LINK_LABELS = ("read here", "click here", "sign up here", "register here", "registration link", "more information")
MATERIALS = {
    "summary report": "a summary report",
    "report": "a report",
    "recording": "a recording",
    "concept note": "a concept note",
    "agenda": "an agenda",
    "presentation": "a presentation",
}
UPCOMING = "listed as upcoming: the copy of the page was written before that day"

_MONTH_NAMES = {
    **MONTHS,
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
}
_MONTH = "|".join(sorted((re.escape(name) for name in _MONTH_NAMES), key=len, reverse=True))
_DAY = re.compile(rf"\b(?P<day>[0-3]?\d)\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_DASHES = re.compile(r"\s+[-\u2013\u2014]\s+")
_DETAILS = re.compile(r"^\s*date\s*:", re.IGNORECASE)
_AGENDA = re.compile(r"^\s*(?:\d+\s+minutes?\b|\|)", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\s*(?:[A-Z]{2,4})?$", re.IGNORECASE)
_ACTIVITY_START = re.compile(r"^\s*(?:\(?[ivxlcdm]+[.)]|timeline\s*:)\s", re.IGNORECASE)
_NAMED_ACTIVITY = re.compile(r"\bactivit(?:y|ies)\s+\(?(?P<numeral>[ivxlcdm]+)\)?\b", re.IGNORECASE)

EVENT_COLUMNS = ["workstream", "day", "name", "upcoming", "materials", "activity_id", "source", "page_line"]


@dataclass
class _Event:
    day: int
    month: int
    year: int | None
    name: str
    upcoming: bool
    line: int
    materials: list[str]
    activity_id: str


def _without_link_label(line: str) -> str:
    """The line without a link label glued to its start ("Read hereGCM Youth Talk" -> "GCM Youth Talk")."""
    text = line.strip()
    changed = True
    while changed:
        changed = False
        for label in LINK_LABELS:
            if text.lower().startswith(label):
                text, changed = text[len(label) :].strip(), True
    return text


def _event_name(text: str, date_match: re.Match) -> str:
    """The event's name: the line's parts other than its day and a time ("3pm CET"), joined by a colon
    ("Southern Africa GCM Talk – 15 March 2024 – Ending ..." -> "Southern Africa GCM Talk: Ending ...")."""
    parts = []
    for side in (text[: date_match.start()], text[date_match.end() :]):
        parts += [part.strip(" |-\u2013\u2014") for part in _DASHES.split(f" {side} ")]
    return ": ".join(part for part in parts if part and not _TIME.match(part))


def _activity_named(text: str) -> str:
    """The activity an event's line names by its number ("activity ii"), or ''."""
    match = _NAMED_ACTIVITY.search(text)
    return match.group("numeral").lower() if match and numeral_position(match.group("numeral").lower()) else ""


def parse_events(page: PageText) -> list[_Event]:
    """Every event the page's events lists hold, in page order, dated or not."""
    events: list[_Event] = []
    upcoming = None  # None: outside an events list; else whether the list is of upcoming events
    for offset, raw in enumerate(page.lines):
        text = _without_link_label(raw)
        key = text.lower().rstrip(":")
        if key in EVENTS_HEADINGS:
            upcoming = EVENTS_HEADINGS[key]
            continue
        if upcoming is None:
            continue
        if key in ACTIVITIES_HEADINGS or _ACTIVITY_START.match(text):
            upcoming = None
            continue
        if not text or _AGENDA.match(text):
            continue
        found = _DAY.search(text)
        if _DETAILS.match(text):
            if (
                found
                and events
                and found.group("year")
                and events[-1].year is None
                and (int(found.group("day")), _MONTH_NAMES[found.group("month").lower()])
                == (events[-1].day, events[-1].month)
            ):
                events[-1].year = int(found.group("year"))
            continue
        if found:
            events.append(
                _Event(
                    int(found.group("day")),
                    _MONTH_NAMES[found.group("month").lower()],
                    int(found.group("year")) if found.group("year") else None,
                    _event_name(text, found),
                    upcoming,
                    page.first_line_number + offset,
                    [],
                    _activity_named(text),
                )
            )
        elif events and key in MATERIALS:
            events[-1].materials.append(MATERIALS[key])
    return events


def dated_events(page: PageText, workstream: str, source_id: str) -> pd.DataFrame:
    """The page's events with a whole day (day, month and year), one row each in :data:`EVENT_COLUMNS`:
    ``day`` a Timestamp; ``materials`` what the page links for it ("a summary report; a recording");
    ``activity_id`` the activity its line names, or ''."""
    rows = []
    for event in parse_events(page):
        if event.year is None:
            continue  # the page never gives its year: it cannot be placed on a calendar
        try:
            day = pd.Timestamp(date(event.year, event.month, event.day))
        except ValueError:
            continue  # no such day (31 June): not a date
        rows.append(
            {
                "workstream": workstream,
                "day": day,
                "name": event.name,
                "upcoming": event.upcoming,
                "materials": "; ".join(event.materials),
                "activity_id": event.activity_id,
                "source": source_id,
                "page_line": event.line,
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def combine_events(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The events of several pages, soonest first; an event two copies of one page list (same
    workstream, day and name) once, from the copy read first."""
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=EVENT_COLUMNS).astype({"day": "datetime64[ns]"})
    events = pd.concat(frames, ignore_index=True).drop_duplicates(["workstream", "day", "name"], keep="first")
    return events.sort_values(["day", "workstream"], kind="stable").reset_index(drop=True)


def events_by(events: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The events dated on or before ``as_of`` (read at its end: an event on the as-of day counts)."""
    return events[events["day"] <= as_of].reset_index(drop=True)


def _day_text(day: pd.Timestamp) -> str:
    return f"{day:%-d %B %Y}"


def what_the_page_shows(event) -> str:
    """What the page shows of one event besides its name and day, in words: "listed under Events;
    the page links a recording and a report", or, for an event the copy lists as upcoming,
    :data:`UPCOMING` (its day had not come when the page was written, whatever it is now)."""
    listed = UPCOMING if event["upcoming"] else "listed under Events"
    materials = [material for material in str(event["materials"]).split("; ") if material]
    if not materials:
        return listed
    return f"{listed}; the page links {join_names(materials)}"


# An event's name as the project's copy of its page gives it: a copy holding the page's words has them; a copy whose
# prose was rewritten kept "layout, markers, names, dates and timeline values as on the stored page" (its header
# says so: tests/timeline/test_events.py reads every header), so its event names are the page's names too.
NAMES_KEPT = "names, dates and timeline values as on the stored page"  # what a rewritten copy's header says it kept
EVENT_WORDING = {True: "as on the page", False: "as on the page (the copy rewrote the prose, not the names)"}


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as a brief shows them: Date, Event (its name as the stored page gives it), Workstream
    page, What the page shows, Wording, Activity the page names; ``url`` the page's address (a link on
    the page, a column of the CSV)."""
    return pd.DataFrame(
        {
            "Date": [f"{day:%-d %b %Y}" for day in events["day"]],
            "Event": events["name"],
            "Workstream page": events["workstream"],
            "What the page shows": [what_the_page_shows(event) for _, event in events.iterrows()],
            "Wording": events["verbatim"].map(EVENT_WORDING) if "verbatim" in events else "",
            "Activity the page names": [
                f"activity {numeral}" if numeral else "none" for numeral in events["activity_id"]
            ],
            "Page address": events["url"] if "url" in events else "",
        },
        columns=[
            "Date",
            "Event",
            "Workstream page",
            "What the page shows",
            "Wording",
            "Activity the page names",
            "Page address",
        ],
    ).reset_index(drop=True)


def _upcoming_words(group: pd.DataFrame) -> str:
    """How many of one page's events its copy lists as upcoming, said so that none reads as still to
    come: " (listed as upcoming on a copy of the page written before its day)"."""
    upcoming = int(group["upcoming"].sum())
    if not upcoming:
        return ""
    day = verb_for(upcoming, "its day", "their days")
    which = "" if upcoming == len(group) else f"{upcoming} of them "
    return f" ({which}listed as upcoming on a copy of the page written before {day})"


def events_sentence(events: pd.DataFrame, as_of: pd.Timestamp, day: str | None = None) -> str:
    """The key message on the events: how many dated events the pages list on or before ``as_of``
    (written ``day``), from when to when, on which workstreams' pages; that none is tied to an
    activity (or which are, where a page names one), so none is a status, in a second short sentence; how many are
    dated after it."""
    day = day or _day_text(as_of)
    shown = events_by(events, as_of)
    later = len(events) - len(shown)
    if shown.empty:
        after = f"; {count_of(later, 'is', 'are')} dated after it" if later else ""
        return f"No workstream page in this brief lists a dated event on or before {day}{after}."
    groups = sorted(shown.groupby("workstream", sort=True), key=lambda item: -len(item[1]))  # most first
    pages = [f"{len(group)} on that of {workstream}{_upcoming_words(group)}" for workstream, group in groups]
    pages[0] = pages[0].replace(" on that of ", " on the page of ", 1)
    span = (
        f"on {_day_text(shown['day'].min())}"
        if shown["day"].nunique() == 1
        else f"from {_day_text(shown['day'].min())} to {_day_text(shown['day'].max())}"
    )
    span += f" (up to {day}; {later} more after it)" if later else ""
    named = shown[shown["activity_id"] != ""]
    # two sentences: what the pages list, then what it is not (one sentence of both ran to 60 words)
    ties = (
        "None is tied to an activity, so none is a status."
        if named.empty
        else f"{count_of(len(named), 'is', 'are').capitalize()} tied by its page to an activity, but none is its status."
    )
    return f"The workstream pages list {count_of(len(shown), 'dated event')}, {span}: {join_names(pages)}. {ties}"
