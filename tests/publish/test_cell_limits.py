"""What a brief stopped by a time limit says: a cell that never replied is named against the cell limit; a cell that
replied but whose outputs did not all arrive (a display of tens of megabytes) is named as that, against the limit on
outputs, never as a cell that ran past --timeout; and Papermill is given that limit, not nbclient's 4 s."""

from __future__ import annotations

import nbformat
import pytest
from nbclient.exceptions import CellTimeoutError

from workbooks.publish import execute


def _notebook(tmp_path, execution_of_second: dict):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A brief"),
        nbformat.v4.new_code_cell("inputs = load()"),
        nbformat.v4.new_code_cell("display(front_matter(facts))\nmore()"),
        nbformat.v4.new_code_cell("never_sent()"),
    ]
    done = {"shell.execute_reply": "t", "iopub.status.idle": "t"}
    for cell, execution in zip(notebook.cells[1:3], (done, execution_of_second)):
        cell.metadata["papermill"] = {"start_time": "2026-12-07T15:32:28"}
        cell.metadata["execution"] = execution
    path = tmp_path / "brief.running.ipynb"
    nbformat.write(notebook, path)
    return {"running_notebook": path, "html": tmp_path / "brief.html"}


def test_a_cell_whose_outputs_never_all_arrived_is_named_with_the_output_limit(tmp_path):
    paths = _notebook(tmp_path, {"shell.execute_reply": "2026-12-07T15:34:18Z"})  # replied; its idle never came
    error = CellTimeoutError.error_from_timeout_and_cell(
        "Timeout waiting for IOPub output", 120, nbformat.v4.new_code_cell("x")
    )
    message = execute._failure_message(error, paths, tmp_path, timeout=1800)
    assert message == (
        "cell 3 (display(front_matter(facts))) finished, but its output had not all arrived 120 s after, and the brief "
        "was stopped (an output too large for the notebook?)"
    )
    assert "1800" not in message and "--timeout" not in message


def test_a_cell_that_never_replied_is_named_with_the_cell_limit(tmp_path):
    paths = _notebook(tmp_path, {})  # sent, never replied
    error = CellTimeoutError.error_from_timeout_and_cell(
        "Cell execution timed out", 1800, nbformat.v4.new_code_cell("x")
    )
    message = execute._failure_message(error, paths, tmp_path, timeout=1800)
    assert message.startswith(
        "cell 3 (display(front_matter(facts))) ran longer than the limit of 1800 s and was stopped"
    )


def test_papermill_is_given_the_limit_on_outputs(tmp_path, monkeypatch):
    import papermill

    given = {}

    class Stop(Exception):
        pass

    def execute_notebook(*args, **kwargs):
        given.update(kwargs)
        raise Stop

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    brief = type("Brief", (), {"notebook_path": tmp_path / "x.ipynb", "notebook": "x", "name": "b", "id": "x/b"})()
    monkeypatch.setattr(execute, "_with_previous_edition", lambda parameters, out_dir, brief: parameters)
    with pytest.raises(Stop):
        execute._execute(brief, {}, tmp_path / "out.ipynb", tmp_path, tmp_path, "no-kernel", 600)
    assert given["iopub_timeout"] == execute.OUTPUT_TIMEOUT_SECONDS >= 60
    assert given["execution_timeout"] == 600
