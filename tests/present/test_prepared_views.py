"""Prepared views (params/presenter_views.yaml): read, checked against the names each live view keeps
in its address (workbooks.catalogue), linked from the landing page; a bad file named on the page."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import ROOT
from workbooks.catalogue import WORKBOOKS
from workbooks.errors import PreparedViewsError
from workbooks.present.landing import landing_page
from workbooks.present.views import VIEWS_FILE, read_prepared_views


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
    path = _write(tmp_path, """views:
  - title: "Mid-2024"
    workbook: timeline_progress
    selections: {as_of: 2024-06-30, workstreams: ["A & B", "C"]}
""")
    [view] = read_prepared_views(path)
    assert view.url == "voila/render/timeline_progress.ipynb?as_of=2024-06-30&workstreams=A+%26+B&workstreams=C"


def test_no_file_means_no_prepared_views(tmp_path):
    assert read_prepared_views(tmp_path / "absent.yaml") == []


@pytest.mark.parametrize("text, said", [
    ("views:\n  - title: X\n    workbook: timeline\n", "line 3, key 'workbook' of view 1: 'timeline' is not a workbook"),
    ("views:\n  - title: X\n    workbook: timeline_progress\n    selections:\n      date: 2024-01-01\n",
     "line 5, key 'date' of view 1: the Timeline progress view has no 'date'; it takes: as_of, workstreams"),
    ("views:\n  - workbook: consultation_inputs\n", "key 'title' of view 1: give the view a title"),
    ("views:\n  - title: X\n    workbook: consultation_inputs\n    colour: red\n",
     "line 4, key 'colour' of view 1: not a key of a prepared view"),
    ("views: []\nviews: []\n", "line 2"),
    ("view:\n  - title: X\n", "the file must hold `views:`"),
    ("views:\n  - title: X\n    workbook: consultation_inputs\n    selections:\n      code: {a: 1}\n",
     "line 5, key 'code' of view 1: a value is a word, a date or a list of them"),
])
def test_a_bad_file_is_named_by_line_and_key(tmp_path, text, said):
    path = _write(tmp_path, text)
    with pytest.raises(PreparedViewsError) as caught:
        read_prepared_views(path)
    assert str(path) in str(caught.value) and said in str(caught.value)


def test_the_landing_page_lists_the_views_escaped_or_says_what_is_wrong(tmp_path):
    path = _write(tmp_path, """views:
  - title: "<script>alert(1)</script> gender"
    workbook: consultation_inputs
    selections: {code: principle-gender-responsive}
""")
    page = landing_page(list(WORKBOOKS.values()), path)
    assert 'href="voila/render/consultation_inputs.ipynb?code=principle-gender-responsive"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; gender" in page and "<script>" not in page
    _write(tmp_path, "views:\n  - title: X\n    workbook: nowhere\n")
    page = landing_page(list(WORKBOOKS.values()), path)
    assert "The prepared views cannot be shown" in page and "'nowhere' is not a workbook" in html.unescape(page)
    for workbook in WORKBOOKS.values():  # the workbooks stay linked
        assert f'href="voila/render/{workbook.notebook}.ipynb"' in page


def test_every_shipped_view_opens_as_prepared_in_its_live_view():
    """Each prepared view's selections, applied to its workbook's live view with the notebook's defaults (as
    presenter mode opens it): nothing left out, nothing said in the status line."""
    from urllib.parse import urlsplit

    from workbooks.briefs.parameters import declared_parameters
    from workbooks.consultation.inputs import load_consultation_inputs
    from workbooks.consultation.live import ConsultationExplorer
    from workbooks.good_practice.inputs import load_practice_inputs
    from workbooks.good_practice.live import PracticeExplorer
    from workbooks.timeline.inputs import load_timeline_inputs
    from workbooks.timeline.live import TimelineExplorer

    def defaults(notebook: str) -> dict:
        return {name: parameter.default
                for name, parameter in declared_parameters(ROOT / "notebooks" / f"{notebook}.ipynb").items()}

    def timeline():
        d = defaults("timeline_progress")
        return TimelineExplorer(load_timeline_inputs(d["activities_file"], d["status_log_file"], d["workstreams"],
                                                     d["as_of"], root=ROOT))

    def consultation():
        d = defaults("consultation_inputs")
        return ConsultationExplorer(load_consultation_inputs(d["comments_file"], d["questions_file"], d["discussions"],
                                                             d["codes_in_focus"], d["min_count"], root=ROOT))

    def comparison():
        d = defaults("good_practice_comparison")
        return PracticeExplorer(load_practice_inputs(d["practices_file"], d["assessments_file"], d["practices"],
                                                     d["region"], d["source_db"], d["target_group"], d["pillars"],
                                                     d["items_in_focus"], root=ROOT))

    views = {"timeline_progress": timeline, "consultation_inputs": consultation, "good_practice_comparison": comparison}
    for view in read_prepared_views(ROOT / VIEWS_FILE):
        live = views[view.workbook]()
        live.apply_query(urlsplit(view.url).query)
        assert live.problems == [], (view.title, live.problems)
        assert live.query() != views[view.workbook]().query(), view.title  # the view differs from the default
