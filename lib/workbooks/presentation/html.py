"""HTML for notebooks and briefs. Every value is escaped: Hub text is untrusted user content.

Nothing here uses pandas' Styler (which does not escape by default) or Markdown (which passes
HTML through); tables go through ``DataFrame.to_html(escape=True)`` and text through
:func:`html.escape`.
"""
from __future__ import annotations

import html
import platform
import re
from datetime import datetime, timezone
from typing import Iterable, Mapping, NamedTuple

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from .. import __version__
from .style import BLUE, VERMILION

WARNING, INFO = "warning", "info"
_BOX = "border-left:6px solid {colour};background:{background};padding:0.6em 0.9em;margin:0.8em 0;"
_KINDS = {
    WARNING: (VERMILION, "#FFF3EA"),
    INFO: (BLUE, "#EEF6FB"),
}


class Caveat(NamedTuple):
    """A note a reader must see before any number, shown as a banner: invented data (a warning),
    or what the data cannot tell (information)."""
    text: str
    kind: str = INFO


def illustrative_caveats(datasets, sentence: str) -> list[Caveat]:
    """One warning naming every illustrative file among ``datasets`` ({files} in ``sentence``), or none."""
    files = [dataset.name for dataset in datasets if dataset.illustrative]
    return [Caveat("ILLUSTRATIVE DATA: " + sentence.format(files=", ".join(files)), WARNING)] if files else []


def escape(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value), quote=True)


def table_html(frame: pd.DataFrame, caption: str | None = None, float_format: str = "{:.1f}") -> str:
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: "—" if pd.isna(v) else float_format.format(v))
    body = shown.to_html(index=False, escape=True, na_rep="—", border=0, classes="brief-table")
    title = f'<p class="brief-caption"><strong>{escape(caption)}</strong></p>' if caption else ""
    return f'<div class="brief-table-wrap">{title}{body}</div>'


def table(frame: pd.DataFrame, caption: str | None = None, float_format: str = "{:.1f}") -> HTML:
    return HTML(table_html(frame, caption, float_format))


def banner(text: str, kind: str = INFO) -> HTML:
    colour, background = _KINDS[kind]
    return HTML(f'<div class="brief-banner brief-{kind}" style="{_BOX.format(colour=colour, background=background)}">'
                f"{escape(text)}</div>")


def banners(notes: Iterable[Caveat]) -> HTML:
    """Zero or more caveats as banners in one output."""
    return HTML("".join(banner(text, kind).data for text, kind in notes))


def heading(text: str, level: int = 2) -> HTML:
    return HTML(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{escape(text)}</p>")


def bullet_list(items: Iterable[str], title: str | None = None) -> HTML:
    head = f"<p><strong>{escape(title)}</strong></p>" if title else ""
    return HTML(head + "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def highlighted_html(text: str, words: list[str]) -> str:
    """``text`` escaped, with each occurrence of an evidence word wrapped in <mark> (also escaped)."""
    spans = []
    for word in {w for w in words if w}:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    parts, cursor = [], 0
    for start, end in merged:
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def provenance(datasets, parameters: Mapping[str, object], notebook: str) -> HTML:
    """What made this brief: the parameters, each data file (rows, SHA-256, sidecar title), the run."""
    parameter_rows = pd.DataFrame({"parameter": list(parameters), "value": [repr(v) for v in parameters.values()]})
    data_rows = pd.DataFrame([{
        "file": str(d.path.relative_to(d.path.parents[1])) if len(d.path.parents) > 1 else d.path.name,
        "title": d.meta["title"],
        "rows": len(d.frame),
        "illustrative": "yes" if d.illustrative else "no",
        "sha256": d.sha256[:16] + "…",
        "provenance": d.meta["provenance"],
    } for d in datasets])
    run = pd.DataFrame({
        "": ["notebook", "made at (UTC)", "workbooks library", "python"],
        " ": [notebook, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), __version__, platform.python_version()],
    })
    return HTML('<div class="brief-provenance">'
                + table_html(parameter_rows, "Parameters")
                + table_html(data_rows, "Data")
                + table_html(run, "Run")
                + "</div>")


def figure(fig) -> None:
    """Show a matplotlib figure once (embedded as PNG in briefs) and release it."""
    display(fig)
    plt.close(fig)
