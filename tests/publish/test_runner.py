"""Runner pieces that need no kernel: finding and choosing briefs, the kernel check, the summary."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import ROOT
from workbooks.errors import RunnerError
from workbooks.loaders import LOADERS
from workbooks.publish.discover import brief_from_file, discover_briefs, select_briefs
from workbooks.publish.kernels import check_kernel
from workbooks.publish.report import run_ended, summary_table
from workbooks.publish.run_records import RunResult


def test_discover_every_parameter_file():
    briefs = discover_briefs(ROOT)
    assert {b.id for b in briefs} >= {
        "timeline_progress/all_workstreams",
        "timeline_progress/socio_economic_integration_illustrative",
    }
    assert all(b.notebook_path.exists() for b in briefs)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("timeline_progress/all_workstreams", ["timeline_progress/all_workstreams"]),
        ("all_workstreams", ["timeline_progress/all_workstreams"]),
        ("all_workstreams.yaml", ["timeline_progress/all_workstreams"]),
    ],
)
def test_select_by_id_or_name(name, expected):
    assert [b.id for b in select_briefs(discover_briefs(ROOT), [name])] == expected


def test_select_by_notebook_takes_all_its_briefs_once():
    available = discover_briefs(ROOT)
    chosen = select_briefs(available, ["timeline_progress", "all_workstreams"])
    assert [b.id for b in chosen] == [b.id for b in available if b.notebook == "timeline_progress"]


def test_unknown_brief_is_an_error_listing_the_known_ones():
    with pytest.raises(
        RunnerError,
        match="no brief named 'nope'; known: consultation_inputs/draft_workplan_2022, .*timeline_progress/all_workstreams",
    ):
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
    results = [
        RunResult("nb/a", "ok", seconds=1.5, html="nb/a.html"),
        RunResult("nb/k", "ok", seconds=9.0, cached=True),
        RunResult(
            "nb/b",
            "failed",
            seconds=2.0,
            failed_notebook="nb/b.failed.ipynb",
            error="TableError: data/x.csv: 2 problems\n  line 9, column 'date': '2024-02-30' bad\n  line 12, column 'id': ''",
        ),
        RunResult("nb/c", "interrupted", error="stopped while running"),
    ]
    lines = summary_table(results).splitlines()
    assert lines[2].split() == ["nb/a", "new", "edition", "1.5", "nb/a.html"] and lines[3].split() == [
        "nb/k",
        "unchanged",
        "-",
    ]
    assert lines[4].endswith("see nb/b.failed.ipynb")
    assert lines[5:8] == [
        "      TableError: data/x.csv: 2 problems",
        "        line 9, column 'date': '2024-02-30' bad",
        "        line 12, column 'id': ''",
    ]
    assert lines[-2].split() == ["nb/c", "interrupted", "0.0"] and lines[-1].split() == ["stopped", "while", "running"]
    # how many of each: the run's last line, not the table's
    assert run_ended(None, results).endswith(": 1 new edition, 1 unchanged, 1 failed, 1 interrupted")
    # a good brief's outcome as the history recorded it, where it did
    said_the_same = summary_table(results[:1], {"nb/a": "unchanged"}).splitlines()[-1]
    assert said_the_same.split()[:3] == ["nb/a", "unchanged", "1.5"]  # run, so its seconds, and why it is unchanged
    assert said_the_same.endswith("run: an input changed, but it says what its last edition said (no new edition)")


def test_a_loaders_error_about_a_parameter_is_placed_on_its_line_in_the_parameter_file(tmp_path):
    from workbooks.errors import ParameterError
    from workbooks.publish.discover import placed_in_parameter_file

    params = tmp_path / "brief.yaml"
    params.write_text("as_of: 2024-06-30\n# the workstreams shown\nworkstreams: [Nowhere]\n", encoding="utf-8")
    placed = placed_in_parameter_file(ParameterError(None, "workstreams", "unknown workstreams ['Nowhere']"), params)
    assert str(placed) == f"{params}, line 3, key 'workstreams': unknown workstreams ['Nowhere']"
    default = placed_in_parameter_file(ParameterError(None, "status_log_file", "x.csv: no such file"), params)
    assert str(default) == (
        f"{params}, key 'status_log_file': x.csv: no such file (the notebook's default: this file does not set it)"
    )


def test_a_file_parameter_naming_no_file_is_said_of_the_parameter_before_any_load(tmp_path):
    from workbooks.errors import ParameterError
    from workbooks.publish.preflight import check_inputs, declared_inputs

    parameters = {
        "activities_file": "data/activities.csv",
        "status_log_file": "data/no_such_log.csv",
        "workstreams": [],
        "as_of": "2024-06-30",
    }
    with pytest.raises(ParameterError) as error:
        check_inputs("timeline_progress", parameters, ROOT, LOADERS)
    assert error.value.key == "status_log_file" and error.value.reason.startswith("data/no_such_log.csv: no such file")
    assert (
        check_inputs("a_researchers_own_notebook", {}, ROOT, LOADERS) is None
    )  # no loader: nothing loaded before its kernel
    assert declared_inputs("a_researchers_own_notebook", {}, ROOT) == []


def test_an_unknown_item_of_a_list_parameter_is_placed_on_the_items_own_line(tmp_path):
    from workbooks.errors import ParameterError
    from workbooks.publish.discover import placed_in_parameter_file

    params = tmp_path / "brief.yaml"
    params.write_text("practices:\n  - known-one\n  - no-such-practice\n  - known-two\n", encoding="utf-8")
    placed = placed_in_parameter_file(
        ParameterError(None, "practices", "unknown practice_id 'no-such-practice'", items=["no-such-practice"]), params
    )
    assert str(placed).startswith(f"{params}, line 3, key 'practices': unknown practice_id")


def test_an_unchanged_brief_is_kept_without_loading_and_a_changed_input_anywhere_is_not(tmp_path, monkeypatch):
    """The fingerprint is made from what the loader declares, before any load: a brief whose declared files
    are as at its last good run is kept and its loader never called; a change to a file a parameter names
    outside the project, to that table's sidecar, or to the parameters, runs it again."""
    import json
    import shutil

    from workbooks.publish import discover, fingerprint, runner

    root, out = tmp_path / "project", tmp_path / "outputs"
    (root / "params" / "timeline_progress").mkdir(parents=True)
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "timeline_progress.ipynb", root / "notebooks")
    elsewhere = tmp_path / "exports" / "activities.csv"  # a file parameter pointing outside the project
    elsewhere.parent.mkdir()
    elsewhere.write_text("a,b\n", encoding="utf-8")
    elsewhere.with_name("activities.meta.yaml").write_text("title: x\n", encoding="utf-8")
    params = root / "params" / "timeline_progress" / "x.yaml"
    params.write_text(f"activities_file: {elsewhere}\nas_of: 2024-06-30\n", encoding="utf-8")
    brief = discover.brief_from_file(params, root)
    shared = fingerprint.shared_fingerprint(root)

    def loaded(*arguments):
        raise AssertionError("the loader ran for a brief whose inputs are unchanged")

    def to_run() -> list:
        results, runnable = runner._checked(LOADERS, [brief], out, root, False, shared)
        return [item.brief.id for item in runnable]

    monkeypatch.setattr(runner, "check_inputs", lambda *arguments: None)
    assert to_run() == [brief.id]  # no run yet
    parameters = discover.prepare(brief, root)
    declared = runner.declared_inputs(brief.notebook, discover.every_parameter(brief, parameters), root)
    assert elsewhere in declared and elsewhere.with_name("activities.meta.yaml") in declared
    (out / "timeline_progress").mkdir(parents=True)
    for name in ("x.html", "x.pdf", "x.tables.zip"):
        (out / "timeline_progress" / name).write_text("made", encoding="utf-8")
    (out / "timeline_progress" / "x.run.json").write_text(
        json.dumps(
            {
                "brief": brief.id,
                "status": "ok",
                "fingerprint": fingerprint.input_fingerprint(root, brief, parameters, declared, shared),
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(runner, "check_inputs", loaded)
    assert to_run() == []  # kept, the loader not called
    monkeypatch.setattr(runner, "check_inputs", lambda *arguments: None)
    elsewhere.with_name("activities.meta.yaml").write_text("title: y\n", encoding="utf-8")
    assert to_run() == [brief.id]
    elsewhere.with_name("activities.meta.yaml").write_text("title: x\n", encoding="utf-8")
    assert to_run() == []
    elsewhere.write_text("a,b\n1,2\n", encoding="utf-8")
    assert to_run() == [brief.id]
    elsewhere.write_text("a,b\n", encoding="utf-8")
    params.write_text(f"activities_file: {elsewhere}\nas_of: 2024-07-01\n", encoding="utf-8")
    assert to_run() == [brief.id]


def test_the_runners_check_loads_and_checks_every_input_but_codes_nothing(monkeypatch):
    """check_only: the files are loaded and checked (the error is the same), the comments not coded."""
    from workbooks.consultation import inputs as consultation_inputs
    from workbooks.consultation.inputs import load_consultation_inputs
    from workbooks.errors import ParameterError

    def no_coding(*arguments, **keywords):
        raise AssertionError("coded in a check")

    monkeypatch.setattr(consultation_inputs, "code_comments", no_coding)
    arguments = ("data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], 1)
    assert load_consultation_inputs(*arguments, root=ROOT, check_only=True) is None
    with pytest.raises(ParameterError, match="gcm-99"):
        load_consultation_inputs(*arguments[:3], ["gcm-99"], 1, root=ROOT, check_only=True)


def test_the_notebook_is_given_the_previous_edition_s_record_and_the_fingerprint_never_sees_it(tmp_path):
    from workbooks.publish import execute
    from workbooks.publish.discover import Brief
    from workbooks.publish.history import record_run
    from workbooks.publish.run_records import RunResult

    brief = Brief("nb", "a", tmp_path / "a.yaml", tmp_path / "nb.ipynb")
    parameters = {"as_of": "2024-06-30", "previous_edition": ""}
    assert execute._with_previous_edition(parameters, tmp_path, brief) == parameters  # none kept: a first edition
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "a.html").write_text("<p>1</p>", encoding="utf-8")
    record_run(
        tmp_path, [RunResult("nb/a", "ok", html="nb/a.html", facts={"title": "A"})], datetime.now(timezone.utc), "s"
    )
    given = execute._with_previous_edition(parameters, tmp_path, brief)
    assert given["previous_edition"].endswith("/edition.json") and Path(given["previous_edition"]).is_file()
    assert parameters["previous_edition"] == "" and execute._with_previous_edition({"x": 1}, tmp_path, brief) == {
        "x": 1
    }


def test_a_brief_whose_worker_died_fails_saying_so_and_leaves_no_half_made_file(tmp_path):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from workbooks.publish import pool, stopping
    from workbooks.publish.discover import Brief
    from workbooks.publish.run_records import output_paths

    brief = Brief("timeline_progress", "a", tmp_path / "a.yaml", tmp_path / "a.ipynb")
    paths = output_paths(tmp_path, brief)
    paths["html"].parent.mkdir(parents=True)
    for kind in ("running_notebook", "running_html", "running_pdf", "html"):
        paths[kind].write_text("made", encoding="utf-8")
    died: Future = Future()
    died.set_exception(BrokenProcessPool("a worker ended abruptly"))
    result = pool._pool_result(died, brief, tmp_path)
    assert (result.brief, result.status) == ("timeline_progress/a", "failed")
    assert result.error == "the worker process running it died (out of memory, or killed)"
    assert [path.name for path in paths["html"].parent.iterdir()] == ["a.html"]  # the last good brief, kept
    stopping._received.append(2)  # after Ctrl-C, the worker killed by the run: interrupted
    try:
        assert pool._pool_result(died, brief, tmp_path).status == "interrupted"
    finally:
        stopping._received.clear()


def test_a_mistyped_brief_name_is_told_the_close_one():
    with pytest.raises(
        RunnerError, match=r"no brief named 'al_workstreams' \(did you mean all_workstreams\?\); known: "
    ):
        select_briefs(discover_briefs(ROOT), ["al_workstreams"])
