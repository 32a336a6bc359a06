"""Bytes to text for every file a person edits (tables, sidecars, the codebook, the checklist,
parameter files): UTF-8 only, a UTF-8 byte-order mark accepted, and any other bytes reported by
the line and character of the first bad byte, with what the file most likely is and how to fix it
(spreadsheets save UTF-16, Latin-1/Windows-1252 or a workbook where CSV UTF-8 was meant).

The error carries the offset of the bad byte, so that a reader can also name the field it sits in:
:func:`csv_column_at` (the column of a CSV, across quoted cells that span lines) and
:func:`yaml_key_at` (the key on that line of a YAML file, or the nearest key above it).
:func:`csv_cell_limit` lets the csv module read cells up to 16 MiB (its default is 128 KiB)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from contextlib import contextmanager

from ..errors import NotTextError

RESAVE = "re-save it as UTF-8"
RESAVE_FROM_EXCEL = "re-save it as UTF-8 (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"
_WORKBOOKS = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
}


def _line_and_character(data: bytes, position: int) -> tuple[int, int]:
    """1-based line and character (not byte) of ``data[position]``."""
    line_start = data.rfind(b"\n", 0, position) + 1
    before = data[line_start:position].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, position) + 1, len(before) + 1


def _looks_like_utf16(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:2000]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def decode_utf8(data: bytes, fix: str = RESAVE) -> str:
    """The text of ``data`` (a UTF-8 byte-order mark dropped); :class:`NotTextError` naming the line
    of the first byte that is not UTF-8 text, what the file looks like instead, and ``fix``."""
    for magic, what in _WORKBOOKS.items():
        if data.startswith(magic):
            raise NotTextError(1, f"this is {what}, not a text file: {fix}")
    if _looks_like_utf16(data):
        raise NotTextError(1, f"the file is UTF-16 text (as Excel's 'Unicode Text' saves it), not UTF-8: {fix}")
    if b"\x00" in data:
        line, character = _line_and_character(data, data.index(b"\x00"))
        raise NotTextError(line, f"character {character}: a NUL byte: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, character = _line_and_character(data, error.start)
        bad = data[error.start : error.end]
        try:
            data.decode("cp1252")
            hint = f"the file looks like Latin-1/Windows-1252: {fix}"
        except UnicodeDecodeError:
            hint = f"the file is not UTF-8 text: {fix}"
        raise NotTextError(
            line, f"character {character}: byte {' '.join(f'0x{b:02x}' for b in bad)} is not UTF-8; {hint}", error.start
        ) from None


CSV_CELL_LIMIT = 16 * 1024 * 1024  # characters in one CSV cell: a 1 MB summary is text, 16 MiB a quote never closed


@contextmanager
def csv_cell_limit(limit: int | None = None):
    """Inside the block, the csv module reads cells up to ``limit`` characters (default
    :data:`CSV_CELL_LIMIT`); the limit it had before (a setting of the whole module) is put back after."""
    limit = limit or CSV_CELL_LIMIT
    before = csv.field_size_limit(limit)
    try:
        yield limit
    finally:
        csv.field_size_limit(before)


def _text_before(data: bytes, position: int) -> str:
    return data[:position].decode("utf-8", errors="replace").removeprefix("\ufeff")


def csv_column_at(data: bytes, position: int) -> str | None:
    """The header's name of the column in which byte ``position`` of the CSV ``data`` sits, read as
    the csv module reads it (a quoted cell may span lines); None on the header line itself or in a
    row with more fields than the header."""
    records = list(
        csv.reader(
            io.StringIO(data.split(b"\n", 1)[0].decode("utf-8", errors="replace").removeprefix("\ufeff"), newline="")
        )
    )
    header = records[0] if records else []
    with csv_cell_limit():
        # a character put where the bad byte is makes the last row end in the field holding it
        rows = [
            row for row in csv.reader(io.StringIO(_text_before(data, position) + "X", newline=""), strict=False) if row
        ]
    if len(rows) < 2 or len(rows[-1]) > len(header):
        return None
    return header[len(rows[-1]) - 1]


_YAML_KEY = re.compile(
    r"""^(?P<indent>\s*)(?P<item>-\s+)?(?P<quote>["']?)(?P<key>[^\s"'#:-][^:#]*?)(?P=quote)\s*:(?:\s|$)"""
)


def yaml_key_at(data: bytes, position: int) -> str | None:
    """The key written on the line of byte ``position`` of the YAML ``data``, else the nearest key
    above that holds it (less indented, or a list's key at the same indent); None if there is none."""
    lines = (_text_before(data, position) + data[position:].split(b"\n", 1)[0].decode("utf-8", errors="replace")).split(
        "\n"
    )
    here = lines[-1]
    match = _YAML_KEY.match(here)
    if match:
        return match.group("key").strip()
    indent = len(here) - len(here.lstrip())
    in_list = here.lstrip().startswith("-")
    for line in reversed(lines[:-1]):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _YAML_KEY.match(line)
        width = len(line) - len(line.lstrip())
        if match and (width < indent or (in_list and width == indent)):
            return match.group("key").strip()
    return None
