"""A link from a brief's page to its tables zip, for a table whose CSV is too long to carry in the page
(:func:`.html.csv_download`). The notebook cannot know where the zip will be: the link carries
:data:`TABLES_ZIP_HREF`, and the runner's export gives it the zip's address (:func:`with_tables_zip`), beside the
page and beside each edition the history keeps. This module imports nothing, so the runner reads it cheaply."""

from __future__ import annotations

from urllib.parse import quote

TABLES_ZIP_HREF = "#tables-zip"
IN_TABLES_ZIP_CLASS = "brief-in-tables-zip"
_PLACEHOLDER = f'class="{IN_TABLES_ZIP_CLASS}" href="{TABLES_ZIP_HREF}"'


def links_to_tables_zip(html: str) -> bool:
    """Whether the page links to its tables zip (an edition kept in the history then keeps a copy of the zip)."""
    return f'class="{IN_TABLES_ZIP_CLASS}"' in html


def with_tables_zip(html: str, zip_name: str) -> str:
    """The page with its links to the tables zip pointing to ``zip_name`` (a file beside the page)."""
    return html.replace(_PLACEHOLDER, f'class="{IN_TABLES_ZIP_CLASS}" href="{quote(zip_name)}"')
