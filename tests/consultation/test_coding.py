"""The codebook file, the coder and its validation against the hand-coded sample."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from workbooks.common.yaml_files import read_yaml_file
from workbooks.consultation.analysis import code_labels
from workbooks.consultation.codebook import load_codebook, parse_codebook
from workbooks.consultation.coding import code_comments, code_text, objectives_cited, priority_references
from workbooks.consultation.validation import validate_coder
from workbooks.errors import CodebookError
from workbooks.good_practice.checklist import load_checklist
from workbooks.tables.layouts import GCM_OBJECTIVES, GUIDING_PRINCIPLES
from workbooks.tables.validate import load_table, read_text_table

# Measured when the codebook was written (micro-F1 0.92, interval 0.86-0.96, on 24 comments), and
# 0.98 (interval 0.95-1.00; precision 0.95, recall 1.00) after the false-match fixes of 2026-11-23.
# A change that drops the score below the floor fails here; raise the floor when the codebook improves.
MICRO_F1_FLOOR = 0.95
PER_FAMILY_RECALL_FLOOR = 0.9


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(root=ROOT)


@pytest.fixture(scope="module")
def coded(codebook):
    return code_comments(read_text_table(ROOT / "data" / "comments.csv"), codebook)


def test_codebook_has_a_code_for_every_objective_principle_and_theme(codebook):
    objectives = load_table(ROOT / "data" / "gcm_objectives.csv", GCM_OBJECTIVES)
    principles = load_table(ROOT / "data" / "guiding_principles.csv", GUIDING_PRINCIPLES)
    assert (
        sorted(int(code.ref) for code in codebook.family("gcm_objective"))
        == sorted(objectives["number"])
        == list(range(1, 24))
    )
    assert sorted(code.ref for code in codebook.family("principle")) == sorted(principles["key"])
    assert len(principles) == 10
    assert {"job-creation", "social-protection", "social-dialogue", "rights-at-work", "access-to-financing"} <= {
        code.ref for code in codebook.family("theme")
    }
    for code in codebook.codes:
        assert code.definition and code.include


def _document():
    return yaml.safe_load((ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["codes"].pop(0), "no code for gcm_objective 1"),
        (
            lambda d: d["codes"][0].update(include=["(unclosed"]),
            "key 'include' of code 'gcm-1': pattern '(unclosed' is not a valid",
        ),
        (lambda d: d["codes"][0].pop("definition"), "missing definition"),
        (lambda d: d["codes"][1].update(code="gcm-1"), "key 'code' of code 'gcm-1': appears twice"),
        (lambda d: d["codes"][0].update(family="objective"), "key 'family' of code 'gcm-1': must be one of"),
        (
            lambda d: d["codes"].append(dict(d["codes"][0], code="gcm-99", ref=99)),
            "data/codebook.yaml, key 'ref' of code 'gcm-99': 99 is not a gcm_objective in data/gcm_objectives.csv",
        ),
        (
            lambda d: d["codes"][23].update(ref="people-centered"),
            "key 'ref' of code 'principle-people-centred': people-centered is not a principle in data/guiding_principles.csv",
        ),
        (lambda d: d["codes"][0].update(include=[]), "key 'include' of code 'gcm-1': needs at least one pattern"),
        (lambda d: d.update(codes={}), "expected a mapping with a list under 'codes'"),
    ],
)
def test_a_broken_codebook_is_refused_naming_the_code(change, message):
    document = _document()
    change(document)
    with pytest.raises(CodebookError, match="codebook.yaml") as error:
        parse_codebook(
            document,
            "data/codebook.yaml",
            range(1, 24),
            [
                "people-centred",
                "international-cooperation",
                "national-sovereignty",
                "rule-of-law",
                "sustainable-development",
                "human-rights",
                "gender-responsive",
                "child-sensitive",
                "whole-of-government",
                "whole-of-society",
            ],
        )
    assert message in str(error.value)


def test_an_unknown_ref_is_named_by_its_line_and_the_coverage_stays_a_message_of_its_own(tmp_path):
    text = (ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8")
    path = tmp_path / "data" / "codebook.yaml"
    path.parent.mkdir()
    lines = text.split("\n")
    code = lines.index("  - code: gcm-3")  # its entry: 7 lines from here
    assert lines[code + 2] == "    ref: 3"
    path.write_text("\n".join(lines[: code + 2] + ["    ref: 99"] + lines[code + 3 :]), encoding="utf-8")
    with pytest.raises(CodebookError) as error:
        parse_codebook(read_yaml_file(path), path, range(1, 24))
    assert (
        str(error.value)
        == f"{path}, line {code + 3}, key 'ref' of code 'gcm-3': 99 is not a gcm_objective in data/gcm_objectives.csv"
    )
    path.write_text("\n".join(lines[:code] + lines[code + 7 :]), encoding="utf-8")  # gcm-3 left out
    with pytest.raises(CodebookError) as error:
        parse_codebook(read_yaml_file(path), path, range(1, 24))
    assert str(error.value) == f"{path}: no code for gcm_objective 3"


def test_themes_are_the_checklists_and_named_as_the_checklist_names_them(codebook):
    labels = code_labels(
        codebook,
        load_table(ROOT / "data" / "gcm_objectives.csv", GCM_OBJECTIVES),
        load_table(ROOT / "data" / "guiding_principles.csv", GUIDING_PRINCIPLES),
    )
    checklist = load_checklist(root=ROOT)
    for code in codebook.family("theme"):
        known = {**{p.key: p.label for p in checklist.pillars}, **{i.key: i.label for i in checklist.items}}
        assert labels[code.code] == known[code.ref]
    assert labels["theme-rights-at-work"] == "Fundamental principles and rights at work"
    document = _document()
    document["codes"].append(dict(document["codes"][-1], code="theme-housing", ref="housing"))
    with pytest.raises(
        CodebookError, match="key 'ref' of code 'theme-housing': housing is not a theme in data/checklist.yaml"
    ):
        parse_codebook(document, "data/codebook.yaml", theme_labels=codebook.theme_labels)


def test_coding_gives_labels_with_their_evidence(codebook):
    result = code_text(
        "We call for cheaper remittances and protection for women migrant domestic workers; "
        "see GCM objective 19 and New Priority 5.",
        codebook,
    )
    assert result.codes["gcm_objective"] == ["6", "19", "20"]
    assert "gender-responsive" in result.codes["principle"]
    assert "decent-work" in result.codes["theme"]
    assert result.evidence["gcm-20"] == ["remittances"]
    assert "GCM objective 19" in result.evidence["gcm-19"]
    assert result.priorities == ["new-5"]


def test_exclude_phrases_drop_matches_inside_them(codebook):
    assert (
        "human-rights"
        not in code_text("Boston University's International Human Rights Clinic did research.", codebook).codes[
            "principle"
        ]
    )
    assert "human-rights" in code_text("Respect the human rights of all migrants.", codebook).codes["principle"]
    assert "21" not in code_text("In return, the State offered support.", codebook).codes["gcm_objective"]


def test_words_inside_an_organisations_name_are_no_evidence(codebook):
    """Issue 21: 'Network of Girls Against Human Trafficking' names an organisation; it raises neither
    gender nor trafficking. The same words outside the name still code."""
    named = code_text(
        "In 2020, Network of Girls Against Human Trafficking(NoGAHT) in partnership with others helped people home.",
        codebook,
    )
    assert "gender-responsive" not in named.codes["principle"] and "10" not in named.codes["gcm_objective"]
    told = code_text("Network of Girls Against Human Trafficking brought 38 women and girls back home.", codebook)
    assert told.evidence["principle-gender-responsive"] == ["women", "girls"]  # not the name's 'Girls'
    assert (
        "gender-responsive"
        not in code_text("After consulting the Women in Migration Network: more data.", codebook).codes["principle"]
    )


def test_the_seed_survivors_account_keeps_its_own_words_as_evidence(codebook, coded):
    row = coded[coded["comment_id"] == "seed-002-draft-network-workplan-c14"].iloc[0]
    evidence = json.loads(row["evidence"])["principle-gender-responsive"]
    assert "Girls" in evidence and "Women" in evidence  # '38 Women & Girls', the account itself
    text = row["text"]
    name = text.index("Network of Girls")
    from workbooks.consultation.coding import coded_passages

    passages = coded_passages(text, codebook.by_id["principle-gender-responsive"])
    assert passages and all(not (name <= start < name + 45) for start, _ in passages)


@pytest.mark.parametrize(
    "sentence",
    [
        "community-based organizations, government officials from district level to high level and other stakeholders",
        "coordination across all levels of government",
        "government authorities at local level",
    ],
)
def test_levels_of_government_read_as_whole_of_government(codebook, sentence):
    """The codebook's definition says 'across sectors and levels of government' (issue 21, seed c11)."""
    assert "whole-of-government" in code_text(sentence, codebook).codes["principle"]


def test_one_level_of_government_alone_is_not_whole_of_government(codebook):
    assert "whole-of-government" not in code_text("The national government decided.", codebook).codes["principle"]


def test_objectives_and_priorities_cited_by_number():
    assert [n for n, _ in objectives_cited("reaching Objectives 3, 7 and 17 and objective 24")] == [3, 7, 17]
    assert priority_references(
        "Ongoing Priority 3; New Priority 5, priority area 3, Network Priority 2, new priority 5"
    ) == ["ongoing-3", "new-5", "area-3", "network-2"]


def test_code_comments_keeps_every_input_column(coded):
    source = read_text_table(ROOT / "data" / "comments.csv")
    assert list(coded.columns[: len(source.columns)]) == list(source.columns)
    assert list(coded.columns[len(source.columns) :]) == [
        "gcm_objectives",
        "principles",
        "themes",
        "priorities",
        "evidence",
    ]
    pd.testing.assert_frame_equal(coded[source.columns], source)
    for cell in coded["evidence"]:
        assert isinstance(json.loads(cell), dict)


def test_seed_002_priority_references(coded):
    seed = coded[coded["source"] == "seed-002-draft-network-workplan"].set_index("comment_id")["priorities"]
    assert seed["seed-002-draft-network-workplan-c09"] == "ongoing-6;new-5"
    assert seed["seed-002-draft-network-workplan-c10"] == "ongoing-3;ongoing-5;ongoing-10"
    assert seed["seed-002-draft-network-workplan-c11"] == "area-3"
    assert seed["seed-002-draft-network-workplan-c12"] == "network-2"


def test_the_coder_holds_its_floor_on_the_hand_coded_sample(codebook, coded):
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv")
    result = validate_coder(coded, hand, codebook, resamples=500)
    assert result.n_comments == len(hand) == 24
    assert result.micro_f1 >= MICRO_F1_FLOOR, result.summary()
    low, high = result.interval
    assert low <= result.micro_f1 <= high
    by_family = result.per_code.groupby("family")[["tp", "fn"]].sum()
    recall = by_family["tp"] / (by_family["tp"] + by_family["fn"])
    assert (recall >= PER_FAMILY_RECALL_FLOOR).all(), recall.to_dict()


def test_validation_scores_are_computed_not_assumed(codebook):
    """A coder that says nothing scores 0; one that copies the hand codes scores 1."""
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv")
    silent = hand.assign(gcm_objectives="", principles="", themes="")
    assert validate_coder(silent, hand, codebook, resamples=50).micro_f1 == 0
    perfect = validate_coder(hand, hand, codebook, resamples=50)
    assert perfect.micro_f1 == 1 and perfect.interval == (1.0, 1.0)
    with pytest.raises(ValueError, match="not among the coded comments"):
        validate_coder(hand.iloc[:3], hand, codebook, resamples=10)


def test_the_annex_table_shows_the_codes_in_play_by_their_labels(codebook):
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv")
    one = hand.iloc[[0]].assign(gcm_objectives="20", principles="", themes="")
    result = validate_coder(one, one.assign(gcm_objectives="6"), codebook, resamples=10)
    table = result.code_table({"gcm-6": "Obj. 6 Recruitment", "gcm-20": "Obj. 20 Remittances"})
    assert list(table.columns) == [
        "code",
        "in the reference coding",
        "given by the coder",
        "both",
        "coder only",
        "reference coding only",
        "precision",
        "recall",
        "F1",
    ]
    assert table["code"].tolist() == ["Obj. 6 Recruitment", "Obj. 20 Remittances"]
    assert table[
        ["in the reference coding", "given by the coder", "coder only", "reference coding only"]
    ].values.tolist() == [[1, 0, 0, 1], [0, 1, 1, 0]]
    assert table["precision"].tolist() == ["—", "0.00"] and table["recall"].tolist() == ["0.00", "—"]
    assert result.annex_sentence() == (
        "The automatic coder set against the reference coding, on 1 comment (coded by the project engineer (AI coding "
        "assistant)): 0% of the codes it gives are in the "
        "reference coding (precision 0.00) and it finds 0% of the reference coding's codes (recall 0.00); F1, which "
        "combines the two over every code, is 0.00 (95% interval 0.00-0.00, from 10 bootstrap resamples of comments). "
        "The reference coding is an AI assistant's work: this score measures the coder's consistency with that "
        "assistant, not accuracy confirmed by a person."
    )


def test_the_annex_names_every_coder_the_sample_records(codebook):
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv").iloc[:3]
    hand.loc[1, "coder"] = "Jane Doe (ILO)"
    sentence = validate_coder(hand, hand, codebook, resamples=10).annex_sentence()
    assert "coded by the project engineer (AI coding assistant) and Jane Doe (ILO))" in sentence
    assert "reference coding, on 3 comments (coded by" in sentence


def test_the_annex_says_on_which_of_the_briefs_comments_the_coder_was_measured(codebook):
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv").iloc[:3]

    def on(of_brief):
        return validate_coder(hand, hand, codebook, resamples=10, of_brief=of_brief)

    assert on(3).comments_measured == "all 3 comments of this brief"
    assert on(30).comments_measured == "the 3 of this brief's 30 comments that the reference coding codes"
    assert on(0).comments_measured == "3 comments"  # the reference coding as a whole
    assert "on the 3 of this brief's 30 comments that the reference coding codes (coded by" in on(30).annex_sentence()
    one = validate_coder(hand.iloc[:1], hand.iloc[:1], codebook, resamples=10, of_brief=1)
    assert one.comments_measured == "the 1 comment of this brief"


def _perturbed(comments: pd.DataFrame, size: int = 2000, seed: int = 13) -> pd.DataFrame:
    """``size`` comments made from the real ones: repeated, cut, upper-cased, sentences reordered,
    two joined, exclude phrases and citations by number added, new comment ids."""
    import random

    generator = random.Random(seed)
    texts = list(comments["text"])
    made = []
    for number in range(size):
        text = texts[number % len(texts)]
        change = number % 7
        if change == 1:
            text = text[: generator.randint(0, len(text))]
        elif change == 2:
            text = text.upper()
        elif change == 3:
            sentences = text.split(". ")
            generator.shuffle(sentences)
            text = ". ".join(sentences)
        elif change == 4:
            text = text + " " + generator.choice(texts)
        elif change == 5:
            text = f"On GCM Objectives {generator.randint(1, 23)} and {generator.randint(1, 30)}: " + text
        elif change == 6:
            words = text.split()
            generator.shuffle(words)
            text = " ".join(words)
        made.append(
            {**comments.iloc[number % len(comments)].to_dict(), "comment_id": f"perturbed-{number}", "text": text}
        )
    return pd.DataFrame(made, columns=comments.columns)


def test_the_fast_coder_gives_the_reference_coders_labels_and_evidence(codebook):
    """code_comments (one pass of the pattern set, then only the patterns that match) against the
    reference loop over every pattern: the same codes, priorities and evidence, on the real comments
    and on 2,000 made from them."""
    from reference_versions import code_comments_loop

    real = read_text_table(ROOT / "data" / "comments.csv")
    for comments in (real, _perturbed(real)):
        pd.testing.assert_frame_equal(code_comments(comments, codebook), code_comments_loop(comments, codebook))


def test_the_fast_coder_gives_the_reference_coders_result_on_made_up_edge_cases(codebook):
    """Texts at the edges, against the reference loop: empty, blank, an organisation's name alone (it raises
    nothing), objectives cited by number in and out of range and the word alone, priorities by number, one
    text in two comments (the fast coder codes it once), a text that is not a string."""
    from reference_versions import code_comments_loop

    texts = [
        "",
        "   \n ",
        "Network of Girls Against Human Trafficking",
        "We support GCM objectives 3, 7 and 99 and objective 16.",
        "Objectives matter.",
        "OBJECTIVE 0 and objectives 24",
        "On Ongoing Priority 3 and New Priority 5: decent work and social protection for migrant women.",
        "On Ongoing Priority 3 and New Priority 5: decent work and social protection for migrant women.",
        12,
    ]
    comments = pd.DataFrame({"comment_id": [f"edge-{n}" for n in range(len(texts))], "text": texts})
    fast = code_comments(comments, codebook)
    pd.testing.assert_frame_equal(fast, code_comments_loop(comments, codebook))
    assert list(fast.loc[:2, "evidence"]) == ["{}", "{}", "{}"] and fast.loc[3, "gcm_objectives"] == "3;7;16"
    assert fast.loc[6, "priorities"] == "ongoing-3;new-5" and fast.loc[6].drop("comment_id").equals(
        fast.loc[7].drop("comment_id")
    )


def test_the_fast_coder_uses_the_exclude_phrases_of_the_code_alone():
    """An exclude phrase of one code hides words from that code only, as in the reference coder."""
    from reference_versions import code_text_loop

    document = _document()
    codebook = parse_codebook(document, ROOT / "data" / "codebook.yaml")
    for code in codebook.codes:
        for pattern in code.exclude:
            phrase = pattern.pattern[len(r"\b(?:") : -len(r")\b")]
            if phrase.replace(" ", "").isalpha():
                text = f"We discussed {phrase} and decent work, and {phrase} again."
                assert code_text(text, codebook) == code_text_loop(text, codebook)


def test_agreement_with_an_assistants_reference_coding_is_called_consistency(codebook, coded):
    hand = read_text_table(ROOT / "data" / "hand_coded_sample.csv")
    result = validate_coder(coded, hand, codebook, resamples=20)
    ai = "project engineer (AI coding assistant)"
    sentence = result.annex_sentence((ai,))
    assert (
        "The reference coding is an AI assistant's work, the same that checked the codes counted in this brief: "
        "this score measures the coder's consistency with that assistant, not accuracy confirmed by a person."
    ) in sentence
    assert "the same that checked" not in result.annex_sentence(("Jane Doe (ILO)",))
    by_a_person = validate_coder(coded, hand.assign(coder="Jane Doe (ILO)"), codebook, resamples=20)
    assert "consistency" not in by_a_person.annex_sentence((ai,))
