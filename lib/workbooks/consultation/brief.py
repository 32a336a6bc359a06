"""The consultation brief's opening: the question it answers, a summary, its dates, its sources;
and the captions and alt text of its figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..common.wording import count_of, in_sentence, join_names, number_word, verb_for
from ..presentation.page import BriefFacts, SourceLink
from ..tables.sources import cited_sources
from .analysis import CLOSENESS
from .inputs import ConsultationInputs
from .reviews import counts_line, overall_basis, removed_by_checks

if TYPE_CHECKING:
    from IPython.display import HTML


def where_said(inputs: ConsultationInputs) -> str:
    """Where the comments were made, in words: the Hub's discussions by their titles in the registry of
    pages; comments gathered elsewhere by what their file's sidecar calls them (never "the Hub")."""
    registered = set(inputs.sources["source_id"])
    chosen = list(dict.fromkeys(inputs.coded["discussion"]))
    hub = [discussion for discussion in chosen if discussion in registered]
    own = [discussion for discussion in chosen if discussion not in registered]
    parts = []
    if hub:
        titles = list(dict.fromkeys(inputs.titles[discussion].split(" (copy ")[0] for discussion in hub))
        parts.append(
            f"the Hub consultation \u201c{titles[0]}\u201d"
            if len(titles) == 1
            else count_of(len(titles), "Hub discussion")
        )
    if own:
        parts.append(
            f"\u201c{inputs.comments_data.meta['title']}\u201d"
            + (f" ({count_of(len(own), inputs.words.gathering)})" if len(own) > 1 else "")
        )
    return " and ".join(parts) or "the chosen discussions"


def question(inputs: ConsultationInputs) -> str:
    where = where_said(inputs)
    if inputs.focus:
        named = [in_sentence(inputs.labels[code]) for code in inputs.focus]
        about = join_names(named) if len(named) <= 4 else _focus_by_family(inputs)
        return f"What did stakeholders ask for in {where}, and what did they say about {about}?"
    return (
        f"What did stakeholders ask for in {where}, who asked, and which GCM objectives, guiding principles and "
        "checklist themes did they raise?"
    )


def _focus_by_family(inputs: ConsultationInputs) -> str:
    """Many codes in focus, counted by family: 'the 6 themes of the workstream's checklist, 5 GCM
    objectives and 4 guiding principles in focus' (a reader need not count a list of 15)."""
    from .focus import FAMILY_NOUNS, FAMILY_ORDER

    counts = [(family, sum(inputs.families.get(code) == family for code in inputs.focus)) for family in FAMILY_ORDER]
    parts = [f"{count} {FAMILY_NOUNS[family][count != 1]}" for family, count in counts if count]
    return f"the {join_names(parts)} in focus"


def source_links(inputs: ConsultationInputs) -> list[SourceLink]:
    used = list(dict.fromkeys(inputs.coded["source"]))
    cited = cited_sources(used, inputs.sources)
    seen: set[str] = set()
    links = []
    for _, row in cited.iterrows():
        again = "; another stored copy of the same page as the source above" if row["url"] in seen else ""
        seen.add(row["url"])
        links.append(
            SourceLink(
                row["title"],
                row["url"],
                (
                    "Hub discussion; stored copy verbatim"
                    if row["verbatim"]
                    else "Hub discussion; stored copy rebuilt with its prose paraphrased, so comments from it "
                    "are shown as paraphrases"
                )
                + again,
            )
        )
    unregistered = [source for source in used if source not in set(cited["source_id"])]
    if unregistered:  # comments gathered outside the Hub: their file, as its sidecar describes it
        meta = inputs.comments_data.meta
        gathered = int((~inputs.coded["source"].isin(set(cited["source_id"]))).sum())
        links.append(
            SourceLink(
                meta["title"],
                "",
                f"{count_of(gathered, 'comment')} gathered outside the Hub. {meta['provenance'].strip()}",
            )
        )
    return links


def _dates(posted: pd.Series) -> pd.Series:
    """The dates a column of posting dates holds, earliest first; blanks left out."""
    return pd.to_datetime(posted.replace("", None), errors="coerce").dropna().sort_values()


def data_date(inputs: ConsultationInputs) -> tuple[str, str]:
    posted = _dates(inputs.coded["posted"])
    if posted.empty:
        return _question_dates(inputs), ""
    latest = posted.max()
    undated = len(inputs.coded) - len(posted)
    if undated:  # an undated comment may be later than the latest date shown: 'up to' would claim too much
        return (
            f"Latest dated comment {latest:%-d %B %Y}; {undated:,} of {count_of(len(inputs.coded), 'comment')} "
            f"{verb_for(undated, 'shows', 'show')} no date",
            f"{latest:%Y-%m-%d}",
        )
    return inputs.words.up_to(f"{latest:%-d %B %Y}"), f"{latest:%Y-%m-%d}"


CODE_WORTH_A_KEY_MESSAGE = 3  # the most raised code leads a key message only when this many comments raise it:
# 'Whole-of-society approach is the code most comments raise (2 of 6)' tells a reader nothing


def _question_dates(inputs: ConsultationInputs) -> str:
    """Where no comment shows a date: the dates of the questions the comments answer (the Hub prints
    a question's date under it, and none under a comment), and those that other stored copies of the
    same pages show (a copy may show dates another does not; its questions may be worded otherwise, so
    they are not matched one by one)."""

    def keyed(frame: pd.DataFrame) -> pd.DataFrame:  # a question's position may be missing (a comment above any)
        return frame.assign(
            discussion=frame["discussion"].astype(str),
            question=pd.to_numeric(frame["question"], errors="coerce").astype("Int64"),
        )

    def when(shown: pd.Series) -> str:
        return (
            f"{shown.iloc[0]:%-d %B %Y}"
            if shown.iloc[0] == shown.iloc[-1]
            else f"between {shown.iloc[0]:%-d %B %Y} and {shown.iloc[-1]:%-d %B %Y}"
        )

    answered = keyed(inputs.questions_answered)
    if answered.empty:  # comments that answer no question of a page (a survey export)
        return "The comments show no date"
    questions = keyed(inputs.questions).merge(answered)
    dated = _dates(questions["posted"])
    urls = dict(zip(inputs.sources["source_id"], inputs.sources["url"]))
    chosen = set(inputs.coded["discussion"].astype(str))
    pages = {urls[d] for d in chosen if urls.get(d)}
    copies = inputs.questions[
        ~inputs.questions["discussion"].isin(chosen) & inputs.questions["discussion"].map(urls).isin(pages)
    ]
    elsewhere = _dates(copies["posted"])
    other = (
        f"; other stored copies of the same {'page date its questions' if len(pages) == 1 else 'pages date questions'} "
        f"{when(elsewhere)}"
        if len(elsewhere)
        else ""
    )
    if dated.empty:
        return f"The pages show no date for the comments or the questions they answer{other}"
    asked, shown = len(questions), len(dated)
    which = (
        ("the question they answer" if asked == 1 else f"the {asked} questions they answer")
        if shown == asked
        else f"{shown} of the {asked} questions they answer"
    )
    return (
        f"The pages show no date for the comments; {which} {verb_for(shown, 'was', 'were')} posted {when(dated)}{other}"
    )


def key_messages(inputs: ConsultationInputs) -> list[str]:
    """3 to 5 sentences a busy reader could forward: what stakeholders asked for, the asks that touch
    the codes in focus (or the workstream's checklist), what the comments raise of the codes in focus
    (or who spoke), and who checked the counts."""
    from .analysis import who_spoke
    from .asks import REQUEST, ask_messages, priority_message, touches, touching_message, unasked_message
    from .focus import focus_messages, other_focus_message

    if inputs.coded.empty:
        return ["No comments in the chosen discussions."]
    status = overall_basis(
        inputs.long,
        list(inputs.frequency["code"]) or None,
        inputs.agreement,
        removed_by_checks(inputs.automatic_long, inputs.long),
    )
    if inputs.reviews_elsewhere:  # a researcher's own comments, read with the project's checks: none is theirs
        status += (
            f" data/{inputs.reviews_elsewhere}, the checks this brief read, holds none of these comments' codes: "
            "checks recorded in another file count once the parameter file names it (code_reviews_file)."
        )
    own = (
        [priority_message(inputs.workstream_passages, inputs.workstream_priority_label)]
        if len(inputs.workstream_passages)
        else []
    )
    if (
        inputs.focus
    ):  # what the comments say of the codes in focus leads (checklist, objectives, principles); then the asks
        found = focus_messages(inputs.focus_passages, inputs.focus, inputs.labels, inputs.families, len(inputs.coded))
        others = other_focus_message(
            inputs.focus_passages, inputs.focus, inputs.labels, inputs.families, len(inputs.coded)
        )  # the most raised objectives and principles; the section has every count
        themes = [code for code in inputs.focus if inputs.families[code] == "theme"]
        where = "the checklist themes in focus" if themes else "the codes in focus"
        asked = touching_message(inputs.ask_groups, themes or inputs.focus, where) or f"No ask touches {where}."
        messages = found[:1] + own + [asked] + ([others] if others else [])
        return (messages[:4] + [status] if status else messages)[:5]
    matter = [code.code for code in inputs.codebook.codes if code.family == "theme"]
    touching = [group for group in inputs.ask_groups if touches(group, matter)]
    # a theme another message names (the checklist's, the workstream's own) is not listed again
    passages = inputs.workstream_passages
    asked_for_it = set(passages.loc[passages["kind"] == REQUEST, "theme"]) if len(passages) else set()
    said = (
        [group.theme_key for group in touching]
        + [inputs.ask_vocabulary.workstream_theme] * bool(own)
        + [group.theme_key for group in inputs.ask_groups if group.theme in asked_for_it]
    )  # 'Their asks for it: ...'

    asks_said = ask_messages(
        inputs.ask_groups,
        inputs.asks,
        len(inputs.coded),
        matter,
        said_elsewhere=said,
        apart_from="this workstream's own priority" if own else "",
    )
    where = "a theme of the workstream's checklist"  # not '(decent work, access to financing)': it read as two themes
    messages = asks_said[:1] + own
    touching_words = touching_message(inputs.ask_groups, matter, where)
    if touching_words:
        messages.append(touching_words)
    else:
        raised = inputs.frequency[inputs.frequency["code"].isin(matter)]
        anyway = join_names(
            [
                f"{in_sentence(row['label'])} ({row['comments']:,} of {len(inputs.coded):,})"
                for _, row in raised.iterrows()
            ]
        )
        messages.append(
            f"No ask touches {where}"
            + (f"; of its themes, the comments raise only {anyway}, outside the asks." if anyway else ".")
        )
    unasked = unasked_message(
        inputs.coded, inputs.comments_without_asks, inputs.ask_vocabulary, codes_of_comments(inputs)
    )
    raised_most = int(inputs.frequency["comments"].max()) if len(inputs.frequency) else 0
    codes = [codes_message(inputs.frequency, len(inputs.coded))] if raised_most >= CODE_WORTH_A_KEY_MESSAGE else []
    messages += asks_said[1:] + ([unasked] if unasked else []) + codes + [who_spoke(inputs.coded)]
    return (messages[:4] + [status] if status else messages)[:5]


def codes_of_comments(inputs: ConsultationInputs) -> dict[str, list[str]]:
    """Each comment's counted codes, as labels: the checklist themes first, then the codebook's order."""
    order = {code.code: (code.family != "theme", position) for position, code in enumerate(inputs.codebook.codes)}
    codes: dict[str, list[str]] = {}
    pairs = inputs.long[["comment_id", "code"]].drop_duplicates()
    for comment_id, code in sorted(
        zip(pairs["comment_id"], pairs["code"]), key=lambda pair: order.get(pair[1], (True, 0))
    ):
        codes.setdefault(comment_id, []).append(inputs.labels[code])
    return codes


def codes_message(frequency: pd.DataFrame, n_comments: int) -> str:
    """'Whole-of-society approach is the code most comments raise (2 of 6); 15 more codes are raised by
    1 comment each.' (the codes tied for most named together, at most three)."""
    if frequency.empty:
        return "No comment raises a code of the codebook."
    top = int(frequency["comments"].max())
    leaders = frequency[frequency["comments"] == top]
    named = join_names(
        [in_sentence(label) for label in leaders["label"].head(3)]
        + ([f"{len(leaders) - 3} more"] if len(leaders) > 3 else [])
    )
    lead = (
        f"{named[0].upper()}{named[1:]} {verb_for(len(leaders), 'is the code', 'are the codes')} most comments "
        f"raise ({top:,} of {n_comments:,})"
    )
    rest = frequency[frequency["comments"] < top]
    if rest.empty:
        return lead + "."
    if rest["comments"].nunique() == 1:
        each = int(rest["comments"].iloc[0])
        return f"{lead}; {count_of(len(rest), 'more code')} {verb_for(len(rest), 'is', 'are')} raised by {count_of(each, 'comment')} each."
    return f"{lead}; {count_of(len(rest), 'more code')} by fewer."


def brief_facts(inputs: ConsultationInputs, title: str, summary: list[str] | None = None) -> BriefFacts:
    words, day = data_date(inputs)
    method = (
        "Codes come from an automatic keyword coder (a codebook of patterns for the 23 GCM objectives, the 10 "
        "guiding principles and the checklist themes); where a review of a code is recorded, the review counts "
        "instead, and every count says which it is."
    )
    summary = key_messages(inputs) if summary is None else summary
    return BriefFacts(
        title=title,
        question=question(inputs),
        summary=summary[:5],
        data_date=words,
        as_of=day,
        sources=source_links(inputs),
        illustrative=inputs.illustrative,
        method_note=method,
        scope=inputs.headline(),
        review_status=counts_line(
            inputs.long,
            list(inputs.frequency["code"]) or None,
            inputs.agreement,
            removed_by_checks(inputs.automatic_long, inputs.long),
        ),
    )


def asks_section(inputs: ConsultationInputs):
    """What stakeholders asked for, the brief's first finding (:class:`.asks.AsksSection`)."""
    from .asks import AsksSection

    themes = [code for code in inputs.focus if inputs.families[code] == "theme"]  # shown whole: asks touching these
    return AsksSection(
        inputs.asks,
        inputs.ask_groups,
        len(inputs.coded),
        inputs.questions,
        inputs.titles,
        inputs.comments_without_asks,
        inputs.illustrative,
        inputs.paraphrased_sources,
        inputs.workstream_passages,
        inputs.workstream_priority_label,
        whole_for_codes=themes or inputs.focus,
        whole_for_words="the checklist themes in focus" if themes else "the codes in focus",
        workstream_theme=inputs.ask_vocabulary.workstream_theme,
        questions_answered=len(inputs.questions_answered),
        words=inputs.words,
    )


def focus_section(inputs: ConsultationInputs):
    """What the comments say on the codes in focus (:mod:`.focus`); nothing for a brief without codes in focus."""
    from IPython.display import HTML

    from .asks import question_labels
    from .focus import focus_section_html

    if not inputs.focus:
        return None
    labels = question_labels(inputs.focus_passages, inputs.titles, inputs.questions)
    return HTML(
        focus_section_html(
            inputs.focus_passages,
            inputs.focus,
            inputs.labels,
            inputs.families,
            len(inputs.coded),
            labels,
            inputs.illustrative,
            inputs.words.cut_here,
        )
    )


def unraised_objectives(inputs: ConsultationInputs) -> tuple[pd.DataFrame, str]:
    """The GCM objectives no comment raises: a table of those close to the brief's focus (or to the
    workstream's checklist), and a sentence naming the others."""
    missing = inputs.objectives_not_raised()
    if missing.empty:
        return missing, "Every GCM objective is raised by at least one comment."
    close = missing[missing[CLOSENESS] != ""] if CLOSENESS in missing.columns else missing.iloc[0:0]
    others = missing.drop(close.index)
    names = [f"Obj. {row['number']} {row['label']}" for _, row in others.iterrows()]
    raised_by_none = (
        f"{count_of(len(missing), 'GCM objective')} {verb_for(len(missing), 'is', 'are')} raised by no comment"
    )
    if not len(close):
        sentence = f"{raised_by_none}: {join_names(names)}."
    elif names:
        sentence = (
            f"{raised_by_none}: the {len(close)} in the table, the closest to this brief, and {join_names(names)}."
        )
    else:
        sentence = f"{raised_by_none}, all in the table."
    return close.reset_index(drop=True), sentence


CHART_CODES = (
    15  # without codes in focus, the bar chart shows the most frequent codes, at most this many (the table has all)
)
CHART_EVERY_CODE = (
    20  # ... but every code where no more are raised: dropping one or two tied codes would hide them for no room saved
)


def chart_codes(inputs: ConsultationInputs) -> list[str]:
    """The codes a chart shows: the codes in focus; or else every code raised, where at most CHART_EVERY_CODE
    are; or else the most frequent, at most CHART_CODES, the checklist themes raised always among them (each in place of the least frequent other code), in the
    frequency table's order."""
    codes = list(inputs.frequency["code"])
    if inputs.focus or len(codes) <= CHART_EVERY_CODE:
        return codes
    themes = [code for code in codes if inputs.families.get(code) == "theme"]
    others = [code for code in codes if code not in themes][: max(CHART_CODES - len(themes), 0)]
    kept = set(themes[:CHART_CODES]) | set(others)
    return [code for code in codes if code in kept]


WHOLE_TABLE = "the table \u201cComments raising each code\u201d, in the HTML brief and its tables download,"


def _which_codes(shown: list[str], raised: int, where: str, focus: Sequence[str] = ()) -> str:
    """What a chart of ``shown`` codes shows, in its caption."""
    if focus:
        return (
            f"each of the {len(focus)} codes in focus, raised or not"
            if len(shown) >= len(focus)
            else f"each code in focus that a comment raises ({len(shown)} of the {len(focus)})"
        )
    return (
        f"{len(shown)} of the {raised} codes raised: every checklist theme raised, then the most frequent of the "
        f"others (of codes tied at the cut, the first in the codebook's order; {where} has all)"
        if len(shown) < raised
        else "each code"
    )


def frequency_title(frequency: pd.DataFrame, n_comments: int) -> str:
    """The frequency chart's takeaway: 'Gender-responsive leads: 5 of 14 comments raise it', or a tie."""
    if frequency.empty:
        return "No code reaches the minimum count"
    top = int(frequency["comments"].iloc[0])
    tied = frequency[frequency["comments"] == top]
    if len(tied) == 1:
        return f"{tied['label'].iloc[0]} leads: {top:,} of {count_of(n_comments, 'comment')} raise it"
    return (
        f"{number_word(len(tied)).capitalize()} codes tie at the top, each raised by {top:,} of {n_comments:,} comments"
    )


def heatmap_title(table: pd.DataFrame) -> str:
    """The heatmap's takeaway: which stakeholder type's comments raise the most codes, and their share
    (``table``: every code raised, not only those drawn)."""
    totals = table.sum(axis=0) if not table.empty else pd.Series(dtype=int)
    if totals.empty or int(totals.sum()) == 0:
        return "No comment raises these codes"
    top, total = int(totals.max()), int(totals.sum())

    def whose(kind) -> str:
        return "comments of unknown stakeholder type" if str(kind) == "unknown" else f"{kind} comments"

    leaders = [kind for kind, count in totals.items() if int(count) == top]
    if len(leaders) > 1:  # a tie: no type has 'the largest share'
        tied = join_names([whose(kind) for kind in leaders])
        return f"{tied[0].upper()}{tied[1:]} each bring {top:,} of the {total:,} code mentions"
    leader = leaders[0]
    most = "Most code mentions" if top * 2 > total else "The largest share of code mentions"
    return f"{most} ({top:,} of {total:,}) come from {whose(leader)}"


def frequency_figure(inputs: ConsultationInputs):
    """(figure, caption, alt text, illustrative) for the comments-per-code bars; the title says the takeaway."""
    from .charts import code_frequency_chart

    total = len(inputs.coded)
    shown = inputs.frequency[inputs.frequency["code"].isin(chart_codes(inputs))]
    which = _which_codes(list(shown["code"]), len(inputs.frequency), WHOLE_TABLE, inputs.focus)
    caption = f"Comments raising {which}, of {count_of(total, 'comment')}; a comment counts once per code."
    return (
        code_frequency_chart(shown, total, frequency_title(inputs.frequency, total)),
        caption,
        None,
        inputs.illustrative,
    )


def heatmap_figure(inputs: ConsultationInputs):
    """(figure, caption, alt text, illustrative, the counts as a table for paper, the title) for codes by
    stakeholder type: the codes in focus, or else every code raised, so that its cells add up to the count
    its title says; the title says the takeaway."""
    from .analysis import code_by_stakeholder
    from .charts import heatmap_chart

    codes = (
        inputs.shown_codes
    )  # every code raised (the codes in focus where there are): its rows add up to the title's count
    table = code_by_stakeholder(inputs.long, inputs.coded, codes, inputs.labels)
    if inputs.focus:  # a code in focus no comment raises is said in the findings, not drawn as a row of zeros
        table = table[table.sum(axis=1) > 0]
    which = _which_codes(list(table.index), len(codes), WHOLE_TABLE, inputs.focus)
    caption = (
        f"Comments raising {which}, by the stakeholder type of {inputs.words.whoever}; a code mention is one "
        "comment raising one code."
    )
    title = heatmap_title(table)
    paper = table.rename_axis("code").reset_index()  # printed in place of the chart: A4 would shrink its labels
    return heatmap_chart(table, title), caption, None, inputs.illustrative, paper, title


CODES_BY_COMMENT_CAPTION = "Codes counted for each comment"


def codes_by_comment_table(inputs: ConsultationInputs):
    """The annex's table of each comment's codes (:func:`.analysis.codes_by_comment`), never folded, so that
    every count can be checked on screen and on paper. Where one review status holds for every row, the
    caption says it once and the page drops the column; the tables download keeps it per row."""
    from ..presentation import html as show

    frame = inputs.codes_by_comment
    statuses = set(frame["review status"])
    caption, shown = CODES_BY_COMMENT_CAPTION, frame
    if len(statuses) == 1 and "" not in statuses:
        caption = f"{CODES_BY_COMMENT_CAPTION} (every code {statuses.pop()})"
        shown = frame.drop(columns="review status")
    return show.table(shown, caption, illustrative=inputs.illustrative, max_rows=show.MAX_ROWS, csv_frame=frame)


CODES_HEADING = "Which GCM objectives, principles and checklist themes they raised"
CODES_INTRO = (
    "A comment counts once per code, however often it uses the words; a code a check rejected is not "
    "counted, a code a check added is. The review status says who checked the codes each count rests on."
)
WHO_HEADING = "Who raised what"
WHO_INTRO = (
    "A comment's organisation is filled only where its author line or its own text names whom it speaks "
    "for; an organisation not in the project's list, or no organisation at all, is unknown, never guessed."
)
CODES_BY_COMMENT_HEADING = "Annex: the codes of each comment"


def codes_by_comment_intro(inputs: ConsultationInputs) -> str:
    """'Each comment by its question and place on the page, who posted it, ...' in the words of where
    the comments came from."""
    return f"Each comment by {inputs.words.place}, {inputs.words.who}, the codes counted for it and who checked them."


def codes_section(inputs: ConsultationInputs) -> list:
    """Which codes the comments raise: the heading with its findings, the chart of codes and the folded
    table of every code (:mod:`..presentation.sections` keeps the heading with the findings on paper)."""
    from ..presentation import html as show
    from ..presentation.sections import headed
    from .analysis import frequency_table

    findings = show.paragraph(" ".join(inputs.key_findings(inputs.objectives_not_raised(), inputs.priority_table())))
    figure = show.HTML(show.rendered_figure(*frequency_figure(inputs)))
    every = show.table(
        frequency_table(inputs.frequency, len(inputs.coded)),
        "Comments raising each code, and who checked them",
        illustrative=inputs.illustrative,
        folded=True,
    )
    return headed(CODES_HEADING, [findings, figure, every], CODES_INTRO)


NO_TYPE_KNOWN = (
    "Every comment's stakeholder type is unknown (the organisation it speaks for is not named, or not in "
    "the project's list of organisations), so the codes are not broken down by who raised them."
)


def who_raised_what_section(inputs: ConsultationInputs) -> list:
    """Codes by stakeholder type under its heading, kept together on paper; where no comment's type is
    known (comments of one's own, whose organisations the list does not have), a sentence saying so in
    place of a chart with one column."""
    from ..presentation import html as show
    from ..presentation.sections import headed
    from ..tables.vocabularies import UNKNOWN

    if len(inputs.coded) and (inputs.coded["stakeholder_type"] == UNKNOWN).all():
        return headed(WHO_HEADING, [show.paragraph(NO_TYPE_KNOWN)], WHO_INTRO)
    return headed(WHO_HEADING, [show.HTML(show.rendered_figure(*heatmap_figure(inputs)))], WHO_INTRO)


PRIORITIES_HEADING = "Network priorities referred to"
PRIORITIES_INTRO = (
    'References by number ("Ongoing Priority 3", "New Priority 5", "priority area 3") or by title, set '
    "against the workplan priorities. This workstream: the priority that became the socio-economic "
    "integration workstream."
)


def priorities_section(inputs: ConsultationInputs) -> list:
    """The workplan priorities the comments refer to, under their heading; nothing where no comment refers
    to one (the codes section's findings say so in a sentence: a heading over 'none' is no finding)."""
    from ..presentation import html as show
    from ..presentation.sections import headed
    from .analysis import priorities_for_readers

    table = inputs.priority_table()
    if not table["comments referring"].sum():
        return []
    return headed(
        PRIORITIES_HEADING,
        [
            show.table(
                priorities_for_readers(table),
                "Network priorities the comments refer to",
                illustrative=inputs.illustrative,
            )
        ],
        PRIORITIES_INTRO,
    )


def codes_by_comment_section(inputs: ConsultationInputs) -> list:
    """The annex of each comment's codes under its heading, then the folded tables by question and by
    stakeholder type."""
    from ..presentation import html as show
    from ..presentation.sections import headed
    from .analysis import comments_by_question, comments_by_stakeholder

    return headed(
        CODES_BY_COMMENT_HEADING,
        [
            codes_by_comment_table(inputs),
            show.table(
                comments_by_question(
                    inputs.coded, inputs.questions, inputs.titles, inputs.paraphrased_sources, inputs.words
                ),
                "Comments by question",
                illustrative=inputs.illustrative,
                max_rows=show.MAX_ROWS,
                folded=True,
            ),
            show.table(
                comments_by_stakeholder(inputs.coded),
                "Comments by stakeholder type",
                illustrative=inputs.illustrative,
                folded=True,
            ),
        ],
        codes_by_comment_intro(inputs),
    )


def validation_section(inputs: ConsultationInputs) -> list:
    """The annex on the coder against the reference coding, measured on this brief's comments that it
    codes: the sentence saying on which (or that it codes none of them), and the table per code where
    it was measured."""
    from ..presentation import html as show

    validation = inputs.validation()
    shown: list[HTML | show.ShownTable] = [show.paragraph(inputs.validation_sentence(validation))]
    if validation is not None:
        shown.append(
            show.table(
                validation.code_table(inputs.labels),
                "Consistency of the coder with the reference coding, per code",
                digits=2,
                folded=True,
            )
        )
    return shown
