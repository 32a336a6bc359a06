"""Decisions kept with their history (data/code_reviews.csv, data/assessments.csv, data/status_log.csv):
which one counts, which reviewers decided on their own, how far they agree, and where they disagree.

A table of decisions declares its unit, the column compared and its date once, in its layout
(:class:`workbooks.tables.layouts.DecisionHistory`). Rows are only ever added, never overwritten:

- **the decision that counts** on a unit is the latest: by its date and, on the same date, the row
  further down the file (:func:`decisions_that_count`; the review workbench appends, so the last row
  written counts). A settling decision is a decision like any other: it counts because it comes last.
- **independent** decisions are those made without seeing another reviewer's: those made in blind mode,
  and the first decision recorded on a unit, by whoever made it, when no other reviewer had decided it yet
  (:func:`independent_decisions`). What came first is read from the order of the rows in the file, not
  from their dates: every writer appends (the workbench, ``import-qda``), while a status log is dated by
  the day a status held and an import may be dated by hand. Settling decisions are never independent.
- **agreement** is Krippendorff's alpha (the ``krippendorff`` package) over each reviewer's latest
  independent decision, on the units that two reviewers or more decided (:func:`agreement`): it takes
  any number of reviewers, units that only some of them decided, and ordinal scores.
- **a disagreement** is a unit whose reviewers' latest decisions differ in meaning while its latest
  decision is not a settling one (:func:`disagreements`). Where the latest decision is a person's, only
  people's decisions are compared: a person who checks an AI assistant's decision and differs from it
  corrects it, and nothing is left to settle (where an AI assistant decided last, against a person, it is). Where reviewers decided a unit differently on
  their own and it is no longer a disagreement, it was **settled**, by whoever made the decision that
  counts (the agreement says how many, and by whom).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

from .layouts import DecisionHistory, TableLayout
from .review_status import Agreement, is_person
from .vocabularies import BLIND, SETTLING

ORDER = "_order"  # a decision's place in the history: date, then place in the file


def history_of(layout: TableLayout) -> DecisionHistory:
    """How a table of decisions keeps them (its unit, compared column, date); ValueError for another table."""
    if layout.decisions is None:
        raise ValueError(f"the {layout.name} layout keeps no decisions")
    return layout.decisions


def in_order(decisions: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """The decisions oldest first: by their date, and on the same date in file order (stable)."""
    history = history_of(layout)
    ordered = decisions.reset_index(drop=True)
    ordered = ordered.assign(**{ORDER: range(len(ordered))})
    return ordered.sort_values([history.date, ORDER], kind="stable").reset_index(drop=True)


def decisions_that_count(decisions: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """One row per unit: its latest decision (the one rule). Units keep the order of their first
    decision in the file."""
    history = history_of(layout)
    if decisions.empty:
        return decisions.reset_index(drop=True)
    ordered = in_order(decisions, layout)
    latest = ordered.groupby(list(history.unit), sort=False, dropna=False).tail(1)
    first_seen = {
        key: position
        for position, key in enumerate(dict.fromkeys(decisions[list(history.unit)].itertuples(index=False, name=None)))
    }
    keys = [first_seen[key] for key in latest[list(history.unit)].itertuples(index=False, name=None)]
    return latest.iloc[np.argsort(keys, kind="stable")].drop(columns=ORDER).reset_index(drop=True)


def independent_decisions(decisions: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """Each reviewer's latest independent decision on each unit (see the module's docstring), with its
    meaning in the column ``meaning``."""
    history = history_of(layout)
    columns = [*history.unit, "reviewer", history.compared, "meaning"]
    if decisions.empty:
        return pd.DataFrame(columns=columns)
    kept = []
    for _, unit in decisions.reset_index(drop=True).groupby(list(history.unit), sort=False, dropna=False):
        seen: set[str] = set()  # reviewers with a row on the unit further up the file (recorded before this one)
        for _, row in unit.iterrows():
            reviewer = str(row["reviewer"]).strip()
            mode = str(row.get("mode", "") or "")
            if mode != SETTLING and (mode == BLIND or not (seen - {reviewer})):
                kept.append(row)
            seen.add(reviewer)
    if not kept:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(kept).assign(reviewer=lambda f: f["reviewer"].astype(str).str.strip())
    latest = frame.groupby([*history.unit, "reviewer"], sort=False, dropna=False).tail(1)
    latest = latest.assign(meaning=[history.meaning_of(value) for value in latest[history.compared]])
    return latest[columns].reset_index(drop=True)


def agreement(decisions: pd.DataFrame, layout: TableLayout) -> Agreement | None:
    """Krippendorff's alpha over the independent decisions (None where no unit has two reviewers'):
    nominal for codes and statuses, ordinal for scores, as the layout says. Where every decision
    compared says the same, alpha is undefined (None) and ``agreeing`` equals ``compared``."""
    history = history_of(layout)
    independent = independent_decisions(decisions, layout)
    if independent.empty:
        return None
    unit = list(history.unit)
    per_unit = independent.groupby(unit, sort=False, dropna=False)
    compared = [group for _, group in per_unit if group["reviewer"].nunique() >= 2]
    if not compared:
        return None
    agreeing = sum(group["meaning"].nunique() == 1 for group in compared)
    reviewers = sorted({name for group in compared for name in group["reviewer"]})
    both = pd.concat(compared)
    values = sorted(set(both["meaning"]), key=_ordinal_key if history.level == "ordinal" else str)
    alpha = None
    if len(values) > 1:
        number = {value: position for position, value in enumerate(values)}
        matrix = np.full((len(reviewers), len(compared)), np.nan)
        for column, group in enumerate(compared):
            for _, row in group.iterrows():
                matrix[reviewers.index(row["reviewer"]), column] = number[row["meaning"]]
        alpha = float(
            krippendorff.alpha(
                reliability_data=matrix, level_of_measurement=history.level, value_domain=list(range(len(values)))
            )
        )
    disputed = [group for group in compared if group["meaning"].nunique() > 1]
    settled_by = _settled_by(decisions, layout, [tuple(group[unit].iloc[0]) for group in disputed])
    return Agreement(
        alpha=alpha,
        compared=len(compared),
        agreeing=int(agreeing),
        reviewers=len(reviewers),
        settled=len(settled_by),
        settled_by=tuple(dict.fromkeys(settled_by)),
    )


def _settled_by(decisions: pd.DataFrame, layout: TableLayout, units: list[tuple]) -> list[str]:
    """Of ``units`` on which reviewers decided differently on their own, those no longer to settle (not
    among :func:`disagreements`): who made the decision that counts on each, in the order given."""
    if not units:
        return []
    unit = list(history_of(layout).unit)

    def keys(frame: pd.DataFrame) -> list[tuple]:
        return list(frame[unit].itertuples(index=False, name=None))

    still = set(keys(disagreements(decisions, layout)))
    counted = decisions_that_count(decisions, layout)
    by = dict(zip(keys(counted), counted["reviewer"].astype(str).str.strip()))
    return [by[key] for key in units if key not in still and key in by]


def _ordinal_key(value):
    try:
        return (0, float(value))
    except (TypeError, ValueError):
        return (1, str(value))


def agreement_by(decisions: pd.DataFrame, layout: TableLayout, column: str) -> dict[str, Agreement]:
    """:func:`agreement` for each value of ``column`` (a code, a checklist item) that has one."""
    found: dict[str, Agreement] = {}
    for value, group in decisions.groupby(column, sort=False):
        measured = agreement(group, layout)
        if measured is not None:
            found[str(value)] = measured  # the column is text: str() only tells mypy so
    return found


def _decided_by_two(decisions: pd.DataFrame, unit: list[str]) -> pd.DataFrame:
    """The rows of the units that two reviewers or more decided: only those can be to settle (:func:`disagreements`
    leaves the others out before its loop; a status log or a review file has one reviewer on most units)."""
    reviewers = decisions["reviewer"].astype(str).str.strip()
    by_unit = reviewers.groupby([decisions[name] for name in unit], sort=False, dropna=False)
    return decisions[(by_unit.transform("nunique") >= 2).to_numpy()]


def disagreements(decisions: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """The units to settle: their reviewers' latest decisions differ in meaning and their latest
    decision is not a settling one. One row per unit and reviewer: the unit's columns, ``reviewer``,
    the decision compared, the row's date, mode and note (``note`` or ``rationale``, where the layout
    has one), in the order the units were first decided."""
    history = history_of(layout)
    unit = list(history.unit)
    note = next((name for name in ("note", "rationale") if name in layout.column_names), None)
    columns = [*unit, "reviewer", history.compared, "when", "mode", "note"]
    decisions = decisions if decisions.empty else _decided_by_two(decisions, unit)
    if decisions.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, group in in_order(decisions, layout).groupby(unit, sort=False, dropna=False):
        if str(group["mode"].iloc[-1] if "mode" in group else "") == SETTLING:
            continue
        latest = (
            group.assign(reviewer=group["reviewer"].astype(str).str.strip()).groupby("reviewer", sort=False).tail(1)
        )
        if is_person(group["reviewer"].iloc[-1]):
            latest = latest[latest["reviewer"].map(is_person)]  # a person's check, last, supersedes an AI assistant's
        if len({history.meaning_of(value) for value in latest[history.compared]}) < 2:
            continue
        for _, row in latest.iterrows():
            rows.append(
                {
                    **{name: row[name] for name in unit},
                    "reviewer": row["reviewer"],
                    history.compared: row[history.compared],
                    "when": row[history.date],
                    "mode": row.get("mode", ""),
                    "note": row[note] if note else "",
                    ORDER: row[ORDER],
                }
            )
    if not rows:
        return pd.DataFrame(columns=columns)
    found = pd.DataFrame(rows)
    first = found.groupby(unit, sort=False, dropna=False)[ORDER].transform("min")
    return found.assign(_first=first).sort_values(["_first", ORDER], kind="stable")[columns].reset_index(drop=True)
