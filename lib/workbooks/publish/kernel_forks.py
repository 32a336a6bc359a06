"""Kernels forked from a process that imported their libraries once: each brief still runs in a kernel of its own,
started afresh, but pandas, matplotlib, pandera, the workbooks' layers and ipykernel are already in memory when it
starts, instead of being imported again by each kernel (a second of a brief's few).

Only kernels started ahead for a process's next brief are forked (:class:`.kernels.KernelsAhead`): a run of one
brief gains nothing from it and keeps no second copy of the libraries in memory. The fork server
(``python -m workbooks.publish.kernel_forks``, one a process that runs briefs, kept like the browser:
:data:`kernel_forks`) imports :data:`.kernels.WARM_UP` and ipykernel, then, for each kernel asked for on
its stdin, forks: the child starts a session of its own, takes the kernel's folder and environment, and runs
ipykernel's launcher as ``python -m ipykernel_launcher ARGS`` would. The server answers on a pipe of its own with the
kernel's process id; the kernel manager (:func:`.kernels.ipc_kernel_manager`) then knows the kernel by it, as one it started
(:class:`ForkedKernel` stands for the ``Popen`` it would hold). A kernel command this server cannot run (another
interpreter, another launcher) is started the usual way. The server ends when it is closed or its parent goes
(its stdin ends, and it forks nothing more), and each kernel it forked ends with it (ipykernel's parent poller).
A forked kernel sees what one started afresh sees (tests/publish/test_kernel_forks.py compares them): its
``sys.path``, matplotlib's backend, ipywidgets' comm target (ipywidgets is imported by the kernel, not the server).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..errors import RunnerError

LAUNCHER = "ipykernel_launcher"
START_TIMEOUT_SECONDS = 60  # the server's imports, on a busy machine
# imported by each kernel itself (its start-up lines), not by the server: ipywidgets registers its comm target with
# the IPython kernel there is as it is imported, and the server has none
NOT_IN_THE_SERVER = {"ipywidgets"}
REPLY_TIMEOUT_SECONDS = 30  # one fork


class ForkedKernel:
    """A forked kernel's process as the kernel manager's provisioner uses a ``Popen``: polled, waited for, signalled
    and killed by its id. The fork server reaps it (SIGCHLD ignored), so it is gone, not a zombie, once it ends;
    its exit code is not known here (0, or the signal that killed it from here)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired([LAUNCHER], timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            return
        if signum == signal.SIGKILL:
            self.returncode = -signal.SIGKILL

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelForks:
    """This process's fork server, started at the first kernel asked of it and kept for the next."""

    def __init__(self) -> None:
        self._server: subprocess.Popen | None = None
        self._started_for: tuple = ()  # the kernel command's interpreter and options, and the environment, it runs with
        self._replies: int = -1
        self._received = b""

    def launch(self, kernel_cmd: list[str], cwd: str | None, env: dict | None) -> ForkedKernel | None:
        """A kernel forked for ``kernel_cmd`` (``python [options] -m ipykernel_launcher ARGS``) in ``cwd`` with
        ``env``; None for a command the server cannot run (the caller starts it the usual way)."""
        at = kernel_cmd.index(LAUNCHER) - 1 if LAUNCHER in kernel_cmd else -1  # where "-m" should be
        if at < 0 or kernel_cmd[at] != "-m":
            return None
        interpreter, arguments = kernel_cmd[:at], kernel_cmd[at + 2 :]
        kernel_env = dict(env or os.environ)
        request = {"argv": arguments, "cwd": str(cwd or os.getcwd()), "env": kernel_env}
        try:  # the server's imports see what the kernel's would: its interpreter, options and environment
            if (
                self._server is None
                or self._server.poll() is not None
                or (interpreter, kernel_env) != self._started_for
            ):
                self._start(interpreter, kernel_env)
            assert self._server is not None and self._server.stdin is not None
            self._server.stdin.write(json.dumps(request).encode() + b"\n")
            self._server.stdin.flush()
            reply = self._reply(REPLY_TIMEOUT_SECONDS)
        except (OSError, ValueError) as error:
            self.close()
            raise RunnerError(f"the kernels' fork server failed ({error}), with {' '.join(interpreter)}") from None
        if "pid" not in reply:
            raise RunnerError(f"the kernels' fork server could not start a kernel: {reply.get('error', reply)}")
        return ForkedKernel(reply["pid"])

    def close(self) -> None:
        """End the server; a kernel it forked that still runs ends within a second (ipykernel's parent poller)."""
        if self._server is not None:
            try:
                self._server.kill()
            except ProcessLookupError:
                pass
            self._server.wait()
            if self._server.stdin is not None:
                self._server.stdin.close()
            self._server = None
        if self._replies >= 0:
            os.close(self._replies)
            self._replies = -1
        self._received = b""

    def _start(self, interpreter: list[str], env: dict) -> None:
        """The server, run by the kernel's interpreter in the kernel's environment, so that its imports see what a
        kernel's would (libraries that read a variable as they are imported: matplotlib's MPLBACKEND)."""
        self.close()
        replies_read, replies_write = os.pipe()
        try:
            self._server = subprocess.Popen(
                [*interpreter, "-m", __name__, str(replies_write)],
                stdin=subprocess.PIPE,
                env=env,
                pass_fds=(replies_write,),
                start_new_session=True,  # Ctrl-C reaches its kernels through the runner, each by its id
            )
        finally:
            os.close(replies_write)
        self._started_for, self._replies = (interpreter, env), replies_read
        if not self._reply(START_TIMEOUT_SECONDS).get("ready"):
            raise ValueError("it did not say it was ready")

    def _reply(self, timeout: float) -> dict:
        import select

        from . import stopping

        deadline = time.monotonic() + timeout
        while b"\n" not in self._received:
            left = deadline - time.monotonic()
            if left <= 0:
                raise OSError(f"no answer within {timeout:g} s")
            if stopping.stop_requested():
                raise OSError("the run was stopped")
            readable, _, _ = select.select([self._replies], [], [], min(left, 0.1))
            if readable:
                chunk = os.read(self._replies, 65536)
                if not chunk:
                    raise OSError(f"it ended, exit {self._exit_code()}")
                self._received += chunk
        line, self._received = self._received.split(b"\n", 1)
        return json.loads(line)

    def _exit_code(self) -> int | None:
        try:
            return self._server.wait(timeout=5) if self._server else None
        except subprocess.TimeoutExpired:
            return None


kernel_forks = KernelForks()  # this process's: the runner's, or a pool worker's (closed as the worker ends)


# --- the server --------------------------------------------------------------------------------------------------


def _serve(replies: int) -> None:
    """Import the kernel's libraries, say so on ``replies``, then fork a kernel for each request on stdin."""
    import importlib

    from .kernels import WARM_UP

    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]  # as ipykernel's launcher does: IPython puts '' back first in the kernel (its folder)
    if not os.environ.get("MPLBACKEND"):  # as ipykernel's kernel sets it before any cell imports matplotlib
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for module in [*WARM_UP.removeprefix("import ").split(", "), "ipykernel.kernelapp"]:
        if module.strip() not in NOT_IN_THE_SERVER:
            importlib.import_module(module.strip())
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernels are reaped as they end: no zombie is left
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # its own session: only the runner stops it
    os.write(replies, b'{"ready": true}\n')
    parent = os.getppid()
    for line in sys.stdin.buffer:
        if os.getppid() != parent:  # the process that asked is gone: nothing it asked for is started
            break
        try:
            request = json.loads(line)
            request["env"]["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
            pid = os.fork()
        except (ValueError, OSError, TypeError, KeyError) as error:
            os.write(replies, json.dumps({"error": str(error)}).encode() + b"\n")
            continue
        if pid == 0:
            os.close(replies)
            _become_kernel(request)
        os.write(replies, json.dumps({"pid": pid}).encode() + b"\n")


def _become_kernel(request: dict) -> None:
    """In the forked child: the kernel, as ``python -m ipykernel_launcher ARGS`` in its folder and environment."""
    code = 1
    try:
        os.setsid()
        for signum in (signal.SIGCHLD, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        os.close(stdin)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import numpy

        numpy.random.seed()  # a fresh kernel's unseeded generator, not the server's copied state
        # the kernel ends when this server does (ipykernel's parent poller): the trait's default was read from the
        # environment as the server imported ipykernel, so it is given as an argument
        sys.argv = [LAUNCHER, *request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
