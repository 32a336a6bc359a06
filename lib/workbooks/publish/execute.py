"""One brief through Papermill and nbconvert: execute its notebook in the project's kernel, export the HTML,
print the PDF, pack its tables, and only once all are made replace its last good files (by renames). A
failing brief keeps its executed notebook as ``NAME.failed.ipynb`` and says what went wrong, for a person."""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..common.files import atomic_write_bytes, atomic_write_text
from ..errors import WorkbooksError
from . import stopping
from .brief_files import MADE
from .discover import Brief, brief_title
from .history import previous_edition_record
from .kernel_forks import kernel_forks
from .kernels import KERNEL_NAME, ipc_kernel_manager, kernels_ahead, papermill_engine_for_started_kernels
from .limits import DEFAULT_CELL_TIMEOUT_SECONDS, OUTPUT_TIMEOUT_SECONDS
from .pdf import print_pdf, printing_browser
from .report import DISK_FULL, os_error_message
from .run_records import RunResult, last_good_files, now, output_paths, remove_temporaries, write_record
from .run_statuses import FAILED, INTERRUPTED, OK

_OUTPUT_TIMEOUT = "Timeout waiting for IOPub output"  # nbclient's words for it


@dataclass(frozen=True)
class RunSettings:
    """What every brief of a run shares: where its files go, the project, the kernel, each cell's time limit."""

    out_dir: Path
    root: Path
    kernel_name: str = KERNEL_NAME
    timeout: int = DEFAULT_CELL_TIMEOUT_SECONDS  # seconds a cell may run before it is stopped, with its kernel


@dataclass(frozen=True)
class BriefToRun:
    """A brief checked and to run: its parameters, its inputs' fingerprint and the files it reads."""

    brief: Brief
    parameters: dict
    fingerprint: str = ""
    inputs: tuple[Path, ...] = ()


def run_one(to_run: BriefToRun, settings: RunSettings, more_follow: bool = False) -> RunResult:
    """Execute and export one brief; never raises for a notebook error (the result says failed).
    A cell running longer than ``settings.timeout`` seconds is stopped with its kernel. Where ``more_follow`` (more
    briefs run in this process after it), once the notebook has run the next brief's kernel is started
    (:class:`.kernels.KernelsAhead`) while this one's files are made, and the kernels' fork server and the browser
    are kept for the next; else they are closed after (:func:`close_kept_processes`)."""
    brief, parameters = to_run.brief, to_run.parameters
    out_dir, root, kernel_name, timeout = settings.out_dir, settings.root, settings.kernel_name, settings.timeout
    paths = output_paths(out_dir, brief)
    started = time.perf_counter()
    result = RunResult(
        brief=brief.id,
        status=FAILED,
        parameters=parameters,
        fingerprint=to_run.fingerprint,
        inputs=[str(path) for path in to_run.inputs],
    )
    if stopping.stop_requested():
        result.status, result.error = INTERRUPTED, "not started: the run was stopped"
        return result
    try:
        executed = _execute(brief, parameters, paths["running_notebook"], out_dir, root, kernel_name, timeout)
        if more_follow and not stopping.stop_requested():
            start_next_kernel(kernel_name, root / "notebooks")
        result.facts = _make_files(brief, parameters, executed, paths, keep_browser=more_follow)
        result.status = OK
    except Exception as error:  # a failing brief must not stop the others
        if stopping.stop_requested():
            result.status, result.error = INTERRUPTED, "stopped while running: its last good files are kept"
        else:
            result.error = _failure_message(error, paths, out_dir, timeout)
            _keep_failed_notebook(result, paths, out_dir)
    finally:
        remove_temporaries(out_dir, brief)
        if not more_follow:
            close_kept_processes()
    result.seconds = round(time.perf_counter() - started, 2)
    result.finished = now()
    if result.status == INTERRUPTED:
        return result  # nothing recorded: the catalogue keeps the brief's last run
    last_good_files(result, paths, out_dir)
    try:
        write_record(out_dir, brief, result, root)
    except OSError as error:
        result.status = FAILED
        result.error = (result.error + "\n" if result.error else "") + os_error_message(error, paths["record"])
    return result


def start_next_kernel(kernel_name: str, cwd: Path) -> None:
    """The next brief's kernel started ahead; a failure here is not this brief's, whose notebook has run: the next
    brief then starts its own kernel, as Papermill does, and says what is wrong if anything is."""
    try:
        kernels_ahead.start(kernel_name, cwd)
    except Exception:  # any failure: the kernel is only started early, never needed
        kernel_forks.close()


def close_kept_processes() -> None:
    """End what this process keeps from one brief to the next: the kernel started ahead, the kernels' fork server
    (:data:`.kernel_forks.kernel_forks`) and the browser that prints the PDFs (:data:`.pdf.printing_browser`). At the
    end of a run, of a pool's worker, of a brief on a cluster's worker (which outlives the run)."""
    kernels_ahead.close()
    kernel_forks.close()
    printing_browser.close()


def _execute(
    brief: Brief, parameters: dict, executed_path: Path, out_dir: Path, root: Path, kernel_name: str, timeout: int
):
    """The brief's notebook run by Papermill in the project's kernel (one started ahead for it, if any), saved
    at ``executed_path`` as it runs (:data:`.started_kernel_engine.SAVE_AT_MOST_EVERY_SECONDS`) and at its end."""
    import papermill  # the kernel's libraries, imported only when a brief runs: a run with nothing changed never loads them

    executed_path.parent.mkdir(parents=True, exist_ok=True)
    cwd = root / "notebooks"
    return papermill.execute_notebook(
        str(brief.notebook_path),
        str(executed_path),
        parameters=_with_previous_edition(parameters, out_dir, brief),
        kernel_name=kernel_name,
        cwd=str(cwd),
        progress_bar=False,
        request_save_on_cell_execute=True,
        start_timeout=120,
        execution_timeout=timeout,
        iopub_timeout=OUTPUT_TIMEOUT_SECONDS,
        shutdown_kernel="immediate",  # the notebook is saved: the kernel is killed, not waited for
        kernel_manager_class=ipc_kernel_manager(),
        engine_name=papermill_engine_for_started_kernels(),
        km=kernels_ahead.take(kernel_name, cwd),
    )


def _make_files(brief: Brief, parameters: dict, executed, paths: dict[str, Path], keep_browser: bool = True) -> dict:
    """The brief's HTML, PDF and tables made from the executed notebook, each beside its final name; then, all
    made, the last good ones replaced by renames that need no disk space, so a full disk never leaves a brief
    half new; the browser is kept for the next brief's PDF where ``keep_browser``. Returns the brief's facts (for
    the catalogue)."""
    from .artefacts import brief_facts, shown_tables, tables_zip
    from .export import export_brief_html

    title = brief_title(brief, parameters)
    atomic_write_text(paths["running_html"], export_brief_html(executed, title=title, brief=brief.id))
    print_pdf(paths["running_html"], paths["running_pdf"], keep=keep_browser)
    facts = brief_facts(executed)
    atomic_write_bytes(
        paths["running_tables"],
        tables_zip(shown_tables(executed), _tables_readme(brief, title, facts.get("illustrative", False))),
    )
    for kind in MADE:
        os.replace(paths[f"running_{kind}"], paths[kind])
    paths["failed"].unlink(missing_ok=True)
    return facts


def _with_previous_edition(parameters: dict, out_dir: Path, brief: Brief) -> dict:
    """The parameters the notebook runs with: where it declares ``previous_edition``, the record of the brief's
    last edition kept in the history (:func:`.history.previous_edition_record`), so that it says what changed
    since; the recorded parameters and the fingerprint keep the runner's "" (the same in every run)."""
    if "previous_edition" not in parameters:
        return parameters
    return {**parameters, "previous_edition": previous_edition_record(out_dir, brief.id)}


def _keep_failed_notebook(result: RunResult, paths: dict[str, Path], out_dir: Path) -> None:
    """The executed notebook, as far as it ran, kept as NAME.failed.ipynb for a maintainer."""
    if not paths["running_notebook"].exists():
        return
    try:
        atomic_write_bytes(paths["failed"], paths["running_notebook"].read_bytes())
        result.failed_notebook = str(paths["failed"].relative_to(out_dir))
    except OSError as error:
        result.error += "\n" + os_error_message(error, paths["failed"])


def unfinished_cell(notebook_path: Path) -> str:
    """'cell N (first line of its code)': the cell that was sent to the kernel and never replied, if any."""
    return _cell_where(notebook_path, lambda execution: "shell.execute_reply" not in execution)


def output_waited_cell(notebook_path: Path) -> str:
    """'cell N (first line of its code)': the cell that replied but whose outputs never ended, if any."""
    return _cell_where(
        notebook_path, lambda execution: "shell.execute_reply" in execution and "iopub.status.idle" not in execution
    )


def _cell_where(notebook_path: Path, stopped_there) -> str:
    """'cell N (first line of its code)': the first code cell sent to the kernel (Papermill's mark) whose execution
    timings (nbclient's) ``stopped_there`` says it stopped at; '' for none, or where the notebook cannot be read."""
    import nbformat

    try:
        notebook = nbformat.read(str(notebook_path), as_version=4)
    except Exception:  # the notebook itself may be what could not be written
        return ""
    cells = [cell for cell in notebook.cells if "injected-parameters" not in cell.get("metadata", {}).get("tags", [])]
    for number, cell in enumerate(cells, start=1):  # numbered as in notebooks/, without Papermill's injected cell
        metadata = cell.get("metadata", {})
        started_here = metadata.get("papermill", {}).get("start_time")  # Papermill's mark: the cell was sent
        if cell.cell_type == "code" and started_here and stopped_there(metadata.get("execution", {})):
            first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
            first = first if len(first) <= 60 else first[:57] + "..."
            return f"cell {number} ({first})"
    return ""


def _failure_message(error: BaseException, paths: dict[str, Path], out_dir: Path, timeout: int) -> str:
    """What went wrong, for a person: the project's own message as it is, a stuck cell or a dead
    kernel named by its cell, a full disk said so; anything else with a short traceback."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(error, CellTimeoutError) and _OUTPUT_TIMEOUT in str(error):
        return (
            f"{output_waited_cell(paths['running_notebook']) or 'a cell'} finished, but its output had not all arrived "
            f"{OUTPUT_TIMEOUT_SECONDS} s after, and the brief was stopped (an output too large for the notebook?)"
        )
    if isinstance(error, CellTimeoutError):
        cell = unfinished_cell(paths["running_notebook"]) or "a cell"
        return (
            f"{cell} ran longer than the limit of {timeout} s and was stopped, with its kernel "
            "(raise the limit with --timeout SECONDS)"
        )
    if isinstance(error, DeadKernelError):
        cell = unfinished_cell(paths["running_notebook"])
        return f"the kernel died{' while running ' + cell if cell else ''} (out of memory, or killed)"
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        return (
            f"no space left on the disk while making the brief's files in {paths['html'].parent}: free some "
            "space and run again (the last good files are kept)"
        )
    message = _error_summary(error)
    if getattr(error, "ename", None) is None and not isinstance(error, WorkbooksError):
        message += "\n" + traceback.format_exc(limit=3)  # a fault of the runner itself: where it was
    return message


def _error_summary(error: BaseException) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip()


def _tables_readme(brief: Brief, title: str, illustrative: bool = False) -> str:
    mark = (
        "ILLUSTRATIVE DATA: this brief is built on data invented for demonstration; every table says so in its "
        "first column. Do not read these tables as records of the workstream.\n\n"
        if illustrative
        else ""
    )
    return mark + (
        f'Tables of the brief "{title}" ({brief.id}), made by Integration Workbooks.\n'
        "One CSV file per table, numbered in the order the brief shows them; cells hold the text the brief shows "
        "(numbers rounded as shown, a blank where the brief shows a dash). A cell that would start with = + - or @ "
        "starts with an apostrophe, so that a spreadsheet does not run it as a formula.\n"
        "Read the brief itself for what each table means and for the caveats that apply to it.\n"
    )
