"""References between tables, and the reference lists the workbooks share.

- :func:`reference_problems`: every reference a layout declares (:class:`workbooks.tables.layouts.Reference`)
  checked row by row, naming file line and column; the one check behind ``check-data`` and every
  workbook's loader.
- The GCM objective numbers and guiding-principle keys in data/ (the codebook and the checklist are
  checked against them), and the names of the workstream's checklist themes as data/checklist.yaml
  gives them (the consultation's codebook codes those themes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.wording import close_names, did_you_mean_names
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import ChecklistError, CodebookError, DataError, TableError, located
from .layouts import GCM_OBJECTIVES, GUIDING_PRINCIPLES, REFERENCE_FILES, TableLayout
from .validate import file_line, load_table


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
                raise ChecklistError(
                    located(
                        path,
                        line_of(entries, position - 1),
                        section,
                        f"{entry_name} #{position} needs a 'key' and a 'label'",
                    )
                )
            labels[key] = " ".join(label.split())
    return labels


def checklist_objective_links(root: Path) -> dict[str, list[int]]:
    """Key -> the GCM objectives data/checklist.yaml links to it: each item's `gcm_objectives`, and for
    a pillar those of its items (in the file's order, each once). What the workstream's checklist is
    closest to in the GCM, for ordering objectives by relevance. Pillar keys are also in
    :func:`checklist_pillar_keys`."""
    document = read_yaml_file(root / "data" / "checklist.yaml", ChecklistError)
    links: dict[str, list[int]] = {}
    for item in document.get("items") or []:
        numbers = [int(n) for n in item.get("gcm_objectives") or [] if str(n).isdigit()]
        links[str(item.get("key"))] = numbers
        pillar = str(item.get("pillar", ""))
        links[pillar] = list(dict.fromkeys(links.get(pillar, []) + numbers))
    return links


def checklist_pillar_keys(root: Path) -> set[str]:
    """The keys of data/checklist.yaml's pillars (the rest of its keys are items)."""
    document = read_yaml_file(root / "data" / "checklist.yaml", ChecklistError)
    return {str(pillar.get("key")) for pillar in document.get("pillars") or [] if isinstance(pillar, dict)}


@dataclass(frozen=True)
class ReferenceTarget:
    """What a reference may point at: a table's rows (or the keys of a YAML file, as a one-column
    frame) and the file's name, for messages."""

    frame: pd.DataFrame
    name: str


def _cell_texts(frame: pd.DataFrame, columns) -> list[tuple[str, ...]]:
    """Each row's cells of ``columns`` as text ('' where empty), whatever their loaded type."""
    texts = [
        frame[column].map(
            lambda value: "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        )
        for column in columns
    ]
    return list(zip(*texts)) if texts else []


def reference_problems(frame: pd.DataFrame, layout: TableLayout, targets: dict[str, ReferenceTarget]) -> list[str]:
    """Every reference the layout declares whose target is in ``targets``, checked row by row:
    ``line N, column 'c': ...`` (the row's line in its file) for each value not found. A row is
    named once per column: a reference is not checked where an earlier one already failed on one
    of its columns (an unknown comment_id is not also a wrong source)."""
    problems: list[str] = []
    failed: set[tuple] = set()  # (row index, column) of each value not found
    for reference in layout.references:
        target = targets.get(reference.target)
        if target is None:
            continue
        known = set(_cell_texts(target.frame, reference.target_columns))
        leading = {values[0] for values in known}  # a pair's first value ('workstream' of workstream, activity_id)
        for index, values in zip(frame.index, _cell_texts(frame, reference.columns)):
            if reference.skip_empty and "" in values:
                continue
            if values in known or any((index, column) in failed for column in reference.columns):
                continue
            failed.update((index, column) for column in reference.columns)
            column = reference.columns[-1]
            if len(values) == 1 or values[0] not in leading:  # the value, or a pair's first value, is unknown
                column = reference.columns[0]
                close = did_you_mean_names(close_names(values[0], sorted(leading)))
                what = f"{values[0]!r} is not {_a(reference.target_columns[0])} in {target.name}" + (
                    f" ({close})" if close else ""
                )
            else:
                what = f"no row of {target.name} has " + " and ".join(
                    f"{column} {value!r}" for column, value in zip(reference.target_columns, values)
                )
            problems.append(f"line {file_line(frame, index)}, column {column!r}: {what}")
    return problems


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def check_references(
    frame: pd.DataFrame, layout: TableLayout, path: Path | str, targets: dict[str, ReferenceTarget]
) -> None:
    """:func:`reference_problems`, raised as one TableError naming ``path`` (as a workbook loads its inputs)."""
    problems = reference_problems(frame, layout, targets)
    if problems:
        raise TableError(path, problems)


def yaml_reference_targets(root: Path) -> tuple[dict[str, ReferenceTarget], list[str]]:
    """The keys references may name in the YAML files of data/ (the codebook's codes, the
    checklist's items), read without compiling patterns (tables know no workbook), and the problems
    of files that cannot be read: ({'codebook': ..., 'checklist': ...}, problems)."""
    entries = {
        "codebook": ("codes", "code", "code", CodebookError),
        "checklist": ("items", "key", "item", ChecklistError),
    }
    targets, problems = {}, []
    for target, (section, key, column, error) in entries.items():
        path = root / REFERENCE_FILES[target]
        try:
            document = read_yaml_file(path, error)
        except DataError as problem:
            problems.append(str(problem))
            continue
        listed = document.get(section) if isinstance(document, dict) else None
        keys = [str(entry[key]) for entry in listed or [] if isinstance(entry, dict) and key in entry]
        targets[target] = ReferenceTarget(pd.DataFrame({column: keys}, dtype=str), path.name)
    return targets, problems
