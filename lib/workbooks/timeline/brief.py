"""The timeline brief's opening: the question it answers, a summary, its date, its sources."""
from __future__ import annotations

from ..presentation.page import BriefFacts, SourceLink
from ..tables.sources import cited_sources
from .inputs import TimelineInputs
from .progress import key_findings


def _scope(workstreams: list[str]) -> str:
    if len(workstreams) == 1:
        return f"the workstream \u201c{workstreams[0]}\u201d"
    return f"the {len(workstreams)} workstreams of the Network whose pages the project holds"


def question(inputs: TimelineInputs) -> str:
    return (f"By {inputs.as_of:%-d %B %Y}, which activities of {_scope(inputs.workstreams)} were planned to have "
            "ended, and what does the status record show?")


def source_links(inputs: TimelineInputs) -> list[SourceLink]:
    used = set(inputs.selected["source"]) | set(inputs.status_log.frame["source"])
    return [SourceLink(row["title"], row["url"], "Hub workstream page; "
                       + ("stored copy verbatim" if row["verbatim"] else "stored copy rebuilt, its activity texts "
                          "shown here are paraphrases")
                       + ("" if row["copy"] == "full" else "; the copy stops part-way"))
            for _, row in cited_sources(used, inputs.sources_data.frame).iterrows()]


def brief_facts(inputs: TimelineInputs, title: str) -> BriefFacts:
    illustrative = any(dataset.illustrative for dataset in inputs.datasets)
    method = ("Planned periods are read from each activity's timeline on its workstream page (a quarter or a year, "
              "from its first day to its last). Statuses come from the status log, dated; ")
    method += ("in this brief they are invented for demonstration." if illustrative else
               "the Hub pages list the status options but do not show which one is selected, so none is recorded "
               "unless a dated source says so.")
    return BriefFacts(
        title=title, question=question(inputs), summary=key_findings(inputs.progress),
        data_date=f"Plan and status as of {inputs.as_of:%-d %B %Y}", as_of=f"{inputs.as_of:%Y-%m-%d}",
        sources=source_links(inputs), illustrative=illustrative, method_note=method, scope=inputs.headline())


def progress_figure(inputs: TimelineInputs):
    """(figure, caption, alt text, illustrative) for the planned-against-recorded bars; the chart says what it shows."""
    from .charts import progress_chart

    caption = f"Planned against recorded progress, as of {inputs.as_of:%-d %B %Y}."
    return progress_chart(inputs.progress.summary), caption, None, inputs.illustrative


def gantt_figure(inputs: TimelineInputs):
    """(figure, caption, alt text, illustrative) for the timeline bars; the chart says what it shows."""
    from .charts import gantt_chart

    caption = (f"Each activity's planned period, coloured by its latest status on or before {inputs.as_of:%-d %B %Y}; "
               "a thick vermilion edge marks an overdue activity.")
    return gantt_chart(inputs.progress), caption, None, inputs.illustrative
