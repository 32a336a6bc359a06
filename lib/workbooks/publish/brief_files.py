"""A brief's files, declared once: the end of each one's name, and its name beside the brief's page. It imports
nothing of the runner, so that the export, the links atop a page and the history all read it (run_records.py imports
report.py, which imports history.py)."""

from __future__ import annotations

from pathlib import Path

# kind -> the end of its name. Each is made beside its final name (the "running_" kind: .NAME.running.html), and all
# of them, once made, replace the last good ones by renames (run_records.py, execute.py).
MADE = {"html": ".html", "pdf": ".pdf", "tables": ".tables.zip", "notebook": ".ipynb"}
SHOWN = ("html", "pdf", "tables")  # the files the run record and the catalogue point readers to


def beside_the_page(brief: str, kind: str) -> str:
    """The file name of ``brief``'s (NOTEBOOK/NAME) file of ``kind`` (:data:`MADE`), in the folder of its page."""
    return f"{Path(brief).name}{MADE[kind]}"
