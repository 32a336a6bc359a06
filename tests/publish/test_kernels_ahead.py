"""The next brief's kernel, started ahead (publish/kernels.py, KernelsAhead): it has imported the shared
libraries before the brief asks for it, it is one the brief alone uses, and none is left running."""

from __future__ import annotations

import psutil
import pytest
from jupyter_core.utils import run_sync

from conftest import ROOT
from workbooks.publish.kernels import KERNEL_NAME, KernelsAhead

pytestmark = pytest.mark.kernel

NOTEBOOKS = ROOT / "notebooks"


def _kernel_process(manager):
    return psutil.Process(manager.provisioner.pid)


def _ask(manager, code):
    client = manager.client()
    client.start_channels()
    try:
        run_sync(client._async_wait_for_ready)(timeout=120)
        said = []
        reply = run_sync(client._async_execute_interactive)(
            code, output_hook=lambda message: said.append(message["content"].get("text", "")), timeout=60
        )
        return reply["content"]["execution_count"], "".join(said)
    finally:
        client.stop_channels()


def test_the_kernel_started_ahead_has_the_libraries_imported_and_an_empty_history():
    ahead = KernelsAhead()
    ahead.start(KERNEL_NAME, NOTEBOOKS)
    manager = ahead.take(KERNEL_NAME, NOTEBOOKS)
    assert manager is not None and ahead.take(KERNEL_NAME, NOTEBOOKS) is None  # taken once
    process = _kernel_process(manager)
    try:
        count, said = _ask(
            manager, "import os, sys; print('pandas' in sys.modules, 'matplotlib.pyplot' in sys.modules, os.getcwd())"
        )
        # the warm-up is not in the notebook's history: its first cell is still [1]; pyplot is left to the notebook
        assert count == 1
        assert said.split() == ["True", "False", str(NOTEBOOKS)]
    finally:
        run_sync(manager.shutdown_kernel)(now=True)
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE


def test_a_kernel_started_for_another_folder_is_shut_down_not_given(tmp_path):
    ahead = KernelsAhead()
    ahead.start(KERNEL_NAME, NOTEBOOKS)
    process = _kernel_process(ahead._spare[0])
    assert ahead.take(KERNEL_NAME, tmp_path) is None
    process.wait(timeout=30)


def test_closing_shuts_down_the_kernel_no_brief_took():
    ahead = KernelsAhead()
    ahead.start(KERNEL_NAME, NOTEBOOKS)
    ahead.start(KERNEL_NAME, NOTEBOOKS)  # one at a time: the second start keeps the first
    process = _kernel_process(ahead._spare[0])
    ahead.close()
    process.wait(timeout=30)
    assert ahead.take(KERNEL_NAME, NOTEBOOKS) is None


def test_a_kernel_that_died_while_waiting_is_not_given():
    ahead = KernelsAhead()
    ahead.start(KERNEL_NAME, NOTEBOOKS)
    process = _kernel_process(ahead._spare[0])
    process.kill()
    process.wait(timeout=30)
    assert ahead.take(KERNEL_NAME, NOTEBOOKS) is None
