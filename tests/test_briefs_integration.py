"""The real runner on the real timeline notebook: Papermill, nbconvert, index, failure handling.

One module-scoped run executes each brief once; the tests read what it left behind.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.runner import run_briefs

pytestmark = pytest.mark.integration

HOSTILE_ORGANISATION = "<b onmouseover=alert(1)>Evil Org</b>"
HOSTILE = "Hostile activity <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.addresses, self.text, self.classes = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.classes.update(" ".join(value or "" for name, value in attrs if name == "class").split())
        self.addresses += [value or "" for name, value in attrs if name in ("src", "href", "action", "poster")]

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def _project_copy(tmp: Path) -> Path:
    root = tmp / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "data", root / "data")
    # a hostile copy of the activities table: Hub text is untrusted and must arrive inert
    activities = pd.read_csv(root / "data" / "activities.csv", dtype=str, keep_default_na=False)
    hostile = activities.iloc[[0]].copy()
    hostile["activity_id"], hostile["description"] = "xx", HOSTILE
    pd.concat([activities, hostile]).to_csv(root / "data" / "activities_hostile.csv", index=False)
    shutil.copy(root / "data" / "activities.meta.yaml", root / "data" / "activities_hostile.meta.yaml")
    params = root / "params" / "timeline_progress"
    params.mkdir(parents=True)
    briefs = {
        "real": {"as_of": "2024-06-30"},
        "demo": {"as_of": "2024-06-30", "status_log_file": "data/status_log.illustrative.csv",
                 "workstreams": ["Strengthening migrants' socio-economic integration"]},
        "hostile": {"as_of": "2024-06-30", "activities_file": "data/activities_hostile.csv"},
        "invalid": {"as_at": "2024-06-30"},
    }
    for name, values in briefs.items():
        (params / f"{name}.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    # consultation briefs: the real seed, hostile comments from elsewhere (on the template, no sidecar),
    # and a code the codebook does not have
    comments = pd.read_csv(root / "data" / "comments.csv", dtype=str, keep_default_na=False)
    hostile_comments = comments[comments["discussion"] == "seed-002-draft-network-workplan"].head(3).copy()
    hostile_comments["discussion"] = "hostile-survey"
    hostile_comments["comment_id"] = [f"hostile-c{i}" for i in range(3)]
    hostile_comments["source"] = "survey export (test)"
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("text")] = (
        "Cheaper remittances for women, please. " + HOSTILE)
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("organisation")] = HOSTILE_ORGANISATION
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("author")] = HOSTILE_ORGANISATION
    hostile_comments.to_csv(root / "data" / "survey_hostile.csv", index=False)
    consultation = root / "params" / "consultation_inputs"
    consultation.mkdir(parents=True)
    for name, values in {
        "workplan": {"discussions": ["seed-002-draft-network-workplan"]},
        "hostile_comments": {"discussions": ["hostile-survey"], "comments_file": "data/survey_hostile.csv"},
        "unknown_code": {"codes_in_focus": ["gcm-99"]},
    }.items():
        (consultation / f"{name}.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    # good-practice comparison: the real brief's parameter file, hostile survey examples (template
    # layout, no sidecar, no reviews), a review row with a bad score, and a filter matching too many
    comparison = root / "params" / "good_practice_comparison"
    comparison.mkdir(parents=True)
    shutil.copy(ROOT / "params" / "good_practice_comparison" / "labour_inclusion_americas.yaml", comparison / "americas.yaml")
    survey = pd.read_csv(root / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    survey["practice_id"] = ["survey-x-r001", "survey-x-r002"]
    survey["url"] = "survey-x response (test)"
    survey.loc[0, "title"] = HOSTILE_ORGANISATION
    survey.loc[0, "summary"] = "Places refugees in formal jobs with social security. " + HOSTILE
    survey.loc[1, "summary"] = "A work permit tied to one employer."
    survey.loc[1, "submitter_or_implementers"] = HOSTILE
    survey.to_csv(root / "data" / "survey_practices_hostile.csv", index=False)
    reviews = pd.read_csv(root / "data" / "assessments.csv", dtype=str, keep_default_na=False)
    bad = reviews.iloc[[0]].assign(item="social-dialogue", score="75")
    pd.concat([reviews, bad]).to_csv(root / "data" / "assessments_bad.csv", index=False)
    shutil.copy(root / "data" / "assessments.meta.yaml", root / "data" / "assessments_bad.meta.yaml")
    for name, values in {
        "hostile_survey": {"practices": [], "source_db": ["survey"], "practices_file": "data/survey_practices_hostile.csv",
                           "assessments_file": ""},
        "bad_review": {"assessments_file": "data/assessments_bad.csv"},
        "too_many": {"practices": [], "source_db": ["GFMD"]},
    }.items():
        (comparison / f"{name}.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = _project_copy(tmp_path_factory.mktemp("briefs"))
    out = root / "outputs"
    first_code = run_briefs(jobs=2, root=root, out_dir=out)
    first_records = {path.name: json.loads(path.read_text()) for path in out.glob("*/*.run.json")}
    good_html = (out / "timeline_progress" / "real.html").read_bytes()
    # the same brief now fails inside the notebook: its last good HTML must survive
    (root / "params" / "timeline_progress" / "real.yaml").write_text(
        yaml.safe_dump({"as_of": "2024-06-30", "workstreams": ["No such workstream"]}), encoding="utf-8")
    second_code = run_briefs(briefs=["timeline_progress/real"], root=root, out_dir=out)
    # unchanged inputs: kept without a kernel; a changed data file: run again
    demo_html = out / "timeline_progress" / "demo.html"
    demo_before = demo_html.stat().st_mtime_ns
    unchanged_code = run_briefs(briefs=["demo"], root=root, out_dir=out)
    unchanged = {"code": unchanged_code, "html_kept": demo_html.stat().st_mtime_ns == demo_before,
                 "record": json.loads((out / "timeline_progress" / "demo.run.json").read_text())}
    log = root / "data" / "status_log.illustrative.csv"
    log.write_text(log.read_text(encoding="utf-8").replace("2024-01-31,Completed", "2024-05-31,Completed"),
                   encoding="utf-8")
    changed_code = run_briefs(briefs=["demo"], root=root, out_dir=out)
    changed = {"code": changed_code, "html_rewritten": demo_html.stat().st_mtime_ns != demo_before,
               "record": json.loads((out / "timeline_progress" / "demo.run.json").read_text()),
               "html": demo_html.read_text(encoding="utf-8")}
    # a good comparison brief, then the same brief with a bad review file: the good HTML stays
    americas_html = (out / "good_practice_comparison" / "americas.html").read_bytes()
    americas_params = root / "params" / "good_practice_comparison" / "americas.yaml"
    values = yaml.safe_load(americas_params.read_text(encoding="utf-8"))
    americas_params.write_text(yaml.safe_dump({**values, "assessments_file": "data/assessments_bad.csv"}), encoding="utf-8")
    bad_review_code = run_briefs(briefs=["good_practice_comparison/americas"], root=root, out_dir=out)
    bad_review = {"code": bad_review_code, "good_html": americas_html,
                  "html_after": (out / "good_practice_comparison" / "americas.html").read_bytes(),
                  "record": json.loads((out / "good_practice_comparison" / "americas.run.json").read_text())}
    return {"unchanged": unchanged, "changed": changed, "bad_review": bad_review, "root": root, "out": out, "first_code": first_code, "second_code": second_code, "good_html": good_html,
            "first_records": first_records}


def _html(run, name):
    return (run["out"] / "timeline_progress" / f"{name}.html").read_text(encoding="utf-8")


def test_good_briefs_are_written_and_invalid_parameters_fail_the_run(run):
    assert run["first_code"] == 1  # the invalid parameter file
    for name in ("real", "demo", "hostile"):
        record = run["first_records"][f"{name}.run.json"]
        assert record["status"] == "ok", record
        assert record["seconds"] > 0
    invalid = run["first_records"]["invalid.run.json"]
    assert invalid["status"] == "invalid parameters"
    assert "invalid.yaml, key 'as_at': unknown parameter" in invalid["error"]
    assert not (run["out"] / "timeline_progress" / "invalid.html").exists()


def test_brief_has_no_code_no_prompts_and_nothing_from_another_host(run):
    html = _html(run, "demo")
    page = _parse(html)
    assert "script" not in page.tags
    assert [a for a in page.addresses if a.startswith(("http:", "https:", "//"))] == []
    assert "load_timeline_inputs" not in html and "assess_activities" not in html  # no code cells
    assert not page.classes & {"jp-InputPrompt", "jp-OutputPrompt", "jp-CodeMirrorEditor", "highlight"}
    assert "Timeline progress (notebook)" not in html  # the notebook-only cell is dropped
    assert "jp-OutputArea-output" in page.classes
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) >= 2  # figures embedded


def test_real_brief_shows_as_of_count_and_provenance(run):
    text = " ".join(_parse(run["good_html"].decode("utf-8")).text)
    assert "As of 30 June 2024: 18 activities in 5 workstream(s)" in text
    assert "No status is recorded" in text
    assert "ILLUSTRATIVE" not in text
    assert "data/activities.csv" in text and "data/status_log.csv" in text  # what data made it
    assert "'2024-06-30'" in text  # and which parameters
    assert "@media print" in run["good_html"].decode("utf-8")


def test_illustrative_brief_says_so_at_the_top(run):
    text = " ".join(_parse(_html(run, "demo")).text)
    assert text.index("ILLUSTRATIVE DATA") < text.index("Key findings")
    assert "As of 30 June 2024: 9 activities in 1 workstream(s)" in text
    assert "overdue" in text


def test_hub_text_is_escaped_in_the_brief(run):
    html = _html(run, "hostile")
    page = _parse(html)
    assert "script" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;script&gt;document.title=" in html
    assert "Hostile activity &lt;script&gt;" in html
    assert "&lt;img src=x onerror=\"document.title='pwned'\"&gt;" in html
    assert "As of 30 June 2024: 19 activities" in " ".join(page.text)


def test_failing_brief_keeps_last_good_html_and_its_failed_notebook(run):
    folder = run["out"] / "timeline_progress"
    assert run["second_code"] == 1
    assert (folder / "real.html").read_bytes() == run["good_html"]
    failed = json.loads((folder / "real.failed.ipynb").read_text())
    errors = [o for c in failed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors and "unknown workstream" in errors[0]["evalue"]
    record = json.loads((folder / "real.run.json").read_text())
    assert record["status"] == "failed" and record["html"] == "timeline_progress/real.html"
    assert "unknown workstream" in record["error"]
    assert not list(folder.glob(".*.tmp")) and not list(folder.glob(".*.running.ipynb"))


def test_index_lists_every_brief_with_status_parameters_and_links(run):
    index = (run["out"] / "index.html").read_text(encoding="utf-8")
    page = _parse(index)
    for name in ("real", "demo", "hostile", "invalid"):
        assert f"timeline_progress/{name}" in index
    assert "timeline_progress/demo.html" in page.addresses
    assert "timeline_progress/real.failed.ipynb" in page.addresses
    assert "invalid parameters" in index and "failed" in index
    assert "status_log.illustrative.csv" in index
    assert [a for a in page.addresses if a.startswith(("http:", "https:", "//"))] == []


@pytest.mark.browser
def test_hostile_text_stays_inert_in_a_real_browser(run, chromium):
    brief = run["out"] / "timeline_progress" / "hostile.html"
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", brief.as_uri()).stdout
    assert "pwned" not in dom.split("</title>")[0]  # neither the script nor the onerror handler ran
    assert "<title>Timeline progress" in dom
    assert '<img src="x"' not in dom and "Hostile activity" in dom


@pytest.mark.browser
def test_brief_prints_to_pdf_pages_in_a_real_browser(run, chromium, tmp_path):
    pdf = tmp_path / "demo.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (run["out"] / "timeline_progress" / "demo.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 2 <= pages <= 12, pages  # a short brief, laid out on several printed pages


def test_unchanged_brief_is_kept_and_a_changed_input_runs_it_again(run):
    unchanged, changed = run["unchanged"], run["changed"]
    assert unchanged["code"] == 0 and unchanged["html_kept"]
    assert unchanged["record"]["cached"] is True and unchanged["record"]["status"] == "ok"
    assert changed["code"] == 0 and changed["html_rewritten"]
    assert changed["record"]["cached"] is False
    assert changed["record"]["fingerprint"] != unchanged["record"]["fingerprint"]
    assert "completed 244 days late" in changed["html"]  # activity iii, now recorded Completed on 31 May 2024


def _consultation_html(run, name):
    return (run["out"] / "consultation_inputs" / f"{name}.html").read_text(encoding="utf-8")


def test_consultation_brief_from_seed_002(run):
    assert run["first_records"]["workplan.run.json"]["status"] == "ok"
    html = _consultation_html(run, "workplan")
    page = _parse(html)
    text = " ".join(page.text)
    assert "14 comments in 1 discussion(s), answering 3 question(s); 8 name the organisation they speak for." in text
    assert "12 of 14 comments were cut off by the page" in text
    for heading in ("Comments by question", "Who spoke", "What they raised", "Codes by stakeholder type",
                    "GCM objectives nobody raised", "Network priorities referred to", "In their words",
                    "Annex: how far the automatic coding agrees with hand coding", "What made this brief"):
        assert heading in text
    assert "micro-F1 0." in text and "bootstrap interval" in text
    assert "Caritas Internationalis Confederation" in text and "civil society/NGO" in text
    assert "Strengthening the socio-economic integration of migrants" in text
    assert "<mark>" in html  # evidence highlighted in the quotes
    assert "script" not in page.tags
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) == 2  # frequency chart, heatmap
    assert "Consultation inputs (notebook)" not in text and "load_consultation_inputs" not in html


def test_consultation_comment_text_is_escaped_in_the_brief(run):
    assert run["first_records"]["hostile_comments.run.json"]["status"] == "ok"
    html = _consultation_html(run, "hostile_comments")
    page = _parse(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;script&gt;document.title=" in html
    assert "&lt;b onmouseover=alert(1)&gt;Evil Org&lt;/b&gt;" in html
    assert "onmouseover=alert" not in "".join(page.addresses)
    assert "<mark>remittances</mark>" in html  # highlighting wraps escaped text, never raw text


def test_an_unknown_code_fails_the_brief_with_a_clear_error(run):
    record = run["first_records"]["unknown_code.run.json"]
    assert record["status"] == "failed"
    assert "codes_in_focus" in record["error"] and "gcm-99" in record["error"]


@pytest.mark.browser
def test_hostile_comment_stays_inert_in_a_real_browser(run, chromium):
    brief = run["out"] / "consultation_inputs" / "hostile_comments.html"
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", brief.as_uri()).stdout
    assert "pwned" not in dom.split("</title>")[0]
    assert '<img src="x"' not in dom and "<b onmouseover" not in dom
    assert "Cheaper" in dom


def _comparison_html(run, name):
    return (run["out"] / "good_practice_comparison" / f"{name}.html").read_text(encoding="utf-8")


def test_comparison_brief_from_real_records(run):
    assert run["first_records"]["americas.run.json"]["status"] == "ok"
    html = run["bad_review"]["good_html"].decode("utf-8")
    page = _parse(html)
    text = " ".join(page.text)
    assert "6 practices compared on the workstream checklist (4 pillars, 11 items), out of 96 records." in text
    for heading in ("Key findings", "The practices compared", "Side by side on the checklist",
                    "Practices by checklist items", "Scores rolled up, with the items beside them",
                    "Each practice's profile", "Strengths and gaps", "Checklist gaps", "Nearest practices",
                    "Where every record comes from", "Annex: the checklist and how scores are made",
                    "Reviewed scores of the practices compared", "What made this brief"):
        assert heading in text, heading
    assert "REVIEWED (automatic was 100)" in text and "automatic: social protection" in text
    assert "= Overall: mean of Access to decent work, Access to financing, Approach" in text
    for url in ("https://reliefweb.int/", "https://migrationnetwork.un.org/"):
        assert url in text  # every record's page is named
    assert "data/practices.csv" in text and "data/assessments.csv" in text
    assert "script" not in page.tags and "load_practice_inputs" not in html
    assert "Good-practice comparison (notebook)" not in text  # the notebook-only cell is dropped
    assert sum(a.startswith("data:image/png;base64,") for a in page.addresses) == 2  # heatmap, radars
    assert "ILLUSTRATIVE" not in text


def test_survey_examples_are_escaped_and_scored_automatically(run):
    assert run["first_records"]["hostile_survey.run.json"]["status"] == "ok"
    html = _comparison_html(run, "hostile_survey")
    page = _parse(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert "x" not in page.addresses and "<img src=x" not in html and "<script>document" not in html
    assert "&lt;b onmouseover=alert(1)&gt;Evil Org&lt;/b&gt;" in html and "&lt;script&gt;document.title=" in html
    text = " ".join(page.text)
    assert "0 of 22 scores were reviewed by a person" in text
    assert "effective" in text and "harmful" in text  # the survey's own judgement is shown
    assert "reported by survey respondents as harmful" in text


def test_a_bad_review_row_fails_the_brief_naming_file_line_and_column(run):
    record = run["first_records"]["bad_review.run.json"]
    assert record["status"] == "failed"
    assert "assessments_bad.csv" in record["error"]
    assert "line 20, column 'score': '75' must be one of: 0, 50, 100" in record["error"]
    assert not (run["out"] / "good_practice_comparison" / "bad_review.html").exists()


def test_a_bad_review_file_never_overwrites_a_good_comparison_brief(run):
    bad = run["bad_review"]
    assert bad["code"] == 1 and bad["html_after"] == bad["good_html"]
    assert bad["record"]["status"] == "failed" and "line 20, column 'score'" in bad["record"]["error"]


def test_a_filter_matching_too_many_practices_says_how_to_narrow_it(run):
    record = run["first_records"]["too_many.run.json"]
    assert record["status"] == "failed"
    assert "the comparison needs 2 to 6 practices" in record["error"] and "give 66" in record["error"]


@pytest.mark.browser
def test_hostile_survey_example_stays_inert_in_a_real_browser(run, chromium):
    brief = run["out"] / "good_practice_comparison" / "hostile_survey.html"
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", brief.as_uri()).stdout
    assert "pwned" not in dom.split("</title>")[0]
    assert '<img src="x"' not in dom and "<b onmouseover" not in dom
    assert "Places refugees in formal jobs" in dom
