"""Ctrl-C during a run (publish/stopping.py): the first asks the run to stop; the second quits at once, the pool's
workers killed. A walk found the second only re-armed Python's handler, so a third was needed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import multiprocessing, os, signal, sys, time
    from workbooks.publish import stopping

    def hanging_brief():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a worker the first stop cannot end
        time.sleep(60)

    if __name__ == "__main__":
        with stopping.stop_on_signals():
            worker = multiprocessing.Process(target=hanging_brief)
            worker.start()
            print(worker.pid, flush=True)
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
            assert stopping.stop_requested() and worker.is_alive()
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(30)
            print("still running after the second Ctrl-C", flush=True)
    """
)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().split(") ", 1)[1].startswith("Z")  # killed, not yet reaped by init


def test_a_second_ctrl_c_quits_at_once_with_the_pool_workers_killed(tmp_path):
    script = tmp_path / "second_ctrl_c.py"
    script.write_text(SCRIPT, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    assert done.returncode == 130 and time.monotonic() - started < 20
    assert "still running" not in done.stdout and "Traceback" not in done.stderr
    assert "Ctrl-C again to quit at once" in done.stderr and "stopped at once (a second signal)" in done.stderr
    worker = int(done.stdout.split()[0])
    deadline = time.monotonic() + 5
    while not _gone(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(worker)
