"""One comment, two stored copies of its page: the Hub shows a discussion in several renderings
(a teaser list, a permalink, a later crawl), and a rendering may hide what another shows. In the
stored copies of IMRF Roundtable 3, the remittances comment has no author in one copy and "Sarah
Doyel, IOM" in the other.

A chosen comment with no author, organisation or date takes them from another rendering of the same
comment: a comment of another discussion whose page has the same address (data/sources.csv) and
whose text begins the same way (one copy may be cut earlier than the other). Where that copy shows
more of the comment, its text (with its source and whether it too is cut off) is taken as well, so
the codes and asks see all that any copy shows; ``attribution_from`` names the copy taken from.
"""

from __future__ import annotations

import pandas as pd

ATTRIBUTION_COLUMNS = ("author", "organisation", "posted")
FULLER_TEXT_COLUMNS = ("text", "source", "truncated")  # taken too where the other copy shows more of the comment
SHARED_OPENING = 80  # characters two renderings must share from the start to be one comment


def given(value) -> bool:
    """A cell that holds something (not blank, not a missing date)."""
    return not (value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value))) and bool(
        str(value).strip()
    )


def _folded(text: str) -> str:
    return " ".join(str(text).split()).lower()


def same_comment(text: str, other: str, opening: int = SHARED_OPENING) -> bool:
    """Whether two texts are renderings of one comment: the shorter (less a possibly cut last word)
    begins the longer, over at least ``opening`` characters."""
    short, long = sorted((_folded(text), _folded(other)), key=len)
    short = short.rsplit(" ", 1)[0] if " " in short else short
    return len(short) >= opening and long.startswith(short)


def attributed_from_other_copies(chosen: pd.DataFrame, every: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``chosen`` with empty author, organisation and date filled from another rendering of the same
    comment in ``every`` (see the module docstring), and ``attribution_from`` naming that rendering's
    discussion ("" where nothing was taken). Two renderings of one comment share the opening
    ``SHARED_OPENING`` characters of their folded text, so only the attributed comments of the same
    page address and opening are compared, in file order: the first that is the same comment counts."""
    address = {
        source: url for source, url in zip(sources["source_id"], sources["url"]) if isinstance(url, str) and url
    }  # a missing address matches nothing
    result = chosen.copy()
    result["attribution_from"] = ""
    attribution = [every[column].tolist() for column in ATTRIBUTION_COLUMNS]
    candidates: dict[tuple, list[int]] = {}  # (page address, folded opening) -> positions in ``every``
    for position, (source, text) in enumerate(zip(every["source"], every["text"])):
        folded = _folded(text)
        if (
            len(folded) >= SHARED_OPENING
            and address.get(source)
            and any(given(values[position]) for values in attribution)
        ):
            candidates.setdefault((address[source], folded[:SHARED_OPENING]), []).append(position)
    discussions, texts = every["discussion"].tolist(), every["text"].tolist()
    found: dict[tuple, int | None] = {}  # (address, discussion, text) -> the position taken from, None for none
    columns = [chosen[column].tolist() for column in ATTRIBUTION_COLUMNS]
    for row, (index, source, discussion, text) in enumerate(
        zip(chosen.index, chosen["source"], chosen["discussion"], chosen["text"])
    ):
        if any(given(values[row]) for values in columns) or not address.get(source):
            continue
        key = (address[source], discussion, text)
        if key not in found:
            bucket = candidates.get((address[source], _folded(text)[:SHARED_OPENING]), [])
            found[key] = next(
                (
                    position
                    for position in bucket
                    if discussions[position] != discussion and same_comment(text, texts[position])
                ),
                None,
            )
        taken = found[key]
        if taken is not None:
            for column, values in zip(ATTRIBUTION_COLUMNS, attribution):
                result.at[index, column] = values[taken]
            result.at[index, "attribution_from"] = discussions[taken]
            if len(_folded(texts[taken])) > len(_folded(text)):
                for column in FULLER_TEXT_COLUMNS:
                    if column in every.columns:
                        result.at[index, column] = every[column].iloc[taken]
    return result
