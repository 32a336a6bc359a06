"""One run at a time on an outputs folder: a second run waits for the first (saying which run holds
it), up to a time limit, instead of sharing its temporary files and overwriting its records.

The lock is an advisory ``flock`` on ``OUT/.workbooks-run.lock``: the system releases it when the
holding process ends, however it ends, so a killed run never leaves the folder locked.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import RunnerError
from .moments import record_time

LOCK_NAME = ".workbooks-run.lock"
DEFAULT_WAIT_SECONDS = 600
POLL_SECONDS = 0.5


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
    handle = open(lock_path, "a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RunnerError(f"{out_dir} is in use by {_holder(lock_path)}, still after {wait_seconds:g} s: "
                                      "run again when it has finished (or give --wait more seconds)") from None
                if not told:
                    say(f"waiting for {_holder(lock_path)} to finish with {out_dir} (up to {wait_seconds:g} s)")
                    told = True
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        started = record_time(datetime.now(timezone.utc))
        handle.write(f"the run of process {os.getpid()}, started {started}")
        handle.flush()
        yield
    finally:
        handle.close()  # releases the lock
