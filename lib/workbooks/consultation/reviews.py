"""Reviewed codes (data/code_reviews.csv) that replace the automatic coder's, and what they changed.

A review is a decision on one code of one comment: ``kept`` (the automatic code is right),
``rejected`` (a false match: not counted) or ``added`` (a code the coder missed: counted). Reviews
are kept with their history (several reviewers, a changed mind, a settled disagreement): the one
that counts is the latest (:func:`workbooks.tables.decisions.decisions_that_count`, the one rule).
A comment raises a code, for every count of the brief, when the review that counts keeps or adds it,
or when the coder gives it and no review rejects it. Each count says who checked it, in the words
of :mod:`workbooks.tables.review_status`, read from the reviews' ``reviewer`` column, code counted by
code counted (a comment's code: everyone who decided on it, not only the one whose decision counts; a
code a review added is a checked code), with the reviewers' agreement where two or more checked the
same codes on their own (:func:`code_basis`):

- "checked by an AI assistant, not yet by a person" (or "checked by 2 people", ...): every comment the
  count counts has its code checked, by such reviewers;
- the same words followed by "(r of n)": r of the n comments counted (several such parts where the
  codes were checked by different reviewers: "checked by 2 people (1 of 6); checked by 1 person (3 of 6)");
- "automatic, not checked": none was;
- where checks changed the count (a code the coder gave rejected, one it missed added), the words say so,
  with who made those checks where the words before do not already name them: "automatic, 2 rejected by a
  check (checked by 1 person)"; "checked by an AI assistant, not yet by a person; 1 rejected by a check".

The key message and the catalogue's line count the codes counted the same way, in one sentence
(:func:`overall_basis`, :func:`counts_line`): "12 of the 45 codes counted were checked by 2 people
(agreement alpha 0.30); the other 33 are automatic, not checked."
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.numbers import format_share
from ..common.wording import as_named, count_of, join_names, verb_for
from ..tables.decisions import agreement, agreement_by, decisions_that_count, disagreements
from ..tables.layouts import CODE_REVIEWS
from ..tables.references import ReferenceTarget, check_references
from ..tables.review_status import (
    ALPHA_IN_WORDS,
    AUTOMATIC,
    Agreement,
    ReviewStatus,
    agreement_place,
    checks_of,
    status_of,
    with_agreement,
)
from ..tables.vocabularies import ADDED, KEPT, REJECTED
from .codebook import Codebook

LONG_COLUMNS = ["comment_id", "code", "family", "ref", "label", "evidence", "review", "reviewer", "reviewers"]


def no_reviews() -> pd.DataFrame:
    """A reviews table without rows: every code stays automatic."""
    return pd.DataFrame(columns=CODE_REVIEWS.column_names)


def check_code_reviews(
    reviews: pd.DataFrame,
    comments: pd.DataFrame,
    codebook: Codebook,
    path: Path | str,
    comments_name: str = "the comments file",
) -> None:
    """Every review names a known comment, the comment's own source and a code of the codebook (the
    references the code_reviews layout declares); raise :class:`TableError` naming the file, line
    and column of each problem. ``comments`` holds every comment a review may name."""
    check_references(
        reviews,
        CODE_REVIEWS,
        path,
        {
            "comments": ReferenceTarget(comments, comments_name),
            "codebook": ReferenceTarget(pd.DataFrame({"code": codebook.code_ids}), codebook.path.name),
        },
    )


def reviews_of(reviews: pd.DataFrame, comment_ids) -> pd.DataFrame:
    """The reviews of the given comments (a review of a comment not chosen changes nothing here)."""
    return reviews[reviews["comment_id"].isin(set(comment_ids))].reset_index(drop=True)


def counted_reviews(reviews: pd.DataFrame) -> pd.DataFrame:
    """The review that counts for each (comment, code): the latest (the one rule of tables/decisions.py)."""
    return decisions_that_count(reviews, CODE_REVIEWS)


def apply_reviews(
    automatic: pd.DataFrame, reviews: pd.DataFrame, codebook: Codebook, labels: dict[str, str]
) -> pd.DataFrame:
    """The long table of (comment, code) with reviews applied: rejected codes removed, added (and
    kept) codes present; ``review`` is the decision that counts ('' where none), ``reviewer`` who made
    it and ``reviewers`` everyone who decided on it (a tuple, in the order of the file). ``reviews``
    should already be limited to the chosen comments (:func:`reviews_of`)."""
    everyone = _reviewers_by_pair(reviews)
    reviews = counted_reviews(reviews)
    decision = {
        (comment_id, code): (made, reviewer)
        for comment_id, code, made, reviewer in zip(
            reviews["comment_id"], reviews["code"], reviews["decision"], reviews["reviewer"]
        )
    }
    columns = list(automatic.columns)
    rows = []
    for values in zip(*(automatic[column].tolist() for column in columns)):
        row = dict(zip(columns, values))
        made, reviewer = decision.get((row["comment_id"], row["code"]), ("", ""))
        if made != REJECTED:
            rows.append(
                {
                    **row,
                    "review": made,
                    "reviewer": reviewer,
                    "reviewers": everyone.get((row["comment_id"], row["code"]), ()),
                }
            )
    present = {(row["comment_id"], row["code"]) for row in rows}
    by_id = {code.code: code for code in codebook.codes}
    for (comment_id, code_id), (made, reviewer) in decision.items():
        if made in (KEPT, ADDED) and (comment_id, code_id) not in present:
            code = by_id[code_id]
            rows.append(
                {
                    "comment_id": comment_id,
                    "code": code_id,
                    "family": code.family,
                    "ref": code.ref,
                    "label": labels[code_id],
                    "evidence": [],
                    "review": made,
                    "reviewer": reviewer,
                    "reviewers": everyone[(comment_id, code_id)],
                }
            )
    result = pd.DataFrame(rows, columns=LONG_COLUMNS)
    comment_order = {
        comment_id: position
        for position, comment_id in enumerate(
            dict.fromkeys(list(automatic["comment_id"]) + list(reviews["comment_id"]))
        )
    }
    keys = result["comment_id"].map(comment_order).to_numpy()
    return result.iloc[keys.argsort(kind="stable")].reset_index(drop=True)  # a comment's added codes after its own


def _reviewers_by_pair(reviews: pd.DataFrame) -> dict[tuple, tuple]:
    """(comment, code) -> everyone who decided on it, in the order of the file."""
    everyone: dict[tuple, tuple] = {}
    for comment_id, code, reviewer in zip(reviews["comment_id"], reviews["code"], reviews["reviewer"]):
        everyone[(comment_id, code)] = tuple(dict.fromkeys(everyone.get((comment_id, code), ()) + (reviewer,)))
    return everyone


def pair_statuses(long: pd.DataFrame) -> list[ReviewStatus]:
    """Who checked each counted (comment, code) of ``long`` (:func:`apply_reviews`): everyone who decided
    on it, a code a review added among them; ``ReviewStatus()`` where no one did (automatic)."""
    if "reviewers" not in long.columns:
        return [ReviewStatus() for _ in range(len(long))]
    made: dict[tuple, ReviewStatus] = {}  # most pairs share a few sets of reviewers: each status made once
    return [
        made[names] if names in made else made.setdefault(names, ReviewStatus.of(names)) for names in long["reviewers"]
    ]


def code_basis(
    long: pd.DataFrame,
    agreements: dict[str, Agreement] | None = None,
    automatic: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
) -> dict[str, str]:
    """code -> what its count rests on (see the module's docstring), for every code counted in ``long``
    (:func:`apply_reviews`): who checked the comments it counts, each by its own reviewers, with the
    agreement between the code's reviewers where measured (``agreements``, code -> agreement), and, given
    the coder's codes (``automatic``) and the reviews applied (``reviews``), how many codes checks
    rejected or added, which changed the count."""
    statuses: dict[str, list[ReviewStatus]] = {}
    for code, status in zip(long["code"], pair_statuses(long)):
        statuses.setdefault(code, []).append(status)
    basis = {code: status_of(found, (agreements or {}).get(code), "code") for code, found in statuses.items()}
    if automatic is None or reviews is None:
        return basis
    given = set(zip(automatic["comment_id"], automatic["code"]))
    counted = set(zip(long["comment_id"], long["code"]))
    everyone = _reviewers_by_pair(reviews)
    rejected_of: dict[str, list] = {}  # code -> the (comment, code) pairs given and not counted
    added_of: dict[str, list] = {}  # code -> those counted and not given
    for pairs, of_code in ((given - counted, rejected_of), (counted - given, added_of)):
        for pair in pairs:
            of_code.setdefault(pair[1], []).append(pair)
    for code, found in statuses.items():
        rejected, added = sorted(rejected_of.get(code, [])), sorted(added_of.get(code, []))
        if rejected or added:
            basis[code] = _changed_by_checks(basis[code], found, rejected, added, everyone)
    return basis


def _changed_by_checks(words: str, counted: list[ReviewStatus], rejected, added, everyone: dict) -> str:
    """``words`` (who checked the codes counted) with what checks changed of the count: 'automatic, 2
    rejected by a check (checked by 1 person)'; 'checked by 1 person; 1 added and 1 rejected by a check'.
    Who made those checks is said where ``words`` do not already name every kind of them."""
    changes = [ReviewStatus.of(everyone.get(pair, ())) for pair in rejected + added]
    changed = join_names(
        [f"{len(pairs)} {made}" for pairs, made in ((added, "added"), (rejected, "rejected")) if pairs]
    )
    made_by, _ = checks_of(changes)
    named, _ = checks_of(counted)
    change = f"{changed} by a check"
    if not {kind.words for kind in made_by} <= {kind.words for kind in named}:
        change += f" ({status_of(changes, None, 'code')})"
    return f"automatic, {change}" if words == AUTOMATIC else f"{words}; {change}"


def removed_by_checks(automatic: pd.DataFrame, long: pd.DataFrame) -> int:
    """How many of the coder's codes (``automatic``: a comment's code once) checks rejected: given, not counted."""
    given = set(zip(automatic["comment_id"], automatic["code"]))
    return len(given - set(zip(long["comment_id"], long["code"])))


def overall_basis(long: pd.DataFrame, codes=None, measured: Agreement | None = None, removed: int = 0) -> str:
    """The key message on what the counts of ``codes`` (all in ``long`` when None) rest on, counting the
    codes counted (a comment's code once): 'Every count rests on codes checked by an AI assistant, not yet
    by a person.'; '12 of the 45 codes counted were checked by 2 people (agreement alpha 0.30); the other
    33 are automatic, not checked.'; 'Of the 45 codes counted, 12 were checked by 2 people (agreement
    alpha 0.30) and 3 were checked by 1 person; the other 30 are automatic, not checked.' ``measured``:
    the agreement between reviewers over every code of the chosen comments."""
    return _counts_checked(long, codes, measured, sentence=True, removed=removed)


def counts_line(long: pd.DataFrame, codes=None, measured: Agreement | None = None, removed: int = 0) -> str:
    """:func:`overall_basis` as the catalogue's line on who checked the counts: 'Counts checked by an AI
    assistant, not yet by a person'; '12 of the 45 codes counted checked by 2 people (agreement alpha
    0.30); the other 33 automatic, not checked'."""
    return _counts_checked(long, codes, measured, sentence=False, removed=removed)


def _counts_checked(long: pd.DataFrame, codes, measured: Agreement | None, sentence: bool, removed: int = 0) -> str:
    """:func:`overall_basis` and :func:`counts_line`; ``removed``: the coder's codes checks rejected, which no count
    holds, said after what the counts rest on (a count no check kept is still automatic, but a check was made)."""
    shown = long if codes is None else long[long["code"].isin(set(codes))]
    checks, total = checks_of(pair_statuses(shown.drop_duplicates(["comment_id", "code"])))
    if not total:
        return ""

    def be(count: int, past: bool = True) -> str:
        return (verb_for(count, "was ", "were ") if past else verb_for(count, "is ", "are ")) if sentence else ""

    place = agreement_place(checks, measured)
    rejected = (
        f"; {count_of(removed, 'code')} the coder gave {verb_for(removed, 'was', 'were')} rejected by a check"
        + (f" and {verb_for(removed, 'is', 'are')} not counted" if sentence else ", not counted")
        if removed
        else ""
    )
    if not checks:
        return (
            f"Every count rests on the automatic coder alone: no code counted has been checked{rejected}."
            if sentence
            else f"Counts {AUTOMATIC}{rejected}"
        )
    if len(checks) == 1 and checks[0].count == total:
        words = with_agreement(checks[0].words, measured if place == 0 else None, "code")
        text = f"Every count rests on codes {words}" if sentence else f"Counts {words}"
    else:
        said = [
            f"{be(kind.count)}{kind.words}"
            + (f" ({measured.words('code')})" if measured is not None and position == place else "")
            for position, kind in enumerate(checks)
        ]
        text = (
            f"{checks[0].count} of the {total} codes counted {said[0]}"
            if len(said) == 1
            else f"Of the {total} codes counted, "
            + join_names([f"{kind.count} {words}" for kind, words in zip(checks, said)])
        )
        rest = total - sum(kind.count for kind in checks)
        if rest:
            text += f"; the other {rest} {be(rest, past=False)}{AUTOMATIC}"
    text += rejected
    if place is None and measured is not None and measured.compared:
        apart = measured.clause("code")
        return f"{text}. {apart[0].upper()}{apart[1:]}." if sentence else f"{text}; {apart}"
    return f"{text}." if sentence else text


def reviewer_names(reviews: pd.DataFrame) -> list[str]:
    """Who recorded the reviews, as the data names them, in order of appearance."""
    return list(dict.fromkeys(name for name in reviews["reviewer"] if str(name).strip()))


@dataclass(frozen=True)
class ReviewSummary:
    """The automatic coder set against the reviews, for the chosen comments."""

    table: pd.DataFrame  # per code, for people: automatic matches, kept, rejected, not checked, added, counted
    automatic: int  # automatic codes in the chosen comments
    kept: int
    rejected: int
    added: int
    stale_rejected: int  # rejections of a code the coder no longer gives (none added it): they change no count
    stale_kept: int  # confirmations of a code the coder no longer gives: still counted
    reviewers: tuple
    agreement: Agreement | None = None  # between reviewers who checked the same codes on their own
    unsettled: int = 0  # (comment, code) pairs whose reviewers disagree, not yet settled
    withdrawn: tuple = ()  # codes only a review had added, rejected by a later review: (who added it, who rejected it)

    @property
    def reviewed(self) -> int:
        return self.kept + self.rejected

    def sentence(self) -> str:
        """'Of 60 automatic codes in these comments, 60 were checked (100%): 49 kept, 11 rejected; no
        code was added by the checks. ... Checks recorded by <the reviewers, as the data names them>:
        an AI assistant, not a person.'"""
        if not self.automatic and not self.added:
            text = "The automatic coder gives these comments no code, and no review adds one."
        else:
            added = (
                "no code was added by the checks"
                if not self.added
                else f"{count_of(self.added, 'code')} {_was(self.added)} added by the checks"
            )
            text = (
                f"Of {count_of(self.automatic, 'automatic code')} in these comments, {self.reviewed} "
                f"{_was(self.reviewed)} checked ({format_share(self.reviewed, self.automatic)}): "
                f"{self.kept} kept, {self.rejected} rejected; {added}."
            )
        text += _withdrawn_sentences(self.withdrawn)
        if self.stale_rejected == 1:
            text += " 1 further review rejects a false match the codebook now skips; it changes no count."
        elif self.stale_rejected:
            text += (
                f" {self.stale_rejected} further reviews reject false matches the codebook now skips; they "
                "change no count."
            )
        if self.stale_kept:
            text += (
                f" {count_of(self.stale_kept, 'code')} kept by review {_was(self.stale_kept)} no longer given by "
                "the coder and still counted."
            )
        if self.reviewers:
            status = ReviewStatus.of(self.reviewers)
            text += f" Checks recorded by {join_names([as_named(r) for r in self.reviewers])}"
            text += (
                ": an AI assistant, not a person; no person has checked these codes yet."
                if not status.by_a_person
                else f" ({status.words()})."
            )
        else:
            text += " No check is recorded for these comments: every count is automatic."
        if self.agreement is not None:
            text += " " + self.agreement.sentence("code")
            if self.agreement.alpha is not None and self.agreement.compared > 1:  # an alpha stated: what it means
                text += " " + ALPHA_IN_WORDS
        if self.unsettled:
            text += (
                f" Reviewers disagree on {count_of(self.unsettled, 'code')}, not yet settled; meanwhile the "
                "latest decision counts."
            )
        return text


def _withdrawn_sentences(withdrawn: tuple) -> str:
    """' Lucía Romero withdrew 1 code they had added; it is not counted.' and, where another reviewer
    rejected it, ' 1 code added by Lucía Romero was rejected later by Kwame Mensah; it is not counted.'"""
    text = ""
    own = [remover for adders, remover in withdrawn if remover in adders]
    if own:
        names = join_names([as_named(name) for name in dict.fromkeys(own)])
        text += (
            f" {names[0].upper()}{names[1:]} withdrew {count_of(len(own), 'code')} they had added; "
            f"{_not_counted(len(own))}"
        )
    others = [(adders, remover) for adders, remover in withdrawn if remover not in adders]
    if others:
        adders = join_names([as_named(name) for name in dict.fromkeys(n for names, _ in others for n in names)])
        removers = join_names([as_named(name) for name in dict.fromkeys(remover for _, remover in others)])
        text += (
            f" {count_of(len(others), 'code')} added by {adders} {_was(len(others))} rejected later by "
            f"{removers}; {_not_counted(len(others))}"
        )
    return text


def _not_counted(count: int) -> str:
    return verb_for(count, "it is not counted.", "they are not counted.")


def _was(count: int) -> str:
    return verb_for(count, "was", "were")


def review_summary(
    automatic: pd.DataFrame, reviews: pd.DataFrame, labels: dict[str, str], codebook: Codebook
) -> ReviewSummary:
    """Per code and in one sentence: how the reviews of the chosen comments changed the automatic codes,
    and how far reviewers agree where two or more checked the same codes. ``reviews``, every review
    with its history, should already be limited to the chosen comments (:func:`reviews_of`)."""
    history, reviews = reviews, counted_reviews(reviews)
    agreements = agreement_by(history, CODE_REVIEWS, "code")
    matches = set(zip(automatic["comment_id"], automatic["code"]))
    decision = {(row["comment_id"], row["code"]): row["decision"] for _, row in reviews.iterrows()}
    rows, totals = [], dict.fromkeys(("kept", "rejected", "added", "stale_rejected", "stale_kept"), 0)
    added_by: dict[tuple, tuple] = {}  # (comment, code) -> who added it by review, at any time
    for comment_id, code_id, made, reviewer in zip(
        history["comment_id"], history["code"], history["decision"], history["reviewer"]
    ):
        if made == ADDED:
            added_by[(comment_id, code_id)] = tuple(
                dict.fromkeys(added_by.get((comment_id, code_id), ()) + (str(reviewer).strip(),))
            )
    withdrawn = [
        (added_by[(row["comment_id"], row["code"])], str(row["reviewer"]).strip())
        for _, row in reviews.iterrows()
        if row["decision"] == REJECTED
        and (row["comment_id"], row["code"]) in added_by
        and (row["comment_id"], row["code"]) not in matches
    ]
    by_code: dict[str, set] = {}  # code -> the comments the coder gives it
    for comment_id, code_id in matches:
        by_code.setdefault(code_id, set()).add(comment_id)
    for code in codebook.codes:
        mine = by_code.get(code.code, set())
        made = [decision.get((comment_id, code.code)) for comment_id in mine]
        # the decisions on codes the coder does not give: a code a review added stays added when a later review
        # keeps it, and is withdrawn (not counted, said apart) when one rejects it
        others = [
            ADDED if choice == KEPT and pair in added_by else choice
            for pair, choice in decision.items()
            if pair[1] == code.code and pair[0] not in mine and not (choice == REJECTED and pair in added_by)
        ]
        counts = {
            "kept": made.count(KEPT),
            "rejected": made.count(REJECTED),
            "added": others.count(ADDED),
            "stale_rejected": others.count(REJECTED),
            "stale_kept": others.count(KEPT),
        }
        for key, value in counts.items():
            totals[key] += value
        if mine or counts["added"] or counts["stale_kept"]:
            rows.append(
                {
                    "code": labels[code.code],
                    "automatic matches": len(mine),
                    "kept": counts["kept"],
                    "rejected": counts["rejected"],
                    "not checked": len(mine) - counts["kept"] - counts["rejected"],
                    "added by the checks": counts["added"] + counts["stale_kept"],
                    "comments counted": len(mine) - counts["rejected"] + counts["added"] + counts["stale_kept"],
                    "agreement between reviewers": (
                        agreements[code.code].words("code") if code.code in agreements else ""
                    ),
                }
            )
    columns = [
        "code",
        "automatic matches",
        "kept",
        "rejected",
        "not checked",
        "added by the checks",
        "comments counted",
        "agreement between reviewers",
    ]
    table = pd.DataFrame(rows, columns=columns)
    if not agreements:
        table = table.drop(columns="agreement between reviewers")
    unsettled = disagreements(history, CODE_REVIEWS)
    return ReviewSummary(
        table=table,
        automatic=len(matches),
        reviewers=tuple(reviewer_names(history)),
        agreement=agreement(history, CODE_REVIEWS),
        unsettled=len(unsettled.drop_duplicates(["comment_id", "code"])),
        withdrawn=tuple(withdrawn),
        **totals,
    )
