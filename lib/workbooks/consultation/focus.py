"""What the comments say on the codes in focus (a brief's ``codes_in_focus``, e.g. the workstream's
checklist): for each code, the comments raising it, who posted them and the sentence that raises it;
the codes no comment raises; and the key messages a focus brief opens with.

A code's sentence is the first sentence of the comment holding one of the code's matched words (organisation
names never count, as in the coder); a code a check added, with no matched words, says so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.wording import count_of, in_sentence, join_names
from ..ingest.organisation_mentions import without_organisation_names
from ..presentation.html import ILLUSTRATIVE_MARK, LONG_TEXT
from ..presentation.markup import render
from .asks import NOT_NAMED, comment_fields, named_and_unnamed, sentences, wordings_of
from .origins import HUB_WORDS
from .quotes import PARAPHRASE, excerpt

TEMPLATES = Path(__file__).parent / "templates"
FAMILY_ORDER = ("theme", "gcm_objective", "principle")  # the checklist first, then objectives, then the approach
FAMILY_WORDS = {
    "theme": "On the workstream's checklist",
    "gcm_objective": "Of the GCM objectives in focus",
    "principle": "Of the guiding principles in focus",
}
FAMILY_NOUNS = {
    "theme": ("theme of the workstream's checklist", "themes of the workstream's checklist"),
    "gcm_objective": ("GCM objective", "GCM objectives"),
    "principle": ("guiding principle", "guiding principles"),
}  # (one, many)
QUOTED_FAMILY = "theme"  # the checklist's codes are shown with their sentences; objectives and principles as counts
PASSAGE_COLUMNS = [
    "code",
    "label",
    "family",
    "comment_id",
    "who",
    "organisation",
    "discussion",
    "question",
    "sentence",
    "wording",
    "cut_by_page",
    "added_by_check",
]


def _sentence_with(text: str, evidence: list[str]) -> tuple[str, bool]:
    """The first sentence of ``text`` holding one of ``evidence`` (organisation names blanked out),
    and whether it is the comment's last (where the page may have cut it)."""
    read = without_organisation_names(text).lower()
    words = [word.lower() for word in evidence if word]
    every = sentences(text)
    for position, sentence in enumerate(every):
        if any(word in read[sentence.start : sentence.end] for word in words):
            return sentence.text, position == len(every) - 1
    return "", False


def focus_passages(
    coded: pd.DataFrame,
    long: pd.DataFrame,
    focus: list[str],
    labels: dict[str, str],
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (code in focus, comment raising it), codes in the order of ``focus``, comments in
    the file's order: who posted it, the question, the sentence that raises the code."""
    by_id = coded.set_index("comment_id", drop=False)
    wordings = wordings_of(coded, sources)
    rows = []
    for code in focus:
        for _, row in long[long["code"] == code].iterrows():
            comment = by_id.loc[row["comment_id"]]
            text = str(comment["text"])
            sentence, last = _sentence_with(text, list(row["evidence"]))
            cut = bool(comment.get("truncated", False)) and last
            rows.append(
                {
                    **comment_fields(comment, wordings),
                    "code": code,
                    "label": labels[code],
                    "family": row["family"],
                    "sentence": excerpt(sentence, list(row["evidence"]), LONG_TEXT, cut) if sentence else "",
                    "cut_by_page": cut,
                    "added_by_check": not sentence,
                }
            )
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def _who(rows: pd.DataFrame) -> str:
    return named_and_unnamed(rows, lambda count: f"{count} {NOT_NAMED}")


def _raised_and_silent(passages: pd.DataFrame, codes: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """The codes some comment raises, as (comments, code), most first (ties in the order given), and
    those no comment raises, in the order given."""
    counts = sorted(
        (
            (passages[passages["code"] == code]["comment_id"].nunique(), -position, code)
            for position, code in enumerate(codes)
        ),
        reverse=True,
    )
    raised = [(n, code) for n, _, code in counts if n]
    said = {code for _, code in raised}
    return raised, [code for code in codes if code not in said]


def focus_messages(
    passages: pd.DataFrame, focus: list[str], labels: dict[str, str], families: dict[str, str], n_comments: int
) -> list[str]:
    """A sentence per family of codes in focus (the checklist, the GCM objectives, the principles):
    each code raised with how many comments and who, most first; then the codes no comment raises."""
    messages = []
    for family in FAMILY_ORDER:
        codes = [code for code in focus if families.get(code) == family]
        if not codes:
            continue
        rows = passages[passages["family"] == family]
        raised, silent = _raised_and_silent(rows, codes)
        parts = [
            f"{in_sentence(labels[code])} {'is raised by' if position == 0 else 'by'} {n}"
            f"{f' of {n_comments}' if position == 0 else ''} ({_who(rows[rows['code'] == code])})"
            for position, (n, code) in enumerate(raised)
        ]
        none = (
            f"no comment raises {in_sentence(labels[codes[0]])}"
            if len(codes) == 1
            else f"no comment raises any of the {count_of(len(codes), 'code')}"
        )
        sentence = f"{FAMILY_WORDS[family]}, " + (join_names(parts) if parts else none)
        if parts and silent:
            sentence += f"; no comment raises {join_names([in_sentence(labels[code]) for code in silent], 'or')}"
        messages.append(sentence + ".")
    return messages


OTHERS_NAMED = 2  # the key message on the objectives and principles in focus names the most raised, not every count


def other_focus_message(
    passages: pd.DataFrame, focus: list[str], labels: dict[str, str], families: dict[str, str], n_comments: int
) -> str:
    """One sentence a reader can forward on the codes in focus beyond the checklist: the most raised (at
    most OTHERS_NAMED, with their counts), how many more are raised, and those no comment raises; every
    count is in the focus section."""
    others = [code for code in focus if families.get(code) in FAMILY_ORDER and families.get(code) != QUOTED_FAMILY]
    if not others:
        return ""
    kinds = join_names(
        [FAMILY_NOUNS[family][1] for family in FAMILY_ORDER[1:] if any(families.get(c) == family for c in others)]
    )
    raised, silent = _raised_and_silent(passages, others)
    silent = [in_sentence(labels[code]) for code in silent]
    lead = f"Of the {kinds} in focus, "
    if not raised:
        return lead + (
            f"no comment raises {silent[0]}."
            if len(silent) == 1
            else f"no comment raises any of the {count_of(len(others), 'code')}."
        )
    named = OTHERS_NAMED
    while named < len(raised) and raised[named][0] == raised[named - 1][0]:
        named += 1  # a code tied with the last named is named too: it is not raised by fewer
    top = [
        f"{in_sentence(labels[code])} ({n:,} of {n_comments:,})" if i == 0 else f"{in_sentence(labels[code])} ({n:,})"
        for i, (n, code) in enumerate(raised[:named])
    ]
    sentence = lead + join_names(top) + (" come up most" if len(top) > 1 else " comes up most")
    if len(raised) > named:
        sentence += f", {len(raised) - named} more by fewer"
    if silent:
        sentence += f"; no comment raises {join_names(silent, 'or')}"
    return sentence + "."


def focus_section_html(
    passages: pd.DataFrame,
    focus: list[str],
    labels: dict[str, str],
    families: dict[str, str],
    n_comments: int,
    question_labels: dict,
    illustrative: bool = False,
    cut_here: str = HUB_WORDS.cut_here,
) -> str:
    """The section 'What the comments say on the codes in focus' (templates/focus.html.j2); ``cut_here``
    follows a sentence where its comment was cut off, in the words of where it came from (:mod:`.origins`)."""
    groups = []
    quoted_under: dict[tuple, str] = {}  # (comment, sentence) -> the first code it is quoted under
    for family in FAMILY_ORDER:
        for code in [code for code in focus if families.get(code) == family]:
            rows = passages[passages["code"] == code]
            if not len(rows):
                continue
            if family == QUOTED_FAMILY:  # a sentence raising two codes is quoted once, under the first
                for comment_id, sentence in zip(rows["comment_id"], rows["sentence"]):
                    quoted_under.setdefault((comment_id, sentence), labels[code])
            groups.append(
                {
                    "label": labels[code],
                    "count": f"{rows['comment_id'].nunique()} of {count_of(n_comments, 'comment')}: {_who(rows)}",
                    "quoted": family == QUOTED_FAMILY,
                    "rows": [
                        {
                            "who": row["who"],
                            "question_label": question_labels.get((row["discussion"], row["question"]), ""),
                            "sentence": row["sentence"],
                            "paraphrase": row["wording"] == PARAPHRASE,
                            "quoted_under": (lambda first: first if first != labels[code] else "")(
                                quoted_under.get((row["comment_id"], row["sentence"]), "")
                            ),
                            "cut_by_page": row["cut_by_page"],
                            "added_by_check": row["added_by_check"],
                        }
                        for _, row in rows.iterrows()
                    ],
                }
            )
    kinds = {"theme": "checklist theme", "gcm_objective": "GCM objective", "principle": "guiding principle"}
    silent = [
        f"{labels[code]} ({kinds.get(families.get(code, ''), 'code')})"  # 'Social protection (checklist theme)'
        for code in focus
        if not (passages["code"] == code).any()
    ]
    return render(
        "focus.html.j2",
        TEMPLATES,
        groups=groups,
        silent=silent,
        illustrative=illustrative,
        mark=ILLUSTRATIVE_MARK,
        cut_here=cut_here,
    )
