"""The links at the top of a brief's page: made where the page is published (outputs/NOTEBOOK/NAME.html, by
:func:`.export.export_brief_html`) and again where an edition of it is kept (outputs/history/NOTEBOOK/NAME/STAMP/,
by :func:`.history.edition_page`), so that every link resolves from where the page is. The markup is the
template publish/templates/catalogue/brief_nav.html.j2."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..presentation.markup import render
from .brief_files import beside_the_page
from .catalogue_page import CATALOGUE_PAGE, HISTORY_PAGE, brief_anchor

TEMPLATES = Path(__file__).parent / "templates" / "catalogue"

_BRIEF_NAV = re.compile(
    r'<nav\b[^>]*\bclass="brief-back"[^>]*>.*?</nav>', re.DOTALL
)  # the brief template's, filled here


def brief_nav(brief: str, page: str, made: str = "") -> str:
    """The links at the top of a brief's page, each relative to where the page is (``page``, its path in the
    outputs folder): the catalogue and the brief's editions on the history page; for an edition kept in the
    history (``made``: when it was made, for readers), the brief's current edition too, and words saying that
    the page is the edition of that time; for the current edition, its PDF and its tables zip, beside it."""
    up = "../" * (len(Path(page).parts) - 1)
    current_edition = bool(brief and not made)  # its PDF and tables are beside its page
    return render(
        "brief_nav.html.j2",
        TEMPLATES,
        catalogue=up + CATALOGUE_PAGE,
        history=f"{up}{HISTORY_PAGE}#{brief_anchor(brief)}" if brief else "",
        current=up + quote(f"{brief}.html") if made else "",
        made=made,
        pdf=quote(beside_the_page(brief, "pdf")) if current_edition else "",
        tables=quote(beside_the_page(brief, "tables")) if current_edition else "",
    )


def with_nav(html: str, nav: str) -> str:
    """The page with its links at the top (:func:`brief_nav`) in place of those it had."""
    return _BRIEF_NAV.sub(lambda _: nav, html, count=1)
