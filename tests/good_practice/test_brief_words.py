"""The good-practice briefs' words agree with their counts: where an item is missing or rare (0, 1,
several records showing it), every check counted as a change listed, no title cut in a key message,
a plain question, the review status said once where every row would repeat it, and a practice's
block kept whole on paper."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.good_practice import brief, compare
from workbooks.good_practice.checklist import ChecklistItem
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.tables.review_status import AUTOMATIC, BY_AI_ONLY

PARAMS = sorted((ROOT / "params" / "good_practice_comparison").glob("*.yaml"))


def _inputs(path: Path):
    parameters = yaml.safe_load(path.read_text(encoding="utf-8"))
    return load_practice_inputs(
        "data/practices.csv",
        "data/assessments.csv",
        parameters.get("practices", []),
        parameters.get("region", []),
        parameters.get("source_db", []),
        parameters.get("target_group", []),
        parameters.get("pillars", []),
        parameters.get("items_in_focus", []),
        root=ROOT,
    )


@pytest.fixture(scope="module", params=PARAMS, ids=lambda path: path.stem)
def inputs(request):
    return _inputs(request.param)


def _reading(full: int, full_all: int, records: int = 91, compared: int = 6) -> compare.ItemReading:
    item = ChecklistItem(
        key="social-dialogue",
        pillar="decent-work",
        label="Social dialogue",
        definition="d",
        gcm_objectives=(6,),
        principles=(),
        present=(),
        partial=(),
    )
    return compare.ItemReading(item, full, 1, 100 if full else 50, full_all, records, (), AUTOMATIC, compared)


@pytest.mark.parametrize(
    "full, full_all, expected",
    [
        (0, 0, "not shown fully for any of the 6 records compared, nor for any of all 91 records"),
        (
            0,
            1,
            "not shown fully for any of the 6 records compared; rare across all records: 1 of all 91 records shows "
            "it fully",
        ),
        (
            0,
            4,
            "not shown fully for any of the 6 records compared; rare across all records: 4 of all 91 records show "
            "it fully",
        ),
        (0, 7, "not shown fully for any of the 6 records compared"),  # few across records: the count column says 7
        (
            1,
            1,
            "rare across all records: 1 of all 91 records shows it fully (1 of them is among the 6 records compared)",
        ),
        (
            2,
            4,
            "rare across all records: 4 of all 91 records show it fully (2 of them are among the 6 records compared)",
        ),
        (2, 20, ""),  # shown fully for some compared and common across records: no gap at all
    ],
)
def test_where_an_item_is_missing_or_rare_agrees_with_the_count(full, full_all, expected):
    reading = _reading(full, full_all)
    assert compare.gap_kind(reading) == expected
    # never "not shown in all records" where some records show it fully
    if full_all:
        assert "all records" not in expected.replace("rare across all records", "")
    table = compare.gaps_table([reading], 6)
    if expected:
        row = table.iloc[0]
        assert (
            row[compare.GAP_HEADER] == expected and row["Records whose summary shows it fully, of all 91"] == full_all
        )
    else:
        assert table.empty


def test_shown_across_all_says_none_one_and_several():
    assert compare.shown_across_all(_reading(0, 0)) == "none of all 91 records shows it fully"
    assert compare.shown_across_all(_reading(0, 1)) == "1 of all 91 records shows it fully"
    assert compare.shown_across_all(_reading(0, 2)) == "2 of all 91 records show it fully"


def test_every_change_a_key_message_counts_is_listed_in_the_brief(inputs):
    changes = brief.changes_table(inputs)
    listed = compare.changes_table(inputs.shown_scores, inputs.chosen, inputs.checklist)
    said = compare.review_sentence(inputs.shown_scores, inputs.chosen)
    checked = inputs.shown_scores[inputs.shown_scores["method"] == "reviewed"]
    changed = checked[checked["score"] != checked["automatic_score"]]
    assert len(listed) == len(changed) > 0
    assert f"({len(changed)} changed)" in said
    assert changes.caption.startswith(compare.CHANGES_CAPTION) and len(changes.frame) == len(changed)
    assert "brief-table-stack" not in changes._repr_mimebundle_()[0]["text/html"]  # a compact table, rows whole
    # each change as practice, item, automatic -> checked, matching the scores
    names = {compare.short_name(row): row["practice_id"] for _, row in inputs.chosen.iterrows()}
    keys = {label: key for key, label in inputs.checklist.labels().items()}
    for _, row in listed.iterrows():
        score = changed[
            (changed["practice_id"] == names[row["Practice"]]) & (changed["item"] == keys[row["Item"]])
        ].iloc[0]
        assert row[compare.CHANGE_HEADER] == f"{score['automatic_score']} → {score['score']}"


def test_a_check_that_changed_nothing_is_said_so():
    americas = _inputs(PARAMS[0])
    confirmed = americas.shown_scores.assign(automatic_score=americas.shown_scores["score"])
    assert compare.changes_table(confirmed, americas.chosen, americas.checklist).empty
    assert "(none changed)" in compare.review_sentence(confirmed)
    one = confirmed[(confirmed["method"] == "reviewed")].head(1)
    assert compare.review_sentence(one) == f"The 1 score shown was {BY_AI_ONLY} (confirmed)."


def test_a_score_two_reviewers_decided_differently_is_said_disputed_never_confirmed():
    americas = _inputs(PARAMS[0])
    confirmed = americas.shown_scores.assign(automatic_score=americas.shown_scores["score"])
    one = confirmed[(confirmed["method"] == "reviewed")].head(1)
    unit = one.iloc[0]
    history = pd.DataFrame(
        [
            {
                "practice_id": unit["practice_id"],
                "item": unit["item"],
                "score": 100,
                "reviewer": "Maria Rossi",
                "date": "2026-12-01",
                "rationale": "",
                "basis": "record",
                "mode": "open",
            },
            {
                "practice_id": unit["practice_id"],
                "item": unit["item"],
                "score": 50,
                "reviewer": "Li Wei",
                "date": "2026-12-02",
                "rationale": "",
                "basis": "record",
                "mode": "blind",
            },
        ]
    )
    said = compare.review_sentence(one, history=history)
    assert "(disputed); reviewers disagree on 1 and have not settled it: the latest score counts." in said
    assert "confirmed" not in said
    settled = pd.concat([history, history.tail(1).assign(reviewer="Maria Rossi", date="2026-12-03", mode="settling")])
    assert "(confirmed)" in compare.review_sentence(one, history=settled)  # settled: nothing left to say


def test_no_key_message_cuts_a_title(inputs):
    messages = compare.key_messages(inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus)
    assert not [message for message in messages if "…" in message]


def test_an_example_in_a_key_message_is_named_whole():
    returns = _inputs(ROOT / "params" / "good_practice_comparison" / "return_migrants.yaml")
    # the same six chosen by name: examples may then serve anyone, and one is named in a key message
    by_name = load_practice_inputs(
        "data/practices.csv", "data/assessments.csv", returns.ids, [], [], [], [], [], root=ROOT
    )
    text = " ".join(
        compare.key_messages(by_name.readings, by_name.chosen, by_name.shown_scores, by_name.items_in_focus)
    )
    assert "(for example UNDP Five Pillar Approach to Engage Diasporas in Local Development)" in text


def test_the_question_is_in_plain_words(inputs):
    question = brief.question(inputs)
    assert (
        question.startswith("What do our short summaries of ") and " show of the workstream's checklist, " in question
    )
    assert len(question.split()) <= 40  # how the practices were chosen and the pillars: the scope line under it
    assert "approach" not in question and inputs.compared_words() in inputs.headline()
    assert "name a migrant group too" not in question and "written from" not in question
    assert f"is that also rare among the {len(inputs.migration_records)} {compare.MIGRATION_RECORDS}?" in question


def test_the_summaries_basis_is_said_in_plain_words():
    returns = _inputs(ROOT / "params" / "good_practice_comparison" / "return_migrants.yaml")
    assert compare.scores_read(returns.chosen) == (
        "Scores read only titles and our short summaries (5 of 6 from listing teasers or titles)"
    )
    assert (
        compare.scores_read(returns.chosen.assign(summary_basis="detail page excerpt"))
        == "Scores read only titles and our short summaries"
    )


def test_the_return_migrants_headline_gives_no_full_score_for_cash_assistance():
    returns = _inputs(ROOT / "params" / "good_practice_comparison" / "return_migrants.yaml")
    lead = compare.key_messages(returns.readings, returns.chosen, returns.shown_scores, returns.items_in_focus)[0]
    assert lead == "Our summaries show social protection fully for 2 of the 6 records (both automatic, not checked)."
    # Nigeria's staged reintegration payments are cash assistance, not a financial service: partial, no full score
    assert "access to financing" not in lead


def test_a_review_status_every_row_shares_is_said_once_in_the_caption():
    frame = pd.DataFrame({"Item": ["a", "b"], "Review status": [AUTOMATIC, AUTOMATIC]})
    shown, caption = compare.status_said_once(frame, "Full scores")
    assert list(shown.columns) == ["Item"] and caption == f"Full scores. Review status of every score here: {AUTOMATIC}"
    # rows differing only in how many scores one kind of reviewer checked: a count, the words once
    scores = [
        pd.DataFrame(
            {
                "method": ["reviewed", "automatic", "automatic"],
                "reviewer": ["an AI assistant", "", ""],
                "reviewers": [("an AI assistant",), (), ()],
            }
        ),
        pd.DataFrame({"method": ["automatic"] * 3, "reviewer": [""] * 3, "reviewers": [()] * 3}),
    ]
    frame = pd.DataFrame({"Item": ["a", "b"], "Review status": ["1 of the 3 ...", "all 3 ..."], "GCM": ["1", "2"]})
    shown, caption = compare.status_said_once(frame, "Gaps", scores)
    assert list(shown.columns) == ["Item", "Scores checked, of 3", "GCM"]
    assert shown["Scores checked, of 3"].tolist() == [1, 0]
    assert caption == f"Gaps. Every score counted as checked was {BY_AI_ONLY}; every other score is {AUTOMATIC}"
    # a person and an assistant in different rows: each row keeps its own words
    scores[1] = scores[1].assign(
        method=["reviewed", "automatic", "automatic"],
        reviewer=["Jane Doe (ILO)", "", ""],
        reviewers=[("Jane Doe (ILO)",), (), ()],
    )
    assert compare.status_said_once(frame, "Gaps", scores)[0].equals(frame)
    assert compare.status_said_once(frame.iloc[0:0], "Gaps", [])[0].empty


def test_the_brief_tables_keep_every_rows_status_in_the_download(inputs):
    gaps = brief.gaps_table(inputs)
    assert compare.ACROSS_ALL_STATUS_HEADER not in gaps.frame.columns  # said once, in the caption
    assert (
        "Scores checked, of 91" in gaps.frame.columns
        and f"Every score counted as checked was {BY_AI_ONLY}" in gaps.caption
    )
    assert "brief-rows-whole" in gaps._repr_mimebundle_()[0]["text/html"]
    assert compare.ACROSS_ALL_STATUS_HEADER in gaps.csv_frame.columns
    strengths = brief.strengths_table(inputs)
    assert compare.REVIEW_STATUS_HEADER in strengths.csv_frame.columns


def test_each_practice_block_prints_whole():
    social = _inputs(ROOT / "params" / "good_practice_comparison" / "social_protection_and_rights.yaml")
    html = brief.records_table(social)._repr_mimebundle_()[0]["text/html"]
    assert '<div class="brief-rows-whole">' in html and "break-inside: avoid" in html
    assert html.count("<tr>") == len(social.chosen) + 1  # the header row and one block per practice
    assert "Zimbabwe" in html and "<script" not in html


def test_the_chart_title_counts_the_items_read_and_says_when_the_chart_also_shows_whom_practices_serve():
    from workbooks.good_practice.compare import heatmap_title

    americas = _inputs(ROOT / "params" / "good_practice_comparison" / "labour_inclusion_americas.yaml")
    read = len(americas.readings)
    title = heatmap_title(americas.readings, len(americas.chosen), read + 2)
    assert title.endswith(f"of the {read} checklist items scored (who it serves aside) are shown fully for none")
    assert "(who it serves aside)" not in heatmap_title(americas.readings, len(americas.chosen), read)


def test_a_50_on_whom_a_practice_serves_is_explained_where_the_chart_shows_it():
    returns = _inputs(ROOT / "params" / "good_practice_comparison" / "return_migrants.yaml")
    matrix, reviewed = compare.chart_matrices(returns.scores, returns.chosen, returns.checklist, returns.pillars)
    # the title counts two serving emigrants abroad too; Skills Passport's "abroad" gives no 50 on serving
    # emigrants: its file gives its target group (return migrants), which the scope items follow
    assert matrix.loc["Skills Passport", "Serves emigrants"] == 0
    scores = returns.scores.set_index(["practice_id", "item"])
    assert scores.loc[("gfmd-sri-lanka-skills-passport", "emigrants"), "evidence"].startswith(
        "not among the target group in the practices file: return migrants"
    )
    assert (returns.chosen["target_group"] == "emigrants and return migrants").sum() == 2
    matrix.loc["Skills Passport", "Serves emigrants"] = 50  # a 50 where the target group is unknown: explained
    _, caption, _, _ = brief.heatmap_figure(returns, matrix, reviewed)
    assert caption.endswith(
        " Serves emigrants 50 (Skills Passport): going abroad is named without the people abroad "
        "being served: not read as serving that group."
    )
    # no 50 on whom a practice serves: nothing added
    assert brief.scope_partials(returns, matrix.drop(columns=["Serves emigrants"])) == ""


def test_every_key_message_is_short_enough_to_forward(inputs):
    """At most 40 words a message and 170 the box, on every brief; each caveat said once."""
    facts = brief.brief_facts(inputs, "title")
    counts = [compare.words(message) for message in facts.summary]
    assert 3 <= len(counts) <= 5 and max(counts) <= compare.MESSAGE_MOST_WORDS == 40
    assert sum(counts) <= compare.BOX_MOST_WORDS == 170
    text = " ".join(facts.summary)
    assert text.count("not proof the practices lack it") == 1 and text.count("Scores read only") == 1
    assert facts.summary[-1].startswith("Scores read only titles and our short summaries")
    assert " reviewed" not in text


def test_a_long_sentence_is_cut_at_a_clause_and_says_so():
    sentence = "one two three four five, six seven eight nine ten eleven twelve"
    assert compare.clipped(sentence, 20) == sentence
    assert compare.clipped(sentence, 8) == "one two three four five …"
    assert compare.clipped("a b c d e f g h i j", 4) == "a b c d …"


def test_a_status_every_row_shares_counts_every_rows_scores_once_in_the_caption():
    twelve = pd.DataFrame({"method": ["automatic"] * 12, "reviewer": [""] * 12, "reviewers": [()] * 12})
    rows = [twelve] * 4  # 4 practices, each status 'all 12 scores automatic, not checked'
    frame = pd.DataFrame({"Practice": list("abcd"), "Review status": [compare.status_of_scores(twelve)] * 4})
    assert frame["Review status"].iloc[0] == f"all 12 scores {AUTOMATIC}"
    shown, caption = compare.status_said_once(frame, "Strengths", rows)
    assert list(shown.columns) == ["Practice"]
    assert caption == f"Strengths. Review status of every score here: all 48 scores {AUTOMATIC}"
    checked = twelve.assign(method="reviewed", reviewer="an AI assistant", reviewers=[("an AI assistant",)] * 12)
    frame = frame.assign(**{"Review status": [compare.status_of_scores(checked)] * 2 + [""] * 2}).iloc[:2]
    assert (
        compare.status_said_once(frame, "Strengths", [checked, checked])[1]
        == f"Strengths. Review status of every score here: all 24 scores {BY_AI_ONLY}"
    )
    one = pd.DataFrame({"Practice": ["a"], "Review status": [f"all 12 scores {AUTOMATIC}"]})
    assert compare.status_said_once(one, "Strengths", [twelve])[1].endswith(f"all 12 scores {AUTOMATIC}")
