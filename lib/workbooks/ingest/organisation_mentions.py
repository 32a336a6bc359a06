"""Which organisation a comment speaks for, when its author line or its own text names it.

Only self-identification counts; a mention does not ("the UN Network on Migration's draft", "a
UNICEF report", "Member States do recognise"). Two kinds of evidence, earliest in the text wins:

* Self-identifying phrases that name any organisation: "As Caritas Internationalis Confederation,
  ...", "For The Initiative for ..., we ...", "Some comments from the United Kingdom",
  "on behalf of ...", "After consulting the members of the Women in Migration Network".
* A sentence that opens with a registered organisation (a name or alias in
  ``data/organisations.csv``) as its subject: "CARAM Asia is a regional network ...",
  "Accordingly, the IHRC roundly supports ...". Unregistered names are not read this way, so that
  "Member States do recognise ..." or "Migrants are ..." never become an organisation.
* A comment whose first sentence has a UN Member State or observer State as its subject ("Canada
  welcomes ...", "The Government of Mexico ...", "Türkiye, as a host country, ..."): the State
  speaks (:mod:`workbooks.ingest.member_states` knows every State and its names). A State named
  later in a comment, or at a later sentence's start, is a mention. Where a self-identifying
  phrase names a State ("On behalf of the Government of the Philippines", "Comments from Côte
  d'Ivoire"), the State's name is taken whole.

The author line "Sarah Doyel, IOM" names the organisation after its last comma.
The name is returned as the text writes it (without a leading "the"); mapping it to a canonical
organisation and a stakeholder type is :mod:`workbooks.consultation.stakeholders`' job.
"""

from __future__ import annotations

import re
from typing import Iterable

from .member_states import fold, speaking_state_pattern, state_at

_WORD = r"[A-Z][\w’'&.-]*"
_CONNECTOR = r"(?:of|for|in|the|on|and|de|du|des|la|&)"
_NAME = rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD})*(?:\s*\([A-Z][\w-]*\))?"
_NOT_NAMES = {
    "we",
    "our",
    "this",
    "these",
    "those",
    "their",
    "my",
    "it",
    "its",
    "such",
    "there",
    "i",
    "a",
    "an",
    "yes",
    "no",
    "in",
    "on",
    "for",
    "as",
    "some",
    "all",
    "many",
    "each",
}

_SELF_IDENTIFYING = [
    re.compile(rf"^As (?:the |The )?(?P<name>{_NAME}),"),
    re.compile(rf"^For (?:the |The )?(?P<name>{_NAME}), (?:we|our)\b"),
    re.compile(
        rf"\b(?:[Cc]omments?|[Ii]nputs?|[Cc]ontributions?|[Ss]ubmissions?|[Vv]iews|[Rr]esponses?) from "
        rf"(?:the )?(?P<name>{_NAME})"
    ),
    re.compile(rf"\b[Oo]n behalf of (?:the )?(?P<name>{_NAME})"),
    re.compile(rf"\b[Cc]onsulting (?:with )?(?:the )?(?:members of )?(?:the )?(?P<name>{_NAME})"),
]
# clauses, not the asks' sentences (consultation/asks.py): a self-introduction ends at a colon or a semicolon too
# ("As the Confederation of ...: we ask ..."), so it is read clause by clause
_CLAUSE_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+")
_LIST_PREFIX = re.compile(r"^\s*(?:\d+[.)]|[•\-*])\s*")


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pairs, a clause ending at a sentence's end, a colon, a semicolon or a line's end; list
    numbers and bullets removed from each clause's start."""
    result, offset = [], 0
    for piece in _CLAUSE_BREAK.split(text):
        found = text.find(piece, offset)
        offset = found + len(piece) if found >= 0 else offset
        stripped = _LIST_PREFIX.sub("", piece)
        if stripped.strip():
            result.append((max(found, 0) + len(piece) - len(stripped), stripped))
    return result


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip().rstrip(",.")
    name = re.sub(r"\s*\(", " (", name)
    return re.sub(r"^(?:the|The)\s+", "", name)


def _subject_pattern(known_names: Iterable[str]) -> re.Pattern | None:
    names = sorted({name.strip() for name in known_names if name and name.strip()}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"^(?:[A-Z][a-z]+ly, )?(?:the |The )?(?P<name>{alternatives})(?:\s*\([^)]*\))?(?:,[^,]{{1,80}},)?\s+[a-z]"
    )


def organisation_named_in(text: str, known_names: Iterable[str] = ()) -> str:
    """The organisation the comment speaks for, as named in its text, or '' when it names none."""
    subject = _subject_pattern(known_names)
    for position, (_, sentence) in enumerate(clauses(text)):
        candidates = []
        for pattern in _SELF_IDENTIFYING:
            match = pattern.search(sentence)
            if match and match.group("name").split()[0].lower() not in _NOT_NAMES:
                candidates.append((match.start("name"), state_at(sentence, match.start("name")) or match.group("name")))
        state = speaking_state_pattern().match(fold(sentence)) if position == 0 else None
        if state:
            candidates.append((state.start("name"), sentence[state.start("name") : state.end("name")]))
        if subject is not None:
            match = subject.match(sentence)
            if match:
                candidates.append((match.start("name"), match.group("name")))
        if candidates:
            return _clean_name(min(candidates)[1])
    return ""


def organisation_from_author(author: str) -> str:
    """'Sarah Doyel, IOM' names IOM; a plain display name names no organisation."""
    if "," not in author:
        return ""
    tail = author.rsplit(",", 1)[1].strip()
    return tail if tail and len(tail.split()) <= 8 else ""


# An organisation's own name inside a comment ("Network of Girls Against Human Trafficking", "Women in
# Migration Network", "Initiative for Child Rights in the Global Compacts") says what the organisation
# is called, not what the comment raises: the coder and the ask finder read the text with such names
# blanked out. A name here is a run of capitalised words (with of/for/in/the/on/and/against between
# them) holding an organisation noun, three words or more, with its acronym in brackets if any.
_ORGANISATION_NOUNS = frozenset(
    {
        "network",
        "networks",
        "initiative",
        "confederation",
        "clinic",
        "organisation",
        "organization",
        "association",
        "alliance",
        "coalition",
        "foundation",
        "union",
        "council",
        "forum",
        "centre",
        "center",
        "institute",
        "committee",
        "federation",
        "society",
        "partnership",
        "campaign",
        "caritas",
        "agency",
        "programme",
        "secretariat",
        "commission",
        "office",
        "university",
        "school",
    }
)
_NOT_IN_A_NAME = frozenset({"priority", "priorities", "objective", "objectives", "area", "areas"})
_NAME_RUN = re.compile(
    r"\b[A-Z][\w’'&-]*(?:\s+(?:(?:of|for|in|the|on|and|against|&)\s+)*[A-Z][\w’'&-]*)+(?:\s*\([A-Z][\w-]*\))?"
)


def organisation_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every organisation name written out in ``text`` (see above)."""
    spans = []
    for match in _NAME_RUN.finditer(text):
        words = [word.strip("’'").lower() for word in re.findall(r"[\w’'&-]+", match.group(0))]
        if len(words) >= 3 and _ORGANISATION_NOUNS.intersection(words) and not _NOT_IN_A_NAME.intersection(words):
            spans.append(match.span())
    return spans


def without_organisation_names(text: str) -> str:
    """``text`` with the letters and digits of each organisation name turned to 'x' (spaces and marks
    kept, so word boundaries stay as they were): every character keeps its position, so words matched
    in the result are where they are in ``text``, and no pattern finds a word inside a name."""
    spans = organisation_name_spans(text)
    if not spans:
        return text
    parts, cursor = [], 0
    for start, end in spans:
        parts += [text[cursor:start], re.sub(r"\w", "x", text[start:end])]
        cursor = end
    return "".join(parts) + text[cursor:]
