import pandas as pd
import pytest

from conftest import ROOT
from workbooks.errors import TableError
from workbooks.tables.dictionary import data_dictionary_markdown
from workbooks.tables.layouts import ACTIVITIES, COMMENTS, STATUS_LOG
from workbooks.tables.validate import load_table, write_table

HEADER = "workstream,activity_id,as_of,status,source,note\n"


def _write(tmp_path, text, name="status_log.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_cells_are_reported_with_file_line_and_column(tmp_path):
    path = _write(tmp_path, HEADER + "W,i,2024-01-01,Completed,s,\nW,ii,2024-02-30,Done,s,\n,iii,2024-01-01,Completed,s,\n")
    with pytest.raises(TableError) as caught:
        load_table(path, STATUS_LOG)
    message = str(caught.value)
    assert str(path) in message
    assert "line 3, column 'as_of': '2024-02-30'" in message and "real date" in message
    assert "line 3, column 'status': 'Done'" in message and "Yet to start, In progress, Completed" in message
    assert "line 4, column 'workstream'" in message and "must not be empty" in message
    assert "line 2" not in message


def test_missing_and_unknown_columns_are_named(tmp_path):
    path = _write(tmp_path, "workstream,activity_id,when,status,source,note\n")
    with pytest.raises(TableError, match=r"line 1: missing column as_of .*\n.*unknown column when"):
        load_table(path, STATUS_LOG)
    path = _write(tmp_path, "workstream,id,when,status,source,note\n")
    with pytest.raises(TableError, match=r"line 1: missing columns activity_id, as_of .*\n.*unknown columns id, when"):
        load_table(path, STATUS_LOG)


def test_duplicate_keys_are_rejected(tmp_path):
    path = _write(tmp_path, HEADER + "W,i,2024-01-01,Completed,s,\nW,ii,2024-01-01,Completed,s,\n"
                  "W,i,2024-01-01,In progress,s,\nW,i,2024-01-01,Completed,s,\n")
    with pytest.raises(TableError) as error:
        load_table(path, STATUS_LOG)
    assert str(error.value) == (
        f"{path}: 2 problems\n"
        "  line 4, columns 'workstream', 'activity_id', 'as_of': ('W', 'i', '2024-01-01') repeats the key first given "
        "on line 2\n"
        "  line 5, columns 'workstream', 'activity_id', 'as_of': ('W', 'i', '2024-01-01') repeats the key first given "
        "on line 2")


def test_a_repeated_one_column_key_names_its_column_and_first_line_in_the_file(tmp_path):
    header = "discussion,question,comment_id,author,organisation,posted,in_reply_to,text,truncated,source\n"
    path = _write(tmp_path, header + 'd,,c1,,,,,"two\nlines",false,s\nd,,c2,,,,,"x",false,s\nd,,c1,,,,,"y",false,s\n',
                  name="comments.csv")
    with pytest.raises(TableError) as error:
        load_table(path, COMMENTS)
    assert str(error.value) == f"{path}: line 5, column 'comment_id': 'c1' repeats the key first given on line 2"


def test_ongoing_is_read_as_in_progress(tmp_path):
    path = _write(tmp_path, HEADER + "W,i,2024-01-01,Ongoing,s,\n")
    assert load_table(path, STATUS_LOG).loc[0, "status"] == "In progress"


def test_missing_file_and_binary_file_are_clear_errors(tmp_path):
    with pytest.raises(TableError, match="no such file"):
        load_table(tmp_path / "nope.csv", STATUS_LOG)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TableError, match="line 1: the file is UTF-16 text"):
        load_table(binary, STATUS_LOG)


def test_types_after_loading():
    frame = load_table(ROOT / "data" / "activities.csv", ACTIVITIES)
    assert str(frame["planned_start"].dtype).startswith("datetime64")
    assert str(frame["page_line"].dtype) == "Int64"
    assert frame["planned_end"].isna().sum() == 2  # the two activities cut off before their timeline


def test_data_dictionary_is_up_to_date():
    shipped = (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert shipped == data_dictionary_markdown(), "run `make dictionary` and commit docs/data_dictionary.md"


def test_a_table_without_rows_is_written_as_text_not_refused_column_by_column(tmp_path):
    frame = pd.DataFrame([], columns=STATUS_LOG.column_names).astype(str)  # no status recorded yet, as built
    path = tmp_path / "status_log.csv"
    assert write_table(frame, STATUS_LOG, path).empty
    assert path.read_text(encoding="utf-8") == ",".join(STATUS_LOG.column_names) + "\n"
    with pytest.raises(TableError, match="line 2: no rows: the file has its header only; the comments table"):
        write_table(pd.DataFrame([], columns=COMMENTS.column_names).astype(str), COMMENTS, tmp_path / "comments.csv")
    assert not (tmp_path / "comments.csv").exists()
