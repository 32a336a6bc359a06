"""What changed in the comparison since its previous edition (good_practice/changes.py): practices added
and gone, scores changed, scores checked differently; an item newly shown is no change of a score."""

from __future__ import annotations

import copy

from conftest import ROOT
from workbooks.good_practice.changes import changes_since, tracked_facts
from workbooks.good_practice.inputs import load_practice_inputs

AUTOMATIC, BY_AI = "automatic, not checked", "checked by an AI assistant, not yet by a person"


def _inputs(assessments_file=None):
    return load_practice_inputs(str(ROOT / "data/practices.csv"), assessments_file, None, [], [], [], [], [])


def _facts():
    return {
        "practices": {
            "p1": {
                "name": "Skills Passport",
                "scores": {
                    "job-creation": {"score": 50, "checked": AUTOMATIC},
                    "social-protection": {"score": 0, "checked": AUTOMATIC},
                },
            },
            "p2": {"name": "Seasonal workers", "scores": {"job-creation": {"score": 100, "checked": AUTOMATIC}}},
        },
        "item_labels": {"job-creation": "Job creation", "social-protection": "Social protection"},
    }


def test_the_facts_tracked_are_each_practice_s_score_on_each_item_shown_with_who_checked_it():
    inputs = _inputs()
    tracked = tracked_facts(inputs)
    assert list(tracked["practices"]) == inputs.ids
    assert sum(len(practice["scores"]) for practice in tracked["practices"].values()) == len(inputs.shown_scores)
    assert tracked["practices"]["hubpledge-colombia-etpv-law2136"]["scores"]["social-protection"] == {
        "score": 50,
        "checked": BY_AI,
    }


def test_nothing_changed_and_reviewed_scores_since_automatic_ones():
    assert changes_since(_facts(), _facts()) == []
    changes = changes_since(tracked_facts(_inputs("")), tracked_facts(_inputs()))
    assert changes[0].startswith(
        "3 scores changed: Companies with Refugees Forum, Fundamental principles and rights "
        "at work: 50 (was 100), " + BY_AI
    )
    assert changes[1].startswith(f"7 scores checked differently (then: {AUTOMATIC}; now: {BY_AI}): ")


def test_practices_added_and_gone_scores_changed_and_checked_and_an_item_newly_shown_is_no_change():
    after = copy.deepcopy(_facts())
    del after["practices"]["p2"]
    after["practices"]["p3"] = {"name": "Remittance <i>plan</i>", "scores": {}}
    after["practices"]["p1"]["scores"] = {
        "job-creation": {"score": 100, "checked": "checked by 1 person"},
        "social-protection": {"score": 0, "checked": "checked by 1 person"},
        "social-dialogue": {"score": 50, "checked": AUTOMATIC},
    }
    assert changes_since(_facts(), after) == [
        "1 practice now compared: Remittance <i>plan</i>.",
        "1 practice no longer compared: Seasonal workers.",
        "1 score changed: Skills Passport, Job creation: 100 (was 50), checked by 1 person.",
        f"1 score checked differently (then: {AUTOMATIC}; now: checked by 1 person): Skills Passport, Social protection: 0.",
    ]
