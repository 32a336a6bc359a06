"""A comment's words as a brief shows them: how far they are the author's (:func:`wording_of`: seed
pages are stored as posted, verbatim; Hub pages whose stored prose was rewritten, data/sources.csv
note "prose rewritten", give a paraphrase, never the author's own words; comments gathered elsewhere
are shown as recorded), and an excerpt cut at word boundaries (:func:`excerpt`)."""

from __future__ import annotations

import re

import pandas as pd

from ..tables.sources import is_verbatim

VERBATIM, PARAPHRASE, RECORDED = "verbatim", "paraphrase", "recorded"
WORDING_LABELS = {
    VERBATIM: "as posted",
    PARAPHRASE: "paraphrase: the stored page's prose was rewritten, so these are not the author's words",
    RECORDED: "as recorded in the comments file",
}


def wording_of(source: str, sources: pd.DataFrame) -> str:
    """VERBATIM for a comment read from a registered page stored as posted, PARAPHRASE for one whose
    stored prose was rewritten, RECORDED for a comment gathered elsewhere (not in the registry)."""
    row = sources[sources["source_id"] == source]
    if row.empty:
        return RECORDED
    return VERBATIM if is_verbatim(str(row["note"].iloc[0]).lower()) else PARAPHRASE


def excerpt(text: str, evidence: list[str], max_chars: int = 600, cut_off: bool = False) -> str:
    """The text around the first evidence match, at most ``max_chars`` long (besides the '…' marks),
    cut only between words, with '…' where cut. ``cut_off``: the page itself stopped inside the text
    ('Safe and regu...'), so its last word may be a fragment: it is dropped and the end marked '…'."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if cut_off:
        text = _without_last_fragment(text)
    if len(text) <= max_chars:
        return text
    lower = text.lower()
    position = min((lower.find(w.lower()) for w in evidence if w and lower.find(w.lower()) >= 0), default=0)
    start = max(0, min(position - max_chars // 3, len(text) - max_chars))
    end = start + max_chars
    if start > 0 and text[start - 1] != " ":  # inside a word: start at the next word, or back at this one's start
        following = text.find(" ", start, position + 1)
        start = following + 1 if following >= 0 else text.rfind(" ", 0, start) + 1
    if end < len(text) and text[end] != " ":  # inside a word: end after the previous word
        previous = text.rfind(" ", start, end)
        end = previous if previous > start else end
    piece = text[start:end].strip()
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) and not piece.endswith("…") else "")


def _without_last_fragment(text: str) -> str:
    """A text the page cut off, ending in '…' and never in part of a word: 'Safe and regu...' -> 'Safe and…'."""
    body = re.sub(r"(?:\.{3}|…)$", "", text).rstrip()
    if body and body[-1].isalnum() and " " in body:
        body = body[: body.rfind(" ")].rstrip()
    if not body:
        return text
    return body + (" …" if body[-1] in ".!?;:" else "…")
