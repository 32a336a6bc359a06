"""One run at a time on an outputs folder: a second run waits for the first (saying which run holds
it), up to a time limit, instead of sharing its temporary files and overwriting its records.

The lock is filelock's ``FileLock`` on ``OUT/.workbooks-run.lock`` (an advisory ``flock``: the system
releases it when the holding process ends, however it ends, so a killed run never leaves the folder
locked). The holder writes who it is into that file, for the message of a run that waits.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from ..common.moments import record_time
from ..errors import RunnerError
from .limits import DEFAULT_WAIT_SECONDS

LOCK_NAME = ".workbooks-run.lock"


def _holder(lock_path: Path) -> str:
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another run"


@contextmanager
def outputs_lock(out_dir: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS, say=print):
    """Hold the outputs folder for the block; wait up to ``wait_seconds`` for another run to finish,
    else raise :class:`RunnerError` naming the run that holds it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / LOCK_NAME
    lock = FileLock(lock_path, thread_local=False)  # a run's lock may be let go from another thread
    try:
        lock.acquire(timeout=0)
    except Timeout:
        say(f"waiting for {_holder(lock_path)} to finish with {out_dir} (up to {wait_seconds:g} s)")
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise RunnerError(
                f"{out_dir} is in use by {_holder(lock_path)}, still after {wait_seconds:g} s: "
                "run again when it has finished (or give --wait more seconds)"
            ) from None
    try:
        started = record_time(datetime.now(timezone.utc))
        lock_path.write_text(f"the run of process {os.getpid()}, started {started}", encoding="utf-8")
        yield
    finally:
        lock.release()
