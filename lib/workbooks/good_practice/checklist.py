"""The workstream's checklist (data/checklist.yaml): pillars, items, and how a record's text is
scored on an item (0 absent, 50 partial, 100 present) with the words that show it, and the words
it names as lacking ("cannot join trade unions"), which earn nothing (:class:`Negation`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..common.paths import project_root
from ..common.patterns import AnyOf, compile_patterns, excluded_spans, matched_spans, unique_words
from ..common.wording import in_sentence, noun_for
from ..common.yaml_files import line_of, read_yaml_bytes, yaml_file_bytes
from ..errors import ChecklistError, ParameterError, located
from ..tables.references import gcm_references
from ..tables.vocabularies import (
    ABSENT,
    CHECKLIST_MANDATE,
    GCM_OBJECTIVE_NUMBERS,
    PARTIAL,
    PRESENT,
    SCORES,
)

IMMIGRANTS, RETURN_MIGRANTS, EMIGRANTS = "immigrants", "return-migrants", "emigrants"
_TOP_KEYS = {"title", "version", "provenance", "text_fields", "scale", "negation", "pillars", "items"}
_OPTIONAL_TOP_KEYS = {"migrant_groups"}
_NEGATION_KEYS = {"cues", "exceptions", "breaks", "harms", "window", "list_window"}
_CLAUSE_END = re.compile(r"[.;:!?()]")  # a negation reaches no further back than this
_WORD = re.compile(r"[\w'’-]+")
_LIST_WORDS = {"or", "nor"}  # words between a cue and a match that make them a list of what is lacking
_PILLAR_KEYS = {"key", "label", "definition", "in_overall"}
_ITEM_KEYS = {"key", "pillar", "label", "definition", "gcm_objectives", "principles", "present", "partial", "exclude"}
_OPTIONAL_ITEM_KEYS = {"breadth", "breadth_for_present", "phrase", "as_aim"}
_KEY = re.compile(r"^[a-z][a-z-]*$")
ASSESSMENTS_KEPT = 2_000  # texts whose assessments a Checklist keeps (Checklist._assessed); more start it afresh


@dataclass(frozen=True)
class Pillar:
    key: str
    label: str
    definition: str
    in_overall: bool


@dataclass(frozen=True)
class Assessment:
    score: int
    evidence: tuple[str, ...]
    lacking: tuple[str, ...] = ()  # what the text names as lacking ("no access to unemployment benefits"): no score


NOTHING_FOUND = Assessment(ABSENT, (), ())  # an item none of whose words the text holds (one for all: it is immutable)


@dataclass(frozen=True)
class Negation:
    """When a match is named as lacking (the ``negation`` block of the checklist file): a cue before
    it in the same clause, at most ``window`` words between (``list_window`` when those words hold
    "or" or "nor", or "and" with the cue's last word again: "keeps workers from changing jobs and
    from joining unions"), no ``breaks`` word among them; a cue inside an ``exceptions`` match is no
    cue, and a match inside a ``harms`` match (a harm an item opposes) is never negated."""

    cues: tuple = ()  # compiled patterns (common.patterns)
    exceptions: tuple = ()
    breaks: tuple = ()
    harms: tuple = ()
    window: int = 0
    list_window: int = 0

    def spans(self, text: str, found=None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(the cues, the harms) found in ``text``, for :meth:`lacking`; ``found``: the patterns that
        match ``text`` somewhere, where the caller knows them (the others are not run)."""
        cues, exceptions, harms = (_among(patterns, found) for patterns in (self.cues, self.exceptions, self.harms))
        return sorted(matched_spans(text, cues, exceptions)), matched_spans(text, harms)

    def lacking(self, text: str, span: tuple[int, int], spans) -> str:
        """The words from the cue to the end of the match at ``span`` ("cannot join trade unions")
        where the cues of ``spans`` (:meth:`spans` of ``text``) name it as lacking; else ""."""
        cues, harms = spans
        start, end = span
        if any(low <= start and end <= high for low, high in harms):
            return ""
        clause = max((found.end() for found in _CLAUSE_END.finditer(text, 0, start)), default=0)
        before = [(low, high) for low, high in cues if clause <= low and high <= start]
        if not before:
            return ""
        low, high = max(before, key=lambda cue: cue[1])
        between = text[high:start]
        words = [word.lower() for word in _WORD.findall(between)]
        last = _WORD.findall(text[low:high])[-1].lower()  # "from" of "keeps workers from"
        repeated = any(words[i : i + 2] == ["and", last] for i in range(len(words) - 1))  # "... and from ..."
        reach = self.list_window if _LIST_WORDS & set(words) or repeated else self.window
        if len(words) > reach or matched_spans(between, self.breaks):
            return ""
        return " ".join(text[low:end].split())


NO_NEGATION = Negation()


def _among(patterns: tuple, found: set[int] | None) -> tuple:
    """The ``patterns`` among those ``found`` (by id) to match a text somewhere; all when not known."""
    return patterns if found is None else tuple(pattern for pattern in patterns if id(pattern) in found)


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    pillar: str
    label: str
    definition: str
    gcm_objectives: tuple[int, ...]
    principles: tuple[str, ...]
    present: tuple  # compiled patterns (common.patterns)
    partial: tuple
    exclude: tuple = ()
    breadth: tuple = ()  # one pattern per level of government or kind of partner
    breadth_for_present: int | None = None
    negation: Negation = NO_NEGATION  # the checklist's, shared by every item
    phrase: str = ""  # how a sentence names the item ("a gender-responsive design"); else its label
    as_aim: tuple = ()  # a present match inside one of these (an aim, a list of topics) reads as partial

    @property
    def in_sentence(self) -> str:
        """The item as a sentence names it: its ``phrase``, else its label in lower case."""
        return self.phrase or in_sentence(self.label)

    def assess(self, text: str, negation_spans=None, found=None) -> Assessment:
        """Score one text on this item: a present pattern gives 100, and so do ``breadth_for_present``
        different breadth patterns; a partial pattern or a single breadth pattern gives 50. A match
        the text names as lacking ("cannot join trade unions", :class:`Negation`) earns nothing and
        is returned in ``lacking``. Where the caller found them once for every item
        (:meth:`Checklist.assess`): ``negation_spans``, the negation's :meth:`Negation.spans` of
        ``text``, and ``found``, the patterns that match ``text`` somewhere (the others are not run)."""
        if found is not None and not any(
            id(pattern) in found for pattern in self.present + self.partial + self.breadth
        ):  # none of the words that score matches anywhere in the text: nothing named, nothing named as lacking
            return NOTHING_FOUND
        spans = (
            negation_spans
            if negation_spans is not None
            else (self.negation.spans(text) if self.negation.cues else ([], []))
        )
        excluded = excluded_spans(text, _among(self.exclude, found))
        lacking: list[str] = []

        def words(patterns) -> list[str]:
            matched = []
            for span in matched_spans(text, _among(patterns, found), excluded=excluded):
                named_lacking = self.negation.lacking(text, span, spans) if spans[0] else ""
                if named_lacking:
                    lacking.append(named_lacking)
                else:
                    matched.append(text[span[0] : span[1]])
            return matched

        present = words(self.present)
        if self.as_aim and present:
            free = [
                text[a:b]
                for a, b in matched_spans(text, _among(self.present, found), _among(self.exclude + self.as_aim, found))
            ]
            named_as_aim = [word for word in present if word not in free]
            present = [word for word in present if word in free]
        else:
            named_as_aim = []
        by_breadth = [words((pattern,)) for pattern in self.breadth]
        partial = named_as_aim + words(self.partial) + [word for found in by_breadth for word in found]
        wide = (
            self.breadth_for_present is not None and sum(1 for found in by_breadth if found) >= self.breadth_for_present
        )
        named = unique_words(lacking)
        lacking_words = tuple(
            phrase
            for phrase in named  # "denied health" inside "denied health insurance" goes
            if not any(phrase.lower() in other.lower() and phrase != other for other in named)
        )
        if present or wide:
            return Assessment(PRESENT, tuple(unique_words(present + partial)), lacking_words)
        if partial:
            return Assessment(PARTIAL, tuple(unique_words(partial)), lacking_words)
        return Assessment(ABSENT, (), lacking_words)


@dataclass(frozen=True)
class Checklist:
    path: Path
    pillars: tuple[Pillar, ...]
    items: tuple[ChecklistItem, ...]
    text_fields: tuple[str, ...]  # the practice columns the automatic pass reads
    negation: Negation = NO_NEGATION  # what makes a match named as lacking
    migrant_groups: tuple = ()  # compiled patterns: words that name a migrant group or migration; empty: not checked

    def migrant_group_words(self, record) -> tuple[str, ...]:
        """The words of a record's text fields that name a migrant group or migration ("refugees",
        "diaspora", "labour migration"); empty where they name none, or where the checklist
        declares no ``migrant_groups`` (then every record counts as a migration practice: see
        :meth:`names_migrants`)."""
        text = record_text(record, self)
        return tuple(unique_words([text[low:high] for low, high in matched_spans(text, self.migrant_groups)]))

    def names_migrants(self, record) -> bool:
        """Whether a record is read as a migration practice: its title or our summary names a migrant
        group or migration (always, where the checklist declares no ``migrant_groups``)."""
        return not self.migrant_groups or bool(self.migrant_group_words(record))

    @cached_property
    def _every_pattern(self) -> AnyOf:
        """Every pattern the items and the negation run on a whole text, as one set."""
        groups = [self.negation.cues, self.negation.exceptions, self.negation.harms]
        groups += [
            group
            for item in self.items
            for group in (item.present, item.partial, item.exclude, item.breadth, item.as_aim)
        ]
        return AnyOf([tuple({id(pattern): pattern for group in groups for pattern in group}.values())])

    def assess(self, text: str) -> dict[str, Assessment]:
        """Each item's :meth:`ChecklistItem.assess` of ``text``, by item key: which patterns match the
        text at all is found in one pass, and the negation's cues once for every item (a long text
        holds tens of thousands of matches of some patterns, and none of most)."""
        kept = self._assessed.get(text)
        if kept is None:
            found = {id(pattern) for pattern in self._every_pattern.matching(text).get(0, ())}
            spans = self.negation.spans(text, found) if self.negation.cues else ([], [])
            kept = {item.key: item.assess(text, spans, found) for item in self.items}
            if len(self._assessed) >= ASSESSMENTS_KEPT:
                self._assessed.clear()
            self._assessed[text] = kept
        return dict(kept)

    @cached_property
    def _assessed(self) -> dict[str, dict[str, Assessment]]:
        """The assessments made, by text (an Assessment is immutable): the same practices scored again by a reload,
        a review queue or another brief in the process are looked up, not read again; at most ASSESSMENTS_KEPT."""
        return {}

    @property
    def item_keys(self) -> list[str]:
        return [item.key for item in self.items]

    @property
    def pillar_keys(self) -> list[str]:
        return [pillar.key for pillar in self.pillars]

    def item(self, key: str) -> ChecklistItem:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def pillar(self, key: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.key == key:
                return pillar
        raise KeyError(key)

    def items_of(self, pillar: str) -> list[ChecklistItem]:
        return [item for item in self.items if item.pillar == pillar]

    @property
    def scored_pillars(self) -> list[Pillar]:
        """Pillars averaged into the overall score (not the scope pillar)."""
        return [pillar for pillar in self.pillars if pillar.in_overall]

    @property
    def scored_items(self) -> list[ChecklistItem]:
        scored = {pillar.key for pillar in self.scored_pillars}
        return [item for item in self.items if item.pillar in scored]

    def labels(self) -> dict[str, str]:
        """Item and pillar keys to their labels."""
        return {
            **{pillar.key: pillar.label for pillar in self.pillars},
            **{item.key: item.label for item in self.items},
        }

    def check_pillars(self, pillars: list[str], parameter: str = "pillars") -> list[str]:
        """Pillar keys chosen by a parameter; an unknown key is an error that lists the known ones."""
        unknown = [key for key in pillars if key not in self.pillar_keys]
        if unknown:
            raise ParameterError(
                None,
                parameter,
                f"unknown {noun_for(len(unknown), 'pillar')} {', '.join(map(repr, unknown))}; "
                f"the checklist ({self.path.name}) has: {', '.join(self.pillar_keys)}",
                items=unknown,
            )
        return list(pillars)


def _error(path: Path, container, key, reason: str, of: str | None = None) -> ChecklistError:
    """``FILE, line N, key 'k' of ENTRY: reason``, the line of ``key`` in ``container``."""
    return ChecklistError(located(path, line_of(container, key), key, reason, of=of))


def _require(path: Path, entry, of: str | None, required: set, optional: set | frozenset = frozenset()) -> None:
    if not isinstance(entry, dict):
        raise ChecklistError(located(path, line_of(entry), None, "expected a mapping", of=of))
    missing = sorted(required - set(entry))
    unknown = sorted(set(entry) - required - optional)
    if missing or unknown:
        raise ChecklistError(
            located(
                path,
                line_of(entry, unknown[0]) if unknown else line_of(entry),
                None,
                "; ".join(
                    filter(
                        None,
                        [
                            f"missing {', '.join(missing)}" if missing else "",
                            f"unknown {noun_for(len(unknown), 'key')} {', '.join(unknown)}" if unknown else "",
                        ],
                    )
                ),
                of=of,
            )
        )


def _text(path: Path, entry: dict, key: str, of: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise _error(path, entry, key, f"{key!r} must be non-empty text", of)
    return " ".join(value.split())


def _pillars(path: Path, document) -> list[Pillar]:
    entries = document["pillars"]
    if not isinstance(entries, list) or not entries:
        raise _error(path, document, "pillars", "'pillars' must be a non-empty list")
    pillars: list[Pillar] = []
    for position, entry in enumerate(entries, start=1):
        of = f"pillar #{position}"
        _require(path, entry, of, _PILLAR_KEYS)
        key = str(entry["key"])
        if not _KEY.match(key) or key in [p.key for p in pillars]:
            raise _error(path, entry, "key", f"{key!r} must be lower-case words joined by '-', and unique", of)
        of = f"pillar {key!r}"
        if not isinstance(entry["in_overall"], bool):
            raise _error(path, entry, "in_overall", "'in_overall' must be true or false", of)
        pillars.append(
            Pillar(key, _text(path, entry, "label", of), _text(path, entry, "definition", of), entry["in_overall"])
        )
    return pillars


def _negation(path: Path, document) -> Negation:
    """The ``negation`` block: cue, exception, break and harm patterns, and the two word windows."""
    entry = document["negation"]
    of = "negation"
    _require(path, entry, of, _NEGATION_KEYS)
    for key in ("window", "list_window"):
        if not isinstance(entry[key], int) or isinstance(entry[key], bool) or entry[key] < 0:
            raise _error(path, entry, key, f"{key!r} must be a whole number of words (0 or more)", of)
    if entry["list_window"] < entry["window"]:
        raise _error(path, entry, "list_window", "'list_window' must be at least 'window'", of)
    if not entry["cues"]:
        raise _error(path, entry, "cues", "'cues' must list at least one pattern", of)
    patterns = {
        key: compile_patterns(entry[key] or [], ChecklistError, path, key, of)
        for key in ("cues", "exceptions", "breaks", "harms")
    }
    return Negation(**patterns, window=entry["window"], list_window=entry["list_window"])


def _item(
    path: Path,
    position: int,
    entry,
    pillar_keys: list[str],
    objective_numbers,
    principle_keys,
    negation: Negation = NO_NEGATION,
) -> ChecklistItem:
    _require(path, entry, f"item #{position}", _ITEM_KEYS, _OPTIONAL_ITEM_KEYS)
    key = str(entry["key"])
    of = f"item {key!r}"
    if not _KEY.match(key):
        raise _error(path, entry, "key", "must be lower-case words joined by '-'", of)
    if entry["pillar"] not in pillar_keys:
        raise _error(path, entry, "pillar", f"pillar {entry['pillar']!r} is not one of {', '.join(pillar_keys)}", of)
    objectives = entry["gcm_objectives"]
    if not isinstance(objectives, list) or not objectives or not all(isinstance(n, int) for n in objectives):
        raise _error(path, entry, "gcm_objectives", "'gcm_objectives' must list at least one GCM objective number", of)
    wrong = [n for n in objectives if n not in objective_numbers]
    if wrong:
        raise _error(
            path,
            entry,
            "gcm_objectives",
            f"{', '.join(map(str, wrong))} not {noun_for(len(wrong), 'GCM objective number')} in data/gcm_objectives.csv",
            of,
        )
    principles = entry["principles"] or []
    wrong = [p for p in principles if p not in principle_keys]
    if wrong:
        raise _error(
            path,
            entry,
            "principles",
            f"{noun_for(len(wrong), 'principle')} {', '.join(map(repr, wrong))} not in data/guiding_principles.csv",
            of,
        )
    breadth = entry.get("breadth") or []
    enough = entry.get("breadth_for_present")
    if (enough is None) != (not breadth) or (
        enough is not None and (not isinstance(enough, int) or not 2 <= enough <= len(breadth))
    ):
        raise _error(
            path,
            entry,
            "breadth_for_present" if "breadth_for_present" in entry else "breadth",
            "'breadth' and 'breadth_for_present' go together: a list of patterns and a "
            "whole number from 2 to the number of those patterns",
            of,
        )
    if not entry["present"] and not breadth:
        raise _error(
            path, entry, "present", "an item needs 'present' patterns (or 'breadth' patterns) to ever score 100", of
        )
    return ChecklistItem(
        key=key,
        pillar=entry["pillar"],
        label=_text(path, entry, "label", of),
        definition=_text(path, entry, "definition", of),
        gcm_objectives=tuple(objectives),
        principles=tuple(principles),
        present=compile_patterns(entry["present"] or [], ChecklistError, path, "present", of),
        partial=compile_patterns(entry["partial"] or [], ChecklistError, path, "partial", of),
        exclude=compile_patterns(entry["exclude"] or [], ChecklistError, path, "exclude", of),
        breadth=compile_patterns(breadth, ChecklistError, path, "breadth", of),
        breadth_for_present=enough,
        negation=negation,
        phrase=_text(path, entry, "phrase", of) if "phrase" in entry else "",
        as_aim=compile_patterns(entry.get("as_aim") or [], ChecklistError, path, "as_aim", of),
    )


def parse_checklist(
    document, path: Path | str = "checklist.yaml", objective_numbers=GCM_OBJECTIVE_NUMBERS, principle_keys=()
) -> Checklist:
    """Check a loaded checklist document against the mandate and compile its patterns."""
    path = Path(path)
    if not isinstance(document, dict):
        raise ChecklistError(located(path, line_of(document), None, "expected a mapping with 'pillars' and 'items'"))
    _require(path, document, None, _TOP_KEYS, _OPTIONAL_TOP_KEYS)
    scale = document["scale"] or {}
    if not isinstance(scale, dict) or sorted(str(score) for score in scale) != sorted(map(str, SCORES)):
        raise _error(path, document, "scale", "'scale' must describe exactly the scores 0, 50 and 100")
    text_fields = document["text_fields"]
    if not isinstance(text_fields, list) or not text_fields:
        raise _error(
            path,
            document,
            "text_fields",
            "'text_fields' must list the practice columns that are read (e.g. title, summary)",
        )
    pillars = _pillars(path, document)
    negation = _negation(path, document)
    if not isinstance(document["items"], list):
        raise _error(path, document, "items", "'items' must be a list")
    items: list[ChecklistItem] = []
    for position, entry in enumerate(document["items"], start=1):
        item = _item(
            path, position, entry, [p.key for p in pillars], list(objective_numbers), list(principle_keys), negation
        )
        if item.key in [i.key for i in items]:
            raise _error(path, entry, "key", f"item {item.key!r} appears twice")
        items.append(item)
    problems = []
    for pillar, keys in CHECKLIST_MANDATE.items():
        if pillar not in [p.key for p in pillars]:
            problems.append(f"no pillar {pillar!r}")
            continue
        have = [item.key for item in items if item.pillar == pillar]
        missing = [key for key in keys if key not in have]
        if missing:
            problems.append(
                f"pillar {pillar!r} lacks the mandate's {noun_for(len(missing), 'item')} {', '.join(missing)}"
            )
    empty = [p.key for p in pillars if not any(item.pillar == p.key for item in items)]
    if empty:
        problems.append(f"{noun_for(len(empty), 'pillar')} without items: {', '.join(empty)}")
    if problems:
        raise ChecklistError(f"{path}: " + "; ".join(problems))
    groups = document.get("migrant_groups")
    migrant_groups = (
        compile_patterns(groups, ChecklistError, path, "migrant_groups", None) if groups is not None else ()
    )
    return Checklist(
        path=path,
        pillars=tuple(pillars),
        items=tuple(items),
        text_fields=tuple(map(str, text_fields)),
        negation=negation,
        migrant_groups=migrant_groups,
    )


def load_checklist(path: Path | str | None = None, root: Path | None = None) -> Checklist:
    """The checklist of the file ``path`` (default data/checklist.yaml), checked against the GCM references of
    ``root``. The same file with the same references gives the same Checklist, parsed once a process (so a live
    view's reload or a review queue's refresh finds the assessments it made already: :meth:`Checklist.assess`)."""
    root = root or project_root()
    path = Path(path) if path else root / "data" / "checklist.yaml"
    objective_numbers, principle_keys = gcm_references(root)
    return _checklist_of(yaml_file_bytes(path, ChecklistError), path, tuple(objective_numbers), tuple(principle_keys))


@lru_cache(maxsize=16)
def _checklist_of(data: bytes, path: Path, objective_numbers: tuple, principle_keys: tuple) -> Checklist:
    """:func:`load_checklist`'s checklist, kept by the file's bytes and the references (a refused file is not kept)."""
    document = read_yaml_bytes(data, path, ChecklistError)
    return parse_checklist(document, path, objective_numbers=objective_numbers, principle_keys=principle_keys)


def record_text(record, checklist: Checklist) -> str:
    """The text of a practice record that the checklist reads (its text fields, joined)."""
    return ". ".join(
        str(record.get(column, "") or "") for column in checklist.text_fields if str(record.get(column, "") or "")
    )
