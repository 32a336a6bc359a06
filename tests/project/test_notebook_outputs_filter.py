"""Notebooks are committed without their outputs, also after a researcher ran them in JupyterLab (which saves
the outputs into the file): `make setup` sets nbstripout up as the git filter .gitattributes names, so git sees
each notebook as it would be committed, outputs stripped, while the file keeps them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat

from conftest import ROOT

NOTEBOOK = "notebooks/timeline_progress.ipynb"


def _git(*arguments: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def test_the_filter_is_set_up_and_named_for_the_notebooks():
    assert "filter: nbstripout" in _git("check-attr", "filter", NOTEBOOK)
    clean = _git("config", "--get", "filter.nbstripout.clean")  # fails (no such key) where make setup did not set it
    assert "nbstripout" in clean and "--keep-id" in clean


def test_a_notebook_run_in_jupyterlab_is_seen_by_git_as_committed_without_its_outputs(tmp_path):
    run = nbformat.read(ROOT / NOTEBOOK, as_version=4)
    code = next(cell for cell in run.cells if cell.cell_type == "code")
    code.execution_count = 3
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a researcher's output\n")]
    run.metadata.language_info.update(
        version="3.11.7",
        codemirror_mode={"name": "ipython", "version": 3},
        file_extension=".py",
        mimetype="text/x-python",
        pygments_lexer="ipython3",
        nbconvert_exporter="python",
    )  # what JupyterLab adds when it runs it
    saved = tmp_path / "saved.ipynb"
    nbformat.write(run, saved)
    as_git_sees_it = _git("hash-object", "--path", NOTEBOOK, str(saved))  # through the notebook's filter
    as_committed = _git("hash-object", "--no-filters", str(ROOT / NOTEBOOK))
    assert as_git_sees_it == as_committed
    assert "a researcher's output" in saved.read_text(encoding="utf-8")  # the file itself keeps them


def test_every_notebook_is_already_as_the_filter_leaves_it():
    """A committed notebook the filter would rewrite would show as changed in every fresh checkout. The filter git
    runs (its configured command), once over every notebook with --verify: it says which it would change."""
    import shlex

    notebooks = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 4
    clean = _git("config", "--get", "filter.nbstripout.clean")
    verified = subprocess.run(
        f"{clean} --verify {shlex.join(notebooks)}", shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, f"the filter would change:\n{verified.stdout}{verified.stderr}"
