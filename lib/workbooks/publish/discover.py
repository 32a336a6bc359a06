"""Which briefs there are and what each runs with: ``params/NOTEBOOK/NAME.yaml`` found or named on the
command line, chosen by name, and its parameters checked against the notebook's parameters cell, each file
it names found (before any kernel starts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..common.paths import did_you_mean, looked_in, parameter_file_places, shown_path
from ..common.wording import close_names, did_you_mean_names
from ..common.yaml_files import line_of
from ..errors import ParameterError, RunnerError
from .parameters import checked_parameters, declared_parameters, load_parameter_file


@dataclass(frozen=True)
class Brief:
    notebook: str  # notebook stem, e.g. "timeline_progress"
    name: str  # parameter file stem
    params_path: Path
    notebook_path: Path

    @property
    def id(self) -> str:
        return f"{self.notebook}/{self.name}"


def discover_briefs(root: Path) -> list[Brief]:
    briefs = []
    for params_path in sorted((root / "params").glob("*/*.yaml")):
        notebook = params_path.parent.name
        briefs.append(Brief(notebook, params_path.stem, params_path, root / "notebooks" / f"{notebook}.ipynb"))
    return briefs


def select_briefs(available: list[Brief], names: list[str]) -> list[Brief]:
    """Briefs named as NOTEBOOK/NAME, NAME, or NOTEBOOK (all of its briefs); all when none named."""
    if not names:
        return available
    chosen: list[Brief] = []
    for name in names:
        name = name.removesuffix(".yaml")
        matches = [b for b in available if name in (b.id, b.name, b.notebook)]
        if not matches:
            names = [b.id for b in available] + [b.name for b in available]
            close = close_names(name, names)
            mean = f" ({did_you_mean_names(close)})" if close else ""
            raise RunnerError(f"no brief named {name!r}{mean}; known: {', '.join(b.id for b in available) or 'none'}")
        chosen += [b for b in matches if b not in chosen]
    return chosen


def brief_from_file(params_path: Path, root: Path) -> Brief:
    """The brief of a parameter file named on the command line: read from the current folder, else
    from the project root (the same rule as a file a parameter file names, the command's folder in
    place of the parameter file's)."""
    given = str(params_path)
    found = next((place for place in parameter_file_places(given, Path.cwd(), root) if place.is_file()), None)
    if found is None:
        raise RunnerError(
            f"{given}: no such parameter file (looked in {looked_in(given, Path.cwd(), root, 'the current folder')})"
        )
    params_path = found.resolve()
    notebook = params_path.parent.name
    notebook_path = root / "notebooks" / f"{notebook}.ipynb"
    if not notebook_path.exists():
        raise RunnerError(
            f"{params_path}: its folder names notebook {notebook!r}, but {notebook_path} does not exist "
            "(parameter files live in params/NOTEBOOK/NAME.yaml)"
        )
    return Brief(notebook, params_path.stem, params_path, notebook_path)


def brief_title(brief: Brief, parameters: dict) -> str:
    """The page title: the brief_title parameter as given, else the notebook's default, else the brief id."""
    if parameters.get("brief_title"):
        return str(parameters["brief_title"])
    declared = declared_parameters(brief.notebook_path).get("brief_title")
    return str(declared.default) if declared and declared.default else brief.id


def placed_in_parameter_file(error: ParameterError, params_path: Path) -> ParameterError:
    """A loader's error about a parameter's value, said of the parameter file: its line and key, or
    that the value is the notebook's default where the file does not set it."""
    values = load_parameter_file(params_path)
    if error.key and error.key in values:
        value = values[error.key]
        positions = (
            [position for position, item in enumerate(value) if item in error.items] if isinstance(value, list) else []
        )
        line = line_of(value, positions[0]) if positions else line_of(values, error.key)  # the first item at fault
        return ParameterError(params_path, error.key, error.reason, line, error.items)
    default = " (the notebook's default: this file does not set it)" if error.key else ""
    return ParameterError(params_path, error.key, error.reason + default)


def prepare(brief: Brief, root: Path | None = None) -> dict:
    """The brief's validated parameters, each file it names found (:func:`files_found`), or a ParameterError
    naming file, line and key of every problem of the parameter file (:meth:`ParameterError.of_all`)."""
    if not brief.notebook_path.exists():
        raise ParameterError(brief.params_path, None, f"no notebook {brief.notebook_path}")
    specs = declared_parameters(brief.notebook_path)
    values = load_parameter_file(brief.params_path)
    checked, problems = checked_parameters(values, specs, brief.params_path)
    root = Path(root or brief.notebook_path.parents[1]).resolve()
    found, missing = files_found(checked, values, brief.params_path, root)  # the good values' files: said with the rest
    problems += missing
    if problems:
        raise ParameterError.of_all(sorted(problems, key=lambda problem: problem.line or 0))
    return found


def files_found(checked: dict, values: dict, params_path: Path, root: Path) -> tuple[dict, list[ParameterError]]:
    """(the parameters with each file the parameter file names (a ``*_file`` parameter; "" names none) found by the
    one rule of :func:`~workbooks.common.paths.parameter_file_places`: beside the parameter file, else from the
    project root; a ParameterError for each file in neither place, saying where it was looked for, in the file's
    order). The notebook is given the file found, from the project root where it is inside it
    ("params/consultation_inputs/my_comments.csv"), so the brief's appendix names the file read."""
    found, missing = dict(checked), []
    for key, value in checked.items():
        if not key.endswith("_file") or not isinstance(value, str) or not value.strip():
            continue
        existing = next(
            (place for place in parameter_file_places(value, params_path.parent, root) if place.is_file()), None
        )
        if existing is None:
            missing.append(
                ParameterError(
                    params_path,
                    key,
                    f"{value}: no such file (looked in "
                    f"{looked_in(value, params_path.parent, root)})"
                    f"{did_you_mean(value, params_path.parent, root)}",
                    line_of(values, key),
                )
            )
            continue
        found[key] = shown_path(existing, root)
    return found, missing


def every_parameter(brief: Brief, parameters: dict) -> dict:
    """The values the notebook will run with: its declared defaults, overridden by the brief's."""
    return {**{name: spec.default for name, spec in declared_parameters(brief.notebook_path).items()}, **parameters}
