"""Consultation analysis on the real seed 002 comments and on small made-up frames."""
from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.consultation import analysis as consultation
from workbooks.consultation import quotes as quoting
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.presentation.html import highlighted_html

SEED = "seed-002-draft-network-workplan"


@pytest.fixture(scope="module")
def inputs():
    return load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)


def test_unknown_discussions_and_codes_are_named(inputs):
    with pytest.raises(ValueError, match=r"parameter 'discussions': unknown discussion\(s\) \['nope'\]"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", ["nope"], [], root=ROOT)
    with pytest.raises(ValueError, match=r"parameter 'codes_in_focus': unknown code\(s\) \['gcm-24'\]"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], ["gcm-24"], root=ROOT)


def test_comments_by_question_follow_the_page(inputs):
    table = consultation.comments_by_question(inputs.coded, inputs.questions)
    assert list(table["comments"]) == [3, 5, 6]
    assert list(table["cut off by the page"]) == [3, 5, 4]
    assert table["question"].iloc[2].startswith("Which priority areas")


def test_every_stakeholder_type_is_listed_and_counts_add_up(inputs):
    table = consultation.comments_by_stakeholder(inputs.coded).set_index("stakeholder type")
    assert len(table) == 9 and table["comments"].sum() == 14
    assert table.at["unknown", "comments"] == 6 and table.at["Member State", "organisations"] == "United Kingdom"


def test_code_frequency_counts_comments_and_respects_min_count_and_focus(inputs):
    every = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels)
    assert every["comments"].is_monotonic_decreasing
    assert (every["comments"] == inputs.long.groupby("code")["comment_id"].nunique().reindex(every["code"]).values).all()
    at_least_3 = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels, min_count=3)
    assert (at_least_3["comments"] >= 3).all() and len(at_least_3) < len(every)
    focus = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels,
                                        focus=["gcm-20", "theme-social-protection"])
    assert list(focus["code"]) == ["gcm-20"]  # a focus code nobody raised has no row


def test_heatmap_table_has_one_column_per_present_type(inputs):
    table = consultation.code_by_stakeholder(inputs.long, inputs.coded, ["gcm-20", "principle-child-sensitive"],
                                             inputs.labels)
    assert list(table.columns) == ["Member State", "civil society/NGO", "academia", "unknown"]
    assert table.loc["Obj. 20 Remittances"].sum() == 2
    assert table.loc["Child-sensitive", "civil society/NGO"] == 3


def test_objectives_nobody_raised(inputs):
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    raised = set(inputs.long.loc[inputs.long["family"] == "gcm_objective", "ref"].astype(int))
    assert set(missing["number"]) == set(range(1, 24)) - raised
    assert 22 in set(missing["number"])


def test_priority_table_keeps_references_not_in_the_list(inputs):
    coded = inputs.coded.copy()
    coded.loc[0, "priorities"] = "ongoing-12"
    table = consultation.priority_table(coded, inputs.priorities).set_index("priority")
    assert table.at["New Priority 5", "this workstream"] == "yes"
    assert table.at["Ongoing Priority 12", "title"] == "(not named in any comment)"
    assert table.at["Ongoing Priority 12", "comments referring"] == 1


def test_highlighting_escapes_everything_and_marks_only_evidence():
    html = highlighted_html("<b>Women</b> & girls: women's rights", ["women", "<b>"])
    assert html == "<mark>&lt;b&gt;Women</mark>&lt;/b&gt; &amp; girls: <mark>women</mark>&#x27;s rights"  # touching marks merge


def test_excerpt_keeps_the_evidence_in_view():
    text = "x " * 500 + "remittances matter" + " y" * 500
    piece = quoting.excerpt(text, ["remittances"], 200)
    assert "remittances" in piece and piece.startswith("…") and piece.endswith("…") and len(piece) <= 202


def test_key_findings_and_caveats_come_from_the_numbers(inputs):
    frequency = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels)
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    findings = consultation.key_findings(inputs.coded, frequency, missing, priorities)
    assert findings[0].endswith("the most frequent code.") and "of 14 comments" in findings[0]
    assert f"{23 - len(missing)} of the 23 GCM objectives" in findings[1]
    assert "8 of 14 comments name the organisation" in findings[2]
    assert "(New Priority 5) is referred to by 2 comment(s)" in findings[3]
    no_references = priorities.assign(**{"comments referring": 0})
    assert consultation.key_findings(inputs.coded, frequency, missing, no_references)[-1] == \
        "No comment refers to a workplan priority by number."
    [cut] = inputs.caveats()
    assert cut[1] == "info" and cut[0].startswith("12 of 14 comments were cut off")
    template = load_consultation_inputs("data/templates/comments.template.csv", "data/questions.csv", [], [], root=ROOT)
    notes = template.caveats()
    assert notes[0][1] == "warning" and "ILLUSTRATIVE" in notes[0][0] and "comments.template.csv" in notes[0][0]
    empty = inputs.coded.iloc[0:0]
    assert consultation.key_findings(empty, frequency.iloc[0:0], missing, priorities) == [
        "No comments in the chosen discussions."]


def test_quotes_prefer_more_evidence_then_whole_comments(inputs):
    quotes = quoting.quotes(inputs.coded, inputs.long, ["gcm-20"], inputs.labels, per_code=2)
    assert len(quotes) == 2 and all(q.code == "gcm-20" for q in quotes)
    assert all(any(w.lower() in q.text.lower() for w in q.evidence) for q in quotes)


def test_provenance_lists_every_file_read_the_annex_sample_among_them(inputs):
    names = [dataset.name for dataset in inputs.datasets]
    assert names.count("comments.csv") == 1 and "hand_coded_sample.csv" in names
    template = load_consultation_inputs("data/templates/comments.template.csv", "data/questions.csv", [], [], root=ROOT)
    names = [dataset.name for dataset in template.datasets]
    assert names[0] == "comments.template.csv" and "comments.csv" in names  # the annex scores the coder on it


@pytest.mark.parametrize("min_count", [0, -1, 1.5, True])
def test_min_count_must_be_a_whole_number_of_at_least_one(min_count):
    with pytest.raises(ValueError, match="parameter 'min_count': expected a whole number of at least 1"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], min_count, root=ROOT)


def test_select_comments_by_type_code_and_question(inputs):
    chosen = consultation.select_comments(inputs.coded, inputs.long, ["civil society/NGO"], "principle-child-sensitive",
                                          (SEED, 3))
    assert set(chosen["question"]) == {3} and set(chosen["stakeholder_type"]) == {"civil society/NGO"}
    assert consultation.select_comments(inputs.coded, inputs.long).equals(inputs.coded)
    assert consultation.select_comments(inputs.coded, inputs.long, [], None, None).empty
    assert consultation.select_comments(inputs.coded, inputs.long, question=(SEED, 99)).empty
