"""Negation and harm: what a record names as lacking or taken away ("cannot join trade unions", "no
access to unemployment benefits", "excluded from social protection") never scores an item fully,
while a harm an item opposes ("no forced labour") and a mention elsewhere in the record still count.

The sentences are written out in full: the checklist's `negation` block (data/checklist.yaml) must
read each of them right."""

from __future__ import annotations

import copy

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.errors import ChecklistError
from workbooks.good_practice.checklist import load_checklist, parse_checklist
from workbooks.good_practice.compare import score_detail
from workbooks.good_practice.scoring import automatic_scores
from workbooks.tables.vocabularies import PRESENT

ISSUE_SENTENCE = "Migrants cannot join trade unions and have no access to unemployment benefits."


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(root=ROOT)


@pytest.mark.parametrize(
    "item, sentence, lacking",
    [
        ("rights-at-work", ISSUE_SENTENCE, "cannot join trade unions"),
        ("social-protection", ISSUE_SENTENCE, "no access to unemployment benefits"),
        ("social-dialogue", ISSUE_SENTENCE, "cannot join trade unions"),
        (
            "social-protection",
            "Seasonal workers are excluded from social protection.",
            "excluded from social protection",
        ),
        ("social-protection", "Domestic workers are not covered by social security.", "not covered by social security"),
        ("social-protection", "Irregular migrants are denied health insurance.", "denied health insurance"),
        ("rights-at-work", "Migrant workers are barred from joining trade unions.", "barred from joining trade unions"),
        (
            "social-protection",
            "Migrants cannot join trade unions or claim unemployment benefits.",
            "cannot join trade unions or claim unemployment benefits",
        ),  # a list of what is lacking
        (
            "job-creation",
            "A work permit that keeps migrant workers from changing jobs.",
            "keeps migrant workers from changing jobs",
        ),
        (
            "rights-at-work",
            "A work permit tied to one employer, which keeps migrant workers from changing jobs and from "
            "joining trade unions.",
            "keeps migrant workers from changing jobs and from joining trade unions",
        ),
        ("access-to-financing", "Refugees have no access to credit.", "no access to credit"),
        ("return-migrants", "The scheme does not serve returnees.", "not serve returnees"),
    ],
)
def test_what_a_record_names_as_lacking_earns_nothing(checklist, item, sentence, lacking):
    found = checklist.item(item).assess(sentence)
    assert found.score < PRESENT and lacking in found.lacking
    assert not any(lacking.endswith(word) for word in found.evidence)  # the negated words earn nothing


@pytest.mark.parametrize(
    "item, sentence, evidence",
    [
        # the same item shown elsewhere in the record still counts
        (
            "social-protection",
            "Extends social security to migrant workers who were excluded from it.",
            "social security",
        ),
        (
            "social-protection",
            "Workers cannot stay long. Social security is portable.",
            "Social security",
        ),  # another sentence
        # a harm the item opposes, negated, still speaks of the item
        ("rights-at-work", "Recruitment with no forced labour.", "forced labour"),
        ("rights-based", "Access to services without discrimination.", "discrimination"),
        # an exception contains a cue without negating
        ("social-protection", "Not only jobs but also social security.", "social security"),
        ("job-creation", "Not only job placements but also social security.", "job placements"),
        # a break word ends a negation's reach; so do more than three words between
        ("social-protection", "Refugees denied asylum but social security covers them.", "social security"),
        ("social-protection", "People who cannot read get help to claim social security.", "social security"),
    ],
)
def test_a_negation_reaches_only_the_words_it_governs(checklist, item, sentence, evidence):
    found = checklist.item(item).assess(sentence)
    assert found.score == PRESENT and evidence in found.evidence


def test_a_record_that_says_migrants_cannot_join_unions_scores_no_item_fully_on_those_words(checklist):
    """The issue's record: 'cannot join trade unions' and 'no access to unemployment benefits' were
    read as rights at work and social protection shown fully. Through the whole automatic pass."""
    record = pd.DataFrame(
        [
            {
                "practice_id": "seasonal-scheme",
                "title": "A seasonal work scheme",
                "summary": "Seasonal workers come for six months. " + ISSUE_SENTENCE,
            }
        ]
    )
    scores = automatic_scores(record, checklist).set_index("item")
    for item, lacking in (
        ("social-protection", "no access to unemployment benefits"),
        ("rights-at-work", "cannot join trade unions"),
    ):
        assert scores.loc[item, "score"] == 0 and scores.loc[item, "lacking"] == lacking
        assert score_detail(scores.loc[item]) == (
            f"automatic, not checked: nothing found in the title or our summary; named as lacking: {lacking}"
        )
    assert scores.loc["job-creation", "score"] == 0  # "work" alone is not job creation; nothing is negated into it


def test_the_harmful_survey_example_of_the_template_scores_nothing_fully():
    """data/templates/practices.template.csv's harmful example, a work permit that 'keeps migrant
    workers from changing jobs and from joining trade unions', scores 100 on no item."""
    checklist = load_checklist(root=ROOT)
    template = pd.read_csv(ROOT / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    harmful = template[template["assessment"] == "harmful"]
    scores = automatic_scores(harmful, checklist)
    assert len(harmful) == 1 and (scores["score"] < PRESENT).all()
    assert "joining trade unions" in scores.set_index("item").loc["rights-at-work", "lacking"]


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load((ROOT / "data" / "checklist.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["negation"].pop("cues"), "negation: missing cues"),
        (lambda d: d["negation"].update(cues=[]), "'cues' must list at least one pattern"),
        (lambda d: d["negation"].update(window=-1), "'window' must be a whole number of words"),
        (lambda d: d["negation"].update(list_window=1), "'list_window' must be at least 'window'"),
        (
            lambda d: d["negation"].update(cues=["(?<=x)no"]),
            "key 'cues' of negation: pattern '(?<=x)no' uses a lookbehind",
        ),
        (lambda d: d["negation"].update(shade="grey"), "negation: unknown key shade"),
    ],
)
def test_a_broken_negation_block_is_refused_naming_it(document, change, message):
    broken = copy.deepcopy(document)
    change(broken)
    with pytest.raises(ChecklistError) as error:
        parse_checklist(
            broken, "checklist.yaml", range(1, 24), [p for item in broken["items"] for p in item["principles"] or []]
        )
    assert message in str(error.value) and "checklist.yaml" in str(error.value)
