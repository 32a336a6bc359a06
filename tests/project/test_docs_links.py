"""The README and the guides in docs/ link to each other by file and heading: every link resolves (a section
renamed or moved to another guide fails here), and the README's Documentation section links every guide."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    found, fenced = set(), False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.add(_anchor(line.split(" ", 1)[1]))
    return found


def broken_links(page: Path, text: str) -> list[str]:
    """The links of ``text`` (the page ``page``) to a file or a heading that is not there."""
    broken = []
    for link in re.findall(r"\]\(([^)\s]+)\)", text):
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            broken.append(f"{link}: no such file")
        elif anchor and target.suffix == ".md":
            heading_text = text if target == page else target.read_text(encoding="utf-8")
            if anchor not in _anchors(heading_text):
                broken.append(f"{link}: no such heading")
    return broken


def test_every_link_of_the_readme_and_the_guides_resolves():
    assert {page.name: broken_links(page, page.read_text(encoding="utf-8")) for page in PAGES} == {
        page.name: [] for page in PAGES
    }


def test_a_link_to_a_heading_or_a_file_that_is_not_there_is_found():
    readme = ROOT / "README.md"
    text = "## Documentation\n[x](docs/briefs.md#no-such-heading) [y](docs/gone.md) [z](#documentation) [w](#gone)"
    assert broken_links(readme, text) == [
        "docs/briefs.md#no-such-heading: no such heading",
        "docs/gone.md: no such file",
        "#gone: no such heading",
    ]
    assert broken_links(readme, "[x](docs/briefs.md#scheduled-runs-history-feed-and-alerts)") == []


def test_the_readme_links_every_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documentation = readme[readme.index("## Documentation") :].split("\n## ", 1)[0]
    guides = {page.name for page in PAGES[1:]}
    assert {name for name in guides if f"(docs/{name})" not in documentation} == set()
