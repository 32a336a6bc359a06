"""One house style for every figure: colour-blind-safe colours (Okabe-Ito), plain axes."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .timeline import shorten
from .status import COMPLETED, IN_PROGRESS, NOT_RECORDED, YET_TO_START

STATUS_COLOURS = {
    COMPLETED: "#009E73",
    IN_PROGRESS: "#E69F00",
    YET_TO_START: "#56B4E9",
    NOT_RECORDED: "#D9D9D9",
}
OVERDUE_EDGE = "#D55E00"
AS_OF_COLOUR = "#CC79A7"
TEXT_COLOUR = "#222222"


def _nothing_to_show(figure, axes, text: str):
    """An empty chart that says why it is empty."""
    axes.text(0.5, 0.5, text, ha="center", va="center", style="italic", color="#666666", transform=axes.transAxes)
    axes.set_axis_off()
    return figure


def gantt_chart(assessed: pd.DataFrame, as_of, title: str | None = None, description_width: int = 48):
    """Planned periods as bars coloured by the latest status, grouped by workstream, with the as-of line.

    Overdue activities get a thick vermilion edge; activities whose page stops before the timeline
    are listed with a note in place of a bar. Returns the matplotlib Figure.
    """
    as_of = pd.Timestamp(as_of)
    rows = []  # (kind, text, activity row or None)
    for workstream, group in assessed.groupby("workstream", sort=True):
        rows.append(("header", workstream, None))
        for _, activity in group.iterrows():
            rows.append(("activity", f"{activity['activity_id']}. {shorten(activity['description'], description_width)}", activity))
    height = max(2.5, 0.32 * len(rows) + 1.4)
    figure, axes = plt.subplots(figsize=(11, height), layout="constrained")
    starts = assessed["planned_start"].dropna()
    ends = assessed["planned_end"].dropna()
    left = min([*starts, as_of]) - pd.Timedelta(days=45)
    right = max([*ends, as_of]) + pd.Timedelta(days=45)
    labels = []
    for position, (kind, text, activity) in enumerate(rows):
        if kind == "header":
            labels.append("")
            axes.text(left, position, textwrap.shorten(text, 95, placeholder="…"), va="center", ha="left",
                      fontsize=9.5, fontweight="bold", color=TEXT_COLOUR)
            continue
        labels.append(text)
        if pd.isna(activity["planned_start"]) or pd.isna(activity["planned_end"]):
            axes.text(left + pd.Timedelta(days=10), position, "no timeline: the stored page stops before it",
                      va="center", fontsize=8, style="italic", color="#666666")
            continue
        start, end = activity["planned_start"], activity["planned_end"] + pd.Timedelta(days=1)
        overdue = bool(activity["overdue"])
        axes.barh(position, end - start, left=start, height=0.62,
                  color=STATUS_COLOURS.get(activity["status"], STATUS_COLOURS[NOT_RECORDED]),
                  edgecolor=OVERDUE_EDGE if overdue else "#555555", linewidth=2.2 if overdue else 0.6,
                  hatch="//" if activity["status"] == NOT_RECORDED else None)
    axes.axvline(as_of, color=AS_OF_COLOUR, linewidth=2, linestyle="--")
    axes.text(as_of, -0.9, f" as of {as_of:%d %b %Y}", color=AS_OF_COLOUR, fontsize=9, va="bottom", ha="left")
    axes.set_yticks(range(len(rows)), labels, fontsize=8.5)
    axes.set_ylim(len(rows) - 0.4, -1.2)
    axes.set_xlim(left, right)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    axes.grid(axis="x", color="#EEEEEE")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    legend = [Patch(facecolor=colour, edgecolor="#555555", label=status,
                    hatch="//" if status == NOT_RECORDED else None) for status, colour in STATUS_COLOURS.items()]
    legend.append(Patch(facecolor="white", edgecolor=OVERDUE_EDGE, linewidth=2.2, label="Overdue"))
    axes.tick_params(axis="y", length=0)
    figure.legend(handles=legend, loc="outside lower center", ncol=5, frameon=False, fontsize=8.5)
    if title:
        axes.set_title(title, loc="left", fontsize=12, color=TEXT_COLOUR)
    return figure


def progress_chart(summary, title: str | None = None):
    """Planned against recorded share of activities done, as two horizontal bars."""
    figure, axes = plt.subplots(figsize=(7, 1.9), layout="constrained")
    planned = (summary.planned_share or 0) * 100
    recorded = summary.recorded_share
    axes.barh([0], [planned], color="#0072B2", height=0.55)
    axes.text(planned + 1, 0, f"{planned:.0f}% planned to have ended", va="center", fontsize=9)
    if recorded is None:
        axes.text(1, 1, "no status recorded", va="center", fontsize=9, style="italic", color="#666666")
    else:
        axes.barh([1], [recorded * 100], color=STATUS_COLOURS[COMPLETED], height=0.55)
        axes.text(recorded * 100 + 1, 1, f"{recorded * 100:.0f}% recorded as Completed", va="center", fontsize=9)
    axes.set_yticks([0, 1], ["Planned", "Recorded"])
    axes.set_xlim(0, 100)
    axes.set_ylim(1.6, -0.6)
    axes.set_xlabel(f"% of the {summary.with_timeline} activities with a timeline")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    return figure


FAMILY_COLOURS = {"GCM objective": "#0072B2", "Guiding principle": "#E69F00", "Checklist theme": "#009E73"}


def code_frequency_chart(frequency: pd.DataFrame, n_comments: int, title: str | None = None):
    """Comments per code as horizontal bars, coloured by family (GCM objective, principle, theme)."""
    rows = max(len(frequency), 1)
    figure, axes = plt.subplots(figsize=(9, 0.3 * rows + 1.3), layout="constrained")
    if frequency.empty:
        return _nothing_to_show(figure, axes, "no code reaches the minimum count")
    positions = range(len(frequency))
    axes.barh(list(positions), frequency["comments"], color=[FAMILY_COLOURS[f] for f in frequency["family"]], height=0.65)
    for position, count in zip(positions, frequency["comments"]):
        axes.text(count + 0.05, position, f" {count}", va="center", fontsize=8.5)
    axes.set_yticks(list(positions), [textwrap.shorten(label, 48, placeholder="…") for label in frequency["label"]],
                    fontsize=8.5)
    axes.set_ylim(len(frequency) - 0.4, -0.6)
    axes.set_xlim(0, max(frequency["comments"].max() * 1.15, 1))
    axes.set_xlabel(f"comments raising the code (of {n_comments})")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    present = [family for family in FAMILY_COLOURS if family in set(frequency["family"])]
    figure.legend(handles=[Patch(facecolor=FAMILY_COLOURS[f], label=f) for f in present], loc="outside lower center",
                  ncol=3, frameon=False, fontsize=8.5)
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    return figure


def heatmap_chart(table: pd.DataFrame, title: str | None = None):
    """Counts of a code-by-stakeholder-type table as a heatmap (sequential blues, counts written in)."""
    rows, columns = table.shape
    figure, axes = plt.subplots(figsize=(2.2 + 1.25 * max(columns, 1) + 2.8, 0.32 * max(rows, 1) + 1.6),
                                layout="constrained")
    if table.empty:
        return _nothing_to_show(figure, axes, "nothing to show")
    values = table.to_numpy()
    image = axes.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(), 1))
    for row in range(rows):
        for column in range(columns):
            value = values[row, column]
            axes.text(column, row, str(value) if value else "·", ha="center", va="center", fontsize=8,
                      color="white" if value > values.max() * 0.6 else TEXT_COLOUR)
    axes.set_xticks(range(columns), [textwrap.fill(str(c), 14) for c in table.columns], fontsize=8)
    axes.set_yticks(range(rows), [textwrap.shorten(str(i), 48, placeholder="…") for i in table.index], fontsize=8.5)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    figure.colorbar(image, ax=axes, shrink=0.6, label="comments")
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    return figure


SCORE_COLOURS = {0: "#F2F2F2", 50: "#9ECAE1", 100: "#0072B2"}  # absent, partial, present
SCORE_NAMES = {0: "0 absent (not shown)", 50: "50 partial", 100: "100 present"}
GROUP_COLOUR = "#E69F00"


def score_heatmap_chart(matrix: pd.DataFrame, reviewed: pd.DataFrame | None = None, title: str | None = None):
    """Practices (rows) by checklist items (columns), cells coloured absent / partial / present with
    the score written in; a reviewed score is marked with a dot and a dark edge."""
    rows, columns = matrix.shape
    figure, axes = plt.subplots(figsize=(2.8 + 0.95 * max(columns, 1) + 1.2, 0.5 * max(rows, 1) + 2.0),
                                layout="constrained")
    if matrix.empty:
        return _nothing_to_show(figure, axes, "nothing to show")
    for row in range(rows):
        for column in range(columns):
            value = int(matrix.iat[row, column])
            checked = reviewed is not None and bool(reviewed.iat[row, column])
            axes.add_patch(plt.Rectangle((column - 0.5, row - 0.5), 1, 1, facecolor=SCORE_COLOURS[value],
                                         edgecolor="#222222" if checked else "white", linewidth=2 if checked else 1.5))
            axes.text(column, row, f"{value}{' •' if checked else ''}", ha="center", va="center", fontsize=8,
                      color="white" if value == 100 else TEXT_COLOUR)
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xticks(range(columns), [textwrap.fill(str(c), 13) for c in matrix.columns], fontsize=8)
    axes.set_yticks(range(rows), [textwrap.shorten(str(i), 44, placeholder="…") for i in matrix.index], fontsize=8.5)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    handles = [Patch(facecolor=SCORE_COLOURS[s], edgecolor="#999999", label=SCORE_NAMES[s]) for s in SCORE_COLOURS]
    handles.append(Patch(facecolor="white", edgecolor="#222222", linewidth=2, label="• reviewed by a person"))
    figure.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False, fontsize=8)
    if title:
        axes.set_title(title, loc="left", fontsize=11)
    return figure


def radar_chart(matrix: pd.DataFrame, group_label: str = "mean of the practices compared", title: str | None = None):
    """One small radar per practice (rows of ``matrix``: practices by items, scores 0-100), each
    with the mean of all rows dashed behind it for reference."""
    import numpy as np

    practices, items = matrix.shape
    if practices == 0 or items < 3:
        figure, axes = plt.subplots(figsize=(6, 1.2))
        return _nothing_to_show(figure, axes, "a radar needs at least three items: choose more pillars")
    columns = min(3, practices)
    lines = -(-practices // columns)
    figure, grid = plt.subplots(lines, columns, figsize=(3.7 * columns, 3.9 * lines + 0.5),
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
        axes.plot(closed, values + values[:1], color="#0072B2", linewidth=1.8)
        axes.fill(closed, values + values[:1], color="#0072B2", alpha=0.18)
        axes.set_ylim(0, 100)
        axes.set_yticks([50, 100], ["50", "100"], fontsize=6.5, color="#666666")
        axes.set_xticks(angles, [textwrap.fill(str(c), 12) for c in matrix.columns], fontsize=6.8)
        axes.set_title(textwrap.fill(textwrap.shorten(str(matrix.index[position]), 70, placeholder="…"), 34),
                       fontsize=8.5, pad=14)
    figure.legend(handles=[Patch(facecolor="#0072B2", alpha=0.5, label="the practice"),
                           Patch(facecolor="white", edgecolor=GROUP_COLOUR, linestyle="--", label=group_label)],
                  loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    if title:
        figure.suptitle(title, x=0.01, ha="left", fontsize=11)
    return figure
