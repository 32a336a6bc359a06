"""Nearest practices by checklist scores and by text."""
from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.good_practice import similarity
from workbooks.good_practice.inputs import load_practice_inputs

AMERICAS = ["mirps-mexico-local-integration-relocation", "other-brazil-companies-with-refugees-forum",
            "other-ayuda-en-accion-venezuelan-recovery"]


def _inputs(ids):
    return load_practice_inputs("data/practices.csv", "data/assessments.csv", list(ids), [], [], [], [], root=ROOT)


@pytest.fixture(scope="module")
def americas():
    return _inputs(AMERICAS)


def test_nearest_practices_by_scores_and_by_text(americas):
    similarities = americas.similarity()
    assert similarities.shape == (91, 91)  # the records that name a migrant group
    assert "gfmd-ambulante-film-festival" not in similarities.index  # a film festival names none
    assert (similarities.to_numpy().diagonal().round(6) == 1).all()
    # the MIRPS pledge and its MIRPS-led relocation programme share words; a seasonal scheme's teaser few
    mexico = similarities.loc["mirps-mexico-local-integration-relocation"]
    assert mexico["other-gcr-pledge-mirps-integration"] > mexico["gfmd-seasonal-worker-programme"]
    nearest = similarity.nearest_practices(americas.chosen, americas.scores, americas.migration_records, similarities,
                                        americas.checklist)
    assert len(nearest) == 3
    for _, row in nearest.iterrows():
        assert row["Practice"] not in row["Nearest by words of title and summary (similarity 0-1)"]  # never itself
        assert row["Nearest by checklist scores on all 9 scored items (distance 0-100)"].count(";") == 2


def test_a_record_showing_nothing_has_no_score_neighbours():
    inputs = _inputs(["gfmd-seasonal-worker-programme", "gfmd-itac"])
    nearest = similarity.nearest_practices(inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(),
                                        inputs.checklist).set_index("Practice")
    assert nearest.loc["Seasonal Worker Programme", "Nearest by checklist scores on all 9 scored items (distance 0-100)"] == \
        "— (the record shows none of these items)"
