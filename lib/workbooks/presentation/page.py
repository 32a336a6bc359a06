"""The reader's page around a brief: the opening (title, the question it answers, its dates, a
summary, contents, who made it, its sources and how to cite it) and the appendix heading.

A notebook shows :func:`front_matter` first. Besides the HTML it carries the same facts as JSON
(:data:`BRIEF_FACTS_MIMETYPE`), which the brief runner reads to build the catalogue page; the
contents list is filled by the runner from the headings that follow (:data:`CONTENTS_PLACEHOLDER`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from IPython.display import HTML

from .html import ILLUSTRATIVE_MARK, escape

BRIEF_FACTS_MIMETYPE = "application/vnd.integration-workbooks.brief+json"
CONTENTS_PLACEHOLDER = '<ol class="brief-contents-list"></ol>'
PROJECT = "Integration Workbooks"
PRODUCER = (f"Produced with {PROJECT}, an open-source project that analyses the public working material of the UN "
            "Network on Migration's workstream on migrants' socio-economic integration. It is not a publication of the "
            "Network, and the Network has not reviewed it.")
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
    review_status: str = ""  # what the counts or scores rest on, in review_status.py's words


def _link(source: SourceLink) -> str:
    parts = urlsplit(source.url) if source.url else None
    title = escape(source.title)
    if parts and parts.scheme in LINK_SCHEMES and parts.netloc:
        title = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{title}</a>'
    note = f" <span class=\"brief-source-note\">({escape(source.note)})</span>" if source.note else ""
    return f"<li>{title}{note}</li>"


def citation(facts: BriefFacts, generated: datetime) -> str:
    dated = f"{facts.data_date}. " if facts.data_date else ""
    return f"{PROJECT} ({generated:%Y}). {facts.title}. {dated}Generated {generated:%-d %B %Y}."


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot close its rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;()'-" else f"\\{ord(c):x} " for c in text) + '"'


def page_style(facts: BriefFacts) -> str:
    """Print rules that need the brief's own words: its title and page numbers at the foot of every
    page, and on an illustrative brief the mark at the head of every page."""
    head = (f"@top-center {{ content: {_css_string(ILLUSTRATIVE_MARK)}; color: #D55E00; font: bold 9pt sans-serif; }}"
            if facts.illustrative else "")
    foot = (f"@bottom-left {{ content: {_css_string(facts.title)}; font: 8pt sans-serif; color: #555; }}"
            '@bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; }')
    return f"<style>@page {{ {head} {foot} }}</style>"


def front_matter_html(facts: BriefFacts, generated: datetime | None = None) -> str:
    """The opening a reader sees first: title, question, dates, scope, the illustrative mark, the key
    messages and the contents. How it was made, the sources and how to cite come after the findings
    (:func:`sources_and_citation`)."""
    generated = generated or datetime.now(timezone.utc)
    dates = [f"<span><strong>Data:</strong> {escape(facts.data_date)}</span>"] if facts.data_date else []
    dates.append(f"<span><strong>Brief generated:</strong> {generated:%-d %B %Y}</span>")
    mark = (f'<p class="brief-illustrative-badge">{escape(ILLUSTRATIVE_MARK)}</p>' if facts.illustrative else "")
    messages = "".join(f"<li>{escape(sentence)}</li>" for sentence in facts.summary)
    return f"""{page_style(facts)}<header class="brief-front">
<h1 id="top">{escape(facts.title)}</h1>
<p class="brief-question">{escape(facts.question)}</p>
<p class="brief-dates">{" · ".join(dates)}</p>
{f'<p class="brief-scope">{escape(facts.scope)}</p>' if facts.scope else ""}
{mark}
<section class="brief-summary" aria-labelledby="key-messages"><h2 id="key-messages">Key messages</h2><ul>{messages}</ul></section>
<nav class="brief-contents" aria-labelledby="contents"><h2 id="contents">Contents</h2>{CONTENTS_PLACEHOLDER}</nav>
</header>"""


def sources_and_citation_html(facts: BriefFacts, generated: datetime | None = None) -> str:
    """After the findings: who made the brief, how its numbers were made in one sentence, its sources
    and how to cite it."""
    generated = generated or datetime.now(timezone.utc)
    sources = "".join(_link(source) for source in facts.sources)
    method = f"<p>{escape(facts.method_note)}</p>" if facts.method_note else ""
    return f"""<section class="brief-about" aria-labelledby="about-this-brief">
<h2 id="about-this-brief">Sources and how to cite</h2>
<p>{escape(PRODUCER)}</p>{method}
<p><strong>Sources.</strong></p><ul class="brief-sources">{sources}</ul>
<p><strong>How to cite.</strong> {escape(citation(facts, generated))}</p>
</section>"""


class FrontMatter:
    """The opening of a brief: HTML for the page, the facts as JSON for the runner's catalogue."""

    def __init__(self, facts: BriefFacts, generated: datetime | None = None):
        self.facts, self.generated = facts, generated or datetime.now(timezone.utc)

    def _repr_mimebundle_(self, include=None, exclude=None):
        facts = {**asdict(self.facts), "generated": self.generated.strftime("%Y-%m-%d")}
        return {"text/html": front_matter_html(self.facts, self.generated),
                BRIEF_FACTS_MIMETYPE: json.loads(json.dumps(facts))}, {}


def front_matter(facts: BriefFacts, generated: datetime | None = None) -> FrontMatter:
    return FrontMatter(facts, generated)


def sources_and_citation(facts: BriefFacts, generated: datetime | None = None) -> HTML:
    return HTML(sources_and_citation_html(facts, generated))



def live_heading_html(title: str, shows: str, sources: list[SourceLink], illustrative: bool) -> str:
    """The heading above a live view: what it is, what it shows, whether its data are invented, and
    where the data come from (the same links the brief gives), in a few lines a shared screen can hold."""
    links = [_link(source).removeprefix("<li>").removesuffix("</li>") for source in sources]
    mark = f'<p class="workbooks-live-illustrative">{escape(ILLUSTRATIVE_MARK)}</p>' if illustrative else ""
    sources_line = (f'<details class="workbooks-live-sources"><summary>Sources ({len(links)})</summary><ul>'
                    + "".join(f"<li>{link}</li>" for link in links) + "</ul></details>") if links else ""
    return (f'<header class="workbooks-live-heading"><h2>{escape(title)}</h2>'
            f'<p class="workbooks-live-shows">{escape(shows)}</p>{mark}{sources_line}</header>')
