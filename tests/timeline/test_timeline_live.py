import datetime as dt

from conftest import ROOT
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.live import TimelineExplorer

SOCIO = "Strengthening migrants' socio-economic integration"


def _explorer(workstreams=()):
    return TimelineExplorer(load_timeline_inputs("data/activities.csv", "data/status_log.illustrative.csv",
                                                 list(workstreams), "2023-06-30", root=ROOT))


def test_explorer_draws_once_on_creation_with_all_workstreams():
    explorer = _explorer()
    assert explorer.redraws == 1
    assert len(explorer.assessed) == 18 and len(explorer.workstream_control.options) == 5


def test_changing_the_date_redraws_with_the_new_statuses():
    explorer = _explorer(workstreams=[SOCIO])
    before = explorer.assessed.set_index("activity_id")
    assert before.loc["iii", "status"] == "In progress"
    explorer.as_of_control.value = dt.date(2024, 6, 30)
    after = explorer.assessed.set_index("activity_id")
    assert explorer.redraws == 2
    assert after.loc["iii", "status"] == "Completed" and after.loc["iv", "overdue"]


def test_changing_the_workstreams_filters_the_view():
    explorer = _explorer()
    explorer.workstream_control.value = (SOCIO,)
    assert set(explorer.assessed["workstream"]) == {SOCIO} and len(explorer.assessed) == 9


def test_clearing_the_date_or_workstreams_does_not_fail():
    explorer = _explorer()
    explorer.workstream_control.value = ()
    assert explorer.assessed is not None and explorer.assessed.empty
    explorer.as_of_control.value = None
    assert explorer.assessed is None
