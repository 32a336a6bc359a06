"""The timeline's live view in presenter mode, in Debian's chromium at 1280x720, as a presenter uses it:
controls and the whole Gantt chart (axis and legend) on the first screen with no sideways scroll; each
control redraws the chart, with the busy line while it draws; the selections in the page's address, which a
prepared link sets and a reload keeps; a day the view cannot draw is said beside the field, never drawn.

Uses the presenter server the browser tests share (conftest.SharedPresenter) and test_presenter.py's page helpers.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_check import axe_violations, blocking, described
from test_presenter import (
    SCREEN,
    _assert_local_and_clean,
    _browser_page,
    _chart_data,
    _keep_screenshot,
    _open,
    presenter,  # noqa: F401  (the server, as a fixture)
)

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]

NOTEBOOK = "timeline_progress"
SOCIO = "Strengthening migrants' socio-economic integration"
DETENTION = "Alternatives to immigration detention"
WORKSTREAMS = [
    "Actionable recommendations on missing migrants and humanitarian assistance to migrants in distress",
    DETENTION,
    "Enhancing pathways for regular migration through bilateral labour migration agreements",
    "Enhancing regular pathways for migrants in vulnerable situations",
    SOCIO,
]


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _date_field(page):
    return page.locator(".workbooks-live-controls .widget-datepicker input")


def _box(page, name: str):
    return page.get_by_role("checkbox", name=name, exact=True)


def _box_bottom(page, selector: str) -> float:
    return page.evaluate(
        f"Math.max(...Array.from(document.querySelectorAll({selector!r})).map(e => e.getBoundingClientRect().bottom))"
    )


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "Array.from(document.querySelectorAll('*')).every(e => ['hidden', 'clip'].includes(getComputedStyle(e).overflowX)"
        " || e.scrollWidth <= e.clientWidth + 1 || getComputedStyle(e).overflowX === 'visible')"
        " && document.documentElement.scrollWidth <= window.innerWidth"
    )


def test_the_controls_and_the_whole_chart_are_on_the_first_screen(presenter, chromium_binary):
    with _browser_page(chromium_binary, presenter, "timeline-screen") as page:
        shown = _open(page, presenter, NOTEBOOK)
        _keep_screenshot(page, "timeline-first-screen")
        chart = shown.locator("img").first.bounding_box()
        assert chart["y"] >= 0 and chart["y"] + chart["height"] <= SCREEN["height"]  # its axis and legend included
        assert chart["x"] + chart["width"] <= SCREEN["width"]
        assert chart["width"] == pytest.approx(880, abs=1)  # shown at its own size: its 14 px text stays 14 px
        assert _box_bottom(page, ".workbooks-live-controls .widget-checkbox") <= SCREEN["height"]
        assert _no_sideways_scroll(page)
        assert [_box(page, name).is_checked() for name in WORKSTREAMS] == [True] * 5  # whole names, tick boxes
        note = page.locator(".workbooks-live-controls .workbooks-live-date-note")
        assert note.inner_text() == "Showing 30 Jun 2024. Days in the plan: 1 Jan 2022 to 31 Dec 2024."
        field = _date_field(page)  # its calendar offers the plan's days only
        assert (field.get_attribute("min"), field.get_attribute("max")) == ("2022-01-01", "2024-12-31")
        _assert_local_and_clean(page, presenter)


def test_each_control_redraws_the_chart_and_the_address_follows_and_a_reload_keeps_it(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "timeline-controls") as page:
        shown = _open(page, presenter, NOTEBOOK)
        expect(shown).to_contain_text("Portfolio as of 30 Jun 2024")
        page.evaluate("""() => { window.seen = []; const view = document.querySelector('.workbooks-live');
            new MutationObserver(() => window.seen.push([view.classList.contains('workbooks-busy'),
                view.querySelector('.workbooks-live-status').innerText])).observe(view,
                {subtree: true, childList: true, attributes: true, characterData: true}); }""")
        before = _chart_data(shown)

        _date_field(page).fill("2023-06-30")
        expect(shown).to_contain_text("Portfolio as of 30 Jun 2023", timeout=30_000)
        expect(shown).to_contain_text("3 of 16 (19%) planned to have ended; no status is recorded.")
        after_date = _chart_data(shown)
        assert after_date != before
        seen = page.evaluate("window.seen")
        assert [True, "Drawing the timeline as of 30 Jun 2023…"] in seen  # dimmed, saying what it draws
        assert seen[-1] == [False, ""]
        expect(page.locator(".workbooks-live-date-note")).to_contain_text("Showing 30 Jun 2023.")
        page.wait_for_function("() => location.search.includes('as_of=2023-06-30')", timeout=30_000)

        _box(page, DETENTION).uncheck()
        expect(shown).to_contain_text("3 of 15 (20%) planned to have ended", timeout=30_000)
        assert _chart_data(shown) != after_date
        expect(shown.locator("caption", has_text=DETENTION)).to_have_count(0)  # a filter that hides rows
        page.wait_for_function("() => !location.search.includes('detention')", timeout=30_000)
        assert _query(page) == {"as_of": ["2023-06-30"], "workstreams": [w for w in WORKSTREAMS if w != DETENTION]}

        page.reload(wait_until="commit")
        shown = page.locator(".workbooks-live-shown")
        expect(shown).to_contain_text("3 of 15 (20%) planned to have ended", timeout=120_000)
        assert _date_field(page).input_value() == "2023-06-30"
        assert not _box(page, DETENTION).is_checked() and _box(page, SOCIO).is_checked()
        _assert_local_and_clean(page, presenter)


def test_a_prepared_address_sets_the_controls_and_the_chart(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "timeline-address") as page:
        page.goto(
            presenter["url"] + f"voila/render/{NOTEBOOK}.ipynb?as_of=2023-06-30&workstreams=" + re.sub(" ", "+", SOCIO),
            wait_until="commit",
            timeout=120_000,
        )
        shown = page.locator(".workbooks-live-shown")
        expect(shown).to_contain_text("2 of 9 (22%) planned to have ended", timeout=120_000)
        expect(shown).to_contain_text("Portfolio as of 30 Jun 2023")
        assert _date_field(page).input_value() == "2023-06-30"
        assert [_box(page, name).is_checked() for name in WORKSTREAMS] == [False, False, False, False, True]
        _keep_screenshot(page, "timeline-prepared")
        _assert_local_and_clean(page, presenter)


def test_a_day_the_view_cannot_draw_is_said_beside_the_field_and_the_chart_stays(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "timeline-refused") as page:
        shown = _open(page, presenter, NOTEBOOK)
        before = _chart_data(shown)
        problem = page.locator(".workbooks-live-controls .workbooks-live-problem")

        _date_field(page).fill("2099-01-01")
        expect(problem).to_have_text(
            "1 Jan 2099 is after the plan's last day, 31 Dec 2024: the chart still shows 30 Jun 2024.", timeout=30_000
        )
        expect(_date_field(page)).to_have_value("2024-06-30")  # the field shows the day drawn again
        assert _chart_data(shown) == before
        # with the message, every workstream's box is still on the first screen
        assert _box_bottom(page, ".workbooks-live-controls .widget-checkbox") <= SCREEN["height"]

        field = _date_field(page).bounding_box()  # the year, typed digit by digit as a presenter would
        page.mouse.click(field["x"] + 90, field["y"] + field["height"] / 2)
        # a year of six digits: the field, bounded by the plan's days, keeps four (without its max it took 275760)
        page.keyboard.type("312025", delay=150)
        expect(problem).to_have_text(
            "30 Jun 2025 is after the plan's last day, 31 Dec 2024: the chart still shows 30 Jun 2024.", timeout=30_000
        )
        _keep_screenshot(page, "timeline-refused")
        expect(_date_field(page)).to_have_value("2024-06-30", timeout=30_000)  # once the presenter stops typing
        assert _chart_data(shown) == before and "Portfolio as of 30 Jun 2024" in shown.inner_text()
        assert _query(page)["as_of"] == ["2024-06-30"]

        page.mouse.click(field["x"] + 90, field["y"] + field["height"] / 2)
        page.keyboard.type("2023", delay=150)  # a year typed whole, digit by digit, is drawn
        expect(shown).to_contain_text("Portfolio as of 30 Jun 2023", timeout=30_000)
        expect(problem).to_have_count(0)
        expect(_date_field(page)).to_have_value("2023-06-30")
        _assert_local_and_clean(page, presenter)


BUSY_COUNTER = """() => { window.busyTimes = 0;
  new MutationObserver(records => records.forEach(r => { if (r.target.classList.contains('workbooks-busy')
      && !(r.oldValue || '').includes('workbooks-busy')) { window.busyTimes += 1; } }))
    .observe(document.body, {subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true}); }"""


def test_a_date_typed_key_by_key_is_drawn_once_and_only_the_day_typed(presenter, chromium_binary):
    """The browser sends every whole date the keys make on the way (typing 03/15/2021 over 06/30/2024 makes
    03/30/2024 and 03/15/2024 first): none of them is drawn, only the day the presenter ends on, once."""
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "timeline-typed") as page:
        shown = _open(page, presenter, NOTEBOOK)
        before = _chart_data(shown)
        problem = page.locator(".workbooks-live-controls .workbooks-live-problem")
        page.evaluate(BUSY_COUNTER)

        _date_field(page).focus()  # the month first, as a presenter's click on the field's start
        page.keyboard.type("03152021", delay=150)  # a day before the plan, typed whole
        expect(problem).to_have_text(
            "15 Mar 2021 is before the plan's first day, 1 Jan 2022: the chart still shows 30 Jun 2024.", timeout=30_000
        )
        assert page.evaluate("window.busyTimes") == 0  # nothing drawn on the way: not 30 Mar 2024, not 15 Mar 2024
        assert _chart_data(shown) == before and _query(page)["as_of"] == ["2024-06-30"]
        page.wait_for_timeout(600)  # the presenter reads the note, then types again: nothing typed is overwritten

        field = _date_field(page).bounding_box()  # the field still has the focus, on the year: a click on the month
        page.mouse.click(field["x"] + 22, field["y"] + field["height"] / 2)
        page.keyboard.type("12032023", delay=150)  # a day in the plan, typed whole, then Enter
        page.keyboard.press("Enter")
        expect(shown).to_contain_text("Portfolio as of 3 Dec 2023", timeout=30_000)
        expect(problem).to_have_count(0)
        expect(_date_field(page)).to_have_value("2023-12-03")
        page.wait_for_timeout(1500)  # a draw held back would come by now
        assert page.evaluate("window.busyTimes") == 1
        assert _query(page)["as_of"] == ["2023-12-03"]
        _assert_local_and_clean(page, presenter)


def test_the_view_with_a_day_refused_passes_axe_core(presenter, chromium_binary):
    """The controls as a presenter sees them after a refused day (its message beside the field), checked by
    axe-core against WCAG 2.0, 2.1 and 2.2 A and AA: no serious or critical violation."""
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "timeline-axe") as page:
        _open(page, presenter, NOTEBOOK)
        _date_field(page).fill("2021-12-31")
        expect(page.locator(".workbooks-live-controls .workbooks-live-problem")).to_contain_text(
            "31 Dec 2021 is before the plan's first day, 1 Jan 2022", timeout=30_000
        )
        problems = described(NOTEBOOK, blocking(axe_violations(page)))
        assert problems == [], "\n".join(problems)
        _assert_local_and_clean(page, presenter)
