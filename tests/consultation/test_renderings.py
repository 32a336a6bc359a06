"""One comment in two stored copies of its page: the unsigned copy takes author, organisation and date
from the signed one, never its text, and only for the same comment on the same page."""

import pandas as pd

from conftest import ROOT
from workbooks.consultation.inputs import load_consultation_inputs
from workbooks.consultation.renderings import attributed_from_other_copies, same_comment

OPENING = "Remittances offer a striking example of what migrants and diasporas contribute: they held up well"


def _comments(*rows):
    return pd.DataFrame(
        rows, columns=["discussion", "comment_id", "author", "organisation", "posted", "text", "source"]
    )


SOURCES = pd.DataFrame({"source_id": ["a", "b", "c"], "url": ["https://hub/x", "https://hub/x", "https://hub/y"]})


def test_two_cuts_of_one_comment_are_the_same_comment_and_other_texts_are_not():
    assert same_comment(OPENING + " through the pand", OPENING + " through the pandemic, as forecast.")
    assert not same_comment(OPENING, OPENING.replace("striking", "poor"))
    assert not same_comment("Remittances matter.", "Remittances matter. A lot.")  # too short to tell


def test_an_unsigned_comment_takes_the_signature_and_the_fuller_text_of_its_other_rendering():
    chosen = _comments(("a", "a-c01", "", "", "", OPENING + " through the pand", "a"))
    every = pd.concat(
        [
            chosen,
            _comments(
                (
                    "b",
                    "b-c01",
                    "Sarah Doyel, IOM",
                    "IOM",
                    "2022-01-11",
                    OPENING + " through the pandemic. We should keep spotlighting them.",
                    "b",
                )
            ),
        ]
    )
    result = attributed_from_other_copies(chosen, every, SOURCES).iloc[0]
    assert (result["author"], result["organisation"], result["posted"]) == ("Sarah Doyel, IOM", "IOM", "2022-01-11")
    assert result["attribution_from"] == "b" and result["text"].endswith("We should keep spotlighting them.")
    assert result["source"] == "b"  # the quote is cited to the copy it comes from


def test_an_unsigned_comment_keeps_its_own_text_where_the_signed_copy_shows_less():
    chosen = _comments(
        ("a", "a-c01", "", "", "", OPENING + " through the pandemic. We should keep spotlighting them.", "a")
    )
    every = pd.concat(
        [chosen, _comments(("b", "b-c01", "Sarah Doyel, IOM", "IOM", "2022-01-11", OPENING + " through the pand", "b"))]
    )
    result = attributed_from_other_copies(chosen, every, SOURCES).iloc[0]
    assert result["author"] == "Sarah Doyel, IOM" and result["source"] == "a"
    assert result["text"].endswith("We should keep spotlighting them.")


def test_nothing_is_taken_from_another_page_from_another_comment_or_over_a_signature():
    unsigned = ("a", "a-c01", "", "", "", OPENING, "a")
    elsewhere = _comments(("c", "c-c01", "X", "X", "2022-01-01", OPENING, "c"))  # another page
    assert (
        attributed_from_other_copies(_comments(unsigned), pd.concat([_comments(unsigned), elsewhere]), SOURCES).iloc[0][
            "author"
        ]
        == ""
    )
    other = _comments(
        (
            "b",
            "b-c01",
            "X",
            "X",
            "",
            "A different comment entirely, about social protection "
            "for workers in the informal economy and their families.",
            "b",
        )
    )
    assert attributed_from_other_copies(_comments(unsigned), other, SOURCES).iloc[0]["attribution_from"] == ""
    signed = _comments(("a", "a-c01", "Someone", "", "", OPENING, "a"))
    source = _comments(("b", "b-c01", "Sarah Doyel, IOM", "IOM", "2022-01-11", OPENING, "b"))
    assert attributed_from_other_copies(signed, source, SOURCES).iloc[0]["author"] == "Someone"


def test_the_hub_brief_credits_the_remittances_comment_to_iom_and_says_where_that_came_from():
    inputs = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["hub-imrf-roundtable-3"], [], root=ROOT
    )
    comment = inputs.coded.set_index("comment_id").loc["hub-imrf-roundtable-3-c01"]
    assert (comment["author"], comment["organisation_canonical"], comment["posted"]) == (
        "Sarah Doyel, IOM",
        "IOM",
        pd.NaT,
    )  # the date on that copy is the question's, not the comment's
    assert any(
        "shows no author in the copy of the page used here; its author comes from another stored copy of the "
        "same page" in text
        for text, _ in inputs.caveats()
    )


def test_the_indexed_matching_gives_the_row_by_row_result_on_the_real_comments_and_repeated_ones():
    from reference_versions import attributed_from_other_copies_loop
    from workbooks.tables.datasets import load_dataset

    every = load_dataset("data/comments.csv", ROOT, layout="comments").frame
    sources = load_dataset("data/sources.csv", ROOT).frame
    repeated = pd.concat([every.assign(comment_id=every["comment_id"] + f"-{n}") for n in range(3)], ignore_index=True)
    for comments in (every, repeated):
        pd.testing.assert_frame_equal(
            attributed_from_other_copies(comments, comments, sources),
            attributed_from_other_copies_loop(comments, comments, sources),
        )
    assert (attributed_from_other_copies(every, every, sources)["attribution_from"] != "").any()


def test_the_borrowed_attribution_caveat_names_ten_comments_and_says_how_many_more():
    import dataclasses

    from workbooks.consultation.inputs import NAMED_IN_A_CAVEAT

    inputs = load_consultation_inputs("data/comments.csv", "data/questions.csv", [], [], root=ROOT)
    borrowed = inputs.coded[inputs.coded["attribution_from"] != ""]
    assert len(borrowed)
    many = pd.concat([borrowed] * 30, ignore_index=True)
    scaled = dataclasses.replace(inputs, coded=pd.concat([inputs.coded, many], ignore_index=True))
    [note] = [text for text, _ in scaled.caveats() if "another stored copy" in text]
    total = len(borrowed) * 31
    assert note.startswith(f"{total} comments show no author") and f"; and {total - NAMED_IN_A_CAVEAT} more)" in note
    assert note.count(" in \u201c") == NAMED_IN_A_CAVEAT


def test_the_indexed_matching_gives_the_row_by_row_result_on_made_up_edge_cases():
    """Each way a copy is taken or passed over, against the row-by-row reference: a signed chosen comment, a
    page without an address, another comment of the same discussion, an unsigned other copy, texts too
    short to tell, two signed copies (the first in file order counts), a fuller and a shorter other copy,
    white space and case folded, a cut last word."""
    from reference_versions import attributed_from_other_copies_loop

    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d", "e"],
            "url": ["https://hub/x", "https://hub/x", "https://hub/y", "", "https://hub/x"],
        }
    )
    longer = OPENING + " through the pandemic. We should keep spotlighting them."
    chosen = _comments(
        ("a", "a-1", "", "", "", OPENING + " through the pand", "a"),  # cut: takes b's signature and fuller text
        ("a", "a-2", "Signed", "", "", OPENING, "a"),  # signed already: nothing taken
        ("d", "d-1", "", "", "", OPENING, "d"),  # a page without an address: nothing taken
        ("a", "a-3", "", "", "", "Remittances matter.", "a"),  # too short to tell
        ("a", "a-4", "", "", "", longer.upper().replace(" ", "  "), "a"),  # case and spaces: b's, its own text kept
        ("c", "c-1", "", "", "", OPENING, "c"),  # the only other copy of its page is unsigned
        ("a", "a-5", "", "", "", OPENING.replace("striking", "poor"), "a"),  # another comment
    )
    every = pd.concat(
        [
            chosen,
            _comments(
                (
                    "a",
                    "a-9",
                    "Same discussion",
                    "X",
                    "",
                    OPENING,
                    "a",
                ),  # the chosen comments' own discussion: never taken
                ("b", "b-1", "Sarah Doyel, IOM", "IOM", "2022-01-11", longer, "b"),
                ("e", "e-1", "Second copy", "Y", "", longer, "e"),  # same page, later in file order
                ("c", "c-2", "", "", "", OPENING, "c"),
                ("d", "d-2", "No address", "Z", "", OPENING, "d"),
                (
                    "b",
                    "b-2",
                    "",
                    "",
                    "2022-02-01",
                    OPENING.replace("striking", "poor") + " indeed",
                    "b",
                ),  # a date alone signs
            ),
        ],
        ignore_index=True,
    )
    result = attributed_from_other_copies(chosen, every, sources)
    pd.testing.assert_frame_equal(result, attributed_from_other_copies_loop(chosen, every, sources))
    assert list(result["attribution_from"]) == ["b", "", "", "", "b", "", "b"]
    assert result.loc[0, "text"] == longer and result.loc[4, "text"] == chosen.loc[4, "text"]
    assert result.loc[6, "posted"] == "2022-02-01" and result.loc[6, "author"] == ""
