"""A practices file of one's own: every record compared unless chosen, no project review read unless
named, a target group it gives used as given (scored and making a migration practice), the records
named by the sidecar's title; reviews of none of its practices an error naming the parameter."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT, write_sidecar
from workbooks.errors import ParameterError
from workbooks.good_practice.brief import data_date
from workbooks.good_practice.inputs import SHIPPED_COMPARISON, load_practice_inputs

OWN = ROOT / "tests" / "fixtures" / "own_data" / "practices.csv"  # 5 invented survey examples


@pytest.fixture()
def own_file(tmp_path):
    path = tmp_path / "my_survey.csv"
    shutil.copy(OWN, path)
    sidecar = write_sidecar(path, "practices")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(yaml.safe_dump({**meta, "title": "Examples from our 2024 survey"}), encoding="utf-8")
    return path


def _load(practices_file, assessments_file=None, ids=None, target_group=()):
    return load_practice_inputs(str(practices_file), assessments_file, ids, [], [], list(target_group), [], root=ROOT)


def test_a_file_of_ones_own_compares_every_record_and_reads_no_project_review(own_file):
    inputs = _load(own_file)
    assert inputs.ids == [f"survey-2024-r00{n}" for n in range(1, 6)] and inputs.named == ()
    assert inputs.assessments_data is None and inputs.assessments_file == ""
    assert set(inputs.scores["method"]) == {"automatic"}
    assert data_date(inputs)[0] == "Examples from our 2024 survey, as the file holds them; no score checked"
    assert _load(own_file, ids=["survey-2024-r001", "survey-2024-r003"]).ids == ["survey-2024-r001", "survey-2024-r003"]
    assert _load(own_file, target_group=["immigrants"]).ids == [
        "survey-2024-r001",
        "survey-2024-r003",
        "survey-2024-r005",
    ]


def test_one_checked_score_is_said_in_the_singular(own_file, tmp_path):
    assessments = tmp_path / "my_assessments.csv"
    assessments.write_text(
        "practice_id,item,score,reviewer,date,rationale,source,mode\n"
        "survey-2024-r001,job-creation,50,Maria Rossi,2026-12-01,,record,open\n",
        encoding="utf-8",
    )
    write_sidecar(assessments, "assessments")
    said = data_date(_load(own_file, assessments_file=str(assessments)))[0]
    assert "; 1 score checked by 1 person, the last on 1 December 2026" in said, said


def test_the_projects_records_keep_their_comparison_and_reviews():
    shipped = _load("data/practices.csv")
    assert shipped.ids == list(SHIPPED_COMPARISON) and shipped.assessments_file == "data/assessments.csv"
    assert data_date(shipped)[0].startswith("Practice records as stored (retrieval dates not recorded)")
    by_filter = _load("data/practices.csv", target_group=["return migrants"])  # a filter chooses, not the six
    assert set(by_filter.chosen["target_group"]) == {"return migrants"} and by_filter.named == ()
    assert _load("data/practices.csv", assessments_file="").assessments_data is None


def test_the_projects_reviews_on_a_file_of_ones_own_are_an_error_naming_the_parameter(own_file):
    with pytest.raises(ParameterError) as error:
        _load(own_file, assessments_file="data/assessments.csv")
    assert error.value.key == "assessments_file"
    assert error.value.reason.startswith("assessments.csv reviews ") and error.value.reason.endswith(
        'none of them in my_survey.csv: give "" (no reviewed scores: every score automatic) or a file reviewing the '
        "practices of my_survey.csv"
    )


def test_a_target_group_the_file_gives_scores_its_group_and_makes_a_migration_practice(own_file):
    inputs = _load(own_file)
    newcomers = inputs.practices.set_index("practice_id").loc["survey-2024-r005"]
    assert not inputs.checklist.names_migrants(newcomers)  # its summary names no migrant group ...
    assert "survey-2024-r005" in set(inputs.migration_records["practice_id"])  # ... its target group does
    scores = inputs.scores.set_index(["practice_id", "item"])
    assert scores.loc[("survey-2024-r005", "immigrants"), "score"] == 100
    assert scores.loc[("survey-2024-r005", "immigrants"), "evidence"].startswith(
        "target_group in the practices file: immigrants"
    )
    assert scores.loc[("survey-2024-r005", "return-migrants"), "score"] == 0
    assert scores.loc[("survey-2024-r004", "emigrants"), "score"] == 100


def test_a_record_with_no_migrant_group_and_no_target_group_is_still_left_out(own_file):
    text = own_file.read_text(encoding="utf-8").replace(
        "immigrants,the respondent: 'for people who came to the city from abroad',effective", "unknown,,effective"
    )
    own_file.write_text(text, encoding="utf-8")
    inputs = _load(own_file)
    assert "survey-2024-r005" not in inputs.ids and list(inputs.set_aside["practice_id"]) == ["survey-2024-r005"]
    [note] = [caveat.text for caveat in inputs.caveats() if "left out of the comparison" in caveat.text]
    assert "and the file gives no target group" in note


def test_workbooks_score_reads_no_project_review_for_a_file_of_ones_own(own_file, tmp_path, capsys):
    from workbooks.cli import main

    assert main(["score", "--practices", str(own_file), "--out", str(tmp_path / "scores.csv")]) == 0
    assert "(5 practices x 12 items; 0 " in capsys.readouterr().out
    assert (
        main(
            [
                "score",
                "--practices",
                str(own_file),
                "--assessments",
                "data/assessments.csv",
                "--out",
                str(tmp_path / "scores.csv"),
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.startswith("error: --assessments: assessments.csv reviews ")


def test_a_file_of_a_few_records_is_not_asked_what_is_rare_among_them_and_its_sources_are_references(own_file):
    from workbooks.good_practice.brief import question, records_intro, source_links

    inputs = _load(own_file)
    assert question(inputs) == (
        "What do our short summaries of the 5 practices compared show of the workstream's "
        "checklist, what do they leave out?"
    )  # 5 records: nothing to be rare among
    intro = records_intro(inputs)
    assert "a link is the practice's own page" not in intro  # survey records have no page
    assert "named by its reference in its source" in intro
    first = source_links(inputs)[0]
    assert (first.url, first.note) == ("", f"survey: {inputs.chosen['url'].iloc[0]}")


def test_the_projects_records_are_asked_what_is_rare_and_their_links_are_pages():
    from workbooks.good_practice.brief import question, records_intro

    shipped = _load("data/practices.csv")
    assert question(shipped).endswith(
        f"is that also rare among the {len(shipped.migration_records)} "
        "records whose title or our summary names a migrant group or migration?"
    )
    assert "a link is the practice's own page or a listing page" in records_intro(shipped)
    assert "reference in its source" not in records_intro(shipped)


def test_a_file_of_one_record_is_told_to_hold_more_not_to_change_the_parameters(own_file):
    lines = own_file.read_text(encoding="utf-8").splitlines()
    own_file.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    with pytest.raises(ParameterError) as error:
        _load(own_file)
    assert "The practices file holds 1 record that can be compared: add records to it until it holds 2 or more." in str(
        error.value
    )
    assert "'practices'" not in str(error.value).split("give 1")[1]  # no parameter can help


def _disputed_and_settled(own_file, tmp_path):
    """Maria Rossi (open) and Ben Okafor (blind) disagree on a score, and Maria settles it at Ben's; Maria
    changes another score and gives no reason."""
    assessments = tmp_path / "my_assessments.csv"
    assessments.write_text(
        "practice_id,item,score,reviewer,date,rationale,source,mode\n"
        "survey-2024-r003,whole-of-society,0,Maria Rossi,2026-12-07,'employer' is the tie,record,open\n"
        "survey-2024-r002,immigrants,100,Maria Rossi,2026-12-07,,record,open\n"
        "survey-2024-r003,whole-of-society,50,Ben Okafor,2026-12-07,,record,blind\n"
        "survey-2024-r003,whole-of-society,50,Maria Rossi,2026-12-07,settled after discussion,record,settling\n",
        encoding="utf-8",
    )
    write_sidecar(assessments, "assessments")
    return _load(own_file, assessments_file=str(assessments))


AGREED = "who disagreed on the 1 score both checked on their own, settled by Maria Rossi"


def test_a_disagreement_settled_is_said_with_who_checked_and_who_settled_it(own_file, tmp_path):
    """The brief's words on the checks carry the reviewers' agreement from the history, as the catalogue's
    do: the data line, the key message on what the scores rest on, and the score's own line."""
    from workbooks.good_practice import compare
    from workbooks.good_practice.brief import brief_facts, heatmap_figure

    inputs = _disputed_and_settled(own_file, tmp_path)
    history = inputs.assessments_history
    assert (
        f"2 scores checked (checked by 2 people (1 of 2), {AGREED}; checked by 1 person (1 of 2))"
        in data_date(inputs)[0]
    )
    facts = brief_facts(inputs, "Our survey")
    assert f"checked by 2 people (1 of 2), {AGREED}; checked by 1 person (1 of 2)" in facts.summary[-1]
    assert AGREED in facts.review_status  # the catalogue's words, as before
    assert (
        f"a dot and a dark edge: checked by 2 people (1 of 2), {AGREED}"
        in heatmap_figure(inputs, *compare.chart_matrices(inputs.shown_scores, inputs.chosen, inputs.checklist, []))[1]
    )
    assert (
        f"2 of the 60 scores shown were checked (checked by 2 people (1 of 2), {AGREED}; checked by 1 person (1 of 2)) ("
        in compare.review_sentence(inputs.shown_scores, history=history)
    )
    scores = inputs.scores.set_index(["practice_id", "item"])
    assert compare.score_detail(scores.loc[("survey-2024-r003", "whole-of-society")], compact=True).startswith(
        f"checked by 2 people, {AGREED} (on their own: Maria Rossi 0, Ben Okafor 50; settled at 50, "
        "7 December 2026): settled after discussion"
    )


def test_a_check_with_no_reason_says_so_not_a_colon_with_nothing_after_it(own_file, tmp_path):
    from workbooks.good_practice import compare

    scores = _disputed_and_settled(own_file, tmp_path).scores.set_index(["practice_id", "item"])
    score = scores.loc[("survey-2024-r002", "immigrants")]
    assert compare.score_detail(score, compact=True) == (
        f"checked by 1 person (Maria Rossi, 7 December 2026) (automatic was {score['automatic_score']}); "
        "no reason given"
    )


def test_an_example_reported_harmful_is_marked_in_the_heatmaps_row_label(own_file):
    """survey-2024-r003 (Employer-tied work permit) is judged harmful: its row label says so, the chart's
    other rows and its cells are as before, and the caption says what the mark means."""
    import matplotlib.pyplot as plt

    from workbooks.good_practice import compare
    from workbooks.good_practice.brief import heatmap_figure

    inputs = _load(own_file)
    matrix, reviewed = compare.chart_matrices(inputs.scores, inputs.chosen, inputs.checklist, [])
    figure, caption, _, _ = heatmap_figure(inputs, matrix, reviewed)
    labels = [label.get_text().replace("\n", " ") for label in figure.axes[0].get_yticklabels()]
    plt.close(figure)
    assert labels[2] == "Employer-tied work permit (reported harmful)"
    assert not any("harmful" in label for position, label in enumerate(labels) if position != 2)
    assert "A row (reported harmful): an example reported as harmful in the survey; what it does shows" in caption
    assert "harmful" not in " ".join(matrix.index)  # the tables and other charts keep the practice's name


def test_a_reason_an_earlier_reviewer_gave_is_kept_as_theirs_when_the_score_that_counts_gives_none(own_file, tmp_path):
    from workbooks.good_practice.compare import changes_table

    assessments = tmp_path / "my_assessments.csv"
    assessments.write_text(
        "practice_id,item,score,reviewer,date,rationale,source,mode\n"
        "survey-2024-r001,job-creation,50,Amira Haddad,2026-12-01,placements named but not shown,record,open\n"
        "survey-2024-r001,job-creation,0,Jonas Lind,2026-12-02,,record,blind\n",
        encoding="utf-8",
    )
    write_sidecar(assessments, "assessments")
    inputs = _load(own_file, assessments_file=str(assessments))
    score = inputs.scores.set_index(["practice_id", "item"]).loc[("survey-2024-r001", "job-creation")]
    assert (score["reviewer"], score["rationale"]) == (
        "Jonas Lind",
        "Amira Haddad, earlier: placements named but not shown",
    )
    table = changes_table(inputs.shown_scores, inputs.chosen, inputs.checklist)
    assert score["automatic_score"] != 0  # the check changed the score: its row gives the earlier reviewer's reason
    assert table["Reason given"].tolist() == ["Amira Haddad, earlier: placements named but not shown"]
