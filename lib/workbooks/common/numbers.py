"""Numbers as a reader sees them: one rounding rule for every brief, table and chart.

Python's ``round`` and format strings round halves to even on the binary value, so 12.5 shows as
"12" and 37.5 as "38". A reader checking a mean by hand rounds halves away from zero; so does
everything here, on the decimal value as written.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .wording import join_names, plural


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


FEWEST_FOR_A_MEDIAN = 5  # fewer values are shown as themselves: "a median of 71.5 days" of 2 values hides both


def median_or_values(values, unit: str) -> str:
    """Whole-number values of one measure as a sentence gives them. Fewer than
    :data:`FEWEST_FOR_A_MEDIAN` are listed, smallest first ("43 and 100 days", "1 day"); from that
    many on, their median, whole when it is whole, else with its .5, and their range ("a median of
    20 days, from 3 to 100"). ``unit`` is the singular noun ("day"); "" when there are no values."""
    numbers = sorted(int(value) for value in values)
    if not numbers:
        return ""
    if len(numbers) < FEWEST_FOR_A_MEDIAN:
        return f"{join_names([str(n) for n in numbers])} {unit if numbers == [1] else plural(unit)}"
    middle = len(numbers) // 2
    median = numbers[middle] if len(numbers) % 2 else (numbers[middle - 1] + numbers[middle]) / 2
    written = format_mean(median)
    return f"a median of {written} {unit if written == '1' else plural(unit)}, from {numbers[0]} to {numbers[-1]}"
