"""Prepared views for a webinar: ``params/presenter_views.yaml``, which the presenter edits, lists views
by a title, a workbook and its selections (the names its live view keeps in its page's address, declared
in workbooks.catalogue). The landing page links each as ``voila/render/NOTEBOOK.ipynb?name=value...``;
the view opens with those selections, and a reload keeps them. The file is read again on every visit
to the landing page, so a change shows without restarting the server."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from ..catalogue import WORKBOOKS, Workbook
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import PreparedViewsError, YamlFileError, located

VIEWS_FILE = Path("params") / "presenter_views.yaml"


def workbook_url(workbook: Workbook) -> str:
    """Where Voila renders the workbook's notebook, relative to the server's root."""
    return f"voila/render/{quote(workbook.notebook)}.ipynb"


@dataclass(frozen=True)
class PreparedView:
    title: str
    workbook: str  # the notebook's stem
    selections: tuple[tuple[str, str], ...]  # (name, value), a list's values repeated

    @property
    def url(self) -> str:
        query = urlencode(self.selections)
        return workbook_url(WORKBOOKS[self.workbook]) + (f"?{query}" if query else "")


def _text(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def read_prepared_views(path: Path) -> list[PreparedView]:
    """The prepared views of ``path``, in its order; none where the file does not exist. Raises
    PreparedViewsError naming file, line and key for anything a view cannot take."""
    if not path.exists():
        return []
    try:
        loaded = read_yaml_file(path)
    except YamlFileError as error:
        raise PreparedViewsError(str(error)) from None

    def problem(container, key, reason: str, of: str | None = None) -> PreparedViewsError:
        return PreparedViewsError(located(path, line_of(container, key), key, reason, of))

    if loaded is None:
        return []
    if not isinstance(loaded, dict) or not isinstance(loaded.get("views"), list):
        raise problem(loaded, "views", "the file must hold `views:`, a list of prepared views")
    views = []
    for position, entry in enumerate(loaded["views"], start=1):
        of = f"view {position}"
        if not isinstance(entry, dict):
            raise problem(loaded["views"], position - 1, "each view is a mapping with title, workbook and selections",
                          of)
        unknown = sorted(set(entry) - {"title", "workbook", "selections"})
        if unknown:
            raise problem(entry, unknown[0], "not a key of a prepared view (title, workbook, selections)", of)
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            raise problem(entry, "title", "give the view a title, the words its link shows", of)
        workbook = entry.get("workbook")
        if workbook not in WORKBOOKS:
            raise problem(entry, "workbook", f"{workbook!r} is not a workbook; use one of: {', '.join(WORKBOOKS)}", of)
        selections = entry.get("selections") or {}
        if not isinstance(selections, dict):
            raise problem(entry, "selections", "selections map a name to a value or a list of values", of)
        names = WORKBOOKS[workbook].address
        pairs = []
        for name, value in selections.items():
            if name not in names:
                raise problem(selections, name, f"the {WORKBOOKS[workbook].name} view has no {name!r}; it takes: "
                                                f"{', '.join(names)}", of)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(each, (dict, list)) or each is None for each in values):
                raise problem(selections, name, "a value is a word, a date or a list of them", of)
            pairs += [(name, _text(each)) for each in values]
        views.append(PreparedView(title.strip(), workbook, tuple(pairs)))
    return views
