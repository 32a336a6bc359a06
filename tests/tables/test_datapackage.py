"""data/datapackage.json: generated from the layouts, one resource per table, valid for Frictionless on the
shipped data, and its constraints real: a bad cell in a copy of data/ is reported by Frictionless."""

from __future__ import annotations

import csv
import json
import re
import shutil
import time

import frictionless
import pytest
from frictionless.fields import StringField

from conftest import ROOT
from workbooks.cli import main
from workbooks.errors import SidecarError
from workbooks.tables.datapackage import (
    ANY_TEXT,
    COMMAND,
    DATAPACKAGE,
    build_datapackage,
    datapackage_json,
    datapackage_problem,
    table_schema,
    whole_cell_pattern,
)
from workbooks.tables.datasets import load_sidecar
from workbooks.tables.layouts import LAYOUTS, ColumnSpec, Reference, TableLayout

PACKAGE = ROOT / DATAPACKAGE
VALIDATION_SECONDS = 10  # measured: ~0.3 s to validate, ~2 s with Frictionless's first load of its profiles


def _resources(package: dict) -> dict[str, dict]:
    return {resource["name"]: resource for resource in package["resources"]}


def _field(resource: dict, name: str) -> dict:
    return next(field for field in resource["schema"]["fields"] if field["name"] == name)


def test_the_committed_package_is_what_the_layouts_and_sidecars_generate():
    problem = datapackage_problem(PACKAGE, ROOT)  # names the command to run
    assert problem is None, problem


def test_generating_twice_gives_the_same_bytes_sorted_and_ending_with_a_newline():
    text = datapackage_json(build_datapackage(ROOT))
    assert text == datapackage_json(build_datapackage(ROOT))
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text


def test_every_csv_in_data_has_a_resource_and_every_resource_a_csv():
    resources = _resources(json.loads(PACKAGE.read_text(encoding="utf-8")))
    assert sorted(path.name for path in (ROOT / "data").glob("*.csv")) == sorted(r["path"] for r in resources.values())
    for name, resource in resources.items():
        assert (ROOT / "data" / resource["path"]).is_file()
        assert name == resource["path"].removesuffix(".csv")
        assert resource["format"] == "csv" and resource["encoding"] == "utf-8"


def _validate(package_path):
    started = time.perf_counter()
    report = frictionless.validate(str(package_path))
    return report, time.perf_counter() - started


def _errors(report) -> list[tuple[str, str, str]]:
    """(resource, error type, note) of every error, package-level ones as resource ''."""
    found = [("", error.type, error.message) for error in report.errors]
    for task in report.tasks:
        found += [(task.name, error.type, error.note or error.message) for error in task.errors]
    return found


def test_frictionless_validates_the_shipped_data_quickly():
    report, seconds = _validate(PACKAGE)
    assert report.valid, _errors(report)[:20]
    assert {task.name for task in report.tasks} == set(_resources(json.loads(PACKAGE.read_text(encoding="utf-8"))))
    assert seconds < VALIDATION_SECONDS, f"frictionless took {seconds:.1f} s to validate {DATAPACKAGE}"


# --- the constraints are real: one bad cell in a copy of data/, reported by Frictionless -----------------------


def _edit_cell(path, line: int, column: str, value: str) -> None:
    """Set one cell (``line``: the CSV record, 2 = first row) and write the table back as the project does."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _append_copy_of_row(path, line: int) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows + [rows[line - 1]])


@pytest.fixture()
def data_copy(tmp_path):
    copy = tmp_path / "data"
    copy.mkdir()
    for path in [*(ROOT / "data").glob("*.csv"), PACKAGE]:
        shutil.copy(path, copy)
    return copy


BAD_CELLS = [  # (table, line, column, value, error type, words in the note)
    ("sources.csv", 2, "kind", "forum", "constraint-error", 'constraint "enum"'),
    ("gcm_objectives.csv", 2, "number", "24", "constraint-error", 'constraint "enum"'),
    ("un_states.csv", 2, "iso3", "afg", "constraint-error", 'constraint "pattern"'),
    ("sources.csv", 2, "url", "ftp://example.org", "constraint-error", 'constraint "pattern"'),
    ("practices.csv", 2, "years", "2015 to 2018", "constraint-error", 'constraint "pattern"'),
    ("hand_coded_sample.csv", 2, "principles", "Human-Rights", "constraint-error", 'constraint "pattern"'),
    ("questions.csv", 2, "text", "", "constraint-error", 'constraint "required"'),
    ("comments.csv", 2, "truncated", "yes", "type-error", "boolean"),
    ("assessments.csv", 2, "date", "2026-02-30", "type-error", "date"),
    ("activities.csv", 2, "page_line", "-3", "constraint-error", 'constraint "minimum"'),
    ("hand_coded_sample.csv", 2, "comment_id", "no-such-comment", "foreign-key", "not found in the lookup table"),
    ("activities.csv", 2, "source", "no-such-page", "foreign-key", "not found in the lookup table"),
    ("code_reviews.csv", 2, "source", "hub-imrf-roundtable-3", "foreign-key", '"comments" as "comment_id, source"'),
    ("status_log.illustrative.csv", 2, "activity_id", "xlii", "foreign-key", '"activities"'),
]


@pytest.mark.parametrize(
    "table, line, column, value, error_type, words",
    BAD_CELLS,
    ids=[f"{case[0]}-{case[2]}-{case[4]}" for case in BAD_CELLS],
)
def test_a_bad_cell_is_reported_by_frictionless(data_copy, table, line, column, value, error_type, words):
    _edit_cell(data_copy / table, line, column, value)
    report, _ = _validate(data_copy / "datapackage.json")
    errors = _errors(report)
    name = table.removesuffix(".csv")
    assert any(error == error_type and words in note for resource, error, note in errors if resource == name), errors
    assert {resource for resource, _, _ in errors} == {name}, errors


@pytest.mark.parametrize("table", ["gcm_objectives.csv", "organisations.csv"])
def test_a_repeated_primary_key_is_reported_by_frictionless(data_copy, table):
    _append_copy_of_row(data_copy / table, 2)
    report, _ = _validate(data_copy / "datapackage.json")
    assert [(resource, error) for resource, error, _ in _errors(report)] == [
        (table.removesuffix(".csv"), "primary-key")
    ]


def test_a_reference_that_may_have_an_empty_cell_is_not_a_foreign_key(data_copy):
    """A comment above every question (question empty) refers to no question: check-data skips it, and so
    must the package, which therefore declares no foreign key Frictionless would apply to it."""
    _edit_cell(data_copy / "comments.csv", 2, "question", "")
    report, _ = _validate(data_copy / "datapackage.json")
    assert report.valid, _errors(report)
    comments = _resources(build_datapackage(ROOT))["comments"]
    assert "foreignKeys" not in comments["schema"]
    assert (
        "where none is empty, a row of questions (discussion, question)" in _field(comments, "question")["description"]
    )


def test_a_status_spelled_another_way_is_valid_as_check_data_reads_it(data_copy):
    status = _field(_resources(build_datapackage(ROOT))["status_log"], "status")
    assert "enum" not in status.get("constraints", {}) and "'Ongoing' for In progress" in status["description"]


# --- patterns: each layout pattern, translated, accepts and refuses what the layout's does ---------------------

PATTERN_SAMPLES = {  # layout pattern -> (accepted by the layout, refused by the layout); data values are added
    r"^[a-z0-9][a-z0-9-]*$": (["seed-000", "a", "9-"], ["-a", "Seed", "a b", "a_b", "x\ny"]),
    r"^https?://": (["https://x.org", "http://", "http://a b\nc"], ["ftp://x", " https://x", "HTTPS://x", "xhttp://"]),
    r"^\d{4}-\d{2}-\d{2}$": (["2024-01-31", "2024-01-31\n"], ["2024-1-31", "24-01-31", "2024-01-31 "]),
    r"^\d+$": (["0", "12", "12\n"], ["-1", "+1", "1.0", " 1", "1 "]),
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": (["c01", "A_b.c-d"], ["_a", ".a", "a b", "é"]),
    r"^[A-Z]{3}$": (["AFG"], ["AF", "AFGH", "afg", "AF1"]),
    r"^[a-z-]+$": (["human-rights", "-"], ["Human", "a1", "a b"]),
    r"^[a-j]$": (["a", "j"], ["k", "A", "ab"]),
    r"^(?:ongoing|new|area|network|thematic)-\d+$": (
        ["ongoing-3", "thematic-40"],
        ["ongoing", "old-3", "new-3a", "xnew-3"],
    ),
    r"^$|^\d{1,2}(?:;\d{1,2})*$": (["", "\n", "6", "6;19;23"], ["6;", ";6", "6,19", "123", "6; 19"]),
    r"^$|^[a-z0-9-]+(?:;[a-z0-9-]+)*$": (["", "human-rights", "a;b-c;d"], ["a;", "A", "a; b", "a;;b"]),
    r"^\d{4}(?:-\d{4}|-present)?$|^from \d{4}$": (
        ["2015", "2015-2018", "2021-present", "from 2019"],
        ["2015-", "from 2019-2020", "since 2019", "2015 to 2018", "x2015"],
    ),
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (["gcm-6", "principle-human-rights"], ["gcm--6", "-gcm", "gcm-", "Gcm-6"]),
}


def _layout_patterns() -> dict[str, list[str]]:
    """Every pattern a layout declares, with the non-empty cells of the shipped data in its columns."""
    patterns: dict[str, list[str]] = {}
    for path, layout in _layouts_of_tables().items():
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for spec in layout.columns:
            if spec.pattern:
                patterns.setdefault(spec.pattern, []).extend(row[spec.name] for row in rows if row[spec.name])
    for layout in LAYOUTS.values():
        for spec in layout.columns:
            if spec.pattern:
                patterns.setdefault(spec.pattern, [])
    return patterns


def _frictionless_accepts(pattern: str, value: str) -> bool:
    _, notes = StringField(name="cell", constraints={"pattern": pattern}).read_cell(value)
    return not notes


def test_every_layout_pattern_has_samples_to_test_its_translation():
    missing = sorted(set(_layout_patterns()) - set(PATTERN_SAMPLES))
    assert not missing, f"add accepted and refused samples of these layout patterns to PATTERN_SAMPLES: {missing}"


@pytest.mark.parametrize("pattern", sorted(PATTERN_SAMPLES))
def test_a_translated_pattern_accepts_and_refuses_what_the_layout_does(pattern):
    translated = whole_cell_pattern(pattern)
    assert translated is not None, f"{pattern} is not translated"
    accepted, refused = PATTERN_SAMPLES[pattern]
    samples = [*accepted, *refused, *_layout_patterns().get(pattern, [])]
    assert all(re.search(pattern, value) for value in accepted) and not any(
        re.search(pattern, value) for value in refused
    )
    differing = [
        value
        for value in samples
        if bool(re.search(pattern, value)) != _frictionless_accepts(translated, value) and value != ""
    ]
    assert not differing, f"{pattern} -> {translated}: Frictionless and the layout disagree on {differing}"


def test_whole_cell_patterns_strip_anchors_and_allow_any_text_where_there_were_none():
    assert whole_cell_pattern(r"^https?://") == r"https?://" + ANY_TEXT
    assert whole_cell_pattern(r"^[A-Z]{3}$") == r"[A-Z]{3}"
    assert whole_cell_pattern(r"^$|^\d{1,2}(?:;\d{1,2})*$") == r"(|\d{1,2}(;\d{1,2})*)"
    assert whole_cell_pattern(r"draft") == ANY_TEXT + "draft" + ANY_TEXT
    assert whole_cell_pattern(r"^a[|$^]b$") == r"a[|$^]b"
    assert whole_cell_pattern(r"^price \$$") == r"price \$"
    assert whole_cell_pattern(r"^price \$") == r"price \$" + ANY_TEXT


@pytest.mark.parametrize("pattern", [r"(?i)^abc$", r"^(a)\1$", r"^a(?=b)", r"^a$b", r"^(a$|b)", r"^[a-z$", r"^a)$"])
def test_a_pattern_that_cannot_be_translated_faithfully_is_left_out_and_said(pattern):
    assert whole_cell_pattern(pattern) is None
    layout = TableLayout("t", "A table.", (ColumnSpec("c", "text", "A column.", pattern=pattern, pattern_words="x"),))
    field = table_schema(layout, {})["fields"][0]
    assert "pattern" not in field.get("constraints", {})
    assert f"Must match {pattern} (checked by check-data; not expressible" in field["description"]


def test_date_and_integer_types_read_what_the_layout_reads():
    date = frictionless.fields.DateField(name="d")
    assert (
        date.read_cell("2024-02-29")[1] is None and date.read_cell("2023-02-29")[1] and date.read_cell("29/02/2024")[1]
    )
    integer = frictionless.fields.IntegerField(name="n", constraints={"minimum": 0})
    assert integer.read_cell("12")[1] is None and integer.read_cell("-1")[1] and integer.read_cell("1.5")[1]


# --- references, illustrative tables, licences, sources -----------------------------------------------------


def test_references_to_tables_are_foreign_keys_and_references_to_yaml_are_said_in_the_description():
    resources = _resources(build_datapackage(ROOT))
    assert resources["code_reviews"]["schema"]["foreignKeys"] == [
        {"fields": ["comment_id"], "reference": {"resource": "comments", "fields": ["comment_id"]}},
        {"fields": ["comment_id", "source"], "reference": {"resource": "comments", "fields": ["comment_id", "source"]}},
    ]
    assert "a code (code) in data/codebook.yaml" in _field(resources["code_reviews"], "code")["description"]
    assert "an item (item) in data/checklist.yaml" in _field(resources["assessments"], "item")["description"]
    assert resources["assessments"]["schema"]["foreignKeys"] == [
        {"fields": ["practice_id"], "reference": {"resource": "practices", "fields": ["practice_id"]}}
    ]
    # an illustrative table refers to the real tables, never the other way round
    targets = {
        key["reference"]["resource"]
        for resource in resources.values()
        for key in resource["schema"].get("foreignKeys", [])
    }
    assert "status_log.illustrative" not in targets
    assert resources["status_log.illustrative"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "activities"


def _layouts_of_tables() -> dict:
    """Each table in data/ (by file) and its layout, as its sidecar names it."""
    return {path: LAYOUTS[load_sidecar(path)["layout"]] for path in sorted((ROOT / "data").glob("*.csv"))}


def test_every_unique_key_is_the_primary_key():
    resources = _resources(build_datapackage(ROOT))
    for path, layout in _layouts_of_tables().items():
        assert resources[path.stem]["schema"].get("primaryKey", []) == list(layout.unique_key), path.name


def test_an_illustrative_table_says_so_in_its_title_and_description():
    resources = _resources(build_datapackage(ROOT))
    assert resources["status_log.illustrative"]["title"].startswith("ILLUSTRATIVE")
    assert resources["status_log.illustrative"]["description"].startswith("ILLUSTRATIVE: invented data")
    assert not any(
        "ILLUSTRATIVE" in resource["description"]
        for name, resource in resources.items()
        if name != "status_log.illustrative"
    )


def test_no_licence_is_invented_and_a_sidecar_s_own_licence_is_kept(tmp_path):
    assert not any(
        "licenses" in resource for resource in build_datapackage(ROOT)["resources"]
    ) and "licenses" not in build_datapackage(ROOT)
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("raw"))
    sidecar = tmp_path / "data" / "gcm_objectives.meta.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "license: CC-BY-4.0\n", encoding="utf-8")
    package = build_datapackage(tmp_path)
    assert _resources(package)["gcm_objectives"]["licenses"] == [{"name": "CC-BY-4.0"}]
    (tmp_path / "data" / "datapackage.json").write_text(datapackage_json(package), encoding="utf-8")
    report, _ = _validate(tmp_path / "data" / "datapackage.json")
    assert report.valid, _errors(report)[:5]


def test_a_reference_to_a_table_data_does_not_hold_is_an_error_not_a_dangling_key():
    layout = TableLayout(
        "t", "A table.", (ColumnSpec("c", "text", "A column."),), references=(Reference(("c",), "nowhere", ("c",)),)
    )
    with pytest.raises(SidecarError, match="refers to the nowhere table"):
        table_schema(layout, {})


# --- the command ------------------------------------------------------------------------------------------------


def test_the_command_writes_the_package_and_check_says_whether_it_is_current(project, capsys):
    assert main(["datapackage", "--check"]) == 0
    assert "is up to date" in capsys.readouterr().out
    package = project / "data" / "datapackage.json"
    package.write_text(
        package.read_text(encoding="utf-8").replace("Workstream activities", "Activities"), encoding="utf-8"
    )
    assert main(["datapackage", "--check"]) == 1
    error = capsys.readouterr().err
    assert (
        "data/activities.csv: changed since datapackage.json was written: its title (from activities.meta.yaml)"
        in error
    )
    assert COMMAND in error and "Traceback" not in error
    assert main(["datapackage"]) == 0 and main(["datapackage", "--check"]) == 0
    package.unlink()
    assert main(["datapackage", "--check"]) == 1
    assert "missing; run `workbooks datapackage" in capsys.readouterr().err


def test_a_table_without_a_sidecar_is_an_error_message_not_a_traceback(project, capsys):
    (project / "data" / "organisations.meta.yaml").unlink()
    assert main(["datapackage", "--out", str(project / "elsewhere.json")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "organisations.meta.yaml: missing" in error
    assert not (project / "elsewhere.json").exists()


def test_check_names_each_table_that_is_new_gone_or_changed_and_what_changed(project, capsys):
    data = project / "data"
    shutil.copy(data / "comments.csv", data / "mine.csv")  # a new table, with its sidecar
    shutil.copy(data / "comments.meta.yaml", data / "mine.meta.yaml")
    for name in ("code_reviews.csv", "code_reviews.meta.yaml"):  # a table gone
        (data / name).unlink()
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    activities = next(resource for resource in package["resources"] if resource["name"] == "activities")
    activities["schema"]["fields"][3]["description"] = "edited"  # a column of a table changed
    (data / "datapackage.json").write_text(datapackage_json(package), encoding="utf-8")
    assert main(["datapackage", "--check"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "data/mine.csv: new: a table datapackage.json does not describe yet",
        "data/datapackage.json: describes data/code_reviews.csv, which is no longer there",
        "data/activities.csv: changed since datapackage.json was written: its columns (from the layout 'activities': "
        "'timeline_raw')",
        f"Run `{COMMAND}` to write it from the table layouts and sidecars, and commit it",
    ]
    assert main(["datapackage"]) == 0 and main(["datapackage", "--check"]) == 0


def test_check_of_a_file_that_is_not_json_or_only_reformatted_says_so(project, capsys):
    package = project / "data" / "datapackage.json"
    text = package.read_text(encoding="utf-8")
    package.write_text(json.dumps(json.loads(text)), encoding="utf-8")  # the same package on one line
    assert main(["datapackage", "--check"]) == 1
    assert "data/datapackage.json: the same package, written another way (edited by hand)" in capsys.readouterr().err
    package.write_text(text[:200], encoding="utf-8")
    assert main(["datapackage", "--check"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("data/datapackage.json, line ") and "not JSON" in error and "Traceback" not in error
    package.write_bytes(b"\xff\xfe{}")
    assert main(["datapackage", "--check"]) == 1
    assert capsys.readouterr().err.startswith("data/datapackage.json: not UTF-8 text")
