"""Nearest practices: by checklist scores (distance between item-score profiles) and by the words
of title and summary (TF-IDF cosine similarity)."""
from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from .checklist import Checklist, record_text
from .compare import display_name
from .scoring import score_matrix

_WORD = re.compile(r"[a-zà-ÿ]{3,}")
_STOPWORDS = frozenset("""the and for with that from this their them they its into who which whose while are was were
has have had been being but not can also such than other more most some all any each per via about over under
between among through across upon within without so as on in of to by or an at be is it we our your you one two
three four five six seven teaser stored text cut off entry record page""".split())


def tokens(text: str) -> list[str]:
    return [word for word in _WORD.findall(str(text).lower()) if word not in _STOPWORDS]


def text_similarity(practices: pd.DataFrame, checklist: Checklist) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of each record's title and summary (practice_id x practice_id)."""
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


def nearest_practices(chosen: pd.DataFrame, every_scores: pd.DataFrame, practices: pd.DataFrame,
                      similarity: pd.DataFrame, checklist: Checklist, count: int = 3) -> pd.DataFrame:
    """For each chosen practice, the ``count`` nearest other records by item scores (Euclidean
    distance over the scored items; records showing no item are left out, as they carry no
    signal) and by text (TF-IDF cosine similarity)."""
    matrix = score_matrix(every_scores, checklist)[[item.key for item in checklist.scored_items]]
    informative = matrix[(matrix > 0).any(axis=1)]
    names = {row["practice_id"]: display_name(row, 48) for _, row in practices.iterrows()}
    rows = []
    for practice_id in chosen["practice_id"]:
        vector = matrix.loc[practice_id].to_numpy(dtype=float)
        others = informative.drop(index=practice_id, errors="ignore")
        distance = np.sqrt(((others.to_numpy(dtype=float) - vector) ** 2).sum(axis=1)) / math.sqrt(len(vector))
        by_scores = pd.Series(distance, index=others.index).sort_values(kind="stable").head(count)
        by_text = similarity.loc[practice_id].drop(index=practice_id).sort_values(ascending=False, kind="stable").head(count)
        rows.append({
            "practice": names[practice_id],
            "nearest by checklist scores (distance 0-100)": "; ".join(f"{names[i]} ({d:.0f})" for i, d in by_scores.items())
            if (matrix.loc[practice_id] > 0).any() else "— (the record shows no item)",
            "nearest by text (similarity 0-1)": "; ".join(f"{names[i]} ({s:.2f})" for i, s in by_text.items()),
        })
    return pd.DataFrame(rows)
