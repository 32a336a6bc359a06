"""The checklist file (data/checklist.yaml): its schema, its coverage of the mandate, and how an
item scores a text."""

from __future__ import annotations

import copy

import pytest
import yaml

from conftest import ROOT
from workbooks.errors import ChecklistError
from workbooks.good_practice.checklist import load_checklist, parse_checklist
from workbooks.tables.vocabularies import CHECKLIST_MANDATE as MANDATE

CHECKLIST = ROOT / "data" / "checklist.yaml"
PRINCIPLES = [
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
]


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))


def _parse(document):
    return parse_checklist(document, "checklist.yaml", range(1, 24), PRINCIPLES)


def test_the_real_checklist_covers_the_mandate_with_definitions_patterns_and_objectives():
    checklist = load_checklist(root=ROOT)
    assert checklist.pillar_keys == ["decent-work", "financing", "approach", "who-it-serves"]
    for pillar, items in MANDATE.items():  # the mandate's items, in its order; beyond it only the emigrants scope item
        keys = [item.key for item in checklist.items_of(pillar)]
        assert [key for key in keys if key in items] == list(items)
        assert [key for key in keys if key not in items] == (["emigrants"] if pillar == "who-it-serves" else [])
    for item in checklist.items:
        assert len(item.definition) > 40 and item.label
        assert item.gcm_objectives and all(1 <= n <= 23 for n in item.gcm_objectives)
        assert item.present or item.breadth
    assert [p.key for p in checklist.scored_pillars] == ["decent-work", "financing", "approach"]
    assert checklist.item("social-protection").gcm_objectives == (15, 22)
    assert checklist.item("gender-responsive").principles == ("gender-responsive",)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["items"].pop(2), "pillar 'decent-work' lacks the mandate's item social-dialogue"),
        (lambda d: d["pillars"].pop(1), "item 'access-to-financing': pillar 'financing' is not one of"),
        (lambda d: d["items"][0].pop("definition"), "item #1: missing definition"),
        (lambda d: d["items"][0].update(colour="red"), "item #1: unknown key colour"),
        (lambda d: d["items"][0].update(gcm_objectives=[24]), "item 'job-creation': 24 not GCM objective number in"),
        (lambda d: d["items"][0].update(gcm_objectives=[]), "'gcm_objectives' must list at least one"),
        (lambda d: d["items"][0].update(principles=["kindness"]), "principle 'kindness' not in"),
        (
            lambda d: d["items"][0].update(present=["jobs ("]),
            "key 'present' of item 'job-creation': pattern 'jobs (' is not a valid",
        ),
        (lambda d: d["items"][0].update(definition="  "), "'definition' must be non-empty text"),
        (lambda d: d["items"].append(copy.deepcopy(d["items"][0])), "item 'job-creation' appears twice"),
        (lambda d: d["items"][8].pop("breadth_for_present"), "'breadth' and 'breadth_for_present' go together"),
        (lambda d: d["scale"].pop(50), "'scale' must describe exactly the scores 0, 50 and 100"),
        (lambda d: d["pillars"][0].update(in_overall="yes"), "'in_overall' must be true or false"),
        (
            lambda d: d["items"][0].update(phrase=" "),
            "key 'phrase' of item 'job-creation': 'phrase' must be non-empty text",
        ),
        (lambda d: d.pop("negation"), "missing negation"),
    ],
)
def test_a_broken_checklist_is_refused_naming_the_entry(document, change, message):
    broken = copy.deepcopy(document)
    change(broken)
    with pytest.raises(ChecklistError) as error:
        _parse(broken)
    assert message in str(error.value) and "checklist.yaml" in str(error.value)


def test_a_missing_or_unreadable_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ChecklistError, match="no such file"):
        load_checklist(tmp_path / "nope.yaml", root=ROOT)
    bad = tmp_path / "bad.yaml"
    bad.write_text("pillars: [\n", encoding="utf-8")
    with pytest.raises(ChecklistError, match="bad.yaml, line 2: not valid YAML"):
        load_checklist(bad, root=ROOT)


def test_a_checklist_file_is_parsed_once_a_process_and_its_assessments_kept_by_text(tmp_path):
    """The same bytes give the same Checklist (its assessments made once a text, each caller given its own dict); a
    file changed, even by one character of the same length, is read afresh; a refused file is refused each time."""
    copied = tmp_path / "checklist.yaml"
    copied.write_bytes(CHECKLIST.read_bytes())
    first = load_checklist(copied, root=ROOT)
    assert load_checklist(copied, root=ROOT) is first and load_checklist(CHECKLIST, root=ROOT) is not first
    text = "Migrant workers cannot join trade unions; the programme offers vocational training."
    assessed = first.assess(text)
    assert assessed == {item.key: item.assess(text) for item in first.items} and assessed is not first.assess(text)
    assessed.clear()  # what a caller does with its dict is not kept
    assert first.assess(text) == {item.key: item.assess(text) for item in first.items}
    same_length = copied.read_text(encoding="utf-8").replace(
        "label: Access to decent work", "label: Access to Decent work"
    )
    copied.write_text(same_length, encoding="utf-8")
    assert load_checklist(copied, root=ROOT).pillar("decent-work").label == "Access to Decent work"
    copied.write_text("pillars: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ChecklistError, match="checklist.yaml, line 2: not valid YAML"):
            load_checklist(copied, root=ROOT)


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(root=ROOT)


@pytest.mark.parametrize(
    "item, text, score, evidence",
    [
        ("social-protection", "Extends social security to migrant workers.", 100, ("social security",)),
        ("social-protection", "Basic health care at transit centres.", 50, ("health care", "health")),
        ("social-protection", "A website for diaspora groups.", 0, ()),
        # one chamber of commerce is as much a side of the labour market as several, and a partner as much
        (
            "social-dialogue",
            "Mentoring by the chamber of commerce for refugee entrepreneurs.",
            50,
            ("chamber of commerce",),
        ),
        (
            "whole-of-society",
            "Mentoring by the chamber of commerce for refugee entrepreneurs.",
            50,
            ("chamber of commerce",),
        ),
        # an exclude phrase: a practice's own funding is not migrants' access to finance
        ("access-to-financing", "A Swedish-funded project funded by donors.", 0, ()),
        ("access-to-financing", "Lowers the cost of remittances.", 100, ("cost of remittances", "remittances")),
        # remittances named as a topic, without their cost or migrants' access shown: partial
        (
            "access-to-financing",
            "UNDP's commitments cover diaspora investment and remittances.",
            50,
            ("investment", "remittances"),
        ),
        # breadth: two kinds of partner make whole-of-society present, one makes it partial
        (
            "whole-of-society",
            "Run with civil society organisations and employers.",
            100,
            ("civil society", "employers"),
        ),
        ("whole-of-society", "Run with civil society organisations.", 50, ("civil society",)),
        (
            "whole-of-government",
            "Coordinated by the ministry with municipal offices and national authorities.",
            100,
            None,
        ),
        ("whole-of-government", "A government plan.", 50, ("government",)),
        ("rights-based", "Social protection for all.", 0, ()),  # "protection" inside "social protection" is excluded
        ("return-migrants", "Helps Malians start businesses without requiring them to return for good.", 0, ()),
        # job creation needs jobs or work themselves: an aim of "economic integration" or of finding work is partial
        (
            "job-creation",
            "A project that supports economic integration, social protection and peaceful coexistence.",
            50,
            ("economic integration",),
        ),
        (
            "job-creation",
            "A tool for recording skills gained abroad so that returning migrant workers can prove their "
            "competences and find work after return.",
            50,
            ("skills", "find work"),
        ),
        ("job-creation", "Links refugees to formal jobs through the public employment service.", 100, None),
        ("job-creation", "Help with the socio-economic integration of migrants.", 50, ("socio-economic integration",)),
        # access to financing: the money must reach migrants, not countries a donors' conference pledges to
        (
            "access-to-financing",
            "A pledging conference to mobilise funds for receiving countries; 37 donors committed "
            "US$2.35 billion in grants and loans.",
            50,
            ("funds",),
        ),
        # cash assistance to returnees is not a financial service: partial (Nigeria's return manual)
        (
            "access-to-financing",
            "Staged reintegration payments and business training after arrival.",
            50,
            ("reintegration payments",),
        ),
        # gender-responsive: naming women and girls, or attention to them, is partial; a design around them is full
        (
            "gender-responsive",
            "Donors took part, with attention to women and girls and to economic inclusion.",
            50,
            None,
        ),
        ("gender-responsive", "A plan that promotes gender equality among migrant workers.", 100, None),
        # social dialogue: one side of the labour market through its organisation is partial; single employers are none
        (
            "social-dialogue",
            "Links refugees to formal jobs through the public employment service and employers.",
            0,
            (),
        ),
        # a business forum of firms is neither social dialogue nor the organisation that represents employers
        ("social-dialogue", "A business forum launched by UNHCR with member firms.", 0, ()),
        ("social-dialogue", "Run with the national employers' federation.", 50, ("employers' federation",)),
        # job creation is full only where jobs reach migrants; skills, regularisation or an aim are partial
        (
            "job-creation",
            "Technical help on the labour inclusion of Venezuelan migrants; vocational institutes easing access, "
            "guides for public employment services and a link between job guidance and skills certification.",
            50,
            None,
        ),
        (
            "job-creation",
            "A temporary protection status to give regular status to 1.8 million Venezuelans and open their "
            "access to services and formal jobs.",
            50,
            ("jobs",),
        ),
        (
            "job-creation",
            "Partnership to boost job creation for rural youth: farming skills for young migrants.",
            50,
            None,
        ),
        ("job-creation", "Links refugees to formal jobs through the public employment service.", 100, None),
        (
            "job-creation",
            "Member firms reported having more than 12,000 refugee and migrant staff.",
            100,
            ("12,000 refugee and migrant staff",),
        ),
        ("job-creation", "The county plans to involve and employ migrants in city projects.", 0, ()),
        # host residents are served beside migrants, never a migrant group themselves
        ("immigrants", "Recovery of the host population.", 0, ()),
        (
            "emigrants",
            "A national framework that brings the diaspora into planning and protects citizens abroad.",
            100,
            ("diaspora", "citizens abroad", "abroad"),
        ),
        ("social-dialogue", "Run together with employers' and workers' organisations.", 100, None),
        # whole-of-society, one rule for every record: a partner counts where it takes part
        (
            "whole-of-society",
            "Links returnees with opportunities at home in investment and business; diaspora engagement.",
            50,
            ("diaspora engagement",),
        ),
        ("whole-of-society", "A contributory scheme financed by monthly payments from workers and employers.", 0, ()),
        ("whole-of-society", "Reception, staged reintegration payments and business training after arrival.", 0, ()),
        (
            "whole-of-society",
            "Links refugees to jobs through the public employment service and employers.",
            50,
            ("employers",),
        ),
        ("whole-of-society", "Skills among young migrants and rural residents of migration-prone areas.", 0, ()),
        (
            "whole-of-society",
            "Anti-racism efforts across government, business, NGOs and public services.",
            100,
            ("NGOs", "business"),
        ),
        ("whole-of-society", "Working with host communities and private-sector partners.", 100, None),
    ],
)
def test_an_item_scores_a_text_0_50_or_100_with_the_words_that_show_it(checklist, item, text, score, evidence):
    found = checklist.item(item).assess(text)
    assert found.score == score
    if evidence is not None:
        assert found.evidence == evidence


def test_evidence_words_are_unique_case_insensitively(checklist):
    found = checklist.item("immigrants").assess("Refugees and refugees, REFUGEES.")
    assert found.score == 100 and found.evidence == ("Refugees",)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda text: text.replace("version: ", "version: 2024-02-30\nold_version: ", 1),
            "key 'version': 2024-02-30 is not a real date",
        ),
        (lambda text: text.replace("pillars:\n", "pillars:\npillars:\n", 1), "key 'pillars': given twice"),
    ],
)
def test_a_checklist_file_problem_names_its_line_and_key(tmp_path, change, message):
    text = CHECKLIST.read_text(encoding="utf-8")
    broken = change(text)
    line = next(
        number for number, (old, new) in enumerate(zip(text.splitlines(), broken.splitlines()), start=1) if old != new
    )
    path = tmp_path / "checklist.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ChecklistError) as error:
        load_checklist(path, root=ROOT)
    assert str(error.value).startswith(f"{path}, line {line}") and message in str(error.value)


def test_an_item_problem_names_the_line_of_its_key(tmp_path):
    text = CHECKLIST.read_text(encoding="utf-8")
    line = next(
        number for number, row in enumerate(text.splitlines(), start=1) if row.strip().startswith("gcm_objectives:")
    )
    lines = text.splitlines()
    lines[line - 1] = lines[line - 1].split(":")[0] + ": [24]"
    path = tmp_path / "checklist.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as error:
        load_checklist(path, root=ROOT)
    assert str(error.value).startswith(f"{path}, line {line}, key 'gcm_objectives' of item 'job-creation': 24 not")


def test_a_sentence_names_an_item_by_its_phrase_or_its_label(checklist):
    assert checklist.item("gender-responsive").in_sentence == "a gender-responsive design"
    assert checklist.item("rights-at-work").in_sentence == "rights at work"
    assert checklist.item("job-creation").in_sentence == "job creation"  # no phrase: the label in lower case


def test_assessing_every_item_at_once_gives_what_each_item_gives_alone():
    """Checklist.assess runs only the patterns that match a text somewhere, and the negation's cues once:
    on every record of the data (and a text naming something as lacking), the same as item by item."""
    import pandas as pd

    from workbooks.good_practice.scoring import record_text

    checklist = load_checklist()
    practices = pd.read_csv(ROOT / "data" / "practices.csv", dtype=str, keep_default_na=False)
    texts = [record_text(record, checklist) for _, record in practices.iterrows()]
    texts += ["Migrant workers cannot join trade unions and have no access to social protection.", ""]
    for text in texts:
        assert checklist.assess(text) == {item.key: item.assess(text) for item in checklist.items}
    lacking = checklist.assess(texts[-2])
    assert any(found.lacking for found in lacking.values())  # the edge the negation handles is exercised
