"""The timeline workbook's charts: the Gantt chart with the as-of line, planned against recorded progress."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..common.numbers import format_share
from ..common.text import shorten
from ..common.wording import count_of
from ..presentation.style import (
    BLUE,
    GREEN,
    GRID_COLOUR,
    LIGHT_GREY,
    MUTED_TEXT,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    TEXT_COLOUR,
    VERMILION,
    describe,
    plain_axes,
)
from ..tables.vocabularies import COMPLETED, IN_PROGRESS, NOT_RECORDED, YET_TO_START
from .progress import Progress, ProgressSummary, day_text, next_quarter, span_text

STATUS_COLOURS = {
    COMPLETED: GREEN,
    IN_PROGRESS: ORANGE,
    YET_TO_START: SKY_BLUE,
    NOT_RECORDED: LIGHT_GREY,
}
OVERDUE_EDGE = VERMILION
AS_OF_COLOUR = PURPLE
EDGE_COLOUR = "#555555"
ONE_DAY = pd.Timedelta(days=1)


def end_of_day(day: pd.Timestamp) -> pd.Timestamp:
    """Where a day ends on a time axis (midnight after it). Bars run from the start of their first
    day to the end of their last, and the as-of line stands at the end of the as-of day, so an
    activity ending on the as-of day ends exactly on the line: ended, as the tables count it."""
    return day + ONE_DAY


NEXT_QUARTER_COLOUR = "#EDE4F2"  # a pale purple band: the three months after the as-of line
ROW_INCHES = 0.28  # one activity's row: 23 rows (5 workstreams, 18 activities) fit a screen and half an A4 page
TITLE_WIDTH = 90  # characters a title line holds at 12 points across a 9-inch chart


def wrapped_title(figure, title: str | None) -> None:
    """The chart's title, the takeaway in a sentence, across the whole figure from its left edge,
    wrapped to its width."""
    if title:
        # the layout places the title (and the plot under it) 12 points below the top: room for the
        # illustrative mark, which is drawn above the figure's top edge
        figure.get_layout_engine().set(h_pad=12 / 72)
        figure.suptitle(textwrap.fill(title, TITLE_WIDTH), x=0.01, ha="left", fontsize=12, color=TEXT_COLOUR)


def gantt_chart(progress: Progress, title: str | None = None, description_width: int = 36):
    """Planned periods as bars coloured by the latest status, grouped by workstream, with the as-of
    line at the end of the as-of day (:func:`end_of_day`) and the next quarter shaded after it.

    Overdue activities get a thick vermilion edge; activities whose page stops before the timeline
    are listed with a note in place of a bar. The legend names the statuses shown. Returns the
    matplotlib Figure.
    """
    assessed, as_of = progress.activities, progress.as_of
    rows = []  # (kind, text, activity row or None)
    for workstream, group in assessed.groupby("workstream", sort=True):
        rows.append(("header", workstream, None))
        for _, activity in group.iterrows():
            rows.append(("activity", f"{activity['activity_id']}. {shorten(activity['description'], description_width)}", activity))
    height = max(2.5, ROW_INCHES * len(rows) + 1.6 + (0.4 if title else 0))
    # 9 inches wide: printed across an A4 page at about 80%, so its 9-point labels stay legible on paper
    figure, axes = plt.subplots(figsize=(9, height), layout="constrained")
    quarter_first, quarter_last = next_quarter(as_of)
    starts = assessed["planned_start"].dropna()
    ends = assessed["planned_end"].dropna()
    left = min([*starts, as_of]) - pd.Timedelta(days=45)
    right = max([*ends, end_of_day(quarter_last)]) + pd.Timedelta(days=45)
    axes.axvspan(quarter_first, end_of_day(quarter_last), color=NEXT_QUARTER_COLOUR, zorder=0, linewidth=0)
    labels = []
    for position, (kind, text, activity) in enumerate(rows):
        if kind == "header":
            labels.append("")
            axes.text(left, position, textwrap.shorten(text, 64, placeholder="…"), va="center", ha="left",
                      fontsize=9.5, fontweight="bold", color=TEXT_COLOUR)
            continue
        labels.append(text)
        if pd.isna(activity["planned_start"]) or pd.isna(activity["planned_end"]):
            axes.text(left + pd.Timedelta(days=10), position, "no timeline: the stored page stops before it",
                      va="center", fontsize=8, style="italic", color=MUTED_TEXT)
            continue
        start, end = activity["planned_start"], end_of_day(activity["planned_end"])
        overdue = bool(activity["overdue"])
        axes.barh(position, end - start, left=start, height=0.64,
                  color=STATUS_COLOURS.get(activity["status"], STATUS_COLOURS[NOT_RECORDED]),
                  edgecolor=OVERDUE_EDGE if overdue else EDGE_COLOUR, linewidth=2.2 if overdue else 0.6,
                  hatch="//" if activity["status"] == NOT_RECORDED else None, zorder=2)
    axes.axvline(end_of_day(as_of), color=AS_OF_COLOUR, linewidth=2, linestyle="--", zorder=3)
    near_the_right = end_of_day(as_of) > left + (right - left) * 0.8  # label to the line's left, inside the axes
    axes.text(end_of_day(as_of), -0.9, f"as of {as_of:%d %b %Y} " if near_the_right else f" as of {as_of:%d %b %Y}",
              color=AS_OF_COLOUR, fontsize=9, va="bottom", ha="right" if near_the_right else "left")
    axes.set_yticks(range(len(rows)), labels, fontsize=9)
    axes.set_ylim(len(rows) - 0.4, -1.2)
    axes.set_xlim(left, right)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    axes.tick_params(axis="x", labelsize=8.5)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    axes.grid(axis="x", color=GRID_COLOUR)
    axes.set_axisbelow(True)
    plain_axes(axes)
    shown = set(assessed.loc[assessed["planned_end"].notna(), "status"])
    legend = [Patch(facecolor=colour, edgecolor=EDGE_COLOUR, label=status,
                    hatch="//" if status == NOT_RECORDED else None)
              for status, colour in STATUS_COLOURS.items() if status in shown]
    if progress.summary.overdue:
        legend.append(Patch(facecolor="white", edgecolor=OVERDUE_EDGE, linewidth=2.2, label="Overdue"))
    legend.append(Patch(facecolor=NEXT_QUARTER_COLOUR, edgecolor="none", label="Next quarter"))
    axes.tick_params(axis="y", length=0)
    figure.legend(handles=legend, loc="outside lower center", ncol=len(legend), frameon=False, fontsize=9)
    wrapped_title(figure, title)
    return describe(figure, gantt_alt(progress))


def _bar_label(axes, position: int, length: float, text: str) -> None:
    """``text`` after a bar of ``length`` (0-100), or inside its end in white when the bar is too
    long for the text to fit after it."""
    if length > 55:
        axes.text(length - 1, position, text, va="center", ha="right", fontsize=9, color="white")
    else:
        axes.text(length + 1, position, text, va="center", ha="left", fontsize=9)


def progress_chart(summary: ProgressSummary, title: str | None = None):
    """Planned against recorded share of activities done, as two horizontal bars, each labelled
    with its percentage as the key findings write it (:func:`.progress.share_text`)."""
    figure, axes = plt.subplots(figsize=(9, 2.1 + (0.5 if title else 0)), layout="constrained")
    planned = (summary.planned_share or 0) * 100
    recorded = summary.recorded_share
    axes.barh([0], [planned], color=BLUE, height=0.55)
    _bar_label(axes, 0, planned, f"{format_share(summary.planned_done, summary.with_timeline)} planned to have ended")
    if recorded is None:
        axes.text(1, 1, "no status recorded", va="center", fontsize=9, style="italic", color=MUTED_TEXT)
    else:
        axes.barh([1], [recorded * 100], color=STATUS_COLOURS[COMPLETED], height=0.55)
        _bar_label(axes, 1, recorded * 100, f"{format_share(summary.completed, summary.with_timeline)} recorded as Completed")
    axes.set_yticks([0, 1], ["Planned", "Recorded"])
    axes.set_xlim(0, 100)
    axes.set_ylim(1.6, -0.6)
    axes.set_xlabel(f"% of the {summary.with_timeline} activities with a timeline")
    plain_axes(axes)
    wrapped_title(figure, title)
    return describe(figure, progress_alt(summary))


def progress_alt(summary: ProgressSummary) -> str:
    """What the planned-against-recorded bars show, in words."""
    day = day_text(summary.as_of)
    planned = (f"{summary.planned_done} of {summary.with_timeline} activities with a timeline were planned to have "
               f"ended by {day}") if summary.with_timeline else "No activity has a timeline"
    recorded = ("no status is recorded" if summary.recorded_share is None else
                f"{summary.completed} of {summary.with_timeline} are recorded as Completed")
    return f"Bar chart of planned against recorded progress. {planned}; {recorded}."


def gantt_alt(progress: Progress) -> str:
    """What the timeline bars show, in words."""
    assessed, day = progress.activities, day_text(progress.as_of)
    with_timeline = assessed[assessed["planned_start"].notna()]
    span = (f" from {with_timeline['planned_start'].min():%B %Y} to {with_timeline['planned_end'].max():%B %Y}"
            if len(with_timeline) else "")
    statuses = assessed["status"].value_counts()
    status_words = "; ".join(f"{count_of(int(n), 'activity')} {status}" for status, n in statuses.items())
    return (f"Timeline chart: one bar per activity ({count_of(len(assessed), 'activity')} in "
            f"{count_of(assessed['workstream'].nunique(), 'workstream')}){span}, with a line at {day} "
            f"and the next quarter ({span_text(*next_quarter(progress.as_of))}) shaded. "
            f"Latest status: {status_words or 'none'}. "
            + (f"{count_of(progress.summary.overdue, 'activity is', 'activities are')} marked overdue. "
               if progress.summary.recorded else "With no status recorded, none can be marked overdue. ")
            + "The table of activities gives every bar's dates and status.")
