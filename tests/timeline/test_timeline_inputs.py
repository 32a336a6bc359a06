import pandas as pd
import pytest

from conftest import ROOT
from workbooks.errors import TableError
from workbooks.tables.vocabularies import STATUSES
from workbooks.timeline.inputs import load_timeline_inputs

SOCIO = "Strengthening migrants' socio-economic integration"


def _inputs(log="data/status_log.csv", workstreams=(), as_of="2024-06-30"):
    return load_timeline_inputs("data/activities.csv", log, list(workstreams), as_of, root=ROOT)


def test_real_log_gives_the_headline_and_no_banner_the_key_messages_say_once_that_no_status_is_recorded():
    inputs = _inputs()
    # where the plans come from, said once in plain words: 4 of the 5 pages' copies rewrote the prose (sources.csv)
    assert inputs.headline() == (
        "As of 30 June 2024: 18 activities in 5 workstreams, 16 with a timeline. The plans are read from the project's "
        "copies of the workstreams' 5 pages on the Migration Network Hub: the prose of 4 copies was rewritten in other "
        "words, keeping names, dates and timelines as on the page, so their activity texts are our paraphrase."
    )
    assert inputs.caveats() == []


def test_illustrative_log_is_always_announced():
    inputs = _inputs("data/status_log.illustrative.csv", [SOCIO])
    assert inputs.workstreams == [SOCIO]
    assert inputs.headline() == (
        "As of 30 June 2024: 9 activities in 1 workstream, 9 with a timeline. The plan is "
        "read from the project's copy of the workstream's page on the Migration Network Hub, "
        "in the page's own words."
    )
    rewritten = _inputs(workstreams=["Alternatives to immigration detention"])
    assert rewritten.headline().endswith(
        "The plan is read from the project's copy of the workstream's page on the "
        "Migration Network Hub: its prose was rewritten in other words, keeping names, "
        "dates and timelines as on the page, so its activity texts are our paraphrase."
    )
    [(text, kind)] = inputs.caveats()
    assert kind == "warning" and text.startswith("ILLUSTRATIVE DATA") and "status_log.illustrative.csv" not in text


def test_unknown_workstream_parameter_names_the_known_ones():
    with pytest.raises(ValueError, match="parameter 'workstreams': unknown workstream.*known: \\[.Actionable"):
        _inputs(workstreams=["Socio-economic integration"])


def test_a_mistyped_workstream_gets_a_did_you_mean_as_a_mistyped_brief_or_file_does():
    with pytest.raises(ValueError) as error:
        _inputs(
            workstreams=["Alternatives to immigration detenton", "Strengthening migrants socio-economic integration"]
        )
    assert (
        "unknown workstreams ['Alternatives to immigration detenton', 'Strengthening migrants socio-economic "
        "integration'] (did you mean 'Alternatives to immigration detention' or "
        '"Strengthening migrants\' socio-economic integration"?); known: ['
    ) in str(error.value)
    with pytest.raises(ValueError) as error:  # nothing close: no guess
        _inputs(workstreams=["Climate"])
    assert "did you mean" not in str(error.value)


def _status_log(tmp_path, workstream: str, activity_id: str):
    """A status log of one row (Completed on 2024-01-01), with the project's sidecar."""
    log = tmp_path / "log.csv"
    log.write_text(
        "workstream,activity_id,as_of,status,source,note\n"
        f'"{workstream}",{activity_id},2024-01-01,Completed,hub-socio-economic-integration,\n',
        encoding="utf-8",
    )
    (tmp_path / "log.meta.yaml").write_text((ROOT / "data" / "status_log.meta.yaml").read_text())
    return log


def test_status_row_for_an_unknown_activity_is_an_error_naming_the_line(tmp_path):
    log = _status_log(tmp_path, SOCIO, "x")
    with pytest.raises(TableError) as error:
        load_timeline_inputs("data/activities.csv", log, [], "2024-06-30", root=ROOT)
    assert str(error.value).startswith(f"{log}: line 2, column 'activity_id'")
    assert (
        f"line 2, column 'activity_id': no row of activities.csv has workstream {SOCIO!r} and activity_id 'x'"
        in str(error.value)
    )


def test_a_status_outside_the_vocabulary_is_an_error_naming_file_line_field_and_the_vocabulary(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "workstream,activity_id,as_of,status,source,note\n"
        f"{SOCIO},i,2023-02-15,In progress,illustrative,\n"
        f"{SOCIO},i,2023-04-20,Delayed,illustrative,\n",
        encoding="utf-8",
    )
    (tmp_path / "log.meta.yaml").write_text((ROOT / "data" / "status_log.illustrative.meta.yaml").read_text())
    with pytest.raises(TableError) as error:
        load_timeline_inputs("data/activities.csv", log, [SOCIO], "2024-06-30", root=ROOT)
    assert str(error.value).startswith(f"{log}: line 3, column 'status'")
    assert "line 3, column 'status': 'Delayed'" in str(error.value)
    assert "Yet to start, In progress, Completed" in str(error.value) and "line 2" not in str(error.value)


@pytest.mark.parametrize("log", ["data/status_log.csv", "data/status_log.illustrative.csv"])
def test_every_status_in_the_project_logs_is_written_as_the_brief_names_it(log):
    """The brief names the vocabulary (Yet to start, In progress, Completed): a reader of the log's file
    finds those words, not an alias the loader reads as one of them ('Ongoing')."""
    written = pd.read_csv(ROOT / log, dtype=str, keep_default_na=False)["status"]
    assert set(written) <= set(STATUSES), sorted(set(written) - set(STATUSES))


@pytest.mark.parametrize("value", ["2024-13-01", "soon", None, "", "30 June 2024"])
def test_a_bad_as_of_is_a_clear_error_naming_the_parameter(value):
    with pytest.raises(ValueError, match="parameter 'as_of': expected a date written YYYY-MM-DD"):
        _inputs(as_of=value)


def test_as_of_is_parsed_once_into_a_day():
    import datetime as dt

    assert _inputs(as_of=dt.date(2024, 6, 30)).as_of == _inputs(as_of="2024-06-30").as_of == pd.Timestamp("2024-06-30")


def test_a_status_row_for_a_mistyped_workstream_names_the_workstream_column_and_the_close_name(tmp_path):
    # "migrant's" for "migrants'": the pair's first value is unknown, so that column is named, with the close name
    mistyped = SOCIO.replace("migrants'", "migrant's")
    assert mistyped != SOCIO
    log = _status_log(tmp_path, mistyped, "i")
    with pytest.raises(TableError) as error:
        load_timeline_inputs("data/activities.csv", log, [], "2024-06-30", root=ROOT)
    assert str(error.value) == (
        f"{log}: line 2, column 'workstream': {mistyped!r} is not a workstream in activities.csv "
        f"(did you mean {SOCIO}?)"
    )
