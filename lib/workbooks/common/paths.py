"""Where the project's folders are, whether code runs from the root, notebooks/ or a test."""

from __future__ import annotations

import os
from pathlib import Path

from .wording import close_names, did_you_mean_names

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


def sidecar_path(csv_path: Path | str) -> Path:
    """A table's sidecar: ``NAME.meta.yaml`` beside ``NAME.csv``, read with it."""
    csv_path = Path(csv_path)
    return csv_path.with_name(csv_path.stem + ".meta.yaml")


def shown_path(path: Path | str, root: Path) -> str:
    """A file as a brief's parameters name it: from the project root where it is inside it
    ("data/x.csv"), else its full path."""
    path, root = Path(path), Path(root)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def parameter_file_places(value: str, parameter_folder: Path, root: Path) -> list[Path]:
    """Where a file named in a parameter file may be, in the order looked in. One rule: an absolute
    path is itself; a relative one is looked for beside the parameter file first, then from the
    project root (so the shipped `data/...` paths and a file kept beside its parameter file both
    work; where both exist, the one beside the parameter file is read, and the brief's appendix
    names it)."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return [path]
    places = [Path(parameter_folder).resolve() / path, Path(root).resolve() / path]
    return list(dict.fromkeys(Path(os.path.normpath(place)) for place in places))  # "../data/x.csv" read as written


def looked_in(value: str, parameter_folder: Path, root: Path, folder_is: str = "beside the parameter file") -> str:
    """Where :func:`parameter_file_places` looked, in words: "params/consultation_inputs/, beside the
    parameter file, and in the project root (/home/me/project)"."""
    if Path(value).expanduser().is_absolute():
        return "at that full path"
    root, folder = Path(root).resolve(), Path(parameter_folder).resolve()
    at_root = f"the project root ({root})"
    if folder == root:
        return at_root
    shown = folder.relative_to(root).as_posix() + "/" if folder.is_relative_to(root) else f"{folder}/"
    return f"{shown}, {folder_is}, and in {at_root}"


def close_files(value: str, parameter_folder: Path, root: Path, most: int = 3) -> list[str]:
    """Files whose names are close to the one ``value`` names (difflib), in the folders it was looked for
    in (:func:`parameter_file_places`), written as ``value`` would name them: a mistyped
    "data/my_coments.csv" -> ["data/my_comments.csv"]. Nothing where the folder itself is not there."""
    name = Path(value).expanduser().name
    found: list[str] = []
    for place in parameter_file_places(value, parameter_folder, root):
        folder = place.parent
        if not folder.is_dir():
            continue
        names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
        written = Path(value).expanduser().parent
        found += [(written / close).as_posix() for close in close_names(name, names, most)]
    return list(dict.fromkeys(found))[:most]


def did_you_mean(value: str, parameter_folder: Path, root: Path) -> str:
    """'; did you mean data/my_comments.csv?' for a file :func:`close_files` finds, else ''."""
    close = close_files(value, parameter_folder, root)
    return f"; {did_you_mean_names(close)}" if close else ""
