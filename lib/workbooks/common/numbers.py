"""Numbers as a reader sees them: one rounding rule for every brief, table and chart.

Python's ``round`` and format strings round halves to even on the binary value, so 12.5 shows as
"12" and 37.5 as "38". A reader checking a mean by hand rounds halves away from zero; so does
everything here, on the decimal value as written.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded to ``digits`` decimals, halves away from zero (12.5 -> 13, -2.5 -> -3).
    NaN and infinities pass through."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return value
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(value: float, digits: int = 0) -> str:
    """``value`` as text with exactly ``digits`` decimals, halves away from zero; a whole number
    stays whole when ``digits`` is 0 ("71.5" with digits=1, "72" with digits=0)."""
    rounded = round_half_up(value, digits)
    return f"{rounded:.{digits}f}"


def format_mean(value: float) -> str:
    """A mean as a reader checks it: whole when it is whole ("50"), else one decimal ("12.5", "33.3")."""
    text = format_number(value, 1)
    return text[:-2] if text.endswith(".0") else text


def format_share(part: int, whole: int, digits: int = 0) -> str:
    """``part`` of ``whole`` as a percentage text ("36%"), "—" when ``whole`` is 0."""
    return f"{format_number(100 * part / whole, digits)}%" if whole else "—"
