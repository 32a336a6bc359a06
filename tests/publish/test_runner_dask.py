"""Past one machine: briefs sent to a Dask distributed cluster (here a local one on loopback, its
workers separate processes) run with real kernels, write their files and records where they run,
and the catalogue is written once, here. ``distributed`` is in the test extra: no silent skip."""

from __future__ import annotations

import re
import sys
import time

import pytest
import yaml
from distributed import LocalCluster
from test_runner_faults import small_project

from workbooks.cli import main
from workbooks.errors import RunnerError
from workbooks.loaders import LOADERS
from workbooks.publish import runner
from workbooks.publish.executors import cancel_waiting, make_executor


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


@pytest.mark.kernel
@pytest.mark.browser
def test_briefs_run_on_a_dask_cluster_and_the_catalogue_is_written_once(tmp_path, cluster, monkeypatch, capsys):
    root = small_project(tmp_path, "good")
    (root / "params" / "good" / "second.yaml").write_text("greeting: again\n", encoding="utf-8")
    (root / "params" / "good" / "third.yaml").write_text("greeting: once more\n", encoding="utf-8")
    out = root / "outputs"
    indexes = []
    real_write_index = runner.write_index
    monkeypatch.setattr(
        runner, "write_index", lambda folder, *more: (indexes.append(folder), real_write_index(folder, *more))
    )

    code = runner.run_briefs(
        loaders=LOADERS, root=root, out_dir=out, executor="dask", scheduler=cluster.scheduler_address
    )

    assert code == 0
    assert indexes == [out]
    for name in ("brief", "second", "third"):
        record = yaml.safe_load((out / "good" / f"{name}.run.json").read_text())
        assert record["status"] == "ok" and record["fingerprint"]
        for made in (f"{name}.html", f"{name}.pdf", f"{name}.tables.zip", f"{name}.ipynb"):
            assert (out / "good" / made).exists()
        assert f'href="good/{name}.html"' in (out / "index.html").read_text()
    assert not list(out.rglob(".*.running.*"))
    said = capsys.readouterr().err
    assert f"started on the Dask cluster at {cluster.scheduler_address}" in said
    # a second run finds the same fingerprints and keeps them, without the cluster doing anything
    assert (
        runner.run_briefs(loaders=LOADERS, root=root, out_dir=out, executor="dask", scheduler=cluster.scheduler_address)
        == 0
    )
    rows = [line.split() for line in capsys.readouterr().err.splitlines() if line.startswith("good/second ")]
    assert rows == [["good/second", "unchanged", "-", "good/second.html"]]


def test_an_unreachable_scheduler_is_said_quickly():
    started = time.perf_counter()
    with pytest.raises(RunnerError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 within 1 s"):
        make_executor("dask", 2, "tcp://127.0.0.1:9", connect_timeout=1)
    assert time.perf_counter() - started < 15


def test_the_dask_executor_needs_a_scheduler_on_the_command_line(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--executor", "dask"])
    assert stopped.value.code == 2
    assert "--scheduler" in capsys.readouterr().err


def test_without_distributed_the_dask_executor_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as where the optional extra is not installed
    with pytest.raises(RunnerError, match=re.escape("pip install -e '.[dask]'")):
        make_executor("dask", 2, "tcp://127.0.0.1:8786")


def test_on_stop_the_briefs_no_worker_has_started_are_cancelled_and_the_running_ones_finish(cluster):
    with make_executor("dask", 2, cluster.scheduler_address) as executor:
        futures = [executor.submit(time.sleep, 2) for _ in range(4)]  # two workers of one thread each
        time.sleep(1)
        cancel_waiting(executor, futures)
    assert sorted(future.cancelled() for future in futures) == [False, False, True, True]
