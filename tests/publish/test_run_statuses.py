"""A brief's run statuses are declared once (publish/run_statuses.py); every page that says how a run ended has words
for each, so a status added in one file is not said as "failed" elsewhere (a walk found the catalogue's fallback)."""

from __future__ import annotations

from workbooks.publish import catalogue_page, run_statuses
from workbooks.publish.run_statuses import INTERRUPTED, OK, RUN_STATUSES


def test_every_status_a_run_record_can_hold_has_the_catalogues_words():
    recorded_not_ok = set(RUN_STATUSES) - {OK, INTERRUPTED}  # an interrupted brief records nothing
    assert set(catalogue_page.WHY_NOT_OK) == recorded_not_ok


def test_the_statuses_and_the_outcomes_are_each_declared_once_without_repeats():
    assert len(set(RUN_STATUSES)) == len(RUN_STATUSES) and len(set(run_statuses.RUN_OUTCOMES)) == 4
    assert {name for name in vars(run_statuses) if name.isupper()} == {
        "OK",
        "FAILED",
        "INVALID",
        "BAD_DATA",
        "INTERRUPTED",
        "RUN_STATUSES",
        "NEW_EDITION",
        "UNCHANGED",
        "NOT_MADE",
        "STOPPED",
        "RUN_OUTCOMES",
    }  # a status added is added to RUN_STATUSES or RUN_OUTCOMES, and so to the test above
    assert {getattr(run_statuses, name) for name in ("OK", "FAILED", "INVALID", "BAD_DATA", "INTERRUPTED")} == set(
        RUN_STATUSES
    )
