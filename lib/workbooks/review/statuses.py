"""Activity statuses, to record: one card per activity of the workstream pages (what was planned and
when, the latest status recorded), one thing each: its status on a day, from a source (a source_id of
data/sources.csv, a URL), in the statuses the Hub's pages list (tables/vocabularies.py). No status is
ever guessed: the automatic step records none, and an activity without one reads "Not recorded".
Decisions go to the status log (data/status_log.csv, or the file given)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.dates import parse_date
from ..common.paths import project_root, resolve
from ..errors import ParameterError, ReviewError
from ..presentation.markup import render
from ..tables.datasets import load_dataset
from ..tables.layouts import STATUS_LOG
from ..tables.references import ReferenceTarget, check_references
from ..tables.vocabularies import NOT_RECORDED, STATUSES
from ..timeline.latest_status import latest_status
from .decision_files import DecisionFile
from .queue import Card, Choice, Queue, Thing, recorded_on, unit_key

TEMPLATES = Path(__file__).parent / "templates"
NONE_RECORDED = "no status is read from the pages: a person records it, from a source"
HIDDEN_IN_BLIND_MODE = "hidden in blind mode: another reviewer recorded one (untick Blind to see it)"


@dataclass
class StatusQueue(Queue):
    """Activity statuses to record (see the module's docstring)."""

    files: tuple = ()  # activities_file
    workstream: str = ""  # the one workstream whose activities the cards show; "" for every workstream
    _activities: pd.DataFrame | None = field(default=None, init=False, repr=False)  # read by reload_inputs

    @property
    def activities(self) -> pd.DataFrame:
        """The activities whose statuses are recorded (read by :meth:`reload_inputs`)."""
        if self._activities is None:
            raise RuntimeError("StatusQueue's activities are not read yet: make the queue with StatusQueue.load.")
        return self._activities

    @property
    def workstreams(self) -> list[str]:
        """The workstreams of the activities file, in its order: what a reviewer may narrow the queue to."""
        return list(dict.fromkeys(self._activities["workstream"])) if self._activities is not None else []

    def choose_workstream(self, workstream: str) -> None:
        """Show only ``workstream``'s activities ("" for every workstream's); ReviewError for one the
        activities file does not have."""
        if workstream and workstream not in self.workstreams:
            raise ReviewError(
                f"{workstream!r} is not a workstream of {self.files[0]}; its workstreams: "
                f"{'; '.join(self.workstreams)}."
            )
        self.workstream = workstream

    @classmethod
    def load(cls, activities_file, status_log_file, root: Path | None = None) -> "StatusQueue":
        root = root or project_root()
        decisions = DecisionFile.read(resolve(status_log_file, root), STATUS_LOG, root)
        queue = cls(
            title="Activity statuses",
            noun="activity status",
            decisions=decisions,
            root=root,
            files=(activities_file,),
            thing_columns=("workstream", "activity_id"),
        )
        queue.reload_inputs()
        return queue

    def reload_inputs(self) -> None:
        activities = load_dataset(self.files[0], self.root, layout="activities")
        self._activities = activities.frame
        self.decisions.made_from = activities
        check_references(
            self.decisions.frame,
            STATUS_LOG,
            self.decisions.path,
            {"activities": ReferenceTarget(activities.frame, activities.path.name)},
        )
        self.watch(activities.path)

    def make_cards(self, history: pd.DataFrame, reviewer: str, blind: bool) -> list[Card]:
        recorded = recorded_on(
            history,
            STATUS_LOG,
            lambda row: f"{row['status']} as of {row['as_of']:%Y-%m-%d} (source: {row['source']})",
            columns=self.thing_columns,
            dated=False,
        )
        latest = (
            latest_status(history, pd.Timestamp(datetime.date.today()))
            if len(history)
            else pd.DataFrame(columns=["workstream", "activity_id", "status", "status_as_of", "status_source"])
        )
        latest_of = {(row.workstream, row.activity_id): row for row in latest.itertuples(index=False)}
        everyone = self.decisions.frame
        others = (
            set()
            if not blind or everyone.empty
            else set(  # what blind mode hides: statuses others recorded
                zip(
                    everyone.loc[everyone["reviewer"].astype(str).str.strip() != reviewer, "workstream"],
                    everyone.loc[everyone["reviewer"].astype(str).str.strip() != reviewer, "activity_id"],
                )
            )
        )
        cards = []
        listed = (
            self.activities
            if not self.workstream
            else self.activities[self.activities["workstream"] == self.workstream]
        )
        for position, (_, activity) in enumerate(listed.iterrows(), start=1):
            key = (activity["workstream"], activity["activity_id"])
            now = latest_of.get(key)
            if now is not None:
                shown = f"{now.status} as of {now.status_as_of:%Y-%m-%d} (source: {now.status_source})"
            else:
                shown = HIDDEN_IN_BLIND_MODE if key in others else NOT_RECORDED
            thing = Thing(
                unit=key,
                label="Status",
                automatic=NONE_RECORDED,
                evidence="",
                choices=tuple(
                    Choice(status, status, keeps=now is not None and str(now.status) == status) for status in STATUSES
                ),
                recorded=tuple(recorded.get(unit_key(key), [])),
            )
            planned = str(activity["timeline_raw"] or "no timeline on the page")
            body = render(
                "activity.html.j2",
                TEMPLATES,
                workstream=activity["workstream"],
                activity_id=activity["activity_id"],
                description=activity["description"],
                planned=planned,
                latest=shown,
            )
            cards.append(Card(" / ".join(key), f"Activity {position} of {len(listed)}", body, (thing,)))
        return cards

    def row(
        self, thing: Thing, choice: Choice, reviewer: str, note: str, mode: str, as_of=None, source: str = "", **extra
    ) -> dict:
        source = " ".join(str(source or "").split())
        if not source:
            raise ReviewError(
                "Give the status's source (a source_id of data/sources.csv, or the address of the page or "
                "message that confirms it): every status names where it comes from. Nothing was recorded."
            )
        if (
            as_of in (None, "") or not str(as_of).strip()
        ):  # never today by default: a status holds on the day its source says
            raise ReviewError(
                f"Give the day the status held, as its source says, written YYYY-MM-DD (today is "
                f"{datetime.date.today():%Y-%m-%d}). Nothing was recorded."
            )
        try:
            day = parse_date(str(as_of).strip())
        except (ParameterError, ValueError):
            raise ReviewError(
                f"The status's date, “{as_of}”, is not a real day written YYYY-MM-DD (for example "
                f"{datetime.date.today():%Y-%m-%d}): correct it and click the status again. Nothing was "
                "recorded."
            ) from None
        if day.date() > datetime.date.today():
            raise ReviewError(
                f"The status's date, {day:%Y-%m-%d}, is in the future: record a status once it is "
                "observed. Nothing was recorded."
            )
        workstream, activity_id = thing.unit
        return {
            "workstream": workstream,
            "activity_id": activity_id,
            "as_of": f"{day:%Y-%m-%d}",
            "status": choice.value,
            "source": source,
            "note": note,
            "reviewer": reviewer,
            "mode": mode,
        }
