"""The timeline brief in the order a reader asks: the question, key messages, what was planned, what
is due next, what the status record shows; the tables; then how to read it and its sources.

Without a recorded status the brief is a planned calendar and says so; with invented statuses every
sentence and title that rests on them says they are invented."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from IPython.display import HTML

from ..common.numbers import FEWEST_FOR_A_MEDIAN
from ..common.wording import count_of, verb_for
from ..presentation.html import TABLE_CSV_MIMETYPE, csv_download, paragraph, rendered_figure, slug, table, table_csv
from ..presentation.markup import render
from ..presentation.page import BriefFacts, SourceLink, sources_and_citation
from ..presentation.sections import HeadedBlock, headed, kept_whole
from ..tables.decisions import decisions_that_count
from ..tables.layouts import STATUS_LOG
from ..tables.sources import cited_sources
from .events import events_by, events_sentence, events_table
from .inputs import TimelineInputs
from .latest_status import recorded_by_words
from .progress import (
    DUE_NEXT,
    Progress,
    activity_tables,
    all_plans_ended,
    day_text,
    due_next_sentence,
    due_next_table,
    how_to_record_sentence,
    key_findings,
    portfolio_table,
    record_sentences,
    short_day_text,
    span_text,
    time_since_text,
)

INVENTED_MARK = " (invented statuses)"  # ends a title or caption that rests on the invented status log
TEMPLATES = Path(__file__).parent / "templates"


# a date in a table's cell ("30 Jun 2024", "Jan 2023") or a timeline as a page writes it ("Q1-Q2 2023", "Q3-4 2024",
# "2022-2024", "2023 - 2024"): printed whole, its spaces and hyphens not a place to break a line ("Jan 2023 – Dec /
# 2023", "Q1- / Q2 2023"); the CSV keeps plain spaces and hyphens
_DATE = re.compile(
    r"(?:\b\d{1,2} )?\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|\bQ[1-4](?: ?-[ ]?Q?[1-4])? \d{4}\b"
    r"|\b(?:19|20)\d\d ?-[ ]?(?:19|20)\d\d\b"
)
NO_BREAK_SPACE = "\u00a0"
NO_BREAK_HYPHEN = "\u2011"


def dates_kept_whole(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for the page: in its text cells, every date's and page timeline's spaces made no-break
    spaces and its hyphens no-break hyphens, so that a narrow column wraps between dates, never inside one."""

    def whole(value):
        return (
            _DATE.sub(lambda date: date.group(0).replace(" ", NO_BREAK_SPACE).replace("-", NO_BREAK_HYPHEN), value)
            if isinstance(value, str)
            else value
        )

    return frame.apply(lambda column: column if pd.api.types.is_numeric_dtype(column) else column.map(whole))


def dated_table(frame: pd.DataFrame, caption: str, illustrative: bool, csv_frame: pd.DataFrame | None = None):
    """A table whose dates print whole (:func:`dates_kept_whole`); its CSV as the data are."""
    return table(
        dates_kept_whole(frame), caption, illustrative=illustrative, csv_frame=frame if csv_frame is None else csv_frame
    )


PLANNED_HEADING = "What was planned"
DUE_NEXT_HEADING = "What is due next"
ACTIVITIES_HEADING = "Every activity"
READING_HEADING = "How to read this brief"


def _one_workstream(inputs: TimelineInputs) -> bool:
    return len(inputs.workstreams) == 1


def glance_heading(inputs: TimelineInputs) -> str:
    return "The workstream at a glance" if _one_workstream(inputs) else "Each workstream at a glance"


def events_heading(inputs: TimelineInputs) -> str:
    return "Dated events on the workstream's page" if _one_workstream(inputs) else "Dated events on the Network's pages"


def _scope(workstreams: list[str]) -> str:
    if len(workstreams) == 1:
        return f"the workstream \u201c{workstreams[0]}\u201d"
    return f"the {len(workstreams)} workstreams of the Network whose pages the project holds"


def question(inputs: TimelineInputs) -> str:
    """The brief's question, asking only what the brief can answer: what was planned and what is due
    next; how the recorded statuses compare with the plan where any is recorded (invented ones said
    so), else whether any is on record; and which dated events the pages list, only where they list any
    on or before the as-of day."""
    asks = [
        f"What was planned to have ended by {day_text(inputs.as_of)} in {_scope(inputs.workstreams)}",
        "what is due next",
    ]
    if inputs.progress.summary.recorded:
        asks.append(
            "how do the recorded statuses"
            + (" (invented)" if inputs.statuses_invented else "")
            + " compare with the plan"
        )
    if len(events_by(inputs.events, inputs.as_of)):
        asks.append(
            "which dated events do the "
            + ("workstream's page" if _one_workstream(inputs) else "Network's pages")
            + " list"
        )
    if not inputs.progress.summary.recorded:
        asks.append("is any activity's status on record")
    return ", ".join(asks[:-1]) + ", and " + asks[-1] + "?"


def source_links(inputs: TimelineInputs) -> list[SourceLink]:
    """The registered pages the plan (and any status) was read from; then the status log itself where
    its statuses of the chosen activities name sources of their own (minutes, an e-mail), by what its
    sidecar calls it, with its provenance."""
    used = set(inputs.selected["source"]) | set(inputs.status_log.frame["source"])
    cited = cited_sources(used, inputs.sources_data.frame)
    links = [
        SourceLink(
            row["title"],
            row["url"],
            "Hub workstream page; "
            + (
                "the project's copy holds the page's words"
                if row["verbatim"]
                else "the project's copy rewrote its prose, keeping names, dates and timelines; activity texts "
                "shown here are our paraphrase"
            )
            + ("" if row["copy"] == "full" else "; the copy stops part-way"),
        )
        for _, row in cited.iterrows()
    ]
    statuses = chosen_statuses(inputs)
    own = statuses[~statuses["source"].isin(set(cited["source_id"]))]
    if len(own) and not inputs.statuses_invented:
        meta = inputs.status_log.meta
        counted = len(decisions_that_count(own, STATUS_LOG))  # one a day an activity: not reviewers' earlier rows
        links.append(
            SourceLink(
                meta["title"],
                "",
                f"{count_of(counted, 'status', 'statuses')} of these activities, "
                f"each naming its source. {meta['provenance'].strip()}",
            )
        )
    return links


def chosen_statuses(inputs: TimelineInputs) -> pd.DataFrame:
    """The status log's rows of the chosen activities."""
    log = inputs.status_log.frame
    keys = set(zip(inputs.selected["workstream"], inputs.selected["activity_id"]))
    chosen = pd.Series([key in keys for key in zip(log["workstream"], log["activity_id"])], index=log.index, dtype=bool)
    return log[chosen]


def status_log_words(inputs: TimelineInputs) -> str:
    """The status log as the method note names it: the project's (data/status_log.csv), or another by
    what its sidecar calls it."""
    if inputs.shipped_status_log:
        return "the project's status log"
    return f"\u201c{inputs.status_log.meta['title']}\u201d"


def data_date(inputs: TimelineInputs) -> str:
    """What the brief's data are as of: the plan and the status record, or, where the status log has no
    status of the chosen activities on or before the day, the plan alone, said so."""
    if inputs.progress.summary.recorded:
        return (
            f"Plan and invented statuses as of {inputs.as_of_words}"
            if inputs.statuses_invented
            else f"Plan and status as of {inputs.as_of_words}"
        )
    return f"Plan as of {inputs.as_of_words}; no status recorded"


def brief_facts(inputs: TimelineInputs, title: str) -> BriefFacts:
    method = (
        "Planned periods are read from each activity's timeline on its workstream page (a quarter or a year, "
        f"from its first day to its last). Statuses come from {status_log_words(inputs)}, each dated and with "
        "its source; "
    )
    method += (
        "in this brief they are invented for demonstration."
        if inputs.statuses_invented
        else "one is added there when a source confirms it, and the brief then shows it."
    )
    statuses = chosen_statuses(inputs)
    recorded_by = recorded_by_words(statuses[statuses["as_of"] <= inputs.as_of])
    method += f" {recorded_by}" if recorded_by else ""
    summary = key_findings(
        inputs.progress, inputs.statuses_invented, inputs.as_of_words, events_sentence(inputs.events, inputs.as_of)
    )
    return BriefFacts(
        title=title,
        question=question(inputs),
        summary=summary,
        data_date=data_date(inputs),
        as_of=f"{inputs.as_of:%Y-%m-%d}",
        sources=source_links(inputs),
        illustrative=inputs.illustrative,
        method_note=method,
        scope=inputs.headline(),
    )


def _invented(statuses_invented: bool) -> str:
    return INVENTED_MARK if statuses_invented else ""


def gantt_title(progress: Progress, statuses_invented: bool = False) -> str:
    """The Gantt chart's takeaway: how many activities were planned to have ended by the day, and
    what the record shows of them."""
    summary = progress.summary
    day = short_day_text(summary.as_of)
    if not summary.with_timeline:
        planned = "No activity has a timeline on its page"
    elif summary.planned_done == summary.with_timeline:
        planned = (
            f"All {summary.with_timeline} activities with a timeline were"
            if summary.with_timeline > 1
            else "The one activity with a timeline was"
        ) + f" planned to have ended by {day}"
    else:
        planned = (
            f"{summary.planned_done} of {summary.with_timeline} activities with a timeline were planned to have "
            f"ended by {day}"
        )
    if summary.recorded_share is None:  # a planned calendar: the title says what the plan shows
        if all_plans_ended(summary):
            last = summary.last_end
            return (
                f"All {summary.with_timeline} activities with a timeline were planned to end by "
                f"{short_day_text(last)}, {time_since_text(last, summary.as_of)} before {day}"
                if summary.with_timeline > 1
                else f"The one activity with a timeline was planned to end by {short_day_text(last)}, "
                f"{time_since_text(last, summary.as_of)} before {day}"
            )
        return planned
    verb = verb_for(summary.completed, "is", "are")
    return f"{planned}; {summary.completed} {verb} recorded as Completed" + _invented(statuses_invented)


def progress_title(progress: Progress, statuses_invented: bool = False) -> str:
    """The planned-against-recorded chart's takeaway, when a status is recorded."""
    summary = progress.summary
    gap = summary.planned_done - summary.completed
    lead = (
        "Recorded progress trails the plan"
        if gap > 0
        else "Recorded progress is level with the plan"
        if gap == 0
        else "Recorded progress is ahead of the plan"
    )
    return (
        f"{lead}: {summary.completed} of {summary.with_timeline} activities Completed against "
        f"{summary.planned_done} planned to have ended by {short_day_text(summary.as_of)}"
        + _invented(statuses_invented)
    )


def gantt_figure(inputs: TimelineInputs):
    """(figure, caption, alt text, illustrative) for the timeline bars; the title says what they show,
    the caption how to read them."""
    from .charts import event_marks, gantt_chart, off_axis_words, time_axis

    summary = inputs.progress.summary
    colour = (
        ", coloured by its latest status on or before the as-of day" + _invented(inputs.statuses_invented)
        if summary.recorded
        else ""
    )
    axis = time_axis(inputs.progress)
    if axis.as_of_on_axis:
        marks = (
            f"The dashed line is {day_text(inputs.as_of)}; the shaded band is the next quarter "
            f"({span_text(*summary.next_quarter)})"
        )
    else:
        marks = (
            f"The axis spans the planned periods only; the as-of day ({off_axis_words(inputs.progress, axis)}) "
            "is marked at its edge"
        )
    caption = f"Each bar is an activity's planned period from its page{colour}. {marks}" + (
        "; a thick black outline marks an overdue activity." if summary.overdue else "."
    )
    events = events_by(inputs.events, inputs.as_of)
    if len(events):
        shared = max(
            (mark.count for _, group in events.groupby("workstream") for mark in event_marks(group["day"], axis)),
            default=1,
        )
        near = f"\u00d7{shared}: {shared} close together; " if shared > 1 else ""
        caption = caption[:-1] + (
            f"; a diamond marks a dated event its page lists ({near}see {events_heading(inputs)})."
        )
    else:  # no events section: its one sentence is said here
        caption += " " + events_sentence(inputs.events, inputs.as_of)
    return (
        gantt_chart(
            inputs.progress,
            title=gantt_title(inputs.progress, inputs.statuses_invented),
            events=events,
            illustrative=inputs.illustrative,
        ),
        caption,
        None,
        inputs.illustrative,
    )


def planned_section(inputs: TimelineInputs) -> list:
    """What was planned: the Gantt chart (:func:`gantt_figure`) under its heading."""
    return headed(PLANNED_HEADING, [HTML(rendered_figure(*gantt_figure(inputs)))])


def due_next_section(inputs: TimelineInputs) -> list:
    """What is due in the next quarter, under its heading: a sentence, and the activities due, if any."""
    sentence = due_next_sentence(inputs.progress)
    shown = [paragraph(sentence)] if sentence else []
    due = due_next_table(inputs.progress.activities)
    if len(due):
        shown.append(
            dated_table(
                due,
                f"Activities due to end in the next quarter ({span_text(*inputs.progress.summary.next_quarter)})",
                inputs.illustrative,
            )
        )
    return headed(DUE_NEXT_HEADING, shown)


EVENTS_PAGE_COLUMN = "Workstream page"
EVENTS_CAPTION = "Dated events the workstream pages list, up to {day}"


class EventsShown:
    """The events section in a notebook: its HTML from the template, and the table as CSV for the
    runner to pack into the tables download."""

    def __init__(self, html: str, frame: pd.DataFrame | None, caption: str):
        self.html, self.frame, self.caption = html, frame, caption

    def _repr_mimebundle_(self, include=None, exclude=None):
        data, metadata = {"text/html": self.html}, {}
        if self.frame is not None and len(self.frame):
            data[TABLE_CSV_MIMETYPE] = table_csv(self.frame)
            metadata = {TABLE_CSV_MIMETYPE: {"caption": self.caption, "file": slug(self.caption) + ".csv"}}
        return data, metadata


def events_section(inputs: TimelineInputs) -> list:
    """Dated events on the Network's pages, under their heading: the events the chosen workstreams'
    pages list on or before the as-of day, each with its day, its name as the page gives it (the
    project's copies keep names and dates, also where they reword the prose), the page it comes from
    (linked), what else the page shows of it, and the activity it names, if any. What they are and are
    not (not statuses) is said first. Nothing when no event is listed: the Gantt chart's caption says
    so in one sentence (:func:`gantt_figure`)."""
    events = events_by(inputs.events, inputs.as_of)
    if events.empty:
        return []
    day = short_day_text(inputs.as_of)
    intro = [
        "These are the events the workstream pages list under Events or Upcoming events, with the day the page "
        "gives. A page lists them beside its activities: they show what was held or planned, not whether an "
        "activity was done, and no event here is counted as an activity's status."
    ]
    caption = EVENTS_CAPTION.format(day=day)
    full = events_table(events)
    shown = full.drop(columns=["Page address"])
    notes = []
    wordings = shown["Wording"].unique()
    if len(wordings) == 1:
        shown = shown.drop(columns="Wording")
        notes.append(f"Event names and dates: {wordings[0]}")
    if (events["activity_id"] == "").all():
        shown = shown.drop(columns="Activity the page names")
        notes.append("no page ties an event to an activity")
    intro.append("; ".join(notes).capitalize() + "." if notes else "")
    rows = [
        SimpleNamespace(cells=list(row), url=url if str(url).startswith(("https://", "http://")) else "")
        for row, url in zip(shown.astype(str).itertuples(index=False), full["Page address"])
    ]
    download = csv_download(caption, table_csv(full))
    html = render(
        "events.html.j2",
        TEMPLATES,
        intro=[i for i in intro if i],
        caption=caption,
        columns=list(shown.columns),
        rows=rows,
        page_column=EVENTS_PAGE_COLUMN,
        download=download,
    )
    return headed(events_heading(inputs), [EventsShown(html, full, caption)])


RECORD_HEADING = "What the status record shows"


def record_section(inputs: TimelineInputs) -> list:
    """What the status record shows, under its heading, when any status is recorded: recorded against
    planned progress as a chart, and every sentence on the record (the key messages keep the first
    few). Nothing, heading and all, in a planned calendar: its key messages say that no status is
    recorded, once."""
    if not inputs.progress.summary.recorded:
        return []  # a planned calendar: the key messages say once that no status is recorded
    from .charts import progress_chart

    figure = progress_chart(inputs.progress.summary, title=progress_title(inputs.progress, inputs.statuses_invented))
    caption = (
        f"Share of the activities with a timeline planned to have ended by {day_text(inputs.as_of)}, and "
        "the share whose latest recorded status is Completed" + _invented(inputs.statuses_invented) + "."
    )
    shown = [HTML(rendered_figure(figure, caption, illustrative=inputs.illustrative))]
    shown += [paragraph(sentence) for sentence in record_sentences(inputs.progress, inputs.statuses_invented)]
    return headed(RECORD_HEADING, shown)


def portfolio_caption(progress: Progress, statuses_invented: bool = False, workstream: str | None = None) -> str:
    """The workstream table's title: when every workstream's plan ended before the day, that; else
    what the table holds, as of the day. With ``workstream``, the one workstream's table, named."""
    day = short_day_text(progress.as_of)
    record = " and record" if progress.summary.recorded else ""
    if all_plans_ended(progress.summary):
        last = short_day_text(progress.summary.last_planned_end)
        caption = (
            f"{workstream}: its plan had ended before {day}, the last activity on {last}"
            if workstream
            else f"Every workstream's plan had ended before {day}: the last on {last}"
        )
    else:
        caption = (
            f"{workstream}: its plan{record} as of {day}"
            if workstream
            else f"Each workstream's plan{record}, as of {day}"
        )
    return caption + _invented(statuses_invented)


def portfolio_shown(inputs: TimelineInputs):
    """The table of workstreams; for one workstream, its one row read down a column (measure, value),
    captioned with the workstream's name."""
    portfolio = portfolio_table(inputs.progress.activities, inputs.as_of)
    if _one_workstream(inputs) and len(portfolio) == 1:
        row = portfolio.iloc[0]
        caption = portfolio_caption(inputs.progress, inputs.statuses_invented, workstream=row["Workstream"])
        portfolio = pd.DataFrame({"Measure": list(portfolio.columns[1:]), "Value": [str(v) for v in row.iloc[1:]]})
        return dated_table(portfolio, caption, inputs.illustrative)
    return dated_table(portfolio, portfolio_caption(inputs.progress, inputs.statuses_invented), inputs.illustrative)


def glance_section(inputs: TimelineInputs) -> list:
    """The workstreams at a glance: the heading, worded for one workstream or several, and the table."""
    return headed(glance_heading(inputs), [portfolio_shown(inputs)])


def activity_tables_shown(inputs: TimelineInputs) -> list:
    """One table per workstream: each activity's text, its plan and its latest recorded status; the
    caption says how many and whose words the texts are."""
    shown = []
    for workstream, wording, rows, full in activity_tables(
        inputs.progress.activities, inputs.as_of, inputs.paraphrased_sources, sources_shown=not inputs.statuses_invented
    ):
        words = f"; texts: {wording}" if wording else ""
        caption = f"{workstream}: {count_of(len(rows), 'activity')}{words}{_invented(inputs.statuses_invented)}"
        shown.append(dated_table(rows, caption, inputs.illustrative, csv_frame=full))
    headed_tables = headed(ACTIVITIES_HEADING, shown)
    return headed_tables[:1] + [kept_whole(shown_table) for shown_table in headed_tables[1:]]


def reading_notes(inputs: TimelineInputs) -> list[str]:
    """How to read the brief, after its findings: days, planned periods, the next quarter, and, where
    a status is recorded, the flags and how slippage is summed up."""
    summary = inputs.progress.summary
    notes = [
        "The as-of day is read at its end: a status recorded on it counts, and an activity planned to end on it has "
        "ended. A planned period runs from the first day of the first quarter or year the page gives to the last day "
        "of the last (Q2-Q3 2024 is 1 April to 30 September 2024).",
        "Planned to have ended: the planned end falls on or before the as-of day"
        + (
            "; this comes from the plan alone, whatever the status."
            if all_plans_ended(summary)
            else f". {DUE_NEXT.capitalize()}: the planned end falls in the three months after it "
            f"({span_text(*summary.next_quarter)}). Both come from the plan alone, whatever the status."
        ),
    ]
    notes.append(
        "The tables' columns (and their CSV files, one per table in the tables download): Wording says whether "
        "an activity's text is the page's own words or our paraphrase (from a copy whose prose was rewritten); "
        "Timeline on the page "
        "is the period as the page writes it, Planned end its last day; Planned, as of the day places the plan "
        "on the as-of day (not yet due to start, planned to be under way, planned to have ended)"
        + (
            "; Latest recorded status is the status recorded last on or before the as-of day, with that "
            "day; Flags names what the record shows against the plan."
            if summary.recorded
            else "."
        )
    )
    if summary.recorded:
        notes += [
            "Overdue: the planned end falls before the as-of day and the latest recorded status is Yet to start or "
            "In progress; days overdue run from the planned end to the as-of day. An activity due on the as-of day "
            "itself is not overdue: its flag says it is due that day. Late start: planned start before the as-of day "
            "and still recorded as Yet to start (a start due that day is not yet late). Recorded Completed after end: "
            "the first Completed record falls after the planned end (one recorded on the planned end is on time); "
            "slippage is the days from the planned end to that record, an upper bound: a status is dated by the day "
            "a source confirmed it, not by the day the work ended. Where two reviewers recorded different statuses "
            "for the same activity and day and nobody has settled it, the row recorded last counts and the "
            "activity's flags say who recorded what.",
            f"Slippage of fewer than {FEWEST_FOR_A_MEDIAN} activities is given as the values themselves; from "
            f"{FEWEST_FOR_A_MEDIAN} on, as their median and range.",
        ]
    else:
        notes.append(
            "Overdue, late and done are not said of any activity: each needs a dated status from a source. "
            + how_to_record_sentence()
            + " Overdue and late activities are then flagged."
        )
    return notes


def sources_shown(facts: BriefFacts):
    """Sources and how to cite (:func:`.presentation.page.sources_and_citation`) kept whole on paper: its
    closing note ("Not for citing", or how to cite) never left alone on a last page."""
    return HeadedBlock(None, sources_and_citation(facts))


def reading_notes_shown(inputs: TimelineInputs) -> list:
    return headed(READING_HEADING, [paragraph(note) for note in reading_notes(inputs)])
