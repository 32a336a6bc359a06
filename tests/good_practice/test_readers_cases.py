"""Cases fresh readers found in the good-practice briefs: records named apart, aims read as partial, findable examples, what is
counted, nearest practices never alike on shared absence, and every record counted in one table."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from workbooks.good_practice import compare, similarity
from workbooks.good_practice.checklist import load_checklist
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.tables.vocabularies import PARTIAL, PRESENT


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(root=ROOT)


def _score(checklist, key, text):
    return checklist.item(key).assess(text).score


@pytest.mark.parametrize(
    "text",
    [
        "supports economic integration, social protection and peaceful coexistence for Venezuelan migrants",
        "aim to widen integration opportunities for displaced people, such as jobs, livelihoods, entrepreneurship and social protection",
    ],
)
def test_social_protection_named_as_an_aim_or_topic_is_partial(checklist, text):
    assert _score(checklist, "social-protection", text) == PARTIAL


@pytest.mark.parametrize(
    "text",
    [
        "opens social security to migrant workers, who now contribute to pensions",
        "A scheme that extends social protection to migrant workers in an irregular situation.",
    ],
)
def test_social_protection_shown_as_coverage_is_full(checklist, text):
    assert _score(checklist, "social-protection", text) == PRESENT


def test_a_reference_to_standards_is_no_measure_on_rights_at_work(checklist):
    germany = (
        "Germany's handling of seasonal foreign labour through bilateral agreements grounded in ILO standards "
        "and run together with employers' and workers' organisations."
    )
    assert _score(checklist, "rights-at-work", germany) == PARTIAL
    assert _score(checklist, "rights-at-work", "promotes fair recruitment of migrant workers") == PRESENT


def test_returnees_who_can_contribute_are_not_emigrants(checklist):
    nepal = "migrants who come back to Nepal can also contribute and claim benefits."
    assert _score(checklist, "emigrants", nepal) == 0
    assert _score(checklist, "return-migrants", nepal) == PRESENT
    assert _score(checklist, "emigrants", "migrants working in the Gulf can also contribute to the fund") == PRESENT


def _records(rows):
    base = {
        "practice_id": "",
        "title": "",
        "countries": "",
        "url": "https://example.org",
        "summary_basis": "",
        "target_group": "immigrants",
        "target_group_basis": "",
    }
    return pd.DataFrame([{**base, **row} for row in rows])


def test_records_with_the_same_name_are_told_apart_by_country():
    records = _records(
        [
            {"practice_id": "a", "title": "National Remittance Plan (Senegal)", "countries": "Senegal"},
            {"practice_id": "b", "title": "National Remittance Plan (Mexico)", "countries": "Mexico"},
            {"practice_id": "c", "title": "Skills Passport", "countries": "Sri Lanka"},
            {"practice_id": "d", "title": "Skills Passport", "countries": "Nepal; India"},
        ]
    )
    names = compare.distinct_names(records)
    assert names == {
        "a": "National Remittance Plan (Senegal)",
        "b": "National Remittance Plan (Mexico)",
        "c": "Skills Passport (Sri Lanka)",
        "d": "Skills Passport (Nepal, India)",
    }
    assert len(set(names.values())) == 4


def test_untitled_or_unlinked_records_are_never_offered_as_examples():
    records = _records(
        [
            {"practice_id": "a", "title": "A titled record"},
            {"practice_id": "b", "title": ""},
            {"practice_id": "c", "title": "No link", "url": ""},
        ]
    )
    assert compare.findable(records)["practice_id"].tolist() == ["a"]


def _inputs(name):
    import yaml

    params = yaml.safe_load((ROOT / "params/good_practice_comparison" / f"{name}.yaml").read_text())
    return load_practice_inputs(
        "data/practices.csv",
        "data/assessments.csv",
        params.get("practices", []),
        [],
        [],
        params.get("target_group", []),
        params.get("pillars", []),
        params.get("items_in_focus", []),
        root=ROOT,
    ), params


@pytest.mark.parametrize("name", ["labour_inclusion_americas", "return_migrants", "social_protection_and_rights"])
def test_examples_are_findable_and_named_apart(name):
    inputs, _ = _inputs(name)
    offered = set(compare.distinct_names(compare.findable(inputs.migration_records)).values())
    examples = [example for reading in inputs.readings for example in reading.examples]
    assert all(example in offered for example in examples)
    assert not any(example.startswith("untitled") for example in examples)
    assert "National Remittance Plan" not in examples  # named with its country


def test_what_is_counted_is_said_the_same_way(checklist):
    inputs, _ = _inputs("labour_inclusion_americas")
    said = compare.items_counted(checklist)
    assert said == "9 checklist items scored, and whom each practice serves"
    assert said in inputs.headline() and "12 items" not in inputs.headline()
    assert (
        "of the 72 scores were checked"
        in compare.key_messages(inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus)[-1]
    )
    assert (
        len(inputs.shown_scores) == 72 == 6 * 9 + 6 * 3
    )  # the scope line says what they are: 9 items, whom each serves
    assert compare.items_counted(checklist, ["decent-work", "approach"]) == "8 checklist items scored"


def test_no_nearest_match_rests_on_shared_absence(checklist):
    inputs, _ = _inputs("return_migrants")
    table = similarity.nearest_practices(
        inputs.chosen,
        inputs.scores,
        inputs.migration_records,
        inputs.similarity(),
        checklist,
        count=3,
        pillars=inputs.pillars,
    )
    keys = [item.key for item in checklist.scored_items]
    matrix = inputs.scores.pivot(index="practice_id", columns="item", values="score")[keys]
    ids = {compare.display_name(row, 48): row["practice_id"] for _, row in inputs.migration_records.iterrows()}
    column = [c for c in table.columns if c.startswith("Nearest by checklist scores")][0]
    for practice_id, cell in zip(inputs.chosen["practice_id"], table[column]):
        if cell.startswith("—"):
            continue
        for part in cell.split("; "):
            other = ids[part.rsplit(" (", 1)[0]]
            shared = ((matrix.loc[practice_id] > 0) & (matrix.loc[other] > 0)).sum()
            both_full = ((matrix.loc[practice_id] == PRESENT) & (matrix.loc[other] == PRESENT)).sum()
            assert shared >= similarity.MIN_SHARED_ITEMS and both_full >= 1, (practice_id, part)
    assert "Norway Integration Policy" not in " ".join(table[column])


def test_every_record_counted_is_in_one_table_whose_counts_are_the_briefs():
    inputs, _ = _inputs("labour_inclusion_americas")
    frame = compare.every_record_scores(inputs.scores, inputs.migration_records, inputs.checklist, inputs.pillars)
    assert len(frame) == len(inputs.migration_records) == 91
    assert {"Record id", "Title (as the source gives it)", "Source link"} <= set(frame.columns)
    for reading in inputs.readings:
        assert (frame[f"{reading.item.label}: score"] == PRESENT).sum() == reading.full_all
    counts = [
        (frame[f"{checklist_item}: score"] == PRESENT).sum()
        for checklist_item in (
            "Fundamental principles and rights at work",
            "Social dialogue",
            "Access to financing",
            "Gender-responsive",
        )
    ]
    assert counts == [4, 2, 3, 1]  # "4, 2, 3 and 1 show them fully" in the key messages
    # a record without a title says so in words, in the download too (where the page's dash is an empty cell)
    untitled = inputs.migration_records["title"].fillna("").str.strip() == ""
    assert untitled.any()
    titles = frame["Title (as the source gives it)"]
    assert (titles[untitled.to_numpy()] == "(no title on the source)").all()
    assert (titles[~untitled.to_numpy()] == inputs.migration_records["title"][~untitled].str.strip()).all()
    from workbooks.good_practice import brief
    from workbooks.presentation.html import EMPTY

    assert EMPTY not in set(brief.every_record_table(inputs).csv_frame["Title (as the source gives it)"])


def test_a_one_word_reading_of_a_teaser_is_said_to_be_thin():
    kenya = {
        "target_group": "return migrants",
        "target_group_basis": "serves return migrants: 'reintegrating'",
        "summary_basis": "listing teaser",
    }
    assert compare.who_it_serves(kenya).endswith(
        "a thin reading: it rests on one word of our summary of a listing teaser)"
    )
    fuller = {**kenya, "target_group_basis": "serves return migrants: 'returnees', 'come back'"}
    assert "thin" not in compare.who_it_serves(fuller)


def test_the_lead_message_fits_whole_and_says_when_it_rests_on_a_teaser():
    inputs, _ = _inputs("labour_inclusion_americas")
    lead = compare.strongest_evidence(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    # Mexico's programme (its own page) runs to 37 words under a 10-word title: too long to forward whole; the
    # Companies with Refugees Forum's "130+ firms" fits, and says it comes from a listing teaser
    assert lead.startswith("Companies with Refugees Forum, on job creation: member firms (130+)")
    assert "(our summary of a listing teaser; automatic, not checked)" in lead and "…" not in lead
    returns, _ = _inputs("return_migrants")
    lead = compare.strongest_evidence(
        returns.scores, returns.chosen, returns.checklist, returns.pillars, returns.items_in_focus
    )
    assert lead.startswith("Social Security Fund, on social protection:")  # every record compared is thin but one
    assert "(our summary of a listing teaser; automatic, not checked)" in lead


def test_financial_literacy_is_no_financial_service_reaching_migrants(checklist):
    # the rule of the item: financial services reaching migrants, not money or finance as a topic
    assert (
        _score(checklist, "access-to-financing", "financial literacy and social inclusion work for Mexicans abroad")
        == PARTIAL
    )
    assert _score(checklist, "access-to-financing", "opens financial services to returnees") == PRESENT
    inputs, _ = _inputs("return_migrants")
    mexico = inputs.scores[
        (inputs.scores["practice_id"] == "gfmd-mexico-remittance-plan-ime")
        & (inputs.scores["item"] == "access-to-financing")
    ]
    assert mexico["score"].tolist() == [PARTIAL]


def test_a_recorded_check_gives_a_reason_the_checklists_rule_accepts():
    recorded = pd.read_csv(ROOT / "data" / "assessments.csv", dtype=str, keep_default_na=False)
    together = recorded[
        (recorded["practice_id"] == "other-ayuda-en-accion-venezuelan-recovery")
        & (recorded["item"] == "whole-of-society")
    ].iloc[0]
    # "host residents are among those served" does not count; two kinds of partner taking part do
    assert together["score"] == "100" and together["reviewer"] == "project engineer (AI coding assistant)"
    assert "civil society" in together["rationale"] and "Banco Codesarrollo" in together["rationale"]
    assert together["rationale"].endswith("host residents served do not count.")


# whole-of-government (checklist v2): coordination across government, never an agency that is not government's
@pytest.mark.parametrize(
    "text, score",
    [
        # the UN Refugee Agency and UN agencies are no body of government: the city alone is one level
        ("Run by the UN Refugee Agency with other UN agencies and the city of Lyon.", PARTIAL),
        ("UN agencies and the municipality help refugees find housing.", PARTIAL),
        ("The national employment agency places refugees in jobs.", PARTIAL),  # one body of government
        ("An inter-agency committee steers the integration plan.", PRESENT),
        ("Several government agencies share their data on migrant workers.", PRESENT),
        ("A plan of the ministries of labour and interior for seasonal workers.", PRESENT),
        ("The ministry of labour works with the ministry of education on refugees' qualifications.", PRESENT),
    ],
)
def test_whole_of_government_needs_several_bodies_of_government_or_their_coordination(checklist, text, score):
    assert _score(checklist, "whole-of-government", text) == score


@pytest.mark.parametrize(
    "text",
    [
        "A programme for diaspora members offers training and mentoring.",
        "Supports diasporas in Germany to invest, share knowledge and innovate in their countries of origin.",
        "A website comparing money transfer costs, which also offers diaspora groups a blog.",
        "Tackles brain drain by building ties between diaspora members and their countries of origin.",
    ],
)
def test_a_diaspora_only_served_is_no_whole_of_society_partner(checklist, text):
    assert _score(checklist, "whole-of-society", text) == 0
    assert _score(checklist, "emigrants", text) == PRESENT  # the diaspora is served: the scope item says so


@pytest.mark.parametrize(
    "text, score",
    [
        ("Diaspora associations run the community projects.", PRESENT),  # also civil society: associations
        ("Engages the diaspora in local development planning.", PARTIAL),
        ("A commission so that Nigerians abroad can play a bigger part in the country's development.", PARTIAL),
        ("Designed with diaspora organisations and trade unions.", PRESENT),
    ],
)
def test_a_diaspora_taking_part_is_a_whole_of_society_partner(checklist, text, score):
    assert _score(checklist, "whole-of-society", text) == score


def test_a_worker_free_to_change_employer_without_consent_is_a_right_at_work_not_a_partner(checklist):
    free = "Since 2021 a migrant worker may change employer without the employer's consent after one year."
    assert _score(checklist, "rights-at-work", free) == PRESENT
    assert _score(checklist, "whole-of-society", free) == 0  # the employer left is no partner
    assert _score(checklist, "rights-at-work", "Domestic workers are free to change employers.") == PRESENT
    tied = "Workers cannot change employer without the employer's consent."  # a tied permit: named as lacking
    found = checklist.item("rights-at-work").assess(tied)
    assert found.score == 0 and found.lacking == ("cannot change employer without the employer's consent",)
    assert _score(checklist, "whole-of-society", tied) == 0
    # employers who take part still count
    assert _score(checklist, "whole-of-society", "Employers hire refugees through the programme.") == PARTIAL
