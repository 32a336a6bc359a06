"""The good-practice comparison: which practices, side by side on the checklist, strengths and
gaps, the checklist's gaps, nearest practices by scores and by text, and key findings.

Framed as strengths and gaps, never as a league table: nothing here ranks the chosen practices
against each other."""
from __future__ import annotations

import pandas as pd

from ..common.text import shorten
from ..errors import ParameterError
from ..tables.vocabularies import PARTIAL, PRESENT, SCORE_LABELS
from .checklist import Checklist
from .scoring import REVIEWED, score_matrix

MIN_CHOSEN, MAX_CHOSEN = 2, 6
FILTER_COLUMNS = ("region", "source_db", "target_group")  # parameters that filter on the column of that name


def display_name(record, width: int = 60) -> str:
    """A practice's title, or where the source showed none, its id (records are never given invented names)."""
    title = str(record["title"] or "").strip()
    return shorten(title if title else f"[untitled] {record['practice_id']}", width)


def select_practices(practices: pd.DataFrame, ids: list[str], filters: dict[str, list[str]]) -> pd.DataFrame:
    """The practices to compare: those named in ``ids`` (in that order), or every record matching the
    filters (region, source_db, target_group; each a list of accepted values). 2 to 6 must remain."""
    chosen = practices
    if ids:
        unknown = [practice_id for practice_id in ids if practice_id not in set(practices["practice_id"])]
        if unknown:
            raise ParameterError(None, "practices", f"unknown practice_id(s) {', '.join(map(repr, unknown))}; "
                                                    f"see the practice_id column of the practices file")
        repeated = sorted({practice_id for practice_id in ids if ids.count(practice_id) > 1})
        if repeated:
            raise ParameterError(None, "practices", f"{', '.join(map(repr, repeated))} named twice")
        chosen = practices.set_index("practice_id").loc[ids].reset_index()
    for column, values in filters.items():
        if column not in FILTER_COLUMNS:
            raise ParameterError(None, column, f"cannot filter practices on it; filters: {', '.join(FILTER_COLUMNS)}")
        if not values:
            continue
        known = sorted(set(practices[column]) - {""})
        unknown = [value for value in values if value not in known]
        if unknown:
            raise ParameterError(None, column, f"no record has {', '.join(map(repr, unknown))}; "
                                               f"values in the practices file: {', '.join(map(repr, known))}")
        chosen = chosen[chosen[column].isin(values)]
    if not MIN_CHOSEN <= len(chosen) <= MAX_CHOSEN:
        given = {"practices": ids, **{k: v for k, v in filters.items() if v}}
        shown = ", ".join(chosen["practice_id"].head(12)) + (" ..." if len(chosen) > 12 else "")
        raise ParameterError(None, None, f"the comparison needs {MIN_CHOSEN} to {MAX_CHOSEN} practices; parameters "
                                         f"{given} give {len(chosen)}{': ' + shown if len(chosen) else ''}. Name the "
                                         f"practices with 'practices' or narrow the filters.")
    return chosen.reset_index(drop=True)


def focus_items(checklist: Checklist, pillars: list[str]):
    """Items of the pillars in focus (every pillar when none is named), in checklist order."""
    return [item for item in checklist.items if not pillars or item.pillar in pillars]


def side_by_side(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Items (rows) by chosen practices (columns): score, whether reviewed, and the evidence."""
    names = {row["practice_id"]: display_name(row, 40) for _, row in chosen.iterrows()}
    indexed = scores.set_index(["practice_id", "item"])
    rows = []
    for item in focus_items(checklist, pillars):
        row = {"pillar": checklist.pillar(item.pillar).label, "item": item.label}
        for practice_id, name in names.items():
            score = indexed.loc[(practice_id, item.key)]
            if score["method"] == REVIEWED:
                was = f" (automatic was {score['automatic_score']})" if score["automatic_score"] != score["score"] else ""
                detail = f"REVIEWED{was}: {score['rationale']}"
            else:
                detail = f"automatic: {score['evidence']}" if score["evidence"] else "automatic: nothing in the record"
            row[name] = f"{score['score']} {SCORE_LABELS[score['score']]} · {detail}"
        rows.append(row)
    return pd.DataFrame(rows)


def chart_matrices(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist,
                   pillars: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, reviewed flags) as practice names by item labels, for the heatmap and the radars."""
    ids = list(chosen["practice_id"])
    keys = [item.key for item in focus_items(checklist, pillars)]
    names = [display_name(row, 44) for _, row in chosen.iterrows()]
    labels = checklist.labels()
    matrix = score_matrix(scores, checklist, ids)[keys]
    reviewed = scores.assign(reviewed=scores["method"] == REVIEWED).pivot(
        index="practice_id", columns="item", values="reviewed").loc[ids, keys]
    return (matrix.set_axis(names).rename(columns=labels), reviewed.set_axis(names).rename(columns=labels))


def rollup_table(scores: pd.DataFrame, rolled: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist,
                 pillars: list[str]) -> pd.DataFrame:
    """Item scores, then each pillar's mean of them, then the overall mean of the pillar means, so
    the roll-up can be checked by hand. One column per chosen practice."""
    ids = list(chosen["practice_id"])
    names = [display_name(row, 40) for _, row in chosen.iterrows()]
    matrix = score_matrix(scores, checklist, ids)
    rows = []
    for pillar in checklist.pillars:
        if pillars and pillar.key not in pillars:
            continue
        for item in checklist.items_of(pillar.key):
            rows.append([f"{pillar.label}: {item.label}", *[float(v) for v in matrix[item.key]]])
        kind = "mean" if pillar.in_overall else "mean (scope, not in overall)"
        rows.append([f"= {pillar.label} ({kind})", *[float(v) for v in rolled.loc[ids, pillar.key]]])
    rows.append(["= Overall: mean of " + ", ".join(p.label for p in checklist.scored_pillars),
                 *[float(v) for v in rolled.loc[ids, "overall"]]])
    return pd.DataFrame(rows, columns=["checklist", *names])


def strengths_and_gaps(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Per practice: items it shows fully (strengths), in part, and not at all (gaps); scope items aside."""
    labels = checklist.labels()
    keys = [item.key for item in focus_items(checklist, pillars) if item in checklist.scored_items]
    indexed = scores.set_index(["practice_id", "item"])["score"]
    rows = []
    for _, record in chosen.iterrows():
        by_score = {value: [labels[k] for k in keys if indexed[(record["practice_id"], k)] == value] for value in SCORE_LABELS}
        rows.append({"practice": display_name(record), "strengths (present)": ", ".join(by_score[PRESENT]) or "—",
                     "partial": ", ".join(by_score[PARTIAL]) or "—",
                     "gaps (not shown)": ", ".join(by_score[0]) or "—",
                     "summary basis": record["summary_basis"]})
    return pd.DataFrame(rows)


def checklist_gaps(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Items that no chosen practice shows fully, with how many of all records (``scores`` holds
    every record's) do: where the Guidance's examples are thin."""
    ids = set(chosen["practice_id"])
    rows = []
    for item in focus_items(checklist, pillars):
        if item not in checklist.scored_items:
            continue
        of_item = scores[scores["item"] == item.key]
        in_chosen = of_item[of_item["practice_id"].isin(ids)]["score"]
        if in_chosen.max() == PRESENT:
            continue
        in_all = of_item["score"]
        rows.append({"item": item.label, "pillar": checklist.pillar(item.pillar).label,
                     "best among chosen": f"{int(in_chosen.max())} {SCORE_LABELS[int(in_chosen.max())]}",
                     "chosen showing it in part": int((in_chosen == PARTIAL).sum()),
                     "all records showing it fully": f"{int((in_all == PRESENT).sum())} of {len(in_all)}",
                     "GCM objectives": ", ".join(map(str, item.gcm_objectives))})
    return pd.DataFrame(rows, columns=["item", "pillar", "best among chosen", "chosen showing it in part",
                                       "all records showing it fully", "GCM objectives"])


def record_table(chosen: pd.DataFrame) -> pd.DataFrame:
    """The chosen records as the sources state them; empty stays empty (shown as a dash)."""
    columns = ["countries", "region", "years", "target_group", "summary_basis", "summary"]
    shown = chosen[["practice_id", *columns, "assessment"]].copy()
    shown.insert(1, "practice", [display_name(row) for _, row in chosen.iterrows()])
    if not (shown["assessment"] != "").any():
        shown = shown.drop(columns="assessment")
    return shown.replace("", "—")


def record_provenance(chosen: pd.DataFrame) -> pd.DataFrame:
    """Where each shown record comes from, who the source says submitted or implemented it, and caveats."""
    return chosen[["practice_id", "source_db", "url", "submitter_or_implementers", "summary_basis", "notes"]].replace("", "—")


def key_findings(scores: pd.DataFrame, chosen: pd.DataFrame, gaps: pd.DataFrame, checklist: Checklist,
                 pillars: list[str]) -> list[str]:
    """Sentences computed from the scores: shared strengths, the checklist's gaps, each pillar's reach
    and how much was reviewed (thin records get a banner, see :meth:`.inputs.PracticeInputs.caveats`). No ranking of practices."""
    ids = list(chosen["practice_id"])
    mine = scores[scores["practice_id"].isin(ids)]
    items = [item for item in focus_items(checklist, pillars) if item in checklist.scored_items]
    n = len(ids)
    findings = []
    full = {item.label: int((mine[mine["item"] == item.key]["score"] == PRESENT).sum()) for item in items}
    shared = [label for label, count in full.items() if count == max(full.values()) and count > 0]
    if shared:
        findings.append(f"Most widely shown: {', '.join(shared)} (fully shown by {max(full.values())} of the {n} practices).")
    if not gaps.empty:
        findings.append(f"Checklist gaps: no practice compared shows {', '.join(gaps['item'])} fully; "
                        "these are the items where the Guidance needs further examples.")
    else:
        findings.append("Every checklist item in focus is shown fully by at least one practice compared.")
    for pillar in checklist.scored_pillars:
        if pillars and pillar.key not in pillars:
            continue
        keys = [item.key for item in checklist.items_of(pillar.key)]
        showing = mine[mine["item"].isin(keys) & (mine["score"] > 0)]["practice_id"].nunique()
        findings.append(f"{pillar.label}: {showing} of {n} practices show something of it.")
    reviewed = mine[mine["method"] == REVIEWED]
    changed = int((reviewed["score"] != reviewed["automatic_score"]).sum())
    findings.append(f"{len(reviewed)} of {len(mine)} scores were reviewed by a person ({changed} changed from the "
                    "automatic pass); the rest are automatic readings of the record's text.")
    harmful = chosen[chosen["assessment"] == "harmful"]
    if len(harmful):
        findings.append(f"{len(harmful)} example(s) were reported by survey respondents as harmful: "
                        f"{', '.join(display_name(r) for _, r in harmful.iterrows())}; their gaps show what to avoid.")
    return findings


def checklist_table(checklist: Checklist) -> pd.DataFrame:
    """The checklist as a reader needs it: pillar, item, definition, linked GCM objectives and principles."""
    return pd.DataFrame([{
        "pillar": checklist.pillar(item.pillar).label + ("" if checklist.pillar(item.pillar).in_overall else " (scope)"),
        "item": item.label, "definition": item.definition,
        "GCM objectives": ", ".join(map(str, item.gcm_objectives)), "guiding principles": ", ".join(item.principles) or "—",
    } for item in checklist.items])


def reviews_table(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist) -> pd.DataFrame:
    """Every reviewed score of the chosen practices: who, when, why, and what the automatic pass gave."""
    reviewed = scores[scores["practice_id"].isin(chosen["practice_id"]) & (scores["method"] == REVIEWED)]
    labels = checklist.labels()
    return pd.DataFrame({"practice_id": reviewed["practice_id"], "item": reviewed["item"].map(labels),
                         "score": reviewed["score"], "automatic": reviewed["automatic_score"],
                         "reviewer": reviewed["reviewer"], "date": reviewed["date"], "rationale": reviewed["rationale"]})
