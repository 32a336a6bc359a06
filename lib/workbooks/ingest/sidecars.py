"""The sidecars ``workbooks ingest ...`` writes beside the tables it builds, so that the next command
(``workbooks code``, ``score``, a brief) takes the table as it is: what the table is, the pages or
records read, when, and the command line that built it (``rebuild``, ``built``, ``built_from``).

A sidecar a person wrote (one without ``built``, as data/comments.meta.yaml) is kept as it is:
its words are theirs (:func:`workbooks.tables.datasets.built_sidecar_text`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.files import atomic_write_text
from ..common.paths import sidecar_path
from ..common.wording import count_of, join_names
from ..tables.datasets import Build, built_sidecar_text

# What one row of each built table is, for its sidecar's description (the layouts describe the
# project's tables, with where they come from; these describe a table built from the files named).
ROWS = {
    "activities": "One row per planned activity of a workstream, as its page states it, with its timeline as "
    "written and the planned start and end dates read from it.",
    "comments": "One row per comment posted on the discussion pages read: the question it answers (by position), "
    "who posted it and for which organisation where the page or the text says so, when, whom it "
    "replies to, its text as shown, and whether the page cut it off.",
    "questions": "One row per discussion question shown on the pages read, by position on the page, with its "
    "poster and date where the page shows them.",
    "practices": "One row per practice record: its facts as the record states them, a summary, and whom the "
    "record says the practice serves. An empty cell means the record did not say, never 'none'.",
}


@dataclass(frozen=True)
class PlannedSidecar:
    """A table's sidecar, composed and checked before the table is written: ``text`` None where a
    person's sidecar is kept."""

    table: Path
    text: str | None

    @property
    def path(self) -> Path:
        return sidecar_path(self.table)

    def write(self) -> str:
        """Write it (atomically) and say what became of it, for the command's output."""
        if self.text is None:
            return f"kept {self.path} as it is (a person's sidecar: no `built` key)"
        atomic_write_text(self.path, self.text)
        return f"wrote {self.path}"


def _pages_read(pages: pd.DataFrame) -> str:
    """'data/raw/pages/002.txt (seed-002-draft-network-workplan, "Draft Network Workplan 2022-2024",
    https://..., full copy)' for each registered page read, joined."""
    return join_names(
        [f'{row.file} ({row.source_id}, "{row.title}", {row.url}, {row.copy} copy)' for row in pages.itertuples()]
    )


def _titles(pages: pd.DataFrame) -> str:
    return join_names([f'"{title}"' for title in dict.fromkeys(pages["title"])])


def page_table_sidecar(
    out: Path | str, layout: str, frame: pd.DataFrame, pages: pd.DataFrame, build: Build
) -> PlannedSidecar:
    """The sidecar of a table read from registered pages (``pages``: their rows of data/sources.csv,
    in the order read): activities, comments or questions."""
    what = {"activities": "Activities", "comments": "Comments", "questions": "Discussion questions"}[layout]
    kind = "workstream" if layout == "activities" else "discussion"
    read = count_of(len(pages), f"{kind} page")
    title = f"{what} read from {'the ' + kind + ' page ' + _titles(pages) if len(pages) == 1 else read}"
    description = f"{ROWS[layout]} Read from {read}: {_titles(pages)}."
    provenance = (
        f"Built by `{build.command}` on {build.when} from {count_of(len(pages), 'stored page')} "
        f"registered in data/sources.csv: {_pages_read(pages)}. Each row's `source` is the source_id "
        "of the page it was read from; a partial copy stops part-way, so its last rows may be cut off."
        + (" Comment text is untrusted user content." if layout == "comments" else "")
    )
    return PlannedSidecar(Path(out), built_sidecar_text(out, layout, frame, build, title, description, provenance))


def practices_sidecar(
    out: Path | str, frame: pd.DataFrame, records: str, checklist: str, build: Build
) -> PlannedSidecar:
    """The sidecar of a practices table built from a raw records file (``records``) with the
    checklist's "who it serves" items (``checklist``), as recorded in ``build.read``."""
    title = f"Practice records from {Path(records).name}"
    description = f"{ROWS['practices']} Built from {records}: {count_of(len(frame), 'record')}."
    provenance = (
        f"Built by `{build.command}` on {build.when} from {records}, keeping every column and cell "
        "(record_id becomes practice_id). target_group and target_group_basis are added from the words "
        f'of each record\'s title and summary, by the "who it serves" items of {checklist}: "unknown" '
        "where they do not say. Each row's `url` is where the record comes from."
    )
    return PlannedSidecar(Path(out), built_sidecar_text(out, "practices", frame, build, title, description, provenance))
