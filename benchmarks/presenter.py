"""Time presenter mode as a presenter meets it, in Debian's chromium at 1280x720, against the targets:
every page usable within OPEN_TARGET_SECONDS of being asked for, every redraw within REDRAW_TARGET_SECONDS
of a control's change. Prints medians and the worst of REPETITIONS, each with its ratio to the target
(at most 1 meets it), and which measurements miss their target.

Opens, for each workbook, REPETITIONS times each:

- cold: `workbooks present --no-pool`, a new browser context opening the page (a kernel starts for it);
- warm: `workbooks present` (the kernel pool, as `make present` runs it), a new browser context opening
  the page; the first is the first page after the ready line;
- reload: that page reloaded at once;
- second tab: a new tab of the same browser context opening the page while the first stays open;
- back: the first tab sent to the next workbook's page, then back (`page.go_back()`).

A page is usable once its live view has drawn (`.workbooks-live-shown img` visible) and, where its address
holds selections (after a reload, going back), the view has answered them. A warm open, a second tab and
going back start with the pool refilled: every kernel of the pool rendered and no kernel working, as after
a presenter has talked over the last page for a while (a pool kernel renders its workbook in 10 to 20 s
on two cores; the output says how long the waits were). The reload comes at once after the warm open,
while the pool replaces the kernel that open took: what its two kernels per workbook are for (the second
is rendered and waiting), and the harder case; waiting there too would make the run two minutes longer.

Redraws, with the pool, on the first tab after its reload, once the pool has refilled: each control changed
to a view not shown yet and back to the one the page opened with, as in the browser tests
(tests/browser/test_presenter_*.py). A redraw is timed in the page, from the control's event to the moment
the view's container is no longer marked busy and its shown area has changed: both, as the busy mark may
come and go between two looks. Changing back takes the view from the view's cache of drawn views.

Every page is closed as a tab closes (its beforeunload handlers run), so it asks the server to shut its
kernel down. A page not usable within PAGE_TIMEOUT_MS, or a change not redrawn within REDRAW_TIMEOUT_MS,
is reported as failed (with what the page showed) and that workbook's repetition ends there; the run goes
on. The servers serve a copy of the project in a temporary folder and are stopped with Ctrl-C (killed if
they do not stop) whatever happens; a server not ready within READY_TIMEOUT_SECONDS ends the run.

Run with `make benchmark-presenter` (or `make benchmark`): about a quarter of an hour on two cores, most of
it waiting for the cold kernels and the pool's refills. Speed is printed here, never asserted.
"""

from __future__ import annotations

import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from workbooks.presenter.listening import running_presenter  # noqa: E402
from workbooks.presenter.server import POOL_SIZE  # noqa: E402
from workbooks.presenter.views import VIEWS_FILE  # noqa: E402
from workbooks.workbook_specs import WORKBOOKS  # noqa: E402

WORKBOOKS_CLI = Path(sys.executable).parent / "workbooks"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREEN = {"width": 1280, "height": 720}
REPETITIONS = 3
OPEN_TARGET_SECONDS = 2.0
REDRAW_TARGET_SECONDS = 0.5
POOLED_OPENS = ("warm", "reload", "second tab", "back")
OPENS = ("cold", *POOLED_OPENS)
READY_TIMEOUT_SECONDS = 300
PAGE_TIMEOUT_MS = 120_000
NAVIGATION = {"wait_until": "commit", "timeout": PAGE_TIMEOUT_MS}  # timed on to the live view, not to the load event
REDRAW_TIMEOUT_MS = 60_000
# The kernels are idle when, together, they use less than IDLE_CPU_PERCENT of a core in IDLE_SAMPLES
# samples of SAMPLE_SECONDS in a row (a kernel rendering takes most of one); longer than
# REFILL_TIMEOUT_SECONDS and the machine is too busy to measure.
IDLE_CPU_PERCENT = 10
IDLE_SAMPLES = 2
SAMPLE_SECONDS = 0.5
REFILL_TIMEOUT_SECONDS = 120
PAUSE_BETWEEN_CHANGES_SECONDS = 0.3  # a presenter looks at a redraw before changing the next control

SHOWN_IMAGE = ".workbooks-live-shown img"
# The view has answered the query its page was opened with (presentation.live: the hidden address carrier).
ANSWERED = """query => { const carrier = document.querySelector('.workbooks-live-address [data-query]');
  return carrier !== null && carrier.getAttribute('data-answers') === query; }"""
# Times the next redraw in the page: from the first input, change or click event to the first moment the
# view is not marked busy and its shown area differs from what it was.
WATCH_REDRAW = """() => {
  const view = document.querySelector('.workbooks-live');
  const shownHtml = () => view.querySelector('.workbooks-live-shown').innerHTML;
  const before = shownHtml();
  const timing = window.workbooksRedraw = { started: null, finished: null };
  const events = ['input', 'change', 'click'];
  const start = () => {
    timing.started = performance.now();
    events.forEach(type => document.removeEventListener(type, start, true));
  };
  events.forEach(type => document.addEventListener(type, start, true));
  const observer = new MutationObserver(() => {
    if (timing.started !== null && !view.classList.contains('workbooks-busy') && shownHtml() !== before) {
      timing.finished = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(view, { subtree: true, childList: true, characterData: true, attributes: true });
}"""
REDRAWN = "() => window.workbooksRedraw.finished !== null"
REDRAW_SECONDS = "() => (window.workbooksRedraw.finished - window.workbooksRedraw.started) / 1000"


@dataclass(frozen=True)
class Change:
    """A presenter's change of one control: ``make(page)`` changes it to ``choice``."""

    control: str
    choice: str
    make: Callable

    @property
    def label(self) -> str:
        return f"{self.control}: {self.choice}"


def _fill_date(day: str) -> Callable:
    def make(page) -> None:
        date_field = page.locator(".workbooks-live-controls .widget-datepicker input")
        date_field.fill(day)  # the field's change event redraws; Enter after it changes nothing
        date_field.press("Enter")

    return make


def _tick(position: int, ticked: bool) -> Callable:
    def make(page) -> None:
        page.locator(".workbooks-checkboxes input[type=checkbox]").nth(position).set_checked(ticked)

    return make


def _choose(position: int, **option) -> Callable:
    """Choose an option (``label=`` or ``index=``) of the view's dropdown at ``position``."""

    def make(page) -> None:
        page.locator(".workbooks-live-controls .widget-dropdown select").nth(position).select_option(**option)

    return make


class PracticeTakenOut:
    """The comparison's last chosen practice removed with its button, then added back by its whole name in
    the search box (what picking it from the browser's list of names puts there): it joins the end of the
    list again, so the view is the one the page opened with."""

    PICKER = ".workbooks-practice-picker"

    def __init__(self) -> None:
        self.name = ""

    def remove(self, page) -> None:
        row = page.locator(f"{self.PICKER} .workbooks-chosen-row").last
        self.name = row.locator(".workbooks-chosen-practice").get_attribute("title")  # the picker's whole name
        row.locator("button").click()

    def add_back(self, page) -> None:
        page.locator(f"{self.PICKER} .widget-text input").fill(self.name)


PRACTICE_TAKEN_OUT = PracticeTakenOut()
# Per workbook, in order: each control changed to a view not shown yet, then back to the one the page opened with.
CHANGES = {
    "timeline_progress": [
        Change("date", "a new day", _fill_date("2023-06-30")),
        Change("date", "back to the day it opened with", _fill_date("2024-06-30")),
        Change("workstream tick box", "off", _tick(1, False)),
        Change("workstream tick box", "on again", _tick(1, True)),
    ],
    "consultation_inputs": [
        Change("stakeholder tick box", "off", _tick(0, False)),
        Change("stakeholder tick box", "on again", _tick(0, True)),
        Change("code dropdown", "a code", _choose(0, label="Child-sensitive")),
        Change("code dropdown", "back to (all)", _choose(0, label="(all)")),
        Change("question dropdown", "a question", _choose(1, index=1)),
        Change("question dropdown", "back to (all)", _choose(1, label="(all)")),
    ],
    "good_practice_comparison": [
        Change("pillar dropdown", "a pillar", _choose(0, label="Access to decent work")),
        Change("pillar dropdown", "back to (all pillars)", _choose(0, label="(all pillars)")),
        Change("practices", "remove the last (its button)", PRACTICE_TAKEN_OUT.remove),
        Change("practices", "add it back (search box)", PRACTICE_TAKEN_OUT.add_back),
    ],
}


@dataclass(frozen=True)
class Server:
    """A running `workbooks present`."""

    process: subprocess.Popen
    url: str
    log: Path
    ready_seconds: float  # from start to the ready line

    def page_url(self, notebook: str) -> str:
        return f"{self.url}voila/render/{notebook}.ipynb"


@dataclass
class Results:
    """Seconds measured: opens by kind and workbook, redraws by workbook and change; the waits for the pool
    to refill; what failed; the pool's ready line."""

    opens: dict = field(default_factory=lambda: {kind: {notebook: [] for notebook in WORKBOOKS} for kind in OPENS})
    redraws: dict = field(
        default_factory=lambda: {
            notebook: {change.label: [] for change in changes} for notebook, changes in CHANGES.items()
        }
    )
    waits: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    ready_seconds: float = 0.0


class PageFailed(Exception):
    """A page not usable, or a change not redrawn, in time."""


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _project_copy(folder: Path) -> Path:
    """What the server reads (pyproject.toml, notebooks/, data/, the landing page's prepared views), copied."""
    root = folder / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "data", root / "data")
    if (ROOT / VIEWS_FILE).exists():
        (root / VIEWS_FILE).parent.mkdir(parents=True)
        shutil.copy(ROOT / VIEWS_FILE, root / VIEWS_FILE)
    return root


def _kernels(process: subprocess.Popen) -> list:
    """The kernel processes under the server."""
    import psutil

    kernels = []
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                kernels.append(child)
        except psutil.NoSuchProcess:
            pass
    return kernels


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C, as a presenter stops it (its kernels stop with it); killed, kernels too, if still running a minute on."""
    import psutil

    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        kernels = _kernels(process)
        process.kill()
        process.wait()
        for kernel in kernels:
            try:
                kernel.kill()
            except psutil.NoSuchProcess:
                pass


@contextmanager
def _serving(root: Path, pool: bool):
    """`workbooks present` serving ``root``, from its ready line until it is stopped."""
    port = _free_port()
    log = root / ("present.log" if pool else "present-no-pool.log")
    command = [str(WORKBOOKS_CLI), "present", "--port", str(port)] + ([] if pool else ["--no-pool"])
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=root, stdout=output, stderr=subprocess.STDOUT)
        try:
            started = time.monotonic()
            while not (running_presenter(port, timeout=1) or {}).get("ready"):  # with the pool: every kernel rendered
                if process.poll() is not None:
                    raise SystemExit(f"presenter mode stopped before it was ready. Its output:\n{_tail(log)}")
                if time.monotonic() - started > READY_TIMEOUT_SECONDS:
                    raise SystemExit(
                        f"presenter mode ({' '.join(command[1:])}) was not ready within "
                        f"{READY_TIMEOUT_SECONDS} s; stopped. Its output:\n{_tail(log)}"
                    )
                time.sleep(0.2)
            yield Server(process, f"http://127.0.0.1:{port}/", log, time.monotonic() - started)
        finally:
            _stop(process)


def _kernels_busy_percent(kernels: list) -> float:
    """The CPU the kernels use together over SAMPLE_SECONDS, in percent of one core."""
    import psutil

    for kernel in kernels:
        try:
            kernel.cpu_percent(None)
        except psutil.NoSuchProcess:
            pass
    time.sleep(SAMPLE_SECONDS)
    busy = 0.0
    for kernel in kernels:
        try:
            busy += kernel.cpu_percent(None)
        except psutil.NoSuchProcess:  # shut down meanwhile
            pass
    return busy


def _wait_for_idle_kernels(server: Server, at_least: int) -> float:
    """Seconds waited until the server has at least ``at_least`` kernels (the pool's and the open pages')
    and none of them works: every kernel of the pool rendered, every closed page's kernel shut down."""
    started = time.monotonic()
    idle_samples = 0
    while idle_samples < IDLE_SAMPLES:
        if time.monotonic() - started > REFILL_TIMEOUT_SECONDS:
            raise SystemExit(
                f"the server's kernels were still working after {REFILL_TIMEOUT_SECONDS} s: the machine "
                "is too busy to measure presenter mode"
            )
        kernels = _kernels(server.process)
        idle = len(kernels) >= at_least and _kernels_busy_percent(kernels) < IDLE_CPU_PERCENT
        idle_samples = idle_samples + 1 if idle else 0
    return time.monotonic() - started


def _shown_text(page) -> str:
    """The start of what the page shows, for a failure's message."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return " ".join(page.locator("body").inner_text(timeout=5_000).split())[:300]
    except PlaywrightError as error:
        return f"(unreadable: {error.message.splitlines()[0]})"


def _usable_after(page, navigate: Callable[[], object], query: str, what: str) -> float:
    """Seconds from ``navigate()`` until the page's live view has drawn and answered ``query`` (the
    selections its address holds, "" for none)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = time.perf_counter()
    try:
        navigate()
        page.locator(SHOWN_IMAGE).first.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        if query:
            page.wait_for_function(ANSWERED, arg=query, timeout=PAGE_TIMEOUT_MS)
    except PlaywrightTimeout as error:
        raise PageFailed(
            f'{what}: not usable within {PAGE_TIMEOUT_MS // 1000} s; the page showed "{_shown_text(page)}"'
        ) from error
    return time.perf_counter() - started


def _redraw_seconds(page, change: Change, what: str) -> float:
    """Seconds from the control's event until the view has redrawn (WATCH_REDRAW); then a pause, as a presenter's."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(WATCH_REDRAW)
    change.make(page)
    try:
        page.wait_for_function(REDRAWN, timeout=REDRAW_TIMEOUT_MS)
    except PlaywrightTimeout as error:
        raise PageFailed(
            f"{what}, {change.label}: not redrawn within {REDRAW_TIMEOUT_MS // 1000} s; the page "
            f'showed "{_shown_text(page)}"'
        ) from error
    seconds = page.evaluate(REDRAW_SECONDS)
    time.sleep(PAUSE_BETWEEN_CHANGES_SECONDS)
    return seconds


def _close_tabs(context) -> None:
    """Close every tab as a person does (the page's beforeunload handlers ask the server to shut its kernel
    down), then the browser context."""
    for page in context.pages:
        with page.expect_event("close"):
            page.close(run_before_unload=True)
    context.close()


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _cold_opens(browser, root: Path, results: Results) -> None:
    with _serving(root, pool=False) as server:
        for repetition in range(1, REPETITIONS + 1):
            for notebook in WORKBOOKS:
                what = f"cold {notebook} {repetition}/{REPETITIONS}"
                context = browser.new_context(viewport=SCREEN)
                page = context.new_page()
                try:
                    seconds = _usable_after(page, lambda: page.goto(server.page_url(notebook), **NAVIGATION), "", what)
                    results.opens["cold"][notebook].append(seconds)
                    _progress(f"{what}: {seconds:.2f} s")
                except PageFailed as failure:
                    results.failures.append(str(failure))
                    _progress(f"failed: {failure}")
                finally:
                    _close_tabs(context)
                _wait_for_idle_kernels(server, 0)  # its kernel shutting down, not working


def _pooled_round(browser, server: Server, notebook: str, next_notebook: str, what: str, results: Results) -> None:
    """One repetition for one workbook with the pool: a warm open and a reload at once; the redraws and a
    second tab; going to the next workbook and back. Each of the three starts with the pool refilled.
    Raises PageFailed at the first page that fails."""
    pool = POOL_SIZE * len(WORKBOOKS)
    url = server.page_url(notebook)
    opens = results.opens

    def wait_for_refilled_pool(open_tabs: int) -> None:
        results.waits.append(_wait_for_idle_kernels(server, pool + open_tabs))

    wait_for_refilled_pool(0)
    context = browser.new_context(viewport=SCREEN)
    try:
        first = context.new_page()
        opens["warm"][notebook].append(_usable_after(first, lambda: first.goto(url, **NAVIGATION), "", f"warm {what}"))
        shown = urlsplit(first.url).query  # the view's selections, which the page has put in its address
        opens["reload"][notebook].append(
            _usable_after(first, lambda: first.reload(**NAVIGATION), shown, f"reload {what}")
        )

        wait_for_refilled_pool(1)
        for change in CHANGES[notebook]:
            results.redraws[notebook][change.label].append(_redraw_seconds(first, change, f"redraw {what}"))
        second = context.new_page()
        opens["second tab"][notebook].append(
            _usable_after(second, lambda: second.goto(url, **NAVIGATION), "", f"second tab {what}")
        )
        with second.expect_event("close"):
            second.close(run_before_unload=True)

        left = urlsplit(first.url).query
        _usable_after(
            first,
            lambda: first.goto(server.page_url(next_notebook), **NAVIGATION),
            "",
            f"{next_notebook} on the way back to {what}",
        )
        wait_for_refilled_pool(1)
        opens["back"][notebook].append(_usable_after(first, lambda: first.go_back(**NAVIGATION), left, f"back {what}"))
    finally:
        _close_tabs(context)


def _pooled_opens_and_redraws(browser, root: Path, results: Results) -> None:
    notebooks = list(WORKBOOKS)
    with _serving(root, pool=True) as server:
        results.ready_seconds = server.ready_seconds
        _progress(f"pool ready in {server.ready_seconds:.0f} s")
        for repetition in range(1, REPETITIONS + 1):
            for notebook, next_notebook in zip(notebooks, notebooks[1:] + notebooks[:1]):
                what = f"{notebook} {repetition}/{REPETITIONS}"
                try:
                    _pooled_round(browser, server, notebook, next_notebook, what, results)
                except PageFailed as failure:
                    results.failures.append(str(failure))
                    _progress(f"failed: {failure}")
                    continue
                opened = ", ".join(f"{kind} {results.opens[kind][notebook][-1]:.2f} s" for kind in POOLED_OPENS)
                redrawn = [values[-1] for values in results.redraws[notebook].values()]
                _progress(f"{what}: {opened}; redraws {min(redrawn):.2f} to {max(redrawn):.2f} s")


def _cell(values: list[float], target: float) -> str:
    if not values:
        return "failed"
    median = statistics.median(values)
    counted = "" if len(values) == REPETITIONS else f" n={len(values)}"
    return f"{median:.2f} s ({max(values):.2f}) {median / target:.2f}x{counted}"


def _missing(results: Results, misses: Callable[[list[float], float], bool]) -> str:
    """The measurements for which ``misses(values, target)`` (values measured, at least one), a few words each."""
    missing = []
    for kind in OPENS:
        notebooks = [
            notebook
            for notebook, values in results.opens[kind].items()
            if values and misses(values, OPEN_TARGET_SECONDS)
        ]
        if notebooks:
            which = "every workbook" if len(notebooks) == len(WORKBOOKS) else ", ".join(notebooks)
            missing.append(f"{kind} open ({which})")
    missing += [
        f"{notebook} {label}"
        for notebook, redrawn in results.redraws.items()
        for label, values in redrawn.items()
        if values and misses(values, REDRAW_TARGET_SECONDS)
    ]
    return "; ".join(missing) or "none"


def _report(results: Results, run_seconds: float) -> str:
    width = max(len(notebook) for notebook in WORKBOOKS) + 2
    lines = [
        f"presenter mode, {SCREEN['width']}x{SCREEN['height']} chromium; medians (worst) of {REPETITIONS}; "
        f"targets: open {OPEN_TARGET_SECONDS} s, redraw {REDRAW_TARGET_SECONDS} s",
        f"{'open':<12}" + "".join(f"{notebook:<{width}}" for notebook in WORKBOOKS).rstrip(),
    ]
    for kind in OPENS:
        lines.append(
            f"{kind:<12}"
            + "".join(
                f"{_cell(results.opens[kind][notebook], OPEN_TARGET_SECONDS):<{width}}" for notebook in WORKBOOKS
            ).rstrip()
        )
    label_width = max(len(change.label) for changes in CHANGES.values() for change in changes) + 2
    lines += ["", f"{'redraw':<{width}}{'control':<{label_width}}median (worst), ratio to target"]
    for notebook, redrawn in results.redraws.items():
        lines += [
            f"{notebook:<{width}}{label:<{label_width}}{_cell(values, REDRAW_TARGET_SECONDS)}"
            for label, values in redrawn.items()
        ]
    lines += [
        "",
        "missing the target (median): "
        + _missing(results, lambda values, target: statistics.median(values) > target)
        + "; only in the worst: "
        + _missing(results, lambda values, target: statistics.median(values) <= target < max(values)),
    ]
    lines += [f"failed: {failure}" for failure in results.failures]
    waits = results.waits
    lines += [
        "a change back to a view the page showed before comes from the view's cache; the other changes draw",
        "the reload came at once after the warm open; before each warm open, page's redraws and going back "
        "the pool refilled (every kernel rendered and idle), waits of "
        f"median {statistics.median(waits):.0f} s, longest {max(waits):.0f} s; the pool's ready line "
        f"came {results.ready_seconds:.0f} s after the server started; the run took {run_seconds / 60:.1f} min",
    ]
    return "\n".join(lines)


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian chromium is missing: apt-get install chromium")
    started = time.monotonic()
    results = Results()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        root = _project_copy(Path(folder))
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            _cold_opens(browser, root, results)
            _pooled_opens_and_redraws(browser, root, results)
        finally:
            browser.close()
    print(_report(results, time.monotonic() - started))


if __name__ == "__main__":
    main()
