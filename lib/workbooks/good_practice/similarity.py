"""Nearest practices: by checklist scores (distance between item-score profiles, over the scored
items of the pillars in focus) and by the words of title and our summary (TF-IDF cosine
similarity). Distances and similarities are written with :mod:`workbooks.common.numbers`."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from ..common.numbers import format_number
from .checklist import Checklist, record_text
from .compare import display_name, focus_items
from .scoring import score_matrix

_WORD = re.compile(r"[a-zà-ÿ]{3,}")
_STOPWORDS = frozenset(
    """the and for with that from this their them they its into who which whose while are was were
has have had been being but not can also such than other more most some all any each per via about over under
between among through across upon within without so as on in of to by or an at be is it we our your you one two
three four five six seven teaser stored text cut off entry record page""".split()
)


def tokens(text: str) -> list[str]:
    return [word for word in _WORD.findall(str(text).lower()) if word not in _STOPWORDS]


def text_similarity(practices: pd.DataFrame, checklist: Checklist) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of each record's title and our summary (practice_id x practice_id)."""
    documents = [Counter(tokens(record_text(record, checklist))) for _, record in practices.iterrows()]
    vocabulary = sorted({word for document in documents for word in document})
    position = {word: i for i, word in enumerate(vocabulary)}
    frequency = Counter(word for document in documents for word in document)
    idf = np.array([math.log((1 + len(documents)) / (1 + frequency[word])) + 1 for word in vocabulary])
    vectors = np.zeros((len(documents), len(vocabulary)))
    for row, document in enumerate(documents):
        for word, count in document.items():
            vectors[row, position[word]] = count * idf[position[word]]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    ids = list(practices["practice_id"])
    return pd.DataFrame(vectors @ vectors.T, index=ids, columns=ids)


MIN_SHARED_ITEMS = (
    2  # a record is near by scores only where both show at least this many of the same items, one of them fully
)
MIN_WORD_SIMILARITY = (
    0.2  # below it, two summaries share a few common words (refugees, jobs, a country's name), no subject
)


def no_likeness(vector) -> str:
    """Why no record is near ``vector`` (one record's item scores) by scores: the true reason for this record."""
    shown = int((vector > 0).sum())
    if not (vector == 100).any():
        return "— (it shows no item fully, so there is nothing to match)"
    if shown < MIN_SHARED_ITEMS:
        return f"— (it shows only {shown} item, so there is nothing to match)"
    return (
        f"— (no other record shows at least {MIN_SHARED_ITEMS} of the {shown} items this one shows, one of them "
        "fully as this one does)"
    )


def no_close_words(best: float) -> str:
    return f"— (no record close in words: best similarity {format_number(best, 2)})"


def _by_scores_part(name: str, distance: float, shared: int) -> str:
    """One neighbour by scores; at distance 0, what the match rests on."""
    if round(distance) == 0:
        return f"{name} (0: same scores on the {shared} items both show)"
    return f"{name} ({format_number(distance)})"


def nearest_practices(
    chosen: pd.DataFrame,
    every_scores: pd.DataFrame,
    practices: pd.DataFrame,
    similarity: pd.DataFrame,
    checklist: Checklist,
    count: int = 3,
    pillars=(),
) -> pd.DataFrame:
    """For each chosen practice, the ``count`` nearest other records by item scores (Euclidean
    distance over the scored items of the pillars in focus, every scored item when ``pillars`` is
    empty, scaled to 0-100), among the records that show at least MIN_SHARED_ITEMS of the items it
    shows, one of them fully by both: a match on what both leave out or barely show is no likeness (a row
    without one says why); and by text (TF-IDF cosine similarity), among those at least MIN_WORD_SIMILARITY alike. The headers say which items were compared;
    distances are written whole and similarities with two decimals, halves rounded up."""
    keys = [item.key for item in focus_items(checklist, list(pillars)) if item in checklist.scored_items]
    matrix = score_matrix(every_scores, checklist)[keys]
    matrix = matrix[matrix.index.isin(set(practices["practice_id"]) | set(chosen["practice_id"]))]  # the records given
    informative = matrix[(matrix > 0).any(axis=1)]
    names = {row["practice_id"]: display_name(row, 48) for _, row in practices.iterrows()}
    over = f"all {len(keys)} scored items" if not pillars else f"the {len(keys)} scored items shown"
    by_scores_header = f"Nearest by checklist scores on {over} (distance 0-100)"
    rows = []
    for practice_id in chosen["practice_id"]:
        vector = matrix.loc[practice_id].to_numpy(dtype=float)
        if (vector > 0).any():
            others = informative.drop(index=practice_id, errors="ignore")
            values = others.to_numpy(dtype=float)
            # a likeness rests on items both records show; matching on what both leave out is none
            shared = ((values > 0) & (vector > 0)).sum(axis=1)
            both_full = ((values == 100) & (vector == 100)).sum(axis=1)
            alike = (shared >= MIN_SHARED_ITEMS) & (both_full >= 1)
            others, values = others[alike], values[alike]
            distance = pd.Series(
                np.sqrt(((values - vector) ** 2).sum(axis=1)) / math.sqrt(len(vector)), index=others.index
            )
            shared = pd.Series(shared[alike], index=others.index)
            by_scores = distance.sort_values(kind="stable").head(count)
            nearest_by_scores = "; ".join(
                _by_scores_part(names[i], d, shared[i]) for i, d in zip(by_scores.index, by_scores)
            ) or no_likeness(vector)
        else:
            nearest_by_scores = "— (the record shows none of these items)"
        by_text = similarity.loc[practice_id].drop(index=practice_id).sort_values(ascending=False, kind="stable")
        close = by_text[by_text >= MIN_WORD_SIMILARITY].head(count)
        nearest_by_words = "; ".join(f"{names[i]} ({format_number(s, 2)})" for i, s in close.items()) or no_close_words(
            by_text.iloc[0] if len(by_text) else 0.0
        )
        rows.append(
            {
                "Practice": names[practice_id],
                by_scores_header: nearest_by_scores,
                "Nearest by words of title and summary (similarity 0-1)": nearest_by_words,
            }
        )
    return pd.DataFrame(rows)
