"""The opening of a brief: question, summary, both dates labelled, contents, sources as safe
links, a citation; the same facts as JSON for the catalogue; print rules that cannot be broken out of."""

from datetime import datetime, timezone

from briefs_scenario import parse_html
from workbooks.presentation.page import (
    BRIEF_FACTS_MIMETYPE,
    CONTENTS_PLACEHOLDER,
    BriefFacts,
    SourceLink,
    front_matter,
    front_matter_html,
    page_style,
    sources_and_citation_html,
)

GENERATED = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def _facts(**changes):
    values = dict(
        title="Progress <b>",
        question="How far?",
        summary=["One.", "Two.", "Three."],
        data_date="Plan and status as of 31 December 2024",
        as_of="2024-12-31",
        sources=[
            SourceLink("Hub page", "https://migrationnetwork.un.org/x", "verbatim"),
            SourceLink("Evil", "javascript:alert(1)"),
        ],
        illustrative=False,
    )
    values.update(changes)
    return BriefFacts(**values)


def test_front_matter_labels_both_dates_and_escapes_the_title():
    page = front_matter_html(_facts(), GENERATED)
    text = " ".join(" ".join(parse_html(page).text).split())
    assert "Data: Plan and status as of 31 December 2024" in text
    assert "Brief generated: 23 November 2026" in text
    assert "Progress &lt;b&gt;" in page and "<b>" not in page
    assert CONTENTS_PLACEHOLDER in page
    assert "Key messages One. Two. Three." in text
    assert "not a publication of the Network" not in text  # after the findings, with the sources


def test_key_messages_are_one_item_each_and_come_before_the_contents():
    page = front_matter_html(_facts(), GENERATED)
    assert page.count("<li>") == 3
    assert page.index("Key messages") < page.index(CONTENTS_PLACEHOLDER)


def test_a_demonstration_is_not_for_citing():
    text = " ".join(" ".join(parse_html(sources_and_citation_html(_facts(illustrative=True), GENERATED)).text).split())
    assert "Not for citing." in text and "How to cite." not in text and "invented data" in text


def test_sources_and_citation_say_who_made_it_and_how_to_cite():
    text = " ".join(" ".join(parse_html(sources_and_citation_html(_facts(), GENERATED)).text).split())
    assert "not a publication of the Network" in text and "How to cite." in text


def test_sources_link_only_to_web_addresses():
    page = sources_and_citation_html(_facts(), GENERATED)
    assert '<a href="https://migrationnetwork.un.org/x"' in page
    assert "javascript:" not in page and "Evil" in page  # named, not linked


def test_citation_names_project_title_data_date_and_generation_day():
    text = " ".join(" ".join(parse_html(sources_and_citation_html(_facts(title="T"), GENERATED)).text).split())
    assert (
        "Integration Workbooks (2026). T. Plan and status as of 31 December 2024. Generated 23 November 2026." in text
    )


def test_illustrative_brief_marks_every_printed_page_and_a_real_one_does_not():
    assert "ILLUSTRATIVE DATA" in page_style(_facts(illustrative=True))
    assert "ILLUSTRATIVE DATA" not in page_style(_facts())
    assert "counter(page)" in page_style(_facts())


def test_title_cannot_break_out_of_the_print_rules():
    style = page_style(_facts(title='x"; } </style><script>alert(1)</script>'))
    inner = style.removeprefix("<style>").removesuffix("</style>")
    assert "</style>" not in inner and "<script>" not in inner and '"; }' not in inner


def test_facts_travel_as_json_beside_the_html():
    data, _ = front_matter(_facts(illustrative=True), GENERATED)._repr_mimebundle_()
    facts = data[BRIEF_FACTS_MIMETYPE]
    assert facts["illustrative"] is True and facts["as_of"] == "2024-12-31" and facts["generated"] == "2026-11-23"
    assert facts["question"] == "How far?"
    assert facts["review_status"] == ""  # none said: the catalogue shows none


def test_the_review_status_travels_to_the_catalogue_as_given():
    status = "Scores checked by an AI assistant, not yet by a person"
    data, _ = front_matter(_facts(review_status=status), GENERATED)._repr_mimebundle_()
    assert data[BRIEF_FACTS_MIMETYPE]["review_status"] == status


def test_a_live_view_shows_a_project_error_where_its_chart_would_be():
    from workbooks.errors import ParameterError
    from workbooks.presentation.live import LiveView

    class Failing(LiveView):
        def draw(self):
            raise ParameterError(None, "as_of", "2024-02-30 <is> not a day")

    view = Failing()
    import ipywidgets

    view.start([], ipywidgets.HBox([]))
    assert view.redraws == 1
    assert (
        view.html == '<p class="workbooks-live-error">parameter &#x27;as_of&#x27;: 2024-02-30 &lt;is&gt; not a day</p>'
    )


def test_the_running_title_at_a_pages_foot_is_cut_at_a_word_when_long():
    from workbooks.presentation.page import RUNNING_TITLE_CHARS, running_title

    assert running_title("Short title") == "Short title"
    long = (
        "Our summaries show social protection fully for four of five practices (two for immigrants, one each for "
        "returnees and emigrants), rights at work for none"
    )
    cut = running_title(long)
    assert len(cut) <= RUNNING_TITLE_CHARS and cut.endswith("\u2026") and long.startswith(cut[:-1])
    assert cut == "Our summaries show social protection fully for four of five practices\u2026"  # no open bracket


def test_a_live_view_keeps_the_last_views_it_drew_and_makes_each_once():
    from workbooks.presentation.live import Kept

    made = []
    kept = Kept(2)

    def make(key):
        return lambda: made.append(key) or f"drawn {key}"

    assert kept.get("a", make("a")) == "drawn a" and kept.get("a", make("a")) == "drawn a"
    kept.get("b", make("b"))
    kept.get("a", make("a"))  # used again: now the last one used
    kept.get("c", make("c"))  # over the size: the one used longest ago ("b") goes
    assert list(kept) == ["a", "c"] and len(kept) == 2
    kept.get("b", make("b"))
    assert made == ["a", "b", "c", "b"]
