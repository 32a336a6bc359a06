"""Multi-label coding of comments with the codebook (data/codebook.yaml).

Each comment gets every code whose include pattern matches its text (outside that code's exclude
phrases), plus the GCM objectives it cites by number; each label keeps its evidence, the words that
matched. References to Network priorities ("Ongoing Priority 3", "New Priority 5", "priority area
3", "Network Priority 2") are extracted as keys like ``ongoing-3``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .paths import project_root
from .schemas import COMMENTS, GCM_OBJECTIVES, GUIDING_PRINCIPLES, load_table

FAMILIES = ("gcm_objective", "principle", "theme")
FAMILY_COLUMNS = {"gcm_objective": "gcm_objectives", "principle": "principles", "theme": "themes"}
REQUIRED_THEMES = ("job-creation", "social-protection", "social-dialogue", "rights-at-work", "access-to-financing")
CODED_COLUMNS = ["gcm_objectives", "principles", "themes", "priorities", "evidence"]

_CODE_KEYS = {"code", "family", "ref", "definition", "include", "exclude"}
_OBJECTIVE_NUMBERS = re.compile(
    r"\b(?:GCM\s+)?objectives?\s+(?P<numbers>\d{1,2}(?:\s*(?:,|and|&|or)\s*\d{1,2})*)", re.IGNORECASE)
_PRIORITY = re.compile(
    r"\b(?:(?P<kind>ongoing|new|network|thematic)\s+priority|priority\s+(?P<area>area))\s+(?P<number>\d{1,2})\b",
    re.IGNORECASE)


class CodebookError(ValueError):
    """A codebook that cannot be used; the message names the file and the code."""


@dataclass(frozen=True)
class Code:
    code: str
    family: str
    ref: str  # objective number as text, principle key or theme key
    definition: str
    include: tuple[re.Pattern, ...]
    exclude: tuple[re.Pattern, ...] = ()

    def hits(self, text: str) -> list[str]:
        """The words of ``text`` that code it, outside this code's exclude phrases."""
        return matched_words(text, self.include, self.exclude)


@dataclass(frozen=True)
class Codebook:
    path: Path
    codes: tuple[Code, ...]
    meta: dict = field(default_factory=dict)

    def family(self, family: str) -> list[Code]:
        return [code for code in self.codes if code.family == family]

    def by_ref(self, family: str, ref: str) -> Code:
        for code in self.codes:
            if code.family == family and code.ref == str(ref):
                return code
        raise KeyError(f"no {family} code for {ref!r}")

    @property
    def code_ids(self) -> list[str]:
        return [code.code for code in self.codes]


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


def compile_patterns(where: str, key: str, patterns, error: type[ValueError] = None) -> tuple[re.Pattern, ...]:
    """Whole-word, case-insensitive patterns (each wrapped in \\b(?:...)\\b); ``where`` names the file and entry."""
    error = error or CodebookError
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise error(f"{where}: {key!r} must be a list of non-empty strings")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
        except re.error as problem:
            raise error(f"{where}: {key} pattern {pattern!r} is not a valid regular expression: {problem}") from None
    return tuple(compiled)


def parse_codebook(document, path: Path | str = "codebook.yaml", objective_numbers=range(1, 24),
                   principle_keys=None) -> Codebook:
    """Check a loaded codebook document and compile its patterns."""
    path = Path(path)
    if not isinstance(document, dict) or not isinstance(document.get("codes"), list):
        raise CodebookError(f"{path}: expected a mapping with a list under 'codes'")
    codes, seen = [], set()
    for position, entry in enumerate(document["codes"], start=1):
        where = f"{path}: code #{position}"
        if not isinstance(entry, dict):
            raise CodebookError(f"{where}: expected a mapping")
        missing = sorted(_CODE_KEYS - set(entry))
        unknown = sorted(set(entry) - _CODE_KEYS)
        if missing or unknown:
            raise CodebookError(f"{where} ({entry.get('code', '?')}): "
                                + "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                                          unknown and f"unknown key(s) {', '.join(unknown)}"])))
        code_id, family, ref = str(entry["code"]), entry["family"], str(entry["ref"])
        if code_id in seen:
            raise CodebookError(f"{where}: code {code_id!r} appears twice")
        seen.add(code_id)
        if family not in FAMILIES:
            raise CodebookError(f"{path}: code {code_id!r}: family must be one of {', '.join(FAMILIES)}")
        if not str(entry["definition"]).strip():
            raise CodebookError(f"{path}: code {code_id!r}: definition is empty")
        if not entry["include"]:
            raise CodebookError(f"{path}: code {code_id!r}: include needs at least one pattern")
        codes.append(Code(code_id, family, ref, str(entry["definition"]).strip(),
                          compile_patterns(f"{path}: code {code_id!r}", "include", entry["include"]),
                          compile_patterns(f"{path}: code {code_id!r}", "exclude", entry["exclude"] or [])))
    _check_coverage(path, codes, [str(n) for n in objective_numbers], principle_keys)
    return Codebook(path=path, codes=tuple(codes), meta={k: v for k, v in document.items() if k != "codes"})


def _check_coverage(path: Path, codes: list[Code], objective_refs: list[str], principle_keys) -> None:
    problems = []
    for family, expected in (("gcm_objective", objective_refs), ("principle", principle_keys),
                             ("theme", REQUIRED_THEMES)):
        if expected is None:
            continue
        refs = [code.ref for code in codes if code.family == family]
        duplicated = sorted({ref for ref in refs if refs.count(ref) > 1})
        missing = [ref for ref in expected if ref not in refs]
        unknown = [ref for ref in refs if ref not in expected] if family != "theme" else []
        if duplicated:
            problems.append(f"{family} ref(s) coded twice: {', '.join(duplicated)}")
        if missing:
            problems.append(f"no code for {family} {', '.join(missing)}")
        if unknown:
            problems.append(f"{family} ref(s) not in the reference table: {', '.join(unknown)}")
    if problems:
        raise CodebookError(f"{path}: " + "; ".join(problems))


def read_yaml_document(path: Path, error: type[ValueError]):
    """A hand-edited YAML file (codebook, checklist); a missing or unreadable file raises ``error`` naming it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except yaml.YAMLError as problem:
        raise error(f"{path}: not valid YAML: {problem}") from None


def gcm_references(root: Path) -> tuple[list[int], list[str]]:
    """The GCM objective numbers and guiding-principle keys of the reference tables in data/."""
    objectives = load_table(root / "data" / "gcm_objectives.csv", GCM_OBJECTIVES)
    principles = load_table(root / "data" / "guiding_principles.csv", GUIDING_PRINCIPLES)
    return [int(number) for number in objectives["number"]], list(principles["key"])


def load_codebook(path: Path | str | None = None, root: Path | None = None) -> Codebook:
    root = root or project_root()
    path = Path(path) if path else root / "data" / "codebook.yaml"
    document = read_yaml_document(path, CodebookError)
    objective_numbers, principle_keys = gcm_references(root)
    return parse_codebook(document, path, objective_numbers=objective_numbers, principle_keys=principle_keys)


def objectives_cited(text: str) -> list[tuple[int, str]]:
    """(objective number, cited words) for objectives cited by number: 'Objectives 3, 7 and 17'."""
    cited = []
    for match in _OBJECTIVE_NUMBERS.finditer(text):
        for number in re.findall(r"\d{1,2}", match.group("numbers")):
            if 1 <= int(number) <= 23:
                cited.append((int(number), match.group(0)))
    return cited


def priority_references(text: str) -> list[str]:
    """Keys of the Network priorities a text refers to, in order of first mention: ['ongoing-3', 'new-5']."""
    keys = []
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
    evidence: dict[str, list[str]] = {}
    for code in codebook.codes:
        words = code.hits(text)
        if words:
            evidence[code.code] = unique_words(words)
    for number, words in objectives_cited(text):
        code = codebook.by_ref("gcm_objective", str(number))
        evidence.setdefault(code.code, [])
        if words not in evidence[code.code]:
            evidence[code.code].append(words)
    by_id = {code.code: code for code in codebook.codes}
    codes = {family: [] for family in FAMILIES}
    for code_id in evidence:
        codes[by_id[code_id].family].append(by_id[code_id].ref)
    codes["gcm_objective"] = sorted(codes["gcm_objective"], key=int)
    codes["principle"] = sorted(codes["principle"])
    codes["theme"] = sorted(codes["theme"])
    ordered = {code_id: evidence[code_id] for code_id in codebook.code_ids if code_id in evidence}
    return CodedText(codes=codes, priorities=priority_references(text), evidence=ordered)


def code_comments(comments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every input column, plus gcm_objectives, principles, themes, priorities (joined by ';') and
    evidence (JSON: code id -> matched words)."""
    rows = [code_text(str(text), codebook) for text in comments["text"]]
    result = comments.copy()
    for family, column in FAMILY_COLUMNS.items():
        result[column] = [";".join(row.codes[family]) for row in rows]
    result["priorities"] = [";".join(row.priorities) for row in rows]
    result["evidence"] = [json.dumps(row.evidence, ensure_ascii=False) for row in rows]
    return result


def code_comments_file(comments_path: Path | str, codebook_path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate a comments table (data/comments.csv or one on the template) and code it."""
    from .schemas import read_text_table, validate_text_table

    frame = read_text_table(comments_path)
    validate_text_table(frame, COMMENTS, comments_path)
    return code_comments(frame, load_codebook(codebook_path))


def split_codes(cell) -> list[str]:
    return [part for part in str(cell or "").split(";") if part]
