"""Words for sentences, shared by every workbook and the catalogue: no "(s)", no hand-made plurals."""

import pytest

from workbooks.common.wording import as_named, count_of, in_sentence, join_names


@pytest.mark.parametrize(
    "count, noun, plural_form, expected",
    [
        (1, "brief", None, "1 brief"),
        (0, "brief", None, "0 briefs"),
        (2, "priority", None, "2 priorities"),
        (3, "Hub discussion", None, "3 Hub discussions"),
        (1, "activity is", "activities are", "1 activity is"),
        (6, "activity is", "activities are", "6 activities are"),
    ],
)
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
    assert (
        join_labels(["KPIs (not named)", "civic space, and no criminalisation", "diasporas"])
        == "KPIs (not named); civic space, and no criminalisation; and diasporas"
    )
    assert join_labels(["Andes", "Sandpoint"]) == "Andes and Sandpoint"  # 'and' inside a word is not one


def test_noun_for_takes_the_count_s_form_without_the_number():
    from workbooks.common.wording import noun_for

    assert [noun_for(count, "column") for count in (0, 1, 2)] == ["columns", "column", "columns"]
    assert noun_for(1, "GCM objective number") == "GCM objective number"
    assert noun_for(3, "key", "keys of it") == "keys of it"


def _message_texts(path):
    """The string literals of a module (the constant parts of f-strings too), docstrings left out."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_message_of_the_library_writes_a_plural_as_s_in_brackets():
    """'1 problem', '2 problems', never 'problem(s)': counts go through count_of and noun_for."""
    import re

    from conftest import ROOT

    found = [
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in sorted((ROOT / "lib" / "workbooks").rglob("*.py"))
        for text in _message_texts(path)
        if re.search(r"[A-Za-z]\(s\)", text)
    ]
    found += [
        f"{path.relative_to(ROOT)}"
        for path in sorted((ROOT / "lib" / "workbooks").rglob("*.j2"))
        if re.search(r"[A-Za-z]\(s\)", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_finds_an_s_in_brackets_in_a_message_and_not_in_a_docstring(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Never write problem(s)."""\nraise ValueError(f"{n} problem(s) in {path}")\n', encoding="utf-8"
    )
    assert _message_texts(module) == [" problem(s) in "]


def test_a_verb_agrees_with_its_count():
    from workbooks.common.wording import verb_for

    assert [verb_for(count, "is", "are") for count in (0, 1, 2, 16)] == ["are", "is", "are", "are"]


def test_parts_with_commas_of_their_own_are_joined_with_semicolons():
    from workbooks.common.wording import join_with_semicolons

    assert join_with_semicolons([]) == ""
    assert join_with_semicolons(["diasporas (IOM, 2 comments)"]) == "diasporas (IOM, 2 comments)"
    assert join_with_semicolons(["a (1,204 comments)", "b"]) == "a (1,204 comments); and b"
    assert join_with_semicolons(["a", "b", "c"], "or") == "a; b; or c"
