"""Executed notebook to a self-contained HTML brief: no code, no prompts, nothing loaded from
another host (links a reader may follow to a source page are allowed), contents filled in."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from ..errors import RunnerError
from ..presentation.html import escape
from ..presentation.page import CONTENTS_PLACEHOLDER
from ..presentation.tables_zip import with_tables_zip
from .brief_files import beside_the_page
from .brief_nav import brief_nav, with_nav

TEMPLATES = Path(__file__).parent / "templates"

# src=, href= (other than on <a>), CSS url() and @import that point off the page (http:, https:, //)
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"'\s)>]+)""",
    re.IGNORECASE,
)
_ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_SCRIPT_URL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)["'`]""")
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_SECTION = re.compile(r"<h2\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
FRONT_SECTIONS = {"summary", "contents", "about-this-brief"}


def external_urls(html: str) -> list[str]:
    """Every address the page would load from another host: in src/href attributes (a link on
    ``<a>`` is followed by the reader, not loaded, and is left out), CSS url() and @import, and
    string literals inside scripts (``import ... from "https://..."``)."""
    found = set(_EXTERNAL.findall(_ANCHOR.sub("<a>", html)))
    for script in _SCRIPT.findall(html):
        found.update(_SCRIPT_URL.findall(script))
    return sorted(found)


def links(html: str) -> list[str]:
    """The addresses of every ``<a href>`` on the page."""
    return [unescape(href) for tag in _ANCHOR.findall(html) for href in _HREF.findall(tag)]


NOTEBOOK_ONLY_TAG = "notebook-only"  # cells for people working in JupyterLab, dropped from briefs


def exporter(template: str = "brief") -> HTMLExporter:
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {NOTEBOOK_ONLY_TAG}
    html_exporter = HTMLExporter(template_name=template, extra_template_basedirs=[str(TEMPLATES)], config=config)
    html_exporter.exclude_input = True
    html_exporter.exclude_input_prompt = True
    html_exporter.exclude_output_prompt = True
    html_exporter.embed_images = True
    return html_exporter


def _heading_text(inner: str) -> str:
    return " ".join(unescape(_TAG.sub("", inner)).replace("¶", "").split())


def fill_contents(html: str) -> str:
    """The contents list of the brief's opening, from the section headings that follow it."""
    at = html.find(CONTENTS_PLACEHOLDER)
    if at < 0:
        return html
    after = html[at + len(CONTENTS_PLACEHOLDER) :]
    items = "".join(
        f'<li><a href="#{escape(anchor)}">{escape(_heading_text(inner))}</a></li>'
        for anchor, inner in _SECTION.findall(after)
        if anchor not in FRONT_SECTIONS
    )
    return html[:at] + CONTENTS_PLACEHOLDER.replace("></ol>", f">{items}</ol>") + after


def export_brief_html(notebook: nbformat.NotebookNode, title: str | None = None, brief: str = "") -> str:
    """The brief's HTML, as published in the outputs folder (``brief``, NOTEBOOK/NAME, its place there:
    outputs/NOTEBOOK/NAME.html), its links at the top filled in (:func:`brief_nav`); raises
    :class:`RunnerError` if anything would load from another host or a link would run something (only
    http, https, mailto and in-page links are allowed, and the runner's own links at the top)."""
    if title:
        notebook.metadata["title"] = title
    notebook = notebook.copy()
    notebook.cells = [
        cell for cell in notebook.cells if cell.cell_type != "code" or cell.get("outputs")
    ]  # nothing to show
    body, _ = exporter().from_notebook_node(notebook)
    found = external_urls(body)
    if found:
        raise RunnerError("the brief would load from another host: " + ", ".join(found))
    unsafe = [
        href for href in links(body) if not href.startswith(("#", "https://", "http://", "mailto:", "data:text/csv;"))
    ]
    if unsafe:
        raise RunnerError("the brief links to addresses a reader should not follow: " + ", ".join(unsafe))
    body = with_tables_zip(body, beside_the_page(brief, "tables")) if brief else body
    return with_nav(fill_contents(body), brief_nav(brief, f"{brief or 'notebook/brief'}.html"))
