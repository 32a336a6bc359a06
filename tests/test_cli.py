"""The workbooks command: ingest writes a valid table; bad input is a clear error and never overwrites."""

from conftest import ROOT, write_sidecar
from workbooks.cli import main


def test_ingest_all_registered_workstream_pages(project, capsys):
    out = project / "data" / "rebuilt.csv"
    assert main(["ingest", "workstream", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "activities.csv").read_text(encoding="utf-8")
    assert "wrote 18 activities from 6 page(s)" in capsys.readouterr().out


def test_bad_page_is_an_error_and_the_good_output_stays(project, capsys):
    page = project / "data" / "raw" / "pages" / "000_1a0fd3d6edc5478c.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("Q2-Q3 2024", "Q2-Q3 of 2024"), encoding="utf-8")
    out = project / "data" / "activities.csv"
    before = out.read_bytes()
    assert main(["ingest", "workstream", str(page), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert str(page) in error and "line 71" in error and "'Q2-Q3 of 2024'" in error
    assert out.read_bytes() == before


def test_unregistered_page_is_named(project, capsys):
    stray = project / "stray.txt"
    stray.write_text("i. A thing.\nTimeline: 2023\n", encoding="utf-8")
    assert main(["ingest", "workstream", str(stray), "--out", str(project / "x.csv")]) == 1
    assert "stray.txt: not registered in data/sources.csv" in capsys.readouterr().err
    assert not (project / "x.csv").exists()


def test_check_data_reports_a_bad_row(project, capsys):
    log = project / "data" / "status_log.csv"
    log.write_text(log.read_text() + "Alternatives to immigration detention,i,2024-01-01,Finished,hub-x,\n")
    assert main(["check-data"]) == 1
    assert "status_log.csv" in capsys.readouterr().err


def test_ingest_all_registered_discussion_pages(project, capsys):
    out = project / "data" / "rebuilt_comments.csv"
    assert main(["ingest", "discussion", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "comments.csv").read_text(encoding="utf-8")
    assert (project / "data" / "questions.csv").read_text(encoding="utf-8") == \
        (ROOT / "data" / "questions.csv").read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    assert "seed-002-draft-network-workplan: 14 comment(s), 3 question(s)" in printed
    assert "wrote 24 comments (22 cut off by the page)" in printed


def test_ingest_discussion_refuses_a_workstream_page(project, capsys):
    page = project / "data" / "raw" / "pages" / "000_1a0fd3d6edc5478c.txt"
    assert main(["ingest", "discussion", str(page), "--out", str(project / "c.csv")]) == 1
    assert "not a discussion page" in capsys.readouterr().err
    assert not (project / "c.csv").exists()


def test_code_keeps_columns_and_adds_codes(project, capsys):
    out = project / "coded.csv"
    assert main(["code", "data/comments.csv", "--out", str(out)]) == 0
    import pandas as pd
    coded = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(coded.columns)[-5:] == ["gcm_objectives", "principles", "themes", "priorities", "evidence"]
    assert len(coded) == 24
    assert "wrote 24 comments" in capsys.readouterr().out


def test_the_comments_template_loads_with_the_comments_schema(project):
    out = project / "template.coded.csv"
    assert main(["code", str(ROOT / "data" / "templates" / "comments.template.csv"), "--out", str(out)]) == 0


def test_a_bad_external_comments_file_names_file_line_and_column_and_writes_nothing(project, capsys):
    bad = project / "survey.csv"
    template = (ROOT / "data" / "templates" / "comments.template.csv").read_text(encoding="utf-8")
    bad.write_text(template + "survey,,survey-c02,,,15/03/2023,,Some text,maybe,survey export\n", encoding="utf-8")
    write_sidecar(bad, "comments", illustrative=True)
    out = project / "coded.csv"
    out.write_text("previous good output", encoding="utf-8")
    assert main(["code", str(bad), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "survey.csv" in error and "line 3, column 'posted'" in error and "line 3, column 'truncated'" in error
    assert out.read_text(encoding="utf-8") == "previous good output"


def test_ingest_practices_rebuilds_the_committed_table(project, capsys):
    out = project / "data" / "rebuilt_practices.csv"
    assert main(["ingest", "practices", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "practices.csv").read_text(encoding="utf-8")
    assert "wrote 96 practice records" in capsys.readouterr().out


def test_score_writes_every_practice_and_item_and_a_bad_review_leaves_the_old_scores(project, capsys):
    out = project / "scores.csv"
    assert main(["score", "--out", str(out)]) == 0
    assert "wrote 1056 scores (96 practices x 11 items, 18 reviewed)" in capsys.readouterr().out
    before = out.read_bytes()
    reviews = project / "data" / "assessments.csv"
    reviews.write_text(reviews.read_text(encoding="utf-8").replace(",social-dialogue,0,", ",social-dialogue,75,"),
                       encoding="utf-8")
    assert main(["score", "--out", str(out)]) == 1
    assert "line 11, column 'score': '75' must be one of: 0, 50, 100" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_help_and_usage_errors_load_no_heavy_library():
    """`workbooks --help` starts in a blink: the command line is read before pandas, pandera,
    nbformat or matplotlib are imported (each handler imports what it needs)."""
    import subprocess
    import sys

    probe = ("import sys\nfrom workbooks.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pandas', 'pandera', 'nbformat', 'matplotlib', 'numpy', 'yaml') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    assert loaded == "[]"
