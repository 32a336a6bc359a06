"""`make lab` (`workbooks lab`): JupyterLab with the project's root in its file browser, opening on
notebooks/, as root too, a browser only where there is a display; and a real server started the way
`make lab` starts it, in a copy of the project, asked over its API what its file browser holds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, served_project_copy, stop_server
from workbooks.lab import LAUNCH_LAB, has_display, lab_command, opening_words


def test_the_file_browser_is_the_project_root_and_opens_on_the_notebooks(tmp_path):
    command = lab_command("/venv/bin/python", tmp_path, port=8890)
    assert command[:3] == ["/venv/bin/python", "-c", LAUNCH_LAB] and "jupyterlab.labapp import main" in LAUNCH_LAB
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in command
    assert "--LabApp.default_url=/lab/tree/notebooks" in command
    assert "--ServerApp.port=8890" in command and "--ServerApp.ip=127.0.0.1" in command
    assert not [argument for argument in command if argument.startswith(str(tmp_path / "notebooks"))]  # not its root


@pytest.mark.parametrize("as_root", [True, False])
def test_allow_root_is_passed_as_root_and_only_then(tmp_path, as_root):
    assert ("--allow-root" in lab_command("jupyter", tmp_path, as_root=as_root)) is as_root


@pytest.mark.parametrize(
    "environ, platform, shown",
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"DISPLAY": ""}, "linux", False),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_a_browser_is_opened_only_where_there_is_a_display(environ, platform, shown):
    assert has_display(environ, platform) is shown


@pytest.mark.parametrize("open_browser", [True, False])
def test_the_browser_is_opened_as_decided(tmp_path, open_browser):
    assert f"--ServerApp.open_browser={open_browser}" in lab_command("jupyter", tmp_path, open_browser=open_browser)


def test_the_first_line_says_what_is_served_and_why_no_browser_opens(tmp_path):
    headless = opening_words(tmp_path, False, None, as_root=True)
    assert headless.startswith(
        f"JupyterLab on {tmp_path.resolve()}: its file browser holds data/ (with data/templates/)"
    )
    assert "Jupyter is told --allow-root" in headless
    assert "no browser is opened (no display here: `make lab OPEN=1` opens one)" in headless
    assert "(asked)" in opening_words(tmp_path, False, False, as_root=False)
    assert "no browser" not in opening_words(tmp_path, True, None, as_root=False)
    assert "root" not in opening_words(tmp_path, True, None, as_root=False).split(":", 1)[1]


def test_make_lab_runs_workbooks_lab_with_its_port_address_and_browser_choice():
    made = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "setup", "lab", "LAB_PORT=8899", "OPEN=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert made.strip() == ".venv/bin/workbooks lab --port 8899 --ip 127.0.0.1 --open"
    quiet = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "setup", "lab", "OPEN=0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert quiet.strip().endswith("--port 8888 --ip 127.0.0.1 --no-open")


@pytest.mark.integration
@pytest.mark.kernel
def test_workbooks_lab_serves_the_project_root_as_root_too_and_prints_the_address(tmp_path_factory):
    root = served_project_copy(tmp_path_factory, "lab-root")
    port = free_port()
    log = root / "lab.log"
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "WORKBOOKS_ROOT")
    }  # a headless machine
    environment["JUPYTER_CONFIG_DIR"] = str(root / ".jupyter")
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "workbooks"), "lab", "--port", str(port)],
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline, address = time.monotonic() + 120, None
        while address is None:
            found = re.search(rf"http://127\.0\.0\.1:{port}/lab/tree/notebooks\?token=(\w+)", log.read_text())
            if found:
                address = found
            elif server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterLab did not print its address:\n" + log.read_text()[-3000:])
            else:
                time.sleep(0.5)
        printed = log.read_text()
        assert printed.splitlines()[0].startswith(f"JupyterLab on {root.resolve()}: its file browser holds data/")
        assert "no browser is opened (no display here" in printed
        assert "Warning" not in printed and "deprecated" not in printed  # nothing the researcher cannot act on
        if os.geteuid() == 0:  # as in most containers: it started, being told --allow-root
            assert "Jupyter is told --allow-root" in printed
        token = address.group(1)

        def listed(folder: str) -> set[str]:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/contents/{folder}?token={token}", timeout=10
            ) as answer:
                return {entry["name"] for entry in json.load(answer)["content"]}

        assert {"data", "notebooks", "params"} <= listed("")
        assert {"comments.template.csv", "comments.template.meta.yaml", "practices.template.csv"} <= listed(
            "data/templates"
        )
        assert "consultation_inputs.ipynb" in listed("notebooks")
        with urllib.request.urlopen(address.group(0), timeout=10) as page:  # the address printed opens Lab
            assert page.status == 200
        # a kernel of the project runs code, and its start prints nothing the researcher cannot act on (over TCP,
        # ipykernel warns of plain-text traffic at every start: the kernels here use local sockets)
        assert _run_in_a_kernel(port, token, "print(40 + 2)") == "42"
        assert "running over TCP" not in log.read_text() and "Warning" not in log.read_text()
    finally:
        stop_server(server)


def _run_in_a_kernel(port: int, token: str, code: str) -> str:
    """Start the project's kernel through the server's API and run ``code`` over its websocket, as Lab does: what
    it printed."""
    import asyncio
    import uuid

    from tornado.websocket import websocket_connect

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/kernels?token={token}",
        method="POST",
        data=json.dumps({"name": "integration-workbooks"}).encode(),
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        kernel = json.load(answer)["id"]

    async def run() -> str:
        socket = await websocket_connect(f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels?token={token}")
        header = {
            "msg_id": uuid.uuid4().hex,
            "username": "test",
            "session": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "version": "5.3",
        }
        await socket.write_message(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "buffers": [],
                    "channel": "shell",
                    "content": {"code": code, "silent": False},
                }
            )
        )
        while True:
            message = json.loads(await asyncio.wait_for(socket.read_message(), 120))
            if message.get("msg_type") == "stream":
                socket.close()
                return message["content"]["text"].strip()

    return asyncio.run(run())
