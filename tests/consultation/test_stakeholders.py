"""Organisations to stakeholder types through data/organisations.csv; unknown stays unknown."""

import pandas as pd
import pytest

from conftest import ROOT
from workbooks.consultation.stakeholders import load_registry, registry_from_frame, with_stakeholders
from workbooks.errors import TableError


def test_aliases_resolve_to_the_canonical_organisation_and_its_type():
    registry = load_registry(ROOT / "data" / "organisations.csv")
    assert registry.resolve("Caritas Internationalis") == ("Caritas Internationalis Confederation", "civil society/NGO")
    assert registry.resolve("the IHRC") == (
        "International Human Rights Clinic, Boston University School of Law",
        "academia",
    )
    assert registry.resolve("Boston University School of Law’s International Human Rights Clinic")[1] == "academia"
    assert registry.resolve("United Kingdom") == ("United Kingdom", "Member State")
    assert registry.resolve("IOM")[1] == "UN entity"


def test_an_unlisted_or_missing_organisation_is_unknown_never_guessed():
    registry = load_registry(ROOT / "data" / "organisations.csv")
    assert registry.resolve("Network of Girls Against Human Trafficking") == (
        "Network of Girls Against Human Trafficking",
        "unknown",
    )
    assert registry.resolve("") == ("", "unknown")
    frame = with_stakeholders(pd.DataFrame({"organisation": ["CARAM Asia", "", "Someone New"]}), registry)
    assert list(frame["stakeholder_type"].astype(str)) == ["civil society/NGO", "unknown", "unknown"]


def test_an_alias_naming_two_organisations_is_an_error():
    frame = pd.DataFrame(
        {
            "organisation": ["A", "B"],
            "aliases": ["X", "x"],
            "stakeholder_type": ["academia"] * 2,
            "source": ["s", "s"],
            "note": ["", ""],
        }
    )
    with pytest.raises(TableError, match="line 3, column 'aliases': 'x' already names 'A'"):
        registry_from_frame(frame, "organisations.csv")


def test_a_bad_type_names_file_line_and_column(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("organisation,aliases,stakeholder_type,source,note\nA,,NGO,s,\n", encoding="utf-8")
    with pytest.raises(TableError, match="line 2, column 'stakeholder_type'"):
        load_registry(path)
