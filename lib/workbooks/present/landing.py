"""The presenter's landing page: one link per workbook with a line on what it shows. Self-contained
(no script, nothing from another host), so it opens at once."""
from __future__ import annotations

from urllib.parse import quote

from ..catalogue import Workbook
from ..presentation.html import escape

STYLE = """
body { font: 20px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #222; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 28px; }
h1 { font-size: 34px; margin: 0 0 6px; }
.intro { color: #444; margin: 0 0 24px; }
ol { list-style: none; padding: 0; margin: 0; }
li { border: 1px solid #ccc; border-left: 8px solid #0072B2; border-radius: 4px; margin: 0 0 18px; padding: 14px 20px; }
li a { font-size: 26px; font-weight: bold; color: #0057A0; }
li p { margin: 6px 0 0; }
.foot { color: #555; font-size: 16px; margin-top: 28px; }
"""


def workbook_url(workbook: Workbook) -> str:
    """Where Voila renders the workbook's notebook, relative to the server's root."""
    return f"voila/render/{quote(workbook.notebook)}.ipynb"


def landing_page(workbooks: list[Workbook]) -> str:
    items = "".join(f'<li><a href="{escape(workbook_url(w))}">{escape(w.name)}</a><p>{escape(w.shows)}</p></li>'
                    for w in workbooks)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integration Workbooks: presenter mode</title><link rel="icon" href="data:,"><style>{STYLE}</style></head>
<body><main>
<h1>Integration Workbooks: presenter mode</h1>
<p class="intro">The live views of the workbooks on migrants' socio-economic integration, for showing to an audience.
Open one; change its controls and what is below them redraws.</p>
<ol class="workbooks">{items}</ol>
<p class="foot">Served from this computer only. Each view opens with the parameters its notebook declares; the briefs
(<code>make briefs</code>) carry the full method, sources and provenance. Stop the server with Ctrl-C in its terminal.</p>
</main></body></html>"""
