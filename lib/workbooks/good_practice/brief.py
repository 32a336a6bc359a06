"""The good-practice brief's opening: the question it answers, a summary, its dates, its sources."""
from __future__ import annotations

import pandas as pd

from ..common.wording import in_sentence, join_names
from ..presentation.page import BriefFacts, SourceLink
from .compare import checklist_gaps, display_name, key_findings
from .inputs import PracticeInputs
from .scoring import REVIEWED


def _pillar_names(inputs: PracticeInputs) -> str:
    keys = inputs.pillars or [pillar.key for pillar in inputs.checklist.pillars]
    return join_names([in_sentence(inputs.checklist.pillar(key).label) for key in keys])


def question(inputs: PracticeInputs) -> str:
    chosen = f" ({inputs.selection})" if inputs.selection else ""
    return (f"What do {len(inputs.chosen)} practice records{chosen} show of the workstream's checklist "
            f"({_pillar_names(inputs)}), and where does the Guidance still lack examples?")


def source_links(inputs: PracticeInputs) -> list[SourceLink]:
    return [SourceLink(display_name(row), row["url"], f"{row['source_db']}; the brief shows our paraphrase of its summary")
            for _, row in inputs.chosen.iterrows()]


def data_date(inputs: PracticeInputs) -> tuple[str, str]:
    """Records carry no retrieval date; the reviews do."""
    reviewed = inputs.chosen_scores[inputs.chosen_scores["method"] == REVIEWED]
    if reviewed.empty:
        return "Practice records as stored (retrieval dates not recorded); no score reviewed", ""
    latest = pd.Timestamp(reviewed["date"].max())
    return (f"Practice records as stored (retrieval dates not recorded); scores reviewed up to {latest:%-d %B %Y}",
            f"{latest:%Y-%m-%d}")


def brief_facts(inputs: PracticeInputs, title: str) -> BriefFacts:
    gaps = checklist_gaps(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    findings = key_findings(inputs.scores, inputs.chosen, gaps, inputs.checklist, inputs.pillars)
    words, day = data_date(inputs)
    method = ("Scores are automatic readings of each record's title and summary against the checklist's patterns "
              "(0 not shown, 50 partly, 100 fully), replaced where a reviewer recorded a score; they say what a short "
              "record shows, not how good a practice is.")
    return BriefFacts(title=title, question=question(inputs), summary=findings[:5], data_date=words, as_of=day,
                      sources=source_links(inputs), illustrative=inputs.illustrative,
                      method_note=method, scope=inputs.headline())


def heatmap_figure(inputs: PracticeInputs, matrix: pd.DataFrame, reviewed: pd.DataFrame):
    """(figure, caption, alt text, illustrative) for the practices-by-items heatmap; the chart says what it shows."""
    from .charts import score_heatmap_chart

    caption = ("Each practice's score on each checklist item in focus: 0 not shown, 50 partly, 100 fully; a dot and a "
               "dark edge mark a reviewed score.")
    return score_heatmap_chart(matrix, reviewed), caption, None, inputs.illustrative


def radar_figure(inputs: PracticeInputs, matrix: pd.DataFrame):
    """(figure, caption, alt text, illustrative) for one radar per practice; the chart says what it shows."""
    from .charts import radar_chart

    caption = "Each practice's item scores (blue) against the mean of the practices compared (dashed)."
    return radar_chart(matrix), caption, None, inputs.illustrative
