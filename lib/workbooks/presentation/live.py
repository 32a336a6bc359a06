"""The frame every live view shares (ipywidgets, in JupyterLab and in presenter mode): controls beside
one HTML area that is redrawn whenever a control changes. Each workbook's live view says what its
controls are and what to draw; briefs never show live views.

A redraw replaces the area's HTML in one message: nothing is captured from the kernel's output (no
``Output`` widget), so a chart and its tables change together, and Voila never waits on captured
output while it renders the page. While a redraw runs the view is marked busy (the area dimmed, a line
saying what is being drawn), so the controls and the chart never seem to disagree.

The view's selections live in the page's address (``?as_of=2024-06-30&workstreams=...``): a view takes
them once when its page opens and, after each redraw, writes them where the presenter page's script
copies them into the address bar, so a reload or a prepared link shows the same view. The page sends its
address once its widgets are live (a hidden field, :meth:`LiveView.take_request`): an answer the kernel
gave before the page listened would be lost, and the page would show the view the kernel no longer has.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
from collections import OrderedDict
from typing import Callable, Hashable
from urllib.parse import parse_qs, urlencode

import ipywidgets as widgets
import traitlets
from IPython.display import display

from ..common.dates import parse_date
from ..common.wording import join_names
from ..errors import WorkbooksError
from ..workbook_specs import WORKBOOKS
from . import PRESENTER_KERNEL
from .markup import macro
from .page import SourceLink, live_heading_html

VIEW_CLASS = "workbooks-live"  # the presenter page's style sheet lays out what is inside it
SHOWN_CLASS = "workbooks-live-shown"
CONTROLS_CLASS = "workbooks-live-controls"
STATUS_CLASS = "workbooks-live-status"
ADDRESS_CLASS = "workbooks-live-address"  # hidden: the selections as a query, for the page's address
REQUEST_CLASS = "workbooks-live-request"  # hidden: where the presenter page puts the query it was opened with
BUSY_CLASS = "workbooks-busy"

CHOICES_LISTED = (
    100  # characters: an address's value a control does not offer is said with what it takes, if that is short
)
LABEL_STYLE = {"description_width": "initial"}  # a control's label in full, never cut to "Work…"


def workbook_heading(notebook: str, sources: list[SourceLink], illustrative: bool) -> str:
    """The heading of a workbook's live view: its name and what it shows (from the catalogue), its
    sources and, where its data are invented, the illustrative mark."""
    workbook = WORKBOOKS[notebook]
    return live_heading_html(workbook.name, workbook.shows, sources, illustrative)


def follow_page_address(view: "LiveView") -> None:
    """Take the view's selections from its page's address, where the kernel was started for the page
    (Voila gives it the query in its environment). A kernel from Voila's pool ran the notebook before
    any page asked for it: its page sends the query itself, through the view's hidden request field,
    once the page's widgets are live (:meth:`LiveView.take_request`). In JupyterLab and in brief runs
    there is no query."""
    if os.environ.get(PRESENTER_KERNEL) == "1":
        _quiet_shutdown_interrupts()
    view.apply_query(os.environ.get("QUERY_STRING", ""))


class _NotShutdownInterrupt(logging.Filter):
    """Drops ipykernel's "KeyboardInterrupt caught in kernel" (an error): Jupyter interrupts every kernel it shuts
    down, so a page left while its kernel handled a message printed it in the presenter's terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("KeyboardInterrupt caught in kernel")


def _quiet_shutdown_interrupts() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is not None and not any(isinstance(each, _NotShutdownInterrupt) for each in kernel.log.filters):
        kernel.log.addFilter(_NotShutdownInterrupt())


class Kept:
    """The last ``size`` things a view drew, by what was chosen: going back to a view shown before draws
    nothing again. The one bounded cache of the live views."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], object]):
        """What ``make`` gives for ``key``, made once while it stays among the last ``size`` used."""
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = make()
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        """The keys kept, the one used last at the end."""
        return iter(self._items)


class CheckboxGroup(widgets.VBox):
    """Tick boxes for a few options, one per line, whole labels: a presenter's multi-choice without
    Ctrl-click. ``value`` is the tuple of the ticked options, in the options' order."""

    value = traitlets.Tuple()

    def __init__(self, options: list[str], value: tuple = (), description: str = "", **kwargs):
        self.options = list(options)
        self.boxes = [
            widgets.Checkbox(
                value=option in value, description=option, indent=False, layout=widgets.Layout(width="auto")
            )
            for option in self.options
        ]
        heading = widgets.Label(description)
        heading.add_class("widget-label")
        super().__init__(([heading] if description else []) + self.boxes, **kwargs)
        self.add_class("workbooks-checkboxes")
        self.value = tuple(option for option in self.options if option in value)
        self._syncing = False
        for box in self.boxes:
            box.observe(self._ticked, names="value")
        self.observe(self._set, names="value")

    def _ticked(self, _change) -> None:
        if not self._syncing:
            self.value = tuple(option for option, box in zip(self.options, self.boxes) if box.value)

    def _set(self, change) -> None:
        self._syncing = True
        try:
            for option, box in zip(self.options, self.boxes):
                box.value = option in change["new"]
        finally:
            self._syncing = False


def _choices(control: widgets.Widget) -> list | None:
    """The values a control accepts, or None for a free one (a date)."""
    if isinstance(control, CheckboxGroup):
        return control.options
    if isinstance(control, widgets.TagsInput):
        return list(control.allowed_tags)
    values = getattr(control, "_options_values", None)
    return list(values) if values is not None else None


def _as_text(value) -> list[str]:
    if isinstance(value, (tuple, list)):
        return [str(each) for each in value]
    if isinstance(value, datetime.date):
        return [value.isoformat()]
    return [] if value is None else [str(value)]


class LiveView:
    """Subclasses build their controls, call :meth:`start` with them, and implement :meth:`draw`,
    which returns the HTML to show, on start and after every change; :meth:`busy_words` may say what
    a redraw is drawing."""

    def start(
        self,
        controls: list[widgets.Widget],
        layout: widgets.Widget,
        heading: str = "",
        address: dict[str, widgets.Widget] | None = None,
    ) -> None:
        """Watch ``controls`` (laid out in ``layout``, shown beside what they redraw, below ``heading``),
        keep the selections of ``address`` (name in the page's address -> control) in the page's
        address, and draw once."""
        self.shown = widgets.HTML()
        self.shown.add_class(SHOWN_CLASS)
        self.status = widgets.HTML()
        self.status.add_class(STATUS_CLASS)
        self.address_controls = dict(address or {})
        self.address = widgets.HTML()
        self.address.add_class(ADDRESS_CLASS)
        self.request = widgets.Text(layout=widgets.Layout(display="none"))
        self.request.add_class(REQUEST_CLASS)
        self.request.observe(self.take_request, names="value")
        self.answered = ""  # the last page query taken: the page follows the view's address once it is answered
        self.redraws = 0
        self.problems: list[str] = []  # what the page's address asked that the view left out: its status line says them
        self.refused: list[
            str
        ] = []  # dates of the address a control refused: said beside the control (its ``refusal``)
        self._holding = False
        for control in controls:
            control.observe(self.redraw, names="value")
        layout.add_class(CONTROLS_CLASS)
        self.heading = widgets.HTML(heading)  # a view whose sources follow its choice sets its value again
        self.view = widgets.VBox(
            ([self.heading] if heading else []) + [layout, self.status, self.shown, self.address, self.request]
        )
        self.view.add_class(VIEW_CLASS)
        self.redraw()

    def redraw(self, *_) -> None:
        if self._holding:
            return
        self.redraws += 1
        self.view.add_class(BUSY_CLASS)  # sent to the page at once: it dims the area until the new one is in
        self.status.value = macro("pieces.html.j2", "live_status")(self.busy_words(), [])
        try:
            self.shown.value = self.draw()
        except WorkbooksError as error:  # say what is wrong where the chart would be, not in a log
            self.shown.value = macro("pieces.html.j2", "live_error")(str(error))
        finally:
            self.view.remove_class(BUSY_CLASS)
            self.status.value = macro("pieces.html.j2", "live_status")("", self.problems)
            self._write_address()

    def _write_address(self) -> None:
        self.address.value = macro("pieces.html.j2", "live_address")(self.query(), self.answered)

    def busy_words(self) -> str:
        return "Redrawing…"

    def why_not_offered(self, name: str, text: str) -> str:
        """Why the control ``name`` of the address does not offer ``text`` (the words after "which")."""
        return "is not in the data"

    def draw(self) -> str:
        raise NotImplementedError

    def query(self) -> str:
        """The selections of the address controls as the page's query."""
        pairs = []
        for name, control in self.address_controls.items():
            texts = _as_text(control.value)
            pairs += [(name, text) for text in texts] if texts or not isinstance(control.value, tuple) else [(name, "")]
        return urlencode(pairs)  # "name=" for a multiple choice with nothing chosen: a reload keeps it empty

    def take_request(self, change) -> None:
        """The query the presenter page sends once its widgets are live: applied, unless the view was
        started with it (then only answered, nothing redrawn)."""
        if change["new"] == self.answered:
            self._write_address()
        else:
            self.apply_query(change["new"])

    def apply_query(self, query: str) -> None:
        """Set the address controls from a page's query and draw once; a value the view cannot take is
        left out and said (in the status line), never guessed."""
        self.answered = query or ""
        asked = parse_qs(query or "", keep_blank_values=True)
        self.problems = [
            f"The address names “{name}”, which this view does not have: left out."
            for name in asked
            if name not in self.address_controls
        ]
        self.refused = []
        if not set(asked) & set(self.address_controls):
            if self.problems:
                self.redraw()
            else:
                self._write_address()
            return
        self._holding = True
        try:
            for name, control in self.address_controls.items():
                if name in asked:
                    self._set_from_address(name, control, asked[name])
        finally:
            self._holding = False
        self.redraw()

    def _set_from_address(self, name: str, control: widgets.Widget, texts: list[str]) -> None:
        choices = _choices(control)
        if choices is None:  # a date
            try:
                control.value = parse_date(texts[-1]).date()
            except (WorkbooksError, ValueError):
                what = (
                    "no day of the calendar"
                    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", texts[-1].strip())
                    else "not a date (YYYY-MM-DD)"
                )
                self.problems.append(f"The address gives {name} “{texts[-1]}”, {what}: left as it was.")
                return
            if getattr(control, "refusal", ""):  # a date the control does not draw (outside the plan)
                self.refused.append(
                    f"The address gives {name} “{texts[-1]}”, which the view refuses: {control.refusal}"
                )
            return
        by_text = {str(choice): choice for choice in choices}
        unknown = [text for text in texts if text and text not in by_text]
        offered = join_names([str(choice) for choice in choices], "or")
        takes = f" (it takes {offered})" if len(offered) <= CHOICES_LISTED else ""
        self.problems += [
            f"The address names {name} “{text}”, which {self.why_not_offered(name, text)}{takes}: left out."
            for text in unknown
        ]
        known = [by_text[text] for text in texts if text in by_text]
        if unknown and not known:
            return  # nothing it can take: the control stays as it was
        if isinstance(control.value, tuple):
            control.value = tuple(known)  # "name=" (blank) chooses none
        else:
            control.value = known[-1]

    @property
    def html(self) -> str:
        """What the view shows now, below its controls."""
        return self.shown.value

    def _ipython_display_(self):
        display(self.view)
