"""What the consultation brief says about who checked its codes after people reviewed them in the review
workbench: two reviewers (open, blind, settling), a code added, a code added then withdrawn, a
disagreement settled and one not, on a small comments file of one's own. Each sentence is asserted whole:
the key message, the catalogue's line, the per-code table, the annex's sentence and table."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.consultation import analysis
from workbooks.consultation.brief import brief_facts, key_messages
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.tables.layouts import CODE_REVIEWS

OWN = ROOT / "tests" / "fixtures" / "own_data" / "comments.csv"
ANA, BEN = "Ana Lima", "Ben Okafor"
# the automatic coder's codes of the 8 comments taken (asserted in the first test)
CODES = {
    "c01": ["gcm-18"],
    "c02": ["gcm-6", "gcm-22", "theme-decent-work", "theme-social-protection"],
    "c03": ["theme-social-dialogue"],
    "c04": ["gcm-20"],
    "c05": ["gcm-21", "theme-access-to-financing"],
    "c06": ["principle-gender-responsive"],
    "c07": ["theme-decent-work"],
    "c08": ["theme-decent-work"],
}


@pytest.fixture(scope="module")
def comments(tmp_path_factory):
    """The first 8 comments of the own-data recipes' rows (one discussion), as a file of one's own."""
    path = tmp_path_factory.mktemp("own") / "my_comments.csv"
    pd.read_csv(OWN, dtype=str, keep_default_na=False).head(8).to_csv(path, index=False)
    write_sidecar(path, "comments")
    return path


def _load(comments, tmp_path, rows):
    """The brief's inputs with these decisions, (comment, code, decision, reviewer, day, mode), in order."""
    sources = dict(pd.read_csv(comments, dtype=str)[["comment_id", "source"]].itertuples(index=False, name=None))
    path = tmp_path / "my_code_reviews.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CODE_REVIEWS.column_names)
        for comment, code, decision, reviewer, day, mode in rows:
            writer.writerow(
                [
                    f"email-2024-{comment}",
                    code,
                    decision,
                    reviewer,
                    f"2024-05-{day:02d}",
                    "",
                    sources[f"email-2024-{comment}"],
                    mode,
                ]
            )
    write_sidecar(path, "code_reviews")
    return load_consultation_inputs(
        str(comments), "data/questions.csv", None, [], root=ROOT, code_reviews_file=str(path)
    )


def _status(inputs) -> str:
    """The key message on who checked the counts: the last, as the brief gives it."""
    messages = key_messages(inputs)
    assert sum("codes counted" in message or "Every count" in message for message in messages) == 1
    return messages[-1]


def _review_status(inputs) -> dict[str, str]:
    """label -> the per-code table's review status, as a reader sees it."""
    table = analysis.frequency_table(inputs.frequency, len(inputs.coded))
    return dict(zip(table["code"], table["review status"]))


def test_the_small_file_has_the_codes_the_histories_are_built_on(comments, tmp_path):
    plain = _load(comments, tmp_path, [])
    found = plain.automatic_long.groupby("comment_id", sort=False)["code"].apply(list).to_dict()
    assert found == {f"email-2024-{comment}": codes for comment, codes in CODES.items()}
    assert _status(plain) == "Every count rests on the automatic coder alone: no code counted has been checked."
    assert brief_facts(plain, "t").review_status == "Counts automatic, not checked"


def test_a_code_a_check_rejected_is_said_though_no_count_was_checked(comments, tmp_path):
    # the only check removed a code: every count left is automatic, but "no code has been checked" would be false
    rejected = _load(comments, tmp_path, [("c01", "gcm-18", "rejected", ANA, 2, "open")])
    assert _status(rejected) == (
        "Every count rests on the automatic coder alone: no code counted has been checked; 1 code the coder gave "
        "was rejected by a check and is not counted."
    )
    assert brief_facts(rejected, "t").review_status == (
        "Counts automatic, not checked; 1 code the coder gave was rejected by a check, not counted"
    )


def _two_reviewers_and_a_settled_disagreement():
    """Ana checks every code of c01-c06 (blind); Ben checks c02, c03 and c05 blind, rejecting one code Ana
    kept and, like her, Obj. 21 of c05; Ana settles the one disagreement, keeping the code."""
    rows = [
        (comment, code, "rejected" if code == "gcm-21" else "kept", ANA, 2, "blind")
        for comment in ("c01", "c02", "c03", "c04", "c05", "c06")
        for code in CODES[comment]
    ]
    rows += [
        (comment, code, "rejected" if code in ("gcm-21", "theme-decent-work") else "kept", BEN, 6, "blind")
        for comment in ("c02", "c03", "c05")
        for code in CODES[comment]
    ]
    return rows + [("c02", "theme-decent-work", "kept", ANA, 8, "settling")]


def test_two_reviewers_codes_counted_are_said_by_who_checked_them_in_one_sentence(comments, tmp_path):
    inputs = _load(comments, tmp_path, _two_reviewers_and_a_settled_disagreement())
    # 11 codes counted (Obj. 21 of c05 rejected by both): the 4 of c02, c03's and c05's other by both; 3 by Ana
    # alone (c01, c04, c06); c07's and c08's by no one. Alpha by hand: 7 codes compared, Ana 1111101 and Ben
    # 1101101 (1 applies); n = 14, three 0s and eleven 1s, one unit differs: 1 - 13 * 2 / (2 * 3 * 11) = 0.61
    assert _status(inputs) == (
        "Of the 11 codes counted, 6 were checked by 2 people (agreement alpha 0.61 on the 7 "
        "codes both checked on their own) and 3 were checked by 1 person; the other 2 are automatic, not checked; 1 "
        "code the coder gave was rejected by a check and is not counted."
    )
    assert brief_facts(inputs, "t").review_status == (
        "Of the 11 codes counted, 6 checked by 2 people (agreement alpha 0.61 on the 7 codes both checked on their own) and "
        "3 checked by 1 person; the other 2 automatic, not checked; 1 code the coder gave was rejected by a check, "
        "not counted"
    )
    assert int(inputs.frequency["comments"].sum()) == 11


def test_a_settled_disagreement_is_said_settled_and_by_whom(comments, tmp_path):
    inputs = _load(comments, tmp_path, _two_reviewers_and_a_settled_disagreement())
    status = _review_status(inputs)
    assert status["Access to decent work"] == (
        "checked by 2 people (1 of 3), who disagreed on the 1 code both checked on their own, settled by Ana Lima"
    )
    assert (
        status["Obj. 22 Social protection"] == "checked by 2 people, who agree on the 1 code both checked on their own"
    )
    assert status["Obj. 18 Skills development and recognition"] == "checked by 1 person"
    assert "Obj. 21 Dignified return and reintegration" not in status  # rejected by both: not counted
    annex = inputs.review_summary
    assert annex.table.set_index("code").loc["Access to decent work", "agreement between reviewers"] == (
        "who disagreed on the 1 code both checked on their own, settled by Ana Lima"
    )
    assert "disagree on" not in " ".join(annex.table["agreement between reviewers"])
    assert annex.sentence() == (
        "Of 12 automatic codes in these comments, 10 were checked (83%): 9 kept, 1 rejected; no code was added by "
        "the checks. Checks recorded by Ana Lima and Ben Okafor (checked by 2 people). On the 7 codes that 2 "
        "reviewers checked on their own, they agree on 6: Krippendorff's alpha 0.61. The code they disagreed on "
        "was settled, by Ana Lima. Krippendorff's alpha is 1 where reviewers agree on every decision and 0 where "
        "they agree no more often than chance would; below 0, less often. On few decisions one of them moves it a lot."
    )


def test_a_disagreement_not_settled_is_said_so_where_it_is_and_in_the_annex(comments, tmp_path):
    """Ana keeps decent work in c02 and c07; Ben, blind, rejects it in c02: his decision, the latest, counts
    until the two settle it."""
    inputs = _load(
        comments,
        tmp_path,
        [
            ("c02", "theme-decent-work", "kept", ANA, 2, "blind"),
            ("c07", "theme-decent-work", "kept", ANA, 2, "blind"),
            ("c02", "theme-decent-work", "rejected", BEN, 6, "blind"),
        ],
    )
    assert _status(inputs) == (
        "1 of the 11 codes counted was checked by 1 person; the other 10 are automatic, not "
        "checked; 1 code the coder gave was rejected by a check and is not counted. 2 reviewers disagree on the 1 "
        "code both checked on their own."
    )
    assert _review_status(inputs)["Access to decent work"] == (
        "checked by 1 person (1 of 2); 2 reviewers disagree on the 1 code both checked on their own; "
        "1 rejected by a check (checked by 2 people)"  # Ben's rejection of Ana's code counts: the count is 1, not 2
    )
    assert inputs.review_summary.sentence().endswith(
        "On the 1 code that 2 reviewers checked on their own, they disagree. Reviewers disagree on 1 code, not yet "
        "settled; meanwhile the latest decision counts."
    )


def test_an_added_code_is_a_checked_code_and_a_withdrawn_one_is_said_withdrawn(comments, tmp_path):
    """Ana keeps Obj. 18 in c01 and adds decent work to it; she adds rights at work to c03 and withdraws it the
    next day; she adds human rights to c04, which Ben rejects."""
    inputs = _load(
        comments,
        tmp_path,
        [
            ("c01", "gcm-18", "kept", ANA, 2, "open"),
            ("c01", "theme-decent-work", "added", ANA, 2, "open"),
            ("c03", "theme-rights-at-work", "added", ANA, 2, "open"),
            ("c04", "principle-human-rights", "added", ANA, 2, "open"),
            ("c03", "theme-rights-at-work", "rejected", ANA, 3, "open"),
            ("c04", "principle-human-rights", "rejected", BEN, 6, "open"),
        ],
    )
    # 13 codes counted: the coder's 12 and the one added; Obj. 18 and the added one checked
    assert _status(inputs) == (
        "2 of the 13 codes counted were checked by 1 person; the other 11 are automatic, not checked."
    )
    status = _review_status(inputs)
    assert (
        status["Access to decent work"] == "checked by 1 person (1 of 4); 1 added by a check"
    )  # was 'automatic, not checked'
    assert "Fundamental principles and rights at work" not in status and "Human rights" not in status
    annex = inputs.review_summary
    assert annex.sentence() == (
        "Of 12 automatic codes in these comments, 1 was checked (8%): 1 kept, 0 rejected; 1 code was added by the "
        "checks. Ana Lima withdrew 1 code they had added; it is not counted. 1 code added by Ana Lima was rejected "
        "later by Ben Okafor; it is not counted. Checks recorded by Ana Lima and Ben Okafor (checked by 2 people). "
        "Reviewers disagree on 1 code, not yet settled; meanwhile the latest decision counts."
    )
    row = annex.table.set_index("code").loc["Access to decent work"]
    assert (row["automatic matches"], row["added by the checks"], row["comments counted"]) == (3, 1, 4)
    assert "Fundamental principles and rights at work" not in set(annex.table["code"])


def test_an_added_code_confirmed_by_another_reviewer_stays_added(comments, tmp_path):
    inputs = _load(
        comments,
        tmp_path,
        [("c01", "theme-decent-work", "added", ANA, 2, "open"), ("c01", "theme-decent-work", "kept", BEN, 6, "open")],
    )
    annex = inputs.review_summary
    assert (annex.added, annex.stale_kept, annex.withdrawn) == (1, 0, ())
    assert "no longer given by the coder" not in annex.sentence()
    assert _review_status(inputs)["Access to decent work"] == "checked by 2 people (1 of 4); 1 added by a check"


def test_every_code_checked_by_the_same_reviewers_is_said_once(comments, tmp_path):
    rows = [
        (comment, code, "kept", reviewer, day, mode)
        for comment, codes in CODES.items()
        for code in codes
        for reviewer, day, mode in ((ANA, 2, "blind"), (BEN, 6, "blind"))
    ]
    rows[1] = rows[1][:2] + ("rejected",) + rows[1][3:]  # Ben rejects Obj. 18 of c01, which Ana kept
    inputs = _load(comments, tmp_path, rows)
    # c01's Obj. 18 rejected: 11 counted, all checked by both; on the 12 compared, 11 agree, and alpha is 0: the one
    # rejection is all the variation there is (Krippendorff's alpha takes agreement beyond chance)
    assert _status(inputs) == (
        "Every count rests on codes checked by 2 people, agreement alpha 0.00 on the 12 codes both "
        "checked on their own; 1 code the coder gave was rejected by a check and is not counted."
    )
    assert (
        brief_facts(inputs, "t").review_status
        == "Counts checked by 2 people, agreement alpha 0.00 on the 12 codes both checked on their own; 1 code the "
        "coder gave was rejected by a check, not counted"
    )
