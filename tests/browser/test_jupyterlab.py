"""The presenter's view: the notebooks in a real JupyterLab, driven in Debian's chromium.

JupyterLab serves a temporary copy of the project (so autosave can never write outputs into the
committed notebook); Playwright drives chromium: run all cells, then use the live controls.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from lab_server import TOKEN, running_lab

from conftest import CHROMIUM_FLAGS, ROOT, served_project_copy

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]

SOCIO = "Strengthening migrants' socio-economic integration"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = served_project_copy(tmp_path_factory, "lab")
    with running_lab(root) as port:
        yield {
            "url": f"http://127.0.0.1:{port}/lab/tree/notebooks/timeline_progress.ipynb?token={TOKEN}",
            "consultation_url": f"http://127.0.0.1:{port}/lab/workspaces/consultation/tree/notebooks/"
            f"consultation_inputs.ipynb?token={TOKEN}",  # its own workspace: one tab
            "comparison_url": f"http://127.0.0.1:{port}/lab/workspaces/comparison/tree/notebooks/"
            f"good_practice_comparison.ipynb?token={TOKEN}",
            "root": root,
        }


@contextmanager
def _notebook_after_run_all(lab, url: str, chromium_binary: str, name: str):
    """A page showing the notebook at ``url`` after its kernel is idle and all cells were started."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary, args=CHROMIUM_FLAGS[1:])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(url)
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            # the kernel must be up before "Run All Cells", or the run is queued behind its start
            expect(page.get_by_text("Python (Integration Workbooks) | Idle")).to_be_visible(timeout=120_000)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            yield page
        except Exception:
            shot = lab["root"] / f"failure-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}\nJupyterLab log:\n" + (lab["root"] / "lab.log").read_text()[-3000:])
            raise
        finally:
            browser.close()


def test_live_controls_redraw_the_chart_and_tables(lab, chromium_binary):
    from playwright.sync_api import expect

    with _notebook_after_run_all(lab, lab["url"], chromium_binary, "timeline") as page:
        date_input = page.locator(".widget-datepicker input")
        expect(date_input).to_be_visible(timeout=120_000)
        live_output = page.locator(".workbooks-live-shown").last
        expect(live_output).to_contain_text("Portfolio as of 30 Jun 2024", timeout=60_000)
        assert live_output.locator("img").count() == 1  # the Gantt chart

        date_input.fill("2023-06-30")
        date_input.press("Enter")
        expect(live_output).to_contain_text("Portfolio as of 30 Jun 2023", timeout=30_000)
        expect(live_output).to_contain_text("3 of 16 (19%) planned to have ended", timeout=30_000)

        for box in page.locator(".workbooks-checkboxes .widget-checkbox").all():  # the workstreams' tick boxes
            if box.inner_text().strip() != SOCIO:
                box.locator("input").uncheck()
        expect(live_output).to_contain_text("2 of 9 (22%) planned to have ended", timeout=30_000)
        portfolio = live_output.locator("table.brief-table").first
        expect(portfolio.locator("tbody tr")).to_have_count(1)
        assert SOCIO in portfolio.inner_text()
        assert live_output.locator("img").count() == 1
    # the committed notebook was never touched
    assert 'outputs": []' in (ROOT / "notebooks" / "timeline_progress.ipynb").read_text()


def test_consultation_filters_show_the_matching_comments(lab, chromium_binary):
    from playwright.sync_api import expect

    with _notebook_after_run_all(lab, lab["consultation_url"], chromium_binary, "consultation") as page:
        live_output = page.locator(".workbooks-live-shown").last
        expect(live_output).to_contain_text("14 of 14 comments match", timeout=120_000)
        assert live_output.locator("img").count() == 1  # the code-frequency chart

        for box in page.locator(".workbooks-checkboxes .widget-checkbox").all():  # tick boxes: no Ctrl-click
            if box.inner_text().strip() != "civil society/NGO":
                box.locator("input").uncheck()
        expect(live_output).to_contain_text("6 of 14 comments match", timeout=30_000)
        page.locator(".widget-dropdown select").first.select_option(label="Child-sensitive")
        expect(live_output).to_contain_text("3 of 14 comments match", timeout=30_000)
        expect(live_output.locator("blockquote")).to_have_count(3)
        assert live_output.locator("mark").count() >= 3  # the evidence is marked in each comment
        assert live_output.locator("img").count() == 1
    assert 'outputs": []' in (ROOT / "notebooks" / "consultation_inputs.ipynb").read_text()


def test_comparison_controls_pick_practices_and_a_pillar(lab, chromium_binary):
    from playwright.sync_api import expect

    with _notebook_after_run_all(lab, lab["comparison_url"], chromium_binary, "comparison") as page:
        live_output = page.locator(".workbooks-live-shown").last
        expect(live_output).to_contain_text("6 practices, 12 checklist items", timeout=120_000)
        assert live_output.locator("img").count() == 2  # the heatmap and the radars
        expect(live_output.locator("table.brief-table tbody tr")).to_have_count(12)  # one row per item of the checklist

        chosen = page.locator(".workbooks-practice-picker .workbooks-chosen-row")
        for left in range(5, 1, -1):  # the chosen practices' remove buttons, then a name typed in the search box
            chosen.first.locator("button").click()
            expect(chosen).to_have_count(left, timeout=30_000)
        page.locator(".workbooks-practice-picker .widget-text input").fill("Skills Passport")
        expect(live_output).to_contain_text("3 practices, 12 checklist items", timeout=30_000)
        page.locator(".widget-dropdown select").first.select_option(label="Access to decent work")
        expect(live_output).to_contain_text("3 practices, 4 checklist items", timeout=30_000)
        table = live_output.locator("table.brief-table")
        expect(table.locator("tbody tr")).to_have_count(4)
        assert "Skills Passport" in table.text_content()
        assert "checked by an AI assistant, not yet by a person" in table.text_content()
        assert live_output.locator("img").count() == 2
    assert 'outputs": []' in (ROOT / "notebooks" / "good_practice_comparison.ipynb").read_text()
