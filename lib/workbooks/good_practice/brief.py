"""The good-practice brief's opening: the question it answers, its key messages, its dates, its
sources; figure titles that state the takeaway, captions and alt text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.wording import count_of, join_names
from ..presentation.html import ShownTable
from ..presentation.markup import Markup, render
from ..presentation.page import BriefFacts, SourceLink
from ..tables.review_status import ReviewStatus, mixed_kinds, review_words, status_of
from . import compare
from .compare import display_name, heatmap_title, key_messages, method_words, status_of_scores
from .inputs import PracticeInputs
from .practice_records import page_kinds
from .scoring import REVIEWED, checked_by


def question(inputs: PracticeInputs) -> str:
    """What the brief answers, in plain words and at most 40: what our short summaries of the practices
    compared show of the checklist, what they leave out, and whether that is rare among all the records
    about migrants too (the data hold short records, not the Guidance, nor the practices themselves).
    Rarity is asked only of a file that can answer it: one holding records beyond those compared, and
    enough of them for a finding across records (compare.FIELD_MIN_RECORDS); a file of a few records of
    one's own is not compared with itself.
    How they were chosen and the pillars shown are said in the scope line under it (PracticeInputs.headline)."""
    asked = (
        f"What do our short summaries of the {len(inputs.chosen)} practices compared show of the workstream's "
        "checklist, what do they leave out"
    )
    records = len(inputs.migration_records)
    if records >= compare.FIELD_MIN_RECORDS and records > len(inputs.chosen):
        return f"{asked}, and is that also rare among the {records} {compare.MIGRATION_RECORDS}?"
    return f"{asked}?"


def source_links(inputs: PracticeInputs, kinds: pd.Series | None = None) -> list[SourceLink]:
    """Each record compared, linked to the page it was found on, saying whether that is the
    practice's own page or a listing page (``kinds``: records.page_kinds of every record, found
    here where not given; a live view finds them once for every choice)."""
    kinds = page_kinds(inputs.practices) if kinds is None else kinds
    links = []
    for _, row in inputs.chosen.iterrows():
        kind = kinds.get(row["practice_id"], "")
        url = str(row["url"]).strip()
        reference = (
            "" if kind or not url else url
        )  # no web address: the record's reference in its source ('response 12')
        links.append(
            SourceLink(
                display_name(row),
                url if kind else "",
                ", ".join(filter(None, [": ".join(filter(None, [row["source_db"], reference])), kind])),
            )
        )
    return links


def checked_words(inputs: PracticeInputs, checked: pd.DataFrame) -> str:
    """Who checked these scores, in review_status's words, with the reviewers' agreement on them where two
    or more scored the same on their own (compare.agreement_of_scores, from the history): 'checked by 2
    people, who disagreed on the 1 score both checked on their own, settled by Hannah Schmidt'; checked by
    different kinds of reviewers, each kind counted (never one phrase over all), the agreement with the
    checks it is about."""
    measured = compare.agreement_of_scores(checked, inputs.assessments_history)
    if mixed_kinds(checked["reviewers"]):
        return status_of([ReviewStatus.of(reviewers) for reviewers in checked["reviewers"]], measured, "score")
    return review_words(checked_by(checked), measured, "score")


def data_date(inputs: PracticeInputs) -> tuple[str, str]:
    """Records carry no retrieval date; the checks of the scores shown do. The records are named by
    what their file's sidecar calls them where the file is not the project's own records."""
    records = (
        "Practice records as stored (retrieval dates not recorded)"
        if inputs.shipped_records
        else f"{inputs.practices_data.meta['title']}, as the file holds them"
    )
    checked = inputs.shown_scores[inputs.shown_scores["method"] == REVIEWED]
    if checked.empty:
        return f"{records}; no score checked", ""
    latest = pd.Timestamp(checked["date"].max())
    who = checked_words(inputs, checked)
    who = f"checked ({who})" if mixed_kinds(checked["reviewers"]) else who
    return (f"{records}; {count_of(len(checked), 'score')} {who}, the last on {latest:%-d %B %Y}", f"{latest:%Y-%m-%d}")


def brief_facts(inputs: PracticeInputs, title: str) -> BriefFacts:
    """The opening of the brief: its key messages (compare.key_messages) and the review status of the
    scores shown, in review_status's words, as the catalogue shows it ("9 of the 66 scores checked by
    an AI assistant, not yet by a person; the other 57 automatic, not checked": compare.status_of_scores)."""
    words, day = data_date(inputs)
    status = status_of_scores(inputs.shown_scores, inputs.assessments_history)
    shown = compare.strongest_evidence(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    return BriefFacts(
        title=title,
        question=question(inputs),
        summary=key_messages(
            inputs.readings,
            inputs.chosen,
            inputs.shown_scores,
            inputs.items_in_focus,
            shown,
            inputs.assessments_history,
        ),
        data_date=words,
        as_of=day,
        sources=source_links(inputs),
        illustrative=inputs.illustrative,
        method_note=method_words(inputs.checklist),
        scope=inputs.headline(),
        review_status=status[0].upper() + status[1:],
    )


def scope_partials(inputs: PracticeInputs, matrix: pd.DataFrame) -> str:
    """What a 50 means in a column of whom a practice serves that holds one ("Serves emigrants 50 for
    Skills Passport: going abroad is named without the people abroad being served"), from the item's
    definition in the checklist, so that a 50 there is not read as a group served in part (a title
    naming whom the practices serve counts only the groups read as served); "" where none."""
    said = []
    for item in inputs.checklist.items:
        if item in inputs.checklist.scored_items or item.label not in matrix.columns:
            continue
        partial = [str(name) for name, score in matrix[item.label].items() if score == compare.PARTIAL]
        meaning = item.definition.partition("Partial:")[2].strip()
        if partial and meaning:
            said.append(f"{item.label} 50 ({join_names(partial)}): {meaning[0].lower()}{meaning[1:].rstrip('.')}")
    return (" " + "; ".join(said) + ": not read as serving that group.") if said else ""


def heatmap_figure(inputs: PracticeInputs, matrix: pd.DataFrame, reviewed: pd.DataFrame):
    """(figure, caption, alt text, illustrative) for the practices-by-items heatmap; its title states
    the takeaway, the caption what the chart shows: every practice compared on every item of the
    pillars shown."""
    from .charts import score_heatmap_chart

    checked = inputs.shown_scores[inputs.shown_scores["method"] == REVIEWED]
    marks = (
        f"; a dot and a dark edge: {checked_words(inputs, checked)}; the others automatic, not checked"
        if len(checked)
        else "; every score automatic, not checked"
    )
    items = len(matrix.columns)
    caption = (
        f"Each practice compared (rows) on the {compare.items_counted(inputs.checklist, inputs.pillars)} "
        f"(columns): 0 not shown, 50 shown in part, 100 shown fully, darker where more fully shown{marks}."
        + scope_partials(inputs, matrix)
    )
    title = heatmap_title(inputs.readings, len(inputs.chosen), items)
    marked = harmful_rows(inputs, matrix)
    if any(name != shown for name, shown in marked.items()):
        caption += (
            f" A row{HARMFUL_MARK}: an example reported as harmful in the survey; what it does shows what to avoid."
        )
    chart = score_heatmap_chart(matrix.rename(index=marked), reviewed.rename(index=marked), title=title)
    return chart, caption, None, inputs.illustrative


HARMFUL_MARK = " (reported harmful)"  # a heatmap row's label: an example the survey judged harmful


def harmful_rows(inputs: PracticeInputs, matrix: pd.DataFrame) -> dict[str, str]:
    """Each row label of ``matrix`` (compare.chart_matrices: the chosen practices in order), marked
    HARMFUL_MARK where the practices file records the example as harmful, so that the chart does not
    read it as one to follow."""
    harmful = (inputs.chosen["assessment"] == "harmful") if "assessment" in inputs.chosen else [False] * len(matrix)
    return {name: f"{name}{HARMFUL_MARK}" if bad else name for name, bad in zip(matrix.index, harmful)}


TEMPLATES = Path(__file__).parent / "templates"


class RowsKeptWhole(ShownTable):
    """A table whose rows print whole (templates/rows_kept_whole.html.j2): the practices and their
    sources, one block per practice, the items missing or rare, one block per item, and the checks
    that changed a score, never split across pages, nor their captions."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        data, metadata = super()._repr_mimebundle_(include, exclude)
        data["text/html"] = render("rows_kept_whole.html.j2", TEMPLATES, table=Markup(data["text/html"]))
        return data, metadata


FULL_SCORES_CAPTION = "What each full score rests on: the sentence that shows it, and who checked it"
STRENGTHS_CAPTION = "What our summary of each record shows fully, in part and not at all"
RECORDS_CAPTION = "Each practice: the facts its source gives, whom it serves, and our summary"


def _shown(
    frame: pd.DataFrame,
    caption: str,
    inputs: PracticeInputs,
    row_scores=None,
    column=compare.REVIEW_STATUS_HEADER,
    kind=ShownTable,
) -> ShownTable:
    """A table with its review status said once where every row would repeat it
    (compare.status_said_once); the download keeps every row's status."""
    shown, said = compare.status_said_once(frame, caption, row_scores, column)
    return kind(shown, said, illustrative=inputs.illustrative, csv_frame=frame)


def full_scores_table(inputs: PracticeInputs) -> ShownTable:
    """Every full score of the practices compared with the sentence it rests on (compare.full_score_evidence)."""
    frame = compare.full_score_evidence(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    return _shown(frame, FULL_SCORES_CAPTION, inputs)


def strengths_table(inputs: PracticeInputs) -> ShownTable:
    """What each record's summary shows fully, in part and not at all (compare.strengths_and_gaps)."""
    frame = compare.strengths_and_gaps(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    shown = inputs.shown_scores
    rows = [shown[shown["practice_id"] == practice_id] for practice_id in inputs.chosen["practice_id"]]
    return _shown(frame, STRENGTHS_CAPTION, inputs, rows)


def gaps_table(inputs: PracticeInputs) -> ShownTable:
    """Items missing from the summaries compared, or rare across all records (compare.gaps_table)."""
    readings = [reading for reading in inputs.readings if compare.gap_kind(reading)]
    frame = compare.gaps_table(inputs.readings, len(inputs.chosen))
    field = inputs.scores[inputs.scores["practice_id"].isin(set(inputs.migration_records["practice_id"]))]
    rows = [field[field["item"] == reading.item.key] for reading in readings]
    shown = _shown(frame, compare.GAPS_CAPTION, inputs, rows, compare.ACROSS_ALL_STATUS_HEADER, kind=RowsKeptWhole)
    if len(frame) and compare.example_header_words(inputs.serving) not in frame.columns:  # no item has an example
        shown.caption = f"{shown.caption}. {compare.no_example_sentence(inputs.serving)}"
    return shown


def records_table(inputs: PracticeInputs) -> ShownTable:
    """The practices compared and their sources, each practice's block whole on paper; the page gives
    our notes in a reader's words, the download keeps them as recorded too."""
    frame = compare.record_table(inputs.chosen, inputs.practices)
    recorded = frame.assign(**{compare.NOTES_AS_RECORDED_HEADER: inputs.chosen["notes"].replace("", "—").to_list()})
    return RowsKeptWhole(frame, RECORDS_CAPTION, illustrative=inputs.illustrative, csv_frame=recorded)


RECORDS_HEADING = "The practices compared and their sources"
RECORDS_INTRO = (
    "Facts from the sources (a dash: not said; the notes say where a fact is not stated by its source, as a country "
    "read from a title); who it serves is our reading."
)
RECORDS_INTRO_SUMMARIES = " The summaries are our paraphrase of each source, not its words"
RECORDS_INTRO_LINKS = "; a link is the practice's own page or a listing page showing it among others"
RECORDS_INTRO_REFERENCES = (
    "; a record with no web address is named by its reference in its source (a survey response's number)"
)


def records_intro(inputs: PracticeInputs) -> str:
    """The sources table's introduction, saying what its links are only of the links it holds: pages (a
    practice's own, or a listing), references without a web address (a survey response), or both."""
    kinds = page_kinds(inputs.practices)
    chosen = [kinds.get(practice_id, "") for practice_id in inputs.chosen["practice_id"]]
    return (
        RECORDS_INTRO
        + RECORDS_INTRO_SUMMARIES
        + (RECORDS_INTRO_LINKS if any(chosen) else "")
        + (RECORDS_INTRO_REFERENCES if not all(chosen) else "")
        + "."
    )


def records_section(inputs: PracticeInputs) -> list:
    """The practices compared and their sources under their heading: on paper the heading, its introduction
    and the first practice print together, and the table goes on at the foot of the page before (a heading
    in a cell of its own would carry the first practice's whole block to a new page)."""
    from ..presentation.sections import HeadedBlock

    return [HeadedBlock(RECORDS_HEADING, records_table(inputs), whole=False, intro=records_intro(inputs))]


def changes_table(inputs: PracticeInputs) -> ShownTable:
    """The checks that changed an automatic score, as the key messages count them (compare.changes_table)."""
    frame = compare.changes_table(inputs.shown_scores, inputs.chosen, inputs.checklist)
    caption = compare.CHANGES_CAPTION + ("" if len(frame) else ": none")
    return _shown(frame, caption, inputs, kind=RowsKeptWhole)


def every_record_table(inputs: PracticeInputs) -> ShownTable:
    """Every record counted across records with its scores (compare.every_record_scores): folded, for
    checking; whole in the tables download."""
    from ..presentation import html as show

    frame = compare.every_record_scores(inputs.scores, inputs.migration_records, inputs.checklist, inputs.pillars)
    return show.table(frame, compare.EVERY_RECORD_CAPTION, illustrative=inputs.illustrative, folded=True)
