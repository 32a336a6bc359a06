"""Reference versions of computations lib/ does fast: the plain, slow way each is defined, kept here
(never in lib/) so that the tests can hold the library's one implementation equal to them, on the
real data and on made-up edge cases, and benchmarks/bench.py can time the library against them.

- :func:`code_text_loop`, :func:`code_comments_loop`: every pattern of every code tried on each comment,
  one at a time (``workbooks.consultation.coding.code_text``/``code_comments`` run only the patterns
  that one pass of the codebook's pattern set says match);
- :func:`attributed_from_other_copies_loop`: every chosen comment compared with every comment of the
  other discussions, row by row (``workbooks.consultation.renderings.attributed_from_other_copies``
  compares only those of the same page address and opening);
- :func:`select_and_count`: the comments a live view's controls choose and the comments per code
  among them, step by step over the tables (the live view and the brief count through
  ``workbooks.consultation.analysis.chosen_code_frequency``).
"""

from __future__ import annotations

import pandas as pd

from workbooks.consultation.codebook import Codebook
from workbooks.consultation.coding import CodedText, coded_frame, coded_from_hits
from workbooks.consultation.renderings import ATTRIBUTION_COLUMNS, FULLER_TEXT_COLUMNS, given, same_comment
from workbooks.ingest.organisation_mentions import without_organisation_names


def code_text_loop(text: str, codebook: Codebook) -> CodedText:
    """The reference coder: every pattern of every code tried on the text, one at a time (about 5 ms a
    comment)."""
    text = without_organisation_names(text)
    return coded_from_hits(text, codebook, ((code, code.hits(text)) for code in codebook.codes))


def code_comments_loop(comments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """``code_comments`` with the reference coder, each comment coded on its own (a text seen before too)."""
    return coded_frame(comments, [code_text_loop(str(text), codebook) for text in comments["text"]])


def attributed_from_other_copies_loop(chosen: pd.DataFrame, every: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every chosen comment without author, organisation or date compared with every attributed comment
    of another discussion whose page has the same address, in file order: the first that is the same
    comment gives its attribution (and its text where it shows more)."""
    address = {source: url for source, url in zip(sources["source_id"], sources["url"]) if isinstance(url, str) and url}
    result = chosen.copy()
    result["attribution_from"] = ""
    for index, row in chosen.iterrows():
        if any(given(row[column]) for column in ATTRIBUTION_COLUMNS) or not address.get(row["source"]):
            continue
        others = every[
            (every["discussion"] != row["discussion"]) & (every["source"].map(address.get) == address[row["source"]])
        ]
        for _, other in others.iterrows():
            if any(given(other[column]) for column in ATTRIBUTION_COLUMNS) and same_comment(row["text"], other["text"]):
                for column in ATTRIBUTION_COLUMNS:
                    result.at[index, column] = other[column]
                result.at[index, "attribution_from"] = other["discussion"]
                if len(" ".join(str(other["text"]).split()).lower()) > len(" ".join(str(row["text"]).split()).lower()):
                    for column in FULLER_TEXT_COLUMNS:
                        if column in every.columns:
                            result.at[index, column] = other[column]
                break
    return result


def select_and_count(
    coded: pd.DataFrame,
    long: pd.DataFrame,
    stakeholder_types=None,
    code: str | None = None,
    question: tuple[str, int] | None = None,
) -> tuple[list[str], dict[str, int]]:
    """The ids of the comments chosen (stakeholder types, every one when None; raising ``code``, any when
    None; answering ``question``, (discussion, position), any when None), in file order, and how many of
    them raise each code: comment by comment, a comment's code counted once."""
    raised: dict[str, set] = {}
    for comment_id, each in zip(long["comment_id"], long["code"]):
        raised.setdefault(comment_id, set()).add(each)
    chosen = []
    for row in coded.to_dict("records"):
        if stakeholder_types is not None and str(row["stakeholder_type"]) not in set(stakeholder_types):
            continue
        if code is not None and code not in raised.get(row["comment_id"], set()):
            continue
        if question is not None and (
            row["discussion"] != question[0] or pd.isna(row["question"]) or int(row["question"]) != question[1]
        ):
            continue
        chosen.append(row["comment_id"])
    counts: dict[str, int] = {}
    for comment_id in chosen:
        for each in raised.get(comment_id, set()):
            counts[each] = counts.get(each, 0) + 1
    return chosen, counts
