"""The consultation workbook's charts: code frequency, and codes by stakeholder type."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from PIL import Image, ImageDraw

from ..presentation import screen_charts
from ..presentation.style import (
    BLUE,
    GREEN,
    ORANGE,
    SCREEN_TEXT,
    SCREEN_WIDTH,
    TEXT_COLOUR,
    describe,
    nothing_to_show,
    plain_axes,
)

FAMILY_COLOURS = {"GCM objective": BLUE, "Guiding principle": ORANGE, "Checklist theme": GREEN}


def code_frequency_chart(frequency: pd.DataFrame, n_comments: int, title: str | None = None):
    """Comments per code as horizontal bars, coloured by family (GCM objective, principle, theme), sized
    for A4 (a live view draws :func:`screen_code_frequency_chart`)."""
    figure, axes = plt.subplots(figsize=(7.2, 0.22 * max(len(frequency), 1) + 1.3), layout="constrained")
    if frequency.empty:
        return nothing_to_show(figure, axes, "no code reaches the minimum count")
    positions = range(len(frequency))
    axes.barh(
        list(positions), frequency["comments"], color=[FAMILY_COLOURS[f] for f in frequency["family"]], height=0.65
    )
    for position, count in zip(positions, frequency["comments"]):
        axes.text(count + 0.05, position, f" {count}", va="center", fontsize=8.5)  # printed across A4 at ~8 pt
    axes.set_yticks(
        list(positions), [textwrap.shorten(label, 60, placeholder="…") for label in frequency["label"]], fontsize=8.5
    )
    axes.set_ylim(len(frequency) - 0.4, -0.6)
    axes.set_xlim(0, max(frequency["comments"].max() * 1.15, 1))
    axes.set_xlabel(f"comments raising the code (of {n_comments})")
    locator = axes.xaxis.get_major_locator()
    assert isinstance(locator, MaxNLocator)  # a linear axis's own AutoLocator
    locator.set_params(integer=True)
    axes.tick_params(axis="y", length=0)
    plain_axes(axes)
    figure.legend(
        handles=[Patch(facecolor=FAMILY_COLOURS[f], label=f) for f in _families(frequency)],
        loc="outside lower center",
        ncol=3,
        frameon=False,
        fontsize=8.5,
    )
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    return describe(figure, code_frequency_alt(frequency, n_comments))


def _families(frequency: pd.DataFrame) -> list[str]:
    """The code families the counts hold, in the legend's order."""
    return [family for family in FAMILY_COLOURS if family in set(frequency["family"])]


def code_frequency_alt(frequency: pd.DataFrame, n_comments: int) -> str:
    """What the code-frequency chart shows, in words: its alt text."""
    bars = "; ".join(f"{label}: {int(count)}" for label, count in zip(frequency["label"], frequency["comments"]))
    return f"Horizontal bar chart of the comments (of {n_comments}) raising each code, most frequent first. {bars}."


SCREEN_CHART_HEIGHT = 470  # px at the most, the axis and the legend included; fewer codes make a shorter chart
SCREEN_ROW = 24  # px a code's row takes where there is room, its bar 65% of it
SCREEN_LABEL_WIDTH = 400  # px at the most for a code's label, on one line (cut at a word)
SCREEN_COUNT_ROOM = 56  # px right of the longest bar for its count


def screen_code_frequency_chart(
    frequency: pd.DataFrame,
    n_comments: int,
    illustrative: bool = False,
    width: int = SCREEN_WIDTH,
    height: int = SCREEN_CHART_HEIGHT,
) -> screen_charts.ScreenChart:
    """:func:`code_frequency_chart` for a live view on a shared screen, drawn with Pillow: ``width`` px across and
    at most ``height`` px down, each code's label on one line left of its bar, its count after it, the axis of
    whole comments and the legend of the families under them, text at SCREEN_TEXT pixels; the same alt text."""
    if frequency.empty:
        return screen_charts.empty_chart("no code reaches the minimum count", width, illustrative)
    font = screen_charts.screen_font(SCREEN_TEXT)
    line = int(font.size * screen_charts.LINE_HEIGHT)
    labels = [
        screen_charts.fitted_lines(textwrap.shorten(label, 60, placeholder="…"), font, SCREEN_LABEL_WIDTH, 1)[0]
        for label in frequency["label"]
    ]
    families = _families(frequency)
    places, legend_height = screen_charts.legend_places(families, font, width - 16)
    below = 6 + line + 4 + line + 6 + legend_height  # tick marks and labels, the axis' title, the legend
    row = min(SCREEN_ROW, (height - 8 - below) / len(frequency))
    tall = round(8 + row * len(frequency) + below)
    image = Image.new("RGB", (width, tall), "white")
    draw = ImageDraw.Draw(image)
    left = 8 + max(font.getlength(label) for label in labels) + 8
    right = width - SCREEN_COUNT_ROOM
    counts = [int(count) for count in frequency["comments"]]
    most = max(max(counts) * 1.15, 1)
    ticks = [tick for tick in MaxNLocator(integer=True).tick_values(0, most) if 0 <= tick <= most]

    def across(count: float) -> float:
        return left + count / most * (right - left)

    bottom = 8 + row * len(frequency)
    for tick in ticks:
        draw.line([(across(tick), bottom), (across(tick), bottom + 5)], fill=TEXT_COLOUR, width=1)
        draw.text((across(tick), bottom + 6 + line / 2), f"{tick:g}", font=font, fill=TEXT_COLOUR, anchor="mm")
    for position, (label, count, family) in enumerate(zip(labels, counts, frequency["family"])):
        middle = 8 + (position + 0.5) * row
        draw.text((left - 8, middle), label, font=font, fill=TEXT_COLOUR, anchor="rm")
        draw.rectangle([left, middle - 0.325 * row, across(count), middle + 0.325 * row], fill=FAMILY_COLOURS[family])
        draw.text((across(count) + 4, middle), str(count), font=font, fill=TEXT_COLOUR, anchor="lm")
    draw.line([(left, 8), (left, bottom)], fill=TEXT_COLOUR, width=1)
    draw.line([(left, bottom), (right, bottom)], fill=TEXT_COLOUR, width=1)
    draw.text(
        ((left + right) / 2, bottom + 6 + line + 4 + line / 2),
        f"comments raising the code (of {n_comments})",
        font=font,
        fill=TEXT_COLOUR,
        anchor="mm",
    )
    key = screen_charts.LEGEND_KEY
    spread = (
        max(x for x, _ in places) + key + screen_charts.LEGEND_KEY_GAP + font.getlength(families[-1])
    )  # a row's width

    def key_of(family: str):
        return lambda x, y: draw.rectangle([x, y, x + key, y + 14], fill=FAMILY_COLOURS[family])

    screen_charts.draw_legend(
        draw,
        [(key_of(family), family) for family in families],
        int((width - spread) / 2),
        int(tall - legend_height - 4),
        width - 16,
        font,
    )
    return screen_charts.finished_chart(image, code_frequency_alt(frequency, n_comments), illustrative)


def heatmap_chart(table: pd.DataFrame, title: str | None = None):
    """Counts of a code-by-stakeholder-type table as a heatmap (sequential blues, counts written in)."""
    rows, columns = table.shape
    # sized for A4: printed about 15 cm wide, its 9-point labels stay near 8 points; every count is written
    # in its cell, so no colour scale is needed; a long label wraps onto a second line, never cut
    figure, axes = plt.subplots(figsize=(2.9 + 0.7 * max(columns, 1), 0.3 * max(rows, 1) + 1.2), layout="constrained")
    if table.empty:
        return nothing_to_show(figure, axes, "nothing to show")
    values = table.to_numpy()
    axes.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(), 1))
    for row in range(rows):
        for column in range(columns):
            value = values[row, column]
            axes.text(
                column,
                row,
                str(value) if value else "·",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if value > values.max() * 0.6 else TEXT_COLOUR,
            )
    axes.set_xticks(
        range(columns), [textwrap.fill(str(c), 11, break_long_words=False) for c in table.columns], fontsize=9
    )
    axes.set_yticks(
        range(rows),
        [textwrap.fill(str(i), 34, break_long_words=False, max_lines=2, placeholder="…") for i in table.index],
        fontsize=9,
        linespacing=1.0,
    )
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    if title:  # wrapped: a title wider than the figure would widen the saved image and shrink the whole chart
        axes.set_title(textwrap.fill(title, 60), loc="right", fontsize=11)
    cells = [
        "{}: {}".format(code, ", ".join(f"{kind} {int(n)}" for kind, n in row.items() if n))
        for code, row in table.iterrows()
        if row.sum()
    ]
    return describe(
        figure,
        f"Heatmap of {len(table)} codes (rows) by {len(table.columns)} stakeholder types (columns), "
        "darker for more comments. " + ("; ".join(cells) + "." if cells else "No comment raises these codes."),
    )
