"""The good-practice comparison: which practices, side by side on the checklist, strengths and
gaps, the checklist's gaps, nearest practices by scores and by text, and key findings.

Framed as strengths and gaps, never as a league table: nothing here ranks the chosen practices
against each other.

Tables returned here are shown as they are: plain-English headers, numbers written with
:mod:`workbooks.common.numbers` (halves rounded up), a record's summary labelled as our paraphrase
of its source, and a review attributed to the reviewer the assessments file names."""
from __future__ import annotations

import pandas as pd

from ..common.numbers import format_mean, format_number
from ..common.text import shorten
from ..common.wording import as_named, in_sentence, join_names
from ..errors import ParameterError
from ..tables.vocabularies import PARTIAL, PRESENT, SCORE_LABELS
from .checklist import Checklist
from .scoring import REVIEWED, overall_pillars, overall_score, score_matrix

MIN_CHOSEN, MAX_CHOSEN = 2, 6
FILTER_COLUMNS = ("region", "source_db", "target_group")  # parameters that filter on the column of that name
SUMMARY_HEADER = "Summary (our paraphrase of the source)"
SUMMARY_BASIS_HEADER = "Summary written from"
EVIDENCE_SOURCE = "words of the title or our summary"  # what the automatic pass reads (checklist text_fields)


def display_name(record, width: int | None = None) -> str:
    """A practice's title in full (cut to ``width`` for a chart label or a column header), or where the
    source showed none, its id (records are never given invented names)."""
    title = str(record["title"] or "").strip()
    name = title if title else f"[untitled] {record['practice_id']}"
    return shorten(name, width) if width else " ".join(name.split())


_FILTER_WORDS = {"region": "stating the region {}", "source_db": "from {}", "target_group": "{}"}
_TARGET_GROUP_WORDS = {"both": "read as serving both immigrants and return migrants",
                       "unknown": "whose target group could not be read"}


def selection_words(ids: list[str], filters: dict[str, list[str]]) -> str:
    """How the practices compared were chosen, for a reader: 'chosen by name for this brief', or
    'every record read as serving return migrants' (the filters of :func:`select_practices`)."""
    if ids:
        return "chosen by name for this brief"
    def said(column, value):
        if column != "target_group":
            return value
        return _TARGET_GROUP_WORDS.get(value, f"read as serving {value} only")
    parts = [_FILTER_WORDS[column].format(" or ".join(said(column, value) for value in values))
             for column, values in filters.items() if values and column in _FILTER_WORDS]
    return "every record " + " and ".join(parts) if parts else "every record"


def select_practices(practices: pd.DataFrame, ids: list[str], filters: dict[str, list[str]]) -> pd.DataFrame:
    """The practices to compare: those named in ``ids`` (in that order), or every record matching the
    filters (region, source_db, target_group; each a list of accepted values). 2 to 6 must remain."""
    chosen = practices
    if ids:
        unknown = [practice_id for practice_id in ids if practice_id not in set(practices["practice_id"])]
        if unknown:
            raise ParameterError(None, "practices", f"unknown practice_id(s) {', '.join(map(repr, unknown))}; "
                                                    f"see the practice_id column of the practices file", items=unknown)
        repeated = sorted({practice_id for practice_id in ids if ids.count(practice_id) > 1})
        if repeated:
            raise ParameterError(None, "practices", f"{', '.join(map(repr, repeated))} named twice", items=repeated)
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
                                               f"values in the practices file: {', '.join(map(repr, known))}", items=unknown)
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
    """Items (rows) by chosen practices (columns): score, whether reviewed, and the evidence: for an
    automatic score the words it matched, labelled as words of the title or of our summary (not a
    quotation of the source); for a reviewed score the rationale."""
    names = {row["practice_id"]: display_name(row, 40) for _, row in chosen.iterrows()}
    indexed = scores.set_index(["practice_id", "item"])
    rows = []
    for item in focus_items(checklist, pillars):
        row = {"Pillar": checklist.pillar(item.pillar).label, "Item": item.label}
        for practice_id, name in names.items():
            score = indexed.loc[(practice_id, item.key)]
            if score["method"] == REVIEWED:
                was = f" (automatic was {score['automatic_score']})" if score["automatic_score"] != score["score"] else ""
                detail = f"REVIEWED{was}: {score['rationale']}"
            else:
                detail = (f"automatic, from {EVIDENCE_SOURCE}: {score['evidence']}" if score["evidence"]
                          else "automatic: nothing found in the title or our summary")
            row[name] = f"{score['score']} {SCORE_LABELS[score['score']]} · {detail}"
        rows.append(row)
    return pd.DataFrame(rows)


def chart_matrices(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist,
                   pillars: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, reviewers) as practice names by item labels, for the heatmap and the radars:
    ``reviewers`` holds who reviewed each score as the assessments file names them, "" where the
    score is automatic (so it reads as a flag: a name is true)."""
    ids = list(chosen["practice_id"])
    keys = [item.key for item in focus_items(checklist, pillars)]
    names = [display_name(row, 44) for _, row in chosen.iterrows()]
    labels = checklist.labels()
    matrix = score_matrix(scores, checklist, ids)[keys]
    reviewed = scores.assign(reviewed_by=scores["reviewer"].where(scores["method"] == REVIEWED, "")).pivot(
        index="practice_id", columns="item", values="reviewed_by").loc[ids, keys]
    return (matrix.set_axis(names).rename(columns=labels), reviewed.set_axis(names).rename(columns=labels))


def rollup_table(scores: pd.DataFrame, rolled: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist,
                 pillars: list[str]) -> pd.DataFrame:
    """The pillars shown (``pillars``; every pillar when empty): their item scores, then each
    pillar's score (the mean of those items, from ``rolled``), then the overall score, the mean of
    the scores of the pillars shown that count towards it, so every mean can be checked by hand from
    the rows above it. With pillars in focus the overall row's label says it is theirs alone; when
    no pillar shown counts towards the overall, there is no overall row. One column per chosen
    practice; item scores as text, means whole where whole and else to one decimal, halves rounded
    up (12.5 stays "12.5", 100/3 is "33.3"), each from the unrounded means above it."""
    ids = list(chosen["practice_id"])
    names = [display_name(row, 40) for _, row in chosen.iterrows()]
    matrix = score_matrix(scores, checklist, ids)
    shown = [pillar for pillar in checklist.pillars if not pillars or pillar.key in pillars]
    rows = []
    for pillar in shown:
        for item in checklist.items_of(pillar.key):
            rows.append([f"{pillar.label}: {item.label}", *map(format_number, matrix[item.key])])
        kind = "mean" if pillar.in_overall else "mean; scope, not in overall"
        rows.append([f"= {pillar.label} ({kind})", *map(format_mean, rolled.loc[ids, pillar.key])])
    counted = overall_pillars(checklist, pillars)
    if counted:
        scope = "Overall" if not pillars else "Overall of the pillars shown"
        overall = overall_score(rolled.loc[ids], checklist, pillars)
        rows.append([f"= {scope}: mean of " + ", ".join(pillar.label for pillar in counted),
                     *map(format_mean, overall)])
    return pd.DataFrame(rows, columns=["Checklist", *names])


def strengths_and_gaps(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Per practice: items it shows fully (strengths), in part, and not at all (gaps); scope items aside."""
    labels = checklist.labels()
    keys = [item.key for item in focus_items(checklist, pillars) if item in checklist.scored_items]
    indexed = scores.set_index(["practice_id", "item"])["score"]
    rows = []
    for _, record in chosen.iterrows():
        by_score = {value: [labels[k] for k in keys if indexed[(record["practice_id"], k)] == value] for value in SCORE_LABELS}
        rows.append({"Practice": display_name(record), "Shown fully (strengths)": ", ".join(by_score[PRESENT]) or "—",
                     "Shown in part": ", ".join(by_score[PARTIAL]) or "—",
                     "Not shown (gaps)": ", ".join(by_score[0]) or "—",
                     SUMMARY_BASIS_HEADER: record["summary_basis"]})
    return pd.DataFrame(rows)


def checklist_gaps(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Items that no chosen practice shows fully, with how many of all records (``scores`` holds
    every record's) do: where the Guidance's examples are thin."""
    columns = ["Item", "Pillar", "Best score among the practices compared", "Practices compared showing it in part",
               "All records showing it fully", "GCM objectives"]
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
        best = int(in_chosen.max())
        rows.append(dict(zip(columns, [item.label, checklist.pillar(item.pillar).label, f"{best} {SCORE_LABELS[best]}",
                                       int((in_chosen == PARTIAL).sum()),
                                       f"{int((in_all == PRESENT).sum())} of {len(in_all)}",
                                       ", ".join(map(str, item.gcm_objectives))], strict=True)))
    return pd.DataFrame(rows, columns=columns)


def record_table(chosen: pd.DataFrame) -> pd.DataFrame:
    """The chosen records: facts as the sources state them (countries, region, years), whom the
    record says the practice serves, and the summary, labelled as our paraphrase of the source with
    what it was written from; a survey's own judgement where there is one. Empty stays empty (shown
    as a dash)."""
    shown = pd.DataFrame({
        "Practice": [display_name(row) for _, row in chosen.iterrows()],
        "Countries": chosen["countries"], "Region": chosen["region"], "Years": chosen["years"],
        "Who it serves": chosen["target_group"],
        SUMMARY_HEADER: chosen["summary"], SUMMARY_BASIS_HEADER: chosen["summary_basis"],
        "Judged by the survey respondent": chosen["assessment"],
    })
    if not (chosen["assessment"] != "").any():
        shown = shown.drop(columns="Judged by the survey respondent")
    return shown.reset_index(drop=True).replace("", "—")


def record_provenance(chosen: pd.DataFrame) -> pd.DataFrame:
    """Where each shown record comes from, who the source says submitted or implemented it, and caveats."""
    return pd.DataFrame({
        "Practice": [display_name(row) for _, row in chosen.iterrows()],
        "Source": chosen["source_db"], "Page the record was found on": chosen["url"],
        "Submitted or implemented by (as the source states)": chosen["submitter_or_implementers"],
        SUMMARY_BASIS_HEADER: chosen["summary_basis"], "Notes": chosen["notes"],
    }).reset_index(drop=True).replace("", "—")


def reviewer_names(reviewers) -> str:
    """Who reviewed, as the assessments file names them, each once in order of first appearance:
    "Jane Doe (ILO)", "the project engineer (AI coding assistant)" (a role, written in lower case,
    takes "the"), several joined "A, B and C"; "" when there is none."""
    names = []
    for reviewer in reviewers:
        name = " ".join(str(reviewer or "").split())
        if name and name not in names:
            names.append(name)
    return join_names([as_named(name) for name in names])


def review_sentence(shown_scores: pd.DataFrame, with_changes: bool = True) -> str:
    """How many of ``shown_scores`` were reviewed and by whom (from their ``reviewer`` column), how
    many of those a review changed (``with_changes``), and that the rest are automatic."""
    reviewed = shown_scores[shown_scores["method"] == REVIEWED]
    total = len(shown_scores)
    reading = "automatic readings of each record's title and our summary of it"
    if reviewed.empty:
        return f"0 of {total} scores were reviewed: all are {reading}."
    changed = int((reviewed["score"] != reviewed["automatic_score"]).sum())
    if not with_changes:
        changes = ""
    elif len(reviewed) == 1:
        changes = ", changing the automatic score" if changed else ", confirming the automatic score"
    else:
        changes = f", {changed} of them changed from the automatic pass"
    verb = "was" if len(reviewed) == 1 else "were"
    return (f"{len(reviewed)} of {total} scores {verb} reviewed by {reviewer_names(reviewed['reviewer'])}{changes}; "
            f"the rest are {reading}.")


def key_findings(scores: pd.DataFrame, chosen: pd.DataFrame, gaps: pd.DataFrame, checklist: Checklist,
                 pillars: list[str]) -> list[str]:
    """Sentences computed from the scores: shared strengths, the checklist's gaps, each pillar's reach
    and how much was reviewed and by whom (thin records get a banner, see
    :meth:`.inputs.PracticeInputs.caveats`), all over the pillars in focus. No ranking of practices."""
    ids = list(chosen["practice_id"])
    shown_keys = [item.key for item in focus_items(checklist, pillars)]
    mine = scores[scores["practice_id"].isin(ids) & scores["item"].isin(shown_keys)]
    items = [item for item in focus_items(checklist, pillars) if item in checklist.scored_items]
    n = len(ids)
    findings = []
    full = {item.label: int((mine[mine["item"] == item.key]["score"] == PRESENT).sum()) for item in items}
    shared = [label for label, count in full.items() if count == max(full.values()) and count > 0]
    if shared:
        findings.append(f"Most widely shown: {', '.join(shared)} (fully shown by {max(full.values())} of the {n} practices).")
    if not gaps.empty:
        elsewhere = [f"{in_sentence(item)} fully ({count} records do)"
                     for item, count in zip(gaps["Item"], gaps["All records showing it fully"])]
        findings.append(f"No practice compared shows {'; nor '.join(elsewhere)}. Where few of all the records do, the "
                        "Guidance needs further examples.")
    else:
        findings.append("Every checklist item in focus is shown fully by at least one practice compared.")
    reach = []
    for pillar in checklist.scored_pillars:
        if pillars and pillar.key not in pillars:
            continue
        keys = [item.key for item in checklist.items_of(pillar.key)]
        showing = mine[mine["item"].isin(keys) & (mine["score"] > 0)]["practice_id"].nunique()
        reach.append(f"{in_sentence(pillar.label)} by {showing} of {n}")
    if reach:
        findings.append(f"Practices showing something of each pillar: {'; '.join(reach)}.")
    findings.append(review_sentence(mine))
    harmful = chosen[chosen["assessment"] == "harmful"]
    if len(harmful):
        findings.append(f"{len(harmful)} {'example was' if len(harmful) == 1 else 'examples were'} reported by survey "
                        f"respondents as harmful: {', '.join(display_name(r) for _, r in harmful.iterrows())}; their "
                        "gaps show what to avoid.")
    return findings


def checklist_table(checklist: Checklist) -> pd.DataFrame:
    """The checklist as a reader needs it: pillar, item, definition, linked GCM objectives and principles."""
    return pd.DataFrame([{
        "Pillar": checklist.pillar(item.pillar).label + ("" if checklist.pillar(item.pillar).in_overall else " (scope)"),
        "Item": item.label, "Definition": item.definition,
        "GCM objectives": ", ".join(map(str, item.gcm_objectives)), "Guiding principles": ", ".join(item.principles) or "—",
    } for item in checklist.items])


def reviews_table(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars=()) -> pd.DataFrame:
    """Every reviewed score of the chosen practices on the items of the pillars in focus (every
    item when ``pillars`` is empty): who, when, why, and what the automatic pass gave."""
    keys = [item.key for item in focus_items(checklist, list(pillars))]
    reviewed = scores[scores["practice_id"].isin(chosen["practice_id"]) & scores["item"].isin(keys)
                      & (scores["method"] == REVIEWED)]
    labels = checklist.labels()
    names = {row["practice_id"]: display_name(row) for _, row in chosen.iterrows()}
    return pd.DataFrame({"Practice": reviewed["practice_id"].map(names), "Item": reviewed["item"].map(labels),
                         "Reviewed score": reviewed["score"], "Automatic score": reviewed["automatic_score"],
                         "Reviewer": reviewed["reviewer"], "Date": reviewed["date"].dt.strftime("%Y-%m-%d"),
                         "Rationale": reviewed["rationale"]}).reset_index(drop=True)
