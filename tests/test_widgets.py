import datetime as dt

from conftest import ROOT
from workbooks.datasets import load_dataset
from workbooks.widgets import TimelineExplorer

SOCIO = "Strengthening migrants' socio-economic integration"


def _explorer(**kwargs):
    activities = load_dataset(ROOT / "data" / "activities.csv", ROOT).frame
    log = load_dataset(ROOT / "data" / "status_log.illustrative.csv", ROOT).frame
    return TimelineExplorer(activities, log, "2023-06-30", **kwargs)


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


def _consultation_explorer():
    from workbooks.consultation_inputs import load_consultation_inputs
    from workbooks.widgets import ConsultationExplorer

    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv",
                                      ["seed-002-draft-network-workplan"], [], root=ROOT)
    return ConsultationExplorer(inputs.coded, inputs.long, inputs.questions, inputs.codebook, inputs.labels)


def test_consultation_explorer_starts_with_every_comment():
    explorer = _consultation_explorer()
    assert explorer.redraws == 1 and len(explorer.matching) == 14
    assert "civil society/NGO" in explorer.type_control.options and "unknown" in explorer.type_control.options


def test_consultation_filters_by_stakeholder_code_and_question():
    explorer = _consultation_explorer()
    explorer.type_control.value = ("civil society/NGO",)
    assert len(explorer.matching) == 6 and explorer.redraws == 2
    explorer.code_control.value = "principle-child-sensitive"
    assert set(explorer.matching["organisation_canonical"]) == {
        "Caritas Internationalis Confederation", "Initiative for Child Rights in the Global Compacts"}
    explorer.question_control.value = "seed-002-draft-network-workplan#3"
    assert set(explorer.matching["question"].astype(str)) == {"3"} and len(explorer.matching) == 2
    explorer.type_control.value = ()
    assert explorer.matching.empty and explorer.redraws == 5


def _practice_explorer():
    from workbooks.practice_inputs import load_practice_inputs
    from workbooks.widgets import PracticeExplorer

    inputs = load_practice_inputs("data/practices.csv", "data/assessments.csv",
                                  ["gfmd-nepal-social-security-fund", "gfmd-sri-lanka-skills-passport"], [], [], [], [],
                                  root=ROOT)
    return PracticeExplorer(inputs)


def test_practice_explorer_starts_with_the_chosen_practices_and_every_item():
    explorer = _practice_explorer()
    assert explorer.redraws == 1 and len(explorer.table) == 11 and len(explorer.table.columns) == 4
    assert len(explorer.practice_control.options) == 96


def test_picking_practices_and_a_pillar_redraws_the_comparison():
    explorer = _practice_explorer()
    explorer.pillar_control.value = "decent-work"
    assert explorer.redraws == 2 and len(explorer.table) == 4
    explorer.practice_control.value = ("gfmd-itac", "ilo-germany-seasonal-workers", "gfmd-recognition-act")
    assert explorer.message == "3 practices, 4 items"
    assert list(explorer.table.columns[2:]) == ["It Takes A Community (ITAC)", "Management of seasonal foreign workers…",
                                               "Recognition Act"]
    explorer.practice_control.value = ("gfmd-itac",)
    assert explorer.table is None and explorer.message == "Choose 2 to 6 practices (1 chosen)."
