"""The good-practice brief's opening: the question it answers, its key messages, its dates, its
sources; figure titles that state the takeaway, captions and alt text."""
from __future__ import annotations

import pandas as pd

from ..common.wording import in_sentence, join_names
from ..presentation.page import BriefFacts, SourceLink
from ..tables.review_status import review_words
from .compare import display_name, heatmap_title, key_messages, method_words, status_of_scores
from .inputs import PracticeInputs
from .records import page_kinds
from .scoring import REVIEWED


def _pillar_names(inputs: PracticeInputs) -> str:
    keys = inputs.pillars or [pillar.key for pillar in inputs.checklist.pillars]
    return join_names([in_sentence(inputs.checklist.pillar(key).label) for key in keys])


def question(inputs: PracticeInputs) -> str:
    """What the brief answers: what our summaries of the records compared show of the checklist, and
    whether what they leave out is rare across all records too (the data hold short records, not the
    Guidance, nor the practices themselves)."""
    chosen = f" ({inputs.selection})" if inputs.selection else ""
    return (f"What do our summaries of {len(inputs.chosen)} practice records{chosen} show of the workstream's "
            f"checklist ({_pillar_names(inputs)}), what do they not show, and is that rare across all "
            f"{len(inputs.migration_records)} records that name a migrant group too?")


def source_links(inputs: PracticeInputs) -> list[SourceLink]:
    """Each record compared, linked to the page it was found on, saying whether that is the
    practice's own page or a listing page (records.page_kinds)."""
    kinds = page_kinds(inputs.practices)
    links = []
    for _, row in inputs.chosen.iterrows():
        kind = kinds.get(row["practice_id"], "")
        links.append(SourceLink(display_name(row), row["url"], ", ".join(filter(None, [row["source_db"], kind]))))
    return links


def data_date(inputs: PracticeInputs) -> tuple[str, str]:
    """Records carry no retrieval date; the checks of the scores shown do."""
    checked = inputs.shown_scores[inputs.shown_scores["method"] == REVIEWED]
    if checked.empty:
        return "Practice records as stored (retrieval dates not recorded); no score checked", ""
    latest = pd.Timestamp(checked["date"].max())
    return (f"Practice records as stored (retrieval dates not recorded); {len(checked)} scores "
            f"{review_words(checked['reviewer'])}, the last on {latest:%-d %B %Y}", f"{latest:%Y-%m-%d}")


def brief_facts(inputs: PracticeInputs, title: str) -> BriefFacts:
    """The opening of the brief: its key messages (compare.key_messages) and the review status of the
    scores shown, in review_status's words, as the catalogue shows it ("9 of the 66 scores checked by
    an AI assistant, not yet by a person; the other 57 automatic, not checked": compare.status_of_scores)."""
    words, day = data_date(inputs)
    status = status_of_scores(inputs.shown_scores)
    return BriefFacts(title=title, question=question(inputs),
                      summary=key_messages(inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus),
                      data_date=words, as_of=day, sources=source_links(inputs), illustrative=inputs.illustrative,
                      method_note=method_words(inputs.checklist), scope=inputs.headline(),
                      review_status=status[0].upper() + status[1:])


def heatmap_figure(inputs: PracticeInputs, matrix: pd.DataFrame, reviewed: pd.DataFrame):
    """(figure, caption, alt text, illustrative) for the practices-by-items heatmap; its title states
    the takeaway, the caption what the chart shows: every practice compared on every item of the
    pillars shown."""
    from .charts import score_heatmap_chart

    checked = inputs.shown_scores[inputs.shown_scores["method"] == REVIEWED]
    marks = (f"; a dot and a dark edge: {review_words(checked['reviewer'])}; the others automatic, not checked"
             if len(checked) else "; every score automatic, not checked")
    items = len(matrix.columns)
    caption = (f"Each practice compared (rows) scored on each of the {items} checklist items of the pillars shown "
               f"(columns): 0 not shown, 50 shown in part, 100 shown fully, darker where more fully shown{marks}.")
    title = heatmap_title(inputs.readings, len(inputs.chosen))
    return score_heatmap_chart(matrix, reviewed, title=title), caption, None, inputs.illustrative

