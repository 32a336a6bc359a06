"""Good-practice records: the build of data/practices.csv, and the rules a practices file keeps.

The raw records (data/raw/practices/practice-records.csv, copied from the project's shared
material with its README) hold facts as the practice databases state them and a summary in our own
words. The build keeps every column and every cell as it is, renames ``record_id`` to
``practice_id``, and adds:

- ``target_group``: immigrants, return migrants or both where the record's title or summary shows
  it (a `present` match of the checklist's ``immigrants`` / ``return-migrants`` items), else
  ``unknown``; nothing is inferred from a country, a database or a guess;
- ``target_group_basis``: the words that show it;
- ``assessment``: empty (database records are not survey judgements).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import TableError
from ..tables.layouts import PRACTICES
from ..tables.validate import read_text_table, validate_text_table
from ..tables.vocabularies import PRESENT, SURVEY, SURVEY_ASSESSMENTS, UNKNOWN
from .checklist import IMMIGRANTS, RETURN_MIGRANTS, Checklist, record_text

RAW_COLUMNS = ["record_id", "title", "countries", "region", "years", "type", "submitter_or_implementers",
               "source_db", "url", "summary", "summary_basis", "notes"]


def target_group(record, checklist: Checklist) -> tuple[str, str]:
    """(target group, the words that show it) for one record."""
    text = record_text(record, checklist)
    shown = {}
    for key in (IMMIGRANTS, RETURN_MIGRANTS):
        found = checklist.item(key).assess(text)
        if found.score == PRESENT:
            shown[key] = found.evidence
    if not shown:
        return UNKNOWN, ""
    group = "both" if len(shown) == 2 else ("immigrants" if IMMIGRANTS in shown else "return migrants")
    basis = "; ".join(f"{checklist.item(key).label.lower()}: " + ", ".join(f"'{word}'" for word in words)
                      for key, words in shown.items())
    return group, basis


def build_practices(raw_path: Path | str, checklist: Checklist) -> pd.DataFrame:
    """The practices table from the raw records; raise TableError naming file and line on a bad record."""
    raw = read_text_table(raw_path)
    missing = [column for column in RAW_COLUMNS if column not in raw.columns]
    if missing:
        raise TableError(raw_path, [f"line 1: missing column(s) {', '.join(missing)} (expected: {', '.join(RAW_COLUMNS)})"])
    practices = raw[RAW_COLUMNS].rename(columns={"record_id": "practice_id"})
    groups = [target_group(record, checklist) for _, record in practices.iterrows()]
    practices["target_group"] = [group for group, _ in groups]
    practices["target_group_basis"] = [basis for _, basis in groups]
    practices["assessment"] = ""
    validate_text_table(practices, PRACTICES, raw_path)
    return practices[PRACTICES.column_names]


def field_counts(practices: pd.DataFrame) -> pd.DataFrame:
    """How many records fill each column (the closing count the README of the raw records gives)."""
    filled = (practices.astype(str).apply(lambda column: column.str.strip() != "")).sum()
    return pd.DataFrame({"column": filled.index, "filled": filled.values, "of": len(practices)})


def check_practices(practices: pd.DataFrame, path) -> None:
    """Rules across columns: a survey example says whether it was effective or harmful; a target
    group other than unknown shows the words it rests on; database records carry no assessment."""
    problems = []
    for index, row in practices.iterrows():
        line = index + 2
        if row["source_db"] == SURVEY and row["assessment"] == "":
            problems.append(f"line {line}, column 'assessment': a survey example needs "
                            f"{' or '.join(map(repr, SURVEY_ASSESSMENTS))}")
        if row["source_db"] != SURVEY and row["assessment"] != "":
            problems.append(f"line {line}, column 'assessment': only survey examples (source_db {SURVEY!r}) carry an "
                            "assessment")
        if row["target_group"] != UNKNOWN and not str(row["target_group_basis"]).strip():
            problems.append(f"line {line}, column 'target_group_basis': say which words of the record show "
                            f"target group {row['target_group']!r}")
    if problems:
        raise TableError(path, problems)
