"""Good-practice records: the build of data/practices.csv, and the rules a practices file keeps.

The raw records (data/raw/practices/practice-records.csv, copied from the project's shared
material with its README) hold facts as the practice databases state them and a summary in our own
words. The build keeps every column and every cell as it is, renames ``record_id`` to
``practice_id``, and adds:

- ``target_group``: immigrants, return migrants, both (immigrants and return migrants), emigrants
  or emigrants and return migrants where the record's title or summary shows it (a `present` match
  of the checklist's ``immigrants`` / ``return-migrants`` / ``emigrants`` items: a diaspora policy
  serves emigrants abroad, not return migrants only), else ``unknown``; nothing is inferred from a
  country, a database or a guess;
- ``target_group_basis``: the words that show it;
- ``assessment``: empty (database records are not survey judgements).

Two readings of a record a brief shows beside it: whether its link is the practice's own page or a
listing page (:func:`page_kinds`), and whether its notes date the practice differently from its
``years`` (:func:`dates_disagree`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from ..common.text import SENTENCE_END
from ..common.wording import noun_for
from ..errors import TableError
from ..tables.layouts import PRACTICES
from ..tables.validate import read_text_table, validate_text_table
from ..tables.vocabularies import PRESENT, UNKNOWN
from .checklist import EMIGRANTS, IMMIGRANTS, RETURN_MIGRANTS, Checklist, record_text

RAW_COLUMNS = [
    "record_id",
    "title",
    "countries",
    "region",
    "years",
    "type",
    "submitter_or_implementers",
    "source_db",
    "url",
    "summary",
    "summary_basis",
    "notes",
]


def target_group(record, checklist: Checklist) -> tuple[str, str]:
    """(target group, the words that show it) for one record: immigrants and return migrants
    shown are "both"; emigrants shown without immigrants are "emigrants", or "emigrants and return
    migrants" with returnees (a diaspora policy); a checklist without an ``emigrants`` item reads
    immigrants and return migrants only."""
    text = record_text(record, checklist)
    shown = {}
    for key in (IMMIGRANTS, RETURN_MIGRANTS, EMIGRANTS):
        if key not in checklist.item_keys:
            continue
        found = checklist.item(key).assess(text)
        if found.score == PRESENT:
            shown[key] = found.evidence
    if not shown:
        return UNKNOWN, ""
    if IMMIGRANTS in shown:
        group = "both" if RETURN_MIGRANTS in shown else "immigrants"
    elif EMIGRANTS in shown:
        group = "emigrants and return migrants" if RETURN_MIGRANTS in shown else "emigrants"
    else:
        group = "return migrants"
    basis = "; ".join(
        f"{checklist.item(key).label.lower()}: " + ", ".join(f"'{word}'" for word in words)
        for key, words in shown.items()
    )
    return group, basis


def build_practices(raw_path: Path | str, checklist: Checklist) -> pd.DataFrame:
    """The practices table from the raw records; raise TableError naming file and line on a bad record."""
    raw = read_text_table(raw_path)
    missing = [column for column in RAW_COLUMNS if column not in raw.columns]
    if missing:
        raise TableError(
            raw_path,
            [
                f"line 1: missing {noun_for(len(missing), 'column')} {', '.join(missing)} (expected: {', '.join(RAW_COLUMNS)})"
            ],
        )
    practices = raw[RAW_COLUMNS].rename(columns={"record_id": "practice_id"})
    groups = [target_group(record, checklist) for _, record in practices.iterrows()]
    practices["target_group"] = [group for group, _ in groups]
    practices["target_group_basis"] = [basis for _, basis in groups]
    practices["assessment"] = ""
    validate_text_table(practices, PRACTICES, raw_path)
    return practices[PRACTICES.column_names]


def field_counts(practices: pd.DataFrame) -> pd.DataFrame:
    """How many records fill each column (the closing count the README of the raw records gives)."""
    filled = (practices.astype(str).apply(lambda column: column.str.strip() != "")).sum()
    return pd.DataFrame({"column": filled.index, "filled": filled.values, "of": len(practices)})


# A record's link (``url``) is the practice's own page unless it is a listing or search page, told
# by the URL alone: a page number or a search in its query, a path naming a listing (taxonomy, tags,
# search, a list, a repository, a newsletter, a chairmanship's pages), or a URL on which more than
# one practice of the file was found or that another record's notes name as where it appears.
OWN_PAGE, LISTING_PAGE = "the practice's own page", "listing page"
_LISTING_QUERY = {"page", "search", "text", "keys", "keywords", "q", "query"}
_LISTING_PATH = re.compile(
    r"/(?:taxonomy|tags?|search|[\w-]*-search|list[\w-]*|repository-of-practices|resource|"
    r"newsletter|chairmanship)(?:/|$)|listPractices",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s()<>,]+[^\s()<>,.;:]")


def urls_in(text: str) -> list[str]:
    """The web addresses a cell names (a trailing full stop or bracket is not part of one)."""
    return _URL.findall(str(text or ""))


def is_listing_url(url: str) -> bool:
    """Whether ``url`` is by its form a listing or search page (its query or its path)."""
    parts = urlsplit(str(url or ""))
    return bool(_LISTING_QUERY & set(parse_qs(parts.query, keep_blank_values=True))) or bool(
        _LISTING_PATH.search(parts.path)
    )


def page_kinds(practices: pd.DataFrame) -> pd.Series:
    """For each record (by practice_id): OWN_PAGE or LISTING_PAGE for its ``url`` (the rule above),
    "" where it has no web address (a survey response's reference). ``practices`` is every record of
    the file: a URL is shared when several of them were found on it or name it in their notes."""
    found_on: dict[str, set[str]] = {}
    for _, record in practices.iterrows():
        for url in [str(record["url"])] + urls_in(record.get("notes", "")):
            found_on.setdefault(url.rstrip("/"), set()).add(record["practice_id"])
    kinds = {}
    for _, record in practices.iterrows():
        url = str(record["url"]).strip()
        if not urlsplit(url).scheme.startswith("http"):
            kinds[record["practice_id"]] = ""
            continue
        shared = len(found_on.get(url.rstrip("/"), ())) > 1
        kinds[record["practice_id"]] = LISTING_PAGE if shared or is_listing_url(url) else OWN_PAGE
    return pd.Series(kinds, name="page_kind")


# Dates from more than one source: a sentence of a record's notes that says how another source
# dates the practice ("there dated from 2016", "dates it 'from 2022'") with a year outside the
# record's ``years`` (a dating the notes merely repeat agrees with it; "date shared" is when a
# database posted the entry, not the practice's date, and is no dating).
_DATING = re.compile(r"\bdat(?:ed|es it|ing it)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _year_span(years: str) -> tuple[int, int] | None:
    """The first and last year a ``years`` cell allows ('2013-2018', 'from 2022', '2021-present')."""
    found = [int(year) for year in _YEAR.findall(years)]
    if not found:
        return None
    open_ended = bool(re.search(r"\bfrom\b|present|ongoing", years, re.IGNORECASE))
    return min(found), (9999 if open_ended else max(found))


def dates_disagree(record) -> list[int]:
    """The years a sentence of the record's notes dates the practice with, outside its ``years``
    (sorted; empty where the sources agree or only one dates it)."""
    span = _year_span(str(record.get("years", "") or ""))
    if span is None:
        return []
    outside = set()
    for sentence in SENTENCE_END.split(str(record.get("notes", "") or "")):
        if _DATING.search(sentence):
            outside |= {int(year) for year in _YEAR.findall(sentence) if not span[0] <= int(year) <= span[1]}
    return sorted(outside)


# Our notes in a reader's words. The notes of data/practices.csv are kept for maintainers and for
# checking (the tables download holds them as recorded); a brief shows each sentence as a reader
# needs it: what our copy of a source cuts off, said as such; where a fact came from, in plain
# words; and nothing of how the data were stored or built (stored pages, teasers, annotators,
# rows, file names), which a reader cannot act on.
_READER_WORDS = (  # (a whole sentence of the notes, how a reader is told it); the first that matches is used
    (
        re.compile(r"Lead-entity list cut off\.", re.IGNORECASE),
        "The lead organisations listed on the source are cut off in our copy.",
    ),
    (re.compile(r"Title truncated on the page\.", re.IGNORECASE), "The title is cut off on the source page."),
    (
        re.compile(r"Country line not shown in the listing; (\w+) taken from the (.+)\.", re.IGNORECASE),
        r"The source does not state the country; \1 is taken from the \2.",
    ),
    (
        re.compile(r"Possibly linked to the (.+?) row; not confirmed\.", re.IGNORECASE),
        r"Possibly linked to the \1 record; not confirmed.",
    ),
    (
        re.compile(r"([\w-]+(?: [\w-]+)?) cut off\.", re.IGNORECASE),
        lambda found: (
            f"The source's {found.group(1).lower().replace('teaser', 'listing text')} is cut off in our copy."
        ),
    ),
)
_MAKERS_WORDS = re.compile(
    r"\b(?:stored|teasers?|annotator\w*|captured|corpus|INVENTORY|pages/|rows?|"
    r"entry sits|listing's \d+\w* entry|bracketed)\b",
    re.IGNORECASE,
)


def reader_notes(notes: str) -> str:
    """``notes`` (a record's notes as recorded) in a reader's words: each sentence as it is, rewritten
    (``_READER_WORDS``: "Lead-entity list cut off." becomes "The lead organisations listed on the
    source are cut off in our copy."), or left out where it speaks of how the data were stored or
    built (``_MAKERS_WORDS``); "" when nothing is left."""
    said = []
    for sentence in SENTENCE_END.split(str(notes or "").strip()):
        sentence = sentence.strip()
        if not sentence:
            continue
        for pattern, words in _READER_WORDS:
            if pattern.fullmatch(sentence):
                sentence = pattern.sub(words, sentence)
                sentence = sentence[0].upper() + sentence[1:]
                break
        else:
            if _MAKERS_WORDS.search(sentence):
                continue
        said.append(sentence)
    return " ".join(said)
