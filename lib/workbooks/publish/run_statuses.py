"""What became of a brief in a run: declared once, read by the runner, its summary and the catalogue."""

from __future__ import annotations

OK = "ok"  # executed, exported, printed; its files replaced the last good ones
FAILED = "failed"  # the notebook failed, ran over its time limit, or its files could not be written
INVALID = "invalid parameters"  # its parameter file does not fit the notebook: no kernel started
BAD_DATA = "bad data"  # a file it reads cannot be used as it is: no kernel started
INTERRUPTED = "interrupted"  # stopped by Ctrl-C (or SIGTERM), or never started because of it; nothing recorded
RUN_STATUSES = (OK, FAILED, INVALID, BAD_DATA, INTERRUPTED)

# What a run did to a brief's edition, as the history (outputs/history/runs.jsonl, history.html) records it
NEW_EDITION = "new edition"  # ok and run: its files are new (inputs changed, a first run, or --force)
UNCHANGED = "unchanged"  # ok and kept: inputs as at its last good run, not run again
NOT_MADE = "failed"  # failed, invalid parameters or bad data: its last good edition stays, now stale
STOPPED = "interrupted"  # stopped by Ctrl-C or never started: its last good edition stays
RUN_OUTCOMES = (NEW_EDITION, UNCHANGED, NOT_MADE, STOPPED)
