"""Whether a brief must run again: the fingerprint of everything it reads (its notebook, its parameters,
the files its loader reads, data/ and the library), and its last good run kept when that is unchanged."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from .brief_files import SHOWN
from .discover import Brief
from .run_records import RunResult, output_paths
from .run_statuses import OK


def _digest_files(digest, paths, root: Path, library: Path) -> None:
    """Each file's name and bytes into ``digest``; a folder's files, in order, in its place."""
    for path in paths:
        if path.is_dir():
            _digest_files(digest, sorted(path.rglob("*")), root, library)
        elif path.is_file() and "__pycache__" not in path.parts:
            name = (
                path.relative_to(root)
                if path.is_relative_to(root)
                else (path.relative_to(library) if path.is_relative_to(library) else path)
            )
            digest.update(str(name).encode())
            digest.update(path.read_bytes())


def shared_fingerprint(root: Path) -> str:
    """SHA-256 over what every brief depends on alike: every file in data/ and the library's code and
    templates. Computed once per run."""
    digest = hashlib.sha256()
    library = Path(__file__).parents[1]  # the whole workbooks package
    _digest_files(digest, [*sorted((root / "data").rglob("*")), *sorted(library.rglob("*"))], root, library)
    return digest.hexdigest()


def input_fingerprint(
    root: Path, brief: Brief, parameters: dict, inputs: Sequence[Path] = (), shared: str | None = None
) -> str:
    """SHA-256 over everything a brief reads: its notebook, its parameters, the files its loader
    declares (``inputs``, wherever they are: :func:`.preflight.declared_inputs`), and the
    :func:`shared_fingerprint` (data/ and the library).
    The same fingerprint means the same brief."""
    digest = hashlib.sha256()
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update((shared or shared_fingerprint(root)).encode())
    _digest_files(digest, [brief.notebook_path, *(Path(path) for path in inputs)], root, Path(__file__).parents[1])
    return digest.hexdigest()


def cached_result(brief: Brief, out_dir: Path, fingerprint: str) -> RunResult | None:
    """The last run's result if it succeeded with the same inputs and its HTML is still there."""
    paths = output_paths(out_dir, brief)
    try:
        record = json.loads(paths["record"].read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    made = [paths[kind] for kind in SHOWN]
    if record.get("status") != OK or record.get("fingerprint") != fingerprint or not all(p.exists() for p in made):
        return None
    known = {name: record[name] for name in RunResult.__dataclass_fields__ if name in record}
    return RunResult(**{**known, "cached": True})
