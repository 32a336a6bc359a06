"""Roman numerals as the Hub pages number activities (i, ii, ... ix)."""

from __future__ import annotations

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def to_roman(number: int) -> str:
    if number < 1:
        raise ValueError(f"no roman numeral for {number}")
    digits = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


def roman_value(numeral: str) -> int | None:
    """The value of a lower-case roman numeral written canonically, else None."""
    numeral = numeral.lower()
    total, rest = 0, numeral
    for value, symbol in _ROMAN:
        while rest.startswith(symbol):
            total += value
            rest = rest[len(symbol) :]
    if rest or not total or to_roman(total) != numeral:
        return None
    return total


def numeral_position(label: str) -> int:
    """The position a label stands for: 'iv' is 4, '3' is 3; 0 for anything else (sorts first)."""
    text = str(label).strip()
    if text.isdigit():
        return int(text)
    return roman_value(text) or 0
