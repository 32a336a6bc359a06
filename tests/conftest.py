"""Shared fixtures: the project root, the stored pages, the hand-checked ground truth."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytest_plugins = ["starts_guard", "pytester"]  # the kernel and browser markers kept true; pytester tests the guard

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "data" / "raw" / "pages"
EXPECTED_TSV = Path(__file__).parent / "fixtures" / "hub_pages_expected.tsv"


def is_brief_kernel(process) -> bool:
    """Whether a process (psutil) is a brief's Jupyter kernel: started by jupyter_client (`-m ipykernel_launcher`), or
    forked by the kernels' fork server (publish/kernel_forks.py), whose command line it keeps."""
    import psutil

    def command(of) -> str:
        try:
            return " ".join(of.cmdline())
        except psutil.Error:  # ended, or a zombie
            return ""

    try:
        parent = process.parent()
    except psutil.Error:
        parent = None
    return "ipykernel" in command(process) or (
        parent is not None and "workbooks.publish.kernel_forks" in command(parent)
    )


def expected_rows(kind: str) -> list[dict]:
    with EXPECTED_TSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == kind]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the project's data (with pyproject.toml and an empty notebooks/) as the project root
    ($WORKBOOKS_ROOT and the working directory), for commands that write into data/."""
    import shutil

    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "data", copy / "data")
    (copy / "notebooks").mkdir()
    monkeypatch.setenv("WORKBOOKS_ROOT", str(copy))
    monkeypatch.chdir(copy)
    return copy


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    """Debian's chromium. Skips, saying why, where it is missing; fails instead under
    WORKBOOKS_REQUIRE_BROWSER=1 (as in CI, whose script installs it). No test downloads a browser."""
    import os
    import shutil

    binary = shutil.which("chromium")
    if binary is None:
        reason = "Debian chromium is not installed (apt-get install chromium); .ci/run installs it"
        if os.environ.get("WORKBOOKS_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def chromium(tmp_path_factory, chromium_binary):
    """A function running Debian's chromium headless with the given extra arguments."""
    import subprocess

    binary = chromium_binary

    def run(*arguments: str) -> subprocess.CompletedProcess:
        profile = tmp_path_factory.mktemp("chromium-profile")
        return subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    return run


@pytest.fixture(scope="session")
def briefs_run(tmp_path_factory) -> dict:
    """The briefs scenario (tests/briefs_scenario.py), run once for the integration and browser tests."""
    from briefs_scenario import run_briefs_scenario

    return run_briefs_scenario(tmp_path_factory)


class SharedPresenter:
    """Presenter mode (`workbooks present`, Voila) for every browser test that uses it: one server for the session
    (each start takes about 11 s on two cores, most of it rendering the kernel pool), on a copy of the project.
    :meth:`running` gives the server, started at the first test that asks and again after a test that stopped it;
    the tests that use it run after every other test, and those that stop it (marked ``stops_presenter``) last
    (:func:`pytest_collection_modifyitems`), so that it is started twice a session and no other test meets its
    kernels. At the session's end it is stopped as a presenter stops it (Ctrl-C), so that no kernel outlives it."""

    def __init__(self, tmp_path_factory) -> None:
        self.tmp_path_factory, self.current, self.logs = tmp_path_factory, None, []

    def running(self) -> dict:
        if self.current is None or self.current["server"].poll() is not None:
            self.current = self._start()
        return self.current

    def _start(self) -> dict:
        import os
        import subprocess
        import sys
        import time

        from workbooks.presenter.server import running_presenter

        root = served_project_copy(self.tmp_path_factory, "presenter")
        port = free_port()
        log_path = root / "present.log"
        log = log_path.open("w")
        self.logs.append(log)
        env = {key: value for key, value in os.environ.items() if key != "WORKBOOKS_ROOT"}
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "workbooks"), "present", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 300  # started, then every waiting kernel rendered (the ready line)
        while not (running_presenter(port, timeout=1) or {}).get("ready"):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("presenter mode did not get ready:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
        return {"port": port, "url": f"http://127.0.0.1:{port}/", "server": server, "root": root, "log": log_path}

    def stop(self) -> None:
        import signal

        server = self.current["server"] if self.current else None
        if server is not None and server.poll() is None:
            stop_server(server, wait=60, signum=signal.SIGINT)
        for log in self.logs:
            log.close()


@pytest.fixture(scope="session")
def shared_presenter(tmp_path_factory):
    shared = SharedPresenter(tmp_path_factory)
    yield shared
    shared.stop()


def pytest_collection_modifyitems(config, items):
    """The tests that use the shared presenter server run after every other test, in their order, and of them those
    that stop it run last (see :class:`SharedPresenter`): while it runs, its kernels are the test process's
    descendants, which the tests of the brief runner must not find left over."""

    def place(item) -> int:
        if item.get_closest_marker("stops_presenter"):
            return 2
        return 1 if "shared_presenter" in getattr(item, "fixturenames", ()) else 0

    items[:] = sorted(items, key=place)  # stable: each group keeps its order


def stop_server(server, wait: float = 20, signum: int | None = None) -> None:
    """A server process started by a test stopped: asked (SIGTERM, or ``signum``: SIGINT as a presenter's Ctrl-C),
    then killed if it has not gone within ``wait`` s."""
    import signal
    import subprocess

    server.send_signal(signal.SIGTERM if signum is None else signum)
    try:
        server.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=wait)


def free_port() -> int:
    """A port on the loopback address nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_project_copy(tmp_path_factory, name: str) -> Path:
    """A copy of what a server needs (pyproject.toml, notebooks/, data/, the presenter's prepared views),
    so nothing it does can touch the checkout: JupyterLab's autosave, a kernel's files."""
    import shutil

    root = tmp_path_factory.mktemp(name) / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "params").mkdir()
    shutil.copy(ROOT / "params" / "presenter_views.yaml", root / "params")
    return root


def write_sidecar(csv_path: Path, layout: str, illustrative: bool = False) -> Path:
    """The sidecar every table needs (NAME.meta.yaml beside NAME.csv), for a table a test writes."""
    import yaml

    sidecar = csv_path.with_name(csv_path.stem + ".meta.yaml")
    sidecar.write_text(
        yaml.safe_dump(
            {
                "title": f"Test table {csv_path.name}",
                "description": "Written by a test.",
                "layout": layout,
                "illustrative": illustrative,
                "provenance": "Written by a test.",
            }
        ),
        encoding="utf-8",
    )
    return sidecar
