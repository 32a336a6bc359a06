"""The good-practice comparison: which practices, side by side on the checklist, strengths and
gaps, the gaps of the practices compared kept apart from those across all records, nearest
practices by scores and by text, and the key messages.

Framed as strengths and gaps, never as a league table: nothing here ranks the chosen practices
against each other.

Tables returned here are shown as they are: plain-English headers, numbers written with
:mod:`workbooks.common.numbers` (halves rounded up), a record's summary labelled as our paraphrase
of its source, and every score with its review status in the words of
:mod:`workbooks.tables.review_status` (read from the assessments' reviewer column), the reviewer
named as the assessments file names them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..common.numbers import format_mean
from ..common.text import shorten
from ..common.wording import as_named, count_of, in_sentence, join_names, noun_for, verb_for
from ..errors import ParameterError
from ..tables.decisions import agreement, disagreements
from ..tables.layouts import ASSESSMENTS
from ..tables.review_status import AUTOMATIC as NOT_CHECKED
from ..tables.review_status import Agreement, ReviewStatus, partly, review_words, status_of, with_agreement
from ..tables.vocabularies import ABSENT, PARTIAL, PRESENT, SCORE_LABELS, SETTLING, THIN_SUMMARY_BASES, UNKNOWN
from .checklist import Checklist, ChecklistItem
from .practice_records import LISTING_PAGE, dates_disagree, page_kinds, reader_notes
from .scoring import REVIEWED, REVIEWERS_SEPARATOR, checked_by, overall_pillars, overall_score, score_matrix

MIN_CHOSEN, MAX_CHOSEN = 2, 6
FILTER_COLUMNS = ("region", "source_db", "target_group")  # parameters that filter on the column of that name
SUMMARY_HEADER = "Summary (our paraphrase of the source)"
# what the file records from the source: most facts are its own, and its notes say which is not (a country read
# from a title where the listing shows none)
FACTS_HEADER = "Facts from the source (the notes say where one is not stated by it)"
SUMMARY_BASIS_HEADER = "Summary written from"
REVIEW_STATUS_HEADER = "Review status"
ACROSS_ALL_STATUS_HEADER = f"{REVIEW_STATUS_HEADER} of the item's scores across all records"
EVIDENCE_SOURCE = "words of the title or our summary"  # what the automatic pass reads (checklist text_fields)
# How common an item is across records (compare.across_records), with a margin between "rare" and
# "shown elsewhere" so that one record more or less never turns a finding into its opposite
RARE_ACROSS_ALL = 20  # at most 1 in this many records' summaries show it fully: rare across records
COMMON_ACROSS_ALL = 10  # at least 1 in this many, and at least FIELD_MIN_SHOWING records: shown elsewhere
FIELD_MIN_SHOWING = 3  # "shown elsewhere" never rests on fewer records than this
FIELD_MIN_RECORDS = 20  # with fewer records in the file, no finding across records at all
RARE, FEW, COMMON, NO_FINDING = "rare", "few", "common", "no finding"
EXAMPLES = 2  # records named where an item the practices compared lack is shown fully elsewhere
DATES_DIFFER = "dates differ between sources"
GAPS_CAPTION = (
    "Items our summaries of the records compared show fully for none of them, and items rare across all "
    f"records (at most 1 in {RARE_ACROSS_ALL} records' summaries show it fully). What a short summary "
    "does not show, a practice may still do"
)
GAP_HEADER = "Missing or rare"
STRENGTHS_HEADER = "Shown fully in our summary"
THIN_HEADER = "Shown in part, and not shown, in our summary"
FULL_EVIDENCE_HEADER = (
    "The sentence that shows it (the source's title, quoted, or our summary: our paraphrase, not the source's words)"
)


def display_name(record, width: int | None = None) -> str:
    """A practice's title in full (cut to ``width`` for a chart label or a column header), or where the
    source showed none, what and where it is ("untitled Hub teaser (India)", :func:`untitled_name`):
    records are never given invented names, and ids are for files, not readers."""
    title = str(record["title"] or "").strip()
    name = title if title else untitled_name(record)
    return shorten(name, width) if width else " ".join(name.split())


def untitled_name(record) -> str:
    """A record without a title, named by its source, what the record is and the countries and years
    it gives: "untitled Hub teaser (India)", "untitled GFMD teaser (country and years not given)"."""
    kind = "teaser" if record.get("summary_basis", "") == "listing teaser" else "record"
    said = ", ".join(
        filter(None, [str(record.get("countries", "") or "").strip(), str(record.get("years", "") or "").strip()])
    )
    return f"untitled {record.get('source_db', '') or 'source'} {kind} ({said or 'country and years not given'})"


BY_NAME = "chosen by name for this brief"  # selection_words when the parameters name the practices
_FILTER_WORDS = {"region": "stating the region {}", "source_db": "from {}", "target_group": "{}"}
_TARGET_GROUP_WORDS = {
    "immigrants": "read as serving immigrants",
    "return migrants": "read as serving return migrants",
    "both": "read as serving both immigrants and return migrants",
    "emigrants": "read as serving emigrants",
    "emigrants and return migrants": "read as serving emigrants and return migrants",
    "unknown": "whose target group could not be read",
}


def selection_words(ids: list[str], filters: dict[str, list[str]]) -> str:
    """How the practices compared were chosen, for a reader: 'chosen by name for this brief', or
    'every record read as serving return migrants only, not those also serving immigrants or
    emigrants' (the filters of :func:`select_practices`; records of the groups that hold a group
    chosen, :func:`serving_groups`, are said not to be compared where left out)."""
    if ids:
        return BY_NAME

    def said(column, value):
        if column != "target_group":
            return value
        only = (
            " only" if value in ("immigrants", "return migrants", "emigrants") else ""
        )  # a record serving more is not chosen
        return _TARGET_GROUP_WORDS.get(value, f"whose target group was read as \u201c{value}\u201d") + only

    parts = [
        _FILTER_WORDS[column].format(" or ".join(said(column, value) for value in values))
        for column, values in filters.items()
        if values and column in _FILTER_WORDS
    ]
    if not parts:
        return "every record"
    groups = list(filters.get("target_group") or ())
    # the records serving one of these groups among others, left out: said, as examples may be among them
    left_out = [group for group in serving_groups(groups) if group not in groups]
    also = list(
        dict.fromkeys(
            held
            for group in left_out
            for held in _GROUPS_HOLDING.get(group, ())
            if held not in groups and held not in _GROUPS_HOLDING
        )
    )
    outside = f", not those also serving {' or '.join(also)}" if also else ""
    return "every record " + " and ".join(parts) + outside


def select_practices(
    practices: pd.DataFrame, ids: list[str], filters: dict[str, list[str]], set_aside: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The practices to compare: those named in ``ids`` (in that order), or every record matching the
    filters (region, source_db, target_group; each a list of accepted values). 2 to 6 must remain.
    ``set_aside``: records a caller leaves out of any comparison (that name no migrant group,
    :func:`split_by_migrants`): matched as any record, then dropped before the count."""
    return select_and_set_aside(practices, ids, filters, set_aside)[0]


def select_and_set_aside(
    practices: pd.DataFrame, ids: list[str], filters: dict[str, list[str]], set_aside: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the practices to compare, the records the parameters chose that are in ``set_aside``):
    :func:`select_practices`, saying which chosen records were left out."""
    chosen = practices
    if ids:
        unknown = [practice_id for practice_id in ids if practice_id not in set(practices["practice_id"])]
        if unknown:
            raise ParameterError(
                None,
                "practices",
                f"unknown {noun_for(len(unknown), 'practice_id')} {', '.join(map(repr, unknown))}; "
                f"see the practice_id column of the practices file",
                items=unknown,
            )
        repeated = sorted({practice_id for practice_id in ids if ids.count(practice_id) > 1})
        if repeated:
            raise ParameterError(None, "practices", f"{', '.join(map(repr, repeated))} named twice", items=repeated)
        chosen = practices.set_index("practice_id").loc[ids].reset_index()
    for column, values in filters.items():
        if column not in FILTER_COLUMNS:
            raise ParameterError(None, column, f"cannot filter practices on it; filters: {', '.join(FILTER_COLUMNS)}")
        if not values:
            continue
        known = sorted(set(practices[column]) - {""})
        unknown = [value for value in values if value not in known]
        if unknown:
            raise ParameterError(
                None,
                column,
                f"no record has {', '.join(map(repr, unknown))}; "
                f"values in the practices file: {', '.join(map(repr, known))}",
                items=unknown,
            )
        chosen = chosen[chosen[column].isin(values)]
    left_out = chosen.iloc[0:0]
    if set_aside is not None:
        is_aside = chosen["practice_id"].isin(set(set_aside["practice_id"]))
        chosen, left_out = chosen[~is_aside], chosen[is_aside]
    if not MIN_CHOSEN <= len(chosen) <= MAX_CHOSEN:
        given = {"practices": ids, **{k: v for k, v in filters.items() if v}}
        shown = ", ".join(chosen["practice_id"].head(12)) + (" ..." if len(chosen) > 12 else "")
        aside = " (records that name no migrant group left out)" if set_aside is not None and len(set_aside) else ""
        comparable = len(practices) - (len(set_aside) if set_aside is not None else 0)
        if len(chosen) > MAX_CHOSEN:
            advice = "Name 2 to 6 of them with 'practices', or narrow the filters."
        elif comparable < MIN_CHOSEN:  # no parameter helps: the file itself holds too few
            advice = (
                f"The practices file holds {count_of(comparable, 'record')} that can be compared{aside}: add "
                f"records to it until it holds {MIN_CHOSEN} or more."
            )
        else:
            advice = "Name 2 to 6 practices with 'practices', or widen the filters." + _blank_in_filters(
                practices, filters
            )
        raise ParameterError(
            None,
            None,
            f"the comparison needs {MIN_CHOSEN} to {MAX_CHOSEN} practices; parameters "
            f"{given} give {len(chosen)}{aside}{': ' + shown if len(chosen) else ''}. {advice}",
        )
    return chosen.reset_index(drop=True), left_out.reset_index(drop=True)


def _blank_in_filters(practices: pd.DataFrame, filters: dict[str, list[str]]) -> str:
    """For a filter that found too few: how many records leave its column empty, which no filter on it can find
    (" 81 of the 96 records give no region: a filter on it cannot find them."); "" where every record gives one."""
    counts = {
        column: int((practices[column] == "").sum())
        for column, values in filters.items()
        if values and column in practices
    }
    blank = [
        f"{count:,} of the {len(practices):,} records {verb_for(count, 'gives', 'give')} no {column}"
        for column, count in counts.items()
        if count
    ]
    return f" {'; '.join(blank)}: a filter cannot find {verb_for(len(blank), 'them', 'those')}." if blank else ""


def split_by_migrants(practices: pd.DataFrame, checklist: Checklist) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the records read as migration practices, those whose title and our summary name no migrant
    group or migration, Checklist.names_migrants, and whose target_group the practices file does not
    give). The second are kept in the file as their source has them, but left out of comparisons,
    counts across records and examples."""
    named = (
        practices.apply(checklist.names_migrants, axis=1).astype(bool) if len(practices) else pd.Series([], dtype=bool)
    )
    if "target_group" in practices.columns:  # a group the file gives says whom it serves: a migration practice
        named = named | ~practices["target_group"].isin(["", UNKNOWN])
    return practices[named].reset_index(drop=True), practices[~named].reset_index(drop=True)


def set_aside_notes(selected_aside: pd.DataFrame, field: pd.DataFrame, practices: pd.DataFrame) -> list[str]:
    """What a brief says of the records left out because they name no migrant group: those its
    parameters chose, by name (kept in the data, left out of the comparison), and how many of all
    records are left out of the counts across records and of the examples."""
    notes = []
    if len(selected_aside):
        names = join_names([f"“{short_name(row)}”" for _, row in selected_aside.iterrows()])
        one = len(selected_aside) == 1
        notes.append(
            f"{'1 record' if one else f'{len(selected_aside)} records'} chosen for this brief "
            f"{'is' if one else 'are'} left out of the comparison: {names}. {'Its' if one else 'Their'} title "
            "and our summary name no migrant group (no migrant, refugee, displaced, diaspora or return "
            f"wording) and the file gives no target group, so {'it is' if one else 'they are'} not shown to be "
            "a migration practice (a target group in the practices file would say whom it serves). The record "
            f"{'stays' if one else 'records stay'} in the data as the source has {'it' if one else 'them'}."
        )
    left = len(practices) - len(field)
    if left:
        notes.append(
            f"Counts across records and examples use the {len(field)} of the {len(practices)} {MIGRATION_RECORDS}; "
            f"the other {left} name none and are left out (they stay in the data). Every one of the {len(field)}, "
            "with its scores, is in the tables download (“Every record counted across records”)."
        )
    return notes


MIGRATION_RECORDS = (
    "records whose title or our summary names a migrant group or migration"  # the records counted across the file
)


def items_counted(checklist: Checklist, pillars=()) -> str:
    """What a brief scores, said the same way everywhere: "9 checklist items scored, and whom each
    practice serves" (whom a practice serves is a reading of scope, never a score averaged in)."""
    shown = focus_items(checklist, list(pillars))
    scored = [item for item in shown if item in checklist.scored_items]
    serves = len(scored) < len(shown)
    said = f"{count_of(len(scored), 'checklist item')} scored"
    return said + (", and whom each practice serves" if serves else "")


def focus_items(checklist: Checklist, pillars: list[str]):
    """Items of the pillars in focus (every pillar when none is named), in checklist order."""
    return [item for item in checklist.items if not pillars or item.pillar in pillars]


def check_items_in_focus(
    checklist: Checklist, pillars: list[str], items: list[str], parameter: str = "items_in_focus"
) -> list[str]:
    """Checklist items a brief is about (keys), listed first wherever the brief lists items: each must
    be an item of the pillars shown."""
    shown = [item.key for item in focus_items(checklist, pillars)]
    unknown = [key for key in items if key not in shown]
    if unknown:
        where = "the pillars in focus" if pillars else "the checklist"
        raise ParameterError(
            None,
            parameter,
            f"{', '.join(map(repr, unknown))} not an item of {where} "
            f"({checklist.path.name}); items: {', '.join(shown)}",
            items=unknown,
        )
    return list(items)


def by_relevance(items: list[ChecklistItem], items_in_focus=()) -> list[ChecklistItem]:
    """``items`` with those the brief is about first (in the order the brief names them), then the
    rest in checklist order: how every list of items a reader sees is ordered."""
    first = [key for key in items_in_focus]
    return sorted(items, key=lambda item: first.index(item.key) if item.key in first else len(first))


def score_status(score) -> str:
    """One score's review status: 'automatic, not checked', or who checked it in review_status's words
    (the scores' ``review_status`` column, scoring.apply_assessments)."""
    return score["review_status"]


def status_of_scores(scores: pd.DataFrame, history: pd.DataFrame | None = None) -> str:
    """The review status of several scores, saying what it counts: '2 of the 9 scores checked by an
    AI assistant, not yet by a person; the other 7 automatic, not checked', 'all 9 scores automatic,
    not checked' (review_status.partly). With ``history`` (every recorded score, data/assessments.csv),
    every reviewer of these scores is named, and how far they agree where two or more scored the same
    on their own: '... checked by 2 people, agreement alpha 0.82; the other 7 ...'."""
    checked = scores[scores["method"] == REVIEWED]
    measured = agreement_of_scores(scores, history)
    statuses = [ReviewStatus.of(reviewers) for reviewers in checked["reviewers"]]
    if len({status.words() for status in statuses}) > 1:  # checked by different kinds of reviewers: each kind counted
        said = status_of(statuses + [ReviewStatus()] * (len(scores) - len(checked)), measured, "score")
        rest = len(scores) - len(checked)
        return said + (
            f"; the other {rest} {NOT_CHECKED}" if rest else ""
        )  # '...(1 of 5); ...(2 of 5); the other 2 ...'
    return partly(review_words(checked_by(checked), measured, "score"), len(checked), len(scores), "scores")


def agreement_of_scores(scores: pd.DataFrame, history: pd.DataFrame | None):
    """How far reviewers agree on these scores where two or more scored them on their own (tables/decisions.py),
    from ``history``, every recorded score (data/assessments.csv); None where none was, or no history."""
    if history is None or history.empty:
        return None
    units = set(zip(scores["practice_id"], scores["item"]))
    return agreement(history[[unit in units for unit in zip(history["practice_id"], history["item"])]], ASSESSMENTS)


def score_detail(score, compact: bool = False) -> str:
    """What a score rests on: the review status, then for an automatic score the words of the title
    or our summary that earned it, for a checked one the reviewers' agreement where two or more scored
    it on their own, what each scored where they differ, the reviewer's rationale ("no reason given"
    where none) and what the automatic pass gave where the check changed it; and the words the record
    names as lacking. ``compact`` (a table whose header says where automatic words come from) names
    whose score counts and when (whether it settled a disagreement), and leaves out "from words of the
    title or our summary"."""
    status = score_status(score)
    if score["method"] == REVIEWED:
        measured = score.get("agreement")
        measured = measured if isinstance(measured, Agreement) else None
        status = with_agreement(status, measured, "score")
        decided = str(score.get("decided", "") or "")
        by = f" (on their own: {decided})" if decided else ""
        if compact:
            when = f"{score['date']:%-d %B %Y}"
            settler = (
                "" if measured is not None and measured.settled else f" by {as_named(score['reviewer'])}"
            )  # said once
            counted = (
                f"settled at {score['score']}{settler}, {when}"
                if str(score.get("mode", "") or "") == SETTLING
                else f"{as_named(score['reviewer'])}, {when}"
            )
            by = f" (on their own: {decided}; {counted})" if decided else f" ({counted})"
        was = f" (automatic was {score['automatic_score']})" if score["automatic_score"] != score["score"] else ""
        reason = str(score["rationale"] or "").strip()
        detail = f"{status}{by}{was}" + (f": {reason}" if reason else "; no reason given")
    elif score["evidence"]:
        detail = (
            f"{status}: {score['evidence']}" if compact else f"{status}, from {EVIDENCE_SOURCE}: {score['evidence']}"
        )
    else:
        detail = f"{status}: nothing found in the title or our summary"
    lacking = str(score.get("lacking", "") or "")
    return detail + (f"; named as lacking: {lacking}" if lacking else "")


def side_by_side(scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]) -> pd.DataFrame:
    """Items (rows) by chosen practices (columns): score and what it rests on (:func:`score_detail`)."""
    names = {row["practice_id"]: display_name(row, 40) for _, row in chosen.iterrows()}
    indexed = scores.set_index(["practice_id", "item"])
    rows = []
    for item in focus_items(checklist, pillars):
        row = {"Pillar": checklist.pillar(item.pillar).label, "Item": item.label}
        for practice_id, name in names.items():
            score = indexed.loc[(practice_id, item.key)]
            row[name] = f"{score['score']} {SCORE_LABELS[score['score']]} · {score_detail(score)}"
        rows.append(row)
    return pd.DataFrame(rows)


def score_evidence(
    scores: pd.DataFrame,
    chosen: pd.DataFrame,
    checklist: Checklist,
    pillars: list[str],
    items_in_focus=(),
    full_shown: bool = False,
) -> pd.DataFrame:
    """For checking the brief: each score of the practices compared on the items shown that is above
    0, checked, or names something as lacking, the items the brief is about first, with what it
    rests on (:func:`score_detail`: its review status, who checked it and when, the words or the
    reason). Every other score is an automatic 0: nothing of the item found in the title or our summary.
    ``full_shown``: leave out the full scores of scored items, which :func:`full_score_evidence`
    quotes with their sentence, and the automatic full scores of whom a record serves, which
    :func:`record_table` gives with the words they rest on (the brief shows all three; on paper too)."""
    indexed = scores.set_index(["practice_id", "item"])
    items = by_relevance(focus_items(checklist, pillars), items_in_focus)
    rows = []
    for _, record in chosen.iterrows():
        for item in items:
            score = indexed.loc[(record["practice_id"], item.key)]
            if score["score"] == ABSENT and score["method"] != REVIEWED and not score["lacking"]:
                continue
            if (
                full_shown
                and score["score"] == PRESENT
                and (item in checklist.scored_items or score["method"] != REVIEWED)
            ):
                continue  # quoted in the table of full scores (full_score_evidence), or whom it serves in record_table
            rows.append(
                {
                    "Practice": display_name(record, 24),
                    "Item": item.label,
                    "Score": score["score"],
                    "What it rests on (review status; the words that earned it, or the reason given)": score_detail(
                        score, compact=True
                    ),
                }
            )
    return pd.DataFrame(rows)


_SENTENCE_END = re.compile(r"(?<=[.;!?…])\s+")


def evidence_sentences(parts: list[str], evidence: str, most: int = 2) -> list[str]:
    """The sentences of ``parts`` (a record's title, then its summary: the checklist's text fields)
    holding the evidence words of a score ("jobs; livelihoods", the first words first), at most
    ``most``, in the text's order: what a reader checks a score against. A title is one sentence."""
    sentences = [
        s.strip()
        for i, part in enumerate(parts)
        for s in ([str(part or "")] if i == 0 else _SENTENCE_END.split(str(part or "")))
        if s.strip()
    ]
    chosen: list[int] = []
    for word in filter(None, (w.strip() for w in str(evidence or "").split(";"))):
        pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
        at = next((i for i, sentence in enumerate(sentences) if pattern.search(sentence)), None)
        if at is not None and at not in chosen:
            chosen.append(at)
        if len(chosen) == most:
            break
    return [sentences[i] for i in sorted(chosen)]


_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")


def _full_scores(
    scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str], items_in_focus=()
):
    """Each full score (100) of the practices compared on the scored items shown, the items the brief
    is about first: (item, record, score, the sentences of the record's title or our summary that show
    it, each as ("title" or "summary", sentence)). The sentences are those holding the words that
    earned the automatic score or, for a checked score, the words its reason quotes from the record."""
    indexed = scores.set_index(["practice_id", "item"])
    items = [
        item for item in by_relevance(focus_items(checklist, pillars), items_in_focus) if item in checklist.scored_items
    ]
    for item in items:
        for _, record in chosen.iterrows():
            score = indexed.loc[(record["practice_id"], item.key)]
            if score["score"] != PRESENT:
                continue
            evidence = str(score["evidence"] or "")
            if score["method"] == REVIEWED:
                evidence = "; ".join(filter(None, [evidence, *_QUOTED.findall(str(score["rationale"] or ""))]))
            title = str(record.get("title", "") or "")
            said = evidence_sentences([record.get(column, "") for column in checklist.text_fields], evidence)
            yield item, record, score, [("title" if sentence == title else "summary", sentence) for sentence in said]


def _sentence_shown(kind: str, sentence: str) -> str:
    """The source's own title in quotation marks; our summary, a paraphrase, never in them."""
    return f"title: “{sentence}”" if kind == "title" else f"our summary: {sentence}"


NO_WORDS_MATCHED = "no words of the title or our summary matched"  # a full score a check gave, on no words found


def full_score_evidence(
    scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str], items_in_focus=()
) -> pd.DataFrame:
    """Every full score (100) of the practices compared on the scored items shown, the items the brief
    is about first: the sentence of the record's title or our summary that shows it (:func:`_full_scores`),
    for a checked score the reason given after it, and its review status beside it, so that each
    headline count rests on words the reader sees."""
    rows = []
    for item, record, score, said in _full_scores(scores, chosen, checklist, pillars, items_in_focus):
        shown = " … ".join(_sentence_shown(kind, sentence) for kind, sentence in said) or (
            f"Words: {score['evidence']}" if str(score["evidence"] or "").strip() else NO_WORDS_MATCHED
        )
        if score["method"] == REVIEWED:
            shown += (
                f" (reason given at the check: {score['rationale']})"
                if str(score["rationale"] or "").strip()
                else " (no reason given at the check)"
            )
            measured, decided = score.get("agreement"), str(score.get("decided", "") or "")
            if isinstance(measured, Agreement) and measured.compared:  # each score's own: not said once for the table
                shown += f"; reviewers {measured.words('score').removeprefix('who ')}" + (
                    f" ({decided})" if decided else ""
                )
        rows.append(
            {
                "Item": item.label,
                "Practice": short_name(record),
                FULL_EVIDENCE_HEADER: shown,
                REVIEW_STATUS_HEADER: score_status(score),
            }
        )
    return pd.DataFrame(rows, columns=["Item", "Practice", FULL_EVIDENCE_HEADER, REVIEW_STATUS_HEADER])


MESSAGE_MOST_WORDS = 40  # a key message, at most: short enough to forward
BOX_MOST_WORDS = 170  # the key messages together, at most: the box leaves room for the contents on page 1
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d,.]*\+?")  # a count or amount ("130+", "12,000"), not a year


def words(text: str) -> int:
    """How many words a message has, as a reader counts them."""
    return len(text.split())


def clipped(sentence: str, most: int) -> str:
    """A sentence of at most ``most`` words: cut at the last clause break (a comma or semicolon) that
    keeps it so, else at a word, an ellipsis marking the cut; as it is where it fits."""
    said = sentence.split()
    if len(said) <= most:
        return sentence
    kept = said[:most]
    for end in range(len(kept) - 1, most // 2 - 1, -1):  # a clause of at least half the words
        if kept[end].endswith((",", ";")):
            kept = kept[: end + 1]
            break
    return " ".join(kept).rstrip(",;") + " …"


def strongest_evidence(
    scores: pd.DataFrame,
    chosen: pd.DataFrame,
    checklist: Checklist,
    pillars: list[str],
    items_in_focus=(),
    most: int = 1,
) -> str:
    """The key message that leads: what one practice compared shows, in the sentence behind one of its
    full scores (:func:`_full_scores`), with where the words come from and its review status, in at
    most MESSAGE_MOST_WORDS words. The items the brief is about first, then a sentence that fits whole,
    then a record built from the practice's own page before one from a listing teaser or a title, then
    concrete sentences (holding a count or amount), then those of our summary, then the order of the
    table of full scores; a sentence too long is cut at a clause, marked "…"; where the words come
    from a listing teaser, the message says so ("our summary of a listing teaser"); "" when no full score."""
    names, found = distinct_names(chosen), []
    for order, (item, record, score, said) in enumerate(
        _full_scores(scores, chosen, checklist, pillars, items_in_focus)
    ):
        if not said:
            continue
        # the sentence with the most figures; else our summary's, which says more than a title
        kind, sentence = max(said, key=lambda said_: (len(_FIGURE.findall(said_[1])), said_[0] == "summary"))
        sentence = sentence.rstrip(".;,")
        basis = record["summary_basis"]
        of_thin = f" of a {basis}" if basis in THIN_SUMMARY_BASES and kind == "summary" else ""
        opening = f"{names[record['practice_id']]}, on {item.in_sentence}: "
        source = (
            f" (the source's title; {score_status(score)})."
            if kind == "title"
            else f" (our summary{of_thin}; {score_status(score)})."
        )
        room = MESSAGE_MOST_WORDS - words(opening) - words(source)
        fits = words(sentence) <= room
        shown = clipped(sentence, max(room, 8))
        message = opening + (f"“{shown}”" if kind == "title" else shown) + source
        concrete = bool(_FIGURE.search(sentence))
        found.append(
            (
                (
                    item.key not in items_in_focus,
                    not fits,
                    basis in THIN_SUMMARY_BASES,
                    not concrete,
                    kind != "summary",
                    order,
                ),
                message,
            )
        )
    found.sort(key=lambda entry: entry[0])
    return found[0][1] if found else ""


CHECKED_COUNT_HEADER = "Scores checked, of {total}"


def status_said_once(
    frame: pd.DataFrame, caption: str, row_scores: list[pd.DataFrame] | None = None, column: str = REVIEW_STATUS_HEADER
) -> tuple[pd.DataFrame, str]:
    """(the table as printed, its caption) with a review-status ``column`` that would repeat the same
    words in every row said once, in the caption: where every row has the same status, the column
    goes and the caption gives it; where rows differ only in how many of the same number of scores
    (``row_scores``: each row's scores) one kind of reviewer checked, the column becomes that count
    ("Scores checked, of 91") and the caption says who checked them and that the rest are automatic.
    Otherwise the table is as it was. The tables download keeps the full column. A status that counts
    its row's scores ('all 12 scores automatic, not checked') is said once counting every row's
    ('all 48 scores ...'): each row's count is not the table's."""
    if frame.empty or column not in frame.columns:
        return frame, caption
    values = frame[column]
    if values.nunique() == 1:
        said = values.iloc[0]
        if row_scores is not None and len(row_scores) == len(frame) and len(frame) > 1:
            said = status_of_scores(pd.concat(row_scores))
        return frame.drop(columns=column), f"{caption}. Review status of every score here: {said}"
    if row_scores is None or len(row_scores) != len(frame) or len({len(scores) for scores in row_scores}) != 1:
        return frame, caption
    checked = [scores[scores["method"] == REVIEWED] for scores in row_scores]
    checkers = review_words(checked_by(pd.concat(checked)))
    if any(len(rows) and review_words(checked_by(rows)) != checkers for rows in checked):
        return frame, caption  # different kinds of reviewer: each row says its own
    at = list(frame.columns).index(column)
    shown = frame.drop(columns=column)
    shown.insert(at, CHECKED_COUNT_HEADER.format(total=len(row_scores[0])), [len(rows) for rows in checked])
    return shown, f"{caption}. Every score counted as checked was {checkers}; every other score is {NOT_CHECKED}"


def chart_matrices(
    scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, reviewers) as practice names by item labels, for the heatmap and the radars:
    ``reviewers`` holds who checked each score as the assessments file names them, "" where the
    score is automatic (so it reads as a flag: a name is true)."""
    ids = list(chosen["practice_id"])
    keys = [item.key for item in focus_items(checklist, pillars)]
    names = [display_name(row, 100) for _, row in chosen.iterrows()]
    labels = checklist.labels()
    matrix = score_matrix(scores, checklist, ids)[keys]
    every_reviewer = scores["reviewers"].map(
        REVIEWERS_SEPARATOR.join
    )  # all who checked it, not only whose score counts
    reviewed = (
        scores.assign(reviewed_by=every_reviewer.where(scores["method"] == REVIEWED, ""))
        .pivot(index="practice_id", columns="item", values="reviewed_by")
        .loc[ids, keys]
    )
    return (matrix.set_axis(names).rename(columns=labels), reviewed.set_axis(names).rename(columns=labels))


def rollup_table(
    scores: pd.DataFrame, rolled: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str]
) -> pd.DataFrame:
    """One row per chosen practice: the score of each pillar shown (``pillars``; every pillar when
    empty), the mean of its item scores (from ``rolled``; the item scores are the heatmap's and the
    evidence table's), then the overall score, the mean of the scores of the pillars shown that
    count towards it, so every mean can be checked by hand; last, the review status of the item
    scores shown. The headers say how many items each mean is over and, with pillars in focus, that
    the overall is theirs alone; when no pillar shown counts towards the overall, there is no overall
    column. Means whole where whole and else to one decimal, halves rounded up (12.5 stays "12.5",
    100/3 is "33.3"), each from the unrounded means (nothing is rounded twice)."""
    ids = list(chosen["practice_id"])
    shown = [pillar for pillar in checklist.pillars if not pillars or pillar.key in pillars]
    table = pd.DataFrame({"Practice": [display_name(row, 60) for _, row in chosen.iterrows()]})
    for pillar in shown:
        count = len(checklist.items_of(pillar.key))
        over = "1 item" if count == 1 else f"mean of {count} items"
        scope = "" if pillar.in_overall else "; scope, not in overall"
        table[f"{pillar.label} ({over}{scope})"] = [format_mean(value) for value in rolled.loc[ids, pillar.key]]
    counted = overall_pillars(checklist, pillars)
    if counted:
        scope = "Overall" if not pillars else "Overall of the pillars shown"
        overall = overall_score(rolled.loc[ids], checklist, pillars)
        table[f"{scope}: mean of " + ", ".join(pillar.label for pillar in counted)] = [format_mean(v) for v in overall]
    keys = [item.key for item in focus_items(checklist, pillars)]
    shown_scores = scores[scores["item"].isin(keys)]
    table[f"{REVIEW_STATUS_HEADER} of the item scores"] = [
        status_of_scores(shown_scores[shown_scores["practice_id"] == practice_id]) for practice_id in ids
    ]
    return table


def strengths_and_gaps(
    scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist, pillars: list[str], items_in_focus=()
) -> pd.DataFrame:
    """Per practice: items our summary of its record shows fully, in part, and not at all, the items the
    brief is about first; scope items aside; and the review status of those scores."""
    items = [
        item for item in by_relevance(focus_items(checklist, pillars), items_in_focus) if item in checklist.scored_items
    ]
    indexed = scores.set_index(["practice_id", "item"])["score"]
    rows = []
    for _, record in chosen.iterrows():
        by_score = {
            value: [item.label for item in items if indexed[(record["practice_id"], item.key)] == value]
            for value in SCORE_LABELS
        }
        # the review status counts every score shown of the practice, the scope items too, as the brief's headline does
        mine = scores[
            (scores["practice_id"] == record["practice_id"])
            & scores["item"].isin([i.key for i in focus_items(checklist, pillars)])
        ]
        rest = [
            f"{label}: {', '.join(by_score[value])}"
            for label, value in (("In part", PARTIAL), ("Not shown", ABSENT))
            if by_score[value]
        ]
        rows.append(
            {
                "Practice": display_name(record),
                STRENGTHS_HEADER: ", ".join(by_score[PRESENT]) or "—",
                THIN_HEADER: " · ".join(rest) or "—",
                REVIEW_STATUS_HEADER: status_of_scores(mine),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ItemReading:
    """One scored item of the pillars shown: how our summaries of the practices compared show it, and
    how those of all migration records do (the records that name a migrant group: split_by_migrants)."""

    item: ChecklistItem
    full: int  # practices compared whose record shows it fully
    part: int  # ... in part
    best: int  # the best score among them
    full_all: int  # migration records of the whole file whose record shows it fully
    records: int  # migration records in the file
    examples: tuple[
        str, ...
    ]  # records not compared that show it fully, serving the brief's target group (up to EXAMPLES)
    status_all: str  # the review status of the item's scores across all migration records
    compared: int = 0  # practices compared
    serving: tuple[str, ...] = ()  # the target groups examples must serve (the brief's target_group); empty: any
    example_pages: tuple[
        str, ...
    ] = ()  # for each example, the link to its own page, or "listing page" where it has none

    @property
    def across_records(self) -> str:
        """How common the item is across all records' summaries (:func:`across_records`)."""
        return across_records(self.full_all, self.records)

    @property
    def rare_across_all(self) -> bool:
        return self.across_records == RARE

    @property
    def gap_of_selection(self) -> bool:
        return self.best < PRESENT

    @property
    def name(self) -> str:
        return self.item.in_sentence


def across_records(showing: int, records: int) -> str:
    """How common an item is across records, from how many of ``records`` show it fully, with a margin
    so that one record more or less never turns a finding into its opposite: RARE (at most 1 in
    RARE_ACROSS_ALL), COMMON (at least 1 in COMMON_ACROSS_ALL and at least FIELD_MIN_SHOWING
    records), FEW between the two (no finding either way), and NO_FINDING where the file holds fewer
    than FIELD_MIN_RECORDS records (a finding across records needs records to rest on)."""
    if records < FIELD_MIN_RECORDS:
        return NO_FINDING
    if showing * RARE_ACROSS_ALL <= records:
        return RARE
    if showing * COMMON_ACROSS_ALL >= records and showing >= FIELD_MIN_SHOWING:
        return COMMON
    return FEW


_GROUPS_HOLDING = {
    "both": ("immigrants", "return migrants"),
    "emigrants and return migrants": ("emigrants", "return migrants"),
}


def serving_groups(target_group) -> tuple[str, ...]:
    """The target groups an example must serve when a brief names ``target_group`` values: those
    values, and the groups that hold one of them ("both" holds immigrants and return migrants,
    "emigrants and return migrants" holds each of its two): a record read as serving both serves each."""
    groups = list(target_group or ())
    for group, holds in _GROUPS_HOLDING.items():
        if any(held in groups for held in holds) and group not in groups:
            groups.append(group)
    return tuple(groups)


def item_readings(
    scores: pd.DataFrame,
    chosen: pd.DataFrame,
    practices: pd.DataFrame,
    checklist: Checklist,
    pillars: list[str],
    items_in_focus=(),
    serving=(),
    every_record: pd.DataFrame | None = None,
) -> list[ItemReading]:
    """Every scored item of the pillars shown, the items the brief is about first: the counts the
    key messages, the gaps table and the heatmap's title state, computed once. ``practices``: the
    records counted across the file (the migration records); examples come from them, not compared,
    read as serving one of ``serving`` where it is given (the groups the brief compares), each with the
    page it is on (``every_record``: every record of the file, to tell its own page from a listing page)."""
    ids = set(chosen["practice_id"])
    counted = set(practices["practice_id"])
    names = distinct_names(practices)  # whole, never cut, never two alike
    offered = findable(practices)  # examples a reader can find: a title and a link
    pages = example_pages(offered, practices if every_record is None else every_record)
    may_serve = (
        set(offered["practice_id"])
        if not serving
        else set(offered[offered["target_group"].isin(serving)]["practice_id"])
    )
    readings = []
    for item in by_relevance(focus_items(checklist, pillars), items_in_focus):
        if item not in checklist.scored_items:
            continue
        of_item = scores[(scores["item"] == item.key) & scores["practice_id"].isin(counted | ids)]
        mine = of_item[of_item["practice_id"].isin(ids)]["score"]
        of_field = of_item[of_item["practice_id"].isin(counted)]
        elsewhere = of_field[
            ~of_field["practice_id"].isin(ids)
            & (of_field["score"] == PRESENT)
            & of_field["practice_id"].isin(may_serve)
        ]["practice_id"]
        readings.append(
            ItemReading(
                item,
                int((mine == PRESENT).sum()),
                int((mine == PARTIAL).sum()),
                int(mine.max()),
                int((of_field["score"] == PRESENT).sum()),
                len(of_field),
                tuple(names[i] for i in elsewhere.head(EXAMPLES)),
                status_of_scores(of_field),
                len(mine),
                tuple(serving),
                tuple(pages[i] for i in elsewhere.head(EXAMPLES)),
            )
        )
    return readings


def example_pages(offered: pd.DataFrame, every_record: pd.DataFrame) -> dict[str, str]:
    """For each record ``offered`` as an example, where a reader finds it: the link to its own page, or
    "listing page" where the record has none (records.page_kinds; the listing page's link is in the
    table of every record counted, in the tables download)."""
    kinds = page_kinds(every_record)
    return {
        row["practice_id"]: "listing page" if kinds.get(row["practice_id"]) == LISTING_PAGE else row["url"]
        for _, row in offered.iterrows()
    }


def _whom(serving) -> str:
    """'return migrants or emigrants and return migrants': the target groups examples serve, as the brief compares them."""
    return " or ".join(_TARGET_GROUP_WORDS.get(g, g).replace("read as serving ", "") for g in serving)


def _serving_words(serving) -> str:
    """'read as serving return migrants' for the target groups examples must serve."""
    return "read as serving " + _whom(serving)


_ACROSS_WORDS = {
    RARE: f"rare: at most 1 in {RARE_ACROSS_ALL} records",
    COMMON: f"shown elsewhere: at least 1 in {COMMON_ACROSS_ALL} records",
    FEW: "few: too few to call common or rare",
    NO_FINDING: f"too few records (under {FIELD_MIN_RECORDS}) for a finding",
}


def shown_across_all(reading: ItemReading) -> str:
    """How many of all records' summaries show an item fully, in words that agree with the count:
    "none of all 91 records shows it fully", "1 of all 91 records shows it fully", "2 of all 91 records
    show it fully"."""
    if reading.full_all == 0:
        return f"none of all {reading.records} records shows it fully"
    shows = verb_for(reading.full_all, "shows", "show")
    return f"{reading.full_all} of all {reading.records} records {shows} it fully"


def gap_kind(reading: ItemReading) -> str:
    """Where our summaries leave an item thin, in words that agree with the counts beside them: not
    shown fully for any record compared; rare across all records (never "not shown" where some
    records show it: "rare across all records: 2 of all 91 records show it fully"); or both; and where
    a record compared shows it fully, how many of the records that show it they are ("" when thin
    nowhere)."""
    across = f"rare across all records: {shown_across_all(reading)}"
    if reading.gap_of_selection:
        lacking = f"not shown fully for any of the {reading.compared} records compared"
        if not reading.rare_across_all:
            return lacking
        if reading.full_all == 0:
            return f"{lacking}, nor for any of all {reading.records} records"
        return f"{lacking}; {across}"
    if not reading.rare_across_all:
        return ""
    among = "1 of them is" if reading.full == 1 else f"{reading.full} of them are"
    return f"{across} ({among} among the {reading.compared} records compared)"


NO_EXAMPLE = "no such record on file"


def no_example_sentence(serving=()) -> str:
    """Said once, under the table, where no item has an example to look at."""
    whom = f" {_serving_words(serving)}" if serving else ""
    return f"No other record{whom} shows any of these items fully: there is no example to look at"


def example_header_words(serving=()) -> str:
    """The header of the examples column: other records, each with the page it is on, whose summary
    shows the item fully, and, where the brief names a target group, that they serve it (our reading):
    "Examples to look at: other records that show it fully and serve return migrants (our reading)"."""
    return "Examples to look at: other records showing it fully, with their own page (or 'listing page')" + (
        f", serving {_whom(serving)} (our reading)" if serving else ""
    )


EVERY_RECORD_CAPTION = (
    f"Every record counted across records: the {MIGRATION_RECORDS}, with each item's score and review status"
)


NO_TITLE = "(no title on the source)"  # said in words: a download writes an empty cell for the page's dash


def every_record_scores(scores: pd.DataFrame, records: pd.DataFrame, checklist: Checklist, pillars=()) -> pd.DataFrame:
    """One row per record counted across the file (``records``: the migration records): its id,
    title, source link, then for each scored item of the pillars shown its score and review status,
    so that "4 of all 91 records show it fully" can be counted again from the tables download."""
    items = [item for item in focus_items(checklist, list(pillars)) if item in checklist.scored_items]
    indexed = scores.set_index(["practice_id", "item"])
    rows = []
    for _, record in records.iterrows():
        row = {
            "Record id": record["practice_id"],
            "Title (as the source gives it)": str(record["title"] or "").strip() or NO_TITLE,
            "Source link": record["url"] or "—",
        }
        for item in items:
            score = indexed.loc[(record["practice_id"], item.key)]
            row[f"{item.label}: score"] = int(score["score"])
            row[f"{item.label}: review status"] = score_status(score)
        rows.append(row)
    return pd.DataFrame(rows)


def gaps_table(readings: list[ItemReading], compared: int) -> pd.DataFrame:
    """Items our summaries of the records compared do not show fully, and items rare across the
    summaries of all records, kept apart, each with the count it rests on and how common that makes
    it (:func:`across_records`); examples to look at serve the brief's target group where it names one."""
    records = readings[0].records if readings else 0
    serving = readings[0].serving if readings else ()
    example_header = example_header_words(serving)
    rows = []
    for reading in readings:
        kind = gap_kind(reading)
        if not kind:
            continue
        none = NO_EXAMPLE
        rows.append(
            {
                "Item": reading.item.label,
                GAP_HEADER: kind,
                f"Best score among the {compared} records compared": f"{reading.best} {SCORE_LABELS[reading.best]}",
                f"Records whose summary shows it fully, of all {records}": reading.full_all,
                "How common across records": _ACROSS_WORDS[reading.across_records],
                example_header: "; ".join(
                    f"{name} ({page})" for name, page in zip(reading.examples, reading.example_pages)
                )
                or none,
                ACROSS_ALL_STATUS_HEADER: reading.status_all,
                "GCM objectives": ", ".join(map(str, reading.item.gcm_objectives)),
            }
        )
    columns = [
        "Item",
        GAP_HEADER,
        f"Best score among the {compared} records compared",
        f"Records whose summary shows it fully, of all {records}",
        "How common across records",
        example_header,
        ACROSS_ALL_STATUS_HEADER,
        "GCM objectives",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame) and (frame[example_header] == NO_EXAMPLE).all():  # said once, under the table (no_example_sentence)
        frame = frame.drop(columns=example_header)
    return frame


def _names(readings: list[ItemReading]) -> str:
    return join_names([reading.name for reading in readings])


def _of(count: int, total: int) -> str:
    return f"all {total}" if count == total and total > 1 else f"{count} of the {total}"


def heatmap_title(readings: list[ItemReading], compared: int, columns: int = 0) -> str:
    """The heatmap's takeaway, about our summaries: the item they show fully for most records, and
    how many items they show fully for none (of the items read, where the chart's ``columns`` also
    show whom each practice serves, which is scope, not an item a summary can lack)."""
    if not readings:
        return "No scored item in focus"
    widest = max(readings, key=lambda reading: reading.full)  # the first among ties: the brief's focus first
    gaps = [reading for reading in readings if reading.gap_of_selection]
    if widest.full == 0:
        return f"Our summaries of the {compared} records show none of these items fully"
    strength = f"Our summaries show {widest.name} fully for {_of(widest.full, compared)} records"
    if not gaps:
        return f"{strength}, and every item fully for at least one"
    nothing = (
        f"{_names(gaps)} for none"
        if len(gaps) <= 2
        else f"{len(gaps)} of the {len(readings)} checklist items scored"
        f"{' (who it serves aside)' if columns > len(readings) else ''} are shown fully for none"
    )
    return f"{strength}; {nothing}"


def key_messages(
    readings: list[ItemReading],
    chosen: pd.DataFrame,
    shown_scores: pd.DataFrame,
    items_in_focus=(),
    shown: str = "",
    history: pd.DataFrame | None = None,
) -> list[str]:
    """Three to five sentences a busy reader could forward, each of at most MESSAGE_MOST_WORDS words
    and BOX_MOST_WORDS in all, each caveat said once: what our summaries of the records compared show
    fully, what they do not show (never that a practice lacks it), how common that is across all
    records, what stands out, and what the scores rest on. Items the brief is about come first in
    every list. No ranking. ``shown`` (:func:`strongest_evidence`: what a practice shows, with its
    review status) comes second, after what the comparison found; what stands out goes where there would be fewer than five,
    except examples a survey judged harmful, said second and never left out."""
    compared = len(chosen)
    if not readings:
        return ([shown] if shown else []) + [
            f"No scored checklist item is in focus for these {compared} practices.",
            review_sentence(shown_scores, history=history),
        ]
    # what the comparison found leads; one practice's fact illustrates it
    messages = [_strengths(readings, compared, items_in_focus, shown_scores)[0]] + ([shown] if shown else [])
    gaps = [reading for reading in readings if reading.gap_of_selection]
    if gaps:

        def gap_message(named: int) -> str:
            rest = len(gaps) - named
            more = [count_of(rest, "more item")] if rest else []
            return (
                f"None of our {compared} summaries fully shows {join_names([r.name for r in gaps[:named]] + more, 'or')}: "
                "a gap in the short records, not proof the practices lack it."
            )

        # every item named where the message stays short enough to forward, else the first GAPS_NAMED and a count
        messages.append(
            next(
                (
                    gap_message(named)
                    for named in range(len(gaps), GAPS_NAMED, -1)
                    if words(gap_message(named)) <= MESSAGE_MOST_WORDS
                ),
                gap_message(min(GAPS_NAMED, len(gaps))),
            )
        )
        messages.append(_selection_or_field(gaps))
    else:
        messages.append(
            f"Our summaries show every item in focus fully for at least one of the {compared} records compared."
        )
    standout = _stands_out(readings, chosen, shown_scores, items_in_focus)
    if standout and (chosen["assessment"] == "harmful").any():
        messages = messages[:1] + [standout] + messages[1:3]  # examples a survey judged harmful: never left out
    elif standout and len(messages) < 4 and words(standout) <= MESSAGE_MOST_WORDS:
        messages.append(standout)
    messages.append(review_sentence(shown_scores, chosen, len(readings), history))
    return messages[:5]


GAPS_NAMED = 4  # the items a key message names as not shown fully (those in focus first); the gaps table lists all


def _strengths(
    readings: list[ItemReading], compared: int, items_in_focus=(), shown_scores: pd.DataFrame | None = None
) -> tuple[str, list[ItemReading]]:
    """For how many records compared our summaries show fully the items the brief is about and the
    items most of them show: the most widely shown first unless the brief names its items, then by
    count; at most three, with the review status of their full scores said once. Returns the
    sentence and the items it names."""
    about = [reading for reading in readings if reading.item.key in items_in_focus and reading.full]
    widest = sorted(
        [reading for reading in readings if reading.full >= 2 and reading not in about],
        key=lambda reading: -reading.full,
    )
    listed = (about + widest)[:3]
    if not listed:
        alone = [reading for reading in readings if reading.full]
        if not alone:
            return f"Our summaries of the {compared} records compared show no item in focus fully.", []
        listed = alone[:3]
    lead, rest = listed[0], listed[1:]
    first = f"all {compared} records" if lead.full == compared else f"{lead.full} of the {compared} records"
    said = [f"{lead.name} fully for {first}"] + [f"{reading.name} for {reading.full}" for reading in rest]
    status = f" ({_full_status(listed, shown_scores)})" if shown_scores is not None else ""
    return f"Our summaries show {join_names(said)}{status}.", listed


def _full_status(readings: list[ItemReading], shown_scores: pd.DataFrame) -> str:
    """Whether the full scores of the items named are checked, in review_status's words, said once:
    "automatic, not checked" for one, "both automatic, not checked", "all 5 checked by ...", or "3 of
    these 4 automatic, not checked; 1 checked by ..."."""
    keys = [reading.item.key for reading in readings]
    full = shown_scores[shown_scores["item"].isin(keys) & (shown_scores["score"] == PRESENT)]
    checked = full[full["method"] == REVIEWED]
    unchecked, count = len(full) - len(checked), len(full)
    by = review_words(checked_by(checked))
    every = "" if count == 1 else ("both " if count == 2 else f"all {count} ")
    if not len(checked):
        return f"{every}{NOT_CHECKED}"
    if not unchecked:
        return f"{every}{by}"
    return f"{unchecked} of these {count} {NOT_CHECKED}; {len(checked)} {by}"


def _counts(readings: list[ItemReading]) -> str:
    """'8 and 5'; '2 each' when the counts are equal."""
    counts = [reading.full_all for reading in readings]
    return f"{counts[0]} each" if len(counts) > 1 and len(set(counts)) == 1 else join_names(list(map(str, counts)))


def _selection_or_field(gaps: list[ItemReading]) -> str:
    """How common across the summaries of all records the items the records compared do not show
    fully are, each count stated (:func:`across_records`): shown elsewhere (with an example serving
    the brief's target group, or saying none does), too few to call, or rare there too."""
    records, serving = gaps[0].records, gaps[0].serving
    by_kind = {kind: [reading for reading in gaps if reading.across_records == kind] for kind in _ACROSS_WORDS}
    parts = []
    if by_kind[COMMON]:
        common = by_kind[COMMON]
        one = len(common) == 1
        examples = [reading for reading in common if reading.examples]
        if examples:
            example = (
                f" (for example {examples[0].examples[0]} on {examples[0].name})"
                if not one
                else f" (for example {examples[0].examples[0]})"
            )
        else:
            example = f", none {_serving_words(serving)}" if serving else ""
        parts.append(
            f"{_names(common)} {'is' if one else 'are'} shown fully in {_counts(common)} of all {records} "
            f"records{example}"
        )
    if by_kind[FEW] and not (by_kind[COMMON] or by_kind[RARE]):  # no finding: said only when nothing else is
        few = by_kind[FEW]
        one = len(few) == 1
        parts.append(
            f"{_names(few)} {'is' if one else 'are'} shown fully in only {_counts(few)} of the {records} "
            f"records' summaries, too few to call {'it' if one else 'them'} common or rare"
        )
    if by_kind[RARE]:
        for named in range(len(by_kind[RARE]), 0, -1):  # as many as the message holds in MESSAGE_MOST_WORDS
            rare, rest = by_kind[RARE][:named], len(by_kind[RARE]) - named
            one = len(rare) == 1 and not rest
            more = f" and {count_of(rest, 'more item')}" if rest else ""
            # the counts after 'of all 91 records', never before it: '(4, 2 ...)' read as counts of the records compared
            said = (
                f"{_names(rare)}{more} {'is' if one else 'are'} rare across all {records} records too (shown fully "
                f"by {_counts(rare)} of them)"
            )
            if words("; ".join(parts + [said])) <= MESSAGE_MOST_WORDS:
                break
            if named == 1:  # still too long: the counts go (the gaps table gives them)
                said = said[: said.rindex(" (shown fully by")]
                break
        parts.append(said)
    if by_kind[NO_FINDING]:
        parts.append(
            f"the file holds too few records ({records}) to say how common {_names(by_kind[NO_FINDING])} "
            f"{verb_for(len(by_kind[NO_FINDING]), 'is', 'are')} across records"
        )
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def short_name(record) -> str:
    """A practice's title for a sentence: without the bracketed aside and what follows it ("(ETPV in
    Spanish) and Law ..."), where the words before it still name the practice (20 characters or
    more); never cut mid-title with an ellipsis; what and where it is where it has no title."""
    name = display_name(record)
    before, _, aside = name.partition(" (")
    countries = {
        country.strip().lower() for country in str(record.get("countries", "") or "").split(";") if country.strip()
    }
    if aside.rstrip(")").strip().lower() in countries:  # "National Remittance Plan (Senegal)": the aside tells it apart
        return name
    return before if len(before) >= 20 else name


def distinct_names(records: pd.DataFrame) -> dict[str, str]:
    """Each record's :func:`short_name`, by practice_id, with its countries added where another record
    of ``records`` has the same name ("National Remittance Plan (Mexico)"), so that no two records a
    reader sees are named alike."""
    names = {row["practice_id"]: short_name(row) for _, row in records.iterrows()}
    counts = pd.Series(list(names.values()), dtype=object).value_counts()
    for _, row in records.iterrows():
        name = names[row["practice_id"]]
        if counts.get(name, 0) > 1:
            names[row["practice_id"]] = (
                f"{name} ({str(row.get('countries', '') or '').replace(';', ',') or 'country not given'})"
            )
    return names


def findable(records: pd.DataFrame) -> pd.DataFrame:
    """Records a reader can find from the brief: with a title and a link (an untitled listing teaser
    is not offered as an example)."""
    titled = records["title"].fillna("").astype(str).str.strip() != ""
    linked = records["url"].fillna("").astype(str).str.strip() != ""
    return records[titled & linked]


def _stands_out(
    readings: list[ItemReading], chosen: pd.DataFrame, shown_scores: pd.DataFrame, items_in_focus=()
) -> str:
    """What stands out: examples a survey judged harmful; else items rare across all records that a
    practice compared shows fully; else items only one practice compared shows fully (those the
    brief is about are in the first message already)."""
    harmful = chosen[chosen["assessment"] == "harmful"]
    if len(harmful):
        return (
            f"{len(harmful)} {verb_for(len(harmful), 'example was', 'examples were')} reported as harmful in the "
            f"survey: {join_names([display_name(r) for _, r in harmful.iterrows()])}; what "
            f"{verb_for(len(harmful), 'it does', 'they do')} shows what to avoid."
        )
    names = distinct_names(chosen)

    def holders(reading: ItemReading) -> list[str]:
        rows = shown_scores[(shown_scores["item"] == reading.item.key) & (shown_scores["score"] == PRESENT)]
        return [names[practice_id] for practice_id in rows["practice_id"]]

    rare = [reading for reading in readings if reading.rare_across_all and reading.full][:2]
    if rare:

        def said(reading: ItemReading) -> str:
            whose = f"records whose summary shows {reading.name} fully"
            alone = [other for other in readings if other.full == 1 and holders(other) == holders(reading)]
            if (
                reading.full == 1 and len(alone) > 1
            ):  # the one record compared that shows these, the rare one among them
                return (
                    f"{holders(reading)[0]} is the only record compared whose summary shows "
                    f"{join_names([other.name for other in alone])} fully, and one of only {reading.full_all} of "
                    f"all {reading.records} records showing {reading.name} fully"
                )
            if reading.full_all == 1:
                return f"{holders(reading)[0]} is the only one of all {reading.records} {whose}"
            one = reading.full == 1
            return (
                f"{join_names(holders(reading))} {'is one' if one else f'are {reading.full}'} of only "
                f"{reading.full_all} of all {reading.records} {whose}"
            )

        return "; ".join(said(reading) for reading in rare) + "."
    alone = [reading for reading in readings if reading.full == 1 and reading.item.key not in items_in_focus][:2]
    if not alone:
        return ""
    lone = [f"{reading.name} fully for one record compared only ({holders(reading)[0]})" for reading in alone]
    return "Our summaries show " + ", and ".join(lone) + "."


SUBMITTED_BY = "submitted by"  # the role a database gives the person or organisation who posted its entry


def who_the_source_names(cell: str, source: str) -> list[str]:
    """The ``submitter_or_implementers`` cell ("submitted by: Mr. X | implementer: Y") as a reader
    needs it: who runs the practice as the source names them (its roles kept), and apart from it,
    who submitted the entry to the source's site, said to be that and nothing more."""
    runs, submitted = [], []
    for part in filter(None, (part.strip() for part in str(cell or "").split("|"))):
        role, _, names = part.partition(":")
        if role.strip().lower() == SUBMITTED_BY and names.strip():
            submitted.append(names.strip())
        else:
            runs.append(part)
    said = [f"Who runs it, as the source names them: {'; '.join(runs) if runs else 'not stated'}"]
    if submitted:
        said.append(
            f"Entry submitted to the {source or 'source'} site by: {'; '.join(submitted)} (the person or "
            "organisation who posted it there, as the source lists them; not who runs the practice)"
        )
    return said


NOTES_HEADER, NOTES_AS_RECORDED_HEADER = "Notes", "Notes as recorded in the data (for maintainers)"


def record_table(chosen: pd.DataFrame, practices: pd.DataFrame) -> pd.DataFrame:
    """The chosen records and where each comes from. Facts as the sources state them (countries,
    years, with a flag where sources date the practice differently; the source, whether its link is
    the practice's own page or a listing page, and the link, written out for paper; who the source
    says submitted or implemented it; a survey's own judgement where there is one), whom we read the
    record as serving; the summary, labelled as our paraphrase of the source with what it was
    written from; our notes in a reader's words (records.reader_notes: nothing of how the data were
    stored; brief.records_table's download keeps them as recorded). Empty stays empty (shown as a dash). ``practices`` is every record of
    the file (a page several were found on is a listing page)."""
    kinds = page_kinds(practices)

    def facts(record) -> str:
        differ = dates_disagree(record)
        years = f"{record['years'] or '—'} ({DATES_DIFFER}: see the notes)" if differ else (record["years"] or "—")
        kind = kinds.get(record["practice_id"], "")
        source = (
            f"{record['source_db']}, {kind}: {record['url']}" if kind else f"{record['source_db']}: {record['url']}"
        )
        parts = [
            f"Countries: {record['countries'] or '—'}",
            f"Years: {years}",
            f"Source: {source}",
            *who_the_source_names(record["submitter_or_implementers"], record["source_db"]),
        ]
        if record["assessment"]:
            parts.append(f"Judged by the survey respondent: {record['assessment']}")
        return " · ".join(parts)

    return pd.DataFrame(
        {
            "Practice": [display_name(row) for _, row in chosen.iterrows()],
            FACTS_HEADER: [facts(row) for _, row in chosen.iterrows()],
            "Who it serves (our reading, and the words it rests on)": [
                who_it_serves(row) for _, row in chosen.iterrows()
            ],
            SUMMARY_HEADER: [
                f"{row['summary'] or '—'} ({SUMMARY_BASIS_HEADER.lower()} a {row['summary_basis']})"
                if row["summary_basis"]
                else row["summary"]
                for _, row in chosen.iterrows()
            ],
            NOTES_HEADER: [reader_notes(notes) for notes in chosen["notes"]],
        }
    ).replace("", "—")


THIN_READING = "a thin reading: it rests on one word of our summary of a {basis}"


def who_it_serves(record) -> str:
    """Whom we read a record as serving, with the words it rests on, and, where that is one word of a
    summary written from a listing teaser or a title only, that it is a thin reading."""
    basis = str(record["target_group_basis"] or "").strip()
    if not basis:
        return record["target_group"]
    quoted = re.findall(r"'[^']+'", basis)
    thin = len(quoted) == 1 and record["summary_basis"] in THIN_SUMMARY_BASES
    return f"{record['target_group']} ({basis}" + (
        f"; {THIN_READING.format(basis=record['summary_basis'])})" if thin else ")"
    )


def dates_differ_notes(chosen: pd.DataFrame) -> list[str]:
    """For each chosen record whose sources date the practice differently (records.dates_disagree):
    its name, the years it gives and the years another source gives, as our notes record them."""
    said = []
    for _, row in chosen.iterrows():
        other = dates_disagree(row)
        if other:
            said.append(
                f"{short_name(row)} is dated {row['years']} by its source, "
                f"{join_names(list(map(str, other)))} by another (see its notes)."
            )
    return said


def changed_by_checks(scores: pd.DataFrame) -> pd.DataFrame:
    """The checked scores whose check changed the automatic score: what review_sentence counts as
    "changed" and :func:`changes_table` lists, so that the count and the list are one."""
    return scores[(scores["method"] == REVIEWED) & (scores["score"] != scores["automatic_score"])]


CHANGES_CAPTION = "Checks that changed an automatic score"
CHANGE_HEADER = "Score: automatic → checked"


def changes_table(shown_scores: pd.DataFrame, chosen: pd.DataFrame, checklist: Checklist) -> pd.DataFrame:
    """Every check that changed an automatic score among the scores shown, the practices in the order
    compared, items in checklist order: practice, item, the automatic score, the checked score, its
    review status (review_status's words) and the reason the reviewer gave."""
    changed = changed_by_checks(shown_scores)
    order = {item.key: i for i, item in enumerate(checklist.items)}
    labels = checklist.labels()
    rows = []
    for _, record in chosen.iterrows():
        mine = changed[changed["practice_id"] == record["practice_id"]]
        for _, score in mine.sort_values("item", key=lambda keys: keys.map(order)).iterrows():
            rows.append(
                {
                    "Practice": short_name(record),
                    "Item": labels[score["item"]],
                    CHANGE_HEADER: f"{score['automatic_score']} → {score['score']}",
                    REVIEW_STATUS_HEADER: score_status(score),
                    "Reason given": score["rationale"] or "none given",
                }
            )
    return pd.DataFrame(rows, columns=["Practice", "Item", CHANGE_HEADER, REVIEW_STATUS_HEADER, "Reason given"])


def disputed_scores(scores: pd.DataFrame, history: pd.DataFrame | None) -> int:
    """How many of these scores reviewers decided differently and have not settled (tables/decisions.py's
    disagreements, from ``history``, every recorded score); 0 without a history."""
    if history is None or history.empty:
        return 0
    units = set(zip(scores["practice_id"], scores["item"]))
    open_ = disagreements(history, ASSESSMENTS)
    return len({unit for unit in zip(open_["practice_id"], open_["item"]) if unit in units})


def review_sentence(
    shown_scores: pd.DataFrame,
    chosen: pd.DataFrame | None = None,
    scored_items: int | None = None,
    history: pd.DataFrame | None = None,
) -> str:
    """What the scores shown rest on, in review_status's words: how many were checked and by whom
    (the reviewer column's status, never "reviewed"), how many of those a check changed, that the
    rest are automatic, not checked. With ``chosen`` (the last key message, short enough to forward):
    that they read only titles and our short summaries, how many of those were written from listing
    teasers or titles only, and the counts, each caveat once ("Scores read only titles and our short
    summaries (5 of 6 from listing teasers or titles); 9 of the 72 scores were checked by an AI assistant, not
    yet by a person (6 changed); 63 are automatic, not checked.")."""
    checked = shown_scores[shown_scores["method"] == REVIEWED]
    total, done = len(shown_scores), len(checked)
    changed = len(changed_by_checks(shown_scores)) if done else 0
    disputed = disputed_scores(shown_scores, history) if done else 0
    measured = agreement_of_scores(checked, history) if done else None  # said with the checks it is about
    unsettled = (
        (
            f"; reviewers disagree on {disputed} and have not settled {verb_for(disputed, 'it', 'them')}: the "
            "latest score counts"
        )
        if disputed
        else ""
    )
    if chosen is not None:
        if done == 0:
            status = f"all {total} scores are {NOT_CHECKED}"
        else:
            change = (
                ("none changed" if done > 1 else "disputed" if disputed else "confirmed")
                if not changed
                else ("changed" if done == 1 else f"{changed} changed")
            )
            kinds = {ReviewStatus.of(reviewers).words() for reviewers in checked["reviewers"]}
            were = f"{'all' if done == total else f'{done} of the'} {total} scores {verb_for(done, 'was', 'were')}"
            if len(kinds) > 1:  # different kinds of reviewers: each counted, never one phrase over all
                status = f"{were} checked ({change}{unsettled}): " + status_of(
                    [ReviewStatus.of(reviewers) for reviewers in checked["reviewers"]], measured, "score"
                )
            else:
                status = f"{were} {review_words(checked_by(checked), measured, 'score')} ({change}){unsettled}"
            if done < total:
                status += f"; {total - done} are {NOT_CHECKED}"
        return f"{scores_read(chosen)}; {status}."
    shown = "scores shown"
    if done == 0:
        status = f"all {total} {shown} are {NOT_CHECKED}"
    else:
        listed = f"see “{CHANGES_CAPTION}”"
        if changed == 0:
            change = "none changed" if done > 1 else "disputed" if disputed else "confirmed"
        elif done == 1:
            change = f"changed: {listed}"
        else:
            change = f"{changed} of them changed: {listed}"
        counted = (
            ("the 1 score shown was" if total == 1 else f"all {total} {shown} were")
            if done == total
            else f"{done} of the {total} {shown} {verb_for(done, 'was', 'were')}"
        )
        who = (
            f"checked ({status_of([ReviewStatus.of(reviewers) for reviewers in checked['reviewers']], measured, 'score')})"
            if len({ReviewStatus.of(reviewers).words() for reviewers in checked["reviewers"]}) > 1  # each kind counted
            else review_words(checked_by(checked), measured, "score")
        )
        status = f"{counted} {who} ({change}){unsettled}"
        if done < total:
            status += f", and the other {total - done} are {NOT_CHECKED}"
    return status[0].upper() + status[1:] + "."


def scores_read(chosen: pd.DataFrame) -> str:
    """What the scores read, and how many of our summaries rest on no more than a listing teaser or
    a title: "Scores read only titles and our short summaries (5 of 6 from listing teasers or titles)"."""
    read = "Scores read only titles and our short summaries"
    few = int(chosen["summary_basis"].isin(THIN_SUMMARY_BASES).sum())
    if not few:
        return read
    records = len(chosen)
    whom = f"all {records}" if few == records and records > 1 else f"{few} of {records}"
    return f"{read} ({whom} from {verb_for(few, 'a listing teaser or title', 'listing teasers or titles')})"


def checklist_table(checklist: Checklist, pillars=()) -> pd.DataFrame:
    """The checklist items of the pillars shown as a reader needs them: item and pillar, and the
    definition with the GCM objectives it links to."""
    return pd.DataFrame(
        [
            {
                "Item (pillar)": f"{item.label} ({in_sentence(checklist.pillar(item.pillar).label)}"
                + ("" if checklist.pillar(item.pillar).in_overall else ", scope")
                + ")",
                "Definition (GCM objectives)": f"{item.definition} (GCM objectives {', '.join(map(str, item.gcm_objectives))})",
            }
            for item in focus_items(checklist, list(pillars))
        ]
    )


def method_words(checklist: Checklist) -> str:
    """One sentence on how the scores were made, for the brief's sources section."""
    return (
        "Scores are automatic readings of each record's title and our summary of it against the workstream's "
        f"checklist ({checklist.path.name}: 0 not shown, 50 partly, 100 fully; words the record names as lacking "
        "earn nothing), replaced where a reviewer recorded a score; they say what a short record shows, not how "
        "good a practice is."
    )
