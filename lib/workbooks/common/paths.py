"""Where the project's folders are, whether code runs from the root, notebooks/ or a test."""
from __future__ import annotations

import os
from pathlib import Path

_MARKER = "pyproject.toml"


def _is_root(folder: Path) -> bool:
    return (folder / _MARKER).is_file() and (folder / "data").is_dir() and (folder / "notebooks").is_dir()


def project_root(start: Path | str | None = None) -> Path:
    """The project root: $WORKBOOKS_ROOT, else the nearest folder above ``start`` (default: the
    working directory) holding pyproject.toml, data/ and notebooks/, else the checkout this
    package was installed from (editable install)."""
    if os.environ.get("WORKBOOKS_ROOT"):
        return Path(os.environ["WORKBOOKS_ROOT"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    package_checkout = Path(__file__).resolve().parents[3]
    if _is_root(package_checkout):
        return package_checkout
    raise FileNotFoundError(
        f"cannot find the project root above {here}: set WORKBOOKS_ROOT to the folder holding data/ and notebooks/"
    )


def resolve(path: Path | str, root: Path | None = None) -> Path:
    """A path from a parameter or table: absolute as is, else relative to the project root."""
    path = Path(path)
    return path if path.is_absolute() else (root or project_root()) / path
