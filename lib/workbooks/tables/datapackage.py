"""data/datapackage.json: a Frictionless Data Package (v2) generated from the table layouts and the
sidecars, as the data dictionary is (:mod:`.dictionary`), so that any Frictionless tool can read and
check data/ without this package.

One resource per ``data/NAME.csv``: its sidecar's title and description, and a Table Schema made
from its layout: types, ``required``, ``enum``, whole-cell ``pattern``, ``primaryKey`` and the
``foreignKeys`` to other tables. What a layout checks that a Table Schema cannot say is left out,
never approximated by a stricter constraint, and said in the field's description (per column) or
in :data:`NOT_EXPRESSED` (for every table); ``check-data`` checks all of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..common.files import atomic_write_text
from ..common.paths import project_root
from ..errors import SidecarError
from .datasets import load_sidecar, reference_table, referred_tables
from .layouts import ISO_DATE, LAYOUTS, REFERENCE_FILES, ColumnSpec, Reference, TableLayout
from .vocabularies import TRUE_FALSE

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DATAPACKAGE = "data/datapackage.json"
COMMAND = "workbooks datapackage (make datapackage)"
TYPES = {"text": "string", "date": "date", "integer": "integer", "boolean": "boolean"}
TRUE_TEXT, FALSE_TEXT = TRUE_FALSE  # how the CSVs write a boolean (validate.as_text)
ANY_TEXT = r"[\s\S]*"  # any text, line breaks included ('.' stops at a line break)

# What check-data checks in every table that a Table Schema cannot express (so no constraint says it).
NOT_EXPRESSED = (
    "a cell holding a control character (U+0000-U+001F other than tab and line breaks, or U+007F) is refused",
    "a required cell of spaces only counts as empty (Frictionless reads only '' as missing)",
    "a table whose layout needs rows ("
    + ", ".join(name for name, layout in LAYOUTS.items() if layout.rows_required)
    + ") may not be empty",
    "references to data/codebook.yaml and data/checklist.yaml (YAML files, not tables)",
)

# A layout pattern that the field's type already says (more loosely, as noted) becomes this instead.
_TYPE_PATTERNS = {
    ("date", ISO_DATE): (
        {},
        "Frictionless's date type (YYYY-MM-DD) also reads an unpadded 2023-2-5, which check-data refuses.",
    ),
    ("integer", r"^\d+$"): (
        {"minimum": 0},
        "Digits only (minimum 0 here; Frictionless also reads '+5' or ' 5', which check-data refuses).",
    ),
}


def _split_top_level(pattern: str) -> list[str] | None:
    """The pattern's top-level alternatives (``a|b`` -> ['a', 'b']), or None if it cannot be read
    (an unbalanced group or class)."""
    branches, current, depth, position = [], [], 0, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            current.append(pattern[position : position + 2])
            position += 2
            continue
        if char == "[":  # a character class: to its closing ']' (a ']' first in it is literal)
            end = position + 1
            end += pattern[end] == "^" if end < len(pattern) else 0
            end += pattern[end] == "]" if end < len(pattern) else 0
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            if end >= len(pattern):
                return None
            current.append(pattern[position : end + 1])
            position = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        if char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
        else:
            current.append(char)
        position += 1
    return None if depth else branches + ["".join(current)]


def _outside_classes(pattern: str) -> str:
    """The pattern with escapes and character classes blanked out: what is left are operators."""
    return re.sub(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", "_", pattern)


def whole_cell_pattern(pattern: str) -> str | None:
    """A layout's pattern (found anywhere in a cell, as ``re.search``; anchored with its own ``^``
    and ``$``) as a Table Schema pattern, which must match the whole cell: each alternative's anchors
    stripped, any text allowed where it was not anchored (``^https?://`` -> ``https?://[\\s\\S]*``),
    non-capturing groups written as plain ones (XML Schema has no ``(?:``). None where that cannot
    be done faithfully: inline flags, backreferences, lookarounds, or an anchor inside an alternative."""
    if re.search(r"\(\?[^:]", _outside_classes(pattern)) or re.search(
        r"\\[1-9]", pattern
    ):  # flags, lookarounds, backreferences
        return None
    branches = _split_top_level(pattern)
    if branches is None:
        return None
    translated = []
    for branch in branches:
        starts = branch.startswith("^")
        ends = branch.endswith("$") and not re.search(r"(?<!\\)(?:\\\\)*\\\$$", branch)
        body = branch[1 if starts else 0 : len(branch) - 1 if ends else len(branch)]
        if re.search(r"[$^]", _outside_classes(body)):
            return None
        translated.append(("" if starts else ANY_TEXT) + body + ("" if ends else ANY_TEXT))
    whole = "|".join(translated)
    whole = f"({whole})" if len(translated) > 1 else whole
    return whole.replace("(?:", "(")


def _reference_note(reference: Reference) -> str:
    """A reference a foreign key cannot carry, in words for the field's description."""
    keys = ", ".join(reference.target_columns)
    if reference.target in REFERENCE_FILES:
        entry = {"codebook": "a code", "checklist": "an item"}.get(reference.target, "an entry")
        return (
            f"Each value is {entry} ({keys}) in {REFERENCE_FILES[reference.target]}: checked by check-data, "
            "not a foreign key (the target is YAML, not a table)."
        )
    return (
        f"Together ({', '.join(reference.columns)}), where none is empty, a row of {reference.target} "
        f"({keys}): checked by check-data, not a foreign key (Frictionless checks a key with only some cells empty)."
    )


def _field(spec: ColumnSpec, notes: list[str]) -> dict:
    field: dict[str, object] = {"name": spec.name, "type": TYPES[spec.kind]}
    constraints: dict[str, object] = {"required": True} if spec.required else {}
    if spec.kind == "date":
        field["format"] = "default"
    if spec.kind == "boolean":
        field["trueValues"], field["falseValues"] = [TRUE_TEXT], [FALSE_TEXT]
    elif spec.allowed and spec.normalise is None:
        constraints["enum"] = [int(value) for value in spec.allowed] if spec.kind == "integer" else list(spec.allowed)
    elif spec.allowed:
        notes.append(
            f"Written as one of {', '.join(spec.allowed)}; check-data also reads other spellings of "
            "them (e.g. 'Ongoing' for In progress), so no enum constraint."
        )
    if spec.pattern and (spec.kind, spec.pattern) in _TYPE_PATTERNS:
        implied, note = _TYPE_PATTERNS[spec.kind, spec.pattern]
        constraints.update(implied)
        notes.append(note)
    elif spec.pattern:
        pattern = whole_cell_pattern(spec.pattern) if spec.kind == "text" else None
        if pattern is None:
            notes.append(
                f"Must match {spec.pattern} (checked by check-data; not expressible as a Table Schema pattern)."
            )
        else:
            constraints["pattern"] = pattern
    if constraints:
        field["constraints"] = constraints
    field["description"] = " ".join([spec.description, *notes])
    return field


def table_schema(layout: TableLayout, resource_of_layout: dict[str, str]) -> dict:
    """The Table Schema of a layout; ``resource_of_layout`` names the resource each referenced layout is."""
    notes: dict[str, list[str]] = {spec.name: [] for spec in layout.columns}
    foreign_keys = []
    for reference in layout.references:
        if reference.target in REFERENCE_FILES or (reference.skip_empty and len(reference.columns) > 1):
            notes[reference.columns[-1]].append(_reference_note(reference))
        elif reference.target in resource_of_layout:
            foreign_keys.append(
                {
                    "fields": list(reference.columns),
                    "reference": {
                        "resource": resource_of_layout[reference.target],
                        "fields": list(reference.target_columns),
                    },
                }
            )
        else:
            raise SidecarError(
                f"data/: the {layout.name} layout refers to the {reference.target} table, but no table "
                f"in data/ has a sidecar naming layout: {reference.target} (and illustrative: false)"
            )
    schema = {
        "$schema": TABLE_SCHEMA_PROFILE,
        "missingValues": [""],
        "fields": [_field(spec, notes[spec.name]) for spec in layout.columns],
    }
    if layout.unique_key:
        schema["primaryKey"] = list(layout.unique_key)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _licenses(meta: dict) -> list[dict]:
    """The sidecar's own licence, as given (a URL as path, else a licence name): never one it does not state."""
    license_ = meta.get("license")
    if not license_:
        return []
    return [{"path": license_} if re.match(r"https?://", license_) else {"name": license_}]


def _resource(path: Path, meta: dict, resource_of_layout: dict[str, str]) -> dict:
    layout = LAYOUTS[meta["layout"]]
    title, description = _one_line(meta["title"]), _one_line(meta["description"])
    if meta["illustrative"]:
        title = title if "ILLUSTRATIVE" in title else f"ILLUSTRATIVE: {title}"
        description = f"ILLUSTRATIVE: invented data for demonstrations and tests, not a record. {description}"
    if meta.get("rebuild"):
        description += f" Rebuilt by `{meta['rebuild']}`."
    sources = [{"title": _one_line(meta["provenance"])}]
    if any(reference.target == "sources" for reference in layout.references):
        sources.append(
            {"title": "The stored pages registered in sources.csv (each row's source_id)", "path": "sources.csv"}
        )
    resource = {
        "name": path.stem,
        "path": path.name,
        "type": "table",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "sources": sources,
        "schema": table_schema(layout, resource_of_layout),
    }
    licenses = _licenses(meta)
    if licenses:
        resource["licenses"] = licenses
    return resource


def build_datapackage(root: Path | None = None) -> dict:
    """The Data Package of every table in ``root``/data (default: the project root), from the layouts
    and the sidecars (the tables' rows are not read)."""
    folder = (root or project_root()) / "data"
    paths = sorted(folder.glob("*.csv"))
    metas = {path: load_sidecar(path) for path in paths}
    real = {path.name: meta["layout"] for path, meta in metas.items() if not meta["illustrative"]}

    every = {path.name: meta["layout"] for path, meta in metas.items()}

    def resource_of_layout(path: Path) -> dict[str, str]:  # what its references point at, as check-data
        refers_to = referred_tables(metas[path], every)
        return {
            layout: name.removesuffix(".csv")
            for layout in set(real.values()) | set(refers_to.values())
            if (name := reference_table(path.name, layout, real, refers_to)) is not None
        }

    return {
        "$schema": PACKAGE_PROFILE,
        "name": "integration-workbooks-data",
        "title": "Integration Workbooks: data tables",
        "description": (
            "The tables the Integration Workbooks read (the UN Network on Migration's workstream on "
            "migrants' socio-economic integration), each with its provenance. Generated from "
            "lib/workbooks/tables/layouts.py and the tables' sidecars (NAME.meta.yaml) by `workbooks "
            "datapackage`; do not edit by hand. `workbooks check-data` also checks what a Table Schema "
            "cannot express: " + "; ".join(NOT_EXPRESSED) + "."
        ),
        "resources": [_resource(path, meta, resource_of_layout(path)) for path, meta in metas.items()],
    }


def datapackage_json(package: dict) -> str:
    """Stable, pretty JSON: keys sorted, two-space indent, UTF-8 text as is, a newline at the end."""
    return json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_datapackage(out: Path | str, root: Path | None = None) -> Path:
    """Write the package of ``root``/data to ``out`` (atomically)."""
    return atomic_write_text(out, datapackage_json(build_datapackage(root)))


_RESOURCE_PARTS = {
    "schema": "its columns (from the layout {layout!r})",
    "title": "its title (from {sidecar})",
    "description": "its description (from {sidecar}, and whether it is illustrative)",
    "sources": "its provenance (from {sidecar})",
    "licenses": "its licence (from {sidecar})",
}


def _resource_changes(old: dict, new: dict, layout: str, sidecar: str) -> list[str]:
    """What differs between two resources of one table, in words: 'its columns (from the layout
    'comments': 'posted')', 'its title (from comments.meta.yaml)'."""
    said = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        what = _RESOURCE_PARTS.get(key, f"its {key!r}").format(layout=layout, sidecar=sidecar)
        if key == "schema" and isinstance(old.get(key), dict):
            before = {field.get("name"): field for field in old[key].get("fields", []) if isinstance(field, dict)}
            after = {field["name"]: field for field in new[key]["fields"]}
            fields = [name for name in after if before.get(name) != after[name]] + [
                name for name in before if name not in after
            ]
            if fields:
                what = what[:-1] + ": " + ", ".join(repr(name) for name in fields) + ")"
        said.append(what)
    return said


def datapackage_problems(path: Path | str, root: Path | None = None) -> list[str]:
    """What is wrong with the package file at ``path`` against what the layouts and sidecars of
    ``root``/data generate: missing; or each table that is new (in data/, not in the file), gone (in
    the file, not in data/) or changed (and what of it); the last line names the command that fixes
    it. An empty list: the file is current."""
    path = Path(path)
    fix = f"run `{COMMAND}` to write it from the table layouts and sidecars, and commit it"
    if not path.exists():
        return [f"{path}: missing; {fix}"]
    generated = build_datapackage(root)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [f"{path}: not UTF-8 text, so not the JSON this command writes (edited by hand?); {fix}"]
    if text == datapackage_json(generated):
        return []
    try:
        written = json.loads(text)
    except json.JSONDecodeError as error:
        return [f"{path}, line {error.lineno}: not JSON ({error.msg}), edited by hand; {fix}"]
    folder = (root or project_root()) / "data"
    written = written if isinstance(written, dict) else {}
    resources = written.get("resources")
    old = (
        {resource.get("path"): resource for resource in resources if isinstance(resource, dict)}
        if isinstance(resources, list)
        else {}
    )
    new = {resource["path"]: resource for resource in generated["resources"]}
    problems = [f"data/{name}: new: a table {path.name} does not describe yet" for name in new if name not in old]
    problems += [f"{path}: describes data/{name}, which is no longer there" for name in old if name not in new]
    for name in new:
        if name in old and old[name] != new[name]:
            layout = load_sidecar(folder / name)["layout"]
            changes = _resource_changes(old[name], new[name], layout, Path(name).stem + ".meta.yaml")
            problems.append(f"data/{name}: changed since {path.name} was written: {', '.join(changes)}")
    rest = sorted(
        key for key in set(generated) | set(written) if key != "resources" and written.get(key) != generated.get(key)
    )
    if rest:
        problems.append(
            f"{path}: its {', '.join(rest)} differ from what is generated (edited by hand, or the generator changed)"
        )
    if not problems:
        problems.append(f"{path}: the same package, written another way (edited by hand)")
    return problems + [fix[0].upper() + fix[1:]]


def datapackage_problem(path: Path | str, root: Path | None = None) -> str | None:
    """:func:`datapackage_problems` as one message, or None if the file is current."""
    return "\n".join(datapackage_problems(path, root)) or None
