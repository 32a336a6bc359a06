"""The house chart style: colour-blind-safe colours (Okabe-Ito), plain axes, charts that say why
they are empty. Each workbook's charts module draws with these."""

from __future__ import annotations

# Okabe-Ito, the palette every chart uses
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
SKY_BLUE = "#56B4E9"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
LIGHT_GREY = "#D9D9D9"
# for text and badges on a page, darker than the chart colours so that they read (WCAG AA: 4.5:1 or more)
VERMILION_TEXT = "#A64A00"  # 5.8:1 on white, 5.3:1 on WARNING_BACKGROUND; white on it 5.8:1
GREEN_TEXT = "#00785A"  # 5.5:1 on white
WARNING_BACKGROUND = "#FFF3EA"  # behind invented data's marks and warnings
INFO_BACKGROUND = "#EEF6FB"
TEXT_COLOUR = "#222222"
MUTED_TEXT = "#666666"
GRID_COLOUR = "#EEEEEE"

# A live view's main chart in presenter mode fits beside the controls on a 1280x720 screen: the controls' column
# takes 300 px and the heading and status line about 230 px. Its image is saved at SCREEN_DPI and shown one pixel of
# the image to one of the screen, so its text is as large as drawn.
SCREEN_DPI = 100  # dots per inch of a live chart's image, shown at 100 px per inch: a point is 1.39 px
SCREEN_WIDTH = 880  # px: the column beside the controls
SCREEN_FONT_POINTS = 10  # 14 px on that screen: read from the back of a room
SCREEN_TEXT = round(SCREEN_FONT_POINTS * SCREEN_DPI / 72)  # px: charts drawn in pixels (Pillow) use this size


def plain_axes(axes) -> None:
    """No box around the plot: only the left and bottom axis lines."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def describe(figure, alt: str):
    """Record what a chart shows, for readers who cannot see it: every chart function ends with this,
    and ``presentation.html.figure`` uses it as the image's alt text."""
    figure.alt_text = alt
    return figure


def nothing_to_show(figure, axes, text: str):
    """An empty chart that says why it is empty (on the chart and in its alt text)."""
    axes.text(0.5, 0.5, text, ha="center", va="center", style="italic", color=MUTED_TEXT, transform=axes.transAxes)
    axes.set_axis_off()
    return describe(figure, f"An empty chart: {text}.")
