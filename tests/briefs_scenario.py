"""The briefs scenario the integration and browser tests share: a copy of the project with real,
hostile, illustrative and invalid parameter files, run once through the real runner (Papermill,
nbconvert) in one session; the tests read what it left behind."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import yaml

from conftest import ROOT
from workbooks.loaders import LOADERS
from workbooks.publish.runner import run_briefs

HOSTILE_ORGANISATION = "<b onmouseover=alert(1)>Evil Org</b>"
HOSTILE = "Hostile activity <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


class PageCollector(HTMLParser):
    """What a page holds: its tags, classes and text; every address (``addresses``), split into what
    the browser would load (``loads``: src, action, poster, <link href>) and links a reader may follow
    (``links``: <a href>); and the alt text of every image."""

    def __init__(self):
        super().__init__()
        self.tags, self.addresses, self.text, self.classes = [], [], [], set()
        self.loads, self.links, self.alts = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "script"):
            self._skipping = tag
        self.classes.update(" ".join(value or "" for name, value in attrs if name == "class").split())
        found = [value or "" for name, value in attrs if name in ("src", "href", "action", "poster")]
        self.addresses += found
        (self.links if tag == "a" else self.loads).extend(found)
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skipping = None

    def handle_data(self, data):
        if getattr(self, "_skipping", None) is None:  # a style sheet is not text a reader reads
            self.text.append(data)


def parse_html(html: str) -> PageCollector:
    collector = PageCollector()
    collector.feed(html)
    return collector


def project_copy(tmp: Path) -> Path:
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
        "demo": {
            "as_of": "2024-06-30",
            "status_log_file": "data/status_log.illustrative.csv",
            "workstreams": ["Strengthening migrants' socio-economic integration"],
        },
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
    hostile_comments["question"] = ""  # a survey export answers no question of a Hub page
    hostile_comments["comment_id"] = [f"hostile-c{i}" for i in range(3)]
    hostile_comments["source"] = "survey export (test)"
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("text")] = (
        "We recommend cheaper remittances for women " + HOSTILE
    )
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("organisation")] = HOSTILE_ORGANISATION
    hostile_comments.iloc[0, hostile_comments.columns.get_loc("author")] = HOSTILE_ORGANISATION
    hostile_comments.to_csv(root / "data" / "survey_hostile.csv", index=False)
    meta = yaml.safe_load((ROOT / "data" / "templates" / "comments.template.meta.yaml").read_text(encoding="utf-8"))
    (root / "data" / "survey_hostile.meta.yaml").write_text(
        yaml.safe_dump({**meta, "illustrative": False}), encoding="utf-8"
    )
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
    survey = pd.read_csv(root / "data" / "templates" / "practices.template.csv", dtype=str, keep_default_na=False)
    survey["practice_id"] = ["survey-x-r001", "survey-x-r002"]
    survey["url"] = "survey-x response (test)"
    survey.loc[0, "title"] = HOSTILE_ORGANISATION
    survey.loc[0, "summary"] = "Places refugees in formal jobs with social security. " + HOSTILE
    survey.loc[1, "summary"] = "A work permit tying migrant workers to one employer."  # names a migrant group: compared
    survey.loc[1, "submitter_or_implementers"] = HOSTILE
    survey.to_csv(root / "data" / "survey_practices_hostile.csv", index=False)
    meta = yaml.safe_load((ROOT / "data" / "templates" / "practices.template.meta.yaml").read_text(encoding="utf-8"))
    (root / "data" / "survey_practices_hostile.meta.yaml").write_text(
        yaml.safe_dump({**meta, "illustrative": False}), encoding="utf-8"
    )
    reviews = pd.read_csv(root / "data" / "assessments.csv", dtype=str, keep_default_na=False)
    bad = reviews.iloc[[0]].assign(item="social-dialogue", score="75")
    pd.concat([reviews, bad]).to_csv(root / "data" / "assessments_bad.csv", index=False)
    shutil.copy(root / "data" / "assessments.meta.yaml", root / "data" / "assessments_bad.meta.yaml")
    for name, values in {
        "hostile_survey": {
            "practices": [],
            "source_db": ["survey"],
            "practices_file": "data/survey_practices_hostile.csv",
            "assessments_file": "",
        },
        "bad_review": {"assessments_file": "data/assessments_bad.csv"},
        "too_many": {"practices": [], "source_db": ["GFMD"]},
    }.items():
        (comparison / f"{name}.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    # every shipped brief, as `make briefs` runs it
    for shipped in sorted((ROOT / "params").glob("*/*.yaml")):
        shutil.copy(shipped, root / "params" / shipped.parent.name / shipped.name)
    return root


def run_briefs_scenario(tmp_path_factory) -> dict:
    root = project_copy(tmp_path_factory.mktemp("briefs"))
    out = root / "outputs"
    first_code = run_briefs(loaders=LOADERS, jobs=2, root=root, out_dir=out)
    first_records = {path.name: json.loads(path.read_text()) for path in out.glob("*/*.run.json")}
    first_out = shutil.copytree(
        out, root.parent / "first-outputs"
    )  # as the first run left them, for tests to copy from
    good_html = (out / "timeline_progress" / "real.html").read_bytes()
    # the same brief's parameters no longer fit its data: stopped before its kernel, its last good HTML survives
    (root / "params" / "timeline_progress" / "real.yaml").write_text(
        yaml.safe_dump({"as_of": "2024-06-30", "workstreams": ["No such workstream"]}), encoding="utf-8"
    )
    second_code = run_briefs(loaders=LOADERS, briefs=["timeline_progress/real"], root=root, out_dir=out)
    # unchanged inputs: kept without a kernel; a changed data file: run again
    demo_html = out / "timeline_progress" / "demo.html"
    demo_before = demo_html.stat().st_mtime_ns
    unchanged_code = run_briefs(loaders=LOADERS, briefs=["demo"], root=root, out_dir=out)
    unchanged = {
        "code": unchanged_code,
        "html_kept": demo_html.stat().st_mtime_ns == demo_before,
        "record": json.loads((out / "timeline_progress" / "demo.run.json").read_text()),
    }
    log = root / "data" / "status_log.illustrative.csv"
    log.write_text(
        log.read_text(encoding="utf-8").replace("2024-01-31,Completed", "2024-05-31,Completed"), encoding="utf-8"
    )
    changed_code = run_briefs(loaders=LOADERS, briefs=["demo"], root=root, out_dir=out)
    changed = {
        "code": changed_code,
        "html_rewritten": demo_html.stat().st_mtime_ns != demo_before,
        "record": json.loads((out / "timeline_progress" / "demo.run.json").read_text()),
        "html": demo_html.read_text(encoding="utf-8"),
    }
    # a good comparison brief, then the same brief with a bad review file: the good HTML stays
    americas_html = (out / "good_practice_comparison" / "labour_inclusion_americas.html").read_bytes()
    americas_params = root / "params" / "good_practice_comparison" / "labour_inclusion_americas.yaml"
    values = yaml.safe_load(americas_params.read_text(encoding="utf-8"))
    americas_params.write_text(
        yaml.safe_dump({**values, "assessments_file": "data/assessments_bad.csv"}), encoding="utf-8"
    )
    bad_review_code = run_briefs(
        loaders=LOADERS, briefs=["good_practice_comparison/labour_inclusion_americas"], root=root, out_dir=out
    )
    bad_review = {
        "code": bad_review_code,
        "good_html": americas_html,
        "html_after": (out / "good_practice_comparison" / "labour_inclusion_americas.html").read_bytes(),
        "record": json.loads((out / "good_practice_comparison" / "labour_inclusion_americas.run.json").read_text()),
    }
    return {
        "unchanged": unchanged,
        "changed": changed,
        "bad_review": bad_review,
        "root": root,
        "out": out,
        "first_code": first_code,
        "second_code": second_code,
        "good_html": good_html,
        "first_records": first_records,
        "first_out": first_out,
    }
