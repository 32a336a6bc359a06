"""The brief runner: parameter files through Papermill and nbconvert into outputs/, plus an index.

:func:`run_briefs` orchestrates; each job has its module. For each ``params/NOTEBOOK/NAME.yaml``
(:mod:`.discover`: found, chosen, its parameters validated against the notebook's parameters cell)
the workbook's own loader reads its inputs before any kernel starts (:mod:`.preflight`: a bad file
stops only the briefs that read it, with its file, line and field); a brief whose inputs are as at
its last good run is kept (:mod:`.fingerprint`); the others run (:mod:`.pool`: one after another or
at once), each through Papermill, nbconvert and chromium into ``outputs/NOTEBOOK/NAME.html``, ``.pdf``
and ``.tables.zip`` (:mod:`.execute`), its run recorded in ``NAME.run.json`` (:mod:`.run_records`). Then
the history, the feed and ``outputs/index.html``, the catalogue, are written, and the summary said
(:mod:`.report`). One run at a time holds an outputs folder (:mod:`.lock`); Ctrl-C stops the kernels
and the browser, keeps every finished brief, writes the catalogue and exits 130 (:mod:`.stopping`).
Exit codes: 0 every brief good, 1 any brief failed or its data bad, 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from ..common.moments import shown_moment
from ..common.paths import project_root
from ..common.wording import count_of, verb_for
from ..errors import ParameterError, WorkbooksError
from . import stopping
from .alerts import send_alerts, settings_for_run
from .catalogue_page import CATALOGUE_PAGE, first_problem, write_index
from .discover import (
    Brief,
    brief_from_file,
    discover_briefs,
    every_parameter,
    prepare,
    select_briefs,
)
from .execute import BriefToRun, RunSettings
from .feed import write_feed
from .fingerprint import (
    cached_result,
    input_fingerprint,
    shared_fingerprint,
)
from .history import record_run, write_history_page
from .kernels import KERNEL_NAME, check_kernel
from .limits import DEFAULT_CELL_TIMEOUT_SECONDS, DEFAULT_WAIT_SECONDS
from .lock import outputs_lock
from .pool import run_all, signal_workers
from .preflight import check_inputs, declared_inputs
from .report import os_error_message, run_ended, say, summary_table
from .run_records import RunResult, record_unrunnable, write_record
from .run_statuses import BAD_DATA, FAILED, INTERRUPTED, INVALID, OK


def run_briefs(
    briefs: list[str] | None = None,
    jobs: int = 1,
    params_file: str | None = None,
    out_dir: str | Path | None = None,
    root: Path | None = None,
    kernel_name: str = KERNEL_NAME,
    force: bool = False,
    timeout: int = DEFAULT_CELL_TIMEOUT_SECONDS,
    wait: float = DEFAULT_WAIT_SECONDS,
    executor: str = "process",
    scheduler: str | None = None,
    alerts: str | Path | None = None,
    *,
    loaders: Mapping[str, Callable],
) -> int:
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
    say(f"workbooks run, started {shown_moment(started)}")  # first: a run stopped at once is dated in the log too
    check_kernel(kernel_name)
    alert_settings = settings_for_run(root, alerts)  # a bad alerts file stops the run before any brief, naming its line
    selected = (
        [brief_from_file(Path(params_file), root)]
        if params_file
        else select_briefs(discover_briefs(root), briefs or [])
    )
    if not selected:
        say("no briefs to run: add parameter files under params/NOTEBOOK/NAME.yaml")
        return 1
    with outputs_lock(out_dir, wait, say=say), stopping.stop_on_signals(also=signal_workers):
        shared = shared_fingerprint(root)
        settings = RunSettings(out_dir, root, kernel_name, timeout)
        results = _run_selected(loaders, selected, settings, force, shared, jobs, executor, scheduler)
        try:
            run = record_run(out_dir, results, started, shared)
            write_history_page(out_dir)
            write_feed(out_dir, alert_settings.site_url if alert_settings else "")
        except OSError as error:
            message = os_error_message(error, out_dir / "history")
            say(f"error: the history or the feed was not written: {message}")
            results.append(RunResult(brief="(history) history.html, feed.xml", status=FAILED, error=message))
        try:
            write_index(out_dir, {brief.id for brief in discover_briefs(root)} | {brief.id for brief in selected})
        except OSError as error:
            say(f"error: the catalogue was not written: {os_error_message(error, out_dir / 'index.html')}")
            results.append(
                RunResult(
                    brief="(catalogue) index.html", status=FAILED, error=os_error_message(error, out_dir / "index.html")
                )
            )
    say("")
    recorded = {brief["brief"]: brief["outcome"] for brief in run["briefs"]} if run else {}
    say(summary_table(sorted(results, key=lambda result: result.brief), recorded))
    say(f"the catalogue of every brief: {out_dir / CATALOGUE_PAGE}")
    if run is not None:
        send_alerts(run, out_dir, alert_settings, say)
    say(run_ended(run, results))
    if stopping.stop_requested():
        say("stopped: the briefs above marked interrupted keep their last good files; the catalogue is written")
        return stopping.exit_code()
    return 0 if all(result.status == OK for result in results) else 1


def _run_selected(
    loaders: Mapping[str, Callable],
    selected: list[Brief],
    settings: RunSettings,
    force: bool,
    shared: str,
    jobs: int,
    executor: str,
    scheduler: str | None,
) -> list[RunResult]:
    """Every brief's parameters and data checked, and those unchanged kept, before any kernel starts; then
    the others run (:func:`.pool.run_all`). A brief the run did not reach (Ctrl-C) comes back interrupted."""
    results, runnable = _checked(loaders, selected, settings.out_dir, settings.root, force, shared)
    kept = sum(1 for result in results if result.cached)
    if not runnable:
        say(
            "nothing changed: every brief's inputs are as at its last good run, so none is run again "
            "(--force to run them all)"
            if kept == len(results)
            else "no brief to run: those not kept unchanged stopped on their parameters or data (above)"
        )
    else:
        if kept:  # each is named once, in the table at the end
            its, it = verb_for(kept, "its", "their"), verb_for(kept, "it", "them")
            say(
                f"{count_of(kept, 'brief')} kept unchanged, {its} inputs as at {its} last good run (--force to run {it} again)"
            )
        say(f"running {count_of(len(runnable), 'brief')} with {count_of(max(1, jobs), 'job')} into {settings.out_dir}")
    if not stopping.stop_requested():
        results += run_all(runnable, settings, jobs, executor, scheduler)
    done = {result.brief for result in results}
    return results + [
        RunResult(brief=brief.id, status=INTERRUPTED, error="not started: the run was stopped")
        for brief in selected
        if brief.id not in done
    ]


def _checked(
    loaders: Mapping[str, Callable], selected: list[Brief], out_dir: Path, root: Path, force: bool, shared: str
) -> tuple[list[RunResult], list[BriefToRun]]:
    """The results of the briefs that will not run (kept unchanged, or stopped on their parameters or data),
    each said in one line and recorded; and the briefs to run, with their parameters, fingerprint and inputs."""
    results: list[RunResult] = []
    runnable: list[BriefToRun] = []
    for brief in selected:
        if stopping.stop_requested():
            break
        try:
            parameters = prepare(brief, root)
        except WorkbooksError as error:  # the parameter file itself: its file, line and key
            results.append(_unrunnable(brief, INVALID, error, out_dir, root))
            continue
        values = every_parameter(brief, parameters)
        inputs = declared_inputs(brief.notebook, values, root)
        fingerprint = input_fingerprint(root, brief, parameters, inputs, shared)
        cached = None if force else cached_result(brief, out_dir, fingerprint)
        if cached is None:
            try:
                check_inputs(brief.notebook, values, root, loaders)
            except WorkbooksError as error:  # what the loader read: its file, line and field
                status = INVALID if isinstance(error, ParameterError) else BAD_DATA
                results.append(_unrunnable(brief, status, error, out_dir, root))
                continue
            runnable.append(BriefToRun(brief, parameters, fingerprint, tuple(inputs)))
            continue
        write_record(out_dir, brief, cached, root)
        results.append(cached)
    return results, runnable


def _unrunnable(brief: Brief, status: str, error: WorkbooksError, out_dir: Path, root: Path) -> RunResult:
    result = record_unrunnable(brief, status, error, out_dir, root)
    say(f"  {status}  {brief.id}: {first_problem(result.error, status)}")
    return result
