"""Timeline progress: planned periods against recorded statuses, as of any date.

All functions take DataFrames and plain values and return DataFrames or plain values; loading
lives in :mod:`.inputs`, drawing in :mod:`.charts`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common.roman import numeral_position
from ..common.text import shorten
from ..tables.vocabularies import COMPLETED, FLAG_CUT_OFF, IN_PROGRESS, NOT_RECORDED, YET_TO_START
from .status import latest_status

KEY = ["workstream", "activity_id"]

PLANNED_NOT_DUE = "not yet due to start"
PLANNED_UNDER_WAY = "planned to be under way"
PLANNED_ENDED = "planned to have ended"
PLANNED_UNKNOWN = "timeline not on the page"


def unknown_status_rows(activities: pd.DataFrame, status_log: pd.DataFrame) -> pd.DataFrame:
    """Status-log rows naming an activity that activities.csv does not have (index kept)."""
    known = pd.MultiIndex.from_frame(activities[KEY].astype(str))
    logged = pd.MultiIndex.from_frame(status_log[KEY].astype(str))
    return status_log[~logged.isin(known)]


def assess_activities(activities: pd.DataFrame, status_log: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per activity with its latest status on ``as_of`` (a day, parsed where it entered) and
    the progress flags.

    Added columns: status (or 'Not recorded'), status_as_of, status_source, completed_on,
    planned_state, end_passed, overdue (planned end passed and a recorded status other than
    Completed), late_start (planned start passed, still Yet to start), completed_late,
    slippage_days (completion recorded after the planned end: days between them),
    days_overdue, status_recorded.
    """
    latest = latest_status(status_log, as_of)
    frame = activities.merge(latest, on=KEY, how="left")
    frame["status"] = frame["status"].fillna(NOT_RECORDED)
    start, end = frame["planned_start"], frame["planned_end"]
    has_timeline = end.notna() & start.notna()
    frame["planned_state"] = np.select(
        [~has_timeline, as_of < start, as_of > end],
        [PLANNED_UNKNOWN, PLANNED_NOT_DUE, PLANNED_ENDED],
        PLANNED_UNDER_WAY,
    )
    frame["status_recorded"] = frame["status"] != NOT_RECORDED
    frame["end_passed"] = has_timeline & (end < as_of)
    frame["overdue"] = frame["end_passed"] & frame["status"].isin([YET_TO_START, IN_PROGRESS])
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


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else float("nan")


def portfolio_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """One row per workstream: counts, planned against recorded completion, problem flags."""
    rows = []
    for workstream, group in assessed.groupby("workstream", sort=True):
        timed = group["planned_end"].notna()
        recorded = group["status_recorded"].any()
        completed = int(((group["status"] == COMPLETED) & timed).sum())
        rows.append({
            "Workstream": workstream,
            "Activities": len(group),
            "With timeline": int(timed.sum()),
            "Planned period": (f"{group['planned_start'].min():%b %Y} – {group['planned_end'].max():%b %Y}"
                               if timed.any() else "—"),
            "Planned done %": _percent(int(group["end_passed"].sum()), int(timed.sum())),
            "Recorded done %": _percent(completed, int(timed.sum())) if recorded else float("nan"),
            "Status recorded": int(group["status_recorded"].sum()),
            "Overdue": int(group["overdue"].sum()),
            "Late start": int(group["late_start"].sum()),
            "Completed late": int(group["completed_late"].sum()),
        })
    columns = ["Workstream", "Activities", "With timeline", "Planned period", "Planned done %", "Recorded done %",
               "Status recorded", "Overdue", "Late start", "Completed late"]
    return pd.DataFrame(rows, columns=columns)


def activity_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """The per-activity table shown in briefs: plan, status and flags in words."""
    def flags(row) -> str:
        words = []
        if row["overdue"]:
            words.append(f"overdue by {row['days_overdue']} days")
        if row["late_start"]:
            words.append("late start")
        if row["completed_late"]:
            words.append(f"completed {row['slippage_days']} days late")
        if pd.isna(row["planned_end"]):
            words.append("page stops before its timeline" if FLAG_CUT_OFF in str(row.get("flags", "")) else "no timeline")
        return "; ".join(words)

    table = pd.DataFrame({
        "Workstream": assessed["workstream"],
        "Activity": assessed["activity_id"],
        "Description": assessed["description"].map(lambda text: shorten(text, 110)),
        "Timeline": assessed["timeline_raw"].fillna(""),
        "Planned": assessed["planned_state"],
        "Status": assessed["status"],
        "Recorded on": assessed["status_as_of"].map(lambda d: "" if pd.isna(d) else f"{pd.Timestamp(d):%Y-%m-%d}"),
        "Flags": assessed.apply(flags, axis=1) if len(assessed) else pd.Series(dtype=str),
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
    """Two to four sentences computed from the numbers, most important first."""
    assessed, summary = progress.activities, progress.summary
    day = f"{summary.as_of:%-d %B %Y}"
    _label = _labeller(assessed)
    sentences = []
    if summary.with_timeline:
        sentences.append(
            f"As of {day}, {summary.planned_done} of the {summary.with_timeline} activities with a timeline "
            f"({summary.planned_share:.0%}) were planned to have ended."
        )
    else:
        sentences.append(f"As of {day}, none of the {summary.activities} activities has a timeline on its page.")
    if summary.recorded_share is None:
        sentences.append(
            f"No status is recorded on or before {day} for any of the {summary.activities} activities, "
            "so recorded progress cannot be set against the plan."
        )
    else:
        gap = (summary.planned_share or 0) - summary.recorded_share
        points = round(abs(gap) * 100)
        if points == 0:
            relation = "level with the plan"
        else:
            relation = f"{points} percentage points {'behind' if gap > 0 else 'ahead of'} the plan"
        sentences.append(
            f"{summary.completed} of {summary.with_timeline} ({summary.recorded_share:.0%}) are recorded as "
            f"Completed, {relation}."
        )
    overdue = assessed[assessed["overdue"]].sort_values("days_overdue", ascending=False)
    if len(overdue):
        worst = overdue.iloc[0]
        sentences.append(
            f"{len(overdue)} {'activity is' if len(overdue) == 1 else 'activities are'} overdue "
            f"(planned end passed, not Completed): {_list([_label(r) for _, r in overdue.iterrows()])}; "
            f"the longest, {_label(worst)}, by {worst['days_overdue']} days."
        )
    late = assessed[assessed["completed_late"]]
    if len(late) and len(sentences) < 4:
        sentences.append(
            f"{len(late)} {'activity was' if len(late) == 1 else 'activities were'} recorded as Completed after "
            f"the planned end, by a median of {int(late['slippage_days'].median())} days."
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
