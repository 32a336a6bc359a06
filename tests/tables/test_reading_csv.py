"""Reading a CSV by hand or from a spreadsheet: every failure names the file and the line in the
file (not the record number), with a hint for what spreadsheets commonly export instead."""

from __future__ import annotations

import csv

import pytest

from workbooks.common import encodings
from workbooks.errors import TableError
from workbooks.tables.layouts import COMMENTS, STATUS_LOG
from workbooks.tables.validate import file_line, load_table, read_text_table

HEADER = "workstream,activity_id,as_of,status,source,note\n"
ROW = "W,i,2024-01-01,Completed,s,\n"
COMMENTS_HEADER = "discussion,question,comment_id,author,organisation,posted,in_reply_to,text,truncated,source\n"


def _write(tmp_path, data: bytes | str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _problems(path, layout=STATUS_LOG) -> str:
    with pytest.raises(TableError) as error:
        load_table(path, layout)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    return message


def test_a_bad_cell_after_multi_line_cells_is_named_by_its_line_in_the_file(tmp_path):
    rows = [f'd,1,c{n},,,2023-01-0{n},,"first line\nsecond line\nthird",false,s\n' for n in range(1, 5)]
    rows.append('d,1,c5,,,15/03/2023,,"one line",maybe,s\n')
    path = _write(tmp_path, COMMENTS_HEADER + "".join(rows))
    frame = read_text_table(path)
    assert [file_line(frame, index) for index in frame.index] == [2, 5, 8, 11, 14]
    message = _problems(path, COMMENTS)
    assert "line 14, column 'posted': '15/03/2023'" in message and "line 14, column 'truncated': 'maybe'" in message
    assert "line 6," not in message  # the record number + 1 would be line 6


def test_a_bad_byte_is_named_by_its_line_and_character_with_a_latin1_hint(tmp_path):
    data = (HEADER + ROW * 5).encode() + b"W,ii,2024-01-01,Completed,Caf\xe9 notes,\n"
    message = _problems(_write(tmp_path, data))
    assert "line 7, column 'source': character 30: byte 0xe9 is not UTF-8" in message
    assert "looks like Latin-1/Windows-1252: re-save it as UTF-8" in message


@pytest.mark.parametrize(
    "data, named",
    [
        (
            COMMENTS_HEADER.encode() + b'd,1,c1,,,,,"first line\nsecond, w\xf6rk",false,s\n',
            "line 3, column 'text': character 10: byte 0xf6",
        ),  # in a quoted cell spanning lines, after a comma in it
        (
            COMMENTS_HEADER.encode() + b'd,1,c1,,,,,"a",false,s\n\xe9d,1,c2,,,,,"b",false,s\n',
            "line 3, column 'discussion': character 1: byte 0xe9",
        ),  # the first byte of a line
        (COMMENTS_HEADER.encode() + b'd,1,c1,,,,,"a",false,\xe9\n', "line 2, column 'source': character 22: byte 0xe9"),
        (
            COMMENTS_HEADER.encode().replace(b"author", b"auth\xf6r") + b'd,1,c1,,,,,"a",false,s\n',
            "line 1: character 36: byte 0xf6",
        ),  # the header itself: no column to name
    ],
)
def test_a_bad_byte_is_named_by_the_column_it_sits_in(tmp_path, data, named):
    assert f"{tmp_path / 't.csv'}: {named} is not UTF-8" in _problems(_write(tmp_path, data), COMMENTS)


@pytest.mark.parametrize(
    "data, hint",
    [
        ((HEADER.replace(",", ";") + ROW.replace(",", ";")).encode(), "line 1: the header is one column holding ';'"),
        ((HEADER.rstrip("\n") + ",\n" + ROW.rstrip("\n") + ",\n").encode(), "line 1: the header ends with a comma"),
        (
            (HEADER + ROW.rstrip("\n") + ",\n" + ROW.rstrip("\n") + ",\n").encode(),
            "every row ends with a comma the header does not have",
        ),
        ((HEADER + ROW).encode("utf-16"), "line 1: the file is UTF-16 text"),
        ((HEADER + ROW).encode("utf-16-le"), "line 1: the file is UTF-16 text"),
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "an Excel workbook (.xlsx)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 3: character 1: a NUL byte: this looks like a binary file"),
        (
            (HEADER + ROW + "W,ii,2024-01-01,Completed,s,a note, with a comma\n").encode(),
            "line 3: 7 fields, but the header (line 1) has 6: a cell holding a comma must be quoted",
        ),
        ((HEADER + "W,i,2024-01-01\n").encode(), "line 2: 3 fields, but the header (line 1) has 6"),
        (
            ("workstream,activity_id,as_of,as_of,status,source,note\n").encode(),
            "line 1: column 'as_of' appears more than once",
        ),
    ],
)
def test_common_export_mistakes_get_a_hint(tmp_path, data, hint):
    assert hint in _problems(_write(tmp_path, data))


def test_a_utf8_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    path = _write(
        tmp_path, "\ufeff".encode() + (HEADER + ROW + ROW.replace(",i,", ",ii,")).replace("\n", "\r\n").encode()
    )
    frame = load_table(path, STATUS_LOG)
    assert list(frame.columns)[0] == "workstream" and list(frame["activity_id"]) == ["i", "ii"]


def test_header_only_is_a_table_without_rows(tmp_path):
    assert load_table(_write(tmp_path, HEADER), STATUS_LOG).empty


def test_an_unclosed_quote_is_named(tmp_path):
    path = _write(tmp_path, HEADER + ROW + 'W,ii,2024-01-01,Completed,s,"never closed\n' + ROW * 3)
    assert "line 3: a quote opened in this row is never closed" in _problems(path)
    path = _write(tmp_path, HEADER + ROW + 'W,ii,2024-01-01,Completed,s,"a "quoted" word"\n')
    assert "line 3: ',' expected after '\"'" in _problems(path)


@pytest.mark.parametrize(
    "text, accepted",
    [
        ("<script>alert(1)</script><img src=x onerror=alert(2)>", True),
        ("x" * 100_000, True),
        ("bell \x07 and escape \x1b[31m", False),
    ],
)
def test_hostile_cells_are_accepted_or_refused_clearly(tmp_path, text, accepted):
    path = _write(tmp_path, COMMENTS_HEADER + f'd,,c1,,,,,"{text}",false,s\n')
    if accepted:
        assert load_table(path, COMMENTS).loc[0, "text"] == text
    else:
        message = _problems(path, COMMENTS)
        assert "line 2, column 'text'" in message and "holds a control character" in message


def test_a_very_long_bad_cell_is_shortened_in_the_message(tmp_path):
    path = _write(tmp_path, HEADER + "W,i,2024-01-01," + "Done" * 20_000 + ",s,\n")
    message = _problems(path)
    assert "line 2, column 'status'" in message and len(message) < 1000


def test_a_megabyte_cell_is_read_and_the_csv_limit_is_put_back(tmp_path):
    limit = csv.field_size_limit()
    path = _write(tmp_path, COMMENTS_HEADER + 'd,,c1,,,,,"' + "y" * 1_000_000 + '",false,s\n')
    assert load_table(path, COMMENTS).loc[0, "text"] == "y" * 1_000_000
    assert csv.field_size_limit() == limit


def test_a_cell_longer_than_the_csv_limit_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(encodings, "CSV_CELL_LIMIT", 100_000)  # 16 MiB in use
    path = _write(tmp_path, COMMENTS_HEADER + 'd,,c1,,,,,"' + "y" * 200_000 + '",false,s\n')
    message = _problems(path, COMMENTS)
    assert (
        "line 2: a cell longer than 100,000 characters: most likely a quote opened on or after this line is never "
        "closed" in message
    )


def test_a_table_read_again_is_its_own_copy_and_a_changed_file_is_read_afresh(tmp_path):
    path = _write(tmp_path, HEADER + ROW)
    first = load_table(path, STATUS_LOG)
    first.loc[0, "status"] = "changed by its caller"
    again = load_table(path, STATUS_LOG)  # the same bytes: kept, and what the first caller changed is not in it
    assert again is not first and again.loc[0, "status"] == "Completed" and file_line(again, 0) == 2
    _write(tmp_path, HEADER + ROW.replace("Completed", "Ongoing"))
    assert load_table(path, STATUS_LOG).loc[0, "status"] == "In progress"
    _write(tmp_path, HEADER + ROW.replace("2024-01-01", "2024-02-30"))  # a failing table is never kept
    for _ in range(2):
        with pytest.raises(TableError, match="line 2"):
            load_table(path, STATUS_LOG)
