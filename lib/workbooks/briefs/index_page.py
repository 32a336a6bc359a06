"""outputs/index.html: every brief with its parameters, run time and status, from the run records."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..common.files import atomic_write_text
from ..presentation.html import escape
from ..presentation.style import GREEN, VERMILION

_STATUS_COLOURS = {"ok": GREEN, "failed": VERMILION, "invalid parameters": VERMILION}


def load_run_records(out_dir: Path) -> list[dict]:
    records = []
    for path in sorted(Path(out_dir).glob("*/*.run.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, OSError) as error:
            records.append({"brief": f"{path.parent.name}/{path.name.removesuffix('.run.json')}",
                            "status": "failed", "error": f"unreadable run record: {error}"})
    return records


def _link(target: str | None, text: str) -> str:
    if not target:
        return ""
    return f'<a href="{escape(quote(target))}">{escape(text)}</a>'


def index_html(records: list[dict]) -> str:
    rows = []
    for record in records:
        status = record.get("status", "")
        parameters = "<br>".join(f"{escape(k)}: {escape(json.dumps(v, ensure_ascii=False))}"
                                 for k, v in (record.get("parameters") or {}).items())
        links = [_link(record.get("html"), "brief" if status == "ok" else "last good brief")]
        links.append(_link(record.get("failed_notebook"), "failed notebook"))
        error = f'<div class="error">{escape(record.get("error", "").splitlines()[0])}</div>' if record.get("error") else ""
        rows.append(
            "<tr>"
            f"<td>{escape(record.get('brief'))}</td>"
            f'<td style="color:{_STATUS_COLOURS.get(status, "#222")};font-weight:bold">{escape(status)}'
            f'{" (unchanged inputs, not re-run)" if record.get("cached") else ""}{error}</td>'
            f"<td>{escape(record.get('finished', ''))}</td>"
            f"<td style='text-align:right'>{escape(record.get('seconds', ''))}</td>"
            f"<td class='params'>{parameters}</td>"
            f"<td>{' · '.join(link for link in links if link)}</td>"
            "</tr>"
        )
    failed = sum(record.get("status") != "ok" for record in records)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Integration Workbooks: briefs</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.4em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
td.params {{ font-family: ui-monospace, monospace; font-size: 0.85em; }}
.error {{ font-weight: normal; font-size: 0.85em; color: #222; }}
@media print {{ a::after {{ content: ""; }} }}
</style></head>
<body>
<h1>Briefs</h1>
<p>{len(records)} brief(s), {len(records) - failed} ok, {failed} not ok. Made by <code>workbooks run</code>.</p>
<table>
<thead><tr><th>brief</th><th>status</th><th>last run</th><th>seconds</th><th>parameters</th><th>open</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""


def write_index(out_dir: Path) -> Path:
    path = Path(out_dir) / "index.html"
    atomic_write_text(path, index_html(load_run_records(out_dir)))
    return path
