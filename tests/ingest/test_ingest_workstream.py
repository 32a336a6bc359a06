import pandas as pd
import pytest

from conftest import PAGES, ROOT, expected_rows
from workbooks.errors import PageFormatError
from workbooks.ingest.page_text import read_page
from workbooks.ingest.periods import parse_period
from workbooks.ingest.workstream import build_activities, parse_workstream_page, read_workstream_page
from workbooks.tables.layouts import ACTIVITIES
from workbooks.tables.sources import load_sources
from workbooks.tables.validate import load_table
from workbooks.tables.vocabularies import FLAG_CUT_OFF, FLAG_NO_TIMELINE, FLAG_UNNUMBERED

WORKSTREAM_PAGES = expected_rows("workstream")


@pytest.mark.parametrize("expected", WORKSTREAM_PAGES, ids=[row["file"][25:70] for row in WORKSTREAM_PAGES])
def test_every_workstream_page_matches_the_hand_checked_ground_truth(expected):
    rows = read_workstream_page(PAGES / expected["file"], "W", "s")
    assert len(rows) == int(expected["n_activities"])
    items = [item.strip().split("|") for item in expected["items"].split(";")]
    assert [row["activity_id"] for row in rows] == [item_id for item_id, _ in items]
    assert [row["timeline_raw"] for row in rows] == [timeline for _, timeline in items]
    for row, (_, timeline) in zip(rows, items, strict=True):
        if timeline:
            period = parse_period(timeline)
            assert (row["planned_start"], row["planned_end"]) == (period.start.isoformat(), period.end.isoformat())
            assert FLAG_CUT_OFF not in row["flags"]
        else:  # kept, flagged, not dropped
            assert row["planned_start"] is None and row["planned_end"] is None
            assert row["flags"] == FLAG_CUT_OFF


def test_seed_000_has_the_nine_activities_of_the_workstream_with_their_quarters():
    rows = read_workstream_page(PAGES / "000_1a0fd3d6edc5478c.txt", "W", "s")
    assert [(r["activity_id"], r["timeline_raw"]) for r in rows] == [
        ("i", "Q1 2023"),
        ("ii", "Q2 2023"),
        ("iii", "Q2-Q3 2023"),
        ("iv", "Q3 2023"),
        ("v", "Q4 2023"),
        ("vi", "Q2 2024"),
        ("vii", "Q2-Q3 2024"),
        ("viii", "Q4 2024"),
        ("ix", "Q3-4 2024"),
    ]
    assert rows[0]["planned_start"] == "2023-01-01" and rows[-1]["planned_end"] == "2024-12-31"
    assert (
        rows[3]["description"]
        == "Develop the first draft of the Guidance for policy making, with its checklist and examples."
    )
    assert all(r["flags"] == "" for r in rows)


def test_sub_items_and_status_options_belong_to_their_activity():
    rows = read_workstream_page(
        PAGES
        / "migrationnetwork.un.org__enhancing-pathways-regular-migration-through-bilateral-labour-migration-agreements.txt",
        "W",
        "s",
    )
    assert len(rows) == 1  # "c. Refreshing ..." is a letter, not the roman numeral after i
    assert "c. Refreshing the IOM-ILO-ITC e-learning course" in rows[0]["description"]
    assert "Yet to start" not in rows[0]["description"]


def _page(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_page(path)


def test_unreadable_timeline_is_an_error_naming_page_and_line(tmp_path):
    page = _page(tmp_path, "source: https://example.org/w\nform: x\n\ni. Do a thing.\n\nTimeline: sometime soon\n")
    with pytest.raises(PageFormatError) as caught:
        parse_workstream_page(page, "W", "s")
    assert str(tmp_path / "page.txt") in str(caught.value)
    assert "line 6" in str(caught.value) and "sometime soon" in str(caught.value)


def test_page_without_numerals_gets_ids_by_position(tmp_path):
    page = _page(
        tmp_path,
        "Intro paragraph.\n\nRun a survey.\n\nTimeline: Q1 2023\n  • Yet to start\n\n"
        "Publish a report.\nTimeline: 2024\n",
    )
    rows = parse_workstream_page(page, "W", "s")
    assert [(r["activity_id"], r["description"], r["timeline_raw"]) for r in rows] == [
        ("1", "Run a survey.", "Q1 2023"),
        ("2", "Publish a report.", "2024"),
    ]
    assert all(r["flags"] == FLAG_UNNUMBERED for r in rows)


def test_activity_without_timeline_in_mid_page_is_kept_and_flagged(tmp_path):
    page = _page(tmp_path, "i. First.\nii. Second.\nTimeline: 2023\niii. Third, cut of")
    rows = parse_workstream_page(page, "W", "s")
    assert [r["flags"] for r in rows] == [FLAG_NO_TIMELINE, "", FLAG_CUT_OFF]


def test_a_second_timeline_for_one_activity_is_an_error(tmp_path):
    page = _page(tmp_path, "i. First.\nTimeline: 2023\nTimeline: 2024\n")
    with pytest.raises(PageFormatError, match="line 3.*second 'Timeline:'"):
        parse_workstream_page(page, "W", "s")


def test_a_page_with_no_activities_is_an_error(tmp_path):
    page = _page(tmp_path, "Discussion Questions & Comments\nLogin to post comment\n")
    with pytest.raises(PageFormatError, match="no activities found"):
        parse_workstream_page(page, "W", "s")


def test_full_copy_wins_over_partial_copy_of_the_same_workstream():
    sources = load_sources(ROOT / "data" / "sources.csv")
    partial = PAGES / "migrationnetwork.un.org__strengthening-migrants-socio-economic-integration.txt"
    seed = PAGES / "000_1a0fd3d6edc5478c.txt"
    warnings = []
    frame = build_activities([partial, seed], sources, root=ROOT, warn=warnings.append)  # partial given first
    assert len(frame) == 9
    assert set(frame["source"]) == {"seed-000-socio-economic-integration"}
    assert warnings == []  # the two copies agree on every timeline


def test_shipped_activities_table_is_what_the_ingest_builds():
    sources = load_sources(ROOT / "data" / "sources.csv")
    pages = [ROOT / name for name in sources.loc[sources["kind"] == "workstream", "file"]]
    rebuilt = build_activities(pages, sources, root=ROOT)
    shipped = load_table(ROOT / "data" / "activities.csv", ACTIVITIES)
    rebuilt = rebuilt.astype(object).where(rebuilt.notna(), "")
    shipped_text = pd.read_csv(ROOT / "data" / "activities.csv", dtype=str, keep_default_na=False)
    assert shipped_text.to_dict("records") == rebuilt.astype(str).to_dict("records")
    assert len(shipped) == 18 and shipped["workstream"].nunique() == 5


def test_a_bare_timeline_line_takes_its_value_from_the_next_line_but_never_the_next_activity(tmp_path):
    page = _page(tmp_path, "i. First.\nTimeline:\n\nQ2 2023\n\nii. Second.\nTimeline:\niii. Third.\nTimeline: 2024\n")
    rows = parse_workstream_page(page, "W", "s")
    assert [(r["activity_id"], r["timeline_raw"], r["flags"]) for r in rows] == [
        ("i", "Q2 2023", ""),
        ("ii", "", FLAG_NO_TIMELINE),
        ("iii", "2024", ""),
    ]
    assert rows[2]["description"] == "Third."
