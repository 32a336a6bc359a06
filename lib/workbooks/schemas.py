"""Table layouts: column metadata defined once, turned into pandera schemas and a data dictionary.

Every CSV under ``data/`` has a layout here. :func:`load_table` reads a CSV as text, checks the
header, validates every cell with pandera, and only then converts types, so that a bad cell is
reported as ``FILE, line N, column C: ...`` before any analysis sees it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd
import pandera.pandas as pa

from .status import STATUSES

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # "text" | "date" | "integer"
    description: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class TableLayout:
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    unique_key: tuple[str, ...] = ()
    references: Mapping[str, str] = field(default_factory=dict)  # column -> "table.column"

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


class TableError(ValueError):
    """A table that does not fit its layout; the message names file, line and column."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{self.path}: {len(problems)} problem(s)\n  " + "\n  ".join(shown) + more)


SOURCES = TableLayout(
    name="sources",
    description="Every source page, registered once; other tables point to it by source_id.",
    columns=(
        ColumnSpec("source_id", "text", "Short stable id of the source, used in every table's `source` column.",
                   pattern=r"^[a-z0-9][a-z0-9-]*$"),
        ColumnSpec("file", "text", "Path of the stored page text, relative to the project root."),
        ColumnSpec("kind", "text", "Kind of page.", allowed=("workstream", "discussion")),
        ColumnSpec("url", "text", "Public address of the page.", pattern=r"^https?://"),
        ColumnSpec("title", "text", "Title of the page; for a workstream page, the workstream's name."),
        ColumnSpec("copy", "text", "Whether the stored copy holds the whole page or stops part-way.",
                   allowed=("full", "partial")),
        ColumnSpec("date", "date", "Retrieved or published date, when known.", required=False, pattern=ISO_DATE),
        ColumnSpec("date_kind", "text", "What `date` is.", allowed=("retrieved", "published", "unknown")),
        ColumnSpec("note", "text", "Provenance notes: how the copy was made, what it lacks.", required=False),
    ),
    unique_key=("source_id",),
)

ACTIVITIES = TableLayout(
    name="activities",
    description="One row per planned activity of a Network workstream, as its Hub page states it.",
    columns=(
        ColumnSpec("workstream", "text", "Name of the workstream (the source page's title)."),
        ColumnSpec("activity_id", "text", "Roman numeral as on the page (i, ii, ...); position (1, 2, ...) where the page numbers none."),
        ColumnSpec("description", "text", "The activity's text as on the page, lines joined by spaces."),
        ColumnSpec("timeline_raw", "text", "The `Timeline:` value as written; empty where the page stops before it.", required=False),
        ColumnSpec("planned_start", "date", "First day of the first quarter or year of the timeline.", required=False, pattern=ISO_DATE),
        ColumnSpec("planned_end", "date", "Last day of the last quarter or year of the timeline.", required=False, pattern=ISO_DATE),
        ColumnSpec("flags", "text", "Ingest flags joined by ';': cut-off-before-timeline, no-timeline-on-page, unnumbered.", required=False),
        ColumnSpec("source", "text", "source_id in data/sources.csv of the page the row was read from."),
        ColumnSpec("page_line", "integer", "Line of the stored page file where the activity starts.", pattern=r"^\d+$"),
    ),
    unique_key=("workstream", "activity_id"),
    references={"source": "sources.source_id"},
)

STATUS_LOG = TableLayout(
    name="status_log",
    description="Recorded statuses of activities: one row per observation, the latest on or before a date wins.",
    columns=(
        ColumnSpec("workstream", "text", "Workstream name, as in activities.csv."),
        ColumnSpec("activity_id", "text", "Activity id, as in activities.csv."),
        ColumnSpec("as_of", "date", "Date on which the status was observed or recorded.", pattern=ISO_DATE),
        ColumnSpec("status", "text", "Yet to start, In progress or Completed ('Ongoing' is read as In progress).",
                   allowed=STATUSES),
        ColumnSpec("source", "text", "Where the status comes from: a source_id, a URL, or 'illustrative'."),
        ColumnSpec("note", "text", "Free text.", required=False),
    ),
    unique_key=("workstream", "activity_id", "as_of"),
)

LAYOUTS: dict[str, TableLayout] = {layout.name: layout for layout in (SOURCES, ACTIVITIES, STATUS_LOG)}


def pandera_schema(layout: TableLayout) -> pa.DataFrameSchema:
    """The pandera schema of a layout, for a frame read as text (empty cells are '')."""
    columns = {}
    for spec in layout.columns:
        checks = []
        if spec.required:
            checks.append(pa.Check(lambda s: s.str.strip() != "", element_wise=False, error="must not be empty"))
        if spec.allowed:
            allowed = spec.allowed
            checks.append(pa.Check(lambda s, allowed=allowed: (s == "") | s.isin(allowed),
                                   error="must be one of: " + ", ".join(allowed)))
        if spec.pattern:
            pattern = spec.pattern
            checks.append(pa.Check(lambda s, pattern=pattern: (s == "") | s.str.contains(pattern, regex=True).astype(bool),
                                   error=f"must match {spec.pattern}"))
        if spec.kind == "date":
            checks.append(pa.Check(lambda s: (s == "") | pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna(),
                                   error="must be a real date written YYYY-MM-DD"))
        columns[spec.name] = pa.Column(checks=checks, nullable=False, coerce=False)
    return pa.DataFrameSchema(columns, strict=False, ordered=False,
                              unique=list(layout.unique_key) or None, report_duplicates="exclude_first")


def _problems_from(error: pa.errors.SchemaErrors) -> list[str]:
    problems = []
    cases = error.failure_cases
    for _, case in cases.iterrows():
        index = case.get("index")
        column = case.get("column")
        check = str(case.get("check"))
        value = case.get("failure_case")
        if index is None or pd.isna(index):
            problems.append(f"column {column!r}: {check}")
            continue
        line = int(index) + 2  # header is line 1
        if column is None or (isinstance(column, float) and pd.isna(column)) or check.startswith("field_uniqueness") \
                or check.startswith("multiple_fields_uniqueness"):
            problems.append(f"line {line}: duplicate key {value!r} ({check})")
        else:
            problems.append(f"line {line}, column {column!r}: {value!r} {check}")
    return problems


def read_text_table(path: Path | str) -> pd.DataFrame:
    """A CSV read as text: every cell a str, empty cells '' (nothing turned into NaN)."""
    path = Path(path)
    if not path.exists():
        raise TableError(path, ["no such file"])
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise TableError(path, [f"not a readable UTF-8 CSV: {error}"]) from None


def validate_text_table(frame: pd.DataFrame, layout: TableLayout, path: Path | str) -> None:
    expected = layout.column_names
    missing = [name for name in expected if name not in frame.columns]
    unknown = [name for name in frame.columns if name not in expected]
    header_problems = []
    if missing:
        header_problems.append(f"line 1: missing column(s) {', '.join(missing)} (the {layout.name} layout has: {', '.join(expected)})")
    if unknown:
        header_problems.append(f"line 1: unknown column(s) {', '.join(map(str, unknown))}")
    if header_problems:
        raise TableError(path, header_problems)
    try:
        pandera_schema(layout).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise TableError(path, _problems_from(error)) from None


def typed(frame: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """Convert a validated text frame to analysis types (dates, integers, missing values)."""
    result = frame[layout.column_names].copy()
    for spec in layout.columns:
        column = result[spec.name]
        if spec.kind == "date":
            result[spec.name] = pd.to_datetime(column.where(column != ""), format="%Y-%m-%d")
        elif spec.kind == "integer":
            result[spec.name] = pd.to_numeric(column.where(column != "")).astype("Int64")
        else:
            result[spec.name] = column.astype(object)
    return result


def load_table(path: Path | str, layout: TableLayout | str,
               normalisers: Mapping[str, Callable[[str], str]] | None = None) -> pd.DataFrame:
    """Read, validate and type one CSV; raise :class:`TableError` naming file, line and column."""
    if isinstance(layout, str):
        layout = LAYOUTS[layout]
    frame = read_text_table(path)
    for column, normalise in (normalisers or {}).items():
        if column in frame.columns:
            frame[column] = frame[column].map(normalise)
    validate_text_table(frame, layout, path)
    return typed(frame, layout)


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from the layouts (docs/data_dictionary.md)."""
    parts = ["# Data dictionary", "",
             "Generated from `lib/workbooks/schemas.py` by `workbooks dictionary`; do not edit by hand.", ""]
    for layout in LAYOUTS.values():
        parts += [f"## {layout.name}", "", layout.description, ""]
        if layout.unique_key:
            parts += [f"Unique key: {', '.join(layout.unique_key)}.", ""]
        parts += ["| column | type | required | allowed values / form | meaning |", "|---|---|---|---|---|"]
        for spec in layout.columns:
            form = ", ".join(spec.allowed) if spec.allowed else ("YYYY-MM-DD" if spec.kind == "date" else (spec.pattern or ""))
            form = form.replace("|", "\\|")
            parts.append(f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {form} | {spec.description} |")
        parts.append("")
    return "\n".join(parts)
