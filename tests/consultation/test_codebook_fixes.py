"""The codebook's fixed false matches: for each, the shortest text that reproduced it (the code must
not be given) beside a text that must still be coded (the fix must not lose the true match)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.consultation.codebook import load_codebook
from workbooks.consultation.coding import code_text


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(root=ROOT)


def _codes(text, codebook) -> set[str]:
    return set(code_text(text, codebook).evidence)


FALSE_MATCHES = [
    # "trade union" in an organisation's self-description (seed 002, c02)
    ("The Initiative (a partnership of civil society, trade union, UN and philanthropic organisations) welcomes the plan.",
     "theme-social-dialogue"),
    # "health rights" in an organisation's self-description (seed 002, c08)
    ("CARAM Asia is a regional network of 42 member organizations working for migrant workers' health rights.",
     "gcm-15"),
    ("CARAM Asia is a regional network of 42 member organizations working for migrant workers' health rights.",
     "principle-human-rights"),
    # "decent work" and "regular migration" inside a thematic area's title (seed 002, c04)
    ("See thematic areas 5 (Improving social inclusion) and 4 (Facilitating regular migration, decent work and mobility).",
     "theme-decent-work"),
    ("See thematic areas 5 (Improving social inclusion) and 4 (Facilitating regular migration, decent work and mobility).",
     "gcm-6"),
    ("See thematic area 4 (Facilitating regular migration, decent work and mobility).", "gcm-5"),
    # criminalising civil society: smuggling and trafficking only as the narrative's label (Hub roundtable 4)
    ("A toxic narrative has portrayed their help to migrants as no different from criminal smuggling or trafficking.",
     "gcm-9"),
    ("A toxic narrative has portrayed their help to migrants as no different from criminal smuggling or trafficking.",
     "gcm-10"),
    # "inclusion" of a priority in the workplan (seed 002, c12)
    ("We support the inclusion of Network Priority 2 on missing migrants.", "gcm-16"),
    # civil society organisations cited as a report's source (Hub roundtable 2)
    ("Some civil society organizations (CSOs) say that handing out water is now an offence.",
     "principle-whole-of-society"),
    # work exploitation named as a purpose of trafficking (seed 002, c07)
    ("Girls are the first victims of human trafficking (sexual abuse and work exploitation).", "theme-rights-at-work"),
]

TRUE_MATCHES = [
    ("Governments should hold social dialogue with trade unions on migrant workers' wages.", "theme-social-dialogue"),
    ("Trade unions must take part in designing the programme.", "theme-social-dialogue"),
    ("CARAM Asia's priority area is the protection of migrant workers' health rights.", "gcm-15"),
    ("CARAM Asia's priority area is the protection of migrant workers' health rights.", "principle-human-rights"),
    ("There is a network of clinics giving health care to migrants.", "gcm-15"),
    ("The Initiative (a partnership of civil society, trade union, UN and philanthropic organisations) welcomes the plan.",
     "principle-whole-of-society"),
    ("Migrants need decent work and regular migration pathways.", "theme-decent-work"),
    ("Migrants need decent work and regular migration pathways.", "gcm-6"),
    ("Migrants need decent work and regular migration pathways.", "gcm-5"),
    ("Integration needs basic services; decent work / legal status (permits for the long term).", "theme-decent-work"),
    ("Laws on smuggling and trafficking have been abused to entrap those who help migrants.", "gcm-9"),
    ("Laws on smuggling and trafficking have been abused to entrap those who help migrants.", "gcm-10"),
    ("Girls are the first victims of human trafficking (sexual abuse and work exploitation).", "gcm-10"),
    ("Barriers to inclusion in countries of residence hamper diasporas.", "gcm-16"),
    ("The inclusion of migrants and refugees in cities matters.", "gcm-16"),
    ("The shrinking civic space for civil society organizations endangers the GCM.", "principle-whole-of-society"),
    ("Migrant domestic workers face work exploitation by their employers.", "theme-rights-at-work"),
]


@pytest.mark.parametrize("text, code", FALSE_MATCHES)
def test_a_fixed_false_match_is_not_coded(codebook, text, code):
    assert code not in _codes(text, codebook)


@pytest.mark.parametrize("text, code", TRUE_MATCHES)
def test_the_true_match_beside_each_fix_is_still_coded(codebook, text, code):
    assert code in _codes(text, codebook)


def test_shared_exclude_phrases_are_written_once(codebook):
    """The anchors give several codes the same compiled exclude phrase, not copies that could drift."""
    by_id = {code.code: code for code in codebook.codes}
    self_description = {p.pattern for p in by_id["gcm-15"].exclude}
    assert self_description <= {p.pattern for p in by_id["principle-human-rights"].exclude}
    assert self_description == {p.pattern for p in by_id["theme-social-dialogue"].exclude}
    assert {p.pattern for p in by_id["gcm-9"].exclude} == {p.pattern for p in by_id["gcm-10"].exclude}
    titles = {p.pattern for p in by_id["gcm-5"].exclude}
    assert titles == {p.pattern for p in by_id["gcm-6"].exclude} == {p.pattern for p in by_id["theme-decent-work"].exclude}
