"""Quotes: cut between words, labelled verbatim or paraphrase from the registry, escaped."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from workbooks.consultation import quotes as quoting
from workbooks.consultation.inputs import load_consultation_inputs

HUB = ["hub-climate-change-consultation", "hub-imrf-roundtable-2", "hub-imrf-progress-declaration",
       "hub-imrf-roundtable-4", "hub-imrf-roundtable-3"]


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


def test_seed_text_is_quoted_as_posted_and_hub_text_is_labelled_a_paraphrase():
    seed = load_consultation_inputs("data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [],
                                    root=ROOT)
    hub = load_consultation_inputs("data/comments.csv", "data/questions.csv", HUB, [], root=ROOT)
    seed_quotes = quoting.quotes(seed.coded, seed.long, ["gcm-20"], seed.labels, sources=seed.sources,
                                 titles=seed.titles)
    assert {q.wording for q in seed_quotes} == {quoting.VERBATIM}
    assert {q.wording_label for q in seed_quotes} == {"as posted"}
    assert {q.discussion for q in seed_quotes} == {"Draft Network Workplan 2022-2024"}
    hub_quotes = quoting.quotes(hub.coded, hub.long, hub.shown_codes[:4], hub.labels, sources=hub.sources,
                                titles=hub.titles)
    assert hub_quotes and {q.wording for q in hub_quotes} == {quoting.PARAPHRASE}
    html = quoting.quotes_html(hub_quotes).data
    assert "as posted" not in html and "not the author&#x27;s words" in html and "brief-paraphrase" in html
    assert all(q.attribution.startswith("Paraphrased from a comment") for q in hub_quotes)
    assert "hub-imrf" not in html and "-c01" not in html  # titles, not ids
    [note] = [text for text, _ in hub.caveats() if "paraphrase" in text]
    assert note.startswith("6 of 6 comments come from stored Hub pages whose prose was rewritten")
    assert not [text for text, _ in seed.caveats() if "paraphrase" in text]


def test_a_comment_gathered_elsewhere_is_shown_as_recorded_and_escaped():
    sources = pd.DataFrame({"source_id": ["seed-002-draft-network-workplan"], "note": ["Project seed"]})
    coded = pd.DataFrame({"comment_id": ["x-1"], "truncated": [False], "source": ["survey export"],
                          "discussion": ["email-consultation-2023"], "organisation_canonical": ["<b>Org</b>"],
                          "organisation": [""], "author": [""], "text": ["<script>x</script> remittances"]})
    long = pd.DataFrame({"comment_id": ["x-1"], "code": ["gcm-20"], "evidence": [["remittances"]]})
    [quote] = quoting.quotes(coded, long, ["gcm-20"], {"gcm-20": "Obj. 20 Remittances"}, sources=sources)
    assert quote.wording == quoting.RECORDED and quote.discussion == "email-consultation-2023"
    html = quoting.quotes_html([quote]).data
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;Org&lt;/b&gt;" in html
    assert "as recorded in the comments file" in html and "<mark>remittances</mark>" in html


def test_a_code_added_by_review_is_quoted_without_marks():
    coded = pd.DataFrame({"comment_id": ["x-1"], "truncated": [False], "source": ["s"], "discussion": ["d"],
                          "organisation_canonical": [""], "organisation": [""], "author": ["A. Author"],
                          "text": ["Stateless children need papers."]})
    long = pd.DataFrame({"comment_id": ["x-1"], "code": ["gcm-4"], "evidence": [[]]})
    [quote] = quoting.quotes(coded, long, ["gcm-4"], {"gcm-4": "Obj. 4 Legal identity"})
    html = quoting.quotes_html([quote]).data
    assert "<mark>" not in html and "code added by review" in html and "A. Author" in html


@pytest.mark.parametrize("text, shown", [
    ("1. Safe and regu...", "1. Safe and…"),  # the page's teaser cut a word: the fragment goes
    ("we call for gender research and data collection at ev", "we call for gender research and data collection at…"),
    ("in many cases. ...", "in many cases. …"),
    ("Thanks.", "Thanks. …"),  # cut off after a whole sentence: still marked
])
def test_a_comment_the_page_cut_off_never_ends_in_part_of_a_word(text, shown):
    assert quoting.excerpt(text, [], 600, cut_off=True) == shown
    assert quoting.excerpt(text, [], 600) == text  # a whole comment is shown as it is


def test_the_seed_002_quotes_end_between_words():
    seed = load_consultation_inputs("data/comments.csv", "data/questions.csv", ["seed-002-draft-network-workplan"], [],
                                    root=ROOT)
    every = quoting.quotes(seed.coded, seed.long, seed.shown_codes, seed.labels, sources=seed.sources)
    for quote in every:
        if quote.truncated:
            assert quote.text.endswith("…") and not quote.text.endswith("...")
        words = quote.text.replace("…", " ").split()
        whole = set(seed.coded.set_index("comment_id").at[quote.comment_id, "text"].replace("...", " ").split())
        assert set(words) <= whole, set(words) - whole  # every word shown is a whole word of the comment


def test_a_comment_is_quoted_once_under_the_first_code_it_is_chosen_for():
    import pandas as pd

    from workbooks.consultation.quotes import quotes

    coded = pd.DataFrame({"comment_id": ["a", "b"], "text": ["jobs and remittances", "remittances only"],
                          "truncated": [False, False], "source": ["x", "x"], "discussion": ["d", "d"],
                          "organisation_canonical": ["", ""], "organisation": ["", ""], "author": ["", ""]})
    long = pd.DataFrame({"comment_id": ["a", "a", "b"], "code": ["jobs", "money", "money"],
                         "evidence": [["jobs"], ["remittances"], ["remittances"]]})
    chosen = quotes(coded, long, ["jobs", "money"], {"jobs": "Jobs", "money": "Money"})
    assert [(q.code, q.comment_id) for q in chosen] == [("jobs", "a"), ("money", "b")]
