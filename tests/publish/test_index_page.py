"""outputs/index.html: a catalogue a reader can use, the build details below it."""

from briefs_scenario import parse_html
from workbooks.publish.catalogue_page import catalogue_entry, dates_line, index_html, lead_of

GOOD = {
    "brief": "timeline_progress/demo",
    "status": "ok",
    "html": "timeline_progress/demo.html",
    "pdf": "timeline_progress/demo.pdf",
    "tables": "timeline_progress/demo.tables.zip",
    "seconds": 3.2,
    "parameters": {"as_of": "2024-06-30"},
    "facts": {
        "title": "Demo <i>",
        "question": "How far?",
        "data_date": "Plan and status as of 30 June 2024",
        "as_of": "2024-06-30",
        "generated": "2026-11-23",
        "illustrative": True,
    },
}


def _text(html):
    return " ".join(" ".join(parse_html(html).text).split())


def test_entry_has_title_question_dates_badge_and_three_links():
    entry = catalogue_entry(GOOD)
    text = _text(entry)
    assert "ILLUSTRATIVE Demo <i>" in text and "Demo &lt;i&gt;" in entry
    assert "How far?" in text
    assert "Plan and status as of 30 June 2024 · generated 23 November 2026" in text
    assert parse_html(entry).addresses == [
        "timeline_progress/demo.html",
        "timeline_progress/demo.pdf",
        "timeline_progress/demo.tables.zip",
    ]


def test_paper_prints_each_briefs_file_names_in_place_of_its_links_and_says_where_they_are():
    entry = catalogue_entry(GOOD)
    assert (
        '<p class="files">Files: timeline_progress/demo.html · timeline_progress/demo.pdf · '
        "timeline_progress/demo.tables.zip</p>"
    ) in entry
    never_made = catalogue_entry({"brief": "timeline_progress/new", "status": "invalid parameters"})
    assert 'class="files"' not in never_made  # no file, no line naming one
    page = index_html([GOOD])
    screen, paper = page.split("@media print", 1)
    assert ".files, .on-paper { display: none; }" in screen
    assert ".links { display: none; }" in paper and ".files, .on-paper { display: block; }" in paper
    assert "in the folder that holds this catalogue's web page, index.html" in _text(page)


def test_real_brief_has_no_badge():
    assert "ILLUSTRATIVE" not in catalogue_entry({**GOOD, "facts": {**GOOD["facts"], "illustrative": False}})


def test_failed_brief_keeps_its_last_good_version_and_says_so():
    entry = _text(catalogue_entry({**GOOD, "status": "failed", "error": "boom"}))
    assert "last run failed; this is the last good version" in entry
    bad_data = _text(catalogue_entry({**GOOD, "status": "bad data", "error": "data/x.csv, line 3, column 'a': bad"}))
    assert "last run stopped on a data file it reads; this is the last good version" in bad_data


def test_never_made_brief_says_it_is_not_available():
    entry = catalogue_entry({"brief": "timeline_progress/new", "status": "invalid parameters"})
    assert "Not available: its last run stopped on its parameter file" in _text(entry) and "<a " not in entry


REAL = {
    **GOOD,
    "brief": "timeline_progress/real",
    "facts": {**GOOD["facts"], "title": "Real plan", "illustrative": False},
}


def test_catalogue_groups_by_workbook_and_puts_build_details_last():
    page = index_html([REAL, {"brief": "consultation_inputs/x", "status": "ok", "facts": {"title": "X"}}])
    text = _text(page)
    assert (
        text.index("Timeline progress")
        < text.index("Real plan")
        < text.index("Consultation inputs")
        < text.index("Build details")
    )
    assert "2 briefs: 2 ok, 0 not ok" in text
    assert "brief(s)" not in text
    assert "Demonstrations" not in text  # no section without a demonstration


def _section_titles(page: str, heading: str) -> list[str]:
    """The titles of the entries in the section headed ``heading``."""
    import re

    section = page.split(f">{heading}</h2>")[1].split("</section>")[0]
    return [_text(title) for title in re.findall(r"<h3>(.*?)</h3>", section)]


def test_demonstrations_sit_apart_after_the_real_briefs_saying_their_data_are_invented():
    consultation_demo = {
        "brief": "consultation_inputs/demo",
        "status": "ok",
        "facts": {"title": "Invented comments", "illustrative": True},
    }
    page = index_html(
        [GOOD, REAL, consultation_demo, {"brief": "consultation_inputs/x", "status": "ok", "facts": {"title": "X"}}]
    )
    text = _text(page)
    assert _section_titles(page, "Timeline progress") == ["Real plan"]
    assert _section_titles(page, "Consultation inputs") == ["X"]
    assert _section_titles(page, "Demonstrations (invented data)") == [
        "ILLUSTRATIVE Demo <i>",
        "ILLUSTRATIVE Invented comments",
    ]
    assert (
        text.index("X")
        < text.index("Demonstrations (invented data)")
        < text.index("Demo <i>")
        < text.index("Build details")
    )
    assert (
        "These briefs use invented data (each says which: the timeline demonstrations invent the statuses of real "
        "workstreams' activities), to show what the workbooks can do: do not cite them as findings."
    ) in text
    assert "no real workstream" not in text  # the workstreams and activities are real; their statuses are invented
    only_comments = _text(index_html([REAL, consultation_demo]))  # no timeline demonstration: none is spoken of
    assert "These briefs use invented data (each says which), to show what the workbooks can do" in only_comments
    assert "timeline demonstrations" not in only_comments
    assert '<section class="demonstrations"' in page  # boxed apart on screen and on paper
    demo = _text(page.split("Demonstrations (invented data)</h2>")[1])
    assert "Timeline progress" in demo and "Consultation inputs" in demo  # each says which workbook it shows


def test_only_demonstrations_make_no_empty_workbook_sections():
    text = _text(index_html([GOOD]))
    assert "Demonstrations (invented data)" in text and "Timeline progress" in text  # the workbook, in the entry only
    assert "<h2>Timeline progress</h2>" not in index_html([GOOD])


def test_entry_shows_the_lead_key_message_and_the_review_status_as_given():
    facts = {
        **REAL["facts"],
        "summary": ["Scores <b>favour</b> Nepal's fund.", "Second message."],
        "review_status": "Scores checked by an AI assistant, not yet by a person",
    }
    entry = catalogue_entry({**REAL, "facts": facts})
    text = _text(entry)
    assert (
        text.index("How far?")
        < text.index("Scores <b>favour</b> Nepal's fund.")
        < text.index("Scores checked by an AI assistant, not yet by a person")
    )
    assert "Second message." not in text and "<b>" not in entry


def test_entry_without_summary_or_review_status_shows_neither():
    entry = catalogue_entry(REAL)
    assert 'class="lead"' not in entry and 'class="review-status"' not in entry


def test_catalogue_never_says_reviewed_of_its_own():
    """'reviewed' appears only where a brief's own facts say it: the catalogue's words never do."""
    page = index_html(
        [
            GOOD,
            REAL,
            {**REAL, "brief": "timeline_progress/failed", "status": "failed", "error": "boom"},
            {"brief": "good_practice_comparison/new", "status": "invalid parameters"},
        ]
    )
    assert "review" not in page.lower().replace("review-status", "")


def test_build_details_give_each_problem_of_a_bad_data_file_by_line_and_field_escaped():
    from workbooks.presentation.html import escape
    from workbooks.publish.catalogue_page import index_html

    error = "data/x.csv: 8 problems\n" + "\n".join(f"  line {n}, column 'a': '<b>{n}</b>' bad" for n in range(2, 10))
    page = index_html([{**GOOD, "status": "bad data", "error": error}])
    assert escape("data/x.csv: 8 problems") + "<br>" + escape("line 2, column 'a': '<b>2</b>' bad") in page
    assert "line 6, column" in page and "line 7, column" not in page and "... and 3 more lines" in page
    assert "<b>2</b>" not in page


def _lead(summary, review_status=""):
    entry = catalogue_entry({**REAL, "facts": {**REAL["facts"], "summary": summary, "review_status": review_status}})
    return entry, _text(entry)


def test_a_lead_never_points_at_a_figure_or_repeats_the_review_status_and_says_what_was_found():
    """Key messages as the briefs wrote them: the first that says what was found leads, without its
    clauses on who checked; a message only on what is absent leads only when nothing else can."""
    summary = [
        "Figure 1 shows the 6 practices compared; 5 show job creation fully.",
        "Every count rests on codes checked by an AI assistant, not yet by a person.",
        "No ask touches the workstream's checklist (decent work, access to financing).",
        "Our summaries of the 6 records show social protection fully for 2; each of these 2 full scores is shown "
        "with the sentence it rests on, and both are automatic readings no one has checked.",
        "Second finding.",
    ]
    entry, text = _lead(summary, "Counts checked by an AI assistant, not yet by a person")
    assert 'class="lead">Our summaries of the 6 records show social protection fully for 2.</p>' in entry
    assert "Figure" not in text and "No ask" not in text and "Second finding." not in text
    assert text.count("checked") == 1  # the review status, once
    absent_only = ["See Figure 1.", "No ask touches the workstream's checklist."]
    assert 'class="lead">No ask touches the workstream&#x27;s checklist.</p>' in _lead(absent_only)[0]
    # a clause pointing at a figure is left out, the finding before it kept
    assert lead_of("Of the 6 practices compared, 5 show job creation fully; each is quoted after Figure 1.") == (
        "Of the 6 practices compared, 5 show job creation fully."
    )


def test_a_lead_keeps_a_finding_full_of_counts_whole_so_that_two_briefs_on_one_consultation_lead_apart():
    """The decent-work brief and the general brief on the draft workplan share key messages; each
    card leads with its own first (facts as the two briefs gave them)."""
    focus = (
        "On the workstream's checklist, access to decent work is raised by 2 of 14 (CARAM Asia and 1 not named), "
        "fundamental principles and rights at work by 2 (CARAM Asia and 1 not named) and access to financing by 1 "
        "(1 not named); no comment raises job creation, social protection or social dialogue."
    )
    general = (
        "10 of 14 comments ask for a change, an addition or an action; 2 more only say which priorities "
        "interest them or have their support; in 2 no ask was found."
    )
    shared = (
        "3 comments speak to this workstream's own priority (New Priority 5): Caritas and 2 that name no organisation."
    )
    assert lead_of(focus) == focus and lead_of(general) == general
    assert f'class="lead">{general}</p>' in _lead([general, shared])[0]
    assert "access to decent work is raised by 2 of 14" in _lead([focus, shared, general])[1]
    assert lead_of("Every count rests on codes checked by an AI assistant, not yet by a person.") == ""


def test_a_lead_leaves_out_a_later_sentence_that_lists_counts():
    """A walk at 20,000 comments: the catalogue led with a list of counts, though it leads with a message that
    stands on its own, 'no list of counts'."""
    first = (
        "9,898 of 19,800 comments ask for a change, an addition or an action; 1,967 more only say which priorities "
        "interest them or have their support; in 7,935 no ask was found."
    )
    listed = (
        "Apart from this workstream's own priority, the themes most comments raise: more detail in the workplan "
        "(2,226 of 19,800); climate change and migration (1,934 of 19,800); and 14 more."
    )
    assert lead_of(f"{first} {listed}") == first
    named = (
        "Each theme is asked for by a single stakeholder: climate change and migration (Women in Migration Network)."
    )
    assert lead_of(f"{first} {named}") == f"{first} {named}"  # a list with no counts stays
    assert lead_of(f"{first} {listed} {named}") == first  # nothing after the list of counts
    assert lead_of(listed) == listed  # a first sentence is its own lead, counts or not


def test_a_card_whose_key_messages_all_point_elsewhere_has_no_lead_line():
    entry, _ = _lead(["See Table 2.", "Scores were checked by an AI assistant."])
    assert 'class="lead"' not in entry


def test_a_demonstration_card_says_what_it_demonstrates_and_leads_with_a_finding_on_its_invented_data():
    facts = {
        **GOOD["facts"],
        "summary": [
            "By 31 December 2024, all 16 activities with a timeline were planned to have ended.",
            "Under the invented statuses, 5 of 16 (31%) are recorded as Completed, 11 fewer than the 16 planned to have ended.",
        ],
    }
    entry = catalogue_entry({**GOOD, "facts": facts})
    text = _text(entry)
    assert (
        "Timeline progress, demonstrating what a brief reports once statuses are recorded (here invented): "
        "progress against the plan, overdue activities, late starts and late completions."
    ) in text
    assert 'class="lead">Under the invented statuses, 5 of 16 (31%) are recorded as Completed' in entry
    assert "demonstrating" not in _text(catalogue_entry(REAL))  # a real brief demonstrates nothing


def test_a_card_says_in_plain_words_when_its_brief_compares_fewer_records_than_were_chosen():
    """The social-protection brief: its parameters name 6 practices, its sources (one per practice
    compared) are 5; the brief says why one is left out. The card says so without the word "parameters"."""
    named = ["a", "b", "c", "d", "e", "f"]
    record = {
        **REAL,
        "brief": "good_practice_comparison/social",
        "parameters": {"practices": named},
        "facts": {**REAL["facts"], "sources": [{"title": t, "url": "", "note": ""} for t in named[:5]]},
    }
    text = _text(catalogue_entry(record))
    assert "Compares 5 of the 6 practices chosen; the brief says why it leaves one out." in text
    assert "parameter" not in text
    two_left = {**record, "facts": {**record["facts"], "sources": record["facts"]["sources"][:4]}}
    assert "Compares 4 of the 6 practices chosen; the brief says why it leaves 2 out." in _text(
        catalogue_entry(two_left)
    )
    all_six = {**record, "facts": {**record["facts"], "sources": [{"title": t} for t in named]}}
    assert "Compares" not in _text(catalogue_entry(all_six))
    by_filter = {**record, "parameters": {"practices": [], "target_group": ["return migrants"]}}
    assert "Compares" not in _text(catalogue_entry(by_filter))
    timeline = {**record, "brief": "timeline_progress/social"}  # no records compared by name there
    assert "Compares" not in _text(catalogue_entry(timeline))


def test_build_details_are_folded_at_the_very_end_for_maintainers_each_briefs_parameters_folded_and_never_print():
    page = index_html([GOOD, REAL])
    assert "<details><summary>as_of</summary>as_of: &quot;2024-06-30&quot;</details>" in page
    # out of the reader's way: one closed fold after everything a reader reads, its line saying whom it is for
    assert (
        page.count('<details class="build" id="build-details">') == 1
        and '<details class="build" id="build-details" open' not in page
    )
    assert page.index("</details>", page.index('<details class="build"')) > page.rindex('class="entry"')
    assert "<summary><h2>Build details (for maintainers)</h2>" in page
    assert page.rindex("</details>") > page.index("<tbody>", page.index('<details class="build"'))
    print_rules = page[page.index("@media print") :]
    assert ".build { display: none; }" in print_rules


def test_the_dates_line_leaves_who_checked_to_the_review_status_line():
    facts = {
        **REAL["facts"],
        "summary": [],
        "review_status": "9 of the 66 scores checked by an AI assistant, not yet by a person",
        "data_date": "Practice records as stored (retrieval dates not recorded); 9 scores checked "
        "by an AI assistant, not yet by a person, the last on 6 December 2026",
    }
    text = _text(catalogue_entry({**REAL, "facts": facts}))
    assert text.count("checked by an AI assistant") == 1
    assert "Practice records as stored (retrieval dates not recorded)" in text
    assert dates_line({**facts, "review_status": ""})[0] == facts["data_date"]  # no status line: the date keeps it


def test_the_printed_catalogue_is_set_close_so_that_cards_fill_their_pages():
    page = index_html([GOOD, REAL])
    print_rules = page[page.index("@media print") :]
    assert "font-size: 8.5pt" in print_rules and ".entry { break-inside: avoid" in print_rules


def test_a_count_keeps_the_aside_on_who_checked_it_so_a_score_on_a_card_carries_its_review_status():
    from workbooks.publish.catalogue_page import lead_of

    message = (
        "Our summaries of the records compared show job creation fully for 5 of the 6 (4 of these 5 automatic, "
        "not checked) and social protection for 2 (both automatic, not checked); the table after the chart quotes "
        "the sentence each of these full scores rests on."
    )
    assert lead_of(message) == (
        "Our summaries of the records compared show job creation fully for 5 of the 6 (4 of "
        "these 5 automatic, not checked) and social protection for 2 (both automatic, not "
        "checked)."
    )
    assert (
        lead_of("Access to financing fully for 1 of the 6 (an automatic reading, not checked).")
        == "Access to financing fully for 1 of the 6 (an automatic reading, not checked)."
    )
    # an aside that is not about checking stays too; a message only about checking never leads
    assert (
        lead_of("Recruitment reform is asked for by 1 of 14 (CARAM Asia).")
        == "Recruitment reform is asked for by 1 of 14 (CARAM Asia)."
    )
    assert lead_of("Every count rests on codes checked by an AI assistant, not yet by a person.") == ""


REWRITTEN = (
    "Hub discussion; stored copy rebuilt with its prose paraphrased, so comments from it are shown as paraphrases"
)


def test_a_card_says_every_comment_is_a_paraphrase_when_every_source_of_its_brief_says_its_copy_was_rewritten():
    """The Hub-discussions brief: its 6 sources (stored copies of 5 pages) each say, in the brief's own list
    of sources, that the copy's prose was rewritten; its card says what that means for every comment."""
    record = {
        **REAL,
        "brief": "consultation_inputs/hub_discussion_spaces",
        "facts": {
            **REAL["facts"],
            "title": "What stakeholders said in other Hub discussion spaces",
            "sources": [{"title": f"D{n}", "url": "", "note": REWRITTEN} for n in range(6)],
        },
    }
    text = _text(catalogue_entry(record))
    assert (
        "Every comment in it is a paraphrase: the project's stored copies of its pages rewrote their prose in "
        "other words, so no comment here is in its author's own words."
    ) in text
    verbatim = {
        **record,
        "facts": {**record["facts"], "sources": [{"title": "D", "note": "Hub discussion; stored copy verbatim"}]},
    }
    assert "paraphrase" not in _text(catalogue_entry(verbatim))
    one = {**record, "facts": {**record["facts"], "sources": [{"title": "D", "note": REWRITTEN}]}}
    assert "Every comment in it is a paraphrase: the project's stored copies of its page rewrote" in _text(
        catalogue_entry(one)
    )


def test_a_card_says_which_share_of_its_sources_is_paraphrased_when_some_are():
    """The real timeline brief: 4 of its 5 workstream pages are stored as rewritten copies."""
    notes = ["Hub workstream page; the project's copy holds the page's words"] + [
        "Hub workstream page; the project's copy rewrote its prose, keeping names, dates and timelines; activity texts "
        "shown here are our paraphrase"
    ] * 4
    record = {
        **REAL,
        "facts": {**REAL["facts"], "sources": [{"title": f"W{n}", "note": note} for n, note in enumerate(notes)]},
    }
    assert (
        "The activity texts from 4 of its 5 sources are paraphrases: the project's stored copies of those pages "
        "rewrote their prose in other words."
    ) in _text(catalogue_entry(record))
    practices = {**record, "brief": "good_practice_comparison/x"}  # a workbook that quotes no source's prose
    assert "paraphrase" not in _text(catalogue_entry(practices))


def test_each_workbook_section_opens_with_one_line_on_what_its_briefs_show():
    from workbooks.workbook_specs import WORKBOOKS

    consultation = {"brief": "consultation_inputs/x", "status": "ok", "facts": {"title": "X"}}
    text = _text(index_html([REAL, consultation]))
    timeline, consult = WORKBOOKS["timeline_progress"].about, WORKBOOKS["consultation_inputs"].about
    assert timeline and consult and all(workbook.about for workbook in WORKBOOKS.values())
    assert text.index("Timeline progress") < text.index(timeline) < text.index("Real plan")
    assert text.index("Consultation inputs") < text.index(consult) < text.index("X")
    assert WORKBOOKS["good_practice_comparison"].about not in text  # no section without a brief, and no line


def test_a_lead_keeps_a_bracket_that_holds_a_semicolon_whole():
    message = (
        "What a practice compared shows: Companies with Refugees Forum, on job creation: member firms (130+) "
        "reported more than 12,000 refugee and migrant staff in 2024 (our summary; automatic, not checked); "
        "the table after the chart quotes each full score."
    )
    assert lead_of(message) == (
        "What a practice compared shows: Companies with Refugees Forum, on job creation: member "
        "firms (130+) reported more than 12,000 refugee and migrant staff in 2024 (our summary; "
        "automatic, not checked)."
    )


SINCE = {
    "heading": "Since the last edition (6 December 2026)",
    "compared": True,
    "changed": True,
    "previous_made": "2026-12-06",
    "changes": ["1 status recorded or changed (invented): A (i): Completed."],
    "context": "",
    "nothing_changed": "Nothing changed.",
}


def test_a_card_marks_a_brief_whose_facts_changed_since_its_previous_edition_and_says_when_none_did():
    changed = _text(catalogue_entry({**GOOD, "facts": {**GOOD["facts"], "since": SINCE}}))
    assert "Demo <i> CHANGED" in changed
    assert "Changed since its last edition (6 December 2026): the brief opens with what changed." in changed
    same = _text(
        catalogue_entry({**GOOD, "facts": {**GOOD["facts"], "since": {**SINCE, "changed": False, "changes": []}}})
    )
    assert "CHANGED" not in same and "No change in its facts since its last edition (6 December 2026)." in same
    for facts in ({}, {"since": {**SINCE, "compared": False, "changed": False, "heading": "First edition"}}):
        first = _text(catalogue_entry({**GOOD, "facts": {**GOOD["facts"], **facts}}))
        assert "CHANGED" not in first and "last edition" not in first  # a first edition, or one made before


def test_a_brief_as_of_the_run_day_says_so_on_its_card():
    facts = {
        **GOOD["facts"],
        "data_date": "Plan as of 7 December 2026, the day this brief was made; no status recorded",
        "generated": "2026-12-07",
    }
    assert dates_line(facts) == [
        "Plan as of 7 December 2026, the day this brief was made; no status recorded",
        "generated 7 December 2026",
    ]


def test_the_build_details_list_a_brief_s_own_parameters_not_those_only_the_runner_sets():
    record = {**GOOD, "parameters": {"as_of": "2024-06-30", "live_widgets": False, "previous_edition": ""}}
    rows = index_html([record]).split('id="build-details"')[1]
    assert "as_of" in rows and "2024-06-30" in rows
    assert "live_widgets" not in rows and "previous_edition" not in rows


def test_the_first_problem_says_how_many_more_a_parameter_file_has_and_never_counts_details_or_a_traceback():
    from workbooks.publish.catalogue_page import first_problem
    from workbooks.publish.run_statuses import BAD_DATA, FAILED, INVALID

    several = "p.yaml, line 1, key 'as_at': unknown parameter\np.yaml, line 3, key 'brief_title': expected text"
    assert first_problem(several, INVALID) == "p.yaml, line 1, key 'as_at': unknown parameter (and 1 more problem)"
    three = several + "\np.yaml, line 4, key 'live_widgets': is set by the brief runner"
    assert first_problem(three, INVALID).endswith("unknown parameter (and 2 more problems)")
    table = "data/a.csv: 2 problems\n  line 3, column 'page_line': 'x'\n  line 4, column 'page_line': 'y'"
    assert first_problem(table, BAD_DATA) == "data/a.csv: 2 problems"  # its details are indented under it
    failed = "cell 4 raised ValueError: boom\nsee the failed notebook\nTraceback (most recent call last):\n  x"
    assert first_problem(failed, FAILED) == "cell 4 raised ValueError: boom"
    assert first_problem("", INVALID) == "" and first_problem("\n\none\n", INVALID) == "one"
