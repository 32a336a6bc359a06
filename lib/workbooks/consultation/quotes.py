"""The consultation brief's "In their words": for each leading code, the comments with the most
evidence, cut around the first match at word boundaries, the matched words marked over escaped text.

Each quote says how far its words are the author's: seed pages are stored as posted (verbatim);
Hub pages whose stored prose was rewritten (data/sources.csv, note "prose rewritten") give a
paraphrase, never the author's own words; comments gathered elsewhere are shown as recorded."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from ..presentation.html import escape, highlighted_html
from ..tables.sources import is_verbatim
from .analysis import who

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


@dataclass(frozen=True)
class Quote:
    code: str
    label: str
    comment_id: str  # for tracing; not shown to readers
    who: str
    discussion: str  # the discussion's title
    text: str
    evidence: list
    truncated: bool
    wording: str = RECORDED  # VERBATIM, PARAPHRASE or RECORDED

    @property
    def wording_label(self) -> str:
        """What a reader is told about the words: 'as posted', or that they are a paraphrase."""
        return WORDING_LABELS[self.wording]

    @property
    def attribution(self) -> str:
        """Whose comment this is, never presenting a paraphrase as a person's words."""
        if self.wording == PARAPHRASE:
            return f"Paraphrased from a comment by {self.who}" if self.who != "author not shown" else \
                "Paraphrased from a comment whose author the page does not show"
        return self.who[0].upper() + self.who[1:] if self.who else self.who


def quotes(coded: pd.DataFrame, long: pd.DataFrame, codes: list[str], labels: dict[str, str],
           per_code: int = 2, max_chars: int = 600, sources: pd.DataFrame | None = None,
           titles: dict[str, str] | None = None) -> list[Quote]:
    """Up to ``per_code`` comments for each code, those with the most evidence first (whole ones
    before cut ones); a comment is quoted once, under the first code it is chosen for. ``sources``
    (data/sources.csv) tells verbatim from paraphrased text; without it every quote is shown as
    recorded. ``titles`` names the discussions (discussion -> title)."""
    by_id = coded.set_index("comment_id")
    result, quoted = [], set()
    for code in codes:
        rows = long[(long["code"] == code) & ~long["comment_id"].isin(quoted)].assign(hits=lambda f: f["evidence"].map(len))
        rows = rows.assign(cut=rows["comment_id"].map(by_id["truncated"]))
        for _, row in rows.sort_values(["hits", "cut", "comment_id"], ascending=[False, True, True]).head(per_code).iterrows():
            quoted.add(row["comment_id"])
            comment = by_id.loc[row["comment_id"]]
            wording = wording_of(comment["source"], sources) if sources is not None else RECORDED
            result.append(Quote(code, labels[code], row["comment_id"], who(comment),
                                (titles or {}).get(comment["discussion"], comment["discussion"]),
                                excerpt(comment["text"], row["evidence"], max_chars, bool(comment["truncated"])),
                                list(row["evidence"]), bool(comment["truncated"]), wording))
    return result


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
        body = body[:body.rfind(" ")].rstrip()
    if not body:
        return text
    return body + (" …" if body[-1] in ".!?;:" else "…")


def quotes_html(quotes) -> HTML:
    """Quotes (:class:`Quote`) grouped by code, the evidence words marked; each says whose comment it
    is, in which discussion, and whether its words are as posted or a paraphrase."""
    parts, current = [], None
    for quote in quotes:
        if quote.label != current:
            if current is not None:
                parts.append("</div>")
            parts.append(f'<div class="brief-quotes"><h3>{escape(quote.label)}</h3>')
            current = quote.label
        cut = " (cut off by the page)" if quote.truncated else ""
        evidence = f"; matched words: {', '.join(quote.evidence)}" if quote.evidence else "; code added by review"
        kind = "brief-quote brief-paraphrase" if quote.wording == PARAPHRASE else "brief-quote"
        parts.append(f'<blockquote class="{kind}"><p>{highlighted_html(quote.text, quote.evidence)}</p>'
                     f'<footer>{escape(quote.attribution)}, in “{escape(quote.discussion)}”{escape(cut)}; '
                     f'{escape(quote.wording_label)}{escape(evidence)}</footer></blockquote>')
    if current is not None:
        parts.append("</div>")
    return HTML("".join(parts) or "<p>No quotes: no code reaches the minimum count.</p>")
