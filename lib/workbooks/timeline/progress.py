"""Timeline progress: planned periods against recorded statuses, as of any date.

All functions take DataFrames and plain values and return DataFrames or plain values; loading
lives in :mod:`.inputs`, drawing in :mod:`.charts`.

Days, one reading everywhere. A planned period runs from the whole of its first day
(``planned_start``) to the whole of its last day (``planned_end``). The as-of day is read at its
end: a status recorded on the as-of day counts, and so:

- *ended*: the planned end is on or before the as-of day (an activity ends on its last day);
- *under way*: the planned start is on or before the as-of day and the planned end after it (an
  activity planned to start on the as-of day is under way that day);
- *not yet due to start*: the planned start is after the as-of day;
- *overdue*: the planned end is before the as-of day (not on it: an activity due on the as-of day is
  due, not overdue) and the latest recorded status is Yet to start or In progress; it is overdue by
  the days from the planned end to the as-of day (at least 1), the slippage it would have if
  completed that day;
- *due that day*: the planned end is the as-of day itself and the latest recorded status is Yet to
  start or In progress (a flag in the activity table, not a problem);
- *late start*: the planned start is before the as-of day (a start due that day is not yet late) and
  the activity is still recorded as Yet to start;
- *completed late*: the first Completed record falls after the planned end (a completion recorded
  on the planned end is on time); slippage is the days between them;
- *due in the next quarter*: the planned end falls in the three months after the as-of day, from the
  day after it to the same day three months on (30 June -> 1 July to 30 September), whatever the
  activity's status: the plan's calendar, not a claim about the work.

Without any recorded status the brief is a planned calendar: what was planned to have ended, what is
due next, and which activities have no recorded status; nothing here ever supplies a status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..common.numbers import format_share, median_or_values
from ..common.roman import numeral_position
from ..common.wording import count_of, join_names, verb_for
from ..tables.layouts import STATUS_LOG
from ..tables.vocabularies import (
    COMPLETED,
    FLAG_CUT_OFF,
    IN_PROGRESS,
    NOT_RECORDED,
    STATUSES,
    YET_TO_START,
)
from .latest_status import latest_status

KEY = ["workstream", "activity_id"]

PLANNED_NOT_DUE = "not yet due to start"
PLANNED_UNDER_WAY = "planned to be under way"
PLANNED_ENDED = "planned to have ended"
PLANNED_UNKNOWN = "timeline not on the page"
DUE_NEXT = "due to end in the next quarter"
QUARTER = pd.DateOffset(months=3)


def next_quarter(as_of: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the three months after ``as_of``: 30 June 2024 -> 1 July and
    30 September 2024; 31 December 2024 -> 1 January and 31 March 2025 (a month's last day stays last)."""
    return as_of + pd.Timedelta(days=1), as_of + QUARTER


def assess_activities(activities: pd.DataFrame, status_log: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per activity with its latest status on ``as_of`` (a day, parsed where it entered,
    read at its end: see the module docstring) and the progress flags.

    Added columns: status (latest recorded on or before ``as_of``, or 'Not recorded'), status_as_of,
    status_source, completed_on, planned_state, end_passed (planned end on or before ``as_of``),
    overdue (planned end before ``as_of`` and recorded as Yet to start or In progress), days_overdue
    (``as_of`` minus the planned end: 1 or more), due_on_the_day (planned end on ``as_of``, recorded as
    Yet to start or In progress), late_start (planned start before ``as_of``, still Yet to start), completed_late (first Completed record after the planned end),
    slippage_days (days from the planned end to that record), status_recorded, due_next (planned
    end in :func:`next_quarter`).
    """
    latest = latest_status(status_log, as_of)
    frame = activities.merge(latest, on=KEY, how="left")
    frame["status"] = frame["status"].fillna(NOT_RECORDED)
    frame["status_disputed"] = frame["status_disputed"].fillna("").astype(str)
    start, end = frame["planned_start"], frame["planned_end"]
    has_timeline = end.notna() & start.notna()
    ended = has_timeline & (end <= as_of)
    started = has_timeline & (start <= as_of)
    frame["planned_state"] = np.select(
        [~has_timeline, ended, ~started],
        [PLANNED_UNKNOWN, PLANNED_ENDED, PLANNED_NOT_DUE],
        PLANNED_UNDER_WAY,
    )
    frame["status_recorded"] = frame["status"] != NOT_RECORDED
    frame["end_passed"] = ended
    frame["due_next"] = has_timeline & (end > as_of) & (end <= next_quarter(as_of)[1])
    unfinished = frame["status"].isin([YET_TO_START, IN_PROGRESS])
    frame["overdue"] = has_timeline & (end < as_of) & unfinished
    frame["due_on_the_day"] = has_timeline & (end == as_of) & unfinished
    frame["days_overdue"] = ((as_of - end).dt.days).where(frame["overdue"]).astype("Int64")
    frame["late_start"] = has_timeline & (start < as_of) & (frame["status"] == YET_TO_START)
    completed_on = pd.to_datetime(frame["completed_on"])
    frame["completed_late"] = (frame["status"] == COMPLETED) & has_timeline & (completed_on > end)
    frame["slippage_days"] = ((completed_on - end).dt.days).where(frame["completed_late"]).astype("Int64")
    frame["_order"] = frame["activity_id"].map(numeral_position)
    frame = frame.sort_values(["workstream", "_order"], kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class ProgressSummary:
    as_of: pd.Timestamp
    activities: int
    with_timeline: int
    planned_done: int
    recorded: int
    completed: int
    overdue: int
    late_start: int
    completed_late: int
    timeline_missing: int
    due_next: int = 0
    last_planned_end: pd.Timestamp | None = None  # the latest planned end of the activities; None without a timeline

    @property
    def last_end(self) -> pd.Timestamp:
        """``last_planned_end``, for a sentence about it: only made where some activity has a timeline."""
        if self.last_planned_end is None:
            raise ValueError("no activity has a timeline, so there is no last planned end to say")
        return self.last_planned_end

    @property
    def planned_share(self) -> float | None:
        return self.planned_done / self.with_timeline if self.with_timeline else None

    @property
    def recorded_share(self) -> float | None:
        """Share of activities with a timeline recorded as Completed; None when no status is recorded."""
        if not self.recorded or not self.with_timeline:
            return None
        return self.completed / self.with_timeline

    @property
    def next_quarter(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return next_quarter(self.as_of)


def summarise_progress(assessed: pd.DataFrame, as_of: pd.Timestamp) -> ProgressSummary:
    with_timeline = assessed["planned_end"].notna()
    last_end = assessed["planned_end"].max() if with_timeline.any() else None
    return ProgressSummary(
        as_of=as_of,
        activities=len(assessed),
        with_timeline=int(with_timeline.sum()),
        planned_done=int(assessed["end_passed"].sum()),
        recorded=int(assessed["status_recorded"].sum()),
        completed=int(((assessed["status"] == COMPLETED) & with_timeline).sum()),
        overdue=int(assessed["overdue"].sum()),
        late_start=int(assessed["late_start"].sum()),
        completed_late=int(assessed["completed_late"].sum()),
        timeline_missing=int((~with_timeline).sum()),
        due_next=int(assessed["due_next"].sum()),
        last_planned_end=last_end,
    )


@dataclass(frozen=True)
class Progress:
    """The activities assessed on one day (:func:`assess_activities`) and their summary."""

    activities: pd.DataFrame
    summary: ProgressSummary

    @property
    def as_of(self) -> pd.Timestamp:
        return self.summary.as_of


def assess_progress(activities: pd.DataFrame, status_log: pd.DataFrame, as_of: pd.Timestamp) -> Progress:
    assessed = assess_activities(activities, status_log, as_of)
    return Progress(assessed, summarise_progress(assessed, as_of))


def share_text(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a reader checks it: "2 of 4 (50%)", the percentage rounded half up
    to a whole number; "—" when ``whole`` is 0."""
    return f"{part} of {whole} ({format_share(part, whole)})" if whole else "—"


def days_text(days: int) -> str:
    """ "1 day", "46 days"."""
    return count_of(days, "day")


def day_text(day: pd.Timestamp) -> str:
    """A day as sentences write it: "30 June 2024"."""
    return f"{day:%-d %B %Y}"


def short_day_text(day) -> str:
    """A day as tables and chart titles write it: "30 Jun 2024"; "" for no day."""
    return "" if pd.isna(day) else f"{pd.Timestamp(day):%-d %b %Y}"


def month_text(day: pd.Timestamp) -> str:
    """A day's month as an axis names it: "December 2024"."""
    return f"{day:%B %Y}"


def span_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Two days as a span: "1 July to 30 September 2024", "7 December 2026 to 6 March 2027"."""
    return (
        f"{first:%-d %B} to {day_text(last)}" if first.year == last.year else f"{day_text(first)} to {day_text(last)}"
    )


def overdue_text(days: int) -> str:
    """How long an activity is overdue: "by 1 day", "by 46 days"."""
    return f"by {days_text(days)}"


DUE_ON_THE_DAY = "due on the as-of day"


def any_status_recorded(assessed: pd.DataFrame) -> bool:
    return bool(assessed["status_recorded"].any())


PORTFOLIO_RECORD_COLUMNS = ["Recorded as Completed", "Overdue", "Late start", "Recorded Completed after end"]


def portfolio_table(assessed: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per workstream: counts, the planned calendar (ended, due in the next quarter), and,
    where any status is recorded, recorded against planned completion ("2 of 4 (50%)", "—" in a
    workstream with no status recorded) and the problem flags. Without any recorded status the
    brief is a planned calendar: the record's columns, which could only hold zeros and dashes, are left out
    (the key messages say once that no status is recorded); so is the column of activities due next
    when it holds 0 for every workstream ("What is due next" says so once).
    Plain-English headers, as shown in briefs."""
    rows = []
    for workstream, group in assessed.groupby("workstream", sort=True):
        timed = group["planned_end"].notna()
        with_timeline = int(timed.sum())
        recorded = group["status_recorded"].any()
        completed = int(((group["status"] == COMPLETED) & timed).sum())
        rows.append(
            {
                "Workstream": workstream,
                "Activities": len(group),
                "With a timeline": with_timeline,
                "Planned period": (
                    f"{group['planned_start'].min():%b %Y} – {group['planned_end'].max():%b %Y}" if timed.any() else "—"
                ),
                "Planned to have ended": share_text(int(group["end_passed"].sum()), with_timeline),
                "Due next quarter": int(group["due_next"].sum()),
                "Status recorded": int(group["status_recorded"].sum()),
                "Recorded as Completed": share_text(completed, with_timeline) if recorded else "—",
                # with no status recorded these cannot be known: a dash, not a zero
                "Overdue": int(group["overdue"].sum()) if recorded else "—",
                "Late start": int(group["late_start"].sum()) if recorded else "—",
                "Recorded Completed after end": int(group["completed_late"].sum()) if recorded else "—",
            }
        )
    columns = [
        "Workstream",
        "Activities",
        "With a timeline",
        "Planned period",
        "Planned to have ended",
        "Due next quarter",
        "Status recorded",
        *PORTFOLIO_RECORD_COLUMNS,
    ]
    table = pd.DataFrame(rows, columns=columns)
    if not any_status_recorded(assessed):
        table = table.drop(columns=["Status recorded", *PORTFOLIO_RECORD_COLUMNS])
    if len(table) and (table["Due next quarter"] == 0).all():
        # nothing is due next in any workstream: "What is due next" says so once, not a column of zeros
        table = table.drop(columns=["Due next quarter"])
    return table


def activity_flags(row) -> str:
    """One activity's flags in words: overdue (by how many days), late start, completed late,
    no timeline."""
    words = []
    if row["overdue"]:
        words.append(f"overdue {overdue_text(int(row['days_overdue']))}")
    if row.get("due_on_the_day", False):
        words.append(f"{DUE_ON_THE_DAY}, not yet Completed")  # short: the flags column stays narrow on paper
    if row["late_start"]:
        words.append("late start")
    if row["completed_late"]:
        words.append(f"first recorded Completed {days_text(int(row['slippage_days']))} after the planned end")
    if row.get("status_disputed", ""):
        words.append(f"status disputed: {row['status_disputed']}; not settled, the row recorded last counts")
    if pd.isna(row["planned_end"]):
        words.append("page stops before its timeline" if FLAG_CUT_OFF in str(row.get("flags", "")) else "no timeline")
    return "; ".join(words)


# whose words an activity's text is: the page's (a copy holding its words) or ours (a copy whose prose was
# rewritten, names, dates and timelines kept: the brief's scope line says so once, in plain words)
PAGE_WORDING, PARAPHRASE_WORDING = "as on the page", "our paraphrase"
STOPS_HERE = "[… the project's copy of the page stops here]"


def activity_table(assessed: pd.DataFrame, paraphrased_sources=()) -> pd.DataFrame:
    """The per-activity table: plan, status and flags in words; each activity's text in full (the
    brief's HTML makes long text expandable), and whether that text is the page's own wording or a
    paraphrase (activities read from ``paraphrased_sources``)."""
    paraphrased = set(paraphrased_sources)
    table = pd.DataFrame(
        {
            "Workstream": assessed["workstream"],
            "No.": assessed["activity_id"],
            "Activity": [
                f"{text} {STOPS_HERE}" if FLAG_CUT_OFF in str(flags) else text
                for text, flags in zip(
                    assessed["description"], assessed.get("flags", pd.Series("", index=assessed.index))
                )
            ],
            "Wording": assessed.get("source", pd.Series("", index=assessed.index)).map(
                lambda source: PARAPHRASE_WORDING if source in paraphrased else PAGE_WORDING
            ),
            "Timeline on the page": assessed["timeline_raw"].fillna(""),
            "Planned end": assessed["planned_end"].map(short_day_text),
            "Planned, as of the day": [
                f"{state}; {DUE_NEXT}" if due else state
                for state, due in zip(assessed["planned_state"], assessed["due_next"])
            ],
            "Latest status": assessed["status"],
            "Status recorded on": assessed["status_as_of"].map(short_day_text),
            "Status source": assessed.get("status_source", pd.Series("", index=assessed.index)).fillna(""),
            "Status note": assessed.get("status_note", pd.Series("", index=assessed.index)).fillna(""),
            "Flags": assessed.apply(activity_flags, axis=1) if len(assessed) else pd.Series(dtype=str),
        }
    )
    return table.reset_index(drop=True)


class WorkstreamActivities(NamedTuple):
    """One workstream's rows of the activity table, as a brief prints them."""

    workstream: str
    wording: str | None  # the activity texts' wording when one for all (then not a column), else None
    rows: pd.DataFrame
    full: pd.DataFrame  # the same rows with the workstream and the wording as columns: the table's CSV


def activity_tables(
    assessed: pd.DataFrame, as_of: pd.Timestamp, paraphrased_sources=(), sources_shown: bool = True
) -> list[WorkstreamActivities]:
    """:func:`activity_table` cut by workstream, in the workstreams' order, narrow enough to print as
    tables (the whole would print stacked, a block per activity): no workstream column; the latest
    status and its day in one column ("Completed, 20 Apr 2023"); the wording said once when all of a
    workstream's texts share it; the status and the flags only when any status is recorded (without
    one, every status would read Not recorded, and the only flag, a missing timeline, is said in the
    activity's text and its planned state); the planned state only while some plan had not ended before
    ``as_of``. The status's source is named in its cell ("Completed, 20 Apr 2023 (source: minutes-2023-04)") unless
    ``sources_shown`` is false (invented statuses, whose one source the brief names once). Each also comes ``full``:
    with the workstream and the wording as columns, and each status's source and note, for its CSV, which travels
    without the caption that names them."""
    table = activity_table(assessed, paraphrased_sources)
    table["Latest recorded status"] = [
        f"{status}, {day}" + (f" (source: {source})" if sources_shown and source else "") if day else status
        for status, day, source in zip(table["Latest status"], table["Status recorded on"], table["Status source"])
    ]
    recorded = any_status_recorded(assessed)
    columns = [
        c
        for c in [
            "No.",
            "Activity",
            "Wording",
            "Timeline on the page",
            "Planned end",
            "Planned, as of the day",
            "Latest recorded status",
            "Flags",
        ]
        if recorded or c not in ("Flags", "Latest recorded status")
    ]
    # the CSV keeps each status's source and note in columns of their own (the page names the source in the cell)
    csv_columns = [*columns, "Status source", "Status note"] if recorded else columns
    # when every plan ended before the day, each planned state reads "planned to have ended" (or, without a
    # timeline, says what the activity's text and its dash say): the page leaves it out, the CSV keeps it
    ended = len(assessed) and all_plans_ended(summarise_progress(assessed, as_of))
    on_page = [c for c in columns if not (ended and c == "Planned, as of the day")]
    tables = []
    for workstream, rows in table.groupby("Workstream", sort=True):
        wordings = rows["Wording"].unique()
        wording = wordings[0] if len(wordings) == 1 else None
        shown = rows[[c for c in on_page if not (c == "Wording" and wording)]]
        full = rows[["Workstream", *csv_columns]]
        tables.append(
            WorkstreamActivities(str(workstream), wording, shown.reset_index(drop=True), full.reset_index(drop=True))
        )
    return tables


def due_next_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """The activities whose planned end falls in the next quarter, soonest first; their workstream only
    when the brief shows several; their latest status only when any status is recorded (else it could
    only read Not recorded)."""
    due = assessed[assessed["due_next"]].sort_values("planned_end", kind="stable")
    table = pd.DataFrame(
        {
            "Workstream": due["workstream"],
            "No.": due["activity_id"],
            "Activity": due["description"],
            "Timeline on the page": due["timeline_raw"].fillna(""),
            "Planned end": due["planned_end"].map(short_day_text),
            "Latest status": due["status"],
        }
    ).reset_index(drop=True)
    if assessed["workstream"].nunique() == 1:
        table = table.drop(columns="Workstream")  # the brief's one workstream, named in its title and scope
    return table if any_status_recorded(assessed) else table.drop(columns="Latest status")


ACTIVITY_NAME_WORDS = 10  # an activity's short name holds at most this many words, unless its first phrase is longer
_PARENTHESIS = re.compile(r"\s\([^()]*\)")  # " (3)", " (and harmful)": left out of a short name
_FIRST_CLAUSE_END = re.compile(r"[,;:]|\s\(|\s[\u2013\u2014-]\s|[.?!](?:\s|$)|\s(?:so that|in order to)\s")
_PHRASE_START = re.compile(r"\s(?:to|with|for|by|towards|through|on|in|at|when|where|based|including)\s")


def activity_name(description: str, activity_id: str = "") -> str:
    """A short name for an activity, whole words and whole phrases, never cut mid-phrase: the first
    clause of its text without asides in brackets ("Finalize the Guidance, with checklist ..." ->
    "Finalize the Guidance"); a first clause longer than :data:`ACTIVITY_NAME_WORDS` words ends before
    the last phrase that starts within them ("Hold webinar with members to collect inputs on the first
    draft ..." -> "Hold webinar with members to collect inputs"), or stays whole when no phrase starts
    there. "activity ii" for an empty text."""
    text = _PARENTHESIS.sub("", " ".join(str(description).split()))
    clause = _FIRST_CLAUSE_END.split(text, maxsplit=1)[0].strip()
    if len(clause.split()) > ACTIVITY_NAME_WORDS:
        starts = [
            match.start()
            for match in _PHRASE_START.finditer(clause)
            if 3 <= len(clause[: match.start()].split()) <= ACTIVITY_NAME_WORDS
        ]
        clause = clause[: starts[-1]] if starts else clause
    return clause or f"activity {activity_id}".strip()


def _labeller(assessed: pd.DataFrame):
    """Name activities by their short name (:func:`activity_name`) and number: "Finalize the Guidance
    (vii)"; with several workstreams shown, the workstream after the number: "Finalize the Guidance (vii,
    Strengthening migrants' socio-economic integration)"."""
    one_workstream = assessed["workstream"].nunique() == 1
    return lambda row: (
        f"{activity_name(row['description'], row['activity_id'])} ({row['activity_id']}"
        + (")" if one_workstream else f", {row['workstream']})")
    )


def activity_labels(assessed: pd.DataFrame) -> list[str]:
    """Each activity's label as the brief's sentences name it (:func:`_labeller`), in the frame's order."""
    label = _labeller(assessed)
    return [label(row) for _, row in assessed.iterrows()]


NAMED_IN_FULL = (
    4  # a list of this many labels or fewer is named whole; a longer one names the first few and how many more
)


def _list(labels: list[str], separator: str = ", ") -> str:
    """The labels joined ("A, B and C"; with ``separator`` "; ", "A; B; and C"): all of them when there are
    :data:`NAMED_IN_FULL` or fewer, else the first three and how many more ("A, B, C and 2 more"), never
    "and 1 more" in place of a name that fits."""
    shown = labels if len(labels) <= NAMED_IN_FULL else labels[: NAMED_IN_FULL - 1]
    if len(labels) > len(shown):
        return separator.join(shown) + f" and {len(labels) - len(shown)} more"
    if separator == ", " or len(shown) < 2:
        return join_names(shown)
    return separator.join(shown[:-1]) + separator + "and " + shown[-1]  # "A, by 2 days; B, by 1 day; and C, ..."


STATUS_OPTIONS = f"the status options ({', '.join(STATUSES)})"  # as the Hub pages list them, none selected
INVENTED = "Under the invented statuses, "  # opens every sentence that rests on invented statuses
SUMMARY_MOST = 5


def months_between(earlier: pd.Timestamp, later: pd.Timestamp) -> int:
    """Whole months from ``earlier`` to ``later``: 31 December 2024 to 6 December 2026 is 23 months
    (24 are reached on 31 December 2026); 0 within the first month."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return max(0, months - (later.day < earlier.day and not _last_day_of_month(later)))


def _last_day_of_month(day: pd.Timestamp) -> bool:
    return (day + pd.Timedelta(days=1)).day == 1


def time_since_text(earlier: pd.Timestamp, later: pd.Timestamp) -> str:
    """How long before ``later`` ``earlier`` was: "23 months", or in days within the first month."""
    months = months_between(earlier, later)
    return count_of(months, "month") if months else days_text((later - earlier).days)


def all_plans_ended(summary: ProgressSummary) -> bool:
    """Every activity with a timeline was planned to have ended before the as-of day (not on it): the
    plan's calendar holds nothing due next, and the brief says how long ago it ended."""
    last = summary.last_planned_end
    return bool(summary.with_timeline) and last is not None and last < summary.as_of


def _planned_sentence(summary: ProgressSummary, day: str) -> str:
    """What was planned to have ended by the day; when every plan had ended, when the last ended and
    that nothing is due after it."""
    if not summary.with_timeline:
        which = (
            "The one activity has" if summary.activities == 1 else f"None of the {summary.activities} activities has"
        )
        return f"{which} {'no' if summary.activities == 1 else 'a'} timeline on its page, so none can be placed on a calendar."
    if summary.planned_done == summary.with_timeline:
        which = (
            "the one activity with a timeline was"
            if summary.with_timeline == 1
            else f"all {summary.with_timeline} activities with a timeline were"
        )
        if not all_plans_ended(summary):
            return f"By {day}, {which} planned to have ended."
        last = summary.last_end
        return (
            f"By {day}, {which} planned to have ended: the last planned end was {day_text(last)}, "
            f"{time_since_text(last, summary.as_of)} earlier, and none is planned after it, so nothing is due next."
        )
    return (
        f"By {day}, {summary.planned_done} of the {summary.with_timeline} activities with a timeline "
        f"({format_share(summary.planned_done, summary.with_timeline)}) "
        f"{verb_for(summary.planned_done, 'was', 'were')} planned to have ended."
    )


def due_next_sentence(progress: Progress) -> str | None:
    """What is due in the next quarter; without it, when the next planned end falls, or that none does.
    None when no activity has a timeline."""
    assessed, summary = progress.activities, progress.summary
    label = _labeller(assessed)
    if not summary.with_timeline:
        return None
    window = span_text(*summary.next_quarter)
    due = assessed[assessed["due_next"]].sort_values("planned_end", kind="stable")
    if len(due):
        return (
            f"{count_of(len(due), 'activity is', 'activities are')} due to end in the next quarter "
            f"({window}): {_list([label(row) for _, row in due.iterrows()])}."
        )
    if all_plans_ended(summary):
        return (
            f"Nothing is due: no activity on these pages is planned to end after {day_text(summary.last_end)}, "
            f"{time_since_text(summary.last_end, summary.as_of)} before {day_text(summary.as_of)}."
        )
    later = assessed[assessed["planned_end"] > summary.next_quarter[1]]
    if len(later):
        next_end = later["planned_end"].min()
        first = later[later["planned_end"] == next_end]
        return (
            f"No activity is due to end in the next quarter ({window}); the next planned end is "
            f"{day_text(next_end)}: {_list([label(row) for _, row in first.iterrows()])}."
        )
    return (
        f"Nothing is due in the next quarter ({window}): no activity on these pages is planned to end after "
        f"{day_text(summary.last_end)}."
    )


def no_status_sentence(summary: ProgressSummary) -> str:
    """The brief's one statement that no status is recorded, with why, said where it matters (the key
    messages); nothing else in a planned calendar repeats it."""
    which = "the one activity" if summary.activities == 1 else f"any of the {summary.activities} activities"
    return (
        f"Whether any activity was done is not on record: no status is recorded for {which} on or before "
        f"{day_text(summary.as_of)}: where the Hub pages list {STATUS_OPTIONS}, they do not show which is selected."
    )


STATUS_LOG_FILE = "data/status_log.csv"
STATUS_LOG_COLUMNS = ", ".join(column.name for column in STATUS_LOG.columns if column.required)


def how_to_record_sentence() -> str:
    """What a maintainer can do about a planned calendar: record the statuses, where and how. Said
    under "How to read this brief", never among the key messages."""
    return (
        f"To make this calendar a progress report, add each status a source confirms to {STATUS_LOG_FILE} "
        f"({STATUS_LOG_COLUMNS}) and run the brief again: it then sets the record against the plan."
    )


def record_sentences(progress: Progress, invented: bool = False) -> list[str]:
    """What the status record shows: that it shows nothing, said plainly, or recorded against
    planned, the overdue, the late completions and the activities without a status. With
    ``invented``, a sentence that rests on the statuses says so in itself, so that no copied
    sentence reads as a fact about a real workstream."""
    assessed, summary = progress.activities, progress.summary
    label = _labeller(assessed)
    day = day_text(summary.as_of)
    if summary.recorded_share is None:
        return [no_status_sentence(summary)]
    opening = INVENTED if invented else ""
    sentences = []
    gap = summary.planned_done - summary.completed
    relation = (
        "level with the plan"
        if gap == 0
        else f"{abs(gap)} {'fewer' if gap > 0 else 'more'} than the {summary.planned_done} planned to have ended"
    )
    sentences.append(
        f"{opening}{share_text(summary.completed, summary.with_timeline)} "
        f"{verb_for(summary.completed, 'is', 'are')} recorded as Completed, "
        f"{relation}."
    )
    # a disputed status is said before what rests on it (the key messages keep the first few sentences)
    disputed = assessed[assessed["status_disputed"] != ""] if "status_disputed" in assessed else assessed.iloc[:0]
    if len(disputed):
        which = "; ".join(
            f"{label(r)}: {r['status_disputed']} for {short_day_text(r['status_as_of'])}"
            for _, r in disputed.iterrows()
        )
        sentences.append(
            f"{opening}The latest status of {count_of(len(disputed), 'activity is', 'activities are')} "
            f"disputed and not yet settled; this brief counts the row recorded last: {which}."
        )
    overdue = assessed[assessed["overdue"]].sort_values("days_overdue", ascending=False, kind="stable")
    due_today = assessed[assessed["due_on_the_day"]]
    unfinished = "not yet Completed"
    if len(overdue):
        # longest first, each with how long: "Develop the first draft of the Guidance (iv), by 274 days"; those due
        # on the day itself (not overdue) counted beside them, so that the message is as full as the table
        names = _list(
            [f"{label(r)}, {overdue_text(int(r['days_overdue']))}" for _, r in overdue.iterrows()], separator="; "
        )
        order = ", longest first" if len(overdue) > 1 else ""
        if len(due_today):
            due = verb_for(len(due_today), "is", "are")
            order = f", and {len(due_today)} more {due} due on {day} itself, {unfinished}; the overdue" + (
                ", longest first" if len(overdue) > 1 else " one"
            )
        sentences.append(
            f"{opening}{count_of(len(overdue), 'activity is', 'activities are')} overdue "
            f"(planned end before {day}, recorded as Yet to start or In progress){order}: {names}."
        )
    elif len(due_today):
        sentences.append(
            f"{opening}{count_of(len(due_today), 'activity is', 'activities are')} due on {day} itself, {unfinished}: {_list([label(r) for _, r in due_today.iterrows()])}."
        )
    late = assessed[assessed["completed_late"]]
    if len(late):
        sentences.append(
            f"{opening}{count_of(len(late), 'activity was', 'activities were')} first recorded as "
            f"Completed after the planned end, by {median_or_values(late['slippage_days'], 'day')} (the day "
            "of the record, which may be after the work ended)."
        )
    unrecorded = summary.activities - summary.recorded
    if unrecorded:
        sentences.append(
            f"{opening}{unrecorded} of the {summary.activities} activities have no status recorded on or before {day}."
        )
    return sentences


def key_findings(
    progress: Progress, statuses_invented: bool = False, day: str | None = None, events_sentence: str | None = None
) -> list[str]:
    """Three to five sentences a busy reader could forward, in the order of the brief's question:
    what was planned to have ended by the as-of day (written ``day``, e.g. "6 December 2026, the day
    this brief was made"; else the day itself), what is due in the next quarter, what the status
    record shows (with ``statuses_invented`` each such sentence says the statuses are invented), and
    the activities with no timeline, while there is room. Shares are written as :func:`share_text`
    writes them in the portfolio table and the progress chart. A planned calendar (no status recorded)
    says, after the plan, what the pages show happened (``events_sentence``, :func:`.events.events_sentence`),
    and that no status is recorded; how to record one is for "How to read this brief"
    (:func:`how_to_record_sentence`), not a message to forward."""
    assessed, summary = progress.activities, progress.summary
    label = _labeller(assessed)
    sentences = [_planned_sentence(summary, day or day_text(summary.as_of))]
    due_next = None if all_plans_ended(summary) else due_next_sentence(progress)
    sentences += [due_next] if due_next else []
    calendar = summary.recorded_share is None
    sentences += [events_sentence] if events_sentence and calendar else []
    sentences += record_sentences(progress, statuses_invented)
    if summary.timeline_missing:
        missing = assessed[assessed["planned_end"].isna()]
        sentences.append(
            f"{count_of(summary.timeline_missing, 'activity has', 'activities have')} no timeline because the "
            f"project's copy of its page stops before it: {_list([label(r) for _, r in missing.iterrows()])}."
        )
    return sentences[:SUMMARY_MOST]
