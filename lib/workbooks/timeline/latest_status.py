"""The latest recorded status of each activity on a date (the vocabulary is in :mod:`workbooks.tables.vocabularies`)."""

from __future__ import annotations

import pandas as pd

from ..common.wording import as_named, count_of, join_names
from ..tables.decisions import agreement, decisions_that_count, disagreements
from ..tables.layouts import STATUS_LOG
from ..tables.review_status import ReviewStatus
from ..tables.vocabularies import COMPLETED


def latest_status(status_log: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per (workstream, activity_id): the latest status recorded on or before ``as_of``.

    Columns: workstream, activity_id, status, status_as_of, status_source, status_note, completed_on (the date
    of the first Completed record on or before ``as_of``; an upper bound on the completion date),
    status_disputed (where reviewers recorded different statuses for that activity and day and none
    settled it: who recorded what, :func:`disputed_words`; else "").
    A status recorded twice for the same activity and day counts once: the latest recorded
    (tables/decisions.py, the one rule).
    """
    key = ["workstream", "activity_id"]
    columns = key + ["status", "status_as_of", "status_source", "status_note", "completed_on", "status_disputed"]
    recorded = status_log[status_log["as_of"] <= as_of]
    known = decisions_that_count(recorded, STATUS_LOG)
    if known.empty:
        return pd.DataFrame(columns=columns)
    ordered = known.sort_values(key + ["as_of"], kind="stable")
    latest = ordered.groupby(key, sort=False).tail(1)
    latest = latest.rename(columns={"as_of": "status_as_of", "source": "status_source"})
    latest["status_note"] = (
        latest["note"].fillna("").astype(str).str.strip() if "note" in latest else pd.Series("", index=latest.index)
    )
    first_completed = (
        ordered[ordered["status"] == COMPLETED]
        .groupby(key, as_index=False)[["as_of"]]
        .min()
        .rename(columns={"as_of": "completed_on"})
    )
    latest = latest.merge(first_completed, on=key, how="left")
    latest.loc[latest["status"] != COMPLETED, "completed_on"] = pd.NaT
    disputed = disputed_words(recorded)
    latest["status_disputed"] = [
        disputed.get(unit, "") for unit in zip(latest["workstream"], latest["activity_id"], latest["status_as_of"])
    ]
    return latest[columns].reset_index(drop=True)


def disputed_words(status_log: pd.DataFrame) -> dict[tuple, str]:
    """Per (workstream, activity_id, as_of) that reviewers recorded differently and nobody settled
    (tables/decisions.py: :func:`disagreements`): who recorded what, in the file's order, "Ana Lima
    recorded Completed, Ben Ode In progress"."""
    if "reviewer" not in status_log:  # a log naming no reviewer has nobody to disagree
        return {}
    found = disagreements(status_log, STATUS_LOG)
    words = {}
    for unit, rows in found.groupby(["workstream", "activity_id", "as_of"], sort=False):
        said = [
            f"{as_named(row['reviewer']) or 'a row naming no reviewer'} {'recorded ' if not position else ''}"
            f"{row['status']}"
            for position, (_, row) in enumerate(rows.iterrows())
        ]
        words[unit] = join_names(said, "and")
    return words


def recorded_by_words(status_log: pd.DataFrame) -> str:
    """Who recorded these statuses, as the log names them, people apart from AI assistants (never "a person"),
    and how far reviewers agree where two or more recorded the same activity and day on their own: "Recorded by
    Ana Lima and Ben Ode, and by an AI assistant, not a person: Claude. On the 2 statuses that 2 reviewers checked on their own, they agree on 1 ...".
    "" where no row names who recorded it."""
    named = (
        status_log["reviewer"].fillna("").astype(str).str.strip() if "reviewer" in status_log else pd.Series(dtype=str)
    )
    who = ReviewStatus.of(named)
    if not who.checked:
        return ""
    kinds = [join_names([as_named(name) for name in who.people])] if who.people else []
    kinds += (
        [
            f"{'an AI assistant' if len(who.assistants) == 1 else 'AI assistants'}, not a person: "
            f"{join_names([as_named(name) for name in who.assistants])}"
        ]
        if who.assistants
        else []
    )
    unnamed = int((named == "").sum())
    text = (
        f"Recorded by {', and by '.join(kinds)}"
        + (f"; {count_of(unnamed, 'row names', 'rows name')} nobody" if unnamed else "")
        + "."
    )
    measured = agreement(status_log, STATUS_LOG)
    return text + (f" {measured.sentence('status')}" if measured is not None and measured.compared else "")
