"""Files a parameter file names are found by one rule: beside the parameter file, else from the
project root; the notebook is given the file found; a file in neither place is an error naming the
parameter file, its line and key, and both places looked in. A parameter file named on the command
line: the current folder, else the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbooks.common.paths import looked_in, parameter_file_places
from workbooks.errors import ParameterError, RunnerError
from workbooks.publish.discover import brief_from_file, files_found, prepare


@pytest.fixture()
def root(tmp_path):
    """A project: data/ with a table, a notebook declaring two file parameters, a parameters folder."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "comments.csv").write_text("a\n", encoding="utf-8")
    (root / "notebooks").mkdir()
    (root / "notebooks" / "consultation_inputs.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": '
        '"comments_file: str = \\"data/comments.csv\\"\\nassessments_file: str = None\\nbrief_title: str = \\"x\\""}]}',
        encoding="utf-8",
    )
    (root / "params" / "consultation_inputs").mkdir(parents=True)
    return root


def _brief(root: Path, text: str):
    params = root / "params" / "consultation_inputs" / "mine.yaml"
    params.write_text(text, encoding="utf-8")
    return brief_from_file(params, root)


def test_a_file_beside_the_parameter_file_is_found_before_one_at_the_root(root):
    assert prepare(_brief(root, "comments_file: data/comments.csv\n"), root)["comments_file"] == "data/comments.csv"
    beside = root / "params" / "consultation_inputs" / "my_comments.csv"
    beside.write_text("a\n", encoding="utf-8")
    (root / "my_comments.csv").write_text("a\n", encoding="utf-8")
    found = prepare(_brief(root, "comments_file: my_comments.csv\n"), root)["comments_file"]
    assert found == "params/consultation_inputs/my_comments.csv"  # given to the notebook from the root
    beside.unlink()
    assert prepare(_brief(root, "comments_file: my_comments.csv\n"), root)["comments_file"] == "my_comments.csv"


def test_a_file_in_neither_place_is_an_error_saying_where_it_looked(root):
    brief = _brief(root, "brief_title: Mine\ncomments_file: my_comments.csv\n")
    with pytest.raises(ParameterError) as error:
        prepare(brief, root)
    assert str(error.value) == (
        f"{brief.params_path}, line 2, key 'comments_file': my_comments.csv: no such file "
        f"(looked in params/consultation_inputs/, beside the parameter file, and in the "
        f"project root ({root.resolve()}))"
    )


def test_every_file_in_neither_place_is_said_in_one_error_each_on_its_line(root):
    brief = _brief(root, "comments_file: my_comments.csv\nbrief_title: Mine\nassessments_file: my_reviews.csv\n")
    with pytest.raises(ParameterError) as error:
        prepare(brief, root)
    lines = str(error.value).splitlines()
    assert [line.split(": no such file")[0] for line in lines] == [
        f"{brief.params_path}, line 1, key 'comments_file': my_comments.csv",
        f"{brief.params_path}, line 3, key 'assessments_file': my_reviews.csv",
    ]
    assert (error.value.key, error.value.line) == ("comments_file", 1)
    assert [(other.key, other.line) for other in error.value.others] == [("assessments_file", 3)]


def test_a_missing_file_is_said_with_the_files_other_problems_in_the_files_order(root):
    brief = _brief(root, "brief_title: 12\ncomments_file: my_comments.csv\nfavourite: x\n")
    with pytest.raises(ParameterError) as error:
        prepare(brief, root)
    assert [line.split(": ")[0].split(", key ")[1] for line in str(error.value).splitlines()] == [
        "'brief_title'",
        "'comments_file'",
        "'favourite'",
    ]
    assert str(error.value).count("no such file") == 1 and len(error.value.parts) == 3


def test_a_mistyped_file_gets_the_close_names_of_that_folder_in_the_error(root):
    (root / "data" / "my_comments.csv").write_text("a\n", encoding="utf-8")
    (root / "params" / "consultation_inputs" / "survey_2024.csv").write_text("a\n", encoding="utf-8")
    brief = _brief(root, "brief_title: Mine\ncomments_file: data/my_coments.csv\n")
    with pytest.raises(ParameterError) as error:
        prepare(brief, root)
    assert str(error.value) == (
        f"{brief.params_path}, line 2, key 'comments_file': data/my_coments.csv: no such file "
        f"(looked in params/consultation_inputs/, beside the parameter file, and in the "
        f"project root ({root.resolve()})); did you mean data/my_comments.csv or data/comments.csv?"
    )  # closest first
    # beside the parameter file, named as the parameter file would name it
    with pytest.raises(ParameterError, match=r"; did you mean survey_2024\.csv\?$"):
        prepare(_brief(root, "comments_file: survey-2024.csv\n"), root)
    # nothing close: no suggestion
    with pytest.raises(ParameterError) as error:
        prepare(_brief(root, "comments_file: data/practices_elsewhere.xlsx\n"), root)
    assert "did you mean" not in str(error.value)


def test_an_absolute_path_is_itself_and_an_empty_one_names_no_file(root, tmp_path):
    outside = tmp_path / "exports" / "comments.csv"
    outside.parent.mkdir()
    outside.write_text("a\n", encoding="utf-8")
    assert prepare(_brief(root, f"comments_file: {outside}\n"), root)["comments_file"] == str(outside)
    assert prepare(_brief(root, 'assessments_file: ""\n'), root)["assessments_file"] == ""
    with pytest.raises(ParameterError, match="looked in at that full path"):
        prepare(_brief(root, f"comments_file: {tmp_path / 'nowhere.csv'}\n"), root)


def test_a_path_going_up_is_read_as_written_from_each_place(root):
    places = parameter_file_places("../data/x.csv", root / "params" / "consultation_inputs", root)
    assert places == [root.resolve() / "params" / "data" / "x.csv", root.resolve().parent / "data" / "x.csv"]
    assert looked_in("x.csv", root, root) == f"the project root ({root.resolve()})"
    assert files_found({"brief_title": "t"}, {}, root / "params" / "x.yaml", root) == ({"brief_title": "t"}, [])


def test_a_parameter_file_on_the_command_line_is_read_from_the_current_folder_else_the_root(root, monkeypatch):
    params = root / "params" / "consultation_inputs" / "mine.yaml"
    params.write_text("brief_title: Mine\n", encoding="utf-8")
    monkeypatch.chdir(root / "notebooks")
    assert brief_from_file(Path("params/consultation_inputs/mine.yaml"), root).params_path == params.resolve()
    monkeypatch.chdir(root / "params" / "consultation_inputs")
    assert brief_from_file(Path("mine.yaml"), root).params_path == params.resolve()
    with pytest.raises(RunnerError) as error:
        brief_from_file(Path("other.yaml"), root)
    assert str(error.value) == (
        "other.yaml: no such parameter file (looked in params/consultation_inputs/, the current "
        f"folder, and in the project root ({root.resolve()}))"
    )
