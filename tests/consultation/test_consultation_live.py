"""The consultation workbook's live view: filters by stakeholder type, code and question."""
from conftest import ROOT
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.live import ConsultationExplorer


def _consultation_explorer():
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv",
                                      ["seed-002-draft-network-workplan"], [], root=ROOT)
    return ConsultationExplorer(inputs)


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
