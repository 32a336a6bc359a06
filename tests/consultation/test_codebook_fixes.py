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
    (
        "The Initiative (a partnership of civil society, trade union, UN and philanthropic organisations) welcomes the plan.",
        "theme-social-dialogue",
    ),
    # "health rights" in an organisation's self-description (seed 002, c08)
    (
        "CARAM Asia is a regional network of 42 member organizations working for migrant workers' health rights.",
        "gcm-15",
    ),
    (
        "CARAM Asia is a regional network of 42 member organizations working for migrant workers' health rights.",
        "principle-human-rights",
    ),
    # "decent work" and "regular migration" inside a thematic area's title (seed 002, c04)
    (
        "See thematic areas 5 (Improving social inclusion) and 4 (Facilitating regular migration, decent work and mobility).",
        "theme-decent-work",
    ),
    (
        "See thematic areas 5 (Improving social inclusion) and 4 (Facilitating regular migration, decent work and mobility).",
        "gcm-6",
    ),
    ("See thematic area 4 (Facilitating regular migration, decent work and mobility).", "gcm-5"),
    # criminalising civil society: smuggling and trafficking only as the narrative's label (Hub roundtable 4)
    (
        "A toxic narrative has portrayed their help to migrants as no different from criminal smuggling or trafficking.",
        "gcm-9",
    ),
    (
        "A toxic narrative has portrayed their help to migrants as no different from criminal smuggling or trafficking.",
        "gcm-10",
    ),
    # "inclusion" of a priority in the workplan (seed 002, c12)
    ("We support the inclusion of Network Priority 2 on missing migrants.", "gcm-16"),
    # civil society organisations cited as a report's source (Hub roundtable 2)
    (
        "Some civil society organizations (CSOs) say that handing out water is now an offence.",
        "principle-whole-of-society",
    ),
    # work exploitation named as a purpose of trafficking (seed 002, c07)
    ("Girls are the first victims of human trafficking (sexual abuse and work exploitation).", "theme-rights-at-work"),
]

TRUE_MATCHES = [
    ("Governments should hold social dialogue with trade unions on migrant workers' wages.", "theme-social-dialogue"),
    ("Trade unions must take part in designing the programme.", "theme-social-dialogue"),
    ("CARAM Asia's priority area is the protection of migrant workers' health rights.", "gcm-15"),
    ("CARAM Asia's priority area is the protection of migrant workers' health rights.", "principle-human-rights"),
    ("There is a network of clinics giving health care to migrants.", "gcm-15"),
    (
        "The Initiative (a partnership of civil society, trade union, UN and philanthropic organisations) welcomes the plan.",
        "principle-whole-of-society",
    ),
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
    assert (
        titles == {p.pattern for p in by_id["gcm-6"].exclude} == {p.pattern for p in by_id["theme-decent-work"].exclude}
    )


def test_an_impossible_date_or_a_repeated_key_in_the_codebook_names_its_line(tmp_path):
    from workbooks.errors import CodebookError

    text = (ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(number for number, line in enumerate(lines, 1) if line.startswith("version: "))
    for replacement, message in (
        ("version: 2024-02-30", "key 'version': 2024-02-30 is not a real date"),
        ("title: again", "key 'title': given twice"),
    ):
        lines[at - 1] = replacement
        path = tmp_path / "codebook.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(CodebookError) as error:
            load_codebook(path, root=ROOT)
        assert str(error.value).startswith(f"{path}, line {at}, {message}")


def test_a_pattern_re2_cannot_run_is_refused_naming_its_line_and_code(tmp_path):
    from workbooks.errors import CodebookError

    text = (ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(number for number, line in enumerate(lines, start=1) if line.strip().startswith("include:"))
    lines[at - 1] = lines[at - 1].replace("['disaggregated data'", "['(?<!un)documented'")
    path = tmp_path / "codebook.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CodebookError) as error:
        load_codebook(path, root=ROOT)
    message = str(error.value)
    assert message.startswith(
        f"{path}, line {at}, key 'include' of code 'gcm-1': pattern '(?<!un)documented' uses a negative lookbehind"
    )
    assert "RE2" in message


def test_a_catastrophic_pattern_runs_in_linear_time_on_a_long_comment():
    """(a+)+$ backtracks for minutes in Python's re on 50,000 characters; RE2 answers in
    milliseconds. The test only asks that it finishes (no timing assertion)."""
    from workbooks.common.patterns import compile_patterns, matched_words
    from workbooks.errors import CodebookError

    patterns = compile_patterns(["(a+)+$", "(x|x)*y"], CodebookError, "codebook.yaml", "include", "code 'test'")
    assert matched_words("a" * 50_000 + "!", patterns) == []
    assert matched_words("x" * 50_000, patterns) == []
