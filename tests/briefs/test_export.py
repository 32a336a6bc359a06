"""The stock nbconvert template loads scripts from CDNs; the brief template loads nothing from another host."""
import nbformat
from nbconvert import HTMLExporter

from workbooks.briefs.export import NOTEBOOK_ONLY_TAG, export_brief_html, external_urls


def _notebook():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print('secret code')", outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": "<p>visible output</p>"})])
    note = nbformat.v4.new_markdown_cell("only for notebook users")
    note.metadata["tags"] = [NOTEBOOK_ONLY_TAG]
    notebook.cells = [note, nbformat.v4.new_markdown_cell("# Heading"), code]
    return notebook


def test_stock_lab_template_pulls_cdn_scripts():
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(_notebook())
    cdn = [url for url in external_urls(body) if "cdn" in url]
    assert any("require" in url for url in cdn)
    assert any("mathjax" in url for url in cdn)
    assert any("mermaid" in url for url in cdn)


def test_brief_template_loads_nothing_and_shows_no_code():
    html = export_brief_html(_notebook(), title="T")
    assert external_urls(html) == []
    assert "<script" not in html
    assert "visible output" in html and "secret code" not in html
    assert "only for notebook users" not in html
    assert "<title>T</title>" in html


def test_external_urls_finds_attributes_css_and_script_imports():
    html = ('<img src="https://a.example/x.png"><link href="//b.example/s.css">'
            '<style>@import "https://c.example/i.css"; p{background:url(https://d.example/bg.png)}</style>'
            '<script type="module">import m from "https://e.example/m.mjs";</script>'
            '<a href="#local">x</a><img src="data:image/png;base64,AAAA"><p>https://f.example/text-only</p>')
    assert external_urls(html) == ["//b.example/s.css", "https://a.example/x.png", "https://c.example/i.css",
                                   "https://d.example/bg.png", "https://e.example/m.mjs"]
