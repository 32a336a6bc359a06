"""The comparison workbook's charts: practices by checklist items, and a radar per practice."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..presentation.style import (
    BLUE,
    MUTED_TEXT,
    ORANGE,
    TEXT_COLOUR,
    describe,
    nothing_to_show,
)
from ..tables.review_status import review_words

SCORE_COLOURS = {0: "#F2F2F2", 50: "#9ECAE1", 100: BLUE}  # absent, partial, present
SCORE_NAMES = {0: "0 not shown", 50: "50 partly shown", 100: "100 fully shown"}
GROUP_COLOUR = ORANGE


def reviewed_legend(reviewed: pd.DataFrame) -> str:
    """The legend entry for checked cells, in review_status's words from the reviewers named in
    ``reviewed`` (text cells; "" where automatic): "• checked by an AI assistant, not yet by a
    person"; "• checked" where it holds flags rather than names."""
    names = [value for value in reviewed.to_numpy().ravel() if isinstance(value, str) and value.strip()]
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
    figure, axes = plt.subplots(figsize=(3.2 + 0.62 * max(columns, 1) + 0.6, 0.52 * max(rows, 1) + 2.2),
                                layout="constrained")
    if matrix.empty:
        return nothing_to_show(figure, axes, "nothing to show")
    for row in range(rows):
        for column in range(columns):
            value = int(matrix.iat[row, column])
            checked = reviewed is not None and bool(reviewed.iat[row, column])
            axes.add_patch(plt.Rectangle((column - 0.5, row - 0.5), 1, 1, facecolor=SCORE_COLOURS[value],
                                         edgecolor=TEXT_COLOUR if checked else "white", linewidth=2 if checked else 1.5))
            axes.text(column, row, f"{value}{' •' if checked else ''}", ha="center", va="center", fontsize=9,
                      color="white" if value == 100 else TEXT_COLOUR)
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xticks(range(columns), [textwrap.fill(str(c), 11, break_long_words=False) for c in matrix.columns], fontsize=9)
    # a practice's name whole where it fits three lines of 34 characters (cut at a word after that), so
    # that printed at about 7 points it is still read, not guessed
    axes.set_yticks(range(rows), [row_label(str(name)) for name in matrix.index], fontsize=9)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    handles = [Patch(facecolor=SCORE_COLOURS[s], edgecolor="#999999", label=SCORE_NAMES[s]) for s in SCORE_COLOURS]
    if reviewed is not None and reviewed.astype(bool).to_numpy().any():
        handles.append(Patch(facecolor="white", edgecolor=TEXT_COLOUR, linewidth=2, label=reviewed_legend(reviewed)))
    figure.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False, fontsize=8)
    if title:
        figure.suptitle(textwrap.fill(title, 95), x=0.01, ha="left", fontsize=11, fontweight="bold")
    full = [f"{item}: {int((matrix[item] == 100).sum())}" for item in matrix.columns]
    marked = int(reviewed.astype(bool).to_numpy().sum()) if reviewed is not None else 0
    return describe(figure, f"Heatmap of {len(matrix)} practices (rows) by {len(matrix.columns)} checklist items "
                            f"(columns), darker where a record shows an item more fully. Practices showing each item "
                            f"fully: {'; '.join(full)}. {marked} cells carry a checked score.")


def radar_chart(matrix: pd.DataFrame, group_label: str = "mean of the practices compared", title: str | None = None):
    """One small radar per practice (rows of ``matrix``: practices by items, scores 0-100), each
    with the mean of all rows dashed behind it for reference."""
    practices, items = matrix.shape
    if practices == 0 or items < 3:
        figure, axes = plt.subplots(figsize=(6, 1.2))
        return nothing_to_show(figure, axes, "a radar needs at least three items: choose more pillars")
    columns = min(3, practices)
    lines = -(-practices // columns)
    figure, grid = plt.subplots(lines, columns, figsize=(3.1 * columns, 3.4 * lines + 0.5),
                                subplot_kw={"projection": "polar"}, layout="constrained", squeeze=False)
    angles = np.linspace(0, 2 * np.pi, items, endpoint=False).tolist()
    closed = angles + angles[:1]
    mean = matrix.mean(axis=0).tolist()
    for position, axes in enumerate(grid.flat):
        if position >= practices:
            axes.set_axis_off()
            continue
        values = matrix.iloc[position].tolist()
        axes.plot(closed, mean + mean[:1], color=GROUP_COLOUR, linewidth=1.2, linestyle="--")
        axes.plot(closed, values + values[:1], color=BLUE, linewidth=1.8)
        axes.fill(closed, values + values[:1], color=BLUE, alpha=0.18)
        axes.set_ylim(0, 100)
        axes.set_yticks([50, 100], ["50", "100"], fontsize=7.5, color=MUTED_TEXT)
        axes.set_xticks(angles, [textwrap.fill(str(c), 11, break_long_words=False) for c in matrix.columns], fontsize=8)
        axes.tick_params(axis="x", pad=7)  # labels clear of the outer ring
        axes.set_rlabel_position(180 / items)  # the 50 and 100 marks between two spokes, clear of their labels
        axes.set_title(textwrap.fill(textwrap.shorten(str(matrix.index[position]), 60, placeholder="…"), 30),
                       fontsize=9, pad=16)
    figure.legend(handles=[Patch(facecolor=BLUE, alpha=0.5, label="the practice"),
                           Patch(facecolor="white", edgecolor=GROUP_COLOUR, linestyle="--", label=group_label)],
                  loc="outside lower center", ncol=2, frameon=False, fontsize=9)
    if title:
        figure.suptitle(title, x=0.01, ha="left", fontsize=11)
    shown = [f"{name}: {int((row > 0).sum())} of {len(row)} items" for name, row in matrix.iterrows()]
    return describe(figure, f"One radar chart per practice over the {len(matrix.columns)} checklist items in focus, "
                            f"against the {group_label}. Items each record shows at least in part: {'; '.join(shown)}.")
