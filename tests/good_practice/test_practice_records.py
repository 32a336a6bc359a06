"""data/practices.csv from the raw practice records: every fact kept, target groups only where the
record's words show them, the survey template through the same schema."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.errors import TableError
from workbooks.good_practice.checklist import load_checklist
from workbooks.good_practice.records import RAW_COLUMNS, build_practices, check_practices, field_counts
from workbooks.tables.datasets import load_dataset

RAW = ROOT / "data" / "raw" / "practices" / "practice-records.csv"
# the counts the raw records' README gives
README_COUNTS = {"title": 86, "countries": 55, "region": 15, "years": 19, "type": 6,
                 "submitter_or_implementers": 67, "practice_id": 96, "summary": 96, "url": 96}


@pytest.fixture(scope="module")
def built():
    return build_practices(RAW, load_checklist(root=ROOT))


def test_every_record_and_every_fact_is_kept_as_the_source_states_it(built):
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False)
    assert len(built) == len(raw) == 96
    assert built["practice_id"].tolist() == raw["record_id"].tolist()
    for column in RAW_COLUMNS[1:]:
        assert built[column].tolist() == raw[column].tolist(), column
    counts = field_counts(built).set_index("column")["filled"]
    for column, expected in README_COUNTS.items():
        assert counts[column] == expected, column
    assert built["source_db"].value_counts().to_dict() == {"GFMD": 66, "Hub": 10, "other": 10, "ILO": 6,
                                                           "Hub pledge": 3, "MIRPS": 1}
    assert (built["assessment"] == "").all()


def test_the_committed_table_is_what_the_build_gives(built):
    committed = load_dataset("data/practices.csv", ROOT).frame
    pd.testing.assert_frame_equal(committed.reset_index(drop=True), built.reset_index(drop=True), check_dtype=False)


def test_target_group_only_where_the_words_show_it(built):
    groups = built.set_index("practice_id")["target_group"]
    assert groups["gfmd-nepal-social-security-fund"] == "return migrants"  # "migrants who come back"
    assert groups["gfmd-spain-pandemic-health-access"] == "immigrants"  # "every migrant living in the country"
    assert groups["hubpledge-undp-gcm"] == "both"  # "inclusion of immigrants and of returning nationals"
    assert groups["gfmd-indonesia-law-18-2017"] == "unknown"  # nationals going abroad: neither group
    assert groups["gfmd-seasonal-worker-programme"] == "unknown"  # title only
    assert groups["hub-teaser-venezuela-unhcr-iom"] == "unknown"  # an almost empty record stays almost empty
    basis = built.set_index("practice_id")["target_group_basis"]
    assert "'returning nationals'" in basis["hubpledge-undp-gcm"] and "'immigrants'" in basis["hubpledge-undp-gcm"]
    assert ((built["target_group"] == "unknown") == (built["target_group_basis"] == "")).all()
    assert built["target_group"].value_counts().to_dict() == {"unknown": 54, "immigrants": 35, "return migrants": 6,
                                                              "both": 1}
    check_practices(built, "data/practices.csv")


def test_a_raw_file_without_a_column_is_an_error_naming_it(tmp_path):
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False).drop(columns="summary_basis")
    path = tmp_path / "records.csv"
    raw.to_csv(path, index=False)
    with pytest.raises(TableError, match="(?s)records.csv: 1 problem.*missing column\\(s\\) summary_basis"):
        build_practices(path, load_checklist(root=ROOT))


def test_the_survey_template_loads_through_the_same_schema_and_is_illustrative():
    template = load_dataset("data/templates/practices.template.csv", ROOT, layout="practices")
    assert template.illustrative and len(template.frame) == 2
    frame = template.frame
    assert set(frame["assessment"]) == {"effective", "harmful"} and set(frame["source_db"]) == {"survey"}
    check_practices(frame, template.path)


@pytest.mark.parametrize("change, expected", [
    ({"assessment": ""}, "line 2, column 'assessment': a survey example needs 'effective' or 'harmful'"),
    ({"assessment": "good"}, "line 2, column 'assessment': 'good' must be one of: effective, harmful"),
    ({"target_group_basis": ""}, "line 2, column 'target_group_basis': say which words"),
    ({"target_group": "migrants"}, "line 2, column 'target_group': 'migrants' must be one of"),
    ({"source_db": "GFMD"}, "line 2, column 'assessment': only survey examples"),
    ({"years": "2020s"}, "line 2, column 'years': '2020s' must match"),
    ({"summary": ""}, "line 2, column 'summary': '' must not be empty"),
])
def test_a_bad_survey_row_is_an_error_naming_line_and_column(tmp_path, change, expected):
    template = pd.read_csv(ROOT / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    for column, value in change.items():
        template.loc[0, column] = value
    path = tmp_path / "survey.csv"
    template.to_csv(path, index=False)
    write_sidecar(path, "practices", illustrative=True)
    with pytest.raises(TableError) as error:
        check_practices(load_dataset(path, tmp_path, layout="practices").frame, path)
    assert expected in str(error.value) and "survey.csv" in str(error.value)
