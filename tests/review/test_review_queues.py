"""The review workbench's queues: what a reviewer sees, what a click records, and the edges (an empty
queue, a blank name, a comment that no longer exists, a file changed on disk meanwhile)."""

from __future__ import annotations

import csv
import datetime

import pandas as pd
import pytest

from conftest import write_sidecar
from workbooks.errors import ReviewError, TableError
from workbooks.review.codes import CodeQueue
from workbooks.review.decision_files import DecisionFile
from workbooks.review.queue import checked_name, reviewer_kind
from workbooks.review.scores import ScoreQueue
from workbooks.review.statuses import StatusQueue
from workbooks.tables.layouts import CODE_REVIEWS, COMMENTS

TODAY = datetime.date.today().isoformat()
HOSTILE = 'We ask for decent work and social protection <script>alert(1)</script> <img src=x onerror="alert(2)">.'
QUIET = "Thank you for the meeting."  # the coder gives this no code


def _comments(project, rows, name="my_comments.csv"):
    path = project / "data" / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COMMENTS.column_names)
        for comment_id, text in rows:
            writer.writerow(["email-2026", "", comment_id, "Jo Example", "", "2026-03-01", "", text, "false", "email"])
    write_sidecar(path, "comments")
    return f"data/{name}"


def _codes(project, rows=(("mine-c01", HOSTILE), ("mine-c02", QUIET)), reviews="data/my_reviews.csv"):
    comments = _comments(project, rows)
    return CodeQueue.load(comments, "data/questions.csv", [], reviews, root=project)


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_a_blank_name_is_refused_and_nothing_recorded(project):
    queue = _codes(project)
    queue.refresh("")
    thing = queue.cards[0].things[0]
    for blank in ("", "   ", None):
        with pytest.raises(ReviewError, match="Give your name before deciding"):
            queue.decide(queue.cards[0].key, thing.unit, "kept", blank)
    assert not (project / "data" / "my_reviews.csv").exists()
    assert checked_name("  Maria   Rossi ") == "Maria Rossi"
    assert reviewer_kind("Maria Rossi") == "a person"
    assert reviewer_kind("project engineer (AI coding assistant)") == "an AI assistant (not a person)"


def test_a_comment_card_escapes_hub_text_and_marks_the_evidence(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    assert "<script>" not in card.body and "&lt;script&gt;" in card.body and "<img" not in card.body
    assert "<mark>decent work</mark>" in card.body and "<mark>social protection</mark>" in card.body
    assert [(thing.label, thing.evidence) for thing in card.things] == [
        ("Obj. 6 Recruitment and decent work", "decent work"),
        ("Obj. 22 Social protection", "social protection"),
        ("Access to decent work", "decent work"),
        ("Social protection", "social protection"),
    ]
    assert all(thing.automatic == "given by the automatic coder" and thing.counted for thing in card.things)


def test_keep_reject_and_add_are_appended_with_reviewer_date_and_mode_and_create_the_file(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    first, second = card.things[0], card.things[1]
    queue.decide(card.key, first.unit, "kept", "Ana")
    queue.decide(card.key, second.unit, "rejected", "Ana", note="  not what the comment asks  ", blind=True)
    queue.add_code("mine-c02", "gcm-16", "Ana", note="inclusion")
    path = project / "data" / "my_reviews.csv"
    assert (project / "data" / "my_reviews.meta.yaml").exists()  # its sidecar, so the briefs can read it
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [
        (r["comment_id"], r["code"], r["decision"], r["reviewer"], r["date"], r["note"], r["source"], r["mode"])
        for r in rows
    ] == [
        ("mine-c01", first.unit[1], "kept", "Ana", TODAY, "", "email", "open"),
        ("mine-c01", second.unit[1], "rejected", "Ana", TODAY, "not what the comment asks", "email", "blind"),
        ("mine-c02", "gcm-16", "added", "Ana", TODAY, "inclusion", "email", "open"),
    ]
    cards = queue.refresh("Ana")
    assert [(thing.label, thing.automatic) for thing in cards[1].things] == [
        ("Obj. 16 Inclusion and social cohesion", "not given by the automatic coder (a review added or rejected it)")
    ]
    assert not cards[1].things[0].counted  # an added code is not among the automatic codes to check


def test_a_changed_mind_is_a_new_row_and_the_rows_before_stay_byte_for_byte(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    thing = card.things[0]
    queue.decide(card.key, thing.unit, "kept", "Ana")
    before = (project / "data" / "my_reviews.csv").read_bytes()
    queue.decide(card.key, thing.unit, "rejected", "Ana")
    after = (project / "data" / "my_reviews.csv").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    assert [made.value for made in queue.cards[0].things[0].recorded] == ["kept", "rejected"]


def test_progress_counts_the_reviewers_own_decisions(project):
    queue = _codes(project)
    queue.refresh("Ana")
    total = sum(thing.counted for card in queue.cards for thing in card.things)
    assert queue.progress_words("Ana") == f"0 of {total} codes checked by Ana"
    queue.decide(queue.cards[0].key, queue.cards[0].things[0].unit, "kept", "Ana")
    queue.decide(queue.cards[0].key, queue.cards[0].things[0].unit, "rejected", "Ana")  # the same code again
    assert queue.progress("Ana") == (1, total) and queue.progress("Ben") == (0, total)
    assert total == 4 and queue.next_unchecked(0, "Ana") == 0  # going round: the first card still has 3 to check
    for thing in queue.cards[0].things:
        queue.decide(queue.cards[0].key, thing.unit, "kept", "Ana")
    assert queue.progress_words("Ana") == "4 of 4 codes checked by Ana" and queue.next_unchecked(0, "Ana") is None


def test_an_empty_queue_says_there_is_nothing_to_check(project):
    queue = _codes(project, rows=(("mine-c02", QUIET),))
    cards = queue.refresh("Ana")
    assert len(cards) == 1 and cards[0].things == ()
    assert queue.progress("Ana") == (0, 0)
    assert queue.progress_words("Ana") == "Nothing to check: no code in the files given."
    assert queue.next_unchecked(0, "Ana") is None
    assert queue.disagreements().empty and queue.agreement() is None


def test_blind_mode_hides_other_reviewers_decisions(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    queue.decide(card.key, card.things[0].unit, "rejected", "Ana", note="Ana's reason")
    seen_by_ben = queue.refresh("Ben", blind=True)[0].things[0]
    assert seen_by_ben.recorded == () and seen_by_ben.automatic == "given by the automatic coder"
    assert [made.reviewer for made in queue.refresh("Ben", blind=False)[0].things[0].recorded] == ["Ana"]


def test_a_blind_second_review_gives_agreement_and_a_disagreement_settled_as_such(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    one, two = card.things[0].unit, card.things[1].unit
    queue.decide(card.key, one, "kept", "Ana", blind=True)  # agreement compares blind decisions only: the first too
    queue.decide(card.key, two, "kept", "Ana", blind=True)
    queue.refresh("Ben", blind=True)
    queue.decide(card.key, one, "kept", "Ben", blind=True)
    queue.decide(card.key, two, "rejected", "Ben", blind=True)
    measured = queue.agreement()
    assert (measured.compared, measured.agreeing, measured.reviewers) == (2, 1, 2)
    disputed = queue.disagreements()
    assert list(disputed["reviewer"]) == ["Ana", "Ben"] and set(disputed["code"]) == {two[1]}
    with pytest.raises(ReviewError, match="no disagreement to settle"):
        queue.settle(one, "Ana", "Cai")
    queue.settle(two, "Ben", "Cai", note="the comment names no such measure")
    assert queue.disagreements().empty
    last = list(csv.DictReader((project / "data" / "my_reviews.csv").open(encoding="utf-8")))[-1]
    assert (last["code"], last["decision"], last["reviewer"], last["mode"], last["note"]) == (
        two[1],
        "rejected",
        "Cai",
        "settling",
        "the comment names no such measure",
    )


def test_a_file_changed_on_disk_meanwhile_is_read_again_and_nothing_recorded(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    queue.decide(card.key, card.things[0].unit, "kept", "Ana")
    path = project / "data" / "my_reviews.csv"
    with path.open("a", encoding="utf-8") as handle:  # another reviewer's workbench, meanwhile
        handle.write(f"mine-c01,{card.things[1].unit[1]},rejected,Ben,{TODAY},,email,blind\n")
    edited = path.read_bytes()
    with pytest.raises(
        ReviewError, match="my_reviews.csv changed on disk since the workbench read it.*Nothing was recorded"
    ):
        queue.decide(card.key, card.things[1].unit, "kept", "Ana")
    assert path.read_bytes() == edited
    assert [made.reviewer for made in queue.cards[0].things[1].recorded] == ["Ben"]  # read again: Ben's decision shown
    queue.decide(card.key, card.things[1].unit, "kept", "Ana")  # now recorded, after Ben's
    assert _lines(path)[-2].split(",")[3] == "Ben" and _lines(path)[-1].split(",")[3] == "Ana"


def test_a_decision_on_a_comment_that_no_longer_exists_is_refused(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    _comments(project, [("mine-c02", QUIET)])  # the comments file, rewritten meanwhile without mine-c01
    with pytest.raises(ReviewError, match="my_comments.csv changed on disk"):
        queue.decide(card.key, card.things[0].unit, "kept", "Ana")
    with pytest.raises(ReviewError, match="mine-c01 / .* is no longer among the codes of comments"):
        queue.decide(card.key, card.things[0].unit, "kept", "Ana")
    with pytest.raises(ReviewError, match="mine-c01 is no longer among the comments"):
        queue.add_code("mine-c01", "gcm-16", "Ana")
    assert not (project / "data" / "my_reviews.csv").exists()


def test_a_reviews_file_naming_an_unknown_comment_is_refused_on_load(project):
    path = project / "data" / "my_reviews.csv"
    path.write_text(
        ",".join(CODE_REVIEWS.column_names) + f"\nnope-c9,gcm-16,kept,Ana,{TODAY},,email,open\n", encoding="utf-8"
    )
    write_sidecar(path, "code_reviews")
    with pytest.raises(
        TableError, match="line 2, column 'comment_id': 'nope-c9' is not a comment_id in my_comments.csv"
    ):
        _codes(project)


def test_a_file_written_before_the_mode_column_gains_it_every_value_kept(project):
    path = project / "data" / "my_reviews.csv"
    old = ",".join(CODE_REVIEWS.column_names[:-1]) + "\n"  # no mode column
    queue = _codes(project)
    code = queue.refresh("Ana")[0].things[0].unit[1]
    path.write_text(old + f'mine-c01,{code},kept,Ana,2026-01-02,"a note, with a comma",email\n', encoding="utf-8")
    write_sidecar(path, "code_reviews")
    queue = _codes(project)
    card = queue.refresh("Ben")[0]
    queue.decide(card.key, card.things[0].unit, "rejected", "Ben", blind=True)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == CODE_REVIEWS.column_names
    assert frame.values.tolist() == [
        ["mine-c01", code, "kept", "Ana", "2026-01-02", "a note, with a comma", "email", ""],
        ["mine-c01", code, "rejected", "Ben", TODAY, "", "email", "blind"],
    ]


def test_a_row_that_does_not_fit_the_layout_names_the_column_and_leaves_the_file(project):
    queue = _codes(project)
    card = queue.refresh("Ana")[0]
    queue.decide(card.key, card.things[0].unit, "kept", "Ana")
    before = (project / "data" / "my_reviews.csv").read_bytes()
    decisions = DecisionFile.read(project / "data" / "my_reviews.csv", CODE_REVIEWS, project)
    with pytest.raises(TableError, match="line 3, column 'decision': 'maybe' must be one of"):
        decisions.append(
            [
                {
                    "comment_id": "mine-c01",
                    "code": "gcm-16",
                    "decision": "maybe",
                    "reviewer": "Ana",
                    "date": TODAY,
                    "note": "",
                    "source": "email",
                    "mode": "open",
                }
            ]
        )
    assert (project / "data" / "my_reviews.csv").read_bytes() == before


def test_scores_keep_or_change_with_the_words_matched(project):
    queue = ScoreQueue.load(
        "data/practices.csv", "data/my_assessments.csv", ["mirps-mexico-local-integration-relocation"], root=project
    )
    cards = queue.refresh("Ana")
    assert len(cards) == 1 and len(cards[0].things) == len(queue.checklist.items)
    job = next(thing for thing in cards[0].things if thing.unit[1] == "job-creation")
    assert job.automatic == "automatic score 100: fully shown" and "formal jobs" in job.evidence
    assert [(choice.words, choice.keeps) for choice in job.choices] == [("0", False), ("50", False), ("100", True)]
    assert "<mark>" in cards[0].body
    queue.decide(cards[0].key, job.unit, "50", "Ana", note="placement, not creation")
    rows = list(csv.DictReader((project / "data" / "my_assessments.csv").open(encoding="utf-8")))
    assert [
        (r["practice_id"], r["item"], r["score"], r["reviewer"], r["rationale"], r["source"], r["mode"]) for r in rows
    ] == [
        (
            "mirps-mexico-local-integration-relocation",
            "job-creation",
            "50",
            "Ana",
            "placement, not creation",
            "record",
            "open",
        )
    ]
    assert queue.progress_words("Ana") == f"1 of {len(queue.checklist.items)} scores checked by Ana"
    with pytest.raises(ReviewError, match="'75' is not a choice"):
        queue.decide(cards[0].key, job.unit, "75", "Ana")


def test_a_status_is_recorded_with_its_day_and_source_never_guessed(project):
    queue = StatusQueue.load("data/activities.csv", "data/status_log.csv", root=project)
    cards = queue.refresh("Ana")
    thing = cards[0].things[0]
    assert "Not recorded" in cards[0].body and not any(choice.keeps for choice in thing.choices)
    assert [choice.value for choice in thing.choices] == ["Yet to start", "In progress", "Completed"]
    with pytest.raises(ReviewError, match="Give the status's source"):
        queue.decide(cards[0].key, thing.unit, "Completed", "Ana", as_of="2026-01-05", source=" ")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(ReviewError, match="is in the future"):
        queue.decide(cards[0].key, thing.unit, "Completed", "Ana", as_of=tomorrow, source="hub-missing-migrants")
    with pytest.raises(ReviewError, match="The status's date"):
        queue.decide(cards[0].key, thing.unit, "Completed", "Ana", as_of="2026-02-30", source="hub-missing-migrants")
    queue.decide(cards[0].key, thing.unit, "In progress", "Ana", as_of="2026-01-05", source="hub-missing-migrants")
    assert "In progress as of 2026-01-05 (source: hub-missing-migrants)" in queue.cards[0].body
    assert [choice.keeps for choice in queue.cards[0].things[0].choices] == [False, True, False]
    assert _lines(project / "data" / "status_log.csv")[-1] == (
        f"{thing.unit[0]},i,2026-01-05,In progress,hub-missing-migrants,,Ana,open"
    )
    assert queue.progress_words("Ana") == f"1 of {len(cards)} activity statuses checked by Ana"
    blind = queue.refresh("Ben", blind=True)  # a second reviewer, blind: Ana's status hidden, never "Not recorded"
    assert "hidden in blind mode: another reviewer recorded one" in blind[0].body and "In progress" not in blind[0].body
    assert "Not recorded" in blind[1].body  # nobody recorded that one


def test_a_file_without_a_last_line_break_gets_the_row_on_a_line_of_its_own(project):
    queue = _codes(project)
    code = queue.refresh("Ana")[0].things[0].unit[1]
    path = project / "data" / "my_reviews.csv"
    path.write_text(
        ",".join(CODE_REVIEWS.column_names) + f"\nmine-c01,{code},kept,Ana,2026-01-02,,email,open", encoding="utf-8"
    )  # as some editors save it
    write_sidecar(path, "code_reviews")
    queue = _codes(project)
    card = queue.refresh("Ben")[0]
    queue.decide(card.key, card.things[0].unit, "rejected", "Ben")
    assert _lines(path) == [
        ",".join(CODE_REVIEWS.column_names),
        f"mine-c01,{code},kept,Ana,2026-01-02,,email,open",
        f"mine-c01,{code},rejected,Ben,{TODAY},,email,open",
    ]


def _invented_comments(project, name="my_comments.csv"):
    path = project / "data" / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COMMENTS.column_names)
        for comment_id, text in (("inv-c01", HOSTILE), ("inv-c02", QUIET)):
            writer.writerow(
                ["demo-2026", "", comment_id, "Jo Example", "", "2026-03-01", "", text, "false", "illustrative"]
            )
    write_sidecar(path, "comments", illustrative=True)
    return f"data/{name}"


def test_reviews_of_invented_comments_are_invented_too_and_the_file_reads_back(project):
    """The first decision creates the reviews file with a sidecar that says what the rows are: illustrative where
    the comments are, referring to them; the file then loads as the workbench and the briefs read it."""
    from workbooks.consultation.inputs import load_consultation_inputs
    from workbooks.tables.datasets import load_dataset, load_sidecar

    comments = _invented_comments(project)
    queue = CodeQueue.load(comments, "data/questions.csv", [], "data/my_reviews.csv", root=project)
    card = queue.refresh("Ana")[0]
    queue.decide(card.key, card.things[0].unit, "rejected", "Ana")
    meta = load_sidecar(project / "data" / "my_reviews.csv")
    assert meta["illustrative"] is True and meta["refers_to"] == ["my_comments.csv"]
    assert "invented" in meta["provenance"] and "my_comments.csv" in meta["provenance"]
    reviews = load_dataset("data/my_reviews.csv", project).frame
    assert list(reviews["source"]) == ["illustrative"]
    again = CodeQueue.load(comments, "data/questions.csv", [], "data/my_reviews.csv", root=project)  # a restart
    assert [made.value for made in again.refresh("Ana")[0].things[0].recorded] == ["rejected"]
    inputs = load_consultation_inputs(
        comments, "data/questions.csv", None, [], code_reviews_file="data/my_reviews.csv", root=project
    )
    assert (card.key, card.things[0].unit[1]) not in set(zip(inputs.long["comment_id"], inputs.long["code"]))


def test_a_row_the_files_sidecar_forbids_is_refused_before_anything_is_written(project):
    """A status log marked invented takes only invented rows (source 'illustrative'), and a real one none: the
    workbench says so, naming the line and column, and leaves the file as it was."""
    log = project / "data" / "my_status_log.csv"
    log.write_text("workstream,activity_id,as_of,status,source,note,reviewer,mode\n", encoding="utf-8")
    write_sidecar(log, "status_log", illustrative=True)
    queue = StatusQueue.load("data/activities.csv", "data/my_status_log.csv", root=project)
    card = queue.refresh("Ana")[0]
    before = log.read_bytes()
    with pytest.raises(TableError) as refused:
        queue.decide(
            card.key, card.things[0].unit, "Completed", "Ana", as_of="2026-01-05", source="https://example.org/x"
        )
    assert "line 2, column 'source': the sidecar says illustrative, so its source must be 'illustrative'" in str(
        refused.value
    )
    assert log.read_bytes() == before
    queue.decide(card.key, card.things[0].unit, "Completed", "Ana", as_of="2026-01-05", source="illustrative")
    assert _lines(log)[-1].endswith(",2026-01-05,Completed,illustrative,,Ana,open")


def test_check_data_pairs_a_reviews_file_with_the_comments_its_sidecar_refers_to(project):
    from workbooks.tables.datapackage import build_datapackage
    from workbooks.tables.datasets import check_all_datasets

    comments = _invented_comments(project)
    queue = CodeQueue.load(comments, "data/questions.csv", [], "data/my_reviews.csv", root=project)
    card = queue.refresh("Ana")[0]
    queue.decide(card.key, card.things[0].unit, "kept", "Ana")
    assert [problem for problem in check_all_datasets(project) if "my_reviews" in problem] == []
    resource = next(r for r in build_datapackage(project)["resources"] if r["name"] == "my_reviews")
    assert {key["reference"]["resource"] for key in resource["schema"].get("foreignKeys", [])} == {"my_comments"}
