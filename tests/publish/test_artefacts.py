"""What the runner takes from an executed notebook: the facts for the catalogue and the tables as CSV."""

import io
import zipfile

import nbformat
import pandas as pd

from workbooks.presentation import html as show
from workbooks.presentation.page import BriefFacts, front_matter
from workbooks.publish.artefacts import brief_facts, shown_tables, tables_zip


def _display(obj, tags=()):
    data, metadata = obj._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data=data, metadata=metadata)])
    cell.metadata["tags"] = list(tags)
    return cell


def _notebook():
    notebook = nbformat.v4.new_notebook()
    facts = BriefFacts(title="T", question="Q?", summary=["S."], data_date="As of 1 May 2024", as_of="2024-05-01")
    notebook.cells = [
        _display(front_matter(facts)),
        _display(show.table(pd.DataFrame({"a": [1]}), "First table")),
        _display(show.table(pd.DataFrame({"b": [2]}), "Only for the lab"), tags=["notebook-only"]),
        _display(show.table(pd.DataFrame({"c": []}), "Empty")),
        _display(show.table(pd.DataFrame({"d": [4]}), "First table")),
    ]
    return notebook


def test_facts_come_from_the_opening():
    facts = brief_facts(_notebook())
    assert facts["question"] == "Q?" and facts["as_of"] == "2024-05-01"


def test_no_opening_gives_no_facts():
    assert brief_facts(nbformat.v4.new_notebook()) == {}


def test_tables_in_page_order_numbered_without_lab_only_or_empty_ones():
    tables = shown_tables(_notebook())
    assert tables == [("01-first-table.csv", "a\n1\n"), ("02-first-table.csv", "d\n4\n")]


def test_zip_holds_a_readme_and_each_table_and_is_reproducible():
    tables = shown_tables(_notebook())
    packed = tables_zip(tables, "what these are")
    assert packed == tables_zip(tables, "what these are")
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        assert archive.namelist() == ["README.txt", "01-first-table.csv", "02-first-table.csv"]
        assert archive.read("02-first-table.csv") == b"d\n4\n"
        # extracted, each file is readable by all (a walk found rw------- from unzip)
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
