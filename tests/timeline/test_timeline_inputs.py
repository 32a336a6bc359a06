import pytest

from conftest import ROOT
from workbooks.errors import TableError
from workbooks.timeline.progress import assess_activities, summarise_progress
from workbooks.timeline.inputs import load_timeline_inputs

SOCIO = "Strengthening migrants' socio-economic integration"


def _inputs(log="data/status_log.csv", workstreams=(), as_of="2024-06-30"):
    inputs = load_timeline_inputs("data/activities.csv", log, list(workstreams), as_of, root=ROOT)
    summary = summarise_progress(assess_activities(inputs.selected, inputs.status_log.frame, inputs.as_of), inputs.as_of)
    return inputs, summary


def test_real_log_gives_the_no_status_caveat_and_the_headline():
    inputs, summary = _inputs()
    assert inputs.headline(summary) == "As of 30 June 2024: 18 activities in 5 workstream(s), 16 with a timeline."
    [(text, kind)] = inputs.caveats(summary)
    assert kind == "info" and text.startswith("No status is recorded")


def test_illustrative_log_is_always_announced():
    inputs, summary = _inputs("data/status_log.illustrative.csv", [SOCIO])
    assert inputs.workstreams == [SOCIO]
    [(text, kind)] = inputs.caveats(summary)
    assert kind == "warning" and text.startswith("ILLUSTRATIVE DATA") and "status_log.illustrative.csv" in text


def test_unknown_workstream_parameter_names_the_known_ones():
    with pytest.raises(ValueError, match="parameter 'workstreams': unknown workstream.*known: \\[.Actionable"):
        _inputs(workstreams=["Socio-economic integration"])


def test_status_row_for_an_unknown_activity_is_an_error_naming_the_line(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("workstream,activity_id,as_of,status,source,note\n"
                   f"{SOCIO},x,2024-01-01,Completed,hub-socio-economic-integration,\n", encoding="utf-8")
    (tmp_path / "log.meta.yaml").write_text((ROOT / "data" / "status_log.meta.yaml").read_text())
    with pytest.raises(TableError, match="line 2: activity .* 'x' is not in activities.csv"):
        load_timeline_inputs("data/activities.csv", log, [], "2024-06-30", root=ROOT)
