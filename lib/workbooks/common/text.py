"""Text helpers: shortening for tables, charts and messages."""
from __future__ import annotations


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

