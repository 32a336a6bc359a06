"""The README opens with the project's tree: every module of lib/workbooks is named there, so a maintainer
finds from the README alone where each thing lives (a module added without its line fails here)."""

from __future__ import annotations

import re

from conftest import ROOT


def _tree() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("├── Makefile")
    return readme[start : readme.index("```", start)]


def _unnamed(tree: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "lib" / "workbooks").rglob("*.py"))
        if path.name != "__init__.py" and not re.search(rf"(?<![\w/]){re.escape(path.stem)}\.py", tree)
    ]


def test_every_module_is_named_in_the_readme_tree():
    assert _unnamed(_tree()) == []


def test_a_module_missing_from_the_tree_is_found():
    assert "lib/workbooks/common/moments.py" in _unnamed(_tree().replace("moments.py", "moments"))
