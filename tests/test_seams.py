"""The commands chain as a researcher uses them: `ingest` writes its table's sidecar so that `code`
takes the table as it is; `export-qda` with another comments file takes no project reviews unless
given; messages count their nouns, describe formats in words and name each problem once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.cli import main
from workbooks.tables.datasets import load_dataset, load_sidecar

SEED_002 = "data/raw/pages/002_b7a1eff67a549924.txt"  # a real Hub discussion page, registered in data/sources.csv
SEED_002_ID = "seed-002-draft-network-workplan"
SEED_002_URL = (
    "https://migrationnetwork.un.org/hub/discussion-space/international-migration-review-forum-2022/"
    "content/draft-network-workplan-2022"
)
WORKBOOKS = Path(sys.executable).with_name("workbooks")


def _run(project: Path, *argv: str) -> subprocess.CompletedProcess:
    """The installed `workbooks` command, run in the project copy, as a researcher types it."""
    return subprocess.run(
        [str(WORKBOOKS), *argv],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "WORKBOOKS_ROOT": str(project)},
    )


# --- ingest writes its sidecar; ingest then code ----------------------------------------------------------------


def _guide_chain() -> tuple[list[list[str]], str]:
    """The ingest-then-code recipe of docs/consultation.md: its command lines, as printed, and the line it says `code`
    prints."""
    import shlex

    guide = (ROOT / "docs" / "consultation.md").read_text(encoding="utf-8")
    recipe = guide[guide.index("One page into a table of your own") :]
    start = recipe.index("```bash\n") + len("```bash\n")
    block = recipe[start : recipe.index("```", start)]
    said = " ".join(recipe[recipe.index("the second prints `") + len("the second prints `") :].split("`")[0].split())
    return [shlex.split(line) for line in block.splitlines() if line.strip()], said


def test_the_guide_recipe_ingest_then_code_runs_as_printed_with_no_hand_edit(project):
    commands, said = _guide_chain()
    assert [command[:2] for command in commands] == [["workbooks", "ingest"], ["workbooks", "code"]]
    results = [_run(project, *command[1:]) for command in commands]
    assert [result.returncode for result in results] == [0, 0], [result.stderr for result in results]
    assert "wrote mine.meta.yaml" in results[0].stdout and "wrote mine.questions.meta.yaml" in results[0].stdout
    assert (
        results[1].stdout.strip()
        == said
        == (f"wrote 14 comments of mine.csv (from {SEED_002_ID}) to outputs/mine.coded.csv (14 with at least one code)")
    )
    table = pd.read_csv(project / "outputs" / "mine.coded.csv", dtype=str, keep_default_na=False)
    assert len(table) == 14 and set(table["source"]) == {SEED_002_ID}  # every coded row names its page
    assert table["comment_id"].iloc[0] == f"{SEED_002_ID}-c01" and table["gcm_objectives"].ne("").any()


def test_the_sidecar_says_what_was_read_when_and_by_which_command(project, capsys):
    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 0
    capsys.readouterr()
    meta = load_sidecar(project / "mine.csv")  # the sidecar layout's own check
    assert meta["layout"] == "comments" and meta["illustrative"] is False
    assert meta["built_from"] == [SEED_002]
    assert meta["rebuild"] == f"workbooks ingest discussion {SEED_002} --out mine.csv"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", meta["built"])
    assert meta["title"] == 'Comments read from the discussion page "Draft Network Workplan 2022-2024"'
    assert SEED_002 in meta["provenance"] and SEED_002_URL in meta["provenance"] and SEED_002_ID in meta["provenance"]
    assert "Hub" not in meta["title"] + meta["description"]  # the page's own title, not the project's words
    questions = load_sidecar(project / "mine.questions.csv")
    assert questions["layout"] == "questions" and questions["built_from"] == [SEED_002]
    comments = load_dataset(project / "mine.csv", project, layout="comments")  # what a brief loads
    assert len(comments.frame) == 14 and not comments.illustrative


def test_the_consultation_loader_takes_an_ingested_table_as_it_is(project, capsys):
    from workbooks.consultation.inputs import load_consultation_inputs

    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 0
    inputs = load_consultation_inputs("mine.csv", "mine.questions.csv", [], [], root=project)
    assert len(inputs.coded) == 14 and not inputs.illustrative


def test_ingesting_again_rewrites_its_own_sidecar(project, capsys):
    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 0
    sources = pd.read_csv(project / "data" / "sources.csv", dtype=str)
    other = sources.loc[sources["source_id"] == "hub-comment-1546", "file"].item()
    assert main(["ingest", "discussion", SEED_002, other, "--out", "mine.csv"]) == 0
    meta = load_sidecar(project / "mine.csv")
    assert meta["built_from"] == [SEED_002, other] and meta["title"].startswith("Comments read from 2 discussion pages")
    assert "wrote mine.meta.yaml" in capsys.readouterr().out


def test_a_person_s_sidecar_is_kept_as_it_is(project, capsys):
    before = {name: (project / "data" / name).read_bytes() for name in ("comments.meta.yaml", "questions.meta.yaml")}
    assert main(["ingest", "discussion", "--out", "data/comments.csv"]) == 0
    out = capsys.readouterr().out
    assert "kept data/comments.meta.yaml as it is (a person's sidecar: no `built` key)" in out
    assert "kept data/questions.meta.yaml as it is" in out
    assert {name: (project / "data" / name).read_bytes() for name in before} == before


def test_a_person_s_sidecar_of_another_layout_is_refused_before_anything_is_written(project, capsys):
    write_sidecar(project / "mine.csv", "practices")
    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {project / 'mine.meta.yaml'}, line ") or error.startswith(
        "error: mine.meta.yaml, line "
    )
    assert "key 'layout': is 'practices', but a comments table is written beside it" in error
    assert not (project / "mine.csv").exists() and not (project / "mine.questions.csv").exists()


def test_ingesting_into_data_never_replaces_the_project_s_questions(project, capsys):
    before = (project / "data" / "questions.csv").read_bytes()
    assert main(["ingest", "discussion", SEED_002, "--out", "data/mine.csv"]) == 0
    assert (project / "data" / "questions.csv").read_bytes() == before
    assert "3 questions to data/mine.questions.csv" in capsys.readouterr().out
    assert load_sidecar(project / "data" / "mine.questions.csv")["layout"] == "questions"
    assert main(["check-data"]) == 0  # a table ingested into data/ is valid there, sidecar and all
    assert main(["datapackage"]) == 0 and main(["datapackage", "--check"]) == 0


def test_a_command_run_from_another_folder_is_recorded_with_where_it_ran(project, monkeypatch, capsys):
    elsewhere = project / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["ingest", "discussion", str(project / SEED_002), "--out", "mine.csv"]) == 0
    meta = load_sidecar(elsewhere / "mine.csv")
    assert meta["rebuild"] == f"cd {elsewhere} && workbooks ingest discussion {project / SEED_002} --out mine.csv"
    assert meta["built_from"] == [SEED_002]  # inside the project: relative to its root


def test_ingest_workstream_and_practices_write_their_sidecars_and_chain_with_score(project, capsys):
    assert main(["ingest", "workstream", "--out", "acts.csv"]) == 0
    activities = load_sidecar(project / "acts.csv")
    assert activities["layout"] == "activities" and len(activities["built_from"]) == 6
    assert activities["title"] == "Activities read from 6 workstream pages"
    assert main(["ingest", "practices", "--out", "mine_practices.csv"]) == 0
    practices = load_sidecar(project / "mine_practices.csv")
    assert practices["built_from"] == ["data/raw/practices/practice-records.csv", "data/checklist.yaml"]
    assert practices["illustrative"] is False and "96 records" in practices["description"]
    capsys.readouterr()
    assert main(["score", "--practices", "mine_practices.csv", "--assessments", "", "--out", "scores.csv"]) == 0
    assert "wrote 1,152 scores" in capsys.readouterr().out


def test_invented_records_make_an_illustrative_sidecar_and_a_mix_is_refused(project, capsys):
    records = pd.read_csv(
        ROOT / "data" / "raw" / "practices" / "practice-records.csv", dtype=str, keep_default_na=False
    )
    invented = records.head(3).assign(url="illustrative")
    invented.to_csv(project / "invented.csv", index=False)
    assert main(["ingest", "practices", "invented.csv", "--out", "p.csv"]) == 0
    assert load_sidecar(project / "p.csv")["illustrative"] is True
    assert load_dataset(project / "p.csv", project).illustrative
    pd.concat([invented, records.iloc[3:4]]).to_csv(project / "mixed.csv", index=False)
    capsys.readouterr()
    assert main(["ingest", "practices", "mixed.csv", "--out", "q.csv"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(
        "error: q.csv: 3 problems\n  line 2, column 'url': 'illustrative' marks an invented row, "
        "but other rows are real: a table is all invented or all real"
    )
    assert "line 4, column 'url'" in error and "line 5" not in error
    assert not (project / "q.csv").exists() and not (project / "q.meta.yaml").exists()


def test_an_unregistered_page_names_the_command_that_registers_it(project, tmp_path, capsys):
    page = tmp_path / "new_page.txt"  # a page copied from elsewhere, not registered
    page.write_text((ROOT / SEED_002).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["ingest", "discussion", str(page), "--out", "mine.csv"]) == 1
    error = capsys.readouterr().err
    assert f"{page}: not registered in data/sources.csv" in error and "workbooks add page" in error
    assert not (project / "mine.csv").exists() and not (project / "mine.meta.yaml").exists()


@pytest.mark.parametrize(
    "page, said",
    [("nowhere.txt", "nowhere.txt: no such file"), ("data/raw/pages", "data/raw/pages: is a folder, not a page file")],
)
def test_a_page_that_is_not_there_is_said_so_and_nothing_is_written(project, capsys, page, said):
    assert main(["ingest", "discussion", page, "--out", "mine.csv"]) == 1
    assert capsys.readouterr().err == f"error: {said}\n"
    assert sorted(path.name for path in project.iterdir()) == ["data", "notebooks", "pyproject.toml"]


# --- export-qda and import-qda with another comments file ---------------------------------------------------------


def _reviewers_in(project_file: Path) -> set[str]:
    from workbooks.qda import refi

    project = refi.read_qdpx(project_file)
    users = {user.guid: user.name for user in project.users}
    return {
        users.get(coding.user_guid, "")
        for source in project.sources
        for selection in source.selections
        for coding in selection.codings
    }


def test_export_qda_with_another_comments_file_takes_no_project_reviews_unless_given(project, capsys):
    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 0
    capsys.readouterr()
    assert main(["export-qda", "--comments", "mine.csv", "--out", "out/mine.qdpx"]) == 0
    said = capsys.readouterr().out
    assert (
        "comments from mine.csv, questions from mine.questions.csv; no reviews applied: mine.csv is not the "
        "project's data/comments.csv, so the project's reviews (data/code_reviews.csv) are not taken; give "
        "--reviews FILE to apply reviews of these comments"
    ) in said
    assert _reviewers_in(project / "out" / "mine.qdpx") == {"automatic coder (the patterns of data/codebook.yaml)"}
    # given explicitly, they are taken (these comments are the seed's, which the project's reviews cover)
    assert (
        main(["export-qda", "--comments", "mine.csv", "--reviews", "data/code_reviews.csv", "--out", "out/r.qdpx"]) == 0
    )
    assert "reviews applied from data/code_reviews.csv" in capsys.readouterr().out
    assert _reviewers_in(project / "out" / "r.qdpx") == {"project engineer (AI coding assistant)"}
    # the project's comments: the project's reviews, as before
    assert main(["export-qda", "--out", "out/all.qdpx"]) == 0
    assert (
        "comments from data/comments.csv, questions from data/questions.csv; reviews applied from "
        "data/code_reviews.csv" in capsys.readouterr().out
    )


def test_export_qda_help_says_when_reviews_are_taken(capsys):
    with pytest.raises(SystemExit):
        main(["export-qda", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "none with another --comments file" in help_text and "workbooks export-qda --comments mine.csv" in help_text


def test_import_qda_with_another_comments_file_needs_its_own_reviews_file(project, capsys):
    assert main(["ingest", "discussion", SEED_002, "--out", "mine.csv"]) == 0
    before = (project / "data" / "code_reviews.csv").read_bytes()
    with pytest.raises(SystemExit) as stopped:
        main(["import-qda", "x.qdpx", "--comments", "mine.csv", "--reviewer", "Maria Rossi"])
    assert stopped.value.code == 2
    assert "--comments mine.csv is not the project's data/comments.csv: give --reviews FILE" in capsys.readouterr().err
    assert (project / "data" / "code_reviews.csv").read_bytes() == before


# --- messages: counts, formats in words, each problem once -------------------------------------------------------

RESEARCHER_COMMENTS = """discussion,question,comment_id,author,organisation,posted,in_reply_to,text,truncated,source
email-2023,,email-2023-c01,Jane,,15/03/2023,,Some text about decent work,maybe,email from Jane
email-2023,,email-2023-c01,Jane,,2023-03-15,,Some text,false,email from Jane
email-2023,,bad id!,Jane,,2023-02-30,,Some text,false,email from Jane
"""

RESEARCHER_PRACTICES = """practice_id,title,countries,region,years,type,submitter_or_implementers,source_db,url,summary,summary_basis,notes,target_group,target_group_basis,assessment
survey-2024-r001,A,Examplestan,,from 2021,,x,survey,r1,A public employment service for refugees.,survey response,,immigrants,,effective
Survey 2,B,Examplestan,,2019-22,,x,survey,r2,A work permit tied to one employer.,survey response,,migrants,,good
"""


def test_a_comments_file_with_errors_names_each_problem_once_in_file_order_in_words(project, capsys):
    (project / "my_comments.csv").write_text(RESEARCHER_COMMENTS, encoding="utf-8")
    write_sidecar(project / "my_comments.csv", "comments")
    assert main(["code", "my_comments.csv", "--out", "coded.csv"]) == 1
    assert capsys.readouterr().err == (
        "error: my_comments.csv: 5 problems\n"
        "  line 2, column 'posted': '15/03/2023' must be a real date written YYYY-MM-DD, e.g. 2024-06-30\n"
        "  line 2, column 'truncated': 'maybe' must be one of: true, false\n"
        "  line 3, column 'comment_id': 'email-2023-c01' repeats the key first given on line 2\n"
        "  line 4, column 'comment_id': 'bad id!' must be an id of letters, digits, '_', '.' and '-', starting with a "
        "letter or digit, e.g. email-consultation-2023-c01\n"
        "  line 4, column 'posted': '2023-02-30' must be a real date written YYYY-MM-DD, e.g. 2024-06-30\n"
    )
    assert not (project / "coded.csv").exists()


def test_a_practices_file_with_errors_names_each_problem_in_words(project, capsys):
    (project / "my_survey.csv").write_text(RESEARCHER_PRACTICES, encoding="utf-8")
    write_sidecar(project / "my_survey.csv", "practices")
    (project / "scores.csv").write_text("the last good scores", encoding="utf-8")
    assert main(["score", "--practices", "my_survey.csv", "--assessments", "", "--out", "scores.csv"]) == 1
    error = capsys.readouterr().err
    # every kind of problem at once, in the file's order: line 2's missing words before line 3's refused values
    assert error.startswith(
        f"error: {project / 'my_survey.csv'}: 5 problems\n"
        "  line 2, column 'target_group_basis': say which words of the record show target group 'immigrants'\n"
        "  line 3, column 'practice_id'"
    )
    assert "target group 'migrants'" not in error  # a rule is not read on a value its column refuses
    assert (
        "line 3, column 'practice_id': 'Survey 2' must be an id of lower-case letters, digits and '-', starting "
        "with a letter or digit, e.g. survey-2024-r017"
    ) in error
    assert (
        "line 3, column 'years': '2019-22' must be a year (2021), two years (2019-2022), a year to now "
        "(2021-present) or 'from 2021'"
    ) in error
    assert "^" not in error and "$" not in error and "\\d" not in error and "(s)" not in error
    assert (project / "scores.csv").read_text(encoding="utf-8") == "the last good scores"


def test_one_problem_is_said_without_a_count(project, capsys):
    assert main(["code", "nowhere.csv", "--out", "coded.csv"]) == 1
    assert capsys.readouterr().err == "error: nowhere.csv: no such file\n"


def test_a_whole_number_column_without_a_pattern_is_checked_not_a_traceback(project, capsys):
    states = project / "data" / "un_states.csv"
    states.write_text(states.read_text(encoding="utf-8").replace(",member,1946,", ",member,19x6,", 1), encoding="utf-8")
    assert main(["check-data"]) == 1
    out, error = capsys.readouterr()
    assert "line 2, column 'admitted': '19x6' must be a whole number written in digits, e.g. 12" in error
    assert "Traceback" not in error and out.strip().splitlines()[-1] == "1 file with problems (above)"
    assert "  data/un_states.csv: could not be read (below)" in out.splitlines()
