"""The consultation brief's "In their words": for each leading code, the comments with the most
evidence, cut around the first match, the matched words marked over escaped text."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from ..presentation.html import escape, highlighted_html
from .analysis import who


@dataclass(frozen=True)
class Quote:
    code: str
    label: str
    comment_id: str
    who: str
    text: str
    evidence: list
    truncated: bool


def quotes(coded: pd.DataFrame, long: pd.DataFrame, codes: list[str], labels: dict[str, str],
           per_code: int = 2, max_chars: int = 600) -> list[Quote]:
    """Up to ``per_code`` comments for each code, those with the most evidence first (whole ones before cut ones)."""
    by_id = coded.set_index("comment_id")
    result = []
    for code in codes:
        rows = long[long["code"] == code].assign(hits=lambda f: f["evidence"].map(len))
        rows = rows.assign(cut=rows["comment_id"].map(by_id["truncated"]))
        for _, row in rows.sort_values(["hits", "cut", "comment_id"], ascending=[False, True, True]).head(per_code).iterrows():
            comment = by_id.loc[row["comment_id"]]
            result.append(Quote(code, labels[code], row["comment_id"], who(comment), excerpt(comment["text"], row["evidence"], max_chars),
                                list(row["evidence"]), bool(comment["truncated"])))
    return result


def excerpt(text: str, evidence: list[str], max_chars: int = 600) -> str:
    """The text around the first evidence match, at most ``max_chars`` long, with '…' where cut."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if len(text) <= max_chars:
        return text
    position = min((text.lower().find(w.lower()) for w in evidence if text.lower().find(w.lower()) >= 0), default=0)
    start = max(0, min(position - max_chars // 3, len(text) - max_chars))
    piece = text[start:start + max_chars]
    return ("…" if start else "") + piece + ("…" if start + max_chars < len(text) else "")


def quotes_html(quotes) -> HTML:
    """Quotes (:class:`Quote`) grouped by code, the evidence words marked."""
    parts, current = [], None
    for quote in quotes:
        if quote.label != current:
            if current is not None:
                parts.append("</div>")
            parts.append(f'<div class="brief-quotes"><h3>{escape(quote.label)}</h3>')
            current = quote.label
        cut = " (cut off by the page)" if quote.truncated else ""
        parts.append(f'<blockquote class="brief-quote"><p>{highlighted_html(quote.text, quote.evidence)}</p>'
                     f'<footer>{escape(quote.who)}, <code>{escape(quote.comment_id)}</code>{escape(cut)}; '
                     f'evidence: {escape(", ".join(quote.evidence))}</footer></blockquote>')
    if current is not None:
        parts.append("</div>")
    return HTML("".join(parts) or "<p>No quotes: no code reaches the minimum count.</p>")
