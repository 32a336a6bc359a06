"""What a good-practice brief shows: every mean checkable by hand from the rows above it, over the
pillars shown only; halves rounded up; reviews attributed to the reviewer the data names, never
"a person"; summaries labelled as our paraphrase; plain-English headers."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.common.numbers import format_mean
from workbooks.good_practice import charts, compare, similarity
from workbooks.good_practice.inputs import load_practice_inputs

PARAMS = sorted((ROOT / "params" / "good_practice_comparison").glob("*.yaml"))
SOCIAL = ROOT / "params" / "good_practice_comparison" / "social_protection_and_rights.yaml"
PILLARS = ["decent-work", "financing", "approach", "who-it-serves"]


def _inputs(parameters: dict, assessments="data/assessments.csv", pillars=None):
    return load_practice_inputs("data/practices.csv", assessments, parameters.get("practices", []),
                                parameters.get("region", []), parameters.get("source_db", []),
                                parameters.get("target_group", []),
                                parameters.get("pillars", []) if pillars is None else pillars, root=ROOT)


def _params(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _rollup(inputs):
    return compare.rollup_table(inputs.scores, inputs.rolled, inputs.chosen, inputs.checklist, inputs.pillars)


def _means_check_by_hand(table: pd.DataFrame) -> None:
    """Each pillar mean is the mean of the item rows above it (one decimal, halves up); the overall is
    the mean of the pillar means shown that count towards it, taken from the exact means, never from
    rounded ones; nothing else is averaged in."""
    for column in table.columns[1:]:
        items, counted = [], []
        for label, value in zip(table["Checklist"], table[column], strict=True):
            if label.startswith("= Overall"):
                assert counted, "an overall row with no pillar above it"
                assert value == format_mean(sum(counted) / len(counted)), (column, label)
                assert label.split(": mean of ")[1].count(",") == len(counted) - 1
            elif label.startswith("= "):
                assert value == format_mean(sum(items) / len(items)), (column, label)
                if "not in overall" not in label:
                    counted.append(sum(items) / len(items))
                items = []
            else:
                items.append(int(value))


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_every_mean_in_each_brief_roll_up_is_the_mean_of_the_rows_shown_above_it(path):
    _means_check_by_hand(_rollup(_inputs(_params(path))))


@pytest.mark.parametrize("focus", [list(c) for n in range(1, 5) for c in itertools.combinations(PILLARS, n)],
                         ids="+".join)
def test_every_mean_is_checkable_whichever_pillars_are_in_focus(focus):
    inputs = _inputs(_params(SOCIAL), pillars=focus)
    table = _rollup(inputs)
    _means_check_by_hand(table)
    shown = {label.split(":")[0] for label in table["Checklist"] if not label.startswith("= ")}
    assert shown == {inputs.checklist.pillar(key).label for key in focus}
    overall = [label for label in table["Checklist"] if label.startswith("= Overall")]
    assert len(overall) == (0 if focus == ["who-it-serves"] else 1)


def test_hidden_pillars_no_longer_change_the_overall_of_the_social_protection_brief():
    inputs = _inputs(_params(SOCIAL))
    assert inputs.pillars == ["decent-work", "approach"]
    table = _rollup(inputs).set_index("Checklist")
    label = "= Overall of the pillars shown: mean of Access to decent work, Approach"
    assert table.loc[label].tolist() == ["18.8", "25", "25", "18.8", "31.3", "37.5"]
    # with every pillar the hidden financing pillar (0 for all six) pulls each overall down
    every = _rollup(_inputs(_params(SOCIAL), pillars=[])).set_index("Checklist")
    assert every.loc["= Overall: mean of Access to decent work, Access to financing, Approach"].tolist() == \
        ["12.5", "16.7", "16.7", "12.5", "20.8", "25"]
    # 12.5 and 37.5 are shown as they are; the rows above give every one of them
    assert table.loc["= Approach (mean)"].tolist() == ["12.5", "25", "25", "12.5", "37.5", "25"]


def test_findings_and_headline_count_only_the_scores_shown():
    inputs = _inputs(_params(SOCIAL))
    gaps = compare.checklist_gaps(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    findings = compare.key_findings(inputs.scores, inputs.chosen, gaps, inputs.checklist, inputs.pillars)
    # 6 practices x 8 items shown; the review of a hidden 'who it serves' item is not counted
    assert ("3 of 48 scores were reviewed by the project engineer (AI coding assistant), 3 of them changed from "
            "the automatic pass; the rest are automatic readings of each record's title and our summary of it.") in findings
    assert inputs.headline().startswith("6 practices compared on 2 of the workstream checklist's 4 pillars "
                                        "(Access to decent work, Approach: 8 items), out of 96 records. 3 of 48 scores")
    reviews = compare.reviews_table(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    assert len(reviews) == 3 and "Serves immigrants" not in set(reviews["Item"])
    assert len(compare.reviews_table(inputs.scores, inputs.chosen, inputs.checklist)) == 4


def test_nearest_by_scores_compares_the_items_shown_and_says_so():
    inputs = _inputs(_params(SOCIAL))
    every = similarity.nearest_practices(inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(),
                                         inputs.checklist)
    shown = similarity.nearest_practices(inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(),
                                         inputs.checklist, pillars=inputs.pillars)
    assert "Nearest by checklist scores on all 9 scored items (distance 0-100)" in every.columns
    header = "Nearest by checklist scores on the 8 scored items shown (distance 0-100)"
    assert header in shown.columns
    # distances over 8 items differ from those over 9: the financing item no longer counts
    assert shown[header].tolist() != every["Nearest by checklist scores on all 9 scored items (distance 0-100)"].tolist()
    for cell in shown[header]:  # three neighbours, each with its distance written whole
        parts = cell.split("; ")
        assert len(parts) == 3 and all(re.search(r" \(\d+\)$", part) for part in parts), cell


def _reader_facing(inputs) -> list[str]:
    """Every string a good-practice brief of ``inputs`` shows that comes from good_practice."""
    scores, chosen, checklist, focus = inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars
    gaps = compare.checklist_gaps(scores, chosen, checklist, focus)
    tables = [compare.side_by_side(scores, chosen, checklist, focus), _rollup(inputs),
              compare.strengths_and_gaps(scores, chosen, checklist, focus), gaps, compare.record_table(chosen),
              compare.record_provenance(chosen), compare.checklist_table(checklist),
              compare.reviews_table(scores, chosen, checklist, focus),
              similarity.nearest_practices(chosen, scores, inputs.practices, inputs.similarity(), checklist,
                                           pillars=focus)]
    matrix, reviewed = compare.chart_matrices(scores, chosen, checklist, focus)
    figures = [charts.score_heatmap_chart(matrix, reviewed), charts.radar_chart(matrix)]
    figure_texts = [text.get_text() for figure in figures for text in figure.findobj(plt.Text)]
    for figure in figures:
        plt.close(figure)
    strings = [inputs.headline(), *[caveat.text for caveat in inputs.caveats()],
               *compare.key_findings(scores, chosen, gaps, checklist, focus), *figure_texts]
    for table in tables:
        strings += [str(column) for column in table.columns] + [str(v) for v in table.to_numpy().ravel()]
    return strings


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_no_brief_says_a_score_was_reviewed_by_a_person(path):
    strings = _reader_facing(_inputs(_params(path)))
    assert not [text for text in strings if "by a person" in text.lower()]
    assert any("reviewed by the project engineer (AI coding assistant)" in text for text in strings)


def _assessments_by(tmp_path, *reviewers):
    """data/assessments.csv with its reviewers replaced in turn by ``reviewers``, with its sidecar."""
    frame = pd.read_csv(ROOT / "data" / "assessments.csv", dtype=str, keep_default_na=False)
    frame["reviewer"] = [reviewers[i % len(reviewers)] for i in range(len(frame))]
    path = tmp_path / "assessments_test.csv"
    frame.to_csv(path, index=False)
    (tmp_path / "assessments_test.meta.yaml").write_text((ROOT / "data" / "assessments.meta.yaml").read_text())
    return path


def test_the_reviewer_named_is_the_one_the_assessments_file_records(tmp_path):
    inputs = _inputs(_params(SOCIAL), assessments=_assessments_by(tmp_path, "Jane Doe (ILO)"))
    strings = _reader_facing(inputs)
    assert any("reviewed by Jane Doe (ILO)" in text for text in inputs.headline().split(". "))
    assert any(text.startswith("3 of 48 scores were reviewed by Jane Doe (ILO), 3 of them changed") for text in strings)
    assert "• reviewed by Jane Doe (ILO)" in strings  # the heatmap's legend
    assert not [text for text in strings if "project engineer" in text or "by a person" in text.lower()]


def test_several_reviewers_are_each_named(tmp_path):
    inputs = _inputs(_params(SOCIAL), assessments=_assessments_by(tmp_path, "Jane Doe (ILO)", "Ali Ben (IOM)"))
    named = [text for text in _reader_facing(inputs) if "reviewed by" in text]
    assert named and all("Jane Doe (ILO)" in text and "Ali Ben (IOM)" in text for text in named)


@pytest.mark.parametrize("reviewers, written", [
    (["Jane Doe (ILO)"], "Jane Doe (ILO)"),
    (["project engineer (AI coding assistant)"] * 3, "the project engineer (AI coding assistant)"),
    (["A", "", "B", "A", "C"], "A, B and C"),
    ([], ""),
])
def test_reviewer_names(reviewers, written):
    assert compare.reviewer_names(reviewers) == written


def test_without_reviews_nobody_is_named():
    inputs = _inputs(_params(SOCIAL), assessments="")
    strings = _reader_facing(inputs)
    assert not [text for text in strings if "reviewed by" in text]
    assert inputs.headline().endswith("0 of 48 scores were reviewed: all are automatic readings of each record's "
                                      "title and our summary of it.")


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_summaries_are_labelled_our_paraphrase_and_evidence_words_of_our_summary(path):
    inputs = _inputs(_params(path))
    records = compare.record_table(inputs.chosen)
    assert "Summary (our paraphrase of the source)" in records.columns and "summary" not in records.columns
    cells = compare.side_by_side(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars).iloc[:, 2:]
    automatic = [cell for cell in cells.to_numpy().ravel() if "automatic" in cell.split(" · ")[1][:9]]
    assert automatic and all("title or our summary" in cell for cell in automatic)
    strings = _reader_facing(inputs)
    assert not [text for text in strings if "as the databases state" in text or "as the sources state" in text]


_SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_shown_headers_are_plain_english(path):
    inputs = _inputs(_params(path))
    scores, chosen, checklist, focus = inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars
    tables = [compare.side_by_side(scores, chosen, checklist, focus), _rollup(inputs),
              compare.strengths_and_gaps(scores, chosen, checklist, focus),
              compare.checklist_gaps(scores, chosen, checklist, focus), compare.record_table(chosen),
              compare.record_provenance(chosen), compare.checklist_table(checklist),
              compare.reviews_table(scores, chosen, checklist, focus),
              similarity.nearest_practices(chosen, scores, inputs.practices, inputs.similarity(), checklist)]
    for table in tables:
        for header in map(str, table.columns):
            assert not _SNAKE.search(header) and "(s)" not in header and "/" not in header, header
            assert header not in set(chosen["practice_id"]) and header[0].isupper(), header
