"""The frame every live view shares (ipywidgets, in JupyterLab and in presenter mode): controls above
one HTML area that is redrawn whenever a control changes. Each workbook's live view says what its
controls are and what to draw; briefs never show live views.

A redraw replaces the area's HTML in one message: nothing is captured from the kernel's output (no
``Output`` widget), so a chart and its tables change together, and Voila never waits on captured
output while it renders the page.
"""
from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..catalogue import WORKBOOKS
from ..errors import WorkbooksError
from .markup import macro
from .page import SourceLink, live_heading_html

VIEW_CLASS = "workbooks-live"  # the presenter page's style sheet sizes what is inside it
SHOWN_CLASS = "workbooks-live-shown"
LABEL_STYLE = {"description_width": "initial"}  # a control's label in full, never cut to "Work…"


def workbook_heading(notebook: str, sources: list[SourceLink], illustrative: bool) -> str:
    """The heading of a workbook's live view: its name and what it shows (from the catalogue), its
    sources and, where its data are invented, the illustrative mark."""
    workbook = WORKBOOKS[notebook]
    return live_heading_html(workbook.name, workbook.shows, sources, illustrative)


class LiveView:
    """Subclasses build their controls, call :meth:`start` with them, and implement :meth:`draw`,
    which returns the HTML to show, on start and after every change."""

    def start(self, controls: list[widgets.Widget], layout: widgets.Widget, heading: str = "") -> None:
        """Watch ``controls`` (laid out in ``layout``, shown above what they redraw, below ``heading``)
        and draw once."""
        self.shown = widgets.HTML()
        self.shown.add_class(SHOWN_CLASS)
        self.redraws = 0
        for control in controls:
            control.observe(self.redraw, names="value")
        self.view = widgets.VBox(([widgets.HTML(heading)] if heading else []) + [layout, self.shown])
        self.view.add_class(VIEW_CLASS)
        self.redraw()

    def redraw(self, *_) -> None:
        self.redraws += 1
        try:
            self.shown.value = self.draw()
        except WorkbooksError as error:  # say what is wrong where the chart would be, not in a log
            self.shown.value = macro("pieces.html.j2", "live_error")(str(error))

    def draw(self) -> str:
        raise NotImplementedError

    @property
    def html(self) -> str:
        """What the view shows now, below its controls."""
        return self.shown.value

    def _ipython_display_(self):
        display(self.view)
