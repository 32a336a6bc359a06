"""Every shipped timeline brief's charts as a reader sees them: no text over another text, every text
inside the figure, each activity's row as tall as its wrapped label, and no line through a
workstream's name. Measured on the drawn figure (matplotlib's renderer), not assumed from sizes."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml
from matplotlib.text import Text

from conftest import ROOT
from workbooks.common import dates
from workbooks.timeline import brief, charts
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.progress import assess_progress

SHIPPED = sorted((ROOT / "params" / "timeline_progress").glob("*.yaml"))


@pytest.fixture(autouse=True)
def made_on_6_december_2026(monkeypatch):
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 6))


def _inputs(path: Path):
    parameters = yaml.safe_load(path.read_text(encoding="utf-8"))
    return load_timeline_inputs(
        parameters.get("activities_file", "data/activities.csv"),
        parameters.get("status_log_file", "data/status_log.csv"),
        parameters.get("workstreams", []),
        str(parameters["as_of"]),
        root=ROOT,
    )


def _texts(figure) -> list[Text]:
    """Every text a reader sees on the figure: titles, tick labels, texts on the plot, the legend's."""
    figure.canvas.draw()
    found = [artist for artist in figure.findobj(Text) if artist.get_visible() and artist.get_text().strip()]
    return list(dict.fromkeys(found))


def _boxes(figure):
    renderer = figure.canvas.get_renderer()
    return [(text, text.get_window_extent(renderer)) for text in _texts(figure)]


def _charts(path: Path):
    inputs = _inputs(path)
    figures = [brief.gantt_figure(inputs)[0]]
    if inputs.progress.summary.recorded:
        from workbooks.timeline.charts import progress_chart

        figures.append(progress_chart(inputs.progress.summary, title=brief.progress_title(inputs.progress, True)))
    return figures


def test_every_shipped_brief_is_checked():
    assert {path.stem for path in SHIPPED} >= {
        "all_workstreams",
        "all_workstreams_illustrative",
        "socio_economic_integration_illustrative",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_no_text_of_a_shipped_briefs_chart_overlaps_another_or_leaves_the_figure(path):
    for figure in _charts(path):
        boxes = _boxes(figure)
        whole = figure.bbox
        try:
            outside = [
                text.get_text()
                for text, box in boxes
                if box.x0 < whole.x0 - 0.5
                or box.x1 > whole.x1 + 0.5
                or box.y0 < whole.y0 - 0.5
                or box.y1 > whole.y1 + 0.5
            ]
            assert not outside, f"{path.stem}: outside the figure: {outside}"
            overlapping = [
                (a.get_text(), b.get_text())
                for (a, box_a), (b, box_b) in combinations(boxes, 2)
                if box_a.overlaps(box_b)
            ]
            assert not overlapping, f"{path.stem}: texts over each other: {overlapping}"
        finally:
            plt.close(figure)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_no_line_or_band_crosses_a_workstream_name_unmasked(path):
    """A workstream's name is drawn over the as-of line and the next-quarter band on an opaque white
    box, so that neither cuts through it ("missi|ng")."""
    figure = brief.gantt_figure(_inputs(path))[0]
    try:
        axes = figure.axes[0]
        names = [text for text in axes.texts if text.get_fontweight() == "bold" and text.get_bbox_patch() is not None]
        assert len(names) == len(_inputs(path).workstreams)
        drawn_under = [artist.get_zorder() for artist in [*axes.lines, *axes.patches]]
        for name in names:
            box = name.get_bbox_patch()
            assert box.get_facecolor()[:3] == (1.0, 1.0, 1.0) and box.get_facecolor()[3] == 1.0
            assert name.get_zorder() > max(drawn_under)
    finally:
        plt.close(figure)


def _activity(number: str, start: str, end: str, description: str):
    return {
        "workstream": "W",
        "activity_id": number,
        "description": description,
        "timeline_raw": "",
        "planned_start": pd.Timestamp(start),
        "planned_end": pd.Timestamp(end),
        "source": "s",
        "flags": "",
    }


@pytest.mark.parametrize("as_of", ["2024-06-30", "2023-01-15"])
def test_rows_are_as_tall_as_their_wrapped_labels_so_no_label_runs_into_the_next(as_of):
    """Labels of one, two and three lines in a row, with the as-of label above the plot: whatever the
    figure's title and legend take, the plot is as tall as its rows, and no two labels touch."""
    three_lines = (
        "Coordinate regional multi-stakeholder peer-learning communities of practice and national networks globally"
    )
    activities = pd.DataFrame(
        [
            _activity("i", "2023-01-01", "2023-03-31", "Prepare and deploy an online survey to map effective policies"),
            _activity("ii", "2023-04-01", "2023-06-30", "Develop the ToRs"),
            _activity("iii", "2023-04-01", "2024-06-30", three_lines),
            _activity("iv", "2023-07-01", "2024-09-30", "Hold a webinar"),
        ]
    )
    progress = assess_progress(
        activities,
        pd.DataFrame(columns=["workstream", "activity_id", "as_of", "status", "source"]),
        pd.Timestamp(as_of),
    )
    figure = charts.gantt_chart(
        progress, title="A title long enough to wrap onto a second line across the figure, as a takeaway often is"
    )
    try:
        labels = [label for label in figure.axes[0].get_yticklabels() if label.get_text()]
        assert [label.get_text().count("\n") for label in labels] == [1, 0, 2, 0]  # the case this test is about
        boxes = [box for text, box in _boxes(figure)]
        assert not [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    finally:
        plt.close(figure)
