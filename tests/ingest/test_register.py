"""`workbooks add page`: a page registered and ingested in one step; nothing written when any step fails."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest

from conftest import ROOT
from workbooks.cli import main
from workbooks.errors import PageFormatError, RegistrationError
from workbooks.ingest import register
from workbooks.ingest.register import NewPage, add_page, derived_source_id, plan_addition

TODAY = date(2024, 6, 30)
DISCUSSION_URL = "https://migrationnetwork.un.org/hub/discussion-space/new-space/content/new-consultation"
WORKSTREAM_URL = "https://migrationnetwork.un.org/new-workstream"
DISCUSSION_PAGE = (
    "Intro\n\nDiscussion Questions & Comments\n\nWhat should change?\n\nMar 02, 2022\nPaul Tacon\n\n"
    "More data, please.\n\nAbout the Migration Network Hub\n"
)
WORKSTREAM_PAGE = "Activities\ni. Map the services.\nTimeline: Q1 2025\nii. Publish a guide.\nTimeline: 2025-2026\n"


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in (root / "data").rglob("*") if path.is_file()
    }


def _discussion(path, **changes):
    told = dict(path=path, kind="discussion", title="New consultation", retrieved="2024-05-01", url=DISCUSSION_URL)
    return NewPage(**{**told, **changes})


def test_a_discussion_page_is_copied_registered_and_ingested(project, tmp_path):
    sources_before = (project / "data" / "sources.csv").read_bytes()
    page = _write(tmp_path, "new-consultation.txt", DISCUSSION_PAGE)
    added = add_page(_discussion(page, note="Saved from the browser."), project, today=TODAY)
    assert added.copied and (project / "data/raw/pages/new-consultation.txt").read_bytes() == page.read_bytes()
    sources_after = (project / "data" / "sources.csv").read_bytes()
    assert sources_after.startswith(sources_before)  # the old rows untouched, line endings (CRLF) kept
    assert sources_after[len(sources_before) :] == (
        b"hub-new-consultation,data/raw/pages/new-consultation.txt,discussion,"
        + DISCUSSION_URL.encode()
        + b",New consultation,partial,2024-05-01,retrieved,Saved from the browser.\r\n"
    )
    comments = pd.read_csv(project / "data" / "comments.csv", dtype=str, keep_default_na=False)
    old = pd.read_csv(ROOT / "data" / "comments.csv", dtype=str, keep_default_na=False)
    assert len(comments) == len(old) + 1
    new = comments[comments["source"] == "hub-new-consultation"].iloc[0]
    assert (new["author"], new["posted"], new["text"]) == (
        "Paul Tacon",
        "",
        "More data, please.",
    )  # the date is the question's
    questions = pd.read_csv(project / "data" / "questions.csv", dtype=str, keep_default_na=False)
    assert list(questions.loc[questions["source"] == "hub-new-consultation", "text"]) == ["What should change?"]
    assert added.rows_from_page() == {"comments.csv": 1, "questions.csv": 1}


def test_a_workstream_page_inside_data_is_registered_in_place(project):
    page = _write(project / "data" / "raw" / "pages", "new-workstream.txt", WORKSTREAM_PAGE)
    added = add_page(
        NewPage(page, "workstream", "A new workstream", "2024-06-30", url=WORKSTREAM_URL, copy="full"),
        project,
        today=TODAY,
    )
    assert not added.copied and added.row["file"] == "data/raw/pages/new-workstream.txt"
    activities = pd.read_csv(project / "data" / "activities.csv", dtype=str, keep_default_na=False)
    mine = activities[activities["source"] == "hub-new-workstream"]
    assert list(mine["activity_id"]) == ["i", "ii"] and list(mine["planned_end"]) == ["2025-03-31", "2026-12-31"]
    assert set(mine["workstream"]) == {"A new workstream"}
    assert len(activities) == 18 + 2


def test_the_url_may_come_from_the_pages_own_source_line_and_must_agree_with_it(project, tmp_path):
    page = _write(tmp_path, "p.txt", f"source: {DISCUSSION_URL}\nform: rebuilt\n\n{DISCUSSION_PAGE}")
    assert plan_addition(_discussion(page, url=""), project, today=TODAY).row["url"] == DISCUSSION_URL
    with pytest.raises(RegistrationError, match="its first line gives the URL"):
        plan_addition(_discussion(page, url="https://migrationnetwork.un.org/other"), project, today=TODAY)


@pytest.mark.parametrize(
    "body, problem",
    [
        ("i. One.\nTimeline: sometime soon\n", "cannot read timeline 'sometime soon'"),
        ("Nothing here.\n", "no activities found"),
    ],
)
def test_an_unreadable_page_leaves_every_file_byte_identical(project, tmp_path, body, problem):
    before = _snapshot(project)
    page = _write(tmp_path, "bad.txt", body)
    with pytest.raises(PageFormatError, match=problem):
        add_page(NewPage(page, "workstream", "W", "2024-05-01", url=WORKSTREAM_URL), project, today=TODAY)
    assert _snapshot(project) == before


def test_a_page_that_is_not_utf8_is_refused_and_nothing_written(project, tmp_path):
    before = _snapshot(project)
    page = tmp_path / "latin1.txt"
    page.write_bytes("Discussion Questions & Comments\n\nQué?\n".encode("latin-1"))
    with pytest.raises(PageFormatError, match="not UTF-8"):
        add_page(_discussion(page), project, today=TODAY)
    assert _snapshot(project) == before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"url": "ftp://migrationnetwork.un.org/x"}, "not a web address"),
        ({"url": "migrationnetwork.un.org/x"}, "not a web address"),
        ({"url": "https:///no-host"}, "not a web address"),
        ({"retrieved": "01/05/2024"}, "write a real day as YYYY-MM-DD"),
        ({"retrieved": "2024-02-30"}, "write a real day as YYYY-MM-DD"),
        ({"retrieved": "2024-07-01"}, "after today"),
        ({"title": "  "}, "needs a title"),
        ({"source_id": "New_Page"}, "lower-case letters"),
        ({"kind": "forum"}, "must be one of workstream, discussion"),
        ({"copy": "some"}, "must be one of full, partial"),
    ],
)
def test_what_the_page_is_told_is_checked(project, tmp_path, changes, message):
    page = _write(tmp_path, "p.txt", DISCUSSION_PAGE)
    with pytest.raises(RegistrationError, match=message):
        plan_addition(_discussion(page, **changes), project, today=TODAY)


def test_the_retrieval_day_may_be_today():
    assert register.checked_day("2024-06-30", TODAY) == "2024-06-30"


@pytest.mark.parametrize(
    "changes, name, message",
    [
        ({"source_id": "hub-comment-1546"}, "x.txt", "source_id 'hub-comment-1546' is taken"),
        (
            {},
            "002_b7a1eff67a549924.txt",
            r"the file 002_b7a1eff67a549924.txt is registered already as seed-002\S+ "
            r"\(data/raw/pages/002_b7a1eff67a549924.txt\)$",
        ),
        (
            {"url": "https://migrationnetwork.un.org/comment/1546/"},
            "x.txt",
            "URL https://migrationnetwork.un.org/comment/1546/ is registered already as hub-comment-1546; .*--another-copy",
        ),
    ],
)
def test_a_duplicate_is_refused_naming_what_it_duplicates(project, tmp_path, changes, name, message):
    page = _write(tmp_path, name, DISCUSSION_PAGE)
    with pytest.raises(RegistrationError, match=message):
        plan_addition(_discussion(page, **changes), project, today=TODAY)


def test_the_same_text_under_another_name_is_refused(project, tmp_path):
    page = tmp_path / "renamed.txt"
    shutil.copy(project / "data/raw/pages/migrationnetwork.un.org__comment__1546.txt", page)
    with pytest.raises(RegistrationError, match="same text is registered already as hub-comment-1546"):
        plan_addition(_discussion(page, url=""), project, today=TODAY)


def test_a_file_named_like_a_registered_one_is_refused_even_elsewhere_in_data(project):
    page = _write(project / "data", "migrationnetwork.un.org__comment__1546.txt", DISCUSSION_PAGE)
    with pytest.raises(
        RegistrationError, match="a file named migrationnetwork.un.org__comment__1546.txt is registered"
    ):
        plan_addition(_discussion(page), project, today=TODAY)


def test_an_unregistered_file_in_the_way_of_the_copy_is_refused(project, tmp_path):
    _write(project / "data" / "raw" / "pages", "new.txt", "someone else's page")
    page = _write(tmp_path, "new.txt", DISCUSSION_PAGE)
    with pytest.raises(RegistrationError, match="data/raw/pages/new.txt exists already: rename the page"):
        plan_addition(_discussion(page), project, today=TODAY)


def test_a_registered_file_is_not_registered_twice_in_place(project):
    page = project / "data/raw/pages/migrationnetwork.un.org__comment__1546.txt"
    with pytest.raises(RegistrationError, match="the file .* is registered already as hub-comment-1546"):
        plan_addition(_discussion(page, url="", source_id="again"), project, today=TODAY)


def test_another_copy_of_a_registered_url_is_accepted_when_said(project, tmp_path):
    page = _write(tmp_path, "copy-2.txt", DISCUSSION_PAGE)
    url = "https://migrationnetwork.un.org/comment/1546"
    added = plan_addition(
        _discussion(page, url=url, source_id="hub-comment-1546-v2", another_copy=True), project, today=TODAY
    )
    assert added.row["url"] == url


@pytest.mark.parametrize(
    "url, expected",
    [
        (DISCUSSION_URL, "hub-new-consultation"),
        ("https://migrationnetwork.un.org/comment/1546", "hub-1546"),
        ("https://www.example.org/Reports/Annual_Report%202023/", "example-org-annual-report-202023"),
        (
            "https://migrationnetwork.un.org/" + "a-very-long-segment" * 5,
            "hub-a-very-long-segmenta-very-long-segmenta-very-long",
        ),
    ],
)
def test_a_source_id_is_derived_from_the_url(url, expected):
    assert derived_source_id(url) == expected
    assert len(expected) <= 60


def test_a_failed_write_puts_back_what_was_written(project, tmp_path, monkeypatch):
    before = _snapshot(project)
    page = _write(tmp_path, "new.txt", DISCUSSION_PAGE)
    real_write = register.atomic_write_bytes

    def failing(path, data):
        if path.name == "sources.csv":
            raise OSError("disk full")
        return real_write(path, data)

    monkeypatch.setattr(register, "atomic_write_bytes", failing)
    with pytest.raises(OSError, match="disk full"):
        add_page(_discussion(page), project, today=TODAY)
    assert _snapshot(project) == before


def test_the_command_adds_a_page_and_says_what_it_wrote(project, tmp_path, capsys):
    page = _write(tmp_path, "new-consultation.txt", DISCUSSION_PAGE)
    assert (
        main(
            [
                "add",
                "page",
                str(page),
                "--kind",
                "discussion",
                "--title",
                "New consultation",
                "--retrieved",
                "2024-05-01",
                "--url",
                DISCUSSION_URL,
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "added hub-new-consultation (discussion, copied to data/raw/pages/new-consultation.txt)" in printed
    assert "data/comments.csv: 25 rows, 1 from the new page" in printed
    assert main(["check-data"]) == 0


def test_the_command_reports_a_refusal_as_one_error_line(project, tmp_path, capsys):
    page = _write(tmp_path, "new.txt", DISCUSSION_PAGE)
    assert (
        main(
            [
                "add",
                "page",
                str(page),
                "--kind",
                "discussion",
                "--title",
                "T",
                "--retrieved",
                "2999-01-01",
                "--url",
                DISCUSSION_URL,
            ]
        )
        == 1
    )
    error = capsys.readouterr().err
    assert error.startswith("error: retrieval date 2999-01-01 is after today") and "Traceback" not in error
    assert not (project / "data/raw/pages/new.txt").exists()


@pytest.mark.parametrize(
    "body",
    [
        "Some page I saved.\n\nNothing like a discussion here.\n",
        "Intro of the space only.\n\nAbout the Migration Network Hub\n",
    ],
)
def test_a_discussion_page_it_reads_nothing_from_is_refused_and_nothing_written(project, tmp_path, body):
    before = _snapshot(project)
    page = _write(tmp_path, "empty.txt", body)
    with pytest.raises(RegistrationError) as refused:
        add_page(_discussion(page), project, today=TODAY)
    assert str(refused.value).startswith(f"{page}: not added: no comment and no question read from it. ")
    assert "'Discussion Questions & Comments' above its questions and comments" in str(refused.value)
    assert _snapshot(project) == before
    assert (
        main(
            [
                "add",
                "page",
                str(page),
                "--kind",
                "discussion",
                "--title",
                "T",
                "--retrieved",
                "2024-05-01",
                "--url",
                DISCUSSION_URL,
            ]
        )
        == 1
    )  # the command says so, without a traceback
    assert _snapshot(project) == before
