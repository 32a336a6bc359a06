"""axe-core (npm, pinned in package-lock.json, installed by `make setup`) run in a Playwright page: the
WCAG 2.0, 2.1 and 2.2 A and AA rules. The browser tests fail on any serious or critical violation."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
IMPACTS = ("critical", "serious", "moderate", "minor")


def axe_violations(page) -> list[dict]:
    """Every violation axe-core finds on the page as it is now, of any impact."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): run `make setup`, which runs "
            "`npm ci` from package-lock.json"
        )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                          resultTypes: ['violations']})
                                     .then(result => result.violations)""",
        WCAG_TAGS,
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def by_impact(violations: list[dict]) -> dict[str, int]:
    """How many elements fail, by impact: {'serious': 11, ...}."""
    counts = Counter()
    for violation in violations:
        counts[violation["impact"]] += len(violation["nodes"])
    return {impact: counts[impact] for impact in IMPACTS if counts[impact]}


def described(name: str, violations: list[dict]) -> list[str]:
    """One line per failing element: the page, the rule, its impact, the element and what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())[:300]
            lines.append(
                f"{name}: {violation['id']} ({violation['impact']}) at {' '.join(map(str, node['target']))}: "
                f"{violation['help']}. {summary}"
            )
    return lines
