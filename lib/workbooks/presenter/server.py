"""``workbooks present``: Voila serving the workbooks' live views on this computer's loopback address.

One server for the three notebooks in notebooks/, rendered with the project's presenter template
(share/voila/templates/workbooks-presenter: only the live view and any failure shown, no code,
nothing from another host, large type). A landing page at / links the three. Each notebook is kept
rendered in a waiting kernel (Voila's kernel pool), so a page opens with its live view ready.

A page gives its kernel back when it is left, reloaded or closed: Voila's page then posts its
shutdown request with the ``_xsrf`` token it reads from the cookie, and Voila's own server never sets
that cookie (voila-dashboards/voila#1458: refused with 403, every kernel kept); the page handler here
sets it. A tab that dies without a word (a crashed browser) leaves a kernel with no connection: the
server's culler shuts it down after CULL_IDLE_SECONDS; kernels waiting in the pool are never culled.

The terminal shows the address, the ready line and real errors: the warnings that came with every
page (an untrusted notebook, a kernel over TCP without encryption) are silenced at their source.

A second ``workbooks present`` on the same port finds the first (through its status address) and
says where it runs instead of failing; a port held by another program is an error naming the port.
Ctrl-C stops the server and shuts its kernels down.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import tornado.ioloop
import tornado.iostream
import tornado.web
import tornado.websocket
from jupyter_server.base.handlers import Template404
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.config import Config
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler

from ..presentation import PRESENTER_KERNEL
from ..workbook_specs import WORKBOOKS
from .landing import landing_page
from .listening import (  # noqa: F401 - port_is_free and running_presenter: the server's API, as tests and benchmarks use it
    APP_ID,
    DEFAULT_PORT,
    HOST,
    STATUS_PATH,
    already_running,
    port_is_free,
    running_presenter,
    starting_line,
    url,
)
from .views import VIEWS_FILE

TEMPLATE = "workbooks-presenter"
SHARE = Path(__file__).parent / "share"  # a Jupyter data folder: voila/templates/workbooks-presenter/
# Rendered kernels kept waiting per notebook; another starts as soon as one is taken. Two per notebook
# serve a reload or a second tab at once while the taken one is replaced (a kernel renders its notebook
# in 5 to 15 s on two cores); six kernels of about 180 MB each.
POOL_SIZE = 2
READY_WAIT_SECONDS = 300  # the ready line comes once every waiting kernel has rendered, or after this long
READY_CHECK_SECONDS = 0.5
# The safety net for a tab that dies without asking for its kernel to be shut down: a kernel out of the
# pool with no page connected and no activity for CULL_IDLE_SECONDS is shut down. A page holds a
# connection as long as it is open (however long it stays idle), and reconnects within seconds after a
# network hiccup, so a minute only catches pages that are gone; a kernel takes about 180 MB, so a
# minute also keeps a webinar's dead tabs from adding up. The culler looks every CULL_INTERVAL_SECONDS,
# so a dead tab's kernel is gone between 60 and 80 s after it died.
CULL_IDLE_SECONDS = 60
CULL_INTERVAL_SECONDS = 10
# Kernels reach the server over Unix sockets in the server's private connection folder where the
# system has them (no TCP port on the loopback address for another local user to listen to, and no
# "running over TCP without encryption" warning for every kernel); over TCP elsewhere (Windows).
KERNEL_TRANSPORT = "ipc" if os.name == "posix" else "tcp"
# Jupyter's notebook trust is about showing a notebook's stored HTML and scripts in JupyterLab; Voila
# runs the notebook and shows its fresh outputs, so "Notebook ... is not trusted" (a warning on every
# page) says nothing to a presenter. The contents manager logs to its own logger, errors only.
CONTENTS_LOG_LEVEL = logging.ERROR
# Tornado 6.5 reads the keep-alive ping times of Jupyter's websockets in seconds where Jupyter gives
# milliseconds, and warns on the first page ("The websocket_ping_timeout (90000) cannot be longer than
# ..."); Jupyter's own pings (in milliseconds) keep the pages connected. ZeroMQ's streams warn there too
# when a closed page's kernel sends a last message. Tornado's general logger shows errors only (an
# uncaught exception still shows); its access log (a refused or failed request) is left as it is.
TORNADO_GENERAL_LOG_LEVEL = logging.ERROR


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


class _RenderHandler(TornadoVoilaHandler):
    """Voila's page handler, setting the ``_xsrf`` cookie that the page's shutdown request carries.

    Voila's page, when left, posts /voila/api/shutdown/<kernel> with the token it reads from the
    ``_xsrf`` cookie; Voila's own server never sets that cookie, so the request was refused (403) and
    the kernel kept. The cookie is the usual double-submit token: a page from another site can neither
    read it nor set it, so the check still refuses a request from elsewhere."""

    async def prepare(self) -> None:
        await super().prepare()
        self.xsrf_token  # noqa: B018 (reading it sets the cookie on this response)


class PresenterKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager culling the kernels of pages that are gone (see CULL_IDLE_SECONDS).

    Voila's pool class is built on this one and skips the kernels waiting in the pool before asking
    here. A kernel that has just left the pool was idle while it waited, and its page connects a
    moment later: its idle time counts from when the culler first finds it out of the pool, so the
    page that took it is never left with a culled kernel."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._seen_out_of_pool: set[str] = set()

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if kernel_id not in self._kernels:  # shut down (its page asked) while the culler went down its list
            return
        self._seen_out_of_pool &= set(self._kernels)  # forget the kernels already shut down
        if kernel_id not in self._seen_out_of_pool:
            self._seen_out_of_pool.add(kernel_id)
            # jupyter_server's kernel managers set last_activity on each kernel at run time (jupyter_client's
            # KernelManager does not declare it; jupyter_server ignores the same error where it sets it)
            self.get_kernel(kernel_id).last_activity = datetime.now(timezone.utc)  # type: ignore[attr-defined]
            return
        await super().cull_kernel_if_idle(kernel_id)

    # the async managers' shutdown_kernel is a coroutine; mypy compares it with MultiKernelManager's, made synchronous
    # by run_sync (jupyter_client's AsyncMultiKernelManager ignores the same error where it declares it)
    async def shutdown_kernel(  # type: ignore[override]
        self, kernel_id: str, now: bool = False, restart: bool = False
    ) -> None:
        RequestInfoSocketHandler._cache.pop(kernel_id, None)  # the request Voila kept for a kernel that never asks
        await super().shutdown_kernel(kernel_id, now=now, restart=restart)


class _NotCulling(logging.Filter):
    """Drops the culler's notice (a warning): a dead tab's kernel shut down is not a presenter's concern."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Culling '%s' kernel")


class _OneLineErrors(logging.Filter):
    """A request that failed (a kernel that did not start in time, a page's channel to a kernel gone) is
    said in one line, its error's own words, not a traceback of tornado's and the server's frames."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage().splitlines()[0]}: {type(error).__name__}: {error}", ()
            record.exc_info, record.exc_text = None, None
        return True


ONE_LINE_ERRORS = _OneLineErrors()


class _NotPageNotFound(logging.Filter):
    """Drops the request log's line for an address no handler serves ("404 GET /xyz"): the page itself says so
    to whoever opened it, with a way back; the presenter's terminal is for what the page cannot say."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith("404 GET ")


NOT_PAGE_NOT_FOUND = _NotPageNotFound()


class _NotPageLeft(logging.Filter):
    """Drops asyncio's "Task exception was never retrieved" for a page's channel closed while its kernel still spoke
    to it (the page was left, reloaded or closed): the page is gone and nothing is lost; any other error stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, (tornado.websocket.WebSocketClosedError, tornado.iostream.StreamClosedError))


NOT_PAGE_LEFT = _NotPageLeft()


class PresenterApp(Voila):
    """Voila with the landing page at / (in place of its file list), a status address, pages that give
    their kernel back, and a quiet log."""

    presenter_status: dict = {}
    started: float = 0.0  # when the command started (time.monotonic): the ready line counts from it
    views_file: Path = VIEWS_FILE
    pool_size: int = POOL_SIZE

    def waiting_kernels(self) -> int:
        """How many kernels of the pool have rendered their notebook and wait for a page (Voila's pool
        entry is started, and its rendering task done)."""
        pools = getattr(self.kernel_manager, "_pools", {})
        started = [
            entry.result()
            for pool in pools.values()
            for entry in pool
            if entry.done() and not entry.cancelled() and entry.exception() is None
        ]
        return sum(1 for kernel in started if kernel.get("task") is not None and kernel["task"].done())

    async def say_when_ready(self) -> None:
        """The ready line, once every notebook's waiting kernels have rendered it (or after
        READY_WAIT_SECONDS, saying which are still rendering): a page opened then is ready at once."""
        wanted = self.pool_size * len(WORKBOOKS)
        started = self.started
        while self.waiting_kernels() < wanted and time.monotonic() - started < READY_WAIT_SECONDS:
            await asyncio.sleep(READY_CHECK_SECONDS)
        waiting = self.waiting_kernels()
        self.presenter_status["ready"] = True
        late = "" if waiting >= wanted else f" ({wanted - waiting} of the {wanted} waiting pages are still rendering)"
        print(
            f"Ready in {time.monotonic() - started:.0f} s: open {self.presenter_status['url']}{late}. "
            "Ctrl-C stops the server and its kernels.",
            flush=True,
        )

    def start(self) -> None:
        if self.pool_size:
            tornado.ioloop.IOLoop.current().add_callback(self.say_when_ready)
        else:
            self.presenter_status["ready"] = True
        super().start()

    def init_settings(self) -> dict:
        settings = super().init_settings()
        self.contents_manager.log = self.log.getChild("contents")
        self.contents_manager.log.setLevel(CONTENTS_LOG_LEVEL)
        logging.getLogger("tornado.general").setLevel(TORNADO_GENERAL_LOG_LEVEL)
        self.log.addFilter(_NotCulling())
        self.log.addFilter(NOT_PAGE_NOT_FOUND)  # the request log writes to the handler's log (the app's) or tornado's
        logging.getLogger("tornado.access").addFilter(NOT_PAGE_NOT_FOUND)
        logging.getLogger("tornado.application").addFilter(ONE_LINE_ERRORS)
        logging.getLogger("asyncio").addFilter(NOT_PAGE_LEFT)  # a write to a page's channel after the page left
        # every handler's error page from the presenter template (its error.html): the server's own pages
        # ask for a static path Voila does not set, and fail again, with a second traceback
        settings["jinja2_env"] = settings["voila_jinja2_env"]
        # an address no handler serves (a mistyped link) gets that page too, saying so, with a way back (tornado's
        # own is a bare "404: Not Found")
        settings["default_handler_class"] = Template404
        return settings

    def init_handlers(self) -> list:
        voila = [
            (route, _RenderHandler if handler is TornadoVoilaHandler else handler, *rest)
            for route, handler, *rest in super().init_handlers()
        ]
        return [
            (r"/", _LandingHandler, {"views_file": self.views_file}),
            (r"/voila/tree(?:/.*)?", tornado.web.RedirectHandler, {"url": "/"}),
            (STATUS_PATH, _StatusHandler, {"status": self.presenter_status}),
            *voila,
        ]


def voila_arguments(notebooks: Path, port: int, pool: bool) -> list[str]:
    arguments = [
        str(notebooks),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",
        "--no-browser",
        f"--template={TEMPLATE}",
        "--show_tracebacks=True",
        "--Voila.log_level=WARN",
    ]
    if pool:
        arguments += ["--preheat_kernel=True", f"--pool_size={POOL_SIZE}"]
    return arguments


# Voila keeps waiting kernels for every notebook in notebooks/; presenter mode presents the workbooks only, so
# any other notebook there (the review workbench) is left out of the pool: no kernel runs it unless opened. Voila
# matches the pattern from the start of each notebook's full path
NOT_PRESENTED = r"^(?!(?:.*/)?(?:" + "|".join(re.escape(notebook) for notebook in WORKBOOKS) + r")\.ipynb$)"


def presenter_config() -> Config:
    """Voila's, its kernel manager's and the kernels' settings for presenter mode."""
    names = {notebook: workbook.name for notebook, workbook in WORKBOOKS.items()}
    return Config(
        {
            "VoilaConfiguration": {
                "resources": {"workbook_names": names},
                "multi_kernel_manager_class": PresenterKernelManager,
            },
            "KernelManager": {"transport": KERNEL_TRANSPORT},
            "VoilaKernelManager": {"preheat_denylist": [NOT_PRESENTED]},
            # an open page, however idle, keeps its kernel; a kernel redrawing is not idle
            "MappingKernelManager": {
                "cull_idle_timeout": CULL_IDLE_SECONDS,
                "cull_interval": CULL_INTERVAL_SECONDS,
                "cull_connected": False,
                "cull_busy": False,
            },
        }
    )


def presenter_app(root: Path, port: int, pool: bool = True) -> PresenterApp:
    """The configured server for the project at ``root`` (not yet listening)."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE), os.environ.get("JUPYTER_PATH", "")]))
    os.environ["WORKBOOKS_ROOT"] = str(root)  # the kernels read the project's data wherever they start
    os.environ[PRESENTER_KERNEL] = "1"  # the presenter page sends a typed date once the keys stop (its template)
    app = PresenterApp(config=presenter_config())
    app.views_file = root / VIEWS_FILE
    app.pool_size = POOL_SIZE if pool else 0
    app.presenter_status = {"app": APP_ID, "pid": os.getpid(), "root": str(root), "url": url(port), "ready": False}
    app.initialize(voila_arguments(root / "notebooks", port, pool))
    return app


def serve(
    root: Path, port: int = DEFAULT_PORT, pool: bool = True, started: float | None = None, announced: bool = False
) -> int:
    """Serve until Ctrl-C; 0 also when a presenter server already runs on the port. ``started``: when the
    command started (time.monotonic), which the ready line counts from; ``announced``: the command has
    printed :func:`starting_line` already."""
    if already_running(port):
        return 0
    if not announced:
        print(starting_line(port), flush=True)
    app = presenter_app(root, port, pool)
    app.started = time.monotonic() if started is None else started
    app.start()
    print("Presenter mode stopped.")
    return 0
