"""Runner pieces that need no kernel: finding and choosing briefs, the kernel check, the summary."""
import pytest

from conftest import ROOT
from workbooks.briefs.runner import (
    RunnerError,
    RunResult,
    brief_from_file,
    check_kernel,
    discover_briefs,
    select_briefs,
    summary_table,
)


def test_discover_every_parameter_file():
    briefs = discover_briefs(ROOT)
    assert {b.id for b in briefs} >= {"timeline_progress/all_workstreams",
                                      "timeline_progress/socio_economic_integration_illustrative"}
    assert all(b.notebook_path.exists() for b in briefs)


@pytest.mark.parametrize("name, expected", [
    ("timeline_progress/all_workstreams", ["timeline_progress/all_workstreams"]),
    ("all_workstreams", ["timeline_progress/all_workstreams"]),
    ("all_workstreams.yaml", ["timeline_progress/all_workstreams"]),
])
def test_select_by_id_or_name(name, expected):
    assert [b.id for b in select_briefs(discover_briefs(ROOT), [name])] == expected


def test_select_by_notebook_takes_all_its_briefs_once():
    available = discover_briefs(ROOT)
    chosen = select_briefs(available, ["timeline_progress", "all_workstreams"])
    assert [b.id for b in chosen] == [b.id for b in available if b.notebook == "timeline_progress"]


def test_unknown_brief_is_an_error_listing_the_known_ones():
    with pytest.raises(RunnerError, match="no brief named 'nope'; known: consultation_inputs/draft_workplan_2022, .*timeline_progress/all_workstreams"):
        select_briefs(discover_briefs(ROOT), ["nope"])


def test_params_file_outside_a_notebook_folder_is_an_error(tmp_path):
    stray = tmp_path / "elsewhere" / "x.yaml"
    stray.parent.mkdir()
    stray.write_text("as_of: 2024-01-01\n")
    with pytest.raises(RunnerError, match="names notebook 'elsewhere'"):
        brief_from_file(stray, ROOT)
    assert brief_from_file(ROOT / "params/timeline_progress/all_workstreams.yaml", ROOT).notebook == "timeline_progress"


def test_missing_kernel_is_an_error_saying_how_to_register_it():
    with pytest.raises(RunnerError, match="not registered.*make setup"):
        check_kernel("no-such-kernel-integration-workbooks")


def test_the_project_kernel_runs_this_environment():
    check_kernel()  # `make test` registers it for .venv; a kernel of another environment would raise


def test_summary_table_counts_and_gives_each_failure_whole_under_its_brief():
    results = [RunResult("nb/a", "ok", seconds=1.5, html="nb/a.html"),
               RunResult("nb/b", "failed", seconds=2.0, failed_notebook="nb/b.failed.ipynb",
                         error="TableError: data/x.csv: 2 problem(s)\n  line 9, column 'date': '2024-02-30' bad\n  line 12, column 'id': ''"),
               RunResult("nb/c", "interrupted", error="stopped while running")]
    lines = summary_table(results).splitlines()
    assert lines[2].endswith("nb/a.html") and lines[3].endswith("see nb/b.failed.ipynb")
    assert lines[4:7] == ["      TableError: data/x.csv: 2 problem(s)", "        line 9, column 'date': '2024-02-30' bad",
                          "        line 12, column 'id': ''"]
    assert lines[-1] == "1 ok, 1 failed, 1 interrupted"
