"""Datasets in data/: a CSV, its YAML sidecar (owid-style metadata) and its provenance.

Every ``data/NAME.csv`` has ``data/NAME.meta.yaml`` with: ``title``, ``description``, ``layout``
(a table layout in :mod:`workbooks.tables.layouts`), ``illustrative`` (true for invented demonstration
data, which every row then marks with source ``illustrative``), ``provenance`` and, for built
tables, ``rebuild`` (the command that rebuilds it).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import DataError, SidecarError, TableError, located
from .layouts import LAYOUTS
from .validate import load_table
from .vocabularies import ILLUSTRATIVE_SOURCE

SIDECAR_KEYS = {"title": str, "description": str, "layout": str, "illustrative": bool, "provenance": str}
OPTIONAL_SIDECAR_KEYS = {"rebuild": str, "license": str}
_KIND_WORDS = {str: "text (str)", bool: "true or false (bool)"}


@dataclass(frozen=True)
class Dataset:
    path: Path
    frame: pd.DataFrame
    meta: dict
    sha256: str

    @property
    def illustrative(self) -> bool:
        return bool(self.meta["illustrative"])

    @property
    def name(self) -> str:
        return self.path.name


def sidecar_path(csv_path: Path | str) -> Path:
    csv_path = Path(csv_path)
    return csv_path.with_name(csv_path.stem + ".meta.yaml")


def load_sidecar(csv_path: Path | str) -> dict:
    """The sidecar of a table (``NAME.meta.yaml`` beside ``NAME.csv``), checked: every key present
    with its type, no other; SidecarError naming the file, line and key of each problem."""
    path = sidecar_path(csv_path)
    if not path.exists():
        raise SidecarError(f"{path}: missing; every table in data/ needs a sidecar with {', '.join(SIDECAR_KEYS)}")
    meta = read_yaml_file(path, SidecarError)
    if not isinstance(meta, dict):
        raise SidecarError(located(path, line_of(meta) or 1, None, "expected a mapping of keys to values "
                                   f"({', '.join(SIDECAR_KEYS)})"))
    problems = []
    for key, kind in SIDECAR_KEYS.items():
        if key not in meta:
            problems.append(located(path, None, key, "is missing"))
        elif not isinstance(meta[key], kind):
            problems.append(located(path, line_of(meta, key), key, f"must be {_KIND_WORDS[kind]}, got "
                                                                    f"{type(meta[key]).__name__} {meta[key]!r}"))
    for key in meta:
        if key not in SIDECAR_KEYS and key not in OPTIONAL_SIDECAR_KEYS:
            problems.append(located(path, line_of(meta, key), key, f"unknown key {key!r}; a sidecar has "
                                    f"{', '.join([*SIDECAR_KEYS, *OPTIONAL_SIDECAR_KEYS])}"))
        elif key in OPTIONAL_SIDECAR_KEYS and not isinstance(meta[key], OPTIONAL_SIDECAR_KEYS[key]):
            problems.append(located(path, line_of(meta, key), key,
                                    f"must be {_KIND_WORDS[OPTIONAL_SIDECAR_KEYS[key]]}"))
    if isinstance(meta.get("layout"), str) and meta["layout"] not in LAYOUTS:
        problems.append(located(path, line_of(meta, "layout"), "layout",
                                f"layout {meta['layout']!r} is not one of {', '.join(LAYOUTS)}"))
    if problems:
        raise SidecarError("\n".join(problems))
    return meta


def illustrative_rows(frame: pd.DataFrame, layout: str) -> pd.Series:
    """Rows whose provenance column (``source``, or ``url`` for practices) says 'illustrative'."""
    column = LAYOUTS[layout].provenance_column
    return frame[column].astype(str).str.strip().str.lower() == ILLUSTRATIVE_SOURCE


def _check_illustrative_marking(frame: pd.DataFrame, meta: dict, path: Path) -> None:
    column = LAYOUTS[meta["layout"]].provenance_column
    if column not in frame.columns:
        return
    marked = illustrative_rows(frame, meta["layout"])
    if meta["illustrative"]:
        bad = frame.index[~marked]
        message = f"the sidecar says illustrative, so its {column} must be {ILLUSTRATIVE_SOURCE!r}"
    else:
        bad = frame.index[marked]
        message = "illustrative rows do not belong in a table whose sidecar says illustrative: false"
    if len(bad):
        raise TableError(path, [f"line {index + 2}, column {column!r}: {message}" for index in bad])


def load_dataset(path: Path | str, root: Path | None = None, layout: str | None = None) -> Dataset:
    """Load a data table with its sidecar; the sidecar names the layout that validates it.

    With ``layout`` given, a table without a sidecar (comments gathered elsewhere, on a template) is
    accepted: it is checked against that layout, and it counts as illustrative only if every row's
    source says so."""
    path = resolve(path, root)
    if layout is not None and not sidecar_path(path).exists():
        frame = load_table(path, LAYOUTS[layout])
        marked = illustrative_rows(frame, layout)
        meta = {"title": path.name, "description": "", "layout": layout,
                "illustrative": bool(len(frame)) and bool(marked.all()),
                "provenance": f"No sidecar: each row's `{LAYOUTS[layout].provenance_column}` column says where it came from."}
    else:
        meta = load_sidecar(path)
        if layout is not None and meta["layout"] != layout:
            raise SidecarError(f"{sidecar_path(path)}: layout is {meta['layout']!r}, but a {layout} table is needed here")
        frame = load_table(path, LAYOUTS[meta["layout"]])
        _check_illustrative_marking(frame, meta, path)
    return Dataset(path=path, frame=frame, meta=meta, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def check_all_datasets(root: Path | None = None) -> list[str]:
    """Load every table in data/ with its sidecar and check references between tables."""
    root = root or project_root()
    problems, loaded = [], {}
    for path in sorted((root / "data").glob("*.csv")):
        try:
            loaded[path.name] = load_dataset(path, root)
        except DataError as error:
            problems.append(str(error))
    by_layout: dict[str, Dataset] = {}
    for dataset in loaded.values():
        if not dataset.illustrative:
            by_layout.setdefault(dataset.meta["layout"], dataset)
    for dataset in loaded.values():  # every reference declared in a layout points at a real row
        for column, target in LAYOUTS[dataset.meta["layout"]].references.items():
            table, target_column = target.split(".")
            referenced = by_layout.get(table)
            if referenced is None:
                problems.append(f"{dataset.path}: column {column!r} refers to {target}, but data/ has no {table} table")
                continue
            known = set(referenced.frame[target_column])
            unknown = dataset.frame.index[~dataset.frame[column].isin(known)]
            problems += [f"{dataset.path}, line {i + 2}, column {column!r}: {dataset.frame.at[i, column]!r} "
                         f"is not a {target_column} in {referenced.path.name}" for i in unknown]
    sources = by_layout.get("sources")
    if sources is not None:
        repeated = sources.frame["file"].duplicated(keep="first")
        problems += [f"{sources.path}, line {i + 2}, column 'file': {sources.frame.at[i, 'file']!r} is registered twice"
                     for i in sources.frame.index[repeated]]
        for index, row in sources.frame.iterrows():
            if not resolve(row["file"], root).exists():
                problems.append(f"{sources.path}, line {index + 2}, column 'file': {row['file']!r} does not exist")
    return problems
