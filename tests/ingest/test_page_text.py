"""Reading a stored page: the shared UTF-8 decoder names a bad byte by line and character with a
hint, and a page with no text is refused naming the page, not the table it would be written to."""

from __future__ import annotations

import pytest

from workbooks.errors import PageFormatError
from workbooks.ingest.discussion import build_discussions
from workbooks.ingest.page_text import read_page
from workbooks.tables.sources import load_sources


def _page(tmp_path, data: bytes, name: str = "page.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_byte_that_is_not_utf8_is_named_by_line_and_character_with_a_hint(tmp_path):
    path = _page(tmp_path, b"source: https://example.org/p\nform: x\n\nDiscussion Questions & Comments\nQu\xe9?\n")
    with pytest.raises(PageFormatError) as error:
        read_page(path)
    assert str(error.value) == (
        f"{path}, line 5: character 3: byte 0xe9 is not UTF-8; the file looks like "
        "Latin-1/Windows-1252: re-save it as UTF-8"
    )
    assert error.value.line_number == 5


def test_utf16_is_named_at_line_1(tmp_path):
    path = _page(tmp_path, "Discussion Questions & Comments\n".encode("utf-16"))
    with pytest.raises(PageFormatError, match=r"page\.txt, line 1: the file is UTF-16 text"):
        read_page(path)


def test_a_utf8_byte_order_mark_does_not_hide_the_source_line(tmp_path):
    page = read_page(_page(tmp_path, "\ufeffsource: https://example.org/p\n\ntext\n".encode()))
    assert page.url == "https://example.org/p" and page.lines == ("text", "") and page.first_line_number == 3


@pytest.mark.parametrize("data", [b"", b"\n  \n\t\n", b"source: https://example.org/p\nform: x\n\n\n"])
def test_a_page_with_no_text_is_named_at_line_1(tmp_path, data):
    path = _page(tmp_path, data)
    with pytest.raises(PageFormatError) as error:
        read_page(path)
    assert str(error.value).startswith(f"{path}, line 1: the page is empty")


def test_an_empty_discussion_page_is_named_not_the_comments_table(tmp_path):
    from conftest import ROOT

    sources = load_sources(ROOT / "data" / "sources.csv")
    page = ROOT / "data" / "raw" / "pages" / "002_b7a1eff67a549924.txt"
    copy = tmp_path / "data" / "raw" / "pages" / page.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"")
    with pytest.raises(PageFormatError) as error:
        build_discussions([copy], sources, root=tmp_path)
    assert str(error.value).startswith(f"{copy}, line 1: the page is empty")
