"""The timeline brief's opening: the question it answers, a summary, its date, its sources."""
from __future__ import annotations

from ..presentation.page import BriefFacts, SourceLink
from ..tables.sources import cited_sources
from .inputs import TimelineInputs
from .progress import key_findings


def _scope(workstreams: list[str]) -> str:
    if len(workstreams) == 1:
        return f"the workstream \u201c{workstreams[0]}\u201d"
    return f"the Network's {len(workstreams)} workstreams"


def question(inputs: TimelineInputs) -> str:
    return (f"By {inputs.as_of:%-d %B %Y}, which activities of {_scope(inputs.workstreams)} were planned to have "
            "ended, and what does the status record show?")


def source_links(inputs: TimelineInputs) -> list[SourceLink]:
    used = set(inputs.selected["source"]) | set(inputs.status_log.frame["source"])
    return [SourceLink(row["title"], row["url"], "Hub workstream page" + ("" if row["copy"] == "full" else
                                                                         ", stored copy partial"))
            for _, row in cited_sources(used).iterrows()]


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
        sources=source_links(inputs), illustrative=illustrative, method_note=method)


def is_illustrative(inputs: TimelineInputs) -> bool:
    return any(dataset.illustrative for dataset in inputs.datasets)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def progress_figure(inputs: TimelineInputs):
    """(figure, caption, alt text, illustrative) for the planned-against-recorded bars."""
    from .charts import progress_chart

    summary, day = inputs.progress.summary, f"{inputs.as_of:%-d %B %Y}"
    planned = (f"{summary.planned_done} of {summary.with_timeline} activities with a timeline were planned to have "
               f"ended by {day}") if summary.with_timeline else "No activity has a timeline"
    recorded = ("no status is recorded" if summary.recorded_share is None else
                f"{summary.completed} of {summary.with_timeline} are recorded as Completed")
    alt = f"Bar chart of planned against recorded progress. {planned}; {recorded}."
    caption = f"Planned against recorded progress, as of {day}."
    return progress_chart(summary), caption, alt, is_illustrative(inputs)


def gantt_figure(inputs: TimelineInputs):
    """(figure, caption, alt text, illustrative) for the timeline bars."""
    from .charts import gantt_chart

    assessed, day = inputs.progress.activities, f"{inputs.as_of:%-d %B %Y}"
    with_timeline = assessed[assessed["planned_start"].notna()]
    span = (f" from {with_timeline['planned_start'].min():%B %Y} to {with_timeline['planned_end'].max():%B %Y}"
            if len(with_timeline) else "")
    statuses = assessed["status"].value_counts()
    status_words = "; ".join(f"{_count(int(n), 'activity', 'activities')} {status}" for status, n in statuses.items())
    alt = (f"Timeline chart: one bar per activity ({_count(len(assessed), 'activity', 'activities')} in "
           f"{_count(len(inputs.workstreams), 'workstream', 'workstreams')}){span}, with a line at {day}. "
           f"Latest status: {status_words}. {_count(inputs.progress.summary.overdue, 'activity is', 'activities are')} "
           "marked overdue. The table of activities below gives every bar's dates and status.")
    caption = (f"Each activity's planned period, coloured by its latest status on or before {day}; a thick vermilion "
               "edge marks an overdue activity.")
    return gantt_chart(inputs.progress), caption, alt, is_illustrative(inputs)
