"""Executed notebook to a self-contained HTML brief: no code, no prompts, nothing from another host."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from ..errors import RunnerError

TEMPLATES = Path(__file__).parent / "templates"

# src=, href=, CSS url() and @import that point off the page (http:, https:, protocol-relative //)
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"'\s)>]+)""",
    re.IGNORECASE,
)


_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_SCRIPT_URL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)["'`]""")


def external_urls(html: str) -> list[str]:
    """Every address that would be loaded from, or link to, another host: in src/href attributes,
    CSS url() and @import, and string literals inside scripts (``import ... from "https://..."``)."""
    found = set(_EXTERNAL.findall(html))
    for script in _SCRIPT.findall(html):
        found.update(_SCRIPT_URL.findall(script))
    return sorted(found)


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


def export_brief_html(notebook: nbformat.NotebookNode, title: str | None = None) -> str:
    """The brief's HTML; raises :class:`RunnerError` if anything would load from another host."""
    if title:
        notebook.metadata["title"] = title
    body, _ = exporter().from_notebook_node(notebook)
    found = external_urls(body)
    if found:
        raise RunnerError("the brief would load or link to another host: " + ", ".join(found))
    return body
