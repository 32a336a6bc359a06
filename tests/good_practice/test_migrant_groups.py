"""What a brief counts and names: records whose title and our summary name no migrant group are left
out of the comparison, the counts across records and the examples (and the brief says so); how
common an item is across records is said with its count and a margin, so one record never turns a
finding into its opposite; examples serve the brief's target group; who submitted an entry to a
database is said to be that; a heatmap's practice names are readable."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from workbooks.errors import ChecklistError
from workbooks.good_practice import compare
from workbooks.good_practice.charts import row_label
from workbooks.good_practice.checklist import load_checklist, parse_checklist
from workbooks.good_practice.inputs import load_practice_inputs

PARAMS = ROOT / "params" / "good_practice_comparison"


def _inputs(ids=(), target_group=(), pillars=(), items_in_focus=()):
    return load_practice_inputs(
        "data/practices.csv",
        "data/assessments.csv",
        list(ids),
        [],
        [],
        list(target_group),
        list(pillars),
        list(items_in_focus),
        root=ROOT,
    )


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(root=ROOT)


@pytest.mark.parametrize(
    "title, summary, names",
    [
        (
            "Universal access or extend social protection coverage",
            "Describes how public services widen social protection to increasingly diverse populations.",
            False,
        ),
        ("National Anti-Racism Strategy", "A national framework against racism across government and business.", False),
        ("Skills for all", "Training for young people in rural areas.", False),
        ("Skills for all", "Training for young refugees in rural areas.", True),
        ("Diaspora bonds", "Lets nationals living abroad invest at home.", True),
        ("", "Helps returnees start businesses after their return.", True),
        ("Fair recruitment", "Protects migrant workers recruited for jobs in the Gulf.", True),
        ("Labour migration policy", "A national policy.", True),
    ],
)
def test_a_record_names_a_migrant_group_or_not(checklist, title, summary, names):
    assert checklist.names_migrants({"title": title, "summary": summary}) is names
    assert bool(checklist.migrant_group_words({"title": title, "summary": summary})) is names


def test_the_records_that_name_no_migrant_group_are_the_five_read_by_hand(checklist):
    import pandas as pd

    practices = pd.read_csv(ROOT / "data" / "practices.csv", dtype=str, keep_default_na=False)
    field, aside = compare.split_by_migrants(practices, checklist)
    assert len(field) + len(aside) == 96 and sorted(aside["practice_id"]) == sorted(
        [
            "gfmd-universal-social-protection-coverage",
            "gfmd-bangladesh-skill-sector-councils",
            "gfmd-australia-anti-racism",
            "gfmd-ambulante-film-festival",
            "gfmd-sadc-els",
        ]
    )
    # read by hand as migration practices though they never say "migrant": workers from disaster areas on
    # temporary work quotas, Portuguese workers employed in Britain, an IOM project
    assert not {"gfmd-ecuador2019-temporary-work-quotas", "ilo-tuc-cgtpin-agreement", "gfmd-sharaka-morocco"} & set(
        aside["practice_id"]
    )


def test_a_chosen_record_that_names_no_migrant_group_is_left_out_and_the_brief_says_why():
    social = yaml.safe_load((PARAMS / "social_protection_and_rights.yaml").read_text(encoding="utf-8"))
    assert "gfmd-universal-social-protection-coverage" in social["practices"]  # the parameters still name it
    inputs = _inputs(social["practices"], pillars=social["pillars"], items_in_focus=social["items_in_focus"])
    assert "gfmd-universal-social-protection-coverage" not in inputs.ids and len(inputs.ids) == 5
    # nor is it counted across records, nor offered as an example or a neighbour
    assert len(inputs.migration_records) == 91 and all(reading.records == 91 for reading in inputs.readings)
    assert not any("Universal access" in example for reading in inputs.readings for example in reading.examples)
    assert "gfmd-universal-social-protection-coverage" not in inputs.similarity().index
    [left_out] = [caveat.text for caveat in inputs.caveats() if "left out of the comparison" in caveat.text]
    assert left_out == (
        "1 record chosen for this brief is left out of the comparison: \u201cUniversal access or extend "
        "social protection coverage\u201d. Its title and our summary name no migrant group (no migrant, "
        "refugee, displaced, diaspora or return wording) and the file gives no target group, so it is "
        "not shown to be a migration practice (a target group in the practices file would say whom it "
        "serves). The record stays in the data as the source has it."
    )
    # the title names what is compared and no finding (no count, no "none"): the data can change, a title would not
    for shipped in sorted(PARAMS.glob("*.yaml")):
        title = yaml.safe_load(shipped.read_text(encoding="utf-8"))["brief_title"]
        assert not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|none|all)\b", title, re.I), (
            shipped.name,
            title,
        )
    groups = inputs.chosen.set_index("practice_id")["target_group"]
    full_protection = inputs.shown_scores[
        (inputs.shown_scores["item"] == "social-protection") & (inputs.shown_scores["score"] == 100)
    ]["practice_id"]
    assert sorted(groups[full_protection]) == [
        "emigrants and return migrants",
        "immigrants",
        "immigrants",
        "return migrants",
    ]
    # the one record that shows social dialogue and whole-of-society would be said where the box had room; five
    # messages leave none, and it is never joined to another message (each stays short enough to forward)
    messages = compare.key_messages(inputs.readings, inputs.chosen, inputs.shown_scores, inputs.items_in_focus, "Lead.")
    assert len(messages) == 5 and not any("Management of seasonal foreign workers" in message for message in messages)
    assert max(compare.words(message) for message in messages) <= compare.MESSAGE_MOST_WORDS
    full = inputs.shown_scores[inputs.shown_scores["score"] == 100]
    assert full[full["item"] == "social-protection"]["practice_id"].nunique() == 4
    assert not (full["item"] == "rights-at-work").any()
    from workbooks.good_practice.brief import question

    assert "the 5 practices compared show" in question(inputs) and len(question(inputs).split()) <= 40
    assert inputs.headline().startswith(
        "5 practices compared (6 were chosen for this brief; 1 that names no migrant group is left out) on "
    )


def test_a_choice_left_with_too_few_migration_records_is_an_error_saying_why():
    with pytest.raises(ValueError) as error:
        _inputs(["gfmd-universal-social-protection-coverage", "gfmd-australia-anti-racism", "gfmd-itac"])
    assert "give 1 (records that name no migrant group left out)" in str(error.value)


def test_a_checklist_without_migrant_groups_counts_every_record_and_a_bad_pattern_names_the_key():
    document = yaml.safe_load((ROOT / "data" / "checklist.yaml").read_text(encoding="utf-8"))
    principles = [p for item in document["items"] for p in item["principles"] or []]
    del document["migrant_groups"]
    checklist = parse_checklist(document, "checklist.yaml", range(1, 24), principles)
    assert checklist.names_migrants({"title": "Universal access", "summary": ""})
    document["migrant_groups"] = ["(?<=x)migrants"]
    with pytest.raises(ChecklistError, match="checklist.yaml, .*key 'migrant_groups'.*lookbehind"):
        parse_checklist(document, "checklist.yaml", range(1, 24), principles)


@pytest.mark.parametrize(
    "showing, records, kind",
    [
        (0, 88, compare.RARE),
        (4, 88, compare.RARE),  # at most 1 in 20: 4 x 20 = 80 <= 88
        (5, 88, compare.FEW),
        (8, 88, compare.FEW),  # between: no finding either way
        (9, 88, compare.COMMON),
        (40, 88, compare.COMMON),  # at least 1 in 10 and 3 records
        (1, 20, compare.RARE),
        (2, 20, compare.FEW),  # 2 of 20 is 1 in 10, yet 2 records are too few for "elsewhere"
        (3, 20, compare.COMMON),
        (0, 19, compare.NO_FINDING),
        (5, 19, compare.NO_FINDING),
    ],
)
def test_how_common_across_records_states_its_band(showing, records, kind):
    assert compare.across_records(showing, records) == kind


@pytest.mark.parametrize("records", [20, 40, 88, 96, 200])
def test_one_record_more_never_turns_rare_into_shown_elsewhere(records):
    for showing in range(records):
        assert {compare.across_records(showing, records), compare.across_records(showing + 1, records)} != {
            compare.RARE,
            compare.COMMON,
        }


def test_examples_serve_a_group_the_brief_compares_or_the_brief_says_once_that_none_does():
    from workbooks.good_practice import brief

    assert _inputs(target_group=["return migrants"]).serving == ("return migrants",)
    returns = _inputs(target_group=["return migrants", "emigrants and return migrants"])
    assert returns.serving == ("return migrants", "emigrants and return migrants")
    # every record of those groups is compared: the UNDP pledge ("both", not compared) is no example
    assert all(reading.examples == () for reading in returns.readings)
    together = next(reading for reading in returns.readings if reading.item.key == "whole-of-society")
    assert together.across_records == compare.COMMON  # 14 records show it; none of the groups compared
    gaps = compare.gaps_table(returns.readings, len(returns.chosen))
    assert not any(column.startswith("Examples to look at") for column in gaps.columns)
    assert brief.gaps_table(returns).caption.endswith(
        ". No other record read as serving return migrants or emigrants and return migrants shows any of these items "
        "fully: there is no example to look at"
    )
    assert "no such record on file" not in " ".join(gaps.astype(str).stack())
    text = " ".join(compare.key_messages(returns.readings, returns.chosen, returns.shown_scores))
    assert (
        "Whole-of-society partnership is shown fully in 14 of all 91 records, none read as serving return migrants "
        "or emigrants and return migrants;"
    ) in text
    # a group some of whose records are not compared: its examples serve it
    one = _inputs(["gfmd-spain-pandemic-health-access", "ilo-germany-seasonal-workers"], target_group=["immigrants"])
    examples = [name for reading in one.readings for name in reading.examples]
    groups = {
        compare.distinct_names(one.migration_records)[row["practice_id"]]: row["target_group"]
        for _, row in one.migration_records.iterrows()
    }
    assert examples and all(groups[name] == "immigrants" for name in examples)
    # without a target group, examples come from any migration record, each with the page it is on
    anyone = _inputs(["gfmd-nepal-social-security-fund", "gfmd-zimbabwe-diaspora-policy"])
    jobs = next(reading for reading in anyone.readings if reading.item.key == "job-creation")
    assert anyone.serving == () and len(jobs.examples) == compare.EXAMPLES == len(jobs.example_pages)
    header = "Examples to look at: other records showing it fully, with their own page (or 'listing page')"
    cells = compare.gaps_table(anyone.readings, len(anyone.chosen))[header]
    shown = [cell for cell in cells if cell != compare.NO_EXAMPLE]
    assert shown and all(re.search(r"\((https?://\S+|listing page)\)(; |$)", cell) for cell in shown), shown
    assert any("(https://" in cell or "(http://" in cell for cell in shown)  # an own page is linked
    own = compare.example_pages(anyone.migration_records, anyone.practices)
    assert own["gfmd-nepal-social-security-fund"] == "listing page"  # found on a GFMD listing among others
    assert (
        own["hubpledge-undp-gcm"]
        == "https://migrationnetwork.un.org/pledge/undp-pledge-global-compact-safe-orderly-and-regular-migration"
    )


def test_who_submitted_an_entry_is_said_to_be_that_not_who_runs_the_practice():
    said = compare.who_the_source_names("submitted by: Mr. Camille Saadé | implementer: Government of Nepal", "GFMD")
    assert said == [
        "Who runs it, as the source names them: implementer: Government of Nepal",
        "Entry submitted to the GFMD site by: Mr. Camille Saadé (the person or organisation who posted it "
        "there, as the source lists them; not who runs the practice)",
    ]
    assert (
        compare.who_the_source_names("submitted by: Ms. Anqi ZHANG", "GFMD")[0]
        == "Who runs it, as the source names them: not stated"
    )
    assert compare.who_the_source_names("", "ILO") == ["Who runs it, as the source names them: not stated"]
    inputs = _inputs(["gfmd-nepal-social-security-fund", "gfmd-zimbabwe-diaspora-policy"])
    facts = " ".join(compare.record_table(inputs.chosen, inputs.practices)[compare.FACTS_HEADER])
    assert "Submitted or implemented by" not in facts and "Entry submitted to the GFMD site by:" in facts


def test_a_heatmap_row_keeps_a_practice_name_whole_on_up_to_three_lines_where_it_fits():
    name = "Intervention model for extending social protection to migrant workers in an irregular situation"
    assert row_label(name).count("\n") == 2 and row_label(name).replace("\n", " ") == name  # 93 characters, whole
    long = name + " and their families across the whole region"
    assert row_label(long).count("\n") == 2 and row_label(long).endswith("…")
