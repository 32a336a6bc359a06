"""Briefs printed to A4 PDFs by Debian's chromium (headless): one browser, started at the first PDF a process
prints, prints every PDF after it (:data:`printing_browser`), each within a time limit.

The brief's own print CSS sets the page (A4, margins, the title and page numbers at the foot, the illustrative
mark at the head); chromium's own header and footer are off. The browser is driven over the DevTools protocol on
a pipe (``--remote-debugging-pipe``: no port is opened on the machine), with the steps and print settings of
chromium's own ``--print-to-pdf`` (its headless command handler), so a PDF is the one the command line printed,
without a browser started for each. Playwright drives a browser the same way, but keeps the browser's process
from its caller (nothing to kill on Ctrl-C) and sets no time limit on a print: the dozen commands a print needs are
sent here.
"""

from __future__ import annotations

import atexit
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import RunnerError
from . import stopping

PRINT_TIMEOUT_SECONDS = 120  # from the page asked for to its PDF written, the browser's start included
POLL_SECONDS = 0.1  # how soon a stop of the run reaches the browser
CLOSE_SECONDS = 5  # how long a browser asked to close may take before it is killed
READ_BYTES = 4 << 20  # a PDF is read from the browser in parts of this size
BROWSER_ENV = "WORKBOOKS_CHROMIUM"  # path of the browser, where it is not `chromium` on PATH
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--run-all-compositor-stages-before-draw",
    "--remote-debugging-pipe",
)
# Page.printToPDF as chromium's --print-to-pdf --no-pdf-header-footer sends it (headless_command_processor.js)
PRINT_SETTINGS = {
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
    "printBackground": True,
    "preferCSSPageSize": True,
}


def chromium_path() -> str:
    """The browser that prints PDFs: $WORKBOOKS_CHROMIUM, else `chromium` on PATH."""
    found = os.environ.get(BROWSER_ENV) or shutil.which("chromium")
    if not found:
        raise RunnerError(
            "cannot print the PDF brief: Debian's chromium is not installed. Run `make setup` as root "
            f"(it installs chromium), `apt-get install chromium`, or set {BROWSER_ENV} to a browser"
        )
    return found


class _Stopped(Exception):
    """The print ended before its PDF: why, for :class:`RunnerError`'s message."""


class _NotWritten(Exception):
    """The PDF could not be written (a full disk): the OSError, passed on as it is."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class PrintingBrowser:
    """A headless chromium kept for every PDF this process prints: started at the first, each page in a tab of
    its own closed after it. A browser that failed, timed out or was stopped with the run is killed with every
    process it started; the next print starts another. :meth:`close` ends it (the run's end, a worker's exit)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._profile: tempfile.TemporaryDirectory | None = None
        self._said: Any = None  # the browser's own output, for its last words when it fails
        self._to_browser = -1
        self._from_browser = -1
        self._received: list[bytes] = []  # the start of a message not yet ended
        self._events: list[dict] = []
        self._last_id = 0
        # one print at a time, and no close during one: a Dask worker runs briefs in threads of one process
        self._lock = threading.RLock()

    def print_pdf(self, html_path: Path, pdf_path: Path, timeout: float = PRINT_TIMEOUT_SECONDS) -> None:
        """Print ``html_path`` to ``pdf_path``; raises :class:`RunnerError` if the browser fails, takes longer
        than ``timeout`` seconds, or the run is stopped (Ctrl-C) while it prints; then the browser and every
        process it started are killed and no PDF is left. A PDF that cannot be written (a full disk) raises the
        OSError, as any file the runner writes does."""
        with self._lock:
            self._print_pdf(Path(html_path), Path(pdf_path), timeout)

    def _print_pdf(self, html_path: Path, pdf_path: Path, timeout: float) -> None:
        deadline, waited = time.monotonic() + timeout, f"took longer than {timeout:g} s; the browser was stopped"
        try:
            if self._process is None or self._process.poll() is not None:
                self._start(deadline, waited)
            self._print(html_path.resolve().as_uri(), pdf_path, deadline, waited)
        # the browser ended or answered nonsense, the print was stopped, or the PDF could not be written: the
        # browser, left mid-print, is killed (the next PDF starts another) and no part of the PDF is left
        except (_NotWritten, _Stopped, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            last_words = self._last_words()
            self._kill()
            pdf_path.unlink(missing_ok=True)
            if isinstance(error, _NotWritten):  # the disk, not the browser: said as the runner says a full disk
                raise error.error from None
            if isinstance(error, _Stopped):
                raise RunnerError(f"printing {html_path} to PDF {error}") from None
            raise RunnerError(f"chromium could not print {html_path} to PDF ({error}): {last_words}") from None
        if pdf_path.stat().st_size == 0:
            pdf_path.unlink()
            raise RunnerError(f"chromium printed {html_path} to an empty PDF")

    def close(self) -> None:
        """End the browser, if one is running, and remove its profile: asked to close (it ends the processes it
        started, and waits for them), killed with them if it has not within :data:`CLOSE_SECONDS`."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            try:
                self._send("Browser.close", {})
                self._process.wait(timeout=CLOSE_SECONDS)
            except (OSError, subprocess.TimeoutExpired):
                pass  # killed below
        self._kill()

    # --- the browser's process -----------------------------------------------------------------------------

    def _start(self, deadline: float, waited: str) -> None:
        self._kill()
        # what a killed browser's processes still write as they end may stop a clean removal: not an error
        self._profile = tempfile.TemporaryDirectory(prefix="workbooks-chromium-", ignore_cleanup_errors=True)
        self._said = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # the browser reads commands on its fd 3 and writes replies on its fd 4; the pipe's ends are first moved
        # above them here, so that placing one cannot overwrite the other in the browser's process
        ends = [fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in (to_browser_read, from_browser_write)]
        os.close(to_browser_read)
        os.close(from_browser_write)

        def place_the_pipe() -> None:  # in the browser's process, before chromium starts
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        try:
            self._process = subprocess.Popen(
                [chromium_path(), *BROWSER_FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=self._said,
                stderr=self._said,
                start_new_session=True,  # Ctrl-C reaches it only through here; killed with all it starts
                close_fds=False,  # keeps fds 3 and 4, placed by dup2 (inheritable); the others close (CLOEXEC)
                preexec_fn=place_the_pipe,
            )
        finally:
            for end in ends:
                os.close(end)
        self._command("Target.getTargets", {}, deadline, waited)  # answered once the browser listens

    def _kill(self) -> None:
        if self._process is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._process.wait()
            self._process = None
        for end in (self._to_browser, self._from_browser):
            if end >= 0:
                os.close(end)
        self._to_browser = self._from_browser = -1
        self._received, self._events = [], []
        if self._said is not None:
            self._said.close()
            self._said = None
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None

    def _last_words(self) -> str:
        if self._said is None:
            return "no output"
        self._said.seek(0)
        return (self._said.read().strip().splitlines()[-1:] or ["no output"])[0]

    # --- one print: chromium's --print-to-pdf, step by step ----------------------------------------------------

    def _print(self, url: str, pdf_path: Path, deadline: float, waited: str) -> None:
        target = self._command("Target.createTarget", {"url": "about:blank"}, deadline, waited)["targetId"]
        tab = self._command("Target.attachToTarget", {"targetId": target, "flatten": True}, deadline, waited)[
            "sessionId"
        ]
        self._command("Page.enable", {}, deadline, waited, tab)
        self._command("Inspector.enable", {}, deadline, waited, tab)  # a page that crashes is said at once
        self._command("Page.setLifecycleEventsEnabled", {"enabled": True}, deadline, waited, tab)
        frame = self._command("Page.navigate", {"url": url}, deadline, waited, tab)
        if frame.get("errorText"):
            raise OSError(f"the page could not be opened: {frame['errorText']}")
        self._event(
            lambda event: (
                event.get("sessionId") == tab
                and event.get("method") == "Page.lifecycleEvent"
                and event["params"].get("name") == "load"
                and event["params"].get("loaderId") == frame["loaderId"]
            ),  # the page's, not about:blank's
            deadline,
            waited,
        )
        settings = {**PRINT_SETTINGS, "transferMode": "ReturnAsStream"}  # read in parts: a PDF of tens of MB
        stream = self._command("Page.printToPDF", settings, deadline, waited, tab)["stream"]
        try:
            pdf = pdf_path.open("wb")
        except OSError as error:
            raise _NotWritten(error) from None
        with pdf:
            while True:
                part = self._command("IO.read", {"handle": stream, "size": READ_BYTES}, deadline, waited, tab)
                data = part.get("data", "")
                try:
                    pdf.write(base64.b64decode(data) if part.get("base64Encoded") else data.encode("latin-1"))
                except OSError as error:
                    raise _NotWritten(error) from None
                if part.get("eof"):
                    break
        self._command("IO.close", {"handle": stream}, deadline, waited, tab)
        self._command("Target.closeTarget", {"targetId": target}, deadline, waited)
        self._events.clear()  # the tab's other events: none is waited for after it

    # --- the DevTools protocol on the pipe: JSON messages, each ended by a NUL byte ----------------------------

    def _send(self, method: str, params: dict, session: str | None = None) -> int:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data) :]
        except BrokenPipeError:
            raise self._ended() from None
        return self._last_id

    def _ended(self) -> OSError:
        """The browser's end, said with its exit code (it closed its end of the pipe)."""
        try:
            code = self._process.wait(timeout=5) if self._process else None
        except subprocess.TimeoutExpired:
            code = None
        return OSError(f"the browser ended, exit {code}")

    def _command(self, method: str, params: dict, deadline: float, waited: str, session: str | None = None) -> dict:
        """Send a command and return its result; raises OSError with the browser's error."""
        sent = self._send(method, params, session)
        reply = self._event(lambda message: message.get("id") == sent, deadline, waited)
        if "error" in reply:
            raise OSError(f"{method}: {reply['error'].get('message', reply['error'])}")
        return reply.get("result", {})

    def _event(self, wanted, deadline: float, waited: str) -> dict:
        """The first message from the browser that ``wanted`` accepts, read as it comes; raises :class:`_Stopped`
        past ``deadline`` or on a stop of the run, OSError when the browser ends."""
        while True:
            for number, message in enumerate(self._events):
                if message.get("method") == "Inspector.targetCrashed":
                    raise OSError("the page crashed (out of memory?)")
                if wanted(message):
                    del self._events[number]
                    return message
            if stopping.stop_requested():
                raise _Stopped("was stopped with the run")
            if time.monotonic() >= deadline:
                raise _Stopped(waited)
            readable, _, _ = select.select([self._from_browser], [], [], POLL_SECONDS)
            if not readable:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise self._ended()
            if b"\0" not in chunk:  # part of a long message: joined once it ends, not at each part
                self._received.append(chunk)
                continue
            *messages, rest = b"".join([*self._received, chunk]).split(b"\0")
            self._received = [rest] if rest else []
            self._events.extend(json.loads(message) for message in messages if message)


printing_browser = PrintingBrowser()  # this process's: the runner's, or a pool worker's (closed as the worker ends)
atexit.register(printing_browser.close)  # a browser still running as this process ends goes with it


def print_pdf(html_path: Path, pdf_path: Path, timeout: float = PRINT_TIMEOUT_SECONDS, keep: bool = True) -> None:
    """Print ``html_path`` to ``pdf_path`` with this process's browser (:data:`printing_browser`), started if
    none is running, and kept for the next PDF, or closed at once without ``keep`` (the last PDF: its memory is
    given back before the brief's tables are packed)."""
    try:
        printing_browser.print_pdf(html_path, pdf_path, timeout)
    finally:
        if not keep:
            printing_browser.close()
