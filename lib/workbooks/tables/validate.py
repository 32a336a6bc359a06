"""Validating and typing a table: a CSV is read as text, its header checked, every cell validated
with the layout's pandera schema, and only then converted to analysis types, so that a bad cell is
reported as ``FILE, line N, column C: ...`` before any analysis sees it."""

from __future__ import annotations

import csv
import io
import re
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..common.encodings import RESAVE_FROM_EXCEL, csv_cell_limit, csv_column_at, decode_utf8
from ..common.files import atomic_write_csv
from ..common.text import shorten
from ..common.wording import noun_for
from ..errors import NotTextError, TableError
from .layouts import ISO_DATE, LAYOUTS, WHOLE_NUMBER, TableLayout

EMPTY_FILE = "the file is empty: a table needs at least its header line (the column names)"
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # C0 controls but tab and line breaks, and DEL


def _empty_or_real_day(s: pd.Series) -> pd.Series:
    """Each cell empty, or a day written YYYY-MM-DD that exists (no 2023-02-30)."""
    return (s == "") | (
        s.str.contains(ISO_DATE, regex=True).astype(bool)
        & pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()
    )


def pandera_schema(layout: TableLayout) -> pa.DataFrameSchema:
    """The pandera schema of a layout, for a frame read as text (empty cells are '')."""
    columns = {}
    for spec in layout.columns:
        checks = [
            pa.Check(
                lambda s: ~s.str.contains(CONTROL_CHARACTERS, regex=True).astype(bool),
                error="holds a control character (U+0000-U+001F other than tab and line breaks, or U+007F): remove it",
            )
        ]
        if spec.required:
            checks.append(pa.Check(lambda s: s.str.strip() != "", element_wise=False, error="must not be empty"))
        if spec.vocabulary:
            allowed = spec.vocabulary
            checks.append(
                pa.Check(
                    lambda s, allowed=allowed: (s == "") | s.isin(allowed),
                    error="must be one of: " + ", ".join(allowed),
                )
            )
        if spec.kind == "date":  # one check, one message: the form and a real day (no 2023-02-30)
            checks.append(pa.Check(_empty_or_real_day, error=f"must be {spec.form}"))
        elif spec.kind == "integer" and not spec.vocabulary:
            checks.append(
                pa.Check(
                    lambda s: (s == "") | s.str.contains(WHOLE_NUMBER, regex=True).astype(bool),
                    error=f"must be {spec.form}",
                )
            )
        elif spec.kind == "text" and spec.pattern:
            pattern = spec.pattern
            checks.append(
                pa.Check(
                    lambda s, pattern=pattern: (s == "") | s.str.contains(pattern, regex=True).astype(bool),
                    error=f"must be {spec.form}",
                )
            )
        columns[spec.name] = pa.Column(checks=checks, nullable=False, coerce=False, required=not spec.absent_as_empty)
    return pa.DataFrameSchema(
        columns, strict=False, ordered=False, unique=list(layout.unique_key) or None, report_duplicates="exclude_first"
    )


def _repeated_keys(frame: pd.DataFrame, key: tuple[str, ...]) -> list[tuple[int, str]]:
    """``(N, "line N, columns 'a', 'b': ('x', 'y') repeats the key first given on line M")`` for every
    row whose key an earlier row already has."""
    if not key:
        return []
    problems, first_line = [], {}
    for index, values in zip(frame.index, frame[list(key)].itertuples(index=False, name=None)):
        line = file_line(frame, index)
        if values not in first_line:
            first_line[values] = line
            continue
        shown = tuple(shorten(value, 80) if isinstance(value, str) and len(value) > 80 else value for value in values)
        columns = ", ".join(repr(column) for column in key)
        problems.append(
            (
                line,
                f"line {line}, {noun_for(len(key), 'column')} {columns}: "
                f"{shown if len(key) > 1 else shown[0]!r} repeats the key first given on line {first_line[values]}",
            )
        )
    return problems


def _problems_from(error: pa.errors.SchemaErrors, frame: pd.DataFrame, layout: TableLayout) -> list[str]:
    """Every failed check as ``line N, column 'c': 'value' must be ...``, in the order of the file
    (line, then the layout's column order), each problem named once."""
    order = {name: position for position, name in enumerate(layout.column_names)}
    found: list[tuple[int, int, str]] = []
    repeated = False
    for _, case in error.failure_cases.iterrows():
        index = case.get("index")
        column = case.get("column")
        check = str(case.get("check"))
        value = case.get("failure_case")
        if index is None or pd.isna(index):
            found.append((0, order.get(column, -1), f"column {column!r}: {check}"))
            continue
        line = file_line(frame, index)
        if isinstance(value, str) and len(value) > 80:
            value = shorten(value, 80)
        if check.startswith(("field_uniqueness", "multiple_fields_uniqueness")):
            repeated = True  # named once for all its columns, below
        elif column is None or (isinstance(column, float) and pd.isna(column)):
            found.append((line, -1, f"line {line}: {value!r} {check}"))
        else:
            found.append((line, order.get(column, len(order)), f"line {line}, column {column!r}: {value!r} {check}"))
    if repeated:
        found += [(line, len(order), text) for line, text in _repeated_keys(frame, layout.unique_key)]
    return list(dict.fromkeys(text for _, _, text in sorted(found, key=lambda problem: problem[:2])))


LINE_NUMBERS = "line_numbers"  # frame.attrs key: the file line each row starts on, by row label


class _Lines(tuple):
    """The line numbers kept in ``frame.attrs``: immutable, so never copied. pandas deep-copies a
    frame's attrs into every frame made from it (a selection, a column assigned); 100,000 line
    numbers copied at each step made a large comments table slow to work with."""

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self


def file_line(frame: pd.DataFrame, index) -> int:
    """The line of the file on which row ``index`` of ``frame`` starts (a quoted cell may hold line
    breaks, so row 5 may start on line 9); for a frame not read from a file, the line it would
    have (header on line 1)."""
    lines = frame.attrs.get(LINE_NUMBERS)
    position = int(index)
    return lines[position] if lines is not None and 0 <= position < len(lines) else position + 2


def _csv_records(text: str, path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, records and the line each record starts on, read with the csv module; blank lines
    are skipped as pandas skips them. A cell may hold up to 16 MiB of text
    (:func:`workbooks.common.encodings.csv_cell_limit`)."""
    with csv_cell_limit() as limit:
        return _read_records(csv.reader(io.StringIO(text, newline=""), strict=True), path, limit)


def _read_records(reader, path: Path, limit: int) -> tuple[list[str], list[list[str]], list[int]]:
    header: list[str] | None = None
    records: list[list[str]] = []
    lines: list[int] = []
    problems: list[str] = []
    read_up_to = 0
    while True:
        start = read_up_to + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            reason = str(error)
            if "field larger than field limit" in reason:
                reason = (
                    f"a cell longer than {limit:,} characters: most likely a quote opened on or "
                    "after this line is never closed"
                )
            elif "unexpected end of data" in reason:
                reason = "a quote opened in this row is never closed (the file ends inside a quoted cell)"
            elif "expected after" in reason:
                reason = (
                    f"{reason}: a quoted cell must end with its quote; a quote inside a cell is written twice "
                    '("" like this "")'
                )
            problems.append(f"line {start}: {reason}")
            break
        read_up_to = reader.line_num
        if not record:
            continue
        if header is None:
            header = record
            continue
        records.append(record)
        lines.append(start)
    if problems:
        raise TableError(path, problems)
    if header is None:  # blank lines only (the caller refuses a blank file first)
        raise TableError(path, [EMPTY_FILE])
    return header, records, lines


def _header_problems(header: list[str]) -> list[str]:
    if len(header) == 1 and ";" in header[0]:
        return [
            "line 1: the header is one column holding ';': the file looks semicolon-separated (as Excel saves "
            "CSV in some languages); re-save it comma-separated (CSV UTF-8)"
        ]
    if len(header) == 1 and "\t" in header[0]:
        return [
            "line 1: the header is one column holding tabs: the file looks tab-separated; re-save it "
            "comma-separated (CSV UTF-8)"
        ]
    problems = []
    if header and header[-1].strip() == "" and len(header) > 1:
        problems.append(
            "line 1: the header ends with a comma (an unnamed, empty last column): remove the trailing "
            "comma at the end of every line"
        )
    unnamed = [position for position, name in enumerate(header[:-1], start=1) if not name.strip()]
    problems += [f"line 1: column {position} has no name" for position in unnamed]
    repeated = sorted({name for name in header if name.strip() and header.count(name) > 1})
    problems += [f"line 1: column {name!r} appears more than once" for name in repeated]
    return problems


def read_text_table(path: Path | str) -> pd.DataFrame:
    """A CSV read as text: every cell a str, empty cells '' (nothing turned into NaN); the line each
    row starts on kept in ``frame.attrs`` (:func:`file_line`). A file that is not UTF-8 text, has no
    header, or has a row with another number of fields than the header is a TableError naming the
    line, with a hint for what spreadsheets commonly export instead (';' separators, a trailing
    comma on every row, UTF-16, Latin-1/Windows-1252). A UTF-8 byte-order mark is accepted."""
    path = Path(path)
    if not path.exists():
        raise TableError(path, ["no such file"])
    if path.is_dir():
        raise TableError(path, ["is a folder, not a CSV file"])
    data = path.read_bytes()
    try:
        text = decode_utf8(data, fix=RESAVE_FROM_EXCEL)
    except NotTextError as problem:
        column = csv_column_at(data, problem.position) if problem.position is not None else None
        raise TableError(
            path,
            [f"line {problem.line}" + (f", column {column!r}" if column is not None else "") + f": {problem.reason}"],
        ) from None
    if not text.strip():
        raise TableError(path, [EMPTY_FILE])
    header, records, lines = _csv_records(text, path)
    problems = _header_problems(header)
    if problems:
        raise TableError(path, problems)
    trailing_comma = [
        line for record, line in zip(records, lines) if len(record) == len(header) + 1 and record[-1] == ""
    ]
    if records and len(trailing_comma) == len(records):
        raise TableError(
            path,
            [
                "every row ends with a comma the header does not have (an unnamed, empty last column): "
                "remove the trailing comma at the end of every row"
            ],
        )
    problems = [
        f"line {line}: {len(record)} fields, but the header (line 1) has {len(header)}"
        + (": a cell holding a comma must be quoted" if len(record) > len(header) else "")
        for record, line in zip(records, lines)
        if len(record) != len(header)
    ]
    if problems:
        raise TableError(path, problems)
    frame = pd.DataFrame(records, columns=header, dtype=str)
    frame.attrs[LINE_NUMBERS] = _Lines(lines)
    return frame


def with_absent_columns(frame: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """The frame with every column the layout gained later (``absent_as_empty``) that it lacks, empty: a
    file written before the column existed loads as if each of its cells were empty."""
    absent = [spec.name for spec in layout.columns if spec.absent_as_empty and spec.name not in frame.columns]
    if not absent:
        return frame
    result = frame.copy()
    for name in absent:
        result[name] = pd.Series("", index=frame.index, dtype=object)
    return result


_LINE = re.compile(r"line (\d+),")  # a problem's line, as every problem of a table begins


def validate_text_table(frame: pd.DataFrame, layout: TableLayout, path: Path | str) -> None:
    expected = layout.column_names
    missing = [spec.name for spec in layout.columns if spec.name not in frame.columns and not spec.absent_as_empty]
    unknown = [name for name in frame.columns if name not in expected]
    header_problems = []
    if missing:
        header_problems.append(
            f"line 1: missing {noun_for(len(missing), 'column')} {', '.join(missing)} "
            f"(the {layout.name} layout has: {', '.join(expected)})"
        )
    if unknown:
        header_problems.append(f"line 1: unknown {noun_for(len(unknown), 'column')} {', '.join(map(str, unknown))}")
    if header_problems:
        raise TableError(path, header_problems)
    if layout.rows_required and frame.empty:
        raise TableError(
            path, [f"line 2: no rows: the file has its header only; the {layout.name} table needs at least one row"]
        )
    problems = []
    try:
        pandera_schema(layout).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems = _problems_from(error, frame, layout)
    # the rules across columns, on the rows with no problem of their own (a rule read on a value its column refuses
    # would only repeat that problem): every kind of problem at once, each said once
    refused = {match.group(1) for problem in problems if (match := _LINE.match(problem))}
    problems += [
        problem
        for rule in layout.row_rules
        for problem in rule(with_absent_columns(frame, layout))
        if problem not in problems and not ((match := _LINE.match(problem)) and match.group(1) in refused)
    ]
    if problems:  # in the file's order: by line, each line's problems as found
        raise TableError(
            path, sorted(problems, key=lambda problem: int(m.group(1)) if (m := _LINE.match(problem)) else 0)
        )


def typed(frame: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """A validated text frame in analysis types: dates as Timestamps (NaT where empty), whole
    numbers as Int64 (<NA> where empty), booleans as bool, text as str ('' where empty).
    Tables are typed once, here, and stay typed; :func:`as_text` is the way back, for writing."""
    result = with_absent_columns(frame, layout)[layout.column_names].copy()
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
            result[spec.name] = pd.Series(
                [_cell_text(value, spec.kind) for value in result[spec.name]], index=result.index, dtype=object
            )  # text even with no rows
    return result


def write_table(frame: pd.DataFrame, layout: TableLayout, path: Path | str) -> pd.DataFrame:
    """Write a table atomically, only if it would load (validated against its layout first, so a
    bad build never replaces a good file); return it typed, as a reader would load it."""
    text = as_text(with_absent_columns(frame, layout), layout)[layout.column_names]
    validate_text_table(text, layout, path)
    atomic_write_csv(text, path)
    return typed(text, layout)


# The tables loaded, by their bytes and layout: a table read again unchanged (a live view's redraw, the review
# workbench's reload, `check-data` after a load) is copied from here, not validated again (pandera's checks are most
# of a load's time). Keyed by the file's bytes, so a table changed on disk is loaded afresh; a table that fails to
# load is never kept (its TableError is raised again, naming its own path).
_LOADED: OrderedDict[tuple[bytes, int], tuple[TableLayout, pd.DataFrame]] = OrderedDict()
_LOADED_MOST = 64  # tables kept, the least recently read dropped first
_LOADED_LARGEST = 5_000_000  # bytes: a larger file is loaded each time, never kept


def load_table(path: Path | str, layout: TableLayout | str) -> pd.DataFrame:
    """Read, normalise, validate and type one CSV; raise :class:`TableError` naming file, line and column.
    Each call returns its own frame: a caller may change it."""
    if isinstance(layout, str):
        layout = LAYOUTS[layout]
    try:
        data = Path(path).read_bytes()
    except OSError:  # no such file, a folder: read_text_table says so
        data = None
    key = None if data is None or len(data) > _LOADED_LARGEST else (data, id(layout))
    if key is not None and key in _LOADED and _LOADED[key][0] is layout:
        _LOADED.move_to_end(key)
        return _LOADED[key][1].copy(deep=True)
    frame = _load_table(path, layout)
    if key is not None:
        _LOADED[key] = (layout, frame.copy(deep=True))  # the layout kept with it: its id is never another's
        while len(_LOADED) > _LOADED_MOST:
            _LOADED.popitem(last=False)
    return frame


def _load_table(path: Path | str, layout: TableLayout) -> pd.DataFrame:
    frame = with_absent_columns(read_text_table(path), layout)
    for spec in layout.columns:
        if spec.normalise is not None and spec.name in frame.columns:
            frame[spec.name] = frame[spec.name].map(spec.normalise)
    validate_text_table(frame, layout, path)
    return typed(frame, layout)
