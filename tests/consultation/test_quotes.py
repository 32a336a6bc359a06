"""A comment's words: cut between words, labelled verbatim or paraphrase from the registry."""

from __future__ import annotations

import pytest

from conftest import ROOT
from workbooks.consultation import quotes as quoting
from workbooks.consultation.inputs import load_consultation_inputs

HUB = [
    "hub-climate-change-consultation",
    "hub-imrf-roundtable-2",
    "hub-imrf-progress-declaration",
    "hub-imrf-roundtable-4",
    "hub-imrf-roundtable-3",
]


@pytest.mark.parametrize("width", range(8, 60, 3))
def test_an_excerpt_starts_and_ends_at_word_boundaries(width):
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho"
    words = set(text.split())
    piece = quoting.excerpt(text, ["theta"], width)
    assert "theta" in piece
    inner = piece.strip("…").split(" ")
    assert set(inner) <= words, piece  # no word cut in two
    assert len(piece.strip("…")) <= width


def test_a_short_text_is_whole_and_a_cut_is_marked():
    assert quoting.excerpt("  remittances   matter ", ["remittances"], 100) == "remittances matter"
    long = "word " * 200 + "remittances matter a great deal" + " end" * 200
    piece = quoting.excerpt(long, ["remittances"], 120)
    assert piece.startswith("…word ") and piece.endswith(" end…") and "remittances matter" in piece


@pytest.mark.parametrize(
    "text, shown",
    [
        ("1. Safe and regu...", "1. Safe and…"),  # the page's teaser cut a word: the fragment goes
        (
            "we call for gender research and data collection at ev",
            "we call for gender research and data collection at…",
        ),
        ("in many cases. ...", "in many cases. …"),
        ("Thanks.", "Thanks. …"),  # cut off after a whole sentence: still marked
    ],
)
def test_a_comment_the_page_cut_off_never_ends_in_part_of_a_word(text, shown):
    assert quoting.excerpt(text, [], 600, cut_off=True) == shown
    assert quoting.excerpt(text, [], 600) == text  # a whole comment is shown as it is


def test_seed_comments_are_as_posted_and_hub_comments_a_paraphrase():
    seed = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], root=ROOT
    )
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", HUB, [], root=ROOT)
    assert {quoting.wording_of(s, seed.sources) for s in seed.coded["source"]} == {quoting.VERBATIM}
    assert {quoting.wording_of(s, hub.sources) for s in hub.coded["source"]} == {quoting.PARAPHRASE}
    assert quoting.wording_of("survey export", seed.sources) == quoting.RECORDED  # gathered elsewhere
    assert "not the author's words" in quoting.WORDING_LABELS[quoting.PARAPHRASE]
    [note] = [text for text, _ in hub.caveats() if "paraphrase" in text]
    assert note.startswith("6 of 6 comments come from stored Hub pages whose prose was rewritten")
    assert not [text for text, _ in seed.caveats() if "paraphrase" in text]


def test_excerpts_of_the_seed_002_comments_end_between_words():
    seed = load_consultation_inputs(
        "data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [], root=ROOT
    )
    for text, cut in zip(seed.coded["text"], seed.coded["truncated"]):
        shown = quoting.excerpt(text, [], 200, bool(cut))
        if cut or len(text) > 200:
            assert shown.endswith("…") and not shown.endswith("...")
        words = shown.replace("…", " ").split()
        assert set(words) <= set(text.replace("...", " ").split()), set(words) - set(text.split())
