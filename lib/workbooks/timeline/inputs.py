"""Load and cross-check what the timeline workbook needs: activities, a status log, a selection."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import TableError
from ..tables.datasets import Dataset, load_dataset
from ..tables.selection import select_by_names
from .progress import ProgressSummary, parse_as_of, unknown_status_rows


@dataclass(frozen=True)
class TimelineInputs:
    activities: Dataset
    status_log: Dataset
    selected: pd.DataFrame  # activities of the chosen workstreams
    as_of: pd.Timestamp

    @property
    def datasets(self) -> list[Dataset]:
        return [self.activities, self.status_log]

    @property
    def workstreams(self) -> list[str]:
        return sorted(self.selected["workstream"].unique())

    def headline(self, summary: ProgressSummary) -> str:
        return (f"As of {self.as_of:%-d %B %Y}: {summary.activities} activities in {len(self.workstreams)} "
                f"workstream(s), {summary.with_timeline} with a timeline.")

    def caveats(self, summary: ProgressSummary) -> list[tuple[str, str]]:
        """(text, kind) notes a reader must see before any number: invented data, or no data at all."""
        if self.status_log.illustrative:
            return [("ILLUSTRATIVE DATA: the statuses in this brief are invented for demonstration "
                     f"({self.status_log.name}). They are not recorded statuses of any workstream.", "warning")]
        if summary.recorded == 0:
            return [("No status is recorded for these activities on or before this date: the brief shows planned "
                     "progress only. The Hub pages list status options but not which one is selected.", "info")]
        return []


def select_workstreams(activities: pd.DataFrame, workstreams: list[str]) -> pd.DataFrame:
    """The activities of the named workstreams (all when the list is empty); unknown names are an error."""
    return select_by_names(activities, "workstream", workstreams, "workstreams", "workstream")


def load_timeline_inputs(activities_file: str | Path, status_log_file: str | Path,
                         workstreams: list[str], as_of, root: Path | None = None) -> TimelineInputs:
    activities = load_dataset(activities_file, root)
    status_log = load_dataset(status_log_file, root)
    unknown = unknown_status_rows(activities.frame, status_log.frame)
    if len(unknown):
        raise TableError(status_log.path, [
            f"line {index + 2}: activity {row['workstream']!r} {row['activity_id']!r} is not in {activities.path.name}"
            for index, row in unknown.iterrows()])
    return TimelineInputs(activities, status_log, select_workstreams(activities.frame, list(workstreams)),
                          parse_as_of(as_of))
