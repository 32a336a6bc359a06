"""The kernels briefs run in: the project's own kernel, reached over IPC sockets, and every kernel
this process has started, so that Ctrl-C can stop them at once (a kernel runs in its own session,
so the terminal's Ctrl-C never reaches it)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from ..errors import RunnerError

KERNEL_NAME = "integration-workbooks"
_running: set[int] = set()  # process ids of the kernels this process started and has not cleaned up


def check_kernel(kernel_name: str = KERNEL_NAME) -> None:
    """The project's kernel must exist and run this interpreter, so no brief runs in another one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        raise RunnerError(
            f"the Jupyter kernel {kernel_name!r} is not registered for this environment: "
            "run `make setup` (or `python -m ipykernel install --sys-prefix --name "
            f"{kernel_name}`)"
        ) from None
    kernel_python = Path(spec.argv[0]).absolute()
    if kernel_python.parent != Path(sys.executable).absolute().parent:  # same environment's bin/
        raise RunnerError(
            f"the kernel {kernel_name!r} runs {kernel_python}, not this environment's "
            f"{Path(sys.executable).absolute()}: run `make setup` to register it again"
        )


def stop_running_kernels() -> int:
    """Kill every kernel this process started (its cell stops at once; the client sees a dead
    kernel and cleans up its files). Safe in a signal handler. Returns how many were running."""
    stopped = 0
    for pid in list(_running):
        try:
            os.kill(pid, signal.SIGKILL)
            stopped += 1
        except ProcessLookupError:
            pass
        _running.discard(pid)
    return stopped


def ipc_kernel_manager():
    """A kernel manager talking to its kernel over IPC sockets in the temp folder, not TCP ports:
    no port is opened on the machine during a run (and ipykernel's TCP warning stays away). At
    shutdown it asks the idle kernel to stop without first sending SIGINT, which otherwise lands in
    a message handler now and then and prints 'KeyboardInterrupt caught in kernel'. Each kernel it
    starts is known to :func:`stop_running_kernels` until it is cleaned up."""
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        # a kernel started ahead for the next brief is forked from the kernels' fork server (:mod:`.kernel_forks`):
        # only a process that runs more than one brief gains from it, and one brief alone keeps no server in memory
        fork_from_server = False

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"workbooks-kernel-{uuid.uuid4().hex}")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            from .kernel_forks import kernel_forks

            forked = kernel_forks.launch(kernel_cmd, kw.get("cwd"), kw.get("env")) if self.fork_from_server else None
            if forked is None:  # not ahead, or a command the fork server cannot run: as jupyter_client starts it
                await super()._async_launch_kernel(kernel_cmd, **kw)
            else:  # as the local provisioner records a kernel it started (its own session: group = id)
                provisioner = self.provisioner
                provisioner.process, provisioner.pid, provisioner.pgid = forked, forked.pid, forked.pid
                provisioner.cwd = kw.get("cwd")
                self._reconcile_connection_info(provisioner.connection_info)
            pid = getattr(self.provisioner, "pid", None)
            if pid:
                _running.add(pid)
            from . import stopping  # stopping imports this module

            if stopping.stop_requested():  # Ctrl-C came while the kernel was starting, before it was known here
                stop_running_kernels()

        async def _async_cleanup_resources(self, restart: bool = False):
            _running.discard(getattr(self.provisioner, "pid", None))
            await super()._async_cleanup_resources(restart=restart)

        async def _async_interrupt_kernel(self):
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return IPCKernelManager


# --- the next brief's kernel, started ahead -------------------------------------------------------

# what every brief imports, imported by a kernel started ahead while the brief before it makes its files (the
# kernel's own start-up lines, IPKernelApp.exec_lines, kept out of its history): the workbooks' shared layers,
# never matplotlib's pyplot, whose backend a notebook configures first (%config InlineBackend)
WARM_UP = "import numpy, pandas, pandera.pandas, matplotlib, jinja2, yaml, ipywidgets, workbooks.tables.datasets"


class KernelsAhead:
    """One kernel started ahead, in this process, for the next brief: its start and imports happen while the brief
    before it makes its HTML and PDF, not while the next one waits. Each kernel runs one brief and is shut down
    after it, as a kernel Papermill starts: a brief never sees what another left in a kernel."""

    def __init__(self) -> None:
        self._spare: tuple[Any, str, Path] | None = None  # (kernel manager, kernel name, working folder)

    def start(self, kernel_name: str, cwd: Path) -> None:
        """Start the next brief's kernel now, if none is waiting for it."""
        from jupyter_core.utils import run_sync

        if self._spare is not None:
            return
        manager = ipc_kernel_manager()(kernel_name=kernel_name)
        manager.fork_from_server = True
        run_sync(manager.start_kernel)(cwd=str(cwd), extra_arguments=[f"--IPKernelApp.exec_lines={WARM_UP}"])
        self._spare = (manager, kernel_name, Path(cwd))

    def take(self, kernel_name: str, cwd: Path):
        """The kernel started ahead for ``kernel_name`` in ``cwd``, still running, or None (one for another
        kernel or folder, or one that died, is shut down)."""
        if self._spare is None:
            return None
        (manager, name, folder), self._spare = self._spare, None
        from jupyter_core.utils import run_sync

        if name == kernel_name and folder == Path(cwd) and run_sync(manager.is_alive)():
            return manager
        _shut_down(manager)
        return None

    def close(self) -> None:
        """Shut down the kernel waiting, if any (the run is over)."""
        if self._spare is not None:
            (manager, _, _), self._spare = self._spare, None
            _shut_down(manager)


def _shut_down(manager) -> None:
    from jupyter_core.utils import run_sync

    try:
        run_sync(manager.shutdown_kernel)(now=True)
    except Exception:  # a kernel already gone: its files are cleaned up all the same
        run_sync(manager.cleanup_resources)()


kernels_ahead = KernelsAhead()  # this process's: the runner's, or a pool worker's


def papermill_engine_for_started_kernels() -> str:
    """The name of Papermill's engine for kernels started ahead (:mod:`.started_kernel_engine`), registered on the
    first call; it imports Papermill, which only a run needs."""
    from .started_kernel_engine import register

    return register()
