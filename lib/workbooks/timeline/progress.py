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
- *overdue*: ended, and the latest recorded status is Yet to start or In progress; it is overdue by
  the days from the planned end to the as-of day (0 when the planned end is the as-of day itself:
  due that day and not recorded as Completed), the slippage it would have if completed that day;
- *late start*: planned to be under way or ended (planned start on or before the as-of day) and
  still recorded as Yet to start;
- *completed late*: the first Completed record falls after the planned end (a completion recorded
  on the planned end is on time); slippage is the days between them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common.numbers import format_number, format_share
from ..common.roman import numeral_position
from ..tables.vocabularies import (
    COMPLETED,
    FLAG_CUT_OFF,
    IN_PROGRESS,
    NOT_RECORDED,
    YET_TO_START,
)
from .status import latest_status

KEY = ["workstream", "activity_id"]

PLANNED_NOT_DUE = "not yet due to start"
PLANNED_UNDER_WAY = "planned to be under way"
PLANNED_ENDED = "planned to have ended"
PLANNED_UNKNOWN = "timeline not on the page"


def assess_activities(activities: pd.DataFrame, status_log: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per activity with its latest status on ``as_of`` (a day, parsed where it entered,
    read at its end: see the module docstring) and the progress flags.

    Added columns: status (latest recorded on or before ``as_of``, or 'Not recorded'), status_as_of,
    status_source, completed_on, planned_state, end_passed (planned end on or before ``as_of``),
    overdue (ended and recorded as Yet to start or In progress), days_overdue (``as_of`` minus the
    planned end: 0 on the planned end itself), late_start (planned start on or before ``as_of``,
    still Yet to start), completed_late (first Completed record after the planned end),
    slippage_days (days from the planned end to that record), status_recorded.
    """
    latest = latest_status(status_log, as_of)
    frame = activities.merge(latest, on=KEY, how="left")
    frame["status"] = frame["status"].fillna(NOT_RECORDED)
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
    frame["overdue"] = ended & frame["status"].isin([YET_TO_START, IN_PROGRESS])
    frame["days_overdue"] = ((as_of - end).dt.days).where(frame["overdue"]).astype("Int64")
    frame["late_start"] = started & (frame["status"] == YET_TO_START)
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

    @property
    def planned_share(self) -> float | None:
        return self.planned_done / self.with_timeline if self.with_timeline else None

    @property
    def recorded_share(self) -> float | None:
        """Share of activities with a timeline recorded as Completed; None when no status is recorded."""
        if not self.recorded or not self.with_timeline:
            return None
        return self.completed / self.with_timeline


def summarise_progress(assessed: pd.DataFrame, as_of: pd.Timestamp) -> ProgressSummary:
    with_timeline = assessed["planned_end"].notna()
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
    """"1 day", "46 days"."""
    return f"{days} day" if days == 1 else f"{days} days"


ENDS_ON_THE_DAY = "planned to end on that day"


def overdue_text(days: int) -> str:
    """How long an activity is overdue: "by 46 days", or on its planned end itself (0 days),
    "planned to end on that day"."""
    return ENDS_ON_THE_DAY if days == 0 else f"by {days_text(days)}"


def median_days_text(days: pd.Series) -> str:
    """The median of whole days as written: whole when it is whole ("20 days"), else with its one
    decimal ("71.5 days"; the median of whole numbers is whole or ends in .5)."""
    median = float(days.median())
    written = format_number(median, 0 if median.is_integer() else 1)
    return f"{written} day" if written == "1" else f"{written} days"


def portfolio_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """One row per workstream: counts, planned against recorded completion ("2 of 4 (50%)", "—"
    where no status is recorded), problem flags. Plain-English headers, as shown in briefs."""
    rows = []
    for workstream, group in assessed.groupby("workstream", sort=True):
        timed = group["planned_end"].notna()
        with_timeline = int(timed.sum())
        recorded = group["status_recorded"].any()
        completed = int(((group["status"] == COMPLETED) & timed).sum())
        rows.append({
            "Workstream": workstream,
            "Activities": len(group),
            "With a timeline": with_timeline,
            "Planned period": (f"{group['planned_start'].min():%b %Y} – {group['planned_end'].max():%b %Y}"
                               if timed.any() else "—"),
            "Planned to have ended": share_text(int(group["end_passed"].sum()), with_timeline),
            "Recorded as Completed": share_text(completed, with_timeline) if recorded else "—",
            "Status recorded": int(group["status_recorded"].sum()),
            # with no status recorded these cannot be known: a dash, not a zero
            "Overdue": int(group["overdue"].sum()) if recorded else "—",
            "Late start": int(group["late_start"].sum()) if recorded else "—",
            "Completed late": int(group["completed_late"].sum()) if recorded else "—",
        })
    columns = ["Workstream", "Activities", "With a timeline", "Planned period", "Planned to have ended",
               "Recorded as Completed", "Status recorded", "Overdue", "Late start", "Completed late"]
    return pd.DataFrame(rows, columns=columns)


def activity_flags(row) -> str:
    """One activity's flags in words: overdue (by how many days), late start, completed late,
    no timeline."""
    words = []
    if row["overdue"]:
        days = int(row["days_overdue"])
        words.append(f"overdue, {ENDS_ON_THE_DAY}" if days == 0 else f"overdue {overdue_text(days)}")
    if row["late_start"]:
        words.append("late start")
    if row["completed_late"]:
        words.append(f"completed {days_text(int(row['slippage_days']))} late")
    if pd.isna(row["planned_end"]):
        words.append("page stops before its timeline" if FLAG_CUT_OFF in str(row.get("flags", "")) else "no timeline")
    return "; ".join(words)


PAGE_WORDING, PARAPHRASE_WORDING = "as on the page", "our paraphrase (the stored page was rebuilt)"
STOPS_HERE = "[… the stored copy of the page stops here]"


def activity_table(assessed: pd.DataFrame, paraphrased_sources=()) -> pd.DataFrame:
    """The per-activity table shown in briefs: plan, status and flags in words; each activity's
    text in full (the brief's HTML makes long text expandable), and whether that text is the page's
    own wording or a paraphrase (activities read from ``paraphrased_sources``)."""
    paraphrased = set(paraphrased_sources)
    table = pd.DataFrame({
        "Workstream": assessed["workstream"],
        "No.": assessed["activity_id"],
        "Activity": [f"{text} {STOPS_HERE}" if FLAG_CUT_OFF in str(flags) else text
                     for text, flags in zip(assessed["description"], assessed.get("flags", pd.Series("", index=assessed.index)))],
        "Wording": assessed.get("source", pd.Series("", index=assessed.index)).map(
            lambda source: PARAPHRASE_WORDING if source in paraphrased else PAGE_WORDING),
        "Timeline on the page": assessed["timeline_raw"].fillna(""),
        "Planned, as of the day": assessed["planned_state"],
        "Latest status": assessed["status"],
        "Status recorded on": assessed["status_as_of"].map(lambda d: "" if pd.isna(d) else f"{pd.Timestamp(d):%-d %b %Y}"),
        "Flags": assessed.apply(activity_flags, axis=1) if len(assessed) else pd.Series(dtype=str),
    })
    return table.reset_index(drop=True)


def _labeller(assessed: pd.DataFrame):
    """Name activities by id alone when one workstream is shown, else by workstream and id."""
    if assessed["workstream"].nunique() == 1:
        return lambda row: f"activity {row['activity_id']}"
    return lambda row: f"{row['workstream']} ({row['activity_id']})"


def _list(labels: list[str], limit: int = 3) -> str:
    shown = labels[:limit]
    text = ", ".join(shown)
    return text + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def key_findings(progress: Progress) -> list[str]:
    """Two to four sentences computed from the numbers, most important first. Shares are written
    as :func:`share_text` writes them in the portfolio table and the progress chart."""
    assessed, summary = progress.activities, progress.summary
    day = f"{summary.as_of:%-d %B %Y}"
    _label = _labeller(assessed)
    sentences = []
    if summary.with_timeline:
        sentences.append(
            f"As of {day}, {summary.planned_done} of the {summary.with_timeline} activities with a timeline "
            f"({format_share(summary.planned_done, summary.with_timeline)}) were planned to have ended."
        )
    else:
        sentences.append(f"As of {day}, none of the {summary.activities} activities has a timeline on its page.")
    if summary.recorded_share is None:
        sentences.append(
            f"No status is recorded on or before {day} for any of the {summary.activities} activities, "
            "so recorded progress cannot be set against the plan."
        )
    else:
        gap = summary.planned_done - summary.completed
        if gap == 0:
            relation = "level with the plan"
        else:
            relation = (f"{abs(gap)} {'fewer' if gap > 0 else 'more'} than the {summary.planned_done} planned to "
                        "have ended")
        sentences.append(
            f"{share_text(summary.completed, summary.with_timeline)} are recorded as Completed, {relation}."
        )
    overdue = assessed[assessed["overdue"]].sort_values("days_overdue", ascending=False, kind="stable")
    if len(overdue):
        worst = overdue.iloc[0]
        longest = int(worst["days_overdue"])
        names = _list([_label(r) for _, r in overdue.iterrows()])
        if len(overdue) == 1:
            which = f"{names}, {overdue_text(longest)}"
        elif longest == 0:
            which = f"{names}, each {ENDS_ON_THE_DAY}"
        else:
            which = f"{names}; the longest, {_label(worst)}, {overdue_text(longest)}"
        due_today = int((overdue["days_overdue"] == 0).sum())
        today = (f"; {due_today} of them {'was' if due_today == 1 else 'were'} due that very day"
                 if 0 < due_today < len(overdue) else "")
        sentences.append(
            f"{len(overdue)} {'activity is' if len(overdue) == 1 else 'activities are'} overdue "
            f"(planned end reached, not Completed{today}): {which}."
        )
    late = assessed[assessed["completed_late"]]
    if len(late) and len(sentences) < 4:
        sentences.append(
            f"{len(late)} {'activity was' if len(late) == 1 else 'activities were'} recorded as Completed after "
            f"the planned end, by {'' if len(late) == 1 else 'a median of '}{median_days_text(late['slippage_days'])}."
        )
    unrecorded = summary.activities - summary.recorded
    if summary.recorded and unrecorded and len(sentences) < 4:
        sentences.append(f"{unrecorded} of the {summary.activities} activities have no status recorded on or before {day}.")
    if summary.timeline_missing and len(sentences) < 4:
        missing = assessed[assessed["planned_end"].isna()]
        sentences.append(
            f"{summary.timeline_missing} {'activity has' if summary.timeline_missing == 1 else 'activities have'} "
            f"no timeline because the stored page stops before it: {_list([_label(r) for _, r in missing.iterrows()])}."
        )
    return sentences[:4]
