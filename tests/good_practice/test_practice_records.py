"""data/practices.csv from the raw practice records: every fact kept, target groups only where the
record's words show them, the survey template through the same schema."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.errors import TableError
from workbooks.good_practice.checklist import load_checklist
from workbooks.good_practice.practice_records import (
    LISTING_PAGE,
    OWN_PAGE,
    RAW_COLUMNS,
    build_practices,
    dates_disagree,
    field_counts,
    is_listing_url,
    page_kinds,
    reader_notes,
)
from workbooks.tables.datasets import load_dataset
from workbooks.tables.layouts import practice_row_problems

RAW = ROOT / "data" / "raw" / "practices" / "practice-records.csv"
# the counts the raw records' README gives
README_COUNTS = {
    "title": 86,
    "countries": 55,
    "region": 15,
    "years": 19,
    "type": 6,
    "submitter_or_implementers": 67,
    "practice_id": 96,
    "summary": 96,
    "url": 96,
}


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
    assert built["source_db"].value_counts().to_dict() == {
        "GFMD": 66,
        "Hub": 10,
        "other": 10,
        "ILO": 6,
        "Hub pledge": 3,
        "MIRPS": 1,
    }
    assert (built["assessment"] == "").all()


def test_the_committed_table_is_what_the_build_gives(built):
    committed = load_dataset("data/practices.csv", ROOT).frame
    pd.testing.assert_frame_equal(committed.reset_index(drop=True), built.reset_index(drop=True), check_dtype=False)


def test_target_group_only_where_the_words_show_it(built):
    groups = built.set_index("practice_id")["target_group"]
    # "migrants who come back to Nepal can also contribute": returnees; nothing in the record shows emigrants abroad
    assert groups["gfmd-nepal-social-security-fund"] == "return migrants"
    assert (
        groups["gfmd-zimbabwe-diaspora-policy"] == "emigrants and return migrants"
    )  # "citizens abroad", "returning retirees"
    assert groups["gfmd-balinkbayan-philippines"] == "emigrants and return migrants"  # "Filipinos abroad and returnees"
    assert groups["gfmd-fao-iom-kenya-rural-youth"] == "return migrants"  # "reintegrating young migrants" only
    assert groups["gfmd-spain-pandemic-health-access"] == "immigrants"  # "every migrant living in the country"
    assert groups["hubpledge-undp-gcm"] == "both"  # "inclusion of immigrants and of returning nationals"
    assert groups["gfmd-indonesia-law-18-2017"] == "emigrants"  # "nationals who go abroad"
    assert (
        groups["other-ayuda-en-accion-venezuelan-recovery"] == "immigrants"
    )  # refugees and migrants, not "host population"
    assert groups["gfmd-seasonal-worker-programme"] == "unknown"  # title only
    assert groups["hub-teaser-venezuela-unhcr-iom"] == "unknown"  # an almost empty record stays almost empty
    basis = built.set_index("practice_id")["target_group_basis"]
    assert "'returning nationals'" in basis["hubpledge-undp-gcm"] and "'immigrants'" in basis["hubpledge-undp-gcm"]
    assert ((built["target_group"] == "unknown") == (built["target_group_basis"] == "")).all()
    assert built["target_group"].value_counts().to_dict() == {
        "unknown": 38,
        "immigrants": 35,
        "emigrants": 16,
        "emigrants and return migrants": 2,
        "return migrants": 4,
        "both": 1,
    }
    assert practice_row_problems(built) == []


def test_a_raw_file_without_a_column_is_an_error_naming_it(tmp_path):
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False).drop(columns="summary_basis")
    path = tmp_path / "records.csv"
    raw.to_csv(path, index=False)
    with pytest.raises(TableError, match="records.csv: line 1: missing column summary_basis "):
        build_practices(path, load_checklist(root=ROOT))


def test_the_survey_template_loads_through_the_same_schema_and_is_illustrative():
    template = load_dataset("data/templates/practices.template.csv", ROOT, layout="practices")
    assert template.illustrative and len(template.frame) == 2
    frame = template.frame
    assert set(frame["assessment"]) == {"effective", "harmful"} and set(frame["source_db"]) == {"survey"}
    assert practice_row_problems(frame) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"assessment": ""}, "line 2, column 'assessment': a survey example needs 'effective' or 'harmful'"),
        ({"assessment": "good"}, "line 2, column 'assessment': 'good' must be one of: effective, harmful"),
        ({"target_group_basis": ""}, "line 2, column 'target_group_basis': say which words"),
        ({"target_group": "migrants"}, "line 2, column 'target_group': 'migrants' must be one of"),
        ({"source_db": "GFMD"}, "line 2, column 'assessment': only survey examples"),
        ({"years": "2020s"}, "line 2, column 'years': '2020s' must be a year (2021), two years (2019-2022)"),
        ({"summary": ""}, "line 2, column 'summary': '' must not be empty"),
    ],
)
def test_a_bad_survey_row_is_an_error_naming_line_and_column(tmp_path, change, expected):
    template = pd.read_csv(ROOT / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    for column, value in change.items():
        template.loc[0, column] = value
    path = tmp_path / "survey.csv"
    template.to_csv(path, index=False)
    write_sidecar(path, "practices", illustrative=True)
    with pytest.raises(TableError) as error:  # loading it says so: the loaders and check-data alike
        load_dataset(path, tmp_path, layout="practices")
    assert expected in str(error.value) and "survey.csv" in str(error.value)
    assert str(error.value).count(expected) == 1  # each problem said once


def test_check_data_reports_a_survey_row_without_an_assessment_and_every_kind_of_problem_at_once(tmp_path):
    from workbooks.tables.datasets import check_all_datasets

    template = pd.read_csv(ROOT / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    template.loc[0, "assessment"] = ""  # a rule across columns
    template.loc[1, "years"] = "2020s"  # a value its column refuses
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "survey.csv"
    template.to_csv(path, index=False)
    write_sidecar(path, "practices", illustrative=True)
    said = "\n".join(check_all_datasets(tmp_path))
    assert "line 2, column 'assessment': a survey example needs 'effective' or 'harmful'" in said
    assert "line 3, column 'years': '2020s' must be a year" in said


@pytest.mark.parametrize(
    "url, listing",
    [
        ("https://gfmd.org/taxonomy/term/562?page=3", True),  # a page number in the query
        ("http://www.gfmd.org/pfp/ppd-search", True),  # a search
        ("http://www.ilo.org/dyn/migpractice/migmain.listPractices?p_lang=en", True),
        ("https://www.gfmd.org/tags/discrimination-and-xenophobia", True),
        ("https://migrationnetwork.un.org/hub/repository-of-practices", True),
        ("https://migrant-integration.ec.europa.eu/newsletter/european-website-integration-january-2024_fr", True),
        (
            "https://migrationnetwork.un.org/practice/undp-five-pillar-approach-engage-diasporas-local-development",
            False,
        ),
        ("http://gfmd.org/pfp/ppd/5226", False),
        ("https://radioinblu.it/?p=53890", False),  # a post's number, not a page of a listing
        ("https://mirps-platform.org/en/resources/good-practices/local-integration-programme/", False),
    ],
)
def test_a_listing_page_is_told_by_its_url(url, listing):
    assert is_listing_url(url) is listing


def test_every_record_links_its_own_page_or_says_listing_page(built):
    kinds = page_kinds(built)
    assert set(kinds) == {OWN_PAGE, LISTING_PAGE} and len(kinds) == 96
    assert kinds["mirps-mexico-local-integration-relocation"] == OWN_PAGE
    # a ReliefWeb update found for one record and named in another's notes lists more than one practice
    assert kinds["other-brazil-companies-with-refugees-forum"] == LISTING_PAGE
    assert kinds["gfmd-sri-lanka-skills-passport"] == LISTING_PAGE  # a GFMD page shared by four records
    assert (kinds == OWN_PAGE).sum() == 17
    survey = build_practices(RAW, load_checklist(root=ROOT)).head(2).assign(url="survey-2024 response 17")
    assert set(page_kinds(survey)) == {""}  # a response's reference is no web page


def test_dates_from_two_sources_that_disagree_are_found(built):
    differ = {row["practice_id"]: dates_disagree(row) for _, row in built.iterrows() if dates_disagree(row)}
    assert differ == {"mirps-mexico-local-integration-relocation": [2016]}  # MIRPS: from 2022; ReliefWeb: from 2016
    record = {"years": "2013-2018", "notes": "Another site dated it from 2015. Date shared on GFMD: 9 Oct 2019."}
    assert dates_disagree(record) == []  # within the years; "date shared" is when it was posted
    assert dates_disagree({"years": "", "notes": "Dated 2016 elsewhere."}) == []  # one dating only
    assert dates_disagree({"years": "2020", "notes": "The ILO dates it from 2019 and ends it in 2021."}) == [2019, 2021]


@pytest.mark.parametrize(
    "notes, said",
    [
        ("Lead-entity list cut off.", "The lead organisations listed on the source are cut off in our copy."),
        (
            "IMRF pledge page, not a Repository practice. Title truncated on the page. Progress list cut off.",
            "IMRF pledge page, not a Repository practice. The title is cut off on the source page. The source's progress "
            "list is cut off in our copy.",
        ),
        (
            "Country line not shown in the listing; Germany taken from the title. The listing's 7th entry ('The Social Pa…') "
            "is cut off and not recorded.",
            "The source does not state the country; Germany is taken from the title.",
        ),
        (
            "Possibly linked to the regional strategy row; not confirmed.",
            "Possibly linked to the regional strategy record; not confirmed.",
        ),
        (
            "Possibly linked to the “Regional Strategy for Socioeconomic Integration” row; not confirmed.",
            "Possibly linked to the “Regional Strategy for Socioeconomic Integration” record; not confirmed.",
        ),
        ("Entry sits at the top of the stored page (text starts 'The ILO has also developed').", ""),
        ("Budget: three million euros.", "Budget: three million euros."),  # a fact for readers stays as it is
        ("", ""),
    ],
)
def test_notes_reach_a_reader_in_reader_words_without_how_the_data_were_built(notes, said):
    assert reader_notes(notes) == said


def test_the_brief_shows_reader_notes_and_the_download_keeps_the_notes_as_recorded():
    from workbooks.good_practice import brief, compare
    from workbooks.good_practice.inputs import load_practice_inputs

    inputs = load_practice_inputs(
        "data/practices.csv",
        "data/assessments.csv",
        ["mirps-mexico-local-integration-relocation", "ilo-germany-seasonal-workers"],
        [],
        [],
        [],
        [],
        [],
        root=ROOT,
    )
    shown = brief.records_table(inputs)
    page = " ".join(shown.frame[compare.NOTES_HEADER])
    assert "Lead-entity" not in page and "7th entry" not in page
    assert "The lead organisations listed on the source are cut off in our copy." in page
    assert "Lead-entity list cut off." in " ".join(shown.csv_frame[compare.NOTES_AS_RECORDED_HEADER])
