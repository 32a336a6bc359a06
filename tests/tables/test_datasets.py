"""Schema test for data/: every table has a valid sidecar, loads against its layout, names its sources."""

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from workbooks.errors import SidecarError, TableError
from workbooks.tables.datasets import check_all_datasets, load_dataset, load_sidecar, missing_sidecar_message

TABLES = sorted((ROOT / "data").glob("*.csv"))


def test_there_are_tables():
    assert {path.name for path in TABLES} >= {
        "sources.csv",
        "activities.csv",
        "status_log.csv",
        "status_log.illustrative.csv",
    }


@pytest.mark.parametrize("path", TABLES, ids=[path.name for path in TABLES])
def test_every_table_has_a_valid_sidecar_and_loads(path):
    dataset = load_dataset(path, ROOT)
    assert dataset.meta["title"].strip() and dataset.meta["provenance"].strip()
    if "source" in dataset.frame.columns:
        assert (dataset.frame["source"].str.strip() != "").all()


def test_no_problems_across_tables():
    assert check_all_datasets(ROOT) == []


def test_illustrative_data_is_labelled_in_the_file_and_the_sidecar():
    demo = load_dataset(ROOT / "data" / "status_log.illustrative.csv", ROOT)
    assert demo.illustrative and "ILLUSTRATIVE" in demo.meta["title"]
    assert (demo.frame["source"] == "illustrative").all()
    assert demo.frame["note"].str.startswith("ILLUSTRATIVE").all()
    real = load_dataset(ROOT / "data" / "status_log.csv", ROOT)
    assert not real.illustrative and real.frame.empty  # no page shows a selected status: nothing invented


def test_unmarked_row_in_an_illustrative_table_is_rejected(tmp_path):
    (tmp_path / "log.csv").write_text(
        "workstream,activity_id,as_of,status,source,note\nW,i,2024-01-01,Completed,hub-page,\n", encoding="utf-8"
    )
    (tmp_path / "log.meta.yaml").write_text(
        yaml.safe_dump(
            {"title": "t", "description": "d", "layout": "status_log", "illustrative": True, "provenance": "p"}
        )
    )
    with pytest.raises(TableError, match="line 2, column 'source'"):
        load_dataset(tmp_path / "log.csv")


@pytest.mark.parametrize(
    "meta, message",
    [
        (
            {"title": "t", "description": "d", "layout": "status_log", "provenance": "p"},
            "log.meta.yaml, key 'illustrative': is missing",
        ),
        (
            {"title": "t", "description": "d", "layout": "nope", "illustrative": False, "provenance": "p"},
            "line 3, key 'layout': layout 'nope'",
        ),
        (
            {"title": "t", "description": "d", "layout": "status_log", "illustrative": "no", "provenance": "p"},
            r"line 2, key 'illustrative': must be true or false \(bool\), got str 'no'",
        ),
        (
            {
                "title": "t",
                "description": "d",
                "layout": "status_log",
                "illustrative": False,
                "provenance": "p",
                "x": 1,
            },
            "line 6, key 'x': unknown key 'x'",
        ),
    ],
)
def test_bad_sidecars_are_rejected(tmp_path, meta, message):
    (tmp_path / "log.csv").write_text("x\n")
    (tmp_path / "log.meta.yaml").write_text(yaml.safe_dump(meta))
    with pytest.raises(SidecarError, match=message):
        load_sidecar(tmp_path / "log.csv")


def test_missing_sidecar_is_rejected(tmp_path):
    (tmp_path / "log.csv").write_text("x\n")
    with pytest.raises(SidecarError, match="missing"):
        load_sidecar(tmp_path / "log.csv")


def test_a_file_registered_twice_is_reported(tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    sources = root / "data" / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    copy = lines[1].replace("seed-000-socio-economic-integration", "seed-000-again", 1)
    sources.write_text("\n".join(lines + [copy]) + "\n", encoding="utf-8")
    problems = check_all_datasets(root)
    assert len(problems) == 1 and f"line {len(lines) + 1}, column 'file'" in problems[0] and "twice" in problems[0]


def test_an_activity_pointing_at_an_unregistered_source_is_reported(tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    activities = root / "data" / "activities.csv"
    text = activities.read_text(encoding="utf-8")
    activities.write_text(text.replace(",hub-missing-migrants,", ",hub-nowhere,", 1), encoding="utf-8")
    problems = check_all_datasets(root)
    assert len(problems) == 1
    assert "activities.csv, line 2, column 'source': 'hub-nowhere' is not a source_id in sources.csv" in problems[0]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "title: t\ndescription: d\nlayout: status_log\nillustrative: false\nprovenance: p\nlicense: 2024-02-30\n",
            "line 6, key 'license': 2024-02-30 is not a real date",
        ),
        (
            "title: t\ndescription: d\nlayout: status_log\nillustrative: false\nprovenance: p\ntitle: u\n",
            "line 6, key 'title': given twice (first on line 1)",
        ),
        ("- title\n- description\n", "line 1: expected a mapping of keys to values"),
        ("title: [t\n", "line 2: not valid YAML"),
        (
            'title: ""\ndescription: d\nlayout: status_log\nillustrative: false\nprovenance: p\n',
            "line 1, key 'title': is empty: write what the table is",
        ),  # a brief would name its data by nothing
        (
            "title: t\ndescription: d\nlayout: status_log\nillustrative: false\nprovenance: '  '\n",
            "line 5, key 'provenance': is empty",
        ),
    ],
)
def test_a_sidecar_problem_names_file_line_and_key(tmp_path, text, message):
    (tmp_path / "log.csv").write_text("x\n")
    (tmp_path / "log.meta.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SidecarError) as error:
        load_sidecar(tmp_path / "log.csv")
    assert str(error.value).startswith(f"{tmp_path / 'log.meta.yaml'}, {message}")


def _project(tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    return root


def _replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "table, old, new, expected",
    [
        (
            "status_log.illustrative.csv",
            ",ii,",
            ",xx,",
            "status_log.illustrative.csv, line {line}, column 'activity_id': no row of activities.csv has workstream",
        ),
        (
            "comments.csv",
            "seed-002-draft-network-workplan,1,seed-002-draft-network-workplan-c01,",
            "seed-002-draft-network-workplan,9,seed-002-draft-network-workplan-c01,",
            "comments.csv, line 2, column 'question': no row of questions.csv has discussion "
            "'seed-002-draft-network-workplan' and question '9'",
        ),
        ("code_reviews.csv", ",gcm-", ",gcm-99-", "code_reviews.csv, line {line}, column 'code': 'gcm-99-"),
        (
            "assessments.csv",
            ",social-dialogue,",
            ",social-talk,",
            "assessments.csv, line {line}, column 'item': 'social-talk' is not an item in checklist.yaml",
        ),
        (
            "hand_coded_sample.csv",
            "seed-002-draft-network-workplan-c01,",
            "seed-002-draft-network-workplan-c99,",
            "hand_coded_sample.csv, line 2, column 'comment_id': 'seed-002-draft-network-workplan-c99' is not a comment_id",
        ),
        (
            "workplan_priorities.csv",
            ",seed-002-draft-network-workplan,",
            ",seed-999,",
            "workplan_priorities.csv, line {line}, column 'source': 'seed-999' is not a source_id in sources.csv",
        ),
    ],
)
def test_check_data_names_an_unknown_reference_of_each_declared_kind(tmp_path, table, old, new, expected):
    root = _project(tmp_path)
    path = root / "data" / table
    line = next(
        number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if old in text
    )
    _replace_in(path, old, new)
    problems = check_all_datasets(root)
    assert any(expected.format(line=line) in problem for problem in problems), problems


def test_a_review_naming_another_comments_source_is_named(tmp_path):
    root = _project(tmp_path)
    path = root / "data" / "code_reviews.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    head, source, mode = lines[1].rsplit(",", 2)  # the last columns: source, mode
    lines[1] = f"{head},hub-comment-1546,{mode}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_all_datasets(root)
    assert (
        len(problems) == 1
        and "code_reviews.csv, line 2, column 'source': no row of comments.csv has comment_id" in problems[0]
    )
    assert source != "hub-comment-1546"


def test_an_empty_or_missing_data_folder_is_a_problem_not_all_valid(tmp_path):
    assert check_all_datasets(tmp_path)[0].endswith(
        "no data folder: check-data reads the tables in data/ of the "
        "project root (set WORKBOOKS_ROOT to the folder holding data/)"
    )
    (tmp_path / "data").mkdir()
    assert check_all_datasets(tmp_path) == [f"{tmp_path / 'data'}: no tables (*.csv) to check"]


def test_a_table_without_a_sidecar_is_refused_saying_which_file_to_create(tmp_path):
    import shutil

    path = tmp_path / "my_comments.csv"
    shutil.copy(ROOT / "data" / "templates" / "comments.template.csv", path)
    with pytest.raises(SidecarError) as error:
        load_dataset(path, tmp_path, layout="comments")
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'my_comments.meta.yaml'}: missing")
    assert "copy data/templates/comments.template.meta.yaml to my_comments.meta.yaml" in message


@pytest.mark.parametrize(
    "template, layout",
    [
        ("comments.template.csv", "comments"),
        ("practices.template.csv", "practices"),
        ("status_log.template.csv", "status_log"),
    ],
)
def test_each_template_ships_with_its_sidecar(template, layout):
    dataset = load_dataset(ROOT / "data" / "templates" / template, ROOT, layout=layout)
    assert dataset.illustrative and dataset.meta["layout"] == layout
    assert f"copy data/templates/{template.replace('.csv', '.meta.yaml')} to" in missing_sidecar_message(
        Path("mine.csv"), layout
    )  # a copy without its sidecar is told which one to copy


def test_a_table_that_means_nothing_empty_is_refused_with_its_header_only_and_others_may_be_empty(tmp_path):
    from workbooks.tables.layouts import ACTIVITIES, STATUS_LOG
    from workbooks.tables.validate import load_table

    activities = tmp_path / "activities.csv"
    activities.write_text(",".join(ACTIVITIES.column_names) + "\n", encoding="utf-8")
    with pytest.raises(TableError) as refused:
        load_table(activities, ACTIVITIES)
    assert refused.value.problems == [
        "line 2: no rows: the file has its header only; the activities table needs at least one row"
    ]
    status_log = tmp_path / "status_log.csv"
    status_log.write_text(",".join(STATUS_LOG.column_names) + "\n", encoding="utf-8")
    assert load_table(status_log, STATUS_LOG).empty  # no status recorded yet is a fact, not a fault


# --- the sidecar a command writes with the table it built ------------------------------------------------------


def _build():
    from workbooks.tables.datasets import Build

    return Build(
        command="workbooks ingest discussion page.txt --out mine.csv",
        read=("data/raw/pages/page.txt",),
        when="2026-06-30 10:00 UTC",
    )


def _comments(sources):
    import pandas as pd

    return pd.DataFrame({"comment_id": [f"c{n}" for n in range(len(sources))], "source": sources})


def test_a_built_sidecar_records_the_build_and_passes_the_sidecar_check(tmp_path):
    from workbooks.tables.datasets import built_sidecar_text

    text = built_sidecar_text(tmp_path / "mine.csv", "comments", _comments(["p", "p"]), _build(), "T", "D", "P")
    (tmp_path / "mine.meta.yaml").write_text(text, encoding="utf-8")
    meta = load_sidecar(tmp_path / "mine.csv")
    assert meta["illustrative"] is False and meta["built"] == "2026-06-30 10:00 UTC"
    assert meta["built_from"] == ["data/raw/pages/page.txt"] and meta["rebuild"].startswith("workbooks ingest")
    # the command's own sidecar is rewritten next time; all rows invented: illustrative
    text = built_sidecar_text(tmp_path / "mine.csv", "comments", _comments(["illustrative"]), _build(), "T", "D", "P")
    assert yaml.safe_load(text)["illustrative"] is True
    # no rows: nothing invented
    assert (
        yaml.safe_load(built_sidecar_text(tmp_path / "x.csv", "comments", _comments([]), _build(), "T", "D", "P"))[
            "illustrative"
        ]
        is False
    )


def test_a_person_s_sidecar_is_kept_and_must_name_the_layout(tmp_path):
    from workbooks.tables.datasets import built_sidecar_text

    person = {"title": "Mine", "description": "d", "layout": "comments", "illustrative": False, "provenance": "p"}
    (tmp_path / "mine.meta.yaml").write_text(yaml.safe_dump(person), encoding="utf-8")
    assert built_sidecar_text(tmp_path / "mine.csv", "comments", _comments(["p"]), _build(), "T", "D", "P") is None
    with pytest.raises(
        SidecarError,
        match=r"mine.meta.yaml, line \d+, key 'layout': is 'comments', but a questions "
        "table is written beside it",
    ):
        built_sidecar_text(tmp_path / "mine.csv", "questions", _comments(["p"]), _build(), "T", "D", "P")
    (tmp_path / "mine.meta.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(SidecarError, match="mine.meta.yaml"):
        built_sidecar_text(tmp_path / "mine.csv", "comments", _comments(["p"]), _build(), "T", "D", "P")


@pytest.mark.parametrize(
    "built_from, message",
    [
        ("built_from: data/page.txt", "key 'built_from': must be a list of file paths"),
        ("built_from: [data/page.txt, 3]", "key 'built_from': must be a list of file paths"),
        ("built: 2026-06-30", "key 'built': must be text"),
    ],
)
def test_a_sidecar_s_build_keys_are_checked(tmp_path, built_from, message):
    (tmp_path / "t.csv").write_text("x\n")
    (tmp_path / "t.meta.yaml").write_text(
        f"title: t\ndescription: d\nlayout: comments\nillustrative: false\nprovenance: p\n{built_from}\n",
        encoding="utf-8",
    )
    with pytest.raises(SidecarError, match=message):
        load_sidecar(tmp_path / "t.csv")


def test_a_reference_goes_to_the_table_made_beside_it_else_the_project_s_else_the_first():
    from workbooks.tables.datasets import reference_table

    real = {
        "a.questions.csv": "questions",
        "comments.csv": "comments",
        "mine.csv": "comments",
        "mine.questions.csv": "questions",
        "questions.csv": "questions",
    }
    assert reference_table("mine.csv", "questions", real) == "mine.questions.csv"
    assert reference_table("comments.csv", "questions", real) == "questions.csv"
    assert reference_table("other.csv", "questions", real) == "questions.csv"
    assert reference_table("other.csv", "questions", {"b.csv": "questions", "a.csv": "questions"}) == "a.csv"
    assert reference_table("mine.csv", "sources", real) is None


@pytest.mark.parametrize("broken", ["cell", "sidecar"])
def test_a_table_that_does_not_load_is_one_problem_not_one_more_per_table_referring_to_it(tmp_path, broken):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    if broken == "cell":
        sources = root / "data" / "sources.csv"
        lines = sources.read_text(encoding="utf-8").splitlines()
        lines[2] = lines[2].replace(",full,", ",whole,", 1).replace(",partial,", ",whole,", 1)
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        (root / "data" / "sources.meta.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    problems = check_all_datasets(root)
    assert len(problems) == 1 and problems[0].startswith(str(root / "data" / "sources"))
    assert "has no sources table" not in problems[0]


@pytest.mark.parametrize(
    "value, layout, message",
    [
        (
            "e-mail",
            "comments",
            r"line 1, key 'collected_from': 'e-mail' is not a kind of source; write one of hub pages, "
            r"e-mails, meeting notes, survey, other",
        ),
        (["e-mails", "fax"], "comments", r"'fax' is not a kind of source"),
        ([], "comments", r"nothing is not a kind of source"),
        (3, "comments", r"key 'collected_from': must be one of hub pages, e-mails"),
        ("e-mails", "practices", r"only a comments table's sidecar \(layout: comments\) has it; remove it"),
    ],
)
def test_a_sidecar_says_where_comments_were_gathered_in_the_declared_words(tmp_path, value, layout, message):

    table = tmp_path / "mine.csv"
    table.write_text("", encoding="utf-8")
    meta = {
        "collected_from": value,
        "title": "Mine",
        "description": "Mine.",
        "layout": layout,
        "illustrative": False,
        "provenance": "Mine.",
    }
    (tmp_path / "mine.meta.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    with pytest.raises(SidecarError, match=message):
        load_sidecar(table)


def test_a_comments_sidecar_may_name_one_kind_of_source_or_several():
    from workbooks.tables.datasets import collected_from

    assert collected_from(load_sidecar(ROOT / "data" / "templates" / "comments.template.csv")) == ["e-mails"]
    assert collected_from(load_sidecar(ROOT / "data" / "comments.csv")) == ["hub pages"]
    assert collected_from({"collected_from": ["e-mails", "meeting notes"]}) == ["e-mails", "meeting notes"]
    assert collected_from({}) == []
