"""Organisation names to canonical organisations and stakeholder types, through data/organisations.csv.

Matching ignores case, a leading "the", spacing and the kind of apostrophe. A name the table does
not list but that names a UN Member State or observer State (data/un_states.csv, by any of its
names: "Turkey", "the Government of Mexico", "Cote d'Ivoire") resolves to that State with the type
"Member State". Any other name resolves to itself with the type "unknown": never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..common.paths import project_root
from ..errors import TableError
from ..ingest.member_states import state_named
from ..tables.layouts import ORGANISATIONS
from ..tables.validate import load_table
from ..tables.vocabularies import MEMBER_STATE, STAKEHOLDER_TYPES, UNKNOWN


def name_key(name: str) -> str:
    text = str(name).replace("’", "'").replace("\u00a0", " ").strip().lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class StakeholderRegistry:
    frame: pd.DataFrame
    by_key: dict  # name key -> (canonical organisation, stakeholder type)

    @property
    def known_names(self) -> list[str]:
        """Every name and alias as written in the table (for the ingest's speaker patterns)."""
        names = list(self.frame["organisation"])
        for aliases in self.frame["aliases"]:
            names += [alias.strip() for alias in str(aliases or "").split(";") if alias.strip()]
        return names

    def resolve(self, organisation: str) -> tuple[str, str]:
        """(canonical organisation, stakeholder type): the table's row, else a State's name and
        "Member State", else the name itself and "unknown"; ('', 'unknown') for an empty name."""
        if not str(organisation or "").strip():
            return "", UNKNOWN
        registered = self.by_key.get(name_key(organisation))
        if registered:
            return registered
        state = state_named(organisation)
        return (state.name, MEMBER_STATE) if state else (str(organisation).strip(), UNKNOWN)


def registry_from_frame(frame: pd.DataFrame, path: Path | str = "organisations.csv") -> StakeholderRegistry:
    by_key: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    index: Any  # the row's label: its place in the file, from 0 (the stubs type it as any Hashable)
    for index, row in frame.iterrows():
        names = [row["organisation"]] + [a.strip() for a in str(row["aliases"] or "").split(";") if a.strip()]
        for name in names:
            key = name_key(name)
            if key in by_key and by_key[key][0] != row["organisation"]:
                problems.append(f"line {index + 2}, column 'aliases': {name!r} already names {by_key[key][0]!r}")
            by_key[key] = (row["organisation"], row["stakeholder_type"])
    if problems:
        raise TableError(path, problems)
    return StakeholderRegistry(frame=frame, by_key=by_key)


def load_registry(path: Path | str | None = None) -> StakeholderRegistry:
    path = path or project_root() / "data" / "organisations.csv"
    frame = load_table(path, ORGANISATIONS)
    frame["aliases"] = frame["aliases"].fillna("")
    return registry_from_frame(frame, path)


def with_stakeholders(comments: pd.DataFrame, registry: StakeholderRegistry) -> pd.DataFrame:
    """Comments with `organisation_canonical` and `stakeholder_type` added."""
    resolved = comments["organisation"].fillna("").map(registry.resolve)
    result = comments.copy()
    result["organisation_canonical"] = resolved.map(lambda pair: pair[0])
    result["stakeholder_type"] = pd.Categorical(resolved.map(lambda pair: pair[1]), categories=STAKEHOLDER_TYPES)
    return result
