"""Reference lists the workbooks share: the GCM objective numbers and guiding-principle keys in
data/ (the codebook and the checklist are checked against them), and the names of the workstream's
checklist themes as data/checklist.yaml gives them (the consultation's codebook codes those themes)."""
from __future__ import annotations

from pathlib import Path

from ..common.yaml_files import line_of, read_yaml_file
from ..errors import ChecklistError, located
from .layouts import GCM_OBJECTIVES, GUIDING_PRINCIPLES
from .validate import load_table


def gcm_references(root: Path) -> tuple[list[int], list[str]]:
    """The GCM objective numbers and guiding-principle keys of the reference tables in data/."""
    objectives = load_table(root / "data" / "gcm_objectives.csv", GCM_OBJECTIVES)
    principles = load_table(root / "data" / "guiding_principles.csv", GUIDING_PRINCIPLES)
    return [int(number) for number in objectives["number"]], list(principles["key"])


def checklist_labels(root: Path) -> dict[str, str]:
    """Key -> label of every pillar and item of data/checklist.yaml, for the workbooks that name the
    checklist's themes without scoring them. (The comparison workbook reads the whole checklist.)"""
    path = root / "data" / "checklist.yaml"
    document = read_yaml_file(path, ChecklistError)
    labels = {}
    for section, entry_name in (("pillars", "pillar"), ("items", "item")):
        entries = document.get(section) if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise ChecklistError(located(path, line_of(document, section), section, "must be a list"))
        for position, entry in enumerate(entries, start=1):
            key, label = (entry.get("key"), entry.get("label")) if isinstance(entry, dict) else (None, None)
            if not isinstance(key, str) or not isinstance(label, str) or not label.strip():
                raise ChecklistError(located(path, line_of(entries, position - 1), section,
                                             f"{entry_name} #{position} needs a 'key' and a 'label'"))
            labels[key] = " ".join(label.split())
    return labels
