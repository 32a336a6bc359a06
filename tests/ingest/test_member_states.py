"""A comment that speaks for a UN Member State or observer State is attributed to it, as "Member State";
a State merely mentioned is not the speaker. The States come from data/un_states.csv, their names from pycountry."""

from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.consultation.stakeholders import load_registry
from workbooks.ingest.member_states import OTHER_NAMES, state_named, un_states
from workbooks.ingest.organisation_mentions import organisation_named_in
from workbooks.tables.layouts import UN_STATES
from workbooks.tables.validate import load_table


def test_the_list_holds_193_members_and_the_2_observer_states():
    states = un_states()
    assert sum(state.status == "member" for state in states) == 193
    assert {state.name for state in states if state.status == "observer"} == {"Holy See", "State of Palestine"}
    assert len({state.code for state in states}) == 195
    table = load_table(ROOT / "data" / "un_states.csv", UN_STATES)
    assert table.loc[table["iso3"] == "SSD", "admitted"].item() == 2011  # the newest member
    assert table.loc[table["status"] == "member", "admitted"].notna().all()


def test_territories_and_non_members_are_not_states_here():
    for name in ("Kosovo", "Taiwan", "Puerto Rico", "Greenland", "Hong Kong", "Western Sahara", "Korea"):
        assert state_named(name) is None, name


def test_every_other_name_belongs_to_a_state_of_the_list():
    codes = {state.code for state in un_states()}
    assert set(OTHER_NAMES) <= codes


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("the United Kingdom", "GBR"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("the Government of the Philippines", "PHL"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
    ],
)
def test_a_state_is_known_by_each_of_its_names(name, expected):
    assert state_named(name).code == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Canada welcomes the draft workplan.", "Canada"),
        ("Some comments from the United Kingdom:\n1. We welcome", "United Kingdom"),
        ("The Government of Mexico thanks the Network.", "Mexico"),
        ("On behalf of the Philippines, we submit these views.", "Philippines"),
        ("On behalf of the Government of the Philippines, we submit", "Philippines"),
        ("Comments from Côte d'Ivoire: the plan is sound.", "Côte d'Ivoire"),
        ("Cote d'Ivoire supports objective 6.", "Cote d'Ivoire"),
        ("Türkiye, as a host country, supports the plan.", "Türkiye"),
        ("Turkey supports the plan.", "Turkey"),
        ("The Republic of Korea recommends more data.", "Republic of Korea"),
        ("The United States of America notes the draft.", "United States of America"),
        ("The United States notes the draft.", "United States"),
        ("Niger welcomes the draft.", "Niger"),
        ("Nigeria welcomes the draft.", "Nigeria"),
        ("Dominica thanks the Network.", "Dominica"),
        ("The Dominican Republic thanks the Network.", "Dominican Republic"),
        ("Guinea-Bissau supports it.", "Guinea-Bissau"),
        ("Papua New Guinea supports it.", "Papua New Guinea"),
        ("The Holy See believes that migrants", "Holy See"),
        ("Accordingly, Ecuador proposes a review.", "Ecuador"),
        # not the speaker
        ("We welcome the draft. Canada has shown that pathways work.", ""),  # a later sentence: a mention
        ("Our organisation works in Mexico and Guatemala.", ""),
        ("In Nigeria, migrants face barriers.", ""),
        ("Chad Smith here: the plan needs funding.", ""),  # a person called Chad
        ("Jordan Peterson wrote about it.", ""),
        ("Guinean migrants are excluded.", ""),
        ("Korea has a programme.", ""),  # two States have Korea in their names
        ("Georgia State University supports it.", ""),
    ],
)
def test_a_state_speaks_only_as_the_comments_subject_or_by_self_identification(text, expected):
    assert organisation_named_in(text) == expected


def test_a_state_found_this_way_is_a_member_state_even_if_the_registry_does_not_list_it():
    registry = load_registry(ROOT / "data" / "organisations.csv")
    assert registry.resolve("Canada") == ("Canada", "Member State")
    assert registry.resolve("Turkey") == ("Türkiye", "Member State")
    assert registry.resolve("Cote d'Ivoire") == ("Côte d'Ivoire", "Member State")
    assert registry.resolve("Government of the Philippines") == ("Philippines", "Member State")
    assert registry.resolve("State of Palestine") == ("State of Palestine", "Member State")
    assert registry.resolve("United Kingdom") == ("United Kingdom", "Member State")  # the registry's own row
    assert registry.resolve("Georgia State University") == ("Georgia State University", "unknown")


def test_the_dependency_lists_stay_in_step():
    """pycountry is declared where the project declares dependencies (environment.yml is checked
    against pyproject.toml by tests/project/test_environment_sync.py)."""
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(dependency.startswith("pycountry>=") for dependency in declared)
    assert "| pycountry |" in (ROOT / "README.md").read_text(encoding="utf-8")  # in the table saying why
