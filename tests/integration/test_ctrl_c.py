"""Ctrl-C stops a real `workbooks run` within seconds whatever it is doing: checking inputs, starting
kernels, running cells, printing a PDF in chromium, writing the catalogue. Each time it exits 130,
leaves none of the processes it started, and leaves every brief whole: its last good files as they
were, or a complete new edition."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import psutil
import pytest

from conftest import ROOT, is_brief_kernel

pytestmark = [pytest.mark.integration, pytest.mark.kernel, pytest.mark.browser]

BRIEFS = ["timeline_progress/all_workstreams", "timeline_progress/all_workstreams_illustrative"]
STOPS_WITHIN_SECONDS = 10  # the machine may be busy: a run that waits on a brief takes a minute or more


def _run(out, force=True, jobs=2):
    command = [sys.executable, "-m", "workbooks.cli", "run", "--jobs", str(jobs), "--out", str(out), *BRIEFS]
    return subprocess.Popen(
        command + (["--force"] if force else []),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "WORKBOOKS_ROOT": str(ROOT)},
        start_new_session=True,
    )


def _brief_files(out):
    return {
        path: path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
        and path.suffix in (".html", ".pdf", ".zip", ".json")
        and path.parent.name == "timeline_progress"
    }


def _alive(processes):
    def running(process):
        try:
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return [process for process in processes if running(process)]


def _command(process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # ended, or a zombie
        return ""


def _kernels(descendants):
    return any(is_brief_kernel(process) for process in descendants)


def _printing(descendants):  # the browser that prints the PDFs (publish/pdf.py), driven on a pipe
    return any("--remote-debugging-pipe" in _command(process) for process in descendants)


MOMENTS = {  # when to press Ctrl-C: once the run has said (stderr) or started (its processes) this, and so many seconds later
    "checking inputs": (lambda said, descendants: any(line.startswith("workbooks run, started") for line in said), 0),
    "starting kernels": (lambda said, descendants: _kernels(descendants), 0),
    "running cells": (lambda said, descendants: _kernels(descendants), 3),
    "printing a PDF": (lambda said, descendants: _printing(descendants), 0.3),  # chromium under way, not just started
    "writing the catalogue": (lambda said, descendants: any(line.startswith("[2/2]") for line in said), 0),
    # one job: the second brief's kernel is started ahead while the first brief's PDF prints
    "printing a PDF with the next kernel started ahead": (
        lambda said, descendants: _printing(descendants) and _kernels(descendants),
        0,
    ),
}
JOBS = {"printing a PDF with the next kernel started ahead": 1}  # the others: 2


@pytest.fixture(scope="module")
def good_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("ctrl-c") / "outputs"
    process = _run(out)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_stops_the_run_within_seconds_leaving_no_process_and_no_half_brief(good_outputs, moment):
    before = _brief_files(good_outputs)
    process, said, seen = _run(good_outputs, jobs=JOBS.get(moment, 2)), [], {}
    reader = threading.Thread(target=lambda: said.extend(process.stderr), daemon=True)
    reader.start()
    condition, then_wait = MOMENTS[moment]
    deadline, press_at = time.monotonic() + 300, None
    while time.monotonic() < deadline and process.poll() is None:
        try:
            descendants = psutil.Process(process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            break
        seen.update({(child.pid, child.create_time()): child for child in descendants if child.is_running()})
        if press_at is None and condition(list(said), descendants):
            press_at = time.monotonic() + then_wait
        if press_at is not None and time.monotonic() >= press_at:
            break
        time.sleep(0.05)
    assert process.poll() is None, f"the run ended before {moment}: {''.join(said)}"
    os.killpg(process.pid, signal.SIGINT)  # as the terminal's Ctrl-C does: the whole foreground group
    pressed = time.monotonic()
    try:
        process.wait(timeout=STOPS_WITHIN_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"Ctrl-C while {moment}: still running {STOPS_WITHIN_SECONDS} s later: {''.join(said)}")
    reader.join(timeout=5)
    log = "".join(said)
    assert process.returncode == 130, log
    assert "Traceback" not in log
    waited = time.monotonic() - pressed
    time.sleep(1)  # a killed process's own children end with it
    assert _alive(seen.values()) == [], f"Ctrl-C while {moment} (exit after {waited:.1f} s) left processes running"
    after = _brief_files(good_outputs)
    assert not [path for path in good_outputs.rglob("*") if ".running." in path.name or path.suffix == ".tmp"]
    for name in ("all_workstreams", "all_workstreams_illustrative"):
        files = [good_outputs / "timeline_progress" / f"{name}{suffix}" for suffix in (".html", ".pdf", ".tables.zip")]
        if f"timeline_progress/{name}: ok" in log:  # finished before the stop: a whole new edition
            assert after[files[0]].rstrip().endswith(b"</html>") and after[files[1]].startswith(b"%PDF")
        else:  # stopped: its last good files as they were
            assert [after[path] for path in files] == [before[path] for path in files], (
                f"{name} after Ctrl-C while {moment}"
            )
