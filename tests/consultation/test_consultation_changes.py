"""What changed in the consultation brief since its previous edition (consultation/changes.py): comments
added and gone, codes newly counted, dropped (by a review or by the coder), checked differently."""

from __future__ import annotations

import copy

from conftest import ROOT
from workbooks.consultation.changes import changes_since, tracked_facts
from workbooks.consultation.inputs import load_consultation_inputs

AUTOMATIC, BY_AI = "automatic, not checked", "checked by an AI assistant, not yet by a person"


def _inputs(code_reviews_file="data/code_reviews.csv"):
    return load_consultation_inputs(
        str(ROOT / "data/comments.csv"),
        str(ROOT / "data/questions.csv"),
        None,
        [],
        1,
        code_reviews_file and str(ROOT / code_reviews_file),
    )


def _facts():
    return {
        "comments": {
            "c1": {"label": "Q1, comment 1 (IOM)", "codes": {"gcm-6": AUTOMATIC, "gcm-7": AUTOMATIC}, "rejected": []},
            "c2": {"label": "Q1, comment 2 (ILO)", "codes": {"gcm-16": AUTOMATIC}, "rejected": []},
        },
        "code_labels": {
            "gcm-6": "Obj. 6 Recruitment and decent work",
            "gcm-7": "Obj. 7 Reduce vulnerabilities",
            "gcm-16": "Obj. 16 Inclusion and social cohesion",
            "gcm-22": "Obj. 22 Social protection",
        },
    }


def test_the_facts_tracked_are_each_comment_its_codes_counted_with_who_checked_them_and_its_rejected_codes():
    tracked = tracked_facts(_inputs())
    first = tracked["comments"]["seed-002-draft-network-workplan-c01"]
    assert first == {
        "label": "Q1, comment 1 (Caritas Internationalis Confederation)",
        "codes": {"principle-whole-of-society": BY_AI},
        "rejected": [],
    }
    assert len(tracked["comments"]) == len(_inputs().coded)
    assert sum(len(comment["codes"]) for comment in tracked["comments"].values()) == len(_inputs().long)


def test_nothing_changed_and_reviews_applied_since_are_said_by_kind():
    assert changes_since(_facts(), _facts()) == []
    unreviewed, reviewed = tracked_facts(_inputs("")), tracked_facts(_inputs())
    changes = changes_since(unreviewed, reviewed)
    dropped = sum(
        len(set(unreviewed["comments"][key]["codes"]) - set(comment["codes"]))
        for key, comment in reviewed["comments"].items()
    )
    assert changes[0].startswith(
        f"{dropped} codes no longer counted: Obj. 2 Minimize adverse drivers for Q2, comment 4"
    )
    assert changes[0].count(": rejected by a review") == dropped
    assert changes[1].startswith(f"50 codes checked differently (then: {AUTOMATIC}; now: {BY_AI}): ")
    assert changes[1].endswith("; and 43 more.") and len(changes[1].things) == 50 and changes[1].folded  # all listed
    assert len(set(changes[1].things)) == 50 and changes[1].things[0] in changes[1]


def test_comments_added_and_gone_codes_counted_dropped_and_checked():
    after = copy.deepcopy(_facts())
    after["comments"]["c3"] = {"label": "Q2, comment 1 (<b>UNHCR</b>)", "codes": {}, "rejected": []}
    del after["comments"]["c2"]
    after["comments"]["c1"]["codes"] = {"gcm-6": "checked by 1 person", "gcm-22": "checked by 1 person"}
    after["comments"]["c1"]["rejected"] = ["gcm-7"]
    assert changes_since(_facts(), after) == [
        "1 comment added: Q2, comment 1 (<b>UNHCR</b>).",
        "1 comment no longer in the brief (gone from the comments file, or from the discussions chosen), each named "
        "as the last edition placed it, with its comment_id: Q1, comment 2 (ILO), id c2.",
        "1 code newly counted: Obj. 22 Social protection for Q1, comment 1 (IOM): checked by 1 person.",
        "1 code no longer counted: Obj. 7 Reduce vulnerabilities for Q1, comment 1 (IOM): rejected by a review.",
        f"1 code checked differently (then: {AUTOMATIC}; now: checked by 1 person): "
        "Obj. 6 Recruitment and decent work for Q1, comment 1 (IOM).",
    ]
    after["comments"]["c1"]["rejected"] = []
    assert "no longer found by the coder" in changes_since(_facts(), after)[3]
