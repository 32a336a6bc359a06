"""Presenter mode's good-practice comparison in Debian's chromium at 1280x720, as a presenter uses it:
the chosen practices listed with remove buttons and a search box to add one by name, a pillar; the
heatmap with its axis and legend on the first screen; every control redraws the charts, the counts and
the heading's sources; the selections live in the page's address (a prepared link, a reload).

The server is the one the browser tests share (conftest.SharedPresenter, through test_presenter's ``presenter``
fixture); the page helpers are test_presenter's."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from test_presenter import (  # noqa: F401  (presenter: the fixture this module's tests use)
    SCREEN,
    _assert_local_and_clean,
    _assert_no_code,
    _browser_page,
    _chart_data,
    _keep_screenshot,
    _open,
    presenter,
)

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]

NOTEBOOK = "good_practice_comparison"
NEPAL, SRI_LANKA = "gfmd-nepal-social-security-fund", "gfmd-sri-lanka-skills-passport"
FIRST_DEFAULT = "Local Integration Programme through relocation for labour market insertion"
PICKER = ".workbooks-practice-picker"
SEARCH = f"{PICKER} .widget-text input"
PILLAR = ".workbooks-live-controls .widget-dropdown select"


def _counts(page):
    return page.locator(".workbooks-live-counts")


def _sources(page):
    return page.locator(".workbooks-live-heading .workbooks-live-sources summary")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_controls_and_the_whole_heatmap_are_on_the_first_screen(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "practices-screen") as page:
        shown = _open(page, presenter, NOTEBOOK)
        expect(_counts(page)).to_have_text("6 practices, 12 checklist items")
        _keep_screenshot(page, "comparison")
        _assert_no_code(page)
        heatmap = shown.locator("img").first.bounding_box()
        assert heatmap["y"] >= 0 and heatmap["y"] + heatmap["height"] <= SCREEN["height"], heatmap
        assert heatmap["x"] + heatmap["width"] <= SCREEN["width"], heatmap
        for control in (
            page.locator(f"{PICKER} .workbooks-chosen-row").last,
            page.locator(SEARCH),
            page.locator(PILLAR),
        ):
            box = control.bounding_box()
            assert box["y"] + box["height"] <= SCREEN["height"] and box["x"] + box["width"] <= SCREEN["width"], box
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert page.evaluate("document.body.scrollWidth <= document.documentElement.clientWidth")
        # every table, the side-by-side one with 6 practices too, fits its column: none of it cut or scrolled away
        cut = page.evaluate("""(() => { const shown = document.querySelector('.workbooks-live-shown').getBoundingClientRect();
            return Array.from(document.querySelectorAll('.workbooks-live-shown table'))
              .filter(table => table.getBoundingClientRect().right > shown.right + 1 || table.scrollWidth > table.clientWidth + 1)
              .map(table => table.querySelector('caption, th')?.textContent); })()""")
        assert cut == [], cut
        lefts = page.evaluate(
            "Array.from(document.querySelectorAll('.workbooks-live-controls .widget-label'))"
            ".filter(label => label.textContent.trim()).map(label => label.getBoundingClientRect().left)"
        )
        assert len(lefts) == 3 and max(lefts) - min(lefts) < 0.5, lefts  # Practices, Add a practice, Pillar in line
        rows = page.locator(f"{PICKER} .workbooks-chosen-row")
        expect(rows).to_have_count(6)
        expect(rows.first.locator(".workbooks-chosen-practice")).to_have_attribute("title", FIRST_DEFAULT)
        expect(rows.first.locator("button")).to_have_attribute("title", f"Remove {FIRST_DEFAULT}")
        _assert_local_and_clean(page, presenter)


def test_each_control_redraws_the_charts_the_counts_and_the_sources(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "practices-controls") as page:
        shown = _open(page, presenter, NOTEBOOK)
        expect(_sources(page)).to_have_text("Sources (6)")
        before = _chart_data(shown)
        assert len(before) == 2  # the heatmap and the radars

        page.locator(f"{PICKER} button[title='Remove {FIRST_DEFAULT}']").click()
        expect(_counts(page)).to_have_text("5 practices, 12 checklist items", timeout=30_000)
        expect(_sources(page)).to_have_text("Sources (5)")
        expect(page.locator(f"{PICKER} .workbooks-chosen-row")).to_have_count(5)
        removed = _chart_data(shown)
        assert all(old != new for old, new in zip(before, removed))

        search = page.locator(SEARCH)
        search.fill("Skills Pass")
        expect(page.locator(f"{PICKER} .workbooks-search-note")).to_have_text(
            "One name holds “Skills Pass”: press Enter or pick it from the list.", timeout=30_000
        )
        search.press("Enter")  # the one name holding it is added
        expect(_counts(page)).to_have_text("6 practices, 12 checklist items", timeout=30_000)
        expect(page.locator(f"{PICKER} .workbooks-chosen-row").last).to_contain_text("Skills Passport")
        expect(search).to_have_value("")
        expect(search).to_be_disabled()  # six chosen: the most
        expect(page.locator(".workbooks-live-heading .workbooks-live-sources")).to_contain_text("Skills Passport")
        added = _chart_data(shown)
        assert all(old != new for old, new in zip(removed, added))

        page.locator(PILLAR).select_option(label="Access to decent work")
        expect(_counts(page)).to_have_text("6 practices, 4 checklist items", timeout=30_000)
        expect(shown.locator("table.brief-table tbody tr")).to_have_count(4)
        assert all(old != new for old, new in zip(added, _chart_data(shown)))

        for left in range(5, 0, -1):
            page.locator(f"{PICKER} .workbooks-chosen-row button").first.click()
            expect(page.locator(f"{PICKER} .workbooks-chosen-row")).to_have_count(left, timeout=30_000)
        expect(_counts(page)).to_have_text("Choose 2 to 6 practices (1 chosen).", timeout=30_000)
        assert shown.locator("img").count() == 0
        expect(_sources(page)).to_have_text("Sources (1)")
        _assert_local_and_clean(page, presenter)


def test_a_prepared_link_sets_the_view_and_a_change_and_a_reload_keep_it(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "practices-address") as page:
        page.goto(
            presenter["url"] + f"voila/render/{NOTEBOOK}.ipynb?practices={NEPAL}&practices={SRI_LANKA}"
            "&pillar=decent-work",
            wait_until="commit",
            timeout=120_000,
        )
        expect(_counts(page)).to_have_text("2 practices, 4 checklist items", timeout=120_000)
        rows = page.locator(f"{PICKER} .workbooks-chosen-practice")
        # the chosen list is rebuilt in the page after the counts: the same check, waited for as long as a redraw
        expect(rows).to_have_text(["Social Security Fund", "Skills Passport"], timeout=30_000)
        expect(page.locator(PILLAR)).to_have_value("Access to decent work")
        expect(_sources(page)).to_have_text("Sources (2)")
        _keep_screenshot(page, "comparison-prepared")

        page.locator(PILLAR).select_option(label="Access to financing")
        expect(_counts(page)).to_have_text("2 practices, 1 checklist item", timeout=30_000)
        page.wait_for_function("() => window.location.search.includes('pillar=financing')", timeout=30_000)
        assert _query(page) == {"practices": [NEPAL, SRI_LANKA], "pillar": ["financing"]}

        page.reload(wait_until="commit", timeout=120_000)
        expect(_counts(page)).to_have_text("2 practices, 1 checklist item", timeout=120_000)
        expect(page.locator(PILLAR)).to_have_value("Access to financing")
        expect(rows).to_have_text(["Social Security Fund", "Skills Passport"], timeout=30_000)
        _assert_local_and_clean(page, presenter)


def test_a_link_naming_what_the_data_lack_says_so(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "practices-bad-address") as page:
        page.goto(
            presenter["url"] + f"voila/render/{NOTEBOOK}.ipynb?practices={NEPAL}&practices=no-such-practice"
            f"&practices={SRI_LANKA}&pillar=everything",
            wait_until="commit",
            timeout=120_000,
        )
        expect(_counts(page)).to_have_text("2 practices, 12 checklist items", timeout=120_000)
        status = page.locator(".workbooks-live-status")
        expect(status).to_contain_text(
            "The address names practices “no-such-practice”, which is not in the data: left out."
        )
        expect(status).to_contain_text(
            "The address names pillar “everything”, which is not in the data (it takes all, "
            "decent-work, financing, approach or who-it-serves): left out."
        )
        _assert_local_and_clean(page, presenter)


def test_the_view_as_a_presenter_leaves_it_passes_axe_core(presenter, chromium_binary):
    """After a removal, a search that matches several names and a pillar, with the sources open: no serious
    or critical WCAG 2.0-2.2 A or AA violation."""
    from axe_check import axe_violations, blocking, described
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "practices-axe") as page:
        _open(page, presenter, NOTEBOOK)
        page.locator(f"{PICKER} .workbooks-chosen-row button").first.click()
        expect(_counts(page)).to_have_text("5 practices, 12 checklist items", timeout=30_000)
        page.locator(SEARCH).fill("venez")
        expect(page.locator(f"{PICKER} .workbooks-search-note")).to_contain_text("names hold “venez”", timeout=30_000)
        page.locator(PILLAR).select_option(label="Approach")
        expect(_counts(page)).to_have_text("5 practices, 4 checklist items", timeout=30_000)
        _sources(page).click()
        problems = described(NOTEBOOK, blocking(axe_violations(page)))
        assert problems == [], "\n".join(problems)
        _assert_local_and_clean(page, presenter)
