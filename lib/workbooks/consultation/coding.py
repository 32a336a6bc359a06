"""Multi-label coding of comments with the codebook (data/codebook.yaml).

Each comment gets every code whose include pattern matches its text (outside that code's exclude
phrases, and outside organisation names written out in it: "Network of Girls Against Human
Trafficking" names an organisation, it does not raise gender), plus the GCM objectives it cites by number; each label keeps its evidence, the words that
matched. References to Network priorities ("Ongoing Priority 3", "New Priority 5", "priority area
3", "Network Priority 2") are extracted as keys like ``ongoing-3``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.patterns import unique_words
from ..ingest.organisation_mentions import without_organisation_names
from ..tables.datasets import checked_sidecar
from ..tables.layouts import COMMENTS
from ..tables.validate import read_text_table, validate_text_table
from ..tables.vocabularies import GCM_OBJECTIVE_NUMBERS
from .codebook import FAMILIES, FAMILY_COLUMNS, Code, Codebook, load_codebook

_OBJECTIVE_NUMBERS = re.compile(
    r"\b(?:GCM\s+)?objectives?\s+(?P<numbers>\d{1,2}(?:\s*(?:,|and|&|or)\s*\d{1,2})*)", re.IGNORECASE
)
_OBJECTIVE_WORD = re.compile("objective", re.IGNORECASE)  # the same case folding as _OBJECTIVE_NUMBERS
_PRIORITY_WORD = re.compile("priority", re.IGNORECASE)  # the same case folding as _PRIORITY
_PRIORITY = re.compile(
    r"\b(?:(?P<kind>ongoing|new|network|thematic)\s+priority|priority\s+(?P<area>area))\s+(?P<number>\d{1,2})\b",
    re.IGNORECASE,
)


def objectives_cited(text: str) -> list[tuple[int, str]]:
    """(objective number, cited words) for objectives cited by number: 'Objectives 3, 7 and 17'."""
    return [(number, match.group(0)) for number, match in _objective_citations(text)]


def _objective_citations(text: str) -> list[tuple[int, re.Match]]:
    cited = []
    for match in _OBJECTIVE_NUMBERS.finditer(text):
        for number in re.findall(r"\d{1,2}", match.group("numbers")):
            if int(number) in GCM_OBJECTIVE_NUMBERS:
                cited.append((int(number), match))
    return cited


def priority_references(text: str) -> list[str]:
    """Keys of the Network priorities a text refers to, in order of first mention: ['ongoing-3', 'new-5']."""
    keys: list[str] = []
    if not _PRIORITY_WORD.search(text):  # no reference without the word
        return keys
    for match in _PRIORITY.finditer(text):
        kind = (match.group("kind") or match.group("area")).lower()
        key = f"{kind}-{int(match.group('number'))}"
        if key not in keys:
            keys.append(key)
    return keys


@dataclass(frozen=True)
class CodedText:
    codes: dict  # family -> sorted refs
    priorities: list
    evidence: dict  # code id -> matched words (unique, in order)


def code_text(text: str, codebook: Codebook) -> CodedText:
    """The codes of one text, with their evidence. Only the patterns that match the text somewhere
    (one pass of the codebook's pattern set) are run word by word; the result is that of trying every
    pattern of every code (the reference coder of tests/reference_versions.py, tested equal)."""
    text = without_organisation_names(text)
    return coded_from_hits(text, codebook, codebook.hits(text))


def coded_from_hits(text: str, codebook: Codebook, hits) -> CodedText:
    """The codes of ``text`` (organisation names already taken out) from ``hits``: (code, matched words)
    for the codes of the codebook that may code it, in codebook order; objectives cited by number and
    priority references added."""
    evidence: dict[str, list[str]] = {}
    for code, words in hits:
        if words:
            evidence[code.code] = unique_words(words)
    if _OBJECTIVE_WORD.search(text):  # no citation by number without the word
        for number, words in objectives_cited(text):
            code = codebook.by_ref("gcm_objective", str(number))
            evidence.setdefault(code.code, [])
            if words not in evidence[code.code]:
                evidence[code.code].append(words)
    by_id = codebook.by_id
    codes: dict[str, list[str]] = {family: [] for family in FAMILIES}
    for code_id in evidence:
        codes[by_id[code_id].family].append(by_id[code_id].ref)
    codes["gcm_objective"] = sorted(codes["gcm_objective"], key=int)
    codes["principle"] = sorted(codes["principle"])
    codes["theme"] = sorted(codes["theme"])
    ordered = {code_id: evidence[code_id] for code_id in codebook.code_ids if code_id in evidence}
    return CodedText(codes=codes, priorities=priority_references(text), evidence=ordered)


def coded_passages(text: str, code: Code) -> list[tuple[int, int]]:
    """Where ``code`` codes ``text``: the (start, end) character positions of its evidence (the words
    its patterns match, and for an objective its citations by number), sorted, overlapping or touching
    passages joined. Empty where the coder does not give the code."""
    text = without_organisation_names(text)
    spans = list(code.spans(text))
    if code.family == "gcm_objective" and _OBJECTIVE_WORD.search(text):
        spans += [match.span() for number, match in _objective_citations(text) if str(number) == code.ref]
    joined: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def coded_frame(comments: pd.DataFrame, rows: list[CodedText]) -> pd.DataFrame:
    """The comments with the codes of ``rows`` (one a comment, in order) as columns: see :func:`code_comments`."""
    result = comments.copy()
    for family, column in FAMILY_COLUMNS.items():
        result[column] = [";".join(row.codes[family]) for row in rows]
    result["priorities"] = [";".join(row.priorities) for row in rows]
    result["evidence"] = [json.dumps(row.evidence, ensure_ascii=False) for row in rows]
    return result


def code_comments(comments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every input column, plus gcm_objectives, principles, themes, priorities (joined by ';') and
    evidence (JSON: code id -> matched words)."""
    coded: dict[str, CodedText] = {}  # a text seen before (a comment in two renderings) is coded once
    rows = []
    for text in comments["text"]:
        text = str(text)
        if text not in coded:
            coded[text] = code_text(text, codebook)
        rows.append(coded[text])
    return coded_frame(comments, rows)


def code_comments_file(comments_path: Path | str, codebook_path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate a comments table (data/comments.csv or one on the template, each with its
    sidecar) and code it."""
    checked_sidecar(Path(comments_path), "comments")
    frame = read_text_table(comments_path)
    validate_text_table(frame, COMMENTS, comments_path)
    return code_comments(frame, load_codebook(codebook_path))


def split_codes(cell) -> list[str]:
    return [part for part in str(cell or "").split(";") if part]
