"""Printing a brief: a clear error without a browser, and a browser that hangs is stopped."""

import re
import stat

import psutil
import pytest

from workbooks.errors import RunnerError
from workbooks.publish import pdf


def _fake_browser(tmp_path, script: str):
    browser = tmp_path / "fake-chromium"
    browser.write_text("#!/bin/sh\n" + script)
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    return browser


def test_missing_browser_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(pdf.BROWSER_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(RunnerError, match="chromium is not installed.*make setup"):
        pdf.chromium_path()


def test_a_hanging_browser_is_stopped_and_leaves_no_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, "exec sleep 30\n")))
    page, out = tmp_path / "b.html", tmp_path / "b.pdf"
    page.write_text("<p>x</p>")
    with pytest.raises(RunnerError, match="longer than 1 s"):
        pdf.print_pdf(page, out, timeout=1)
    assert not out.exists()


def test_a_failing_browser_is_an_error_with_its_last_words(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, "echo 'no display' >&2; exit 3\n")))
    page = tmp_path / "b.html"
    page.write_text("<p>x</p>")
    with pytest.raises(RunnerError, match=r"exit 3\): no display"):
        pdf.print_pdf(page, tmp_path / "b.pdf")


@pytest.mark.browser
def test_real_chromium_prints_an_a4_page(tmp_path, chromium_binary, monkeypatch):
    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    page, out = tmp_path / "b.html", tmp_path / "b.pdf"
    page.write_text("<style>@page { size: A4; }</style><p>Hello</p>")
    pdf.print_pdf(page, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_a_stop_of_the_run_kills_the_browser_and_all_it_started_at_once(tmp_path, monkeypatch):
    import os
    import signal
    import threading
    import time

    from workbooks.publish import stopping

    started = tmp_path / "started"  # the fake browser's own child, as chromium's zygote and renderers are
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, f"sleep 60 & echo $! > {started}\nwait\n")))
    page, out = tmp_path / "b.html", tmp_path / "b.pdf"
    page.write_text("<p>x</p>")
    with stopping.stop_on_signals():
        threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C to this process only
        begun = time.monotonic()
        try:
            with pytest.raises(RunnerError, match="b.html to PDF was stopped with the run"):
                pdf.print_pdf(page, out)
        finally:
            stopping._received.clear()  # the stop was this test's: later tests start unstopped
    assert time.monotonic() - begun < 5  # not the print's time limit (120 s)
    time.sleep(0.2)
    try:
        child = psutil.Process(int(started.read_text()))
        assert child.status() == psutil.STATUS_ZOMBIE  # killed; only its exit status is left for its parent to read
    except psutil.NoSuchProcess:
        pass
    assert not out.exists()
