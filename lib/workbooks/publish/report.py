"""How a run speaks: each brief's outcome as it ends, the summary table, the run's last line, and a
failure's words as every page, the feed and the alerts give them."""

from __future__ import annotations

import errno
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.moments import shown_moment
from .catalogue_page import first_problem
from .history import counts_of, outcome_counts, outcome_of
from .run_statuses import OK, UNCHANGED

if TYPE_CHECKING:
    from .run_records import RunResult

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def failure_for_readers(message: str, root: Path, out_dir: Path) -> str:
    """A failure's words as every published page, the feed and the alerts give them (the one place they are
    made): a path inside the project named from its root ("data/status_log.csv: line 4 ..."), one inside an
    outputs folder elsewhere from that folder's name, never by the server's absolute path (nor the project root's own,
    which a missing file's message names in brackets: "in the project root")."""
    places = {
        f"{Path(out_dir).resolve()}/": f"{Path(out_dir).name}/",
        f"{Path(root).resolve()}/": "",
        f" ({Path(root).resolve()})": "",
    }
    for place, shown in sorted(places.items(), key=lambda item: len(item[0]), reverse=True):
        message = message.replace(place, shown)
    return message


def os_error_message(error: OSError, writing: Path) -> str:
    if error.errno in DISK_FULL:
        return (
            f"no space left on the disk while writing {error.filename or writing}: free some space and run "
            "again (the last good files are kept)"
        )
    return f"cannot write {error.filename or writing}: {error.strerror or error}"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _indented(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


def say_outcome(number: int, total: int, result: RunResult) -> None:
    first = first_problem(result.error, result.status) if result.status != OK and result.error else ""
    say(
        f"[{number}/{total}] {result.brief}: {result.status} in {result.seconds:.1f} s"
        + (f": {first}" if first else "")
    )


def shown_outcome(result: RunResult, recorded: dict | None = None) -> str:
    """What became of a brief in the run, as the summary says it: a good brief's outcome as the history recorded
    it (``recorded``: brief -> outcome; else :func:`.history.outcome_of`), "new edition" or "unchanged"; any
    other its status ("bad data", "invalid parameters", "failed", "interrupted")."""
    if result.status != OK:
        return result.status
    return (recorded or {}).get(result.brief) or outcome_of(result.status, result.cached)


RUN_SAYS_THE_SAME = "run: an input changed, but it says what its last edition said (no new edition)"


def summary_table(results: list[RunResult], recorded: dict | None = None) -> str:
    """One row per brief: what became of it (:func:`shown_outcome`), the seconds this run spent on it (none for
    a brief kept unchanged), and under each brief that is not good its whole message (file, line and field for
    bad data), so that an unattended run's log says what to fix. How many of each, the run's last line says
    (:func:`run_ended`)."""
    width = max([len(r.brief) for r in results] + [5])
    lines = [
        f"{'brief':<{width}}  {'outcome':<18}  {'seconds':>7}  output / error",
        f"{'-' * width}  {'-' * 18}  {'-' * 7}  {'-' * 30}",
    ]
    for r in results:
        detail = (r.html or "") if r.status == OK else (f"see {r.failed_notebook}" if r.failed_notebook else "")
        seconds = "-" if r.cached else f"{r.seconds:.1f}"
        shown = shown_outcome(r, recorded)
        if shown == UNCHANGED and not r.cached:  # run (an input changed), yet it says what its last edition said
            detail = RUN_SAYS_THE_SAME
        lines.append(f"{r.brief:<{width}}  {shown:<18}  {seconds:>7}  {detail}".rstrip())
        if r.status != OK and r.error:
            lines.append(_indented(r.error))
    return "\n".join(lines)


def run_ended(run: dict | None, results: list[RunResult]) -> str:
    """The last line of a run's block in the log: its stamp, when it finished and its outcomes as the history
    recorded them ("run 2026-12-07T070007Z, finished 7 December 2026, 07:00 UTC: 1 new edition, 8 unchanged")."""
    if run is None:
        return (
            f"run finished {shown_moment(datetime.now(timezone.utc))}, not recorded in the history: "
            f"{counts_of([shown_outcome(result) for result in results])}"
        )
    return f"run {run['stamp']}, finished {shown_moment(run['finished'])}: {outcome_counts(run)}"
