"""The words patterns match outside the exclude matches: the same as checking every exclude span
(the old quadratic scan), found by bisection, so that a 1 MB text is coded in seconds."""

from __future__ import annotations

import random
import time

import pytest

from workbooks.common.patterns import _Spans, compile_patterns, first_of, matched_words


def _old_matched_words(text, include, exclude=()):
    excluded = [match.span() for pattern in exclude for match in pattern.finditer(text)]
    return [
        match.group(0)
        for pattern in include
        for match in pattern.finditer(text)
        if not any(low <= match.start() and match.end() <= high for low, high in excluded)
    ]


def test_covered_spans_are_the_old_scans_on_random_spans():
    chance = random.Random(12)
    for _ in range(300):
        spans = [
            (low, low + chance.randint(0, 12)) for low in (chance.randint(0, 60) for _ in range(chance.randint(0, 15)))
        ]
        covered = _Spans(spans)
        for _ in range(40):
            start = chance.randint(0, 70)
            end = start + chance.randint(0, 10)
            assert covered.cover(start, end) == any(low <= start and end <= high for low, high in spans), (
                spans,
                start,
                end,
            )


def _patterns(*patterns):
    return compile_patterns(list(patterns), ValueError, "test.yaml", "include", "test")


def test_matched_words_are_the_old_ones_on_random_texts():
    chance = random.Random(7)
    words = [
        "decent",
        "work",
        "decent work",
        "social",
        "protection",
        "social protection",
        "climate",
        "of",
        "fear",
        "climate of fear",
        "jobs",
        "migrant",
        "workers",
    ]
    include = _patterns("decent work", "social protection", "climate", "jobs?", "work(?:ers)?", "migrant workers")
    exclude = _patterns("climate of fear", "decent work(?:ers)? for", "social", "migrant workers need")
    for _ in range(200):
        text = " ".join(chance.choice(words) for _ in range(chance.randint(0, 40)))
        assert matched_words(text, include, exclude) == _old_matched_words(text, include, exclude)
        assert matched_words(text, include) == _old_matched_words(text, include)


def test_a_megabyte_text_with_thousands_of_excluded_matches_takes_seconds_not_minutes():
    text = ("migrant workers need decent jobs and social protection " * 19_000)[:1_000_000]
    include = _patterns("social protection", "jobs?", "workers")
    exclude = _patterns("and social protection", "migrant workers need")
    started = time.perf_counter()
    found = matched_words(text, include, exclude)
    assert time.perf_counter() - started < 5
    assert found == ["jobs"] * text.count(" jobs ")  # every 'social protection' and 'workers' lies in an exclude match


def test_any_of_names_the_patterns_that_match_and_falls_back_only_when_the_set_runs_out_of_memory():
    from workbooks.common.patterns import AnyOf

    groups = [_patterns("decent work", "jobs?"), _patterns("remittances?"), (), _patterns("work")]
    any_of = AnyOf(groups)
    text = "Decent work and jobs, not remittances alone."
    assert {group: [p.pattern for p in found] for group, found in any_of.matching(text).items()} == {
        0: [groups[0][0].pattern, groups[0][1].pattern],
        1: [groups[1][0].pattern],
        3: [groups[3][0].pattern],
    }

    class NotTried:
        def search(self, text):
            raise AssertionError(f"the alternations were tried on {text!r}")

    any_of.alternations = [NotTried()] * len(groups)  # a text no pattern matches is answered by the set alone
    assert any_of.matching("nothing here") == {}
    assert any_of.matching("") == {}
    any_of.alternations = AnyOf(groups).alternations

    class OutOfMemory:  # RE2's set reports nothing when its automaton runs out of memory
        def Match(self, text):
            return None

    any_of.set = OutOfMemory()
    fallback = any_of.matching("jobs and remittances")
    assert sorted(fallback) == [0, 1] and fallback[0] == groups[0]  # a matching group keeps every pattern
    assert matched_words("jobs and remittances", fallback[0]) == ["jobs"]


def test_first_of_matches_what_the_first_pattern_to_match_would_and_searches_for_any():
    """One alternation for the asks' leads, openings and against phrases: ``match`` gives the words of the first
    pattern, in the list's order, that matches at the start (not the longest), as the loop over them did."""
    patterns = compile_patterns(["also", "also,? finally", "finally", "do not", "need for"], ValueError, "t", "k", None)
    one = first_of(patterns)
    texts = ["Also, finally ensure", "Finally include", "do NOT cut", "the need for", "", "alsofinally", "Also"]
    for text in texts:
        loop = next((found.group(0) for found in (p.match(text) for p in patterns) if found), None)
        together = one.match(text)
        assert (together.group(0) if together else None) == loop, text
        assert bool(one.search(text)) == any(p.search(text) for p in patterns), text
    assert one.match("Also, finally ensure").group(0) == "Also"  # the first listed, though the second is longer
    assert first_of(()) is None


def test_a_pattern_is_compiled_once_a_process_and_a_bad_one_is_refused_naming_its_line_each_time():
    """The codebook read twice holds the same compiled patterns (one compile a pattern, whichever file or reload asks);
    a pattern RE2 refuses is never kept: each file that holds it is refused, naming its own line."""
    from workbooks.common.yaml_files import parse_yaml
    from workbooks.consultation.codebook import load_codebook

    first, second = load_codebook(), load_codebook()
    assert first.codes[0].include[0] is second.codes[0].include[0]
    assert _patterns("social protection")[0] is _patterns("social protection")[0]
    assert _patterns("social protection")[0].pattern == r"\b(?:social protection)\b"
    for line in (2, 3):
        document = parse_yaml("include:\n" + "  - fine\n" * (line - 2) + "  - (a\n")
        with pytest.raises(ValueError, match=rf"test.yaml, line {line}, key 'include' of test: pattern '\(a'"):
            compile_patterns(document["include"], ValueError, "test.yaml", "include", "test")
