"""The workbooks command: ingest writes a valid table; bad input is a clear error and never overwrites."""
import shutil

import pytest

from conftest import ROOT
from workbooks.cli import main


@pytest.fixture()
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "data", root / "data")
    (root / "notebooks").mkdir()
    monkeypatch.setenv("WORKBOOKS_ROOT", str(root))
    monkeypatch.chdir(root)
    return root


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
    assert main(["ingest", "workstream", str(page), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert str(page) in error and "line 71" in error and "'Q2-Q3 of 2024'" in error
    assert out.read_bytes() == before


def test_unregistered_page_is_named(project, capsys):
    stray = project / "stray.txt"
    stray.write_text("i. A thing.\nTimeline: 2023\n", encoding="utf-8")
    assert main(["ingest", "workstream", str(stray), "--out", str(project / "x.csv")]) == 2
    assert "stray.txt: not registered in data/sources.csv" in capsys.readouterr().err
    assert not (project / "x.csv").exists()


def test_check_data_reports_a_bad_row(project, capsys):
    log = project / "data" / "status_log.csv"
    log.write_text(log.read_text() + "Alternatives to immigration detention,i,2024-01-01,Finished,hub-x,\n")
    assert main(["check-data"]) == 1
    assert "status_log.csv" in capsys.readouterr().err
