"""Consultation analysis on the real seed 002 comments and on small made-up frames."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.consultation import analysis as consultation
from workbooks.consultation import quotes as quoting
from workbooks.consultation.codebook import load_codebook
from workbooks.consultation.coding import code_comments
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.reviews import apply_reviews, code_basis
from workbooks.presentation.html import highlighted_html

SEED = "seed-002-draft-network-workplan"


@pytest.fixture(scope="module")
def inputs():
    return load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)


def test_unknown_discussions_and_codes_are_named(inputs):
    with pytest.raises(ValueError, match=r"parameter 'discussions': unknown discussion \['nope'\]"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", ["nope"], [], root=ROOT)
    with pytest.raises(ValueError, match=r"parameter 'codes_in_focus': unknown code \['gcm-24'\]"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], ["gcm-24"], root=ROOT)


def test_comments_by_question_follow_the_page(inputs):
    table = consultation.comments_by_question(inputs.coded, inputs.questions, inputs.titles)
    assert list(table["comments"]) == [3, 5, 6]
    assert list(table["cut off by the page"]) == [3, 5, 4]
    assert set(table["discussion"]) == {"Draft Network Workplan 2022-2024"}  # the title, not the source id
    assert table["question"].iloc[0] == (
        "Does the workplan capture a comprehensive plan to support GCM implementation "
        "over the next two year period, building on the Progress Declaration?"
    )
    assert not table["question"].str.contains("…").any()


def test_a_question_in_two_languages_is_shown_whole_and_titles_are_told_apart():
    hub = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        ["hub-imrf-progress-declaration", "hub-imrf-roundtable-3", "hub-imrf-roundtable-3-v2"],
        [],
        root=ROOT,
    )
    table = consultation.comments_by_question(hub.coded, hub.questions, hub.titles)
    assert (
        table["question"].iloc[0].startswith("How do we assess") and " / Comment mesurer" in table["question"].iloc[0]
    )
    assert list(dict.fromkeys(table["discussion"])) == [
        "IMRF Progress Declaration",
        "IMRF Roundtable 3 Consultation",
        "IMRF Roundtable 3 Consultation (copy 2)",
    ]
    unregistered = consultation.discussion_titles(["email-consultation-2023"], hub.sources)
    assert unregistered == {"email-consultation-2023": "email-consultation-2023"}


def test_every_stakeholder_type_is_listed_and_counts_add_up(inputs):
    table = consultation.comments_by_stakeholder(inputs.coded).set_index("stakeholder type")
    assert len(table) == 9 and table["comments"].sum() == 14
    assert table.at["unknown", "comments"] == 6 and table.at["Member State", "organisations"] == "United Kingdom"


def test_code_frequency_counts_comments_and_respects_min_count_and_focus(inputs):
    every = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels)
    assert every["comments"].is_monotonic_decreasing
    assert (
        every["comments"] == inputs.long.groupby("code")["comment_id"].nunique().reindex(every["code"]).values
    ).all()
    at_least_3 = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels, min_count=3)
    assert (at_least_3["comments"] >= 3).all() and len(at_least_3) < len(every)
    focus = consultation.code_frequency(
        inputs.long, 14, inputs.codebook, inputs.labels, focus=["gcm-20", "theme-social-protection"]
    )
    assert list(focus["code"]) == ["gcm-20"]  # a focus code nobody raised has no row


def test_heatmap_table_has_one_column_per_present_type(inputs):
    table = consultation.code_by_stakeholder(
        inputs.long, inputs.coded, ["gcm-20", "principle-child-sensitive"], inputs.labels
    )
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
    assert (
        html == "<mark>&lt;b&gt;Women</mark>&lt;/b&gt; &amp; girls: <mark>women</mark>&#x27;s rights"
    )  # touching marks merge


def test_excerpt_keeps_the_evidence_in_view():
    text = "x " * 500 + "remittances matter" + " y" * 500
    piece = quoting.excerpt(text, ["remittances"], 200)
    assert "remittances" in piece and piece.startswith("…") and piece.endswith("…") and len(piece) <= 202


def test_key_findings_and_caveats_come_from_the_numbers(inputs):
    frequency = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels, basis=inputs.basis)
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    findings = consultation.key_findings(inputs.coded, frequency, missing, priorities)
    assert findings[0] == "Gender-responsive is the most frequent code: raised by 5 of 14 comments (36%)."
    assert f"{23 - len(missing)} of the 23 GCM objectives" in findings[1]
    assert "8 of 14 comments speak for an organisation of a known stakeholder type" in findings[2]
    # c05 and c09 name it by number, c04 by its title ('Strengthening socio-economic integration of migrants')
    assert (
        "by number or title; the socio-economic integration priority (New Priority 5) is referred to by 3 comments."
        in findings[3]
    )
    assert findings == inputs.key_findings(missing, priorities)
    no_references = priorities.assign(**{"comments referring": 0})
    assert (
        consultation.key_findings(inputs.coded, frequency, missing, no_references)[-1]
        == "No comment refers to a workplan priority by number or title."
    )
    [cut] = inputs.caveats()
    assert cut[1] == "info" and cut[0].startswith("12 of 14 comments were cut off")
    template = load_consultation_inputs("data/templates/comments.template.csv", "data/questions.csv", [], [], root=ROOT)
    notes = template.caveats()
    assert notes[0][1] == "warning" and "ILLUSTRATIVE" in notes[0][0] and "comments.template.csv" not in notes[0][0]
    empty = inputs.coded.iloc[0:0]
    assert consultation.key_findings(empty, frequency.iloc[0:0], missing, priorities) == [
        "No comments in the chosen discussions."
    ]
    assert consultation.key_findings(empty, frequency.iloc[0:0], missing, priorities, ["gcm-6"], inputs.labels) == [
        "No comments in the chosen discussions."
    ]


AI = "checked by an AI assistant, not yet by a person"


def test_a_tie_at_the_top_is_written_as_a_tie_and_a_count_checked_otherwise_says_so(inputs):
    frequency = consultation.code_frequency(inputs.automatic_long, 14, inputs.codebook, inputs.labels)
    tied = frequency.assign(comments=[5, 5, 5] + [1] * (len(frequency) - 3))
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    lead = consultation.key_findings(inputs.coded, tied, missing, priorities)[0]
    first_three = [
        label[0].lower() + label[1:] if not label.startswith("Obj.") else label for label in tied["label"][:3]
    ]
    assert lead.startswith(
        f"Three codes tie as the most frequent, each raised by 5 of 14 comments (36%): "
        f"{first_three[0]}, {first_three[1]} and {first_three[2]}."
    )
    assert lead.endswith(
        "and Obj. 16 Inclusion and social cohesion."
    )  # one basis for every count: said once, elsewhere
    partly = tied.assign(basis=[AI, f"{AI} (3 of 5)", AI] + [AI] * (len(tied) - 3))
    lead = consultation.key_findings(inputs.coded, partly, missing, priorities)[0]
    assert lead.endswith(f"Checked otherwise than the other counts: Obj. 7 Reduce vulnerabilities ({AI} (3 of 5)).")
    alone = tied.assign(basis=["automatic, not checked"] + [AI] * (len(tied) - 1))
    assert consultation.key_findings(inputs.coded, alone, missing, priorities)[0].endswith(
        "Checked otherwise than the other counts: gender-responsive (automatic, not checked)."
    )


def test_the_seed_002_tie_was_made_by_false_matches_and_reviews_undo_it(inputs):
    """Before the codebook fixes and reviews, Obj. 16, human rights and gender-responsive tied at 5 of 14."""
    old = load_codebook(ROOT / "tests" / "consultation" / "fixtures" / "codebook_before_fixes.yaml", root=ROOT)
    automatic = consultation.long_codes(code_comments(inputs.coded, old), old, inputs.labels)
    before = consultation.code_frequency(automatic, 14, old, inputs.labels)
    assert before[before["comments"] == 5]["code"].tolist() == [
        "gcm-16",
        "principle-human-rights",
        "principle-gender-responsive",
    ]
    reviewed = apply_reviews(automatic, inputs.reviews, old, inputs.labels)
    after = consultation.code_frequency(reviewed, 14, old, inputs.labels, basis=code_basis(reviewed))
    assert after.iloc[0]["code"] == "principle-gender-responsive" and after.iloc[1]["comments"] == 4
    assert (after["basis"] == "checked by an AI assistant, not yet by a person").all()


def test_focus_findings_name_the_codes_raised_and_those_nobody_raised(inputs):
    focus = ["theme-decent-work", "theme-job-creation", "theme-social-protection", "principle-gender-responsive"]
    frequency = consultation.code_frequency(
        inputs.long, 14, inputs.codebook, inputs.labels, focus=focus, basis=inputs.basis
    )
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    findings = consultation.key_findings(inputs.coded, frequency, missing, priorities, focus, inputs.labels)
    general = consultation.key_findings(inputs.coded, frequency, missing, priorities)
    assert findings[:3] == [
        "Of the 4 codes in focus, 2 are raised by at least one of the 14 comments; gender-responsive leads, at 5 of 14 (36%).",
        "Raised by fewer comments: access to decent work (2).",
        "No comment raised job creation or social protection.",
    ]
    assert findings[3:] == general[2:]  # who spoke and the priorities: the same comments
    assert not any("GCM objectives are raised" in finding for finding in findings)


def test_focus_findings_when_no_code_in_focus_is_raised(inputs):
    focus = ["theme-job-creation", "theme-social-protection"]
    frequency = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels, focus=focus)
    assert frequency.empty
    missing = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    findings = consultation.key_findings(inputs.coded, frequency, missing, priorities, focus, inputs.labels)
    assert findings[0] == "No comment raised any of the 2 codes in focus: job creation or social protection."
    assert len(findings) == 3 and "speak for an organisation of a known stakeholder type" in findings[1]


def test_the_decent_work_brief_no_longer_repeats_the_general_findings():
    params = yaml.safe_load(
        (ROOT / "params" / "consultation_inputs" / "draft_workplan_2022_decent_work.yaml").read_text()
    )
    focused = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", params["discussions"], params["codes_in_focus"], root=ROOT
    )
    general = load_consultation_inputs("data/comments.csv", "data/questions.csv", params["discussions"], [], root=ROOT)
    missing = consultation.objectives_not_raised(general.long, general.objectives)
    priorities = consultation.priority_table(general.coded, general.priorities)
    focus_findings = focused.key_findings(missing, priorities)
    assert focus_findings[:2] != general.key_findings(missing, priorities)[:2]
    assert focus_findings[2] == (
        "No comment raised job creation, social protection, social dialogue, access to "
        "financing or Obj. 22 Social protection."
    )  # whole-of-government: c11, levels of government
    # a focus code raised by fewer comments than min_count is not said to be raised by none
    strict = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        params["discussions"],
        params["codes_in_focus"],
        min_count=3,
        root=ROOT,
    )
    assert "whole-of-government" not in strict.key_findings(missing, priorities)[2].lower()
    assert "access to financing" in strict.key_findings(missing, priorities)[2]  # raised by none: said so


def test_provenance_lists_every_file_read_the_annex_sample_among_them(inputs):
    names = [dataset.name for dataset in inputs.datasets]
    assert names.count("comments.csv") == 1 and "hand_coded_sample.csv" in names
    template = load_consultation_inputs("data/templates/comments.template.csv", "data/questions.csv", [], [], root=ROOT)
    names = [dataset.name for dataset in template.datasets]
    # the reference coding covers none of the template's comments: the sample's comments, the pages and the questions
    # are not what its brief rests on, and its appendix does not describe them
    assert names[0] == "comments.template.csv" and not {"comments.csv", "sources.csv", "questions.csv"} & set(names)


@pytest.mark.parametrize("min_count", [0, -1, 1.5, True])
def test_min_count_must_be_a_whole_number_of_at_least_one(min_count):
    with pytest.raises(ValueError, match="parameter 'min_count': expected a whole number of at least 1"):
        load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], min_count, root=ROOT)


def test_select_comments_by_type_code_and_question(inputs):
    chosen = consultation.select_comments(
        inputs.coded, inputs.long, ["civil society/NGO"], "principle-child-sensitive", (SEED, 3)
    )
    assert set(chosen["question"]) == {3} and set(chosen["stakeholder_type"]) == {"civil society/NGO"}
    assert consultation.select_comments(inputs.coded, inputs.long).equals(inputs.coded)
    assert consultation.select_comments(inputs.coded, inputs.long, [], None, None).empty
    assert consultation.select_comments(inputs.coded, inputs.long, question=(SEED, 99)).empty


def _selected_and_counted(coded, long, codebook, labels, *choice):
    chosen = consultation.select_comments(coded, long, *choice)
    frequency = consultation.code_frequency(consultation.codes_of(long, chosen), len(chosen), codebook, labels)
    return list(chosen["comment_id"]), dict(zip(frequency["code"], frequency["comments"]))


def test_selection_and_counts_are_the_reference_ones_for_every_choice_of_the_live_view():
    """select_comments then code_frequency (the brief's count, the live view's redraw) against the comment
    by comment reference: every question of every discussion, every code (with any question and with one), each
    with every stakeholder type or one; and none ticked."""
    from reference_versions import select_and_count

    every = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    coded, long = every.coded, every.long
    questions = [None] + [
        (d, int(q)) for d, q in coded[["discussion", "question"]].dropna().drop_duplicates().to_numpy()
    ]
    choices = [(types, None, question) for types in (None, ("civil society/NGO",)) for question in questions]
    choices += [
        (types, code, question)
        for types in (None, ("civil society/NGO",))
        for code in sorted(set(long["code"]))
        for question in (None, (SEED, 3))
    ]
    for choice in choices + [((), None, None)]:
        assert _selected_and_counted(coded, long, every.codebook, every.labels, *choice) == select_and_count(
            coded, long, *choice
        ), choice


def test_selection_and_counts_are_the_reference_ones_at_the_edges(inputs):
    """A comment raising no code, one raising a code twice in the long table, a comment answering no question
    (a survey's), a stakeholder type nobody has, a code nobody raises, a question nobody answers."""
    from reference_versions import select_and_count

    coded = inputs.coded.head(4).copy()
    coded["question"] = pd.array([1, None, 1, 2], dtype="Int64")
    ids = list(coded["comment_id"])
    long = inputs.long[inputs.long["comment_id"].isin(ids[1:])]
    long = pd.concat([long, long.head(1)], ignore_index=True)  # a (comment, code) twice: counted once
    codes = sorted(set(long["code"]))
    for choice in [
        (None, None, None),
        (None, codes[0], None),
        (None, None, (SEED, 1)),
        (None, None, (SEED, 7)),
        (("Member State",), None, None),
        (None, "gcm-23", None),
        (None, codes[0], ("elsewhere", 1)),
        (tuple(set(coded["stakeholder_type"].astype(str))), codes[-1], (SEED, 2)),
    ]:
        assert _selected_and_counted(coded, long, inputs.codebook, inputs.labels, *choice) == select_and_count(
            coded, long, *choice
        ), choice
    assert (
        _selected_and_counted(coded, long, inputs.codebook, inputs.labels, None, None, None)[1][long["code"].iloc[0]]
        == long.drop_duplicates(["comment_id", "code"])["code"].eq(long["code"].iloc[0]).sum()
    )


def test_who_spoke_finding_reads_right_for_one_named_comment_and_for_one_type():
    import pandas as pd

    from workbooks.consultation import analysis

    empty = pd.DataFrame(columns=["code", "label", "comments"])
    none = pd.DataFrame(columns=["number"])
    one = pd.DataFrame({"stakeholder_type": ["civil society/NGO", "unknown", "unknown"], "comment_id": ["a", "b", "c"]})
    text = " ".join(analysis.key_findings(one, empty, none, pd.DataFrame()))
    assert (
        "1 of 3 comments speaks for an organisation of a known stakeholder type (civil society/NGO). The other 2 are"
        in text
    )
    two = one.assign(stakeholder_type=["UN entity", "UN entity", "unknown"])
    text = " ".join(analysis.key_findings(two, empty, none, pd.DataFrame()))
    assert (
        "2 of 3 comments speak for an organisation of a known stakeholder type, all UN entity. The other 1 is" in text
    )
    assert "most of these" not in text


def test_who_spoke_finding_says_most_only_when_one_type_has_more_than_half():
    import pandas as pd

    from workbooks.consultation import analysis

    empty = pd.DataFrame(columns=["code", "label", "comments"])
    even = pd.DataFrame(
        {"stakeholder_type": ["civil society/NGO", "UN entity", "unknown"], "comment_id": ["a", "b", "c"]}
    )
    text = " ".join(analysis.key_findings(even, empty, pd.DataFrame(columns=["number"]), pd.DataFrame()))
    assert (
        "2 of 3 comments speak for an organisation of a known stakeholder type (" in text
        and "most of these" not in text
    )
    assert "civil society/NGO 1" in text and "UN entity 1" in text


def test_questions_from_a_rebuilt_page_are_marked_as_paraphrases():
    from conftest import ROOT
    from workbooks.consultation import analysis
    from workbooks.consultation.inputs import load_consultation_inputs

    inputs = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        ["seed-002-draft-network-workplan", "hub-imrf-roundtable-4"],
        [],
        root=ROOT,
    )
    table = analysis.comments_by_question(inputs.coded, inputs.questions, inputs.titles, inputs.paraphrased_sources)
    wording = dict(zip(table["discussion"], table["wording"]))
    assert wording["Draft Network Workplan 2022-2024"] == "as on the page"
    assert wording["IMRF Round table 4 Consultation"] == "our paraphrase (the stored page was rebuilt)"
    seed_only = analysis.comments_by_question(inputs.coded, inputs.questions, inputs.titles)
    assert "wording" not in seed_only.columns


def test_objectives_nobody_raised_come_closest_to_the_focus_first():
    """Issue 21: not Obj. 1, 3, 4 in number order, but those the workstream's checklist links to."""
    general = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    table = general.objectives_not_raised()
    assert table["number"].tolist()[:4] == [17, 18, 22, 23]  # each linked to a checklist item in data/checklist.yaml
    assert table.set_index("number").at[22, consultation.CLOSENESS] == "social protection"
    assert (table[consultation.CLOSENESS].iloc[4:] == "").all() and table["number"].iloc[4:].is_monotonic_increasing
    focused = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", [SEED], ["gcm-22", "theme-job-creation"], root=ROOT
    ).objectives_not_raised()
    assert focused["number"].tolist()[:2] == [22, 18]  # in focus itself, then linked to job creation
    assert focused.set_index("number").at[22, consultation.CLOSENESS] == "in focus"


def test_the_general_finding_names_the_unraised_objectives_that_matter():
    general = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    sentence = [
        f
        for f in general.key_findings(general.objectives_not_raised(), general.priority_table())
        if "GCM objectives are raised" in f
    ][0]
    assert "those closest to the workstream's checklist: Obj. 17" in sentence
    assert sentence.index("Obj. 18 Skills development and recognition (job creation)") < sentence.index("Obj. 23")


def test_every_comment_has_a_row_of_codes_that_sums_to_the_counts():
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    table = consultation.codes_by_comment(inputs.coded, inputs.long, inputs.titles)
    assert len(table) == 14 and [c.split(" (")[0] for c in table["comment"]][:4] == [
        "Q1, comment 1",
        "Q1, comment 2",
        "Q1, comment 3",
        "Q2, comment 1",
    ]
    assert table["codes"].sum() == len(inputs.long.drop_duplicates(["comment_id", "code"]))
    eleventh = table.iloc[10]
    assert (
        eleventh["comment"] == "Q3, comment 3 (CARAM Asia)"
        and "Whole-of-government approach" in eleventh["codes counted"]
    )
    assert eleventh["codes counted"].startswith("Obj. 15")  # objectives, then principles, then themes
    assert set(table["review status"]) == {"checked by an AI assistant, not yet by a person"}
    assert table.iloc[2]["comment"] == "Q1, comment 3 (not named)"
    # who posted it already holds brackets: no second pair around it
    assert table.iloc[6]["comment"] == "Q2, comment 4: not named (writes of \u201cOur Confederation\u201d)"
    several = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    rows = consultation.codes_by_comment(several.coded, several.long, several.titles)
    assert rows["comment"].iloc[0].startswith("Draft Network Workplan 2022-2024: Q1, comment 1")


def test_a_question_the_page_numbers_itself_keeps_its_number_in_the_asks_and_in_the_annex():
    """The reader saw Mohamed Osman's comment as Q3 in the asks and Q1 in the annex: the page numbers it 3."""
    from workbooks.consultation.asks import question_labels

    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-4"], [], root=ROOT)
    annex = consultation.codes_by_comment(hub.coded, hub.long, hub.titles, hub.questions)
    assert annex["comment"].iloc[0].startswith("Q3, comment 1")
    labels = question_labels(hub.asks, hub.titles, hub.questions)
    assert set(labels.values()) <= {"Q3"}
    # without the questions, or for a question the page does not number, its place on the page
    assert consultation.codes_by_comment(hub.coded, hub.long, hub.titles)["comment"].iloc[0].startswith("Q1, comment 1")
    assert consultation.question_numbers(pd.DataFrame({"discussion": ["d"], "question": [2], "text": ["Why?"]})) == {
        ("d", 2): "2"
    }
    assert consultation.question_numbers(None) == {}


def test_a_number_names_one_question_of_a_discussion_so_a_comments_place_names_one_comment():
    """A walk: two questions of one discussion both read "Q1" (the page's own 1 on its third question, and the
    first), so 44 labels such as "Q1, comment 12" named two comments each, and some comments gone could not be
    told apart. Where numbers would repeat in a discussion, all of its questions are numbered by place."""
    questions = pd.DataFrame(
        {
            "discussion": ["d"] * 3 + ["e"] * 2 + ["f"] * 2,
            "question": [1, 2, 3, 1, 2, 1, 2],
            "text": ["Why?", "How?", "1. What else?", "3. Which?", "4. Where?", "2. Who?", "When?"],
        }
    )
    assert consultation.question_numbers(questions) == {
        ("d", 1): "1",  # its 1 would have been the third question's too
        ("d", 2): "2",
        ("d", 3): "3",
        ("e", 1): "3",  # the page's own numbers, once each: kept
        ("e", 2): "4",
        ("f", 1): "1",  # its own 2 is the place of the next
        ("f", 2): "2",
    }
    comments = pd.DataFrame({"discussion": ["d", "d", "d", "d"], "question": [1, 3, 3, 1]})
    places = consultation.comment_places(comments, questions=questions)
    assert places == ["Q1, comment 1", "Q3, comment 1", "Q3, comment 2", "Q1, comment 2"]
    assert len(set(places)) == len(places)


def test_the_hub_brief_says_what_comments_raise_of_the_checklist_when_no_ask_touches_it():
    from workbooks.consultation.brief import codes_message, key_messages

    hub = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        [
            "hub-climate-change-consultation",
            "hub-imrf-roundtable-2",
            "hub-imrf-progress-declaration",
            "hub-imrf-roundtable-4",
            "hub-imrf-roundtable-3",
        ],
        [],
        root=ROOT,
    )
    messages = key_messages(hub)
    assert (
        "No ask touches a theme of the workstream's checklist; of its themes, the comments raise only social "
        "protection (1 of 6), outside the asks."
    ) in messages
    # no code is raised by 3 comments: the most raised is no finding, and who spoke takes its place
    assert not any("most comments raise" in message for message in messages)
    assert messages[-2].startswith("2 of 6 comments speak for an organisation of a known stakeholder type")
    assert codes_message(hub.frequency, 6) == (
        "Whole-of-society approach is the code most comments raise (2 of 6); 15 "
        "more codes are raised by 1 comment each."
    )
    from workbooks.consultation.brief import source_links

    notes = [link.note for link in source_links(hub) if link.title == "IMRF Roundtable 3 Consultation"]
    assert len(notes) == 2 and notes[1].endswith("; another stored copy of the same page as the source above")
    assert not notes[0].endswith("above")
    frequency = pd.DataFrame({"label": ["A", "B", "C"], "comments": [3, 2, 1]})
    assert codes_message(frequency, 5) == "A is the code most comments raise (3 of 5); 2 more codes by fewer."
    assert codes_message(frequency.iloc[:1], 5) == "A is the code most comments raise (3 of 5)."
    assert codes_message(frequency.assign(comments=2), 5) == "A, B and C are the codes most comments raise (2 of 5)."
    assert codes_message(frequency.iloc[0:0], 5) == "No comment raises a code of the codebook."


def test_who_spoke_gives_thousands_with_separators():
    """On 20,000 synthetic comments: 'most of these come from UN entity (5570). The other 9984 ...', beside '10,016'."""
    comments = pd.DataFrame(
        {
            "stakeholder_type": ["UN entity"] * 5_570 + ["civil society"] * 4_446 + ["unknown"] * 9_984,
            "organisation_canonical": ["IOM"] * 10_016 + [""] * 9_984,
        }
    )
    assert consultation.who_spoke(comments) == (
        "10,016 of 20,000 comments speak for an organisation of a known stakeholder type; most of these come from "
        "UN entity (5,570). The other 9,984 are counted as 'unknown'."
    )
