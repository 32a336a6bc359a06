"""The words a consultation brief uses for where its comments came from. Comments of the Hub's pages
were posted on a page, which numbers their questions and may cut them off; comments gathered
elsewhere were received by e-mail, noted at a meeting or given in a survey, and say so. Where they
came from: the registry of pages (data/sources.csv) for the Hub's, else the comments table's
sidecar (``collected_from``, :data:`..tables.vocabularies.COMMENT_ORIGINS`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..tables.datasets import collected_from
from ..tables.vocabularies import COMMENT_ORIGINS, HUB_PAGES


@dataclass(frozen=True)
class CommentWords:
    dated: str  # how a comment came to have its date: 'Comments posted up to ...', 'Comments received up to ...'
    act: str  # what its maker did: 'who posted it', 'who sent it'
    place: str  # where a comment is found: 'its question and place on the page'
    position: str  # the column of a question's number: 'position on the page'
    cut_off: str  # the column of comments cut off: 'cut off by the page'
    cut_here: str  # after a quote that stops where the comment was cut: 'the page cuts the comment here'
    cut_ask: str  # the asks' method: 'An ask the page cuts off within its first eight words'
    gathering: str = "discussion"  # what the file's ``discussion`` column names: a Hub discussion, or a consultation

    def up_to(self, day: str) -> str:
        return f"Comments {self.dated} up to {day}"

    @property
    def who(self) -> str:
        return f"who {self.act} it"

    @property
    def whoever(self) -> str:
        return f"whoever {self.act} them"


HUB_WORDS = CommentWords(
    dated="posted",
    act="posted",
    place="its question and place on the page",
    position="position on the page",
    cut_off="cut off by the page",
    cut_here="the page cuts the comment here",
    cut_ask="An ask the page cuts off within its first eight words",
)


def _gathered(dated: str, act: str, holder: str) -> CommentWords:
    """The words for comments gathered outside the Hub, kept in ``holder`` ('the e-mail')."""
    return CommentWords(
        dated=dated,
        act=act,
        place="its discussion, its question where it answers one, and its place in the file",
        position="question number",
        cut_off=f"cut off in {holder}",
        cut_here=f"{holder} cuts the comment here",
        cut_ask=f"An ask {holder} cuts off within its first eight words",
        gathering="consultation",
    )


OTHER_WORDS = _gathered("received", "made", "the source")  # several kinds of source, or none said
ORIGIN_WORDS = {
    HUB_PAGES: HUB_WORDS,
    "e-mails": _gathered("received", "sent", "the e-mail"),
    "meeting notes": _gathered("noted", "said", "the meeting notes"),
    "survey": _gathered("submitted", "gave", "the survey export"),
    "other": OTHER_WORDS,
}
assert set(ORIGIN_WORDS) == set(COMMENT_ORIGINS), "every kind of source has its words"


def comment_words(comments: pd.DataFrame, sources: pd.DataFrame, meta: dict) -> CommentWords:
    """The words for ``comments``: the Hub's where every one was read from a registered page
    (``sources``); else those of the one kind of source the table's sidecar ``meta`` names in
    ``collected_from`` (several kinds, or none said: words that fit any, 'received', 'who made it')."""
    if len(comments) and comments["source"].isin(set(sources["source_id"])).all():
        return HUB_WORDS
    kinds = list(dict.fromkeys(collected_from(meta)))
    return ORIGIN_WORDS[kinds[0]] if len(kinds) == 1 else OTHER_WORDS
