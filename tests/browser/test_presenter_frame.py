"""What every live view shares in presenter mode, in Debian's chromium at 1280x720, on the consultation
view (the quickest to open): prepared views from the landing page, the view's selections kept in the
page's address across a reload, the busy state while a redraw runs, controls and chart on the first
screen, the spinner naming the workbook, and the notice when the server stops (the last test: it stops
this module's server with Ctrl-C)."""

from __future__ import annotations

import signal

import pytest
from test_presenter import _assert_local_and_clean, _browser_page, _open, presenter  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]

NOTEBOOK = "consultation_inputs"

# records, in the page, whether the view was ever marked busy (the class comes and goes within a redraw)
WATCH_BUSY = """() => { window.__busySeen = false;
  new MutationObserver(() => { if (document.querySelector('.workbooks-live.workbooks-busy')) window.__busySeen = true; })
    .observe(document.body, {subtree: true, attributes: true, attributeFilter: ['class']}); }"""


# records, from the start of every page, whether the consultation view's default ("14 of 14 comments match") was
# ever on screen: a prepared link's page must show only the view its address names
WATCH_DEFAULT_SHOWN = """window.__defaultSeen = false;
  new MutationObserver(() => { const shown = document.querySelector('.workbooks-live-shown');
    if (shown && shown.checkVisibility({visibilityProperty: true, opacityProperty: true})
        && shown.textContent.includes('14 of 14 comments match')) { window.__defaultSeen = true; } })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});"""


def _fits_the_first_screen(page) -> None:
    chart = page.locator(".workbooks-live-shown img").first.bounding_box()
    controls = page.locator(".workbooks-live-controls").bounding_box()
    assert chart["y"] + chart["height"] <= 720, f"the chart ends at {chart['y'] + chart['height']} px"
    assert controls["y"] + controls["height"] <= 720 and controls["x"] + controls["width"] <= chart["x"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280  # no horizontal scroll


def test_a_prepared_view_opens_with_its_selections_and_the_address_follows_the_view(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "prepared-view") as page:
        page.goto(presenter["url"], timeout=30_000)
        link = page.get_by_role("link", name="Comments on the draft workplan that raise a gender-responsive approach")
        assert link.get_attribute("href") == f"voila/render/{NOTEBOOK}.ipynb?code=principle-gender-responsive"
        page.add_init_script(WATCH_DEFAULT_SHOWN)
        link.click()
        shown = page.locator(".workbooks-live-shown")
        expect(shown).to_contain_text("5 of 14 comments match, raising Gender-responsive.", timeout=120_000)
        expect(shown).to_be_visible()
        assert not page.evaluate("window.__defaultSeen")  # the pool kernel's default view never showed
        expect(page.locator(".workbooks-live-controls .widget-dropdown select").first).to_have_value(
            "Gender-responsive"
        )  # the control shows the chosen code
        _fits_the_first_screen(page)
        assert "Opening Consultation inputs: step" in page.content()  # the spinner names the workbook

        page.evaluate(WATCH_BUSY)
        page.locator(".workbooks-checkboxes .widget-checkbox input").first.uncheck()  # Member State
        page.wait_for_url(lambda url: "stakeholders=civil+society%2FNGO" in url and "Member" not in url, timeout=30_000)
        assert page.evaluate("window.__busySeen")  # the chart was dimmed while the kernel redrew it
        assert "code=principle-gender-responsive" in page.url

        page.reload(wait_until="commit")
        expect(shown).to_contain_text("comments match, raising Gender-responsive.", timeout=120_000)
        assert not page.evaluate("window.__defaultSeen")
        boxes = page.locator(".workbooks-checkboxes .widget-checkbox input")
        expect(boxes.first).not_to_be_checked()  # the reload kept what the presenter had chosen
        expect(boxes.nth(1)).to_be_checked()
        _assert_local_and_clean(page, presenter)


def test_an_address_the_view_cannot_take_is_said_on_the_page(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "bad-address") as page:
        page.goto(
            presenter["url"] + f"voila/render/{NOTEBOOK}.ipynb?code=gcm-99&colour=red",
            wait_until="commit",
            timeout=120_000,
        )
        status = page.locator(".workbooks-live-status")
        expect(status).to_contain_text(
            "The address names code “gcm-99”, which is not in the data: left out.", timeout=120_000
        )
        expect(status).to_contain_text("The address names “colour”, which this view does not have: left out.")
        expect(page.locator(".workbooks-live-shown")).to_contain_text("14 of 14 comments match")


def test_the_controls_stay_on_the_screen_while_the_presenter_scrolls_down(presenter, chromium_binary):
    """Below the chart come the matching comments; scrolled down to them, the controls are still there to use."""
    with _browser_page(chromium_binary, presenter, "sticky") as page:
        shown = _open(page, presenter, NOTEBOOK)
        page.mouse.move(800, 400)
        page.mouse.wheel(0, 1500)
        page.wait_for_function(
            "document.querySelector('.workbooks-live-shown').getBoundingClientRect().top < -1000", timeout=10_000
        )
        controls = page.locator(".workbooks-live-controls").bounding_box()
        assert controls["y"] >= 0 and controls["y"] + controls["height"] <= 720, controls
        assert shown.bounding_box()["y"] < -1000
        _assert_local_and_clean(page, presenter)


def test_a_page_whose_kernel_never_answers_says_to_reload_it(presenter, chromium_binary):
    """The page's channel to its kernel refused (as when a kernel does not start on a loaded machine): after
    45 s the page says the workbook has not opened and to reload, rather than a spinner that never ends."""
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "never-answers") as page:
        page.route_web_socket("**/api/kernels/**", lambda socket: socket.close())
        page.clock.install()
        page.goto(presenter["url"] + f"voila/render/{NOTEBOOK}.ipynb", wait_until="commit", timeout=120_000)
        page.wait_for_load_state("domcontentloaded", timeout=120_000)
        notice = page.locator("#workbooks-slow")
        page.clock.run_for(40_000)
        expect(notice).to_have_count(0)
        page.clock.run_for(6_000)
        expect(notice).to_have_text(
            "This workbook has not opened yet: the computer may be busy, or its kernel did not start. Reload the page.",
            timeout=10_000,
        )
        assert page.locator(".workbooks-live-shown").count() == 0


@pytest.mark.stops_presenter
def test_the_page_says_presenter_mode_stopped_when_the_server_is_gone(presenter, chromium_binary):
    from playwright.sync_api import expect

    with _browser_page(chromium_binary, presenter, "stopped") as page:
        shown = _open(page, presenter, NOTEBOOK)
        expect(shown).to_contain_text("14 of 14 comments match")
        presenter["server"].send_signal(signal.SIGINT)
        presenter["server"].wait(timeout=60)
        notice = page.get_by_role("alert")
        expect(notice).to_contain_text("Presenter mode stopped", timeout=20_000)
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.workbooks-live-controls')).pointerEvents")
            == "none"
        )
