"""Before a brief's kernel starts: its inputs loaded and checked here, by the workbook's own loader
(``check_only``: every file and parameter checked, the costly analysis such as coding left to the
kernel), with the brief's parameters, and every file that loader reads recorded.

So a bad table, sidecar, codebook or checklist is reported by the runner as the project's own
error (file, line and field) and stops only the briefs that read it; and the brief's fingerprint
covers every file it reads, wherever the parameters point. The loader is the one the notebook
calls (``catalogue.Workbook.loader``); a test keeps the notebook's call and the catalogue's in step.

Files are recorded with Python's audit hook for ``open`` (PEP 578), so nothing a loader reads
escapes, whichever library opens it; files of the Python installation and of this package (the
fingerprint covers the package as a whole) and the machine's /proc, /sys and /dev are left out.
"""
from __future__ import annotations

import importlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..catalogue import WORKBOOKS
from ..common.paths import resolve
from ..errors import ParameterError

_LIBRARY = Path(__file__).resolve().parents[1]
_INSTALLATION = tuple({Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
_SYSTEM = tuple(Path(p) for p in ("/proc", "/sys", "/dev"))  # the machine's state (a library sizing its threads), not inputs
_WRITING = os.O_WRONLY | os.O_RDWR
_recorders: list[set[Path]] = []  # the recordings under way in this process, innermost last
_hook_installed = False


def _audit(event: str, arguments: tuple) -> None:
    if event != "open" or not _recorders:
        return
    path, mode, flags = arguments
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # a file descriptor
    if isinstance(mode, str) and any(letter in mode for letter in "wax+"):
        return
    if mode is None and isinstance(flags, int) and flags & _WRITING:
        return
    _recorders[-1].add(Path(os.fsdecode(path)))


@contextmanager
def recording_reads():
    """Collect the files opened for reading inside the block (a set of resolved paths)."""
    global _hook_installed
    if not _hook_installed:  # an audit hook cannot be removed: one, idle unless a recording is under way
        sys.addaudithook(_audit)
        _hook_installed = True
    opened: set[Path] = set()
    _recorders.append(opened)
    try:
        yield opened
    finally:
        _recorders.remove(opened)


def _is_input(path: Path) -> bool:
    return path.is_file() and not path.is_relative_to(_LIBRARY) and not any(
        path.is_relative_to(prefix) for prefix in (*_INSTALLATION, *_SYSTEM))


def load_function(notebook: str):
    """The workbook's loader, as its notebook calls it."""
    module, _, name = WORKBOOKS[notebook].loader.partition(":")
    return getattr(importlib.import_module(module), name)


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


def inputs_read(notebook: str, parameters: dict, root: Path) -> list[Path]:
    """Load the brief's inputs as its notebook will; return every file read, sorted. Raises the
    loader's own error (a :class:`~workbooks.errors.WorkbooksError` naming file, line and field).
    A notebook that is not one of the workbooks (a researcher's own) has no loader: nothing read."""
    if notebook not in WORKBOOKS:
        return []
    load = load_function(notebook)
    names = WORKBOOKS[notebook].loader_arguments
    for name in names:  # a file parameter naming no file (a notebook's default: the runner found those a parameter
        value = parameters[name]  # file names, discover.with_files_found): said of the parameter, placed in its file
        if name.endswith("_file") and isinstance(value, str) and value.strip() and not resolve(value, root).is_file():
            raise ParameterError(None, name, f"{value}: no such file (looked in the project root, {Path(root).resolve()})")
    arguments = [parameters[name] for name in names]
    with _project_root(Path(root).resolve()), recording_reads() as opened:
        load(*arguments, root=Path(root).resolve(), check_only=True)
    return sorted({path.resolve() for path in opened if _is_input(path.resolve())})
