"""The real runner on the real notebooks: Papermill, nbconvert, index, failure handling, the cache,
escaping of hostile text, clear errors that never overwrite a good brief. The scenario runs once
per session (tests/briefs_scenario.py); the tests read what it left behind."""

from __future__ import annotations

import json
import re

import pytest

from briefs_scenario import parse_html
from conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.kernel, pytest.mark.browser]  # real briefs, their PDFs printed


def _html(briefs_run, name):
    return (briefs_run["out"] / "timeline_progress" / f"{name}.html").read_text(encoding="utf-8")


def test_good_briefs_are_written_and_invalid_parameters_fail_the_run(briefs_run):
    assert briefs_run["first_code"] == 1  # the invalid parameter file
    for name in ("real", "demo", "hostile"):
        record = briefs_run["first_records"][f"{name}.run.json"]
        assert record["status"] == "ok", record
        assert record["seconds"] > 0
    invalid = briefs_run["first_records"]["invalid.run.json"]
    assert invalid["status"] == "invalid parameters"
    assert "invalid.yaml, line 1, key 'as_at': unknown parameter" in invalid["error"]
    assert not (briefs_run["out"] / "timeline_progress" / "invalid.html").exists()


def test_brief_has_no_code_no_prompts_and_nothing_from_another_host(briefs_run):
    html = _html(briefs_run, "demo")
    page = parse_html(html)
    assert "script" not in page.tags
    assert [a for a in page.loads if a.startswith(("http:", "https:", "//"))] == []  # nothing loaded from afar
    # back to the catalogue and to the brief's earlier editions, its own PDF and tables beside it, then only in-page
    # links, downloads and pages read
    assert page.links[:4] == [
        "../index.html",
        "../history.html#editions-timeline_progress-demo",
        "demo.pdf",
        "demo.tables.zip",
    ]
    assert all((briefs_run["out"] / "timeline_progress" / name).is_file() for name in page.links[2:4])
    assert all(a.startswith(("#", "https://migrationnetwork.un.org/", "data:text/csv")) for a in page.links[4:])
    assert "load_timeline_inputs" not in html and "assess_activities" not in html  # no code cells
    assert not page.classes & {"jp-InputPrompt", "jp-OutputPrompt", "jp-CodeMirrorEditor", "highlight"}
    assert "Timeline progress (notebook)" not in html  # the notebook-only cell is dropped
    assert "jp-OutputArea-output" in page.classes
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) >= 2  # figures embedded


def test_real_brief_shows_as_of_count_and_provenance(briefs_run):
    text = " ".join(" ".join(parse_html(briefs_run["good_html"].decode("utf-8")).text).split())
    assert "As of 30 June 2024: 18 activities in 5 workstreams" in text
    # a planned calendar says once, in its key messages, that no status is recorded, and has no section on the record
    assert text.count("no status is recorded") == 1 and text.index("no status is recorded") < text.index("Contents")
    assert "What the status record shows" not in text and "Not recorded" not in text
    assert "ILLUSTRATIVE" not in text
    assert "data/activities.csv" in text and "data/status_log.csv" in text  # what data made it
    assert "'2024-06-30'" in text  # and which parameters
    # findings first: key messages, then what was planned, due and recorded; how to read it after them
    body = text.split("Appendix: how this brief was made")[1]  # from the contents' last entry to the appendix
    headings = [
        "What was planned",
        "Each workstream at a glance",
        "What is due next",
        "Every activity",
        "How to read this brief",
        "Sources and how to cite",
    ]
    assert text.index("Key messages") < text.index("Contents")
    assert [body.index(heading) for heading in headings] == sorted(body.index(heading) for heading in headings)
    assert "1 activity is due to end in the next quarter (1 July to 30 September 2024)" in text
    assert "Data: Plan as of 30 June 2024; no status recorded" in text and "Brief generated:" in text
    assert "How to cite." in text and "not a publication of the Network" in text
    html = briefs_run["good_html"].decode("utf-8")
    assert "@media print" in html and "size: A4" in html


def test_illustrative_brief_says_so_at_the_top_on_every_chart_and_printed_page(briefs_run):
    html = _html(briefs_run, "demo")
    page = parse_html(html)
    text = " ".join(page.text)
    assert text.index("ILLUSTRATIVE DATA") < text.index("Key messages")
    assert "@top-center" in html and "ILLUSTRATIVE DATA" in html.split("@top-center")[1][:120]  # every printed page
    assert len(page.alts) == 2 and all(alt.startswith("ILLUSTRATIVE DATA") for alt in page.alts)  # every chart
    assert "status_log.illustrative.csv" not in text.split("Appendix")[0]  # words for readers, files in the appendix
    assert "As of 30 June 2024: 9 activities in 1 workstream," in text
    # the progress analysis is kept, and every sentence naming an overdue activity says its status is invented
    overdue = [sentence for sentence in re.split(r"(?<=\.) ", " ".join(text.split())) if " overdue (" in sentence]
    assert overdue and all(sentence.startswith("Under the invented statuses") for sentence in overdue)


def test_hub_text_is_escaped_in_the_brief(briefs_run):
    html = _html(briefs_run, "hostile")
    page = parse_html(html)
    assert "script" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;script&gt;document.title=" in html
    assert "Hostile activity &lt;script&gt;" in html
    assert "&lt;img src=x onerror=\"document.title='pwned'\"&gt;" in html
    assert "As of 30 June 2024: 19 activities" in " ".join(page.text)


def test_a_brief_whose_parameters_no_longer_fit_its_data_stops_before_its_kernel_keeping_its_last_good_html(briefs_run):
    folder = briefs_run["out"] / "timeline_progress"
    assert briefs_run["second_code"] == 1
    assert (folder / "real.html").read_bytes() == briefs_run["good_html"]
    assert not (folder / "real.failed.ipynb").exists()  # no kernel started: nothing executed to keep
    record = json.loads((folder / "real.run.json").read_text())
    assert record["status"] == "invalid parameters" and record["html"] == "timeline_progress/real.html"
    assert record["error"].startswith("params/timeline_progress/real.yaml, line 3, key 'workstreams'")  # from the root
    assert "unknown workstream" in record["error"]
    assert not list(folder.glob(".*.tmp")) and not list(folder.glob(".*.running.*"))


def test_index_lists_every_brief_with_status_parameters_and_links(briefs_run):
    index = (briefs_run["out"] / "index.html").read_text(encoding="utf-8")
    page = parse_html(index)
    for name in ("real", "demo", "hostile", "invalid"):
        assert f"timeline_progress/{name}" in index
    for kind in ("html", "pdf", "tables.zip"):
        assert f"timeline_progress/demo.{kind}" in page.addresses
    assert "invalid parameters" in index and "bad data" in index
    assert "status_log.illustrative.csv" in index
    assert [a for a in page.addresses if a.startswith(("http:", "https:", "//"))] == []
    text = " ".join(" ".join(page.text).split())
    assert "ILLUSTRATIVE Timeline progress" in text  # the demo's badge; the real brief has none
    moment = r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC"  # the real brief, second run: each time its own
    assert re.search(
        rf"Stale: the last run \({moment}\) stopped on its parameter file; this is the last good version, "
        rf"made {moment}\.",
        text,
    ), text
    assert text.index("Timeline progress") < text.index("Build details (for maintainers)")


def test_unchanged_brief_is_kept_and_a_changed_input_runs_it_again(briefs_run):
    unchanged, changed = briefs_run["unchanged"], briefs_run["changed"]
    assert unchanged["code"] == 0 and unchanged["html_kept"]
    assert unchanged["record"]["cached"] is True and unchanged["record"]["status"] == "ok"
    assert changed["code"] == 0 and changed["html_rewritten"]
    assert changed["record"]["cached"] is False
    assert changed["record"]["fingerprint"] != unchanged["record"]["fingerprint"]
    assert (
        "first recorded Completed 244 days after the planned end" in changed["html"]
    )  # activity iii, now recorded Completed on 31 May 2024


def _consultation_html(briefs_run, name):
    return (briefs_run["out"] / "consultation_inputs" / f"{name}.html").read_text(encoding="utf-8")


def test_consultation_brief_from_seed_002(briefs_run):
    assert briefs_run["first_records"]["workplan.run.json"]["status"] == "ok"
    html = _consultation_html(briefs_run, "workplan")
    page = parse_html(html)
    text = " ".join(page.text)
    assert "14 comments in 1 discussion, answering 3 questions; 8 name the organisation they speak for." in text
    assert "12 of 14 comments were cut off by the page" in text
    headings = (
        "Key messages",
        "What stakeholders asked for",
        "Which GCM objectives, principles and checklist themes they raised",
        "GCM objectives nobody raised",
        "Who raised what",
        "Network priorities referred to",
        "Sources and how to cite",
        "Annex: the codes of each comment",
        "Annex: how the codes were checked",
        "Appendix: how this brief was made",
    )
    body = text.split("Appendix: how this brief was made", 1)[1]  # after the contents' last entry
    assert [body.index(heading) for heading in headings[1:-1]] == sorted(
        body.index(heading) for heading in headings[1:-1]
    )
    assert text.index("Key messages") < text.index("Contents")
    assert body.index("What stakeholders asked for") < body.index(
        "Gender-responsive is the most frequent code"
    )  # asks first
    assert "Recruitment reform" in text and "one stakeholder (CARAM Asia)" in text
    assert (
        "Every count rests on codes checked by an AI assistant, not yet by a person; 3 codes the coder gave were "
        "rejected by a check and are not counted."
    ) in text  # c07's Obj. 2, c10's Obj. 7 and human rights: the coder's codes the assistant's check removed
    assert "F1, which combines the two over every code, is 0." in text and "bootstrap resamples" in text
    assert "consistency with that assistant" in text
    assert "Caritas Internationalis Confederation" in text and "civil society/NGO" in text
    assert "Strengthening the socio-economic integration of migrants" in text
    assert "On this workstream's own priority (New Priority 5" in text
    assert "8 of 14 comments ask for a change, an addition or an action" in text
    assert (
        "What the comments say on the codes in focus" not in text and "None" not in page.text
    )  # no focus, nothing shown
    assert "script" not in page.tags
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) == 2  # frequency chart, heatmap
    assert "Consultation inputs (notebook)" not in text and "load_consultation_inputs" not in html


def test_consultation_comment_text_is_escaped_in_the_brief(briefs_run):
    assert briefs_run["first_records"]["hostile_comments.run.json"]["status"] == "ok"
    html = _consultation_html(briefs_run, "hostile_comments")
    page = parse_html(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;script&gt;document.title=" in html
    assert "&lt;b onmouseover=alert(1)&gt;Evil Org&lt;/b&gt;" in html
    assert "onmouseover=alert" not in "".join(page.addresses)
    asks = html.split('class="brief-asks"', 1)[1].split("</section>", 1)[0]
    assert "We recommend cheaper remittances for women" in asks and "&lt;script&gt;document.title=" in asks
    assert "&lt;b onmouseover=alert(1)&gt;Evil Org" in asks  # who asked, escaped too


def test_an_unknown_code_fails_the_brief_with_a_clear_error(briefs_run):
    record = briefs_run["first_records"]["unknown_code.run.json"]
    assert record["status"] == "invalid parameters"
    assert record["error"].startswith("params/consultation_inputs/unknown_code.yaml, line 2, key 'codes_in_focus'")
    assert "codes_in_focus" in record["error"] and "gcm-99" in record["error"]


def _bad_review_line() -> int:
    """The line of the bad row the scenario appends to a copy of data/assessments.csv: after every row."""
    return len((ROOT / "data" / "assessments.csv").read_text(encoding="utf-8").splitlines()) + 1


def _comparison_html(briefs_run, name):
    return (briefs_run["out"] / "good_practice_comparison" / f"{name}.html").read_text(encoding="utf-8")


def test_comparison_brief_from_real_records(briefs_run):
    assert briefs_run["first_records"]["labour_inclusion_americas.run.json"]["status"] == "ok"
    html = briefs_run["bad_review"]["good_html"].decode("utf-8")
    page = parse_html(html)
    text = " ".join(" ".join(page.text).split())
    assert (
        "6 practices chosen for this brief on the workstream checklist (9 checklist items scored, and whom each practice serves), "
        "out of 91 records whose title or our summary names a migrant group or migration (of 96 in the file)."
    ) in text
    headings = [
        "Key messages",
        "What our summaries of the records show, and what they do not",
        "Missing from our summaries, and rare across all records",
        "Nearest practices",
        "The practices compared and their sources",
        "How the scores were made",
        "Sources and how to cite",
        "Appendix: how this brief was made",
    ]
    assert all(heading in text for heading in headings)
    assert [text.rindex(heading) for heading in headings] == sorted(text.rindex(heading) for heading in headings)
    # findings first; job creation full only where jobs reach migrants (Mexico's placements, the forum's staff)
    assert "Our summaries show job creation fully for 2 of the 6 records" in text
    assert "not proof the practices lack it" in text and "the Guidance" not in text  # gaps of our summaries
    assert (
        "checked by an AI assistant, not yet by a person (the project engineer (AI coding assistant), 6 December 2026)"
    ) in text
    assert "corrects the check of 2026-11-22, which gave 100" in text  # a check corrected says so
    assert "automatic, not checked: economic integration" in text  # what a score rests on, with its status
    assert not re.search(r"\breviewed\b", text.replace("the Network has not reviewed it", ""), re.IGNORECASE)
    assert "Overall: mean of" not in text  # pillar means, which invite a ranking, are the notebook's
    assert "MIRPS, the practice's own page" in text and "other, listing page" in text
    assert "dates differ between sources" in text
    for url in ("https://reliefweb.int/", "https://migrationnetwork.un.org/"):
        assert url in text and any(link.startswith(url) for link in page.links)  # named, and a link in the sources
    assert "data/practices.csv" in text and "data/assessments.csv" in text
    assert "script" not in page.tags and "load_practice_inputs" not in html
    assert "Good-practice comparison (notebook)" not in text  # the notebook-only cell is dropped
    assert "Pillar scores" not in text  # the notebook's, not the brief's
    assert "What each other score above 0 or checked rests on" in text  # on screen and on paper
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) == 1  # the heatmap
    assert "ILLUSTRATIVE" not in text
    facts = briefs_run["first_records"]["labour_inclusion_americas.run.json"]["facts"]
    assert facts["review_status"] == (
        "10 of the 72 scores checked by an AI assistant, not yet by a person; the other 62 automatic, not checked"
    )
    assert 3 <= len(facts["summary"]) <= 5


def test_survey_examples_are_escaped_and_scored_automatically(briefs_run):
    assert briefs_run["first_records"]["hostile_survey.run.json"]["status"] == "ok"
    html = _comparison_html(briefs_run, "hostile_survey")
    page = parse_html(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;b onmouseover=alert(1)&gt;Evil Org&lt;/b&gt;" in html and "&lt;script&gt;document.title=" in html
    text = " ".join(" ".join(page.text).split())
    # 2 practices x 12: 9 items scored and 3 readings of whom each serves (emigrants is the 12th)
    assert "; all 24 scores are automatic, not checked." in text
    assert "effective" in text and "harmful" in text  # the survey's own judgement is shown
    assert "reported as harmful in the survey" in text


def test_a_bad_review_row_fails_the_brief_naming_file_line_and_column(briefs_run):
    record = briefs_run["first_records"]["bad_review.run.json"]
    assert record["status"] == "bad data"
    assert "assessments_bad.csv" in record["error"]
    assert f"line {_bad_review_line()}, column 'score': '75' must be one of: 0, 50, 100" in record["error"]
    assert not (briefs_run["out"] / "good_practice_comparison" / "bad_review.html").exists()


def test_a_bad_review_file_never_overwrites_a_good_comparison_brief(briefs_run):
    bad = briefs_run["bad_review"]
    assert bad["code"] == 1 and bad["html_after"] == bad["good_html"]
    assert (
        bad["record"]["status"] == "bad data" and f"line {_bad_review_line()}, column 'score'" in bad["record"]["error"]
    )


def test_a_filter_matching_too_many_practices_says_how_to_narrow_it(briefs_run):
    record = briefs_run["first_records"]["too_many.run.json"]
    assert record["status"] == "invalid parameters"
    assert (
        "the comparison needs 2 to 6 practices" in record["error"] and "give 61" in record["error"]
    )  # 66 GFMD, 5 name no migrant group


def _ok_briefs(briefs_run):
    """Every brief with a good version on disk: this run's, or the last good one of a brief that failed later."""
    records = [json.loads(path.read_text()) for path in briefs_run["out"].glob("*/*.run.json")]
    return [record for record in records if record.get("html")]


def test_every_good_brief_comes_as_html_pdf_and_tables(briefs_run):
    import zipfile

    good = _ok_briefs(briefs_run)
    shipped = len(list((ROOT / "params").glob("*/*.yaml")))
    # the scenario's own: 3 timeline (real: last good), 2 consultation, 1 comparison; and every shipped brief
    # (labour_inclusion_americas: last good)
    assert len(good) == 6 + shipped and shipped == 9
    for record in good:
        out = briefs_run["out"]
        assert (out / record["pdf"]).read_bytes().startswith(b"%PDF"), record["brief"]
        with zipfile.ZipFile(out / record["tables"]) as archive:
            names = archive.namelist()
        assert names[0] == "README.txt" and len(names) > 1, record["brief"]
        assert record["facts"]["question"].endswith("?") and record["facts"]["title"], record["brief"]
    assert not list(briefs_run["out"].glob("*/.*.running.*"))


def test_every_brief_has_a_readers_opening_and_real_alt_text(briefs_run):
    for record in _ok_briefs(briefs_run):
        html = (briefs_run["out"] / record["html"]).read_text(encoding="utf-8")
        page = parse_html(html)
        text = " ".join(" ".join(page.text).split())
        cite = "Not for citing." if record["facts"].get("illustrative") else "How to cite."
        for part in ("Key messages", "Contents", "Sources and how to cite", "Sources.", cite, "Brief generated:"):
            assert part in text, (record["brief"], part)
        assert page.alts and all(alt and len(alt) > 40 for alt in page.alts), record["brief"]
        assert "No description has been provided" not in html
        assert 'class="brief-contents-list"><li>' in html  # the contents are filled
        assert "size: A4" in html


def test_no_brief_credits_a_person_with_the_assistants_work_or_quotes_a_paraphrase_as_posted(briefs_run):
    for record in _ok_briefs(briefs_run):
        text = " ".join(
            " ".join(parse_html((briefs_run["out"] / record["html"]).read_text(encoding="utf-8")).text).split()
        )
        assert not re.search(
            r"(?<!not yet )(?<!confirmed )by a person|a person reviewed|\breviewed\)|scores reviewed", text
        ), record["brief"]
        assert "as the databases state them" not in text and "shown as posted" not in text, record["brief"]
    consultation = " ".join(parse_html(_consultation_html(briefs_run, "workplan")).text)
    assert "project engineer (AI coding assistant)" in consultation  # the reviewer and coder, as recorded
    comparison = " ".join(briefs_run["bad_review"]["good_html"].decode("utf-8").split())
    assert "project engineer (AI coding assistant)" in comparison
    assert "our paraphrase" in comparison
