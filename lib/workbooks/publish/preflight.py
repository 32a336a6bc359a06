"""Before a brief's kernel starts: the files it reads, as its workbook declares them, and its inputs
loaded and checked here by the workbook's own loader (``check_only``: every file and parameter
checked, the costly analysis such as coding left to the kernel), with the brief's parameters.

So a bad table, sidecar, codebook or checklist is reported by the runner as the project's own
error (file, line and field) and stops only the briefs that read it; and the brief's fingerprint
covers every file it reads, wherever the parameters point: the files its loader's ``*_file``
arguments name (a table with its sidecar) and those its workbook's spec says it reads besides
(``workbook_specs.Workbook.reads``). The loader is the one the notebook calls, given by the command
line (``workbooks.loaders.LOADERS``: this package imports no workbook); tests keep the notebook's call
and the loaders in step, and fail on any file a loader reads and does not declare.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..common.paths import resolve, sidecar_path
from ..errors import ParameterError
from ..workbook_specs import WORKBOOKS


@contextmanager
def _project_root(root: Path):
    before = os.environ.get("WORKBOOKS_ROOT")
    os.environ["WORKBOOKS_ROOT"] = str(root)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("WORKBOOKS_ROOT", None)
        else:
            os.environ["WORKBOOKS_ROOT"] = before


def declared_inputs(notebook: str, parameters: dict, root: Path) -> list[Path]:
    """Every file (or folder) the brief's loader reads with these parameters, as the workbook declares it:
    each file a ``*_file`` argument names, and its sidecar where it is a table, then its spec's
    ``reads`` (``workbook_specs``); resolved, sorted, without repeats. A notebook that is not one of the workbooks (a
    researcher's own) has no loader: nothing declared."""
    if notebook not in WORKBOOKS:
        return []
    root = Path(root).resolve()
    workbook = WORKBOOKS[notebook]
    named = [
        resolve(parameters[name], root)
        for name in workbook.loader_arguments
        if name.endswith("_file") and isinstance(parameters[name], str) and parameters[name].strip()
    ]
    declared = [*named, *(root / path for path in workbook.reads)]
    tables = [sidecar_path(path) for path in declared if path.suffix == ".csv"]
    return sorted({path.resolve() for path in [*declared, *tables]})


def check_inputs(notebook: str, parameters: dict, root: Path, loaders: Mapping[str, Callable]) -> None:
    """Load the brief's inputs as its notebook will, with its workbook's loader (``loaders[notebook]``), and
    check them. Raises the loader's own error (a :class:`~workbooks.errors.WorkbooksError` naming file, line
    and field)."""
    if notebook not in WORKBOOKS:
        return
    load = loaders[notebook]
    names = WORKBOOKS[notebook].loader_arguments
    for name in names:  # a file parameter naming no file (a notebook's default: the runner found those a parameter
        value = parameters[name]  # file names, discover.files_found): said of the parameter, placed in its file
        if name.endswith("_file") and isinstance(value, str) and value.strip() and not resolve(value, root).is_file():
            raise ParameterError(
                None, name, f"{value}: no such file (looked in the project root, {Path(root).resolve()})"
            )
    with _project_root(Path(root).resolve()):
        load(*[parameters[name] for name in names], root=Path(root).resolve(), check_only=True)
