"""The briefs in Debian's chromium: hostile text stays inert, a brief prints to PDF pages."""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.browser]


@pytest.mark.parametrize("brief, title, shown", [
    ("timeline_progress/hostile", "Timeline progress", "Hostile activity"),
    ("consultation_inputs/hostile_comments", "What stakeholders said", "Cheaper"),
    ("good_practice_comparison/hostile_survey", "Good practices compared", "Places refugees in formal jobs"),
])
def test_hostile_text_stays_inert_in_a_real_browser(briefs_run, chromium, brief, title, shown):
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", (briefs_run["out"] / f"{brief}.html").as_uri()).stdout
    assert "pwned" not in dom.split("</title>")[0]  # neither the script nor the onerror handler ran
    assert f"<title>{title}" in dom
    assert '<img src="x"' not in dom and "<b onmouseover" not in dom
    assert shown in dom


def test_brief_prints_to_pdf_pages_in_a_real_browser(briefs_run, chromium, tmp_path):
    pdf = tmp_path / "demo.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (briefs_run["out"] / "timeline_progress" / "demo.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 2 <= pages <= 12, pages  # a short brief, laid out on several printed pages
