"""``as_of: today``: the day of the run, in a parameter file and in the notebook's parameter; read by
the one parser (common.dates.parse_day) where the runner checks the file, so the brief's parameters,
its fingerprint and its kernel all hold the same ISO day; a bad value is named with file, line and key."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pandas as pd
import pytest

from conftest import ROOT
from workbooks.common import dates
from workbooks.errors import ParameterError
from workbooks.loaders import LOADERS
from workbooks.publish import discover, fingerprint
from workbooks.publish.parameters import declared_parameters, validate_parameters
from workbooks.publish.preflight import check_inputs, declared_inputs
from workbooks.timeline.inputs import load_timeline_inputs, parse_as_of

RUN_DAY = dt.date(2026, 12, 6)


@pytest.fixture()
def run_on(monkeypatch):
    """Set the day of the run: ``run_on(date)``."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(dates, "run_day", lambda: day)

    set_day(RUN_DAY)
    return set_day


def _inputs(as_of):
    return load_timeline_inputs("data/activities.csv", "data/status_log.csv", [], as_of, root=ROOT)


@pytest.mark.parametrize("value", ["today", "Today", " today "])
def test_today_is_the_day_of_the_run(run_on, value):
    assert parse_as_of(value) == pd.Timestamp("2026-12-06")
    run_on(dt.date(2026, 12, 7))
    assert parse_as_of(value) == pd.Timestamp("2026-12-07")


def test_today_and_the_same_day_written_out_make_the_same_brief_that_says_it_is_the_day_it_was_made(run_on):
    today, written = _inputs("today"), _inputs("2026-12-06")
    assert today.as_of == written.as_of == pd.Timestamp("2026-12-06")
    assert today.as_of_words == written.as_of_words == "6 December 2026, the day this brief was made"
    assert today.progress.activities.equals(written.progress.activities)


def test_another_day_is_not_called_the_day_the_brief_was_made(run_on):
    assert _inputs("2024-06-30").as_of_words == "30 June 2024"
    assert _inputs("2026-12-05").as_of_words == "5 December 2026"


@pytest.mark.parametrize("value", ["tomorrow", "todayish", "2026-12-32", "6 December 2026", "", None])
def test_a_bad_as_of_names_the_parameter_and_the_forms_it_may_take(value):
    with pytest.raises(
        ParameterError,
        match=r"parameter 'as_of': expected a date written YYYY-MM-DD, or today "
        r"\(the day of the run\), got",
    ):
        parse_as_of(value)


def _project(tmp_path, params_text: str):
    """A project with the real notebook and data, and one timeline parameter file ``brief.yaml``."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "params" / "timeline_progress").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "timeline_progress.ipynb", root / "notebooks")
    shutil.copytree(ROOT / "data", root / "data")
    params = root / "params" / "timeline_progress" / "brief.yaml"
    params.write_text(params_text, encoding="utf-8")
    return root, discover.brief_from_file(params, root)


def test_a_parameter_file_saying_today_gives_the_brief_the_run_day_as_an_iso_day(tmp_path, run_on):
    root, brief = _project(tmp_path, "# the real brief\nas_of: today\n")
    assert discover.prepare(brief)["as_of"] == "2026-12-06"
    run_on(dt.date(2027, 1, 1))
    assert discover.prepare(brief)["as_of"] == "2027-01-01"


def test_the_notebooks_parameter_may_say_today_too(run_on):
    """In JupyterLab the parameters cell may say today; its default stays a fixed day, so that the
    live views (and their tests) show the same brief whatever the day."""
    specs = declared_parameters(ROOT / "notebooks" / "timeline_progress.ipynb")
    assert specs["as_of"].kind == "date" and "or today" in specs["as_of"].help
    assert validate_parameters({"as_of": "today"}, specs, "p.yaml")["as_of"] == "2026-12-06"
    assert specs["as_of"].default == "2024-06-30"


def _kept(brief, out, root, shared):
    """The brief's last good run, kept as the runner keeps it: its declared inputs' fingerprint unchanged."""
    parameters = discover.prepare(brief)
    inputs = declared_inputs(brief.notebook, discover.every_parameter(brief, parameters), root)
    return fingerprint.cached_result(brief, out, fingerprint.input_fingerprint(root, brief, parameters, inputs, shared))


def test_a_brief_as_of_today_is_not_kept_from_yesterday_but_one_with_a_written_day_is(tmp_path, run_on):
    """The fingerprint covers the parameters as checked: ``today`` is already the run's ISO day."""
    out = tmp_path / "outputs"
    for text, kept_next_day in [("as_of: today\n", False), ("as_of: 2024-06-30\n", True)]:
        run_on(RUN_DAY)
        root, brief = _project(tmp_path / text[7:12], text)
        shared = fingerprint.shared_fingerprint(root)
        parameters = discover.prepare(brief)
        inputs = declared_inputs(brief.notebook, discover.every_parameter(brief, parameters), root)
        inputs_fingerprint = fingerprint.input_fingerprint(root, brief, parameters, inputs, shared)
        folder = out / brief.notebook
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("brief.html", "brief.pdf", "brief.tables.zip"):
            (folder / name).write_text("made", encoding="utf-8")
        (folder / "brief.run.json").write_text(
            json.dumps(
                {
                    "brief": brief.id,
                    "status": "ok",
                    "fingerprint": inputs_fingerprint,
                    "inputs": [str(p) for p in inputs],
                }
            ),
            encoding="utf-8",
        )
        assert _kept(brief, out, root, shared) is not None
        run_on(RUN_DAY + dt.timedelta(days=1))
        kept = _kept(brief, out, root, shared)
        assert (kept is not None) == kept_next_day, text


@pytest.mark.parametrize("value", ["tomorrow", "2026-02-30", "[2026-12-06]"])
def test_a_bad_as_of_in_a_parameter_file_is_named_with_its_file_line_and_key(tmp_path, value):
    root, brief = _project(tmp_path, f"brief_title: A brief\n# the day\nas_of: {value}\n")
    with pytest.raises(ParameterError) as caught:
        discover.prepare(brief)
    assert caught.value.key == "as_of" and caught.value.line == 3
    assert str(caught.value).startswith(f"{brief.params_path}, line 3, key 'as_of': ")


def test_the_runners_check_before_the_kernel_reads_today_as_the_notebook_will(tmp_path, run_on):
    root, brief = _project(tmp_path, "as_of: today\n")
    parameters = discover.every_parameter(brief, discover.prepare(brief))
    assert parameters["as_of"] == RUN_DAY.isoformat()
    check_inputs(brief.notebook, parameters, root, LOADERS)
    # and a loader given the word itself (the notebook run in JupyterLab) reads the same day, and the same files
    check_inputs(brief.notebook, {**parameters, "as_of": "today"}, root, LOADERS)
    assert declared_inputs(brief.notebook, {**parameters, "as_of": "today"}, root) == declared_inputs(
        brief.notebook, parameters, root
    )
