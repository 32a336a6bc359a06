"""Time presenter mode in Debian's chromium: how long until each workbook's page is usable, and how
long a redraw takes after a control changes; with the kernel pool (as `make present` runs it) and
without. Prints medians and the ratio of the two.

Run with `make benchmark-presenter` (or `make benchmark`). Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from workbooks.present.server import running_presenter  # noqa: E402

WORKBOOKS_CLI = Path(sys.executable).parent / "workbooks"
OPENS = 3  # page opens per workbook and mode
REDRAWS = 4  # control changes per workbook
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]

# per workbook: how to change a control twice (back and forth), as a presenter would
CHANGES = {
    "timeline_progress": [("fill", ".widget-datepicker input", "2023-06-30"), ("fill", ".widget-datepicker input", "2024-06-30")],
    "consultation_inputs": [("select", ".widget-dropdown select", "Child-sensitive"), ("select", ".widget-dropdown select", "(all)")],
    "good_practice_comparison": [("select", ".widget-dropdown select", "Access to decent work"),
                                 ("select", ".widget-dropdown select", "(all pillars)")],
}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(root: Path, port: int, pool: bool) -> subprocess.Popen:
    command = [str(WORKBOOKS_CLI), "present", "--port", str(port)] + ([] if pool else ["--no-pool"])
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not (running_presenter(port, timeout=1) or {}).get("ready"):  # the ready line: every pool kernel rendered
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("presenter mode did not get ready")
        time.sleep(0.2)
    return server


def _measure(browser, url: str, notebook: str) -> tuple[float, list[float]]:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    started = time.perf_counter()
    page.goto(f"{url}voila/render/{notebook}.ipynb", wait_until="commit", timeout=120_000)
    page.locator(".workbooks-live-shown img").first.wait_for(state="visible", timeout=120_000)
    usable = time.perf_counter() - started
    redraws = []
    for index in range(REDRAWS):
        kind, selector, value = CHANGES[notebook][index % 2]
        before = page.locator(".workbooks-live-shown").inner_html()
        started = time.perf_counter()
        control = page.locator(selector).first
        if kind == "fill":
            control.fill(value)
            control.press("Enter")
        else:
            control.select_option(label=value)
        page.wait_for_function("before => document.querySelector('.workbooks-live-shown').innerHTML !== before",
                               arg=before, timeout=60_000)
        redraws.append(time.perf_counter() - started)
    page.close()
    return usable, redraws


def run(pool: bool, chromium: str) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        shutil.copy(ROOT / "pyproject.toml", root)
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        shutil.copytree(ROOT / "data", root / "data")
        port = _free_port()
        server = _serve(root, port, pool)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
                for notebook in CHANGES:
                    opens, redraws = [], []
                    for _ in range(OPENS):
                        usable, redrawn = _measure(browser, f"http://127.0.0.1:{port}/", notebook)
                        opens.append(usable)
                        redraws += redrawn
                        time.sleep(8 if pool else 0)  # let the pool render a fresh kernel, as between webinars
                    results[notebook] = (statistics.median(opens), statistics.median(redraws))
                browser.close()
        finally:
            server.send_signal(2)
            server.wait(timeout=60)
    return results


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian chromium is missing: apt-get install chromium")
    pooled, unpooled = run(True, chromium), run(False, chromium)
    print(f"presenter mode, medians of {OPENS} opens and {OPENS * REDRAWS} redraws per workbook (1280x720, chromium)")
    print(f"{'workbook':<26} {'usable, pool':>13} {'usable, no pool':>16} {'ratio':>6} {'redraw, pool':>13}")
    for notebook, (usable, redraw) in pooled.items():
        cold = unpooled[notebook][0]
        print(f"{notebook:<26} {usable:>12.2f}s {cold:>15.2f}s {usable / cold:>6.2f} {redraw * 1000:>11.0f}ms")


if __name__ == "__main__":
    main()
