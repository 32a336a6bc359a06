"""The sources registry (data/sources.csv): every page registered once, pointed to by source_id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..errors import UnregisteredSourceError
from .layouts import SOURCES
from .validate import load_table


def load_sources(path: Path | str | None = None) -> pd.DataFrame:
    return load_table(path or project_root() / "data" / "sources.csv", SOURCES)


def source_for_file(sources: pd.DataFrame, page_path: Path | str, root: Path | None = None) -> pd.Series:
    """The registry row of a page file, matched by resolved path, else by file name."""
    root = root or project_root()
    page = Path(page_path).resolve()
    if not page.is_file():
        raise UnregisteredSourceError(
            f"{page_path}: {'is a folder, not a page file' if page.is_dir() else 'no such file'}"
        )
    resolved = sources["file"].map(lambda name: resolve(name, root).resolve())
    matches = sources[resolved == page]
    if matches.empty:
        matches = sources[sources["file"].map(lambda name: Path(name).name) == page.name]
    if matches.empty:
        raise UnregisteredSourceError(
            f"{page_path}: not registered in data/sources.csv; register it with `workbooks add page {page_path} --kind "
            "KIND --title TITLE --retrieved YYYY-MM-DD` (KIND: discussion or workstream; it checks the page and adds "
            "its row), or add a row with its source_id, file, kind, url and title"
        )
    if len(matches) > 1:
        raise UnregisteredSourceError(
            f"{page_path}: registered more than once in data/sources.csv ({', '.join(matches['source_id'])})"
        )
    return matches.iloc[0]


PARAPHRASED_MARK = "prose rewritten"  # how data/sources.csv's note says a stored copy is not verbatim


def is_verbatim(note: str) -> bool:
    """Whether a registered page's stored copy holds the page's own words (the seeds), or was rebuilt
    with its prose rewritten (its note says so), and so may only be shown as a paraphrase."""
    return PARAPHRASED_MARK not in str(note)


def cited_sources(source_ids, sources: pd.DataFrame) -> pd.DataFrame:
    """The rows of the registry ``sources`` for the pages ``source_ids`` name, in registry order, with
    a ``verbatim`` column; ids that are not registered pages (e.g. 'record', an illustrative file) are
    left out."""
    wanted = {str(source) for source in source_ids}
    cited = sources[sources["source_id"].isin(wanted)].copy()
    cited["verbatim"] = cited["note"].map(is_verbatim)
    return cited.reset_index(drop=True)
