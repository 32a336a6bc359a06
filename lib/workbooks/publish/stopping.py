"""Ctrl-C (SIGINT) or SIGTERM during a run: stop the kernels at once, keep every finished brief.

Under :func:`stop_on_signals` the first signal only asks the run to stop: the kernels this
process started are killed (their briefs come back "interrupted", their last good files kept),
no brief starts after it, and the run then writes the catalogue and exits 130 (143 for SIGTERM).
A second signal quits at once: the pool's worker processes are killed (each has stopped its own kernel) and
the process exits with the same code, leaving what the first stop was waiting for (the next run removes a
brief's temporary files; the last good files stay). Nothing here raises inside a signal handler, so no
traceback is printed.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Callable

from .kernels import stop_running_kernels

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_received: list[int] = []  # the signals received since the run began


def stop_requested() -> bool:
    return bool(_received)


def exit_code() -> int:
    """The shell's convention: 128 + the signal's number (130 for Ctrl-C)."""
    return 128 + _received[0] if _received else 0


def _handler(also: Callable[[], None] | None):
    def handle(signum, frame):
        first = not _received
        _received.append(signum)
        stop_running_kernels()
        if also is not None:
            also()
        if first:
            os.write(
                sys.stderr.fileno(),
                b"\nstopping: the briefs running now are stopped, finished ones kept; Ctrl-C again to quit at once\n",
            )
        else:
            _quit_at_once()

    return handle


def _quit_at_once() -> None:
    """The second signal: kill the pool's workers (their kernels are stopped already) and exit, with the first
    signal's code, without waiting for anything."""
    import multiprocessing

    for worker in multiprocessing.active_children():
        try:
            worker.kill()
        except OSError:  # gone already
            pass
    os.write(sys.stderr.fileno(), b"stopped at once (a second signal); the last good files are kept\n")
    os._exit(exit_code())


def install_in_worker() -> None:
    """For a pool's worker process: a signal stops its kernel and marks the run stopped; what it keeps from one
    brief to the next (a kernel started ahead, the kernels' fork server, the browser) ends when the worker ends."""
    from multiprocessing.util import Finalize

    from .execute import close_kept_processes  # execute imports this module

    _received.clear()
    Finalize(None, close_kept_processes, exitpriority=10)
    for signum in STOP_SIGNALS:
        signal.signal(signum, _quiet_handler)


def _quiet_handler(signum, frame):
    _received.append(signum)
    stop_running_kernels()


@contextmanager
def stop_on_signals(also: Callable[[], None] | None = None):
    """Within the block, SIGINT and SIGTERM ask the run to stop (``also`` is called too: the
    pool passes the signal on to its workers). The previous handlers are restored after."""
    _received.clear()
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    handle = _handler(also)
    for signum in STOP_SIGNALS:
        signal.signal(signum, handle)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
