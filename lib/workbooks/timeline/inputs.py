"""Load and cross-check what the timeline workbook needs: activities, a status log, the chosen
workstreams and the as-of day (parsed here, once), and the progress assessed on that day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..common import dates
from ..common.dates import parse_date
from ..common.paths import resolve
from ..common.wording import count_of, noun_for
from ..errors import ParameterError
from ..ingest.page_text import read_page
from ..presentation.html import Caveat, illustrative_caveats
from ..tables.datasets import Dataset, load_dataset
from ..tables.layouts import STATUS_LOG
from ..tables.references import ReferenceTarget, check_references
from ..tables.selection import select_by_names
from ..tables.sources import cited_sources, is_verbatim
from .events import combine_events, dated_events
from .progress import Progress, assess_progress, day_text

SHIPPED_STATUS_LOG = "data/status_log.csv"  # the project's status log, to which confirmed statuses are added


@dataclass(frozen=True)
class TimelineInputs:
    activities: Dataset
    status_log: Dataset
    selected: pd.DataFrame  # activities of the chosen workstreams
    progress: Progress  # the selected activities assessed as of the chosen day
    sources_data: Dataset  # the pages registry: titles, addresses, and which copies are paraphrased
    events: pd.DataFrame = field(default_factory=lambda: combine_events([]))  # dated events on the workstreams' pages
    loaded_on: date = field(default_factory=lambda: dates.run_day())  # the day of the run that made the brief
    shipped_status_log: bool = True  # whether the status log is the project's own (data/status_log.csv)

    @property
    def as_of(self) -> pd.Timestamp:
        return self.progress.as_of

    @property
    def datasets(self) -> list[Dataset]:
        return [self.activities, self.status_log, self.sources_data]

    @property
    def illustrative(self) -> bool:
        return self.activities.illustrative or self.status_log.illustrative

    @property
    def statuses_invented(self) -> bool:
        """The status log is invented: every sentence resting on it says so."""
        return self.status_log.illustrative

    @property
    def as_of_words(self) -> str:
        """The as-of day as the brief writes it: "30 June 2024", or "6 December 2026, the day this
        brief was made" when it is the day of the run (``as_of: today``, or that day written out)."""
        return day_text(self.as_of) + (", the day this brief was made" if self.as_of.date() == self.loaded_on else "")

    @property
    def paraphrased_sources(self) -> list[str]:
        """The registered pages of the chosen activities whose stored copy was rebuilt with its prose
        rewritten: their activity texts are paraphrases, not the page's words."""
        cited = cited_sources(self.selected["source"], self.sources_data.frame)
        return list(cited.loc[~cited["verbatim"], "source_id"])

    @property
    def workstreams(self) -> list[str]:
        return sorted(self.selected["workstream"].unique())

    def headline(self) -> str:
        """The sentence under the brief's title: the day, how many activities and workstreams, and, in
        plain words, where the plans were read: the project's copies of the Hub's pages, and whether
        their prose is the page's or was rewritten (names, dates and timelines kept). Said here once,
        where the brief first speaks of copies; later it says "our paraphrase" and "the copy"."""
        summary = self.progress.summary
        workstreams = len(self.workstreams)
        cited = cited_sources(self.selected["source"], self.sources_data.frame)
        rewritten = int((~cited["verbatim"]).sum())
        one = len(cited) == 1
        copies = (
            "The plan is read from the project's copy of the workstream's page"
            if one
            else f"The plans are read from the project's copies of the workstreams' {len(cited)} pages"
        ) + " on the Migration Network Hub"
        if not rewritten:
            copies += ", in the page's own words." if one else ", in the pages' own words."
        else:
            which = (
                "its prose was"
                if one
                else "the prose of every copy was"
                if rewritten == len(cited)
                else f"the prose of {count_of(rewritten, 'copy', 'copies')} was"
            )
            copies += (
                f": {which} rewritten in other words, keeping names, dates and timelines as on the page, so "
                f"{'its' if one else 'their'} activity texts are our paraphrase."
            )
        return (
            f"As of {day_text(self.as_of)}: {summary.activities} activities in {workstreams} "
            f"{noun_for(workstreams, 'workstream')}, {summary.with_timeline} with a timeline. " + copies
        )

    def caveats(self) -> list[Caveat]:
        """Notes a reader must see before any number: invented statuses. That no status is recorded is
        a finding, said once in the key messages (:func:`.progress.no_status_sentence`)."""
        invented = illustrative_caveats(
            [self.status_log],
            "the statuses in this brief are invented for demonstration. "
            "They are not recorded statuses of any workstream.",
        )
        return invented  # no status recorded at all is said once, in the key messages


def load_events(sources: pd.DataFrame, workstreams: list[str], root: Path | None = None) -> pd.DataFrame:
    """The dated events listed on the registered workstream pages of ``workstreams`` (a page's title is
    its workstream's name), soonest first (:mod:`.events`), each with its page's address and whether
    the stored copy holds the page's words (``verbatim``) or rewrote its prose (event names are kept either way)."""
    pages = sources[(sources["kind"] == "workstream") & sources["title"].isin(workstreams)]
    events = combine_events(
        [
            dated_events(read_page(resolve(row["file"], root)), row["title"], row["source_id"])
            for _, row in pages.iterrows()
        ]
    )
    by_source = pages.set_index("source_id")
    events["url"] = events["source"].map(by_source["url"])
    events["verbatim"] = events["source"].map(by_source["note"].map(is_verbatim)).astype(bool)
    return events


def select_workstreams(activities: pd.DataFrame, workstreams: list[str]) -> pd.DataFrame:
    """The activities of the named workstreams (all when the list is empty); unknown names are an error."""
    return select_by_names(activities, "workstream", workstreams, "workstreams", "workstream")


def parse_as_of(value) -> pd.Timestamp:
    """The as-of day from the parameter (YYYY-MM-DD text, a date, or ``today``: the day of the run);
    a clear error naming it otherwise. The one place the timeline reads the parameter."""
    try:
        return parse_date(value)
    except ValueError as error:
        raise ParameterError(None, "as_of", str(error)) from None


def load_timeline_inputs(
    activities_file: str | Path,
    status_log_file: str | Path,
    workstreams: list[str],
    as_of,
    root: Path | None = None,
    check_only: bool = False,
) -> TimelineInputs | None:
    """What the timeline brief needs, checked; with ``check_only`` (the brief runner, before the
    kernel) the same loading and checks, and None returned."""
    day = parse_as_of(as_of)
    activities = load_dataset(activities_file, root, layout="activities")
    status_log = load_dataset(status_log_file, root, layout="status_log")
    check_references(
        status_log.frame,
        STATUS_LOG,
        status_log.path,
        {"activities": ReferenceTarget(activities.frame, activities.path.name)},
    )
    selected = select_workstreams(activities.frame, list(workstreams))
    sources = load_dataset("data/sources.csv", root)
    progress = assess_progress(selected, status_log.frame, day)
    events = load_events(sources.frame, sorted(selected["workstream"].unique()), root)
    shipped = status_log.path == resolve(SHIPPED_STATUS_LOG, root)
    return (
        None
        if check_only
        else TimelineInputs(activities, status_log, selected, progress, sources, events, shipped_status_log=shipped)
    )
