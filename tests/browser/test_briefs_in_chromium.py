"""The briefs in Debian's chromium: hostile text stays inert, a brief prints to PDF pages."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.kernel]


@pytest.mark.parametrize(
    "brief, title, shown",
    [
        ("timeline_progress/hostile", "Timeline progress", "Hostile activity"),
        ("consultation_inputs/hostile_comments", "What stakeholders said", "We recommend cheaper remittances"),
        ("good_practice_comparison/hostile_survey", "Good practices compared", "Places refugees in formal jobs"),
    ],
)
def test_hostile_text_stays_inert_in_a_real_browser(briefs_run, chromium, brief, title, shown):
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", (briefs_run["out"] / f"{brief}.html").as_uri()).stdout
    assert "pwned" not in dom.split("</title>")[0]  # neither the script nor the onerror handler ran
    assert f"<title>{title}" in dom
    assert '<img src="x"' not in dom and "<b onmouseover" not in dom
    assert shown in dom


def test_brief_prints_to_pdf_pages_in_a_real_browser(briefs_run, chromium, tmp_path):
    pdf = tmp_path / "demo.pdf"
    chromium(
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        (briefs_run["out"] / "timeline_progress" / "demo.html").as_uri(),
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 2 <= pages <= 12, pages  # a short brief, laid out on several printed pages


def test_every_brief_opens_from_disk_offline_with_every_figure_shown(briefs_run, chromium_binary):
    """Each brief (and the catalogue) from the scenario's outputs/, opened as a file: it requests
    nothing but itself and its own data, logs no console error, and every figure has loaded and shows."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_FLAGS

    pages = sorted(briefs_run["out"].glob("*/*.html")) + [briefs_run["out"] / "index.html"]
    assert len(pages) >= 9
    figures_seen = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary, args=CHROMIUM_FLAGS[1:])
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests, errors = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.as_uri(), wait_until="load", timeout=60_000)
            elsewhere = [url for url in requests if not url.startswith(("data:", "blob:")) and url != path.as_uri()]
            assert elsewhere == [], f"{path.name}: requests beyond the file: {elsewhere}"
            assert errors == [], f"{path.name}: console errors: {errors}"
            for image in page.locator("figure img").all():
                image.scroll_into_view_if_needed()
                loaded = image.evaluate("img => img.complete && img.naturalWidth > 0")
                box = image.bounding_box()
                assert loaded and image.is_visible() and box and box["width"] > 100, (
                    f"{path.name}: a figure is not shown"
                )
                figures_seen += 1
            page.close()
        browser.close()
    assert figures_seen >= 12
