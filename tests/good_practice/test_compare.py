"""The comparison: choosing practices, side by side, roll-up beside the items, strengths and gaps,
the checklist's gaps, nearest practices, key findings."""
from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.good_practice import compare
from workbooks.good_practice.inputs import load_practice_inputs

AMERICAS = ["mirps-mexico-local-integration-relocation", "other-brazil-companies-with-refugees-forum",
            "other-ayuda-en-accion-venezuelan-recovery"]


def _inputs(ids=(), region=(), source_db=(), target_group=(), pillars=(), assessments="data/assessments.csv"):
    return load_practice_inputs("data/practices.csv", assessments, list(ids), list(region), list(source_db),
                                list(target_group), list(pillars), root=ROOT)


@pytest.fixture(scope="module")
def americas():
    return _inputs(AMERICAS)


def test_practices_are_chosen_by_id_in_the_order_given_or_by_filter():
    assert _inputs(AMERICAS[::-1]).ids == AMERICAS[::-1]
    returns = _inputs(target_group=["return migrants"])
    assert len(returns.ids) == 6 and set(returns.chosen["target_group"]) == {"return migrants"}
    assert set(_inputs(region=["Americas", "SADC"]).chosen["region"]) == {"Americas", "SADC"}
    assert _inputs(AMERICAS, source_db=["other"]).ids == AMERICAS[1:]  # ids narrowed by a filter


@pytest.mark.parametrize("kwargs, message", [
    ({"ids": ["gfmd-itac", "no-such-practice"]}, "parameter 'practices': unknown practice_id(s) 'no-such-practice'"),
    ({"ids": ["gfmd-itac", "gfmd-itac"]}, "'gfmd-itac' named twice"),
    ({"ids": ["gfmd-itac"]}, "the comparison needs 2 to 6 practices"),
    ({"source_db": ["GFMD"]}, "give 66"),
    ({"region": ["Atlantis"]}, "parameter 'region': no record has 'Atlantis'"),
    ({"ids": AMERICAS, "pillars": ["jobs"]}, "parameter 'pillars': unknown pillar(s) 'jobs'"),
])
def test_a_bad_choice_is_an_error_naming_the_parameter(kwargs, message):
    with pytest.raises(ValueError) as error:
        _inputs(**kwargs)
    assert message in str(error.value)


def test_side_by_side_shows_score_review_and_evidence(americas):
    table = compare.side_by_side(americas.scores, americas.chosen, americas.checklist, [])
    assert len(table) == 11 and table.columns[:2].tolist() == ["Pillar", "Item"]
    rows = table.set_index("Item")
    assert rows.loc["Job creation", "Local Integration Programme through…"].startswith(
        "100 fully shown · REVIEWED: Confirms")
    assert rows.loc["Fundamental principles and rights at work", "Companies with Refugees Forum"].startswith(
        "50 partly shown · REVIEWED (automatic was 100):")
    assert rows.loc["Social protection", "Fair and inclusive socioeconomic…"] == \
        "100 fully shown · automatic, from words of the title or our summary: social protection"
    assert rows.loc["Social protection", "Companies with Refugees Forum"] == \
        "0 not shown · automatic: nothing found in the title or our summary"
    decent = compare.side_by_side(americas.scores, americas.chosen, americas.checklist, ["decent-work"])
    assert decent["Item"].tolist() == ["Job creation", "Social protection", "Social dialogue",
                                       "Fundamental principles and rights at work"]


def test_rollup_table_puts_the_items_beside_their_means(americas):
    table = compare.rollup_table(americas.scores, americas.rolled, americas.chosen, americas.checklist, [])
    brazil = table.set_index("Checklist")["Companies with Refugees Forum"]
    items = [brazil[f"Access to decent work: {label}"] for label in
             ("Job creation", "Social protection", "Social dialogue", "Fundamental principles and rights at work")]
    assert items == ["100", "0", "50", "50"]
    assert brazil["= Access to decent work (mean)"] == "50"
    assert [brazil[f"= {p} (mean)"] for p in ("Access to decent work", "Access to financing", "Approach")] == \
        ["50", "0", "12.5"]  # shown as it is: the overall is checked against it
    assert brazil["= Overall: mean of Access to decent work, Access to financing, Approach"] == "20.8"  # (50 + 0 + 12.5) / 3
    assert "= Who it serves (mean; scope, not in overall)" in brazil.index


def test_strengths_gaps_and_checklist_gaps(americas):
    strengths = compare.strengths_and_gaps(americas.scores, americas.chosen, americas.checklist, []).set_index("Practice")
    brazil = strengths.loc["Companies with Refugees Forum"]
    assert brazil["Shown fully (strengths)"] == "Job creation"
    assert "Social protection" in brazil["Not shown (gaps)"] and "Serves" not in brazil["Not shown (gaps)"]
    gaps = compare.checklist_gaps(americas.scores, americas.chosen, americas.checklist, [])
    assert "Job creation" not in set(gaps["Item"]) and "Social dialogue" in set(gaps["Item"])
    dialogue = gaps.set_index("Item").loc["Social dialogue"]
    assert dialogue["Best score among the practices compared"] == "50 partly shown"
    assert dialogue["All records showing it fully"].endswith("of 96")
    assert dialogue["GCM objectives"] == "6, 23"


def test_key_findings_are_computed_and_never_rank(americas):
    gaps = compare.checklist_gaps(americas.scores, americas.chosen, americas.checklist, [])
    findings = compare.key_findings(americas.scores, americas.chosen, gaps, americas.checklist, [])
    text = " ".join(findings)
    assert "Most widely shown: Job creation (fully shown by 3 of the 3 practices)." in findings
    assert "No practice compared shows social dialogue fully (" in text
    assert any(f.startswith("Practices showing something of each pillar: ") and "access to financing by 1 of 3" in f for f in findings)
    reviewed = (americas.chosen_scores["method"] == "reviewed").sum()
    assert f"{reviewed} of 33 scores were reviewed by the project engineer (AI coding assistant)" in text
    assert not any(word in text.lower() for word in ("best", "worst", "rank", "top"))


def test_without_reviews_every_score_is_automatic_and_the_brief_says_so():
    inputs = _inputs(AMERICAS, assessments="")
    assert set(inputs.scores["method"]) == {"automatic"} and len(inputs.datasets) == 1
    assert "0 of 33 scores were reviewed: all are automatic readings" in inputs.headline()


def test_record_table_keeps_empty_as_a_dash_and_untitled_records_by_id():
    inputs = _inputs(["hub-teaser-venezuela-unhcr-iom", "gfmd-itac"])
    table = compare.record_table(inputs.chosen)
    assert table["Practice"].tolist() == ["[untitled] hub-teaser-venezuela-unhcr-iom", "It Takes A Community (ITAC)"]
    untitled = table.set_index("Practice").loc["[untitled] hub-teaser-venezuela-unhcr-iom"]
    assert untitled["Countries"] == "—"
    assert untitled["Summary (our paraphrase of the source)"] == inputs.chosen.loc[0, "summary"]
    assert "Judged by the survey respondent" not in table.columns
    provenance = compare.record_provenance(inputs.chosen).set_index("Practice")
    assert provenance.loc["It Takes A Community (ITAC)", "Page the record was found on"].startswith("https://")


def test_caveats_label_illustrative_files_and_thin_records():
    survey = load_practice_inputs("data/templates/practices.template.csv", "", [], [], [], [], [], root=ROOT)
    [warning] = survey.caveats()
    assert warning[1] == "warning" and warning[0].startswith("ILLUSTRATIVE DATA: some records or scores")
    assert "practices.template.csv" not in warning[0]  # readers get words, the appendix the file
    [thin] = _inputs(["hub-teaser-venezuela-unhcr-iom", "hub-undp-five-pillar-diaspora"]).caveats()
    assert thin[1] == "info" and thin[0].startswith("1 of the 2 records comes from a listing teaser")


@pytest.mark.parametrize("ids, filters, expected", [
    (["a", "b"], {"target_group": ["return migrants"]}, "chosen by name for this brief"),
    ([], {"target_group": ["return migrants"], "region": []}, "every record read as serving return migrants only"),
    ([], {"target_group": ["return migrants", "both"]},
     "every record read as serving return migrants only or read as serving both immigrants and return migrants"),
    ([], {"source_db": ["GFMD", "ILO"], "region": ["Americas"]}, "every record from GFMD or ILO and stating the region Americas"),
])
def test_the_brief_says_how_the_practices_were_chosen(ids, filters, expected):
    assert compare.selection_words(ids, filters) == expected
