"""Presenter mode's pieces without a browser: the landing page, the port check, the template and
the live view's heading. The browser tests (tests/browser/test_presenter.py) drive the whole."""

from __future__ import annotations

import os
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from workbooks.errors import PresenterError, TableError
from workbooks.presentation import PRESENTER_KERNEL
from workbooks.presentation.page import SourceLink, live_heading_html
from workbooks.presenter import server
from workbooks.presenter.landing import landing_page
from workbooks.workbook_specs import WORKBOOKS

TEMPLATE_DIR = server.SHARE / "voila" / "templates" / server.TEMPLATE


def test_the_landing_page_links_each_workbook_with_its_line():
    page = landing_page(list(WORKBOOKS.values()))
    for workbook in WORKBOOKS.values():
        assert f'href="voila/render/{workbook.notebook}.ipynb"' in page and workbook.name in page
    assert "<script" not in page and not re.search(r"(src|href)=\"(https?:)?//", page)


def test_the_landing_page_escapes_what_it_shows():
    from workbooks.workbook_specs import Workbook

    page = landing_page([Workbook("x", "<b>Name</b>", "shows <script>alert(1)</script>", "x.inputs:load", (), ())])
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Name" in page


def test_the_presenter_template_loads_nothing_from_another_host():
    for path in TEMPLATE_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path.name
    index = (TEMPLATE_DIR / "index.html.j2").read_text(encoding="utf-8")
    assert "{%- extends 'lab/index.html.j2' -%}" in index and '"live" in tags' in index
    assert "html_head_js_mermaidjs" in index  # the block that would load Mermaid from a CDN, emptied


def _listening_socket():
    listener = socket.socket()
    listener.bind((server.HOST, 0))
    listener.listen()
    return listener


def test_a_port_in_use_is_not_free():
    with _listening_socket() as listener:
        assert not server.port_is_free(listener.getsockname()[1])
    with socket.socket() as probe:
        probe.bind((server.HOST, 0))
        free = probe.getsockname()[1]
    assert server.port_is_free(free)


def test_a_port_held_by_another_program_is_an_error_naming_it():
    with _listening_socket() as listener:
        port = listener.getsockname()[1]
        with pytest.raises(PresenterError, match=f"port {port} on 127.0.0.1 is taken by another program"):
            server.serve(Path("."), port=port)


class _OtherServer(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"app": "something else"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_another_web_server_on_the_port_is_not_taken_for_a_presenter():
    httpd = HTTPServer((server.HOST, 0), _OtherServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        assert server.running_presenter(httpd.server_address[1], timeout=3) is None
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_voila_is_told_the_loopback_address_the_port_and_no_retries():
    arguments = server.voila_arguments(Path("notebooks"), 9001, pool=True)
    assert "--Voila.ip=127.0.0.1" in arguments and "--port=9001" in arguments
    assert "--Voila.port_retries=0" in arguments and f"--template={server.TEMPLATE}" in arguments
    assert "--preheat_kernel=True" in arguments
    assert "--preheat_kernel=True" not in server.voila_arguments(Path("n"), 9001, pool=False)


def test_the_live_heading_escapes_and_links_only_web_sources():
    html = live_heading_html(
        "T <i>",
        "shows <b>",
        [SourceLink("Page <x>", "https://example.org/a?b=1&c=2"), SourceLink("Local", "javascript:alert(1)")],
        illustrative=True,
    )
    assert "&lt;i&gt;" in html and "&lt;b&gt;" in html and "Page &lt;x&gt;" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and "javascript:" not in html
    assert "ILLUSTRATIVE DATA" in html and "Sources (2)" in html
    assert "ILLUSTRATIVE" not in live_heading_html("T", "s", [], illustrative=False)
    assert "Sources" not in live_heading_html("T", "s", [], illustrative=False)


def test_a_project_error_shows_in_a_notebook_as_its_message_not_a_traceback():
    error = TableError("data/x.csv", ["line 3, column 'as_of': not a date"])
    assert error._render_traceback_() == ["TableError: data/x.csv: line 3, column 'as_of': not a date"]


def _kernel(idle_seconds: float):
    """A stand-in for a running kernel as Jupyter's culler sees it: idle for ``idle_seconds``."""
    from datetime import datetime, timedelta, timezone
    from types import SimpleNamespace

    return SimpleNamespace(
        execution_state="idle",
        kernel_name="integration-workbooks",
        kernel_spec=SimpleNamespace(metadata={}),
        last_activity=datetime.now(timezone.utc) - timedelta(seconds=idle_seconds),
    )


def _pooled_manager(tmp_path):
    """Voila's pool manager built on presenter mode's, with presenter mode's settings, over a folder
    without notebooks (so it starts no kernel), its shutdowns recorded instead of made."""
    import asyncio

    from traitlets import Unicode
    from traitlets.config import LoggingConfigurable
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    class Parent(LoggingConfigurable):
        root_dir = Unicode(str(tmp_path))
        notebook_path = None

    manager_class = voila_kernel_manager_factory(server.PresenterKernelManager, True, server.POOL_SIZE)
    manager = manager_class(parent=Parent(), config=server.presenter_config())
    manager.shut = []

    async def shutdown_kernel(kernel_id, *args, **kwargs):
        manager.shut.append(kernel_id)
        del manager._kernels[kernel_id]

    manager.shutdown_kernel = shutdown_kernel
    waiting = asyncio.Future(loop=asyncio.new_event_loop())
    waiting.set_result({"kernel_id": "waiting"})
    manager._pools = {"timeline_progress.ipynb": [waiting]}
    return manager


def test_the_pool_keeps_kernels_for_the_workbooks_only(tmp_path):
    """Another notebook in notebooks/ (the review workbench) gets no waiting kernel: the pool is for the views
    presented, and the ready line counts those."""
    manager = _pooled_manager(tmp_path)
    for folder in (tmp_path / "notebooks", Path()):  # Voila filters each notebook's full path
        assert [manager._notebook_filter(folder / f"{name}.ipynb") for name in WORKBOOKS] == [True] * len(WORKBOOKS)
        assert not manager._notebook_filter(folder / "review_workbench.ipynb")
        assert not manager._notebook_filter(folder / "my_timeline_progress.ipynb")


def test_the_culler_frees_a_gone_pages_kernel_and_never_an_open_pages_or_the_pools(tmp_path):
    import asyncio

    manager = _pooled_manager(tmp_path)
    assert (manager.cull_idle_timeout, manager.cull_interval) == (
        server.CULL_IDLE_SECONDS,
        server.CULL_INTERVAL_SECONDS,
    )
    assert not manager.cull_connected and not manager.cull_busy
    hour = 3600
    manager._kernels = {"waiting": _kernel(hour), "gone": _kernel(hour), "open": _kernel(hour)}
    manager._kernel_connections = {"waiting": 0, "gone": 0, "open": 1}

    asyncio.run(manager.cull_kernels())  # first seen out of the pool: its page may be connecting now
    assert manager.shut == []
    asyncio.run(manager.cull_kernels())  # idle time counts from then: not yet
    assert manager.shut == []

    for kernel_id in ("gone", "open"):
        manager._kernels[kernel_id] = _kernel(server.CULL_IDLE_SECONDS - 1)
    asyncio.run(manager.cull_kernels())
    assert manager.shut == []  # a second short of the bound

    for kernel_id in ("gone", "open"):
        manager._kernels[kernel_id] = _kernel(server.CULL_IDLE_SECONDS + 1)
    asyncio.run(manager.cull_kernels())
    assert manager.shut == ["gone"]  # the open page's kernel and the pool's, idle an hour, stay
    assert set(manager._kernels) == {"waiting", "open"}


def test_a_busy_kernel_is_not_culled(tmp_path):
    import asyncio

    manager = _pooled_manager(tmp_path)
    manager._kernels = {"redrawing": _kernel(3600)}
    manager._kernel_connections = {"redrawing": 0}
    asyncio.run(manager.cull_kernels())
    manager._kernels["redrawing"] = _kernel(server.CULL_IDLE_SECONDS + 1)
    manager._kernels["redrawing"].execution_state = "busy"
    asyncio.run(manager.cull_kernels())
    assert manager.shut == []


def test_a_kernel_its_page_shut_down_while_the_culler_went_down_its_list_is_passed_over(tmp_path):
    """The culler lists the kernels, then looks at each in turn; a page's request may shut one down in
    between. Jupyter's culler would log that as an error with a traceback in the presenter's terminal."""
    import asyncio

    manager = _pooled_manager(tmp_path)
    manager._kernels, manager._kernel_connections = {}, {}
    asyncio.run(manager.cull_kernel_if_idle("shut-down-meanwhile"))
    assert manager.shut == []


@pytest.fixture()
def presenter_app(tmp_path, monkeypatch):
    """Presenter mode's Voila application for a folder with a notebook, configured, without kernel pool
    (so it starts no kernel) and not listening; what it changes in the process undone afterwards."""
    import logging
    import signal

    monkeypatch.setenv("JUPYTER_PATH", os.environ.get("JUPYTER_PATH", ""))
    monkeypatch.setenv("WORKBOOKS_ROOT", str(tmp_path))
    monkeypatch.setenv(PRESENTER_KERNEL, "")  # presenter_app sets it for its kernels: undone afterwards (a delenv of an
    # unset variable records nothing to undo)
    (tmp_path / "notebooks").mkdir()
    tornado_general = logging.getLogger("tornado.general")
    level, sigterm = tornado_general.level, signal.getsignal(signal.SIGTERM)
    app = server.presenter_app(tmp_path, 9001, pool=False)
    app.connection_dir = str(tmp_path)
    app.init_settings()
    yield app
    tornado_general.setLevel(level)
    signal.signal(signal.SIGTERM, sigterm)


def test_the_page_handler_is_the_one_that_sets_the_xsrf_cookie(presenter_app):
    from voila.tornado.handler import TornadoVoilaHandler

    handlers = {route: handler for route, handler, *_ in presenter_app.init_handlers()}
    assert handlers["/voila/render/(.*)"] is server._RenderHandler
    assert issubclass(server._RenderHandler, TornadoVoilaHandler)
    assert TornadoVoilaHandler not in handlers.values()


def test_the_kernels_talk_over_unix_sockets_and_are_culled_by_presenter_modes_manager(presenter_app):
    manager = presenter_app.kernel_manager
    assert isinstance(manager, server.PresenterKernelManager)
    assert manager.cull_idle_timeout == server.CULL_IDLE_SECONDS
    kernel = manager.kernel_manager_factory(parent=manager, log=manager.log, kernel_name="python3")
    assert kernel.transport == "ipc" == server.KERNEL_TRANSPORT


def test_the_log_keeps_real_errors_and_drops_the_per_page_warnings(presenter_app):
    import logging

    contents = presenter_app.contents_manager.log
    assert contents.isEnabledFor(logging.ERROR) and not contents.isEnabledFor(logging.WARNING)
    assert contents.parent is presenter_app.log  # its errors go where the server's go
    tornado_general = logging.getLogger("tornado.general")
    assert tornado_general.isEnabledFor(logging.ERROR) and not tornado_general.isEnabledFor(logging.WARNING)

    def record(level, msg, *args):
        return logging.LogRecord(presenter_app.log.name, level, __file__, 1, msg, args, None)

    assert not presenter_app.log.filter(
        record(
            logging.WARNING,
            "Culling '%s' kernel '%s' (%s) with %d connections due to %s seconds of inactivity.",
            "idle",
            "k",
            "id",
            0,
            70,
        )
    )
    assert presenter_app.log.filter(record(logging.ERROR, "Kernel %s died", "id"))
    assert presenter_app.log.isEnabledFor(logging.ERROR)


def test_a_failed_request_shows_the_templates_own_error_page_and_one_line_in_the_terminal(presenter_app):
    """A page's channel to a kernel that never came alive (a loaded machine) or is gone: the server's own error
    page needed a static path Voila does not set and failed again, with some 380 lines of tracebacks."""
    import logging
    import sys

    env = presenter_app.init_settings()["jinja2_env"]
    with pytest.raises(Exception):  # the server asks for NNN.html, then error.html
        env.get_template("500.html")
    page = env.get_template("error.html").render(
        status_code=500,
        status_message="Internal Server Error",
        message="Kernel never reached an 'alive' state.",
        base_url="/",
    )
    assert "This page could not open" in page and "reload the page" in page and "Kernel never reached" in page
    assert "https://" not in page and "http://" not in page  # nothing from another host
    assert "No such page in presenter mode" in env.get_template("404.html").render(status_code=404, base_url="/")

    try:
        raise TimeoutError("Kernel never reached an 'alive' state.")
    except TimeoutError:
        failed = logging.LogRecord(
            "tornado.application",
            logging.ERROR,
            __file__,
            1,
            "Uncaught exception GET %s\n%r",
            ("/api/kernels/k/channels", "HTTPServerRequest(...)"),
            sys.exc_info(),
        )
    assert logging.getLogger("tornado.application").filter(failed)
    assert logging.Formatter().format(failed) == (
        "Uncaught exception GET /api/kernels/k/channels: TimeoutError: Kernel never reached an 'alive' state."
    )


def test_the_command_says_where_presenter_mode_starts_before_loading_voila(monkeypatch, capsys):
    """The first line comes before Voila loads (seconds of silence on a busy machine), and the ready line counts
    from the command's start, not from when the server was built."""
    import time

    from workbooks import cli

    called = {}

    def serve(root, port, pool, started, announced):
        called.update(said=capsys.readouterr().out, started=started, announced=announced)
        return 0

    monkeypatch.setattr(server, "serve", serve)
    monkeypatch.setattr("workbooks.presenter.listening.already_running", lambda port: False)
    before = time.monotonic()
    assert cli.main(["present", "--port", "8999"]) == 0
    assert called["said"] == server.starting_line(8999) + "\n" and called["announced"] is True
    assert called["said"].startswith("Presenter mode at http://127.0.0.1:8999/: starting")
    assert before <= called["started"] <= time.monotonic()


def test_a_write_to_a_page_that_left_is_not_a_traceback_in_the_terminal_and_other_errors_stay():
    import logging
    import sys

    import tornado.iostream
    import tornado.websocket

    from workbooks.presenter.server import NOT_PAGE_LEFT

    def record_of(error: BaseException) -> logging.LogRecord:
        try:
            raise error
        except BaseException:
            info = sys.exc_info()
        return logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "Task exception was never retrieved", (), info)

    assert not NOT_PAGE_LEFT.filter(record_of(tornado.websocket.WebSocketClosedError()))
    assert not NOT_PAGE_LEFT.filter(record_of(tornado.iostream.StreamClosedError()))
    assert NOT_PAGE_LEFT.filter(record_of(ValueError("a real fault")))
    assert NOT_PAGE_LEFT.filter(logging.LogRecord("asyncio", logging.WARNING, __file__, 1, "slow callback", (), None))
