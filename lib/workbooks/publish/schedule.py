"""`workbooks schedule`: the lines that run this checkout's briefs every day, for cron or a systemd user timer.

Printed by default; with ``install``, the crontab line is added through ``crontab -`` (a line this checkout
added before is replaced, never doubled) or the systemd units are written under
``~/.config/systemd/user/`` and the timer enabled. Either runs ``workbooks run`` from the project's own
environment, in the project's folder, under a time limit (``timeout``: a run never hangs into the next
day), its output appended to ``logs/scheduled-runs.log``. The time is the computer's local time.

The crontab command and ``systemctl`` are given as arguments, so that tests never touch the real ones.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import RunnerError

RUN_LIMIT_SECONDS = 3 * 60 * 60  # a whole run's limit: each cell has its own (runner's --timeout); this stops the rest
LOG_FILE = "logs/scheduled-runs.log"
SEARCH_PATH = "/usr/local/bin:/usr/bin:/bin"  # chromium (the PDFs) and timeout: cron and systemd start with little PATH
CRON_MARK = "# integration-workbooks: the briefs of"  # the comment line above the line this checkout adds
UNIT_FOLDER = Path(".config/systemd/user")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> tuple[int, int]:
    """(hour, minute) of HH:MM, 24-hour; RunnerError saying the form otherwise."""
    found = _TIME.match(str(text).strip())
    if not found:
        raise RunnerError(f"--at {text!r}: expected a time of day written HH:MM, 24-hour, e.g. 06:15")
    return int(found.group(1)), int(found.group(2))


@dataclass(frozen=True)
class Schedule:
    """A daily run of this checkout's briefs at ``hour``:``minute`` (local time)."""

    root: Path
    hour: int = 6
    minute: int = 15
    jobs: int = 2

    @property
    def name(self) -> str:
        """The units' name: the checkout's folder, so that two checkouts have two timers."""
        return "integration-workbooks-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", self.root.name).strip("-") or "briefs")

    @property
    def workbooks(self) -> Path:
        return self.root / ".venv" / "bin" / "workbooks"

    @property
    def log(self) -> Path:
        return self.root / LOG_FILE

    def run_command(self) -> list[str]:
        """The command itself: ``workbooks run`` under ``timeout`` (SIGTERM: the runner keeps every finished brief
        and writes the catalogue; a minute later SIGKILL)."""
        return [
            shutil.which("timeout") or "/usr/bin/timeout",
            "--kill-after=60",
            str(RUN_LIMIT_SECONDS),
            str(self.workbooks),
            "run",
            "--jobs",
            str(self.jobs),
        ]

    def cron_line(self) -> str:
        """The crontab line: in the project's folder, PATH set, the log appended to (no % anywhere: cron
        would read it as a new line)."""
        command = " ".join(shlex.quote(part) for part in self.run_command())
        return (
            f"{self.minute} {self.hour} * * * cd {shlex.quote(str(self.root))} && mkdir -p logs && "
            f"PATH={shlex.quote(str(self.root / '.venv' / 'bin') + ':' + SEARCH_PATH)} {command} "
            f">> {shlex.quote(LOG_FILE)} 2>&1"
        )

    def cron_block(self) -> list[str]:
        return [f"{CRON_MARK} {self.root}", self.cron_line()]

    def service_unit(self) -> str:
        return "\n".join(
            [
                "[Unit]",
                f"Description=Integration Workbooks: run the briefs of {self.root}",
                "",
                "[Service]",
                "Type=oneshot",
                f"WorkingDirectory={self.root}",
                f"Environment=PATH={self.root / '.venv' / 'bin'}:{SEARCH_PATH}",
                f"ExecStartPre=/bin/mkdir -p {self.root / 'logs'}",
                "ExecStart=" + " ".join(self.run_command()),
                f"TimeoutStartSec={RUN_LIMIT_SECONDS + 120}",
                f"StandardOutput=append:{self.log}",
                f"StandardError=append:{self.log}",
                "",
            ]
        )

    def timer_unit(self) -> str:
        return "\n".join(
            [
                "[Unit]",
                f"Description=Integration Workbooks: the briefs of {self.root}, every day at {self.hour:02d}:{self.minute:02d}",
                "",
                "[Timer]",
                f"OnCalendar=*-*-* {self.hour:02d}:{self.minute:02d}:00",
                "Persistent=true",
                "",
                "[Install]",
                "WantedBy=timers.target",
                "",
            ]
        )


def with_cron_block(crontab: str, schedule: Schedule) -> tuple[str, bool]:
    """The crontab's text with this checkout's line in it, and whether that changed anything: a line this
    checkout added before (under its mark) is replaced; every other line is kept as it was."""
    lines = crontab.splitlines()
    mark = schedule.cron_block()[0]
    if mark in lines:
        at = lines.index(mark)
        old = lines[at : at + 2]
        lines[at : at + 2] = schedule.cron_block()
        return "\n".join(lines) + "\n", old != schedule.cron_block()
    if schedule.cron_line() in lines:  # the same line added by hand: kept, not doubled
        return crontab, False
    return "\n".join([*lines, *schedule.cron_block()]) + "\n", True


def install_cron(schedule: Schedule, crontab_command: list[str] | None = None) -> str:
    """Add the line with ``crontab -`` (after reading the crontab with ``crontab -l``); what was done, in words."""
    command = crontab_command or ["crontab"]
    try:
        listed = subprocess.run([*command, "-l"], capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        raise RunnerError(f"{command[0]}: not found; install cron, or use --systemd") from None
    current = listed.stdout if listed.returncode == 0 else ""  # "no crontab for ..." is an empty one
    text, changed = with_cron_block(current, schedule)
    if not changed:
        return "the crontab already runs the briefs of this checkout at this time: nothing changed"
    written = subprocess.run([*command, "-"], input=text, capture_output=True, text=True, timeout=30)
    if written.returncode != 0:
        raise RunnerError(f"crontab refused the new crontab: {written.stderr.strip() or written.returncode}")
    return f"added to the crontab (crontab -l shows it): {schedule.cron_line()}"


def install_systemd(schedule: Schedule, home: Path, systemctl: list[str] | None = None) -> str:
    """Write the service and the timer under ``home``/.config/systemd/user and enable the timer (``systemctl
    --user``); where systemctl cannot, the units are written and the commands to run are said."""
    folder = Path(home) / UNIT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{schedule.name}.service").write_text(schedule.service_unit(), encoding="utf-8")
    (folder / f"{schedule.name}.timer").write_text(schedule.timer_unit(), encoding="utf-8")
    steps = [["--user", "daemon-reload"], ["--user", "enable", "--now", f"{schedule.name}.timer"]]
    command = systemctl or ["systemctl"]
    for step in steps:
        try:
            done = subprocess.run([*command, *step], capture_output=True, text=True, timeout=60)
        except FileNotFoundError:
            done = None
        if done is None or done.returncode != 0:
            why = (done.stderr.strip().splitlines() or ["failed"])[-1] if done is not None else "systemctl not found"
            return (
                f"wrote {folder / schedule.name}.service and .timer; systemctl could not enable the timer ({why}): "
                "run " + " && ".join("systemctl " + " ".join(step) for step in steps)
            )
    return f"wrote {folder / schedule.name}.service and .timer, and enabled the timer (systemctl --user list-timers shows it)"
