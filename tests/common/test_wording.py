"""Words for sentences, shared by every workbook and the catalogue: no "(s)", no hand-made plurals."""
import pytest

from workbooks.common.wording import as_named, count_of, in_sentence, join_names


@pytest.mark.parametrize("count, noun, plural_form, expected", [
    (1, "brief", None, "1 brief"), (0, "brief", None, "0 briefs"), (2, "priority", None, "2 priorities"),
    (3, "Hub discussion", None, "3 Hub discussions"), (1, "activity is", "activities are", "1 activity is"),
    (6, "activity is", "activities are", "6 activities are"),
])
def test_count_of(count, noun, plural_form, expected):
    assert count_of(count, noun, plural_form) == expected


def test_join_names_and_in_sentence():
    assert join_names([]) == "" and join_names(["A"]) == "A" and join_names(["A", "B", "C"]) == "A, B and C"
    assert in_sentence("Access to decent work") == "access to decent work"
    assert in_sentence("Obj. 22 Social protection") == "Obj. 22 Social protection"
    assert in_sentence("GCM follow-up") == "GCM follow-up"


def test_a_role_takes_the_and_a_name_stays_as_recorded():
    assert as_named("project engineer (AI coding assistant)") == "the project engineer (AI coding assistant)"
    assert as_named("Jane Doe (ILO)") == "Jane Doe (ILO)"


def test_labels_holding_an_and_or_a_comma_of_their_own_are_joined_with_semicolons():
    from workbooks.common.wording import join_labels

    assert join_labels(["diasporas", "missing migrants"]) == "diasporas and missing migrants"
    assert join_labels(["diasporas"]) == "diasporas"
    assert join_labels([]) == ""
    assert join_labels(["climate change and migration", "diasporas"]) == "climate change and migration; and diasporas"
    assert (join_labels(["KPIs (not named)", "civic space, and no criminalisation", "diasporas"])
            == "KPIs (not named); civic space, and no criminalisation; and diasporas")
    assert join_labels(["Andes", "Sandpoint"]) == "Andes and Sandpoint"  # 'and' inside a word is not one
