"""The history of runs (publish/history.py), without a kernel: runs recorded, editions kept and pruned, the page."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefs_scenario import parse_html
from workbooks.publish import history
from workbooks.publish.catalogue_page import write_index
from workbooks.publish.history import (
    editions_kept,
    load_runs,
    next_stamp,
    outcome_counts,
    previous_edition,
    record_run,
    write_history_page,
)
from workbooks.publish.run_records import RunResult

MOMENT = datetime(2026, 12, 7, 6, 0, 0, tzinfo=timezone.utc)
HOSTILE = "<script>alert(1)</script>"


def made(
    out: Path,
    brief: str,
    edition: int,
    status: str = "ok",
    cached: bool = False,
    fingerprint: str = "",
    error: str = "",
) -> RunResult:
    """A brief's result as the runner leaves it: its HTML and run record on disk, its facts in the result."""
    notebook, name = brief.split("/")
    (out / notebook).mkdir(parents=True, exist_ok=True)
    facts = {"title": f"Brief {name} {HOSTILE}", "summary": [f"Key message of edition {edition}."]}
    if status == "ok" and not cached:
        (out / notebook / f"{name}.html").write_text(f"<p>edition {edition}</p>", encoding="utf-8")
    result = RunResult(
        brief,
        status,
        html=f"{brief}.html",
        facts=facts,
        error=error,
        cached=cached,
        fingerprint=fingerprint or f"{edition:064d}",
        finished=f"2026-12-07 06:00:0{edition % 10} UTC",
    )
    (out / notebook / f"{name}.run.json").write_text(json.dumps(result.__dict__), encoding="utf-8")
    return result


def test_stamps_are_the_finishing_time_and_only_grow():
    assert next_stamp(MOMENT, None) == "2026-12-07T060000Z"
    assert next_stamp(MOMENT, "2026-12-07T060000Z") == "2026-12-07T060001Z"  # two runs within a second
    assert next_stamp(MOMENT, "2026-12-08T000000Z") == "2026-12-08T000001Z"  # the clock set back
    assert next_stamp(MOMENT, "2026-12-06T235959Z") == "2026-12-07T060000Z"


def test_each_run_records_every_brief_its_outcome_why_in_one_line_and_the_fingerprints(tmp_path):
    first = record_run(tmp_path, [made(tmp_path, "nb/a", 1), made(tmp_path, "nb/b", 1)], MOMENT, "s" * 64, now=MOMENT)
    second = record_run(
        tmp_path,
        [
            made(tmp_path, "nb/a", 2),
            made(tmp_path, "nb/b", 1, cached=True),
            made(tmp_path, "nb/c", 0, status="bad data", error="data/x.csv: line 3, column 'date': bad\n  and more"),
            made(tmp_path, "nb/d", 0, status="interrupted", error="not started: the run was stopped"),
            RunResult("(catalogue) index.html", "failed", error="disk full"),
        ],
        MOMENT,
        "t" * 64,
        now=MOMENT,
    )
    runs, unreadable = load_runs(tmp_path)
    assert [run["stamp"] for run in runs] == ["2026-12-07T060000Z", "2026-12-07T060001Z"] and unreadable == 0
    assert runs == [first, second] and second["shared_fingerprint"] == "t" * 64
    outcomes = {
        brief["brief"]: (brief["outcome"], brief["status"], brief["why"], brief["edition"])
        for brief in second["briefs"]
    }
    assert outcomes == {
        "nb/a": ("new edition", "ok", "its inputs changed since its last edition", "2026-12-07T060001Z"),
        "nb/b": ("unchanged", "ok", "inputs as at its last good run: kept, not run again", ""),
        "nb/c": ("failed", "bad data", "data/x.csv: line 3, column 'date': bad", ""),
        "nb/d": ("interrupted", "interrupted", "not started: the run was stopped", ""),
    }
    assert first["briefs"][0]["why"] == "its first edition kept in the history"
    assert second["briefs"][0]["fingerprint"] == f"{2:064d}"
    # run again (--force, or a file in data/ it does not use changed) and saying the same: no new edition
    again = record_run(tmp_path, [made(tmp_path, "nb/a", 2)], MOMENT, "t" * 64, now=MOMENT)
    assert (again["briefs"][0]["outcome"], again["briefs"][0]["why"], again["briefs"][0]["edition"]) == (
        "unchanged",
        "run again, it says what its last edition of 7 December 2026 said: no new edition kept",
        "",
    )


def test_a_run_that_says_what_the_last_edition_said_makes_no_edition_whatever_changed(tmp_path):
    first = made(tmp_path, "nb/a", 1)
    first.facts.update(generated="2026-12-06", since={"changes": []}, tracked={"a": 1})
    record_run(tmp_path, [first], MOMENT, "s", now=MOMENT)
    rerun = made(tmp_path, "nb/a", 1, fingerprint="f" * 64)  # its inputs changed: run, and its facts are the same
    rerun.facts.update(generated="2026-12-07", since={"changes": ["Nothing changed."]}, tracked={"a": 1})
    run = record_run(tmp_path, [rerun], MOMENT, "t", now=MOMENT)
    assert run["briefs"][0]["outcome"] == "unchanged" and len(editions_kept(tmp_path, "nb/a")) == 1
    assert outcome_counts(run) == "1 unchanged"
    moved = made(tmp_path, "nb/a", 1, fingerprint="e" * 64)
    moved.facts.update(generated="2026-12-07", tracked={"a": 2})  # a tracked fact changed: a new edition
    assert record_run(tmp_path, [moved], MOMENT, "t", now=MOMENT)["briefs"][0]["outcome"] == "new edition"
    said = made(tmp_path, "nb/a", 3, fingerprint="d" * 64)  # a key message changed
    said.facts.update(tracked={"a": 2})
    assert record_run(tmp_path, [said], MOMENT, "t", now=MOMENT)["briefs"][0]["outcome"] == "new edition"
    assert len(editions_kept(tmp_path, "nb/a")) == 3


def test_an_edition_keeps_the_html_as_made_and_the_facts_the_brief_recorded(tmp_path):
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s", now=MOMENT)
    record_run(tmp_path, [made(tmp_path, "nb/a", 2)], MOMENT, "s", now=MOMENT)
    kept = editions_kept(tmp_path, "nb/a")
    assert [edition.stamp for edition in kept] == ["2026-12-07T060001Z", "2026-12-07T060000Z"]
    assert (tmp_path / kept[1].html).read_text(encoding="utf-8") == "<p>edition 1</p>"  # not the newer HTML
    assert kept[1].facts["summary"] == ["Key message of edition 1."] and kept[0].fingerprint == f"{2:064d}"
    assert previous_edition(tmp_path, "nb/a") == kept[0] and previous_edition(tmp_path, "nb/none") is None


def test_only_the_last_n_editions_of_each_brief_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(history, "EDITIONS_KEPT", 2)
    for edition in range(1, 5):
        record_run(
            tmp_path,
            [made(tmp_path, "nb/a", edition), made(tmp_path, "nb/b", 1, cached=edition > 1)],
            MOMENT,
            "s",
            now=MOMENT,
        )
    assert [edition.facts["summary"][0] for edition in editions_kept(tmp_path, "nb/a")] == [
        "Key message of edition 4.",
        "Key message of edition 3.",
    ]
    assert len(editions_kept(tmp_path, "nb/b")) == 1  # kept, never re-made: its one edition stays
    assert len(load_runs(tmp_path)[0]) == 4  # every run stays recorded
    page = parse_html(write_history_page(tmp_path).read_text(encoding="utf-8"))
    assert " ".join(page.text).count("removed (only the last 2 are kept)") == 2


def test_a_half_made_edition_is_not_one_and_goes_at_the_next_prune(tmp_path):
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s", now=MOMENT)
    half = tmp_path / "history" / "nb" / "a" / ".2026-12-07T070000Z.making"
    half.mkdir()
    assert len(editions_kept(tmp_path, "nb/a")) == 1
    record_run(tmp_path, [made(tmp_path, "nb/a", 2)], MOMENT, "s", now=MOMENT)
    assert not half.exists()


def test_an_unreadable_line_of_the_runs_file_is_counted_and_the_rest_read(tmp_path):
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s", now=MOMENT)
    runs_file = tmp_path / "history" / "runs.jsonl"
    runs_file.write_text(runs_file.read_text(encoding="utf-8") + '{"stamp": "half a li', encoding="utf-8")
    record_run(tmp_path, [made(tmp_path, "nb/a", 2)], MOMENT, "s", now=MOMENT)
    runs, unreadable = load_runs(tmp_path)
    assert len(runs) == 2 and unreadable == 1
    assert "1 of its lines could not be read" in " ".join(parse_html(write_history_page(tmp_path).read_text()).text)


def test_the_history_page_lists_the_runs_newest_first_links_the_editions_and_escapes(tmp_path):
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s" * 64, now=MOMENT)
    failed = made(tmp_path, "nb/a", 0, status="failed", error=f"ValueError: {HOSTILE}")
    record_run(tmp_path, [failed], MOMENT, "s" * 64, now=MOMENT)
    html = write_history_page(tmp_path).read_text(encoding="utf-8")
    page = parse_html(html)
    text = " ".join(" ".join(page.text).split())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert page.links == [
        "index.html",
        "feed.xml",
        "history/nb/a/2026-12-07T060000Z/a.html",
        "history/nb/a/2026-12-07T060000Z/a.html",
    ]  # the brief's editions, then the first run's row
    assert text.index("Run of 7 December 2026, 06:00 UTC: 1 failed") < text.index(
        "Run of 7 December 2026, 06:00 UTC: 1 new edition"
    )
    assert f"Stale: the last run (7 December 2026, 06:00 UTC) failed: ValueError: {HOSTILE}" in text
    assert "ssssssssssss" in text and "s" * 13 not in text  # fingerprints shortened to 12 characters
    assert 'id="editions-nb-a"' in html and '<th scope="col">Outcome</th>' in html and "<caption>" in html


def test_the_catalogue_links_the_history_and_the_feed_once_there_is_a_history(tmp_path):
    made(tmp_path, "timeline_progress/a", 1)
    before = write_index(tmp_path).read_text(encoding="utf-8")
    assert "history.html" not in before and "feed.xml" not in before
    record_run(tmp_path, [made(tmp_path, "timeline_progress/a", 1)], MOMENT, "s", now=MOMENT)
    write_history_page(tmp_path)
    after = write_index(tmp_path).read_text(encoding="utf-8")
    assert {"history.html", "feed.xml", "history.html#editions-timeline_progress-a"} <= set(parse_html(after).addresses)
    assert '<link rel="alternate" type="application/atom+xml"' in after


def test_the_catalogue_marks_a_brief_whose_last_run_failed_stale_giving_each_run_its_own_time(tmp_path, monkeypatch):
    from workbooks.errors import TableError
    from workbooks.publish import run_records
    from workbooks.publish.catalogue_page import catalogue_entry
    from workbooks.publish.discover import Brief

    brief = Brief("timeline_progress", "a", tmp_path / "a.yaml", tmp_path / "a.ipynb")
    good = made(tmp_path, "timeline_progress/a", 1)  # its files made at 06:00:01
    good.finished = "2026-12-07 07:00:05 UTC"
    (tmp_path / "timeline_progress" / "a.run.json").write_text(json.dumps(good.__dict__), encoding="utf-8")
    said = []
    for failed_at in ("2026-12-07 07:01:28 UTC", "2026-12-08 07:01:00 UTC"):  # failed twice: still the good one's time
        monkeypatch.setattr(run_records, "now", lambda: failed_at)
        record = run_records.record_unrunnable(
            brief, "bad data", TableError("data/status_log.csv", ["line 4: bad"]), tmp_path, tmp_path
        )
        said.append(" ".join(" ".join(parse_html(catalogue_entry(record.__dict__)).text).split()))
    assert (
        "Stale: the last run (7 December 2026, 07:01 UTC) stopped on a data file it reads; this is the last good "
        "version, made 7 December 2026, 07:00 UTC."
    ) in said[0]
    assert (
        "Stale: the last run (8 December 2026, 07:01 UTC) stopped on a data file it reads; this is the last good "
        "version, made 7 December 2026, 07:00 UTC."
    ) in said[1]
    title = said[1].index("Brief a")  # said first under the title, before the question, the dates and the links
    assert said[1].index("Stale:") > title and said[1].index("Stale:") < said[1].index("Read (HTML)")
    assert said[1].index("Stale:") < said[1].index("Files:")


def test_the_previous_edition_a_brief_is_given_is_its_last_good_one_after_a_failed_run(tmp_path):
    assert history.previous_edition_record(tmp_path, "nb/a") == ""
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s", now=MOMENT)
    record_run(
        tmp_path, [made(tmp_path, "nb/a", 2, status="failed", error="ValueError: boom")], MOMENT, "s", now=MOMENT
    )
    record = Path(history.previous_edition_record(tmp_path, "nb/a"))
    assert record == tmp_path / "history" / "nb" / "a" / "2026-12-07T060000Z" / "edition.json"
    assert json.loads(record.read_text(encoding="utf-8"))["facts"]["summary"] == ["Key message of edition 1."]


def test_every_link_of_a_kept_edition_resolves_from_where_it_is_kept_and_says_it_is_an_earlier_one(tmp_path):
    import nbformat

    from following import unresolved_links
    from workbooks.publish.export import export_brief_html

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A brief\n\n[a section](#A-brief)")]
    first = made(tmp_path, "timeline_progress/a", 1)
    (tmp_path / "timeline_progress" / "a.html").write_text(
        export_brief_html(notebook, "A", brief="timeline_progress/a"), encoding="utf-8"
    )
    for made_beside in ("a.pdf", "a.tables.zip"):  # as the runner leaves them beside the page
        (tmp_path / "timeline_progress" / made_beside).write_bytes(b"")
    record_run(tmp_path, [first], MOMENT, "s", now=MOMENT)
    write_history_page(tmp_path)
    write_index(tmp_path)
    kept = tmp_path / editions_kept(tmp_path, "timeline_progress/a")[0].html
    current = tmp_path / "timeline_progress" / "a.html"
    assert kept.parent.name == "2026-12-07T060000Z"
    for page in (current, kept):
        assert unresolved_links(page, tmp_path) == [], page
    assert parse_html(current.read_text(encoding="utf-8")).links[:4] == [
        "../index.html",
        "../history.html#editions-timeline_progress-a",
        "a.pdf",
        "a.tables.zip",
    ]  # the current edition's own PDF and tables; an edition kept links the current one instead
    assert parse_html(kept.read_text(encoding="utf-8")).links[:3] == [
        "../../../../timeline_progress/a.html",
        "../../../../history.html#editions-timeline_progress-a",
        "../../../../index.html",
    ]
    words = " ".join(" ".join(parse_html(kept.read_text(encoding="utf-8")).text).split())
    assert (
        "The edition of 7 December 2026, 06:00 UTC, kept as it was made. The current edition of this brief · "
        "Every edition kept · All briefs, in their current editions"
    ) in words
    assert "Earlier editions" in " ".join(parse_html(current.read_text(encoding="utf-8")).text)


def test_a_failure_names_its_files_from_the_project_root_on_every_published_page(tmp_path):
    from workbooks.errors import TableError
    from workbooks.publish import report, run_records
    from workbooks.publish.discover import Brief
    from workbooks.publish.feed import write_feed

    root = tmp_path / "home" / "me" / "integration-workbooks"
    out = root / "outputs"
    brief = Brief("timeline_progress", "a", root / "params" / "a.yaml", root / "notebooks" / "a.ipynb")
    record_run(out, [made(out, "timeline_progress/a", 1)], MOMENT, "s", now=MOMENT)
    problem = TableError(root / "data" / "status_log.csv", ["line 4, column 'date': '2024-02-30' is not a real date"])
    failed = run_records.record_unrunnable(brief, "bad data", problem, out, root)
    assert failed.error.startswith("data/status_log.csv: line 4, column 'date'")
    record_run(out, [failed], MOMENT, "s", now=MOMENT)
    pages = [write_history_page(out), write_index(out), write_feed(out)]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "data/status_log.csv: line 4, column" in text, page.name
    elsewhere = tmp_path / "srv" / "outputs"  # an outputs folder outside the project: named from its own name
    said = report.failure_for_readers(
        f"cannot write {elsewhere}/a/b.html: disk full; read {root}/data/x.csv", root, elsewhere
    )
    assert said == "cannot write outputs/a/b.html: disk full; read data/x.csv"
    missing = f"x.csv: no such file (looked in params/t/, beside the parameter file, and in the project root ({root}))"
    assert report.failure_for_readers(missing, root, elsewhere).endswith("and in the project root)")


@pytest.mark.browser
def test_the_history_page_prints_on_a4_as_the_catalogue_does(tmp_path, chromium_binary, monkeypatch):
    import re

    from workbooks.publish import pdf

    monkeypatch.setenv(pdf.BROWSER_ENV, chromium_binary)
    record_run(tmp_path, [made(tmp_path, "nb/a", 1)], MOMENT, "s", now=MOMENT)
    sizes, browser = [], pdf.PrintingBrowser()
    for page in (write_history_page(tmp_path), write_index(tmp_path)):
        try:
            browser.print_pdf(page, page.with_suffix(".pdf"))
        finally:
            browser.close()
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", page.with_suffix(".pdf").read_bytes()).groups()
        sizes.append(tuple(round(float(side)) for side in box))
    assert sizes == [(595, 842), (595, 842)]  # A4 in points, not US Letter (612 x 792)


def test_a_brief_whose_parameter_file_is_gone_leaves_the_catalogue_and_its_files_stay(tmp_path):
    made(tmp_path, "timeline_progress/a", 1)
    made(tmp_path, "timeline_progress/gone", 1)
    everything = write_index(tmp_path).read_text(encoding="utf-8")
    assert "timeline_progress/gone.html" in parse_html(everything).addresses
    current = write_index(tmp_path, {"timeline_progress/a"}).read_text(encoding="utf-8")
    assert "timeline_progress/a.html" in parse_html(current).addresses
    assert "timeline_progress/gone.html" not in parse_html(current).addresses
    assert (tmp_path / "timeline_progress" / "gone.run.json").is_file()  # nothing deleted


def test_a_table_too_long_for_the_page_links_the_tables_zip_beside_the_brief_and_beside_each_edition(tmp_path):
    import nbformat

    from following import unresolved_links
    from workbooks.presentation.tables_zip import IN_TABLES_ZIP_CLASS, TABLES_ZIP_HREF
    from workbooks.publish.export import export_brief_html

    link = f'<p><a class="{IN_TABLES_ZIP_CLASS}" href="{TABLES_ZIP_HREF}">Download the brief\'s tables (zip)</a></p>'
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A brief"),
        nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output("display_data", data={"text/html": link})]),
    ]
    result = made(tmp_path, "consultation_inputs/a", 1)
    page = tmp_path / "consultation_inputs" / "a.html"
    page.write_text(export_brief_html(notebook, "A", brief="consultation_inputs/a"), encoding="utf-8")
    (tmp_path / "consultation_inputs" / "a.tables.zip").write_bytes(b"the tables of edition 1")
    (tmp_path / "consultation_inputs" / "a.pdf").write_bytes(b"")
    assert 'href="a.tables.zip"' in page.read_text(encoding="utf-8")
    record_run(tmp_path, [result], MOMENT, "s", now=MOMENT)
    (tmp_path / "consultation_inputs" / "a.tables.zip").write_bytes(b"the tables of edition 2")
    write_history_page(tmp_path)
    write_index(tmp_path)
    kept = tmp_path / editions_kept(tmp_path, "consultation_inputs/a")[0].html
    for shown in (page, kept):
        assert unresolved_links(shown, tmp_path) == [], shown
    assert (kept.parent / "a.tables.zip").read_bytes() == b"the tables of edition 1"  # the edition's own tables


def test_an_edition_whose_page_does_not_link_its_tables_keeps_no_copy_of_them(tmp_path):
    result = made(tmp_path, "nb/a", 1)
    (tmp_path / "nb" / "a.tables.zip").write_bytes(b"tables")
    record_run(tmp_path, [result], MOMENT, "s", now=MOMENT)
    kept = tmp_path / editions_kept(tmp_path, "nb/a")[0].html
    assert sorted(path.name for path in kept.parent.iterdir()) == ["a.html", "edition.json"]


def test_the_tracked_facts_are_kept_in_the_edition_and_left_out_of_the_run_record(tmp_path):
    """On 100,000 comments a brief's tracked facts are 27 MB: the run record, which every run reads back and the
    catalogue reads, holds its facts without them; the edition the next one compares with keeps them."""
    from workbooks.presentation.editions import TRACKED, read_previous_edition
    from workbooks.publish.discover import Brief
    from workbooks.publish.history import previous_edition_record
    from workbooks.publish.run_records import write_record

    result = made(tmp_path, "nb/a", 1)
    tracked = {"comments": {"c1": {"label": "Q1, comment 1 (ILO)", "codes": {}, "rejected": []}}}
    result.facts = {**result.facts, TRACKED: tracked}
    write_record(tmp_path, Brief("nb", "a", tmp_path / "a.yaml", tmp_path / "nb.ipynb"), result, tmp_path)
    record = json.loads((tmp_path / "nb" / "a.run.json").read_text(encoding="utf-8"))
    assert TRACKED not in record["facts"] and record["facts"]["summary"] == ["Key message of edition 1."]
    assert result.facts[TRACKED] == tracked  # the run's own result keeps them, for the history
    record_run(tmp_path, [result], MOMENT, "s", now=MOMENT)
    assert read_previous_edition(previous_edition_record(tmp_path, "nb/a")).tracked == tracked
