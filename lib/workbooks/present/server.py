"""``workbooks present``: Voila serving the workbooks' live views on this computer's loopback address.

One server for the three notebooks in notebooks/, rendered with the project's presenter template
(share/voila/templates/workbooks-presenter: only the live view and any failure shown, no code,
nothing from another host, large type). A landing page at / links the three. Each notebook is kept
rendered in a waiting kernel (Voila's kernel pool), so a page opens with its live view ready.

A second ``workbooks present`` on the same port finds the first (through its status address) and
says where it runs instead of failing; a port held by another program is an error naming the port.
Ctrl-C stops the server and shuts its kernels down.
"""
from __future__ import annotations

import json
import os
import socket
import urllib.request
from pathlib import Path

import tornado.web
from traitlets.config import Config
from voila.app import Voila

from ..catalogue import WORKBOOKS
from ..errors import PresenterError
from .landing import landing_page
from .views import VIEWS_FILE

HOST = "127.0.0.1"  # the loopback address only: nobody else on the network reaches the server
DEFAULT_PORT = 8866
TEMPLATE = "workbooks-presenter"
SHARE = Path(__file__).parent / "share"  # a Jupyter data folder: voila/templates/workbooks-presenter/
STATUS_PATH = "/workbooks-presenter/status.json"
APP_ID = "Integration Workbooks presenter mode"
POOL_SIZE = 1  # rendered kernels kept waiting per notebook; another starts as soon as one is taken


def url(port: int) -> str:
    return f"http://{HOST}:{port}/"


def port_is_free(port: int) -> bool:
    """Whether a server could listen on the port now (as Tornado would, reusing a closed socket's address)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def running_presenter(port: int, timeout: float = 3.0) -> dict | None:
    """The status of a presenter server on the port, or None when what listens there is not one."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}{STATUS_PATH}", timeout=timeout) as response:
            status = json.load(response)
    except (OSError, ValueError):
        return None
    return status if isinstance(status, dict) and status.get("app") == APP_ID else None


class _LandingHandler(tornado.web.RequestHandler):
    """The landing page, made on every visit: the prepared views file is read again each time."""

    def initialize(self, views_file: Path) -> None:
        self.views_file = views_file

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(landing_page(list(WORKBOOKS.values()), self.views_file))


class _StatusHandler(tornado.web.RequestHandler):
    def initialize(self, status: dict) -> None:
        self.status = status

    def get(self) -> None:
        self.write(self.status)


class PresenterApp(Voila):
    """Voila with the landing page at / (in place of its file list) and a status address."""

    presenter_status: dict = {}
    views_file: Path = VIEWS_FILE

    def init_handlers(self) -> list:
        return [
            (r"/", _LandingHandler, {"views_file": self.views_file}),
            (r"/voila/tree(?:/.*)?", tornado.web.RedirectHandler, {"url": "/"}),
            (STATUS_PATH, _StatusHandler, {"status": self.presenter_status}),
            *super().init_handlers(),
        ]


def voila_arguments(notebooks: Path, port: int, pool: bool) -> list[str]:
    arguments = [str(notebooks), f"--port={port}", f"--Voila.ip={HOST}", "--Voila.port_retries=0", "--no-browser",
                 f"--template={TEMPLATE}", "--show_tracebacks=True", "--Voila.log_level=WARN"]
    if pool:
        arguments += ["--preheat_kernel=True", f"--pool_size={POOL_SIZE}"]
    return arguments


def presenter_app(root: Path, port: int, pool: bool = True) -> PresenterApp:
    """The configured server for the project at ``root`` (not yet listening)."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE), os.environ.get("JUPYTER_PATH", "")]))
    os.environ["WORKBOOKS_ROOT"] = str(root)  # the kernels read the project's data wherever they start
    names = {notebook: workbook.name for notebook, workbook in WORKBOOKS.items()}
    app = PresenterApp(config=Config({"VoilaConfiguration": {"resources": {"workbook_names": names}}}))
    app.views_file = root / VIEWS_FILE
    app.presenter_status = {"app": APP_ID, "pid": os.getpid(), "root": str(root), "url": url(port)}
    app.initialize(voila_arguments(root / "notebooks", port, pool))
    return app


def serve(root: Path, port: int = DEFAULT_PORT, pool: bool = True) -> int:
    """Serve until Ctrl-C; 0 also when a presenter server already runs on the port."""
    if not port_is_free(port):
        status = running_presenter(port)
        if status:
            print(f"Presenter mode is already running at {status.get('url', url(port))} (process {status.get('pid')}, "
                  f"project {status.get('root')}). Open that address, or stop it with Ctrl-C where it runs.")
            return 0
        raise PresenterError(f"port {port} on {HOST} is taken by another program: choose another port, "
                             f"e.g. `make present PORT={port + 1}` or `workbooks present --port {port + 1}`")
    app = presenter_app(root, port, pool)
    print(f"Presenter mode: open {url(port)}\n"
          "The three workbooks are rendered in waiting kernels within a few seconds of start. "
          "Ctrl-C stops the server and its kernels.", flush=True)
    app.start()
    print("Presenter mode stopped.")
    return 0
