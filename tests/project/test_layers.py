"""The library's layout holds: each workbook package imports only the shared layers, the shared
layers know no workbook, and only the modules above the workbooks (cli.py, loaders.py, rehearsal.py)
import more than one of them. Every import in
lib/workbooks (at the top of a module or inside a function) is read with ast and checked."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import ROOT

LIBRARY = ROOT / "lib" / "workbooks"
WORKBOOKS = ("timeline", "consultation", "good_practice")
SHARED_BELOW_WORKBOOKS = {"common", "errors", "workbook_specs", "tables", "ingest", "presentation", "qda", "__init__"}
# what each part may import from the project (besides itself)
ALLOWED = {
    "__init__": set(),
    "errors": set(),
    "workbook_specs": set(),  # the three workbooks' names and one line each: data only
    "common": {"errors"},  # errors imports nothing: the readers in common raise its classes (file, line, key)
    "tables": {"common", "errors"},
    "ingest": {"common", "errors", "tables"},
    "synth": {"common", "errors", "tables"},  # synthetic tables in the real layouts: knows no workbook
    "qda": {"common", "errors"},  # REFI-QDA exchange files: the format alone, knows no workbook
    "presentation": {"common", "errors", "workbook_specs", "__init__"},  # the package version; live views' headings
    "publish": {"common", "errors", "workbook_specs", "presentation"},
    "presenter": {
        "common",
        "errors",
        "workbook_specs",
        "presentation",
    },  # Voila around the notebooks; imports no workbook; common: the YAML reader (prepared views)
    "lab": set(),  # JupyterLab on the project's root: a command line, knows nothing of the project's packages
    **{workbook: SHARED_BELOW_WORKBOOKS for workbook in WORKBOOKS},
    # each workbook's loader, the function: above the workbooks, as cli.py is, which hands them to the runner
    "loaders": set(WORKBOOKS),
    # a webinar's rehearsal: prepared views opened in the workbooks' live views, above them as cli.py is
    "rehearsal": {"common", "errors", "workbook_specs", "publish", "presenter", "loaders", *WORKBOOKS},
    "cli": {
        "common",
        "errors",
        "workbook_specs",
        "tables",
        "ingest",
        "synth",
        "presentation",
        "publish",
        "presenter",
        "lab",
        "rehearsal",
        "loaders",
        *WORKBOOKS,
    },
    # the review workbench sits above the workbooks, as cli.py does; each of its modules imports one workbook at most
    "review": {"common", "errors", "tables", "presentation", *WORKBOOKS},
}
NOTEBOOK_PACKAGES = {
    "timeline_progress": "timeline",
    "consultation_inputs": "consultation",
    "good_practice_comparison": "good_practice",
    "review_workbench": "review",
}


def part_of(module: str) -> str:
    """'workbooks.tables.layouts' -> 'tables'; 'workbooks' -> '__init__'; 'workbooks.cli' -> 'cli'."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def module_name(path: Path, library: Path = LIBRARY) -> str:
    relative = path.relative_to(library.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_imports(source: str, module: str, is_package: bool) -> set[str]:
    """Every workbooks.* module that ``source`` (the module ``module``) imports."""
    found = set()
    package = module if is_package else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "workbooks"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "workbooks":
                continue
            if node.module:
                found.add(target)
            elif target == "workbooks":  # from .. import __version__: the package itself
                found.add(target)
            else:  # from . import charts: each name is a module of the package
                found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def violations(library: Path = LIBRARY) -> list[str]:
    problems = []
    for path in sorted(library.rglob("*.py")):
        module = module_name(path, library)
        own = part_of(module)
        for imported in sorted(project_imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")):
            other = part_of(imported)
            if other != own and other not in ALLOWED[own]:
                problems.append(f"{path.relative_to(library.parent)}: {own} imports {imported}")
    return problems


def test_every_part_of_the_library_has_a_rule():
    parts = {part_of(module_name(path)) for path in LIBRARY.rglob("*.py")}
    assert parts == set(ALLOWED), "add the new package to ALLOWED, saying what it may import"


def test_no_workbook_imports_another_and_no_shared_layer_imports_a_workbook():
    assert violations() == []


def test_the_walk_catches_an_upward_and_a_sideways_import(tmp_path):
    library = tmp_path / "workbooks"
    for folder in ("tables", "timeline", "consultation"):
        (library / folder).mkdir(parents=True)
        (library / folder / "__init__.py").write_text("")
    (library / "tables" / "layouts.py").write_text("def f():\n    from ..timeline.progress import x\n")
    (library / "consultation" / "analysis.py").write_text("from workbooks.timeline import charts\n")
    (library / "timeline" / "progress.py").write_text("from ..tables import layouts\nfrom . import charts\n")
    assert [line.split(": ", 1)[1] for line in violations(library)] == [
        "consultation imports workbooks.timeline",
        "tables imports workbooks.timeline.progress",
    ]


def test_only_the_modules_above_the_workbooks_import_more_than_one():
    # cli.py, the loaders it hands the runner, and the rehearsal that opens each live view: every import seen
    # (before the loaders were functions, the runner and the rehearsal imported them by name, unseen here)
    importers = {}
    for path in LIBRARY.rglob("*.py"):
        module = module_name(path)
        parts = {
            part_of(name)
            for name in project_imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
        }
        if len(parts & set(WORKBOOKS)) > 1:
            importers[module] = parts & set(WORKBOOKS)
    assert sorted(importers) == ["workbooks.cli", "workbooks.loaders", "workbooks.rehearsal"]


@pytest.mark.parametrize("notebook, package", NOTEBOOK_PACKAGES.items())
def test_each_notebook_uses_its_own_workbook_package(notebook, package):
    cells = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))  # IPython magics
    used = {part_of(name) for name in project_imports(source, "notebook", False)}
    assert used <= {package, "presentation"} and package in used, used
