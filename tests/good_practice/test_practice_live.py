"""The comparison workbook's live view: pick practices and a pillar."""
from conftest import ROOT
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.good_practice.live import PracticeExplorer


def _practice_explorer():
    inputs = load_practice_inputs("data/practices.csv", "data/assessments.csv",
                                  ["gfmd-nepal-social-security-fund", "gfmd-sri-lanka-skills-passport"], [], [], [], [],
                                  root=ROOT)
    return PracticeExplorer(inputs)


def test_practice_explorer_starts_with_the_chosen_practices_and_every_item():
    explorer = _practice_explorer()
    assert explorer.redraws == 1 and len(explorer.table) == 12 and len(explorer.table.columns) == 4
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
