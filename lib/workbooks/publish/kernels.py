"""The kernels briefs run in: the project's own kernel, reached over IPC sockets, and every kernel
this process has started, so that Ctrl-C can stop them at once (a kernel runs in its own session,
so the terminal's Ctrl-C never reaches it)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

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
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"workbooks-kernel-{uuid.uuid4().hex}")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            await super()._async_launch_kernel(kernel_cmd, **kw)
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
