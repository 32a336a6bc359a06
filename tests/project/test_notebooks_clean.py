"""Notebooks are committed without outputs, run in the project's kernel and have one parameters cell."""

import json

import nbformat
import pytest

from conftest import ROOT
from workbooks.publish.kernels import KERNEL_NAME
from workbooks.workbook_specs import WORKBOOKS

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


TOOLS = {"review_workbench"}  # notebooks that make no brief: the review workbench (lib/workbooks/review/)


def test_every_notebook_is_a_workbook_or_a_tool():
    assert {path.stem for path in NOTEBOOKS} == set(WORKBOOKS) | TOOLS


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem in WORKBOOKS], ids=lambda p: p.name)
def test_every_notebook_has_at_least_two_briefs(path):
    assert len(list((ROOT / "params" / path.stem).glob("*.yaml"))) >= 2


@pytest.mark.parametrize("notebook", sorted(WORKBOOKS))
def test_the_runner_loads_what_the_notebook_loads(notebook):
    """The runner checks a brief's inputs with the workbook's loader (workbooks.loaders.LOADERS) before its
    kernel starts: the notebook must make that same call, with the parameters in the same order, which the
    loader takes in that order too."""
    import ast
    import inspect

    from workbooks.loaders import LOADERS

    workbook = WORKBOOKS[notebook]
    loader = LOADERS[notebook]
    module, function = loader.__module__, loader.__name__
    taken = inspect.signature(loader).parameters
    positional = [name for name, parameter in taken.items() if parameter.default is inspect.Parameter.empty]
    assert len(positional) <= len(workbook.loader_arguments) <= len(taken) and {"root", "check_only"} <= set(taken)
    cells = nbformat.read(str(ROOT / "notebooks" / f"{notebook}.ipynb"), 4).cells
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    source = "\n".join(line for line in code.splitlines() if not line.startswith("%"))  # IPython magics
    tree = ast.parse(source)
    imports = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module == module
        and function in [alias.name for alias in node.names]
    ]
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function
    ]
    assert imports and len(calls) == 1
    assert [argument.id for argument in calls[0].args] == list(workbook.loader_arguments) and not calls[0].keywords
