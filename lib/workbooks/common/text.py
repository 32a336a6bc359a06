# shorten is kept, not textwrap.shorten: that one gives '…' alone for a first word longer than the width and keeps a dangling
# comma ('labour market,…'), both of which tests/common/test_text.py rules out.
"""Text helpers: shortening for tables, charts and messages; escaping for HTML."""

from __future__ import annotations

import html
import re

# where a plain sentence ends and the next begins: an end mark, space, then a capital or a quote ("... in 2016. The
# programme ..."); the asks' sentences (consultation/asks.py) also read list items, headings and abbreviations
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'‘\"])")


def shorten(text, width: int) -> str:
    """``text`` with its white space folded, cut to at most ``width`` characters with '…' where cut;
    the cut falls between words (inside a word only when its first word alone is too long)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " " and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def escape_html(value) -> str:
    """Text made inert for HTML (quotes too); nothing for None or a missing number (NaN)."""
    missing = value is None or (isinstance(value, float) and value != value)
    return html.escape("" if missing else str(value), quote=True)
