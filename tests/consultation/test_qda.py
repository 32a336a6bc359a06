"""The shipped comments as a REFI-QDA project and back: valid against the standard's schema, read by an
independent REFI-QDA reader, every comment, code and passage kept, and codes changed in a QDA tool
turned into reviews without losing what this data does not know."""

import os
import shutil
import tempfile
import zipfile

import pandas as pd
import pytest
from lxml import etree
from pyrefiqda.reficodebook import RefiCodebook
from pyrefiqda.refiproject import RefiProject

from conftest import ROOT, write_sidecar
from workbooks.cli import main
from workbooks.consultation.coding import coded_passages
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.qda import (
    AUTOMATIC_CODER,
    code_guid,
    comment_guid,
    export_qda,
    import_qda,
    qda_project,
    user_guid,
)
from workbooks.qda import refi
from workbooks.tables.layouts import CODE_REVIEWS
from workbooks.tables.vocabularies import OPEN


@pytest.fixture(scope="module")
def inputs():
    return load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)


@pytest.fixture(scope="module")
def exported(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("qda") / "consultation.qdpx"
    project, project_file, codebook_file = export_qda(out, None, root=ROOT)
    return project, project_file, codebook_file


def test_the_shipped_comments_validate_against_the_standards_schema(exported):
    schema = etree.XMLSchema(etree.parse(str(refi.SCHEMA)))
    with zipfile.ZipFile(exported[1]) as archive:
        assert schema.validate(etree.fromstring(archive.read("project.qde"))), schema.error_log


def test_an_independent_reader_opens_the_project_and_the_codebook(exported, inputs):
    """pyrefiqda binds the standard's schemas and refuses unknown elements and bad values."""
    project = RefiProject.load(exported[1], extract_dir=tempfile.mkdtemp())
    assert [source.name for source in project.sources.text_source] == list(inputs.coded["comment_id"])
    codebook = RefiCodebook.load(exported[2])
    families = codebook.codes.code
    assert [family.name for family in families] == ["GCM objectives", "GCM guiding principles", "Checklist themes"]
    assert sum(len(family.code) for family in families) == len(inputs.codebook.codes)


def test_every_comment_is_a_source_with_its_details_as_variables(exported, inputs):
    project = exported[0]
    names = {variable.guid: variable.name for variable in project.variables}
    first = inputs.coded.iloc[0]
    source = project.sources[0]
    assert source.guid == comment_guid(first["comment_id"]) and source.text == first["text"]
    values = {names[guid]: value for guid, value in source.values}
    assert values["comment_id"] == first["comment_id"]
    assert values["organisation"] == first["organisation"]
    assert values["source URL"].startswith("https://")
    assert values["question"].startswith("Does the workplan capture")  # the question's text, not its position
    assert values["wording"] == "as posted" and values["illustrative"] is False
    rebuilt = [s for s in project.sources if s.name.startswith("hub-")]
    assert rebuilt and all(
        dict((names[g], v) for g, v in s.values)["wording"].startswith("paraphrase") for s in rebuilt
    )


def test_every_counted_code_is_coded_at_the_words_that_matched_or_on_the_whole_comment(exported, inputs):
    project = exported[0]
    by_comment = {source.name: source for source in project.sources}
    coded = {
        (source.name, coding.code_guid)
        for source in project.sources
        for selection in source.selections
        for coding in selection.codings
    }
    counted = set(zip(inputs.long["comment_id"], inputs.long["code"].map(code_guid)))
    assert coded == counted and len(counted) > 50
    for row in inputs.long.itertuples(index=False):
        source = by_comment[row.comment_id]
        selections = [s for s in source.selections if code_guid(row.code) in {c.code_guid for c in s.codings}]
        if row.review == "added":
            assert [(s.start, s.end) for s in selections] == [(0, len(source.text))]
        else:
            passages = [source.text[s.start : s.end].lower() for s in selections]
            assert all(any(word.lower() in passage for passage in passages) for word in row.evidence), (row, passages)
            assert [(s.start, s.end) for s in selections] == coded_passages(
                source.text, inputs.codebook.by_id[row.code]
            )


def test_automatic_and_reviewed_codings_are_told_apart_and_rejected_codes_are_not_coded(exported, inputs):
    project = exported[0]
    users = {user.guid: user.name for user in project.users}
    assert users[user_guid(AUTOMATIC_CODER)] == AUTOMATIC_CODER
    coder_of = {
        (source.name, coding.code_guid): users[coding.user_guid]
        for source in project.sources
        for s in source.selections
        for coding in s.codings
    }
    for row in inputs.long.itertuples(index=False):
        expected = row.reviewer if row.review else AUTOMATIC_CODER
        assert coder_of[(row.comment_id, code_guid(row.code))] == expected
    assert "project engineer (AI coding assistant)" in users.values()  # the reviewer the data records, as recorded
    rejected = inputs.reviews[inputs.reviews["decision"] == "rejected"]
    assert len(rejected) > 0
    notes = {note.guid: note.text for note in project.notes}
    for review in rejected.itertuples(index=False):
        assert (review.comment_id, code_guid(review.code)) not in coder_of
        source = next(s for s in project.sources if s.name == review.comment_id)
        assert any(review.code in notes[guid] and "rejected by" in notes[guid] for guid in source.note_guids)


def test_read_back_keeps_every_comment_code_and_passage(exported):
    written, read = exported[0], refi.read_qdpx(exported[1])
    assert [(c.guid, c.name, c.description) for c in read.every_code()] == [
        (c.guid, c.name, c.description) for c in written.every_code()
    ]
    assert [(s.guid, s.name, s.text) for s in read.sources] == [(s.guid, s.name, s.text) for s in written.sources]
    assert [[(p.start, p.end, [c.code_guid for c in p.codings]) for p in s.selections] for s in read.sources] == [
        [(p.start, p.end, [c.code_guid for c in p.codings]) for p in s.selections] for s in written.sources
    ]


def test_export_again_gives_the_same_bytes(exported, tmp_path):
    _, again, codebook_again = export_qda(tmp_path / "again.qdpx", None, root=ROOT)
    assert again.read_bytes() == exported[1].read_bytes()
    assert codebook_again.read_bytes() == exported[2].read_bytes()


def test_illustrative_comments_are_marked_in_the_project(tmp_path):
    main(["synth", "--comments", "30", "--out", str(tmp_path / "synth")])
    inputs = load_consultation_inputs(
        str(tmp_path / "synth" / "comments.csv"),
        str(tmp_path / "synth" / "questions.csv"),
        [],
        [],
        root=ROOT,
        code_reviews_file="",
    )
    project = qda_project(inputs)
    assert project.description.startswith("ILLUSTRATIVE DATA")
    illustrative = next(v.guid for v in project.variables if v.name == "illustrative")
    assert all(dict(source.values)[illustrative] is True for source in project.sources)


# ---- back from a QDA tool ---------------------------------------------------------------------------


def _edited(project_file, tmp_path, edit) -> str:
    project = refi.read_qdpx(project_file)
    edit(project)
    return str(refi.write_qdpx(project, tmp_path / "edited.qdpx"))


def _drop_coding(project, comment_id, code_id):
    source = next(s for s in project.sources if s.name == comment_id)
    for selection in source.selections:
        selection.codings = [c for c in selection.codings if c.code_guid != code_guid(code_id)]


def _add_coding(project, comment_id, code_ref_guid, start=0, end=10):
    source = next(s for s in project.sources if s.name == comment_id)
    source.selections.append(
        refi.Selection(
            refi.guid_for("test", comment_id, code_ref_guid),
            start,
            end,
            codings=[refi.Coding(refi.guid_for("test-coding", comment_id), code_ref_guid)],
        )
    )


@pytest.fixture()
def reviewed(project, inputs, tmp_path):
    """A copy of the data whose reviews hold every kind of decision: one kept review taken out (its
    code now automatic only) and one code added by review; exported from there."""
    path = project / "data" / "code_reviews.csv"
    reviews = pd.read_csv(path, dtype=str, keep_default_na=False)
    kept = reviews[reviews["decision"] == "kept"]
    automatic_only = kept.iloc[0]
    comment = inputs.coded.iloc[-1]
    gives = set(inputs.automatic_long.loc[inputs.automatic_long["comment_id"] == comment["comment_id"], "code"])
    added_code = next(
        code
        for code in inputs.codebook.code_ids
        if code not in gives and (comment["comment_id"], code) not in set(zip(reviews["comment_id"], reviews["code"]))
    )
    added = {
        "comment_id": comment["comment_id"],
        "code": added_code,
        "decision": "added",
        "reviewer": "A Tester",
        "date": "2026-11-20",
        "note": "Written by a test.",
        "source": comment["source"],
    }
    reviews = pd.concat([reviews.drop(index=automatic_only.name), pd.DataFrame([added])], ignore_index=True)
    reviews.to_csv(path, index=False)
    export_qda(tmp_path / "exported.qdpx", None, root=project)
    return {
        "root": project,
        "file": tmp_path / "exported.qdpx",
        "automatic_only": (automatic_only["comment_id"], automatic_only["code"]),
        "kept": (kept.iloc[1]["comment_id"], kept.iloc[1]["code"]),
        "rejected": tuple(reviews.loc[reviews["decision"] == "rejected", ["comment_id", "code"]].iloc[0]),
        "added": (comment["comment_id"], added_code),
        "reviews": reviews,
    }


@pytest.mark.parametrize("reviews_file", [None, ""])
def test_an_import_without_a_reviews_table_says_so_before_reading_anything(exported, reviews_file):
    """The reviews are written to the reviews table: without one, the import stops and says so (it used to read
    everything, then fail on the reviews it had not read: 'NoneType' object has no attribute 'frame')."""
    from workbooks.errors import ParameterError

    with pytest.raises(ParameterError, match="reviews table to update"):
        import_qda(exported[1], "Maria Rossi", "2026-11-24", reviews_file=reviews_file, root=ROOT)


def test_the_prepared_reviews_hold_every_kind_of_coding(reviewed):
    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=reviewed["root"])
    project = qda_project(inputs)
    users = {user.guid: user.name for user in project.users}
    coder_of = {
        (source.name, coding.code_guid): users[coding.user_guid]
        for source in project.sources
        for s in source.selections
        for coding in s.codings
    }
    comment_id, code = reviewed["automatic_only"]
    assert coder_of[(comment_id, code_guid(code))] == AUTOMATIC_CODER
    comment_id, code = reviewed["added"]
    assert coder_of[(comment_id, code_guid(code))] == "A Tester"
    source = next(s for s in project.sources if s.name == comment_id)
    assert [(p.start, p.end) for p in source.selections if code_guid(code) in {c.code_guid for c in p.codings}] == [
        (0, len(source.text))
    ]


def test_an_untouched_project_changes_nothing(reviewed):
    before = (reviewed["root"] / "data" / "code_reviews.csv").read_bytes()
    result, unmatched = import_qda(reviewed["file"], "Maria Rossi", "2026-11-24", root=reviewed["root"])
    assert result.changes == [] and result.unmatched == [] and unmatched is None
    assert result.comments_compared == 24 and result.comments_not_in_project == 0
    assert (reviewed["root"] / "data" / "code_reviews.csv").read_bytes() == before


def test_codes_added_and_removed_in_a_qda_tool_come_back_as_reviews(reviewed, inputs, tmp_path):
    untouched_comment = inputs.coded["comment_id"].iloc[0]
    has = {
        code
        for c, code in zip(reviewed["reviews"]["comment_id"], reviewed["reviews"]["code"])
        if c == untouched_comment
    }
    has |= set(inputs.automatic_long.loc[inputs.automatic_long["comment_id"] == untouched_comment, "code"])
    new_code = next(code for code in inputs.codebook.code_ids if code not in has)

    def edit(project_):
        _drop_coding(project_, *reviewed["automatic_only"])
        _drop_coding(project_, *reviewed["kept"])
        _add_coding(project_, reviewed["rejected"][0], code_guid(reviewed["rejected"][1]))
        _add_coding(project_, untouched_comment, code_guid(new_code))

    root = reviewed["root"]
    result, _ = import_qda(_edited(reviewed["file"], tmp_path, edit), "Maria Rossi", "2026-11-24", root=root)
    said = {(change.comment_id, change.code): (change.before, change.after) for change in result.changes}
    expected_rejection = ("rejected", "kept")
    if reviewed["rejected"][1] not in set(
        inputs.automatic_long.loc[inputs.automatic_long["comment_id"] == reviewed["rejected"][0], "code"]
    ):
        expected_rejection = ("rejected", "added")  # the coder no longer gives it: the code comes back as added
    assert said == {
        reviewed["automatic_only"]: ("", "rejected"),
        reviewed["kept"]: ("kept", "rejected"),
        reviewed["rejected"]: expected_rejection,
        (untouched_comment, new_code): ("", "added"),
    }
    written = pd.read_csv(root / "data" / "code_reviews.csv", dtype=str, keep_default_na=False)
    assert len(written) == len(reviewed["reviews"]) + 4  # four new decisions after the earlier ones, all kept
    columns = ["comment_id", "code", "decision", "reviewer"]
    assert (
        written.iloc[: len(reviewed["reviews"])][columns].values.tolist()
        == reviewed["reviews"][columns].values.tolist()
    )
    new = written[written["reviewer"] == "Maria Rossi"]
    assert set(zip(new["comment_id"], new["code"], new["decision"])) == {
        (c, k, after) for (c, k), (_, after) in said.items()
    }
    assert set(new["date"]) == {"2026-11-24"} and all("edited.qdpx" in note for note in new["note"])
    # the project showed the decisions so far: each new decision is recorded as made in open mode
    assert set(new["mode"]) == {OPEN}
    # exported again and imported again, nothing more changes
    export_qda(tmp_path / "after.qdpx", None, root=root)
    assert import_qda(tmp_path / "after.qdpx", "Maria Rossi", "2026-11-24", root=root)[0].changes == []


def test_removing_a_code_a_review_added_rejects_it_and_keeps_the_review_as_history(reviewed, tmp_path):
    comment_id, code = reviewed["added"]
    result, _ = import_qda(
        _edited(reviewed["file"], tmp_path, lambda p: _drop_coding(p, comment_id, code)),
        "Maria Rossi",
        "2026-11-24",
        root=reviewed["root"],
    )
    assert [(c.comment_id, c.code, c.before, c.after) for c in result.changes] == [
        (comment_id, code, "added", "rejected")
    ]
    assert result.changes[0].said.endswith("rejected (its 'added' review overruled)")
    written = pd.read_csv(reviewed["root"] / "data" / "code_reviews.csv", dtype=str, keep_default_na=False)
    decisions = written[(written["comment_id"] == comment_id) & (written["code"] == code)]
    assert list(decisions["decision"]) == ["added", "rejected"]  # nothing overwritten; the latest counts
    assert len(written) == len(reviewed["reviews"]) + 1
    from workbooks.consultation.inputs import load_consultation_inputs

    counted = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=reviewed["root"]).long
    assert (comment_id, code) not in set(zip(counted["comment_id"], counted["code"]))


def test_unknown_comments_and_codes_are_kept_beside_the_project_not_lost(reviewed, tmp_path, capsys):
    def edit(project_):
        new_code = refi.Code(refi.guid_for("new", "code"), "Housing", "Added in the QDA tool.")
        project_.codes[2].children.append(new_code)
        _add_coding(project_, project_.sources[0].name, new_code.guid, 5, 20)
        _add_coding(project_, project_.sources[1].name, project_.codes[0].guid)  # a family, not a code
        project_.sources.append(
            refi.TextSource(
                refi.guid_for("memo"),
                "interview-memo",
                "A memo from an interview.",
                selections=[
                    refi.Selection(
                        refi.guid_for("m"), 2, 6, codings=[refi.Coding(refi.guid_for("mc"), code_guid("gcm-16"))]
                    )
                ],
            )
        )

    edited = _edited(reviewed["file"], tmp_path, edit)
    before = (reviewed["root"] / "data" / "code_reviews.csv").read_bytes()
    assert main(["import-qda", edited, "--reviewer", "Maria Rossi", "--date", "2026-11-24"]) == 0
    out, err = capsys.readouterr()
    assert "no code changed" in out and "3 codings this data cannot take" in err
    assert (reviewed["root"] / "data" / "code_reviews.csv").read_bytes() == before
    kept = pd.read_csv(tmp_path / "edited.unmatched.csv", dtype=str, keep_default_na=False)
    assert list(kept["code_name"]) == ["Housing", "GCM objectives", "Obj. 16 Inclusion and social cohesion"]
    assert "does not have" in kept["why"].iloc[0] and "family" in kept["why"].iloc[1]
    assert kept["source_name"].iloc[2] == "interview-memo" and kept["passage"].iloc[2] == "memo"


def test_a_dry_run_writes_nothing(reviewed, tmp_path, capsys):
    edited = _edited(reviewed["file"], tmp_path, lambda p: _drop_coding(p, *reviewed["automatic_only"]))
    before = (reviewed["root"] / "data" / "code_reviews.csv").read_bytes()
    assert main(["import-qda", edited, "--reviewer", "Maria Rossi", "--dry-run"]) == 0
    assert "would change 1 review in" in capsys.readouterr().out
    assert (reviewed["root"] / "data" / "code_reviews.csv").read_bytes() == before


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--reviewer", " "], "--reviewer must name who"),
        (["--reviewer", "X", "--date", "24/11/2026"], "expected a day as YYYY-MM-DD"),
    ],
)
def test_a_command_line_it_cannot_take_is_a_usage_error(project, exported, argv, message, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["import-qda", str(exported[1]), *argv])
    assert raised.value.code == 2 and message in capsys.readouterr().err


def test_a_file_that_is_not_a_project_is_an_error_not_a_traceback(project, tmp_path, capsys):
    (tmp_path / "x.qdpx").write_text("not a zip")
    assert main(["import-qda", str(tmp_path / "x.qdpx"), "--reviewer", "X"]) == 1
    assert "not a REFI-QDA project" in capsys.readouterr().err


def test_an_unknown_discussion_is_a_usage_error_naming_the_option(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["export-qda", "--out", str(tmp_path / "x.qdpx"), "--discussion", "no-such-discussion"])
    assert (
        raised.value.code == 2 and "--discussion: unknown discussion ['no-such-discussion']" in capsys.readouterr().err
    )
    assert not (tmp_path / "x.qdpx").exists()


def test_one_discussion_alone(tmp_path):
    project, _, _ = export_qda(tmp_path / "one.qdpx", None, discussions=["hub-imrf-roundtable-3"], root=ROOT)
    assert [source.name for source in project.sources] == ["hub-imrf-roundtable-3-c01", "hub-imrf-roundtable-3-c02"]


def test_a_project_of_other_comments_is_an_error_saying_which_option_to_give(tmp_path, capsys):
    """A project exported from a comments file of one's own, imported against the project's comments: no comment
    in common. That is the wrong file, not 66 codings to set aside: said, with --comments, and nothing written."""
    from workbooks.cli import main

    own = ROOT / "tests" / "fixtures" / "own_data" / "comments.csv"
    project_copy = tmp_path / "project"
    (project_copy / "data").mkdir(parents=True)
    (project_copy / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    shutil.copytree(ROOT / "data", project_copy / "data", dirs_exist_ok=True)
    (project_copy / "notebooks").mkdir()
    shutil.copy(own, project_copy / "data" / "mine.csv")
    write_sidecar(project_copy / "data" / "mine.csv", "comments")
    reviews = project_copy / "data" / "mine_reviews.csv"
    reviews.write_text(",".join(CODE_REVIEWS.column_names) + "\n", encoding="utf-8")
    write_sidecar(reviews, "code_reviews")
    export_qda(
        tmp_path / "mine.qdpx",
        None,
        comments_file="data/mine.csv",
        reviews_file="data/mine_reviews.csv",
        root=project_copy,
    )
    before = (project_copy / "data" / "code_reviews.csv").read_bytes()
    old = os.environ.get("WORKBOOKS_ROOT")
    os.environ["WORKBOOKS_ROOT"] = str(project_copy)
    try:
        assert main(["import-qda", str(tmp_path / "mine.qdpx"), "--reviewer", "Maria Rossi"]) == 1
    finally:
        os.environ.pop("WORKBOOKS_ROOT") if old is None else os.environ.update(WORKBOOKS_ROOT=old)
    err = capsys.readouterr().err
    assert "none of its 30 comments is a comment of comments.csv" in err and "--comments FILE" in err
    assert "Traceback" not in err and (project_copy / "data" / "code_reviews.csv").read_bytes() == before
    assert not (tmp_path / "mine.unmatched.csv").exists()
