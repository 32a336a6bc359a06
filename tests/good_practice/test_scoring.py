"""Scoring: the automatic first pass, reviews that replace it, the roll-up, and bad review rows."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.errors import TableError
from workbooks.good_practice.checklist import load_checklist
from workbooks.good_practice.scoring import (
    AUTOMATIC,
    REVIEWED,
    apply_assessments,
    automatic_scores,
    check_assessments,
    rollup,
    score_matrix,
)
from workbooks.tables.datasets import load_dataset
from workbooks.tables.layouts import ASSESSMENTS


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(root=ROOT)


def _practices(**summaries):
    return pd.DataFrame(
        [{"practice_id": key.replace("_", "-"), "title": "", "summary": text} for key, text in summaries.items()]
    )


def _reviews(*rows):
    return pd.DataFrame(
        [dict(zip(["practice_id", "item", "score", "reviewer", "date", "rationale", "source"], row)) for row in rows],
        columns=ASSESSMENTS.column_names,
    )


def test_automatic_scores_give_every_practice_every_item_with_evidence(checklist):
    practices = _practices(a="Social security for returnees, run with trade unions and employers.", b="A website.")
    scores = automatic_scores(practices, checklist)
    assert len(scores) == 2 * len(checklist.items)
    a = scores[scores["practice_id"] == "a"].set_index("item")
    assert a.loc["social-protection", "score"] == 100 and a.loc["social-protection", "evidence"] == "Social security"
    assert a.loc["whole-of-society", "score"] == 100 and a.loc["return-migrants", "score"] == 100
    assert a.loc["access-to-financing", "score"] == 0 and a.loc["access-to-financing", "evidence"] == ""
    assert set(scores["method"]) == {AUTOMATIC} and (scores["score"] == scores["automatic_score"]).all()
    assert (scores[scores["practice_id"] == "b"]["score"] == 0).all()


def test_a_review_replaces_the_automatic_score_and_keeps_what_it_was(checklist):
    scores = automatic_scores(_practices(a="Social security for workers.", b="Loans for migrants."), checklist)
    reviewed = apply_assessments(
        scores,
        _reviews(
            ("a", "social-protection", 50, "R. Viewer", pd.Timestamp("2026-11-01"), "Only contributory.", "record"),
            ("b", "access-to-financing", 100, "R. Viewer", pd.Timestamp("2026-11-02"), "Confirmed.", "record"),
            ("zzz", "job-creation", 100, "R. Viewer", pd.Timestamp("2026-11-02"), "Not compared here.", "record"),
        ),
    )
    by_key = reviewed.set_index(["practice_id", "item"])
    changed = by_key.loc[("a", "social-protection")]
    assert changed["score"] == 50 and changed["automatic_score"] == 100 and changed["method"] == REVIEWED
    assert (
        changed["reviewer"] == "R. Viewer"
        and changed["date"] == pd.Timestamp("2026-11-01")
        and changed["rationale"] == "Only contributory."
    )
    confirmed = by_key.loc[("b", "access-to-financing")]
    assert confirmed["score"] == confirmed["automatic_score"] == 100 and confirmed["method"] == REVIEWED
    assert (reviewed["method"] == REVIEWED).sum() == 2 and len(reviewed) == len(scores)  # the unknown one is not added
    assert reviewed[reviewed["practice_id"] == "a"]["method"].value_counts().to_dict() == {
        AUTOMATIC: len(checklist.items) - 1,
        REVIEWED: 1,
    }


def test_rollup_averages_items_into_pillars_and_pillars_into_the_overall(checklist):
    scores = automatic_scores(_practices(a="x"), checklist)
    values = {
        "job-creation": 100,
        "social-protection": 50,
        "social-dialogue": 0,
        "rights-at-work": 50,
        "access-to-financing": 100,
        "gender-responsive": 0,
        "rights-based": 100,
        "whole-of-government": 50,
        "whole-of-society": 50,
        "immigrants": 100,
        "return-migrants": 0,
    }
    scores["score"] = scores["item"].map(values)
    rolled = rollup(scores, checklist).loc["a"]
    assert rolled["decent-work"] == pytest.approx(50.0)  # (100 + 50 + 0 + 50) / 4
    assert rolled["financing"] == pytest.approx(100.0)
    assert rolled["approach"] == pytest.approx(50.0)  # (0 + 100 + 50 + 50) / 4
    assert rolled["who-it-serves"] == pytest.approx(50.0)
    assert rolled["overall"] == pytest.approx((50 + 100 + 50) / 3)  # scope is not averaged in
    assert score_matrix(scores, checklist).columns.tolist() == checklist.item_keys


def test_unknown_practice_or_item_in_a_review_is_an_error_naming_the_line(checklist):
    reviews = _reviews(
        ("a", "job-creation", 100, "R", "2026-11-01", "ok", "record"),
        ("nope", "job-creation", 100, "R", "2026-11-01", "ok", "record"),
        ("a", "jobs", 100, "R", "2026-11-01", "ok", "record"),
    )
    with pytest.raises(TableError) as error:
        check_assessments(reviews, ["a"], checklist, "reviews.csv", "practices.csv")
    message = str(error.value)
    assert "reviews.csv: 2 problems" in message
    assert "line 3, column 'practice_id': 'nope' is not a practice_id in practices.csv" in message
    assert "line 4, column 'item': 'jobs' is not an item in checklist.yaml" in message


@pytest.mark.parametrize(
    "cell, value, expected",
    [
        ("score", "75", "line 2, column 'score': '75' must be one of: 0, 50, 100"),
        ("reviewer", "", "line 2, column 'reviewer': '' must not be empty"),
        ("mode", "second", "line 2, column 'mode': 'second' must be one of: open, blind, settling"),
        ("date", "22/11/2026", "line 2, column 'date': '22/11/2026'"),
    ],
)
def test_a_bad_review_row_is_an_error_naming_line_and_column(tmp_path, cell, value, expected):
    row = {
        "practice_id": "gfmd-nepal-social-security-fund",
        "item": "social-dialogue",
        "score": "0",
        "reviewer": "R",
        "date": "2026-11-01",
        "rationale": "why",
        "source": "record",
    }
    row[cell] = value
    path = tmp_path / "reviews.csv"
    pd.DataFrame([row]).to_csv(path, index=False)
    write_sidecar(path, "assessments")
    with pytest.raises(TableError) as error:
        load_dataset(path, tmp_path, layout="assessments")
    assert expected in str(error.value) and "reviews.csv" in str(error.value)


def test_a_practice_reviewed_twice_on_one_item_keeps_both_and_the_latest_counts(tmp_path, checklist):
    """Scores are decisions kept with their history (a second reviewer, a changed mind): no row is a
    repeated key; the latest counts, and the score's review status names both reviewers."""
    practices = load_dataset("data/practices.csv", ROOT).frame
    practice = practices["practice_id"].iloc[0]
    row = {
        "practice_id": practice,
        "item": "social-dialogue",
        "score": "0",
        "reviewer": "Ana",
        "date": "2026-11-02",
        "rationale": "",
        "source": "record",
        "mode": "",
    }
    path = tmp_path / "reviews.csv"
    pd.DataFrame(
        [
            row,
            {**row, "score": "50", "reviewer": "Ben", "date": "2026-11-01", "mode": "blind"},
            {**row, "score": "100", "reviewer": "Cai"},
        ]
    ).to_csv(path, index=False)
    write_sidecar(path, "assessments")
    reviews = load_dataset(path, tmp_path, layout="assessments").frame
    assert len(reviews) == 3
    scores = apply_assessments(automatic_scores(practices[practices["practice_id"] == practice], checklist), reviews)
    counted = scores[scores["item"] == "social-dialogue"].iloc[0]
    # Ben's is dated earlier though written second; Ana's and Cai's share a day: the row further down counts
    assert (counted["score"], counted["reviewer"], counted["review_status"]) == (100, "Cai", "checked by 3 people")


def test_real_reviews_all_apply_and_real_records_score_as_read(checklist):
    practices = load_dataset("data/practices.csv", ROOT).frame
    reviews = load_dataset("data/assessments.csv", ROOT).frame
    check_assessments(reviews, practices["practice_id"], checklist, "data/assessments.csv")
    scores = apply_assessments(automatic_scores(practices, checklist), reviews)
    assert len(scores) == 96 * 12 and (scores["method"] == REVIEWED).sum() == len(reviews)
    by_key = scores.set_index(["practice_id", "item"])["score"]
    # records read by hand: what each one's words show
    assert (
        by_key[("gfmd-nepal-social-security-fund", "social-protection")] == 100
    )  # "Social Security", "claim benefits"
    assert by_key[("gfmd-nepal-social-security-fund", "social-dialogue")] == 0  # reviewed down from 50
    assert by_key[("ilo-germany-seasonal-workers", "social-dialogue")] == 100  # "employers' and workers' organisations"
    assert by_key[("gfmd-france-remittance-plan", "access-to-financing")] == 100  # "access to financial products"
    assert by_key[("gfmd-ecuador2019-austria-art8-permit", "access-to-financing")] == 0  # "grants a residence permit"
    assert by_key[("gfmd-itac", "social-protection")] == 0  # "migration benefits communities" is not a benefit
    assert by_key[("gfmd-seasonal-worker-programme", "job-creation")] == 0  # title only: nothing shown


def test_automatic_full_scores_need_what_the_item_names_done(checklist):
    """The fifth readers' cases: one rule for every record. Job creation is full only where jobs reach
    migrants; skills, regularisation and aims are partial; cash on return is no financial service; a
    business forum is no social dialogue; the host population is no migrant group."""
    practices = load_dataset("data/practices.csv", ROOT).frame
    scores = automatic_scores(practices, checklist).set_index(["practice_id", "item"])

    def read(practice, item):
        return scores.loc[(practice, item), "score"], scores.loc[(practice, item), "evidence"]

    # "labour inclusion", vocational institutes, guides, a referral link: help towards work
    assert read("other-ilo-venezuela-socioeconomic-integration-sida", "job-creation")[0] == 50
    # regular status that "opens access to formal jobs": partial
    assert read("hubpledge-colombia-etpv-law2136", "job-creation") == (50, "jobs")
    # "boost job creation" is the aim; only skills are shown (the reviewer's 50 is now the automatic reading)
    assert read("gfmd-fao-iom-kenya-rural-youth", "job-creation")[0] == 50
    assert read("other-gcr-pledge-mirps-integration", "job-creation")[0] == 50  # "aim to widen ... jobs"
    assert read("gfmd-nairobi-city-of-choice", "job-creation")[0] == 50  # "plans to ... employ migrants"
    assert read("mirps-mexico-local-integration-relocation", "job-creation")[0] == 100  # "links them to formal jobs"
    assert (
        read("other-brazil-companies-with-refugees-forum", "job-creation")[0] == 100
    )  # "12,000 refugee and migrant staff"
    assert read("gfmd-nigeria-rrr-manual", "access-to-financing") == (50, "reintegration payments")
    assert read("hubpledge-undp-gcm", "access-to-financing")[0] == 50  # "diaspora investment and remittances": topics
    assert read("gfmd-france-remittance-plan", "access-to-financing")[0] == 100  # "cost of remittances"
    assert read("other-brazil-companies-with-refugees-forum", "social-dialogue") == (0, "")
    immigrants = read("other-ayuda-en-accion-venezuelan-recovery", "immigrants")
    assert immigrants[0] == 100 and "host" not in immigrants[1]


def _scored(checklist, values):
    scores = automatic_scores(_practices(a="x"), checklist)
    scores["score"] = scores["item"].map(values).fillna(0).astype(int)
    return scores


def test_pillar_scores_stay_exact_and_the_overall_is_their_mean(checklist):
    # decent work (50 + 0 + 0 + 0) / 4 = 12.5; approach (100 + 0 + 50 + 0) / 4 = 37.5: never rounded
    # before the overall, which is (12.5 + 0 + 37.5) / 3 = 16.67 (not the 17 of 13, 0 and 38)
    scores = _scored(checklist, {"job-creation": 50, "rights-based": 100, "whole-of-government": 50})
    rolled = rollup(scores, checklist).loc["a"]
    assert (rolled["decent-work"], rolled["approach"], rolled["financing"]) == (12.5, 37.5, 0)
    assert rolled["overall"] == pytest.approx(50 / 3)


def test_with_pillars_in_focus_the_overall_is_the_mean_of_those_pillars_alone(checklist):
    scores = _scored(
        checklist,
        {
            "job-creation": 100,
            "social-protection": 100,
            "access-to-financing": 0,
            "rights-based": 100,
            "immigrants": 100,
        },
    )
    everything = rollup(scores, checklist).loc["a"]
    focused = rollup(scores, checklist, ["decent-work", "approach"]).loc["a"]
    assert everything["overall"] == pytest.approx((50 + 0 + 25) / 3)  # financing 0 pulls it down
    assert focused["overall"] == pytest.approx((50 + 25) / 2)  # financing hidden: not in it
    assert rollup(scores, checklist, ["decent-work", "who-it-serves"]).loc["a", "overall"] == 50  # scope never counts
    assert pd.isna(rollup(scores, checklist, ["who-it-serves"]).loc["a", "overall"])


@pytest.mark.parametrize(
    "group, immigrants, returns",
    [
        ("immigrants", 100, 0),
        ("return migrants", 0, 100),
        ("both", 100, 100),
        ("unknown", 0, 0),
    ],
)
def test_a_target_group_the_practices_file_gives_is_used_as_given(checklist, group, immigrants, returns):
    """A researcher's file says whom a programme serves where its summary does not: the scope item of
    each group it names scores 100, with the file's column as the evidence; unknown leaves the text's reading."""
    record = pd.DataFrame(
        [
            {
                "practice_id": "s1",
                "title": "Job placement",
                "summary": "Places people in formal jobs.",
                "target_group": group,
                "target_group_basis": "" if group == "unknown" else "the respondent",
            }
        ]
    )
    scores = automatic_scores(record, checklist).set_index("item")
    assert (scores.loc["immigrants", "score"], scores.loc["return-migrants", "score"]) == (immigrants, returns)
    if immigrants:
        assert scores.loc["immigrants", "evidence"] == f"target_group in the practices file: {group} (the respondent)"
    assert scores.loc["job-creation", "score"] == 100  # the other items still read the text


@pytest.mark.parametrize(
    "group, served",
    [
        ("return migrants", {"return-migrants"}),
        ("emigrants", {"emigrants"}),
        ("immigrants", {"immigrants"}),
    ],
)
def test_a_target_group_the_file_gives_leaves_no_partial_from_a_bare_word_on_the_other_groups(checklist, group, served):
    """ "Return migrants receive ...": the word "migrants" alone would give "serves immigrants" 50 ("migrants are
    named without saying whether they arrive, leave or return"), but the file says whom it serves: the groups it
    gives score 100, the others 0, their evidence saying they follow the file's target group."""
    record = pd.DataFrame(
        [
            {
                "practice_id": "s1",
                "title": "Start-up grants",
                "summary": "Migrants receive business training and a start-up grant; they go abroad to sell.",
                "target_group": group,
                "target_group_basis": "the respondent",
            }
        ]
    )
    scores = automatic_scores(record, checklist).set_index("item")
    for item in ("immigrants", "return-migrants", "emigrants"):
        assert scores.loc[item, "score"] == (100 if item in served else 0), item
        if item not in served:
            assert (
                scores.loc[item, "evidence"]
                == f"not among the target group in the practices file: {group} (the respondent)"
            )


def test_words_that_show_the_group_stay_the_evidence_where_the_text_shows_it(checklist):
    record = pd.DataFrame(
        [
            {
                "practice_id": "s1",
                "title": "",
                "summary": "Places refugees in formal jobs.",
                "target_group": "immigrants",
                "target_group_basis": "serves immigrants: 'refugees'",
            }
        ]
    )
    assert automatic_scores(record, checklist).set_index("item").loc["immigrants", "evidence"] == "refugees"


def test_the_survey_templates_effective_example_serves_immigrants_as_its_file_says(checklist):
    template = load_dataset("data/templates/practices.template.csv", ROOT, layout="practices").frame
    scores = automatic_scores(template, checklist).set_index(["practice_id", "item"])["score"]
    assert scores[("survey-2024-r001", "immigrants")] == 100


def test_every_score_carries_its_review_status_in_review_status_words(checklist):
    scores = automatic_scores(_practices(a="Social security for workers.", b="Loans."), checklist)
    checked = apply_assessments(
        scores,
        _reviews(
            (
                "a",
                "social-protection",
                50,
                "project engineer (AI coding assistant)",
                pd.Timestamp("2026-11-01"),
                "x",
                "record",
            ),
            ("b", "access-to-financing", 100, "Jane Doe (ILO)", pd.Timestamp("2026-11-02"), "y", "record"),
        ),
    )
    status = checked.set_index(["practice_id", "item"])["review_status"]
    assert status[("a", "social-protection")] == "checked by an AI assistant, not yet by a person"
    assert status[("b", "access-to-financing")] == "checked by 1 person"
    assert status[("a", "job-creation")] == "automatic, not checked"
    assert not checked["review_status"].str.contains(r"\breviewed\b").any()


def test_scores_two_people_scored_on_their_own_state_their_agreement(checklist):
    """The brief's words for scores checked twice: every reviewer named, and Krippendorff's alpha (1.00: the two
    agree on both scores, one 0 and one 100)."""
    from workbooks.good_practice.compare import status_of_scores

    practices = load_dataset("data/practices.csv", ROOT).frame
    practice = practices["practice_id"].iloc[0]
    rows = [
        {
            "practice_id": practice,
            "item": item,
            "score": score,
            "reviewer": reviewer,
            "date": pd.Timestamp("2026-11-02"),
            "rationale": "",
            "source": "record",
            "mode": "blind",
        }
        for item, score in (("social-dialogue", 0), ("job-creation", 100))
        for reviewer in ("Ana", "Ben")
    ]
    history = pd.DataFrame(rows)
    scores = apply_assessments(automatic_scores(practices[practices["practice_id"] == practice], checklist), history)
    assert status_of_scores(scores, history) == (
        f"2 of the {len(checklist.items)} scores checked by 2 people, agreement "
        f"alpha 1.00 on the 2 scores both checked on their own; the other {len(checklist.items) - 2} "
        "automatic, not checked"
    )
    assert status_of_scores(scores) == (
        f"2 of the {len(checklist.items)} scores checked by 2 people; the other "
        f"{len(checklist.items) - 2} automatic, not checked"
    )  # no history: no agreement


def test_scores_checked_by_different_kinds_of_reviewers_are_counted_kind_by_kind():
    """One score checked by a person after an AI assistant, two by the assistant alone: never '3 checked by 1 person
    and an AI assistant', which reads as if the person checked all three."""
    from workbooks.good_practice.compare import status_of_scores

    assistant = "project engineer (AI coding assistant)"
    scores = pd.DataFrame(
        {
            "practice_id": list("abcde"),
            "item": ["x"] * 5,
            "method": ["reviewed"] * 3 + ["automatic"] * 2,
            "reviewers": [(assistant, "Maria Rossi"), (assistant,), (assistant,), (), ()],
        }
    )
    assert status_of_scores(scores) == (
        "checked by 1 person and an AI assistant (1 of 5); checked by an AI assistant, "
        "not yet by a person (2 of 5); the other 2 automatic, not checked"
    )
    alike = scores.assign(reviewers=[(assistant,)] * 3 + [(), ()])
    assert (
        status_of_scores(alike)
        == "3 of the 5 scores checked by an AI assistant, not yet by a person; the other 2 automatic, not checked"
    )
