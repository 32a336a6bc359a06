"""Whole-word, case-insensitive patterns from hand-edited files, and the words they match.

The codebook and the checklist both use these; each passes its own error class, so that a bad
pattern is reported as an error of the file it came from."""
from __future__ import annotations

import re


def compile_patterns(where: str, key: str, patterns, error: type[Exception]) -> tuple[re.Pattern, ...]:
    """Each pattern wrapped in \\b(?:...)\\b, case-insensitive; ``where`` names the file and entry."""
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise error(f"{where}: {key!r} must be a list of non-empty strings")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
        except re.error as problem:
            raise error(f"{where}: {key} pattern {pattern!r} is not a valid regular expression: {problem}") from None
    return tuple(compiled)


def matched_words(text: str, include, exclude=()) -> list[str]:
    """The words of ``text`` matched by any ``include`` pattern, outside every ``exclude`` match."""
    excluded = [match.span() for pattern in exclude for match in pattern.finditer(text)]
    found = []
    for pattern in include:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(low <= start and end <= high for low, high in excluded):
                continue
            found.append(match.group(0))
    return found


def unique_words(words: list[str]) -> list[str]:
    """Matched words without repeats (case-insensitive), in order of first appearance."""
    return list({word.lower(): word for word in reversed(words)}.values())[::-1]
