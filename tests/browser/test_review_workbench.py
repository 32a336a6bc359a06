"""The review workbench in a real JupyterLab, driven in Debian's chromium as a researcher would: a code,
a score and a status reviewed by one person; a blind second review by another; a disagreement
settled; then the consultation brief, run on the same copy of the project, counts the change and
states the agreement.

JupyterLab serves a temporary copy of the project (its data files are what the workbench writes); the
committed notebook and data are never touched.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lab_server import TOKEN, running_lab
from test_jupyterlab import _notebook_after_run_all

from conftest import ROOT, served_project_copy

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]

SEED = "seed-002-draft-network-workplan"
FIRST, SECOND = "Maria Rossi", "Li Wei"
TODAY = datetime.date.today().isoformat()  # typed as a status's "as of" date


def _a_day_of_this_run() -> str:
    """A regular expression for the date a decision made during this run records: the day the run began, or a
    later one where it ran past midnight (the workbench records the day each decision is made)."""
    began, today = datetime.date.fromisoformat(TODAY), datetime.date.today()
    days = [began + datetime.timedelta(days=n) for n in range((today - began).days + 1)]
    return "(?:" + "|".join(day.isoformat() for day in days) + ")"


SHOTS = os.environ.get("WORKBOOKS_SCREENSHOTS")  # a folder: the test saves what the reviewer sees there


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = served_project_copy(tmp_path_factory, "review")
    with running_lab(root) as port:
        yield {
            "url": f"http://127.0.0.1:{port}/lab/workspaces/review/tree/notebooks/review_workbench.ipynb?token={TOKEN}",
            "root": root,
        }


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.locator(".workbooks-review").last.screenshot(path=str(Path(SHOTS) / f"review-{name}.png"))


def _start(page, name, blind=False):
    from playwright.sync_api import expect

    workbench = page.locator(".workbooks-review").last
    expect(workbench).to_be_visible(timeout=180_000)
    workbench.locator(".widget-text input").first.fill(name)
    if blind:
        workbench.get_by_text("Blind: hide other reviewers' decisions").click()
    workbench.get_by_role("button", name="Start reviewing").click()
    expect(workbench.locator(".workbooks-review-who")).to_contain_text(
        f"Reviewing as {name} (a person)", timeout=30_000
    )
    return workbench


def _row(workbench, label):
    return workbench.locator(".workbooks-review-thing-row").filter(has_text=label)


def _done(workbench, words):
    from playwright.sync_api import expect

    expect(workbench.locator(".workbooks-review-done")).to_contain_text(words, timeout=30_000)


def _next(workbench, times, heading):
    from playwright.sync_api import expect

    for _ in range(times):
        workbench.get_by_role("button", name="Next", exact=True).click()
    expect(workbench.locator(".workbooks-review-heading")).to_contain_text(heading, timeout=30_000)


def test_review_then_a_blind_second_review_then_settle_then_the_brief(lab, chromium_binary):
    from playwright.sync_api import expect

    root = lab["root"]
    with _notebook_after_run_all(lab, lab["url"], chromium_binary, "review") as page:
        # the first reviewer: a code rejected, a score changed, a status recorded
        workbench = _start(page, FIRST)
        progress = workbench.locator(".workbooks-review-progress")
        expect(progress).to_contain_text(f"0 of 87 codes checked by {FIRST}")
        card = workbench.locator(".workbooks-review-card")
        expect(card.locator("mark").first).to_be_visible()  # the words that gave the code, marked
        expect(_row(workbench, "Whole-of-society approach")).to_contain_text(
            "kept by project engineer (AI coding assistant)"
        )
        _shot(page, "1-codes")
        _row(workbench, "Whole-of-society approach").get_by_role("button", name="Reject").click()
        _done(workbench, f"Recorded: Whole-of-society approach rejected, by {FIRST}, in data/code_reviews.csv")
        expect(progress).to_contain_text(f"1 of 87 codes checked by {FIRST}")

        workbench.get_by_role("button", name="Checklist scores").click()
        expect(progress).to_contain_text(f"0 of 1,152 scores checked by {FIRST}", timeout=30_000)
        _row(workbench, "Job creation").get_by_role("button", name="0", exact=True).click()
        _done(workbench, f"Recorded: Job creation 0, by {FIRST}, in data/assessments.csv")
        _shot(page, "2-scores")

        workbench.get_by_role("button", name="Activity statuses").click()
        expect(workbench.locator(".workbooks-review-card")).to_contain_text("Not recorded", timeout=30_000)
        _row(workbench, "Status").get_by_role("button", name="In progress").click()
        expect(workbench.locator(".workbooks-review-error")).to_contain_text("Give the status's source")
        workbench.locator(".widget-text").filter(has_text="Source").locator("input").fill("hub-missing-migrants")
        workbench.locator(".widget-text").filter(has_text="As of").locator("input").fill(
            TODAY
        )  # never filled in for you
        workbench.locator(".widget-text").filter(has_text="Note").locator("input").fill(
            "confirmed in the meeting notes"
        )
        _row(workbench, "Status").get_by_role("button", name="In progress").click()
        _done(workbench, f"by {FIRST}, in data/status_log.csv")
        expect(workbench.locator(".workbooks-review-card")).to_contain_text(
            f"In progress as of {TODAY} (source: hub-missing-migrants)"
        )
        _shot(page, "3-statuses")

        # the second reviewer, blind: the first one's decisions hidden
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        expect(page.locator(".workbooks-review")).to_have_count(1, timeout=60_000)
        expect(page.locator(".workbooks-review .widget-text input").first).to_have_value("", timeout=60_000)
        workbench = _start(page, SECOND, blind=True)
        row = _row(workbench, "Whole-of-society approach")
        expect(row).to_contain_text("no decision recorded by you")
        assert FIRST not in workbench.inner_text() and "project engineer" not in row.inner_text()
        _shot(page, "4-blind")
        row.get_by_role("button", name="Keep").click()
        _done(workbench, f"Recorded: Whole-of-society approach kept, by {SECOND}")
        _next(workbench, 6, "Comment 7 of 24")
        _row(workbench, "Obj. 2 Minimize adverse drivers").get_by_role("button", name="Reject").click()
        _done(workbench, "Obj. 2 Minimize adverse drivers rejected")
        _row(workbench, "Obj. 10 Eradicate trafficking").get_by_role("button", name="Reject").click()
        _done(workbench, "Obj. 10 Eradicate trafficking rejected")

        # the disagreements, seen once blind mode is off, settled
        workbench.get_by_role("button", name="Disagreements to settle").click()
        expect(workbench).to_contain_text("Blind mode hides other reviewers' decisions")
        workbench.get_by_text("Blind: hide other reviewers' decisions").click()
        progress = workbench.locator(".workbooks-review-progress")
        # two people differ on c01; on c07 the second corrected the AI assistant's check: hers counts, nothing to settle
        expect(progress).to_contain_text("1 disagreement to settle", timeout=30_000)
        expect(progress).to_contain_text(
            "On the 3 codes that 2 reviewers checked on their own, they agree on 2: Krippendorff's alpha 0.44"
        )
        card = workbench.locator(".workbooks-review-card")
        expect(card).to_contain_text(f"{SEED}-c01 / principle-whole-of-society")
        expect(card).to_contain_text(re.compile(rf"{FIRST}: rejected on {_a_day_of_this_run()}"))
        expect(card).to_contain_text(re.compile(rf"{SECOND}: kept on {_a_day_of_this_run()} \(blind\)"))
        _shot(page, "5-disagreements")
        workbench.locator(".widget-text").filter(has_text="Note").locator("input").fill(
            "the comment asks for the whole of society to be involved"
        )
        workbench.get_by_role("button", name=f"Settle: kept ({SECOND})").click()
        _done(workbench, "settled")
        expect(progress).to_contain_text("0 disagreements to settle", timeout=30_000)
        _shot(page, "6-settled")
    assert 'outputs": []' in (ROOT / "notebooks" / "review_workbench.ipynb").read_text()

    # what was recorded: appended, with reviewer, date and mode; nothing before it changed
    shipped = (ROOT / "data" / "code_reviews.csv").read_bytes()
    written = (root / "data" / "code_reviews.csv").read_bytes()
    assert written.startswith(shipped)
    added = list(csv.reader(written[len(shipped) :].decode("utf-8").splitlines()))
    assert [(row[0].rsplit("-", 1)[1], row[1], row[2], row[3], row[7]) for row in added] == [
        ("c01", "principle-whole-of-society", "rejected", FIRST, "open"),
        ("c01", "principle-whole-of-society", "kept", SECOND, "blind"),
        ("c07", "gcm-2", "rejected", SECOND, "blind"),
        ("c07", "gcm-10", "rejected", SECOND, "blind"),
        ("c01", "principle-whole-of-society", "kept", SECOND, "settling"),
    ]
    assert added[-1][5] == "the comment asks for the whole of society to be involved"
    assert re.fullmatch(
        rf"hub-undp-five-pillar-diaspora,job-creation,0,{FIRST},{_a_day_of_this_run()},,record,open",
        (root / "data" / "assessments.csv").read_text(encoding="utf-8").splitlines()[-1],
    )
    assert (
        (root / "data" / "status_log.csv")
        .read_text(encoding="utf-8")
        .splitlines()[-1]
        .endswith(f",i,{TODAY},In progress,hub-missing-migrants,confirmed in the meeting notes,{FIRST},open")
    )

    # the next brief, run on this copy, counts the change and states the agreement
    shutil.copytree(ROOT / "params" / "consultation_inputs", root / "params" / "consultation_inputs")
    out = root / "outputs"
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "workbooks"),
            "run",
            "consultation_inputs/draft_workplan_2022",
            "--out",
            str(out),
            "--force",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "WORKBOOKS_ROOT": str(root)},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    brief = (out / "consultation_inputs" / "draft_workplan_2022.html").read_text(encoding="utf-8")
    assert (
        "Of the 49 codes counted, 1 was checked by 2 people and an AI assistant (agreement alpha 0.44 on the 3 codes "
        "both checked on their own) and 48 were checked by an AI assistant, not yet by a person; 4 codes the coder "
        "gave were rejected by a check and are not counted."
    ) in brief  # a key message; rejected: c07's Obj. 10 (by the second reviewer here), c07's Obj. 2, and c10's two
    assert (
        "On the 3 codes that 2 reviewers checked on their own, they agree on 2: Krippendorff's alpha 0.44. The "
        f"code they disagreed on was settled, by {SECOND}."
    ) in brief
    assert "checked by 2 people and an AI assistant" in brief
    from workbooks.consultation.inputs import load_consultation_inputs

    before = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT).frequency
    after = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=root).frequency
    count = dict(zip(before["code"], before["comments"]))
    assert dict(zip(after["code"], after["comments"])) == {
        **count,
        "gcm-10": count["gcm-10"] - 1,
    }  # the settled rejection
    assert dict(zip(after["code"], after["basis"]))["gcm-10"] == (  # the codes counted: the AI assistant's alone
        f"checked by an AI assistant, not yet by a person; 2 reviewers disagreed on the 1 code both checked on their own, "
        f"settled by {SECOND}; 1 rejected by a check (checked by 1 person and an AI assistant)"  # the count is 1 lower
    )
