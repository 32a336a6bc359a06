"""A brief's files in the outputs folder and its run record (``outputs/NOTEBOOK/NAME.run.json``), which the
catalogue, the history and the alerts read; a brief that did not run keeps its last good files."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..common.files import atomic_write_text
from ..common.moments import record_time
from ..errors import ParameterError, WorkbooksError
from ..presentation.editions import TRACKED
from .brief_files import MADE, SHOWN
from .discover import Brief, placed_in_parameter_file
from .report import failure_for_readers, os_error_message
from .run_statuses import OK


@dataclass
class RunResult:
    brief: str
    status: str
    parameters: dict = field(default_factory=dict)
    seconds: float = 0.0
    finished: str = ""
    html: str | None = None
    pdf: str | None = None
    tables: str | None = None
    facts: dict = field(default_factory=dict)  # title, question, data date, illustrative: for the catalogue
    failed_notebook: str | None = None
    error: str = ""
    fingerprint: str = ""
    inputs: list = field(default_factory=list)  # every file the brief reads, resolved, wherever it is
    cached: bool = False
    last_good: str = ""  # a brief whose run failed: when its last good files, still shown, were made (as finished)


def output_paths(out_dir: Path, brief: Brief) -> dict[str, Path]:
    """Every file of a brief's: each of :data:`MADE` and its ``running_`` kind, the failed notebook, the run record."""
    folder = out_dir / brief.notebook
    return {
        **{kind: folder / f"{brief.name}{ending}" for kind, ending in MADE.items()},
        **{f"running_{kind}": folder / f".{brief.name}.running{ending}" for kind, ending in MADE.items()},
        "failed": folder / f"{brief.name}.failed.ipynb",
        "record": folder / f"{brief.name}.run.json",
    }


def remove_temporaries(out_dir: Path, brief: Brief) -> None:
    """The files a brief's run makes beside their final names, removed: after the run, or once its worker is gone."""
    paths = output_paths(out_dir, brief)
    for kind in MADE:
        paths[f"running_{kind}"].unlink(missing_ok=True)


def now() -> str:
    return record_time(datetime.now(timezone.utc))


def write_record(out_dir: Path, brief: Brief, result: RunResult, root: Path) -> None:
    """The run record (outputs/NOTEBOOK/NAME.run.json) that the index page is built from; its failure said
    for readers (:func:`failure_for_readers`), in the result too, which the history and the alerts read."""
    result.error = failure_for_readers(result.error, root, out_dir)
    record = asdict(result)
    record["facts"] = {key: value for key, value in (record.get("facts") or {}).items() if key != TRACKED}
    atomic_write_text(output_paths(out_dir, brief)["record"], json.dumps(record, indent=2, default=str))


def last_good_files(result: RunResult, paths: dict[str, Path], out_dir: Path) -> None:
    """Point the record at the brief's files on disk: this run's, or the last good run's."""
    for kind in SHOWN:
        if paths[kind].exists():
            setattr(result, kind, str(paths[kind].relative_to(out_dir)))
    if result.status == OK or not paths["record"].exists():
        return
    try:  # a failed run keeps the catalogue entry of the last good brief, and when that was made
        before = json.loads(paths["record"].read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    result.facts = result.facts or before.get("facts") or {}
    if result.html:
        result.last_good = str(before.get("finished") if before.get("status") == OK else before.get("last_good") or "")


def record_unrunnable(brief: Brief, status: str, error: WorkbooksError, out_dir: Path, root: Path) -> RunResult:
    """A brief whose parameters or data stopped it before its kernel: recorded, its last good files kept."""
    paths = output_paths(out_dir, brief)
    if isinstance(error, ParameterError) and error.path is None:  # the loader names the parameter: place it in its file
        error = placed_in_parameter_file(error, brief.params_path)
    result = RunResult(brief=brief.id, status=status, error=str(error), finished=now())
    last_good_files(result, paths, out_dir)
    try:
        write_record(out_dir, brief, result, root)
    except OSError as problem:
        result.error += "\n" + os_error_message(problem, paths["record"])
    return result
