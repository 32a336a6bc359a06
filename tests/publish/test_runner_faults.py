"""The runner under faults, with real kernels on small notebooks: a cell that never ends, a kernel
that dies, a full disk, a second run on the same outputs, Ctrl-C. Each time the finished briefs
and the last good files stay as they were, and the message says what happened and where."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest
import yaml

from conftest import ROOT, is_brief_kernel
from workbooks.cli import main
from workbooks.errors import RunnerError
from workbooks.loaders import LOADERS
from workbooks.publish import execute, fingerprint, runner
from workbooks.publish.discover import Brief
from workbooks.publish.kernels import KERNEL_NAME
from workbooks.publish.lock import outputs_lock
from workbooks.publish.preflight import check_inputs, declared_inputs

CELLS = {
    "good": "print('a good brief')",
    "sleeper": "import time\ntime.sleep(120)",
    "dying": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
}


def small_project(tmp_path: Path, *names: str) -> Path:
    """A project with one small notebook per name (a parameters cell, then the named cell) and one brief each."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'small'\n", encoding="utf-8")
    for name in names:
        parameters = nbformat.v4.new_code_cell("greeting: str = 'hello'")
        parameters.metadata["tags"] = ["parameters"]
        notebook = nbformat.v4.new_notebook(
            cells=[parameters, nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(CELLS[name])]
        )
        notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python", "language": "python"}
        nbformat.write(notebook, str(root / "notebooks" / f"{name}.ipynb"))
        (root / "params" / name).mkdir(parents=True)
        (root / "params" / name / "brief.yaml").write_text(yaml.safe_dump({"greeting": "hi"}), encoding="utf-8")
    return root


def kernels_of(pid: int) -> list[psutil.Process]:
    return [child for child in psutil.Process(pid).children(recursive=True) if is_brief_kernel(child)]


@pytest.mark.kernel
@pytest.mark.browser
def test_a_stuck_cell_is_stopped_at_the_limit_naming_the_cell_and_its_kernel_goes(tmp_path, capsys):
    root = small_project(tmp_path, "good", "sleeper")
    out = root / "outputs"
    code = runner.run_briefs(loaders=LOADERS, root=root, out_dir=out, timeout=3)
    record = yaml.safe_load((out / "sleeper" / "brief.run.json").read_text())
    assert code == 1
    assert record["status"] == "failed"
    assert record["error"].startswith("cell 3 (import time) ran longer than the limit of 3 s and was stopped")
    assert "--timeout" in record["error"]
    assert (out / "sleeper" / "brief.failed.ipynb").exists() and not (out / "sleeper" / "brief.html").exists()
    index = (out / "index.html").read_text()
    assert (out / "good" / "brief.html").exists() and "not published: <code>sleeper/brief.failed.ipynb</code>" in index
    assert 'href="sleeper/brief.failed.ipynb"' not in index  # the published folder does not hold it
    assert kernels_of(os.getpid()) == []
    assert not list(out.rglob(".*.running.*"))
    summary = capsys.readouterr().err
    assert "cell 3 (import time) ran longer than the limit of 3 s" in summary and "Traceback" not in summary


@pytest.mark.kernel
@pytest.mark.browser
def test_the_log_of_each_run_opens_with_its_time_and_ends_with_its_stamp_and_outcomes(tmp_path, capsys):
    from workbooks.common.moments import shown_moment
    from workbooks.publish.history import load_runs

    root = small_project(tmp_path, "good")
    out = root / "outputs"
    logs = []
    for _ in range(2):
        assert runner.run_briefs(loaders=LOADERS, root=root, out_dir=out) == 0
        logs.append(capsys.readouterr().err.strip().splitlines())
    runs, _ = load_runs(out)
    for log, run in zip(logs, runs):
        assert log[0].startswith("workbooks run, started ") and log[0].endswith(" UTC")
        assert log[-1] == f"run {run['stamp']}, finished {shown_moment(run['finished'])}: " + (
            "1 new edition" if run is runs[0] else "1 unchanged"
        )
    first, second = logs
    assert any(line.startswith("good/brief  new edition ") for line in first)
    assert (
        "nothing changed: every brief's inputs are as at its last good run, so none is run again (--force to run them all)"
        in second
    )
    assert not any("running 0" in line or " ok " in line for line in second)
    row = next(line for line in second if line.startswith("good/brief  "))
    assert [line for line in second if "good/brief" in line] == [row]  # named once, in the table
    assert row.split()[1:4] == ["unchanged", "-", "good/brief.html"]  # no seconds: this run spent none on it


@pytest.mark.kernel
def test_a_dead_kernel_keeps_its_failed_notebook_and_names_the_cell(tmp_path):
    root = small_project(tmp_path, "dying")
    out = root / "outputs"
    assert runner.run_briefs(loaders=LOADERS, root=root, out_dir=out) == 1
    record = yaml.safe_load((out / "dying" / "brief.run.json").read_text())
    assert record["error"] == "the kernel died while running cell 3 (import os, signal) (out of memory, or killed)"
    assert record["failed_notebook"] == "dying/brief.failed.ipynb" and (out / "dying" / "brief.failed.ipynb").exists()


@pytest.mark.kernel
@pytest.mark.browser
def test_a_full_disk_is_said_so_and_the_other_briefs_and_the_catalogue_are_still_made(tmp_path, monkeypatch, capsys):
    root = small_project(tmp_path, "good")
    out = root / "outputs"
    assert runner.run_briefs(loaders=LOADERS, root=root, out_dir=out) == 0
    good = {path: path.read_bytes() for path in (out / "good").iterdir()}
    (root / "params" / "good" / "second.yaml").write_text("greeting: again\n", encoding="utf-8")
    real_write = execute.atomic_write_bytes

    def full_for_the_first_brief(path, data):
        if Path(path).name == ".brief.running.tables.zip":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(execute, "atomic_write_bytes", full_for_the_first_brief)
    assert runner.run_briefs(loaders=LOADERS, root=root, out_dir=out, force=True) == 1
    record = yaml.safe_load((out / "good" / "brief.run.json").read_text())
    assert record["status"] == "failed"
    assert record["error"].startswith("no space left on the disk while making the brief's files in outputs/good")
    for path in ("brief.html", "brief.pdf", "brief.tables.zip", "brief.ipynb"):  # the last good files, untouched
        assert (out / "good" / path).read_bytes() == good[out / "good" / path]
    assert (out / "good" / "second.html").exists() and "second" in (out / "index.html").read_text()
    assert "Traceback" not in capsys.readouterr().err


def test_a_second_run_on_the_same_outputs_waits_then_says_which_run_holds_them(tmp_path):
    out = tmp_path / "outputs"
    with outputs_lock(out, wait_seconds=0.5):
        with pytest.raises(
            RunnerError, match=rf"in use by the run of process {os.getpid()}, started .* still after 0.5 s"
        ):
            with outputs_lock(out, wait_seconds=0.5, say=lambda message: None):
                pass
    said = []
    first = outputs_lock(out)
    first.__enter__()
    threading.Timer(0.5, first.__exit__, (None, None, None)).start()
    with outputs_lock(out, wait_seconds=30, say=said.append):  # the first lets go after half a second
        pass
    assert said and said[0].startswith(f"waiting for the run of process {os.getpid()}")


@pytest.mark.kernel
@pytest.mark.browser
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_the_kernels_keeps_finished_briefs_writes_the_catalogue_and_exits_130(tmp_path, jobs):
    root = small_project(tmp_path, "good", "sleeper")
    out = root / "outputs"
    process = subprocess.Popen(
        [sys.executable, "-m", "workbooks.cli", "run", "--out", str(out), "--jobs", jobs],
        env={**os.environ, "WORKBOOKS_ROOT": str(root)},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120  # briefs run in order: the good one is finished when the sleeper's kernel runs
    while not ((out / "good" / "brief.run.json").exists() and kernels_of(process.pid)):
        assert time.monotonic() < deadline, "the good brief was not finished, or no kernel ran the sleeper's, in 120 s"
        time.sleep(0.3)
    time.sleep(2)  # the sleeper's cell is running
    os.killpg(process.pid, signal.SIGINT)  # as the terminal's Ctrl-C does: the whole foreground group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err and "stopping: the briefs running now are stopped" in err
    assert "sleeper/brief  interrupted" in err
    assert (out / "good" / "brief.html").exists() and (out / "index.html").exists()
    assert not (out / "sleeper" / "brief.run.json").exists() and not list(out.rglob(".*.running.*"))
    assert not [p for p in psutil.process_iter(["cmdline"]) if str(root) in " ".join(p.info["cmdline"] or [])]


def test_usage_errors_exit_2_and_bad_data_exits_1(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["run", "--timeout", "0"])
    assert usage.value.code == 2
    assert "expected at least 1 second" in capsys.readouterr().err


def test_a_file_parameter_outside_data_is_read_and_fingerprinted_wherever_it_is(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("comments.csv", "comments.meta.yaml"):
        (elsewhere / name).write_bytes((ROOT / "data" / name).read_bytes())
    parameters = {
        "comments_file": str(elsewhere / "comments.csv"),
        "questions_file": "data/questions.csv",
        "discussions": ["seed-002-draft-network-workplan"],
        "codes_in_focus": [],
        "min_count": 1,
        "code_reviews_file": "data/code_reviews.csv",
    }
    check_inputs("consultation_inputs", parameters, ROOT, LOADERS)
    read = declared_inputs("consultation_inputs", parameters, ROOT)
    assert elsewhere / "comments.csv" in read and ROOT / "data" / "codebook.yaml" in read
    brief = Brief(
        "consultation_inputs", "x", ROOT / "params" / "x.yaml", ROOT / "notebooks" / "consultation_inputs.ipynb"
    )
    before = fingerprint.input_fingerprint(ROOT, brief, parameters, read)
    with (elsewhere / "comments.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert fingerprint.input_fingerprint(ROOT, brief, parameters, read) != before


@pytest.mark.kernel
@pytest.mark.browser
def test_each_brief_kept_unchanged_is_said_once_in_a_log_file_while_others_run_at_once(tmp_path):
    """As a scheduled run's log has it (stderr appended to a file): the briefs kept unchanged and those that run
    in the pool's worker processes are each said once, in the lines as they go and in the summary."""
    root = small_project(tmp_path, "good")
    out, log = root / "outputs", tmp_path / "run.log"

    def run() -> str:
        log.write_text("", encoding="utf-8")
        with log.open("a", encoding="utf-8") as stream:
            subprocess.run(
                [sys.executable, "-m", "workbooks.cli", "run", "--out", str(out), "--jobs", "2"],
                env={**os.environ, "WORKBOOKS_ROOT": str(root)},
                stderr=stream,
                timeout=300,
                check=True,
            )
        return log.read_text(encoding="utf-8")

    (root / "params" / "good" / "second.yaml").write_text("greeting: again\n", encoding="utf-8")
    run()
    for name in ("third", "fourth"):  # two new briefs run in the pool; the first two are kept
        (root / "params" / "good" / f"{name}.yaml").write_text(f"greeting: {name}\n", encoding="utf-8")
    said = run().splitlines()
    assert "2 briefs kept unchanged, their inputs as at their last good run (--force to run them again)" in said
    for name in ("brief", "second"):  # each named once, in the table
        lines = [line for line in said if f"good/{name}" in line]
        assert [line.split() for line in lines] == [[f"good/{name}", "unchanged", "-", f"good/{name}.html"]]
    for name in ("third", "fourth"):
        assert len([line for line in said if line.startswith(f"good/{name} ")]) == 1
    assert said[-1].endswith(": 2 new editions, 2 unchanged")


@pytest.mark.kernel
@pytest.mark.browser  # each brief's PDF
def test_one_after_another_each_next_brief_takes_the_kernel_started_ahead_and_none_is_left(tmp_path, monkeypatch):
    from workbooks.publish.kernels import kernels_ahead

    root = small_project(tmp_path, "good")
    for name in ("second", "third"):
        (root / "params" / "good" / f"{name}.yaml").write_text(yaml.safe_dump({"greeting": name}), encoding="utf-8")
    taken, take = [], kernels_ahead.take
    monkeypatch.setattr(kernels_ahead, "take", lambda *arguments: taken.append(take(*arguments)) or taken[-1])
    assert runner.run_briefs(loaders=LOADERS, root=root, out_dir=root / "outputs") == 0
    # the first brief starts its own kernel; the second and third take the one started while the brief before
    # them made its files; the last starts none
    assert [manager is not None for manager in taken] == [False, True, True]
    assert kernels_ahead._spare is None and kernels_of(os.getpid()) == []
    for name in ("brief", "second", "third"):
        assert "a good brief" in (root / "outputs" / "good" / f"{name}.html").read_text(encoding="utf-8")
