"""The workbench's widgets, driven in Python as a click would: the name asked once, progress, blind mode,
a disagreement settled, a problem said in the message line with nothing recorded."""

from __future__ import annotations

import csv

import pytest
from test_review_queues import HOSTILE, QUIET, _comments

from workbooks.errors import ReviewError
from workbooks.review.codes import CodeQueue
from workbooks.review.scores import ScoreQueue
from workbooks.review.statuses import StatusQueue
from workbooks.review.workbench import (
    CODES,
    DISAGREEMENTS,
    STATUSES,
    ReviewQueues,
    ReviewWorkbench,
    agreement_words,
    disputes,
)


@pytest.fixture()
def queues(project):
    comments = _comments(project, [("mine-c01", HOSTILE), ("mine-c02", QUIET)])
    return ReviewQueues(
        CodeQueue.load(comments, "data/questions.csv", [], "data/my_reviews.csv", root=project),
        ScoreQueue.load(
            "data/practices.csv", "data/my_assessments.csv", ["mirps-mexico-local-integration-relocation"], root=project
        ),
        StatusQueue.load("data/activities.csv", "data/my_status_log.csv", root=project),
    )


def _buttons(workbench, row=0):
    return {button.description: button for button in workbench.things.children[row].children[1:]}


def test_the_name_is_asked_once_and_a_blank_one_refused(queues):
    workbench = ReviewWorkbench(queues)
    assert workbench.working.layout.display == "none" and not workbench.name_box.disabled
    workbench.start()
    assert "Give your name before deciding" in workbench.message.value and workbench.reviewer == ""
    workbench.name_box.value = "Maria Rossi"
    workbench.start()
    assert workbench.name_box.disabled and workbench.start_button.layout.display == "none"
    assert "Reviewing as <strong>Maria Rossi</strong> (a person)" in workbench.who.value
    assert "0 of 4 codes checked by Maria Rossi" in workbench.progress.value


def test_the_name_never_defaults_to_the_assistants(queues):
    assert ReviewWorkbench(queues).name_box.value == ""
    named = ReviewWorkbench(queues, reviewer="project engineer (AI coding assistant)")
    assert "(an AI assistant (not a person))" in named.who.value  # recorded, and counted, as what it is


def test_a_click_records_and_the_progress_moves(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    _buttons(workbench)["Reject"].click()
    assert "Recorded: Obj. 6 Recruitment and decent work rejected, by Ana" in workbench.message.value
    assert "1 of 4 codes checked by Ana" in workbench.progress.value
    assert "rejected by Ana on" in workbench.things.children[0].children[0].value
    workbench.next_button.click()
    assert "Thank you for the meeting." in workbench.card.value and workbench.things.children == ()


def test_a_status_without_a_source_is_said_and_nothing_recorded(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    workbench.section.value = STATUSES
    _buttons(workbench)["Completed"].click()
    assert "Give the status&#x27;s source" in workbench.message.value
    assert not (project / "data" / "my_status_log.csv").exists()
    workbench.status_source.value = "hub-missing-migrants"
    assert workbench.status_day.value == ""  # never today by default
    _buttons(workbench)["Completed"].click()
    assert "Give the day the status held" in workbench.message.value
    assert not (project / "data" / "my_status_log.csv").exists()
    workbench.status_day.value = "2026-01-05"
    _buttons(workbench)["Completed"].click()
    assert "Completed as of 2026-01-05 (source: hub-missing-migrants)" in workbench.card.value


def test_a_date_it_cannot_read_is_said_in_words_and_the_day_typed_stays(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    workbench.section.value = STATUSES
    workbench.status_source.value = "hub-missing-migrants"
    workbench.status_day.value = "2024-02-30"
    _buttons(workbench)["Completed"].click()
    assert "The status&#x27;s date, “2024-02-30”, is not a real day written YYYY-MM-DD" in workbench.message.value
    assert "got str" not in workbench.message.value and not (project / "data" / "my_status_log.csv").exists()
    assert workbench.status_day.value == "2024-02-30"  # not set back to today, to be recorded by the next click
    assert workbench.status_source.value == "hub-missing-migrants"


def test_a_refusal_keeps_the_boxes_the_reviewer_types_in(queues, project):
    # the browser may still be sending keystrokes to the boxes shown when the refusal arrives: the card
    # drawn again shows those same boxes, so nothing typed after the refusal is lost
    workbench = ReviewWorkbench(queues, "Ana")
    workbench.section.value = STATUSES
    day, source = workbench.status_day, workbench.status_source
    assert day in workbench.extra.children and source in workbench.extra.children
    _buttons(workbench)["Completed"].click()
    assert "Give the status&#x27;s source" in workbench.message.value
    assert workbench.extra.children[1] is day and workbench.extra.children[2] is source
    workbench.next_button.click()
    assert workbench.extra.children[1] is day and workbench.extra.children[2] is source


def test_a_second_click_on_the_same_choice_adds_nothing(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    _buttons(workbench)["Keep"].click()
    _buttons(workbench)["Keep"].click()
    assert "Already recorded: Obj. 6 Recruitment and decent work, Keep, by Ana today" in workbench.message.value
    rows = list(csv.DictReader((project / "data" / "my_reviews.csv").open(encoding="utf-8")))
    assert [(row["code"], row["decision"]) for row in rows] == [("gcm-6", "kept")]
    _buttons(workbench)["Reject"].click()  # a changed mind is recorded, and so is going back to keep
    _buttons(workbench)["Keep"].click()
    rows = list(csv.DictReader((project / "data" / "my_reviews.csv").open(encoding="utf-8")))
    assert [row["decision"] for row in rows] == ["kept", "rejected", "kept"]


def test_blind_review_then_a_disagreement_settled(queues, project):
    first = ReviewWorkbench(queues, "Ana", blind=True)  # agreement compares blind decisions only: the first too
    _buttons(first, 0)["Keep"].click()
    _buttons(first, 1)["Keep"].click()
    second = ReviewWorkbench(queues, "Ben", blind=True)
    assert "by Ana" not in second.things.children[0].children[0].value  # Ana's decision hidden
    assert "agreement" not in second.progress.value.lower()
    _buttons(second, 0)["Keep"].click()
    _buttons(second, 1)["Reject"].click()
    second.section.value = DISAGREEMENTS
    assert "Blind mode hides other reviewers" in second.card.value and second.things.children == ()
    second.blind_box.value = False
    assert "1 disagreement to settle" in second.progress.value
    assert (
        "On the 2 codes that 2 reviewers checked on their own, they agree on 1: Krippendorff" in second.progress.value
    )
    assert "<strong>Ana</strong>: kept" in second.card.value and "<strong>Ben</strong>: rejected" in second.card.value
    assert "1 disagreement to settle (this is 1 of 1)" in second.progress.value
    # the disagreement is named as its card names it, with the comment itself, not by its ids alone
    heading = second.card.value.split("<h3")[1].split("</h3>")[0]
    assert (
        "Codes of comments: Comment 1 of 2 (mine-c01), " in heading and queues.codes.cards[0].things[1].label in heading
    )
    assert queues.codes.cards[0].body in second.card.value
    second.next_button.click()  # one disagreement: going on comes back to it, and says so
    assert "Back to the first disagreement: there is 1." in second.message.value
    settle = {button.description: button for button in second.things.children[0].children}
    second.note_box.value = "the comment asks for protection, not this objective"
    settle["Settle: rejected (Ben)"].click()
    assert "my_reviews.csv" in second.message.value and "settled" in second.message.value
    assert "0 disagreements to settle" in second.progress.value
    last = list(csv.DictReader((project / "data" / "my_reviews.csv").open(encoding="utf-8")))[-1]
    assert (last["reviewer"], last["decision"], last["mode"]) == ("Ben", "rejected", "settling")
    assert disputes(queues) == []
    assert (
        agreement_words(queues)[1] == "Checklist scores: no score has been checked by two reviewers on their own yet."
    )


def test_every_queue_empty_says_so(queues):
    workbench = ReviewWorkbench(queues, "Ana")
    workbench.section.value = DISAGREEMENTS
    assert "0 disagreements to settle" in workbench.progress.value and "nothing to check here" in workbench.card.value
    workbench.section.value = CODES
    assert "0 of 4 codes checked by Ana" in workbench.progress.value


def _restarted(project):
    """The queues as a kernel restart reads them again: from the files, nothing kept in memory."""
    return ReviewQueues(
        CodeQueue.load("data/my_comments.csv", "data/questions.csv", [], "data/my_reviews.csv", root=project),
        ScoreQueue.load(
            "data/practices.csv", "data/my_assessments.csv", ["mirps-mexico-local-integration-relocation"], root=project
        ),
        StatusQueue.load("data/activities.csv", "data/my_status_log.csv", root=project),
    )


def test_after_a_restart_each_queue_opens_at_the_first_card_this_reviewer_has_not_decided(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    workbench.section.value = STATUSES
    workbench.status_source.value = "hub-missing-migrants"
    workbench.status_day.value = "2026-01-05"
    for _ in range(2):  # the first two activities' statuses
        _buttons(workbench)["In progress"].click()
        workbench.next_button.click()
    first_open = workbench.card.value
    again = ReviewWorkbench(_restarted(project), "Ana")
    again.section.value = STATUSES
    assert again.position == 2 and "Activity 3 of 18" in again.card.value and again.card.value == first_open
    assert "2 of 18 activity statuses checked by Ana" in again.progress.value
    other = ReviewWorkbench(_restarted(project), "Li Wei")  # another reviewer has decided nothing: the first card
    other.section.value = STATUSES
    assert other.position == 0 and "Activity 1 of 18" in other.card.value
    # every code decided: the queue opens at its first card
    codes = ReviewWorkbench(_restarted(project), "Ana")
    for row in range(len(codes.things.children)):
        _buttons(codes, row)["Keep"].click()
    assert ReviewWorkbench(_restarted(project), "Ana").position == 0


def test_the_statuses_queue_narrows_to_one_workstream(queues, project):
    workbench = ReviewWorkbench(queues, "Ana")
    assert workbench.workstream_picker.layout.display == "none"  # codes first: no workstream to pick
    workbench.section.value = STATUSES
    assert workbench.workstream_picker.layout.display is None
    assert workbench.workstream_picker.options[0] == ("All workstreams", "")
    assert "Activity 1 of 18" in workbench.card.value
    workbench.workstream_picker.value = "Strengthening migrants' socio-economic integration"
    assert "Activity 1 of 9" in workbench.card.value and "0 of 9 activity statuses" in workbench.progress.value
    workbench.status_source.value = "hub-missing-migrants"
    workbench.status_day.value = "2026-01-05"
    _buttons(workbench)["Completed"].click()
    assert "1 of 9 activity statuses checked by Ana" in workbench.progress.value
    workbench.workstream_picker.value = "Alternatives to immigration detention"
    assert "Activity 1 of 2" in workbench.card.value and "0 of 2 activity statuses" in workbench.progress.value
    workbench.workstream_picker.value = ""
    assert "1 of 18 activity statuses" in workbench.progress.value
    with pytest.raises(ReviewError, match="'Nowhere' is not a workstream of data/activities.csv"):
        queues.statuses.choose_workstream("Nowhere")


def test_a_status_disagreement_is_named_by_its_activity_and_day(queues, project):
    for name in ("Ana", "Ben"):
        workbench = ReviewWorkbench(queues, name, blind=True)
        workbench.section.value = STATUSES
        workbench.status_source.value = "hub-missing-migrants"
        workbench.status_day.value = "2026-01-05"
        _buttons(workbench)["Completed" if name == "Ana" else "In progress"].click()
    workbench.blind_box.value = False
    workbench.section.value = DISAGREEMENTS
    heading = workbench.card.value.split("<h3")[1].split("</h3>")[0]
    assert "Activity statuses: Activity 1 of " in heading and "Status on 2026-01-05" in heading
    assert queues.statuses.cards[0].body.split("<")[0] in workbench.card.value  # the activity's card itself
    assert (
        "<strong>Ana</strong>: Completed" in workbench.card.value
        and "<strong>Ben</strong>: In progress" in workbench.card.value
    )


def test_a_status_from_the_file_names_no_reviewer_in_words_and_a_status_is_dated_once(queues, project):
    from conftest import write_sidecar

    first = queues.statuses.activities.iloc[0]
    log = project / "data" / "my_status_log.csv"
    log.write_text(
        "workstream,activity_id,as_of,status,source,note\n"
        f"{first['workstream']},{first['activity_id']},2023-05-15,Completed,minutes of 15 May 2023,\n",
        encoding="utf-8",
    )
    write_sidecar(log, "status_log")
    reread = ReviewQueues(
        queues.codes, queues.scores, StatusQueue.load("data/activities.csv", "data/my_status_log.csv", root=project)
    )
    workbench = ReviewWorkbench(reread, "Ana")
    workbench.section.value = STATUSES
    shown = workbench.things.children[0].children[0].value
    assert "Completed as of 2023-05-15 (source: minutes of 15 May 2023) (no reviewer named in the file)" in shown
    assert " by  on" not in shown and "on 2023-05-15" not in shown  # the day is the status's, said once
