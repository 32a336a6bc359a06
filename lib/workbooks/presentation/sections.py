"""A brief's section heading printed with what follows it: Chromium does not keep a notebook cell with
the next one on paper (a heading in a markdown cell could stand alone at a page's foot), but it keeps
a heading with the block under it in the same output. Shared by the workbooks' briefs."""

from __future__ import annotations

from markupsafe import Markup

from .html import slug
from .markup import render

ROWS_KEPT_WHOLE = 6  # a first table of more rows may break on paper after its heading, caption and first rows


class HeadedBlock:
    """A section's heading, its introduction (plain text, escaped) and its first block in one output
    (:file:`templates/headed_block.html.j2`), so that no heading stands alone at a page's foot; ``whole``,
    they do not break on paper. With ``text`` None, the block alone, kept whole. The block's other data
    (a table's CSV for the tables download) is kept."""

    def __init__(self, text: str | None, block, whole: bool = True, intro: str = ""):
        self.text, self.block, self.whole, self.intro = text, block, whole, intro

    def _repr_mimebundle_(self, include=None, exclude=None):
        if hasattr(self.block, "_repr_mimebundle_"):
            data, metadata = self.block._repr_mimebundle_()
        else:
            data, metadata = {"text/html": self.block._repr_html_()}, {}
        data = {
            **data,
            "text/html": render(
                "headed_block.html.j2",
                anchor=slug(self.text or ""),
                text=self.text,
                intro=self.intro,
                block=Markup(data["text/html"]),
                whole=self.whole,
            ),
        }
        return data, metadata


def is_short(block) -> bool:
    """Whether a block is short enough to keep whole under its heading (a table of at most ROWS_KEPT_WHOLE rows)."""
    return not (hasattr(block, "frame") and len(block.frame) > ROWS_KEPT_WHOLE)


def headed(text: str, blocks: list, intro: str = "") -> list:
    """A section's blocks under its heading, the heading (and ``intro``) kept with the first, whole unless
    it is a long table; nothing when there are no blocks."""
    if not blocks:
        return []
    return [HeadedBlock(text, blocks[0], is_short(blocks[0]), intro), *blocks[1:]]


def kept_whole(block):
    """A short table kept whole on paper (its caption is not left at a page's foot); a long one as it is."""
    return HeadedBlock(None, block) if is_short(block) else block
