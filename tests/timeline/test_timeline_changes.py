"""What changed in the timeline brief since its previous edition (timeline/changes.py): the tracked facts of
real progress, and the comparison of two editions, edges included (nothing changed, an activity gone)."""

from __future__ import annotations

import copy

from conftest import ROOT
from workbooks.timeline.changes import as_of_context, changes_since, tracked_facts
from workbooks.timeline.inputs import load_timeline_inputs

SEI = "Strengthening migrants' socio-economic integration"


def _tracked(as_of, status_log="data/status_log.illustrative.csv"):
    inputs = load_timeline_inputs("data/activities.csv", status_log, [SEI], as_of, root=ROOT)
    return tracked_facts(inputs.progress, inputs.statuses_invented)


def _activity(label, state="planned to be under way", overdue=False, status="Not recorded", status_as_of=""):
    return {"label": label, "state": state, "overdue": overdue, "status": status, "status_as_of": status_as_of}


def test_the_facts_tracked_are_each_activity_s_state_overdue_and_latest_status():
    tracked = _tracked("2024-06-30")
    assert tracked["as_of"] == "2024-06-30" and tracked["statuses_invented"] is True
    survey = tracked["activities"][f"{SEI}|iii"]
    assert survey == {
        "label": "Prepare and deploy an online survey to map effective policies (iii)",
        "state": "planned to have ended",
        "overdue": False,
        "status": "Completed",
        "status_as_of": "2024-01-31",
    }


def test_nothing_changed_between_two_editions_on_the_same_day_and_data():
    assert changes_since(_tracked("2024-06-30"), _tracked("2024-06-30")) == []
    assert as_of_context(_tracked("2024-06-30"), _tracked("2024-06-30")) == ""


def test_a_later_as_of_day_says_which_activities_newly_ended_and_became_overdue():
    before, after = _tracked("2024-06-30"), _tracked("2024-12-31")
    assert changes_since(before, after) == [
        "3 activities newly planned to have ended: Finalize the Guidance (vii); Launch the final Guidance in a global "
        "webinar (viii); and Explore possibilities for Migration MPTF project based on Guidance (ix).",
        "1 activity newly overdue (invented): Publish the draft Guidance (vi).",
    ]
    assert (
        as_of_context(before, after)
        == "The previous edition was as of 30 June 2024; this one is as of 31 December 2024."
    )


def test_statuses_recorded_added_and_gone_activities_each_said_with_their_names():
    before = {
        "activities": {
            "w|i": _activity("A (i)"),
            "w|ii": _activity("B (ii)", status="In progress", status_as_of="2024-03-01"),
            "w|iii": _activity("C (iii)"),
        }
    }
    after = copy.deepcopy(before)
    after["activities"]["w|i"].update(status="Completed", status_as_of="2024-05-31")
    after["activities"]["w|ii"].update(status="Not recorded", status_as_of="")
    del after["activities"]["w|iii"]
    after["activities"]["w|iv"] = _activity("D (iv)")
    assert changes_since(before, after) == [
        "2 statuses recorded or changed: A (i): recorded as Completed on 31 May 2024 (was Not recorded) and "
        "B (ii): no status recorded now (was In progress, recorded on 1 March 2024).",
        "1 activity new in the brief: D (iv).",
        "1 activity no longer in the brief (gone from the plan, or from the workstreams chosen): C (iii).",
    ]


def test_a_status_change_in_the_shipped_log_data_is_found(tmp_path):
    log = (ROOT / "data" / "status_log.illustrative.csv").read_text(encoding="utf-8")
    (tmp_path / "log.csv").write_text(
        log.replace("iii,2024-01-31,Completed", "iii,2024-05-31,Completed"), encoding="utf-8"
    )
    (tmp_path / "log.meta.yaml").write_text(
        (ROOT / "data" / "status_log.illustrative.meta.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    changes = changes_since(_tracked("2024-06-30"), _tracked("2024-06-30", str(tmp_path / "log.csv")))
    assert changes == [
        "1 status recorded or changed (invented): Prepare and deploy an online survey to map effective "
        "policies (iii): recorded as Completed on 31 May 2024 (was Completed, recorded on 31 January 2024)."
    ]
