"""What the comments say on the codes in focus: per code, the comments and the sentence raising it,
the codes no comment raises, and the key messages of a focus brief, on the seed consultation."""

from __future__ import annotations

import pandas as pd
import pytest

from briefs_scenario import parse_html
from conftest import ROOT
from workbooks.consultation.brief import focus_section, key_messages
from workbooks.consultation.inputs import load_consultation_inputs

SEED = "seed-002-draft-network-workplan"
C = SEED + "-c"
CHECKLIST = [
    "theme-decent-work",
    "theme-job-creation",
    "theme-social-protection",
    "theme-social-dialogue",
    "theme-rights-at-work",
    "theme-access-to-financing",
]


@pytest.fixture(scope="module")
def focused():
    return load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        [SEED],
        CHECKLIST + ["gcm-22", "principle-whole-of-government"],
        root=ROOT,
    )


def test_each_code_in_focus_comes_with_the_sentence_that_raises_it(focused):
    passages = focused.focus_passages
    decent = passages[passages["code"] == "theme-decent-work"]
    assert decent["comment_id"].str.removeprefix(C).tolist() == ["03", "08"]
    assert decent["sentence"].iloc[0] == (
        "Women migrant mainly work as domestic workers which is not recognized as "
        "work in certain receiving countries hence not covered under labor laws."
    )
    assert decent["who"].tolist() == ["not named", "CARAM Asia"]
    # remittances' impact on the financial independence of migrants' families (c06) is not access to financing
    assert not (passages["code"] == "theme-access-to-financing").any()
    assert not (passages["code"] == "theme-job-creation").any()  # an empty code has no rows


def test_the_focus_brief_opens_with_the_checklist_then_the_principles(focused):
    messages = key_messages(focused)
    assert messages[0] == (
        "On the workstream's checklist, access to decent work is raised by 2 of 14 (CARAM Asia and 1 not named) and "
        "fundamental principles and rights at work by 2 (CARAM Asia and 1 not named); no comment raises job creation, "
        "social protection, social dialogue or access to financing."
    )
    assert messages[1].startswith("3 comments speak to this workstream's own priority")
    # the asks that touch the checklist themes in focus, and who asks (the brief's asks section has every ask)
    assert messages[2] == (
        "Asks that touch the checklist themes in focus: women migrants' rights and gender "
        "(organisation not named); and recruitment reform (CARAM Asia)."
    )
    # the objectives and principles in focus in one sentence a reader can forward; the focus section has every count
    assert messages[3] == (
        "Of the GCM objectives and guiding principles in focus, whole-of-government approach (1 of "
        "14) comes up most; no comment raises Obj. 22 Social protection."
    )
    assert messages[-1] == (
        "Every count rests on codes checked by an AI assistant, not yet by a person; 3 codes the coder gave were "
        "rejected by a check and are not counted."
    )


def test_the_focus_section_lists_codes_raised_and_those_no_comment_raises(focused):
    text = " ".join(" ".join(parse_html(focus_section(focused).data).text).split())
    assert "What the comments say on the codes in focus" in text
    assert "2 of 14 comments: CARAM Asia and 1 not named" in text
    # a sentence raising two checklist themes is quoted once, then pointed back to
    assert text.count("would like to draw attention on the recruitment reform area") == 1
    assert text.count("the sentence quoted above, under Access to decent work") == 2
    assert (
        "No comment raises: Job creation (checklist theme), Social protection (checklist theme), Social dialogue "
        "(checklist theme), Access to financing (checklist theme), Obj. 22 Social protection (GCM objective)."
    ) in text


def test_a_brief_without_codes_in_focus_has_no_focus_section():
    plain = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    assert focus_section(plain) is None and plain.focus_passages.empty


def test_unraised_objectives_close_to_the_brief_are_tabled_and_the_others_named():
    from workbooks.consultation.brief import unraised_objectives

    plain = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    close, sentence = unraised_objectives(plain)
    assert close["number"].tolist() == [17, 18, 22, 23]
    assert sentence == (
        "11 GCM objectives are raised by no comment: the 4 in the table, the closest to this brief, and "
        "Obj. 1 Data, Obj. 3 Information provision, Obj. 4 Legal identity and documentation, Obj. 9 "
        "Counter smuggling, Obj. 11 Manage borders, Obj. 12 Screening and referral and Obj. 14 Consular "
        "protection."
    )


def test_the_data_line_never_says_up_to_when_some_comments_show_no_date():
    from dataclasses import replace

    from workbooks.consultation.brief import data_date

    hub = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-3", "hub-imrf-roundtable-4"], [], root=ROOT
    )
    dated = hub.coded["posted"].copy()
    dated.iloc[0] = "2022-01-11"
    one = replace(hub, coded=hub.coded.assign(posted=dated))
    assert data_date(one) == ("Latest dated comment 11 January 2022; 2 of 3 comments show no date", "2022-01-11")
    every = replace(one, coded=one.coded[one.coded["posted"].notna()])  # every comment dated: 'up to' holds
    assert data_date(every)[0] == "Comments posted up to 11 January 2022"


def test_where_no_comment_shows_a_date_the_data_line_gives_the_dates_of_the_questions_they_answer():
    from workbooks.consultation.brief import data_date

    climate = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["hub-climate-change-consultation"], [], root=ROOT
    )
    assert data_date(climate) == (
        "The pages show no date for the comments; the question they answer was posted 28 September 2021",
        "",
    )
    two = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        ["hub-climate-change-consultation", "hub-imrf-roundtable-4"],
        [],
        root=ROOT,
    )
    assert data_date(two)[0] == (
        "The pages show no date for the comments; 1 of the 2 questions they answer was posted 28 September 2021"
    )
    # the seed shows no date; two other stored copies of its page (same address) date their question
    seed = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    assert data_date(seed)[0] == (
        "The pages show no date for the comments or the questions they answer; other stored "
        "copies of the same page date its questions 13 September 2022"
    )
    both = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        ["hub-climate-change-consultation", "hub-imrf-roundtable-3"],
        [],
        root=ROOT,
    )
    assert data_date(both)[0] == (
        "The pages show no date for the comments; 1 of the 3 questions they answer was posted "
        "28 September 2021; other stored copies of the same pages date questions 11 January 2022"
    )
    undated = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-4"], [], root=ROOT
    )
    assert data_date(undated)[0] == "The pages show no date for the comments or the questions they answer"
    from dataclasses import replace

    survey = replace(undated, coded=undated.coded.assign(question=pd.NA))  # a survey export answers no page's question
    assert data_date(survey) == ("The comments show no date", "")


def test_chart_captions_say_which_codes_in_focus_they_show(focused):
    import matplotlib.pyplot as plt

    from workbooks.consultation.brief import frequency_figure, heatmap_figure

    frequency, frequency_caption, *_ = frequency_figure(focused)
    heatmap, heatmap_caption, *_ = heatmap_figure(focused)
    plt.close("all")
    assert frequency_caption.startswith(
        f"Comments raising each code in focus that a comment raises "
        f"({len(focused.frequency)} of the {len(focused.focus)})"
    )
    assert heatmap_caption.startswith(
        f"Comments raising each code in focus that a comment raises "
        f"({len(focused.frequency)} of the {len(focused.focus)})"
    )
    assert len(heatmap.axes[0].get_yticks()) == len(focused.frequency)  # no row of zeros for a code no comment raises


def test_the_question_counts_many_codes_in_focus_by_family(focused):
    from workbooks.consultation.brief import question

    assert question(focused).endswith(
        "and what did they say about the 6 themes of the workstream's checklist, 1 GCM "
        "objective and 1 guiding principle in focus?"
    )
    few = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", [SEED], CHECKLIST[:2] + ["gcm-22"], root=ROOT
    )
    assert question(few).endswith(
        "and what did they say about access to decent work, job creation and Obj. 22 Social protection?"
    )


def test_a_focus_no_comment_raises_draws_no_row_and_says_so():
    import matplotlib.pyplot as plt

    from workbooks.consultation.brief import heatmap_figure

    none = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", [SEED], ["theme-job-creation"], root=ROOT
    )
    _, _, _, _, paper, title = heatmap_figure(none)
    plt.close("all")
    assert paper.empty and title == "No comment raises these codes"


def test_the_key_message_on_other_codes_in_focus_names_the_most_raised_and_those_none_raises(focused):
    from workbooks.consultation.focus import other_focus_message

    def message(codes):
        return other_focus_message(focused.focus_passages, codes, focused.labels, focused.families, 14)

    assert message(CHECKLIST) == ""  # the checklist has its own message
    assert message(["gcm-22"]) == "Of the GCM objectives in focus, no comment raises Obj. 22 Social protection."
    assert message(["gcm-22", "gcm-23"]) == "Of the GCM objectives in focus, no comment raises any of the 2 codes."
    wider = ["gcm-16", "gcm-6", "gcm-19", "principle-gender-responsive", "gcm-22"]
    seed = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], wider, root=ROOT)
    assert other_focus_message(seed.focus_passages, wider, seed.labels, seed.families, 14) == (
        "Of the GCM objectives and guiding principles in focus, gender-responsive (5 of 14) and Obj. 16 Inclusion and "
        "social cohesion (4) come up most, 2 more by fewer; no comment raises Obj. 22 Social protection."
    )
