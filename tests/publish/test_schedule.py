"""`workbooks schedule` (publish/schedule.py): the crontab line and the systemd units with this checkout's paths, a
time limit and a log; installing through a fake crontab and a fake systemctl, never the real ones."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from workbooks.errors import RunnerError
from workbooks.publish.schedule import (
    RUN_LIMIT_SECONDS,
    Schedule,
    install_cron,
    install_systemd,
    parse_time,
    with_cron_block,
)

ROOT = Path("/home/me/integration workbooks")


def _fake(folder: Path, name: str, body: str) -> list[str]:
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return [str(script)]


def fake_crontab(folder: Path) -> tuple[list[str], Path]:
    """A crontab command keeping the crontab in a file: -l prints it (or says there is none, exit 1), - replaces it."""
    table = folder / "crontab.txt"
    return _fake(
        folder,
        "crontab",
        f'if [ "$1" = -l ]; then [ -f "{table}" ] || {{ echo "no crontab for me" >&2; exit 1; }}; '
        f'cat "{table}"; else cat > "{table}"; fi',
    ), table


def test_the_cron_line_runs_this_checkout_s_briefs_in_its_folder_under_a_time_limit_into_a_log():
    line = Schedule(ROOT, 5, 30).cron_line()
    assert line.startswith("30 5 * * * cd '/home/me/integration workbooks' && mkdir -p logs && PATH=")
    assert (
        f"--kill-after=60 {RUN_LIMIT_SECONDS} '/home/me/integration workbooks/.venv/bin/workbooks' run --jobs 2" in line
    )
    assert line.endswith(">> logs/scheduled-runs.log 2>&1") and "%" not in line


def test_the_systemd_units_name_the_checkout_its_paths_the_time_and_a_limit():
    schedule = Schedule(Path("/srv/briefs"), 6, 15)
    service, timer = schedule.service_unit(), schedule.timer_unit()
    assert schedule.name == "integration-workbooks-briefs"
    assert (
        "WorkingDirectory=/srv/briefs" in service
        and "ExecStart=" in service
        and "/srv/briefs/.venv/bin/workbooks run" in service
    )
    assert "StandardOutput=append:/srv/briefs/logs/scheduled-runs.log" in service and "TimeoutStartSec=" in service
    assert "OnCalendar=*-*-* 06:15:00" in timer and "Persistent=true" in timer and "WantedBy=timers.target" in timer


@pytest.mark.parametrize("text, expected", [("06:15", (6, 15)), ("5:30", (5, 30)), ("23:59", (23, 59))])
def test_a_time_of_day(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "6", "06:60", "six", ""])
def test_a_time_that_is_not_one_is_said_with_its_form(text):
    with pytest.raises(RunnerError, match="expected a time of day written HH:MM, 24-hour"):
        parse_time(text)


def test_the_crontab_keeps_other_lines_and_never_doubles_this_checkout_s():
    schedule, later = Schedule(ROOT, 6, 15), Schedule(ROOT, 7, 0)
    other = "MAILTO=me@example.org\n0 1 * * * backup\n"
    text, changed = with_cron_block(other, schedule)
    assert changed and text.startswith(other) and text.count(schedule.cron_line()) == 1
    assert with_cron_block(text, schedule) == (text, False)
    moved, changed = with_cron_block(text, later)
    assert changed and later.cron_line() in moved and schedule.cron_line() not in moved and moved.startswith(other)
    by_hand = other + schedule.cron_line() + "\n"  # the same line added by hand: not added again
    assert with_cron_block(by_hand, schedule) == (by_hand, False)


def test_install_adds_the_line_through_crontab_once(tmp_path):
    command, table = fake_crontab(tmp_path)
    schedule = Schedule(ROOT, 6, 15)
    assert install_cron(schedule, command).startswith("added to the crontab")
    assert install_cron(schedule, command).startswith("the crontab already runs the briefs")
    assert table.read_text(encoding="utf-8").count(schedule.cron_line()) == 1
    install_cron(Schedule(ROOT, 7, 0), command)
    assert table.read_text(encoding="utf-8").count(" run --jobs 2 ") == 1


def test_install_writes_the_units_and_enables_the_timer_or_says_what_to_run(tmp_path):
    calls = tmp_path / "calls.txt"
    systemctl = _fake(tmp_path, "systemctl", f'echo "$@" >> "{calls}"')
    schedule = Schedule(tmp_path / "project", 6, 15)
    said = install_systemd(schedule, tmp_path / "home", systemctl)
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    assert (units / f"{schedule.name}.service").read_text() == schedule.service_unit()
    assert (units / f"{schedule.name}.timer").read_text() == schedule.timer_unit()
    assert calls.read_text().splitlines() == ["--user daemon-reload", f"--user enable --now {schedule.name}.timer"]
    assert "enabled the timer" in said
    failing = _fake(tmp_path, "failing", 'echo "Failed to connect to bus: No medium found" >&2; exit 1')
    said = install_systemd(schedule, tmp_path / "home", failing)
    assert (
        "could not enable the timer (Failed to connect to bus: No medium found): run systemctl --user daemon-reload"
        in said
    )


def test_the_command_prints_the_line_and_refuses_a_bad_time_without_a_traceback():
    run = [sys.executable, "-m", "workbooks.cli", "schedule"]
    printed = subprocess.run([*run, "--at", "05:30"], capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0 and "\n30 5 * * * cd " in printed.stdout and "crontab -e" in printed.stdout
    units = subprocess.run([*run, "--systemd"], capture_output=True, text=True, timeout=60)
    assert units.returncode == 0 and "OnCalendar=*-*-* 06:15:00" in units.stdout
    bad = subprocess.run([*run, "--at", "25:00"], capture_output=True, text=True, timeout=60)
    assert (
        bad.returncode == 1
        and bad.stderr.strip() == ("error: --at '25:00': expected a time of day written HH:MM, 24-hour, e.g. 06:15")
        and "Traceback" not in bad.stderr
    )


def _guide_block(language: str, containing: str) -> str:
    import re

    from conftest import ROOT as PROJECT

    blocks = re.findall(
        rf"```{language}\n(.*?)```", (PROJECT / "docs" / "briefs.md").read_text(encoding="utf-8"), re.DOTALL
    )
    return next(block for block in blocks if containing in block)


def test_the_guide_shows_what_the_command_prints_for_cron_and_systemd():
    schedule = Schedule(Path("/home/me/integration-workbooks"))
    cron = _guide_block("crontab", "integration-workbooks: the briefs of").splitlines()
    assert cron[1:] == schedule.cron_block()
    units = _guide_block("ini", "[Timer]")
    assert schedule.service_unit() in units and schedule.timer_unit() in units
    assert f"# ~/.config/systemd/user/{schedule.name}.service" in units


def test_the_guide_s_ci_workflow_runs_on_a_schedule_runs_the_briefs_and_publishes_outputs():
    import yaml

    workflow = yaml.safe_load(_guide_block("yaml", "deploy-pages"))
    assert workflow[True]["schedule"][0]["cron"] == "15 6 * * *"  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["briefs"]["steps"]
    assert any(step.get("run") == "make briefs" for step in steps)
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "site"
    restored = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache/restore")]
    assert restored and restored[0]["with"]["path"] == "outputs"  # the history carries on from run to run
    assert workflow["jobs"]["publish"]["needs"] == "briefs" and workflow["permissions"]["pages"] == "write"


def test_the_guide_s_ci_workflow_publishes_only_what_readers_need(tmp_path):
    import subprocess

    import yaml

    workflow = yaml.safe_load(_guide_block("yaml", "deploy-pages"))
    step = next(
        step for step in workflow["jobs"]["briefs"]["steps"] if step.get("name") == "What readers need, and only that"
    )
    for_readers = {
        "index.html",
        "history.html",
        "feed.xml",
        "nb/a.html",
        "nb/a.pdf",
        "nb/a.tables.zip",
        "history/nb/a/2026-12-07T060000Z/a.html",
    }
    not_for_readers = {
        "nb/a.ipynb",
        "nb/a.run.json",
        "nb/b.failed.ipynb",
        "nb/.a.running.html",
        ".workbooks-run.lock",
        "history/runs.jsonl",
        "history/nb/a/2026-12-07T060000Z/edition.json",
    }
    for name in for_readers | not_for_readers:
        (tmp_path / "outputs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "outputs" / name).write_text(name, encoding="utf-8")
    subprocess.run(["bash", "-euo", "pipefail", "-c", step["run"]], cwd=tmp_path, check=True)
    published = {
        path.relative_to(tmp_path / "site").as_posix() for path in (tmp_path / "site").rglob("*") if path.is_file()
    }
    assert published == for_readers
