"""Every brief of the shared briefs run and the catalogue, opened from disk in Debian's chromium,
checked by axe-core against WCAG 2.0, 2.1 and 2.2 A and AA: no serious or critical violation.
(The presenter pages are checked in test_presenter.py, against its running server.)"""

from __future__ import annotations

import pytest
from axe_check import axe_violations, blocking, described

from conftest import CHROMIUM_FLAGS

pytestmark = [pytest.mark.integration, pytest.mark.browser]


@pytest.mark.kernel
def test_every_brief_and_the_catalogue_pass_axe_core(briefs_run, chromium_binary):
    from playwright.sync_api import sync_playwright

    out = briefs_run["out"]
    pages = sorted(out.glob("*/*.html")) + [out / "index.html", out / "history.html"]
    assert len(pages) >= 10
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary, args=CHROMIUM_FLAGS[1:])
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.as_uri(), wait_until="load", timeout=60_000)
            problems += described(str(path.relative_to(out)), blocking(axe_violations(page)))
            page.close()
        browser.close()
    assert problems == [], f"{len(problems)} serious or critical accessibility violations:\n" + "\n".join(problems)


def test_axe_core_finds_what_it_must(chromium_binary, tmp_path):
    """The check itself: a page with text too pale to read and a picture without alt text fails it."""
    from playwright.sync_api import sync_playwright

    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">Pale text</p><img src="data:,">'
        "</main></body></html>",
        encoding="utf-8",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary, args=CHROMIUM_FLAGS[1:])
        page = browser.new_page()
        page.goto(bad.as_uri())
        found = {violation["id"] for violation in blocking(axe_violations(page))}
        browser.close()
    assert {"color-contrast", "image-alt"} <= found
