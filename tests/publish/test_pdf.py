"""Printing a brief: a clear error without a browser, a browser that hangs is stopped, and one browser prints
every PDF, each as chromium's own --print-to-pdf prints it."""

import re
import stat
import subprocess

import psutil
import pytest

from workbooks.errors import RunnerError
from workbooks.publish import pdf


def _fake_browser(tmp_path, script: str):
    browser = tmp_path / "fake-chromium"
    browser.write_text("#!/bin/sh\n" + script)
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    return browser


@pytest.fixture
def browser():
    """A browser of the test's own, closed after it (the module's is the run's)."""
    printing = pdf.PrintingBrowser()
    yield printing
    printing.close()


def test_missing_browser_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(pdf.BROWSER_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(RunnerError, match="chromium is not installed.*make setup"):
        pdf.chromium_path()


def test_a_hanging_browser_is_stopped_and_leaves_no_pdf(tmp_path, monkeypatch, browser):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, "exec sleep 30\n")))
    page, out = tmp_path / "b.html", tmp_path / "b.pdf"
    page.write_text("<p>x</p>")
    out.write_bytes(b"a half-written PDF")
    with pytest.raises(RunnerError, match="longer than 1 s; the browser was stopped"):
        browser.print_pdf(page, out, timeout=1)
    assert not out.exists()
    assert browser._process is None  # killed, not kept for the next PDF


def test_a_failing_browser_is_an_error_with_its_last_words(tmp_path, monkeypatch, browser):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, "echo 'no display' >&2; exit 3\n")))
    page = tmp_path / "b.html"
    page.write_text("<p>x</p>")
    with pytest.raises(RunnerError, match=r"b.html to PDF \(the browser ended, exit 3\): no display"):
        browser.print_pdf(page, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_a_browser_answering_nonsense_is_an_error_not_a_traceback(tmp_path, monkeypatch, browser):
    # the fake writes on the browser's reply pipe (fd 4) a message that is not JSON, then waits
    monkeypatch.setenv(pdf.BROWSER_ENV, str(_fake_browser(tmp_path, "printf 'not json\\000' >&4; exec sleep 30\n")))
    page = tmp_path / "b.html"
    page.write_text("<p>x</p>")
    with pytest.raises(RunnerError, match="chromium could not print .*b.html to PDF"):
        browser.print_pdf(page, tmp_path / "b.pdf", timeout=10)


_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")


@pytest.mark.browser
def test_one_browser_prints_every_pdf_as_chromiums_own_print_to_pdf_does(
    tmp_path, chromium_binary, monkeypatch, browser
):
    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    monkeypatch.setattr(pdf, "READ_BYTES", 4096)  # each PDF read from the browser in many parts
    pages = []
    for name, words in (("a", "Hello"), ("b", "A table")):
        page = tmp_path / f"{name}.html"
        page.write_text(
            "<title>T</title><style>@page { size: A4; margin: 2cm } h1 { background: #def }</style>"
            f"<h1>{words}</h1><table><tr><th>x</th></tr><tr><td>1</td></tr></table>"
        )
        pages.append(page)
        browser.print_pdf(page, tmp_path / f"{name}.pdf")
        if name == "a":
            first_browser = browser._process.pid
    assert browser._process.pid == first_browser  # the second PDF came from the browser the first started
    for page in pages:
        data = page.with_suffix(".pdf").read_bytes()
        width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups())
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        # the reference: the same page printed by chromium's command line, as briefs were printed before
        reference = tmp_path / f"{page.stem}.reference.pdf"
        subprocess.run(
            [
                chromium_binary,
                *pdf.BROWSER_FLAGS[:-1],
                f"--user-data-dir={tmp_path / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={reference}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        assert _DATES.sub(b"", data) == _DATES.sub(b"", reference.read_bytes())  # tagged, backgrounds: all the same


@pytest.mark.browser
def test_a_browser_gone_between_two_pdfs_is_started_again(tmp_path, chromium_binary, monkeypatch, browser):
    import os
    import signal

    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    page = tmp_path / "b.html"
    page.write_text("<p>Hello</p>")
    browser.print_pdf(page, tmp_path / "1.pdf")
    os.killpg(browser._process.pid, signal.SIGKILL)  # the browser crashed, or the system killed it
    browser._process.wait()
    browser.print_pdf(page, tmp_path / "2.pdf")
    assert (tmp_path / "2.pdf").read_bytes().startswith(b"%PDF")
    profile = browser._profile.name
    browser.close()
    assert browser._process is None and not os.path.exists(profile)  # nothing of it left


def test_a_stop_of_the_run_kills_the_browser_and_all_it_started_at_once(tmp_path, monkeypatch, browser):
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
                browser.print_pdf(page, out)
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


def _print_in_a_worker(page: str) -> tuple[int, str]:
    pdf.print_pdf(page, page.replace(".html", ".pdf"))  # the worker's own browser, kept for its next PDF
    return pdf.printing_browser._process.pid, pdf.printing_browser._profile.name


@pytest.mark.browser
def test_a_workers_browser_ends_with_the_worker(tmp_path, chromium_binary, monkeypatch):
    import os

    import psutil

    from workbooks.publish.executors import make_executor

    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    page = tmp_path / "b.html"
    page.write_text("<p>Hello</p>")
    with make_executor("process", 1) as pool:
        browser_pid, profile = pool.submit(_print_in_a_worker, str(page)).result(timeout=120)
        assert psutil.pid_exists(browser_pid)  # kept while the worker lives
    try:
        assert psutil.Process(browser_pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        pass
    assert not os.path.exists(profile)


@pytest.mark.browser
def test_the_last_pdf_of_a_process_closes_its_browser_at_once(tmp_path, chromium_binary, monkeypatch, browser):
    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    monkeypatch.setattr(pdf, "printing_browser", browser)
    page = tmp_path / "b.html"
    page.write_text("<p>Hello</p>")
    pdf.print_pdf(page, tmp_path / "kept.pdf")
    assert browser._process is not None  # kept for the next PDF
    pdf.print_pdf(page, tmp_path / "last.pdf", keep=False)
    assert browser._process is None  # its memory given back before the brief's tables are packed
    assert (tmp_path / "last.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.browser
def test_a_missing_page_and_an_unwritable_pdf_are_said_and_the_next_pdf_prints(
    tmp_path, chromium_binary, monkeypatch, browser
):
    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    page = tmp_path / "b.html"
    page.write_text("<p>Hello</p>")
    with pytest.raises(
        RunnerError, match=r"could not print .*missing.html to PDF \(the page could not be opened: net::"
    ):
        browser.print_pdf(tmp_path / "missing.html", tmp_path / "missing.pdf")
    assert not (tmp_path / "missing.pdf").exists()
    with pytest.raises(FileNotFoundError):  # not chromium's fault: the runner says a full disk or a missing folder
        browser.print_pdf(page, tmp_path / "no-such-folder" / "b.pdf")
    browser.print_pdf(page, tmp_path / "b.pdf")
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")


def test_two_threads_print_one_after_the_other_on_one_browser(tmp_path, monkeypatch, browser):
    import threading

    inside, most = [0], [0]

    def one_print(html_path, pdf_path, timeout):  # stands for the browser's print: records how many print at once
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        threading.Event().wait(0.2)
        pdf_path.write_bytes(b"%PDF")
        inside[0] -= 1

    monkeypatch.setattr(browser, "_print_pdf", one_print)
    threads = [
        threading.Thread(target=browser.print_pdf, args=(tmp_path / "b.html", tmp_path / f"{n}.pdf")) for n in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert most == [1] and all((tmp_path / f"{n}.pdf").exists() for n in range(3))  # a Dask worker's threads
