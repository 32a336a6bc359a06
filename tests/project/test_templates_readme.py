"""data/templates/README.md lists what each template's vocabulary column takes, as the layouts declare it."""

from __future__ import annotations

import re

from conftest import ROOT
from workbooks.tables.vocabularies import TARGET_GROUPS


def _row(column: str) -> str:
    text = (ROOT / "data" / "templates" / "README.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(f"| `{column}` |"))


def test_the_templates_readme_lists_every_target_group_the_layout_takes():
    listed = set(re.findall(r"`([^`]+)`", _row("target_group").split("|")[2]))
    assert listed == set(TARGET_GROUPS)
