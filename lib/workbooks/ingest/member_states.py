"""The States a comment can speak for, and the names a comment may call them by.

Which States: ``data/un_states.csv``, the UN's 193 Member States and its 2 observer States, by
ISO 3166-1 alpha-3 code (its sidecar says where the list comes from). Their names: pycountry's
ISO 3166 names for each code (name, official name, common name), with the inverted forms read the
right way round ("Korea, Republic of" -> "Republic of Korea") and a parenthesis dropped ("Holy See
(Vatican City State)" -> "Holy See"), the table's own short name, and :data:`OTHER_NAMES` for the
few names in common use that ISO no longer carries ("Turkey"). No country is typed here.

A name matches as a whole word, written with or without its accents ("Cote d'Ivoire"), and the
longest name first: "Nigeria" is never "Niger", "Guinea-Bissau", "Equatorial Guinea" and
"Papua New Guinea" never "Guinea", "Dominican Republic" never "Dominica". "Korea" alone names no
State (two have it in their names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..common.paths import project_root
from ..tables.layouts import UN_STATES
from ..tables.validate import load_table

# Names in common English use that pycountry's ISO 3166 names lack (a State renamed, a short form):
# data, keyed by the code in data/un_states.csv (a test checks each is a State of that table).
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "TUR": ("Turkey",),
    "CIV": ("Ivory Coast",),
    "CPV": ("Cape Verde",),
    "SWZ": ("Swaziland",),
    "GBR": ("UK", "Great Britain"),
    "USA": ("USA",),
    "PSE": ("Palestine",),
}
# Who may speak for a State, before its name: "The Government of Mexico", "the Permanent Mission of Chile to ..."
SPEAKER_TITLES = r"(?:[Tt]he )?(?:Government|Permanent Mission|Mission|Delegation|Ministry of Foreign Affairs) of "


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-3
    name: str  # the name briefs show: pycountry's name, read the right way round
    status: str  # member | observer
    names: tuple[str, ...]  # every name a comment may use


def _right_way_round(name: str) -> str:
    """'Korea, Republic of' -> 'Republic of Korea'; 'Holy See (Vatican City State)' -> 'Holy See'."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    return re.sub(r"^the ", "", name, flags=re.IGNORECASE)


def _names_of(code: str, short_name: str, status: str) -> State:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise LookupError(f"data/un_states.csv: {code} is not an ISO 3166-1 code pycountry knows")
    found = [
        country.name,
        getattr(country, "official_name", None),
        getattr(country, "common_name", None),
        short_name,
        *OTHER_NAMES.get(code, ()),
    ]
    names = []
    for form in (_right_way_round(name) for name in found if name):
        if form not in names:
            names.append(form)
    return State(code, _right_way_round(country.name), status, tuple(names))


@lru_cache(maxsize=4)
def _states(path: str) -> tuple[State, ...]:
    states = load_table(path, UN_STATES)
    return tuple(_names_of(*row) for row in zip(states["iso3"], states["name"], states["status"]))


def _path(path: Path | str | None) -> str:
    return str(path or project_root() / "data" / "un_states.csv")


def un_states(path: Path | str | None = None) -> tuple[State, ...]:
    """Every UN Member State and observer State, with its names."""
    return _states(_path(path))


def _fold_char(char: str) -> str:
    if char in "’‘":
        return "'"
    if char in "\u2010\u2011":
        return "-"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """The text with accents dropped and one kind of apostrophe and hyphen, character for character
    (so that a position in the folded text is the same position in the text)."""
    return "".join(map(_fold_char, str(text)))


@lru_cache(maxsize=4)
def _by_folded_name(path: str) -> dict[str, State]:
    return {fold(name).lower(): state for state in _states(path) for name in state.names}


def state_named(name: str, path: Path | str | None = None) -> State | None:
    """The State a whole name names ('the Government of the Philippines', 'Cote d'Ivoire'), or None."""
    key = re.sub(r"^the ", "", fold(re.sub(rf"^{SPEAKER_TITLES}", "", " ".join(str(name).split()))).lower())
    return _by_folded_name(_path(path)).get(key)


@lru_cache(maxsize=4)
def _name_alternatives(path: str) -> str:
    """Every name, longest first, as a regex alternation over folded text."""
    names = sorted({fold(name) for state in _states(path) for name in state.names}, key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


def speaking_state_pattern(path: Path | str | None = None) -> re.Pattern:
    """A sentence whose subject is a State (over folded text): 'Canada welcomes', 'The Government of
    Mexico is', 'Türkiye, as a host country, supports'. The name is group 'name'; a capitalised
    word after it ('Chad Smith') is a person, not a State."""
    alternatives = _name_alternatives(_path(path))
    return re.compile(
        rf"^(?:[A-Z][a-z]+ly, )?(?:{SPEAKER_TITLES})?(?:[Tt]he )?(?P<name>{alternatives})"
        rf"(?![\w'-])(?:,[^,]{{1,80}},)?\s+[a-z]"
    )


def state_at(text: str, position: int, path: Path | str | None = None) -> str:
    """The State named at ``position`` of ``text`` (after an optional title such as 'the Government
    of'), as the text writes it; '' when none is."""
    alternatives = _name_alternatives(_path(path))
    folded = fold(text)
    match = re.compile(rf"(?:{SPEAKER_TITLES})?(?:[Tt]he )?(?P<name>{alternatives})(?![\w'-])").match(folded, position)
    return text[match.start("name") : match.end("name")] if match else ""
