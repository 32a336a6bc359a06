"""The codebook (data/codebook.yaml): one code per GCM objective, guiding principle and checklist
theme of the mandate, each with a definition, include patterns and exclude phrases."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..common.paths import project_root
from ..common.patterns import AnyOf, compile_patterns, matched_spans, matched_words
from ..common.wording import noun_for
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import CodebookError, located
from ..tables.references import checklist_labels, gcm_references
from ..tables.vocabularies import CHECKLIST_MANDATE, GCM_OBJECTIVE_NUMBERS

FAMILIES = ("gcm_objective", "principle", "theme")
FAMILY_COLUMNS = {"gcm_objective": "gcm_objectives", "principle": "principles", "theme": "themes"}
REFERENCE_FILES = {
    "gcm_objective": "data/gcm_objectives.csv",
    "principle": "data/guiding_principles.csv",
    "theme": "data/checklist.yaml",
}  # where each family's refs are listed
# every checklist theme of the mandate (decent work and financing) must have a code
THEMES_OF_THE_MANDATE = CHECKLIST_MANDATE["decent-work"] + CHECKLIST_MANDATE["financing"]
_CODE_KEYS = {"code", "family", "ref", "definition", "include", "exclude"}


@dataclass(frozen=True)
class Code:
    code: str
    family: str
    ref: str  # objective number as text, principle key or theme key
    definition: str
    include: tuple  # compiled patterns (common.patterns)
    exclude: tuple = ()

    def hits(self, text: str) -> list[str]:
        """The words of ``text`` that code it, outside this code's exclude phrases."""
        return matched_words(text, self.include, self.exclude)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in ``text`` the words of :meth:`hits` are: (start, end) character positions."""
        return matched_spans(text, self.include, self.exclude)


@dataclass(frozen=True)
class Codebook:
    path: Path
    codes: tuple[Code, ...]
    theme_labels: dict = field(default_factory=dict)  # checklist key -> label, from data/checklist.yaml

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

    @cached_property
    def by_id(self) -> dict[str, Code]:
        return {code.code: code for code in self.codes}

    @cached_property
    def patterns(self) -> AnyOf:
        """The include patterns of every code (groups 0 .. n-1, in ``codes`` order), then the exclude
        patterns of every code (groups n .. 2n-1): which match a text, in one pass."""
        return AnyOf([code.include for code in self.codes] + [code.exclude for code in self.codes])

    def hits(self, text: str) -> list[tuple[Code, list[str]]]:
        """(code, the words of ``text`` that code it) for every code with such words, in codebook
        order: each code's :meth:`Code.hits`, run only with the patterns that match the text."""
        matching, n = self.patterns.matching(text), len(self.codes)
        found = []
        for position, include in matching.items():
            if position >= n:
                break
            words = matched_words(text, include, matching.get(n + position, ()))
            if words:
                found.append((self.codes[position], words))
        return found


def parse_codebook(
    document,
    path: Path | str = "codebook.yaml",
    objective_numbers=GCM_OBJECTIVE_NUMBERS,
    principle_keys=None,
    theme_labels: dict[str, str] | None = None,
) -> Codebook:
    """Check a loaded codebook document and compile its patterns. With ``theme_labels`` (the
    checklist's keys and labels), every theme must be a pillar or item of the checklist."""
    path = Path(path)
    if not isinstance(document, dict) or not isinstance(document.get("codes"), list):
        raise CodebookError(
            located(
                path,
                line_of(document, "codes") if isinstance(document, dict) else line_of(document),
                "codes",
                "expected a mapping with a list under 'codes'",
            )
        )
    objective_refs = [str(n) for n in objective_numbers]
    known_refs: dict[str, list[str] | None] = {
        "gcm_objective": objective_refs,
        "principle": None if principle_keys is None else list(principle_keys),
        "theme": None if theme_labels is None else list(theme_labels),
    }
    codes: list[Code] = []
    seen: dict[str, int | None] = {}
    for position, entry in enumerate(document["codes"], start=1):
        line = line_of(document["codes"], position - 1)
        if not isinstance(entry, dict):
            raise CodebookError(located(path, line, None, f"code #{position}: expected a mapping"))
        missing = sorted(_CODE_KEYS - set(entry))
        unknown = sorted(set(entry) - _CODE_KEYS)
        if missing or unknown:
            raise CodebookError(
                located(
                    path,
                    line_of(entry, unknown[0]) if unknown else line,
                    None,
                    f"code #{position} ({entry.get('code', '?')}): "
                    + "; ".join(
                        filter(
                            None,
                            [
                                f"missing {', '.join(missing)}" if missing else "",
                                f"unknown {noun_for(len(unknown), 'key')} {', '.join(unknown)}" if unknown else "",
                            ],
                        )
                    ),
                )
            )
        code_id, family, ref = str(entry["code"]), entry["family"], str(entry["ref"])
        of = f"code {code_id!r}"

        def problem(key: str, reason: str) -> CodebookError:
            return CodebookError(located(path, line_of(entry, key), key, reason, of=of))

        if code_id in seen:
            raise problem("code", f"appears twice (first on line {seen[code_id]})")
        seen[code_id] = line_of(entry, "code")
        if family not in FAMILIES:
            raise problem("family", f"must be one of {', '.join(FAMILIES)}")
        refs = known_refs[family]
        if refs is not None and ref not in refs:
            raise problem("ref", f"{ref} is not a {family} in {REFERENCE_FILES[family]}")
        if not str(entry["definition"]).strip():
            raise problem("definition", "is empty")
        if not entry["include"]:
            raise problem("include", "needs at least one pattern")
        codes.append(
            Code(
                code_id,
                family,
                ref,
                str(entry["definition"]).strip(),
                compile_patterns(entry["include"], CodebookError, path, "include", of),
                compile_patterns(entry["exclude"] or [], CodebookError, path, "exclude", of),
            )
        )
    _check_coverage(path, codes, objective_refs, principle_keys)
    return Codebook(path=path, codes=tuple(codes), theme_labels=dict(theme_labels or {}))


def _check_coverage(path: Path, codes: list[Code], objective_refs: list[str], principle_keys) -> None:
    """Every objective, principle and theme of the mandate coded once (each code's ref is checked
    against the reference lists where it is written, naming its line)."""
    problems = []
    for family, expected in (
        ("gcm_objective", objective_refs),
        ("principle", principle_keys),
        ("theme", THEMES_OF_THE_MANDATE),
    ):
        refs = [code.ref for code in codes if code.family == family]
        duplicated = sorted({ref for ref in refs if refs.count(ref) > 1})
        missing = [ref for ref in expected if ref not in refs] if expected is not None else []
        if duplicated:
            problems.append(f"{family} {noun_for(len(duplicated), 'ref')} coded twice: {', '.join(duplicated)}")
        if missing:
            problems.append(f"no code for {family} {', '.join(missing)}")
    if problems:
        raise CodebookError(f"{path}: " + "; ".join(problems))


def load_codebook(path: Path | str | None = None, root: Path | None = None) -> Codebook:
    root = root or project_root()
    path = Path(path) if path else root / "data" / "codebook.yaml"
    document = read_yaml_file(path, CodebookError)
    objective_numbers, principle_keys = gcm_references(root)
    return parse_codebook(
        document,
        path,
        objective_numbers=objective_numbers,
        principle_keys=principle_keys,
        theme_labels=checklist_labels(root),
    )
