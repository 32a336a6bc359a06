"""Decisions with their history: the one that counts, independent decisions, agreement, disagreements."""

import math

import pandas as pd
import pytest

from workbooks.tables.decisions import (
    agreement,
    agreement_by,
    decisions_that_count,
    disagreements,
    independent_decisions,
)
from workbooks.tables.layouts import ASSESSMENTS, CODE_REVIEWS, STATUS_LOG
from workbooks.tables.review_status import Agreement, review_words, with_agreement

AI = "project engineer (AI coding assistant)"


def reviews(*rows) -> pd.DataFrame:
    """(comment_id, code, decision, reviewer, date, mode) rows in the code_reviews layout."""
    frame = pd.DataFrame(
        [
            {
                "comment_id": c,
                "code": k,
                "decision": d,
                "reviewer": r,
                "date": pd.Timestamp(day),
                "note": "",
                "source": "s",
                "mode": mode,
            }
            for c, k, d, r, day, mode in rows
        ],
        columns=CODE_REVIEWS.column_names,
    )
    return frame


def test_the_latest_decision_counts_by_date_then_by_place_in_the_file():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-02", ""),
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-01", "blind"),  # older, though further down
        ("c2", "gcm-6", "kept", "Ana", "2026-01-01", ""),
        ("c2", "gcm-6", "rejected", "Ana", "2026-01-01", ""),
    )  # same day, further down: counts
    counted = decisions_that_count(history, CODE_REVIEWS)
    assert list(zip(counted["comment_id"], counted["decision"])) == [("c1", "kept"), ("c2", "rejected")]


def test_no_decisions_count_nothing():
    assert decisions_that_count(reviews(), CODE_REVIEWS).empty
    assert agreement(reviews(), CODE_REVIEWS) is None and disagreements(reviews(), CODE_REVIEWS).empty


def test_a_decision_made_after_seeing_another_reviewers_is_not_independent():
    history = reviews(
        ("c1", "gcm-6", "kept", AI, "2026-01-01", ""),  # first: nobody else's to see
        ("c1", "gcm-6", "rejected", "Ana", "2026-01-02", "open"),  # saw the AI's: not independent
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-03", "blind"),  # blind: independent
        ("c1", "gcm-6", "kept", "Cai", "2026-01-04", "settling"),  # settling: never independent
        ("c1", "gcm-6", "kept", "Dee", "2026-01-05", "blind"),
    )
    independent = independent_decisions(history, CODE_REVIEWS)
    assert list(zip(independent["reviewer"], independent["decision"])) == [
        (AI, "kept"),
        ("Ben", "rejected"),
        ("Dee", "kept"),
    ]


def test_what_came_first_is_read_from_the_file_order_not_the_dates():
    """A status log is dated by the day a status held, and an import may be dated by hand: an open decision
    dated before the others but recorded after them (further down the file) saw them, and is not compared."""
    history = reviews(
        ("c1", "gcm-6", "kept", "Ben", "2026-01-02", "blind"),
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "open"),
        ("c2", "gcm-6", "kept", "Ben", "2026-01-02", "blind"),
        ("c2", "gcm-6", "rejected", "Ana", "2026-01-01", "open"),
    )
    assert agreement(history, CODE_REVIEWS) is None
    assert list(independent_decisions(history, CODE_REVIEWS)["reviewer"]) == ["Ben", "Ben"]
    recorded_first = pd.concat([history.iloc[[1]], history.iloc[[0]], history.iloc[[3]], history.iloc[[2]]])
    assert agreement(recorded_first, CODE_REVIEWS).compared == 2  # Ana open but first on each: on her own


def test_a_reviewers_own_change_of_mind_stays_independent():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"), ("c1", "gcm-6", "rejected", "Ana", "2026-01-02", "blind")
    )
    assert list(independent_decisions(history, CODE_REVIEWS)["decision"]) == ["rejected"]


def test_agreement_is_krippendorffs_alpha_over_the_units_two_reviewers_decided():
    # Ana and Ben on 4 codes: they differ on one; c5 is Ana's alone and is not compared
    pairs = [
        ("c1", "kept", "kept"),
        ("c2", "rejected", "rejected"),
        ("c3", "kept", "rejected"),
        ("c4", "added", "kept"),
    ]
    rows = [(c, "gcm-6", a, "Ana", "2026-01-01", "blind") for c, a, _ in pairs] + [
        ("c5", "gcm-6", "kept", "Ana", "2026-01-01", "blind")
    ]
    rows += [(c, "gcm-6", b, "Ben", "2026-01-02", "blind") for c, _, b in pairs]
    measured = agreement(reviews(*rows), CODE_REVIEWS)
    assert (measured.compared, measured.agreeing, measured.reviewers) == (4, 3, 2)  # added and kept: the code applies
    # by hand: values (1,1), (0,0), (1,0), (1,1); n = 8 pairable values, five 1s and three 0s;
    # observed disagreement 2/8 (the c3 pair, both orders); expected 2*5*3/(8*7) = 30/56; alpha = 1 - (2/8)/(30/56) = 8/15
    assert math.isclose(measured.alpha, 1 - (2 / 8) / (30 / 56))
    assert (
        review_words(["Ana", "Ben"], measured)
        == "checked by 2 people, agreement alpha 0.53 on the 4 decisions both checked on their own"
    )


def test_scores_are_compared_as_ordinal():
    rows = [
        {
            "practice_id": p,
            "item": "job-creation",
            "score": s,
            "reviewer": r,
            "date": pd.Timestamp("2026-01-01"),
            "rationale": "",
            "source": "record",
            "mode": "blind",
        }
        for p, a, b in [("p1", 0, 0), ("p2", 50, 100), ("p3", 100, 100), ("p4", 0, 50)]
        for r, s in (("Ana", a), ("Ben", b))
    ]
    measured = agreement(pd.DataFrame(rows), ASSESSMENTS)
    import krippendorff
    import numpy as np

    expected = krippendorff.alpha(
        reliability_data=np.array([[0, 1, 2, 0], [0, 2, 2, 1]]), level_of_measurement="ordinal"
    )
    assert measured.compared == 4 and measured.agreeing == 2 and math.isclose(measured.alpha, expected)


def test_agreement_where_every_decision_is_the_same_is_undefined_and_said_in_words():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "kept", "Ben", "2026-01-02", "blind"),
        ("c2", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c2", "gcm-6", "kept", "Ben", "2026-01-02", "blind"),
    )
    measured = agreement(history, CODE_REVIEWS)
    assert measured == Agreement(alpha=None, compared=2, agreeing=2, reviewers=2)
    assert (
        with_agreement("checked by 2 people", measured, "code")
        == "checked by 2 people, who agree on all 2 codes both checked on their own"
    )


def test_one_thing_compared_is_said_as_agreeing_or_not_never_as_an_alpha():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"), ("c1", "gcm-6", "rejected", "Ben", "2026-01-02", "blind")
    )
    measured = agreement(history, CODE_REVIEWS)
    assert measured.alpha == 0.0 and measured.compared == 1  # what the formula gives for one thing
    assert measured.words("code") == "who disagree on the 1 code both checked on their own"
    assert (
        Agreement(None, 1, 1, 3).words("score")
        == "who agree on the 1 score checked on their own by more than one of them"
    )


def test_one_reviewer_alone_gives_no_agreement():
    assert agreement(reviews(("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind")), CODE_REVIEWS) is None
    assert review_words(["Ana"], None) == "checked by 1 person"


def test_agreement_per_code():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
        ("c1", "gcm-7", "kept", "Ana", "2026-01-01", "blind"),
    )
    found = agreement_by(history, CODE_REVIEWS, "code")
    assert list(found) == ["gcm-6"] and found["gcm-6"].agreeing == 0


def test_a_disagreement_is_open_until_a_settling_decision_comes_last():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
        ("c2", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c2", "gcm-6", "added", "Ben", "2026-01-02", "blind"),
    )
    open_ = disagreements(history, CODE_REVIEWS)
    assert list(zip(open_["comment_id"], open_["reviewer"], open_["decision"])) == [
        ("c1", "Ana", "kept"),
        ("c1", "Ben", "rejected"),
    ]
    settled = pd.concat([history, reviews(("c1", "gcm-6", "rejected", "Ana", "2026-01-03", "settling"))])
    assert disagreements(settled, CODE_REVIEWS).empty
    assert decisions_that_count(settled, CODE_REVIEWS).set_index("comment_id").loc["c1", "decision"] == "rejected"
    reopened = pd.concat([settled, reviews(("c1", "gcm-6", "kept", "Ben", "2026-01-04", "open"))])
    assert set(disagreements(reopened, CODE_REVIEWS)["reviewer"]) == {"Ana", "Ben"}


def test_statuses_recorded_twice_for_a_day_by_two_people_disagree():
    log = pd.DataFrame(
        [
            {
                "workstream": "W",
                "activity_id": "i",
                "as_of": pd.Timestamp("2026-01-01"),
                "status": s,
                "source": "x",
                "note": "",
                "reviewer": r,
                "mode": "",
            }
            for s, r in (("Completed", "Ana"), ("In progress", "Ben"))
        ],
        columns=STATUS_LOG.column_names,
    )
    assert len(disagreements(log, STATUS_LOG)) == 2
    assert decisions_that_count(log, STATUS_LOG)["status"].tolist() == ["In progress"]


@pytest.mark.parametrize("layout", [CODE_REVIEWS, ASSESSMENTS, STATUS_LOG], ids=lambda layout: layout.name)
def test_every_table_of_decisions_declares_its_unit_among_its_columns(layout):
    history = layout.decisions
    assert set(history.unit) | {history.compared, history.date, "reviewer", "mode"} <= set(layout.column_names)


def test_a_disagreement_settled_is_counted_settled_with_who_settled_it():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
        ("c2", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c2", "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
        ("c3", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c3", "gcm-6", "kept", "Ben", "2026-01-02", "blind"),
    )
    assert (agreement(history, CODE_REVIEWS).settled, agreement(history, CODE_REVIEWS).settled_by) == (0, ())
    settled = pd.concat([history, reviews(("c1", "gcm-6", "rejected", "Cai", "2026-01-03", "settling"))])
    measured = agreement(settled, CODE_REVIEWS)
    assert (measured.compared, measured.agreeing, measured.settled, measured.settled_by) == (3, 1, 1, ("Cai",))
    assert measured.sentence("code").endswith("Of the 2 they disagreed on, 1 was settled, by Cai.")
    both = pd.concat(
        [settled, reviews(("c2", "gcm-6", "rejected", "Ana", "2026-01-04", "open"))]
    )  # Ana changes her mind
    assert agreement(both, CODE_REVIEWS).settled_by == ("Cai", "Ana")
    assert (
        agreement(both, CODE_REVIEWS)
        .sentence("code")
        .endswith("All 2 codes they disagreed on were settled, by Cai and Ana.")
    )
    reopened = pd.concat([settled, reviews(("c1", "gcm-6", "kept", "Ben", "2026-01-05", "open"))])
    assert agreement(reopened, CODE_REVIEWS).settled == 0


def test_one_thing_compared_and_settled_is_said_settled_never_as_a_disagreement():
    history = reviews(
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
        ("c1", "gcm-6", "kept", "Ana", "2026-01-03", "settling"),
    )
    measured = agreement(history, CODE_REVIEWS)
    assert measured.words("code") == "who disagreed on the 1 code both checked on their own, settled by Ana"
    assert measured.clause("code") == "2 reviewers disagreed on the 1 code both checked on their own, settled by Ana"
    assert measured.sentence("code") == (
        "On the 1 code that 2 reviewers checked on their own, they disagreed. The code "
        "they disagreed on was settled, by Ana."
    )


def test_a_person_correcting_an_ai_assistants_decision_leaves_nothing_to_settle():
    corrected = reviews(
        ("c1", "gcm-6", "kept", AI, "2026-01-01", ""), ("c1", "gcm-6", "rejected", "Ana", "2026-01-02", "open")
    )
    assert disagreements(corrected, CODE_REVIEWS).empty
    assert list(decisions_that_count(corrected, CODE_REVIEWS)["decision"]) == ["rejected"]  # hers counts
    # an AI assistant deciding last, against a person, is to settle; and two people differing still are
    overruled = pd.concat([corrected, reviews(("c1", "gcm-6", "kept", AI, "2026-01-03", ""))])
    assert list(disagreements(overruled, CODE_REVIEWS)["reviewer"]) == ["Ana", AI]
    two_people = pd.concat([corrected, reviews(("c1", "gcm-6", "kept", "Ben", "2026-01-03", "blind"))])
    assert list(disagreements(two_people, CODE_REVIEWS)["reviewer"]) == ["Ana", "Ben"]


def test_only_units_two_reviewers_decided_are_disagreements_whatever_else_the_file_holds():
    """A reviewer changing their own mind ('Ana' and 'Ana ' are one reviewer) is no disagreement; units decided by one
    reviewer between and around the disputed ones change neither which units are found nor their order (the order
    they were first decided in); a unit whose comment is missing (an empty cell) is still a unit."""
    disputed = [
        ("c2", "gcm-6", "kept", "Ana", "2026-01-05", "blind"),
        ("c2", "gcm-6", "rejected", "Ben", "2026-01-06", "blind"),
        (None, "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        (None, "gcm-6", "rejected", "Ben", "2026-01-02", "blind"),
    ]
    alone = [
        ("c1", "gcm-6", "kept", "Ana", "2026-01-01", "blind"),
        ("c1", "gcm-6", "rejected", "Ana ", "2026-01-02", "blind"),
        ("c3", "gcm-7", "added", "Ben", "2026-01-03", "blind"),
    ]
    found = disagreements(reviews(*alone[:2], *disputed[:2], alone[2], *disputed[2:]), CODE_REVIEWS)
    assert [(c if isinstance(c, str) else None, r) for c, r in zip(found["comment_id"], found["reviewer"])] == [
        ("c2", "Ana"),
        ("c2", "Ben"),
        (None, "Ana"),
        (None, "Ben"),
    ]
    pd.testing.assert_frame_equal(found, disagreements(reviews(*disputed), CODE_REVIEWS))
    assert disagreements(reviews(*alone), CODE_REVIEWS).empty
