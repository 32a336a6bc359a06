"""The consultation workbook's live view: filters by stakeholder type, code and question."""

import pandas as pd

from conftest import ROOT
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.live import ConsultationExplorer


def _consultation_explorer():
    inputs = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], root=ROOT
    )
    return ConsultationExplorer(inputs)


def test_consultation_explorer_starts_with_every_comment():
    explorer = _consultation_explorer()
    assert explorer.redraws == 1 and len(explorer.matching) == 14
    assert "civil society/NGO" in explorer.type_control.options and "unknown" in explorer.type_control.options


def test_consultation_filters_by_stakeholder_code_and_question():
    explorer = _consultation_explorer()
    explorer.type_control.value = ("civil society/NGO",)
    assert len(explorer.matching) == 6 and explorer.redraws == 2
    explorer.code_control.value = "principle-child-sensitive"
    assert set(explorer.matching["organisation_canonical"]) == {
        "Caritas Internationalis Confederation",
        "Initiative for Child Rights in the Global Compacts",
    }
    explorer.question_control.value = "seed-002-draft-network-workplan#3"
    assert set(explorer.matching["question"].astype(str)) == {"3"} and len(explorer.matching) == 2
    explorer.type_control.value = ()
    assert explorer.matching.empty and explorer.redraws == 5


def _reference_draw(explorer) -> str:
    """The redraw step by step: select, filter the long table, count, then each shown comment's evidence
    words (of the code chosen) looked up row by row."""
    from workbooks.consultation import charts
    from workbooks.consultation.analysis import code_frequency, who
    from workbooks.consultation.focus import TEMPLATES
    from workbooks.presentation.html import highlighted_html, image_html
    from workbooks.presentation.markup import Markup, render

    inputs = explorer.inputs
    matching = explorer.select()
    long = inputs.long[inputs.long["comment_id"].isin(matching["comment_id"])]
    chart, comments = "", []
    if not matching.empty:
        frequency = code_frequency(long, len(matching), inputs.codebook, inputs.labels, inputs.min_count)
        chart = Markup(
            image_html(
                *charts.screen_code_frequency_chart(frequency, len(matching), inputs.illustrative),
                illustrative=inputs.illustrative,
            )
        )
        code = explorer.code_control.value
        for _, comment in matching.head(explorer.max_shown).iterrows():
            evidence = long[
                (long["comment_id"] == comment["comment_id"]) & ((long["code"] == code) | (code == explorer.ALL))
            ]
            words = [word for words in evidence["evidence"] for word in words]
            comments.append(
                {
                    "who": who(comment),
                    "place": explorer.place(comment["comment_id"]),
                    "text": Markup(highlighted_html(comment["text"], words)),
                }
            )
    # the same page template, so that only the computation is compared
    return render(
        "live.html.j2",
        TEMPLATES,
        matching=len(matching),
        total=len(inputs.coded),
        chart=chart,
        comments=comments,
        choice=explorer.choice_words(),
        none_ticked=not explorer.type_control.value,
    )


def test_the_redraw_shows_what_the_reference_redraw_shows():
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    explorer = ConsultationExplorer(inputs, max_shown=50)
    settings = [
        {},
        {"type_control": ("civil society/NGO",)},
        {"code_control": explorer.code_control.options[2][1]},
        {"question_control": explorer.question_control.options[1][1]},
        {"type_control": ()},
    ]
    for setting in settings:
        for name, value in setting.items():
            getattr(explorer, name).value = value
        assert explorer.html == _reference_draw(explorer)
        assert list(explorer.matching["comment_id"]) == list(explorer.select()["comment_id"])


def test_the_live_view_counts_what_the_brief_counts():
    """Every comment chosen, the live chart's counts are the brief's (the brief says what each rests on too);
    a chosen code's own count is every comment matching."""
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], 2, root=ROOT)
    explorer = ConsultationExplorer(inputs)
    columns = ["code", "label", "family", "comments", "share of comments (%)"]
    pd.testing.assert_frame_equal(explorer.frequency[columns], inputs.frequency[columns])
    assert inputs.frequency["comments"].min() == 2 and len(inputs.frequency) < inputs.long["code"].nunique()
    explorer.code_control.value = "principle-child-sensitive"
    own = explorer.frequency.set_index("code").loc["principle-child-sensitive"]
    assert own["comments"] == len(explorer.matching) == 5 and own["share of comments (%)"] == 100


def test_the_live_view_escapes_hub_text_and_marks_the_evidence_words():
    inputs = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], root=ROOT
    )
    first = inputs.coded.index[0]
    inputs.coded.loc[first, "text"] = "<script>alert(1)</script> " + str(inputs.coded.loc[first, "text"])
    explorer = ConsultationExplorer(inputs)
    assert "<script>" not in explorer.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in explorer.html
    assert "<mark>" in explorer.html  # evidence words of the codes marked, inside the escaped text
    explorer.type_control.value = ()
    assert explorer.html == (
        "<p><strong>0</strong> of 14 comments match.</p>"
        "<p>Tick at least one stakeholder type to see what its comments raise.</p>"
    )


def test_the_controls_speak_to_people_ticks_whole_labels_no_ids():
    explorer = _consultation_explorer()
    assert explorer.type_control.value == tuple(explorer.type_control.options)  # every type ticked at first
    labels = [label for label, _ in explorer.question_control.options[1:]]
    assert labels[1].startswith("Q2: What other priority areas") and "seed-002" not in " ".join(labels)
    explorer.code_control.value = "gcm-2"
    explorer.question_control.value = "seed-002-draft-network-workplan#3"
    first_line = explorer.html.split("</p>")[0]
    assert "raising Obj. 2 Minimize adverse drivers" in first_line
    assert "answering Q3: Which priority areas are of particular interest to your entity?" in first_line
    assert "entity?." not in first_line
    assert "(Q3, comment 1)" in explorer.html and "seed-002" not in explorer.html  # where a comment is, no ids


def test_questions_of_several_discussions_name_their_discussion():
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    labels = [label for label, _ in ConsultationExplorer(inputs).question_control.options[1:]]
    assert any("(Draft Network Workplan 2022-2024)" in label for label in labels)
    assert not any("hub-" in label or "seed-" in label for label in labels)


def test_the_view_says_when_it_shows_only_the_first_comments():
    inputs = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], root=ROOT
    )
    explorer = ConsultationExplorer(inputs, max_shown=5)
    assert "The first 5 of the 14 are shown below the chart." in explorer.html
    assert explorer.html.count("<li>") == 5
    explorer.type_control.value = ("Member State",)  # 1 comment: all shown, nothing said
    assert "The first" not in explorer.html and explorer.html.count("<li>") == 1


def test_the_selections_go_to_the_page_address_and_come_back_from_it():
    explorer = _consultation_explorer()
    explorer.type_control.value = ("civil society/NGO", "unknown")
    explorer.code_control.value = "principle-child-sensitive"
    query = explorer.query()
    assert query == (
        "stakeholders=civil+society%2FNGO&stakeholders=unknown&code=principle-child-sensitive&question=%28all%29"
    )
    assert query in explorer.address.value.replace("&amp;", "&")
    again = _consultation_explorer()
    redraws = again.redraws
    again.apply_query(query)
    assert again.redraws == redraws + 1  # one redraw for the whole address, not one per control
    assert again.html == explorer.html and again.problems == []


def test_an_address_the_view_cannot_take_is_said_not_guessed():
    explorer = _consultation_explorer()
    explorer.apply_query("stakeholders=donor&code=gcm-99&colour=red")
    assert explorer.type_control.value == tuple(explorer.type_control.options)  # nothing it knows: left as it was
    assert explorer.code_control.value == explorer.ALL
    status = explorer.status.value
    assert "stakeholders “donor”, which is not in the data" in status
    assert "code “gcm-99”, which is not in the data" in status
    assert "“colour”, which this view does not have" in status
    explorer.apply_query("stakeholders=")  # blank: none chosen
    assert explorer.type_control.value == () and explorer.matching.empty
    assert "Tick at least one stakeholder type" in explorer.html
    assert explorer.query().startswith("stakeholders=&code=")  # and so it stays across a reload
    explorer.apply_query("stakeholders=unknown")
    assert "Tick at least one" not in explorer.html
    explorer.apply_query("stakeholders=")
    explorer.apply_query("")  # a page without a query keeps the view as it is
    assert explorer.type_control.value == ()


def test_the_query_a_page_sends_once_live_is_applied_and_answered():
    """A kernel from the pool ran the notebook before its page came: the page sends its query through
    the hidden request field, and the address says which query it answers (the page follows it then)."""
    explorer = _consultation_explorer()
    assert explorer.request.layout.display == "none" and 'data-answers=""' in explorer.address.value
    redraws = explorer.redraws
    explorer.request.value = "code=principle-child-sensitive"
    assert explorer.code_control.value == "principle-child-sensitive" and len(explorer.matching) == 4
    assert explorer.redraws == redraws + 1
    assert 'data-answers="code=principle-child-sensitive"' in explorer.address.value


def test_a_page_whose_kernel_took_its_query_already_is_answered_without_a_redraw(monkeypatch):
    from workbooks.presentation.live import follow_page_address

    explorer = _consultation_explorer()
    monkeypatch.setenv("QUERY_STRING", "code=principle-child-sensitive&colour=red")
    follow_page_address(explorer)
    redraws, status = explorer.redraws, explorer.status.value
    explorer.request.value = "code=principle-child-sensitive&colour=red"
    assert explorer.redraws == redraws and explorer.status.value == status  # the problem still said
    assert 'data-answers="code=principle-child-sensitive&amp;colour=red"' in explorer.address.value


def test_a_page_started_for_its_request_takes_the_query_from_its_environment(monkeypatch):
    from workbooks.presentation.live import follow_page_address

    explorer = _consultation_explorer()
    monkeypatch.setenv("QUERY_STRING", "code=principle-child-sensitive")
    follow_page_address(explorer)
    assert explorer.code_control.value == "principle-child-sensitive" and len(explorer.matching) == 4
    monkeypatch.delenv("QUERY_STRING")  # JupyterLab, a brief run: nothing to take
    follow_page_address(explorer)
    assert explorer.code_control.value == "principle-child-sensitive"


def test_the_screen_chart_fits_the_column_says_what_the_brief_chart_says_and_marks_invented_data():
    import io

    from PIL import Image

    from workbooks.consultation import charts
    from workbooks.presentation.style import SCREEN_WIDTH

    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    frequency, total = inputs.frequency, len(inputs.coded)
    png, alt = charts.screen_code_frequency_chart(frequency, total)
    image = Image.open(io.BytesIO(png))
    assert image.size[0] == SCREEN_WIDTH and image.size[1] <= charts.SCREEN_CHART_HEIGHT and len(frequency) > 20
    assert alt == charts.code_frequency_chart(frequency, total).alt_text  # the brief's chart's words
    assert alt.endswith(f"{frequency['label'].iloc[-1]}: {frequency['comments'].iloc[-1]}.")
    few = Image.open(io.BytesIO(charts.screen_code_frequency_chart(frequency.head(2), total)[0]))
    assert few.size[1] < image.size[1]  # fewer codes, a shorter chart
    marked = Image.open(io.BytesIO(charts.screen_code_frequency_chart(frequency.head(2), total, illustrative=True)[0]))
    assert marked.size[1] > few.size[1] and marked.getpixel((SCREEN_WIDTH // 2, 4)) != (255, 255, 255)
    empty_png, empty_alt = charts.screen_code_frequency_chart(frequency.iloc[0:0], total)
    assert empty_alt == "An empty chart: no code reaches the minimum count."
    bars = image.convert("RGB")  # every family's colour drawn, as its legend says
    colours = {bars.getpixel((x, y)) for x in range(0, SCREEN_WIDTH, 3) for y in range(0, bars.size[1], 3)}
    from matplotlib.colors import to_rgb

    assert all(tuple(round(255 * c) for c in to_rgb(colour)) in colours for colour in charts.FAMILY_COLOURS.values())
