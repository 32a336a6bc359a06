"""The consultation brief's opening: the question it answers, a summary, its dates, its sources;
and the captions and alt text of its figures."""
from __future__ import annotations

import pandas as pd

from ..presentation.page import BriefFacts, SourceLink
from ..tables.sources import cited_sources, load_sources
from .inputs import ConsultationInputs


def _names(labels) -> str:
    labels = list(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else (labels[0] if labels else "")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def discussion_titles(inputs: ConsultationInputs) -> list[str]:
    """The chosen discussions as a reader knows them: the page title registered for each, else its name."""
    registry = load_sources().set_index("source_id")["title"]
    titles = []
    for discussion in inputs.coded["discussion"].drop_duplicates():
        title = registry.get(discussion, discussion)
        if title not in titles:
            titles.append(title)
    return titles


def question(inputs: ConsultationInputs) -> str:
    titles = discussion_titles(inputs)
    where = (f"the Hub consultation \u201c{titles[0]}\u201d" if len(titles) == 1 else
             f"{_plural(len(titles), 'Hub discussion', 'Hub discussions')}")
    if inputs.focus:
        return (f"What did stakeholders say in {where} about {_names(inputs.labels[c] for c in inputs.focus)}, and "
                "who said it?")
    return (f"What did stakeholders say in {where}: which GCM objectives, guiding principles and checklist themes did "
            "they raise, and who said it?")


def source_links(inputs: ConsultationInputs) -> list[SourceLink]:
    used = list(dict.fromkeys(inputs.coded["source"]))
    cited = cited_sources(used)
    links = [SourceLink(row["title"], row["url"],
                        "Hub discussion; stored copy verbatim" if row["verbatim"] else
                        "Hub discussion; stored copy rebuilt with its prose paraphrased, so comments from it are "
                        "shown as paraphrases")
             for _, row in cited.iterrows()]
    unregistered = [source for source in used if source not in set(cited["source_id"])]
    links += [SourceLink(source, "", "not a registered Hub page") for source in unregistered]
    return links


def data_date(inputs: ConsultationInputs) -> tuple[str, str]:
    posted = pd.to_datetime(inputs.coded["posted"].replace("", None), errors="coerce").dropna()
    if posted.empty:
        return "Comments as stored from the pages (their posting dates are not shown)", ""
    latest = posted.max()
    undated = len(inputs.coded) - len(posted)
    note = f"; {_plural(undated, 'comment shows', 'comments show')} no date" if undated else ""
    return f"Comments posted up to {latest:%-d %B %Y}{note}", f"{latest:%Y-%m-%d}"


def brief_facts(inputs: ConsultationInputs, title: str, summary: list[str]) -> BriefFacts:
    words, day = data_date(inputs)
    method = ("Codes come from an automatic keyword coder (a codebook of patterns for the 23 GCM objectives, the 10 "
              "guiding principles and the checklist themes); where a review of a code is recorded, the review counts "
              "instead, and every count says which it is.")
    return BriefFacts(title=title, question=question(inputs), summary=summary[:5], data_date=words, as_of=day,
                      sources=source_links(inputs), illustrative=inputs.comments_data.illustrative, method_note=method)


def frequency_figure(inputs: ConsultationInputs):
    """(figure, caption, alt text, illustrative) for the comments-per-code bars."""
    from .charts import code_frequency_chart

    frequency, total = inputs.frequency, len(inputs.coded)
    bars = "; ".join(f"{row['label']}: {int(row['comments'])}" for _, row in frequency.iterrows())
    alt = (f"Horizontal bar chart of the comments (of {total}) raising each code, most frequent first. "
           + (bars + "." if bars else "No code is raised."))
    caption = f"Comments raising each code, of {_plural(total, 'comment', 'comments')}; a comment counts once per code."
    return code_frequency_chart(frequency, total), caption, alt, inputs.comments_data.illustrative


def heatmap_figure(inputs: ConsultationInputs, table: pd.DataFrame):
    """(figure, caption, alt text, illustrative) for codes by stakeholder type."""
    from .charts import heatmap_chart

    cells = [f"{code}: " + ", ".join(f"{kind} {int(n)}" for kind, n in row.items() if n) for code, row in table.iterrows()
             if row.sum()]
    alt = (f"Heatmap of {len(table)} codes (rows) by {len(table.columns)} stakeholder types (columns), darker for more "
           "comments. " + ("; ".join(cells) + "." if cells else "No comment raises these codes."))
    caption = "Comments raising each code, by the stakeholder type of whoever posted them."
    return heatmap_chart(table), caption, alt, inputs.comments_data.illustrative
