"""The brief runner: parameter files through Papermill and nbconvert into outputs/, plus an index.

For each ``params/NOTEBOOK/NAME.yaml``: validate it against ``notebooks/NOTEBOOK.ipynb``'s
parameters cell (before any kernel starts), execute the notebook with Papermill in the project's
own kernel, export the executed notebook to ``outputs/NOTEBOOK/NAME.html``, print that to
``NAME.pdf`` (A4, chromium), pack its tables in ``NAME.tables.zip`` and record the run in
``outputs/NOTEBOOK/NAME.run.json``. A failing brief keeps its executed notebook as
``NAME.failed.ipynb`` and leaves the last good HTML, PDF and tables untouched; the others still
run. Every file is written atomically, and only once all of a brief's files are made.
``outputs/index.html`` is the catalogue of briefs, with the build details below it.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat

from ..common.files import atomic_write_bytes, atomic_write_text
from ..common.paths import project_root
from ..errors import ParameterError, RunnerError
from .artefacts import brief_facts, shown_tables, tables_zip
from .export import export_brief_html
from .index_page import write_index
from .parameters import declared_parameters, load_parameter_file, validate_parameters
from .pdf import print_pdf

KERNEL_NAME = "integration-workbooks"
OK, FAILED, INVALID = "ok", "failed", "invalid parameters"


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
    cached: bool = False


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
    params_path = Path(params_path).resolve()
    notebook = params_path.parent.name
    notebook_path = root / "notebooks" / f"{notebook}.ipynb"
    if not notebook_path.exists():
        raise RunnerError(f"{params_path}: its folder names notebook {notebook!r}, but {notebook_path} does not exist "
                          "(parameter files live in params/NOTEBOOK/NAME.yaml)")
    return Brief(notebook, params_path.stem, params_path, notebook_path)


def _ipc_kernel_manager():
    """A kernel manager talking to its kernel over IPC sockets in the temp folder, not TCP ports:
    no port is opened on the machine during a run (and ipykernel's TCP warning stays away). At
    shutdown it asks the idle kernel to stop without first sending SIGINT, which otherwise lands in
    a message handler now and then and prints 'KeyboardInterrupt caught in kernel'."""
    import os
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"workbooks-kernel-{uuid.uuid4().hex}")

        async def _async_interrupt_kernel(self):
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return IPCKernelManager


def check_kernel(kernel_name: str = KERNEL_NAME) -> None:
    """The project's kernel must exist and run this interpreter, so no brief runs in another one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        raise RunnerError(f"the Jupyter kernel {kernel_name!r} is not registered for this environment: "
                          "run `make setup` (or `python -m ipykernel install --sys-prefix --name "
                          f"{kernel_name}`)") from None
    kernel_python = Path(spec.argv[0]).absolute()
    if kernel_python.parent != Path(sys.executable).absolute().parent:  # same environment's bin/
        raise RunnerError(f"the kernel {kernel_name!r} runs {kernel_python}, not this environment's "
                          f"{Path(sys.executable).absolute()}: run `make setup` to register it again")


def brief_title(brief: Brief, parameters: dict) -> str:
    """The page title: the brief_title parameter as given, else the notebook's default, else the brief id."""
    if parameters.get("brief_title"):
        return str(parameters["brief_title"])
    declared = declared_parameters(brief.notebook_path).get("brief_title")
    return str(declared.default) if declared and declared.default else brief.id


def input_fingerprint(root: Path, brief: Brief, parameters: dict) -> str:
    """SHA-256 over everything a brief reads: its notebook, its parameters, every file in data/ and
    the library's code and templates. The same fingerprint means the same brief."""
    digest = hashlib.sha256()
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    library = Path(__file__).parents[1]  # the whole workbooks package
    files = [brief.notebook_path, *sorted((root / "data").rglob("*")), *sorted(library.rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root if path.is_relative_to(root) else library)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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
        "notebook": folder / f"{brief.name}.ipynb",
        "failed": folder / f"{brief.name}.failed.ipynb",
        "running": folder / f".{brief.name}.running.ipynb",
        "record": folder / f"{brief.name}.run.json",
    }


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _write_record(out_dir: Path, brief: Brief, result: RunResult) -> None:
    """The run record (outputs/NOTEBOOK/NAME.run.json) that the index page is built from."""
    atomic_write_text(_output_paths(out_dir, brief)["record"], json.dumps(asdict(result), indent=2, default=str))


def _error_summary(error: BaseException) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip()


def run_one(brief: Brief, parameters: dict, out_dir: Path, root: Path, kernel_name: str = KERNEL_NAME,
            fingerprint: str = "") -> RunResult:
    """Execute and export one brief; never raises for a notebook error (the result says failed)."""
    import papermill

    paths = _output_paths(out_dir, brief)
    paths["html"].parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = RunResult(brief=brief.id, status=FAILED, parameters=parameters, fingerprint=fingerprint)
    try:
        papermill.execute_notebook(
            str(brief.notebook_path), str(paths["running"]), parameters=parameters,
            kernel_name=kernel_name, cwd=str(root / "notebooks"), progress_bar=False,
            request_save_on_cell_execute=False, start_timeout=120, kernel_manager_class=_ipc_kernel_manager(),
        )
        executed = nbformat.read(str(paths["running"]), as_version=4)
        title = brief_title(brief, parameters)
        html = export_brief_html(executed, title=title)
        atomic_write_text(paths["running_html"], html)
        print_pdf(paths["running_html"], paths["running_pdf"])
        facts = brief_facts(executed)
        tables = tables_zip(shown_tables(executed), _tables_readme(brief, title, facts.get("illustrative", False)))
        # every file is made; only now are the last good ones replaced
        atomic_write_text(paths["html"], html)
        atomic_write_bytes(paths["pdf"], paths["running_pdf"].read_bytes())
        atomic_write_bytes(paths["tables"], tables)
        atomic_write_bytes(paths["notebook"], paths["running"].read_bytes())
        paths["failed"].unlink(missing_ok=True)
        result.facts = facts
        result.status = OK
    except Exception as error:  # a failing brief must not stop the others
        result.error = _error_summary(error)
        if paths["running"].exists():
            atomic_write_bytes(paths["failed"], paths["running"].read_bytes())
            result.failed_notebook = str(paths["failed"].relative_to(out_dir))
        else:
            result.error += "\n" + traceback.format_exc(limit=3)
    finally:
        for temporary in ("running", "running_html", "running_pdf"):
            paths[temporary].unlink(missing_ok=True)
    result.seconds = round(time.perf_counter() - started, 2)
    result.finished = _now()
    _last_good_files(result, paths, out_dir)
    _write_record(out_dir, brief, result)
    return result


def _last_good_files(result: RunResult, paths: dict[str, Path], out_dir: Path) -> None:
    """Point the record at the brief's files on disk: this run's, or the last good run's."""
    for kind in ("html", "pdf", "tables"):
        if paths[kind].exists():
            setattr(result, kind, str(paths[kind].relative_to(out_dir)))
    if result.status != OK and not result.facts and paths["record"].exists():
        try:  # a failed run keeps the catalogue entry of the last good brief
            result.facts = json.loads(paths["record"].read_text(encoding="utf-8")).get("facts") or {}
        except (OSError, json.JSONDecodeError):
            pass


def _tables_readme(brief: Brief, title: str, illustrative: bool = False) -> str:
    mark = ("ILLUSTRATIVE DATA: this brief is built on data invented for demonstration; every table says so in its "
            "first column. Do not read these tables as records of the workstream.\n\n" if illustrative else "")
    return mark + (f"Tables of the brief \"{title}\" ({brief.id}), made by Integration Workbooks.\n"
            "One CSV file per table, numbered in the order the brief shows them; cells hold the text the brief shows "
            "(numbers rounded as shown, a blank where the brief shows a dash). A cell that would start with = + - or @ "
            "starts with an apostrophe, so that a spreadsheet does not run it as a formula.\n"
            "Read the brief itself for what each table means and for the caveats that apply to it.\n")


def _record_invalid(brief: Brief, error: ParameterError, out_dir: Path) -> RunResult:
    paths = _output_paths(out_dir, brief)
    result = RunResult(brief=brief.id, status=INVALID, error=str(error),
                       finished=_now())
    _last_good_files(result, paths, out_dir)
    _write_record(out_dir, brief, result)
    return result


def prepare(brief: Brief) -> dict:
    """The brief's validated parameters, or ParameterError naming file and key."""
    if not brief.notebook_path.exists():
        raise ParameterError(brief.params_path, None, f"no notebook {brief.notebook_path}")
    specs = declared_parameters(brief.notebook_path)
    return validate_parameters(load_parameter_file(brief.params_path), specs, brief.params_path)


def _print(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_briefs(briefs: list[str] | None = None, jobs: int = 1, params_file: str | None = None,
               out_dir: str | Path | None = None, root: Path | None = None,
               kernel_name: str = KERNEL_NAME, force: bool = False) -> int:
    """Run briefs; print progress and a summary; return the exit code (non-zero if any failed).

    A brief whose inputs (see :func:`input_fingerprint`) are unchanged since its last good run is
    kept as it is, unless ``force``."""
    root = root or project_root()
    out_dir = Path(out_dir or root / "outputs").resolve()
    check_kernel(kernel_name)
    selected = [brief_from_file(Path(params_file), root)] if params_file else select_briefs(discover_briefs(root), briefs or [])
    if not selected:
        _print("no briefs to run: add parameter files under params/NOTEBOOK/NAME.yaml")
        return 1

    results: list[RunResult] = []
    runnable: list[tuple[Brief, dict, str]] = []
    for brief in selected:  # every parameter file is checked before any kernel starts
        try:
            parameters = prepare(brief)
        except ParameterError as error:
            _print(f"  invalid  {brief.id}: {error}")
            results.append(_record_invalid(brief, error, out_dir))
            continue
        fingerprint = input_fingerprint(root, brief, parameters)
        cached = None if force else cached_result(brief, out_dir, fingerprint)
        if cached:
            _print(f"  unchanged  {brief.id}: inputs as at its last good run, kept (--force to run it again)")
            _write_record(out_dir, brief, cached)
            results.append(cached)
        else:
            runnable.append((brief, parameters, fingerprint))

    total = len(runnable)
    _print(f"running {total} brief(s) with {max(1, jobs)} job(s) into {out_dir}")
    if jobs <= 1 or total <= 1:
        for number, (brief, parameters, fingerprint) in enumerate(runnable, start=1):
            _print(f"[{number}/{total}] {brief.id} ...")
            result = run_one(brief, parameters, out_dir, root, kernel_name, fingerprint)
            _print(f"[{number}/{total}] {brief.id}: {result.status} in {result.seconds:.1f} s")
            results.append(result)
    else:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(run_one, brief, parameters, out_dir, root, kernel_name, fingerprint): brief
                       for brief, parameters, fingerprint in runnable}
            _print("started: " + ", ".join(brief.id for brief in futures.values()))
            for number, future in enumerate(as_completed(futures), start=1):
                result = future.result()
                _print(f"[{number}/{total}] {result.brief}: {result.status} in {result.seconds:.1f} s")
                results.append(result)

    write_index(out_dir)
    _print("")
    _print(summary_table(sorted(results, key=lambda result: result.brief)))
    return 0 if all(result.status == OK for result in results) else 1


def summary_table(results: list[RunResult]) -> str:
    width = max([len(r.brief) for r in results] + [5])
    lines = [f"{'brief':<{width}}  {'status':<18}  {'seconds':>7}  output / error",
             f"{'-' * width}  {'-' * 18}  {'-' * 7}  {'-' * 30}"]
    for r in results:
        detail = r.html if r.status == OK else (r.error.splitlines()[0] if r.error else "")
        if r.status != OK and r.failed_notebook:
            detail += f" (see {r.failed_notebook})"
        status = f"{r.status} (unchanged)" if r.cached else r.status
        lines.append(f"{r.brief:<{width}}  {status:<18}  {r.seconds:>7.1f}  {detail}")
    failed = sum(r.status != OK for r in results)
    lines.append(f"{len(results) - failed} ok, {failed} failed")
    return "\n".join(lines)
