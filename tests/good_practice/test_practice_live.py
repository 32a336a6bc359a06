"""The comparison workbook's live view: practices picked by name (a search box under the chosen list,
each with a remove button), a pillar, the charts drawn for the screen, the sources and counts that follow
the selection, the selections in the page's address."""

import re

import pandas as pd
import pytest
import traitlets

from conftest import ROOT
from workbooks.good_practice import charts
from workbooks.good_practice.compare import chart_matrices, select_practices, side_by_side
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.good_practice.live import DRAWN_KEPT, PracticeExplorer, PracticePicker, picker_names
from workbooks.presentation.live import BUSY_CLASS
from workbooks.presentation.style import SCREEN_TEXT, SCREEN_WIDTH

NEPAL, SRI_LANKA = "gfmd-nepal-social-security-fund", "gfmd-sri-lanka-skills-passport"
ITAC, SEASONAL, RECOGNITION = "gfmd-itac", "ilo-germany-seasonal-workers", "gfmd-recognition-act"
UNTITLED_VENEZUELA, UNTITLED_RED_CROSS = "hub-teaser-venezuela-unhcr-iom", "hub-teaser-red-cross-americas"


@pytest.fixture(scope="module")
def inputs():
    return load_practice_inputs(
        "data/practices.csv", "data/assessments.csv", [NEPAL, SRI_LANKA], [], [], [], [], root=ROOT
    )


@pytest.fixture()
def explorer(inputs):
    return PracticeExplorer(inputs)


def _pngs(html: str) -> list[str]:
    return re.findall(r'src="data:image/png;base64,([^"]+)"', html)


def test_the_view_starts_with_the_chosen_practices_every_item_and_their_sources(explorer, inputs):
    assert explorer.redraws == 1 and len(explorer.table) == 12 and len(explorer.table.columns) == 4
    assert explorer.message == "2 practices, 12 checklist items"
    assert explorer.practice_control.value == (NEPAL, SRI_LANKA)
    assert [
        row.children[0].value.count("Skills Passport") for row in explorer.practice_control.chosen_list.children
    ] == [0, 2]
    assert len(_pngs(explorer.html)) == 2  # the heatmap and the radars
    heading = explorer.view.children[0].value
    assert "Sources (2)" in heading and "Social Security Fund" in heading and "Skills Passport" in heading


def test_the_picker_offers_the_records_the_brief_compares(explorer, inputs):
    offered = set(explorer.practice_control.names)
    assert offered == set(inputs.migration_records["practice_id"]) and len(offered) == 91
    aside = set(inputs.practices["practice_id"]) - offered  # records that name no migrant group: never compared
    assert len(aside) == 5 and not aside & set(explorer.practice_control.search.options)
    explorer.apply_query(f"practices={NEPAL}&practices={sorted(aside)[0]}")
    assert explorer.practice_control.value == (NEPAL,)
    assert explorer.problems == [
        f"The address names practices “{sorted(aside)[0]}”, which names no migrant group, "
        "so the comparison does not offer it: left out."
    ]


def test_picker_names_are_whole_human_and_told_apart(inputs):
    names = picker_names(inputs.practices)
    assert len(names) == 96 and len(set(names.values())) == 96
    assert not [name for practice_id, name in names.items() if practice_id in name or "[untitled]" in name]
    assert names[UNTITLED_VENEZUELA].startswith(
        "untitled Hub teaser (country and years not given): A practice responding"
    )
    assert names[UNTITLED_RED_CROSS].startswith(
        "untitled Hub teaser (country and years not given): Services that Red Cross"
    )
    assert names["hub-teaser-cims-india"] == "untitled Hub teaser (India)"  # a name no other record has stays as it is
    long_title = inputs.practices.set_index("practice_id").loc["hubpledge-colombia-etpv-law2136", "title"]
    assert names["hubpledge-colombia-etpv-law2136"] == " ".join(long_title.split())  # whole, not cut


def test_records_alike_in_title_and_summary_are_numbered_in_words():
    practices = pd.DataFrame(
        {
            "practice_id": ["a", "b", "c"],
            "title": ["Same", "Same", "Other"],
            "summary": ["Alike.", "Alike.", "Alike."],
            "source_db": "Hub",
            "countries": "",
            "years": "",
            "summary_basis": "summary",
        }
    )
    assert picker_names(practices) == {
        "a": "Same: Alike. (record 1 of 2)",
        "b": "Same: Alike. (record 2 of 2)",
        "c": "Other",
    }


def test_picking_practices_and_a_pillar_redraws_what_they_choose(explorer):
    explorer.pillar_control.value = "decent-work"
    assert (
        explorer.redraws == 2
        and len(explorer.table) == 4
        and set(explorer.table["Pillar"]) == {"Access to decent work"}
    )
    explorer.practice_control.value = (ITAC, SEASONAL, RECOGNITION)
    assert explorer.message == "3 practices, 4 checklist items"
    assert list(explorer.table.columns[2:]) == [
        "It Takes A Community (ITAC)",
        "Management of seasonal foreign workers…",
        "Recognition Act",
    ]
    heading = explorer.view.children[0].value
    assert "Sources (3)" in heading and "Recognition Act" in heading and "Skills Passport" not in heading
    explorer.pillar_control.value = "financing"
    assert explorer.message == "3 practices, 1 checklist item"


def test_the_live_table_and_charts_are_the_comparisons_own(explorer, inputs):
    """Built from each practice's column and every record's scores, they equal compare's for the choice."""
    explorer.practice_control.value = (SEASONAL, NEPAL, ITAC)
    explorer.pillar_control.value = "approach"
    chosen = select_practices(inputs.practices, [SEASONAL, NEPAL, ITAC], {})
    assert explorer.table.equals(side_by_side(inputs.scores, chosen, inputs.checklist, ["approach"]))
    matrix, reviewed = chart_matrices(inputs.scores, chosen, inputs.checklist, ["approach"])
    shown, shown_reviewed = explorer.matrices((SEASONAL, NEPAL, ITAC))
    assert shown.to_numpy().tolist() == matrix.to_numpy().tolist() and list(shown.columns) == list(matrix.columns)
    assert shown_reviewed.to_numpy().tolist() == reviewed.to_numpy().tolist()


def test_too_few_or_too_many_practices_say_so_and_draw_nothing(explorer, inputs):
    explorer.practice_control.value = ()
    assert explorer.table is None and explorer.message == "Choose 2 to 6 practices (0 chosen)."
    assert _pngs(explorer.html) == [] and "Sources" not in explorer.view.children[0].value
    explorer.practice_control.value = (ITAC,)
    assert (
        explorer.message == "Choose 2 to 6 practices (1 chosen)." and "Sources (1)" in explorer.view.children[0].value
    )
    seven = tuple(inputs.migration_records["practice_id"][:7])
    explorer.practice_control.value = seven
    assert explorer.message == "Choose 2 to 6 practices (7 chosen: remove 1)." and _pngs(explorer.html) == []


def test_the_search_box_adds_a_practice_by_name_and_says_what_it_matches(explorer):
    picker = explorer.practice_control
    picker.search.value = "venez"
    assert picker.value == (NEPAL, SRI_LANKA) and re.search(
        r"\d+ names hold “venez”: pick one from the list", picker.note.value
    )
    picker.search.value = "zzz"
    assert "No name holds “zzz”: try fewer letters." in picker.note.value
    picker.search.value = "Recognition Act"  # picked from the list: the name whole
    assert picker.value == (NEPAL, SRI_LANKA, RECOGNITION) and picker.search.value == "" and explorer.redraws == 2
    assert explorer.message == "3 practices, 12 checklist items"
    picker.search.value = "Recognition Act"
    assert "is chosen already" in picker.note.value and picker.value == (NEPAL, SRI_LANKA, RECOGNITION)


def test_enter_adds_the_one_name_holding_what_is_typed_and_nothing_when_several_do(explorer):
    picker = explorer.practice_control

    def submit():  # Enter, as the page sends it
        picker.search._handle_custom_msg({"event": "submit"}, [])

    picker.search.value = "venez"
    submit()
    assert picker.value == (NEPAL, SRI_LANKA) and picker.search.value == "venez"  # several names hold it: none added
    picker.search.value = "recognition ac"
    assert "One name holds “recognition ac”: press Enter or pick it from the list." in picker.note.value
    submit()
    assert picker.value == (NEPAL, SRI_LANKA, RECOGNITION) and picker.search.value == "" and explorer.redraws == 2
    picker.search.value = "zzz"
    submit()
    assert picker.value == (NEPAL, SRI_LANKA, RECOGNITION) and "No name holds “zzz”" in picker.note.value


def test_a_country_typed_names_the_practices_there_and_the_note_goes_once_it_is_past(explorer):
    picker = explorer.practice_control
    picker.search.value = "Nepal"  # no name holds it: the practice in Nepal is "Social Security Fund"
    assert "No name holds “Nepal”; 1 practice is in a country it names: Social Security Fund. Type part of a name." in (
        picker.note.value
    )
    picker.search.value = ""  # the presenter empties the box: what it said is past
    assert picker.note.value == ""
    picker.search.value = "zzqx"
    explorer.pillar_control.value = "financing"  # the box still holds it: still said
    assert "No name holds “zzqx”" in picker.note.value
    picker.search.value = "Recognition Act"  # added: the box emptied by the picker, its note kept until a redraw
    picker.search.value = "Recognition Act"
    assert "is chosen already" in picker.note.value
    explorer.pillar_control.value = "all"  # another choice redrawn: the note is past
    assert picker.note.value == ""


def test_a_remove_button_takes_its_practice_out(explorer):
    picker = explorer.practice_control
    picker.value = (NEPAL, SRI_LANKA, ITAC)
    row = picker.chosen_list.children[1]
    assert row.children[1].tooltip == "Remove Skills Passport"
    row.children[1].click()
    assert (
        picker.value == (NEPAL, ITAC)
        and len(picker.chosen_list.children) == 2
        and explorer.message.startswith("2 practices")
    )


def test_the_box_closes_once_six_are_chosen(inputs):
    picker = PracticePicker(picker_names(inputs.practices), value=tuple(inputs.migration_records["practice_id"][:6]))
    assert picker.search.disabled and picker.search.placeholder == "6 chosen: remove one first"
    picker.remove(picker.value[0])
    assert not picker.search.disabled and picker.search.placeholder == "type part of its name"
    with pytest.raises(traitlets.TraitError, match="not practices this picker offers: no-such-id"):
        picker.value = (NEPAL, "no-such-id")


def test_the_address_holds_the_selections_and_gives_them_back(explorer, inputs):
    explorer.practice_control.value = (ITAC, NEPAL, SEASONAL)
    explorer.pillar_control.value = "decent-work"
    query = explorer.query()
    assert query == f"practices={ITAC}&practices={NEPAL}&practices={SEASONAL}&pillar=decent-work"
    other = PracticeExplorer(inputs)
    other.apply_query(query)
    assert other.practice_control.value == (ITAC, NEPAL, SEASONAL) and other.pillar_control.value == "decent-work"
    assert other.redraws == 2 and other.problems == [] and other.message == "3 practices, 4 checklist items"


def test_an_address_the_view_cannot_take_is_said_never_guessed(explorer):
    explorer.apply_query(f"practices={ITAC}&practices=no-such-practice&practices={NEPAL}&pillar=2024-06-31&colour=red")
    assert explorer.practice_control.value == (ITAC, NEPAL) and explorer.pillar_control.value == "all"
    assert explorer.problems == [
        "The address names “colour”, which this view does not have: left out.",
        "The address names practices “no-such-practice”, which is not in the data: left out.",
        "The address names pillar “2024-06-31”, which is not in the data (it takes all, decent-work, financing, approach "
        "or who-it-serves): left out.",
    ]
    assert "no-such-practice" in explorer.status.value and explorer.redraws == 2


def test_while_it_redraws_the_view_says_what_it_compares(explorer, monkeypatch):
    seen = []
    draw = explorer._draw
    monkeypatch.setattr(
        explorer,
        "_draw",
        lambda ids: seen.append((explorer.status.value, BUSY_CLASS in explorer.view._dom_classes)) or draw(ids),
    )
    explorer.practice_control.value = (ITAC, NEPAL, SEASONAL)
    assert explorer.busy_words() == "Comparing 3 practices…"
    assert "Comparing 3 practices…" in seen[0][0] and seen[0][1]
    assert BUSY_CLASS not in explorer.view._dom_classes and "Comparing" not in explorer.status.value
    explorer.practice_control.value = (ITAC,)
    assert explorer.busy_words() == "Comparing 1 practice…"


def test_views_drawn_are_kept_by_selection_up_to_a_bound(explorer, inputs):
    first = explorer.html
    ids = list(inputs.migration_records["practice_id"])
    for index in range(DRAWN_KEPT + 3):
        explorer.practice_control.value = (ids[index], ids[index + 1])
    assert len(explorer._drawn) == DRAWN_KEPT
    explorer.practice_control.value = (NEPAL, SRI_LANKA)
    assert explorer.html == first and explorer.message == "2 practices, 12 checklist items"


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_the_screen_heatmap_holds_six_long_names_and_twelve_items_on_the_first_screen(inputs):
    longest = inputs.practices.assign(length=inputs.practices["title"].str.len()).nlargest(6, "length")
    matrix, reviewed = chart_matrices(inputs.scores, longest, inputs.checklist, [])
    chart = charts.screen_heatmap_chart(matrix, reviewed)
    width, height = _size(chart.png)
    assert width <= SCREEN_WIDTH and height <= charts.SCREEN_HEIGHT
    assert chart.alt.startswith("Heatmap of 6 practices (rows) by 12 checklist items")
    radars = charts.screen_radar_chart(matrix)
    assert _size(radars.png)[0] <= SCREEN_WIDTH and radars.alt.startswith("One radar chart per practice")


def test_a_name_is_fitted_to_its_width_and_lines():
    font = charts.screen_font(SCREEN_TEXT)
    lines = charts.fitted_lines(
        "Implementation and socialization of the Temporary Protection Statute for Venezuelan "
        "Migrants (ETPV in Spanish) and Law 2136",
        font,
        236,
        3,
    )
    assert len(lines) == 3 and lines[-1].endswith(" …") and all(font.getlength(line) <= 236 for line in lines)
    assert charts.fitted_lines("Recognition Act", font, 236, 3) == ["Recognition Act"]


def test_screen_charts_say_why_they_are_empty_and_carry_the_illustrative_mark(inputs):
    chosen = select_practices(inputs.practices, [NEPAL, SRI_LANKA], {})
    matrix, reviewed = chart_matrices(inputs.scores, chosen, inputs.checklist, ["financing"])
    assert (
        charts.screen_radar_chart(matrix).alt
        == "An empty chart: a radar needs at least three items: choose more pillars."
    )
    assert charts.screen_heatmap_chart(matrix.iloc[0:0]).alt == "An empty chart: nothing to show."
    plain, marked = charts.screen_heatmap_chart(matrix, reviewed), charts.screen_heatmap_chart(matrix, reviewed, True)
    assert _size(marked.png)[1] > _size(plain.png)[1]  # the mark's band above the chart
    from workbooks.presentation.html import image_html

    assert 'alt="ILLUSTRATIVE DATA, invented for demonstration. Heatmap' in image_html(*marked, illustrative=True)
    with pytest.raises(ValueError, match="no alt text"):
        image_html(plain.png, " ")
