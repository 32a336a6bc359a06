"""The reader's page around a brief: the opening (title, the question it answers, its dates, a
summary, contents, who made it, its sources and how to cite it) and the appendix heading.

The markup is in Jinja2 templates (presentation/templates/: front_matter, sources_and_citation,
live_heading, pieces). A notebook shows :func:`front_matter` first. Besides the HTML it carries the same facts as JSON
(:data:`BRIEF_FACTS_MIMETYPE`), which the brief runner reads to build the catalogue page; the
contents list is filled by the runner from the headings that follow (:data:`CONTENTS_PLACEHOLDER`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from IPython.display import HTML

from .editions import TRACKED, SinceLastEdition
from .html import ILLUSTRATIVE_MARK
from .markup import Markup, render
from .style import MUTED_TEXT, VERMILION_TEXT

BRIEF_FACTS_MIMETYPE = "application/vnd.integration-workbooks.brief+json"
CONTENTS_PLACEHOLDER = '<ol class="brief-contents-list"></ol>'
PROJECT = "Integration Workbooks"
PRODUCER = (
    f"Produced with {PROJECT}, an open-source project that analyses the public working material of the UN "
    "Network on Migration's workstream on migrants' socio-economic integration. It is not a publication of the "
    "Network, and the Network has neither checked nor endorsed it."
)
LINK_SCHEMES = ("https", "http")


@dataclass(frozen=True)
class SourceLink:
    """A page or database the brief's data were taken from."""

    title: str
    url: str = ""
    note: str = ""  # e.g. "full copy, verbatim" or "rebuilt copy, prose paraphrased"


@dataclass(frozen=True)
class BriefFacts:
    """What a reader needs before the first chart; each workbook's inputs build one."""

    title: str
    question: str  # the one question the brief answers, in a sentence
    summary: list[str]  # 3 to 5 sentences that answer it
    data_date: str  # what the data's date is, in words: "Status as of 31 December 2024"
    as_of: str  # the same as an ISO day, or "" where the data have no single date
    sources: list[SourceLink] = field(default_factory=list)
    illustrative: bool = False
    method_note: str = ""  # one sentence on how the numbers were made (automatic, reviewed by whom)
    scope: str = ""  # what the brief covers, in one sentence: "18 activities in 5 workstreams, ..."
    review_status: str = ""  # who checked its counts or scores, in words a reader reads as they are (the catalogue
    # shows it): "Scores checked by an AI assistant, not yet by a person" (tables.review_status's words); "" for none


def is_web_link(url: str) -> bool:
    """Whether a source's address is a web page a reader may follow (http or https, with a host)."""
    parts = urlsplit(url) if url else None
    return bool(parts and parts.scheme in LINK_SCHEMES and parts.netloc)


def _linked(sources: list[SourceLink]) -> list[tuple[SourceLink, bool]]:
    """Each source with whether its title is linked to its address."""
    return [(source, is_web_link(source.url)) for source in sources]


def citation(facts: BriefFacts, generated: datetime) -> str:
    dated = f"{facts.data_date}. " if facts.data_date else ""
    return f"{PROJECT} ({generated:%Y}). {facts.title}. {dated}Generated {generated:%-d %B %Y}."


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot close its rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;()'-" else f"\\{ord(c):x} " for c in text) + '"'


def page_style(facts: BriefFacts) -> str:
    """Print rules that need the brief's own words: its title and page numbers at the foot of every
    page, and on an illustrative brief the mark at the head of every page."""
    return render(
        "page_style.html.j2",
        illustrative=facts.illustrative,
        mark=Markup(_css_string(ILLUSTRATIVE_MARK)),
        title=Markup(_css_string(running_title(facts.title))),
        mark_colour=VERMILION_TEXT,
        foot_colour=MUTED_TEXT,
    )


RUNNING_TITLE_CHARS = 90  # the title at a page's foot stays on one line beside "Page 3 of 7"


def running_title(title: str) -> str:
    """The title as the foot of every printed page shows it: whole when short, else cut at a word and
    marked ('…'), so that it never wraps and never pushes the page number onto two lines."""
    if len(title) <= RUNNING_TITLE_CHARS:
        return title
    cut = title[: RUNNING_TITLE_CHARS - 1].rsplit(" ", 1)[0]
    if cut.count("(") > cut.count(")"):  # never an open bracket: cut before it
        cut = cut[: cut.rindex("(")]
    return cut.rstrip(" ,;:") + "\u2026"


def front_matter_html(
    facts: BriefFacts, generated: datetime | None = None, since: SinceLastEdition | None = None
) -> str:
    """The opening a reader sees first: title, question, dates, scope, the illustrative mark, the key
    messages, what changed since the last edition (``since``, where the runner gave one) and the contents.
    How it was made, the sources and how to cite come after the findings (:func:`sources_and_citation`)."""
    generated = generated or datetime.now(timezone.utc)
    return render(
        "front_matter.html.j2",
        facts=facts,
        generated=f"{generated:%-d %B %Y}",
        page_style=Markup(page_style(facts)),
        illustrative_mark=ILLUSTRATIVE_MARK,
        since=Markup(since.html() if since else ""),
        contents_placeholder=Markup(CONTENTS_PLACEHOLDER),
    )


def sources_and_citation_html(facts: BriefFacts, generated: datetime | None = None) -> str:
    """After the findings: who made the brief, how its numbers were made in one sentence, its sources
    and how to cite it."""
    generated = generated or datetime.now(timezone.utc)
    return render(
        "sources_and_citation.html.j2",
        facts=facts,
        producer=PRODUCER,
        sources=_linked(facts.sources),
        citation=citation(facts, generated),
    )


class FrontMatter:
    """The opening of a brief: HTML for the page, the facts as JSON for the runner's catalogue and history.
    With ``since`` the JSON carries this edition's tracked facts (``tracked``: what the next edition compares
    with) and what changed since the previous one (``since``: :meth:`.SinceLastEdition.record`)."""

    def __init__(self, facts: BriefFacts, generated: datetime | None = None, since: SinceLastEdition | None = None):
        self.facts, self.generated = facts, generated or datetime.now(timezone.utc)
        self.since = since.with_key_messages(facts.summary) if since is not None else None

    def _repr_mimebundle_(self, include=None, exclude=None):
        facts = {**asdict(self.facts), "generated": self.generated.strftime("%Y-%m-%d")}
        if self.since is not None:
            facts.update({TRACKED: self.since.tracked, "since": self.since.record()})
        return {
            "text/html": front_matter_html(self.facts, self.generated, self.since),
            BRIEF_FACTS_MIMETYPE: json.loads(json.dumps(facts, default=str)),
        }, {}


def front_matter(
    facts: BriefFacts, generated: datetime | None = None, since: SinceLastEdition | None = None
) -> FrontMatter:
    """The brief's opening; ``since``: what changed since its last edition (a workbook's ``since_last_edition``)."""
    return FrontMatter(facts, generated, since)


def sources_and_citation(facts: BriefFacts, generated: datetime | None = None) -> HTML:
    return HTML(sources_and_citation_html(facts, generated))


def live_heading_html(title: str, shows: str, sources: list[SourceLink], illustrative: bool) -> str:
    """The heading above a live view: what it is, what it shows, whether its data are invented, and
    where the data come from (the same links the brief gives), in a few lines a shared screen can hold."""
    return render(
        "live_heading.html.j2",
        title=title,
        shows=shows,
        sources=_linked(sources),
        illustrative=illustrative,
        illustrative_mark=ILLUSTRATIVE_MARK,
    )
