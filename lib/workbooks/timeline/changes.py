"""What changed in the timeline brief's facts since its previous edition (presentation/editions.py).

The facts tracked are each activity shown, by workstream and number: its name, its planned state on the
as-of day (ended, under way, not yet due), whether it is overdue, and its latest recorded status with the
day it was recorded for. :func:`changes_since` compares two editions' tracked facts, and nothing else.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common.wording import count_of
from ..presentation import editions
from ..presentation.editions import Change, SinceLastEdition, added_gone_kept, day_words
from ..tables.vocabularies import NOT_RECORDED
from .inputs import TimelineInputs
from .progress import PLANNED_ENDED, Progress, activity_labels

NOTHING_CHANGED = (
    "No activity newly planned to have ended or newly overdue, no status recorded, and no activity added or gone."
)


def tracked_facts(progress: Progress, statuses_invented: bool = False) -> dict:
    """The facts an edition records for the next one to compare with (plain JSON values)."""
    assessed = progress.activities
    activities = {}
    for label, row in zip(activity_labels(assessed), assessed.to_dict("records")):
        recorded_for = row["status_as_of"] if row["status_recorded"] else None
        activities[f"{row['workstream']}|{row['activity_id']}"] = {
            "label": label,
            "state": row["planned_state"],
            "overdue": bool(row["overdue"]),
            "status": row["status"],
            "status_as_of": f"{recorded_for:%Y-%m-%d}" if pd.notna(recorded_for) else "",
        }
    return {
        "as_of": f"{progress.as_of:%Y-%m-%d}",
        "statuses_invented": bool(statuses_invented),
        "activities": activities,
    }


def _day(iso: str) -> str:
    try:
        return day_words(date.fromisoformat(iso))
    except (TypeError, ValueError):
        return ""


def _status_change(now: dict, before: dict) -> str:
    """One activity's status change in words, each status with the day it was recorded on (the day a source
    confirmed it, never read as the day the work ended): "Finalize the Guidance (vii): recorded as Completed on
    31 May 2024 (was In progress, recorded on 1 March 2024)"."""
    was = before["status"] + (f", recorded on {_day(before['status_as_of'])}" if before.get("status_as_of") else "")
    if now["status"] == NOT_RECORDED:
        return f"{now['label']}: no status recorded now (was {was})"
    recorded = f" on {_day(now['status_as_of'])}" if now.get("status_as_of") else ""
    return f"{now['label']}: recorded as {now['status']}{recorded} (was {was})"


def changes_since(previous: dict, current: dict) -> list[str]:
    """What changed between two editions' tracked facts (:func:`tracked_facts`), one sentence per kind of
    change, in this order: activities newly planned to have ended, newly overdue, statuses recorded or
    changed, activities new in the brief, activities no longer in it. [] when nothing changed."""
    before, now = previous.get("activities") or {}, current.get("activities") or {}
    added, removed, both = added_gone_kept(before, now)
    invented = " (invented)" if current.get("statuses_invented") else ""

    def activities(labels: list[str]) -> str:
        return count_of(len(labels), "activity", "activities")

    changes: list[str] = []
    ended = [now[key]["label"] for key in both if now[key]["state"] == PLANNED_ENDED != before[key]["state"]]
    if ended:
        changes.append(Change(f"{activities(ended)} newly planned to have ended", ended))
    overdue = [now[key]["label"] for key in both if now[key]["overdue"] and not before[key]["overdue"]]
    if overdue:
        changes.append(Change(f"{activities(overdue)} newly overdue{invented}", overdue))
    statuses = [
        _status_change(now[key], before[key])
        for key in both
        if (now[key]["status"], now[key]["status_as_of"]) != (before[key]["status"], before[key]["status_as_of"])
    ]
    if statuses:
        changes.append(
            Change(f"{count_of(len(statuses), 'status', 'statuses')} recorded or changed{invented}", statuses)
        )
    if added:
        changes.append(Change(f"{activities(added)} new in the brief", added))
    if removed:
        changes.append(
            Change(
                f"{activities(removed)} no longer in the brief (gone from the plan, or from the workstreams chosen)",
                removed,
            )
        )
    return changes


def as_of_context(previous: dict, current: dict) -> str:
    """The as-of day then and now, where it moved: not a change in the facts, but the day they are read on."""
    then, now = previous.get("as_of", ""), current.get("as_of", "")
    if not then or then == now:
        return ""
    return f"The previous edition was as of {_day(then)}; this one is as of {_day(now)}."


def since_last_edition(inputs: TimelineInputs, previous_edition: str | None) -> SinceLastEdition:
    """The section "Since the last edition" of a timeline brief, from the path of the previous edition's
    record the brief runner gives ("" for a first edition; None, by hand: nothing shown)."""
    return editions.since_last_edition(
        previous_edition,
        tracked_facts(inputs.progress, inputs.statuses_invented),
        changes_since,
        as_of_context,
        NOTHING_CHANGED,
    )
