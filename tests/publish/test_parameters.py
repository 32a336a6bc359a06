import datetime as dt

import nbformat
import pytest

from conftest import ROOT
from workbooks.publish.parameters import ParameterError, declared_parameters, load_parameter_file, validate_parameters

NOTEBOOK = ROOT / "notebooks" / "timeline_progress.ipynb"


@pytest.fixture(scope="module")
def specs():
    return declared_parameters(NOTEBOOK)


def test_the_timeline_notebook_declares_its_parameters(specs):
    assert list(specs) == [
        "as_of",
        "workstreams",
        "activities_file",
        "status_log_file",
        "brief_title",
        "previous_edition",
        "live_widgets",
    ]
    assert specs["as_of"].kind == "date" and specs["workstreams"].kind == "list"
    assert specs["live_widgets"].default is True and "runner" in specs["live_widgets"].help


def test_valid_values_are_converted_and_the_runner_turns_widgets_off(specs, tmp_path):
    checked = validate_parameters({"as_of": dt.date(2024, 6, 30), "workstreams": ["W"]}, specs, "p.yaml")
    assert checked == {"as_of": "2024-06-30", "workstreams": ["W"], "live_widgets": False, "previous_edition": ""}


@pytest.mark.parametrize(
    "values, key, message",
    [
        ({"as_at": "2024-01-01"}, "as_at", "unknown parameter; the notebook declares: as_of, workstreams"),
        ({"as_of": "30/06/2024"}, "as_of", "expected a date written YYYY-MM-DD"),
        ({"as_of": 2024}, "as_of", "expected a date"),
        ({"workstreams": "W"}, "workstreams", "expected a list"),
        ({"brief_title": 3}, "brief_title", "expected text"),
        ({"live_widgets": True}, "live_widgets", "set by the brief runner"),
        ({"previous_edition": "x/edition.json"}, "previous_edition", "set by the brief runner"),
    ],
)
def test_bad_parameters_name_file_and_key(specs, values, key, message):
    with pytest.raises(ParameterError) as caught:
        validate_parameters(values, specs, "params/timeline_progress/x.yaml")
    assert caught.value.key == key
    assert str(caught.value).startswith(f"params/timeline_progress/x.yaml, key {key!r}: ")
    assert message in str(caught.value)


def test_every_problem_of_a_parameter_file_is_said_at_once_in_the_files_order(specs, tmp_path):
    """A researcher mends every key before running again: an unknown key, a value of the wrong kind and a runner's
    parameter, each on its own line with its file, line and key; the good keys say nothing."""
    path = tmp_path / "x.yaml"
    path.write_text("as_at: 2024-06-30\nworkstreams: [W]\nbrief_title: 12\nlive_widgets: true\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        validate_parameters(load_parameter_file(path), specs, path)
    assert str(caught.value).splitlines() == [
        f"{path}, line 1, key 'as_at': unknown parameter; the notebook declares: as_of, workstreams, activities_file, "
        "status_log_file, brief_title",
        f"{path}, line 3, key 'brief_title': expected text, got int 12",
        f"{path}, line 4, key 'live_widgets': is set by the brief runner and cannot be given in a parameter file",
    ]
    assert (caught.value.key, caught.value.line) == ("as_at", 1) and len(caught.value.others) == 2


def test_an_impossible_date_is_one_problem_among_the_others_not_the_end_of_reading(specs, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("as_of: 2024-13-45\nas_at: 2024-06-30\nbrief_title: 2024-06-30\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        validate_parameters(load_parameter_file(path), specs, path)
    assert str(caught.value).splitlines() == [
        f"{path}, line 1, key 'as_of': 2024-13-45 is not a real date (month must be in 1..12)",
        f"{path}, line 2, key 'as_at': unknown parameter; the notebook declares: as_of, workstreams, activities_file, "
        "status_log_file, brief_title",
    ]
    path.write_text("as_of: 2024-06-30\nbrief_title: 2024-06-30\n", encoding="utf-8")  # a title that reads as a date
    assert validate_parameters(load_parameter_file(path), specs, path)["brief_title"] == "2024-06-30"


def test_every_error_of_the_project_crosses_a_process_whole():
    """Pickled as a pool or Dask worker sends it back: the same class, message and attributes."""
    import pickle

    from workbooks import errors

    several = ParameterError.of_all([ParameterError("p.yaml", "a", "bad", 1), ParameterError("p.yaml", "b", "no", 2)])
    made = [
        several,
        errors.YamlFileError("c.yaml", 3, "codes", "given twice"),
        errors.NotTextError(2, "byte 0xe9 is not UTF-8", 17),
        errors.RunnerError("no such brief"),
    ]
    for error in made:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and back.__dict__.keys() == error.__dict__.keys()
    back = pickle.loads(pickle.dumps(several))
    assert (back.key, back.line, [other.key for other in back.others]) == ("a", 1, ["b"])


def test_parameter_file_must_be_a_mapping(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("- as_of\n")
    with pytest.raises(ParameterError, match="expected a mapping"):
        load_parameter_file(path)
    path.write_text("as_of: [\n")
    with pytest.raises(ParameterError, match="not valid YAML"):
        load_parameter_file(path)


def test_every_shipped_parameter_file_is_valid(specs):
    files = sorted((ROOT / "params" / "timeline_progress").glob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        validate_parameters(load_parameter_file(path), specs, path)


def test_parameters_cell_must_be_simple_literals(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("as_of = compute_date()")
    cell.metadata["tags"] = ["parameters"]
    notebook.cells = [cell]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, str(path))
    with pytest.raises(ParameterError, match="not a literal"):
        declared_parameters(path)


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_papermill_reads_the_same_parameters_as_the_runner(notebook):
    """Papermill's own parser gives up on a line with two '=' (say, in a help comment): keep them readable."""
    import papermill

    from workbooks.publish.parameters import declared_parameters

    seen = {name for name in papermill.inspect_notebook(str(notebook))}
    assert seen == set(declared_parameters(notebook))


@pytest.mark.parametrize("folder", sorted(p for p in (ROOT / "params").iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_every_parameter_file_of_every_notebook_is_valid(folder):
    from workbooks.publish.parameters import declared_parameters

    specs = declared_parameters(ROOT / "notebooks" / f"{folder.name}.ipynb")
    files = sorted(folder.glob("*.yaml"))
    assert files
    for path in files:
        validate_parameters(load_parameter_file(path), specs, path)


def test_an_impossible_date_names_file_line_and_key(specs, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("brief_title: T\nas_of: 2024-02-30\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        validate_parameters(load_parameter_file(path), specs, path)
    assert str(caught.value).startswith(f"{path}, line 2, key 'as_of': 2024-02-30 is not a real date")
    assert caught.value.key == "as_of" and caught.value.line == 2


def test_a_byte_that_is_not_utf8_is_named_by_its_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"# a brief\n#\n#\n#\n#\nas_of: 2024-06-30\nbrief_title: Caf\xe9 workers\n")
    with pytest.raises(ParameterError) as caught:
        load_parameter_file(path)
    assert str(caught.value).startswith(f"{path}, line 7, key 'brief_title': character 17: byte 0xe9 is not UTF-8")
    assert "Latin-1/Windows-1252" in str(caught.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("as_of: 2024-06-30\nas_of: 2024-07-01\n", "line 2, key 'as_of': given twice (first on line 1)"),
        ("brief_title: T\nworkstreams: W\n", "line 2, key 'workstreams': expected a list"),
        ("brief_title: T\n\nas_at: 2024-06-30\n", "line 3, key 'as_at': unknown parameter"),
        ("- as_of\n", "line 1: expected a mapping"),
    ],
)
def test_problems_in_a_parameter_file_name_its_line(specs, tmp_path, text, message):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        validate_parameters(load_parameter_file(path), specs, path)
    assert str(caught.value).startswith(f"{path}, {message}")


def test_checked_values_are_plain_python_values(specs, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("as_of: 2024-06-30\nworkstreams: [W]\n", encoding="utf-8")
    checked = validate_parameters(load_parameter_file(path), specs, path)
    assert type(checked["workstreams"]) is list and checked["as_of"] == "2024-06-30"
