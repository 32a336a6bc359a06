"""How often the runner's Papermill engine saves the executed notebook: Papermill saves the whole notebook when each
cell starts and ends (about 4 s a cell for a 140 MB notebook on 100,000 comments); the engine saves it first, then at
most every SAVE_AT_MOST_EVERY_SECONDS while it runs, and always at its end, so that a brief stopped by a time limit
still leaves the notebook that names the cell it stopped at."""

from __future__ import annotations

from datetime import timedelta

import nbformat
from papermill.engines import papermill_engines

from workbooks.publish import kernels, started_kernel_engine


def _record(tmp_path):
    engine = papermill_engines.get_engine(kernels.papermill_engine_for_started_kernels())
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(f"cell_{number}()") for number in range(3)]
    notebook.metadata.papermill = {}  # as papermill.execute_notebook prepares it
    path = tmp_path / "brief.running.ipynb"
    record = engine.record_class(notebook, output_path=str(path), progress_bar=False)
    clock = {"now": record.now()}
    record.now = lambda: clock["now"]
    return record, notebook, path, clock


def _saved(path) -> bool:
    saved = path.exists()
    path.unlink(missing_ok=True)
    return saved


def test_the_notebook_is_saved_at_its_start_then_only_when_the_last_save_is_old_enough(tmp_path):
    record, notebook, path, clock = _record(tmp_path)
    record.notebook_start()
    assert _saved(path)  # the notebook with its parameters, before any cell
    record.cell_start(notebook.cells[0])
    record.cell_complete(notebook.cells[0])
    record.cell_start(notebook.cells[1])
    assert not _saved(path)
    clock["now"] += timedelta(seconds=started_kernel_engine.SAVE_AT_MOST_EVERY_SECONDS - 1)
    record.cell_complete(notebook.cells[1])
    assert not _saved(path)
    clock["now"] += timedelta(seconds=1)  # exactly the interval since the first save: due
    record.cell_start(notebook.cells[2])
    assert _saved(path)
    record.cell_complete(notebook.cells[2])
    assert not _saved(path)


def test_the_notebook_is_always_saved_at_its_end_with_the_cell_it_stopped_at(tmp_path):
    record, notebook, path, clock = _record(tmp_path)
    record.notebook_start()
    _saved(path)
    record.cell_start(notebook.cells[0])
    record.cell_complete(notebook.cells[0])
    record.cell_start(notebook.cells[1])  # then stopped: the engine's finally completes the notebook
    record.notebook_complete()
    saved = nbformat.read(path, as_version=4)
    assert [cell.metadata.papermill["start_time"] is not None for cell in saved.cells] == [True, True, False]
    assert saved.cells[0].metadata.papermill["end_time"] is not None
    assert saved.cells[1].metadata.papermill["end_time"] is None
