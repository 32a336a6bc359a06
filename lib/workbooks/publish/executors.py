"""Where briefs run at once: the runner's parallel map takes any ``concurrent.futures`` executor.

``process`` (the default) is a pool of worker processes on this machine, each stopping its
kernel on Ctrl-C (:func:`.stopping.install_in_worker`). ``dask`` sends the briefs to an existing
Dask distributed cluster (``pip install -e '.[dask]'``): every worker must see the same files as
this machine (the project checked out at the same path, the outputs folder on shared storage) and
have the project's environment with its kernel registered. Each worker writes a brief's files
itself, atomically, as on one machine; the catalogue is written once at the end, here.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import CancelledError, Executor, Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from ..errors import RunnerError
from . import stopping

if TYPE_CHECKING:  # an optional extra: imported where used, at run time
    import distributed

EXECUTORS = ("process", "dask")
CONNECT_TIMEOUT_SECONDS = 10  # an unreachable scheduler is said within this, never waited on


def make_executor(
    kind: str, jobs: int, scheduler: str | None = None, connect_timeout: float = CONNECT_TIMEOUT_SECONDS
) -> Executor:
    """A context-managed executor for ``kind``: "process" (``jobs`` worker processes here) or
    "dask" (the cluster whose scheduler is at ``scheduler``, e.g. tcp://10.0.0.5:8786; the
    cluster's workers set how many briefs run at once). RunnerError when it cannot be had."""
    if kind == "process":
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        return ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context, initializer=stopping.install_in_worker)
    if kind == "dask":
        return DaskExecutor(scheduler, connect_timeout)
    raise RunnerError(f"no executor {kind!r}: choose one of {', '.join(EXECUTORS)}")


def local_worker_pids(executor: Executor) -> list[int]:
    """The executor's worker processes on this machine, to pass Ctrl-C on to; none for a cluster."""
    if isinstance(executor, ProcessPoolExecutor):
        return [process.pid for process in (executor._processes or {}).values() if process.pid is not None]
    return []


def describe(executor: Executor) -> str:
    return f"the Dask cluster at {executor.scheduler}" if isinstance(executor, DaskExecutor) else "this machine"


class DaskExecutor(Executor):
    """A Dask client's ``concurrent.futures`` executor, closing the client when done with."""

    def __init__(self, scheduler: str | None, connect_timeout: float = CONNECT_TIMEOUT_SECONDS):
        if not scheduler:
            raise RunnerError(
                "the dask executor needs the cluster's scheduler: --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)"
            )
        try:
            from distributed import Client
        except ImportError:
            raise RunnerError(
                "the dask executor needs Dask distributed, an optional extra: pip install -e '.[dask]'"
            ) from None
        self.scheduler = scheduler
        try:
            self.client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise RunnerError(
                f"cannot reach the Dask scheduler at {scheduler} within {connect_timeout:g} s "
                f"({type(error).__name__}: {error}): is the cluster up, and the address right?"
            ) from None
        except ValueError as error:  # an address Dask cannot read
            raise RunnerError(f"cannot use the Dask scheduler address {scheduler!r}: {error}") from None
        self._futures: dict[Future, distributed.Future] = {}  # each brief's future here, and its task on the cluster

    def submit(self, fn, /, *args, **kwargs) -> Future:
        task = self.client.submit(fn, *args, pure=False, **kwargs)  # every brief runs, even one submitted twice
        future: Future = Future()
        self._futures[future] = task
        task.add_done_callback(lambda task: _settle(future, task))
        return future

    def cancel_waiting(self, futures) -> None:
        """Cancel the briefs no worker has taken up yet; those running finish, as on one machine."""
        running = {key for tasks in self.client.call_stack().values() for key in tasks}  # executing now
        for future in futures:
            task = self._futures.get(future)
            if task is not None and task.key not in running:
                task.cancel()

    def __exit__(self, kind, error, traceback):
        # on an error, or a second Ctrl-C, the run ends now: the cluster forgets its briefs
        self.shutdown(wait=kind is None, cancel_futures=kind is not None)
        return False

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        try:
            if cancel_futures:
                self.client.cancel(list(self._futures.values()))
            elif wait:
                for future in list(self._futures):
                    try:
                        future.exception()
                    except CancelledError:
                        pass
        finally:
            self._futures.clear()
            self.client.close()


def _settle(future: Future, task) -> None:
    """Pass a cluster task's outcome on to its ``concurrent.futures`` future."""
    if task.status == "cancelled":
        future.cancel()
        future.set_running_or_notify_cancel()  # wakes wait()
    elif task.status == "finished":
        future.set_result(task.result())
    else:
        future.set_exception(task.exception())


def cancel_waiting(executor: Executor, futures) -> None:
    """On Ctrl-C: cancel every brief not yet started; those running stop (their kernels are
    stopped on this machine) or finish (on a cluster)."""
    if isinstance(executor, DaskExecutor):
        executor.cancel_waiting(futures)
    else:
        for future in futures:
            future.cancel()
