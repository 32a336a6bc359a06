"""A brief printed to an A4 PDF by Debian's chromium (headless), with a time limit.

The brief's own print CSS sets the page (A4, margins, the title and page numbers at the foot, the
illustrative mark at the head); chromium's own header and footer are turned off.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import RunnerError

PRINT_TIMEOUT_SECONDS = 120
BROWSER_ENV = "WORKBOOKS_CHROMIUM"  # path of the browser, where it is not `chromium` on PATH


def chromium_path() -> str:
    """The browser that prints PDFs: $WORKBOOKS_CHROMIUM, else `chromium` on PATH."""
    found = os.environ.get(BROWSER_ENV) or shutil.which("chromium")
    if not found:
        raise RunnerError("cannot print the PDF brief: Debian's chromium is not installed. Run `make setup` as root "
                          f"(it installs chromium), `apt-get install chromium`, or set {BROWSER_ENV} to a browser")
    return found


def print_pdf(html_path: Path, pdf_path: Path, timeout: int = PRINT_TIMEOUT_SECONDS) -> None:
    """Print ``html_path`` to ``pdf_path``; raises :class:`RunnerError` if the browser fails or takes
    longer than ``timeout`` seconds (the half-written PDF is removed)."""
    browser = chromium_path()
    with tempfile.TemporaryDirectory(prefix="workbooks-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri()]
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            Path(pdf_path).unlink(missing_ok=True)
            raise RunnerError(f"printing {html_path} to PDF took longer than {timeout} s; the browser was stopped") from None
    if completed.returncode != 0 or not Path(pdf_path).exists() or Path(pdf_path).stat().st_size == 0:
        Path(pdf_path).unlink(missing_ok=True)
        detail = (completed.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise RunnerError(f"chromium could not print {html_path} to PDF (exit {completed.returncode}): {detail[0]}")
