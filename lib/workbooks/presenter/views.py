"""Prepared views for a webinar: ``params/presenter_views.yaml``, which the presenter edits, lists views
by a title, a workbook and its selections (the names its live view keeps in its page's address, declared
in workbooks.workbook_specs). The landing page links each as ``voila/render/NOTEBOOK.ipynb?name=value...``;
the view opens with those selections, and a reload keeps them. The file is read again on every visit
to the landing page, so a change shows without restarting the server."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from ..common.yaml_files import line_of, read_yaml_file
from ..errors import PreparedViewsError, YamlFileError, located
from ..workbook_specs import WORKBOOKS, Workbook

VIEWS_FILE = Path("params") / "presenter_views.yaml"


def workbook_url(workbook: Workbook) -> str:
    """Where Voila renders the workbook's notebook, relative to the server's root."""
    return f"voila/render/{quote(workbook.notebook)}.ipynb"


@dataclass(frozen=True)
class PreparedView:
    title: str
    workbook: str  # the notebook's stem
    selections: tuple[tuple[str, str], ...]  # (name, value), a list's values repeated
    line: int | None = None  # where the view starts in its file
    problems: tuple[str, ...] = ()  # what is wrong with it, each naming file, line and key: listed, not linked

    @property
    def url(self) -> str:
        query = urlencode(self.selections)
        return workbook_url(WORKBOOKS[self.workbook]) + (f"?{query}" if query else "")


def _text(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def read_prepared_views(path: Path) -> list[PreparedView]:
    """The prepared views of ``path``, in its order; none where the file does not exist. A view with
    something it cannot take carries every such problem (file, line and key), and the others stay
    usable; a file that holds no list of views raises PreparedViewsError."""
    if not path.exists():
        return []
    try:
        loaded = read_yaml_file(path, dates_as_text=True)  # a date is checked by its view, one view at a time
    except YamlFileError as error:
        raise PreparedViewsError(str(error)) from None
    if loaded is None:
        return []
    if not isinstance(loaded, dict) or not isinstance(loaded.get("views"), list):
        raise PreparedViewsError(
            located(path, line_of(loaded, "views"), "views", "the file must hold `views:`, a list of prepared views")
        )
    return [_prepared_view(path, loaded["views"], position) for position in range(1, len(loaded["views"]) + 1)]


def _prepared_view(path: Path, views: list, position: int) -> PreparedView:
    """The view at ``position`` (from 1) of the list ``views``, with every problem it has."""
    of, entry, problems = f"view {position}", views[position - 1], []

    def problem(container, key, reason: str) -> None:
        problems.append(located(path, line_of(container, key), key, reason, of))

    untitled = f"View {position} (line {line_of(views, position - 1)})"
    if not isinstance(entry, dict):
        problems.append(
            located(
                path,
                line_of(views, position - 1),
                None,
                "each view is a mapping with title, workbook and selections",
                of,
            )
        )
        return PreparedView(untitled, "", (), line_of(views, position - 1), tuple(problems))
    for key in sorted(set(entry) - {"title", "workbook", "selections"}, key=str):
        problem(entry, key, "not a key of a prepared view (title, workbook, selections)")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        problem(entry, "title", "give the view a title, the words its link shows")
        title = untitled
    workbook = entry.get("workbook")
    if workbook is None:
        problem(entry, "workbook", f"give the view a workbook, one of: {', '.join(WORKBOOKS)}")
    elif workbook not in WORKBOOKS:
        problem(entry, "workbook", f"{workbook!r} is not a workbook; use one of: {', '.join(WORKBOOKS)}")
    selections = entry.get("selections") or {}
    pairs = []
    if not isinstance(selections, dict):
        problem(entry, "selections", "selections map a name to a value or a list of values")
        selections = {}
    for name, value in selections.items():
        if workbook in WORKBOOKS and name not in WORKBOOKS[workbook].address:
            problem(
                selections,
                name,
                f"the {WORKBOOKS[workbook].name} view has no {name!r}; it takes: "
                f"{', '.join(WORKBOOKS[workbook].address)}",
            )
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(each, (dict, list)) or each is None for each in values):
            problem(selections, name, "a value is a word, a date or a list of them")
            continue
        pairs += [(name, _text(each)) for each in values]
    return PreparedView(
        title.strip(),
        workbook if workbook in WORKBOOKS else "",
        tuple(pairs),
        line_of(views, position - 1),
        tuple(problems),
    )
