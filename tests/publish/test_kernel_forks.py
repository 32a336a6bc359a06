"""Kernels forked from a server that imported their libraries once (publish/kernel_forks.py): each runs as a kernel
jupyter_client started would, in its folder, environment and session, and none is left behind."""

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from conftest import ROOT
from workbooks.errors import RunnerError
from workbooks.publish.kernel_forks import ForkedKernel, KernelForks, kernel_forks
from workbooks.publish.kernels import KERNEL_NAME, ipc_kernel_manager, stop_running_kernels


def test_a_command_other_than_ipykernels_launcher_is_left_to_jupyter_client():
    forks = KernelForks()
    assert forks.launch([sys.executable, "-m", "another_kernel", "-f", "c.json"], None, None) is None
    assert forks.launch(["ipykernel_launcher", "-f", "c.json"], None, None) is None  # not run with -m
    assert forks._server is None  # nothing started for them


def test_a_server_that_cannot_start_is_a_clear_error(tmp_path):
    failing = tmp_path / "python"
    failing.write_text("#!/bin/sh\necho 'no such module' >&2\nexit 3\n")
    failing.chmod(0o755)
    forks = KernelForks()
    with pytest.raises(RunnerError, match=r"fork server failed \(it ended, exit 3\), with .*/python"):
        forks.launch([str(failing), "-m", "ipykernel_launcher", "-f", "c.json"], str(tmp_path), {})
    assert forks._server is None


def test_a_forked_kernel_is_running_until_it_ends_and_a_kill_ends_it():
    sleeper = os.fork()
    if sleeper == 0:  # a stand-in for a kernel, in its own session as a forked kernel is
        os.setsid()
        time.sleep(30)
        os._exit(0)
    kernel = ForkedKernel(sleeper)
    assert kernel.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        kernel.wait(timeout=0.1)
    kernel.kill()
    _, status = os.waitpid(sleeper, 0)  # this test's own child: reaped here (the server's are reaped as they end)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL  # the process itself was killed

    ended = os.fork()
    if ended == 0:
        os._exit(0)
    os.waitpid(ended, 0)  # gone, as a kernel the server has reaped
    gone = ForkedKernel(ended)
    assert gone.poll() == 0 and gone.wait(timeout=1) == 0


def _started(cwd, env):
    from jupyter_core.utils import run_sync

    manager = ipc_kernel_manager()(kernel_name=KERNEL_NAME)
    manager.fork_from_server = True  # as for a kernel started ahead (kernels.KernelsAhead)
    run_sync(manager.start_kernel)(cwd=str(cwd), env=env)
    return manager


def _run(manager, code: str) -> str:
    from jupyter_client.blocking import BlockingKernelClient

    client = BlockingKernelClient()
    client.load_connection_info(manager.get_connection_info())
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        said = []
        client.execute_interactive(
            code, timeout=60, output_hook=lambda m: said.append(m["content"].get("text", "")), allow_stdin=False
        )
        return "".join(said)
    finally:
        client.stop_channels()


@pytest.mark.kernel
def test_a_forked_kernel_runs_as_a_started_one_with_its_libraries_imported_already(tmp_path):
    from jupyter_core.utils import run_sync

    env = {**os.environ, "WORKBOOKS_FORKED_KERNEL_TEST": "its own"}
    manager = _started(tmp_path, env)
    try:
        assert isinstance(manager.provisioner.process, ForkedKernel)
        shown = json.loads(
            _run(
                manager,
                "import json, os, sys\n"
                "print(json.dumps({'cwd': os.getcwd(), 'env': os.environ.get('WORKBOOKS_FORKED_KERNEL_TEST'),"
                " 'own_session': os.getsid(0) == os.getpid(),"
                " 'imported': [m for m in ('pandas', 'matplotlib', 'pandera') if m in sys.modules],"
                " 'pyplot': 'matplotlib.pyplot' in sys.modules})[:-1] + ', \"backend\": \"%s\"}' % __import__('matplotlib').rcParams['backend'])",
            )
        )
        assert (
            shown
            == {
                "cwd": str(tmp_path),
                "env": "its own",
                "own_session": True,  # Ctrl-C in the terminal does not reach it: the runner stops it
                "imported": ["pandas", "matplotlib", "pandera"],  # by the server, before the kernel was asked for
                "pyplot": False,  # its backend is the notebook's to choose
                "backend": "module://matplotlib_inline.backend_inline",  # as in a kernel started afresh: charts drawn the same
            }
        )
        kernel = psutil.Process(manager.provisioner.pid)
        assert kernel.ppid() == kernel_forks._server.pid
        another = _started(tmp_path, env)
        assert psutil.Process(another.provisioner.pid).ppid() == kernel_forks._server.pid  # the same server's
        run_sync(another.shutdown_kernel)(now=True)
    finally:
        run_sync(manager.shutdown_kernel)(now=True)
    assert not manager.provisioner or manager.provisioner.process is None
    time.sleep(0.2)
    assert not psutil.pid_exists(kernel.pid)  # reaped by the server: no zombie


@pytest.mark.kernel
def test_a_stop_kills_a_forked_kernel_and_a_server_gone_is_started_again(tmp_path):
    from jupyter_core.utils import run_sync

    first = _started(tmp_path, dict(os.environ))
    pid = first.provisioner.pid
    assert stop_running_kernels() >= 1  # Ctrl-C's handler
    deadline = time.monotonic() + 10
    while run_sync(first.is_alive)() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not run_sync(first.is_alive)()  # nbclient sees a dead kernel
    run_sync(first.cleanup_resources)()
    assert not psutil.pid_exists(pid)

    kernel_forks._server.kill()  # the server died (out of memory, killed)
    kernel_forks._server.wait()
    second = _started(tmp_path, dict(os.environ))
    try:
        assert _run(second, "print(6 * 7)").strip() == "42"
    finally:
        run_sync(second.shutdown_kernel)(now=True)
        kernel_forks.close()


@pytest.mark.kernel
def test_a_kernel_not_started_ahead_is_started_by_jupyter_client_and_no_server_is_kept(tmp_path):
    from jupyter_core.utils import run_sync

    kernel_forks.close()
    manager = ipc_kernel_manager()(kernel_name=KERNEL_NAME)  # the first brief's, or a run of one brief
    run_sync(manager.start_kernel)(cwd=str(tmp_path))
    try:
        assert not isinstance(manager.provisioner.process, ForkedKernel)
        assert kernel_forks._server is None  # a run of one brief keeps no second copy of the libraries
    finally:
        run_sync(manager.shutdown_kernel)(now=True)


_SHOWN = (
    "import json, os, sys, ipywidgets\n"
    "from comm import get_comm_manager\n"
    "print(json.dumps({'path': sys.path, 'cwd': os.getcwd(), 'widget_comms': 'jupyter.widget' in get_comm_manager().targets,"
    " 'backend': __import__('matplotlib').rcParams['backend'], 'interactive': __import__('matplotlib').is_interactive()}))"
)


@pytest.mark.kernel
def test_a_forked_kernel_sees_what_a_kernel_started_afresh_sees(tmp_path):
    """The reference: a kernel jupyter_client starts itself, in the same folder and environment."""
    from jupyter_core.utils import run_sync

    afresh = ipc_kernel_manager()(kernel_name=KERNEL_NAME)
    run_sync(afresh.start_kernel)(cwd=str(tmp_path))
    forked = _started(tmp_path, dict(os.environ))
    try:
        assert isinstance(forked.provisioner.process, ForkedKernel)
        assert json.loads(_run(forked, _SHOWN)) == json.loads(_run(afresh, _SHOWN))
    finally:
        run_sync(afresh.shutdown_kernel)(now=True)
        run_sync(forked.shutdown_kernel)(now=True)


@pytest.mark.kernel
def test_a_forked_kernel_ends_with_its_server(tmp_path):
    from jupyter_core.utils import run_sync

    manager = _started(tmp_path, dict(os.environ))
    kernel = psutil.Process(manager.provisioner.pid)
    kernel_forks.close()  # the server killed: its parent gone, as when the runner is killed
    gone, alive = psutil.wait_procs([kernel], timeout=10)  # ipykernel's parent poller ends it within a second
    assert alive == []
    run_sync(manager.cleanup_resources)()


def test_a_next_kernel_that_cannot_start_ahead_does_not_fail_the_brief_that_ran(monkeypatch):
    from workbooks.publish import execute

    def cannot(kernel_name, cwd):
        raise RunnerError("the kernels' fork server failed (it ended, exit 1)")

    monkeypatch.setattr(execute.kernels_ahead, "start", cannot)
    execute.start_next_kernel(KERNEL_NAME, ROOT / "notebooks")  # no error: the next brief starts its own kernel
    assert kernel_forks._server is None
