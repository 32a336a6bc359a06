"""The timeline workbook's charts: the Gantt chart with the as-of line, planned against recorded progress."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import Bbox, IdentityTransform, blended_transform_factory

from ..common.numbers import format_share
from ..common.text import shorten
from ..common.wording import count_of, verb_for
from ..presentation.style import (
    BLUE,
    GREEN,
    GRID_COLOUR,
    LIGHT_GREY,
    MUTED_TEXT,
    ORANGE,
    PURPLE,
    SCREEN_DPI,
    SCREEN_FONT_POINTS,
    SCREEN_WIDTH,
    SKY_BLUE,
    TEXT_COLOUR,
    describe,
    plain_axes,
)
from ..tables.vocabularies import COMPLETED, IN_PROGRESS, NOT_RECORDED, YET_TO_START
from .progress import (
    Progress,
    ProgressSummary,
    activity_name,
    day_text,
    month_text,
    next_quarter,
    short_day_text,
    span_text,
    time_since_text,
)

STATUS_COLOURS = {
    COMPLETED: GREEN,
    IN_PROGRESS: ORANGE,
    YET_TO_START: SKY_BLUE,
    NOT_RECORDED: LIGHT_GREY,
}
# an overdue bar keeps its status colour and gets a thick black outline: told apart by its width and darkness, not
# by a hue next to the status colours (a vermilion edge read like In progress's orange to colour-blind readers)
OVERDUE_EDGE = "#000000"
OVERDUE_LINE_WIDTH = 2.6
HEADER_WIDTH = (
    72  # characters of a workstream's name on one line (bold, 9.5 points) across the figure; longer wrap, whole
)
HEADER_ZORDER = 5  # a workstream's name is drawn over the as-of line, the next-quarter band and the grid, on white
PLANNED_COLOUR = SKY_BLUE  # a planned calendar's bars: no status is recorded, so one colour for the plan
AS_OF_COLOUR = PURPLE
EDGE_COLOUR = "#555555"
ONE_DAY = pd.Timedelta(days=1)


def end_of_day(day: pd.Timestamp) -> pd.Timestamp:
    """Where a day ends on a time axis (midnight after it). Bars run from the start of their first
    day to the end of their last, and the as-of line stands at the end of the as-of day, so an
    activity ending on the as-of day ends exactly on the line: ended, as the tables count it."""
    return day + ONE_DAY


class TimeAxis(NamedTuple):
    """The Gantt chart's time axis: its ends, and whether the as-of line and the next quarter stand on
    it. The axis covers the planned periods; it reaches out to the as-of day and the quarter after it
    only when they fall within :data:`AXIS_REACH` of the plan. A day further off (a brief made two years
    after the plan ended) is marked at the axis's edge with how far it is, not drawn to scale across
    empty years. The chart and its alt text read the same axis."""

    left: pd.Timestamp
    right: pd.Timestamp
    as_of_on_axis: bool
    plan_first: pd.Timestamp | None  # the first planned start; None without any timeline
    plan_last: pd.Timestamp | None  # the last planned end


AXIS_REACH = pd.DateOffset(months=6)
AXIS_MARGIN = pd.Timedelta(days=45)


def time_axis(progress: Progress) -> TimeAxis:
    assessed, as_of = progress.activities, progress.as_of
    starts, ends = assessed["planned_start"].dropna(), assessed["planned_end"].dropna()
    if not len(starts) or not len(ends):
        first, last = None, None
        on_axis = True
    else:
        first, last = starts.min(), ends.max()
        on_axis = first - AXIS_REACH <= as_of <= last + AXIS_REACH
    if on_axis or first is None or last is None:  # no plan (first, last None) stands on the axis
        left = min([*starts, as_of]) - AXIS_MARGIN
        right = max([*ends, end_of_day(next_quarter(as_of)[1])]) + AXIS_MARGIN
    else:
        left, right = first - AXIS_MARGIN, end_of_day(last) + AXIS_MARGIN
    return TimeAxis(left, right, on_axis, first, last)


def axis_ticks(axis: TimeAxis) -> list[pd.Timestamp]:
    """The labelled days of the axis: every 1 January and 1 July on it."""
    return [day for day in pd.date_range(axis.left.normalize(), axis.right, freq="MS") if day.month in (1, 7)]


def axis_words(axis: TimeAxis) -> str:
    """The axis as its labels read: "January 2022 to January 2025"."""
    ticks = axis_ticks(axis)
    return (
        f"{month_text(ticks[0])} to {month_text(ticks[-1])}"
        if ticks
        else f"{month_text(axis.left)} to {month_text(axis.right)}"
    )


def off_axis_words(progress: Progress, axis: TimeAxis) -> str:
    """Where the as-of day stands when it is off the axis: "6 Dec 2026, 23 months after the last planned
    end"; "" when it is on the axis."""
    if axis.as_of_on_axis or axis.plan_first is None or axis.plan_last is None:  # off the axis: both are known
        return ""
    as_of = progress.as_of
    if as_of > axis.plan_last:
        return f"{as_of:%-d %b %Y}, {time_since_text(axis.plan_last, as_of)} after the last planned end"
    return f"{as_of:%-d %b %Y}, {time_since_text(as_of, axis.plan_first)} before the first planned start"


NEXT_QUARTER_COLOUR = "#EDE4F2"  # a pale purple band: the three months after the as-of line
ROW_INCHES = (
    0.155  # one row of the Gantt chart: a one-line label at 9 points (0.15 inches high as drawn), single-spaced
)
LINE_INCHES = 0.147  # each further line of a wrapped label (9 points at a line spacing of 1.05: 0.146 inches)
EXTRA_LINE_ROWS = LINE_INCHES / ROW_INCHES  # each further line of a wrapped label, in rows
HEADING_SPACE_ROWS = 0.25  # above a workstream's name, apart from the last row of the one before
HEADING_LINE_ROWS = 0.16 / ROW_INCHES  # each further line of a wrapped workstream name (9.5 points, bold), in rows
# The Gantt chart is as wide as an A4 page's text (184 mm): printed at about its own size, so that its 9-point
# labels stay 9 points on paper; each activity's short name is whole, wrapped onto lines of LABEL_WIDTH characters.
GANTT_INCHES = 7.0
LABEL_WIDTH = 48
TITLE_CHARACTERS_PER_INCH = 10  # a title line at 12 points: 90 characters across 9 inches


def wrapped_title(figure, title: str | None) -> None:
    """The chart's title, the takeaway in a sentence, across the whole figure from its left edge,
    wrapped to its width."""
    if title:
        # the layout places the title (and the plot under it) 12 points below the top: room for the
        # illustrative mark, which is drawn above the figure's top edge
        figure.get_layout_engine().set(h_pad=12 / 72)
        width = int(figure.get_size_inches()[0] * TITLE_CHARACTERS_PER_INCH)
        figure.suptitle(textwrap.fill(title, width), x=0.01, ha="left", fontsize=12, color=TEXT_COLOUR)


EVENT_COLOUR = "#000000"  # black diamonds: an event a page lists, apart from every status colour
EVENTS_ROW = "events listed on its page"
NEAR_EVENTS_SHARE = 0.03  # events closer than this share of the time axis (a diamond's width and a little) share one


@dataclass(frozen=True)
class EventMark:
    day: pd.Timestamp  # where its diamond stands: the middle of its events' days
    count: int  # how many events it stands for: more than 1 for events too close to draw apart


def event_marks(days, axis: TimeAxis) -> list[EventMark]:
    """The diamonds of a workstream's events on the axis: one per event, but one for events closer than
    :data:`NEAR_EVENTS_SHARE` of the axis to the one before (8 and 24 May 2023 on a three-year axis),
    standing between them and labelled with how many, so that no two diamonds overlap into one blob."""
    near = (axis.right - axis.left) * NEAR_EVENTS_SHARE
    groups: list[list[pd.Timestamp]] = []
    for day in sorted(day for day in days if axis.left <= day <= axis.right):
        if groups and day - groups[-1][-1] < near:
            groups[-1].append(day)
        else:
            groups.append([day])
    return [EventMark(group[0] + (group[-1] - group[0]) / 2 + pd.Timedelta(hours=12), len(group)) for group in groups]


def activity_label(activity) -> str:
    """An activity's label beside its bar: its number and its short name (:func:`.progress.activity_name`),
    whole, wrapped onto lines of :data:`LABEL_WIDTH` characters: "vii. Finalize the Guidance"."""
    name = activity_name(activity["description"], activity["activity_id"])
    return "\n".join(
        textwrap.wrap(f"{activity['activity_id']}. {name}", LABEL_WIDTH, break_long_words=False, break_on_hyphens=False)
    )


def row_positions(rows) -> tuple[list[float], float]:
    """Where each row stands on the y axis (rows down from 0), a row of a label on several lines
    taller by :data:`EXTRA_LINE_ROWS` a further line (a workstream's name by :data:`HEADING_LINE_ROWS`),
    so that every row is as tall as its label; and where the last row ends."""
    positions, edge = [], -0.5
    for place, (kind, text, _) in enumerate(rows):
        space = HEADING_SPACE_ROWS if kind == "header" and place else 0  # a gap above a workstream's name
        step = 1 + (HEADING_LINE_ROWS if kind == "header" else EXTRA_LINE_ROWS) * text.count("\n")
        positions.append(edge + space + step / 2)
        edge += space + step
    return positions, edge


def fit_rows(figure, axes, rows_tall: float) -> None:
    """Make the plot ``rows_tall`` rows of :data:`ROW_INCHES` high, whatever the title, the axis labels and
    the legend take: the figure's height is corrected by what the laid-out plot lacks or has over, twice
    (the layout moves a little as the height changes). A row is then as tall as the label it holds."""
    for _ in range(3):
        figure.get_layout_engine().execute(figure)
        width, height = figure.get_size_inches()
        plot = axes.get_position().height * height
        wanted = rows_tall * ROW_INCHES
        if abs(plot - wanted) < 0.01:
            return
        figure.set_size_inches(width, height + wanted - plot)


def gantt_chart(progress: Progress, title: str | None = None, events=None, illustrative: bool = False):
    """Planned periods as bars coloured by the latest status, grouped by workstream, with the as-of
    line at the end of the as-of day (:func:`end_of_day`) and the next quarter shaded after it. Each
    activity is labelled by its number and short name, whole (:func:`activity_label`).

    Overdue activities get a thick black outline (:data:`OVERDUE_EDGE`); activities whose page stops before the timeline
    are listed with a note in place of a bar. ``events`` (dated events the pages list: workstream and
    day) are black diamonds on a row of their own under their workstream's name, apart from the bars:
    an event is not a status (:func:`event_marks`). The legend names what is shown. ``illustrative``: the chart
    will carry the illustrative mark above its title, which keeps its room. Returns the matplotlib Figure.
    """
    assessed, as_of = progress.activities, progress.as_of
    rows: list[tuple[str, str, Any]] = []  # (kind, text, activity row, or the days of a workstream's events, or None)
    events = events if events is not None else pd.DataFrame(columns=["workstream", "day"])
    for workstream, group in assessed.groupby("workstream", sort=True):
        rows.append(("header", "\n".join(textwrap.wrap(str(workstream), HEADER_WIDTH)), None))  # whole, on its lines
        days = list(events.loc[events["workstream"] == workstream, "day"])
        if days:
            rows.append(("events", EVENTS_ROW, days))
        for _, activity in group.iterrows():
            rows.append(("activity", activity_label(activity), activity))
    positions, last_edge = row_positions(rows)
    height = ROW_INCHES * (last_edge + 1.2) + 1.5 + (0.4 if title else 0)  # a first guess: fit_rows corrects it
    figure, axes = plt.subplots(figsize=(GANTT_INCHES, height), layout="constrained")
    quarter_first, quarter_last = next_quarter(as_of)
    axis = time_axis(progress)
    left, right = axis.left, axis.right
    if axis.as_of_on_axis:
        axes.axvspan(
            quarter_first,  # type: ignore[arg-type]  # dates: stubs say float, units convert
            end_of_day(quarter_last),  # type: ignore[arg-type]  # dates: stubs say float, units convert
            color=NEXT_QUARTER_COLOUR,
            zorder=0,
            linewidth=0,
        )
    labels = []
    for position, (kind, text, activity) in zip(positions, rows):
        if kind == "header":  # across the label column and the plot, from the figure's left edge, over the lines
            labels.append("")
            heading = axes.text(
                0.01,
                position,
                text,
                va="center",
                ha="left",
                fontsize=9.5,
                fontweight="bold",
                color=TEXT_COLOUR,
                linespacing=1.1,
                zorder=HEADER_ZORDER,
                clip_on=False,
                transform=blended_transform_factory(figure.transFigure, axes.transData),
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
            )
            heading.set_in_layout(False)  # it starts left of the plot: the layout places the plot by its tick labels
            continue
        labels.append(text)
        if kind == "events":
            marks = event_marks(activity, axis)
            axes.scatter(
                [mark.day for mark in marks],  # type: ignore[arg-type]  # dates: stubs say float, units convert
                [position] * len(marks),
                marker="D",
                s=34,
                color=EVENT_COLOUR,
                zorder=4,
            )
            for mark in marks:
                if mark.count > 1:  # events too close to draw apart: one diamond, their count after it
                    axes.annotate(
                        f"\u00d7{mark.count}",
                        (mark.day, position),
                        xytext=(5, 0),
                        textcoords="offset points",
                        va="center",
                        ha="left",
                        fontsize=8.5,
                        fontweight="bold",
                        color=EVENT_COLOUR,
                        zorder=4,
                    )
            continue
        if pd.isna(activity["planned_start"]) or pd.isna(activity["planned_end"]):
            axes.text(
                left + pd.Timedelta(days=10),  # type: ignore[arg-type]  # dates: stubs say float, units convert
                position,
                "no timeline: the copy of the page stops before it",
                va="center",
                fontsize=8.5,
                style="italic",
                color=MUTED_TEXT,
            )
            continue
        activity_bar(axes, position, activity, progress)
    mark_as_of(axes, progress, axis, f"{as_of:%d %b %Y}", fontsize=9)
    axes.set_yticks(positions, labels, fontsize=9, linespacing=1.05)
    axes.set_ylim(last_edge + 0.1, -0.6)
    # the label column's rule starts under the first workstream's name: above it, a stub of it would stand alone
    # under the as-of label
    axes.spines["left"].set_bounds(positions[1] - 0.5 if len(positions) > 1 else -0.6, last_edge + 0.1)
    axes.set_xlim(left, right)  # type: ignore[arg-type]  # dates: stubs say float, units convert
    axes.set_xticks(axis_ticks(axis))  # type: ignore[arg-type]  # dates: stubs say float, units convert
    axes.tick_params(axis="x", labelsize=9)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    axes.grid(axis="x", color=GRID_COLOUR)
    axes.set_axisbelow(True)
    plain_axes(axes)
    legend = legend_handles(progress, axis, any(kind == "events" for kind, _, _ in rows))
    axes.tick_params(axis="y", length=0)
    figure.legend(
        handles=legend,
        loc="outside lower center",
        ncol=min(len(legend), 3 if len(legend) < 7 else 4),
        frameon=False,
        fontsize=9,
    )
    wrapped_title(figure, title)
    # the as-of label above the plot already stands clear of the title; an illustrative chart keeps room above its
    # title for the mark drawn over the figure's top edge (its box reaches 4 points below it)
    engine = figure.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)  # the figure is made with layout="constrained" above
    engine.set(h_pad=(8 if illustrative else 3) / 72)
    fit_rows(figure, axes, last_edge + 0.1 + 0.6)
    return describe(figure, gantt_alt(progress, events))


class BarLook(NamedTuple):
    colour: str
    hatch: str | None
    edge: str
    edge_width: float  # points


def bar_look(activity, progress: Progress) -> BarLook:
    """How an activity's bar looks: coloured by its latest status (one colour for a planned calendar),
    hatched when none is recorded, with a thick black outline when overdue."""
    overdue = bool(activity["overdue"])
    if progress.summary.recorded:
        colour, hatch = (
            STATUS_COLOURS.get(activity["status"], STATUS_COLOURS[NOT_RECORDED]),
            ("//" if activity["status"] == NOT_RECORDED else None),
        )
    else:
        colour, hatch = PLANNED_COLOUR, None
    return BarLook(colour, hatch, OVERDUE_EDGE if overdue else EDGE_COLOUR, OVERDUE_LINE_WIDTH if overdue else 0.6)


def activity_bar(axes, position: float, activity, progress: Progress) -> None:
    """An activity's planned period as a bar from the start of its first day to the end of its last
    (:func:`bar_look`)."""
    start, end = activity["planned_start"], end_of_day(activity["planned_end"])
    look = bar_look(activity, progress)
    axes.barh(
        position,
        end - start,
        left=start,
        height=0.64,
        color=look.colour,
        edgecolor=look.edge,
        linewidth=look.edge_width,
        hatch=look.hatch,
        zorder=2,
    )


def mark_as_of(axes, progress: Progress, axis: TimeAxis, day_words: str, fontsize: float) -> None:
    """The as-of line at the end of the as-of day, labelled "as of ``day_words``" above the plot (to
    its left near the right edge); a day far off the plan is marked at the edge it lies beyond, with
    how far, not drawn across empty years."""
    as_of, left, right = progress.as_of, axis.left, axis.right
    above = blended_transform_factory(axes.transData, axes.transAxes)  # a day across, the plot's top edge up
    if axis.as_of_on_axis:
        axes.axvline(end_of_day(as_of), color=AS_OF_COLOUR, linewidth=2, linestyle="--", zorder=3)
        near_the_right = end_of_day(as_of) > left + (right - left) * 0.8  # label to the line's left, inside the axes
        axes.text(
            end_of_day(as_of),
            1.01,
            f"as of {day_words} " if near_the_right else f" as of {day_words}",
            color=AS_OF_COLOUR,
            fontsize=fontsize,
            va="bottom",
            ha="right" if near_the_right else "left",
            transform=above,
        )
    else:
        assert axis.plan_last is not None  # an as-of day off the axis is off a plan (time_axis)
        after = as_of > axis.plan_last
        axes.text(
            right if after else left,
            1.01,
            (
                f"as of {off_axis_words(progress, axis)} \u2192"
                if after
                else f"\u2190 as of {off_axis_words(progress, axis)}"
            ),
            color=AS_OF_COLOUR,
            fontsize=fontsize,
            va="bottom",
            ha="right" if after else "left",
            fontweight="bold",
            transform=above,
        )


def legend_handles(progress: Progress, axis: TimeAxis, with_events: bool = False) -> list:
    """What the Gantt chart's legend names: the statuses its bars show (or the planned period, for a
    planned calendar), the overdue outline, the event diamond and the next quarter, where drawn."""
    assessed = progress.activities
    shown = set(assessed.loc[assessed["planned_end"].notna(), "status"])
    legend: list[Artist]
    if progress.summary.recorded:
        legend = [
            Patch(facecolor=colour, edgecolor=EDGE_COLOUR, label=status, hatch="//" if status == NOT_RECORDED else None)
            for status, colour in STATUS_COLOURS.items()
            if status in shown
        ]
    else:  # a planned calendar: the bars are plans, and the key messages say no status is recorded
        legend = [Patch(facecolor=PLANNED_COLOUR, edgecolor=EDGE_COLOUR, label="Planned period")]
    if progress.summary.overdue:
        legend.append(
            Patch(
                facecolor="white",
                edgecolor=OVERDUE_EDGE,
                linewidth=OVERDUE_LINE_WIDTH,
                label="Overdue (thick black outline)",
            )
        )
    if with_events:
        legend.append(
            Line2D(
                [],
                [],
                marker="D",
                linestyle="none",
                markersize=6,
                color=EVENT_COLOUR,
                label="Event listed on the page (not a status)",
            )
        )
    if axis.as_of_on_axis:
        legend.append(Patch(facecolor=NEXT_QUARTER_COLOUR, edgecolor="none", label="Next quarter"))
    return legend


# The live view's Gantt chart, for a presenter's screen: the page shows it at its own size beside the controls
# (about 900 px across; a 1280x720 screen has about 540 px under the view's heading), so it is drawn for that
# room in pixels, every row on one line, its axis and legend included, no text under 13 px. It follows a
# control within a blink: each text is drawn once (:func:`screen_text`) and put down as an image (:class:`_Stamp`);
# bars and lines are a few shapes, and nothing is laid out by matplotlib's layout engine.
SCREEN_HEIGHT = 530  # px at the most; fewer rows make a shorter chart
SCREEN_ROW_MOST = 30  # px: a row's height when few activities are shown
SCREEN_LABEL_CHARACTERS = 40  # an activity's one-line label on the screen: its number and short name, cut at a word
SCREEN_MARK_ROOM = 34  # px above the plot for the illustrative mark, which the page stamps inside the top edge
SCREEN_AS_OF_ROOM = 26  # px above the plot for the as-of label
SCREEN_EDGE = 8  # px of white at the figure's left and right edges
SCREEN_AXIS_ROOM = 28  # px under the plot: tick marks and one line of month labels
SCREEN_LEGEND_ROW = 24  # px: a line of the legend
POINT = SCREEN_DPI / 72  # px


class ScreenText(NamedTuple):
    """A text drawn once as an RGBA image: ``pixels`` (rows from the top), and where its text box (what
    matplotlib aligns) stands in them: ``left`` and ``bottom`` in px from the image's left and bottom edges,
    its ``width`` and ``height``."""

    pixels: np.ndarray
    left: float
    bottom: float
    width: float
    height: float


@lru_cache(maxsize=1024)
def screen_text(
    text: str, weight: str = "normal", style: str = "normal", colour: str = TEXT_COLOUR, on_white: bool = False
) -> ScreenText:
    """``text`` at :data:`SCREEN_FONT_POINTS` points and :data:`SCREEN_DPI`, as matplotlib draws it, on a
    transparent ground (``on_white``: on white, a point beyond its letters on each side, to stand over
    lines). Kept: a live view draws the same labels again and again."""
    figure = Figure(figsize=(16, 1), dpi=SCREEN_DPI)
    figure.patch.set_alpha(0)
    canvas = FigureCanvasAgg(figure)
    label = figure.text(
        10,
        10,
        text,
        transform=IdentityTransform(),
        ha="left",
        va="bottom",
        fontsize=SCREEN_FONT_POINTS,
        fontweight=weight,
        style=style,
        color=colour,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0} if on_white else None,
    )
    canvas.draw()
    renderer = canvas.get_renderer()
    box = label.get_window_extent(renderer)
    crop = box
    if on_white:
        patch = label.get_bbox_patch()
        assert patch is not None  # on white, the text is given a bbox above
        crop = patch.get_window_extent(renderer)
    x0, y0 = math.floor(crop.x0), math.floor(crop.y0)
    x1, y1 = math.ceil(crop.x1), math.ceil(crop.y1)
    rows = np.asarray(canvas.buffer_rgba())
    top = rows.shape[0]
    return ScreenText(rows[top - y1 : top - y0, x0:x1].copy(), box.x0 - x0, box.y0 - y0, box.width, box.height)


class _Stamp(Artist):
    """An image put down as it is, ``pixels`` (rows from the top) with its lower left corner at ``x``, ``y``
    px: what ``Figure.figimage`` draws, without resampling the image for every draw."""

    def __init__(self, pixels: np.ndarray, x: int, y: int, zorder: float):
        super().__init__()
        self.pixels, self.x, self.y = pixels[::-1], x, y  # the renderer takes rows from the bottom
        self.set_zorder(zorder)

    def draw(self, renderer) -> None:
        context = renderer.new_gc()
        renderer.draw_image(context, self.x, self.y, self.pixels)
        context.restore()


class ScreenPiece(NamedTuple):
    """A text placed on the screen chart: what it is, its words and its box in px (from the bottom left)."""

    kind: str  # "label", "header", "note", "month", "as of", "legend"
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def screen_label(activity) -> str:
    """An activity's one-line label on the screen: its number and short name (:func:`.progress.activity_name`),
    cut at a word with "…" past :data:`SCREEN_LABEL_CHARACTERS` ("i. Strengthen and widen the…"); the
    live view's table below the chart gives the full text."""
    return shorten(
        f"{activity['activity_id']}. {activity_name(activity['description'], activity['activity_id'])}",
        SCREEN_LABEL_CHARACTERS,
    )


class ScreenFigure(Figure):
    """A matplotlib Figure drawn for a shared screen, with ``screen_pieces``: where each text stands."""

    screen_pieces: list[ScreenPiece]


class _ScreenCanvas:
    """A figure of ``width`` x ``height`` px at :data:`SCREEN_DPI` that texts (:func:`screen_text`) and
    shapes are placed on in px, from the bottom left; ``pieces`` records where each text went."""

    def __init__(self, width: int, height: int):
        self.figure = ScreenFigure(figsize=(width / SCREEN_DPI, height / SCREEN_DPI), dpi=SCREEN_DPI)
        FigureCanvasAgg(self.figure)
        self.pieces: list[ScreenPiece] = []

    def text(
        self, kind: str, text: str, x: float, y: float, ha: str = "left", va: str = "center", zorder: float = 4, **look
    ) -> ScreenPiece:
        drawn = screen_text(text, **look)
        left = x - {"left": 0, "center": drawn.width / 2, "right": drawn.width}[ha]
        bottom = y - {"bottom": 0, "center": drawn.height / 2, "top": drawn.height}[va]
        self.figure.add_artist(_Stamp(drawn.pixels, round(left - drawn.left), round(bottom - drawn.bottom), zorder))
        piece = ScreenPiece(kind, text, left, bottom, left + drawn.width, bottom + drawn.height)
        self.pieces.append(piece)
        return piece

    def shape(self, artist, zorder: float, clip: Bbox | None = None):
        artist.set_transform(IdentityTransform())
        artist.set_zorder(zorder)
        if clip is not None:
            artist.set_clip_box(clip)
        self.figure.add_artist(artist)
        return artist

    def line(self, xs, ys, colour: str, points: float, zorder: float, clip: Bbox | None = None, **style):
        return self.shape(Line2D(xs, ys, color=colour, linewidth=points, solid_capstyle="butt", **style), zorder, clip)

    def box(self, x0: float, y0: float, x1: float, y1: float, zorder: float, clip: Bbox | None = None, **style):
        return self.shape(Rectangle((x0, y0), x1 - x0, y1 - y0, **style), zorder, clip)


def screen_gantt_chart(
    progress: Progress, illustrative: bool = False, width: int = SCREEN_WIDTH, height: int = SCREEN_HEIGHT
):
    """The Gantt chart of :func:`gantt_chart` for a live view on a shared screen, ``width`` px across and at
    most ``height`` px down at :data:`SCREEN_DPI` (saved at that resolution, without a tight box: see
    ``presentation.html.rendered_figure``): one line a row (:func:`screen_label`), a workstream's name in
    bold above its activities, the as-of line and the next quarter, the time axis in one line of labels
    and the legend under it, all text at :data:`SCREEN_FONT_POINTS` points. ``illustrative``: room above for the
    mark the page stamps. Returns a matplotlib Figure (not pyplot's), with ``screen_pieces``: where each
    text stands."""
    assessed, as_of = progress.activities, progress.as_of
    rows: list[tuple[str, str, Any]] = []  # (kind, text, activity row or None)
    for workstream, group in assessed.groupby("workstream", sort=True):
        rows.append(("header", str(workstream), None))
        rows += [("activity", screen_label(activity), activity) for _, activity in group.iterrows()]
    axis = time_axis(progress)
    handles = legend_handles(progress, axis)
    legend_lines = _screen_legend_lines(handles, width - 2 * SCREEN_EDGE)
    top = SCREEN_AS_OF_ROOM + (SCREEN_MARK_ROOM if illustrative else 0)
    bottom = SCREEN_AXIS_ROOM + SCREEN_LEGEND_ROW * len(legend_lines) + 4
    row = min(SCREEN_ROW_MOST, (height - top - bottom) / max(len(rows), 1))
    tall = round(top + bottom + row * len(rows))
    canvas = _ScreenCanvas(width, tall)
    label_column = max([screen_text(text).width for kind, text, _ in rows if kind == "activity"], default=0) + 18
    plot = Bbox.from_extents(SCREEN_EDGE + label_column, bottom, width - 2 * SCREEN_EDGE, tall - top)  # room at the
    # right for half the last month's label
    left, right = mdates.date2num(axis.left), mdates.date2num(axis.right)

    def across(day) -> float:
        return plot.x0 + (mdates.date2num(day) - left) / (right - left) * plot.width

    def down(position: float) -> float:  # the middle of a row, rows from the top
        return plot.y1 - (position + 0.5) * row

    if axis.as_of_on_axis:
        quarter_first, quarter_last = next_quarter(as_of)
        canvas.box(
            across(quarter_first),
            plot.y0,
            across(end_of_day(quarter_last)),
            plot.y1,
            0.1,
            plot,
            facecolor=NEXT_QUARTER_COLOUR,
            edgecolor="none",
            linewidth=0,
        )
    ticks = axis_ticks(axis)
    for tick in ticks:
        x = across(tick)
        canvas.line([x, x], [plot.y0, plot.y1], GRID_COLOUR, 0.8, 0.5)
        canvas.line([x, x], [plot.y0, plot.y0 - 3.5 * POINT], "black", 0.8, 1)
        canvas.text("month", f"{tick:%b %Y}", x, plot.y0 - 3.5 * POINT - 3.5 * POINT, ha="center", va="top")
    canvas.line([plot.x0, plot.x1], [plot.y0, plot.y0], "black", 0.8, 1)
    # the label column's rule starts under the first workstream's name, as the brief's chart's does
    canvas.line([plot.x0, plot.x0], [plot.y0, plot.y1 - row if len(rows) > 1 else plot.y1], "black", 0.8, 1)
    for position, (kind, text, activity) in enumerate(rows):
        if kind == "header":  # across the label column and the plot, over the lines, on white
            whole = text
            while screen_text(text, weight="bold").width > width - 2 * SCREEN_EDGE and len(text) > 10:
                text = shorten(whole, len(text) - 4)  # whole in the tick boxes and the tables
            canvas.text("header", text, SCREEN_EDGE, down(position), zorder=5, weight="bold", on_white=True)
            continue
        canvas.text("label", text, plot.x0 - 6, down(position), ha="right")
        if pd.isna(activity["planned_start"]) or pd.isna(activity["planned_end"]):
            canvas.text(
                "note",
                "no timeline: the copy of the page stops before it",
                across(axis.left + pd.Timedelta(days=10)),
                down(position),
                style="italic",
                colour=MUTED_TEXT,
            )
            continue
        look = bar_look(activity, progress)
        canvas.box(
            across(activity["planned_start"]),
            down(position) - 0.32 * row,
            across(end_of_day(activity["planned_end"])),
            down(position) + 0.32 * row,
            2,
            plot,
            facecolor=look.colour,
            edgecolor=look.edge,
            linewidth=look.edge_width,
            hatch=look.hatch,
        )
    if axis.as_of_on_axis:
        x = across(end_of_day(as_of))
        canvas.line([x, x], [plot.y0, plot.y1], AS_OF_COLOUR, 2, 3, linestyle="--")
        near_the_right = x > plot.x0 + plot.width * 0.8  # the label to the line's left
        canvas.text(
            "as of",
            f"as of {short_day_text(as_of)}",
            x + (-4 if near_the_right else 4),
            plot.y1 + 2,
            ha="right" if near_the_right else "left",
            va="bottom",
            colour=AS_OF_COLOUR,
        )
    else:  # far off the plan: marked at the edge it lies beyond, with how far
        assert axis.plan_last is not None  # an as-of day off the axis is off a plan (time_axis)
        after = as_of > axis.plan_last
        canvas.text(
            "as of",
            (
                f"as of {off_axis_words(progress, axis)} \u2192"
                if after
                else f"\u2190 as of {off_axis_words(progress, axis)}"
            ),
            plot.x1 if after else plot.x0,
            plot.y1 + 2,
            ha="right" if after else "left",
            va="bottom",
            weight="bold",
            colour=AS_OF_COLOUR,
        )
    for number, line in enumerate(legend_lines):
        _screen_legend_line(canvas, line, width / 2, plot.y0 - SCREEN_AXIS_ROOM - SCREEN_LEGEND_ROW * (number + 0.5))
    canvas.figure.screen_pieces = canvas.pieces
    return describe(canvas.figure, gantt_alt(progress))


LEGEND_KEY = (
    2.0 * SCREEN_FONT_POINTS * POINT,
    0.7 * SCREEN_FONT_POINTS * POINT,
)  # px: a key's width and height, as matplotlib's
LEGEND_GAP = 0.8 * SCREEN_FONT_POINTS * POINT  # px between a key and its words
LEGEND_SPACING = 2.0 * SCREEN_FONT_POINTS * POINT  # px between two entries


def _legend_entry_width(handle) -> float:
    return LEGEND_KEY[0] + LEGEND_GAP + screen_text(handle.get_label()).width


def _screen_legend_lines(handles, room: float) -> list[list]:
    """The legend's entries on as few lines no wider than ``room`` px as hold them, as many on each."""
    for count in range(1, len(handles) + 1):
        each = -(-len(handles) // count)
        lines = [handles[start : start + each] for start in range(0, len(handles), each)]
        if all(
            sum(_legend_entry_width(handle) for handle in line) + LEGEND_SPACING * (len(line) - 1) <= room
            for line in lines
        ):
            return lines
    return [[handle] for handle in handles]


def _screen_legend_line(canvas: _ScreenCanvas, handles, middle: float, y: float) -> None:
    x = middle - (sum(_legend_entry_width(handle) for handle in handles) + LEGEND_SPACING * (len(handles) - 1)) / 2
    for handle in handles:
        canvas.box(
            x,
            y - LEGEND_KEY[1] / 2,
            x + LEGEND_KEY[0],
            y + LEGEND_KEY[1] / 2,
            4,
            facecolor=handle.get_facecolor(),
            edgecolor=handle.get_edgecolor(),
            linewidth=handle.get_linewidth(),
            hatch=handle.get_hatch(),
        )
        canvas.text("legend", handle.get_label(), x + LEGEND_KEY[0] + LEGEND_GAP, y)
        x += _legend_entry_width(handle) + LEGEND_SPACING


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
    figure, axes = plt.subplots(figsize=(GANTT_INCHES, 2.1 + (0.5 if title else 0)), layout="constrained")
    planned = (summary.planned_share or 0) * 100
    recorded = summary.recorded_share
    axes.barh([0], [planned], color=BLUE, height=0.55)
    _bar_label(axes, 0, planned, f"{format_share(summary.planned_done, summary.with_timeline)} planned to have ended")
    if recorded is None:
        axes.text(1, 1, "no status recorded", va="center", fontsize=9, style="italic", color=MUTED_TEXT)
    else:
        axes.barh([1], [recorded * 100], color=STATUS_COLOURS[COMPLETED], height=0.55)
        _bar_label(
            axes, 1, recorded * 100, f"{format_share(summary.completed, summary.with_timeline)} recorded as Completed"
        )
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
    planned = (
        (
            f"{summary.planned_done} of {summary.with_timeline} activities with a timeline were planned to have "
            f"ended by {day}"
        )
        if summary.with_timeline
        else "No activity has a timeline"
    )
    recorded = (
        "no status is recorded"
        if summary.recorded_share is None
        else f"{summary.completed} of {summary.with_timeline} {verb_for(summary.completed, 'is', 'are')} recorded as Completed"
    )
    return f"Bar chart of planned against recorded progress. {planned}; {recorded}."


def gantt_alt(progress: Progress, events=None) -> str:
    """What the timeline bars show, in words, on the axis the chart draws (:func:`time_axis`), and the
    event diamonds, if any."""
    assessed, day = progress.activities, day_text(progress.as_of)
    axis = time_axis(progress)
    span = (
        f" from {month_text(axis.plan_first)} to {month_text(axis.plan_last)}"
        if axis.plan_first is not None and axis.plan_last is not None  # both or neither (time_axis)
        else ""
    )
    if axis.as_of_on_axis:
        marks = (
            f"The time axis runs from {axis_words(axis)}, with a line at {day} "
            f"and the next quarter ({span_text(*next_quarter(progress.as_of))}) shaded. "
        )
    else:
        assert axis.plan_last is not None  # an as-of day off the axis is off a plan (time_axis)
        marks = (
            f"The time axis runs from {axis_words(axis)}, across the planned periods "
            f"only; the as-of day, {off_axis_words(progress, axis)}, is beyond it and marked at its "
            f"{'right' if progress.as_of > axis.plan_last else 'left'} edge. "
        )
    if progress.summary.recorded:
        statuses = assessed["status"].value_counts()
        status_words = "; ".join(f"{count_of(int(n), 'activity')} {status}" for status, n in statuses.items())
        record = (
            f"Latest status: {status_words}. "
            f"{count_of(progress.summary.overdue, 'activity is', 'activities are')} marked overdue. "
        )
    else:
        record = "The bars show plans only. "
    drawn = (
        events[events["workstream"].isin(assessed["workstream"]) & events["day"].between(axis.left, axis.right)]
        if events is not None and len(events)
        else None
    )
    diamonds = ""
    if drawn is not None and len(drawn):
        shared = [
            mark.count
            for _, group in drawn.groupby("workstream")
            for mark in event_marks(group["day"], axis)
            if mark.count > 1
        ]
        diamonds = (
            f"{count_of(len(drawn), 'dated event')} listed on {count_of(drawn['workstream'].nunique(), 'workstream page')} "
            f"{verb_for(len(drawn), 'is', 'are')} marked by diamonds on a row of their own, not as a status"
            + (
                f"; {shared[0]} of them, too close to draw apart, share a diamond marked \u00d7{shared[0]}. "
                if len(shared) == 1
                else f"; {sum(shared)} of them, too close to draw apart, share diamonds marked with their count. "
                if shared
                else ". "
            )
        )
    return (
        f"Timeline chart: one bar per activity ({count_of(len(assessed), 'activity')} in "
        f"{count_of(assessed['workstream'].nunique(), 'workstream')}){span}. {marks}{record}{diamonds}"
        "The table of activities gives every bar's dates"
        + ("; the table of events, every diamond's." if diamonds else ".")
    )
