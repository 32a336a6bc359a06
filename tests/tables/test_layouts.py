import pandas as pd
import pytest

from conftest import ROOT
from workbooks.errors import TableError
from workbooks.tables.dictionary import data_dictionary_markdown
from workbooks.tables.layouts import ACTIVITIES, COMMENTS, QUESTIONS, STATUS_LOG
from workbooks.tables.validate import load_table, write_table

HEADER = "workstream,activity_id,as_of,status,source,note\n"


def _write(tmp_path, text, name="status_log.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_cells_are_reported_with_file_line_and_column(tmp_path):
    path = _write(
        tmp_path, HEADER + "W,i,2024-01-01,Completed,s,\nW,ii,2024-02-30,Done,s,\n,iii,2024-01-01,Completed,s,\n"
    )
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
    header = "discussion,question,label,text,poster,posted,source,page_line\n"
    path = _write(
        tmp_path, header + "d,1,,Q,,,s,3\nd,2,,Q,,,s,4\nd,1,,Q again,,,s,5\nd,1,,Q,,,s,6\n", name="questions.csv"
    )
    with pytest.raises(TableError) as error:
        load_table(path, QUESTIONS)
    assert str(error.value) == (
        f"{path}: 2 problems\n"
        "  line 4, columns 'discussion', 'question': ('d', '1') repeats the key first given on line 2\n"
        "  line 5, columns 'discussion', 'question': ('d', '1') repeats the key first given on line 2"
    )


def test_a_status_recorded_again_for_the_same_day_is_kept_as_history(tmp_path):
    """The status log keeps every row: a status recorded again for the same activity and day is a new row
    (the last one counts, workbooks.tables.decisions), never a repeated key."""
    path = _write(tmp_path, HEADER + "W,i,2024-01-01,Completed,s,\nW,i,2024-01-01,In progress,s,\n")
    log = load_table(path, STATUS_LOG)
    assert list(log["status"]) == ["Completed", "In progress"]
    assert list(log["reviewer"]) == ["", ""] and list(log["mode"]) == ["", ""]  # columns the file predates: empty


def test_a_repeated_one_column_key_names_its_column_and_first_line_in_the_file(tmp_path):
    header = "discussion,question,comment_id,author,organisation,posted,in_reply_to,text,truncated,source\n"
    path = _write(
        tmp_path,
        header + 'd,,c1,,,,,"two\nlines",false,s\nd,,c2,,,,,"x",false,s\nd,,c1,,,,,"y",false,s\n',
        name="comments.csv",
    )
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


# --- formats in words, each problem once ---------------------------------------------------------------------


def _patterned_columns():
    from workbooks.tables.layouts import LAYOUTS

    return [(layout.name, spec) for layout in LAYOUTS.values() for spec in layout.columns if spec.pattern or spec.form]


@pytest.mark.parametrize("layout, spec", _patterned_columns(), ids=lambda value: getattr(value, "name", value))
def test_every_form_is_in_words_with_an_example_the_check_accepts(layout, spec):
    """A person reads the words, never the pattern: each form says what it asks and gives an example,
    and the example is a cell the layout accepts."""
    import re

    from workbooks.tables.layouts import LAYOUTS
    from workbooks.tables.validate import pandera_schema

    assert spec.form and not re.search(r"[\^$\\]|\(\?", spec.form), spec.form
    example = re.search(r"e\.g\. (\S+)$", spec.form) or re.search(r"\((\d[^)]*)\)", spec.form)
    assert example, f"{layout}.{spec.name}: the words give no example: {spec.form}"
    value = example.group(1)
    frame = pd.DataFrame({column.name: [""] for column in LAYOUTS[layout].columns}, dtype=object)
    frame[spec.name] = [value]
    failures = []
    try:
        pandera_schema(LAYOUTS[layout]).validate(frame, lazy=True)
    except Exception as error:  # noqa: BLE001 - the failures of this one column are what matters
        failures = [case for case in error.failure_cases.itertuples() if case.column == spec.name]
    assert failures == [], f"{layout}.{spec.name}: its own example {value!r} is refused"


def test_a_bad_date_is_one_problem_in_words_not_a_pattern_and_a_day_that_does_not_exist_too(tmp_path):
    path = _write(
        tmp_path, HEADER + "W,i,15/03/2023,Completed,s,\nW,ii,2023-02-30,Completed,s,\nW,iii,2023-3-5,Completed,s,\n"
    )
    with pytest.raises(TableError) as caught:
        load_table(path, STATUS_LOG)
    assert str(caught.value) == (
        f"{path}: 3 problems\n"
        "  line 2, column 'as_of': '15/03/2023' must be a real date written YYYY-MM-DD, e.g. 2024-06-30\n"
        "  line 3, column 'as_of': '2023-02-30' must be a real date written YYYY-MM-DD, e.g. 2024-06-30\n"
        "  line 4, column 'as_of': '2023-3-5' must be a real date written YYYY-MM-DD, e.g. 2024-06-30"
    )


def test_problems_come_in_the_order_of_the_file_line_then_column():
    from workbooks.tables.validate import validate_text_table

    frame = pd.DataFrame(
        {
            "workstream": ["W", "", "W"],
            "activity_id": ["i", "ii", "i"],
            "as_of": ["x", "2024-01-01", "x"],
            "status": ["Done", "Completed", "Done"],
            "source": ["s", "s", "s"],
            "note": ["", "", ""],
        }
    )
    with pytest.raises(TableError) as caught:
        validate_text_table(frame, STATUS_LOG, "log.csv")
    lines = [line.strip().split(":")[0] for line in str(caught.value).splitlines()[1:]]
    assert lines == [
        "line 2, column 'as_of'",
        "line 2, column 'status'",
        "line 3, column 'workstream'",
        "line 4, column 'as_of'",
        "line 4, column 'status'",
    ]  # line 4 repeats line 2: history, not a key


def test_a_whole_number_column_is_checked_with_or_without_a_pattern():
    from workbooks.tables.layouts import UN_STATES
    from workbooks.tables.validate import validate_text_table

    frame = pd.DataFrame(
        {
            "iso3": ["KEN", "KEN2"],
            "name": ["Kenya", "X"],
            "status": ["member", "member"],
            "admitted": ["19x3", "-5"],
            "source": ["s", "s"],
        }
    )
    with pytest.raises(TableError) as caught:
        validate_text_table(frame, UN_STATES, "states.csv")
    assert str(caught.value) == (
        "states.csv: 3 problems\n"
        "  line 2, column 'admitted': '19x3' must be a whole number written in digits, e.g. 12\n"
        "  line 3, column 'iso3': 'KEN2' must be three capital letters, e.g. KEN\n"
        "  line 3, column 'admitted': '-5' must be a whole number written in digits, e.g. 12"
    )


def test_a_layout_cannot_declare_a_pattern_without_words_or_a_date_pattern_of_its_own():
    from workbooks.tables.layouts import ColumnSpec

    with pytest.raises(ValueError, match="a pattern needs pattern_words"):
        ColumnSpec("code", "text", "A code.", pattern=r"^[a-z]+$")
    with pytest.raises(ValueError, match="a date column's form is its kind's"):
        ColumnSpec("day", "date", "A day.", pattern=r"^\d{2}/\d{2}/\d{4}$")
