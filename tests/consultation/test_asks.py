"""What stakeholders asked for: asks found sentence by sentence, pinned on the seed consultation
against asks listed by hand; stance kept apart; themes, counts and who asked; bad vocabulary files."""

from __future__ import annotations

import pandas as pd
import pytest

from briefs_scenario import parse_html
from conftest import ROOT
from workbooks.common.yaml_files import read_yaml_file
from workbooks.consultation.asks import (
    AGAINST,
    FOR,
    ask_groups,
    ask_messages,
    asks_table,
    load_ask_vocabulary,
    parse_ask_vocabulary,
    sentences,
    theme_mentions,
)
from workbooks.consultation.brief import asks_section, key_messages
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.errors import CodebookError

SEED = "seed-002-draft-network-workplan"
C = SEED + "-c"

# The asks of the seed consultation, read by hand from seed 002 (comment, kind, theme, words of the ask).
# R: asks for a change, an addition or an action; INTEREST: interest in, or support for, a priority already in
# the plan. c04's "This priority area is not yet supported by suggested activities" is an observation,
# and its "the IMRF Progress Declaration, which recommends ..." reports another text's recommendation:
# neither is an ask. c09's and c10's introductions ("particularly interested in the following priority
# areas:") are not asks themselves; the items they introduce are interests, c11's "Promote ..." too: it
# names an area of CARAM Asia's priority ("Under this priority area the particular areas are:"), as a reader
# reviewing the brief pointed out. c14 (a survivor's testimony: "we still have more victims that need
# help") asks nothing of the Network. Statements that more must be done, with no addressee (c05's "more needs
# to be done, beyond facilitating remittances", c06's "much more is still to be done to facilitate these
# flows"), observe a need: they are not asks (a reader's review found them read as asks). c06's "their
# requests for guida..." reports what Member States request: not an ask of the commenter. c02's only ask is cut by the page after five words ("There is an urgent
# need to uphold…"): it cannot be read, so it is left out.
R, INTEREST = "request", "interest"
HAND_LISTED = [
    ("01", R, "detailed-workplan", "the draft work plan needs to be further elaborated"),
    ("03", R, "women", "women migrant's issues need more attention"),
    ("03", R, "women", "it would be better to add a separate agenda item on women migrant worker's rights"),
    (
        "04",
        R,
        "participation",
        "We would recommend that a key objective for such priority area would be the strengthening of migrant participation",
    ),
    ("05", R, "diasporas", "We suggest including a dedicated item on the workplan"),
    (
        "07",
        R,
        "children",
        "would highly recommend the Network to introduce a New Priority focusing on the special protection needs of migrant minors",
    ),
    ("08", R, "recruitment", "would like to draw attention on the recruitment reform area"),
    ("09", INTEREST, "climate", "Safe and regular pathways for vulnerable migrants"),
    ("09", INTEREST, "integration", "Strengthening the socio-economic integration of migrants (New Priority 5)"),
    ("09", INTEREST, "children", "Protection and integration of migrant minors"),
    ("10", INTEREST, "detention", "Alternatives to immigration detention (Ongoing Priority 3)"),
    ("10", INTEREST, "return", "Promoting safe, dignified and rights-based return and readmission"),
    ("10", INTEREST, "regular-pathways", "Enhancing regular pathways for migrants in vulnerable situations"),
    ("10", INTEREST, "indicators", "Development of a proposed limited set of indicators"),
    ("11", INTEREST, "health", "CARAM Asia's priority area is promotion and protection of MW's health rights"),
    ("11", INTEREST, "participation", "Promote the meaningful participation of migrants in policy discussions"),
    ("12", INTEREST, "missing-migrants", "roundly supports the inclusion of Network Priority 2 on missing migrants"),
    ("12", R, "missing-migrants", "we encourage the Network to promote transnational mechanisms"),
    (
        "13",
        R,
        "detailed-workplan",
        "We would welcome the network’s guidance on when we will be able to comment on a more detailed draft",
    ),
    ("13", INTEREST, "climate", "We would be particularly interested in the climate workstream"),
    ("13", INTEREST, "indicators", "We also welcome the new proposed workstream on KPIs"),
]


@pytest.fixture(scope="module")
def seed():
    return load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)


@pytest.fixture(scope="module")
def vocabulary():
    return load_ask_vocabulary(root=ROOT)


def test_the_seed_consultations_asks_are_those_listed_by_hand(seed):
    found = [(row.comment_id.removeprefix(C), row.kind, row.theme_key, row.ask) for row in seed.asks.itertuples()]
    assert len(found) == len(HAND_LISTED)
    for (comment, kind, theme, ask), (want_comment, want_kind, want_theme, words) in zip(found, HAND_LISTED):
        assert (comment, kind, theme) == (want_comment, want_kind, want_theme), ask
        assert words in ask, (words, ask)
    assert set(seed.asks["stance"]) == {FOR}
    assert seed.comments_without_asks["comment_id"].tolist() == [C + "02", C + "06", C + "14"]


def test_each_ask_says_who_asked_the_question_and_its_codes(seed):
    rows = seed.asks.set_index(seed.asks["comment_id"] + "|" + seed.asks["theme_key"])
    recruitment = rows.loc[C + "08|recruitment"]
    assert recruitment["who"] == "CARAM Asia" and recruitment["question"] == 2
    assert recruitment["question_text"].startswith("What other priority areas should the Network consider")
    assert "Obj. 6 Recruitment and decent work" in recruitment["code_labels"]
    assert recruitment["wording"] == "verbatim"
    women = rows.loc[C + "03|women"].iloc[1]
    assert women["who"] == "not named" and "Gender-responsive" in women["code_labels"]
    # the sentences after the ask give its reasons (domestic work not covered under labour laws): coded with it
    assert "Access to decent work" in women["code_labels"]
    assert "Access to decent work" not in rows.loc[C + "03|women"].iloc[0]["code_labels"]  # the next ask ends it
    minors = rows.loc[C + "07|children"]
    # 'Our Confederation' names no organisation: never guessed, but its words are shown
    assert minors["who"] == "not named (writes of \u201cOur Confederation\u201d)" and minors["organisation"] == ""


def test_groups_count_comments_and_say_when_one_stakeholder_asks(seed):
    groups = {group.theme_key: group for group in seed.ask_groups}
    assert groups["children"].count_words() == (
        "2 of 14 comments (1 asking, 1 interest only): Caritas Internationalis Confederation and 1 that names no "
        "organisation (writes of \u201cOur Confederation\u201d); also mentioned, though not asked for, in 2 more comments "
        "(2 from Initiative for Child Rights in the Global Compacts)"
    )  # c02 and c10 write of children, asking for other things
    assert groups["climate"].count_words().startswith("2 of 14 comments (interest only): ")
    assert groups["recruitment"].one_stakeholder
    assert groups["recruitment"].count_words() == "1 of 14 comments: one stakeholder (CARAM Asia)"
    assert groups["diasporas"].count_words() == "1 of 14 comments: one stakeholder, whose organisation is not named"
    # two asks of one comment count the comment once
    assert groups["missing-migrants"].comments == 1 and len(groups["missing-migrants"].asks) == 2
    counts = [group.comments for group in seed.ask_groups]
    assert counts == sorted(counts, reverse=True)


def test_asks_for_and_against_a_theme_are_never_merged(vocabulary, seed):
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 3,
            "question": [1, 1, 2],
            "comment_id": ["x1", "x2", "x3"],
            "author": "",
            "organisation": "",
            "organisation_canonical": ["Alpha", "Beta", ""],
            "source": SEED,
            "truncated": False,
            "text": [
                "We recommend a dedicated item on recruitment reform.",
                "We oppose any new item on recruitment; recruitment should not be in this workplan.",
                "The Network should add recruitment reform to the workplan.",
            ],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    assert asks["stance"].tolist() == [FOR, AGAINST, FOR]
    groups = ask_groups(asks, 3)
    assert [(g.theme_key, g.stance, g.comments) for g in groups] == [
        ("recruitment", FOR, 2),
        ("recruitment", AGAINST, 1),
    ]
    assert groups[1].heading == "Recruitment reform (against)"
    assert groups[1].count_words() == "1 of 3 comments: one stakeholder (Beta)"


@pytest.mark.parametrize(
    "sentence, stance",
    [
        ("Recruitment should not be in this workplan.", AGAINST),
        ("The workplan should not include return.", AGAINST),
        ("Access to social protection must not depend on migration status.", FOR),  # a right asked for
        ("Migrants must not be excluded from health care.", FOR),
        ("We oppose a new item on remittances.", AGAINST),
    ],
)
def test_should_not_is_against_only_where_it_keeps_something_out_of_the_plan(vocabulary, sentence, stance):
    assert vocabulary.stance(sentence) == stance


def test_a_theme_one_stakeholder_asks_for_and_others_only_mention_is_never_said_to_be_theirs_alone(vocabulary, seed):
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 4,
            "question": [1, 1, 2, 2],
            "comment_id": ["x1", "x2", "x3", "x4"],
            "author": "",
            "organisation": "",
            "organisation_canonical": ["Alpha", "", "Gamma", "Alpha"],
            "source": SEED,
            "truncated": False,
            "text": [
                "We call on the Network to stop the criminalisation of humanitarian help.",
                "Humanitarian actors face criminalisation in several countries.",  # mentions it, asks nothing
                "We recommend a dedicated item on recruitment reform.",
                "We recommend a dedicated item on recruitment reform.",
            ],
        }
    )  # no mention of civic space
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = {g.theme_key: g for g in ask_groups(asks, 4, theme_mentions(comments, vocabulary))}
    civic = groups["civic-space"]
    assert civic.one_stakeholder and civic.mentioned_by == ("",)
    assert civic.count_words() == (
        "1 of 4 comments: one stakeholder (Alpha); also mentioned, though not asked for, "
        "in 1 more comment (1 that names no organisation)"
    )
    # a comment asking in the theme is one of its askers, never also a mention; two askers are not one stakeholder
    assert groups["recruitment"].mentioned_by == () and not groups["recruitment"].one_stakeholder
    message = ask_messages(list(groups.values()), asks, 4)
    assert message[0].endswith("The theme raised most, recruitment reform, comes up in 2 of 4 comments.")
    assert (
        "civic space, and no criminalisation of help to migrants (Alpha; also mentioned in 1 other comment)"
        in message[-1]
    )
    # without mentions given, nothing is said of other comments (an empty selection: no group at all)
    assert ask_groups(asks, 4)[0].mentioned_by == () and ask_groups(asks.iloc[0:0], 0) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Caritas Internationalis is particularly interested in the following priority areas:\n\n1. Safe pathways;\n"
            "2. Strengthening the socio-economic integration of migrants (New Priority 5);",
            ["Safe pathways;", "Strengthening the socio-economic integration of migrants (New Priority 5);"],
        ),
        (
            "We would like to express our interest in the following:\n\nContinue our engagement\n\n• Return (Ongoing "
            "Priority 5)\n• Detention\n\nThe rest is context.",
            ["Return (Ongoing Priority 5)", "Detention"],
        ),
        (
            "Under this priority area the particular areas are:\n\nPromote the participation of migrants. Other words.",
            ["Promote the participation of migrants."],
        ),
        ("This objective is supported by the Declaration, which recommends participation. We welcome it.", []),
        ("trafficking is real and we still have more victims that need help.", []),  # a need stated, not an ask
        ("Migrants were recommended by the panel as speakers.", []),
        (
            "Hold consultations at several levels. The Roundtable ought to tackle civic space.",
            ["Hold consultations at several levels.", "The Roundtable ought to tackle civic space."],
        ),
        ("", []),
    ],
)
def test_asks_at_sentence_level(vocabulary, text, expected):
    assert [ask.sentence.text for ask in vocabulary.asks_in(text)] == expected


# Comments from e-mails and meeting notes write asks bare ("Ensure access to ...") or report them ("Participants
# asked that ..."); the sentences beside each are no asks, so that finding more asks never costs precision.
@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Ensure access to social protection for all migrant workers regardless of status.", "opens with “Ensure”"),
        ("Include migrant workers in national social dialogue structures.", "opens with “Include”"),
        ("Extend health insurance to seasonal workers.", "opens with “Extend”"),
        ("Give migrants access to vocational training on the same terms as nationals.", "opens with “Give”"),
        ("Do not tie work permits to a single employer.", "opens with “Do not”"),
        ("Need for better data on migrant workers' wages, disaggregated by sex.", "opens with “Need for”"),
        ("Also ensure access to justice for domestic workers.", "opens with “ensure”"),
        ("Finally, include informal workers.", "opens with “include”"),
        ("Recommendation: include migrant workers in social dialogue.", "opens with “include”"),
        ("• ensure access to housing near workplaces", "opens with “ensure”"),  # a note's list item, lower case
        ("Participants asked that the guidance include a section on undocumented workers.", "Participants asked that"),
        (
            "Civil society representatives called for firewalls between labour inspection and immigration enforcement.",
            "representatives called for",
        ),
        ("Request to translate the guidance into French and Spanish.", "Request to"),
        ("It was agreed that the Network should map good practices.", "should"),
        ("The representative of UNHCR called for firewalls between inspection and enforcement.", "called for"),
        ("It needs to include a section on informal work.", "It needs to include"),
        ("The checklist needs to say who pays.", "checklist needs to"),
        ("Participants said that gender is missing from the draft.", "is missing from the"),
        # a request written as a question (an e-mail's "Could the deadline ... be extended?")
        ("Could the deadline for comments be extended by two weeks?", "Could the deadline for comments be extended"),
        ("Would it be possible to add a section on housing?", "Would it be possible to"),
        ("Can you share the list of good practices before the meeting?", "Can you share"),
    ],
)
def test_asks_written_bare_or_reported_in_notes_are_asks(vocabulary, sentence, cue):
    found = vocabulary.asks_in(sentence)
    assert [(ask.why, ask.stance, ask.kind) for ask in found] == [(cue, FOR, "request")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for sharing the draft guidance.",
        "Many migrants work in the informal economy, where they have no protection.",
        "Work is ongoing in three countries.",  # a noun opening, not an imperative
        "Use of the data was limited.",
        "Support was limited in 2023.",
        "Increase of wages has been slow.",
        "ensure access to justice was discussed at length.",  # lower case, no list, no label, no lead
        "Participants asked about the timeline.",  # a question asked, not an ask
        "Several participants raised the lack of affordable housing near workplaces.",
        "The Declaration recommended that States act.",  # another text's recommendation, reported
        "Action point: secretariat to circulate the revised draft by May.",
        "Note: the draft was shared in May.",
        "Never before have so many migrants worked here.",
        "We still have more victims that need help.",
        "Thousands of migrants are missing in the Mediterranean.",  # the missing migrants of a workstream, not a gap
        "A woman called on Monday to ask about permits.",
        # questions that ask nothing of the Network, and 'against' that is no objection
        "Could this be the reason the programme failed?",
        "Could the results be explained by the pandemic?",
        "Can you imagine working without a contract?",
        "Will the second draft be published in June?",
        "Violence against women migrants is common.",
        "Discrimination against migrants was discussed.",
        "They were up against long delays.",
        "The ministry supported the inclusion of refugees in national health systems in 2019.",  # a past policy reported
    ],
)
def test_sentences_that_ask_nothing_are_no_asks(vocabulary, sentence):
    assert vocabulary.asks_in(sentence) == []


def test_sentences_keep_their_place_and_join_lines_the_page_broke():
    text = "1. We recommend X, e.g. the plan. Then Z.\n\nwe still have more\n\nvictims that need help."
    found = sentences(text)
    assert [s.text for s in found] == [
        "We recommend X, e.g. the plan.",
        "Then Z.",
        "we still have more victims that need help.",
    ]
    assert all(" ".join(text[s.start : s.end].split()) == s.text for s in found)
    assert found[0].list_item and not found[1].list_item


def test_an_organisations_name_is_no_cue_and_no_theme(vocabulary):
    assert vocabulary.asks_in("The Network of Girls Against Human Trafficking Should Know works in Gambia.") == []
    assert vocabulary.theme_of("Initiative for Child Rights in the Global Compacts welcomes the plan.") is None


def test_no_comment_and_no_ask_are_said_plainly(seed, vocabulary):
    empty = asks_table(seed.coded.iloc[0:0], vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    assert empty.empty and ask_groups(empty, 0) == []
    assert ask_messages([], empty, 3) == ["No ask was found in the 3 comments."]


def test_key_messages_lead_with_the_asks_and_end_with_who_checked(seed):
    messages = key_messages(seed)
    assert 3 <= len(messages) <= 5
    assert messages[0].startswith(
        "8 of 14 comments ask for a change, an addition or an action; 3 more only say which priorities interest "
        "them or have their support; in 3 no ask was found. Apart from this workstream's own priority, the themes "
        "raised most, in asks or statements of interest, come up in only 2 of 14 comments each: more detail in the "
        "workplan; "
    )  # one count for all five: said once
    # theme labels holding an 'and' of their own are listed with semicolons, so that each can be told apart
    assert messages[0].endswith(
        "children and migrant minors; climate change and migration; and how progress is measured."
    )
    assert messages[1] == (
        "3 comments speak to this workstream's own priority (New Priority 5, \u201cStrengthening the socio-economic "
        "integration of migrants\u201d): Caritas Internationalis Confederation and 2 that name no organisation. Their "
        "asks for it: migrants' participation in policy-making and diasporas. Caritas Internationalis Confederation "
        "states its interest in it."
    )
    # 'the workstream's checklist (decent work, access to financing)' read as a checklist of two themes
    assert messages[2] == (
        "Asks that touch a theme of the workstream's checklist: women "
        "migrants' rights and gender (organisation not named); and recruitment reform (CARAM Asia)."
    )
    # themes named above are not listed again; interest alone is not 'asked for'
    # diasporas is named above, among the asks for the workstream's own priority: not listed again
    assert messages[3] == (
        "Themes not named above that a single stakeholder asks for: missing migrants (International "
        "Human Rights Clinic, Boston University School of Law)."
    )
    assert messages[-1] == (
        "Every count rests on codes checked by an AI assistant, not yet by a person; 3 codes the coder gave were "
        "rejected by a check and are not counted."
    )
    assert not any("reviewed" in message for message in messages)


def test_the_asks_section_escapes_hub_text_and_labels_paraphrases(seed, vocabulary):
    hostile = seed.coded.iloc[[0]].assign(
        text="We recommend <script>alert(1)</script> & more.", source="hub-imrf-roundtable-4", truncated=False
    )
    asks = asks_table(hostile, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    from workbooks.consultation.asks import AsksSection

    html = AsksSection(
        asks,
        ask_groups(asks, 1),
        1,
        seed.questions,
        seed.titles,
        seed.comments_without_asks.iloc[0:0],
        paraphrased_sources=["hub-imrf-roundtable-4"],
    ).html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "paraphrase, not the author's words" in html
    section = asks_section(seed)
    data, metadata = section._repr_mimebundle_()
    text = " ".join(parse_html(data["text/html"]).text)
    assert "Recruitment reform" in text and "one stakeholder (CARAM Asia)" in text
    assert "would like to draw attention on the recruitment reform area" in text
    assert (
        data["text/csv"]
        .splitlines()[0]
        .startswith(
            "theme,kind,who asked,question answered,ask,cut off by the page,wording,codes (the ask and its reasons)"
        )
    )
    assert "On this workstream's own priority (New Priority 5" in text
    assert "This priority area is not yet supported by suggested activities in the draft workplan." in text
    assert len(data["text/csv"].splitlines()) > len(HAND_LISTED)  # one line per ask (and a header)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["cues"].append("(?=x)"), "key 'cues'"),
        (
            lambda d: d["themes"].append({"key": "children", "label": "Again", "patterns": ["x"]}),
            "key 'key' of theme 'children': appears twice",
        ),
        (lambda d: d["themes"][0].pop("label"), "needs exactly the keys key, label and patterns"),
        (lambda d: d.pop("reported"), "missing key reported"),
        (lambda d: d.update(imperatives=["two words"]), "key 'imperatives': must be a list of single words"),
        (
            lambda d: d["themes"][0].update(this_workstream="yes"),
            "key 'this_workstream' of theme 'detailed-workplan': must be true",
        ),
        (
            lambda d: d["themes"][0].update(this_workstream=True),
            "key 'this_workstream' of theme 'integration': is already given to theme 'detailed-workplan'",
        ),
    ],
)
def test_a_bad_asks_file_names_its_line_and_key(tmp_path, change, message):
    import yaml

    document = yaml.safe_load((ROOT / "data" / "asks.yaml").read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "asks.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        parse_ask_vocabulary(read_yaml_file(path), path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_asks_touching_codes_are_named_with_who_asks_and_nothing_when_none_does(seed):
    from workbooks.consultation.asks import touching_message

    assert touching_message(seed.ask_groups, ["gcm-23-not-a-code"], "the codes in focus") == ""
    message = touching_message(seed.ask_groups, ["theme-decent-work"], "decent work", shown=1)
    assert message.startswith("Asks that touch decent work: ") and message.endswith(" and 1 more theme.")
    assert "also mentioned" not in touching_message(
        seed.ask_groups, ["theme-decent-work", "theme-access-to-financing"], "x"
    )


def test_the_theme_of_this_workstreams_priority_is_the_one_the_file_marks(tmp_path):
    import yaml

    assert load_ask_vocabulary(root=ROOT).workstream_theme == "integration"
    document = yaml.safe_load((ROOT / "data" / "asks.yaml").read_text(encoding="utf-8"))
    for theme in document["themes"]:
        theme.pop("this_workstream", None)
    path = tmp_path / "asks.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert parse_ask_vocabulary(read_yaml_file(path), path).workstream_theme == ""


def test_an_asks_tags_never_show_a_code_a_check_rejected_for_its_comment(seed):
    """c10's return ask reads 'rights-based', but the check rejected human rights for c10: no tag."""
    rows = seed.asks[seed.asks["comment_id"] == C + "10"].set_index("theme_key")
    assert "Human rights" not in rows.at["return", "code_labels"]
    assert "Obj. 21 Dignified return and reintegration" in rows.at["return", "code_labels"]
    assert "Obj. 7" not in rows.at["regular-pathways", "code_labels"]  # also rejected for c10


def test_a_long_ask_is_shown_from_its_first_word():
    """'There is a gender dimension ...' is never shown as '...is a gender dimension'."""
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)
    for row in inputs.asks.itertuples():
        assert row.ask.startswith(row.shown.removesuffix("…").rstrip()[:40]), row.shown


def test_a_focus_brief_leads_with_what_the_comments_say_of_its_focus():
    import yaml

    focus = yaml.safe_load(
        (ROOT / "params" / "consultation_inputs" / "draft_workplan_2022_decent_work.yaml").read_text(encoding="utf-8")
    )["codes_in_focus"]
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], focus, root=ROOT)
    messages = key_messages(inputs)
    assert messages[0].startswith("On the workstream's checklist, access to decent work is raised by 2 of 14")
    assert messages[0].endswith(
        "no comment raises job creation, social protection, social dialogue or access to financing."
    )
    assert messages[1].startswith("3 comments speak to this workstream's own priority (New Priority 5")
    assert messages[2].startswith("Asks that touch the checklist themes in focus: women migrants' rights and gender")
    assert "remittances" not in messages[2]  # c06 observes that more is to be done for remittances: no ask
    # objectives and principles in one sentence a reader can forward: the most raised, then those none raises
    # whole-of-society, raised by 4 as Obj. 16 is, is named with it: a tie is never 'raised by fewer'
    assert messages[3] == (
        "Of the GCM objectives and guiding principles in focus, gender-responsive (5 of 14), Obj. 16 "
        "Inclusion and social cohesion (4) and whole-of-society approach (4) come up most, 5 more by "
        "fewer; no comment raises Obj. 22 Social protection."
    )
    assert messages[-1] == (
        "Every count rests on codes checked by an AI assistant, not yet by a person; 3 codes the coder gave were "
        "rejected by a check and are not counted."
    )
    section = asks_section(inputs).html()  # only the themes touching the checklist themes in focus are shown whole
    assert "Recruitment reform" in section and "would like to draw attention on the recruitment reform area" in section
    assert "<strong>Missing migrants</strong>: 1 of 14 comments" in section
    # the other themes touch none of the checklist themes in focus (they may carry its objectives or principles)
    assert "(none touches the checklist themes in focus; every ask is in the tables download)" in section
    assert "<strong>Children and migrant minors</strong>: 2 of 14 comments" in section
    assert "transnational mechanisms" not in section


def test_the_heatmaps_title_names_a_tie_and_never_calls_one_of_the_tied_the_largest_share():
    from workbooks.consultation.brief import heatmap_title

    table = pd.DataFrame({"civil society/NGO": [2, 1], "unknown": [1, 1], "UN entity": [0, 1]}, index=["a", "b"])
    assert heatmap_title(table) == "The largest share of code mentions (3 of 6) come from civil society/NGO comments"
    assert heatmap_title(table.assign(unknown=[2, 1])) == (
        "Civil society/NGO comments and comments of unknown stakeholder type each bring 3 of the 7 code mentions"
    )
    assert (
        heatmap_title(table.assign(unknown=[5, 1]))
        == "Most code mentions (6 of 10) come from comments of unknown stakeholder type"
    )


def test_the_heatmaps_title_counts_every_code_not_only_those_drawn(seed):
    from workbooks.consultation.brief import heatmap_figure

    figure, _, _, _, paper, title = heatmap_figure(seed)
    assert (
        figure.axes[0].get_title(loc="right").replace("\n", " ")
        == title
        == ("Civil society/NGO comments and comments of unknown stakeholder type each bring 23 of the 50 code mentions")
    )
    # on paper, the chart's cells as a table: the same counts, one row per code drawn
    assert list(paper.columns)[0] == "code" and len(paper) == len(figure.axes[0].get_yticks())
    assert paper.set_index("code").loc["Gender-responsive"].to_dict() == {"civil society/NGO": 1, "unknown": 4} | {
        column: 0 for column in paper.columns[1:] if column not in ("civil society/NGO", "unknown")
    }


@pytest.mark.parametrize(
    "text, kinds",
    [
        (
            "We are particularly interested in the following:\n\n• Detention\n• Promote the participation of migrants.",
            ["interest", "interest"],
        ),  # an item opening with a verb names an area of interest, as the list does
        (
            "We are particularly interested in the following:\n\n• Detention\n• We recommend a new item on detention.",
            ["interest", "request"],
        ),  # a request cue of its own asks for something
        (
            "We welcome the new proposed workstream on KPIs. We would welcome guidance on the next draft.",
            ["interest", "request"],
        ),
        (
            "The IHRC roundly supports the inclusion of Priority 2. We encourage the Network to promote mechanisms.",
            ["interest", "request"],
        ),
        # meeting notes write support in the past tense: of the text consulted on, an interest
        ("Caritas supported the inclusion of social protection floors in the checklist.", ["interest"]),
        ("Members supported the inclusion of a new priority on housing.", ["interest"]),
    ],
)
def test_requests_and_interests_are_told_apart(vocabulary, text, kinds):
    assert [ask.kind for ask in vocabulary.asks_in(text)] == kinds


def test_the_workstream_priority_passages_name_it_or_point_back_at_it(seed):
    passages = seed.workstream_passages
    assert passages["comment_id"].str.removeprefix(C).tolist() == ["04", "04", "04", "05", "09"]
    assert (
        passages["sentence"].iloc[1]
        == "This priority area is not yet supported by suggested activities in the draft workplan."
    )
    # c09's '(if this Priority is (re)activated)' points at Ongoing Priority 6, named in the same sentence: left out
    assert not passages["sentence"].str.contains("Paris Agreement").any()
    assert passages["kind"].tolist() == ["", "", "request", "request", "interest"]
    assert bool(passages["cut_by_page"].iloc[3]) and not passages["cut_by_page"].iloc[0]


def test_a_hub_comment_is_read_in_its_fuller_signed_copy():
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-3"], [], root=ROOT)
    iom = hub.coded.set_index("comment_id").loc["hub-imrf-roundtable-3-c01"]
    assert "We should keep spotlighting" in iom["text"] and iom["source"] == "hub-imrf-roundtable-3-v2"
    assert iom["organisation_canonical"] == "IOM"
    # even the fuller copy stops four words into its ask: it cannot be read, so it is not listed
    assert not (hub.asks["comment_id"] == "hub-imrf-roundtable-3-c01").any()


def test_an_ask_the_page_cuts_before_it_can_be_read_is_left_out(seed, vocabulary):
    cut = seed.coded.iloc[[0]].assign(
        text="We welcome the plan. We should keep spotlighting and optimi...", truncated=True
    )
    assert asks_table(cut, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources).empty
    whole = cut.assign(truncated=False)  # the same words, not cut: an ask
    assert len(asks_table(whole, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)) == 1
    longer = cut.assign(
        text="We should keep spotlighting remittances and optimising the channels migrants use to send..."
    )
    assert len(asks_table(longer, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)) == 1


def test_a_question_the_page_numbers_itself_keeps_its_own_number():
    from workbooks.consultation.asks import question_labels

    hub = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        ["hub-imrf-roundtable-4", "hub-climate-change-consultation"],
        [],
        root=ROOT,
    )
    labels = question_labels(hub.asks, hub.titles, hub.questions)
    # roundtable 4's only question stands first on its page but the page numbers it '3. Which emerging ...'
    assert labels[("hub-imrf-roundtable-4", 1)] == "Q3, IMRF Round table 4 Consultation"
    assert (
        labels[("hub-climate-change-consultation", 2)] == "Q2, Climate Change Consultation"
    )  # no own number: its place


def test_most_spoken_of_counts_the_subjects_most_first_then_the_others_and_the_comments_naming_none():
    from collections import Counter

    from workbooks.consultation.asks import _most_spoken_of

    subjects = Counter(["diasporas"] * 3 + ["children"] * 1_203 + ["housing"] * 3 + [None] * 12 + ["remittances"])
    assert _most_spoken_of(subjects, 1_222, 2) == (
        "The 1,222 comments with no ask speak most of children (1,203 comments); diasporas (3 comments); and 2 other "
        "subjects. 12 name none of the project's themes or codes."
    )
    assert _most_spoken_of(Counter([None, None]), 2, 4) == ""


def test_the_comments_with_no_ask_are_said_by_their_first_theme_or_code_and_who_posted_them():
    import yaml

    from workbooks.consultation.asks import unasked_message
    from workbooks.consultation.brief import codes_of_comments

    discussions = yaml.safe_load(
        (ROOT / "params" / "consultation_inputs" / "hub_discussion_spaces.yaml").read_text(encoding="utf-8")
    )["discussions"]
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", discussions, [], root=ROOT)
    codes = codes_of_comments(hub)
    message = unasked_message(hub.coded, hub.comments_without_asks, hub.ask_vocabulary, codes)
    # roundtable 3's second comment names the social protection theme (asks.yaml v7; before, its first code stood for it)
    assert message == (
        "The 3 comments with no ask speak of civic space, and no criminalisation of help to migrants "
        "(organisation not named); diasporas (IOM); and social protection (organisation not named)."
    )
    assert key_messages(hub)[2] == message
    one = unasked_message(hub.coded, hub.comments_without_asks.tail(1), hub.ask_vocabulary, codes)
    assert one == "The comment with no ask speaks of social protection (organisation not named)."
    assert unasked_message(hub.coded, hub.comments_without_asks, hub.ask_vocabulary, codes, shown=1) == (
        "The 3 comments with no ask speak most of civic space, and no criminalisation of help to migrants (1 comment); "
        "and 2 other subjects."
    )  # past what it names one by one, it counts the subjects: on 20,000 comments, 'and 8,010 more' said nothing
    assert unasked_message(hub.coded, hub.comments_without_asks.head(0), hub.ask_vocabulary, codes) == ""
    # its theme is said without the codes too
    assert unasked_message(hub.coded, hub.comments_without_asks.tail(1), hub.ask_vocabulary, {}) == one


def test_the_workstreams_own_theme_points_to_the_box_with_every_sentence_on_the_priority(seed):
    """One count, the box's: the theme's own count (1 comment's interest, 1 more mentioning it) read as a
    different number from the 3 comments the box quotes."""
    section = asks_section(seed).html()
    theme = section.split("(this workstream)</h3>")[1].split("</p>")[0]
    assert theme.endswith(
        ">3 of 14 comments speak to the priority; every sentence on it, the asks among them, is in the box above"
    )
    assert section.count("is in the box above") == 1  # no other theme says it


def test_a_questions_number_is_said_once_and_the_list_says_which_questions_drew_asks():
    import yaml

    from workbooks.consultation.asks import _without_its_number

    assert (
        _without_its_number("Q3, IMRF Round table 4", "3. Which emerging challenges?") == "Which emerging challenges?"
    )
    assert _without_its_number("Q3", "3) Which?") == "Which?"
    assert _without_its_number("Q2, IMRF", "3. Which?") == "3. Which?"  # another number: the page's words kept
    assert _without_its_number("Q1", "2024 was a year") == "2024 was a year"
    discussions = yaml.safe_load(
        (ROOT / "params" / "consultation_inputs" / "hub_discussion_spaces.yaml").read_text(encoding="utf-8")
    )["discussions"]
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", discussions, [], root=ROOT)
    section = asks_section(hub).html()
    assert (
        "The questions these asks answer (3 of the 6 questions the comments answer; the others drew no ask):" in section
    )
    assert "Consultation</strong> Which emerging or priority challenges" in section
    seed_section = "".join(
        asks_section(load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)).html()
    )
    assert "The questions these asks answer:" in seed_section  # all 3 drew asks: no count
    assert "<details" not in seed_section.split("brief-asks-questions-lead")[0].split("brief-asks-lead")[1]


def test_a_long_list_of_questions_folds_into_a_line_that_opens_to_it_and_prints_as_that_line(seed, monkeypatch):
    """On 20,000 synthetic comments the 132 questions their asks answer filled seven printed pages before the first
    ask. Past QUESTIONS_LISTED, the list opens from a line saying how many there are; on paper that line is all."""
    from workbooks.consultation import asks

    listed = asks_section(seed).html()
    assert "questions these asks answer, each with" not in listed  # 3 questions: listed as they are
    monkeypatch.setattr(asks, "QUESTIONS_LISTED", 2)
    folded = asks_section(seed).html()
    opening = folded.split('<details class="brief-folded brief-asks-questions-folded"><summary>')[1].split(
        "</summary>"
    )[0]
    assert opening == (
        "The 3 questions these asks answer, each with the label its asks carry"
        '<span class="brief-screen-only">: open to read them</span>'
        '<span class="brief-print-only">: listed in the HTML brief</span>'
    )
    inside = folded.split("</summary>")[1].split("</details>")[0]
    assert "The questions these asks answer:" in inside and inside.count("<strong>") == 3


def test_the_chart_caption_says_the_checklist_themes_come_first_then_the_most_frequent(seed):
    import matplotlib.pyplot as plt

    from workbooks.consultation.brief import frequency_figure

    figure, caption, *_ = frequency_figure(seed)
    drawn = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    plt.close("all")
    assert len(seed.frequency) > len(drawn) == 15
    assert caption.startswith(
        "Comments raising 15 of the 22 codes raised: every checklist theme raised, then the most frequent of the others"
    )
    assert "Access to decent work" in drawn  # a checklist theme raised by 2 is drawn, ahead of codes raised as often


def test_the_priorities_section_shows_only_where_a_comment_refers_to_a_priority(seed):
    from workbooks.consultation.brief import PRIORITIES_HEADING, codes_section, priorities_section

    shown = priorities_section(seed)
    assert PRIORITIES_HEADING in shown[0]._repr_mimebundle_()[0]["text/html"]
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-4"], [], root=ROOT)
    assert priorities_section(hub) == []  # a heading over 'none' is no finding ...
    said = " ".join(
        block._repr_mimebundle_()[0]["text/html"] if hasattr(block, "_repr_mimebundle_") else getattr(block, "data", "")
        for block in codes_section(hub)
    )
    assert "No comment refers to a workplan priority by number or title." in said  # ... the findings say it


def test_who_asked_says_a_named_poster_names_no_organisation():
    from workbooks.consultation.analysis import who_asked

    assert who_asked({"organisation": "CARAM Asia", "author": "Someone"}) == "CARAM Asia"
    assert who_asked({"organisation": "", "author": "Mohamed Osman", "text": "x"}) == (
        "not named (by Mohamed Osman, who names no organisation)"
    )
    assert who_asked({"organisation": "", "author": "", "text": "Our Confederation would recommend"}) == (
        "not named (writes of \u201cOur Confederation\u201d)"
    )
    assert who_asked({"organisation": "", "author": "", "text": "We ask"}) == "not named"


def test_asks_outside_every_theme_are_counted_in_the_key_messages(seed, vocabulary):
    """A consultation on other subjects than the list's themes: its asks fall in 'Other asks', and the key
    message counts them instead of saying that each theme has a single stakeholder."""
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 4,
            "question": [1] * 4,
            "comment_id": [f"{C}9{n}" for n in range(4)],
            "author": [""] * 4,
            "organisation": ["Alpha", "", "", ""],
            "organisation_canonical": ["Alpha", "", "", ""],
            "source": ["seed-002"] * 4,
            "text": [
                "Extend health insurance to seasonal workers.",
                "Give migrants access to vocational training on the same terms as nationals.",
                "Offer mentoring programmes for migrant entrepreneurs.",
                "Thank you for the draft.",
            ],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = ask_groups(asks, 4, theme_mentions(comments, vocabulary))
    message = ask_messages(groups, asks, 4)
    assert message[0].startswith("3 of 4 comments ask for a change, an addition or an action; in 1 no ask was found. ")
    assert "2 of 4 comments ask for things outside the themes of the project's list of asks. " in message[0]
    assert message[0].endswith(
        "Each of the themes of the list is asked for by a single stakeholder: "
        "migrants' health and health rights (Alpha)."
    )
    # no theme of the list asked for: the count alone, no empty list of themes
    only_other = asks[asks["theme_key"] == "other"]
    assert ask_messages(ask_groups(only_other, 4), only_other, 4) == [
        "2 of 4 comments ask for a change, an addition or an action; in 2 no ask was found. 2 of 4 comments ask for "
        "things outside the themes of the project's list of asks."
    ]


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("We oppose including recruitment fees in this workstream.", "We oppose"),
        ("Members objected to the new priority on returns.", "Members objected to"),
        (
            "Some participants were against making language tests a condition for permanent residence.",
            "participants were against",
        ),  # meeting notes
    ],
)
def test_an_objection_is_an_ask_against(vocabulary, sentence, cue):
    assert [(ask.why, ask.stance) for ask in vocabulary.asks_in(sentence)] == [(cue, AGAINST)]


def test_consulting_migrants_is_their_participation_not_the_theme_of_the_ask_before(vocabulary, seed):
    """A researcher's e-mail: 'Ensure ... basic health care ... We also urge the Network to consult migrants
    themselves ...' filed both asks under health: the second named no theme and took that of the ask before it.
    Consulting migrants is their participation. An ask naming no theme still takes that of the ask before it
    (a list on one subject), else its comment's subject (a walk's e-mail: bank accounts, then financial inclusion)."""
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 3,
            "question": [1] * 3,
            "comment_id": ["x1", "x2", "x3"],
            "author": "",
            "organisation": "",
            "organisation_canonical": "",
            "source": SEED,
            "truncated": False,
            "text": [
                "Ensure that undocumented migrants can access basic health care. We also urge the Network to "
                "consult migrants themselves before the final version.",
                "It would be useful to add examples of policies that let refugees open bank accounts. Financial "
                "inclusion is missing from the draft.",
                "We recommend the following:\n\n• Extend health insurance to seasonal workers.\n• Publish the rules.",
            ],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    assert asks["theme_key"].tolist() == ["health", "participation", "remittances", "remittances", "health", "health"]


def test_other_asks_are_never_named_as_asks_on_the_codes_some_of_them_touch(vocabulary, seed):
    """A researcher's walk: 'asks on social protection, social dialogue and access to decent work (7 comments)'
    named the 'Other asks' group, whose asks are also on housing and employers' role in skills recognition. The
    group is named as what it is, with how many of its comments touch which codes; the theme raised most is not
    said without the larger count of comments asking for things outside the list's themes."""
    from workbooks.consultation.asks import touching_message

    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 5,
            "question": [1] * 5,
            "comment_id": [f"x{n}" for n in range(5)],
            "author": "",
            "organisation": "",
            "organisation_canonical": ["Alpha", "Beta", "", "Gamma", "Delta"],
            "source": SEED,
            "truncated": False,
            "text": [
                "We recommend that the checklist include an item on access to unemployment benefits for migrant "
                "workers on temporary permits.",
                "The guidance should recognise the role of employers in mentoring newcomers.",
                "Participants: ensure access to affordable public transport is covered.",
                "Please add a section on women domestic workers.",
                "We recommend a gender-responsive budgeting example.",
            ],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = ask_groups(asks, 5, theme_mentions(comments, vocabulary))
    assert [(g.theme_key, g.comments) for g in groups] == [("women", 2), ("other", 3)]
    message = touching_message(groups, ["theme-social-protection"], "a theme of the workstream's checklist")
    assert message == (
        "Asks that touch a theme of the workstream's checklist: other asks (3 comments; 1 of them "
        "touches social protection)."
    )
    assert "asks on social protection" not in message
    assert ask_messages(groups, asks, 5)[0].endswith(
        "The theme raised most, women migrants' rights and gender, comes up in 2 of 5 comments; more comments, 3 of 5, "
        "ask for things outside the themes of the project's list of asks."
    )


def test_a_comment_asking_about_a_theme_under_another_is_never_said_not_to_ask_for_it(vocabulary, seed):
    """A researcher's walk: remittances were 'also mentioned, though not asked for, in 1 more comment (African
    Diaspora Network)', whose ask ('should encourage lower transfer costs and diaspora investment schemes') is
    filed under diasporas."""
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * 3,
            "question": [1] * 3,
            "comment_id": ["x1", "x2", "x3"],
            "author": "",
            "organisation": "",
            "organisation_canonical": ["Alpha", "African Diaspora Network", "Gamma"],
            "source": SEED,
            "truncated": False,
            "text": [
                "Financial inclusion is missing from the draft.",
                "Diaspora remittances are a lifeline. The guidance should encourage lower transfer costs and diaspora "
                "investment schemes.",
                "Remittances matter to families. We welcome the draft.",
            ],
        }
    )  # mentions remittances, asks nothing
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = {g.theme_key: g for g in ask_groups(asks, 3, theme_mentions(comments, vocabulary))}
    words = groups["remittances"].count_words()
    assert words == (
        "1 of 3 comments: one stakeholder (Alpha); also mentioned, though not asked for, in 1 more comment "
        "(Gamma); also named in the ask of 1 more comment, filed under another theme (African Diaspora "
        "Network, under diasporas)"
    )
    assert "not asked for, in 2" not in words


def test_the_asks_lead_names_the_question_only_where_the_comments_answer_one(vocabulary, seed):
    """E-mails and meeting notes answer no question: their asks are never said to answer one."""
    from workbooks.consultation.asks import lead_sentence

    assert "who asked, the question it answers, whether" in lead_sentence(seed.asks, seed.ask_groups, 14)
    comments = pd.DataFrame(
        {
            "discussion": ["email-2024"],
            "question": [None],
            "comment_id": ["e1"],
            "author": "",
            "organisation": "",
            "organisation_canonical": "",
            "source": "e-mail",
            "truncated": False,
            "text": ["Please add a section on women domestic workers."],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    lead = lead_sentence(asks, ask_groups(asks, 1), 1)
    assert "question" not in lead and lead.endswith(
        "Each line is one ask: who asked, whether it asks for something or states an interest, and its sentence."
    )


@pytest.mark.parametrize(
    "sentence, stance, cue",
    [
        ("I am against including mandatory integration tests in the checklist.", AGAINST, "I am against"),
        (
            "Several participants disagreed with the suggestion to drop the financing pillar.",
            AGAINST,
            "participants disagreed with",
        ),
        ("Could the guidance also say something about emigrants?", FOR, "Could the guidance also say"),
    ],
)
def test_objections_and_questions_to_the_text_written_in_e_mails_and_notes_are_asks(vocabulary, sentence, stance, cue):
    assert [(ask.why, ask.stance) for ask in vocabulary.asks_in(sentence)] == [(cue, stance)]


def test_curiosity_about_the_process_is_no_interest_in_a_priority(vocabulary):
    assert vocabulary.asks_in("Participants were interested in how the Network will follow up.") == []
    assert vocabulary.asks_in("Participants were interested in the priority on decent work.") != []


@pytest.mark.parametrize(
    "text, theme, code_in, code_out",
    [
        # childcare lets parents (mostly mothers) work: gender and decent work, never a children's-rights theme
        (
            "Ensure that migrant women have access to childcare.",
            "women",
            "theme-decent-work",
            "principle-child-sensitive",
        ),
        (
            "We recommend affordable child care for migrant parents, so that both can take up work.",
            "integration",
            "theme-decent-work",
            "principle-child-sensitive",
        ),
        # children's own rights stay children's
        ("Ensure children's right to education.", "children", "principle-child-sensitive", "theme-decent-work"),
        (
            "We recommend protection for unaccompanied children in reception centres.",
            "children",
            "principle-child-sensitive",
            "theme-decent-work",
        ),
    ],
)
def test_childcare_is_parents_access_to_work_not_a_childrens_theme(vocabulary, seed, text, theme, code_in, code_out):
    comments = pd.DataFrame(
        {
            "discussion": [SEED],
            "question": [1],
            "comment_id": ["x1"],
            "author": "",
            "organisation": "",
            "organisation_canonical": "",
            "source": SEED,
            "truncated": False,
            "text": [text],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    assert asks["theme_key"].tolist() == [theme]
    codes = asks["codes"].iloc[0].split(";")
    assert code_in in codes and code_out not in codes


def test_a_themes_exclude_phrases_are_checked_like_its_patterns(tmp_path):
    import yaml

    document = yaml.safe_load((ROOT / "data" / "asks.yaml").read_text(encoding="utf-8"))
    children = next(theme for theme in document["themes"] if theme["key"] == "children")
    assert children["exclude"] == ["child[- ]?care"]
    children["exclude"] = ["(?<=x)child"]
    path = tmp_path / "asks.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CodebookError, match="key 'exclude' of theme 'children'"):
        parse_ask_vocabulary(read_yaml_file(path), path)


@pytest.mark.parametrize(
    "sentence, theme",
    [
        # an investment in something else is no remittance; victims of something else are not trafficked (v7)
        ("We recommend investment in free language courses for newly arrived refugees.", "skills"),
        ("The guidance should cover migrant domestic workers who are victims of abuse by their employers.", None),
        ("Support diaspora investment schemes.", "diasporas"),  # diasporas come first in the file
        ("We ask for lower fees on migrants' investments back home.", "remittances"),
        ("Protect victims of trafficking.", "trafficking"),
        # the workstream's own subjects are themes of their own
        ("Ensure recognition of their skills and qualifications.", "skills"),
        ("Migrants should be able to join trade unions.", "decent-work"),
        ("Ensure access to social protection for migrant workers.", "social-protection"),
        ("We recommend measures against informal work.", "decent-work"),
        ("Ensure access to affordable housing.", "integration"),
    ],
)
def test_a_theme_is_named_by_what_the_sentence_is_about_not_a_word_it_shares(vocabulary, sentence, theme):
    assert (vocabulary.theme_of(sentence) or (None,))[0] == theme


def test_a_theme_of_many_asks_lists_the_first_and_says_how_many_more(vocabulary, seed):
    # thousands of comments would print hundreds of pages of asks: the page lists 25 a theme, the download all
    import dataclasses

    from workbooks.consultation.asks import ASKS_SHOWN, more_not_listed

    n = ASKS_SHOWN + 3
    comments = pd.DataFrame(
        {
            "discussion": [SEED] * n,
            "question": [1] * n,
            "comment_id": [f"x{i}" for i in range(n)],
            "author": "",
            "organisation": "",
            "organisation_canonical": "",
            "source": SEED,
            "truncated": False,
            "text": [f"We recommend that the guidance covers migrant women number {i}." for i in range(n)],
        }
    )
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    assert len(asks) == n
    groups = ask_groups(asks, n, theme_mentions(comments, vocabulary))
    from workbooks.consultation.asks import _GroupView

    view = _GroupView(groups[0], {})
    assert len(view.rows) == ASKS_SHOWN and view.rows[-1]["ask"].endswith(f"number {ASKS_SHOWN - 1}.")
    assert view.more == "and 3 more asks on this theme, not listed here: every ask is in the tables download"
    assert _GroupView(dataclasses.replace(groups[0], asks=groups[0].asks.head(ASKS_SHOWN)), {}).more == ""
    one_more = _GroupView(dataclasses.replace(groups[0], asks=groups[0].asks.head(ASKS_SHOWN + 1)), {}).more
    assert one_more == "and 1 more ask on this theme, not listed here: every ask is in the tables download"
    assert more_not_listed(ASKS_SHOWN + 1, "sentence", " on it", "") == "and 1 more sentence on it, not listed here"
    assert more_not_listed(ASKS_SHOWN + 1_200, "sentence", " on it", "").startswith("and 1,200 more sentences on it")


def test_asks_filed_under_other_themes_are_said_by_theme_and_organisation_never_one_by_one():
    """At 10,000 comments the line under a theme listed every comment ('organisation not named, under climate change
    and migration, organisation not named, under ...'): 75 printed pages at 100,000. It grows with the organisations."""
    from workbooks.consultation.asks import AskGroup

    def group(asked_elsewhere) -> AskGroup:
        return AskGroup(
            "remittances", "Remittances", "for", 1, 9, ("Alpha",), 0, pd.DataFrame(), (), (), asked_elsewhere
        )

    assert group((("", "Climate change and migration"),)).asked_elsewhere_words() == (
        "organisation not named, under climate change and migration"
    )
    assert group((("CARAM Asia", "Diasporas"), ("", "Housing"))).asked_elsewhere_words() == (
        "CARAM Asia, under diasporas and organisation not named, under housing"
    )
    many = group(
        (("UNDP", "Climate change and migration"),)
        + (("", "Climate change and migration"),) * 1204
        + (("IOM", "Climate change and migration"),) * 2
        + (("ILO", "Housing"),)
    )
    assert many.asked_elsewhere_words() == (
        "2 from IOM, UNDP and 1,204 that name no organisation, under climate change and migration; ILO, under housing"
    )
    assert "filed under another theme (2 from IOM, UNDP and 1,204 that name no organisation" in many.mentioned_words()
    assert "in the asks of 1,208 more comments" in many.mentioned_words()


def test_the_workstreams_key_message_says_who_states_their_interest_by_organisation_never_comment_by_comment():
    """On 20,000 comments the key message named every comment stating its interest, one by one ('not named (by
    Participant 5572, ...), OHCHR, ...'), in a sentence that opened in lower case. It names the organisations, the
    most comments first, and counts the comments that name none."""
    from workbooks.consultation.asks import INTEREST, REQUEST, priority_message

    who = [f"not named (by Participant {n}, who names no organisation)" for n in range(1, 1_202)]
    who += ["OHCHR", "ILO", "ILO"]
    passages = pd.DataFrame(
        {
            "comment_id": [f"c{n}" for n in range(len(who))] + ["asking"],
            "who": who + ["IOM"],
            "organisation": [""] * 1_201 + ["OHCHR", "ILO", "ILO", "IOM"],
            "kind": [INTEREST] * len(who) + [REQUEST],
            "theme": [""] * len(who) + ["Diasporas"],
        }
    )
    message = priority_message(passages, "New Priority 5")
    assert message.endswith(
        "Their asks for it: diasporas. 2 from ILO; OHCHR; and 1,201 that name no organisation state their interest in it."
    )
    one = priority_message(passages.tail(2).assign(kind=[INTEREST, REQUEST]), "New Priority 5")
    assert one.endswith(" ILO states its interest in it.")
    unnamed = priority_message(passages.iloc[[0, -1]], "New Priority 5")
    assert unnamed.endswith(" Not named (by Participant 1, who names no organisation) states its interest in it.")


def _one_question(texts: list[str], organisations: list[str]) -> pd.DataFrame:
    """Comments of the seed's first question, x0, x1, ..., each with its text and organisation ('' for none)."""
    return pd.DataFrame(
        {
            "discussion": [SEED] * len(texts),
            "question": [1] * len(texts),
            "comment_id": [f"x{n}" for n in range(len(texts))],
            "author": "",
            "organisation": "",
            "organisation_canonical": organisations,
            "source": SEED,
            "truncated": False,
            "text": texts,
        }
    )


def test_a_theme_of_several_stakeholders_says_how_many_of_its_comments_touch_the_codes(vocabulary, seed):
    """A reader's walk at 20,000 comments: 'Asks that touch a theme of the workstream's checklist: more detail in
    the workplan (2,252 comments); ...' gave each theme's whole count, as if every one of its comments touched
    the checklist. A theme is now said with how many of its comments do, the theme with most such comments first;
    a theme all of whose comments touch the codes keeps its plain count."""
    from workbooks.consultation.asks import comments_touching, touching_message

    texts = [
        "Please add a section on women domestic workers and their social protection.",
        "Please add a section on women migrants in leadership.",
        "We recommend a gender-responsive budgeting example.",
        "Please add a section on children and social protection for migrant families.",
        "Please include migrant children in school enrolment data and their social protection.",
    ]
    comments = _one_question(texts, ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = ask_groups(asks, len(texts), theme_mentions(comments, vocabulary))
    by_theme = {group.theme_key: group for group in groups}
    codes = ["theme-social-protection"]
    assert (by_theme["women"].comments, comments_touching(by_theme["women"], codes)) == (3, 1)
    assert (by_theme["children"].comments, comments_touching(by_theme["children"], codes)) == (2, 2)
    assert touching_message(groups, codes, "a theme of the workstream's checklist") == (
        "Asks that touch a theme of the workstream's checklist: children and migrant minors (all its 2 comments); "
        "and women migrants' rights and gender (1 of its 3 comments)."
    )
    assert comments_touching(by_theme["women"], ["gcm-23-not-a-code"]) == 0


def test_a_key_message_names_five_organisations_at_most_parted_by_semicolons_where_a_name_has_a_comma():
    """A reader's walk at 20,000 comments: the key message on the workstream's own priority named 16 organisations,
    'International Human Rights Clinic, Boston University School of Law' among them, parted by commas."""
    from workbooks.consultation.asks import ORGANISATIONS_NAMED_AT_MOST, organisations_named

    clinic = "International Human Rights Clinic, Boston University School of Law"
    comments = [clinic] * 39 + ["Caritas"] * 38 + ["UK"] * 33 + ["UNDESA"] * 27 + ["UNFCCC"] * 24
    comments += ["OHCHR"] * 23 + ["ILO"] * 2 + ["IOM"] + [""] * 1204
    assert ORGANISATIONS_NAMED_AT_MOST == 5
    assert organisations_named(comments, most=5) == (
        f"39 from {clinic}; 38 from Caritas; 33 from UK; 27 from UNDESA; 24 from UNFCCC; "
        "26 from 3 other organisations; and 1,204 that name no organisation"
    )
    assert organisations_named(comments[39:], most=5) == (  # no name with a comma of its own, but counts: semicolons
        "38 from Caritas; 33 from UK; 27 from UNDESA; 24 from UNFCCC; 23 from OHCHR; 3 from 2 other "
        "organisations; and 1,204 that name no organisation"
    )
    assert organisations_named(comments[39:]) == (  # a list inside another parted by semicolons (asks): commas
        "38 from Caritas, 33 from UK, 27 from UNDESA, 24 from UNFCCC, 23 from OHCHR, 2 from ILO, IOM and 1,204 that "
        "name no organisation"
    )
    assert organisations_named(["ILO", "ILO", ""], most=5) == "2 from ILO and 1 that names no organisation"
    assert organisations_named(["ILO", "Labour and Employment Ministry", ""]) == (
        "ILO; Labour and Employment Ministry; and 1 that names no organisation"
    )
    five = ["A", "B", "C", "D", "E"]
    assert organisations_named(five, most=5) == "A, B, C, D and E"  # as many as allowed: all named
    assert organisations_named([*five, "F"], most=5) == "A, B, C, D, E and F"  # never '1 from 1 other organisation'
    assert (
        organisations_named([*five, "F", "G", "G"], most=5) == "2 from G; A; B; C; D; and 2 from 2 other organisations"
    )
    assert organisations_named([*five, "F"]) == "A, B, C, D, E and F"  # the asks section names every one
    assert organisations_named([], most=5) == ""


def test_an_ask_made_word_for_word_in_several_comments_is_one_line_saying_who_else_made_it(seed, vocabulary):
    """A walk at 20,000 comments: under a theme, the same sentence line after line (a campaign's shared text, a
    sentence copied from a joint statement). It is listed once, with who else made it, and the line on the asks not
    listed counts the others as listed; the tables download keeps one line per ask."""
    from workbooks.consultation.asks import ASKS_SHOWN, AsksSection

    shared = "Please add a section on women domestic workers and their social protection."
    texts = [shared, shared, "Please add a section on women migrants in leadership.", shared, shared]
    texts += [f"Please add a section on women migrants in sector {n} of the economy." for n in range(ASKS_SHOWN)]
    comments = _one_question(texts, ["Alpha", "Beta", "Gamma", "", "Beta"] + [""] * ASKS_SHOWN)
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    groups = ask_groups(asks, len(texts), theme_mentions(comments, vocabulary))
    women = next(group for group in groups if group.theme_key == "women")
    assert len(women.asks) == len(texts)
    html = AsksSection(asks, groups, len(texts), seed.questions, seed.titles, asks.iloc[0:0]).html()
    text = " ".join(" ".join(parse_html(html).text).split())
    assert text.count(shared) == 1
    assert f"{shared} (the same words in 3 other comments: 2 from Beta and 1 that names no organisation)" in text
    # 25 lines stand for 28 asks (the shared one for 4): 2 of the 30 are not listed
    assert "and 2 more asks on this theme, not listed here: every ask is in the tables download." in text
    assert "Please add a section on women migrants in sector 22 of the economy." in text
    assert "sector 23 of" not in text
    assert text.count("the same words in") == 1  # a sentence made once says nothing of the kind
    two = asks.iloc[2:4].assign(ask=shared, shown=shared)  # Gamma's, then one naming no organisation
    unnamed = AsksSection(two, ask_groups(two, 2), 2, seed.questions, seed.titles, asks.iloc[0:0])
    assert "(the same words in 1 other comment, which names no organisation)" in unnamed.html()


def test_an_ask_from_a_comment_that_answers_no_question_names_its_discussion_where_the_asks_span_several():
    """A walk: such an ask showed neither a question nor a discussion, one of 20 consultations."""
    from workbooks.consultation.asks import question_labels

    asks = pd.DataFrame({"discussion": ["d1", "d1", "d2"], "question": [2, "", 1]})
    titles = {"d1": "Draft workplan", "d2": "Hub spaces"}
    assert question_labels(asks, titles) == {
        ("d1", 2): "Q2, Draft workplan",
        ("d1", ""): "Draft workplan",
        ("d2", 1): "Q1, Hub spaces",
    }
    one = asks.iloc[:2]
    assert question_labels(one, titles) == {("d1", 2): "Q2", ("d1", ""): ""}  # one discussion: said once, above


def test_the_questions_the_asks_answer_are_questions_never_a_discussion_of_comments_answering_none(seed, vocabulary):
    """A second walk: "The 90 questions these asks answer" beside "answering 70 questions": each discussion with a
    comment answering no question was listed as a question with no text."""
    from workbooks.consultation.asks import AsksSection

    texts = ["Please add a section on women domestic workers.", "Please add a section on women in leadership."]
    comments = _one_question(texts, ["Alpha", "Beta"]).assign(discussion=[SEED, "other-discussion"], question=[1, None])
    asks = asks_table(comments, vocabulary, seed.codebook, seed.labels, seed.questions, seed.sources)
    html = AsksSection(asks, ask_groups(asks, 2), 2, seed.questions, seed.titles, asks.iloc[0:0]).html()
    listed = html[html.index('<div class="brief-asks-questions">') : html.index("</div>")]
    assert listed.count("<p><strong>") == 1 and "other-discussion" not in listed  # one question, Q1
    assert "(other-discussion)" in html  # the ask from the comment answering none names its discussion
