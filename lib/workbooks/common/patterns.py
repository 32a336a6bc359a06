"""Whole-word, case-insensitive patterns from hand-edited files, and the words they match.

The codebook and the checklist both use these; each passes its own error class, so that a bad
pattern is reported as an error of the file it came from, naming the line of the pattern.

Patterns run on RE2 (PyPI ``google-re2``), an engine whose time grows linearly with the text
whatever the pattern: a user-edited pattern such as ``(a+)+$`` cannot make coding a long comment
take minutes, as it can with Python's backtracking ``re``. RE2 reads the same syntax as ``re`` for
what the shipped files use (``\\b``, ``\\w``, ``\\d``, groups, alternation, ``?``, ``*``, ``{m,n}``,
classes), with two differences a pattern writer may meet: no lookaround (``(?=``, ``(?!``,
``(?<=``, ``(?<!``) and no backreferences (``\\1``), which are refused naming the pattern; and
``\\b`` and ``\\w`` know ASCII letters only (``\\pL`` matches any letter)."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

import re2

from ..errors import located
from .yaml_files import line_of

_UNSUPPORTED = {
    "(?=": "a lookahead '(?=...)'",
    "(?!": "a negative lookahead '(?!...)'",
    "(?<=": "a lookbehind '(?<=...)'",
    "(?<!": "a negative lookbehind '(?<!...)'",
    "\\1": "a backreference",
    "\\2": "a backreference",
}


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the error is raised to the caller, named; nothing on stderr
    return options


def _why_not(pattern: str, problem: re2.error) -> str:
    reason = (
        problem.args[0].decode("utf-8", "replace")
        if problem.args and isinstance(problem.args[0], bytes)
        else str(problem)
    )
    unsupported = [what for marker, what in _UNSUPPORTED.items() if marker in pattern]
    if unsupported:
        return (
            f"pattern {pattern!r} uses {unsupported[0]}, which RE2 (the linear-time engine patterns run on) "
            f"does not support; rewrite it without lookarounds or backreferences ({reason})"
        )
    return f"pattern {pattern!r} is not a valid regular expression: {reason}"


def compile_patterns(patterns, error: type[Exception], path, key: str, of: str | None) -> tuple:
    """Each pattern wrapped in \\b(?:...)\\b, case-insensitive, compiled with RE2. ``path``, ``key``
    and ``of`` (the entry, e.g. "code 'gcm-6'") name where the patterns are written; a bad one is
    ``error("FILE, line N, key 'k' of ENTRY: ...")`` with the pattern's own line."""
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise error(located(path, line_of(patterns), key, "must be a list of non-empty strings", of=of))
    compiled = []
    for position, pattern in enumerate(patterns):
        try:
            compiled.append(_whole_words(pattern))
        except re2.error as problem:
            raise error(located(path, line_of(patterns, position), key, _why_not(pattern, problem), of=of)) from None
    return tuple(compiled)


@lru_cache(maxsize=8192)
def _whole_words(pattern: str) -> Any:
    """``pattern`` wrapped in \\b(?:...)\\b and compiled, once a process: the codebook, the checklist and the asks
    vocabulary are parsed again by each live view, review reload and check, and hold the same few hundred patterns (a
    compiled RE2 pattern is immutable, so one serves every caller; a pattern that fails is not kept)."""
    return re2.compile(rf"\b(?:{pattern})\b", _options())


def first_of(patterns) -> Any:
    """``patterns`` (compiled by :func:`compile_patterns`) as one alternation, in their order: RE2 prefers the earliest
    alternative that matches at a position, so ``match`` finds what the first of them to match would, and ``search``
    finds whether any matches, in one call instead of one a pattern. None for no patterns."""
    return re2.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), _options()) if patterns else None


class _Spans:
    """The spans of the exclude matches, sorted by start, with the furthest end reached by any span
    starting at or before each: whether a match lies inside one of them is a bisection, not a scan
    (a 1 MB text has tens of thousands of matches of each)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [low for low, _ in spans]
        self.furthest, end = [], -1
        for _, high in spans:
            end = max(end, high)
            self.furthest.append(end)

    def cover(self, start: int, end: int) -> bool:
        """Whether some span (low, high) has low <= start and end <= high."""
        last = bisect_right(self.starts, start) - 1  # the spans starting at or before ``start``
        return last >= 0 and self.furthest[last] >= end


def excluded_spans(text: str, exclude) -> _Spans:
    """The matches of the ``exclude`` patterns in ``text``, found once for several :func:`matched_spans`."""
    return _Spans(match.span() for pattern in exclude for match in pattern.finditer(text))


def matched_spans(text: str, include, exclude=(), excluded: _Spans | None = None) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each match of any ``include`` pattern outside every ``exclude``
    match (or the ``excluded`` spans found already), pattern by pattern, each pattern's matches in
    order: where :func:`matched_words` are."""
    if excluded is None:
        excluded = excluded_spans(text, exclude)
    spans = []
    for pattern in include:
        for match in pattern.finditer(text):
            span = match.span()
            if not excluded.cover(*span):
                spans.append(span)
    return spans


def matched_words(text: str, include, exclude=()) -> list[str]:
    """The words of ``text`` matched by any ``include`` pattern, outside every ``exclude`` match."""
    return [text[start:end] for start, end in matched_spans(text, include, exclude)]


_EVERY_TEXT = ""  # the pattern that matches every text, even an empty one


class AnyOf:
    """Which patterns of several groups (e.g. each code's include patterns, then each code's exclude
    patterns) match a text at all, in one pass over it: an RE2 set of every pattern. A pattern that
    matches nowhere adds no words and hides none, so :func:`matched_words` given only the patterns
    :meth:`matching` names finds exactly the words it finds given them all.

    The set also holds an empty pattern, which matches every text: a set that reports nothing has run out of
    memory on the text (RE2 then reports no match at all), and only then is each group's patterns tried as one
    alternation instead, a group that matches keeping all its patterns. A text no pattern matches costs one pass."""

    def __init__(self, groups):
        self.groups = [tuple(patterns) for patterns in groups]
        self.where = []  # the set's pattern index -> (group, position in the group)
        self.set = re2.Set.SearchSet(_set_options())
        for group, patterns in enumerate(self.groups):
            for position, pattern in enumerate(patterns):
                self.set.Add(pattern.pattern)
                self.where.append((group, position))
        self.alternations = [
            re2.compile("|".join(f"(?:{p.pattern})" for p in patterns), _options()) if patterns else None
            for patterns in self.groups
        ]
        if self.where:
            self.set.Add(_EVERY_TEXT)  # its index is len(self.where): reported whenever the automaton ran to the end
            self.set.Compile()

    def matching(self, text: str) -> dict[int, tuple]:
        """group -> its patterns that match ``text`` somewhere, in the group's order; groups with none left out."""
        if not self.where:
            return {}
        found = self.set.Match(text)
        if found:
            positions: dict[int, list[int]] = {}
            for index in sorted(found)[:-1]:  # the last is the empty pattern's
                group, position = self.where[index]
                positions.setdefault(group, []).append(position)
            return {
                group: tuple(self.groups[group][p] for p in sorted(chosen))
                for group, chosen in sorted(positions.items())
            }
        return {
            group: self.groups[group]
            for group, alternation in enumerate(self.alternations)
            if alternation is not None and alternation.search(text) is not None
        }


def _set_options() -> re2.Options:
    options = _options()
    options.max_mem = 64 << 20  # room for the set's automaton over a few hundred patterns
    return options


def unique_words(words: list[str]) -> list[str]:
    """Matched words without repeats (case-insensitive), in order of first appearance."""
    return list({word.lower(): word for word in reversed(words)}.values())[::-1]
