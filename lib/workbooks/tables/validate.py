"""Validating and typing a table: a CSV is read as text, its header checked, every cell validated
with the layout's pandera schema, and only then converted to analysis types, so that a bad cell is
reported as ``FILE, line N, column C: ...`` before any analysis sees it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..common.files import atomic_write_csv
from ..errors import TableError
from .layouts import LAYOUTS, TableLayout


def pandera_schema(layout: TableLayout) -> pa.DataFrameSchema:
    """The pandera schema of a layout, for a frame read as text (empty cells are '')."""
    columns = {}
    for spec in layout.columns:
        checks = []
        if spec.required:
            checks.append(pa.Check(lambda s: s.str.strip() != "", element_wise=False, error="must not be empty"))
        if spec.vocabulary:
            allowed = spec.vocabulary
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
    """A validated text frame in analysis types: dates as Timestamps (NaT where empty), whole
    numbers as Int64 (<NA> where empty), booleans as bool, text as str ('' where empty).
    Tables are typed once, here, and stay typed; :func:`as_text` is the way back, for writing."""
    result = frame[layout.column_names].copy()
    for spec in layout.columns:
        column = result[spec.name]
        if spec.kind == "date":
            result[spec.name] = pd.to_datetime(column.where(column != ""), format="%Y-%m-%d")
        elif spec.kind == "integer":
            result[spec.name] = pd.to_numeric(column.where(column != "")).astype("Int64")
        elif spec.kind == "boolean":
            result[spec.name] = column == "true"
        else:
            result[spec.name] = column.astype(object)
    return result


def _cell_text(value, kind: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "boolean" and isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if kind == "date" and hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if kind == "integer" and not isinstance(value, str):
        return str(int(value))
    return str(value)


def as_text(frame: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """The frame's layout columns as the CSV holds them (YYYY-MM-DD, digits, true/false, '' for
    empty); other columns are kept as they are."""
    result = frame.copy()
    for spec in layout.columns:
        if spec.name in result.columns:
            result[spec.name] = [_cell_text(value, spec.kind) for value in result[spec.name]]
    return result


def write_table(frame: pd.DataFrame, layout: TableLayout, path: Path | str) -> pd.DataFrame:
    """Write a table atomically, only if it would load (validated against its layout first, so a
    bad build never replaces a good file); return it typed, as a reader would load it."""
    text = as_text(frame, layout)[layout.column_names]
    validate_text_table(text, layout, path)
    atomic_write_csv(text, path)
    return typed(text, layout)


def load_table(path: Path | str, layout: TableLayout | str) -> pd.DataFrame:
    """Read, normalise, validate and type one CSV; raise :class:`TableError` naming file, line and column."""
    if isinstance(layout, str):
        layout = LAYOUTS[layout]
    frame = read_text_table(path)
    for spec in layout.columns:
        if spec.normalise is not None and spec.name in frame.columns:
            frame[spec.name] = frame[spec.name].map(spec.normalise)
    validate_text_table(frame, layout, path)
    return typed(frame, layout)
