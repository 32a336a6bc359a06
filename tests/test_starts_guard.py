"""The guard that keeps the kernel and browser markers true (tests/starts_guard.py), in a session of its own: a start
recorded during a test without its marker fails that test, with the marker it passes, through a fixture it fails
every test using the fixture; --record-starts lists them instead; the session's recorders write the lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from starts_guard import KERNEL_STARTUP, LOG_ENV, StartsLog, _install

INNER_CONFTEST = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
pytest_plugins = ["starts_guard"]
"""

INNER_TESTS = """
import os
import pytest


def start(kind):  # what the IPython startup file or the chromium script writes when one starts
    with open(os.environ["WORKBOOKS_TEST_STARTS"], "a", encoding="utf-8") as log:
        log.write(f"{kind} 1\\n")


@pytest.fixture(scope="module")
def server():
    start("kernel")


def test_starts_nothing():
    pass


def test_kernel_unmarked():
    start("kernel")


@pytest.mark.kernel
def test_kernel_marked():
    start("kernel")


@pytest.mark.kernel
def test_browser_with_the_kernel_marker_only():
    start("browser")


def test_uses_the_server(server):
    pass


def test_uses_the_server_again(server):
    pass


@pytest.mark.kernel
def test_uses_the_server_marked(server):
    pass
"""


@pytest.fixture()
def inner(pytester):
    pytester.makeconftest(INNER_CONFTEST)
    pytester.makepyfile(test_inner=INNER_TESTS)
    pytester.makeini("[pytest]\nmarkers =\n    kernel: k\n    browser: b\n")
    return pytester


def test_a_start_without_its_marker_fails_the_test_and_the_tests_using_its_fixture(inner):
    result = inner.runpytest_subprocess("-p", "no:cacheprovider")
    outcomes = {
        report.split("::")[1].split(" ")[0]: report.split(" ")[0]
        for report in result.outlines
        if "::" in report and report.startswith(("PASSED", "ERROR", "FAILED"))
    }
    result.assert_outcomes(passed=7, errors=4)
    assert outcomes == {
        "test_kernel_unmarked": "ERROR",
        "test_browser_with_the_kernel_marker_only": "ERROR",
        "test_uses_the_server": "ERROR",
        "test_uses_the_server_again": "ERROR",
    }, outcomes
    result.stdout.fnmatch_lines(
        [
            "*test_kernel_unmarked started a kernel*add @pytest.mark.kernel*",
            "*test_browser_with_the_kernel_marker_only started a browser*add @pytest.mark.browser*",
        ]
    )


def test_record_starts_lists_what_each_test_started_and_fails_none(inner, tmp_path):
    record = tmp_path / "starts.json"
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", f"--record-starts={record}")
    result.assert_outcomes(passed=7)
    assert {node.split("::")[1]: kinds for node, kinds in json.loads(record.read_text()).items()} == {
        "test_kernel_unmarked": ["kernel"],
        "test_kernel_marked": ["kernel"],
        "test_browser_with_the_kernel_marker_only": ["browser"],
        "test_uses_the_server": ["kernel"],
        "test_uses_the_server_again": ["kernel"],
        "test_uses_the_server_marked": ["kernel"],
    }


def test_the_kernel_startup_file_and_the_chromium_script_write_their_line(tmp_path, monkeypatch):
    real = tmp_path / "real-chromium"
    real.write_text('#!/bin/sh\necho "real chromium $*"\n', encoding="utf-8")
    real.chmod(0o755)
    monkeypatch.setenv("WORKBOOKS_CHROMIUM", str(real))
    folder = tmp_path / "starts"
    folder.mkdir()
    log = StartsLog(folder)
    environment = {**os.environ, **_install(folder)}
    assert environment[LOG_ENV] == str(log.path)
    offset = log.offset()
    subprocess.run([sys.executable, "-c", KERNEL_STARTUP], env=environment, check=True, timeout=60)
    assert log.kinds_since(offset) == {"kernel"}
    offset = log.offset()
    shown = subprocess.run(
        [environment["WORKBOOKS_CHROMIUM"], "--headless", "it's"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert shown == "real chromium --headless it's\n"  # the real one ran, with the arguments as given
    assert log.kinds_since(offset) == {"browser"}
    startup = Path(environment["IPYTHONDIR"]) / "profile_default" / "startup"
    assert [path.name for path in startup.iterdir()] == ["00-record-kernel-start.py"]
