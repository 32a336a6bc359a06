"""The presenter's landing page: one link per workbook with a line on what it shows, then the prepared
views of params/presenter_views.yaml (presenter.views), or what is wrong with that file. Self-contained
(no script, nothing from another host), so it opens at once. The page is the template
presenter/templates/landing.html.j2, which extends the project's base page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from ..errors import PreparedViewsError
from ..presentation.markup import render
from ..workbook_specs import WORKBOOKS, Workbook
from .views import read_prepared_views, workbook_url

TEMPLATES = Path(__file__).parent / "templates"


def landing_page(workbooks: list[Workbook], views_file: Path | None = None) -> str:
    """The page, with the prepared views of ``views_file`` (read now) where it is given."""
    views, problem = [], ""
    if views_file is not None and Path(views_file).resolve().is_relative_to(Path.cwd().resolve()):
        views_file = Path(views_file).resolve().relative_to(Path.cwd().resolve())  # as the presenter knows it:
        # params/presenter_views.yaml, not the computer's folders, on a page the audience may see
    if views_file is not None:
        try:
            views = read_prepared_views(views_file)
        except PreparedViewsError as error:
            problem = str(error)
    return render(
        "landing.html.j2",
        TEMPLATES,
        workbooks=[
            SimpleNamespace(name=workbook.name, shows=workbook.shows, url=workbook_url(workbook))
            for workbook in workbooks
        ],
        views=[
            SimpleNamespace(
                title=view.title,
                url="" if view.problems else view.url,
                problems=view.problems,
                workbook=WORKBOOKS[view.workbook].name if view.workbook else "",
            )
            for view in views
        ],
        unusable=sum(1 for view in views if view.problems),
        views_file=str(views_file) if views_file is not None else "",
        problem=problem,
    )
