"""What the runner takes out of an executed notebook besides its HTML: the brief's facts for the
catalogue (title, question, data date, illustrative), and every shown table as CSV, packed in a zip."""

from __future__ import annotations

import io
import zipfile

import nbformat

from ..presentation.html import TABLE_CSV_MIMETYPE
from ..presentation.page import BRIEF_FACTS_MIMETYPE


def _outputs(notebook: nbformat.NotebookNode):
    for cell in notebook.cells:
        if cell.cell_type == "code" and "notebook-only" not in cell.metadata.get("tags", []):
            yield from cell.get("outputs", [])


def brief_facts(notebook: nbformat.NotebookNode) -> dict:
    """The facts the notebook's opening showed (see presentation/page.py), or {} if it showed none."""
    for output in _outputs(notebook):
        facts = output.get("data", {}).get(BRIEF_FACTS_MIMETYPE)
        if facts:
            return dict(facts)
    return {}


def shown_tables(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(file name, CSV text) for every table the brief shows, numbered in page order."""
    tables: list[tuple[str, str]] = []
    for output in _outputs(notebook):
        text = output.get("data", {}).get(TABLE_CSV_MIMETYPE)
        if text is None:
            continue
        meta = output.get("metadata", {}).get(TABLE_CSV_MIMETYPE, {})
        tables.append((f"{len(tables) + 1:02d}-{meta.get('file', 'table.csv')}", "".join(text)))
    return tables


def tables_zip(tables: list[tuple[str, str]], readme: str) -> bytes:
    """The tables in one zip, with a README saying what they are; fixed timestamps, so the same
    tables give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [("README.txt", readme), *tables]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, readable by all: unzip gave rw------- without it
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
