"""Nearest practices by checklist scores and by text."""

from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.good_practice import similarity
from workbooks.good_practice.inputs import load_practice_inputs

AMERICAS = [
    "mirps-mexico-local-integration-relocation",
    "other-brazil-companies-with-refugees-forum",
    "other-ayuda-en-accion-venezuelan-recovery",
]


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
    nearest = similarity.nearest_practices(
        americas.chosen, americas.scores, americas.migration_records, similarities, americas.checklist
    )
    assert len(nearest) == 3
    for _, row in nearest.iterrows():
        assert row["Practice"] not in row["Nearest by words of title and summary (similarity 0-1)"]  # never itself
        assert row["Nearest by checklist scores on all 9 scored items (distance 0-100)"].count(";") == 2


def test_a_record_showing_nothing_has_no_score_neighbours():
    inputs = _inputs(["gfmd-seasonal-worker-programme", "gfmd-itac"])
    nearest = similarity.nearest_practices(
        inputs.chosen, inputs.scores, inputs.practices, inputs.similarity(), inputs.checklist
    ).set_index("Practice")
    assert (
        nearest.loc["Seasonal Worker Programme", "Nearest by checklist scores on all 9 scored items (distance 0-100)"]
        == "— (the record shows none of these items)"
    )


WORDS = "Nearest by words of title and summary (similarity 0-1)"


def _brief_nearest(ids, pillars=()):
    inputs = _inputs(ids)
    table = similarity.nearest_practices(
        inputs.chosen,
        inputs.scores,
        inputs.migration_records,
        inputs.similarity(),
        inputs.checklist,
        count=3,
        pillars=pillars,
    ).set_index("Practice")
    by_scores = [column for column in table.columns if column.startswith("Nearest by checklist scores")][0]
    return table, by_scores


def test_no_score_neighbour_says_the_true_reason_for_each_record():
    import numpy as np

    # the reason depends on what the record itself shows
    assert similarity.no_likeness(np.array([50, 0, 50])) == "— (it shows no item fully, so there is nothing to match)"
    assert similarity.no_likeness(np.array([100, 0, 0])) == "— (it shows only 1 item, so there is nothing to match)"
    assert similarity.no_likeness(np.array([100, 50, 0])) == (
        "— (no other record shows at least 2 of the 2 items this one shows, one of them fully as this one does)"
    )
    table, by_scores = _brief_nearest(
        ["gfmd-nepal-social-security-fund", "other-ilo-venezuela-socioeconomic-integration-sida"]
    )
    assert table.loc["Social Security Fund", by_scores] == "— (it shows only 1 item, so there is nothing to match)"
    assert (
        table.loc["ILO Socio-economic integration of migrants from…", by_scores]
        == "— (it shows no item fully, so there is nothing to match)"
    )


def test_words_below_the_floor_are_no_nearest_record():
    assert similarity.MIN_WORD_SIMILARITY == 0.2
    table, _ = _brief_nearest(["mirps-mexico-local-integration-relocation", "gfmd-zimbabwe-diaspora-policy"])
    # the Mexico relocation programme's best match shares the word "mexico" only (0.10)
    assert (
        table.loc["Local Integration Programme through relocation…", WORDS]
        == "— (no record close in words: best similarity 0.10)"
    )
    shown = table.loc["Zimbabwe’s National Diaspora Policy", WORDS]
    assert shown.startswith("National Labour Migration Policy for Zimbabwe (0.30)")
    assert all(float(part.rsplit("(", 1)[1].rstrip(")")) >= 0.2 for part in shown.split("; ")), shown
    assert similarity.no_close_words(0.2) == "— (no record close in words: best similarity 0.20)"


def test_a_match_at_distance_0_says_what_it_rests_on():
    table, by_scores = _brief_nearest(
        ["gfmd-ilo-irregular-social-protection-model", "gfmd-spain-pandemic-health-access"],
        pillars=("decent-work", "approach"),
    )
    cells = " ".join(table[by_scores])
    assert "(0: same scores on the 2 items both show)" in cells
    assert "(0)" not in cells


def test_the_method_text_states_the_floor_declared_in_code():
    from workbooks.common.numbers import format_number

    text = (ROOT / "notebooks" / "good_practice_comparison.ipynb").read_text(encoding="utf-8")
    assert f"similarity of {format_number(similarity.MIN_WORD_SIMILARITY, 2)} or more" in text
