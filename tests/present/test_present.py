"""Presenter mode's pieces without a browser: the landing page, the port check, the template and
the live view's heading. The browser tests (tests/browser/test_presenter.py) drive the whole."""
from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from workbooks.catalogue import WORKBOOKS
from workbooks.errors import PresenterError, TableError
from workbooks.present import server
from workbooks.present.landing import landing_page
from workbooks.presentation.page import SourceLink, live_heading_html

TEMPLATE_DIR = server.SHARE / "voila" / "templates" / server.TEMPLATE


def test_the_landing_page_links_each_workbook_with_its_line():
    page = landing_page(list(WORKBOOKS.values()))
    for workbook in WORKBOOKS.values():
        assert f'href="voila/render/{workbook.notebook}.ipynb"' in page and workbook.name in page
    assert "<script" not in page and not re.search(r"(src|href)=\"(https?:)?//", page)


def test_the_landing_page_escapes_what_it_shows():
    from workbooks.catalogue import Workbook

    page = landing_page([Workbook("x", "<b>Name</b>", "shows <script>alert(1)</script>", "x.inputs:load", ())])
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
    html = live_heading_html("T <i>", "shows <b>", [SourceLink("Page <x>", "https://example.org/a?b=1&c=2"),
                                                    SourceLink("Local", "javascript:alert(1)")], illustrative=True)
    assert "&lt;i&gt;" in html and "&lt;b&gt;" in html and "Page &lt;x&gt;" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and "javascript:" not in html
    assert "ILLUSTRATIVE DATA" in html and "Sources (2)" in html
    assert "ILLUSTRATIVE" not in live_heading_html("T", "s", [], illustrative=False)
    assert "Sources" not in live_heading_html("T", "s", [], illustrative=False)


def test_a_project_error_shows_in_a_notebook_as_its_message_not_a_traceback():
    error = TableError("data/x.csv", ["line 3, column 'as_of': not a date"])
    assert error._render_traceback_() == ["TableError: data/x.csv: 1 problem(s)\n  line 3, column 'as_of': not a date"]
