"""What stakeholders asked for: ask sentences found in the comments, grouped in themes a reader
understands (data/asks.yaml), with who asked, the question answered, the evidence and the codes.

A comment is cut into sentences and list items (:func:`sentences`); :meth:`AskVocabulary.asks_in`
keeps those that ask for something (a cue, an imperative opening, or an item of a list an ask
introduces) and says whether each is for or against something. :func:`asks_table` codes each ask
sentence with the codebook and names its theme; :func:`ask_groups` counts comments per theme and
stance, for and against never merged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..common.paths import project_root
from ..common.patterns import AnyOf, compile_patterns, first_of, matched_words
from ..common.wording import count_of, in_sentence, join_labels, join_names, join_with_semicolons, noun_for, verb_for
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import CodebookError, located
from ..ingest.organisation_mentions import without_organisation_names
from ..presentation.html import ILLUSTRATIVE_MARK, LONG_TEXT, TABLE_CSV_MIMETYPE, slug, table_csv
from ..presentation.markup import render
from .analysis import folded_title, own_number, question_numbers, who_asked
from .codebook import Codebook
from .coding import code_text, priority_references
from .origins import HUB_WORDS, CommentWords
from .quotes import PARAPHRASE, RECORDED, WORDING_LABELS, excerpt, wording_of

FOR, AGAINST = "for", "against"
IMPERATIVE_CUE = "opens with"  # the cue of an ask that opens with an imperative ("Promote ...")
REQUEST, INTEREST = (
    "request",
    "interest",
)  # asks for a change, an addition or an action / interest in or support for a priority
KIND_WORDS = {REQUEST: "asks", INTEREST: "interest"}  # the label a reader sees before each ask
READABLE_WORDS = 8  # an ask the page cuts off before this many words is left out: what it asks cannot be read
OTHER_THEME = ("other", "Other asks")
NOT_NAMED = "not named"
_KEYS = {
    "title",
    "version",
    "provenance",
    "cues",
    "interest_cues",
    "reported",
    "imperatives",
    "noun_when_followed_by",
    "openings",
    "leads",
    "against",
    "themes",
}
_THEME_KEYS = {"key", "label", "patterns"}
_THEME_FLAG = "this_workstream"  # optional on one theme: the theme of this workstream's own priority
_THEME_EXCLUDE = "exclude"  # optional on any theme: phrases that hold a match without meaning it

_LIST_MARKER = re.compile(r"^\s*(?:[•·▪◦*-]|\d{1,2}[.)]|\(?[a-h]\)|[ivx]{1,4}[.)])\s+")
# a sentence ends at . ! ? followed by a space and a capital, a digit, a quote or a bracket (or, after
# a word of three letters or more, a lower-case letter: pages drop capitals, 'return home. trafficking
# is real'); not after a single capital ('U.S.') or a common abbreviation ('No. 5', 'e.g. the')
_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"‘(•])|(?<=[a-z]{3}[.!?])\s+(?=[a-z])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "No.", "Nos.", "Dr.", "Mr.", "Ms.", "Mrs.", "Art.", "para.", "cf.", "vs.")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
# a meeting note's label before what was said: 'Recommendation: include ...', 'Participants: ensure ...'
_LABEL = re.compile(r"[A-Za-z][\w'’ -]{0,40}?:\s+")
_LABEL_WORDS = 4  # a label has at most this many words; more is a sentence with a colon in it


@dataclass(frozen=True)
class Sentence:
    start: int  # position in the comment's text
    end: int
    text: str  # the sentence without its list marker
    list_item: bool  # it opens with a bullet or a number
    heading: bool  # a short line of its own with no end mark ("Continue our engagement")


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, opens with a list marker) of each line of ``text``, a line that carries on the
    sentence of the line before (it opens in lower case after a line with no end mark, as where a page
    broke 'we still have more' / 'victims that need help.') joined to it."""
    lines: list[tuple[int, int, bool]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        body = line.strip()
        marker = bool(_LIST_MARKER.match(line))
        if (
            lines
            and not marker
            and body[:1].islower()
            and text[lines[-1][0] : lines[-1][1]].rstrip()[-1:] not in ".!?:;…"
        ):
            lines[-1] = (lines[-1][0], start + len(line.rstrip()), lines[-1][2])
        else:
            lines.append((start, start + len(line.rstrip()), marker))
    return lines


def sentences(text: str) -> list[Sentence]:
    """The sentences and list items of ``text``, in order, each with where it is in ``text``."""
    text = str(text)
    result = []
    for line_start, line_end, marked in _lines(text):
        line = text[line_start:line_end]
        marker = _LIST_MARKER.match(line) if marked else None
        body_start = line_start + (marker.end() if marker else len(line) - len(line.lstrip()))
        body = text[body_start:line_end]
        pieces, cursor = [], 0
        for found in _BREAK.finditer(body):
            before = body[: found.start()].rstrip('"”’)')
            if before.endswith(_ABBREVIATIONS) or re.search(r"(?:^|\s)[A-Z]\.$", before):
                continue
            pieces.append((cursor, found.start()))
            cursor = found.end()
        pieces.append((cursor, len(body)))
        for position, (start, end) in enumerate(pieces):
            piece = body[start:end].strip()
            if not piece:
                continue
            heading = (
                len(pieces) == 1
                and not marker
                and len(piece.split()) <= 5
                and piece[-1:] not in ".!?:;…"
                and not piece.endswith("...")
            )
            offset = body_start + start + (len(body[start:end]) - len(body[start:end].lstrip()))
            result.append(
                Sentence(offset, offset + len(piece), " ".join(piece.split()), bool(marker) and position == 0, heading)
            )
    return result


@dataclass(frozen=True)
class Ask:
    sentence: Sentence
    stance: str  # FOR or AGAINST
    kind: str  # REQUEST or INTEREST
    why: str  # the cue that made it an ask: matched words, 'opens with "Promote"' or 'listed after: ...'


@dataclass(frozen=True)
class AskTheme:
    key: str
    label: str
    patterns: tuple
    exclude: tuple = ()  # phrases holding a pattern's match without meaning the theme ("childcare" for children)

    def words(self, text: str, found: dict[int, tuple] | None = None, group: int = 0) -> list[str]:
        """The words of ``text`` the theme's patterns match, outside its ``exclude`` matches; given ``found``
        (:meth:`AskVocabulary.found` of ``text``), only the patterns found to match there are tried (the
        theme's are its ``group``, its exclusions ``group + 1``): the same words."""
        if found is None:
            return matched_words(text, self.patterns, self.exclude)
        return matched_words(text, found.get(group, ()), found.get(group + 1, ()))


# the groups of AskVocabulary._every_pattern, in its order: the request cues, the reported phrases (which hide a cue),
# the interest cues, then each theme's patterns and its exclusions, two groups a theme (AskVocabulary._theme_group)
CUES, REPORTED, INTEREST_CUES, THEMES_FROM = 0, 1, 2, 3


@dataclass(frozen=True)
class AskVocabulary:
    path: Path
    cues: tuple
    interest_cues: tuple
    reported: tuple  # phrases holding a cue that report someone else's words
    imperatives: frozenset
    noun_when_followed_by: frozenset  # 'Work is ongoing', 'Use of ...': the opening word is a noun, not an imperative
    openings: tuple  # phrases an ask opens with, other than one imperative: 'Do not ...', 'Need for ...'
    leads: tuple  # words before an imperative opening: 'Also ensure ...', 'Finally, include ...'
    against: tuple
    themes: tuple[AskTheme, ...]
    workstream_theme: str = ""  # the key of the theme marked `this_workstream: true`, or ""

    def opening(self, text: str, list_item: bool = False) -> str:
        """The imperative ('Ensure'), or the phrase of ``openings`` ('Do not'), that ``text`` opens with,
        or '' for none. Meeting notes write asks bare: a short label may come first ('Recommendation:
        include ...'), and a lead ('Also ensure ...', 'Finally, include ...'). An imperative opening a
        sentence is capitalised ('use of the data' after a full stop is no ask), unless it opens a list item or
        follows a label or a lead; a word followed by one of ``noun_when_followed_by`` is a noun ('Work is
        ongoing', 'Support of ...')."""
        rest, loose = text.lstrip("“\"‘'("), list_item
        label = _LABEL.match(rest)
        if label and len(label.group(0).split()) <= _LABEL_WORDS:
            rest, loose = rest[label.end() :], True
        found = self._first_of["leads"].match(rest) if self.leads else None
        if found:
            rest, loose = rest[found.end() :].lstrip(" ,"), True
        found = self._first_of["openings"].match(rest) if self.openings else None
        if found:
            return found.group(0)
        first = _FIRST_WORD.match(rest)
        if not first or first.group(0).lower() not in self.imperatives or not (loose or first.group(0)[0].isupper()):
            return ""
        following = _FIRST_WORD.match(rest[first.end() :].lstrip())
        return "" if following and following.group(0).lower() in self.noun_when_followed_by else first.group(0)

    @cached_property
    def _first_of(self) -> dict[str, Any]:
        """The leads, the openings and the against phrases, each as one pattern (:func:`.patterns.first_of`): the
        first in the file's order that matches, as trying them one by one finds it, in one call."""
        return {key: first_of(getattr(self, key)) for key in ("leads", "openings", "against")}

    @cached_property
    def _every_pattern(self) -> AnyOf:
        """The cues, the reported phrases, the interest cues, then each theme's patterns and exclusions: which
        of them match a text is found in one pass over it (:meth:`found`)."""
        groups = [self.cues, self.reported, self.interest_cues]  # groups CUES, REPORTED and INTEREST_CUES
        for theme in self.themes:
            groups += [theme.patterns, theme.exclude]
        return AnyOf(groups)

    def found(self, text: str) -> dict[int, tuple]:
        """The patterns that match ``text`` somewhere, by group (:attr:`_every_pattern`): those the matching
        below tries, as a pattern found nowhere adds no word and hides none."""
        return self._every_pattern.matching(text)

    @staticmethod
    def _theme_group(position: int) -> int:
        return THEMES_FROM + 2 * position  # the group of the theme at ``position``; its exclusions are the next one

    def _cue(self, text: str, list_item: bool = False) -> tuple[str, str]:
        """(the cue that makes ``text`` an ask, its kind), or ("", "") for no ask. A request cue or an
        opening (:meth:`opening`) wins over an interest cue in the same sentence."""
        found = self.found(text)
        words = matched_words(text, found.get(CUES, ()), found.get(REPORTED, ()))
        if words:
            return words[0], REQUEST
        opening = self.opening(text, list_item)
        if opening:
            return f"{IMPERATIVE_CUE} \u201c{opening}\u201d", REQUEST
        words = matched_words(text, found.get(INTEREST_CUES, ()), found.get(REPORTED, ()))
        return (words[0], INTEREST) if words else ("", "")

    def stance(self, text: str) -> str:
        return AGAINST if self.against and self._first_of["against"].search(text) else FOR

    def asks_in(self, text: str) -> list[Ask]:
        """The ask sentences of ``text`` (organisation names blanked out for the cues and stance). An
        ask ending in ':' introduces what follows: its list items (headings between them skipped), or
        else the one sentence after it, are the asks; the introduction itself is not listed."""
        read = without_organisation_names(str(text))
        asks, introduced, first_after = [], None, False
        for sentence in sentences(text):
            words = read[sentence.start : sentence.end]
            if introduced and sentence.heading:
                continue
            if introduced and (sentence.list_item or first_after):
                own, own_kind = self._cue(words, sentence.list_item)
                if introduced[1] == INTEREST and own.startswith(IMPERATIVE_CUE):
                    own_kind = INTEREST  # "the particular areas are: Promote ...": an area of interest, named as a verb
                kind = own_kind if own_kind == REQUEST else introduced[1]
                asks.append(
                    Ask(
                        sentence,
                        self.stance(words),
                        kind,
                        own if own_kind == REQUEST else f"introduced by: {introduced[0]}",
                    )
                )
                first_after = False
                continue
            introduced = None
            cue, kind = self._cue(words, sentence.list_item)
            if not cue:
                continue
            if sentence.text.endswith(":"):
                introduced, first_after = (cue, kind), True
                continue
            asks.append(Ask(sentence, self.stance(words), kind, cue))
        return asks

    def _themes_in(self, text: str) -> list[AskTheme]:
        """Every theme whose patterns match somewhere in ``text`` (organisation names blanked), in the file's order."""
        read = without_organisation_names(text)
        found = self.found(read)
        return [
            theme
            for position, theme in enumerate(self.themes)
            if self._theme_group(position) in found  # no pattern of the theme matches: no words, nothing to look at
            and theme.words(read, found, self._theme_group(position))
        ]

    def theme_of(self, text: str) -> tuple[str, str] | None:
        """(key, label) of the first theme whose patterns match ``text``, or None."""
        return next(((theme.key, theme.label) for theme in self._themes_in(text)), None)

    def themes_named(self, text: str) -> set[str]:
        """The keys of every theme whose patterns match somewhere in ``text`` (organisation names blanked)."""
        return {theme.key for theme in self._themes_in(text)}

    def sentence_themes(self, text: str) -> tuple[tuple[str, str] | None, set[str]]:
        """:meth:`theme_of` and :meth:`themes_named` of one ``text``, its patterns matched once."""
        themes = self._themes_in(text)
        return ((themes[0].key, themes[0].label) if themes else None), {theme.key for theme in themes}

    def main_theme(self, text: str) -> tuple[str, str] | None:
        """The theme ``text`` names most often (the first in the file's order on a tie), or None."""
        read = without_organisation_names(text)
        found = self.found(read)
        counts = [
            (len(theme.words(read, found, self._theme_group(position))), -position, theme)
            for position, theme in enumerate(self.themes)
            if self._theme_group(position) in found  # no pattern of the theme matches: none of its words
        ]
        best = max(counts, key=lambda item: (item[0], item[1]), default=None)
        return (best[2].key, best[2].label) if best and best[0] else None


def parse_ask_vocabulary(document, path: Path | str = "asks.yaml") -> AskVocabulary:
    """Check a loaded data/asks.yaml and compile its patterns; a problem names the file, line and key."""
    path = Path(path)

    def problem(container, key, reason, of=None):
        return CodebookError(
            located(
                path, line_of(container, key) if isinstance(container, dict) else line_of(container), key, reason, of=of
            )
        )

    if not isinstance(document, dict):
        raise CodebookError(located(path, None, None, "expected a mapping with cues, imperatives, against and themes"))
    missing = sorted(_KEYS - set(document) - {"title", "version", "provenance"})
    unknown = sorted(set(document) - _KEYS)
    if missing:
        raise problem(document, None, f"missing {noun_for(len(missing), 'key')} {', '.join(missing)}")
    if unknown:
        raise problem(document, unknown[0], f"unknown key; the keys are {', '.join(sorted(_KEYS))}")
    for key in ("imperatives", "noun_when_followed_by"):
        words = document[key]
        if not isinstance(words, list) or not all(isinstance(word, str) and word.isalpha() for word in words):
            raise problem(document, key, "must be a list of single words")
    imperatives = document["imperatives"]
    if not isinstance(document["themes"], list) or not document["themes"]:
        raise problem(document, "themes", "must be a list of themes, each with key, label and patterns")
    themes, seen, workstream = [], set(), ""
    for position, entry in enumerate(document["themes"]):
        if not isinstance(entry, dict) or not _THEME_KEYS <= set(entry) <= _THEME_KEYS | {_THEME_FLAG, _THEME_EXCLUDE}:
            raise CodebookError(
                located(
                    path,
                    line_of(document["themes"], position),
                    None,
                    f"a theme needs exactly the keys key, label and patterns (and may have {_THEME_EXCLUDE} "
                    f"and {_THEME_FLAG}: true)",
                    of=f"theme #{position + 1}",
                )
            )
        of = f"theme {entry['key']!r}"
        if _THEME_FLAG in entry:
            if entry[_THEME_FLAG] is not True:
                raise problem(entry, _THEME_FLAG, "must be true where given (leave it out elsewhere)", of)
            if workstream:
                raise problem(entry, _THEME_FLAG, f"is already given to theme {workstream!r}: one theme at most", of)
            workstream = str(entry["key"])
        if entry["key"] in seen:
            raise problem(entry, "key", "appears twice", of)
        seen.add(entry["key"])
        if not str(entry["label"]).strip():
            raise problem(entry, "label", "is empty", of)
        themes.append(
            AskTheme(
                str(entry["key"]),
                str(entry["label"]).strip(),
                compile_patterns(entry["patterns"], CodebookError, path, "patterns", of),
                compile_patterns(entry.get(_THEME_EXCLUDE) or [], CodebookError, path, _THEME_EXCLUDE, of),
            )
        )
    return AskVocabulary(
        path=path,
        cues=compile_patterns(document["cues"], CodebookError, path, "cues", "the ask cues"),
        interest_cues=compile_patterns(document["interest_cues"], CodebookError, path, "interest_cues", "the ask cues"),
        reported=compile_patterns(document["reported"], CodebookError, path, "reported", "the ask cues"),
        imperatives=frozenset(word.lower() for word in imperatives),
        noun_when_followed_by=frozenset(word.lower() for word in document["noun_when_followed_by"]),
        openings=compile_patterns(document["openings"], CodebookError, path, "openings", "the ask cues"),
        leads=compile_patterns(document["leads"], CodebookError, path, "leads", "the ask cues"),
        against=compile_patterns(document["against"], CodebookError, path, "against", "the ask cues"),
        themes=tuple(themes),
        workstream_theme=workstream,
    )


def load_ask_vocabulary(path: Path | str | None = None, root: Path | None = None) -> AskVocabulary:
    path = Path(path) if path else (root or project_root()) / "data" / "asks.yaml"
    return parse_ask_vocabulary(read_yaml_file(path, CodebookError), path)


def organisation_of(comment) -> str:
    """The organisation a comment speaks for, as the project's list names it; '' for none."""
    return comment.get("organisation_canonical", "") or ""


def comment_fields(comment, wordings: dict[str, str] | None = None) -> dict:
    """What a line quoting a comment shows of it: its id, who posted it (:func:`.analysis.who_asked`),
    the organisation it speaks for ('' for none), its discussion and question ('' for none), and
    whether its words are as posted or a paraphrase (``wordings``, :func:`wordings_of` the registry of pages,
    looked up once a source; 'recorded' without it)."""
    position = comment.get("question")
    wording = (wordings or {}).get(comment["source"], RECORDED)
    return {
        "comment_id": comment["comment_id"],
        "who": who_asked(comment),
        "organisation": organisation_of(comment),
        "discussion": comment["discussion"],
        "question": "" if position is None or pd.isna(position) else int(position),
        "wording": wording,
    }


def wordings_of(coded: pd.DataFrame, sources: pd.DataFrame | None) -> dict[str, str] | None:
    """Each source of ``coded``'s comments -> whether their words are as posted (:func:`.quotes.wording_of`),
    found once a source; None without ``sources``."""
    if sources is None:
        return None
    return {source: wording_of(source, sources) for source in dict.fromkeys(coded["source"])}


def unnamed_words(count: int) -> str:
    """'1 that names no organisation', '2 that name no organisation', '1,204 that name no organisation'."""
    return f"{count:,} that {verb_for(count, 'names', 'name')} no organisation"


ORGANISATIONS_NAMED_AT_MOST = 5  # a key message, or who else made an ask, names this many organisations; others counted


def organisations_named(organisations, unnamed=unnamed_words, most: int | None = None) -> str:
    """``organisations`` (one per comment, '' for none) in words: those named, once each, the most comments first
    (in order of appearance among as many), then how many comments name none, in the words ``unnamed`` gives the
    count: 'Caritas Internationalis Confederation and 2 that name no organisation'; a name for several comments
    says how many: '2 from Initiative for Child Rights in the Global Compacts'. Past ``most`` names (and one more),
    the others are counted: '...; 128 from 10 other organisations; and 362 that name no organisation'. Semicolons
    part the names where one holds a comma or an 'and' of its own ('International Human Rights Clinic, Boston
    University School of Law'), and in a list of its own (``most`` given) of three or more with a count ('2 from
    OHCHR; UNODC; and 11 that name no organisation': with commas, the 2 read as from each)."""
    organisations = list(organisations)
    counts = sorted(Counter(name for name in organisations if name).items(), key=lambda item: -item[1])  # stable
    shown = counts if most is None or len(counts) <= most + 1 else counts[:most]  # never '1 from 1 other organisation'
    named = [f"{count:,} from {name}" if count > 1 else name for name, count in shown]  # two comments, one name: said
    if len(shown) < len(counts):
        others = counts[len(shown) :]
        named.append(f"{sum(count for _, count in others):,} from {count_of(len(others), 'other organisation')}")
    count = sum(1 for name in organisations if not name)
    parts = named + ([unnamed(count)] if count else [])
    own_commas = any("," in name or re.search(r"\band\b", name) for name, _ in shown)  # not a count's '1,204'
    # a list of its own (``most`` given: a key message, who else made an ask; elsewhere it sits inside a list parted
    # by semicolons): '2 from A, B and C' reads as 2 from each
    counted = most is not None and any(count > 1 for _, count in shown) and len(parts) > 2
    return join_with_semicolons(parts) if own_commas or counted else join_names(parts)


def named_and_unnamed(rows: pd.DataFrame, unnamed=unnamed_words, most: int | None = None) -> str:
    """Who ``rows`` (one or more per comment, with an ``organisation`` column, '' for none) come from
    (:func:`organisations_named`, each comment counted once)."""
    return organisations_named(rows.drop_duplicates("comment_id")["organisation"], unnamed, most)


ASK_COLUMNS = [
    "theme_key",
    "theme",
    "stance",
    "kind",
    "comment_id",
    "who",
    "organisation",
    "discussion",
    "question",
    "question_text",
    "shown",
    "shortened",
    "cut_by_page",
    "ask",
    "wording",
    "cue",
    "codes",
    "code_labels",
    "source",
    "also_names",
]


def _passage_end(text: str, ask: Ask, next_start: int | None) -> int:
    """Where the passage of an ask ends: a list item is its own passage; a sentence carries on with
    the sentences that follow it in its paragraph (its reasons), up to the next ask."""
    if ask.sentence.list_item or ask.why.startswith("introduced by"):
        return ask.sentence.end
    paragraph = re.compile(r"\n\s*\n").search(text, ask.sentence.end)
    ends = [len(text)] + ([paragraph.start()] if paragraph else []) + ([next_start] if next_start is not None else [])
    return max(ask.sentence.end, min(ends))


def asks_table(
    coded: pd.DataFrame,
    vocabulary: AskVocabulary,
    codebook: Codebook,
    labels: dict[str, str],
    questions: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    rejected=frozenset(),
) -> pd.DataFrame:
    """One row per ask, in the comments' order: its theme (the sentence's own, else that of the ask
    before it in the comment, else its comment's main theme, else 'Other asks'), stance, the comment and who posted it, the question it answers, the
    sentence itself and whether those words are as posted or a paraphrase, and the codes the coder
    gives the ask's passage: the sentence and the sentences after it in its paragraph that give its
    reasons, up to the next ask ("... a separate agenda item on women migrant worker's rights." then
    "... domestic workers ... not covered under labor laws.")."""
    question_text = {
        (d, int(q)): " / ".join(line.strip() for line in str(t).splitlines() if line.strip())
        for d, q, t in zip(questions["discussion"], questions["question"], questions["text"])
        if not pd.isna(q)
    }
    wordings = wordings_of(coded, sources)
    rows = []
    for comment in coded.to_dict("records"):
        text = str(comment["text"])
        found = vocabulary.asks_in(text)
        if not found:
            continue
        fallback: tuple[str, str] | None = None  # the comment's main theme, found when an ask first needs it
        fields = comment_fields(comment, wordings)
        answered = (
            question_text.get((comment["discussion"], fields["question"]), "") if fields["question"] != "" else ""
        )
        previous: tuple[str, str] | None = None
        cut_off = bool(comment.get("truncated", False))
        for number, ask in enumerate(found):
            last = ask.sentence.end >= len(text.rstrip()) - 1
            sentence = excerpt(ask.sentence.text, [], len(ask.sentence.text) + 1, cut_off and last)
            if cut_off and last and len(sentence.split()) < READABLE_WORDS:
                continue  # the page cut it before it could be read ('There is an urgent need to uphold…')
            own, named = vocabulary.sentence_themes(sentence)
            if own is None and previous is None and fallback is None:
                fallback = vocabulary.main_theme(text) or OTHER_THEME
            key, label = previous = own or previous or fallback or OTHER_THEME
            following = found[number + 1].sentence.start if number + 1 < len(found) else None
            passage = text[ask.sentence.start : _passage_end(text, ask, following)]
            codes = [
                code for code in code_text(passage, codebook).evidence if (comment["comment_id"], code) not in rejected
            ]
            shown = excerpt(sentence, [], LONG_TEXT)
            rows.append(
                {
                    **fields,
                    "theme_key": key,
                    "theme": label,
                    "stance": ask.stance,
                    "kind": ask.kind,
                    "question_text": answered,
                    "ask": sentence,
                    "shown": shown,
                    "shortened": shown != sentence,
                    "cut_by_page": bool(cut_off and last),
                    "cue": ask.why,
                    "codes": ";".join(codes),
                    "code_labels": "; ".join(labels[code] for code in codes),
                    "source": comment["source"],
                    # the other themes the ask's sentence names ('lower transfer costs and diaspora investment', filed
                    # under diasporas, names remittances): that comment asks about them, it does not only mention them
                    "also_names": ";".join(sorted(named - {key})),
                }
            )
    return pd.DataFrame(rows, columns=ASK_COLUMNS)


# a sentence that points back at a priority its comment has named ("This priority area is not yet
# supported ...", "a key objective for such priority area")
_THIS_PRIORITY = re.compile(r"\b(?:this|such|that|the said) (?:new )?priority(?: area)?\b", re.IGNORECASE)
PASSAGE_COLUMNS = [
    "comment_id",
    "who",
    "organisation",
    "discussion",
    "question",
    "sentence",
    "wording",
    "kind",
    "theme",
    "cut_by_page",
]


def priority_passages(
    coded: pd.DataFrame, referring_ids, number: str, title: str, asks: pd.DataFrame, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What the comments in ``referring_ids`` say of one workplan priority: each sentence naming it by
    ``number`` ('New Priority 5') or by ``title``, or pointing back at it ('this priority area', 'such
    priority area'), in the comments' order; with its kind and theme where the sentence is an ask."""
    wanted = folded_title(number)
    named = folded_title(title)
    asks_of: dict[str, dict[str, tuple[str, str]]] = {}  # comment -> its asks' sentences -> (kind, theme), in order
    for c, a, k, t in zip(asks["comment_id"], asks["ask"], asks["kind"], asks["theme"]):
        asks_of.setdefault(c, {}).setdefault(a, (k, t))
    wordings = wordings_of(coded, sources)
    rows = []
    for _, comment in coded[coded["comment_id"].isin(set(referring_ids))].iterrows():
        its_asks = asks_of.get(comment["comment_id"], {})
        text = str(comment["text"])
        cut_off = bool(comment.get("truncated", False))
        fields = comment_fields(comment, wordings)
        for sentence in sentences(text):
            folded = f" {folded_title(sentence.text)} "
            names_it = f" {wanted} " in folded or bool(named and f" {named} " in folded)
            names_another = bool(priority_references(sentence.text)) and not names_it
            if not (names_it or (_THIS_PRIORITY.search(sentence.text) and not names_another)):
                continue
            last = sentence.end >= len(text.rstrip()) - 1
            shown = excerpt(sentence.text, [], len(sentence.text) + 1, cut_off and last)
            kind, theme = next(
                ((k, t) for a, (k, t) in its_asks.items() if a == shown or a.rstrip("…") in shown), ("", "")
            )
            rows.append(
                {**fields, "sentence": shown, "kind": kind, "theme": theme, "cut_by_page": bool(cut_off and last)}
            )
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def priority_message(passages: pd.DataFrame, label: str) -> str:
    """A key message on what the comments say of the workstream's own priority: '3 comments speak to
    this workstream's own priority (New Priority 5: ...): Caritas ... and 2 that name no organisation.
    Their asks about it: migrants' participation in policy-making and diasporas; Caritas ... states its
    interest in it.'"""
    if not len(passages):
        return f"No comment speaks to this workstream's own priority ({label})."
    by_comment = passages.drop_duplicates("comment_id")
    who = named_and_unnamed(passages, most=ORGANISATIONS_NAMED_AT_MOST)
    message = (
        f"{count_of(len(by_comment), 'comment')} {verb_for(len(by_comment), 'speaks', 'speak')} to this "
        f"workstream's own priority ({label}): {who}."
    )
    requests = list(dict.fromkeys(in_sentence(t) for t, k in zip(passages["theme"], passages["kind"]) if k == REQUEST))
    interested = passages[passages["kind"] == INTEREST].drop_duplicates("comment_id")
    if requests:
        message += f" Their asks for it: {join_labels(requests)}."
    if len(interested):  # said as organisations, so that it grows with them, never with the comments
        said = organisations_named(interested["organisation"], most=ORGANISATIONS_NAMED_AT_MOST)
        if len(interested) == 1 and not interested["organisation"].iloc[0]:
            said = str(interested["who"].iloc[0])  # one comment: who posted it, as the asks name them
        said = f"{said[:1].upper()}{said[1:]}"  # a sentence of its own: 'Not named (by ...)' opens with a capital
        message += f" {said} {verb_for(len(interested), 'states its', 'state their')} interest in it."
    return message


@dataclass(frozen=True)
class AskGroup:
    theme_key: str
    theme: str
    stance: str
    comments: int  # comments with at least one ask in the group
    of_comments: int  # comments in the brief
    organisations: tuple  # the named organisations, in order
    unnamed: int  # comments in the group that name no organisation
    asks: pd.DataFrame  # the group's rows of the asks table
    unnamed_hints: tuple = ()  # what unnamed comments say of whom they speak for: 'writes of “Our Confederation”'
    mentioned_by: tuple = ()  # the organisations ('' for none) of the other comments naming the theme without an ask in it
    asked_elsewhere: tuple = ()  # (organisation or '', theme) of the other comments whose ask, filed under that theme, names this one

    @property
    def heading(self) -> str:
        against = " (against)" if self.stance == AGAINST else ""
        return f"{self.theme}{against}"

    @property
    def one_stakeholder(self) -> bool:
        """Whether a single stakeholder asks for it (other comments may still mention it: :attr:`mentioned_by`)."""
        return self.comments == 1 or (len(self.organisations) == 1 and not self.unnamed)

    def mentioned_words(self) -> str:
        """'' or 'also mentioned, though not asked for, in 2 more comments (CARAM Asia and 1 that names no
        organisation)', and 'also named in the ask of 1 more comment, filed under another theme (African
        Diaspora Network, under diasporas)': a comment asking about the theme is never said not to ask for it."""
        parts = []
        if self.mentioned_by:
            parts.append(
                f"also mentioned, though not asked for, in {count_of(len(self.mentioned_by), 'more comment')} "
                f"({organisations_named(self.mentioned_by)})"
            )
        if self.asked_elsewhere:
            under = self.asked_elsewhere_words()
            parts.append(
                f"also named in the {verb_for(len(self.asked_elsewhere), 'ask', 'asks')} of "
                f"{count_of(len(self.asked_elsewhere), 'more comment')}, filed under another theme ({under})"
            )
        return "; ".join(parts)

    def asked_elsewhere_words(self) -> str:
        """Who named the theme in an ask filed under another theme, by that theme: 'African Diaspora Network,
        under diasporas'; 'CARAM Asia, under climate change and migration and organisation not named, under
        housing'; where a theme has several, its organisations once each, as :func:`organisations_named` says
        them ('2 from IOM, UNDP and 1,204 that name no organisation, under climate change and migration; ...'),
        so that the sentence grows with the organisations, never with the comments."""
        by_theme: dict[str, list[str]] = {}
        for who, theme in self.asked_elsewhere:
            by_theme.setdefault(theme, []).append(who)
        said = [
            f"{organisations_named(whos) if whos != [''] else 'organisation not named'}, under {in_sentence(theme)}"
            for theme, whos in by_theme.items()
        ]
        return join_names(said) if all(len(whos) == 1 for whos in by_theme.values()) else "; ".join(said)

    def count_words(self) -> str:
        """'3 of 14 comments: Caritas Internationalis Confederation, United Kingdom and 1 that names no
        organisation'; a single stakeholder is said to be one: '1 of 14 comments: one stakeholder (CARAM Asia)'."""
        if self.one_stakeholder:
            who = (
                f"one stakeholder ({self.organisations[0]})"
                if self.organisations
                else "one stakeholder, whose organisation is not named"
            )
        else:
            parts = list(self.organisations)
            if self.unnamed:
                hints = f" ({'; '.join(self.unnamed_hints)})" if self.unnamed_hints else ""
                parts.append(unnamed_words(self.unnamed) + hints)
            who = join_names(parts)
        requesting = self.asks.loc[self.asks["kind"] == REQUEST, "comment_id"].nunique()
        if requesting == self.comments:
            kinds = ""
        elif not requesting:
            kinds = " (interest only)"
        else:
            kinds = f" ({requesting:,} asking, {self.comments - requesting:,} interest only)"
        mentioned = f"; {self.mentioned_words()}" if self.mentioned_by or self.asked_elsewhere else ""
        return f"{self.comments:,} of {count_of(self.of_comments, 'comment')}{kinds}: {who}{mentioned}"


def theme_mentions(coded: pd.DataFrame, vocabulary: AskVocabulary) -> dict[str, dict[str, str]]:
    """theme key -> {comment id: the organisation it speaks for ('' for none)} for every comment whose
    text names the theme anywhere, with or without an ask (:meth:`AskVocabulary.themes_named`)."""
    mentions: dict[str, dict[str, str]] = {}
    columns = ["comment_id", "text"] + (["organisation_canonical"] if "organisation_canonical" in coded else [])
    for comment in coded[columns].to_dict("records"):
        for key in vocabulary.themes_named(str(comment["text"])):
            mentions.setdefault(key, {})[comment["comment_id"]] = organisation_of(comment)
    return mentions


def ask_groups(
    asks: pd.DataFrame, n_comments: int, mentions: dict[str, dict[str, str]] | None = None
) -> list[AskGroup]:
    """The asks grouped by theme and stance (for and against apart), most comments first, then in the
    order themes are first asked; 'Other asks' last. ``mentions`` (:func:`theme_mentions`) gives, for each
    group, who posted the other comments that name its theme without asking for it."""
    mentions = mentions or {}
    by_all = asks.drop_duplicates("comment_id")
    asking_in: dict[str, set] = {}  # theme key -> the comments asking in it (for or against)
    for comment_id, key in zip(asks["comment_id"].tolist(), asks["theme_key"].tolist()):
        asking_in.setdefault(str(key), set()).add(comment_id)
    # theme key -> {comment: the theme its ask is filed under}, for the asks that also name it
    also_naming: dict[str, dict] = {}
    if "also_names" in asks:
        for comment_id, theme, also in zip(
            asks["comment_id"].tolist(), asks["theme"].tolist(), asks["also_names"].tolist()
        ):
            for named_key in str(also).split(";"):
                also_naming.setdefault(named_key, {})[comment_id] = theme
    groups = []
    for order, ((key, stance), rows) in enumerate(asks.groupby(["theme_key", "stance"], sort=False)):
        key, stance = str(key), str(stance)  # the frame's strings (groupby types its keys as any Hashable)
        by_comment = rows.drop_duplicates("comment_id")
        named = list(dict.fromkeys(name for name in by_comment["organisation"] if name))
        unnamed = int((by_comment["organisation"] == "").sum())
        hints = tuple(
            dict.fromkeys(
                who.removeprefix(f"{NOT_NAMED} (").removesuffix(")")
                for who, name in zip(by_comment["who"], by_comment["organisation"])
                if not name and who.startswith(f"{NOT_NAMED} (writes of")
            )
        )
        # a comment asking in the theme (for or against) is counted in a group, not as a mere mention
        asking = asking_in[key]
        # a comment whose ask names the theme, filed under another, asks about it: never 'not asked for'
        naming = {
            comment_id: theme for comment_id, theme in also_naming.get(key, {}).items() if comment_id not in asking
        }
        elsewhere = tuple(
            who
            for comment_id, who in mentions.get(key, {}).items()
            if comment_id not in asking and comment_id not in naming
        )
        asked_there = tuple(
            (mentions.get(key, {}).get(comment_id, organisation), naming[comment_id])
            for comment_id, organisation in zip(by_all["comment_id"], by_all["organisation"])
            if comment_id in naming
        )
        groups.append(
            (
                key == OTHER_THEME[0],
                -len(by_comment),
                order,
                AskGroup(
                    key,
                    rows["theme"].iloc[0],
                    stance,
                    len(by_comment),
                    n_comments,
                    tuple(named),
                    unnamed,
                    rows.reset_index(drop=True),
                    hints,
                    elsewhere,
                    asked_there,
                ),
            )
        )
    return [group for *_, group in sorted(groups, key=lambda item: item[:3])]


def _group_named(group: AskGroup, mentions: bool = True) -> str:
    """A group in a key message: 'recruitment reform (CARAM Asia)', 'diasporas (organisation not named)',
    'civic space ... (organisation not named; also mentioned in 1 other comment)' (without the mentions
    where the message does not say the theme is one stakeholder's alone); a group of several
    stakeholders: 'children ... (2 comments)'."""
    theme = in_sentence(group.heading)
    if not group.one_stakeholder:
        return f"{theme} ({group.comments:,} comments)"
    notes = list(group.organisations[:1]) or ["organisation not named"]
    if group.mentioned_by and mentions:
        notes.append(f"also mentioned in {count_of(len(group.mentioned_by), 'other comment')}")
    if group.asked_elsewhere and mentions:
        notes.append(f"also named in an ask of {count_of(len(group.asked_elsewhere), 'other comment')}")
    return f"{theme} ({'; '.join(notes)})"


def codes_touched(group: AskGroup, codes) -> int:
    """How many of ``codes`` (codebook ids) the asks of the group carry."""
    carried = {code for cell in group.asks["codes"] for code in str(cell).split(";") if code}
    return len(carried & set(codes))


def comments_touching(group: AskGroup, codes) -> int:
    """How many of the group's comments have an ask carrying one of ``codes``."""
    wanted = set(codes)
    return len(
        {
            comment_id
            for comment_id, cell in zip(group.asks["comment_id"], group.asks["codes"])
            if wanted.intersection(str(cell).split(";"))
        }
    )


def touches(group: AskGroup, codes) -> bool:
    """Whether some ask of the group carries one of ``codes``."""
    return codes_touched(group, codes) > 0


def touching_message(groups: list[AskGroup], codes, where: str, shown: int = 4) -> str:
    """'Asks that touch the checklist themes in focus: recruitment reform (CARAM Asia), women migrants'
    rights and gender (organisation not named) and ...' (the groups with most comments touching ``codes``
    first, then those carrying most of them), or '' when no ask carries one of them."""
    touching = sorted(
        (group for group in groups if touches(group, codes)),
        key=lambda g: (-comments_touching(g, codes), -codes_touched(g, codes)),
    )
    if not touching:
        return ""
    names = [_touching_named(group, codes) for group in touching[:shown]]
    rest = len(touching) - shown
    more = [f"{rest:,} more {noun_for(rest, 'theme')}"] if rest > 0 else []
    return f"Asks that touch {where}: {join_labels(names + more)}."


def _touching_named(group: AskGroup, codes) -> str:
    """A group in :func:`touching_message`: by its theme (:func:`_group_named`), a theme of several stakeholders
    with how many of its comments touch ``codes`` ('more detail in the workplan (312 of its 2,252 comments)',
    'recruitment reform (all its 226 comments)': the theme's whole count would say that all of them do); the
    asks on no theme of the list ('Other asks') as what they are, with how many of their comments touch which of
    ``codes``: 'other asks (7 comments; 5 of them touch social protection, social dialogue or access to decent
    work)', 'other asks (against) (organisation not named; touching social protection)'. Never 'asks on social
    protection ...' for a group most of whose asks may be on other things (housing, hiring)."""
    if group.theme_key != OTHER_THEME[0]:
        if group.one_stakeholder:
            return _group_named(group, mentions=False)
        touching_comments = comments_touching(group, codes)
        some = "all" if touching_comments == group.comments else f"{touching_comments:,} of"  # beside '58 of its 442'
        return f"{in_sentence(group.heading)} ({some} its {group.comments:,} comments)"
    carried: dict[str, str] = {}
    touching: set[str] = set()
    for comment_id, ids, names in zip(group.asks["comment_id"], group.asks["codes"], group.asks["code_labels"]):
        for code, label in zip(str(ids).split(";"), str(names).split("; ")):
            if code in set(codes):
                carried.setdefault(code, in_sentence(label))
                touching.add(comment_id)
    subjects = join_names(list(carried.values()), "or")
    if group.one_stakeholder:
        who = (group.organisations[:1] or ("organisation not named",))[0]
        return f"{in_sentence(group.heading)} ({who}; touching {subjects})"
    some = (
        "all touch"
        if len(touching) == group.comments
        else f"{len(touching):,} of them {verb_for(len(touching), 'touches', 'touch')}"
    )
    return f"{in_sentence(group.heading)} ({group.comments:,} comments; {some} {subjects})"


def who_asks(asks: pd.DataFrame, n_comments: int) -> str:
    """'9 of 14 comments ask for a change, an addition or an action; 4 more only say which priorities
    interest them or have their support; in 1 no ask was found' (requests and interests kept apart)."""
    if not len(asks):
        return f"No ask was found in the {count_of(n_comments, 'comment')}"
    requesting = set(asks.loc[asks["kind"] == REQUEST, "comment_id"])
    interested = set(asks["comment_id"]) - requesting
    silent = n_comments - len(requesting) - len(interested)
    parts = []
    if requesting:
        many = len(requesting) != 1
        parts.append(
            f"{f'All {n_comments:,}' if len(requesting) == n_comments and many else f'{len(requesting):,}'}"
            f"{'' if len(requesting) == n_comments and many else ' of ' + count_of(n_comments, 'comment')}"
            f" {'ask' if many else 'asks'} for a change, an addition or an action"
        )
    if interested:
        lead = (
            f"{len(interested):,} more" if requesting else f"{len(interested):,} of {count_of(n_comments, 'comment')}"
        )
        parts.append(
            f"{lead} only {verb_for(len(interested), 'says', 'say')} which priorities interest "
            f"{verb_for(len(interested), 'it', 'them')} or have {verb_for(len(interested), 'its', 'their')} support"
        )
    if silent:
        parts.append(f"in {silent:,} no ask was found")
    return "; ".join(parts)


def ask_messages(
    groups: list[AskGroup],
    asks: pd.DataFrame,
    n_comments: int,
    codes_that_matter=(),
    shown: int = 5,
    said_elsewhere=(),
    apart_from: str = "",
) -> list[str]:
    """One or two sentences for the key messages: who asks (requests and interests apart), the themes
    most comments raise in their asks, and the themes a single stakeholder asks for (a request, not
    only an interest), those carrying ``codes_that_matter`` (the codes in focus, or the checklist's
    themes) named first, leaving out the themes ``said_elsewhere`` (keys another key message names);
    ``apart_from`` names what another key message counts on its own ('this workstream's own priority')."""
    if not len(asks):
        return [f"No ask was found in the {count_of(n_comments, 'comment')}."]
    shared = [group for group in groups if not group.one_stakeholder and group.theme_key != OTHER_THEME[0]]
    lone = sorted(
        [
            group
            for group in groups
            if group.one_stakeholder
            and group.theme_key != OTHER_THEME[0]
            and (group.asks["kind"] == REQUEST).any()
            and group.theme_key not in set(said_elsewhere)
        ],
        key=lambda g: not touches(g, codes_that_matter),
    )

    def listed(chosen: list[AskGroup], named) -> str:
        more = len(chosen) - shown
        return join_labels([named(g) for g in chosen[:shown]] + ([f"{more:,} more"] if more > 0 else []))

    opening = who_asks(asks, n_comments)
    if not shared:
        # asks outside every theme of the list (a consultation on other subjects) are counted, never left unsaid
        other = [group for group in groups if group.theme_key == OTHER_THEME[0] and not group.one_stakeholder]
        said = [opening]
        if other:
            said.append(
                f"{other[0].comments} of {count_of(n_comments, 'comment')} ask for things outside the themes "
                "of the project's list of asks"
            )
        if lone:
            said.append(
                f"{'Each of the themes of the list' if other else 'Each theme'} is asked for by a single "
                f"stakeholder: {listed(lone, _group_named)}"
            )
        return [". ".join(said) + "."]
    counts = {group.comments for group in shared}
    if len(shared) == 1:
        most = (
            f"The theme raised most, {in_sentence(shared[0].heading)}, comes up in {shared[0].comments} of "
            f"{count_of(n_comments, 'comment')}"
        )
    elif len(counts) == 1:  # one count for every shared theme: said once, not after each theme
        most = (
            f"The themes raised most, in asks or statements of interest, come up in only {counts.pop()} of "
            f"{count_of(n_comments, 'comment')} each: "
            f"{listed(shared, lambda g: in_sentence(g.heading))}"
        )
    else:
        most = (
            "The themes most comments raise: "
            f"{listed(shared, lambda g: f'{in_sentence(g.heading)} ({g.comments:,} of {n_comments:,})')}"
        )
    if apart_from:  # another key message counts more comments on a theme of its own (the workstream's priority)
        most = f"Apart from {apart_from}, {most[0].lower()}{most[1:]}"
    outside = asks.loc[asks["theme_key"] == OTHER_THEME[0], "comment_id"].nunique()
    top = max(group.comments for group in shared)
    if outside >= top:  # 'the theme raised most' never hides that more comments ask for things on no theme
        most += (
            f"; {'more' if outside > top else 'as many'} comments, {outside:,} of {n_comments:,}, ask for things "
            "outside the themes of the project's list of asks"
        )
    messages = [f"{opening}. {most}."]
    if lone:
        messages.append(f"Themes not named above that a single stakeholder asks for: {listed(lone, _group_named)}.")
    return messages


def comments_without_asks(coded: pd.DataFrame, asks: pd.DataFrame) -> pd.DataFrame:
    """The comments in which no ask was found: their id, who posted them and the question."""
    rest = coded[~coded["comment_id"].isin(set(asks["comment_id"]))]
    return pd.DataFrame({"comment_id": rest["comment_id"], "who": [who_asked(row) for row in rest.to_dict("records")]})


def unasked_message(
    coded: pd.DataFrame, without: pd.DataFrame, vocabulary: AskVocabulary, codes: dict[str, list[str]], shown: int = 4
) -> str:
    """What the comments with no ask speak of, for the key messages: 'The 3 comments with no ask speak of
    civic space ... (organisation not named); diasporas (IOM); and social protection (organisation not
    named).' Each comment by the first ask theme its text names (the file's order, as an ask takes its
    theme), else by the first label of its codes (``codes``: comment id to code labels, checklist themes
    first); '' when every comment has an ask or one has nothing to name. Past ``shown`` comments, the subjects
    most of them speak of, with how many ('The 8,014 comments with no ask speak most of children and migrant
    minors (1,203 comments); ...; and 16 other subjects'), so that the message never grows with the comments."""
    if not len(without):
        return ""
    texts = dict(zip(coded["comment_id"], coded["text"].astype(str)))

    def subject(comment_id) -> str | None:
        named = vocabulary.themes_named(texts.get(comment_id, ""))
        subjects = [theme.label for theme in vocabulary.themes if theme.key in named] or codes.get(comment_id, [])
        return in_sentence(subjects[0]) if subjects else None

    if len(without) > shown:
        return _most_spoken_of(
            Counter(subject(comment_id) for comment_id in without["comment_id"]), len(without), shown
        )
    parts = []
    row: Any  # read by its fields, the frame's columns (the stubs type each as any scalar)
    for row in without.itertuples():
        said = subject(row.comment_id)
        if said is None:
            return ""
        who = "organisation not named" if row.who.startswith(NOT_NAMED) else row.who
        parts.append(f"{said} ({who})")
    joined = join_with_semicolons(parts)
    lead = (
        "The comment with no ask speaks of"
        if len(without) == 1
        else f"The {len(without):,} comments with no ask speak of"
    )
    return f"{lead} {joined}."


def _most_spoken_of(subjects: Counter, comments: int, shown: int) -> str:
    """:func:`unasked_message` past its ``shown`` comments: the ``shown`` subjects most of them speak of (the first
    met first among as many), then how many other subjects, and how many comments name none."""
    nothing = subjects.pop(None, 0)
    top = subjects.most_common(shown)
    parts = [f"{said} ({count_of(count, 'comment')})" for said, count in top]
    if len(subjects) > len(top):
        parts.append(count_of(len(subjects) - len(top), "other subject"))
    if not parts:
        return ""
    joined = join_with_semicolons(parts)
    none = f" {nothing:,} name none of the project's themes or codes." if nothing else ""
    return f"The {comments:,} comments with no ask speak most of {joined}.{none}"


def asks_for_readers(asks: pd.DataFrame, words: CommentWords = HUB_WORDS) -> pd.DataFrame:
    """The asks table as the brief's CSV gives it: one line per ask, its theme first; the column of asks
    cut off named in ``words``, those of where the comments came from."""
    return pd.DataFrame(
        {
            "theme": asks["theme"] + asks["stance"].map({FOR: "", AGAINST: " (against)"}),
            "kind": asks["kind"].map(
                {
                    REQUEST: "asks for a change, an addition or an action",
                    INTEREST: "interest in or support for a priority",
                }
            ),
            "who asked": asks["who"],
            "question answered": asks["question_text"],
            "ask": asks["ask"],
            words.cut_off: asks["cut_by_page"].map({True: "yes", False: ""}),
            "wording": asks["wording"].map(lambda w: WORDING_LABELS.get(w, w)),
            "codes (the ask and its reasons)": asks["code_labels"],
            "comment": asks["comment_id"],
            "source": asks["source"],
        }
    )


TEMPLATES = Path(__file__).parent / "templates"
ASKS_CAPTION = "What stakeholders asked for, one line per ask"


def question_labels(
    asks: pd.DataFrame, titles: dict[str, str], questions: pd.DataFrame | None = None
) -> dict[tuple, str]:
    """(comment's discussion, question) -> 'Q2', or 'Q2, <title>' where the asks span discussions; a comment
    that answers no question, its discussion's title where the asks span discussions (a walk: such an ask showed
    no discussion at all), else ''. The number is the one the page gives the question ('3. Which emerging ...' is
    Q3) where it gives one, else the question's place on the page."""
    own = question_numbers(questions)
    keys = list(dict.fromkeys(zip(asks["discussion"], asks["question"])))
    several = len({discussion for discussion, _ in keys}) > 1
    title = {d: str(titles.get(d, d)) if several else "" for d, _ in keys}
    return {(d, q): ", ".join(filter(None, [f"Q{own.get((d, q), q)}" if q != "" else "", title[d]])) for d, q in keys}


def lead_sentence(asks: pd.DataFrame, groups: list[AskGroup], n_comments: int) -> str:
    """'9 of 14 comments ask for a change, an addition or an action; 4 more only say ...: 25 asks in 15
    themes, ...'."""
    if not len(asks):
        return f"No ask was found in the {count_of(n_comments, 'comment')}."
    requests = int((asks["kind"] == REQUEST).sum())
    kinds = join_names(
        [count_of(requests, "request")] * bool(requests)
        + [f"{count_of(len(asks) - requests, 'statement')} of interest"] * bool(len(asks) - requests)
    )
    # comments answering no question (e-mails, meeting notes) are never said to answer one
    question = "the question it answers, " if (asks["question"].astype(str) != "").any() else ""
    return (
        f"{who_asks(asks, n_comments)}. {kinds[0].upper()}{kinds[1:]} in {count_of(len(groups), 'theme')}, each theme "
        f"with how many comments raise it and who, most comments first. Each line is one ask: who asked, {question}"
        "whether it asks for something or states an interest, and its sentence."
    )


class AsksSection:
    """The brief's opening finding: the asks grouped by theme (HTML), and one line per ask as CSV in the
    brief's tables."""

    def __init__(
        self,
        asks: pd.DataFrame,
        groups: list[AskGroup],
        n_comments: int,
        questions: pd.DataFrame,
        titles: dict[str, str],
        without: pd.DataFrame,
        illustrative: bool = False,
        paraphrased_sources=(),
        workstream: pd.DataFrame | None = None,
        workstream_label: str = "",
        whole_for_codes=(),
        whole_for_words: str = "the codes in focus",
        workstream_theme: str = "",
        questions_answered: int = 0,
        words: CommentWords = HUB_WORDS,
    ):
        self.asks, self.groups, self.n_comments = asks, groups, n_comments
        self.questions_answered = questions_answered  # questions the brief's comments answer, asks or not
        self.words = words  # the words of where the comments came from: 'the page cuts the comment here' (.origins)
        self.workstream_theme = workstream_theme  # the ask theme of the workstream's own priority (data/asks.yaml)
        self.whole_for_words = whole_for_words  # what the codes shown whole are, for the line on the other themes
        self.workstream = workstream if workstream is not None else pd.DataFrame(columns=PASSAGE_COLUMNS)
        self.workstream_label = workstream_label
        self.whole_for_codes = list(whole_for_codes)  # a focus brief: only groups touching these codes shown whole
        self.questions, self.titles, self.without = questions, titles, without
        self.illustrative, self.paraphrased = illustrative, set(paraphrased_sources)

    def html(self) -> str:
        labels = question_labels(self.asks, self.titles, self.questions)
        asked = set(labels)
        texts = {
            (d, q): (t, s)
            for d, q, t, s in zip(
                self.questions["discussion"],
                self.questions["question"],
                self.questions["text"],
                self.questions["source"],
            )
        }
        questions = [
            (
                label,
                _without_its_number(
                    label,
                    " / ".join(line.strip() for line in str(texts.get(key, ("", ""))[0]).splitlines() if line.strip()),
                ),
                "paraphrase: the stored copy rewrote the page's prose"
                if texts.get(key, ("", ""))[1] in self.paraphrased
                else "",
            )
            for key, label in labels.items()
            if label and key in asked and key[1] != ""  # a comment that answers no question: no question to list
        ]
        speaking = self.workstream["comment_id"].nunique() if len(self.workstream) else 0
        # the theme of the workstream's own priority counts its asks; the box above has every sentence on it
        # (one count, the box's: the theme's own count of asks and mentions read as a different number)
        box = (
            f"{speaking} of {count_of(self.n_comments, 'comment')} speak to the priority; every sentence on it, "
            "the asks among them, is in the box above"
            if speaking
            else ""
        )
        groups = [
            _GroupView(
                group,
                labels,
                not self.whole_for_codes or touches(group, self.whole_for_codes),
                box if group.theme_key == self.workstream_theme else "",
            )
            for group in self.groups
        ]
        without = ""
        if len(self.without):
            named = list(dict.fromkeys(w for w in self.without["who"] if not w.startswith("not named")))
            unnamed = sum(w.startswith("not named") for w in self.without["who"])
            whose = named + ([unnamed_words(unnamed)] if unnamed else [])
            without = (
                f"No ask was found in {count_of(len(self.without), 'comment')} ({join_names(whose)}); "
                f"{verb_for(len(self.without), 'it is', 'they are')} counted in the codes below."
            )
        passages = [
            {
                "who": row["who"],
                "question_label": labels.get((row["discussion"], row["question"]), ""),
                "sentence": row["sentence"],
                "paraphrase": row["wording"] == PARAPHRASE,
                "kind": KIND_WORDS.get(row["kind"], ""),
                "cut_by_page": row["cut_by_page"],
            }
            for _, row in self.workstream.head(ASKS_SHOWN).iterrows()
        ]
        return render(
            "asks.html.j2",
            TEMPLATES,
            lead=lead_sentence(self.asks, self.groups, self.n_comments),
            questions=questions,
            questions_folded=len(questions) > QUESTIONS_LISTED,
            groups=groups,
            workstream=passages,
            workstream_more=more_not_listed(len(self.workstream), "sentence", " on it", ""),
            workstream_label=self.workstream_label,
            without_asks=without,
            illustrative=self.illustrative,
            mark=ILLUSTRATIVE_MARK,
            whole_for_words=self.whole_for_words,
            questions_answered=self.questions_answered,
            cut_here=self.words.cut_here,
            cut_ask=self.words.cut_ask,
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self.html()}
        if len(self.asks):
            data[TABLE_CSV_MIMETYPE] = table_csv(
                asks_for_readers(self.asks, self.words), illustrative=self.illustrative
            )
        return data, {TABLE_CSV_MIMETYPE: {"caption": ASKS_CAPTION, "file": slug(ASKS_CAPTION) + ".csv"}}


def _without_its_number(label: str, text: str) -> str:
    """A question's text without the number the page puts before it, where its label says that number
    already: 'Q3, IMRF Round table 4' and '3. Which emerging ...' -> 'Which emerging ...'."""
    number = own_number(text)
    if number is None:
        return text
    said = f"Q{number.group(1)}"
    return text[number.end() :].lstrip() if label == said or label.startswith(said + ",") else text


ASKS_SHOWN = 25  # a theme's asks (and the sentences on the workstream's priority) the page lists; the download has all
QUESTIONS_LISTED = 12  # more questions than this fold into a line that opens to them (and prints as that line)


def more_not_listed(
    total: int,
    noun: str = "ask",
    about: str = " on this theme",
    where: str = ": every ask is in the tables download",
    shown: int = ASKS_SHOWN,
) -> str:
    """'' when all are listed, else the line after the ``shown`` listed (the first :data:`ASKS_SHOWN`): 'and 412
    more asks on this theme, not listed here: every ask is in the tables download' ('and 1 more ask ...')."""
    more = total - shown
    return f"and {more:,} more {noun_for(more, noun)}{about}, not listed here{where}" if more > 0 else ""


class _GroupView:
    """An ask group as the template shows it: each ask with its question label and its codes, the first
    :data:`ASKS_SHOWN` of them (a file of thousands of comments would print hundreds of pages of asks). An ask made
    word for word in several comments (a campaign's shared text, a sentence copied from a joint statement) is one
    line, the first comment's, saying who else made it (``same_words``), never the same sentence line after line."""

    def __init__(self, group: AskGroup, labels: dict[tuple, str], whole: bool = True, counted_in_box: str = ""):
        self.heading, self.whole = group.heading, whole
        self.count_words = lambda: counted_in_box or group.count_words()
        rows: dict[tuple, dict] = {}
        covered = 0  # the asks the rows shown stand for
        for row in group.asks.to_dict("records"):
            key = (row["ask"], row["kind"], row["wording"])
            if key in rows:
                shown = rows[key]
                if row["comment_id"] not in shown["comments"]:
                    shown["comments"].add(row["comment_id"])
                    shown["others"].append(row["organisation"])
                covered += 1
            elif len(rows) < ASKS_SHOWN:
                rows[key] = {
                    "who": row["who"],
                    "question_label": labels.get((row["discussion"], row["question"]), ""),
                    "ask": row["shown"],
                    "paraphrase": row["wording"] == PARAPHRASE,
                    "kind": KIND_WORDS[row["kind"]],
                    "interest": row["kind"] == INTEREST,
                    "cut_by_page": row["cut_by_page"],
                    "shortened": row["shortened"] and not row["cut_by_page"],
                    "codes": [code for code in str(row["code_labels"]).split("; ") if code],
                    "comments": {row["comment_id"]},
                    "others": [],
                }
                covered += 1
        self.more = more_not_listed(len(group.asks), shown=covered)
        self.rows = [{**row, "same_words": _same_words(row["others"])} for row in rows.values()]


def _same_words(others: list[str]) -> str:
    """Who else made an ask word for word, by their comments' organisations ('' for none): 'the same words in 3
    other comments: 2 from Beta and 1 that names no organisation', 'the same words in 1 other comment, which names
    no organisation'; '' for no other."""
    if not others:
        return ""
    said = f"the same words in {count_of(len(others), 'other comment')}"
    if not any(others):
        return f"{said}, which {verb_for(len(others), 'names', 'name')} no organisation"
    return f"{said}: {organisations_named(others, most=ORGANISATIONS_NAMED_AT_MOST)}"
