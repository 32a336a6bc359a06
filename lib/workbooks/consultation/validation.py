"""Scoring the coder against the hand-coded sample: per-code precision, recall and F1, and micro-F1
with a bootstrap interval (comments resampled with replacement)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common.numbers import format_number
from ..common.wording import as_named, count_of, join_names, noun_for, verb_for
from ..errors import DataError
from ..tables.review_status import ReviewStatus
from .codebook import FAMILY_COLUMNS, Codebook
from .coding import split_codes


def label_sets(frame: pd.DataFrame, codebook: Codebook) -> dict[str, set[str]]:
    """comment_id -> the set of code ids its gcm_objectives / principles / themes columns hold."""
    by_ref = {(code.family, code.ref): code.code for code in codebook.codes}
    result = {}
    for _, row in frame.iterrows():
        labels = set()
        for family, column in FAMILY_COLUMNS.items():
            for ref in split_codes(row.get(column, "")):
                code_id = by_ref.get((family, ref))
                if code_id is None:
                    raise DataError(
                        f"comment {row['comment_id']}: {column} holds {ref!r}, which has no code in {codebook.path}"
                    )
                labels.add(code_id)
        result[row["comment_id"]] = labels
    return result


def _f1(true_positives: int, false_positives: int, false_negatives: int) -> tuple[float, float, float]:
    precision = (
        true_positives / (true_positives + false_positives) if true_positives + false_positives else float("nan")
    )
    recall = true_positives / (true_positives + false_negatives) if true_positives + false_negatives else float("nan")
    denominator = 2 * true_positives + false_positives + false_negatives
    f1 = 2 * true_positives / denominator if denominator else float("nan")
    return precision, recall, f1


@dataclass(frozen=True)
class ValidationResult:
    per_code: pd.DataFrame  # code, family, support, predicted, tp, fp, fn, precision, recall, f1
    micro_precision: float
    micro_recall: float
    micro_f1: float
    interval: tuple[float, float]
    confidence: float
    n_comments: int
    resamples: int
    coders: tuple = ()  # who coded the sample, as its `coder` column names them
    of_brief: int = 0  # the comments of the brief it was measured for (0: measured on the reference coding as a whole)

    @property
    def comments_measured(self) -> str:
        """On which comments it was measured: "all 14 comments of this brief", "the 6 of this brief's 30
        comments that the reference coding codes", or "24 comments" (the reference coding as a whole)."""
        if not self.of_brief:
            return count_of(self.n_comments, "comment")
        if self.n_comments == self.of_brief:
            return (
                "the 1 comment of this brief"
                if self.n_comments == 1
                else f"all {self.n_comments:,} comments of this brief"
            )
        return f"the {self.n_comments:,} of this brief's {self.of_brief:,} comments that the reference coding codes"

    def summary(self) -> str:
        low, high = self.interval
        return (
            f"micro-F1 {format_number(self.micro_f1, 2)} ({format_number(100 * self.confidence)}% bootstrap "
            f"interval {format_number(low, 2)}-{format_number(high, 2)}; precision "
            f"{format_number(self.micro_precision, 2)}, recall {format_number(self.micro_recall, 2)}) on "
            f"{self.comments_measured}"
        )

    def annex_sentence(self, reviewers=()) -> str:
        """The summary as the brief's annex states it: who coded the sample (from the data), how the
        interval was made, and, where no person made the reference coding, that the score measures
        consistency with the assistant that made it (who also checked the codes, where ``reviewers``,
        the brief's reviewers, are among its coders), not accuracy a person has confirmed."""
        coded_by = f", coded by {join_names([as_named(c) for c in self.coders])}" if self.coders else ""
        low, high = self.interval
        sentence = (
            f"The automatic coder set against the reference coding, on {self.comments_measured}"
            f"{f' ({coded_by[2:]})' if coded_by else ''}: "
            f"{format_share_of(self.micro_precision)} of the codes it gives are in the reference coding "
            f"(precision {format_number(self.micro_precision, 2)}) and it finds "
            f"{format_share_of(self.micro_recall)} of the reference coding's codes (recall "
            f"{format_number(self.micro_recall, 2)}); F1, which combines the two over every code, is "
            f"{format_number(self.micro_f1, 2)} ({format_number(100 * self.confidence)}% interval "
            f"{format_number(low, 2)}-{format_number(high, 2)}, from {self.resamples} bootstrap resamples of "
            "comments)."
        )
        if self.coders and not ReviewStatus.of(self.coders).by_a_person:
            same = (
                ", the same that checked the codes counted in this brief"
                if set(reviewers) and set(reviewers) <= set(self.coders)
                else ""
            )
            sentence += (
                f" The reference coding is an AI assistant's work{same}: this score measures the coder's "
                "consistency with that assistant, not accuracy confirmed by a person."
            )
        return sentence

    def code_table(self, labels: dict[str, str]) -> pd.DataFrame:
        """Per code, for people: the codes in the sample or given by the coder, named by their labels."""
        shown = self.per_code[(self.per_code["support"] + self.per_code["predicted"]) > 0]
        return pd.DataFrame(
            {
                "code": shown["code"].map(labels),
                "in the reference coding": shown["support"],
                "given by the coder": shown["predicted"],
                "both": shown["tp"],
                "coder only": shown["fp"],
                "reference coding only": shown["fn"],
                "precision": shown["precision"].map(_two_places),
                "recall": shown["recall"].map(_two_places),
                "F1": shown["f1"].map(_two_places),
            }
        ).reset_index(drop=True)


def reference_coders(hand_coded: pd.DataFrame) -> tuple[str, ...]:
    """Who made the reference coding, as its ``coder`` column names them, each once."""
    return tuple(dict.fromkeys(name for name in hand_coded.get("coder", []) if str(name).strip()))


def unmeasured_sentence(brief_comments: int, reference_comments: int, coders=()) -> str:
    """The annex where no comment of the brief has a reference coding (comments of one's own): that
    the coder's agreement is not measured on them, and which comments the reference coding covers."""
    # who made it, between commas: a coder's name may hold brackets of its own ('the project engineer (AI coding
    # assistant)'), and brackets inside brackets do not read
    made_by = f", made by {join_names([as_named(c) for c in coders])}," if coders else ""
    these = "the comment in this brief" if brief_comments == 1 else f"the {brief_comments:,} comments in this brief"
    return (
        f"The reference coding{made_by} covers {count_of(reference_comments, 'comment')} of the Hub's discussions "
        f"and none of {these}: how closely the automatic coder's codes match a careful reading of "
        f"{verb_for(brief_comments, 'it', 'them')} is not measured. Read the codes of each comment (the annex "
        "above) before relying on the counts."
    )


def format_share_of(value: float) -> str:
    """A share from 0 to 1 as a reader reads it: '95%'; '—' where it is undefined (nothing to share)."""
    return "—" if pd.isna(value) else f"{format_number(100 * value)}%"


def _two_places(value: float) -> str:
    """A score as the annex shows it: two decimals, halves away from zero; '—' where undefined."""
    return "—" if pd.isna(value) else format_number(value, 2)


def validate_coder(
    coded: pd.DataFrame,
    hand_coded: pd.DataFrame,
    codebook: Codebook,
    resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 20221013,
    of_brief: int = 0,
) -> ValidationResult:
    """Score ``coded`` (output of :func:`.coding.code_comments`) against ``hand_coded``.

    Only comments present in both are scored; a hand-coded comment missing from ``coded`` is an error.
    ``of_brief``: how many comments the brief has that these are of (0: the reference coding as a whole),
    for the words saying on which comments it was measured.
    """
    missing = sorted(set(hand_coded["comment_id"]) - set(coded["comment_id"]))
    if missing:
        raise DataError(
            f"hand-coded {noun_for(len(missing), 'comment')} not among the coded comments: {', '.join(missing)}"
        )
    truth = label_sets(hand_coded, codebook)
    predicted_all = label_sets(coded[coded["comment_id"].isin(truth)], codebook)
    ids = list(truth)
    predicted = {comment_id: predicted_all[comment_id] for comment_id in ids}

    rows = []
    for code in codebook.codes:
        tp = sum(code.code in truth[i] and code.code in predicted[i] for i in ids)
        fp = sum(code.code not in truth[i] and code.code in predicted[i] for i in ids)
        fn = sum(code.code in truth[i] and code.code not in predicted[i] for i in ids)
        precision, recall, f1 = _f1(tp, fp, fn)
        rows.append(
            {
                "code": code.code,
                "family": code.family,
                "support": tp + fn,
                "predicted": tp + fp,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": precision,
                "recall": recall,
                "f1": f1,
            }
        )
    per_code = pd.DataFrame(rows)

    counts = np.array(
        [[len(truth[i] & predicted[i]), len(predicted[i] - truth[i]), len(truth[i] - predicted[i])] for i in ids],
        dtype=float,
    )
    tp, fp, fn = counts.sum(axis=0)
    micro_precision, micro_recall, micro_f1 = _f1(tp, fp, fn)
    generator = np.random.default_rng(seed)
    scores = []
    for _ in range(resamples):
        sample = counts[generator.integers(0, len(ids), len(ids))].sum(axis=0)
        denominator = 2 * sample[0] + sample[1] + sample[2]
        if denominator:
            scores.append(2 * sample[0] / denominator)
    tail = (1 - confidence) / 2
    interval = (
        (float(np.quantile(scores, tail)), float(np.quantile(scores, 1 - tail))) if scores else (float("nan"),) * 2
    )
    coders = reference_coders(hand_coded)
    return ValidationResult(
        per_code=per_code,
        micro_precision=micro_precision,
        micro_recall=micro_recall,
        micro_f1=micro_f1,
        interval=interval,
        confidence=confidence,
        n_comments=len(ids),
        resamples=resamples,
        coders=coders,
        of_brief=of_brief,
    )
