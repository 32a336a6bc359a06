"""Shared fixtures: the project root, the stored pages, the hand-checked ground truth."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "data" / "raw" / "pages"
EXPECTED_TSV = Path(__file__).parent / "fixtures" / "hub_pages_expected.tsv"


def expected_rows(kind: str) -> list[dict]:
    with EXPECTED_TSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == kind]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
