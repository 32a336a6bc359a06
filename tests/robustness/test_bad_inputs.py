"""A corpus of bad and hostile inputs (issue 12), one case each, listed in bad_inputs.py.

Covered: parameter files of each notebook; table sidecars; the codebook; the checklist; every table
in data/; the raw practice records; a stored page; comments and practices files given by parameter
from outside the project (on the templates, without sidecar); the command line. Faults: impossible
dates, wrong types, unknown keys, missing columns and keys, unknown vocabulary, duplicate keys,
references to rows another table does not have, a byte that is not UTF-8 on a known line, UTF-16,
Windows-1252, `;`-delimited and trailing-comma exports, a bad row after quoted cells that span
lines (record number != line number), a ragged row, empty and header-only files, binary junk, a
missing sidecar or file, YAML syntax errors, and output paths that cannot be written.

Each case changes one file of a project copy (or gives one bad argument) and runs one `workbooks`
command in this process. It must exit 1 (2 only for a command line argparse cannot read) with no
traceback, its message must name the file, the line (a physical line of the file) and the field
(column, key or option), and nothing may change on disk but the run records: the good briefs (HTML,
PDF, tables, executed notebook), the good outputs given with --out, and the data files themselves
stay byte for byte. The good briefs, one of each workbook, are those the session's shared briefs run
(tests/briefs_scenario.py) made from the same shipped parameters and data, copied in for the cases
that run a brief (marked kernel and browser: that run starts both); no case runs a good brief itself.

Hostile text that is valid (HTML and script, control characters, a 1 MB cell, a spreadsheet
formula, in every text field of a comments and a practices file) must be accepted, and show
escaped in the HTML table and defused in its CSV download; a catastrophic pattern `(a+)+$` in the
codebook and the checklist, against a long text, must finish in seconds.

A summary of the findings (message complete, tracebacks, slow runs, silent acceptances, damaged
files) is printed at the end of the module.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import time
import traceback
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bad_inputs import CASES, CODED, GOOD_BRIEFS, HOSTILE, SCORES, Case, Files, Hostile

from briefs_scenario import parse_html
from conftest import ROOT
from workbooks.cli import main
from workbooks.loaders import LOADERS
from workbooks.presentation.html import escape, table_csv, table_html
from workbooks.publish.preflight import check_inputs, declared_inputs
from workbooks.tables.datasets import load_dataset

SLOW_SECONDS = 10  # a case taking longer is reported as a hang
# a run may rewrite these: its record, the catalogue, the lock, and (issue 24) the history of runs it appends to,
# with the history page and the feed that mark a brief whose last run failed as stale (checked below)
RUN_BOOKKEEPING = re.compile(
    r"(\.run\.json|/index\.html|/\.workbooks-run\.lock|/outputs/history/runs\.jsonl"
    r"|/outputs/history\.html|/outputs/feed\.xml)$"
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FINDINGS: dict[str, dict] = {}


@dataclass(frozen=True)
class Pristine:
    root: Path
    elsewhere: Path
    files: dict[Path, bytes]  # every file of the project copy and of the folder outside it, after the good runs


def every_file(*folders: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for folder in folders for path in folder.rglob("*") if path.is_file()}


def _sidecar(table: Path, layout: str) -> None:
    (table.parent / f"{table.stem}.meta.yaml").write_text(
        yaml.safe_dump(
            {
                "title": f"{table.name} (test)",
                "description": "Gathered outside the project, for the bad-input corpus.",
                "layout": layout,
                "illustrative": False,
                "provenance": "Written by tests/robustness/test_bad_inputs.py.",
            }
        ),
        encoding="utf-8",
    )


def _survey_files(root: Path, elsewhere: Path) -> None:
    """Comments and practices gathered elsewhere (on the templates, with their sidecars), long texts
    for the catastrophic patterns, and a brief of each workbook reading the survey files by parameter."""
    elsewhere.mkdir()
    header = (root / "data" / "templates" / "comments.template.csv").read_text(encoding="utf-8").split("\n")[0]
    (elsewhere / "survey_comments.csv").write_text(
        header + "\n"
        "survey-2023,,survey-2023-c01,Ana Example,Example Migrant Workers Union,2023-03-15,,"
        '"Decent work and social protection for migrant workers, please.",false,survey export (test)\n'
        'survey-2023,,survey-2023-c02,,,2023-03-20,,"Cheaper remittances and access to financing.",false,'
        "survey export (test)\n",
        encoding="utf-8",
    )
    (elsewhere / "long_comment.csv").write_text(
        header + '\nsurvey-2023,,survey-2023-c01,,,,,"' + "a" * 50_000 + '!",false,survey export (test)\n',
        encoding="utf-8",
    )
    practices = (root / "data" / "templates" / "practices.template.csv").read_text(encoding="utf-8")
    practices = practices.replace(",survey,illustrative,", ",survey,survey-2024 response (test),")
    (elsewhere / "survey_practices.csv").write_text(practices, encoding="utf-8")
    rows = practices.split("\n")
    long_row = rows[1].replace("ILLUSTRATIVE ROW, delete it: what the policy does", "a" * 50_000 + "! what it does")
    (elsewhere / "long_practice.csv").write_text("\n".join([rows[0], long_row, rows[2], ""]), encoding="utf-8")
    for name, layout in (
        ("survey_comments", "comments"),
        ("long_comment", "comments"),
        ("survey_practices", "practices"),
        ("long_practice", "practices"),
    ):
        _sidecar(elsewhere / f"{name}.csv", layout)
    (root / "params" / "consultation_inputs" / "survey.yaml").write_text(
        yaml.safe_dump({"discussions": ["survey-2023"], "comments_file": str(elsewhere / "survey_comments.csv")}),
        encoding="utf-8",
    )
    (root / "params" / "good_practice_comparison" / "survey.yaml").write_text(
        yaml.safe_dump(
            {
                "practices": ["survey-2024-r001", "survey-2024-r002"],
                "practices_file": str(elsewhere / "survey_practices.csv"),
                "assessments_file": "",
            }
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Pristine:
    """A project copy with good coded comments and scores outside it: what every case must leave as it is
    (the cases that run a brief add the good briefs: :func:`good_briefs`)."""
    base = tmp_path_factory.mktemp("corpus")
    root, elsewhere = base / "project", base / "elsewhere"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    for folder in ("notebooks", "data", "params"):
        shutil.copytree(ROOT / folder, root / folder)
    _survey_files(root, elsewhere)
    before = os.environ.get("WORKBOOKS_ROOT")
    os.environ["WORKBOOKS_ROOT"] = str(root)
    try:
        with chdir(root):
            assert main(["code", "data/comments.csv", "--out", CODED.format(elsewhere=elsewhere)]) == 0
            assert main(["score", "--out", SCORES.format(elsewhere=elsewhere)]) == 0
    finally:
        os.environ.pop("WORKBOOKS_ROOT") if before is None else os.environ.update(WORKBOOKS_ROOT=before)
    for notebook, parameters in {  # the survey briefs load as they are: their cases test the fault, not the set-up
        "consultation_inputs": {
            "comments_file": str(elsewhere / "survey_comments.csv"),
            "questions_file": "data/questions.csv",
            "discussions": ["survey-2023"],
            "codes_in_focus": [],
            "min_count": 1,
            "code_reviews_file": "data/code_reviews.csv",
        },
        "good_practice_comparison": {
            "practices_file": str(elsewhere / "survey_practices.csv"),
            "assessments_file": "",
            "practices": ["survey-2024-r001", "survey-2024-r002"],
            "region": [],
            "source_db": [],
            "target_group": [],
            "pillars": [],
            "items_in_focus": [],
        },
    }.items():
        check_inputs(notebook, parameters, root, LOADERS)
        assert any(path.name.startswith("survey_") for path in declared_inputs(notebook, parameters, root))
    return Pristine(root, elsewhere, every_file(root, elsewhere))


@pytest.fixture(scope="session")
def good_briefs(pristine: Pristine, briefs_run: dict) -> list[Path]:
    """One good brief of each workbook (GOOD_BRIEFS) in the pristine copy's outputs/, as a run leaves it (HTML, PDF,
    tables, executed notebook, run record): the files the session's shared briefs run made of the same shipped
    parameter files on the same data, as its first run left them; from now on part of what every case must leave."""
    copied = []
    for brief in GOOD_BRIEFS:
        notebook, name = brief.split("/")
        made = sorted((briefs_run["first_out"] / notebook).glob(f"{name}.*"))
        assert {path.name for path in made} >= {
            f"{name}.{kind}" for kind in ("html", "pdf", "tables.zip", "ipynb", "run.json")
        }, made
        assert json.loads((briefs_run["first_out"] / notebook / f"{name}.run.json").read_text())["status"] == "ok", (
            brief
        )
        for path in made:
            target = pristine.root / "outputs" / notebook / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            copied.append(Path(shutil.copy2(path, target)))
    pristine.files.update(every_file(pristine.root / "outputs"))
    return copied


@pytest.fixture()
def project(pristine, monkeypatch):
    """The pristine copy, as the current project; afterwards every file a case changed, made or
    removed is put back as it was."""
    monkeypatch.setenv("WORKBOOKS_ROOT", str(pristine.root))
    monkeypatch.chdir(pristine.root)
    yield Files(pristine.root, pristine.elsewhere)
    now = every_file(pristine.root, pristine.elsewhere)
    for path in now.keys() - pristine.files.keys():
        path.unlink()
    for path, data in pristine.files.items():
        if now.get(path) != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@dataclass(frozen=True)
class Outcome:
    code: int | None
    err: str
    escaped: str | None  # the traceback of an exception that escaped main()
    seconds: float


COMMAND_SECONDS = (
    30.0  # a bad-input case still running then is stopped by pytest-timeout: a hang is a finding, not a wait
)


def invoke(argv: tuple[str, ...], files: Files, capsys) -> Outcome:
    argv = [argument.replace("{elsewhere}", str(files.elsewhere)) for argument in argv]
    capsys.readouterr()
    escaped, started = None, time.perf_counter()
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse, for a command line it cannot read
        code = stop.code
    except KeyboardInterrupt:
        raise
    except BaseException:  # noqa: BLE001 - what escapes is the finding (pytest-timeout's Failed: a hang, with where it was)
        code, escaped = None, traceback.format_exc(limit=-8)  # 5 frames of ours, 3 of pytest-timeout
    seconds = time.perf_counter() - started
    return Outcome(code, capsys.readouterr().err, escaped, seconds)


def changed_files(before: dict[Path, bytes], after: dict[Path, bytes]) -> list[str]:
    """Files made, removed or rewritten, except a run's own bookkeeping (its record, the catalogue, the lock)."""
    return sorted(
        str(path)
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path) and not RUN_BOOKKEEPING.search(path.as_posix())
    )


def unnamed(case: Case, message: str) -> list[str]:
    """What the message fails to name: the file, 'line N', the field, the words the case expects."""
    missing = []
    if case.file and case.file not in message:
        missing.append(f"file {case.file}")
    if case.line is not None and not re.search(rf"\bline {case.line}\b", message):
        missing.append(f"line {case.line}")
    if case.field:
        field = re.escape(case.field)
        named = (
            (case.field in message)
            if case.field.startswith("-")
            else re.search(  # 'f', key f, missing f, f 'value'
                rf"['\"]{field}['\"]|\b(?:column|key|field|missing)(?:\(s\))? {field}\b|\b{field} '", message
            )
        )
        if not named:
            missing.append(f"field {case.field!r}")
    missing += [f"the words {words!r}" for words in case.says if words not in message]
    return missing


@pytest.fixture(scope="module", autouse=True)
def findings_summary(request):
    yield
    if not FINDINGS:
        return
    found = FINDINGS.values()
    lines = [
        f"bad-input corpus: {len(FINDINGS)} cases",
        f"  message names file, line and field: {sum(f['complete'] for f in found)}",
        f"  tracebacks: {sum(f['traceback'] for f in found)}",
        f"  hangs (over {SLOW_SECONDS} s): {sum(f['seconds'] > SLOW_SECONDS for f in found)}",
        f"  silent acceptances (bad input, exit 0): {sum(f['accepted'] for f in found)}",
        f"  good outputs or data damaged: {sum(bool(f['changed']) for f in found)}",
        f"  wrong exit code: {sum(f['wrong_exit'] for f in found)}",
    ]
    if os.environ.get("WORKBOOKS_CORPUS_REPORT"):  # every case's exit code and message, for whoever fixes them
        Path(os.environ["WORKBOOKS_CORPUS_REPORT"]).write_text(
            json.dumps(FINDINGS, indent=1, default=str), encoding="utf-8"
        )
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    for line in lines:
        reporter.write_line(line) if reporter else print(line)


RUNS = [case for case in CASES if case.argv[0] == "run"]  # the cases that run a brief, over the good briefs
OTHERS = [case for case in CASES if case.argv[0] != "run"]


@pytest.mark.timeout(COMMAND_SECONDS, func_only=True)
@pytest.mark.parametrize("case", OTHERS, ids=[case.id for case in OTHERS])
def test_a_bad_input_is_named_by_file_line_and_field_and_changes_nothing(case: Case, project: Files, capsys):
    check_bad_input(case, project, capsys)


@pytest.mark.kernel
@pytest.mark.browser
@pytest.mark.timeout(COMMAND_SECONDS, func_only=True)
@pytest.mark.parametrize("case", RUNS, ids=[case.id for case in RUNS])
def test_a_bad_input_stops_its_brief_named_and_the_good_briefs_stay(
    case: Case, good_briefs: list[Path], project: Files, capsys
):
    assert all(path.is_file() for path in good_briefs)  # there to be left as they are (checked with every file)
    check_bad_input(case, project, capsys)


def check_bad_input(case: Case, project: Files, capsys) -> None:
    if case.change:
        case.change(project)
    before = every_file(project.root, project.elsewhere)
    outcome = invoke(case.argv, project, capsys)
    changed = changed_files(before, every_file(project.root, project.elsewhere))
    missing = unnamed(case, outcome.err)
    FINDINGS[case.id] = {
        "complete": not missing,
        "traceback": bool(outcome.escaped) or "Traceback" in outcome.err,
        "seconds": outcome.seconds,
        "accepted": outcome.code == 0,
        "changed": changed,
        "wrong_exit": outcome.code != case.exit,
        "exit": outcome.code,
        "missing": missing,
        "message": outcome.escaped or outcome.err,
    }
    assert outcome.escaped is None, f"an exception escaped main():\n{outcome.escaped}"
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code == case.exit, f"exit {outcome.code}, expected {case.exit}; stderr:\n{outcome.err}"
    assert not missing, f"the message does not name {', '.join(missing)}:\n{outcome.err}"
    assert changed == [], f"files changed by a failing command: {changed}"
    runs = project.root / "outputs" / "history" / "runs.jsonl"
    if runs.is_file() and before.get(runs) != runs.read_bytes():  # a run recorded: as failed, never as a new edition
        recorded = json.loads(runs.read_text(encoding="utf-8").splitlines()[-1])
        assert "new edition" not in json.dumps(recorded), recorded
    assert outcome.seconds < SLOW_SECONDS


def test_the_corpus_covers_every_table_and_has_readable_unique_ids():
    ids = [case.id for case in CASES] + [case.id for case in HOSTILE]
    assert len(ids) == len(set(ids)) and len(ids) >= 55
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", case_id) for case_id in ids)
    named = {case.file for case in CASES}
    tables = {path.name for path in (ROOT / "data").glob("*.csv")} - {"status_log.csv"}
    assert tables <= named, f"tables without a case: {sorted(tables - named)}"
    assert {
        "status_log.csv",
        "codebook.yaml",
        "checklist.yaml",
        "practice-records.csv",
        "all_workstreams.yaml",
        "draft_workplan_2022.yaml",
        "labour_inclusion_americas.yaml",
        "survey_comments.csv",
        "survey_practices.csv",
    } <= named
    assert {name for name in named if name and name.endswith(".meta.yaml")}, "no sidecar case"


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=case.id, marks=pytest.mark.timeout(case.seconds, func_only=True)) for case in HOSTILE],
)
def test_hostile_text_is_accepted_and_shown_escaped(case: Hostile, project: Files, capsys):
    case.change(project)
    outcome = invoke(case.argv, project, capsys)
    FINDINGS[case.id] = {
        "complete": True,
        "traceback": bool(outcome.escaped) or "Traceback" in outcome.err,
        "seconds": outcome.seconds,
        "accepted": False,
        "changed": [],
        "wrong_exit": outcome.code != 0,
        "exit": outcome.code,
        "message": outcome.escaped or outcome.err,
    }
    stopped = bool(outcome.escaped) and "from pytest-timeout" in outcome.escaped
    assert outcome.escaped is None, (
        f"stopped by the {case.seconds:g} s hang guard (a slow pattern, a quadratic step?), in:\n"
        if stopped
        else "an exception escaped main():\n"
    ) + str(outcome.escaped)
    assert outcome.code == 0, outcome.err
    assert outcome.seconds < case.seconds, f"took {outcome.seconds:.1f} s"
    assert project.path(case.written).stat().st_size > 0
    if not case.payload:
        return
    frame = load_dataset(project.path(case.table), layout=case.layout).frame.head(1)
    shown = table_html(frame)
    limit = csv.field_size_limit(sys.maxsize)  # a 1 MB cell is more than the csv module reads by default
    try:
        download = list(csv.reader(io.StringIO(table_csv(frame))))[1]
    finally:
        csv.field_size_limit(limit)
    fields = [
        column
        for column in frame.columns
        if isinstance(frame.at[0, column], str) and frame.at[0, column] == case.payload
    ]
    if case.payload[:1] == "=" or CONTROL.search(case.payload) is None:
        assert len(fields) >= 6, (
            f"the loader changed the hostile text; kept in {fields}"
        )  # 6 comment, 9 practice fields
    assert not {"script", "img"} & set(parse_html(shown).tags), "the hostile markup became tags"
    assert CONTROL.search(shown) is None, "control characters reach the HTML as they are"
    assert not any(cell.startswith(("=", "+", "@")) for cell in download), "a formula reaches the CSV download"
    if CONTROL.search(case.payload) is None:
        assert shown.count(escape(case.payload)) >= len(fields)
