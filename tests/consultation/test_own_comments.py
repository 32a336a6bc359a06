"""A comments file of one's own: every discussion of it unless named, called by its sidecar's title
(never "the Hub"), the coder measured only on the brief's comments that have a reference coding, and
organisations named but not typed said to be so."""

from __future__ import annotations

import html as html_lib
import re
import shutil

import pandas as pd
import pytest
import yaml

from conftest import ROOT, write_sidecar
from workbooks.consultation.brief import key_messages, question, source_links, where_said
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.errors import ParameterError

SEED = "seed-002-draft-network-workplan"
OWN = ROOT / "tests" / "fixtures" / "own_data" / "comments.csv"  # 30 invented comments in 2 discussions


def _own_file(tmp_path, frame: pd.DataFrame | None = None, title: str = "Comments received by e-mail, 2024"):
    path = tmp_path / "my_comments.csv"
    if frame is None:
        shutil.copy(OWN, path)
    else:
        frame.to_csv(path, index=False)
    sidecar = write_sidecar(path, "comments")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(
        yaml.safe_dump({**meta, "title": title, "provenance": "Gathered by the secretariat."}), encoding="utf-8"
    )
    return path


def _load(comments_file, discussions=None):
    return load_consultation_inputs(str(comments_file), "data/questions.csv", discussions, [], root=ROOT)


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return _load(_own_file(tmp_path_factory.mktemp("own")))


def test_a_file_of_ones_own_shows_every_discussion_unless_some_are_named(own, tmp_path):
    assert len(own.coded) == 30 and own.discussions == ["email-consultation-2024", "meeting-notes-2024-04"]
    some = _load(_own_file(tmp_path), ["meeting-notes-2024-04"])
    assert len(some.coded) == 8 and some.discussions == ["meeting-notes-2024-04"]
    assert len(_load(_own_file(tmp_path), []).coded) == 30  # [] names none: every one
    with pytest.raises(ParameterError) as unknown:
        _load(_own_file(tmp_path), [SEED])
    assert unknown.value.key == "discussions"


def test_the_hubs_comments_default_to_seed_002_whose_renderings_are_not_repeated():
    hub = _load("data/comments.csv")
    assert hub.discussions == [SEED] and set(hub.coded["discussion"]) == {SEED} and len(hub.coded) == 14


def test_comments_of_ones_own_are_called_by_their_sidecars_title_never_the_hub(own):
    assert (
        where_said(own) == "\u201cComments received by e-mail, 2024\u201d (2 consultations)"
    )  # not the Hub's discussions
    assert "Hub" not in question(own)
    assert own.headline() == "30 comments in 2 consultations; 8 name the organisation they speak for."
    [link] = source_links(own)
    assert (link.title, link.url) == ("Comments received by e-mail, 2024", "")
    assert link.note == "30 comments gathered outside the Hub. Gathered by the secretariat."
    hub = _load("data/comments.csv")
    assert where_said(hub).startswith("the Hub consultation \u201c") and "answering" in hub.headline()


def test_organisations_named_but_not_in_the_list_are_said_to_be_untyped_not_unnamed(own):
    from workbooks.consultation.analysis import who_spoke

    assert who_spoke(own.coded) == (
        "8 of 30 comments name the organisation they speak for, but none of these is in "
        "the project's list of organisations, so every stakeholder type is 'unknown'."
    )
    one_typed = own.coded.copy()
    one_typed.loc[0, "stakeholder_type"] = "trade union"  # as if the list typed the first comment's organisation
    assert who_spoke(one_typed).endswith(
        "The other 29 are counted as 'unknown', 7 of them naming an organisation "
        "the project's list of organisations does not type."
    )


def test_who_raised_what_is_a_sentence_not_a_one_column_chart_when_no_type_is_known(own):
    from workbooks.consultation.brief import NO_TYPE_KNOWN, who_raised_what_section

    def html(blocks) -> str:
        return html_lib.unescape("".join(block._repr_mimebundle_()[0]["text/html"] for block in blocks))

    assert NO_TYPE_KNOWN in html(who_raised_what_section(own)) and "<img" not in html(who_raised_what_section(own))
    seed = html(who_raised_what_section(_load("data/comments.csv")))
    assert "<img" in seed and NO_TYPE_KNOWN not in seed


def test_the_coder_is_not_measured_on_comments_without_a_reference_coding_and_the_annex_says_so(own):
    assert own.validation(resamples=10) is None
    assert own.validation_sentence(None) == (
        "The reference coding, made by the project engineer (AI coding assistant), covers 24 comments of the Hub's "
        "discussions and none of the 30 comments in this brief: how closely the automatic coder's codes match a "
        "careful reading of them is not measured. Read the codes of each comment (the annex above) before relying "
        "on the counts."
    )
    assert not re.search(r"\([^()]*\(", own.validation_sentence(None))  # no brackets inside brackets


def test_the_coder_is_measured_on_the_briefs_comments_that_have_a_reference_coding_and_only_those(tmp_path):
    seed = _load("data/comments.csv")
    measured = seed.validation(resamples=20)
    assert measured.n_comments == 14 and measured.comments_measured == "all 14 comments of this brief"
    hub = pd.read_csv(ROOT / "data" / "comments.csv", dtype=str, keep_default_na=False)
    borrowed = hub[hub["discussion"] == SEED].head(3)  # 3 of the Hub's comments, as stored
    reused = hub[hub["discussion"] == SEED].iloc[[3]].assign(text="Another comment that reuses an id.")
    own_rows = pd.read_csv(OWN, dtype=str, keep_default_na=False).head(2)
    mixed = _load(_own_file(tmp_path, pd.concat([borrowed, reused, own_rows])))
    assert list(mixed.referenced_comments["comment_id"]) == list(borrowed["comment_id"])  # the reused id is not it
    result = mixed.validation(resamples=20)
    assert result.n_comments == 3 and result.of_brief == 6
    assert "on the 3 of this brief's 6 comments that the reference coding codes" in mixed.validation_sentence(result)


def test_checks_of_ones_own_comments_in_a_reviews_file_of_ones_own_reach_the_brief(own, tmp_path):
    """The review workbench records checks of one's own comments in ``code_reviews_file``; the brief reads the same
    parameter: a code rejected there is not counted, a code added there is."""
    comments = _own_file(tmp_path)
    first = own.automatic_long.iloc[0]
    unraised = next(
        code
        for code in own.codebook.code_ids
        if code not in set(own.automatic_long.loc[own.automatic_long["comment_id"] == first["comment_id"], "code"])
    )
    source = own.coded.loc[own.coded["comment_id"] == first["comment_id"], "source"].iloc[0]
    reviews = tmp_path / "my_code_reviews.csv"
    pd.DataFrame(
        [
            {
                "comment_id": first["comment_id"],
                "code": first["code"],
                "decision": "rejected",
                "reviewer": "Maria Rossi",
                "date": "2026-12-01",
                "note": "",
                "source": source,
            },
            {
                "comment_id": first["comment_id"],
                "code": unraised,
                "decision": "added",
                "reviewer": "Maria Rossi",
                "date": "2026-12-01",
                "note": "",
                "source": source,
            },
        ]
    ).to_csv(reviews, index=False)
    write_sidecar(reviews, "code_reviews")
    checked = load_consultation_inputs(
        str(comments), "data/questions.csv", None, [], code_reviews_file=str(reviews), root=ROOT
    )
    counted = set(zip(checked.long["comment_id"], checked.long["code"]))
    assert (first["comment_id"], first["code"]) not in counted and (first["comment_id"], unraised) in counted
    assert (first["comment_id"], first["code"]) in set(
        zip(own.long["comment_id"], own.long["code"])
    )  # unchecked: counted
    # read with the project's checks (the parameter not set), the brief says that file holds none of these comments'
    hint = "data/code_reviews.csv, the checks this brief read, holds none of these comments' codes"
    assert own.reviews_elsewhere == "code_reviews.csv" and any(hint in message for message in key_messages(own))
    assert checked.reviews_elsewhere == "" and not any(hint in message for message in key_messages(checked))


def _collected(tmp_path, collected_from, frame: pd.DataFrame | None = None):
    """A file of one's own whose sidecar says where its comments were gathered (``collected_from``)."""
    path = _own_file(tmp_path, frame)
    sidecar = path.with_name("my_comments.meta.yaml")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(yaml.safe_dump({**meta, "collected_from": collected_from}), encoding="utf-8")
    return _load(path)


PAGE_WORDS = (
    "posted up to",
    "who posted",
    "place on the page",
    "by the page",
    "the page cuts",
    "whoever posted",
    "posted by",
    "author not shown",
    "no question shown",
)


def _brief_words(inputs) -> str:
    """Every sentence, caption and column name of the brief that says where the comments came from."""
    from workbooks.consultation.analysis import comments_by_question
    from workbooks.consultation.asks import asks_for_readers
    from workbooks.consultation.brief import asks_section, codes_by_comment_intro, data_date

    cut = inputs.asks.assign(cut_by_page=True)  # as if every comment had been cut off where it was gathered
    table = comments_by_question(
        inputs.coded, inputs.questions, inputs.titles, inputs.paraphrased_sources, inputs.words
    )
    section = asks_section(inputs)
    section.asks = cut
    return " | ".join(
        [
            data_date(inputs)[0],
            codes_by_comment_intro(inputs),
            *table.columns,
            *(str(cell) for cell in table.to_numpy().ravel()),
            *asks_for_readers(cut, inputs.words).columns,
            section.html(),
            *(caveat.text for caveat in inputs.caveats()),
        ]
    )


def test_comments_gathered_by_e_mail_are_said_to_be_received_and_sent_never_posted_on_a_page(tmp_path):
    truncated = pd.read_csv(OWN, dtype=str, keep_default_na=False).assign(truncated="true")
    emails = _collected(tmp_path, "e-mails", truncated)
    said = _brief_words(emails)
    assert not [words for words in PAGE_WORDS if words in said]
    assert "Comments received up to 10 April 2024" in said  # the latest dated comment of the fixture
    assert (
        "Each comment by its discussion, its question where it answers one, and its place in the file, who sent it"
        in said
    )
    assert "30 of 30 comments were cut off in the e-mail: codes and quotes see only the text shown." in said
    assert "(the e-mail cuts the comment here)" in said and "An ask the e-mail cuts off within" in said
    notes = _collected(tmp_path, ["meeting notes"])
    assert "Comments noted up to" in _brief_words(notes) and "who said it" in _brief_words(notes)


def test_several_kinds_of_source_or_none_said_get_words_that_fit_any(tmp_path, own):
    both = _collected(tmp_path, ["e-mails", "meeting notes"])
    for inputs in (both, own):  # own: its sidecar says nothing of where the comments came from
        said = _brief_words(inputs)
        assert not [words for words in PAGE_WORDS if words in said]
        assert "Comments received up to" in said and "who made it" in said and "cut off in the source" in said


def test_the_hubs_comments_keep_the_pages_words():
    said = _brief_words(_load("data/comments.csv"))
    assert "Comments posted up to" in said or "The pages show no date" in said
    assert "Each comment by its question and place on the page, who posted it" in said
    assert "position on the page" in said and "cut off by the page" in said and "An ask the page cuts off" in said


def test_a_brief_of_ones_own_comments_describes_none_of_the_projects_comments_pages_or_reviews(own):
    read = {dataset.path.relative_to(ROOT).as_posix() for dataset in own.datasets if dataset.path.is_relative_to(ROOT)}
    assert not read & {"data/comments.csv", "data/sources.csv", "data/questions.csv", "data/code_reviews.csv"}
    assert {"data/organisations.csv", "data/hand_coded_sample.csv"} <= read  # what the brief does rest on
    assert own.comments_data in own.datasets
    hub = _load("data/comments.csv")
    shipped = {dataset.path.relative_to(ROOT).as_posix() for dataset in hub.datasets}
    assert {"data/comments.csv", "data/sources.csv", "data/questions.csv", "data/code_reviews.csv"} <= shipped
