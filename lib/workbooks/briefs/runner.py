"""The brief runner: parameter files through Papermill and nbconvert into outputs/, plus an index.

For each ``params/NOTEBOOK/NAME.yaml``: validate it against ``notebooks/NOTEBOOK.ipynb``'s
parameters cell (before any kernel starts), execute the notebook with Papermill in the project's
own kernel, export the executed notebook to ``outputs/NOTEBOOK/NAME.html``, print that to
``NAME.pdf`` (A4, chromium), pack its tables in ``NAME.tables.zip`` and record the run in
``outputs/NOTEBOOK/NAME.run.json``. A failing brief keeps its executed notebook as
``NAME.failed.ipynb`` and leaves the last good HTML, PDF and tables untouched; the others still
run. Every file is written atomically, and only once all of a brief's files are made.
``outputs/index.html`` is the catalogue of briefs, with the build details below it.

Before any kernel starts, each brief's inputs are loaded here by the workbook's own loader
(:mod:`.preflight`): a bad file stops only the briefs that read it, with its file, line and field.
A cell running longer than the time limit is stopped with its kernel; one run at a time holds an
outputs folder (:mod:`.lock`); Ctrl-C stops the kernels, keeps every finished brief, writes the
catalogue and exits 130 (:mod:`.stopping`). Exit codes: 0 every brief good, 1 any brief failed or
its data bad, 130 interrupted.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import sys
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..common.files import atomic_write_bytes, atomic_write_text
from ..common.paths import did_you_mean, looked_in, parameter_file_places, project_root, shown_path
from ..common.wording import count_of
from ..common.yaml_files import line_of
from ..errors import ParameterError, RunnerError, WorkbooksError
from . import stopping
from .alerts import send_alerts, settings_for_run
from .executors import cancel_waiting, describe, local_worker_pids, make_executor
from .feed import write_feed
from .history import counts_of, outcome_counts, outcome_of, previous_edition_record, record_run, write_history_page
from .index_page import write_index
from .kernels import KERNEL_NAME, check_kernel, ipc_kernel_manager
from .lock import DEFAULT_WAIT_SECONDS, outputs_lock
from .moments import record_time, shown_moment
from .parameters import declared_parameters, load_parameter_file, validate_parameters
from .preflight import inputs_read
from .statuses import BAD_DATA, FAILED, INTERRUPTED, INVALID, OK

DEFAULT_CELL_TIMEOUT_SECONDS = 600  # a brief's cells take seconds; a cell running ten minutes is stuck
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
STOP_GRACE_SECONDS = 10  # after Ctrl-C, how long a worker may take to stop its brief before it is killed


@dataclass(frozen=True)
class Brief:
    notebook: str  # notebook stem, e.g. "timeline_progress"
    name: str  # parameter file stem
    params_path: Path
    notebook_path: Path

    @property
    def id(self) -> str:
        return f"{self.notebook}/{self.name}"


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


def discover_briefs(root: Path) -> list[Brief]:
    briefs = []
    for params_path in sorted((root / "params").glob("*/*.yaml")):
        notebook = params_path.parent.name
        briefs.append(Brief(notebook, params_path.stem, params_path, root / "notebooks" / f"{notebook}.ipynb"))
    return briefs


def select_briefs(available: list[Brief], names: list[str]) -> list[Brief]:
    """Briefs named as NOTEBOOK/NAME, NAME, or NOTEBOOK (all of its briefs); all when none named."""
    if not names:
        return available
    chosen: list[Brief] = []
    for name in names:
        name = name.removesuffix(".yaml")
        matches = [b for b in available if name in (b.id, b.name, b.notebook)]
        if not matches:
            raise RunnerError(f"no brief named {name!r}; known: {', '.join(b.id for b in available) or 'none'}")
        chosen += [b for b in matches if b not in chosen]
    return chosen


def brief_from_file(params_path: Path, root: Path) -> Brief:
    """The brief of a parameter file named on the command line: read from the current folder, else
    from the project root (the same rule as a file a parameter file names, the command's folder in
    place of the parameter file's)."""
    given = str(params_path)
    found = next((place for place in parameter_file_places(given, Path.cwd(), root) if place.is_file()), None)
    if found is None:
        raise RunnerError(f"{given}: no such parameter file (looked in "
                          f"{looked_in(given, Path.cwd(), root, 'the current folder')})")
    params_path = found.resolve()
    notebook = params_path.parent.name
    notebook_path = root / "notebooks" / f"{notebook}.ipynb"
    if not notebook_path.exists():
        raise RunnerError(f"{params_path}: its folder names notebook {notebook!r}, but {notebook_path} does not exist "
                          "(parameter files live in params/NOTEBOOK/NAME.yaml)")
    return Brief(notebook, params_path.stem, params_path, notebook_path)


def brief_title(brief: Brief, parameters: dict) -> str:
    """The page title: the brief_title parameter as given, else the notebook's default, else the brief id."""
    if parameters.get("brief_title"):
        return str(parameters["brief_title"])
    declared = declared_parameters(brief.notebook_path).get("brief_title")
    return str(declared.default) if declared and declared.default else brief.id


def _digest_files(digest, files, root: Path, library: Path) -> None:
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(root) if path.is_relative_to(root) else (
                path.relative_to(library) if path.is_relative_to(library) else path)
            digest.update(str(name).encode())
            digest.update(path.read_bytes())


def shared_fingerprint(root: Path) -> str:
    """SHA-256 over what every brief depends on alike: every file in data/ and the library's code and
    templates. Computed once per run."""
    digest = hashlib.sha256()
    library = Path(__file__).parents[1]  # the whole workbooks package
    _digest_files(digest, [*sorted((root / "data").rglob("*")), *sorted(library.rglob("*"))], root, library)
    return digest.hexdigest()


def input_fingerprint(root: Path, brief: Brief, parameters: dict, inputs: list[Path] = (), shared: str | None = None) -> str:
    """SHA-256 over everything a brief reads: its notebook, its parameters, the files its loader
    read (``inputs``, wherever they are), and the :func:`shared_fingerprint` (data/ and the library).
    The same fingerprint means the same brief."""
    digest = hashlib.sha256()
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update((shared or shared_fingerprint(root)).encode())
    _digest_files(digest, [brief.notebook_path, *(Path(path) for path in inputs)], root, Path(__file__).parents[1])
    return digest.hexdigest()


def _unchanged_since_last_good_run(brief: Brief, parameters: dict, out_dir: Path, root: Path, shared: str) -> RunResult | None:
    """The last good run's result when the files it read then are as they were (and data/, the
    library, the notebook and the parameters too): the brief is kept without loading anything."""
    try:
        recorded = json.loads(_output_paths(out_dir, brief)["record"].read_text(encoding="utf-8")).get("inputs")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(recorded, list) or not recorded:
        return None
    return cached_result(brief, out_dir, input_fingerprint(root, brief, parameters, [Path(p) for p in recorded], shared))


def cached_result(brief: Brief, out_dir: Path, fingerprint: str) -> RunResult | None:
    """The last run's result if it succeeded with the same inputs and its HTML is still there."""
    paths = _output_paths(out_dir, brief)
    try:
        record = json.loads(paths["record"].read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    made = [paths[kind] for kind in ("html", "pdf", "tables")]
    if record.get("status") != OK or record.get("fingerprint") != fingerprint or not all(p.exists() for p in made):
        return None
    known = {name: record[name] for name in RunResult.__dataclass_fields__ if name in record}
    return RunResult(**{**known, "cached": True})


def _output_paths(out_dir: Path, brief: Brief) -> dict[str, Path]:
    folder = out_dir / brief.notebook
    return {
        "html": folder / f"{brief.name}.html",
        "pdf": folder / f"{brief.name}.pdf",
        "tables": folder / f"{brief.name}.tables.zip",
        "running_html": folder / f".{brief.name}.running.html",
        "running_pdf": folder / f".{brief.name}.running.pdf",
        "running_tables": folder / f".{brief.name}.running.tables.zip",
        "notebook": folder / f"{brief.name}.ipynb",
        "failed": folder / f"{brief.name}.failed.ipynb",
        "running": folder / f".{brief.name}.running.ipynb",
        "record": folder / f"{brief.name}.run.json",
    }


def _now() -> str:
    return record_time(datetime.now(timezone.utc))


def failure_for_readers(message: str, root: Path, out_dir: Path) -> str:
    """A failure's words as every published page, the feed and the alerts give them (the one place they are
    made): a path inside the project named from its root ("data/status_log.csv: line 4 ..."), one inside an
    outputs folder elsewhere from that folder's name, never by the server's absolute path."""
    places = {f"{Path(out_dir).resolve()}/": f"{Path(out_dir).name}/", f"{Path(root).resolve()}/": ""}
    for place, shown in sorted(places.items(), key=lambda item: len(item[0]), reverse=True):
        message = message.replace(place, shown)
    return message


def _write_record(out_dir: Path, brief: Brief, result: RunResult, root: Path) -> None:
    """The run record (outputs/NOTEBOOK/NAME.run.json) that the index page is built from; its failure said
    for readers (:func:`failure_for_readers`), in the result too, which the history and the alerts read."""
    result.error = failure_for_readers(result.error, root, out_dir)
    atomic_write_text(_output_paths(out_dir, brief)["record"], json.dumps(asdict(result), indent=2, default=str))


def _error_summary(error: BaseException) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip()


def run_one(brief: Brief, parameters: dict, out_dir: Path, root: Path, kernel_name: str = KERNEL_NAME,
            fingerprint: str = "", timeout: int = DEFAULT_CELL_TIMEOUT_SECONDS, inputs: list | None = None) -> RunResult:
    """Execute and export one brief; never raises for a notebook error (the result says failed).
    A cell running longer than ``timeout`` seconds is stopped with its kernel."""
    import nbformat  # the kernel's libraries, imported only when a brief runs: a run with
    import papermill  # nothing changed never loads them

    from .artefacts import brief_facts, shown_tables, tables_zip
    from .export import export_brief_html
    from .pdf import print_pdf

    paths = _output_paths(out_dir, brief)
    started = time.perf_counter()
    result = RunResult(brief=brief.id, status=FAILED, parameters=parameters, fingerprint=fingerprint,
                       inputs=[str(path) for path in inputs or []])
    if stopping.stop_requested():
        result.status, result.error = INTERRUPTED, "not started: the run was stopped"
        return result
    try:
        paths["html"].parent.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(
            str(brief.notebook_path), str(paths["running"]), parameters=_with_previous_edition(parameters, out_dir, brief),
            kernel_name=kernel_name, cwd=str(root / "notebooks"), progress_bar=False,
            request_save_on_cell_execute=True, start_timeout=120, execution_timeout=timeout,
            shutdown_kernel="immediate",  # the notebook is saved: the kernel is killed, not waited for
            kernel_manager_class=ipc_kernel_manager(),
        )
        executed = nbformat.read(str(paths["running"]), as_version=4)
        title = brief_title(brief, parameters)
        html = export_brief_html(executed, title=title, brief=brief.id)
        atomic_write_text(paths["running_html"], html)
        print_pdf(paths["running_html"], paths["running_pdf"])
        facts = brief_facts(executed)
        atomic_write_bytes(paths["running_tables"], tables_zip(
            shown_tables(executed), _tables_readme(brief, title, facts.get("illustrative", False))))
        # every file is made, beside its final name; only now are the last good ones replaced, by renames
        # that need no disk space, so a full disk never leaves a brief half new
        for kind in ("html", "pdf", "tables", "notebook"):
            os.replace(paths[f"running_{kind}" if kind != "notebook" else "running"], paths[kind])
        paths["failed"].unlink(missing_ok=True)
        result.facts = facts
        result.status = OK
    except Exception as error:  # a failing brief must not stop the others
        if stopping.stop_requested():
            result.status, result.error = INTERRUPTED, "stopped while running: its last good files are kept"
        else:
            result.error = _failure_message(error, paths, out_dir, timeout)
            _keep_failed_notebook(result, paths, out_dir)
    finally:
        for temporary in ("running", "running_html", "running_pdf", "running_tables"):
            paths[temporary].unlink(missing_ok=True)
    result.seconds = round(time.perf_counter() - started, 2)
    result.finished = _now()
    if result.status == INTERRUPTED:
        return result  # nothing recorded: the catalogue keeps the brief's last run
    _last_good_files(result, paths, out_dir)
    try:
        _write_record(out_dir, brief, result, root)
    except OSError as error:
        result.status = FAILED
        result.error = (result.error + "\n" if result.error else "") + _os_error_message(error, paths["record"])
    return result


def _with_previous_edition(parameters: dict, out_dir: Path, brief: Brief) -> dict:
    """The parameters the notebook runs with: where it declares ``previous_edition``, the record of the brief's
    last edition kept in the history (:func:`.history.previous_edition_record`), so that it says what changed
    since; the recorded parameters and the fingerprint keep the runner's "" (the same in every run)."""
    if "previous_edition" not in parameters:
        return parameters
    return {**parameters, "previous_edition": previous_edition_record(out_dir, brief.id)}


def _keep_failed_notebook(result: RunResult, paths: dict[str, Path], out_dir: Path) -> None:
    """The executed notebook, as far as it ran, kept as NAME.failed.ipynb for a maintainer."""
    if not paths["running"].exists():
        return
    try:
        atomic_write_bytes(paths["failed"], paths["running"].read_bytes())
        result.failed_notebook = str(paths["failed"].relative_to(out_dir))
    except OSError as error:
        result.error += "\n" + _os_error_message(error, paths["failed"])


def unfinished_cell(notebook_path: Path) -> str:
    """'cell N (first line of its code)': the cell that was sent to the kernel and never replied, if any."""
    import nbformat

    try:
        notebook = nbformat.read(str(notebook_path), as_version=4)
    except Exception:  # the notebook itself may be what could not be written
        return ""
    cells = [cell for cell in notebook.cells if "injected-parameters" not in cell.get("metadata", {}).get("tags", [])]
    for number, cell in enumerate(cells, start=1):  # numbered as in notebooks/, without Papermill's injected cell
        metadata = cell.get("metadata", {})
        started_here = metadata.get("papermill", {}).get("start_time")  # Papermill's mark: the cell was sent
        if cell.cell_type == "code" and started_here and "shell.execute_reply" not in metadata.get("execution", {}):
            first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
            first = first if len(first) <= 60 else first[:57] + "..."
            return f"cell {number} ({first})"
    return ""


def _os_error_message(error: OSError, writing: Path) -> str:
    if error.errno in DISK_FULL:
        return (f"no space left on the disk while writing {error.filename or writing}: free some space and run "
                "again (the last good files are kept)")
    return f"cannot write {error.filename or writing}: {error.strerror or error}"


def _failure_message(error: BaseException, paths: dict[str, Path], out_dir: Path, timeout: int) -> str:
    """What went wrong, for a person: the project's own message as it is, a stuck cell or a dead
    kernel named by its cell, a full disk said so; anything else with a short traceback."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(error, CellTimeoutError):
        cell = unfinished_cell(paths["running"]) or "a cell"
        return (f"{cell} ran longer than the limit of {timeout} s and was stopped, with its kernel "
                "(raise the limit with --timeout SECONDS)")
    if isinstance(error, DeadKernelError):
        cell = unfinished_cell(paths["running"])
        return f"the kernel died{' while running ' + cell if cell else ''} (out of memory, or killed)"
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        return (f"no space left on the disk while making the brief's files in {paths['html'].parent}: free some "
                "space and run again (the last good files are kept)")
    message = _error_summary(error)
    if getattr(error, "ename", None) is None and not isinstance(error, WorkbooksError):
        message += "\n" + traceback.format_exc(limit=3)  # a fault of the runner itself: where it was
    return message


def _last_good_files(result: RunResult, paths: dict[str, Path], out_dir: Path) -> None:
    """Point the record at the brief's files on disk: this run's, or the last good run's."""
    for kind in ("html", "pdf", "tables"):
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


def _tables_readme(brief: Brief, title: str, illustrative: bool = False) -> str:
    mark = ("ILLUSTRATIVE DATA: this brief is built on data invented for demonstration; every table says so in its "
            "first column. Do not read these tables as records of the workstream.\n\n" if illustrative else "")
    return mark + (f"Tables of the brief \"{title}\" ({brief.id}), made by Integration Workbooks.\n"
            "One CSV file per table, numbered in the order the brief shows them; cells hold the text the brief shows "
            "(numbers rounded as shown, a blank where the brief shows a dash). A cell that would start with = + - or @ "
            "starts with an apostrophe, so that a spreadsheet does not run it as a formula.\n"
            "Read the brief itself for what each table means and for the caveats that apply to it.\n")


def _record_unrunnable(brief: Brief, status: str, error: WorkbooksError, out_dir: Path, root: Path) -> RunResult:
    """A brief whose parameters or data stopped it before its kernel: recorded, its last good files kept."""
    paths = _output_paths(out_dir, brief)
    if isinstance(error, ParameterError) and error.path is None:  # the loader names the parameter: place it in its file
        error = placed_in_parameter_file(error, brief.params_path)
    result = RunResult(brief=brief.id, status=status, error=str(error), finished=_now())
    _last_good_files(result, paths, out_dir)
    try:
        _write_record(out_dir, brief, result, root)
    except OSError as problem:
        result.error += "\n" + _os_error_message(problem, paths["record"])
    return result


def placed_in_parameter_file(error: ParameterError, params_path: Path) -> ParameterError:
    """A loader's error about a parameter's value, said of the parameter file: its line and key, or
    that the value is the notebook's default where the file does not set it."""
    values = load_parameter_file(params_path)
    if error.key and error.key in values:
        value = values[error.key]
        positions = [position for position, item in enumerate(value) if item in error.items] if isinstance(value, list) else []
        line = line_of(value, positions[0]) if positions else line_of(values, error.key)  # the first item at fault
        return ParameterError(params_path, error.key, error.reason, line, error.items)
    default = " (the notebook's default: this file does not set it)" if error.key else ""
    return ParameterError(params_path, error.key, error.reason + default)


def prepare(brief: Brief, root: Path | None = None) -> dict:
    """The brief's validated parameters, each file it names found (:func:`with_files_found`), or
    ParameterError naming file, line and key."""
    if not brief.notebook_path.exists():
        raise ParameterError(brief.params_path, None, f"no notebook {brief.notebook_path}")
    specs = declared_parameters(brief.notebook_path)
    values = load_parameter_file(brief.params_path)
    checked = validate_parameters(values, specs, brief.params_path)
    return with_files_found(checked, values, brief.params_path, Path(root or brief.notebook_path.parents[1]).resolve())


def with_files_found(checked: dict, values: dict, params_path: Path, root: Path) -> dict:
    """The parameters with each file the parameter file names (a ``*_file`` parameter; "" names
    none) found by the one rule of :func:`~workbooks.common.paths.parameter_file_places`: beside
    the parameter file, else from the project root. The notebook is given the file found, from the
    project root where it is inside it ("params/consultation_inputs/my_comments.csv"), so the brief's
    appendix names the file read. A file in neither place is an error saying where it was looked for."""
    found = dict(checked)
    for key, value in checked.items():
        if not key.endswith("_file") or not isinstance(value, str) or not value.strip():
            continue
        existing = next((place for place in parameter_file_places(value, params_path.parent, root) if place.is_file()),
                        None)
        if existing is None:
            raise ParameterError(params_path, key, f"{value}: no such file (looked in "
                                                   f"{looked_in(value, params_path.parent, root)})"
                                                   f"{did_you_mean(value, params_path.parent, root)}", line_of(values, key))
        found[key] = shown_path(existing, root)
    return found


def _every_parameter(brief: Brief, parameters: dict) -> dict:
    """The values the notebook will run with: its declared defaults, overridden by the brief's."""
    return {**{name: spec.default for name, spec in declared_parameters(brief.notebook_path).items()}, **parameters}


def _print(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _indented(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


def _report(number: int, total: int, result: RunResult) -> None:
    first = result.error.splitlines()[0] if result.status != OK and result.error else ""
    _print(f"[{number}/{total}] {result.brief}: {result.status} in {result.seconds:.1f} s" + (f": {first}" if first else ""))


def run_briefs(briefs: list[str] | None = None, jobs: int = 1, params_file: str | None = None,
               out_dir: str | Path | None = None, root: Path | None = None,
               kernel_name: str = KERNEL_NAME, force: bool = False, timeout: int = DEFAULT_CELL_TIMEOUT_SECONDS,
               wait: float = DEFAULT_WAIT_SECONDS, executor: str = "process", scheduler: str | None = None,
               alerts: str | Path | None = None) -> int:
    """Run briefs; print progress and a summary; return the exit code: 0 when every brief is good,
    1 when any failed or could not run, 128 + the signal's number when stopped (130 for Ctrl-C).

    A brief whose inputs (see :func:`input_fingerprint`) are unchanged since its last good run is
    kept as it is, unless ``force``. ``timeout`` limits each cell, in seconds; ``wait`` how long to
    wait for another run holding the outputs folder. ``executor`` is where briefs run at once:
    "process", ``jobs`` worker processes on this machine, or "dask", the Dask cluster whose
    scheduler is at ``scheduler`` (its workers must see the same project and outputs folders).

    Every run is recorded in the history (:mod:`.history`: outputs/history/, history.html) and the feed
    (:mod:`.feed`: outputs/feed.xml) is written again; then, where ``alerts`` (a file; default
    params/alerts.yaml when there is one) says, an alert goes out for each failed brief (:mod:`.alerts`),
    said in one line, sent or not, never changing the exit code."""
    root = Path(root or project_root()).resolve()
    out_dir = Path(out_dir or root / "outputs").resolve()
    started, run = datetime.now(timezone.utc), None
    _print(f"workbooks run, started {shown_moment(started)}")  # first: a run stopped at once is dated in the log too
    check_kernel(kernel_name)
    alert_settings = settings_for_run(root, alerts)  # a bad alerts file stops the run before any brief, naming its line
    selected = [brief_from_file(Path(params_file), root)] if params_file else select_briefs(discover_briefs(root), briefs or [])
    if not selected:
        _print("no briefs to run: add parameter files under params/NOTEBOOK/NAME.yaml")
        return 1
    with outputs_lock(out_dir, wait, say=_print), stopping.stop_on_signals(also=_pass_signal_to_workers):
        shared = shared_fingerprint(root)
        results = _run_selected(selected, jobs, out_dir, root, kernel_name, force, timeout, executor, scheduler, shared)
        try:
            run = record_run(out_dir, results, started, shared)
            write_history_page(out_dir)
            write_feed(out_dir, alert_settings.site_url if alert_settings else "")
        except OSError as error:
            message = _os_error_message(error, out_dir / "history")
            _print(f"error: the history or the feed was not written: {message}")
            results.append(RunResult(brief="(history) history.html, feed.xml", status=FAILED, error=message))
        try:
            write_index(out_dir)
        except OSError as error:
            _print(f"error: the catalogue was not written: {_os_error_message(error, out_dir / 'index.html')}")
            results.append(RunResult(brief="(catalogue) index.html", status=FAILED,
                                     error=_os_error_message(error, out_dir / "index.html")))
    _print("")
    recorded = {brief["brief"]: brief["outcome"] for brief in run["briefs"]} if run else {}
    _print(summary_table(sorted(results, key=lambda result: result.brief), recorded))
    if run is not None:
        send_alerts(run, out_dir, alert_settings, _print)
    _print(run_ended(run, results))
    if stopping.stop_requested():
        _print("stopped: the briefs above marked interrupted keep their last good files; the catalogue is written")
        return stopping.exit_code()
    return 0 if all(result.status == OK for result in results) else 1


def run_ended(run: dict | None, results: list[RunResult]) -> str:
    """The last line of a run's block in the log: its stamp, when it finished and its outcomes as the history
    recorded them ("run 2026-12-07T070007Z, finished 7 December 2026, 07:00 UTC: 1 new edition, 8 unchanged")."""
    if run is None:
        return (f"run finished {shown_moment(datetime.now(timezone.utc))}, not recorded in the history: "
                f"{counts_of([shown_outcome(result) for result in results])}")
    return f"run {run['stamp']}, finished {shown_moment(run['finished'])}: {outcome_counts(run)}"


def _run_selected(selected: list[Brief], jobs: int, out_dir: Path, root: Path, kernel_name: str, force: bool,
                  timeout: int, executor: str = "process", scheduler: str | None = None,
                  shared: str | None = None) -> list[RunResult]:
    results: list[RunResult] = []
    runnable: list[tuple[Brief, dict, str, list[Path]]] = []
    shared = shared or shared_fingerprint(root)
    for brief in selected:  # every brief's parameters and data are checked before any kernel starts
        if stopping.stop_requested():
            break
        try:
            parameters = prepare(brief, root)
        except WorkbooksError as error:  # the parameter file itself: its file, line and key
            results.append(_record_unrunnable(brief, INVALID, error, out_dir, root))
            _print(f"  {INVALID}  {brief.id}: {results[-1].error.splitlines()[0]}")
            continue
        cached = None if force else _unchanged_since_last_good_run(brief, parameters, out_dir, root, shared)
        if cached:
            _print(f"  unchanged  {brief.id}: inputs as at its last good run, kept (--force to run it again)")
            _write_record(out_dir, brief, cached, root)
            results.append(cached)
            continue
        try:
            inputs = inputs_read(brief.notebook, _every_parameter(brief, parameters), root)
        except WorkbooksError as error:
            status = INVALID if isinstance(error, ParameterError) else BAD_DATA
            result = _record_unrunnable(brief, status, error, out_dir, root)
            _print(f"  {status}  {brief.id}: {result.error.splitlines()[0]}")
            results.append(result)
            continue
        fingerprint = input_fingerprint(root, brief, parameters, inputs, shared)
        cached = None if force else cached_result(brief, out_dir, fingerprint)
        if cached:
            _print(f"  unchanged  {brief.id}: inputs as at its last good run, kept (--force to run it again)")
            _write_record(out_dir, brief, cached, root)
            results.append(cached)
        else:
            runnable.append((brief, parameters, fingerprint, inputs))

    total = len(runnable)
    if stopping.stop_requested():
        runnable = []
    if not total:
        unchanged = all(result.cached for result in results)
        _print("nothing changed: every brief's inputs are as at its last good run, so none is run again" if unchanged
               else "no brief to run: those not kept unchanged stopped on their parameters or data (above)")
    else:
        _print(f"running {count_of(total, 'brief')} with {count_of(max(1, jobs), 'job')} into {out_dir}")
    if not runnable or (executor == "process" and (jobs <= 1 or total <= 1)):
        for number, (brief, parameters, fingerprint, inputs) in enumerate(runnable, start=1):
            _print(f"[{number}/{total}] {brief.id} ...")
            result = run_one(brief, parameters, out_dir, root, kernel_name, fingerprint, timeout, inputs)
            _report(number, total, result)
            results.append(result)
    else:
        results += _run_in_pool(runnable, jobs, out_dir, root, kernel_name, timeout, executor, scheduler)
    done = {result.brief for result in results}
    results += [RunResult(brief=brief.id, status=INTERRUPTED, error="not started: the run was stopped")
                for brief in selected if brief.id not in done]
    return results


_pool_workers: list[int] = []  # the pool's worker processes, while a pool runs


def _pass_signal_to_workers() -> None:
    for pid in list(_pool_workers):
        try:
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            pass


def _kill_workers() -> None:
    for pid in list(_pool_workers):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _pool_result(future, brief: Brief) -> RunResult:
    """A brief's result from the pool; a brief whose worker was killed (after a stop, or by the system)
    comes back interrupted, or failed saying so, its last good files kept."""
    if future.cancelled():
        return RunResult(brief=brief.id, status=INTERRUPTED, error="not started: the run was stopped")
    try:
        return future.result()
    except BrokenProcessPool:
        if stopping.stop_requested():
            return RunResult(brief=brief.id, status=INTERRUPTED, error="stopped while running: its last good files are kept")
        return RunResult(brief=brief.id, status=FAILED, error="the worker process running it died (out of memory, or killed)")


def _run_in_pool(runnable: list, jobs: int, out_dir: Path, root: Path, kernel_name: str, timeout: int,
                 executor: str = "process", scheduler: str | None = None) -> list[RunResult]:
    """The briefs through an executor (:mod:`.executors`): worker processes here, or a Dask cluster.
    Each brief writes its own files where it runs (:func:`run_one`); the caller writes the catalogue."""
    results: list[RunResult] = []
    total = len(runnable)
    with make_executor(executor, jobs, scheduler) as pool:
        futures = {pool.submit(run_one, brief, parameters, out_dir, root, kernel_name, fingerprint, timeout, inputs): brief
                   for brief, parameters, fingerprint, inputs in runnable}
        _pool_workers[:] = local_worker_pids(pool)
        _print(f"started on {describe(pool)}: " + ", ".join(brief.id for brief in futures.values()))
        pending, number, stopped_at = set(futures), 0, None
        try:
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                _pool_workers[:] = local_worker_pids(pool)
                if stopping.stop_requested() and stopped_at is None:
                    stopped_at = time.monotonic()
                    cancel_waiting(pool, pending)
                    if not _pool_workers:  # a cluster's briefs cannot be stopped from here: they finish
                        _print("waiting for the briefs running on the cluster to finish (Ctrl-C again to quit at once)")
                elif stopped_at is not None and time.monotonic() - stopped_at > STOP_GRACE_SECONDS:
                    _kill_workers()  # a worker still busy after its kernel was stopped: the run does not wait on it
                for future in done:
                    number += 1
                    result = _pool_result(future, futures[future])
                    _report(number, total, result)
                    results.append(result)
        finally:
            _pool_workers.clear()
    return results


def shown_outcome(result: RunResult, recorded: dict | None = None) -> str:
    """What became of a brief in the run, as the summary says it: a good brief's outcome as the history recorded
    it (``recorded``: brief -> outcome; else :func:`.history.outcome_of`), "new edition" or "unchanged"; any
    other its status ("bad data", "invalid parameters", "failed", "interrupted")."""
    if result.status != OK:
        return result.status
    return (recorded or {}).get(result.brief) or outcome_of(result.status, result.cached)


def summary_table(results: list[RunResult], recorded: dict | None = None) -> str:
    """One row per brief: what became of it (:func:`shown_outcome`), the seconds this run spent on it (none for
    a brief kept unchanged), and under each brief that is not good its whole message (file, line and field for
    bad data), so that an unattended run's log says what to fix; then how many of each."""
    width = max([len(r.brief) for r in results] + [5])
    lines = [f"{'brief':<{width}}  {'outcome':<18}  {'seconds':>7}  output / error",
             f"{'-' * width}  {'-' * 18}  {'-' * 7}  {'-' * 30}"]
    for r in results:
        detail = (r.html or "") if r.status == OK else (f"see {r.failed_notebook}" if r.failed_notebook else "")
        seconds = "-" if r.cached else f"{r.seconds:.1f}"
        lines.append(f"{r.brief:<{width}}  {shown_outcome(r, recorded):<18}  {seconds:>7}  {detail}".rstrip())
        if r.status != OK and r.error:
            lines.append(_indented(r.error))
    lines.append(counts_of([shown_outcome(r, recorded) for r in results]))
    return "\n".join(lines)
