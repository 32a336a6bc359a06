"""The ILLUSTRATIVE mark on a brief's chart: drawn above the chart's title, never over it or clipped."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from workbooks.presentation.html import ILLUSTRATIVE_MARK, STAMP_GAP_POINTS, stamp_illustrative  # noqa: E402


def _suptitle(fig, axes, y):
    fig.suptitle("The takeaway of the chart,\nsaid in its title on two lines", x=0.01, ha="left", fontsize=12, y=y)


def _axes_title(fig, axes, y):
    axes.set_title("The takeaway of the chart, said in its title", loc="left", fontsize=11)


@pytest.mark.parametrize("title, y", [(_suptitle, 0.98), (_suptitle, 1.0), (_suptitle, 1.08), (_axes_title, None)])
@pytest.mark.parametrize("height", [2.0, 6.0])
def test_the_mark_sits_clear_above_the_charts_title(title, y, height):
    fig, axes = plt.subplots(figsize=(8, height))
    axes.plot([1, 2])
    title(fig, axes, y)
    stamp_illustrative(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    [mark] = [text for text in fig.texts if text.get_text() == ILLUSTRATIVE_MARK]
    box = mark.get_bbox_patch().get_window_extent(renderer)
    others = [
        text.get_window_extent(renderer)
        for text in [*fig.texts, axes.title, axes._left_title]
        if text is not mark and text.get_text()
    ]
    assert others
    gap = STAMP_GAP_POINTS / 72 * fig.dpi
    for extent in others:
        assert not box.overlaps(extent)
        assert box.y0 >= extent.y1 + gap - 0.5  # the mark's box above the title's top, the gap between them
    tight = fig.get_tightbbox(renderer)  # the saved image (a tight box and its margin) takes the whole mark in
    assert (tight.y1 + matplotlib.rcParams["savefig.pad_inches"]) * fig.dpi >= box.y1
    plt.close(fig)


def test_a_mark_inside_the_figure_keeps_to_its_top_edge():
    fig, axes = plt.subplots(figsize=(8, 3))
    stamp_illustrative(fig, inside=True)
    [mark] = fig.texts
    assert mark.get_va() == "top" and mark.get_position()[1] < 1
    plt.close(fig)
