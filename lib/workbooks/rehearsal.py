"""A webinar's rehearsal: every prepared view of params/presenter_views.yaml opened as presenter mode
opens it, in its workbook's live view built from the notebook's own defaults and loader, and what the
view could not take said (a practice, a code, a question or a date the data lack), as the page would
say it in its status line. ``workbooks present --check`` (``make check-views``) prints it.

Sits above the workbooks, as the command line does: the presenter's server (``present``) imports no
workbook, so it checks only the file's form on the landing page, and this checks the values against
the data before the webinar."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from .consultation.live import ConsultationExplorer
from .good_practice.live import PracticeExplorer
from .loaders import LOADERS
from .presenter.views import PreparedView, read_prepared_views
from .publish.parameters import declared_parameters
from .timeline.live import TimelineExplorer
from .workbook_specs import WORKBOOKS

LIVE_VIEWS = {  # each workbook's live view, as its notebook's live cell makes it from the loaded inputs
    "timeline_progress": TimelineExplorer,
    "consultation_inputs": ConsultationExplorer,
    "good_practice_comparison": PracticeExplorer,
}


def presented_view(notebook: str, root: Path):
    """The workbook's live view as presenter mode opens it with no address: the notebook's default
    parameters, its one load, its live view."""
    workbook = WORKBOOKS[notebook]
    defaults = {
        name: parameter.default
        for name, parameter in declared_parameters(root / "notebooks" / f"{notebook}.ipynb").items()
    }
    inputs = LOADERS[notebook](*[defaults[name] for name in workbook.loader_arguments], root=root)
    return LIVE_VIEWS[notebook](inputs)


@dataclass(frozen=True)
class Rehearsed:
    view: PreparedView
    problems: tuple[str, ...]  # the file's problems with the view, else what the live view said of its selections

    @property
    def opens_as_prepared(self) -> bool:
        return not self.problems


class _LiveView(Protocol):
    """What a rehearsal asks of a workbook's live view (presentation.live.LiveView, not imported here)."""

    problems: list[str]
    refused: list[str]

    def apply_query(self, query: str) -> None: ...


def rehearse(views_file: Path, root: Path) -> list[Rehearsed]:
    """Each prepared view of ``views_file``, opened in its live view (one view per workbook, built once)."""
    opened: dict[str, _LiveView] = {}
    rehearsed = []
    for view in read_prepared_views(views_file):
        if view.problems:
            rehearsed.append(Rehearsed(view, view.problems))
            continue
        if view.workbook not in opened:
            opened[view.workbook] = presented_view(view.workbook, root)
        live = opened[view.workbook]
        live.apply_query(urlsplit(view.url).query)
        rehearsed.append(Rehearsed(view, tuple(live.problems) + tuple(live.refused)))
        if live.refused:
            del opened[view.workbook]  # a control left holding a refusal: the next view starts from a fresh one
    return rehearsed
