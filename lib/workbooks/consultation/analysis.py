"""Analysis of coded consultation comments: who said what, about which codes and priorities.

Functions take DataFrames and plain values and return DataFrames, lists or strings. Counts are by
comment: a comment that raises a code twice counts once.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from ..common.numbers import format_share
from ..common.wording import count_of, in_sentence, join_names, noun_for, number_word, verb_for
from ..errors import ParameterError
from ..tables.review_status import AUTOMATIC, status_of
from ..tables.selection import select_by_names
from ..tables.vocabularies import GCM_OBJECTIVE_NUMBERS, STAKEHOLDER_TYPES, UNKNOWN
from .codebook import FAMILY_COLUMNS, Codebook
from .coding import split_codes
from .origins import HUB_WORDS, CommentWords
from .reviews import pair_statuses

FAMILY_NAMES = {"gcm_objective": "GCM objective", "principle": "Guiding principle", "theme": "Checklist theme"}
WORKSTREAM_PRIORITY = "new-5"  # "Strengthening the socio-economic integration of migrants (New Priority 5)", seed 002


def code_labels(codebook: Codebook, objectives: pd.DataFrame, principles: pd.DataFrame) -> dict[str, str]:
    """code id -> label for people: 'Obj. 20 Remittances', 'Gender-responsive', 'Social dialogue' (a
    theme is named as data/checklist.yaml names it)."""
    objective_label = dict(zip(objectives["number"].astype(int).astype(str), objectives["label"]))
    principle_label = dict(zip(principles["key"], principles["label"]))
    labels = {}
    for code in codebook.codes:
        if code.family == "gcm_objective":
            labels[code.code] = f"Obj. {code.ref} {objective_label.get(code.ref, '')}".strip()
        elif code.family == "principle":
            labels[code.code] = principle_label.get(code.ref, code.ref)
        else:
            labels[code.code] = codebook.theme_labels.get(code.ref, code.ref)
    return labels


def select_discussions(comments: pd.DataFrame, discussions: list[str]) -> pd.DataFrame:
    """The comments of the named discussions (all when the list is empty); unknown names are an error."""
    return select_by_names(comments, "discussion", discussions, "discussions", "discussion")


def check_codes(codes: list[str], codebook: Codebook) -> list[str]:
    unknown = [code for code in codes if code not in codebook.code_ids]
    if unknown:
        raise ParameterError(
            None,
            "codes_in_focus",
            f"unknown {noun_for(len(unknown), 'code')} {unknown}; codes are the `code` entries of "
            f"{codebook.path.name}, e.g. gcm-6, principle-gender-responsive, theme-social-protection",
            items=unknown,
        )
    return list(codes)


def select_comments(
    coded: pd.DataFrame,
    long: pd.DataFrame,
    stakeholder_types=None,
    code: str | None = None,
    question: tuple[str, int] | None = None,
) -> pd.DataFrame:
    """The coded comments of the given stakeholder types (every type when None) that raise ``code``
    (any code when None) and answer ``question``, a (discussion, position) pair (any when None)."""
    chosen = coded if stakeholder_types is None else coded[coded["stakeholder_type"].isin(list(stakeholder_types))]
    if code is not None:
        chosen = chosen[chosen["comment_id"].isin(long.loc[long["code"] == code, "comment_id"])]
    if question is not None:
        discussion, position = question
        chosen = chosen[
            (chosen["discussion"] == discussion) & chosen["question"].eq(position).fillna(False).astype(bool)
        ]
    return chosen


def codes_of(long: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``long`` (one per comment and code) of ``comments``, as :func:`code_frequency` counts them."""
    return long[long["comment_id"].isin(comments["comment_id"])]


def long_codes(coded: pd.DataFrame, codebook: Codebook, labels: dict[str, str]) -> pd.DataFrame:
    """One row per (comment, code): comment_id, code, family, ref, label, evidence (matched words)."""
    by_ref = {(code.family, code.ref): code for code in codebook.codes}
    rows = []
    evidence_cells = coded["evidence"].tolist() if "evidence" in coded.columns else [""] * len(coded)
    family_cells = [coded[column].tolist() for column in FAMILY_COLUMNS.values()]
    for position, comment_id in enumerate(coded["comment_id"].tolist()):
        cell = evidence_cells[position]
        evidence = json.loads(cell) if isinstance(cell, str) and cell else {}
        for family, cells in zip(FAMILY_COLUMNS, family_cells):
            for ref in split_codes(cells[position]):
                code = by_ref[(family, ref)]
                rows.append((comment_id, code.code, family, ref, labels[code.code], evidence.get(code.code, [])))
    return pd.DataFrame(rows, columns=["comment_id", "code", "family", "ref", "label", "evidence"])


def discussion_titles(discussions, sources: pd.DataFrame) -> dict[str, str]:
    """discussion -> its title for people (data/sources.csv), in the order given. A discussion the
    registry does not list (comments gathered elsewhere) keeps its own name; two discussions with
    the same title (stored copies of one page) are told apart as 'title (copy 2)'."""
    registered = dict(zip(sources["source_id"], sources["title"]))
    titles: dict[str, str] = {}
    seen: dict[str, int] = {}
    for discussion in dict.fromkeys(discussions):
        title = str(registered.get(discussion, discussion))
        seen[title] = seen.get(title, 0) + 1
        titles[discussion] = title if seen[title] == 1 else f"{title} (copy {seen[title]})"
    return titles


def comments_by_question(
    comments: pd.DataFrame,
    questions: pd.DataFrame,
    titles: dict[str, str] | None = None,
    paraphrased_sources=(),
    words: CommentWords = HUB_WORDS,
) -> pd.DataFrame:
    """Comments and cut-off comments per discussion question, in page order; each discussion named
    by its title (``titles``, see :func:`discussion_titles`), each question in full (the lines of a
    question given in two languages joined by ' / '), and, when ``paraphrased_sources`` is given, a
    "wording" column saying whether the question is the page's wording or our paraphrase. Column names in
    ``words``, those of where the comments came from (:mod:`.origins`)."""
    grouped = (
        comments.groupby(["discussion", "question"], dropna=False)
        .agg(comments=("comment_id", "size"), cut_off=("truncated", "sum"))
        .reset_index()
    )
    texts = questions[["discussion", "question", "text", "source"]]
    table = grouped.merge(texts, on=["discussion", "question"], how="left")
    table["text"] = (
        table["text"]
        .fillna("(no question given)")
        .map(lambda text: " / ".join(line.strip() for line in str(text).splitlines() if line.strip()))
    )
    order = {discussion: position for position, discussion in enumerate(dict.fromkeys(comments["discussion"]))}
    table = table.assign(_order=table["discussion"].map(order)).sort_values(["_order", "question"], na_position="first")
    table["discussion"] = table["discussion"].map(lambda d: (titles or {}).get(d, d))
    columns = ["discussion", words.position, "question", "comments", words.cut_off]
    if paraphrased_sources:
        paraphrased = set(paraphrased_sources)
        table["wording"] = table["source"].map(
            lambda s: "our paraphrase (the stored page was rebuilt)" if s in paraphrased else "as on the page"
        )
        columns.insert(3, "wording")
    return table.rename(columns={"question": words.position, "text": "question", "cut_off": words.cut_off})[
        columns
    ].reset_index(drop=True)


def comments_by_stakeholder(comments: pd.DataFrame) -> pd.DataFrame:
    """Comments per stakeholder type, with the organisations behind them; every type listed."""
    rows = []
    for kind in STAKEHOLDER_TYPES:
        group = comments[comments["stakeholder_type"].astype(str) == kind]
        names = sorted({name for name in group["organisation_canonical"] if name})
        rows.append({"stakeholder type": kind, "comments": len(group), "organisations": "; ".join(names)})
    return pd.DataFrame(rows)


def code_frequency(
    long: pd.DataFrame,
    n_comments: int,
    codebook: Codebook,
    labels: dict[str, str],
    min_count: int = 1,
    focus: list[str] | None = None,
    basis: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Comments per code (at least ``min_count``), most frequent first; ``focus`` limits the codes.
    ``basis`` (code -> who checked it, from :func:`.reviews.code_basis`) says what each count rests on;
    without it every count is automatic."""
    counts = long.drop_duplicates(["comment_id", "code"]).groupby("code").size()
    order = {code.code: position for position, code in enumerate(codebook.codes)}
    family = {code.code: code.family for code in codebook.codes}
    table = pd.DataFrame({"code": counts.index, "comments": counts.values})
    if focus:
        table = table[table["code"].isin(focus)]
    table = table[table["comments"] >= min_count]
    table["label"] = table["code"].map(labels)
    table["family"] = table["code"].map(lambda c: FAMILY_NAMES[family[c]])
    table["share of comments (%)"] = 100 * table["comments"] / max(n_comments, 1)
    table["basis"] = table["code"].map(lambda c: (basis or {}).get(c, AUTOMATIC))
    table["_order"] = table["code"].map(order)
    table = table.sort_values(["comments", "_order"], ascending=[False, True]).drop(columns="_order")
    return table[["code", "label", "family", "comments", "share of comments (%)", "basis"]].reset_index(drop=True)


def frequency_table(frequency: pd.DataFrame, n_comments: int) -> pd.DataFrame:
    """The frequency table as a reader sees it: the code by its label, its kind, the comments raising
    it, their share of the chosen comments, and who checked the codes it rests on."""
    return pd.DataFrame(
        {
            "code": frequency["label"],
            "kind": frequency["family"],
            "comments": frequency["comments"],
            "share of comments": [format_share(int(count), n_comments) for count in frequency["comments"]],
            "review status": frequency["basis"],
        }
    ).reset_index(drop=True)


_OWN_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s")  # a question the page numbers itself: '3. Which emerging ...'


def question_numbers(questions: pd.DataFrame | None) -> dict[tuple, str]:
    """(discussion, question's place on the page) -> the number a reader sees: the one the page gives the
    question ('3. Which emerging ...' is 3) where it gives one, else its place on the page. Where two questions of
    a discussion would be given one number (a page numbering two of its questions 3, or its own 3 beside a third
    question it leaves unnumbered), every question of that discussion is numbered by its place: a number names
    one question, and so does a comment's place under it ("Q3, comment 2")."""
    numbers: dict[tuple, str] = {}
    if questions is None:
        return numbers
    for d, q, text in zip(questions["discussion"], questions["question"], questions["text"]):
        if not pd.isna(q):
            found = own_number(text)
            numbers[(d, int(q))] = found.group(1) if found else str(int(q))
    given: dict = {}
    for (discussion, _), number in numbers.items():
        given.setdefault(discussion, []).append(number)
    repeated = {discussion for discussion, said in given.items() if len(set(said)) < len(said)}
    return {
        (discussion, place): str(place) if discussion in repeated else number
        for (discussion, place), number in numbers.items()
    }


def own_number(text: str) -> re.Match | None:
    """The number a question's text opens with, as the page numbers it ('3. Which emerging ...'), or None."""
    return _OWN_NUMBER.match(str(text))


def comment_places(
    comments: pd.DataFrame, titles: dict[str, str] | None = None, questions: pd.DataFrame | None = None
) -> list[str]:
    """Where each comment is, as a reader finds it: its question, as the page numbers it, and its place
    under it ("Q2, comment 1"), after its discussion's title where the comments come from several."""
    several = comments["discussion"].nunique() > 1
    numbers = question_numbers(questions)  # the number the page gives a question, as the asks say it
    order = comments.groupby(["discussion", "question"], dropna=False, sort=False).cumcount() + 1
    places = []
    for discussion, question, place in zip(comments["discussion"], comments["question"], order):
        where = (
            f"Q{numbers.get((discussion, int(question)), int(question))}, comment {place}"
            if not pd.isna(question) and question != ""
            else f"comment {place}"
        )
        if several:
            where = f"{(titles or {}).get(discussion, discussion)}: {where}"
        places.append(where)
    return places


def codes_by_comment(
    comments: pd.DataFrame,
    long: pd.DataFrame,
    titles: dict[str, str] | None = None,
    questions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per comment, for checking every count: the comment (its question, its place under it on
    the page, who posted it), the codes counted for it (GCM objectives, then principles, then checklist
    themes), how many, and who checked them (each code by everyone who decided on it: ``long``'s
    ``reviewers``, :func:`.reviews.pair_statuses`)."""
    family_order = {family: position for position, family in enumerate(FAMILY_NAMES)}
    # each comment's codes, the families in their order (objectives, principles, themes), each family's as in ``long``
    ordered = long.iloc[long["family"].map(family_order).argsort(kind="stable")] if len(long) else long
    labels_of: dict = {}
    statuses_of: dict = {}
    for comment_id, label, status in zip(ordered["comment_id"], ordered["label"], pair_statuses(ordered)):
        labels_of.setdefault(comment_id, []).append(label)
        statuses_of.setdefault(comment_id, []).append(status)
    rows = []
    places = comment_places(comments, titles, questions)
    for comment, where in zip(comments.to_dict("records"), places):
        labels = labels_of.get(comment["comment_id"], [])
        who = who_asked(comment)  # 'not named (by ...)' kept without a second pair of brackets around it
        rows.append(
            {
                "comment": f"{where}: {who}" if "(" in who else f"{where} ({who})",
                "codes counted": "; ".join(labels),
                "codes": len(labels),
                "review status": status_of(statuses_of[comment["comment_id"]]) if labels else "",
            }
        )
    return pd.DataFrame(rows, columns=["comment", "codes counted", "codes", "review status"])


def code_by_stakeholder(
    long: pd.DataFrame, comments: pd.DataFrame, codes: list[str], labels: dict[str, str]
) -> pd.DataFrame:
    """Comments raising each code (rows, in the order given) by stakeholder type (columns that have comments)."""
    types = comments.set_index("comment_id")["stakeholder_type"].astype(str)
    pairs = (
        long[long["code"].isin(codes)]
        .drop_duplicates(["comment_id", "code"])
        .assign(stakeholder_type=lambda frame: frame["comment_id"].map(types))
    )
    present = [kind for kind in STAKEHOLDER_TYPES if (types == kind).any()]
    table = pd.crosstab(pairs["code"], pairs["stakeholder_type"]) if len(pairs) else pd.DataFrame()
    table = table.reindex(index=codes, columns=present, fill_value=0).fillna(0).astype(int)
    table.index = [labels[code] for code in table.index]
    return table


# the column of an unraised objective's closeness to the brief: 'in focus', or the checklist items
# data/checklist.yaml links the objective to
CLOSENESS = "in focus, or linked to the checklist item"


def objective_relevance(
    focus: list[str],
    codebook: Codebook,
    links: dict[str, list[int]],
    labels: dict[str, str],
    pillars: set[str] | frozenset[str] = frozenset(),
) -> dict[int, list[str]]:
    """Objective number -> what makes it relevant to the brief (codes in ``focus``; empty: every
    checklist theme of the codebook, the workstream's checklist): an objective in focus itself, or
    the checklist items data/checklist.yaml links to it; a pillar (``pillars``) is named only for an
    objective no item in focus names."""
    codes = focus or [code.code for code in codebook.codes if code.family == "theme"]
    themes = [codebook.by_id[code] for code in codes if codebook.by_id[code].family == "theme"]
    reasons: dict[int, list[str]] = {}
    for code in [c for c in themes if c.ref not in pillars] + [c for c in themes if c.ref in pillars]:
        for number in links.get(code.ref, []):
            if code.ref not in pillars or number not in reasons:
                reasons.setdefault(number, []).append(in_sentence(labels[code.code]))
    for code_id in codes:
        if codebook.by_id[code_id].family == "gcm_objective":
            reasons.setdefault(int(codebook.by_id[code_id].ref), []).insert(0, "in focus")
    return reasons


def objectives_not_raised(
    long: pd.DataFrame, objectives: pd.DataFrame, relevance: dict[int, list[str]] | None = None
) -> pd.DataFrame:
    """The GCM objectives no counted code raises, those most relevant to the brief first (an objective
    in focus, then the most reasons in ``relevance``, then by number), each with why it is relevant
    ('' where it is not)."""
    raised = set(long.loc[long["family"] == "gcm_objective", "ref"].astype(int))
    missing = objectives[~objectives["number"].astype(int).isin(raised)][["number", "label", "title"]].copy()
    why = {number: reasons for number, reasons in (relevance or {}).items()}
    missing[CLOSENESS] = [", ".join(why.get(int(n), [])) for n in missing["number"]]

    def rank(number: int) -> tuple:
        reasons = why.get(number, [])
        return ("in focus" not in reasons, -len(reasons), number)

    order = sorted(range(len(missing)), key=lambda i: rank(int(missing["number"].iloc[i])))
    missing = missing.iloc[order]
    if not relevance:
        missing = missing.drop(columns=CLOSENESS)
    return missing.reset_index(drop=True)


def folded_title(text: str) -> str:
    """A text folded to find a priority named by its title: lower case, no articles, quotes or
    punctuation, single spaces ('Strengthening the socio-economic integration of migrants' ->
    'strengthening socio economic integration of migrants')."""
    words = re.sub(r"[^\w]+", " ", str(text).lower()).split()
    return " ".join(word for word in words if word not in {"the", "a", "an"})


def priority_table(coded: pd.DataFrame, priorities: pd.DataFrame) -> pd.DataFrame:
    """Every workplan priority the comments name, by number ('New Priority 5') or by its title, with the
    coded comments and organisations referring to it (comments that name none counted apart);
    references to priorities not in the list are kept with an empty title."""
    organisation = dict(zip(coded["comment_id"], coded["organisation_canonical"]))
    referring: dict[str, list[str]] = {}
    titles = dict(zip(priorities["priority"], priorities["title"]))
    folded = {key: folded_title(title) for key, title in titles.items() if folded_title(title)}
    for comment_id, cell, text in zip(coded["comment_id"], coded["priorities"], coded["text"]):
        keys = list(split_codes(cell))
        text = folded_title(text)
        keys += [key for key, title in folded.items() if key not in keys and f" {title} " in f" {text} "]
        for key in keys:
            referring.setdefault(key, []).append(comment_id)
    keys = list(priorities["priority"]) + [key for key in referring if key not in set(priorities["priority"])]
    streams = dict(zip(priorities["priority"], priorities["workstream"].fillna("")))
    rows = []
    for key in keys:
        ids = referring.get(key, [])
        names = sorted({organisation.get(i, "") for i in ids} - {""})
        unnamed = sum(not organisation.get(i, "") for i in ids)
        names += [f"{unnamed} not named"] if unnamed else []
        rows.append(
            {
                "priority": priority_label(key),
                "title": titles.get(key, "(not named in any comment)"),
                "workstream": streams.get(key, ""),
                "comments referring": len(ids),
                "organisations": "; ".join(names),
                "this workstream": "yes" if key == WORKSTREAM_PRIORITY else "",
                "comment ids": ";".join(ids),
            }
        )
    return pd.DataFrame(rows)


def priorities_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The priority table as a brief shows it: the priority with its title (this workstream's marked),
    the comments referring to it and their organisations."""
    titles = [
        f"{title} (this workstream)" if mine == "yes" else title
        for title, mine in zip(table["title"], table["this workstream"])
    ]
    return pd.DataFrame(
        {
            "priority": table["priority"],
            "title": titles,
            "comments": table["comments referring"],
            "organisations": table["organisations"],
        }
    )


def priority_label(key: str) -> str:
    kind, number = key.rsplit("-", 1)
    return {
        "ongoing": "Ongoing Priority",
        "new": "New Priority",
        "area": "priority area",
        "network": "Network Priority",
        "thematic": "Thematic Priority",
    }[kind] + f" {number}"


def who(comment) -> str:
    parts = [comment.get("organisation_canonical") or comment.get("organisation") or "", comment.get("author") or ""]
    named = [part for part in parts if part]
    return " / ".join(dict.fromkeys(named)) or "no name given"


# a comment that names no organisation but speaks for one ("Our Confederation would highly recommend"):
# the words are shown beside "not named" so a reader can weigh them; no organisation is guessed from them
_SPEAKS_FOR = re.compile(
    r"\b[Oo]ur (?:Confederation|Federation|Network|Organi[sz]ation|Initiative|Clinic|Alliance|"
    r"Coalition|Union|Association|Foundation|Council|Platform|Movement)\b"
)


def who_asked(comment) -> str:
    """Who made an ask, as a reader needs it: the organisation the comment speaks for, else 'not named'
    (with the author where the data give one: 'not named (by Jane Doe, who names no organisation)': posted, sent or said, or else the words by
    which it speaks for one: 'not named (writes of “Our Confederation”)')."""
    organisation = comment.get("organisation_canonical") or comment.get("organisation") or ""
    if organisation:
        return organisation
    author = str(comment.get("author") or "").strip()
    if author:
        return f"not named (by {author}, who names no organisation)"  # 'not named' is the organisation; by: posted, sent or said
    speaks_for = _SPEAKS_FOR.search(str(comment.get("text") or ""))
    return f"not named (writes of \u201c{speaks_for.group(0)}\u201d)" if speaks_for else "not named"


def _count_basis(rows: pd.DataFrame, every: pd.DataFrame) -> str:
    """'' when the counts in ``rows`` rest on codes checked as every count in ``every`` is (the brief
    says that once), else a sentence naming how the counts of ``rows`` that differ were checked."""
    if "basis" not in rows.columns or not len(every):
        return ""
    usual = every["basis"].value_counts().index[0]
    different = rows[rows["basis"] != usual]
    if different.empty:
        return ""
    return (
        " Checked otherwise than the other counts: "
        + join_names([f"{in_sentence(row['label'])} ({row['basis']})" for _, row in different.iterrows()])
        + "."
    )


def _leaders(frequency: pd.DataFrame, total: int, shown: int = 6) -> str:
    """The most frequent code, or the codes tied at the top, written as a reader checks them."""
    top = int(frequency["comments"].iloc[0])
    tied = frequency[frequency["comments"] == top]
    share = format_share(top, total)
    names = [in_sentence(label) for label in tied["label"]]
    if len(tied) == 1:
        return f"{tied['label'].iloc[0]} is the most frequent code: raised by {top:,} of {total:,} comments ({share})."
    more = len(names) - shown
    listed = join_names(names[:shown] + ([f"{more:,} more"] if more > 0 else []))
    return f"{number_word(len(tied)).capitalize()} codes tie as the most frequent, each raised by {top:,} of {total:,} comments ({share}): {listed}."


def focus_findings(frequency: pd.DataFrame, total: int, focus: list[str], labels: dict[str, str]) -> list[str]:
    """What the comments say about the codes in focus: which are raised, by how many, and which by none."""
    raised = frequency[frequency["code"].isin(focus)]
    silent = [code for code in focus if code not in set(raised["code"])]
    findings = []
    if raised.empty:
        findings.append(
            f"No comment raised any of the {count_of(len(focus), 'code')} in focus: "
            f"{join_names([in_sentence(labels[c]) for c in focus], 'or')}."
        )
        return findings
    top = int(raised["comments"].iloc[0])
    tied = raised[raised["comments"] == top]
    lead = (
        f"{in_sentence(tied['label'].iloc[0])} leads"
        if len(tied) == 1
        else f"{number_word(len(tied))} tie at the top ({join_names([in_sentence(x) for x in tied['label']])})"
    )
    findings.append(
        f"Of the {count_of(len(focus), 'code')} in focus, {len(raised)} {verb_for(len(raised), 'is', 'are')} "
        f"raised by at least one of the {count_of(total, 'comment')}; {lead}, at {top} of {total} "
        f"({format_share(top, total)}).{_count_basis(raised, frequency)}"
    )
    others = raised[raised["comments"] < top]
    if len(others):
        findings.append(
            "Raised by fewer comments: "
            + join_names([f"{in_sentence(row['label'])} ({row['comments']})" for _, row in others.iterrows()])
            + "."
        )
    if silent:
        findings.append(f"No comment raised {join_names([in_sentence(labels[c]) for c in silent], 'or')}.")
    return findings


def _unraised_listed(not_raised: pd.DataFrame, shown: int = 4) -> str:
    """' (those closest to the workstream's checklist first: Obj. 18 Skills, ...)' or ' (among them Obj. 1, ...)'."""
    if not len(not_raised):
        return ""
    if CLOSENESS in not_raised.columns and (not_raised[CLOSENESS] != "").any():
        relevant = not_raised[not_raised[CLOSENESS] != ""].head(shown)
        more = int((not_raised[CLOSENESS] != "").sum()) - len(relevant)
        names = [f"Obj. {row['number']} {row['label']} ({row[CLOSENESS]})" for _, row in relevant.iterrows()]
        return f"; those closest to the workstream's checklist: {join_names(names + ([f'{more} more'] if more > 0 else []))}"
    return f" (among them Obj. {', '.join(str(n) for n in not_raised['number'][:6])})"


def who_spoke(comments: pd.DataFrame) -> str:
    """How many comments speak for an organisation of a known stakeholder type, and of which (the headline counts
    every comment naming its organisation; those not in the list of organisations are 'unknown', said after)."""
    total = len(comments)
    known = comments[comments["stakeholder_type"] != UNKNOWN]
    if len(known):
        leading = known["stakeholder_type"].astype(str).value_counts()
        if len(known) == 1:
            whose = (
                f"1 of {total:,} comments speaks for an organisation of a known stakeholder type ({leading.index[0]})"
            )
        elif len(leading) == 1:
            whose = f"{len(known):,} of {total:,} comments speak for an organisation of a known stakeholder type, all {leading.index[0]}"
        elif int(leading.iloc[0]) * 2 > len(known):
            whose = (
                f"{len(known):,} of {total:,} comments speak for an organisation of a known stakeholder type; most of these come from "
                f"{leading.index[0]} ({int(leading.iloc[0]):,})"
            )
        else:
            kinds = ", ".join(f"{kind} {int(count):,}" for kind, count in leading[leading > 0].items())
            whose = (
                f"{len(known):,} of {total:,} comments speak for an organisation of a known stakeholder type ({kinds})"
            )
        return (
            f"{whose}. The other {total - len(known):,} {verb_for(total - len(known), 'is', 'are')} counted "
            f"as 'unknown'{_untyped(comments)}."
        )
    named = (
        int((comments["organisation_canonical"].astype(str) != "").sum()) if "organisation_canonical" in comments else 0
    )
    if named:
        return (
            f"{named:,} of {total:,} comments {verb_for(named, 'names', 'name')} the organisation "
            f"{verb_for(named, 'it speaks', 'they speak')} for, but {verb_for(named, 'it is', 'none of these is')} "
            "in the project's list of organisations, so every stakeholder type is 'unknown'."
        )
    return f"None of the {total:,} comments names the organisation it speaks for: every stakeholder type is 'unknown'."


def _untyped(comments: pd.DataFrame) -> str:
    """', 3 of them naming an organisation the project's list does not type' where some 'unknown' comments
    name their organisation; '' otherwise."""
    if "organisation_canonical" not in comments:
        return ""
    untyped = int(
        ((comments["stakeholder_type"] == UNKNOWN) & (comments["organisation_canonical"].astype(str) != "")).sum()
    )
    if not untyped:
        return ""
    return f", {untyped} of them naming an organisation the project's list of organisations does not type"


def key_findings(
    comments: pd.DataFrame,
    frequency: pd.DataFrame,
    not_raised: pd.DataFrame,
    priorities: pd.DataFrame,
    focus: list[str] | None = None,
    labels: dict[str, str] | None = None,
) -> list[str]:
    """Sentences computed from the numbers. Without ``focus``: the most frequent code (or the codes
    tied at the top), the GCM objectives raised, who spoke, the priorities referred to. With
    ``focus`` (and ``labels``): the codes in focus raised, by how many comments, and those no comment
    raised, in place of the first two; ``frequency`` must then count every code raised at least
    once (min_count 1). Counts are those of ``frequency``: reviewed where reviews exist (its
    ``basis`` column), and a count resting on the automatic coder is said to."""
    total = len(comments)
    if total == 0:
        return ["No comments in the chosen discussions."]
    findings = []
    if focus:
        findings += focus_findings(frequency, total, list(focus), labels or {})
    else:
        if len(frequency):
            top = int(frequency["comments"].iloc[0])
            findings.append(
                _leaders(frequency, total) + _count_basis(frequency[frequency["comments"] == top], frequency)
            )
        objectives = len(GCM_OBJECTIVE_NUMBERS)
        findings.append(
            f"All {objectives} GCM objectives are raised by at least one comment."
            if not len(not_raised)
            else f"{objectives - len(not_raised)} of the {objectives} GCM objectives are raised by at least one "
            f"comment; {len(not_raised)} by none{_unraised_listed(not_raised)}."
        )
    findings.append(who_spoke(comments))
    if len(priorities):
        cited = priorities[priorities["comments referring"] > 0]
        own = priorities[priorities["this workstream"] == "yes"]
        own_count = int(own["comments referring"].sum()) if len(own) else 0
        if len(cited):
            references = int(cited["comments referring"].sum())
            findings.append(
                f"{count_of(references, 'reference')} to {count_of(len(cited), 'workplan priority')} by "
                f"number or title; the socio-economic integration priority (New Priority 5) is referred to by "
                f"{count_of(own_count, 'comment')}."
            )
        else:
            findings.append("No comment refers to a workplan priority by number or title.")
    return findings
