"""Running many briefs: one after another here, or at once through an executor (:mod:`.executors`: worker
processes on this machine, or a Dask cluster). Ctrl-C is passed on to the workers; a worker still busy
:data:`STOP_GRACE_SECONDS` after it is killed, so a stopped run never waits on a brief."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import stopping
from .discover import Brief
from .execute import BriefToRun, RunSettings, close_kept_processes, run_one
from .executors import cancel_waiting, describe, local_worker_pids, make_executor
from .report import say, say_outcome
from .run_records import RunResult, remove_temporaries
from .run_statuses import FAILED, INTERRUPTED

STOP_GRACE_SECONDS = 5  # after Ctrl-C, how long a worker may take to stop its brief before it is killed


_pool_workers: list[int] = []  # the pool's worker processes, while a pool runs


def signal_workers(signum: int = signal.SIGINT) -> None:
    """Pass a signal on to the pool's worker processes (Ctrl-C: each stops its kernel; SIGKILL: gone)."""
    for pid in list(_pool_workers):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


def _pool_result(future, brief: Brief, out_dir: Path) -> RunResult:
    """A brief's result from the pool; a brief whose worker was killed (after a stop, or by the system)
    comes back interrupted, or failed saying so, its last good files kept."""
    if future.cancelled():
        return RunResult(brief=brief.id, status=INTERRUPTED, error="not started: the run was stopped")
    try:
        return future.result()
    except BrokenProcessPool:
        remove_temporaries(out_dir, brief)  # its worker was gone before it could
        if stopping.stop_requested():
            return RunResult(
                brief=brief.id, status=INTERRUPTED, error="stopped while running: its last good files are kept"
            )
        return RunResult(
            brief=brief.id, status=FAILED, error="the worker process running it died (out of memory, or killed)"
        )


def run_all(
    runnable: list[BriefToRun],
    settings: RunSettings,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
) -> list[RunResult]:
    """Run each of ``runnable``: one after another here where one job is asked for on this machine, or there is
    one brief; else at once (:func:`run_in_pool`). Each brief's outcome is said as it ends."""
    if executor != "process" or (jobs > 1 and len(runnable) > 1):
        return run_in_pool(runnable, settings, jobs, executor, scheduler)
    results: list[RunResult] = []
    try:
        for number, to_run in enumerate(runnable, start=1):
            say(f"[{number}/{len(runnable)}] {to_run.brief.id} ...")
            results.append(run_one(to_run, settings, more_follow=number < len(runnable)))
            say_outcome(number, len(runnable), results[-1])
    finally:
        close_kept_processes()
    return results


def run_in_pool(
    runnable: list[BriefToRun],
    settings: RunSettings,
    jobs: int,
    executor: str = "process",
    scheduler: str | None = None,
) -> list[RunResult]:
    """The briefs through an executor (:mod:`.executors`): worker processes here, or a Dask cluster.
    Each brief writes its own files where it runs (:func:`run_one`); the caller writes the catalogue."""
    results: list[RunResult] = []
    total = len(runnable)
    with make_executor(executor, jobs, scheduler) as pool:
        # a worker starts the next brief's kernel ahead, and keeps its processes, unless the brief is among the last
        # (one per worker): none is left waiting at the end; never on a cluster, whose workers outlive the run
        ahead = len(runnable) - jobs if executor == "process" else 0
        futures = {
            pool.submit(run_one, to_run, settings, position < ahead): to_run.brief
            for position, to_run in enumerate(runnable)
        }
        _pool_workers[:] = local_worker_pids(pool)
        if executor != "process":  # where else they run; each brief is named as it ends, then in the table
            say(f"started on {describe(pool)}")
        pending, number, stopped_at = set(futures), 0, None
        try:
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                _pool_workers[:] = local_worker_pids(pool)
                if stopping.stop_requested() and stopped_at is None:
                    stopped_at = time.monotonic()
                    cancel_waiting(pool, pending)
                    if not _pool_workers:  # a cluster's briefs cannot be stopped from here: they finish
                        say("waiting for the briefs running on the cluster to finish (Ctrl-C again to quit at once)")
                elif stopped_at is not None and time.monotonic() - stopped_at > STOP_GRACE_SECONDS:
                    signal_workers(
                        signal.SIGKILL
                    )  # a worker still busy after its kernel was stopped: the run does not wait on it
                for future in done:
                    number += 1
                    result = _pool_result(future, futures[future], settings.out_dir)
                    say_outcome(number, total, result)
                    results.append(result)
        finally:
            _pool_workers.clear()
    return results
