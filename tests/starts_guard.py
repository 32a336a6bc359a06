"""Keeps the `kernel` and `browser` markers true: every Jupyter kernel and every chromium the tests start,
in this process or in any process below it (a `workbooks run`, Voila, JupyterLab, a Papermill worker), is
recorded, and a test that started one, or uses a fixture that did, without the marker fails.

How it sees them: for the session, $IPYTHONDIR points at a profile whose startup file writes a line into
a log as each IPython kernel starts, and `chromium` (on $PATH, and $WORKBOOKS_CHROMIUM where set) is a
small script that writes a line, then runs the real browser. Each test's share of the log is what was
written between the start of its set-up and the end of its tear-down.

``--record-starts=FILE`` writes, instead of failing, what each test started (JSON: node id -> kinds),
to find the tests to mark."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

KINDS = ("kernel", "browser")  # the marker each kind of start asks for
LOG_ENV = "WORKBOOKS_TEST_STARTS"

KERNEL_STARTUP = f"""import os
if os.environ.get({LOG_ENV!r}):
    with open(os.environ[{LOG_ENV!r}], "a", encoding="utf-8") as log:
        log.write("kernel %d\\n" % os.getpid())
"""

BROWSER_SHIM = """#!/bin/sh
[ -n "${log}" ] && echo "browser $$" >> "${log}"
exec {real} "$@"
"""


class StartsLog:
    """The log every kernel and browser start writes a line to, read by offset."""

    def __init__(self, folder: Path):
        self.path = folder / "starts.log"
        self.path.touch()

    def offset(self) -> int:
        return self.path.stat().st_size

    def kinds_since(self, offset: int) -> set[str]:
        with self.path.open(encoding="utf-8") as log:
            log.seek(offset)
            return {line.split()[0] for line in log.read().splitlines() if line.strip()}


def _install(folder: Path) -> dict[str, str]:
    """The session's environment for the recording: the IPython profile and the chromium script."""
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-record-kernel-start.py").write_text(KERNEL_STARTUP, encoding="utf-8")
    environment = {"IPYTHONDIR": str(folder / "ipython"), LOG_ENV: str(folder / "starts.log")}
    shims = folder / "bin"
    shims.mkdir()
    for name, real in (
        ("chromium", shutil.which("chromium")),
        ("chromium-from-env", os.environ.get("WORKBOOKS_CHROMIUM")),
    ):
        if real:
            shim = shims / name
            shim.write_text(
                BROWSER_SHIM.replace("{log}", LOG_ENV).replace("{real}", _shell_quote(real)), encoding="utf-8"
            )
            shim.chmod(0o755)
    environment["PATH"] = f"{shims}{os.pathsep}{os.environ.get('PATH', '')}"
    if (shims / "chromium-from-env").exists():
        environment["WORKBOOKS_CHROMIUM"] = str(shims / "chromium-from-env")
    return environment


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def pytest_addoption(parser):
    parser.addoption(
        "--record-starts",
        metavar="FILE",
        default=None,
        help="write what each test started (kernel, browser) to FILE as JSON instead of failing "
        "tests that start one without its marker",
    )


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="workbooks-test-starts-"))
    config._starts = {"folder": folder, "log": StartsLog(folder), "saved": {}, "fixtures": {}, "tests": {}}
    for key, value in _install(folder).items():
        config._starts["saved"][key] = os.environ.get(key)
        os.environ[key] = value


def pytest_unconfigure(config):
    starts = getattr(config, "_starts", None)
    if starts is None:
        return
    for key, value in starts["saved"].items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    record = config.getoption("--record-starts")
    if record:
        Path(record).write_text(json.dumps(starts["tests"], indent=1, sort_keys=True), encoding="utf-8")
    shutil.rmtree(starts["folder"], ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    starts = request.config._starts
    offset = starts["log"].offset()
    try:
        return (yield)
    finally:
        kinds = starts["log"].kinds_since(offset)
        if kinds:
            starts["fixtures"].setdefault(fixturedef, set()).update(kinds)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    item._starts_offset = item.config._starts["log"].offset()
    return (yield)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    starts = item.config._starts
    kinds = starts["log"].kinds_since(getattr(item, "_starts_offset", starts["log"].offset()))
    for definitions in item._fixtureinfo.name2fixturedefs.values():  # every fixture it uses (the one it sees of a name)
        kinds |= starts["fixtures"].get(definitions[-1], set())
    if item.config.getoption("--record-starts"):
        if kinds:
            starts["tests"][item.nodeid] = sorted(kinds)
        return result
    missing = [kind for kind in KINDS if kind in kinds and item.get_closest_marker(kind) is None]
    if missing:
        pytest.fail(
            f"{item.nodeid} started a {' and a '.join(missing)} (itself or through a fixture) without "
            f"the marker: add @pytest.mark.{', @pytest.mark.'.join(missing)} (tests/starts_guard.py)",
            pytrace=False,
        )
    return result
