"""Brief parameters: read a notebook's ``parameters`` cell and check a parameter file against it.

Papermill only warns about a parameter the notebook does not declare; here an unknown key or a
value of the wrong type is an error naming the file and the key, raised before any kernel starts.

A parameters cell holds one assignment per line, optionally annotated, with a literal default::

    as_of: "date" = "2024-06-30"   # status as of this day
    workstreams: list = []         # names to show; empty = all

The type is the annotation (``str``, ``int``, ``float``, ``bool``, ``list``, ``dict`` or the
string ``"date"``, an ISO date given as text, or ``today``: the run's day, injected as its ISO date)
or else the type of the default.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.dates import DAY_EXPECTED, parse_day, why_not_a_day
from ..common.yaml_files import YamlMapping, line_of, plain, read_yaml_file
from ..errors import ParameterError, YamlFileError

# set by the brief runner, never by a parameter file; previous_edition: "" here (no previous edition, and the same in
# every run, so that it never changes a brief's fingerprint), the previous edition's record given when the brief runs
RUNNER_PARAMETERS = {"live_widgets": False, "previous_edition": ""}

_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


@dataclass(frozen=True)
class ParameterSpec:
    name: str
    kind: str  # str int float bool list dict date any
    default: Any
    help: str = ""


def parameters_source(notebook_path: Path | str) -> str:
    """The source of the notebook's one cell tagged ``parameters``. The notebook is read as the JSON
    it is (nbformat's validation is for the kernel's run; the runner's start-up stays light)."""
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        cells = [cell for cell in notebook["cells"] if "parameters" in cell.get("metadata", {}).get("tags", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ParameterError(notebook_path, None, f"not a readable notebook: {error}") from None
    if len(cells) != 1:
        raise ParameterError(notebook_path, None, f"expected exactly one cell tagged 'parameters', found {len(cells)}")
    source = cells[0].get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def declared_parameters(notebook_path: Path | str) -> dict[str, ParameterSpec]:
    """The parameters a notebook declares, in order, with kinds and defaults."""
    source = parameters_source(notebook_path)
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ParameterError(notebook_path, None, f"the parameters cell is not valid Python: {error}") from None
    lines = source.splitlines()
    specs: dict[str, ParameterSpec] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, value_node, annotation = node.target.id, node.value, node.annotation
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value_node, annotation = node.targets[0].id, node.value, None
        else:
            raise ParameterError(
                notebook_path, None, f"line {node.lineno} of the parameters cell is not a simple 'name = value'"
            )
        try:
            default = ast.literal_eval(value_node)
        except ValueError:
            raise ParameterError(notebook_path, name, "the default is not a literal value") from None
        if annotation is None:
            kind = "any" if default is None else type(default).__name__
        elif isinstance(annotation, ast.Constant) and annotation.value == "date":
            kind = "date"
        elif isinstance(annotation, ast.Name) and annotation.id in _TYPES:
            kind = annotation.id
        else:
            raise ParameterError(notebook_path, name, f"unsupported annotation {ast.unparse(annotation)!r}")
        comment = lines[node.lineno - 1].split("#", 1)[1].strip() if "#" in lines[node.lineno - 1] else ""
        specs[name] = ParameterSpec(name, kind, default, comment)
    return specs


def _check_value(spec: ParameterSpec, value: Any, path: Path | str, line: int | None = None) -> Any:
    """The value converted for injection, or a ParameterError naming file, line and key."""

    def wrong(expected: str):
        written = "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else type(value).__name__
        return ParameterError(path, spec.name, f"expected {expected}, got {written} {plain(value)!r}", line)

    if spec.kind == "any":
        return value
    if spec.kind == "date":  # injected as YYYY-MM-DD text; the notebook parses it where it enters
        try:
            return parse_day(value).isoformat()
        except ValueError:
            impossible = why_not_a_day(value)
            raise (ParameterError(path, spec.name, impossible, line) if impossible else wrong(DAY_EXPECTED)) from None
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        raise wrong("true or false")
    if spec.kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise wrong("a whole number")
    if spec.kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise wrong("a number")
    if spec.kind == "str":
        if isinstance(value, str):
            return value
        if isinstance(value, dt.date):
            return value.isoformat()
        raise wrong("text")
    if spec.kind == "list":
        if not isinstance(value, list):
            raise wrong("a list")
        element_types = {type(item) for item in spec.default} if spec.default else set()
        for position, item in enumerate(value):
            if element_types and type(item) not in element_types:
                raise ParameterError(
                    path,
                    spec.name,
                    f"list items must be {', '.join(t.__name__ for t in element_types)}, "
                    f"got {type(item).__name__} {item!r}",
                    line_of(value, position),
                )
        return value
    if spec.kind == "dict":
        if isinstance(value, dict):
            return value
        raise wrong("a mapping")
    raise wrong(spec.kind)


def load_parameter_file(path: Path | str) -> dict:
    """A parameter file's mapping of names to values, each key's line kept for messages (an empty
    file is no parameters); ParameterError naming the file, line and key of any problem. Dates are kept as
    written (the parameters' check reads them), so that an impossible one is one problem among the file's others
    (:func:`validate_parameters`), not the end of reading it."""
    path = Path(path)
    try:
        loaded = read_yaml_file(path, dates_as_text=True)
    except YamlFileError as error:
        raise ParameterError(path, error.key, error.reason, line=error.line) from None
    if loaded is None:
        return YamlMapping(line=1)
    if not isinstance(loaded, dict):
        raise ParameterError(
            path,
            None,
            "expected a mapping of parameter names to values (name: value, one a line)",
            line=line_of(loaded),
        )
    return loaded


def validate_parameters(values: dict, specs: dict[str, ParameterSpec], path: Path | str) -> dict:
    """Check values against the declared parameters; return them converted, runner values added. Every key of the
    file is checked: a ParameterError says each problem, in the file's order (:meth:`ParameterError.of_all`)."""
    checked, problems = checked_parameters(values, specs, path)
    if problems:
        raise ParameterError.of_all(problems)
    return checked


def checked_parameters(
    values: dict, specs: dict[str, ParameterSpec], path: Path | str
) -> tuple[dict, list[ParameterError]]:
    """(the values that fit, converted, runner values added; a ParameterError for each that does not, in the file's
    order): :func:`validate_parameters`, for a caller that checks more of the good ones before saying it all."""
    checked, problems = {}, []
    for key, value in values.items():
        line = line_of(values, key)
        if key in RUNNER_PARAMETERS:
            problems.append(
                ParameterError(path, key, "is set by the brief runner and cannot be given in a parameter file", line)
            )
        elif key not in specs:
            known = ", ".join(name for name in specs if name not in RUNNER_PARAMETERS)
            problems.append(ParameterError(path, key, f"unknown parameter; the notebook declares: {known}", line))
        else:
            try:
                checked[key] = plain(_check_value(specs[key], value, path, line))
            except ParameterError as problem:
                problems.append(problem)
    for key, value in RUNNER_PARAMETERS.items():
        if key in specs:
            checked[key] = value
    return checked, problems
