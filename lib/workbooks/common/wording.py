"""Words for sentences of the briefs and the messages of the command and validation: counts with their noun ("1 discussion", "2
discussions", never "discussion(s)"), lists of names ("A, B and C"), small numbers as words."""

from __future__ import annotations

import difflib
import re

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def close_names(value: str, names, most: int = 3) -> list[str]:
    """The names among ``names`` close to a mistyped ``value`` (difflib), for a 'did you mean' (:func:`did_you_mean_names`):
    the one rule every unknown name is answered by (a brief, a file, a workstream)."""
    return list(
        dict.fromkeys(difflib.get_close_matches(str(value), [str(name) for name in names], n=most, cutoff=0.75))
    )


def did_you_mean_names(close: list[str]) -> str:
    """'did you mean A or B?' for the names :func:`close_names` found, else ''."""
    return f"did you mean {' or '.join(close)}?" if close else ""


def plural(noun: str) -> str:
    """The plural of an English noun as the briefs use them: 'priority' -> 'priorities', 'code' -> 'codes'."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count_of(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 discussion', '2 discussions', '0 discussions', '10,000 comments'; the last word of ``noun`` takes the plural."""
    if count == 1:
        return f"1 {noun}"
    head, _, last = noun.rpartition(" ")
    many = plural_form or ((head + " " if head else "") + plural(last))
    return f"{count:,} {many}"


def noun_for(count: int, noun: str, plural_form: str | None = None) -> str:
    """The noun as a count of ``count`` takes it, without the number: 'column' for 1, 'columns' otherwise
    ("unknown columns a, b"; never "column(s)")."""
    return count_of(count, noun, plural_form).split(" ", 1)[1]


def verb_for(count: int, singular: str, plural_form: str) -> str:
    """The verb (or pronoun, or words) as a count of ``count`` takes it: verb_for(1, "is", "are") -> 'is'
    ("1 of 16 is recorded"), 'are' for any other count ("0 of 16 are", "5 of 16 are"); verb_for(n, "it", "them")."""
    return singular if count == 1 else plural_form


def number_word(count: int) -> str:
    """'three' for 3 (up to ten), else the digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


def join_names(names: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [str(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def join_labels(labels: list[str], conjunction: str = "and") -> str:
    """Labels that may hold a comma or an 'and' of their own ('climate change and migration', 'civic space,
    and ...'): joined as :func:`join_names` does where none does, else with semicolons, so that a reader
    sees where each ends: 'children and migrant minors; climate change and migration; and diasporas'."""
    labels = [str(label) for label in labels]
    if len(labels) <= 1 or not any("," in label or re.search(r"\band\b", label) for label in labels):
        return join_names(labels, conjunction)
    return join_with_semicolons(labels, conjunction)


def join_with_semicolons(parts: list[str], conjunction: str = "and") -> str:
    """'A', 'A; and B', 'A; B; and C': parts that hold commas of their own ('diasporas (IOM, 2 comments)')."""
    parts = [str(part) for part in parts]
    return f"{'; '.join(parts[:-1])}; {conjunction} {parts[-1]}" if len(parts) > 1 else "".join(parts)


def in_sentence(label: str) -> str:
    """A code's label inside a sentence: 'Job creation' -> 'job creation'; 'Obj. 22 Social protection'
    and names that start with an acronym ('GCM ...') are kept as they are."""
    if label.startswith("Obj.") or len(label) < 2 or not label[1].islower():
        return label
    return label[0].lower() + label[1:]


def as_named(who: str) -> str:
    """Who recorded something, for a sentence: a role written in lower case takes 'the' ('the project
    engineer (AI coding assistant)'); a name stays as recorded ('Jane Doe (ILO)')."""
    who = str(who).strip()
    return f"the {who}" if who[:1].islower() and not who.lower().startswith(("the ", "a ", "an ")) else who
