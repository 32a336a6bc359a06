"""The recipes of docs/own-data.md for a researcher's own data, run as the guide prints them.

Each recipe sits between ``<!-- recipe: NAME, your rows in FILE -->`` and ``<!-- /recipe -->`` in
docs/own-data.md. In a copy of the project (its data, notebooks and pyproject; the project's .venv linked in, as
after ``make setup``), its blocks run in order: a shell block with bash, a YAML block written to the file
its first line names (``# params/...yaml``). The one step a guide cannot print, the researcher's rows,
is done after the block that copies the template: the copy's rows are replaced by rows of the test's own
(tests/fixtures/own_data/, invented: 30 comments, 5 survey examples, 7 statuses) under the template's
header, which must be theirs. Then the brief the recipe names is read as a researcher reads it. Each
brief runs once, through the real runner and kernel.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from briefs_scenario import parse_html
from conftest import ROOT, served_project_copy

FIXTURES = ROOT / "tests" / "fixtures" / "own_data"
ROWS = {
    "consultation": FIXTURES / "comments.csv",
    "good_practice": FIXTURES / "practices.csv",
    "timeline": FIXTURES / "status_log.csv",
}
_RECIPE = re.compile(
    r"<!-- recipe: (?P<name>[\w-]+), your rows in (?P<rows>\S+) -->(?P<body>.*?)<!-- /recipe -->", re.S
)
_BLOCK = re.compile(r"^(?P<indent>[ ]*)```(?P<kind>bash|sh|yaml)\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)


@dataclass(frozen=True)
class Block:
    kind: str  # "shell" or "yaml"
    code: str


def guide_recipes(text: str) -> dict[str, tuple[str, list[Block]]]:
    """NAME -> (the file the researcher's rows go in, the recipe's blocks in order), as docs/own-data.md prints them."""
    recipes = {}
    for found in _RECIPE.finditer(text):
        blocks = []
        for block in _BLOCK.finditer(found["body"]):
            lines = [line[len(block["indent"]) :] for line in block["code"].splitlines()]
            blocks.append(Block("yaml" if block["kind"] == "yaml" else "shell", "\n".join(lines) + "\n"))
        recipes[found["name"]] = (found["rows"], blocks)
    return recipes


def test_the_guide_has_a_recipe_per_workbook_each_copying_a_template_and_running_one_brief():
    recipes = guide_recipes((ROOT / "docs" / "own-data.md").read_text(encoding="utf-8"))
    assert set(recipes) == set(ROWS)
    for name, (rows, blocks) in recipes.items():
        shell = "".join(block.code for block in blocks if block.kind == "shell")
        stem = Path(rows).stem
        assert re.search(rf"cp data/templates/\S+\.template\.csv {re.escape(rows)}\b", shell), name
        assert re.search(rf"cp data/templates/\S+\.template\.meta\.yaml data/{stem}\.meta\.yaml\b", shell), name
        assert len(re.findall(r"workbooks run ", shell)) == 1, name
        written = [block.code.splitlines()[0] for block in blocks if block.kind == "yaml"]
        assert written == [f"# data/{stem}.meta.yaml", written[1]] and written[1].startswith("# params/"), name
        for block in blocks:  # every YAML block shown whole is a mapping a reader can copy as it is
            if block.kind == "yaml":
                assert isinstance(yaml.safe_load(block.code), dict)


def _fill_rows(root: Path, rows_file: str, recipe: str) -> None:
    """The researcher's step: the copied template's example rows replaced by their own, under its header."""
    copied = root / rows_file
    header = copied.read_text(encoding="utf-8").splitlines()[0]
    own = ROWS[recipe].read_text(encoding="utf-8")
    assert own.splitlines()[0] == header, f"{ROWS[recipe]} must have the header of {rows_file}"
    copied.write_text(own, encoding="utf-8")


def _follow(recipe: str, root: Path) -> str:
    """Run one recipe in ``root`` as printed; the shell's output, every command's."""
    rows_file, blocks = guide_recipes((ROOT / "docs" / "own-data.md").read_text(encoding="utf-8"))[recipe]
    environment = {key: value for key, value in os.environ.items() if key != "WORKBOOKS_ROOT"}
    printed, filled = [], False
    for block in blocks:
        if block.kind == "yaml":
            target = root / block.code.splitlines()[0].removeprefix("# ").strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
            continue
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block.code],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        printed.append(done.stdout + done.stderr)
        assert done.returncode == 0, f"{recipe}: the block\n{block.code}\nfailed:\n{done.stdout}{done.stderr}"
        if not filled and (root / rows_file).exists():
            _fill_rows(root, rows_file, recipe)
            filled = True
    assert filled, f"{recipe}: no block made {rows_file}"
    return "\n".join(printed)


@pytest.fixture(scope="module")
def followed(tmp_path_factory) -> dict:
    """The three recipes followed in one fresh copy of the project, one after another (a researcher's day)."""
    root = served_project_copy(tmp_path_factory, "recipes")
    (root / ".venv").symlink_to(ROOT / ".venv")  # as after `make setup`
    printed = {recipe: _follow(recipe, root) for recipe in ("consultation", "good_practice", "timeline")}
    return {"root": root, "printed": printed}


def _brief(followed, notebook: str, name: str) -> str:
    out = followed["root"] / "outputs" / notebook
    for made in (f"{name}.html", f"{name}.pdf", f"{name}.tables.zip"):
        assert (out / made).is_file(), f"no {made}:\n{followed['printed']}"
    return " ".join(" ".join(parse_html((out / f"{name}.html").read_text(encoding="utf-8")).text).split())


def _tables(followed, notebook: str, name: str) -> dict[str, pd.DataFrame]:
    with zipfile.ZipFile(followed["root"] / "outputs" / notebook / f"{name}.tables.zip") as tables:
        return {
            entry: pd.read_csv(io.BytesIO(tables.read(entry)), dtype=str, keep_default_na=False)
            for entry in tables.namelist()
            if entry.endswith(".csv")
        }


@pytest.mark.integration  # the recipes followed: real briefs, their PDFs printed
@pytest.mark.kernel
@pytest.mark.browser
def test_the_consultation_recipe_makes_a_brief_on_every_comment_named_by_its_sidecar(followed):
    assert "all data tables valid" in followed["printed"]["consultation"]
    text = _brief(followed, "consultation_inputs", "my_consultation")
    title = "Comments on the workstream's draft guidance, by e-mail and at the April 2024 civil society meeting"
    # every discussion of the file, though the parameter file names none; called by its sidecar's title
    assert f"What did stakeholders ask for in \u201c{title}\u201d (2 consultations)" in text
    assert "30 comments in 2 consultations; 8 name the organisation they speak for." in text
    assert "Hub consultation" not in text and "Hub discussion" not in text
    assert "answering 0 questions" not in text
    # named organisations the project's list does not type are said to be so, not "named by none"
    assert (
        "8 of 30 comments name the organisation they speak for, but none of these is in the project's list of "
        "organisations, so every stakeholder type is 'unknown'."
    ) in text
    # the coder is not measured on comments the reference coding does not cover, and the annex says so
    assert (
        "covers 24 comments of the Hub's discussions and none of the 30 comments in this brief: how closely the "
        "automatic coder's codes match a careful reading of them is not measured."
    ) in text
    assert "micro-F1" not in text and "Consistency of the coder with the reference coding" not in text
    assert "Every count rests on the automatic coder alone: no code counted has been checked." in text
    # the sources name the file by its sidecar, with its provenance
    assert f"{title} (30 comments gathered outside the Hub. Gathered by the workstream's secretariat" in text
    assert "'data/my_comments.csv'" in text  # the appendix names the file read


@pytest.mark.integration  # the recipes followed: real briefs, their PDFs printed
@pytest.mark.kernel
@pytest.mark.browser
def test_the_comparison_recipe_compares_every_survey_example_with_no_project_review(followed):
    text = _brief(followed, "good_practice_comparison", "my_survey")
    assert "5 practices compared (every record)" in text and "out of 5 records." in text
    assert (
        "Data: Policy examples reported in the workstream's 2024 survey, as the file holds them; no score checked"
        in text
    )
    assert "all 60 scores are automatic, not checked" in text  # 5 practices x 12 items: no review of another file's
    assert "1 example was reported as harmful in the survey: Employer-tied work permit" in text
    assert "left out of the comparison" not in text  # the target group the file gives makes a migration practice
    serves = next(
        frame
        for frame in _tables(followed, "good_practice_comparison", "my_survey").values()
        if "Who it serves (our reading, and the words it rests on)" in frame.columns
    )
    serves = serves.set_index("Practice")["Who it serves (our reading, and the words it rests on)"]
    # the programme whose summary names no migrant group: compared, serving whom the file says, on the file's words
    assert serves["Municipal language and jobs programme"] == (
        "immigrants (the respondent: 'for people who came to the city from abroad')"
    )
    assert serves["Diaspora investment matching fund"].startswith("emigrants (")
    assert "'data/my_survey.csv'" in text and "data/assessments.csv" not in text  # the appendix: files read


@pytest.mark.integration  # the recipes followed: real briefs, their PDFs printed
@pytest.mark.kernel
@pytest.mark.browser
def test_the_timeline_recipe_sets_the_plan_against_the_statuses_confirmed(followed):
    text = _brief(followed, "timeline_progress", "my_timeline")
    assert "ILLUSTRATIVE" not in text
    assert "Data: Plan and status as of 30 June 2024" in text
    # checked by hand against tests/fixtures/own_data/status_log.csv and the plan in data/activities.csv
    assert "3 of 9 (33%) are recorded as Completed, 3 fewer than the 6 planned to have ended." in text
    assert (
        "2 activities are overdue (planned end before 30 June 2024, recorded as Yet to start or In progress), longest "
        "first: Develop the first draft of the Guidance for policy making (iv), by 274 days; and Hold webinar with "
        "members to collect inputs (v), by 182 days."
    ) in text
    assert (
        "2 activities were first recorded as Completed after the planned end, by 77 and 112 days (the day of the record, which may be after the work ended)."
        in text
    )
    assert (
        "Statuses come from \u201cStatuses confirmed at the socio-economic integration workstream's meetings\u201d"
        in text
    )
    assert (
        "Statuses confirmed at the socio-economic integration workstream's meetings (7 statuses of these activities, "
        "each naming its source."
    ) in text


@pytest.mark.integration  # the recipes followed: real briefs, their PDFs printed
@pytest.mark.kernel
@pytest.mark.browser
def test_the_catalogue_lists_the_three_briefs_of_ones_own_data(followed):
    catalogue = (followed["root"] / "outputs" / "index.html").read_text(encoding="utf-8")
    for made in (
        "consultation_inputs/my_consultation.html",
        "good_practice_comparison/my_survey.html",
        "timeline_progress/my_timeline.html",
    ):
        assert made in catalogue
