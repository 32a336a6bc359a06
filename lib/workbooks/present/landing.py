"""The presenter's landing page: one link per workbook with a line on what it shows. Self-contained
(no script, nothing from another host), so it opens at once. The page is the template
present/templates/landing.html.j2, which extends the project's base page."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from ..catalogue import Workbook
from ..presentation.markup import render

TEMPLATES = Path(__file__).parent / "templates"


def workbook_url(workbook: Workbook) -> str:
    """Where Voila renders the workbook's notebook, relative to the server's root."""
    return f"voila/render/{quote(workbook.notebook)}.ipynb"


def landing_page(workbooks: list[Workbook]) -> str:
    return render("landing.html.j2", TEMPLATES, workbooks=[
        SimpleNamespace(name=workbook.name, shows=workbook.shows, url=workbook_url(workbook)) for workbook in workbooks])
