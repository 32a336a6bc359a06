"""Charts drawn with Pillow for a live view on a shared screen (presenter mode, 1280x720), at the size they
are shown, one pixel of the image to one of the screen: the pieces every such chart uses (the font, lines of
text, a legend in a row, the illustrative mark, the PNG). Matplotlib lays out and renders each glyph on its own
and its layout engines measure every text again, so a chart of some hundred glyphs takes a large part of a
presenter's half-second redraw; Pillow draws the same in a few milliseconds. Same colours and font
(Matplotlib's DejaVu Sans) as the brief's charts."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Callable, NamedTuple

import matplotlib
from PIL import Image, ImageDraw, ImageFont

from .html import ILLUSTRATIVE_MARK
from .style import MUTED_TEXT, SCREEN_TEXT, TEXT_COLOUR, VERMILION, VERMILION_TEXT, WARNING_BACKGROUND

FONTS = Path(matplotlib.get_data_path(), "fonts", "ttf")
LINE_HEIGHT = 1.2  # a line's height, in text sizes
PNG_LEVEL = 1  # zlib level: a redraw's PNG in a third of the time of the default, 10% larger


class ScreenChart(NamedTuple):
    """A chart drawn for a shared screen: its PNG and what it shows in words (its alt text)."""

    png: bytes
    alt: str


@functools.cache
def screen_font(size: int, style: str = "") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"DejaVuSans{style}.ttf"), size, layout_engine=ImageFont.Layout.BASIC)


def fitted_lines(text: str, font: ImageFont.FreeTypeFont, width: float, most: int) -> list[str]:
    """``text`` wrapped at words to lines at most ``width`` pixels wide (a single longer word stays whole),
    at most ``most`` of them, the last cut at a word with " …" where more would follow."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) <= most:
        return lines
    last = lines[most - 1].split()
    while len(last) > 1 and font.getlength(" ".join(last) + " …") > width:
        last.pop()
    return lines[: most - 1] + [" ".join(last) + " …"]


def text_block(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    x: float,
    y: float,
    font: ImageFont.FreeTypeFont,
    horizontal: str = "l",
    vertical: str = "t",
    fill: str | int = TEXT_COLOUR,  # a colour, or a grey level on a mask ("L" image)
    spacing: float = LINE_HEIGHT,
) -> None:
    """Lines of text placed by a side or the middle of their block: ``horizontal`` "l", "m" or "r" at ``x``,
    ``vertical`` "t", "m" or "b" at ``y``; each line aligned the same way, ``spacing`` text sizes apart."""
    step = font.size * spacing
    top = y - {"t": 0, "m": step * len(lines) / 2, "b": step * len(lines)}[vertical]
    for index, line in enumerate(lines):
        draw.text((x, top + index * step + step / 2), line, font=font, fill=fill, anchor=horizontal + "m")


def finished_chart(image: Image.Image, alt: str, illustrative: bool) -> ScreenChart:
    """The drawing as a PNG, with the illustrative mark above it where its data are invented (as
    presentation.html.stamp_illustrative marks the brief's charts: on the image, so no copy loses it)."""
    if illustrative:
        font = screen_font(SCREEN_TEXT, "-Bold")
        band = int(font.size * LINE_HEIGHT) + 14
        marked = Image.new(
            "RGB", (max(image.width, int(font.getlength(ILLUSTRATIVE_MARK)) + 24), image.height + band), "white"
        )
        box = ImageDraw.Draw(marked)
        middle = marked.width / 2
        half = font.getlength(ILLUSTRATIVE_MARK) / 2 + 8
        box.rectangle((middle - half, 2, middle + half, band - 4), fill=WARNING_BACKGROUND, outline=VERMILION, width=2)
        box.text((middle, band / 2 - 1), ILLUSTRATIVE_MARK, font=font, fill=VERMILION_TEXT, anchor="mm")
        marked.paste(image, (0, band))
        image = marked
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", compress_level=PNG_LEVEL)
    return ScreenChart(buffer.getvalue(), alt)


def empty_chart(text: str, width: int, illustrative: bool) -> ScreenChart:
    """An empty chart that says why it is empty (as style.nothing_to_show says it)."""
    image = Image.new("RGB", (width, 60), "white")
    ImageDraw.Draw(image).text(
        (width / 2, 30), text, font=screen_font(SCREEN_TEXT, "-Oblique"), fill=MUTED_TEXT, anchor="mm"
    )
    return finished_chart(image, f"An empty chart: {text}.", illustrative)


LEGEND_KEY, LEGEND_KEY_GAP, LEGEND_ENTRY_GAP = (
    24,
    6,
    22,
)  # a legend's key and the gaps after it and after its label, in pixels


def legend_places(labels: list[str], font: ImageFont.FreeTypeFont, width: float) -> tuple[list[tuple[int, int]], int]:
    """Where each entry of a legend starts (x, y from its top left corner), in a row that wraps where
    ``width`` pixels are too few, and the legend's height."""
    places, x, y, step = [], 0, 0, int(font.size * LINE_HEIGHT) + 6
    for label in labels:
        needed = LEGEND_KEY + LEGEND_KEY_GAP + font.getlength(label)
        if x and x + needed > width:
            x, y = 0, y + step
        places.append((x, y))
        x += int(needed) + LEGEND_ENTRY_GAP
    return places, y + step


def draw_legend(
    draw: ImageDraw.ImageDraw,
    entries: list[tuple[Callable, str]],
    left: int,
    top: int,
    width: float,
    font: ImageFont.FreeTypeFont,
) -> None:
    """A legend in a row (wrapped where ``width`` pixels are too few): each entry a key drawn by its
    function in a 24 x 14 px box at (x, y), then its label."""
    step = int(font.size * LINE_HEIGHT) + 6
    for (key, label), (x, y) in zip(entries, legend_places([label for _, label in entries], font, width)[0]):
        key(left + x, top + y + (step - 14) // 2)
        draw.text(
            (left + x + LEGEND_KEY + LEGEND_KEY_GAP, top + y + step / 2),
            label,
            font=font,
            fill=TEXT_COLOUR,
            anchor="lm",
        )


def hex_on_white(colour, opacity: float = 1.0) -> str:
    """A Matplotlib colour as "#RRGGBB", laid at ``opacity`` on white."""
    red, green, blue, alpha = matplotlib.colors.to_rgba(colour)
    alpha *= opacity
    return matplotlib.colors.to_hex((alpha * red + 1 - alpha, alpha * green + 1 - alpha, alpha * blue + 1 - alpha))
