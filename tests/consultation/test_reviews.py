"""Reviewed codes (data/code_reviews.csv) replace the automatic coder's: applied, marked, checked, summed up."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from conftest import ROOT, write_sidecar
from workbooks.consultation import analysis as consultation
from workbooks.consultation.brief import asks_section, key_messages
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.reviews import apply_reviews, code_basis, review_summary, reviews_of
from workbooks.errors import TableError
from workbooks.tables.layouts import CODE_REVIEWS
from workbooks.tables.validate import read_text_table

SEED = "seed-002-draft-network-workplan"
C = f"{SEED}-c"  # comment ids of seed 002: C + "04"
AI_REVIEWER = "project engineer (AI coding assistant)"


@pytest.fixture(scope="module")
def inputs():
    return load_consultation_inputs("data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT)


def _reviews(*rows, reviewer="Jane Doe (ILO)"):
    """A reviews table: rows of (comment_id, code, decision)."""
    return pd.DataFrame(
        [
            {
                "comment_id": comment_id,
                "code": code,
                "decision": decision,
                "reviewer": reviewer,
                "date": pd.Timestamp("2026-11-23"),
                "note": "why",
                "source": SEED,
            }
            for comment_id, code, decision in rows
        ],
        columns=CODE_REVIEWS.column_names,
    )


def _write_reviews(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CODE_REVIEWS.column_names[: len(rows[0])])  # rows without `mode`: a file that predates it
        writer.writerows(rows)
    write_sidecar(path, "code_reviews")
    return path


def test_every_automatic_code_of_the_real_comments_has_a_review():
    """The shipped reviews cover every code the coder gives the 24 comments, each with a reason and a source."""
    everything = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    automatic = set(zip(everything.automatic_long["comment_id"], everything.automatic_long["code"]))
    reviewed = set(zip(everything.reviews["comment_id"], everything.reviews["code"]))
    assert automatic <= reviewed and len(everything.coded) == 24
    shipped = read_text_table(ROOT / "data" / "code_reviews.csv")
    assert set(shipped["reviewer"]) == {AI_REVIEWER} and set(shipped["date"]) == {"2026-11-23", "2026-12-06"}
    assert (shipped["note"].str.len() > 10).all() and (shipped["source"] != "").all()
    assert shipped["decision"].value_counts().to_dict() == {"kept": 83, "rejected": 16}
    # every count checked by the AI assistant; the 4 its rejections lowered say so
    assert set(everything.basis.values()) == {
        "checked by an AI assistant, not yet by a person",
        "checked by an AI assistant, not yet by a person; 1 rejected by a check",
    }
    lowered = {code for code, words in everything.basis.items() if "rejected" in words}
    assert lowered == {"principle-human-rights", "gcm-7", "gcm-19", "gcm-2"}


def test_reviews_remove_rejected_codes_add_missed_ones_and_mark_kept_ones(inputs):
    automatic = inputs.automatic_long
    assert ((automatic["comment_id"] == C + "07") & (automatic["code"] == "gcm-2")).any()
    reviews = _reviews(
        (C + "07", "gcm-2", "rejected"),
        (C + "07", "gcm-10", "kept"),
        (C + "07", "gcm-4", "added"),
        (C + "13", "gcm-23", "kept"),
    )
    long = apply_reviews(automatic, reviews, inputs.codebook, inputs.labels)
    mine = long[long["comment_id"] == C + "07"].set_index("code")
    assert "gcm-2" not in mine.index
    assert mine.at["gcm-10", "review"] == "kept" and mine.at["gcm-10", "reviewer"] == "Jane Doe (ILO)"
    assert mine.at["gcm-4", "review"] == "added" and mine.at["gcm-4", "evidence"] == []
    assert mine.at["gcm-4", "label"] == "Obj. 4 Legal identity and documentation"
    assert mine.at["gcm-7", "review"] == ""  # not reviewed: automatic
    assert list(long["comment_id"]) == sorted(long["comment_id"], key=list(inputs.coded["comment_id"]).index)
    # a code kept by review that the coder no longer gives still counts
    assert ((long["comment_id"] == C + "13") & (long["code"] == "gcm-23")).any()
    assert len(long) == len(automatic) - 1 + 2


def test_a_review_of_a_comment_not_chosen_changes_nothing(inputs):
    reviews = _reviews(("hub-imrf-roundtable-4-c01", "gcm-9", "rejected"), (C + "07", "gcm-2", "rejected"))
    chosen = reviews_of(reviews, inputs.coded["comment_id"])
    assert chosen["comment_id"].tolist() == [C + "07"]
    summary = review_summary(inputs.automatic_long, chosen, inputs.labels, inputs.codebook)
    assert summary.rejected == 1 and summary.kept == 0


def test_each_count_says_what_it_rests_on(inputs):
    automatic = inputs.automatic_long
    assert automatic[automatic["code"] == "gcm-20"]["comment_id"].tolist() == [C + "05", C + "06"]
    reviews = _reviews(
        (C + "05", "gcm-20", "kept"),
        (C + "07", "gcm-10", "kept"),
        (C + "14", "gcm-10", "kept"),
        (C + "13", "gcm-4", "added"),
    )
    long = apply_reviews(automatic, reviews, inputs.codebook, inputs.labels)
    basis = code_basis(long)
    assert basis["gcm-20"] == "checked by 1 person (1 of 2)"  # the reviewer here is Jane Doe (ILO)
    assert basis["gcm-10"] == "checked by 1 person"
    assert basis["gcm-4"] == "checked by 1 person"  # only added by review
    assert basis["gcm-8"] == "automatic, not checked"
    frequency = consultation.code_frequency(long, 14, inputs.codebook, inputs.labels, basis=basis).set_index("code")
    assert frequency.at["gcm-20", "basis"] == "checked by 1 person (1 of 2)" and frequency.at["gcm-4", "comments"] == 1
    shown = consultation.frequency_table(frequency.reset_index(), 14)
    assert list(shown.columns) == ["code", "kind", "comments", "share of comments", "review status"]
    assert shown.set_index("code").at["Obj. 20 Remittances", "share of comments"] == "14%"


def test_without_reviews_every_count_is_automatic_and_the_annex_says_so():
    plain = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT, code_reviews_file=""
    )
    assert plain.reviews.empty and set(plain.basis.values()) == {"automatic, not checked"}
    assert plain.long[["comment_id", "code"]].equals(plain.automatic_long[["comment_id", "code"]])
    assert plain.review_summary.sentence().endswith(
        "No check is recorded for these comments: every count is automatic."
    )
    assert "data/code_reviews.csv" not in [str(d.path.relative_to(ROOT)) for d in plain.datasets]


def test_the_annex_sets_the_coder_against_the_reviews(inputs):
    summary = inputs.review_summary
    assert summary.sentence() == (
        "Of 53 automatic codes in these comments, 53 were checked (100%): 50 kept, 3 rejected; no code was added by "
        "the checks. 9 further reviews reject false matches the codebook now skips; they change no count. Checks "
        "recorded by the project engineer (AI coding assistant): an AI assistant, not a person; no person has "
        "checked these codes yet."
    )
    table = summary.table.set_index("code")
    assert list(summary.table.columns) == [
        "code",
        "automatic matches",
        "kept",
        "rejected",
        "not checked",
        "added by the checks",
        "comments counted",
    ]
    assert table.loc["Obj. 7 Reduce vulnerabilities"].tolist() == [4, 3, 1, 0, 0, 3]
    counted = consultation.code_frequency(inputs.long, 14, inputs.codebook, inputs.labels).set_index("label")
    assert (table["comments counted"] == counted["comments"].reindex(table.index).fillna(0)).all()


def test_an_empty_selection_has_a_plain_summary(inputs):
    nothing = inputs.automatic_long.iloc[0:0]
    summary = review_summary(nothing, inputs.reviews.iloc[0:0], inputs.labels, inputs.codebook)
    assert summary.table.empty
    assert summary.sentence() == (
        "The automatic coder gives these comments no code, and no review adds one. "
        "No check is recorded for these comments: every count is automatic."
    )
    one = review_summary(nothing, _reviews((C + "13", "gcm-4", "added")), inputs.labels, inputs.codebook)
    assert one.sentence().startswith(
        "Of 0 automatic codes in these comments, 0 were checked (—): 0 kept, 0 rejected; "
        "1 code was added by the checks."
    )


def test_the_reviewer_is_named_from_the_data(inputs, tmp_path):
    rows = [[C + "07", "gcm-2", "rejected", "Jane Doe (ILO)", "2026-11-24", "A statistic's cause.", SEED]]
    other = load_consultation_inputs(
        "data/comments.csv",
        "data/questions.csv",
        [SEED],
        [],
        root=ROOT,
        code_reviews_file=str(_write_reviews(tmp_path / "reviews.csv", rows)),
    )
    assert other.review_summary.sentence().endswith("Checks recorded by Jane Doe (ILO) (checked by 1 person).")
    assert "project engineer" not in other.review_summary.sentence()
    # the count, 2, rests on the 2 codes no one checked; a person's check rejected the third: the count says so
    assert other.basis["gcm-2"] == "automatic, 1 rejected by a check (checked by 1 person)"
    shown = consultation.frequency_table(other.frequency, len(other.coded)).set_index("code")
    assert shown.at["Obj. 2 Minimize adverse drivers", "review status"] == (
        "automatic, 1 rejected by a check (checked by 1 person)"
    )
    assert other.review_summary.table.set_index("code").loc["Obj. 2 Minimize adverse drivers", "rejected"] == 1


def test_a_review_without_a_note_counts(tmp_path):
    """The note is optional: a reviewer keeps or rejects a code with one click."""
    path = _write_reviews(
        tmp_path / "reviews.csv", [[C + "07", "gcm-2", "rejected", "Jane Doe", "2026-11-23", "", SEED, ""]]
    )
    other = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT, code_reviews_file=str(path)
    )
    assert ((other.long["comment_id"] == C + "07") & (other.long["code"] == "gcm-2")).sum() == 0


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ["nope-c01", "gcm-2", "rejected", "X", "2026-11-23", "n", SEED],
            "line 2, column 'comment_id': 'nope-c01' is not a comment_id in comments.csv",
        ),
        (
            [C + "07", "gcm-99", "rejected", "X", "2026-11-23", "n", SEED],
            "line 2, column 'code': 'gcm-99' is not a code in codebook.yaml",
        ),
        (
            [C + "07", "gcm-2", "rejected", "X", "2026-11-23", "n", "hub-comment-1546"],
            "line 2, column 'source': no row of comments.csv has comment_id 'seed-002-draft-network-workplan-c07' and source 'hub-comment-1546'",
        ),
        (
            [C + "07", "gcm-2", "dropped", "X", "2026-11-23", "n", SEED],
            "line 2, column 'decision': 'dropped' must be one of: kept, rejected, added",
        ),
        ([C + "07", "gcm-2", "kept", "", "2026-11-23", "n", SEED], "line 2, column 'reviewer'"),
        (
            [C + "07", "gcm-2", "kept", "X", "2026-11-23", "", SEED, "secret"],
            "line 2, column 'mode': 'secret' must be one of: open, blind, settling",
        ),
    ],
)
def test_a_bad_review_names_file_line_and_field(tmp_path, row, message):
    path = _write_reviews(tmp_path / "reviews.csv", [row])
    with pytest.raises(TableError) as caught:
        load_consultation_inputs(
            "data/comments.csv", "data/questions.csv", [SEED], [], root=ROOT, code_reviews_file=str(path)
        )
    assert str(path) in str(caught.value) and message in str(caught.value)


# --- what a reader sees --------------------------------------------------------------------------

_NOT_SAID = [
    r"(?<!not )(?<!not yet by )(?<!not accuracy confirmed by )\ba person\b",
    r"^(?:partly )?reviewed\b|\bwere reviewed\b|\bscores? reviewed\b|\breviewed\)",
    r"\bby hand\b",
    r"\bresearcher\b",
    r"\bhuman (?:coder|reviewer)\b",
    r"\(s\)",
]


def _reader_facing(inputs) -> list[str]:
    """Every string the consultation package gives a brief to show, tables' headers and cells among them."""
    not_raised = consultation.objectives_not_raised(inputs.long, inputs.objectives)
    priorities = consultation.priority_table(inputs.coded, inputs.priorities)
    validation = inputs.validation(resamples=20)
    tables = [
        consultation.comments_by_question(inputs.coded, inputs.questions, inputs.titles),
        consultation.codes_by_comment(inputs.coded, inputs.long, inputs.titles),
        inputs.objectives_not_raised(),
        consultation.comments_by_stakeholder(inputs.coded),
        not_raised,
        consultation.priorities_for_readers(priorities),
        consultation.frequency_table(inputs.frequency, len(inputs.coded)),
        inputs.review_summary.table,
        validation.code_table(inputs.labels),
    ]
    texts = [
        inputs.headline(),
        *[note[0] for note in inputs.caveats()],
        *inputs.key_findings(not_raised, priorities),
        inputs.review_summary.sentence(),
        validation.annex_sentence(),
        asks_section(inputs).html(),
        *key_messages(inputs),
    ]
    for table in tables:
        texts += [str(column) for column in table.columns] + [str(cell) for cell in table.to_numpy().ravel()]
    return texts


@pytest.mark.parametrize(
    "discussions, focus",
    [
        ([SEED], []),
        ([SEED], ["theme-decent-work", "theme-job-creation", "gcm-22"]),
        (
            [
                "hub-climate-change-consultation",
                "hub-imrf-roundtable-2",
                "hub-imrf-progress-declaration",
                "hub-imrf-roundtable-4",
                "hub-imrf-roundtable-3",
            ],
            [],
        ),
    ],
)
def test_reader_facing_text_names_who_coded_and_reviewed_and_shows_no_internals(discussions, focus):
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", discussions, focus, root=ROOT)
    assert set(inputs.reviews["reviewer"]) == {AI_REVIEWER}
    texts = _reader_facing(inputs)
    for pattern in _NOT_SAID:
        assert not [t for t in texts if re.search(pattern, t, re.IGNORECASE)], pattern
    assert not [t for t in texts if re.search(r"\b[a-z]+_[a-z_]+\b", t)]  # no snake_case header or field
    assert not [t for t in texts if re.search(r"seed-002|hub-imrf|hub-climate|-c\d\d\b|data/|\.csv", t)]
    assert (
        "Checks recorded by the project engineer (AI coding assistant): an AI assistant, not a person"
        in inputs.review_summary.sentence()
    )
    assert "coded by the project engineer (AI coding assistant)" in inputs.validation(resamples=20).annex_sentence()


def test_check_data_names_a_review_of_an_unknown_code(tmp_path, monkeypatch, capsys):
    import shutil

    from workbooks.cli import main

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "pyproject.toml", root)
    monkeypatch.setenv("WORKBOOKS_ROOT", str(root))
    monkeypatch.chdir(root)
    assert main(["check-data"]) == 0
    reviews = root / "data" / "code_reviews.csv"
    lines = reviews.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",principle-child-sensitive,", ",principle-child-centred,")
    reviews.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check-data"]) == 1
    error = capsys.readouterr().err
    assert "code_reviews.csv" in error and "line 4, column 'code': 'principle-child-centred' is not a code" in error
    assert "Traceback" not in error
