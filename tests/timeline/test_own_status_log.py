"""A status log of one's own (on data/templates/status_log.template.csv): its template names a real
activity; a brief on it names the file by its sidecar's title in its method and its sources."""

from __future__ import annotations

import shutil

import yaml

from conftest import ROOT, write_sidecar
from workbooks.timeline.brief import source_links, status_log_words
from workbooks.timeline.inputs import load_timeline_inputs

OWN = ROOT / "tests" / "fixtures" / "own_data" / "status_log.csv"  # 7 invented statuses of activities i to v
SOCIO = "Strengthening migrants' socio-economic integration"
MISSING = "Actionable recommendations on missing migrants and humanitarian assistance to migrants in distress"


def test_the_templates_example_row_names_a_real_activity_and_is_marked_invented():
    inputs = load_timeline_inputs(
        "data/activities.csv", "data/templates/status_log.template.csv", [], "2024-06-30", root=ROOT
    )
    assert inputs.progress.summary.recorded == 1 and inputs.statuses_invented
    assert not inputs.shipped_status_log


def test_a_status_log_of_ones_own_is_named_by_its_sidecar_in_the_method_and_the_sources(tmp_path):
    path = tmp_path / "my_status_log.csv"
    shutil.copy(OWN, path)
    sidecar = write_sidecar(path, "status_log")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(
        yaml.safe_dump({**meta, "title": "Statuses from our meetings", "provenance": "From the minutes."}),
        encoding="utf-8",
    )
    inputs = load_timeline_inputs("data/activities.csv", str(path), [SOCIO], "2024-06-30", root=ROOT)
    assert status_log_words(inputs) == "\u201cStatuses from our meetings\u201d"
    page, own = source_links(inputs)
    assert page.note.startswith("Hub workstream page")
    assert (own.title, own.url) == ("Statuses from our meetings", "")
    assert own.note == "7 statuses of these activities, each naming its source. From the minutes."
    elsewhere = load_timeline_inputs("data/activities.csv", str(path), [MISSING], "2024-06-30", root=ROOT)
    assert [link.title for link in source_links(elsewhere)] == [MISSING]  # no status of its activities: not a source


def test_the_projects_status_log_is_the_projects_and_adds_no_source_of_its_own():
    inputs = load_timeline_inputs("data/activities.csv", "data/status_log.csv", [], "2024-06-30", root=ROOT)
    assert inputs.shipped_status_log and status_log_words(inputs) == "the project's status log"
    assert all(link.note.startswith("Hub workstream page") for link in source_links(inputs))


def test_statuses_are_counted_once_a_day_an_activity_not_once_a_row_of_the_review_history(tmp_path):
    path = tmp_path / "my_status_log.csv"
    lines = OWN.read_text(encoding="utf-8").splitlines()
    first = lines[1]  # recorded twice more on the same day (a second look, a settling): still 7 statuses
    path.write_text("\n".join([*lines, first, first]) + "\n", encoding="utf-8")
    write_sidecar(path, "status_log")
    inputs = load_timeline_inputs("data/activities.csv", str(path), [SOCIO], "2024-06-30", root=ROOT)
    assert source_links(inputs)[1].note.startswith("7 statuses of these activities, each naming its source.")
