"""outputs/index.html: a catalogue of the briefs for readers (title, question, data date, an
ILLUSTRATIVE badge, links to the HTML, PDF and tables), and below it the build details for
maintainers (parameters, run time, status), all from the run records."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import quote

from ..catalogue import WORKBOOKS
from ..common.files import atomic_write_text
from ..common.text import escape_html as escape
from ..common.wording import count_of
from ..presentation.style import GREEN, VERMILION
from .statuses import BAD_DATA, FAILED, INVALID, OK, RUN_STATUSES

_STATUS_COLOURS = {status: GREEN if status == OK else VERMILION for status in RUN_STATUSES}
_WHY_NOT_OK = {FAILED: "failed", INVALID: "stopped on its parameter file", BAD_DATA: "stopped on a data file it reads"}
WORKBOOK_NAMES = {notebook: workbook.name for notebook, workbook in WORKBOOKS.items()}  # a brief's folder, as read


ERROR_LINES_SHOWN = 6


def _error_lines(error: str) -> str:
    """A run's message as the summary prints it (file, then each problem's line and field), cut
    after a few lines; a traceback's lines are for the failed notebook, not here."""
    lines = [line.strip() for line in error.split("\nTraceback")[0].splitlines() if line.strip()]
    shown = lines[:ERROR_LINES_SHOWN] + ([f"... and {len(lines) - ERROR_LINES_SHOWN} more line(s)"]
                                          if len(lines) > ERROR_LINES_SHOWN else [])
    return "<br>".join(escape(line) for line in shown)


def load_run_records(out_dir: Path) -> list[dict]:
    records = []
    for path in sorted(Path(out_dir).glob("*/*.run.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, OSError) as error:
            records.append({"brief": f"{path.parent.name}/{path.name.removesuffix('.run.json')}",
                            "status": FAILED, "error": f"unreadable run record: {error}"})
    return records


def _link(target: str | None, text: str) -> str:
    if not target:
        return ""
    return f'<a href="{escape(quote(target))}">{escape(text)}</a>'


def _day(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%-d %B %Y}"
    except (TypeError, ValueError):
        return ""


def catalogue_entry(record: dict) -> str:
    """One brief as a reader sees it in the catalogue; a brief never made shows only its name."""
    facts = record.get("facts") or {}
    title = facts.get("title") or record.get("brief", "")
    badge = ('<span class="badge" title="invented data, for demonstration">ILLUSTRATIVE</span> '
             if facts.get("illustrative") else "")
    links = " · ".join(link for link in (_link(record.get("html"), "Read (HTML)"), _link(record.get("pdf"), "PDF"),
                                         _link(record.get("tables"), "Tables (CSV, zip)")) if link)
    why = _WHY_NOT_OK.get(record.get("status"), "failed")
    stale = ("" if record.get("status") == OK else
             f'<p class="stale">The last run {why}; this is the last good version.</p>' if record.get("html") else
             f'<p class="stale">Not available: its last run {why} (see the build details below).</p>')
    question = f'<p class="question">{escape(facts["question"])}</p>' if facts.get("question") else ""
    dates = [escape(facts["data_date"])] if facts.get("data_date") else []
    if facts.get("generated"):
        dates.append(f"generated {escape(_day(facts['generated']))}")
    return (f'<article class="entry"><h3>{badge}{escape(title)}</h3>{question}'
            f'<p class="dates">{" · ".join(dates)}</p><p class="links">{links}</p>{stale}</article>')


def _build_row(record: dict) -> str:
    status = record.get("status", "")
    parameters = "<br>".join(f"{escape(k)}: {escape(json.dumps(v, ensure_ascii=False))}"
                             for k, v in (record.get("parameters") or {}).items())
    error = f'<div class="error">{_error_lines(record.get("error", ""))}</div>' if record.get("error") else ""
    failed = _link(record.get("failed_notebook"), "failed notebook")
    return ("<tr>"
            f"<td>{escape(record.get('brief'))}</td>"
            f'<td style="color:{_STATUS_COLOURS.get(status, "#222")};font-weight:bold">{escape(status)}'
            f'{" (unchanged inputs, not re-run)" if record.get("cached") else ""}{error}{failed}</td>'
            f"<td>{escape(record.get('finished', ''))}</td>"
            f"<td style='text-align:right'>{escape(record.get('seconds', ''))}</td>"
            f"<td class='params'>{parameters}</td>"
            "</tr>")


def index_html(records: list[dict]) -> str:
    sections = []
    for folder, name in WORKBOOK_NAMES.items():
        mine = [record for record in records if str(record.get("brief", "")).startswith(folder + "/")]
        if mine:
            sections.append(f"<section><h2>{escape(name)}</h2>{''.join(catalogue_entry(r) for r in mine)}</section>")
    others = [r for r in records if str(r.get("brief", "")).split("/")[0] not in WORKBOOK_NAMES]
    if others:
        sections.append(f"<section><h2>Other briefs</h2>{''.join(catalogue_entry(r) for r in others)}</section>")
    failed = sum(record.get("status") != OK for record in records)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Integration Workbooks: briefs</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }}
.entry {{ border-bottom: 1px solid #ddd; padding: 0.4em 0 0.7em; break-inside: avoid; }}
.entry h3 {{ margin: 0.3em 0 0.2em; font-size: 1.1em; }}
.entry p {{ margin: 0.15em 0; }}
.question {{ color: #333; }}
.dates {{ color: #555; font-size: 0.92em; }}
.badge {{ font-size: 0.75em; font-weight: bold; color: #fff; background: {VERMILION}; padding: 0.1em 0.45em; border-radius: 3px; vertical-align: middle; }}
.stale {{ color: {VERMILION}; font-size: 0.92em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.85em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.4em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
td.params {{ font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }}
.error {{ font-weight: normal; font-size: 0.9em; color: #222; }}
.build {{ margin-top: 2.5em; border-top: 2px solid #222; }}
@page {{ size: A4; margin: 16mm 14mm; }}
@media print {{ a::after {{ content: ""; }} .build {{ display: none; }} h2 {{ break-after: avoid; }} }}
</style></head>
<body>
<h1>Integration Workbooks: briefs</h1>
<p>Analyses of the working material of the UN Network on Migration's workstream on migrants' socio-economic
integration: its timeline, what stakeholders said in the Hub's consultations, and good practices compared on the
workstream's checklist. Each brief comes as a web page, a PDF for printing and its tables as CSV.</p>
<p>These briefs are produced with Integration Workbooks, an open-source project. They are not a publication of the
Network, and the Network has not reviewed them.</p>
{"".join(sections)}
<section class="build">
<h2>Build details (for maintainers)</h2>
<p>{count_of(len(records), "brief")}: {len(records) - failed} ok, {failed} not ok. Made by <code>workbooks run</code>
(<code>make briefs</code>).</p>
<table>
<thead><tr><th>Brief</th><th>Status</th><th>Last run</th><th>Seconds</th><th>Parameters</th></tr></thead>
<tbody>
{chr(10).join(_build_row(record) for record in records)}
</tbody></table>
</section>
</body></html>
"""


def write_index(out_dir: Path) -> Path:
    path = Path(out_dir) / "index.html"
    atomic_write_text(path, index_html(load_run_records(out_dir)))
    return path
