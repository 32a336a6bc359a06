"""How the timeline briefs' tables and closing sections print: every shipped brief's activity tables as
tables (not a block of "No.: / Activity: ..." lines per activity), dates never broken inside, the
closing note kept with the sources, and lists in key messages named whole when short."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.common import dates
from workbooks.timeline import brief
from workbooks.timeline.inputs import load_timeline_inputs
from workbooks.timeline.progress import _list

SHIPPED = sorted((ROOT / "params" / "timeline_progress").glob("*.yaml"))
NBSP = "\u00a0"
NBH = "\u2011"  # a no-break hyphen


@pytest.fixture(autouse=True)
def made_on_6_december_2026(monkeypatch):
    monkeypatch.setattr(dates, "run_day", lambda: dt.date(2026, 12, 6))


def _inputs(path):
    parameters = yaml.safe_load(path.read_text(encoding="utf-8"))
    return load_timeline_inputs(
        parameters.get("activities_file", "data/activities.csv"),
        parameters.get("status_log_file", "data/status_log.csv"),
        parameters.get("workstreams", []),
        str(parameters["as_of"]),
        root=ROOT,
    )


def _html(block) -> str:
    return block._repr_mimebundle_()[0]["text/html"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_briefs_activity_tables_print_as_tables_not_stacked_rows(path):
    shown = brief.activity_tables_shown(_inputs(path))
    assert shown
    for block in shown:
        html = _html(block)
        assert 'class="brief-table"' in html and 'class="brief-table brief-table-stack"' not in html


def test_a_due_day_flag_with_a_late_start_stays_short_enough_for_a_table_column():
    """The socio-economic demonstration's activity vi: due on the as-of day and a late start, the longest
    flag its table holds (it printed the table as stacked rows when longer than 60 characters)."""
    inputs = _inputs(ROOT / "params" / "timeline_progress" / "socio_economic_integration_illustrative.yaml")
    [shown] = brief.activity_tables_shown(inputs)
    flags = dict(zip(shown.block.csv_frame["No."], shown.block.csv_frame["Flags"]))
    assert flags["vi"] == "due on the as-of day, not yet Completed; late start"
    assert max(len(value) for value in shown.block.csv_frame["Flags"]) <= 60


def test_dates_print_whole_in_table_cells_and_stay_plain_in_the_csv():
    frame = pd.DataFrame(
        {
            "Planned period": ["Jan 2023 – Dec 2023"],
            "Timeline on the page": ["Q2-Q3 2024"],
            "Latest recorded status": ["Completed, 20 Apr 2023"],
            "Activities": [3],
            "Activity": ["Hold 3 events in 2023 with 12 members"],
        }
    )
    shown = brief.dates_kept_whole(frame)
    assert shown["Planned period"][0] == f"Jan{NBSP}2023 – Dec{NBSP}2023"  # breaks between the dates, not inside
    assert shown["Timeline on the page"][0] == f"Q2{NBH}Q3{NBSP}2024"  # never "Q2-" above "Q3 2024"
    assert shown["Latest recorded status"][0] == f"Completed, 20{NBSP}Apr{NBSP}2023"
    assert shown["Activity"][0] == "Hold 3 events in 2023 with 12 members"  # no date in it: as it was
    assert shown["Activities"][0] == 3
    table = brief.dated_table(frame, "T", illustrative=False)
    assert (
        f"Jan{NBSP}2023" in _html(table)
        and NBSP not in table.csv_frame.to_csv()
        and NBH not in table.csv_frame.to_csv()
    )


@pytest.mark.parametrize(
    "timeline, whole",
    [
        ("Q1-Q2 2023", f"Q1{NBH}Q2{NBSP}2023"),
        ("Q3-4 2024", f"Q3{NBH}4{NBSP}2024"),
        ("Q4 2024", f"Q4{NBSP}2024"),
        ("2022-2024", f"2022{NBH}2024"),
        ("2023 - 2024", f"2023{NBSP}{NBH}{NBSP}2024"),
        ("2024", "2024"),
        ("", ""),
    ],
)
def test_every_timeline_as_a_page_writes_it_prints_whole(timeline, whole):
    """The forms data/activities.csv holds in timeline_raw."""
    assert (
        brief.dates_kept_whole(pd.DataFrame({"Timeline on the page": [timeline]}))["Timeline on the page"][0] == whole
    )


def test_the_real_briefs_planned_periods_print_whole(made_on_6_december_2026):
    inputs = _inputs(ROOT / "params" / "timeline_progress" / "all_workstreams.yaml")
    [section] = brief.glance_section(inputs)
    assert f"Jan{NBSP}2023 – Dec{NBSP}2024" in _html(section)


def test_sources_and_the_closing_note_print_together():
    inputs = _inputs(ROOT / "params" / "timeline_progress" / "socio_economic_integration_illustrative.yaml")
    html = _html(brief.sources_shown(brief.brief_facts(inputs, "T")))
    assert 'style="break-inside: avoid;' in html.split("Sources and how to cite")[0]
    assert "Not for citing." in html and html.index("Sources.") < html.index("Not for citing.")


@pytest.mark.parametrize(
    "count, words",
    [
        (1, "a"),
        (3, "a, b and c"),
        (4, "a, b, c and d"),  # 4 or fewer: all named, never "and 1 more"
        (5, "a, b, c and 2 more"),
    ],
)
def test_a_list_in_a_sentence_names_all_when_four_or_fewer(count, words):
    assert _list(list("abcde")[:count]) == words


def test_the_demonstration_of_all_workstreams_names_all_four_overdue_activities_and_counts_the_two_due_that_day():
    inputs = _inputs(ROOT / "params" / "timeline_progress" / "all_workstreams_illustrative.yaml")
    facts = brief.brief_facts(inputs, "T")
    [overdue] = [sentence for sentence in facts.summary if "overdue" in sentence]
    # the two due on 31 December 2024 itself (detention i, regular pathways ii: In progress) are counted beside them
    counted, named = overdue.split("; the overdue, longest first: ")
    assert counted.endswith("and 2 more are due on 31 December 2024 itself, not yet Completed")
    assert "more" not in named and named.count(", by ") == 4
