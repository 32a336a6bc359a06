"""The comparison workbook's charts: practices by checklist items, and a radar per practice."""

from __future__ import annotations

import functools
import textwrap
from typing import NamedTuple

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from PIL import Image, ImageDraw

from ..presentation.screen_charts import (
    LEGEND_ENTRY_GAP,
    LEGEND_KEY,
    LEGEND_KEY_GAP,
    LINE_HEIGHT,
    ScreenChart,
    draw_legend,
    empty_chart,
    finished_chart,
    fitted_lines,
    hex_on_white,
    legend_places,
    screen_font,
    text_block,
)
from ..presentation.style import (
    BLUE,
    MUTED_TEXT,
    ORANGE,
    SCREEN_TEXT,
    SCREEN_WIDTH,
    TEXT_COLOUR,
    describe,
    nothing_to_show,
)
from ..tables.review_status import mixed_kinds, review_words
from .scoring import REVIEWERS_SEPARATOR

SCORE_COLOURS = {0: "#F2F2F2", 50: "#9ECAE1", 100: BLUE}  # absent, partial, present
SCORE_NAMES = {0: "0 not shown", 50: "50 partly shown", 100: "100 fully shown"}
GROUP_COLOUR = ORANGE


def reviewed_legend(reviewed: pd.DataFrame) -> str:
    """The legend entry for checked cells, in review_status's words from the reviewers named in
    ``reviewed`` (text cells; "" where automatic): "• checked by an AI assistant, not yet by a
    person"; "• checked" where it holds flags rather than names."""
    cells = [
        tuple(value.split(REVIEWERS_SEPARATOR))
        for value in reviewed.to_numpy().ravel()
        if isinstance(value, str) and value.strip()
    ]
    if mixed_kinds(cells):  # people on some, an AI assistant alone on others: the caption counts each kind
        return "• checked (by whom: the caption)"
    names = [name for cell in cells for name in cell]
    return f"• {review_words(names)}" if names else "• checked"


ROW_LABEL_WIDTH, ROW_LABEL_LINES = 34, 3


def row_label(name: str) -> str:
    """A heatmap row's practice name on at most ROW_LABEL_LINES lines of ROW_LABEL_WIDTH characters,
    whole where it fits, else cut at a word with an ellipsis."""
    return textwrap.fill(name, ROW_LABEL_WIDTH, max_lines=ROW_LABEL_LINES, placeholder=" …", break_long_words=False)


def score_heatmap_chart(matrix: pd.DataFrame, reviewed: pd.DataFrame | None = None, title: str | None = None):
    """Practices (rows) by checklist items (columns), cells coloured absent / partial / present with
    the score written in; a checked score is marked with a dot and a dark edge. ``reviewed`` (as
    :func:`.compare.chart_matrices` gives it) holds each score's reviewer, "" where automatic; the
    legend gives their review status (:func:`reviewed_legend`). ``title`` states the takeaway."""
    rows, columns = matrix.shape
    # at most about 10 inches wide, so that printed across A4 its 9-point labels stay near 7 points
    figure, axes = plt.subplots(
        figsize=(3.2 + 0.62 * max(columns, 1) + 0.6, 0.52 * max(rows, 1) + 2.2), layout="constrained"
    )
    if matrix.empty:
        return nothing_to_show(figure, axes, "nothing to show")
    _score_cells(axes, matrix, reviewed, fontsize=9)
    axes.set_xticks(
        range(columns), [textwrap.fill(str(c), 11, break_long_words=False) for c in matrix.columns], fontsize=9
    )
    # a practice's name whole where it fits three lines of 34 characters (cut at a word after that), so
    # that printed at about 7 points it is still read, not guessed
    axes.set_yticks(range(rows), [row_label(str(name)) for name in matrix.index], fontsize=9)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    figure.legend(handles=_score_legend(reviewed), loc="outside lower center", ncol=4, frameon=False, fontsize=8)
    if title:
        figure.suptitle(textwrap.fill(title, 95), x=0.01, ha="left", fontsize=11, fontweight="bold")
    return describe(figure, _heatmap_alt(matrix, reviewed))


def _score_cells(axes, matrix: pd.DataFrame, reviewed: pd.DataFrame | None, fontsize: float) -> None:
    """The heatmap's cells: coloured by score, the score written in, a checked score marked with a dot
    and a dark edge."""
    rows, columns = matrix.shape
    scores = matrix.to_numpy()
    for row in range(rows):
        for column in range(columns):
            value = int(scores[row, column])
            checked = reviewed is not None and bool(reviewed.iat[row, column])
            axes.add_patch(
                plt.Rectangle(
                    (column - 0.5, row - 0.5),
                    1,
                    1,
                    facecolor=SCORE_COLOURS[value],
                    edgecolor=TEXT_COLOUR if checked else "white",
                    linewidth=2 if checked else 1.5,
                )
            )
            axes.text(
                column,
                row,
                f"{value}{' •' if checked else ''}",
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if value == 100 else TEXT_COLOUR,
            )
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)


def _score_legend(reviewed: pd.DataFrame | None) -> list[Patch]:
    """The heatmap's legend: the three scores, and the checked mark where a cell carries one."""
    handles = [Patch(facecolor=SCORE_COLOURS[s], edgecolor="#999999", label=SCORE_NAMES[s]) for s in SCORE_COLOURS]
    if reviewed is not None and reviewed.astype(bool).to_numpy().any():
        handles.append(Patch(facecolor="white", edgecolor=TEXT_COLOUR, linewidth=2, label=reviewed_legend(reviewed)))
    return handles


def _heatmap_alt(matrix: pd.DataFrame, reviewed: pd.DataFrame | None) -> str:
    full = [f"{item}: {int((matrix[item] == 100).sum())}" for item in matrix.columns]
    marked = int(reviewed.astype(bool).to_numpy().sum()) if reviewed is not None else 0
    return (
        f"Heatmap of {len(matrix)} practices (rows) by {len(matrix.columns)} checklist items "
        f"(columns), darker where a record shows an item more fully. Practices showing each item "
        f"fully: {'; '.join(full)}. {marked} cells carry a checked score."
    )


def radar_chart(matrix: pd.DataFrame, group_label: str = "mean of the practices compared", title: str | None = None):
    """One small radar per practice (rows of ``matrix``: practices by items, scores 0-100), each
    with the mean of all rows dashed behind it for reference."""
    practices, items = matrix.shape
    if practices == 0 or items < 3:
        figure, axes = plt.subplots(figsize=(6, 1.2))
        return nothing_to_show(figure, axes, "a radar needs at least three items: choose more pillars")
    columns = min(3, practices)
    lines = -(-practices // columns)
    figure, grid = plt.subplots(
        lines,
        columns,
        figsize=(3.1 * columns, 3.4 * lines + 0.5),
        subplot_kw={"projection": "polar"},
        layout="constrained",
        squeeze=False,
    )
    mean = matrix.mean(axis=0).tolist()
    for position, axes in enumerate(grid.flat):
        if position >= practices:
            axes.set_axis_off()
            continue
        _radar(axes, matrix, position, mean, text_size=8)
    figure.legend(handles=_radar_legend(group_label), loc="outside lower center", ncol=2, frameon=False, fontsize=9)
    if title:
        figure.suptitle(title, x=0.01, ha="left", fontsize=11)
    return describe(figure, _radar_alt(matrix, group_label))


def _radar(axes, matrix: pd.DataFrame, position: int, mean: list[float], text_size: float) -> None:
    """One practice's radar (row ``position`` of ``matrix``), the ``mean`` of all rows dashed behind it;
    item labels at ``text_size`` points, the scale's marks a little smaller, the name a little larger."""
    items = len(matrix.columns)
    angles = np.linspace(0, 2 * np.pi, items, endpoint=False).tolist()
    closed = angles + angles[:1]
    values = matrix.iloc[position].tolist()
    axes.plot(closed, mean + mean[:1], color=GROUP_COLOUR, linewidth=1.2, linestyle="--")
    axes.plot(closed, values + values[:1], color=BLUE, linewidth=1.8)
    axes.fill(closed, values + values[:1], color=BLUE, alpha=0.18)
    axes.set_ylim(0, 100)
    axes.set_yticks([50, 100], ["50", "100"], fontsize=text_size - 0.5, color=MUTED_TEXT)
    axes.set_xticks(
        angles, [textwrap.fill(str(c), 11, break_long_words=False) for c in matrix.columns], fontsize=text_size
    )
    axes.tick_params(axis="x", pad=7)  # labels clear of the outer ring
    axes.set_rlabel_position(180 / items)  # the 50 and 100 marks between two spokes, clear of their labels
    axes.set_title(
        textwrap.fill(textwrap.shorten(str(matrix.index[position]), 60, placeholder="…"), 30),
        fontsize=text_size + 1,
        pad=16,
    )


def _radar_legend(group_label: str) -> list[Patch]:
    return [
        Patch(facecolor=BLUE, alpha=0.5, label="the practice"),
        Patch(facecolor="white", edgecolor=GROUP_COLOUR, linestyle="--", label=group_label),
    ]


def _radar_alt(matrix: pd.DataFrame, group_label: str) -> str:
    shown = [f"{name}: {int((row > 0).sum())} of {len(row)} items" for name, row in matrix.iterrows()]
    return (
        f"One radar chart per practice over the {len(matrix.columns)} checklist items in focus, "
        f"against the {group_label}. Items each record shows at least in part: {'; '.join(shown)}."
    )


# Live views on a shared screen (presenter mode, 1280x720): the same charts drawn with Pillow at the size they
# are shown (presentation/screen_charts.py), one pixel of the image to one of the screen. Matplotlib 3.11 lays out and renders each glyph on its
# own (about 0.1 ms a glyph here) and its layout engines measure every text again: the heatmap and radars of six
# practices (about 2,500 glyphs) took over a second to redraw, where a presenter's redraw has half of one.
# Same colours, font (Matplotlib's DejaVu Sans), marks and alt text as the brief's charts; shapes that slant are
# drawn at twice the size and scaled down, so that their edges are smooth.
SCREEN_SMALL_TEXT = 13  # pixels: the radars' item names, below the first screen
SCREEN_HEIGHT = 490  # px: the chart beside the controls (SCREEN_WIDTH), below the heading and the counts line
SCREEN_ROW_LABELS = 250  # pixels left of the cells for the practices' names (at most 3 lines)
SCREEN_ITEM_SLANT, SCREEN_ITEM_WIDTH = 60, 172  # degrees; pixels of a line of an item's name before it slants
SCREEN_CELL = 72, 52  # the largest cell, width and height in pixels
_NAME_LINE = 1.08  # a practice's name: three lines in a row of 46 pixels


@functools.cache
def _slanted(label: str) -> tuple[Image.Image, float, float]:
    """An item's name on at most two lines slanted up by SCREEN_ITEM_SLANT degrees, as a mask, and where
    in it the start of its last line is (the point set above its column)."""
    font = screen_font(SCREEN_TEXT)
    lines = fitted_lines(label, font, SCREEN_ITEM_WIDTH, 2)
    flat = Image.new(
        "L", (int(max(font.getlength(line) for line in lines)) + 2, int(font.size * LINE_HEIGHT * len(lines)) + 2)
    )
    text_block(ImageDraw.Draw(flat), lines, 0, 0, font, fill=255)
    turned = flat.rotate(SCREEN_ITEM_SLANT, expand=True, resample=Image.Resampling.BICUBIC)
    # the flat block's lower left corner, turned about the middle as Image.rotate turns it
    radians = np.radians(SCREEN_ITEM_SLANT)
    dx, dy = -flat.width / 2, flat.height / 2
    return (
        turned,
        turned.width / 2 + dx * np.cos(radians) + dy * np.sin(radians),
        turned.height / 2 - dx * np.sin(radians) + dy * np.cos(radians),
    )


def screen_heatmap_chart(
    matrix: pd.DataFrame,
    reviewed: pd.DataFrame | None = None,
    illustrative: bool = False,
    width: int = SCREEN_WIDTH,
    height: int = SCREEN_HEIGHT,
) -> ScreenChart:
    """:func:`score_heatmap_chart` for a shared screen: every practice's row, the items' names and the
    legend within ``width`` by ``height`` pixels, text at SCREEN_TEXT pixels; a practice's name on at most
    three lines (cut at a word after that), item names slanted so that twelve fit side by side."""
    if matrix.empty:
        return empty_chart("nothing to show", width, illustrative)
    rows, columns = matrix.shape
    font = screen_font(SCREEN_TEXT)
    labels = [_slanted(str(label)) for label in matrix.columns]
    names = [fitted_lines(name, font, SCREEN_ROW_LABELS - 14, 3) for name in map(str, matrix.index)]
    handles = _score_legend(reviewed)
    legend_labels = [str(handle.get_label()) for handle in handles]
    header = int(max(sprite.height for sprite, _, _ in labels)) + 8
    # the last columns' names run right of the cells: room for them, then the cells share what is left
    overhang = max(sprite.width - x for sprite, x, _ in labels)
    cell_width = int(min(SCREEN_CELL[0], (width - SCREEN_ROW_LABELS - overhang) / (columns - 0.5)))
    right = max(
        SCREEN_ROW_LABELS + columns * cell_width + 4, SCREEN_ROW_LABELS + (columns - 0.5) * cell_width + overhang
    )
    one_row = sum(LEGEND_KEY + LEGEND_KEY_GAP + font.getlength(label) + LEGEND_ENTRY_GAP for label in legend_labels)
    image_width = int(min(width, max(right, one_row + 8)))
    legend_height = legend_places(legend_labels, font, image_width - 8)[1]
    cell_height = int(min(SCREEN_CELL[1], (height - header - 6 - legend_height - 2) / rows))
    image = Image.new("RGB", (image_width, header + rows * cell_height + 6 + legend_height + 2), "white")
    draw = ImageDraw.Draw(image)
    for column, (sprite, x, y) in enumerate(labels):
        image.paste(
            TEXT_COLOUR,
            (int(round(SCREEN_ROW_LABELS + (column + 0.5) * cell_width - 4 - x)), int(round(header - 6 - y))),
            mask=sprite,
        )
    checked_cells = []
    scores = matrix.to_numpy()
    for row, lines in enumerate(names):
        top = header + row * cell_height
        text_block(
            draw,
            lines,
            SCREEN_ROW_LABELS - 8,
            top + cell_height / 2,
            font,
            horizontal="r",
            vertical="m",
            spacing=_NAME_LINE,
        )
        for column in range(columns):
            value = int(scores[row, column])
            checked = reviewed is not None and bool(reviewed.iat[row, column])
            left = SCREEN_ROW_LABELS + column * cell_width
            draw.rectangle((left + 1, top + 1, left + cell_width - 2, top + cell_height - 2), fill=SCORE_COLOURS[value])
            draw.text(
                (left + cell_width / 2, top + cell_height / 2),
                f"{value}{' •' if checked else ''}",
                font=font,
                anchor="mm",
                fill="white" if value == 100 else TEXT_COLOUR,
            )
            if checked:
                checked_cells.append((left, top))
    for left, top in checked_cells:  # after every cell, so that no neighbour covers the edge
        draw.rectangle((left, top, left + cell_width - 1, top + cell_height - 1), outline=TEXT_COLOUR, width=2)

    def swatch(handle):
        return lambda x, y: draw.rectangle(
            (x, y, x + 23, y + 13),
            fill=hex_on_white(handle.get_facecolor()),
            outline=hex_on_white(handle.get_edgecolor()),
            width=2 if handle.get_linewidth() > 1.5 else 1,
        )

    draw_legend(
        draw,
        [(swatch(handle), str(handle.get_label())) for handle in handles],
        4,
        header + rows * cell_height + 6,
        image.width - 8,
        font,
    )
    return finished_chart(image, _heatmap_alt(matrix, reviewed), illustrative)


SCREEN_RADAR_WIDTH = 430  # pixels of one practice's radar, its item names included: two side by side
SCREEN_RADIUS = 100  # pixels from the centre to the outer ring: twelve item names around it clear of each other
SCREEN_RADAR_LABEL = 11  # characters a line of an item's name around a radar, as the brief's radars wrap them
_SCALE = 2  # lines that slant are drawn this many times larger, then scaled down: smooth edges
_RADAR_LEGEND = 34  # pixels below the radars


class _RadarPanel(NamedTuple):
    """What every practice's radar over the same items shares: the spokes, the 50 and 100 rings, the
    items' names and the scale's marks, drawn once; where its centre is; where the practice's name ends."""

    image: Image.Image
    centre: tuple[float, float]
    name_bottom: float


@functools.cache
def _radar_panel(items: tuple[str, ...]) -> _RadarPanel:
    font, small = screen_font(SCREEN_TEXT), screen_font(SCREEN_SMALL_TEXT)
    angles = _angles(len(items))
    # each item's name: its lines, half its width, and its middle's offset from the centre, clear of the ring
    labels = []
    for angle, label in zip(angles, items):
        lines = textwrap.wrap(label, SCREEN_RADAR_LABEL, break_long_words=False)
        half_width, half_height = (
            max(small.getlength(line) for line in lines) / 2,
            small.size * LINE_HEIGHT * len(lines) / 2,
        )
        away = SCREEN_RADIUS + 6 + abs(np.cos(angle)) * half_width + abs(np.sin(angle)) * half_height
        labels.append((lines, half_width, away * np.cos(angle), -away * np.sin(angle), half_height))
    above = max(half_height - dy for _, _, _, dy, half_height in labels)
    below = max(half_height + dy for _, _, _, dy, half_height in labels)
    name_bottom = 2 * font.size * LINE_HEIGHT + 6
    x, y = SCREEN_RADAR_WIDTH / 2, name_bottom + above + 4
    shapes = Image.new("RGB", (SCREEN_RADAR_WIDTH * _SCALE, int(y + below + 8) * _SCALE), "white")
    draw = ImageDraw.Draw(shapes)
    for angle in angles:
        draw.line(
            (
                _SCALE * x,
                _SCALE * y,
                _SCALE * (x + SCREEN_RADIUS * np.cos(angle)),
                _SCALE * (y - SCREEN_RADIUS * np.sin(angle)),
            ),
            fill="#B0B0B0",
            width=_SCALE,
        )
    for ring, colour in ((50, "#B0B0B0"), (100, TEXT_COLOUR)):
        radius = _SCALE * SCREEN_RADIUS * ring / 100
        draw.ellipse(
            (_SCALE * x - radius, _SCALE * y - radius, _SCALE * x + radius, _SCALE * y + radius),
            outline=colour,
            width=_SCALE,
        )
    image = shapes.resize((shapes.width // _SCALE, shapes.height // _SCALE), Image.Resampling.BOX)
    draw = ImageDraw.Draw(image)
    for lines, half_width, dx, dy, _ in labels:
        text_block(
            draw,
            lines,
            min(max(x + dx, half_width + 2), SCREEN_RADAR_WIDTH - half_width - 2),
            y + dy,
            small,
            horizontal="m",
            vertical="m",
        )
    between = np.pi / len(items)  # the 50 and 100 marks between two spokes, clear of their labels
    for ring in (50, 100):
        radius = SCREEN_RADIUS * ring / 100
        draw.text(
            (x + radius * np.cos(between) + 2, y - radius * np.sin(between)),
            str(ring),
            font=small,
            fill=MUTED_TEXT,
            anchor="lb",
        )
    return _RadarPanel(image, (x, y), name_bottom)


def _angles(items: int) -> np.ndarray:
    return np.linspace(0, 2 * np.pi, items, endpoint=False)


def screen_radar_chart(
    matrix: pd.DataFrame,
    group_label: str = "mean of the practices compared",
    illustrative: bool = False,
    width: int = SCREEN_WIDTH,
) -> ScreenChart:
    """:func:`radar_chart` for a shared screen: one radar per practice, as many to a line as ``width`` pixels
    hold, each with the mean of all practices dashed behind it; names at SCREEN_TEXT pixels, item names at
    SCREEN_SMALL_TEXT."""
    practices, items = matrix.shape
    if practices == 0 or items < 3:
        return empty_chart("a radar needs at least three items: choose more pillars", width, illustrative)
    panel = _radar_panel(tuple(map(str, matrix.columns)))
    columns = max(1, min(practices, width // SCREEN_RADAR_WIDTH))
    image = Image.new(
        "RGB", (columns * panel.image.width, -(-practices // columns) * panel.image.height + _RADAR_LEGEND), "white"
    )
    draw, fill = ImageDraw.Draw(image), ImageDraw.Draw(image, "RGBA")
    font = screen_font(SCREEN_TEXT)
    angles = _angles(items)
    mean = matrix.mean(axis=0).to_numpy(dtype=float)
    for position in range(practices):
        left, top = (position % columns) * panel.image.width, (position // columns) * panel.image.height
        image.paste(panel.image, (left, top))
        x, y = left + panel.centre[0], top + panel.centre[1]
        values = matrix.iloc[position].to_numpy(dtype=float)
        fill.polygon(
            [
                (x + SCREEN_RADIUS * value / 100 * np.cos(angle), y - SCREEN_RADIUS * value / 100 * np.sin(angle))
                for angle, value in zip(angles, values)
            ],
            fill=matplotlib.colors.to_hex(BLUE) + f"{round(255 * 0.18):02x}",
        )
        _smooth_lines(image, (x, y), angles, mean, GROUP_COLOUR, 1.4, dashed=True)
        _smooth_lines(image, (x, y), angles, values, BLUE, 2.2)
        text_block(
            draw,
            fitted_lines(str(matrix.index[position]), font, SCREEN_RADAR_WIDTH - 16, 2),
            x,
            top + panel.name_bottom,
            font,
            horizontal="m",
            vertical="b",
        )

    def practice_key(x, y):
        draw.rectangle((x, y, x + 23, y + 13), fill=hex_on_white(BLUE, 0.5))  # as the brief's legend shows it

    def mean_key(x, y):
        _dashed(draw, [(x, y + 7), (x + 23, y + 7)], GROUP_COLOUR, 2, closed=False)

    draw_legend(
        draw,
        [(practice_key, "the practice"), (mean_key, group_label)],
        4,
        image.height - _RADAR_LEGEND + 4,
        image.width - 8,
        font,
    )
    return finished_chart(image, _radar_alt(matrix, group_label), illustrative)


def _smooth_lines(
    image: Image.Image,
    centre: tuple[float, float],
    angles: np.ndarray,
    values: np.ndarray,
    colour: str,
    width: float,
    dashed: bool = False,
) -> None:
    """A radar's closed line through ``values`` (0-100) on ``image`` around ``centre``: drawn at _SCALE times
    the size as a mask, scaled down, and laid on in ``colour``, so that its slanted edges are smooth."""
    side = 2 * SCREEN_RADIUS + 8
    corner = (int(centre[0] - side / 2), int(centre[1] - side / 2))
    mask = Image.new("L", (side * _SCALE, side * _SCALE), 0)
    middle = _SCALE * (centre[0] - corner[0]), _SCALE * (centre[1] - corner[1])
    points = [
        (
            middle[0] + _SCALE * SCREEN_RADIUS * value / 100 * np.cos(angle),
            middle[1] - _SCALE * SCREEN_RADIUS * value / 100 * np.sin(angle),
        )
        for angle, value in zip(angles, values)
    ]
    draw = ImageDraw.Draw(mask)
    if dashed:
        _dashed(draw, points, 255, int(width * _SCALE))
    else:
        draw.line(points + points[:1], fill=255, width=int(width * _SCALE), joint="curve")
    image.paste(colour, corner, mask.resize((side, side), Image.Resampling.BOX))


def _dashed(
    draw: ImageDraw.ImageDraw,
    points: list[tuple[float, float]],
    colour,
    width: int,
    closed: bool = True,
    dash: float = 7.0,
    gap: float = 5.0,
) -> None:
    """A dashed line through ``points`` (back to the first where ``closed``), dashes and gaps in multiples of
    half the line's ``width``: Pillow draws no dashes."""
    path = points + points[:1] if closed else points
    dash, gap = dash * width / 2, gap * width / 2
    pen, drawing = dash, True
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        length = float(np.hypot(x1 - x0, y1 - y0))
        done = 0.0
        while done < length:
            step = min(pen, length - done)
            if drawing:
                start, end = done / length, (done + step) / length
                draw.line(
                    ((x0 + (x1 - x0) * start, y0 + (y1 - y0) * start), (x0 + (x1 - x0) * end, y0 + (y1 - y0) * end)),
                    fill=colour,
                    width=width,
                )
            done += step
            pen -= step
            if pen <= 0:
                drawing = not drawing
                pen = dash if drawing else gap
