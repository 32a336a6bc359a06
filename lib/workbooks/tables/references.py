"""The GCM reference lists in data/: objective numbers and guiding-principle keys, which the
codebook and the checklist are checked against."""
from __future__ import annotations

from pathlib import Path

from .layouts import GCM_OBJECTIVES, GUIDING_PRINCIPLES
from .validate import load_table


def gcm_references(root: Path) -> tuple[list[int], list[str]]:
    """The GCM objective numbers and guiding-principle keys of the reference tables in data/."""
    objectives = load_table(root / "data" / "gcm_objectives.csv", GCM_OBJECTIVES)
    principles = load_table(root / "data" / "guiding_principles.csv", GUIDING_PRINCIPLES)
    return [int(number) for number in objectives["number"]], list(principles["key"])
