"""The comparison: choosing practices, side by side, roll-up beside the items, strengths and gaps,
the checklist's gaps, nearest practices, key findings."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from workbooks.good_practice import compare
from workbooks.good_practice.inputs import load_practice_inputs
from workbooks.tables.review_status import BY_AI_ONLY as BY_AI

AMERICAS = [
    "mirps-mexico-local-integration-relocation",
    "other-brazil-companies-with-refugees-forum",
    "other-ayuda-en-accion-venezuelan-recovery",
]


def _inputs(
    ids=(), region=(), source_db=(), target_group=(), pillars=(), assessments="data/assessments.csv", items_in_focus=()
):
    return load_practice_inputs(
        "data/practices.csv",
        assessments,
        list(ids),
        list(region),
        list(source_db),
        list(target_group),
        list(pillars),
        list(items_in_focus),
        root=ROOT,
    )


@pytest.fixture(scope="module")
def americas():
    return _inputs(AMERICAS)


def test_practices_are_chosen_by_id_in_the_order_given_or_by_filter():
    assert _inputs(AMERICAS[::-1]).ids == AMERICAS[::-1]
    returns = _inputs(target_group=["return migrants"])  # diaspora policies serve emigrants too: not "only"
    # Nepal's fund: "migrants who come back to Nepal can also contribute" shows returnees, no emigrants
    assert returns.ids == [
        "gfmd-nepal-social-security-fund",
        "gfmd-fao-iom-kenya-rural-youth",
        "gfmd-nigeria-rrr-manual",
        "gfmd-sri-lanka-skills-passport",
    ]
    with_emigrants = _inputs(target_group=["return migrants", "emigrants and return migrants"])
    assert len(with_emigrants.ids) == 6 and set(with_emigrants.chosen["target_group"]) == {
        "return migrants",
        "emigrants and return migrants",
    }
    # the one SADC record (its Employment and Labour Sector unit) names no migrant group: matched, then left out
    sadc = _inputs(region=["Americas", "SADC"])
    assert set(sadc.chosen["region"]) == {"Americas"} and list(sadc.set_aside["region"]) == ["SADC"]
    assert _inputs(AMERICAS, source_db=["other"]).ids == AMERICAS[1:]  # ids narrowed by a filter


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"ids": ["gfmd-itac", "no-such-practice"]}, "parameter 'practices': unknown practice_id 'no-such-practice'"),
        ({"ids": ["gfmd-itac", "gfmd-itac"]}, "'gfmd-itac' named twice"),
        ({"ids": ["gfmd-itac"]}, "the comparison needs 2 to 6 practices"),
        ({"ids": ["gfmd-itac"]}, "Name 2 to 6 practices with 'practices', or widen the filters."),
        (  # a filter on a column most records leave empty says so
            {"region": ["Americas"], "target_group": ["immigrants"]},
            "widen the filters. 81 of the 96 records give no region: a filter cannot find them.",
        ),
        ({"source_db": ["GFMD"]}, "give 61 (records that name no migrant group left out)"),
        (
            {"source_db": ["GFMD"]},
            "Name 2 to 6 of them with 'practices', or narrow the filters.",
        ),  # 66 GFMD records, 7 name none
        ({"region": ["Atlantis"]}, "parameter 'region': no record has 'Atlantis'"),
        ({"ids": AMERICAS, "pillars": ["jobs"]}, "parameter 'pillars': unknown pillar 'jobs'"),
        (
            {"ids": AMERICAS, "items_in_focus": ["jobs"]},
            "parameter 'items_in_focus': 'jobs' not an item of the checklist",
        ),
        (
            {"ids": AMERICAS, "pillars": ["approach"], "items_in_focus": ["job-creation"]},
            "parameter 'items_in_focus': 'job-creation' not an item of the pillars in focus",
        ),
    ],
)
def test_a_bad_choice_is_an_error_naming_the_parameter(kwargs, message):
    with pytest.raises(ValueError) as error:
        _inputs(**kwargs)
    assert message in str(error.value)


def test_side_by_side_shows_score_review_status_and_evidence(americas):
    table = compare.side_by_side(americas.scores, americas.chosen, americas.checklist, [])
    assert len(table) == 12 and table.columns[:2].tolist() == ["Pillar", "Item"]
    rows = table.set_index("Item")
    assert rows.loc["Job creation", "Local Integration Programme through…"].startswith(
        "100 fully shown · checked by an AI assistant, not yet by a person: Confirms"
    )
    assert rows.loc["Fundamental principles and rights at work", "Companies with Refugees Forum"].startswith(
        "50 partly shown · checked by an AI assistant, not yet by a person (automatic was 100):"
    )
    # "supports economic integration, social protection and peaceful coexistence": a topic in a list, not coverage
    assert (
        rows.loc["Social protection", "Fair and inclusive socioeconomic…"]
        == "50 partly shown · automatic, not checked, from words of the title or our summary: social protection"
    )
    assert (
        rows.loc["Social protection", "Companies with Refugees Forum"]
        == "0 not shown · automatic, not checked: nothing found in the title or our summary"
    )
    assert not any("reviewed" in cell.lower() for cell in table.to_numpy().ravel())
    decent = compare.side_by_side(americas.scores, americas.chosen, americas.checklist, ["decent-work"])
    assert decent["Item"].tolist() == [
        "Job creation",
        "Social protection",
        "Social dialogue",
        "Fundamental principles and rights at work",
    ]


def test_score_evidence_lists_every_score_above_0_or_checked_with_who_checked_it(americas):
    evidence = compare.score_evidence(americas.scores, americas.chosen, americas.checklist, [])
    shown = americas.chosen_scores
    expected = shown[(shown["score"] > 0) | (shown["method"] == "reviewed")]
    assert len(evidence) == len(expected) and set(evidence["Score"]) <= {0, 50, 100}
    rests = evidence.columns[-1]
    checked = evidence[evidence[rests].str.startswith("checked by an AI assistant, not yet by a person")]
    assert len(checked) == (shown["method"] == "reviewed").sum()
    assert all(
        re.search(r"\(the project engineer \(AI coding assistant\), (22 November|6 December) 2026\)", cell)
        for cell in checked[rests]
    )
    assert (evidence[rests].str.startswith("automatic, not checked") | evidence.index.isin(checked.index)).all()
    # the items the brief is about come first within each practice
    about = compare.score_evidence(
        americas.scores, americas.chosen, americas.checklist, [], ["whole-of-government", "job-creation"]
    )
    first = about[about["Practice"] == about["Practice"].iloc[0]]["Item"].tolist()
    assert first[:2] == ["Whole-of-government", "Job creation"]


def test_rollup_table_gives_each_practice_its_pillar_means_and_review_status(americas):
    table = compare.rollup_table(americas.scores, americas.rolled, americas.chosen, americas.checklist, [])
    brazil = table.set_index("Practice").loc["Companies with Refugees Forum"]
    assert (
        brazil["Access to decent work (mean of 4 items)"] == "37.5"
    )  # (100 + 0 + 0 + 50) / 4: a business forum is no social dialogue
    assert brazil["Access to financing (1 item)"] == "0"
    assert brazil["Approach (mean of 4 items)"] == "12.5"  # shown as it is: the overall is checked against it
    assert (
        brazil["Overall: mean of Access to decent work, Access to financing, Approach"] == "16.7"
    )  # (37.5 + 0 + 12.5) / 3
    assert "Who it serves (mean of 3 items; scope, not in overall)" in table.columns
    assert brazil["Review status of the item scores"] == (
        f"1 of the 12 scores {BY_AI}; the other 11 automatic, not checked"
    )


def test_strengths_and_gaps_put_the_items_in_focus_first(americas):
    strengths = compare.strengths_and_gaps(americas.scores, americas.chosen, americas.checklist, []).set_index(
        "Practice"
    )
    brazil = strengths.loc["Companies with Refugees Forum"]
    assert brazil[compare.STRENGTHS_HEADER] == "Job creation"
    assert brazil[compare.THIN_HEADER].startswith("In part: Fundamental principles")
    assert (
        "Not shown: Social protection, Social dialogue" in brazil[compare.THIN_HEADER]
    )  # "business forum": no dialogue
    assert "Serves" not in brazil[compare.THIN_HEADER]  # scope items aside
    # the review status counts every score shown of the practice, the scope items too, as the headline does
    assert brazil["Review status"] == f"1 of the 12 scores {BY_AI}; the other 11 automatic, not checked"
    focused = compare.strengths_and_gaps(
        americas.scores, americas.chosen, americas.checklist, [], ["gender-responsive"]
    ).set_index("Practice")
    assert (
        focused.loc["Companies with Refugees Forum", compare.THIN_HEADER]
        .split(" · ")[1]
        .startswith("Not shown: Gender-responsive, Social protection")
    )


def test_a_gap_of_the_selection_is_kept_apart_from_a_gap_of_all_records(americas):
    readings = {reading.item.key: reading for reading in americas.readings}
    jobs, dialogue = readings["job-creation"], readings["social-dialogue"]
    assert (jobs.full, jobs.gap_of_selection) == (2, False)  # "economic integration" alone is partial
    # counted over the 91 records that name a migrant group (5 of the 96 name none)
    assert (dialogue.best, dialogue.full_all, dialogue.records) == (0, 2, 91) and dialogue.rare_across_all
    financing = readings["access-to-financing"]
    # remittances or financial literacy named as a topic are partial: 3 of 91 show access to financing fully, rare
    assert financing.gap_of_selection and financing.rare_across_all and financing.full_all == 3
    assert financing.across_records == compare.RARE
    assert len(financing.examples) == 2  # records not compared that show it fully, to look at
    assert (jobs.full_all, jobs.across_records) == (5, compare.FEW)  # neither rare (at most 4) nor common (10 or more)
    gaps = compare.gaps_table(americas.readings, len(americas.chosen)).set_index("Item")
    assert "Job creation" not in gaps.index
    # the words agree with the count beside them: 2 of 91 show social dialogue fully, so it is rare, never "not shown"
    assert (
        gaps.loc["Social dialogue", compare.GAP_HEADER]
        == "not shown fully for any of the 3 records compared; rare across all records: 2 of all 91 records show it fully"
    )
    assert (
        gaps.loc["Access to financing", compare.GAP_HEADER]
        == "not shown fully for any of the 3 records compared; rare across all records: 3 of all 91 records show it fully"
    )
    assert gaps.loc["Access to financing", "How common across records"] == "rare: at most 1 in 20 records"
    assert gaps.loc["Social dialogue", "Best score among the 3 records compared"] == "0 not shown"
    assert (
        gaps.loc["Access to financing", "Records whose summary shows it fully, of all 91"] == 3
    )  # not the donors' conference
    assert gaps.loc["Social dialogue", "GCM objectives"] == "6, 23"


def test_job_creation_is_no_gap_of_the_field_in_the_social_protection_brief():
    """The issue's case: none of its six practices shows job creation; 5 of the 91 migration records do (jobs placed,
    staff hired, businesses started, livelihood support): few, neither a gap of the field nor common."""
    social = _inputs(
        [
            "gfmd-universal-social-protection-coverage",
            "gfmd-ilo-irregular-social-protection-model",
            "gfmd-spain-pandemic-health-access",
            "gfmd-nepal-social-security-fund",
            "gfmd-zimbabwe-diaspora-policy",
            "ilo-germany-seasonal-workers",
        ],
        pillars=["decent-work", "approach"],
        items_in_focus=["social-protection", "rights-at-work"],
    )
    messages = compare.key_messages(social.readings, social.chosen, social.shown_scores, social.items_in_focus)
    text = " ".join(messages)
    # the general social-protection text names no migrant group: left out, the brief compares 5
    assert len(social.chosen) == 5 and "gfmd-universal-social-protection-coverage" not in social.ids
    assert "Other records show job creation" not in text and "job creation is rare" not in text.lower()
    jobs = {reading.item.key: reading for reading in social.readings}["job-creation"]
    assert (jobs.full_all, jobs.across_records) == (5, compare.FEW)
    # 4 of 91: rare, the count said; never "a gap of the practices", a gap of what our summaries show
    assert (
        "Rights at work, a gender-responsive design and whole-of-government coordination are rare across all 91 "
        "records too (shown fully by 4, 1 and 4 of them)."
    ) in messages
    assert (
        "None of our 5 summaries fully shows rights at work, job creation, a gender-responsive design or "
        "whole-of-government coordination: a gap in the short records, not proof the practices lack it." in messages
    )
    from workbooks.good_practice.brief import question

    assert "Guidance" not in text and "Guidance" not in question(social)  # the Guidance is not in the data
    gaps = compare.gaps_table(social.readings, 5).set_index("Item")
    assert gaps.loc["Job creation", compare.GAP_HEADER] == "not shown fully for any of the 5 records compared"
    # rare across all records, yet shown fully here: said so, never "a gap" of the practice that shows it
    assert (
        gaps.loc["Social dialogue", compare.GAP_HEADER]
        == "rare across all records: 2 of all 91 records show it fully (1 of them is among the 5 records compared)"
    )


def test_key_messages_lead_with_the_items_in_focus_and_never_rank(americas):
    messages = compare.key_messages(americas.readings, americas.chosen, americas.shown_scores)
    assert 3 <= len(messages) <= 5
    assert messages[0] == (
        "Our summaries show job creation fully for 2 of the 3 records (1 of these 2 automatic, not "
        f"checked; 1 {BY_AI})."
    )
    focused = _inputs(AMERICAS, items_in_focus=["whole-of-society", "job-creation"])
    lead = compare.key_messages(focused.readings, focused.chosen, focused.shown_scores, focused.items_in_focus)[0]
    assert lead == (
        f"Our summaries show whole-of-society partnership fully for 1 of the 3 records and job creation for 2 "
        f"(1 of these 3 automatic, not checked; 2 {BY_AI})."
    )
    text = " ".join(messages).lower()
    assert not any(word in text.split() for word in ("best", "worst", "rank", "top", "reviewed"))
    checked = (americas.shown_scores["method"] == "reviewed").sum()
    assert messages[-1].endswith(
        f"; {checked} of the 36 scores were checked by an AI assistant, not yet by a person (3 changed); "
        f"{36 - checked} are automatic, not checked."
    )


def test_without_reviews_every_score_is_automatic_and_the_brief_says_so():
    inputs = _inputs(AMERICAS, assessments="")
    assert set(inputs.scores["method"]) == {"automatic"} and len(inputs.datasets) == 1
    assert compare.review_sentence(inputs.shown_scores) == "All 36 scores shown are automatic, not checked."


def test_record_table_keeps_empty_as_a_dash_and_untitled_records_by_id():
    inputs = _inputs(["hub-teaser-venezuela-unhcr-iom", "gfmd-itac"])
    table = compare.record_table(inputs.chosen, inputs.practices)
    assert table["Practice"].tolist() == [
        "untitled Hub teaser (country and years not given)",
        "It Takes A Community (ITAC)",
    ]
    untitled = table.set_index("Practice").loc["untitled Hub teaser (country and years not given)"]
    assert untitled[compare.FACTS_HEADER].startswith("Countries: — · Years: — · Source: Hub, listing page")
    assert (
        untitled["Summary (our paraphrase of the source)"]
        == f"{inputs.chosen.loc[0, 'summary']} (summary written from a listing teaser)"
    )
    assert "Judged by the survey respondent" not in " ".join(table[compare.FACTS_HEADER])


def test_each_source_says_whether_it_links_the_practices_own_page_or_a_listing_page():
    inputs = _inputs(
        [
            "mirps-mexico-local-integration-relocation",
            "other-brazil-companies-with-refugees-forum",
            "gfmd-nepal-social-security-fund",
        ]
    )
    facts = compare.record_table(inputs.chosen, inputs.practices)[compare.FACTS_HEADER].tolist()
    assert "Source: MIRPS, the practice's own page" in facts[0]
    assert "Source: other, listing page" in facts[1]  # a ReliefWeb update that other records name too
    assert "Source: GFMD, listing page" in facts[2]  # gfmd.org/taxonomy/term/575?page=1
    from workbooks.good_practice.brief import source_links

    links = source_links(inputs)
    assert [link.note for link in links] == [
        "MIRPS, the practice's own page",
        "other, listing page",
        "GFMD, listing page",
    ]
    assert links[0].url == "https://mirps-platform.org/en/resources/good-practices/local-integration-programme/"


def test_dates_that_differ_between_sources_are_flagged_in_the_table_and_a_caveat():
    inputs = _inputs(["mirps-mexico-local-integration-relocation", "gfmd-nepal-social-security-fund"])
    facts = compare.record_table(inputs.chosen, inputs.practices)[compare.FACTS_HEADER].tolist()
    assert "Years: from 2022 (dates differ between sources: see the notes)" in facts[0]
    assert "Years: from 2018 · " in facts[1]  # one source, one date
    [differ] = [caveat.text for caveat in inputs.caveats() if "dates differ" in caveat.text]
    assert differ == (
        "For 1 of the 2 records, dates differ between sources: Local Integration Programme through "
        "relocation for labour market insertion is dated from 2022 by its source, 2016 by another "
        "(see its notes)."
    )


def test_caveats_label_illustrative_files_and_thin_records():
    survey = load_practice_inputs("data/templates/practices.template.csv", "", [], [], [], [], [], root=ROOT)
    [warning] = survey.caveats()
    assert warning[1] == "warning" and warning[0].startswith("ILLUSTRATIVE DATA: some records or scores")
    assert "practices.template.csv" not in warning[0]  # readers get words, the appendix the file
    thin, counted = _inputs(["hub-teaser-venezuela-unhcr-iom", "hub-undp-five-pillar-diaspora"]).caveats()
    assert thin[1] == "info" and thin[0].startswith("1 of the 2 records comes from a listing teaser")
    assert counted[0].startswith(
        "Counts across records and examples use the 91 of the 96 records whose title or our "
        "summary names a migrant group or migration; the other 5 name none"
    )


@pytest.mark.parametrize(
    "ids, filters, expected",
    [
        (["a", "b"], {"target_group": ["return migrants"]}, "chosen by name for this brief"),
        (
            [],
            {"target_group": ["return migrants"], "region": []},
            "every record read as serving return migrants only, not those also serving immigrants or emigrants",
        ),
        (
            [],
            {"target_group": ["return migrants", "both"]},
            "every record read as serving return migrants only or read as serving both immigrants and return migrants, "
            "not those also serving emigrants",
        ),
        (
            [],
            {"target_group": ["return migrants", "both", "emigrants and return migrants"]},
            "every record read as serving return migrants only or read as serving both immigrants and return migrants or "
            "read as serving emigrants and return migrants",
        ),
        ([], {"target_group": ["unknown"]}, "every record whose target group could not be read"),
        (
            [],
            {"source_db": ["GFMD", "ILO"], "region": ["Americas"]},
            "every record from GFMD or ILO and stating the region Americas",
        ),
    ],
)
def test_the_brief_says_how_the_practices_were_chosen(ids, filters, expected):
    assert compare.selection_words(ids, filters) == expected


def test_an_untitled_record_is_named_by_its_source_and_countries_never_by_its_id():
    inputs = _inputs(["hub-teaser-cims-india", "gfmd-itac"])
    assert compare.display_name(inputs.chosen.iloc[0]) == "untitled Hub teaser (India)"
    record = {
        "title": "",
        "practice_id": "x-1",
        "source_db": "GFMD",
        "summary_basis": "detail page excerpt",
        "countries": "",
        "years": "2019",
    }
    assert compare.display_name(record) == "untitled GFMD record (2019)"


def test_every_full_score_is_quoted_with_the_sentence_that_shows_it_and_its_review_status(americas):
    table = compare.full_score_evidence(americas.scores, americas.chosen, americas.checklist, [])
    shown = americas.shown_scores
    scored = [item.key for item in americas.checklist.scored_items]
    assert len(table) == ((shown["score"] == 100) & shown["item"].isin(scored)).sum()
    brazil = table[(table["Practice"] == "Companies with Refugees Forum") & (table["Item"] == "Job creation")].iloc[0]
    # our summary is a paraphrase: said so, never in quotation marks
    assert brazil[compare.FULL_EVIDENCE_HEADER].startswith("our summary: A business forum launched in 2021")
    assert "“" not in brazil[compare.FULL_EVIDENCE_HEADER]
    assert "decent jobs and income" in brazil[compare.FULL_EVIDENCE_HEADER]
    assert brazil["Review status"] == "automatic, not checked"
    mexico = table[(table["Practice"].str.startswith("Local Integration")) & (table["Item"] == "Job creation")].iloc[0]
    # a checked score shows the record's sentence too, the reason after it, the status beside it
    assert mexico[compare.FULL_EVIDENCE_HEADER].startswith("title: “Local Integration Programme")
    assert "our summary: Mexico moves refugees" in mexico[compare.FULL_EVIDENCE_HEADER]
    assert (
        "(reason given at the check: Confirms the automatic score: our summary says"
        in mexico[compare.FULL_EVIDENCE_HEADER]
    )
    assert mexico["Review status"] == BY_AI
    # a check that raised an automatic 0 rests on the words of our summary its reason quotes
    ayuda = table[
        (table["Practice"].str.startswith("Fair and inclusive")) & (table["Item"] == "Whole-of-society")
    ].iloc[0]
    assert ayuda[compare.FULL_EVIDENCE_HEADER].startswith("our summary: A four-year, AECID-funded project run by Ayuda")
    # "economic integration" alone no longer makes a full score: the Ayuda en Acción project is not listed for it
    assert not ((table["Practice"].str.startswith("Fair and inclusive")) & (table["Item"] == "Job creation")).any()


@pytest.mark.parametrize("brief", ["labour_inclusion_americas", "return_migrants", "social_protection_and_rights"])
def test_every_row_of_the_full_scores_shows_a_sentence_of_the_records_title_or_summary(brief):
    import yaml

    params = yaml.safe_load((ROOT / "params" / "good_practice_comparison" / f"{brief}.yaml").read_text())
    inputs = _inputs(
        params.get("practices", []),
        target_group=params.get("target_group", []),
        pillars=params.get("pillars", []),
        items_in_focus=params.get("items_in_focus", []),
    )
    table = compare.full_score_evidence(
        inputs.scores, inputs.chosen, inputs.checklist, inputs.pillars, inputs.items_in_focus
    )
    assert len(table)
    records = inputs.chosen.set_index(inputs.chosen["practice_id"].map(compare.distinct_names(inputs.chosen)))
    for _, row in table.iterrows():
        record = (
            records.loc[row["Practice"]]
            if row["Practice"] in records.index
            else inputs.chosen[inputs.chosen.apply(compare.short_name, axis=1) == row["Practice"]].iloc[0]
        )
        shown = row[compare.FULL_EVIDENCE_HEADER].split(" (reason given at the check: ")[0]
        assert not shown.startswith("Words:"), row.to_dict()
        for part in shown.split(" … "):
            kind, _, sentence = part.partition(": ")
            assert kind in ("title", "our summary"), part
            text = record["title"] if kind == "title" else record["summary"]
            assert sentence.strip("“”") in text, part


def test_the_key_messages_say_what_a_practice_shows_after_what_the_comparison_found(americas):
    focused = _inputs(AMERICAS, items_in_focus=["job-creation"])
    lead = compare.strongest_evidence(focused.scores, focused.chosen, focused.checklist, [], focused.items_in_focus)
    # one practice, the item in focus, a sentence that fits 40 words whole before one that would be cut (Mexico's
    # runs to 37 words under a 10-word title), a teaser's fact saying so
    assert lead == (
        "Companies with Refugees Forum, on job creation: member firms (130+) reported having more than 12,000 "
        "refugee and migrant staff in 2024 (our summary of a listing teaser; automatic, not checked)."
    )
    # where both fit, a record built from the practice's own page first, its review status said
    short = compare.strongest_evidence(
        focused.scores,
        focused.chosen.assign(
            summary=focused.chosen["summary"].where(
                ~focused.chosen["practice_id"].str.startswith("mirps-mexico"), "Links refugees to formal jobs."
            )
        ),
        focused.checklist,
        [],
        focused.items_in_focus,
    )
    assert short == (
        "Local Integration Programme through relocation for labour market insertion, on job creation: Links "
        f"refugees to formal jobs (our summary; {BY_AI})."
    )
    # a summary too long to fit: a sentence that fits (here the title, quoted as the source's) before a cut one
    long = focused.chosen.assign(summary="Employers across the region, " + " ".join(["hire refugees"] * 30) + ".")
    fitting = compare.strongest_evidence(focused.scores, long, focused.checklist, [], focused.items_in_focus)
    assert "(the source's title; " in fitting and "…" not in fitting
    assert compare.words(fitting) <= compare.MESSAGE_MOST_WORDS
    messages = compare.key_messages(
        focused.readings, focused.chosen, focused.shown_scores, focused.items_in_focus, lead
    )
    # what the comparison found leads, the practice's fact illustrates it second
    assert messages[0].startswith("Our summaries show job creation fully") and 3 <= len(messages) <= 5
    assert messages[1] == lead
    assert messages[-1].startswith("Scores read only")  # the review message kept, last
    # no full score: no such message, and the key messages start with what the summaries cover
    none = focused.scores.assign(score=focused.scores["score"].where(focused.scores["score"] != 100, 50))
    assert compare.strongest_evidence(none, focused.chosen, focused.checklist, []) == ""
    # a title alone is quoted as the source's words, never labelled our summary
    only_title = focused.chosen.assign(summary="")
    said = compare.strongest_evidence(focused.scores, only_title, focused.checklist, [], ["job-creation"])
    assert "“Local Integration Programme through relocation for labour market insertion” (the source's title" in said
    assert "our summary" not in said


def test_evidence_sentences_find_the_sentence_of_each_word_the_title_whole():
    parts = ["Skills Passport", "A tool for recording skills. Returnees find work after return; it is free."]
    assert compare.evidence_sentences(parts, "Skills; find work") == [
        "Skills Passport",
        "Returnees find work after return;",
    ]
    assert compare.evidence_sentences(parts, "pensions") == []


def test_the_rows_review_status_adds_up_to_the_briefs_headline():
    import re

    returns = _inputs(target_group=["return migrants"])
    headline = compare.status_of_scores(returns.shown_scores)
    for table, column in (
        (
            compare.rollup_table(returns.scores, returns.rolled, returns.chosen, returns.checklist, returns.pillars),
            "Review status of the item scores",
        ),
        (
            compare.strengths_and_gaps(returns.scores, returns.chosen, returns.checklist, returns.pillars),
            "Review status",
        ),
    ):
        checked = sum(
            int(match.group(1))
            for cell in table[column]
            for match in [re.match(r"(\d+) of the \d+ scores", cell)]
            if match
        )
        assert headline.startswith(f"{checked} of the {len(returns.shown_scores)} scores"), column
        assert checked == int((returns.shown_scores["method"] == "reviewed").sum()) > 0


def test_examples_a_survey_judged_harmful_are_never_left_out_of_the_key_messages(americas):
    chosen = americas.chosen.copy()
    chosen.loc[chosen.index[0], "assessment"] = "harmful"
    name = compare.display_name(chosen.iloc[0])
    full = compare.key_messages(
        americas.readings, chosen, americas.shown_scores, shown="What a practice compared shows: x."
    )
    assert (
        3 <= len(full) <= 5
        and full[0].startswith("Our summaries show ")
        and full[2] == "What a practice compared shows: x."
    )
    assert full[1].startswith("1 example was reported as harmful in the survey: ") and name in full[1]
    assert full[1].endswith("; what it does shows what to avoid.")  # one example: "it", and what it does, not its gaps
    assert full[-1] == compare.review_sentence(americas.shown_scores, chosen, len(americas.readings))
    plain = compare.key_messages(
        americas.readings, americas.chosen, americas.shown_scores, shown="What a practice compared shows: x."
    )
    assert not any("harmful" in message for message in plain)


def test_a_full_score_on_no_words_says_no_words_matched_never_an_empty_words_line(americas):
    scores = americas.scores.copy()
    practice = americas.chosen["practice_id"].iloc[0]
    at = (scores["practice_id"] == practice) & (scores["item"] == "social-dialogue")
    scores.loc[at, ["score", "evidence", "method", "rationale"]] = [100, "", "reviewed", "The respondent said so."]
    table = compare.full_score_evidence(scores, americas.chosen, americas.checklist, [])
    row = table[
        (table["Item"] == "Social dialogue") & (table["Practice"] == compare.short_name(americas.chosen.iloc[0]))
    ]
    assert row[compare.FULL_EVIDENCE_HEADER].tolist() == [
        "no words of the title or our summary matched (reason given at the check: The respondent said so.)"
    ]
    assert not table[compare.FULL_EVIDENCE_HEADER].str.startswith("Words:").any()
