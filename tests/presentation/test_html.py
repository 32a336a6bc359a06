"""Tables and figures as a reader gets them: escaped, rounded one way, long text openable, a CSV
download safe in a spreadsheet, a print layout for wide tables, real alt text and the illustrative mark."""

import csv
import io
from urllib.parse import unquote

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from briefs_scenario import parse_html
from workbooks.presentation import html as show


def test_halves_round_the_same_way_in_every_table():
    page = show.table_html(pd.DataFrame({"mean": [12.5, 37.5, 71.5]}), "Means", digits=0)
    cells = [text for text in parse_html(page).text if text.strip()]
    assert cells[:5] == ["Means", "mean", "13", "38", "72"]


def test_dates_booleans_and_missing_values_read_as_words():
    frame = pd.DataFrame(
        {
            "day": [pd.Timestamp("2024-12-31"), pd.NaT],
            "done": [True, False],
            "count": pd.array([3, None], dtype="Int64"),
            "note": ["x", ""],
        }
    )
    text = parse_html(show.table_html(frame)).text
    assert "31 Dec 2024" in text and "yes" in text and "no" in text
    assert text.count("—") == 3  # NaT, <NA>, empty string


def test_hostile_text_is_escaped_in_cells_headers_and_caption():
    hostile = "<script>alert(1)</script>"
    page = show.table_html(pd.DataFrame({hostile: [hostile]}), hostile)
    assert "<script>" not in page and page.count("&lt;script&gt;") >= 3


def test_long_text_opens_to_the_full_text_and_its_teaser_ends_on_a_word():
    long = "word " * 80 + "END"
    page = show.table_html(pd.DataFrame({"question": [long.strip()]}))
    assert '<details class="brief-long">' in page and "END" in page
    teaser = page.split('class="brief-teaser">')[1].split("…")[0]
    assert teaser.endswith("word") and len(teaser) <= show.TEASER


def test_short_text_is_not_hidden():
    assert "<details" not in show.table_html(pd.DataFrame({"question": ["A short question?"]}))


def test_csv_download_holds_the_shown_text_and_defuses_formulas():
    frame = pd.DataFrame({"comment": ['=HYPERLINK("http://x")', "-5", "+ plus", "fine"], "mean": [12.5, 1.0, 2.0, 3.0]})
    text = show.table_csv(frame, digits=0)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["comment", "mean"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "13"]
    assert rows[2][0] == "-5"  # a number stays a number
    assert rows[3][0] == "'+ plus"
    page = show.table_html(frame, "Comments and means", digits=0)
    href = page.split('href="')[1].split('"')[0]
    assert href.startswith("data:text/csv;charset=utf-8,")
    assert 'download="comments-and-means.csv"' in page
    assert "'=HYPERLINK" in unquote(href.replace("&amp;", "&"))


def test_an_empty_table_offers_no_download():
    assert "Download" not in show.table_html(pd.DataFrame({"a": []}), "Nothing")


def test_wide_text_tables_stack_on_paper_and_narrow_ones_do_not():
    long = "a fairly long text that goes on and on, well past what a short label would ever need here"
    wide = pd.DataFrame({f"c{i}": [long] * 2 for i in range(5)})
    assert "brief-table-stack" in show.table_html(wide)
    assert "brief-table-stack" not in show.table_html(wide.iloc[:, :4])
    one_long_column = pd.DataFrame({"name": [long], **{f"n{i}": [1.0] for i in range(6)}})
    assert "brief-table-stack" not in show.table_html(one_long_column)
    numbers = pd.DataFrame({f"c{i}": [1.0, 2.0] for i in range(9)})
    assert "brief-table-stack" not in show.table_html(numbers)
    assert 'data-label="c0"' in show.table_html(wide)  # each cell names its column when stacked


def test_table_carries_its_csv_for_the_runner():
    data, metadata = show.table(pd.DataFrame({"a": [1]}), "Counts per code")._repr_mimebundle_()
    assert data[show.TABLE_CSV_MIMETYPE] == "a\n1\n"
    assert metadata[show.TABLE_CSV_MIMETYPE]["file"] == "counts-per-code.csv"


def _chart():
    fig, axes = plt.subplots(figsize=(4, 2))
    axes.bar(["a"], [1])
    return fig


def test_figure_has_its_alt_text_and_caption_escaped():
    page = show.figure_html(_chart(), "Caption <b>", "Bars: a is 1 <script>")
    img = page.split("<img")[1]
    assert 'alt="Bars: a is 1 &lt;script&gt;"' in img
    assert "<figcaption>Caption &lt;b&gt;</figcaption>" in page
    assert "No description has been provided" not in page


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_a_figure_without_alt_text_is_refused(alt):
    with pytest.raises(ValueError, match="no alt text"):
        show.figure_html(_chart(), "A chart", alt)


def test_a_figure_with_a_paper_table_prints_its_numbers_escaped_and_marked_when_invented():
    numbers = pd.DataFrame({"code": ["Gender <b>"], "unknown": [4]})
    page = show.figure_html(_chart(), "Caption", "Bars", paper=numbers, paper_title="Most <i>")
    assert 'class="brief-figure brief-figure-with-paper-table"' in page
    paper = page.split('<div class="brief-figure-paper">')[1].split("<figcaption>")[0]
    assert "Gender &lt;b&gt;" in paper and ">Most &lt;i&gt;</caption>" in paper and ">4<" in paper
    assert show.ILLUSTRATIVE_MARK not in paper
    marked = show.figure_html(_chart(), "Caption", "Bars", illustrative=True, paper=numbers)
    assert show.ILLUSTRATIVE_MARK in marked.split('<div class="brief-figure-paper">')[1]
    # no table, or an empty one: the chart prints
    for plain in (
        show.figure_html(_chart(), "Caption", "Bars"),
        show.figure_html(_chart(), "Caption", "Bars", paper=numbers.head(0)),
    ):
        assert "brief-figure-paper" not in plain and "with-paper-table" not in plain


def test_illustrative_mark_is_drawn_on_the_image_itself():
    plain, marked = _chart(), _chart()
    show.figure_html(plain, "c", "a")
    show.figure_html(marked, "c", "a", illustrative=True)
    assert show.ILLUSTRATIVE_MARK in [text.get_text() for text in marked.texts]
    assert show.ILLUSTRATIVE_MARK not in [text.get_text() for text in plain.texts]


def test_figure_takes_the_alt_text_its_chart_function_recorded():
    from workbooks.presentation.style import describe

    fig = describe(_chart(), "Bars: a is 1")
    shown = []
    original = show.display
    show.display = shown.append
    try:
        show.figure(fig, "Caption")
    finally:
        show.display = original
    assert 'alt="Bars: a is 1"' in shown[0].data


def test_provenance_names_a_file_inside_the_project_from_its_root_and_one_elsewhere_by_its_full_path(tmp_path):
    from workbooks.presentation.html import file_as_read

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    assert file_as_read(project / "data" / "comments.csv", project) == "data/comments.csv"
    assert file_as_read(project / "notebooks" / ".." / "data" / "x.csv", project) == "data/x.csv"
    elsewhere = tmp_path / "exports" / "survey.csv"
    assert file_as_read(elsewhere, project) == str(elsewhere.resolve())


def test_a_long_table_shows_its_first_rows_says_how_many_and_downloads_them_all():
    frame = pd.DataFrame({"comment": [f"c{n}" for n in range(100_000)], "codes": range(100_000)})
    page = show.table_html(frame, "Comments", max_rows=20)
    text = parse_html(page).text
    # 100,000 rows are 1.2 MB of CSV, past what the page carries: the brief's tables zip holds them
    assert "Showing the first 20 of 100,000 rows; the brief's tables zip holds all of them." in text
    assert (
        "Showing the first 5 of 50 rows; the CSV download holds all of them."
        in parse_html(show.table_html(frame.head(50), "Comments", max_rows=5)).text
    )
    assert page.count("<tr>") == 21 and "c19" in text and "c20<" not in page
    bundle, _ = show.table(frame, "Comments", max_rows=20)._repr_mimebundle_()
    assert "Showing the first 20 of 100,000 rows" in bundle["text/html"]
    assert len(bundle[show.TABLE_CSV_MIMETYPE].splitlines()) == 100_001
    assert "Showing" not in show.table_html(frame.head(20), "Comments", max_rows=20)
    assert (
        show.rows_shown(5, 5) == ""
        and show.rows_shown(7, 5, "codes") == "Showing the first 5 of 7 codes; the CSV download holds all of them."
    )


def test_a_table_whose_csv_is_too_long_for_the_page_links_the_tables_zip_and_says_it_holds_every_row(monkeypatch):
    frame = pd.DataFrame({"comment": [f"c{n}" for n in range(100)], "codes": range(100)})
    csv_text = show.table_csv(frame)
    monkeypatch.setattr(show, "IN_PAGE_CSV_MOST_CHARS", len(csv_text))  # exactly the limit: still in the page
    at_limit = show.table_html(frame, "Comments", max_rows=20)
    assert "data:text/csv;charset=utf-8," in at_limit and show.IN_TABLES_ZIP_CLASS not in at_limit
    monkeypatch.setattr(show, "IN_PAGE_CSV_MOST_CHARS", len(csv_text) - 1)
    bundle, _ = show.table(frame, "Comments", max_rows=20)._repr_mimebundle_()
    page = bundle["text/html"]
    assert "data:text/csv" not in page
    assert f'<a class="{show.IN_TABLES_ZIP_CLASS}" href="{show.TABLES_ZIP_HREF}">' in page
    words = " ".join(" ".join(parse_html(page).text).split())
    assert "Showing the first 20 of 100 rows; the brief's tables zip holds all of them." in words
    assert "Download the brief's tables (zip)" in words
    assert (
        "this table is too long to download from the page; its CSV is the file ending in comments.csv in the zip"
        in words
    )
    assert bundle[show.TABLE_CSV_MIMETYPE] == csv_text  # what the runner packs in the zip: every row


def test_the_appendix_lists_the_vocabularies_read_with_the_tables():
    from conftest import ROOT
    from workbooks.presentation.html import provenance
    from workbooks.tables.datasets import load_dataset

    comments = load_dataset(ROOT / "data" / "comments.csv")
    shown = provenance(
        [comments],
        {"brief_title": "x"},
        "notebooks/consultation_inputs.ipynb",
        vocabularies=[ROOT / "data" / "codebook.yaml", ROOT / "data" / "asks.yaml", ROOT / "data" / "asks.yaml"],
    ).data
    assert "data/comments.csv" in shown and "data/codebook.yaml" in shown
    assert shown.count("data/asks.yaml") == 2  # once among the files read, once where it comes from: never doubled
    import yaml

    version = yaml.safe_load((ROOT / "data" / "asks.yaml").read_text(encoding="utf-8"))["version"]
    assert f"Asks and their themes (version {version})" in shown
    assert "Written for this project by the project engineer" in shown
