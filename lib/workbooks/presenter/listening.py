"""Where presenter mode listens and whether it already runs there, without loading Voila: a second
``workbooks present`` answers at once with where the first one runs."""

from __future__ import annotations

import json
import socket
import urllib.request

from ..errors import PresenterError

HOST = "127.0.0.1"  # the loopback address only: nobody else on the network reaches the server
DEFAULT_PORT = 8866
STATUS_PATH = "/workbooks-presenter/status.json"
APP_ID = "Integration Workbooks presenter mode"


def url(port: int) -> str:
    return f"http://{HOST}:{port}/"


def starting_line(port: int) -> str:
    """The terminal's first line: printed by the command before Voila loads (seconds on a busy machine)."""
    return (
        f"Presenter mode at {url(port)}: starting, then rendering the three workbooks for the pages to come; "
        "the ready line follows."
    )


def port_is_free(port: int) -> bool:
    """Whether a server could listen on the port now (as Tornado would, reusing a closed socket's address)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def running_presenter(port: int, timeout: float = 1.5) -> dict | None:
    """The status of a presenter server on the port, or None when what listens there is not one."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}{STATUS_PATH}", timeout=timeout) as response:
            status = json.load(response)
    except (OSError, ValueError):
        return None
    return status if isinstance(status, dict) and status.get("app") == APP_ID else None


def already_running(port: int) -> bool:
    """True, having said where, when presenter mode already runs on the port; False when the port is
    free; a PresenterError naming the port when another program holds it."""
    if port_is_free(port):
        return False
    status = running_presenter(port)
    if status:
        print(
            f"Presenter mode is already running at {status.get('url', url(port))} (process {status.get('pid')}, "
            f"project {status.get('root')}). Open that address, or stop it with Ctrl-C where it runs."
        )
        return True
    raise PresenterError(
        f"port {port} on {HOST} is taken by another program: choose another port, "
        f"e.g. `make present PORT={port + 1}` or `workbooks present --port {port + 1}`"
    )
