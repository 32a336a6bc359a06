"""Bytes to text for every file a person edits (tables, sidecars, the codebook, the checklist,
parameter files): UTF-8 only, a UTF-8 byte-order mark accepted, and any other bytes reported by
the line and character of the first bad byte, with what the file most likely is and how to fix it
(spreadsheets save UTF-16, Latin-1/Windows-1252 or a workbook where CSV UTF-8 was meant)."""
from __future__ import annotations

import codecs

from ..errors import NotTextError

RESAVE = "re-save it as UTF-8"
RESAVE_FROM_EXCEL = "re-save it as UTF-8 (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"
_WORKBOOKS = {b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip file",
              b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)"}


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
        bad = data[error.start:error.end]
        try:
            data.decode("cp1252")
            hint = f"the file looks like Latin-1/Windows-1252: {fix}"
        except UnicodeDecodeError:
            hint = f"the file is not UTF-8 text: {fix}"
        raise NotTextError(line, f"character {character}: byte {' '.join(f'0x{b:02x}' for b in bad)} is not UTF-8; "
                                 f"{hint}") from None
