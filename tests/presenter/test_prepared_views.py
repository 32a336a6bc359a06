"""Prepared views (params/presenter_views.yaml): read, checked against the names each live view keeps
in its address (workbooks.workbook_specs), linked from the landing page; a bad file named on the page."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import ROOT
from workbooks.errors import PreparedViewsError
from workbooks.presenter.landing import landing_page
from workbooks.presenter.views import VIEWS_FILE, read_prepared_views
from workbooks.workbook_specs import WORKBOOKS


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "presenter_views.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_views_name_workbooks_and_selections_their_views_take():
    views = read_prepared_views(ROOT / VIEWS_FILE)
    assert len(views) >= 3 and {view.workbook for view in views} == set(WORKBOOKS)
    for view in views:
        assert {name for name, _ in view.selections} <= set(WORKBOOKS[view.workbook].address)


def test_a_view_links_its_workbook_with_its_selections_in_the_address(tmp_path):
    path = _write(
        tmp_path,
        """views:
  - title: "Mid-2024"
    workbook: timeline_progress
    selections: {as_of: 2024-06-30, workstreams: ["A & B", "C"]}
""",
    )
    [view] = read_prepared_views(path)
    assert view.url == "voila/render/timeline_progress.ipynb?as_of=2024-06-30&workstreams=A+%26+B&workstreams=C"


def test_no_file_means_no_prepared_views(tmp_path):
    assert read_prepared_views(tmp_path / "absent.yaml") == []


@pytest.mark.parametrize(
    "text, said",
    [
        (
            "views:\n  - title: X\n    workbook: timeline\n",
            "line 3, key 'workbook' of view 1: 'timeline' is not a workbook",
        ),
        (
            "views:\n  - title: X\n    workbook: timeline_progress\n    selections:\n      date: 2024-01-01\n",
            "line 5, key 'date' of view 1: the Timeline progress view has no 'date'; it takes: as_of, workstreams",
        ),
        ("views:\n  - workbook: consultation_inputs\n", "key 'title' of view 1: give the view a title"),
        (
            "views:\n  - title: X\n    workbook: consultation_inputs\n    colour: red\n",
            "line 4, key 'colour' of view 1: not a key of a prepared view",
        ),
        (
            "views:\n  - title: X\n    workbook: consultation_inputs\n    selections:\n      code: {a: 1}\n",
            "line 5, key 'code' of view 1: a value is a word, a date or a list of them",
        ),
        ("views:\n  - just a title\n", "line 2, view 1: each view is a mapping with title, workbook and selections"),
        ("views:\n  - title: X\n", "key 'workbook' of view 1: give the view a workbook, one of: timeline_progress"),
    ],
)
def test_a_view_it_cannot_take_is_named_by_line_and_key(tmp_path, text, said):
    path = _write(tmp_path, text)
    [view] = read_prepared_views(path)
    assert [problem for problem in view.problems if said in problem and str(path) in problem], view.problems


@pytest.mark.parametrize(
    "text, said",
    [
        ("views: []\nviews: []\n", "line 2"),
        ("view:\n  - title: X\n", "the file must hold `views:`"),
    ],
)
def test_a_file_that_holds_no_list_of_views_is_named(tmp_path, text, said):
    path = _write(tmp_path, text)
    with pytest.raises(PreparedViewsError) as caught:
        read_prepared_views(path)
    assert str(path) in str(caught.value) and said in str(caught.value)


def test_an_impossible_date_in_one_view_leaves_the_others_linked(tmp_path):
    """A date is kept as written and checked by its view (make check-views), so one impossible day does not make
    the whole file unreadable."""
    path = _write(
        tmp_path,
        """views:
  - title: "Good"
    workbook: timeline_progress
    selections: {as_of: 2024-06-30}
  - title: "No such day"
    workbook: timeline_progress
    selections: {as_of: 2024-02-30}
""",
    )
    good, impossible = read_prepared_views(path)
    assert good.problems == impossible.problems == () and impossible.url.endswith("?as_of=2024-02-30")
    assert 'href="voila/render/timeline_progress.ipynb?as_of=2024-06-30">Good</a>' in landing_page(
        list(WORKBOOKS.values()), path
    )


def test_a_view_with_mistakes_names_each_and_leaves_the_other_views_usable(tmp_path):
    path = _write(
        tmp_path,
        """views:
  - title: "Good"
    workbook: timeline_progress
    selections: {as_of: 2024-06-30}
  - title: "Two mistakes"
    workbook: consultation_inputs
    colour: red
    selections: {stakeholder: NGO}
  - workbook: nowhere
""",
    )
    good, two, third = read_prepared_views(path)
    assert good.problems == () and good.url.endswith("?as_of=2024-06-30")
    assert [problem.split(": ", 1)[0] for problem in two.problems] == [
        f"{path}, line 7, key 'colour' of view 2",
        f"{path}, line 8, key 'stakeholder' of view 2",
    ]
    assert third.title == "View 3 (line 9)" and len(third.problems) == 2  # no title, no such workbook
    page = html.unescape(landing_page(list(WORKBOOKS.values()), path))
    assert f"2 of 3 prepared views cannot open until fixed in <code>{path}</code>: marked below" in page
    assert 'href="voila/render/timeline_progress.ipynb?as_of=2024-06-30">Good</a>' in page
    assert "?stakeholder" not in page and "Two mistakes" in page and "'nowhere' is not a workbook" in page
    assert "not a key of a prepared view" in page and "has no 'stakeholder'" in page


def test_the_landing_page_lists_the_views_escaped_or_says_what_is_wrong(tmp_path):
    path = _write(
        tmp_path,
        """views:
  - title: "<script>alert(1)</script> gender"
    workbook: consultation_inputs
    selections: {code: principle-gender-responsive}
""",
    )
    page = landing_page(list(WORKBOOKS.values()), path)
    assert 'href="voila/render/consultation_inputs.ipynb?code=principle-gender-responsive"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; gender" in page and "<script>" not in page
    _write(tmp_path, "views:\n  - title: X\n  views: []\n")  # not YAML: a key at the wrong depth
    page = landing_page(list(WORKBOOKS.values()), path)
    assert "The prepared views cannot be shown" in page and str(path) in html.unescape(page)
    for workbook in WORKBOOKS.values():  # the workbooks stay linked
        assert f'href="voila/render/{workbook.notebook}.ipynb"' in page


def test_every_shipped_view_opens_as_prepared_in_its_live_view():
    """Each prepared view's selections, applied to its workbook's live view with the notebook's defaults (as
    presenter mode opens it): nothing left out, nothing said in the status line; each differs from the default."""
    from workbooks.rehearsal import presented_view, rehearse

    rehearsed = rehearse(ROOT / VIEWS_FILE, ROOT)
    assert len(rehearsed) == 5 and all(each.opens_as_prepared for each in rehearsed), rehearsed
    defaults = {notebook: presented_view(notebook, ROOT).query() for notebook in WORKBOOKS}
    for each in rehearsed:
        assert each.view.url.split("?")[1] != defaults[each.view.workbook], each.view.title


def test_the_rehearsal_names_each_value_the_data_lack_before_the_webinar(tmp_path):
    """Values the file's form allows but the data do not: said per view, as its page would say them."""
    from workbooks.rehearsal import rehearse

    path = _write(
        tmp_path,
        """views:
  - title: "A practice the data lack"
    workbook: good_practice_comparison
    selections: {practices: [gfmd-nepal-social-security-fund, no-such-practice], pillar: decent-work}
  - title: "A code the codebook lacks"
    workbook: consultation_inputs
    selections: {code: gcm-99}
  - title: "Not a date"
    workbook: timeline_progress
    selections: {as_of: 30 June 2024}
  - title: "Fine"
    workbook: timeline_progress
    selections: {as_of: 2023-12-31}
  - title: "Before the plan"
    workbook: timeline_progress
    selections: {as_of: 2019-01-01}
  - title: "No such day"
    workbook: timeline_progress
    selections: {as_of: 2024-02-30}
  - title: "The file's form"
    workbook: timeline_progress
    selections: {when: 2023-12-31}
""",
    )
    practice, code, date, fine, before, impossible, form = rehearse(path, ROOT)
    assert practice.problems == ("The address names practices “no-such-practice”, which is not in the data: left out.",)
    assert [problem.split(",")[0] for problem in code.problems] == ["The address names code “gcm-99”"]
    assert date.problems == ("The address gives as_of “30 June 2024”, not a date (YYYY-MM-DD): left as it was.",)
    assert fine.opens_as_prepared and not form.opens_as_prepared and "has no 'when'" in form.problems[0]
    assert before.problems == (
        "The address gives as_of “2019-01-01”, which the view refuses: 1 Jan 2019 is before "
        "the plan's first day, 1 Jan 2022: the chart still shows 31 Dec 2023.",
    )
    assert impossible.problems == ("The address gives as_of “2024-02-30”, no day of the calendar: left as it was.",)


def test_check_views_reports_every_shipped_view_open_as_prepared(capsys):
    from workbooks.cli import main

    assert main(["present", "--check"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n  ok   line ") == 5 and out.rstrip().endswith("All 5 views open as prepared.")
