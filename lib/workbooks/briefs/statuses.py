"""What became of a brief in a run: declared once, read by the runner, its summary and the catalogue."""
from __future__ import annotations

OK = "ok"  # executed, exported, printed; its files replaced the last good ones
FAILED = "failed"  # the notebook failed, ran over its time limit, or its files could not be written
INVALID = "invalid parameters"  # its parameter file does not fit the notebook: no kernel started
BAD_DATA = "bad data"  # a file it reads cannot be used as it is: no kernel started
INTERRUPTED = "interrupted"  # stopped by Ctrl-C (or SIGTERM), or never started because of it; nothing recorded
RUN_STATUSES = (OK, FAILED, INVALID, BAD_DATA, INTERRUPTED)
