"""The live view's Gantt chart for a presenter's screen, as drawn: within the room a 1280x720 page gives it
(880 px across, 530 down, axis and legend included), text of at least 13 px, one line a row, no text over
another or outside the figure, nothing drawn over a workstream's name, the as-of line at the end of its day.
Measured on the image and on where each text was placed, not assumed from sizes."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
from itertools import combinations

import numpy as np
import pytest
from matplotlib.lines import Line2D
from PIL import Image

from conftest import ROOT
from workbooks.presentation.html import rendered_figure
from workbooks.presentation.style import SCREEN_DPI
from workbooks.timeline import charts
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.progress import activity_name

SOCIO = "Strengthening migrants' socio-economic integration"
LOGS = ["data/status_log.csv", "data/status_log.illustrative.csv"]
DAYS = ["2022-01-01", "2023-06-30", "2024-06-30", "2024-11-30", "2024-12-31"]


def _progress(day: str, status_log: str = LOGS[1], workstreams=()):
    inputs = load_timeline_inputs("data/activities.csv", status_log, list(workstreams), day, root=ROOT)
    return inputs.progress


def _image(figure, illustrative: bool = False) -> tuple[np.ndarray, str]:
    """The chart as the page shows it: its PNG's pixels (rows from the top), and the page's markup."""
    html = rendered_figure(figure, illustrative=illustrative, screen_dpi=SCREEN_DPI)
    png = base64.b64decode(re.search(r'base64,([^"]+)"', html).group(1))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")), html


def _overlap(one, other) -> bool:
    return one.x0 < other.x1 and other.x0 < one.x1 and one.y0 < other.y1 and other.y0 < one.y1


@pytest.mark.parametrize("status_log", LOGS)
@pytest.mark.parametrize("day", DAYS)
def test_the_whole_chart_fits_the_room_beside_the_controls_and_no_text_overlaps(day, status_log):
    figure = charts.screen_gantt_chart(_progress(day, status_log))
    pieces = figure.screen_pieces
    pixels, html = _image(figure)
    height, width = pixels.shape[:2]
    assert width == 880 and height <= 530
    assert 'style="width:880px;' in html  # shown at its own size: a pixel of the image is a pixel on the screen
    for piece in pieces:
        assert 0 <= piece.x0 and piece.x1 <= width and 0 <= piece.y0 and piece.y1 <= height, piece
    clashes = [(one.text, other.text) for one, other in combinations(pieces, 2) if _overlap(one, other)]
    assert clashes == []
    kinds = {piece.kind for piece in pieces}
    assert {"header", "label", "month", "as of", "legend"} <= kinds  # the axis and the legend are in the image


def test_text_is_at_least_13_px_high_on_the_screen():
    letters = charts.screen_text("Jan 2024")
    ink = np.nonzero(letters.pixels[:, :, 3].max(axis=1))[0]
    assert letters.height >= 13  # the line the text stands on, as the page shows it
    assert ink[-1] - ink[0] + 1 >= 10  # capitals and figures 10 px or more: a 14 px font


def test_every_activity_has_one_line_its_number_and_the_start_of_its_name():
    progress = _progress("2024-06-30")
    labels = [piece.text for piece in charts.screen_gantt_chart(progress).screen_pieces if piece.kind == "label"]
    assessed = progress.activities.sort_values(["workstream"], kind="stable")
    assert len(labels) == len(assessed) == 18
    for label, (_, activity) in zip(labels, assessed.iterrows()):
        name = f"{activity['activity_id']}. {activity_name(activity['description'], activity['activity_id'])}"
        assert "\n" not in label and len(label) <= charts.SCREEN_LABEL_CHARACTERS
        assert label == name or (label.endswith("…") and name.startswith(label[:-1]))
    assert "i. Map existing promising practices" in labels and "i. Strengthen and widen the…" in labels


def test_rows_stand_apart_and_the_legend_is_under_the_axis():
    pieces = charts.screen_gantt_chart(_progress("2024-11-30")).screen_pieces
    rows = sorted((piece for piece in pieces if piece.kind in ("label", "header")), key=lambda piece: -piece.y0)
    assert all(upper.y0 >= lower.y1 for upper, lower in zip(rows, rows[1:]))
    months = [piece for piece in pieces if piece.kind == "month"]
    legend = [piece for piece in pieces if piece.kind == "legend"]
    assert max(piece.y1 for piece in legend) <= min(piece.y0 for piece in months) <= min(piece.y0 for piece in rows)
    assert [piece.text for piece in legend] == [
        "Completed",
        "In progress",
        "Yet to start",
        "Not recorded",
        "Overdue (thick black outline)",
        "Next quarter",
    ]


def test_a_few_activities_get_taller_rows_in_a_shorter_chart():
    figure = charts.screen_gantt_chart(_progress("2024-06-30", workstreams=[SOCIO]))
    labels = sorted((piece for piece in figure.screen_pieces if piece.kind == "label"), key=lambda piece: -piece.y0)
    assert labels[0].y0 - labels[1].y0 == pytest.approx(charts.SCREEN_ROW_MOST, abs=1)
    assert _image(figure)[0].shape[0] < 530


def test_the_as_of_line_stands_at_the_end_of_its_day_and_crosses_no_workstream_name():
    figure = charts.screen_gantt_chart(_progress("2023-06-30"))  # the line at 1 Jul 2023, 00:00: on that tick
    july = next(piece for piece in figure.screen_pieces if piece.text == "Jul 2023")
    line = next(
        artist for artist in figure.artists if isinstance(artist, Line2D) and artist.get_color() == charts.AS_OF_COLOUR
    )
    x = line.get_xdata()[0]
    assert x == pytest.approx((july.x0 + july.x1) / 2, abs=0.5)
    pixels = _image(figure)[0].astype(int)
    height = pixels.shape[0]
    purple = np.array([int(charts.AS_OF_COLOUR[i : i + 2], 16) for i in (1, 3, 5)])
    column = pixels[:, round(x)]
    assert (np.abs(column - purple).sum(axis=1) < 60).sum() > 100  # the dashed line is drawn down the plot
    headers = [piece for piece in figure.screen_pieces if piece.kind == "header" and piece.x0 < x < piece.x1]
    assert len(headers) >= 2  # the longer names reach past the line
    for header in headers:
        across = pixels[height - round(header.y1) : height - round(header.y0), round(x) - 2 : round(x) + 3]
        assert not (np.abs(across - purple).sum(axis=2) < 60).any(), header.text


def test_a_workstream_name_too_long_for_the_width_is_cut_at_a_word():
    progress = _progress("2024-06-30", workstreams=[SOCIO])
    long_name = "A workstream " + "with a very long name " * 8
    progress = dataclasses.replace(progress, activities=progress.activities.assign(workstream=long_name))
    header = next(piece for piece in charts.screen_gantt_chart(progress).screen_pieces if piece.kind == "header")
    assert header.text.endswith("…") and long_name.startswith(header.text[:-1].rstrip())
    assert header.x1 <= 880


def test_an_illustrative_chart_carries_the_mark_inside_its_top_edge_above_the_as_of_label():
    figure = charts.screen_gantt_chart(_progress("2024-06-30"), illustrative=True)
    pixels, html = _image(figure, illustrative=True)
    assert "ILLUSTRATIVE DATA, invented for demonstration." in html  # the alt text says so too
    mark = next(text for text in figure.texts if text.get_text().startswith("ILLUSTRATIVE DATA"))
    box = mark.get_bbox_patch().get_window_extent(figure.canvas.get_renderer())
    as_of = next(piece for piece in figure.screen_pieces if piece.kind == "as of")
    assert box.y1 <= pixels.shape[0] and box.y0 >= as_of.y1 and pixels.shape[0] <= 530


def test_a_chart_saved_for_the_screen_keeps_its_own_size():
    """presentation.html.rendered_figure(screen_dpi=...): the figure's own box at that resolution, shown at
    100 px per inch; a brief's chart keeps its tight box at the print resolution."""
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(4, 2))
    figure.text(0.9, 0.5, "a label reaching past the right edge")
    figure.alt_text = "A test figure."
    pixels, html = _image(figure)
    assert pixels.shape[:2] == (200, 400) and 'style="width:400px;' in html
    wide, axes = plt.subplots(figsize=(4, 2))
    wide.text(0.9, 0.5, "a label reaching past the right edge")
    wide.alt_text = "A test figure."
    tight = rendered_figure(wide)
    assert int(re.search(r"width:(\d+)px", tight).group(1)) > 400  # the tight box takes the label in


def test_the_chart_for_a_day_far_from_the_plan_marks_it_at_the_edge():
    pieces = charts.screen_gantt_chart(_progress("2099-01-01")).screen_pieces
    as_of = next(piece for piece in pieces if piece.kind == "as of")
    assert as_of.text.startswith("as of 1 Jan 2099, ") and as_of.text.endswith("\u2192") and as_of.x1 <= 880
