"""What a good-practice brief shows: every mean checkable by hand from the item scores, over the
pillars shown only; halves rounded up; every score with its review status in review_status's words
(an AI assistant is never "a person"), the reviewer named as the data names them; summaries
labelled as our paraphrase; plain-English headers."""

from __future__ import annotations

import itertools
import re
from functools import cache
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
    focus = parameters.get("pillars", []) if pillars is None else pillars
    about = [key for key in parameters.get("items_in_focus", []) if pillars is None]
    return load_practice_inputs(
        "data/practices.csv",
        assessments,
        parameters.get("practices", []),
        parameters.get("region", []),
        parameters.get("source_db", []),
        parameters.get("target_group", []),
        focus,
        about,
        root=ROOT,
    )


def _params(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _shipped(path: Path):
    """A shipped brief's inputs, loaded once a test process (the tests read them and change nothing)."""
    return _inputs(_params(path))


@cache
def _shipped_reader_facing(path: Path) -> tuple[str, ...]:
    """Every string a shipped brief shows that comes from good_practice (:func:`_reader_facing`), made once."""
    return tuple(_reader_facing(_shipped(path)))


def _rollup(inputs):
    return compare.rollup_table(inputs.scores, inputs.rolled, inputs.chosen, inputs.checklist, inputs.pillars)


def _means_check_by_hand(table: pd.DataFrame, inputs) -> None:
    """Each pillar score is the mean of that practice's item scores the heatmap shows (one decimal,
    halves up); the overall is the mean of the pillar scores shown that count towards it, taken from
    the exact means, never from rounded ones; nothing else is averaged in."""
    matrix, _ = compare.chart_matrices(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    assert len(table) and len(table) == len(inputs.chosen), "a row for each practice compared, to check"
    for position, row in enumerate(table.itertuples(index=False)):
        counted = []
        for header, value in zip(table.columns[1:], row[1:], strict=True):
            if header.startswith("Review status"):
                continue
            if header.startswith("Overall"):
                assert counted, "an overall column with no pillar before it"
                assert value == format_mean(sum(counted) / len(counted)), (header, row)
                assert header.split(": mean of ")[1].count(",") == len(counted) - 1
                continue
            pillar = next(p for p in inputs.checklist.pillars if header.startswith(p.label + " ("))
            items = [matrix.iloc[position][item.label] for item in inputs.checklist.items_of(pillar.key)]
            assert value == format_mean(sum(items) / len(items)), (header, row)
            assert ("1 item" if len(items) == 1 else f"mean of {len(items)} items") in header
            if pillar.in_overall:
                counted.append(sum(items) / len(items))


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_every_mean_in_each_brief_is_the_mean_of_the_item_scores_shown(path):
    inputs = _shipped(path)
    _means_check_by_hand(_rollup(inputs), inputs)


@pytest.mark.parametrize(
    "focus", [list(c) for n in range(1, 5) for c in itertools.combinations(PILLARS, n)], ids="+".join
)
def test_every_mean_is_checkable_whichever_pillars_are_in_focus(focus):
    inputs = _inputs(_params(SOCIAL), pillars=focus)
    table = _rollup(inputs)
    _means_check_by_hand(table, inputs)
    shown = {header.split(" (")[0] for header in table.columns[1:] if " (" in header and "Review" not in header}
    assert shown == {inputs.checklist.pillar(key).label for key in focus}
    overall = [header for header in table.columns if header.startswith("Overall")]
    assert len(overall) == (0 if focus == ["who-it-serves"] else 1)


def test_hidden_pillars_no_longer_change_the_overall_of_the_social_protection_brief():
    inputs = _shipped(SOCIAL)
    assert inputs.pillars == ["decent-work", "approach"]
    table = _rollup(inputs)
    label = "Overall of the pillars shown: mean of Access to decent work, Approach"
    # five, not six: "Universal access or extend social protection coverage" names no migrant group, so is left out
    assert len(inputs.chosen) == 5 and list(inputs.set_aside["practice_id"]) == [
        "gfmd-universal-social-protection-coverage"
    ]
    # Germany's rights at work is 50: "grounded in ILO standards" names standards, not a measure (data/checklist.yaml)
    assert table[label].tolist() == ["25", "25", "12.5", "31.3", "31.3"]
    # with every pillar the hidden financing pillar (0 for all six) pulls each overall down
    every = _rollup(_inputs(_params(SOCIAL), pillars=[]))
    assert every["Overall: mean of Access to decent work, Access to financing, Approach"].tolist() == [
        "16.7",
        "16.7",
        "8.3",
        "20.8",
        "20.8",
    ]
    # 12.5 and 37.5 are shown as they are; the item scores give every one of them
    # Nepal's fund: employers paying its contributions are no partner (one whole-of-society rule), so 0
    assert table["Approach (mean of 4 items)"].tolist() == ["25", "25", "0", "37.5", "25"]


def test_findings_count_only_the_scores_shown():
    inputs = _shipped(SOCIAL)
    messages = compare.key_messages(inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus)
    # 5 practices x 8 items shown; the check of a hidden 'who it serves' item is not counted
    assert messages[-1] == (
        "Scores read only titles and our short summaries (all 5 from listing teasers or titles); 3 of "
        "the 40 scores were checked by an AI assistant, not yet by a person (2 changed); 37 are "
        "automatic, not checked."
    )
    assert inputs.headline() == (
        "5 practices compared (6 were chosen for this brief; 1 that names no migrant group is "
        "left out) on 2 of the workstream checklist's 4 pillars (Access to decent "
        "work, Approach: 8 checklist items scored), out of 91 records whose title or our summary names a migrant "
        "group or migration (of 96 in the file)."
    )
    assert inputs.caveats()[0].text.startswith("All 5 records come from listing teasers or a title only")
    evidence = compare.score_evidence(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    checked = evidence[evidence.iloc[:, -1].str.startswith("checked by")]
    assert len(checked) == 3 and "Serves immigrants" not in set(evidence["Item"])
    from workbooks.good_practice.brief import brief_facts

    facts = brief_facts(inputs, "t")
    assert facts.review_status == (
        "3 of the 40 scores checked by an AI assistant, not yet by a person; the other 37 automatic, not checked"
    )
    lead = compare.strongest_evidence(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    assert lead.startswith(
        "Social Security Fund, on social protection:"
    )  # Spain's sentence would be cut: one that fits leads
    assert facts.summary[0].startswith(
        "Our summaries show social protection fully for 4 of the 5 records"
    )  # the finding
    assert facts.summary[1] == lead and facts.summary[-1] == messages[-1] and 3 <= len(facts.summary) <= 5
    assert facts.summary == compare.key_messages(
        inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus, lead
    ) and facts.data_date.endswith(
        "3 scores checked by an AI assistant, not yet by a person, the last on 22 November 2026"
    )


def test_nearest_by_scores_compares_the_items_shown_and_says_so():
    inputs = _shipped(SOCIAL)
    every = similarity.nearest_practices(
        inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(), inputs.checklist
    )
    shown = similarity.nearest_practices(
        inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(), inputs.checklist, pillars=inputs.pillars
    )
    assert "Nearest by checklist scores on all 9 scored items (distance 0-100)" in every.columns
    header = "Nearest by checklist scores on the 8 scored items shown (distance 0-100)"
    assert header in shown.columns
    # distances over 8 items differ from those over 9: the financing item no longer counts
    assert (
        shown[header].tolist() != every["Nearest by checklist scores on all 9 scored items (distance 0-100)"].tolist()
    )
    for cell in shown[header]:  # up to three neighbours that are alike, each with its distance written whole, or none
        parts = cell.split("; ")
        assert cell.startswith("— (") or (
            1 <= len(parts) <= 3
            and all(re.search(r" \((\d+|0: same scores on the \d items both show)\)$", part) for part in parts)
        ), cell
    assert (~shown[header].str.startswith("—")).sum() >= 3


def _tables(inputs) -> list[pd.DataFrame]:
    """Every table a good-practice brief of ``inputs`` (or its live view) shows."""
    scores, chosen, checklist, focus, about = (
        inputs.scores,
        inputs.chosen,
        inputs.checklist,
        inputs.pillars,
        inputs.items_in_focus,
    )
    return [
        compare.side_by_side(scores, chosen, checklist, focus),
        _rollup(inputs),
        compare.strengths_and_gaps(scores, chosen, checklist, focus, about),
        compare.gaps_table(inputs.readings, len(chosen)),
        compare.record_table(chosen, inputs.practices),
        compare.checklist_table(checklist, focus),
        compare.score_evidence(scores, chosen, checklist, focus, about),
        similarity.nearest_practices(chosen, scores, inputs.practices, inputs.similarity(), checklist, pillars=focus),
    ]


def _reader_facing(inputs) -> list[str]:
    """Every string a good-practice brief of ``inputs`` shows that comes from good_practice."""
    from workbooks.good_practice import brief

    matrix, reviewed = compare.chart_matrices(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars)
    figure, caption, _, _ = brief.heatmap_figure(inputs, matrix, reviewed)
    figures = [figure, charts.radar_chart(matrix)]
    figure_texts = [text.get_text() for figure in figures for text in figure.findobj(plt.Text)]
    figure_texts += [caption] + [figure.alt_text for figure in figures]
    for figure in figures:
        plt.close(figure)
    facts = brief.brief_facts(inputs, "title")
    strings = [
        inputs.headline(),
        *[caveat.text for caveat in inputs.caveats()],
        *facts.summary,
        facts.question,
        facts.data_date,
        facts.review_status,
        facts.method_note,
        *[link.note for link in facts.sources],
        *figure_texts,
    ]
    for table in _tables(inputs):
        strings += [str(column) for column in table.columns] + [str(v) for v in table.to_numpy().ravel()]
    for shown in (
        brief.full_scores_table(inputs),
        brief.strengths_table(inputs),
        brief.gaps_table(inputs),
        brief.records_table(inputs),
        brief.changes_table(inputs),
    ):  # as printed: a status said once, in the caption
        strings += (
            [shown.caption]
            + [str(column) for column in shown.frame.columns]
            + [str(v) for v in shown.frame.to_numpy().ravel()]
        )
    return strings


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_every_score_carries_review_status_words_never_the_bare_word_reviewed(path):
    strings = _shipped_reader_facing(path)
    assert not [text for text in strings if re.search(r"\breviewed\b", text, re.IGNORECASE)]
    assert not [text for text in strings if re.search(r"(?<!not yet )by a person", text)]  # an AI assistant is not one
    assert not [
        text for text in strings if "the Guidance" in text
    ]  # the Guidance is not in the data (a record may be one)
    assert any("checked by an AI assistant, not yet by a person" in text for text in strings)


def _assessments_by(tmp_path, *reviewers):
    """data/assessments.csv with its reviewers replaced in turn by ``reviewers``, with its sidecar."""
    frame = pd.read_csv(ROOT / "data" / "assessments.csv", dtype=str, keep_default_na=False)
    frame["reviewer"] = [reviewers[i % len(reviewers)] for i in range(len(frame))]
    path = tmp_path / "assessments_test.csv"
    frame.to_csv(path, index=False)
    (tmp_path / "assessments_test.meta.yaml").write_text((ROOT / "data" / "assessments.meta.yaml").read_text())
    return path


def test_a_person_recorded_as_reviewer_is_named_and_counted_as_a_person(tmp_path):
    inputs = _inputs(_params(SOCIAL), assessments=_assessments_by(tmp_path, "Jane Doe (ILO)"))
    strings = _reader_facing(inputs)
    assert any(
        text.endswith("; 3 of the 40 scores were checked by 1 person (2 changed); 37 are automatic, not checked.")
        for text in strings
    )
    assert "• checked by 1 person" in strings  # the heatmap's legend
    assert any("(Jane Doe (ILO), 22 November 2026)" in text for text in strings)  # named where each score is shown
    assert not [text for text in strings if "project engineer" in text or "AI assistant" in text]


def test_people_and_an_assistant_are_each_counted(tmp_path):
    inputs = _inputs(
        _params(SOCIAL),
        assessments=_assessments_by(
            tmp_path, "Jane Doe (ILO)", "Ali Ben (IOM)", "project engineer (AI coding assistant)"
        ),
    )
    strings = _reader_facing(inputs)
    statuses = [text for text in strings if "checked by" in text and "3 of the 40" in text]
    # each score was checked by one of them: counted kind by kind, never "checked by 2 people and an AI assistant"
    # over all three, which reads as if every score had all three checks
    assert statuses and all(
        "3 of the 40 scores were checked (2 changed): checked by 1 person (2 of 3); checked by an "
        "AI assistant, not yet by a person (1 of 3)" in text
        for text in statuses
    ), statuses
    assert not any("checked by 2 people and an AI assistant" in text for text in strings)


def test_without_reviews_nobody_is_named_and_every_score_is_automatic():
    inputs = _inputs(_params(SOCIAL), assessments="")
    strings = _reader_facing(inputs)
    assert not [text for text in strings if "checked by" in text]
    assert any(
        text.endswith("(all 5 from listing teasers or titles); all 40 scores are automatic, not checked.")
        for text in strings
    )
    assert any(text.endswith("every score automatic, not checked.") for text in strings)  # the heatmap's caption


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_summaries_are_labelled_our_paraphrase_and_evidence_words_of_our_summary(path):
    inputs = _shipped(path)
    records = compare.record_table(inputs.chosen, inputs.practices)
    assert "Summary (our paraphrase of the source)" in records.columns and "summary" not in records.columns
    cells = compare.side_by_side(inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars).iloc[:, 2:]
    automatic = [cell for cell in cells.to_numpy().ravel() if cell.split(" · ")[1].startswith("automatic")]
    assert automatic and all("title or our summary" in cell for cell in automatic)
    strings = _shipped_reader_facing(path)
    assert not [text for text in strings if "as the databases state" in text or "as the sources state" in text]


_SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("path", PARAMS, ids=lambda path: path.stem)
def test_shown_headers_are_plain_english(path):
    inputs = _shipped(path)
    for table in _tables(inputs):
        for header in map(str, table.columns):
            assert not _SNAKE.search(header) and "(s)" not in header and "/" not in header, header
            assert header not in set(inputs.chosen["practice_id"]) and header[0].isupper(), header
