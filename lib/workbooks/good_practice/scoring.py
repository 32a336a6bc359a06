"""Checklist scores you can audit: an automatic first pass over each record's text, replaced by
reviewed scores from data/assessments.csv, rolled up MIPEX-style (item scores averaged into pillar
scores, pillar scores into an overall score) with the item scores kept beside the means.

The roll-up, so that every mean can be checked by hand from the rows above it: a pillar score is
the mean of its item scores, rounded half up to a whole number (the score a table shows); the
overall score is the mean of the pillar scores of the pillars shown that count towards it (every
such pillar when none is in focus)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..tables.decisions import agreement, decisions_that_count, independent_decisions
from ..tables.layouts import ASSESSMENTS
from ..tables.references import ReferenceTarget, check_references
from ..tables.review_status import AUTOMATIC as NOT_CHECKED
from ..tables.review_status import review_words
from ..tables.vocabularies import PRESENT
from .checklist import EMIGRANTS, IMMIGRANTS, RETURN_MIGRANTS, Checklist, Pillar, record_text

if TYPE_CHECKING:
    from pandas._typing import Dtype  # pandas-stubs' name for what astype takes per column

AUTOMATIC, REVIEWED = "automatic", "reviewed"  # method: the automatic pass, or a score a reviewer recorded
SCORE_COLUMNS = [
    "practice_id",
    "item",
    "pillar",
    "score",
    "method",
    "evidence",
    "lacking",
    "automatic_score",
    "reviewer",
    "date",
    "rationale",
    "review_status",
    "reviewers",
    "mode",
    "agreement",
    "decided",
]
# review_status: review_status.py's words; reviewer: whose score counts; reviewers: every reviewer of the score (a tuple);
# mode: that of the decision that counts; agreement: the reviewers' on this score where two or more scored it on their
# own (review_status.Agreement, else None); decided: what each of them scored on their own where they differ
# ("Hannah Schmidt 0, Kwame Boateng 50"), else ""
SCORE_TYPES: dict[str, Dtype] = {
    "score": int,
    "automatic_score": int,
    "date": "datetime64[ns]",
}  # date: of the review; NaT if automatic
# the scope items a target group names: a target group the practices file gives is used as given
SERVED_ITEMS = {
    "immigrants": (IMMIGRANTS,),
    "return migrants": (RETURN_MIGRANTS,),
    "both": (IMMIGRANTS, RETURN_MIGRANTS),
    "emigrants": (EMIGRANTS,),
    "emigrants and return migrants": (EMIGRANTS, RETURN_MIGRANTS),
}
GIVEN_GROUP_EVIDENCE = "target_group in the practices file: {}"
OTHER_GROUP_EVIDENCE = (
    "not among the target group in the practices file: {}"  # a scope item the file's group leaves out
)
SCOPE_ITEMS = (IMMIGRANTS, RETURN_MIGRANTS, EMIGRANTS)


def automatic_scores(practices: pd.DataFrame, checklist: Checklist) -> pd.DataFrame:
    """One row per practice and item: the score the record's text earns, the words that earn it and
    the words it names as lacking ("cannot join trade unions", which earn nothing). A target group
    the practices file gives (any but unknown) is used as given: the scope item of each group it
    names scores 100 where the text does not already show it, its evidence then naming the file's
    column and basis (a programme a researcher's file lists for immigrants never reads 0 on "serves
    immigrants"), and the other scope items score 0 unless the text shows them fully (no target group
    names all three groups), their evidence saying they follow the file's target group (a programme the file lists for return migrants is never "serves immigrants" 50 from
    the word "migrants"). Where the target group is unknown, the scope items keep the text's reading:
    a 50 there ("migrants" named without saying who) is explained where the chart shows it and never
    counts as serving."""
    rows = []
    for _, record in practices.iterrows():
        text = record_text(record, checklist)
        given = record.get("target_group", "") or ""
        basis = str(record.get("target_group_basis", "") or "").strip()
        assessed = checklist.assess(text)
        for item in checklist.items:
            found = assessed[item.key]
            score, evidence = found.score, "; ".join(found.evidence)
            said = f"{given} ({basis})" if basis else given
            if item.key in SERVED_ITEMS.get(given, ()) and score != PRESENT:
                score, evidence = PRESENT, GIVEN_GROUP_EVIDENCE.format(said)
            elif (
                given in SERVED_ITEMS
                and item.key in SCOPE_ITEMS
                and item.key not in SERVED_ITEMS[given]
                and score != PRESENT
            ):  # a group the text shows fully stays (no target group names all three)
                score, evidence = 0, OTHER_GROUP_EVIDENCE.format(said)  # never a partial from a bare word
            rows.append(
                {
                    "practice_id": record["practice_id"],
                    "item": item.key,
                    "pillar": item.pillar,
                    "score": score,
                    "method": AUTOMATIC,
                    "evidence": evidence,
                    "lacking": "; ".join(found.lacking),
                    "automatic_score": score,
                    "reviewer": "",
                    "date": pd.NaT,
                    "rationale": "",
                    "review_status": NOT_CHECKED,
                    "reviewers": (),
                    "mode": "",
                    "agreement": None,
                    "decided": "",
                }
            )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS).astype(SCORE_TYPES)


def no_assessments() -> pd.DataFrame:
    """An assessments table without rows: every score stays automatic."""
    return pd.DataFrame(columns=ASSESSMENTS.column_names)


def check_assessments(
    assessments: pd.DataFrame,
    practice_ids,
    checklist: Checklist,
    path: Path | str,
    practices_name: str = "the practices file",
) -> None:
    """Reviewed scores must name a known practice and a checklist item (the references the
    assessments layout declares); raise TableError naming the lines.

    (The layout already holds score to 0/50/100 and requires reviewer, date and rationale.)"""
    check_references(
        assessments,
        ASSESSMENTS,
        path,
        {
            "practices": ReferenceTarget(pd.DataFrame({"practice_id": list(practice_ids)}), practices_name),
            "checklist": ReferenceTarget(pd.DataFrame({"item": checklist.item_keys}), checklist.path.name),
        },
    )


def apply_assessments(automatic: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Reviewed scores replace automatic ones; ``method`` says which each score is, ``review_status``
    who checked it in review_status.py's words (every reviewer of the score, from its history),
    ``reviewer`` whose score counts (the latest: tables/decisions.py, the one rule), and
    ``automatic_score`` keeps what the automatic pass gave, so a reader sees what a check changed; where
    two reviewers or more scored it on their own, ``agreement`` and ``decided`` say whether they agreed
    and what each scored (:func:`independent_scores`), ``mode`` whether the score that counts settled it."""
    reviewers: dict[tuple, list] = {}
    for practice_id, item, reviewer in zip(assessments["practice_id"], assessments["item"], assessments["reviewer"]):
        reviewers.setdefault((practice_id, item), []).append(reviewer)
    keys = list(zip(automatic["practice_id"], automatic["item"]))
    known = set(keys)
    counted: dict[tuple, dict] = {}  # each reviewed score's new values, by (practice_id, item)
    for review in decisions_that_count(assessments, ASSESSMENTS).to_dict("records"):
        key = (review["practice_id"], review["item"])
        if key not in known:
            continue  # a practice not in this comparison
        counted[key] = {
            "score": int(review["score"]),
            "method": REVIEWED,
            "reviewer": review["reviewer"],
            "date": review["date"],
            "rationale": reason_of(assessments, key, review),
            "review_status": review_words(reviewers[key]),
            "mode": str(review.get("mode", "") or ""),
        }
        if len(set(reviewers[key])) > 1:
            counted[key]["agreement"], counted[key]["decided"] = independent_scores(assessments, key)
    scores = automatic.copy()
    scores["agreement"] = scores["agreement"].astype(object)
    for column in ("score", "method", "reviewer", "date", "rationale", "review_status", "mode", "agreement", "decided"):
        scores[column] = [
            counted[key].get(column, value) if key in counted else value
            for key, value in zip(keys, scores[column].tolist())
        ]
    scores["reviewers"] = [tuple(dict.fromkeys(reviewers.get(key, ()))) for key in keys]
    return scores[SCORE_COLUMNS].astype(SCORE_TYPES)


def reason_of(assessments: pd.DataFrame, key: tuple, counted) -> str:
    """The reason a score rests on: the one given with the score that counts; where it gave none, the latest
    reason an earlier reviewer gave on the same score, said as theirs ("Amira Haddad, earlier: diaspora are those
    served"), never dropped; "" where nobody gave one."""
    own = " ".join(str(counted["rationale"] or "").split())
    if own:
        return own
    rows = assessments[(assessments["practice_id"] == key[0]) & (assessments["item"] == key[1])]
    given = [
        (str(row["reviewer"]).strip(), " ".join(str(row["rationale"] or "").split())) for _, row in rows.iterrows()
    ]
    earlier = [(name, reason) for name, reason in given if reason]
    return f"{earlier[-1][0]}, earlier: {earlier[-1][1]}" if earlier else ""


def independent_scores(assessments: pd.DataFrame, key: tuple) -> tuple:
    """(agreement, decided) of the score ``key`` (practice_id, item): the reviewers' agreement where two or
    more scored it on their own (tables/decisions.py; None where not), and where they differ what each
    scored on their own, in the file's order ("Hannah Schmidt 0, Kwame Boateng 50"; "" where they agree)."""
    rows = assessments[(assessments["practice_id"] == key[0]) & (assessments["item"] == key[1])]
    measured = agreement(rows, ASSESSMENTS)
    if measured is None or not measured.disagreed:
        return measured, ""
    own = independent_decisions(rows, ASSESSMENTS)
    return measured, ", ".join(f"{name} {int(score)}" for name, score in zip(own["reviewer"], own["score"]))


REVIEWERS_SEPARATOR = "; "  # a score's reviewers in one text cell (the heatmap's marks): compare.score_tables


def checked_by(scores: pd.DataFrame) -> list[str]:
    """Every reviewer of these scores, as the assessments name them, in order (not only those whose score
    counts): what review_status.py's words are made from."""
    return list(dict.fromkeys(name for names in scores["reviewers"] for name in names))


def score_matrix(scores: pd.DataFrame, checklist: Checklist, practice_ids: list[str] | None = None) -> pd.DataFrame:
    """Practices (rows, in the order given) by items (columns, in checklist order)."""
    matrix = scores.pivot(index="practice_id", columns="item", values="score")[checklist.item_keys]
    return matrix.loc[practice_ids] if practice_ids is not None else matrix


def overall_pillars(checklist: Checklist, pillars=()) -> list[Pillar]:
    """The pillars the overall score is the mean of: those in focus (``pillars``, keys; every pillar
    when empty) that count towards the overall (not the scope pillar), in checklist order."""
    return [pillar for pillar in checklist.scored_pillars if not pillars or pillar.key in pillars]


def rollup(scores: pd.DataFrame, checklist: Checklist, pillars=()) -> pd.DataFrame:
    """Per practice: each pillar's score, the mean of its item scores, and ``overall``, the mean of
    the scores of :func:`overall_pillars` (MIPEX: indicators into areas, areas into the overall);
    nothing is rounded here (rounding twice would move a mean: 12.5, 50 and 37.5 give 33.3, not the
    34 of 13, 50 and 38); NaN when no pillar shown counts towards it."""
    matrix = score_matrix(scores, checklist)
    result = pd.DataFrame(index=matrix.index)
    for pillar in checklist.pillars:
        means = matrix[[item.key for item in checklist.items_of(pillar.key)]].mean(axis=1)
        result[pillar.key] = means.astype(float)
    result["overall"] = overall_score(result, checklist, pillars)
    return result


def overall_score(pillar_scores: pd.DataFrame, checklist: Checklist, pillars=()) -> pd.Series:
    """The mean of the columns of ``pillar_scores`` (practices by pillar keys) that are
    :func:`overall_pillars`; NaN where none is."""
    counted = [pillar.key for pillar in overall_pillars(checklist, pillars)]
    if not counted:
        return pd.Series(float("nan"), index=pillar_scores.index)
    return pillar_scores[counted].mean(axis=1)
