"""Datasets in data/: a CSV, its YAML sidecar (owid-style metadata) and its provenance.

Every ``data/NAME.csv`` has ``data/NAME.meta.yaml`` with: ``title``, ``description``, ``layout``
(a table layout in :mod:`workbooks.tables.layouts`), ``illustrative`` (true for invented demonstration
data, which every row then marks with source ``illustrative``), ``provenance`` and, for built
tables, ``rebuild`` (the command that rebuilds it). A sidecar that a command wrote with the table it
built (``workbooks ingest ...``: :func:`built_sidecar_text`) also says ``built`` (when) and
``built_from`` (the files read); a sidecar without ``built`` is a person's, which a command keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..common.paths import project_root, resolve, sidecar_path
from ..common.yaml_files import line_of, read_yaml_file
from ..errors import DataError, SidecarError, TableError, located
from .layouts import LAYOUTS, REFERENCE_FILES
from .references import ReferenceTarget, reference_problems, yaml_reference_targets
from .validate import file_line, load_table
from .vocabularies import COMMENT_ORIGINS, ILLUSTRATIVE_SOURCE

SIDECAR_KEYS: dict[str, type] = {
    "title": str,
    "description": str,
    "layout": str,
    "illustrative": bool,
    "provenance": str,
}
OPTIONAL_SIDECAR_KEYS: dict[str, type | tuple[type, ...]] = {
    "rebuild": str,
    "license": str,
    "built": str,
    "built_from": list,
    "refers_to": list,
    "collected_from": (str, list),
}
# collected_from: where a comments table's rows were gathered (COMMENT_ORIGINS, one or a list); the brief's words follow
# it ('Comments received up to', 'who sent it' for e-mails; 'posted', 'the page' for Hub pages)
# refers_to: the tables (file names in the same folder) this table's references point at, where they are not the
# project's own: a researcher's reviews of their own comments (my_code_reviews.csv refers to my_comments.csv)
_KIND_WORDS: dict[type | tuple[type, ...], str] = {
    str: "text (str)",
    bool: "true or false (bool)",
    list: "a list of file paths, one '- PATH' a line",
    (str, list): f"one of {', '.join(COMMENT_ORIGINS)}, or a list of them",
}


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


def load_sidecar(csv_path: Path | str) -> dict:
    """The sidecar of a table (``NAME.meta.yaml`` beside ``NAME.csv``), checked: every key present
    with its type, no other; SidecarError naming the file, line and key of each problem."""
    path = sidecar_path(csv_path)
    if not path.exists():
        raise SidecarError(f"{path}: missing; every table in data/ needs a sidecar with {', '.join(SIDECAR_KEYS)}")
    meta = read_yaml_file(path, SidecarError)
    if not isinstance(meta, dict):
        raise SidecarError(
            located(path, line_of(meta) or 1, None, f"expected a mapping of keys to values ({', '.join(SIDECAR_KEYS)})")
        )
    problems = []
    for key, kind in SIDECAR_KEYS.items():
        if key not in meta:
            problems.append(located(path, None, key, "is missing"))
        elif not isinstance(meta[key], kind):
            problems.append(
                located(
                    path,
                    line_of(meta, key),
                    key,
                    f"must be {_KIND_WORDS[kind]}, got {type(meta[key]).__name__} {meta[key]!r}",
                )
            )
        elif kind is str and not meta[key].strip():  # a brief names its data by these words: never by nothing
            problems.append(
                located(
                    path,
                    line_of(meta, key),
                    key,
                    "is empty: write what the table is (briefs name it by its title and say where it comes from)",
                )
            )
    for key in meta:
        if key not in SIDECAR_KEYS and key not in OPTIONAL_SIDECAR_KEYS:
            problems.append(
                located(
                    path,
                    line_of(meta, key),
                    key,
                    f"unknown key {key!r}; a sidecar has {', '.join([*SIDECAR_KEYS, *OPTIONAL_SIDECAR_KEYS])}",
                )
            )
        elif key in OPTIONAL_SIDECAR_KEYS and not isinstance(meta[key], OPTIONAL_SIDECAR_KEYS[key]):
            problems.append(
                located(path, line_of(meta, key), key, f"must be {_KIND_WORDS[OPTIONAL_SIDECAR_KEYS[key]]}")
            )
        elif key in ("built_from", "refers_to") and not all(
            isinstance(item, str) and item.strip() for item in meta[key]
        ):
            problems.append(located(path, line_of(meta, key), key, f"must be {_KIND_WORDS[list]}"))
    if isinstance(meta.get("collected_from"), (str, list)):
        problems += _collected_from_problems(path, meta)
    if isinstance(meta.get("layout"), str) and meta["layout"] not in LAYOUTS:
        problems.append(
            located(
                path, line_of(meta, "layout"), "layout", f"layout {meta['layout']!r} is not one of {', '.join(LAYOUTS)}"
            )
        )
    if problems:
        raise SidecarError("\n".join(problems))
    return meta


def collected_from(meta: dict) -> list[str]:
    """Where a comments table's rows were gathered, as its sidecar says (``collected_from``, one value
    or a list, of COMMENT_ORIGINS): [] where it does not say."""
    value = meta.get("collected_from", [])
    return [value] if isinstance(value, str) else list(value)


def _collected_from_problems(path: Path, meta: dict) -> list[str]:
    """``collected_from``: only in a comments table's sidecar, each value one of COMMENT_ORIGINS."""
    where = line_of(meta, "collected_from")
    if meta.get("layout") != "comments":
        return [
            located(
                path,
                where,
                "collected_from",
                "says where comments were gathered: only a comments table's "
                "sidecar (layout: comments) has it; remove it",
            )
        ]
    values = collected_from(meta)
    wrong = [value for value in values if value not in COMMENT_ORIGINS]
    if not values or wrong:
        said = ", ".join(repr(value) for value in wrong) or "nothing"
        return [
            located(
                path,
                where,
                "collected_from",
                f"{said} is not a kind of source; write one of "
                f"{', '.join(COMMENT_ORIGINS)}, or a list of them "
                "(collected_from: [e-mails, meeting notes])",
            )
        ]
    return []


@dataclass(frozen=True)
class Build:
    """How a command built a table, as its sidecar records it: the command line, the files it read
    (as given: relative to the project root where inside it) and when (UTC, to the minute)."""

    command: str
    read: tuple[str, ...]
    when: str


def recorded_path(path: Path | str, root: Path) -> str:
    """A file as a sidecar names it: relative to the project root where it is inside, else absolute."""
    resolved = Path(path).resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(resolved)


def built_sidecar_text(
    path: Path | str, layout: str, frame: pd.DataFrame, build: Build, title: str, description: str, provenance: str
) -> str | None:
    """The sidecar a command writes beside the table it built at ``path`` (checked as
    :func:`load_sidecar` checks one), or None where a person's sidecar is there (one without
    ``built``, e.g. data/comments.meta.yaml): that one is kept, and must name ``layout``
    (SidecarError before anything is written). ``illustrative`` follows the rows: true where every
    row's provenance column says 'illustrative', false where none does; a table mixing them is a
    TableError naming the lines."""
    path = Path(path)
    if sidecar_path(path).exists():
        existing = read_yaml_file(sidecar_path(path), SidecarError)
        if not (isinstance(existing, dict) and "built" in existing):
            _check_kept_sidecar(path, layout)
            return None
    marked = illustrative_rows(frame, layout)
    if marked.any() and not marked.all():
        column = LAYOUTS[layout].provenance_column
        raise TableError(
            path,
            [
                f"line {file_line(frame, index)}, column {column!r}: {ILLUSTRATIVE_SOURCE!r} marks an "
                "invented row, but other rows are real: a table is all invented or all real; put "
                "the invented rows in a file of their own"
                for index in frame.index[marked]
            ],
        )
    meta = {
        "title": title,
        "description": description,
        "layout": layout,
        "illustrative": bool(len(frame) and marked.all()),
        "provenance": provenance,
        "rebuild": build.command,
        "built": build.when,
        "built_from": list(build.read),
    }
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)


def _check_kept_sidecar(path: Path, layout: str) -> None:
    """A person's sidecar, kept beside the table a command writes: it loads, and names ``layout``."""
    meta = load_sidecar(path)
    if meta["layout"] != layout:
        raise SidecarError(
            located(
                sidecar_path(path),
                line_of(meta, "layout"),
                "layout",
                f"is {meta['layout']!r}, but a {layout} table is written beside it",
            )
        )


def illustrative_rows(frame: pd.DataFrame, layout: str) -> pd.Series:
    """Rows whose provenance column (``source``, or ``url`` for practices) says 'illustrative'."""
    column = LAYOUTS[layout].provenance_column
    return frame[column].astype(str).str.strip().str.lower() == ILLUSTRATIVE_SOURCE


def check_illustrative_marking(frame: pd.DataFrame, meta: dict, path: Path) -> None:
    """A table whose sidecar says illustrative has every row's provenance 'illustrative', and a table that
    is not has none: TableError naming the line and column of each row that breaks it."""
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
        raise TableError(path, [f"line {file_line(frame, index)}, column {column!r}: {message}" for index in bad])


TEMPLATES = "data/templates"  # a template table and its sidecar, for tables gathered elsewhere


def missing_sidecar_message(path: Path, layout: str | None) -> str:
    """What to do about a table without a sidecar: which file to create, and what to put in it."""
    sidecar = sidecar_path(path)
    template = {
        "comments": "comments.template.meta.yaml",
        "practices": "practices.template.meta.yaml",
        "status_log": "status_log.template.meta.yaml",
    }.get(layout or "")
    start = f"copy {TEMPLATES}/{template} to {sidecar.name} and fill it in" if template else f"create {sidecar.name}"
    keys = ", ".join(f"{key}: ..." for key in SIDECAR_KEYS if key not in ("layout", "illustrative"))
    return (
        f"{sidecar}: missing; every table needs a sidecar beside it that says what it is and where its rows come "
        f"from: {start} (layout: {layout or 'NAME of a table layout'}; {keys}; illustrative: true only for "
        "invented rows)"
    )


def checked_sidecar(path: Path, layout: str | None = None) -> dict:
    """The sidecar of the table at ``path``, which must exist (SidecarError saying which file to
    create and what to put in it) and, with ``layout`` given, name that layout."""
    if not sidecar_path(path).exists():
        if not path.exists():
            raise TableError(path, ["no such file"])
        raise SidecarError(missing_sidecar_message(path, layout))
    meta = load_sidecar(path)
    if layout is not None and meta["layout"] != layout:
        raise SidecarError(
            located(
                sidecar_path(path),
                line_of(meta, "layout"),
                "layout",
                f"is {meta['layout']!r}, but a {layout} table is needed here",
            )
        )
    return meta


def load_dataset(path: Path | str, root: Path | None = None, layout: str | None = None) -> Dataset:
    """Load a data table with its sidecar (required: the sidecar says what the table is, whether it
    is invented and where it comes from); the sidecar names the layout that validates it. With
    ``layout`` given, the sidecar must name that layout."""
    path = resolve(path, root)
    meta = checked_sidecar(path, layout)
    frame = load_table(path, LAYOUTS[meta["layout"]])
    check_illustrative_marking(frame, meta, path)
    return Dataset(path=path, frame=frame, meta=meta, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def _layout_named_by(path: Path) -> str | None:
    """The layout of a table that does not load: its sidecar's, where that can be read, else its name's."""
    try:
        return load_sidecar(path)["layout"]
    except DataError:
        return path.stem if path.stem in LAYOUTS else None


def reference_table(
    name: str, layout: str, real_tables: dict[str, str], refers_to: dict[str, str] | None = None
) -> str | None:
    """Which table of data/ a reference from the table ``name`` (e.g. mine.csv) to the layout ``layout``
    points at: the one of that layout its sidecar names in ``refers_to`` (file name -> layout, illustrative
    or not), else among ``real_tables`` (file name -> layout; no illustrative table) the one beside it made
    with it (mine.questions.csv, as `workbooks ingest discussion` writes), else the project's own
    (questions.csv), else the first of that layout; None where data/ has none."""
    named = [table for table, table_layout in (refers_to or {}).items() if table_layout == layout]
    if named:
        return named[0]
    stem = name.removesuffix(".csv")
    candidates = [table for table, table_layout in sorted(real_tables.items()) if table_layout == layout]
    for wanted in (f"{stem}.{layout}.csv", f"{layout}.csv"):
        if wanted in candidates:
            return wanted
    return candidates[0] if candidates else None


def referred_tables(meta: dict, tables: dict[str, str]) -> dict[str, str]:
    """The tables a sidecar's ``refers_to`` names, among ``tables`` (file name -> layout): name -> layout."""
    return {Path(each).name: tables[Path(each).name] for each in meta.get("refers_to", []) if Path(each).name in tables}


def check_all_datasets(
    root: Path | None = None, on_table: Callable[[Path, int | None], None] | None = None
) -> list[str]:
    """Load every table in data/ with its sidecar and check every reference its layout declares
    (to other tables, the codebook and the checklist) with the same function the workbooks load
    their inputs with. No data folder, or no table in it, is a problem too: nothing is "all valid".
    ``on_table`` is told of each table read, with its number of rows (None for one that could not be read)."""
    root = root or project_root()
    folder = root / "data"
    if not folder.is_dir():
        return [
            f"{folder}: no data folder: check-data reads the tables in data/ of the project root "
            "(set WORKBOOKS_ROOT to the folder holding data/)"
        ]
    paths = sorted(folder.glob("*.csv"))
    if not paths:
        return [f"{folder}: no tables (*.csv) to check"]
    problems, loaded, unusable = [], {}, set()
    for path in paths:
        try:
            loaded[path.name] = load_dataset(path, root)
        except DataError as error:
            problems.append(str(error))
            unusable.add(_layout_named_by(path))
        if on_table is not None:
            on_table(path, len(loaded[path.name].frame) if path.name in loaded else None)
    real = {name: dataset.meta["layout"] for name, dataset in loaded.items() if not dataset.illustrative}
    from_yaml: dict[str, ReferenceTarget] = {}
    referenced = {
        reference.target for dataset in loaded.values() for reference in LAYOUTS[dataset.meta["layout"]].references
    }
    if referenced & set(REFERENCE_FILES):
        from_yaml, unreadable = yaml_reference_targets(root)
        problems += unreadable
    for dataset in loaded.values():  # every reference declared in a layout points at a real row
        targets = dict(from_yaml)
        refers_to = referred_tables(dataset.meta, {name: each.meta["layout"] for name, each in loaded.items()})
        for reference in LAYOUTS[dataset.meta["layout"]].references:
            name = reference_table(dataset.path.name, reference.target, real, refers_to)
            if name is not None:
                targets[reference.target] = ReferenceTarget(loaded[name].frame, name)
            elif reference.target not in REFERENCE_FILES and reference.target not in unusable:  # else said above
                problems.append(
                    f"{dataset.path}: column {reference.columns[-1]!r} refers to {reference.name}, "
                    f"but data/ has no {reference.target} table"
                )
        problems += [
            f"{dataset.path}, {problem}"
            for problem in reference_problems(dataset.frame, LAYOUTS[dataset.meta["layout"]], targets)
        ]
    sources_name = reference_table("", "sources", real)
    sources = ReferenceTarget(loaded[sources_name].frame, sources_name) if sources_name else None
    if sources is not None:
        frame, path = sources.frame, folder / sources.name
        repeated = frame["file"].duplicated(keep="first")
        problems += [
            f"{path}, line {file_line(frame, i)}, column 'file': {frame.at[i, 'file']!r} is registered twice"
            for i in frame.index[repeated]
        ]
        for index, row in frame.iterrows():
            if not resolve(row["file"], root).exists():
                problems.append(
                    f"{path}, line {file_line(frame, index)}, column 'file': {row['file']!r} does not exist"
                )
    return problems
