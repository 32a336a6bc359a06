"""A brief printed to an A4 PDF by Debian's chromium (headless), with a time limit.

The brief's own print CSS sets the page (A4, margins, the title and page numbers at the foot, the
illustrative mark at the head); chromium's own header and footer are turned off.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ..errors import RunnerError
from . import stopping

PRINT_TIMEOUT_SECONDS = 120
POLL_SECONDS = 0.1  # how soon a stop of the run reaches the browser
BROWSER_ENV = "WORKBOOKS_CHROMIUM"  # path of the browser, where it is not `chromium` on PATH


def chromium_path() -> str:
    """The browser that prints PDFs: $WORKBOOKS_CHROMIUM, else `chromium` on PATH."""
    found = os.environ.get(BROWSER_ENV) or shutil.which("chromium")
    if not found:
        raise RunnerError(
            "cannot print the PDF brief: Debian's chromium is not installed. Run `make setup` as root "
            f"(it installs chromium), `apt-get install chromium`, or set {BROWSER_ENV} to a browser"
        )
    return found


def print_pdf(html_path: Path, pdf_path: Path, timeout: int = PRINT_TIMEOUT_SECONDS) -> None:
    """Print ``html_path`` to ``pdf_path``; raises :class:`RunnerError` if the browser fails, takes
    longer than ``timeout`` seconds, or the run is stopped (Ctrl-C) while it prints; then the browser
    and every process it started are killed and the half-written PDF is removed.

    The browser runs in a session of its own, its output into a file, not a pipe: Ctrl-C reaches it
    only through here, and no process it leaves behind can hold the run waiting on a pipe."""
    browser = chromium_path()
    with tempfile.TemporaryDirectory(prefix="workbooks-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={pdf_path}",
            Path(html_path).resolve().as_uri(),
        ]
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as said:
            browser_process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=said, stderr=said, start_new_session=True
            )
            stopped_because = _wait_or_stop(browser_process, timeout)
            said.seek(0)
            last_words = said.read().strip().splitlines()[-1:] or ["no output"]
    if stopped_because:
        Path(pdf_path).unlink(missing_ok=True)
        raise RunnerError(f"printing {html_path} to PDF {stopped_because}")
    if browser_process.returncode != 0 or not Path(pdf_path).exists() or Path(pdf_path).stat().st_size == 0:
        Path(pdf_path).unlink(missing_ok=True)
        raise RunnerError(
            f"chromium could not print {html_path} to PDF (exit {browser_process.returncode}): {last_words[0]}"
        )


def _wait_or_stop(browser_process: subprocess.Popen, timeout: float) -> str:
    """Wait for the browser; "" when it ended by itself, else why it was killed, with its whole session
    (past ``timeout`` seconds, or a stop of the run asked for while it prints)."""
    deadline = time.monotonic() + timeout
    while browser_process.poll() is None:
        if stopping.stop_requested():
            reason = "was stopped with the run"
        elif time.monotonic() >= deadline:
            reason = f"took longer than {timeout} s; the browser was stopped"
        else:
            time.sleep(POLL_SECONDS)
            continue
        try:
            os.killpg(browser_process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        browser_process.wait()
        return reason
    return ""
