"""Page variants the stored copies do not show (tests/fixtures/page_variants/): numbering and bullet
styles, the French and Spanish interface, copies cut anywhere, crawls without author lines, the older
forum layout. Each is checked, activity by activity and comment by comment, against EXPECTED.tsv,
written and checked by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbooks.ingest.discussion import read_discussion_page
from workbooks.ingest.workstream import read_workstream_page

VARIANTS = Path(__file__).parents[1] / "fixtures" / "page_variants"


def _expected() -> list[dict]:
    with (VARIANTS / "EXPECTED.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _items(row: dict) -> list[list[str]]:
    return [item.strip().replace("\\n", "\n").split("|") for item in row["items"].split(" ; ")]


def test_every_variant_has_its_expectations_and_every_expectation_its_variant():
    assert sorted(row["file"] for row in _expected()) == sorted(path.name for path in VARIANTS.glob("*.txt"))
    assert len(_expected()) >= 16


@pytest.mark.parametrize(
    "expected", [row for row in _expected() if row["kind"] == "workstream"], ids=lambda row: row["file"]
)
def test_a_workstream_variant_reads_into_its_activities(expected):
    rows = read_workstream_page(VARIANTS / expected["file"], "W", "s")
    items = _items(expected)
    assert [row["activity_id"] for row in rows] == [item[0] for item in items]
    for row, (_, start, timeline, planned_start, planned_end, flags) in zip(rows, items, strict=True):
        assert row["description"].startswith(start), (row["activity_id"], row["description"])
        assert row["timeline_raw"] == timeline
        assert (row["planned_start"] or "", row["planned_end"] or "") == (planned_start, planned_end)
        assert row["flags"] == flags
        for word in ("Yet to start", "Completed", "Pas encore", "Terminé", "Por iniciar", "Completado"):
            assert word not in row["description"]


@pytest.mark.parametrize(
    "expected", [row for row in _expected() if row["kind"] == "discussion"], ids=lambda row: row["file"]
)
def test_a_discussion_variant_reads_into_its_comments(expected):
    comments, questions = read_discussion_page(VARIANTS / expected["file"], "d", "s")
    assert len(questions) == int(expected["n_questions"])
    assert all(question["text"].rstrip().endswith("?") for question in questions)
    items = _items(expected)
    assert [(c["author"], c["posted"], c["truncated"]) for c in comments] == [
        (author, posted, "true" if truncated == "yes" else "false") for author, posted, truncated, _ in items
    ]
    for comment, (*_, start) in zip(comments, items, strict=True):
        assert comment["text"].startswith(start), comment["text"]
        for furniture in (
            "Reply",
            "Quote",
            "Log in or register",
            "lire la suite",
            "leer más",
            "read more",
            "Connectez-vous",
            "Inicie sesión",
            "Posted by",
            "Soumis par",
            "Enviado por",
        ):
            assert furniture not in comment["text"]


def test_the_older_forum_keeps_the_questions_poster_and_explanation():
    _, questions = read_discussion_page(VARIANTS / "disc_older_forum.txt", "d", "s")
    assert (questions[0]["poster"], questions[0]["posted"]) == ("Carolina Hernandez", "2021-02-25")


def test_a_spanish_reply_marker_names_whom_the_comment_replies_to():
    comments, _ = read_discussion_page(VARIANTS / "disc_spanish.txt", "d", "s")
    assert [c["in_reply_to"] for c in comments] == ["Florence Kim", ""]
