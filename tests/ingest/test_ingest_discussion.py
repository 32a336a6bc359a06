"""The discussion page parser against the hand-checked ground truth (EXPECTED.tsv) and a hand count of seed 002."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import PAGES, expected_rows
from workbooks.consultation.stakeholders import load_registry
from workbooks.ingest.discussion import discussion_rows, is_name_line, parse_posted, read_discussion_page
from workbooks.ingest.organisation_mentions import organisation_from_author, organisation_named_in
from workbooks.ingest.page_text import PageText

SEED = PAGES / "002_b7a1eff67a549924.txt"
HAND_COUNT = Path(__file__).parents[1] / "fixtures" / "seed_002_hand_count.tsv"
FURNITURE = [
    "Login to post comment",
    "About the Migration Network Hub",
    "Discussion Questions & Comments",
    "Disclaimer",
    "Skip to main content",
    "Discussion Moderator",
    "Profile picture for user",
    "In reply to by",
    "Apply to join the Peer Review Roster",
    "Expected audience",
]


@pytest.fixture(scope="module")
def known_organisations():
    return load_registry().known_names


def _rows(path, known):
    return read_discussion_page(path, "d", "s", known)


@pytest.mark.parametrize("expected", expected_rows("discussion"), ids=lambda row: row["file"][24:70])
def test_every_hub_discussion_page_matches_the_ground_truth(expected, known_organisations):
    comments, questions = _rows(PAGES / expected["file"], known_organisations)
    assert len(questions) == int(expected["n_questions"])
    assert len(comments) == int(expected["n_comments"])
    items = [item.strip() for item in expected["items"].split(";") if item.strip()]
    assert len(items) == len(comments)
    for item, comment in zip(items, comments):
        author, posted, organisation, truncated = item.split("|")
        assert comment["author"] == author
        assert comment["posted"] == (parse_posted(posted).isoformat() if posted else "")
        assert comment["organisation"] == organisation
        assert comment["truncated"] == ("true" if truncated == "yes" else "false")


def test_seed_002_matches_the_hand_count(known_organisations):
    with HAND_COUNT.open(encoding="utf-8") as handle:
        expected = list(csv.DictReader(handle, delimiter="\t"))
    comments, questions = _rows(SEED, known_organisations)
    assert len(questions) == 3
    assert [q["text"].split()[0] for q in questions] == ["Does", "What", "Which"]
    assert len(comments) == len(expected) == 14
    for want, got in zip(expected, comments):
        assert got["question"] == int(want["question"]), want["starts_with"]
        assert got["author"] == want["author"]
        assert got["posted"] == want["posted"]
        assert got["organisation"] == want["organisation"], want["starts_with"]
        assert got["in_reply_to"] == want["in_reply_to"], want["starts_with"]
        assert got["truncated"] == want["truncated"], want["starts_with"]
        assert got["text"].startswith(want["starts_with"])


@pytest.mark.parametrize(
    "path", sorted([SEED] + [PAGES / row["file"] for row in expected_rows("discussion")]), ids=lambda p: p.name[24:70]
)
def test_page_furniture_never_becomes_comment_text(path, known_organisations):
    comments, questions = _rows(path, known_organisations)
    for comment in comments:
        for furniture in FURNITURE:
            assert furniture not in comment["text"]
        assert not comment["text"].rstrip().endswith("read more")
    for question in questions:
        assert question["text"].rstrip().endswith("?")


def test_every_line_of_a_complete_page_is_kept_somewhere(known_organisations):
    """Nothing lost: each non-blank line of seed 002 between the question marker and the footer is a
    question, a comment line, or one of the page's own markers."""
    comments, questions = _rows(SEED, known_organisations)
    kept = "\n".join([c["text"] for c in comments] + [q["text"] for q in questions])
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("Discussion Questions & Comments") + 1 : lines.index("About the Migration Network Hub")]
    for line in body:
        text = line.strip()
        if not text or text.startswith("In reply to by") or text == "UN Network":
            continue
        assert text in kept, f"lost: {text!r}"


def _page(text: str) -> PageText:
    return PageText(path=Path("test.txt"), lines=tuple(text.split("\n")), first_line_number=1)


def test_a_page_without_the_question_marker_has_no_comments():
    comments, questions = discussion_rows(_page("Intro\n\nSomething?\n\nA paragraph."), "d", "s")
    assert comments == [] and questions == []


def test_a_date_under_a_question_is_the_questions_and_a_header_after_a_comment_gives_author_and_date():
    page = _page(
        "Discussion Questions & Comments\n\nAda Lovelace\n\nWhat should change?\n\nPlease be specific.\n\n"
        "Mar 02, 2022\nPaul Tacon\n\nMore data.\n\nAnd better data.\n\nMar 05, 2022\nAda Lovelace\n\n"
        "Thank you.\n\nAbout the Migration Network Hub\n\nfooter"
    )
    comments, questions = discussion_rows(page, "d", "s")
    assert [(q["poster"], q["posted"]) for q in questions] == [("Ada Lovelace", "2022-03-02")]
    assert [(c["author"], c["posted"]) for c in comments] == [("Paul Tacon", ""), ("Ada Lovelace", "2022-03-05")]
    assert comments[0]["text"] == "More data.\n\nAnd better data."
    assert comments[0]["truncated"] == "false"


def test_the_stored_climate_page_dates_its_two_questions_and_not_the_comment():
    comments, questions = _rows(PAGES / "migrationnetwork.un.org__hub__discussion-space__3__content__14.txt", [])
    assert [q["posted"] for q in questions] == ["2021-09-28", "2021-09-28"]  # the first question has no comment
    assert [(c["author"], c["posted"]) for c in comments] == [("Catherine Tactaquin", "")]


def test_a_teaser_cut_ends_one_comment_and_the_next_line_starts_another():
    page = _page(
        "Discussion Questions & Comments\n\nWhy?\n\nFirst comment cut...\n\nSecond comment, whole.\n\n"
        "About the Migration Network Hub"
    )
    comments, _ = discussion_rows(page, "d", "s")
    assert [c["truncated"] for c in comments] == ["true", "false"]
    assert comments[1]["text"] == "Second comment, whole."


def test_a_page_that_stops_inside_a_comment_marks_it_cut():
    comments, _ = discussion_rows(_page("Discussion Questions & Comments\n\nWhy?\n\nA comment that stops."), "d", "s")
    assert comments[0]["truncated"] == "true"


def test_a_rhetorical_question_inside_a_comment_does_not_start_a_new_question():
    page = _page(
        "Discussion Questions & Comments\n\nWhat next?\n\nWe ask: who pays\nfor this?\n\nMore text.\n\n"
        "About the Migration Network Hub"
    )
    comments, questions = discussion_rows(page, "d", "s")
    assert len(questions) == 1 and len(comments) == 1
    assert "who pays" in comments[0]["text"] and "More text." in comments[0]["text"]


def test_name_lines_and_dates():
    assert is_name_line("Florence Kim") and is_name_line("Sarah Doyel, IOM") and is_name_line("Migration Netw…")
    assert not is_name_line("Continue our engagement") and not is_name_line("Some comments from the United Kingdom:")
    assert not is_name_line("The Network")
    assert parse_posted("Sep 13, 2022").isoformat() == "2022-09-13"
    assert parse_posted("25 February 2021").isoformat() == "2021-02-25"
    assert parse_posted("yesterday") is None
    assert parse_posted("13 septembre 2022").isoformat() == "2022-09-13"
    assert parse_posted("3 janv. 2023").isoformat() == "2023-01-03"
    assert parse_posted("1er mars 2021").isoformat() == "2021-03-01"
    assert parse_posted("3 de marzo de 2021").isoformat() == "2021-03-03"
    assert parse_posted("25/02/2021").isoformat() == "2021-02-25"  # day first
    assert parse_posted("02/25/2021") is None  # not a day-first date: not read at all
    assert parse_posted("31 février 2021") is None and parse_posted("13 brumaire 2022") is None


@pytest.mark.parametrize(
    "text, known, expected",
    [
        ("As Caritas Internationalis Confederation, we welcome it.", [], "Caritas Internationalis Confederation"),
        ("Some comments from the United Kingdom:\n1. We welcome", [], "United Kingdom"),
        ("After consulting the members of the Women in Migration Network:", [], "Women in Migration Network"),
        ("On behalf of the Global Coalition on Migration, we submit", [], "Global Coalition on Migration"),
        ("Thank you. CARAM Asia is a regional network.", ["CARAM Asia"], "CARAM Asia"),
        ("Thank you. CARAM Asia is a regional network.", [], ""),  # unregistered: not read from a subject
        ("Member States do recognise the importance.", ["CARAM Asia"], ""),
        ("The UN Network on Migration’s draft lists it.", ["UN Network on Migration"], ""),  # possessive: a mention
        ("1. Our Confederation would recommend", [], ""),
        ("As a survivor, I thank you.", [], ""),
        ("Migrants are excluded.", [], ""),
    ],
)
def test_organisation_is_named_only_where_the_text_speaks_for_it(text, known, expected):
    assert organisation_named_in(text, known) == expected


def test_organisation_from_the_author_line():
    assert organisation_from_author("Sarah Doyel, IOM") == "IOM"
    assert organisation_from_author("Cecilia Nicoletti") == ""
