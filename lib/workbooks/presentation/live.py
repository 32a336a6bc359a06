"""The frame every live view shares (ipywidgets, for JupyterLab): controls above an output area
that is redrawn whenever a control changes. Each workbook's live view says what its controls are
and what to draw; briefs never show live views."""
from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display


class LiveView:
    """Subclasses build their controls, call :meth:`start` with them, and implement :meth:`draw`,
    which runs inside the output area (cleared first) on start and after every change."""

    def start(self, controls: list[widgets.Widget], layout: widgets.Widget) -> None:
        """Watch ``controls`` (laid out in ``layout``, shown above the output) and draw once."""
        self.output = widgets.Output()
        self.redraws = 0
        for control in controls:
            control.observe(self.redraw, names="value")
        self.view = widgets.VBox([layout, self.output])
        self.redraw()

    def redraw(self, *_) -> None:
        self.redraws += 1
        with self.output:
            self.output.clear_output(wait=True)
            self.draw()

    def draw(self) -> None:
        raise NotImplementedError

    def _ipython_display_(self):
        display(self.view)
