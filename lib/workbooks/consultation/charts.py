"""The consultation workbook's charts: code frequency, and codes by stakeholder type."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..presentation.style import (
    BLUE,
    GREEN,
    ORANGE,
    SCREEN_CHART_INCHES,
    SCREEN_FONT_POINTS,
    TEXT_COLOUR,
    describe,
    nothing_to_show,
    plain_axes,
)

FAMILY_COLOURS = {"GCM objective": BLUE, "Guiding principle": ORANGE, "Checklist theme": GREEN}


def code_frequency_chart(frequency: pd.DataFrame, n_comments: int, title: str | None = None, screen: bool = False):
    """Comments per code as horizontal bars, coloured by family (GCM objective, principle, theme).
    ``screen``: sized for a live view on a shared screen (axis and legend within SCREEN_CHART_INCHES,
    larger type); else for A4."""
    rows = max(len(frequency), 1)
    if screen:
        width, most = SCREEN_CHART_INCHES
        size, font = (width, min(most, 0.24 * rows + 1.1)), SCREEN_FONT_POINTS
    else:
        size, font = (7.2, 0.22 * rows + 1.3), 8.5  # printed across A4 at ~8 pt
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    if frequency.empty:
        return nothing_to_show(figure, axes, "no code reaches the minimum count")
    positions = range(len(frequency))
    axes.barh(list(positions), frequency["comments"], color=[FAMILY_COLOURS[f] for f in frequency["family"]], height=0.65)
    for position, count in zip(positions, frequency["comments"]):
        axes.text(count + 0.05, position, f" {count}", va="center", fontsize=font)
    axes.set_yticks(list(positions), [textwrap.shorten(label, 60, placeholder="…") for label in frequency["label"]],
                    fontsize=font)
    axes.set_ylim(len(frequency) - 0.4, -0.6)
    axes.set_xlim(0, max(frequency["comments"].max() * 1.15, 1))
    axes.set_xlabel(f"comments raising the code (of {n_comments})", fontsize=font if screen else None)
    if screen:
        axes.tick_params(axis="x", labelsize=font)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="y", length=0)
    plain_axes(axes)
    present = [family for family in FAMILY_COLOURS if family in set(frequency["family"])]
    figure.legend(handles=[Patch(facecolor=FAMILY_COLOURS[f], label=f) for f in present], loc="outside lower center",
                  ncol=3, frameon=False, fontsize=font)
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    bars = "; ".join(f"{row['label']}: {int(row['comments'])}" for _, row in frequency.iterrows())
    return describe(figure, f"Horizontal bar chart of the comments (of {n_comments}) raising each code, most frequent "
                            f"first. {bars}.")


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
            axes.text(column, row, str(value) if value else "·", ha="center", va="center", fontsize=9,
                      color="white" if value > values.max() * 0.6 else TEXT_COLOUR)
    axes.set_xticks(range(columns), [textwrap.fill(str(c), 11, break_long_words=False) for c in table.columns], fontsize=9)
    axes.set_yticks(range(rows), [textwrap.fill(str(i), 34, break_long_words=False, max_lines=2, placeholder="…")
                                  for i in table.index], fontsize=9, linespacing=1.0)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    if title:  # wrapped: a title wider than the figure would widen the saved image and shrink the whole chart
        axes.set_title(textwrap.fill(title, 60), loc="right", fontsize=11)
    cells = ["{}: {}".format(code, ", ".join(f"{kind} {int(n)}" for kind, n in row.items() if n))
             for code, row in table.iterrows() if row.sum()]
    return describe(figure, f"Heatmap of {len(table)} codes (rows) by {len(table.columns)} stakeholder types (columns), "
                            "darker for more comments. " + ("; ".join(cells) + "." if cells else "No comment raises these codes."))
