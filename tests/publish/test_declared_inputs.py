"""A brief's fingerprint is made from the files its workbook declares (the file parameters and
``workbook_specs.Workbook.reads``): each loader, run here for every shipped brief as the runner and as
the notebook run it, must read no file it does not declare. Every file opened for reading is seen
with Python's audit hook for ``open`` (PEP 578), whichever library opens it."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from workbooks.loaders import LOADERS
from workbooks.publish.discover import discover_briefs, every_parameter, prepare
from workbooks.publish.preflight import declared_inputs
from workbooks.workbook_specs import WORKBOOKS

LIBRARY = Path(__import__("workbooks").__file__).resolve().parent  # the code: in the shared fingerprint
NOT_INPUTS = (
    *{Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)},
    LIBRARY,
    Path("/proc"),
    Path("/sys"),
    Path("/dev"),
)  # the installation and the machine's state, not data
_recording: list[set[Path]] = []


def _audit(event: str, arguments: tuple) -> None:
    if event != "open" or not _recording:
        return
    path, mode, flags = arguments
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # a file descriptor
    writing = (isinstance(mode, str) and any(letter in mode for letter in "wax+")) or (
        mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR)
    )
    if not writing:
        _recording[-1].add(Path(os.fsdecode(path)))


@contextmanager
def files_opened():
    """The files opened for reading inside the block (an audit hook cannot be removed: one, idle outside)."""
    if not getattr(files_opened, "installed", False):
        sys.addaudithook(_audit)
        files_opened.installed = True
    opened: set[Path] = set()
    _recording.append(opened)
    try:
        yield opened
    finally:
        _recording.remove(opened)


def undeclared(opened: set[Path], declared: list[Path]) -> list[Path]:
    """Files read that are neither declared nor in a declared folder (nor code or the machine's state)."""
    read = {path.resolve() for path in opened if path.resolve().is_file()}
    return sorted(path for path in read if not any(path.is_relative_to(place) for place in (*declared, *NOT_INPUTS)))


SHIPPED = [brief for brief in discover_briefs(ROOT) if brief.notebook in WORKBOOKS]


@pytest.mark.parametrize("check_only", [True, False], ids=["the runner's check", "the notebook's load"])
@pytest.mark.parametrize("brief", SHIPPED, ids=[brief.id for brief in SHIPPED])
def test_every_file_a_loader_reads_is_declared(brief, check_only, monkeypatch):
    monkeypatch.setenv("WORKBOOKS_ROOT", str(ROOT))
    parameters = every_parameter(brief, prepare(brief, ROOT))
    arguments = [parameters[name] for name in WORKBOOKS[brief.notebook].loader_arguments]
    load = LOADERS[brief.notebook]
    with files_opened() as opened:
        load(*arguments, root=ROOT, check_only=check_only)
    declared = declared_inputs(brief.notebook, parameters, ROOT)
    assert {path for path in opened if "data" in path.parts}, "the hook saw no data file: it is not recording"
    assert undeclared(opened, declared) == [], f"{brief.id} reads files its workbook does not declare"
    if not check_only:  # and the notebook's load reads each file declared (a folder: a file in it), none in vain
        read = {path.resolve() for path in opened}
        unread = [
            path
            for path in declared
            if path not in read
            and not (path.is_dir() and any(each.is_relative_to(path) for each in read))
            and not path.name.endswith(".meta.yaml")  # a table's sidecar, declared with it, fingerprinted with it
        ]
        assert unread == [], f"{brief.id} declares files its load never reads"


def test_a_file_read_and_not_declared_is_found(tmp_path):
    """The check itself: a read outside the declaration is named, one inside a declared folder is not."""
    folder, stray = tmp_path / "pages", tmp_path / "stray.csv"
    folder.mkdir()
    (folder / "a.txt").write_text("a", encoding="utf-8")
    stray.write_text("x", encoding="utf-8")
    with files_opened() as opened:
        (folder / "a.txt").read_text(encoding="utf-8")
        stray.read_text(encoding="utf-8")
        (tmp_path / "written.txt").write_text("w", encoding="utf-8")
    assert undeclared(opened, [folder]) == [stray]
