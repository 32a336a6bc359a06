"""Notebooks are committed without outputs, run in the project's kernel and have one parameters cell."""
import json

import pytest

from conftest import ROOT
from workbooks.briefs.runner import KERNEL_NAME

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {number} has outputs: clear them before committing"
            assert cell.get("execution_count") is None, f"{path.name} cell {number} has an execution count"
    assert notebook["metadata"]["kernelspec"]["name"] == KERNEL_NAME
    tagged = [c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_has_at_least_two_briefs(path):
    assert len(list((ROOT / "params" / path.stem).glob("*.yaml"))) >= 2
