"""The stock nbconvert template loads scripts from CDNs; the brief template loads nothing from another host."""

import nbformat
import pytest
from nbconvert import HTMLExporter

from workbooks.errors import RunnerError
from workbooks.presentation.page import CONTENTS_PLACEHOLDER
from workbooks.publish.export import NOTEBOOK_ONLY_TAG, export_brief_html, external_urls, fill_contents


def _notebook():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell(
        "print('secret code')",
        outputs=[nbformat.v4.new_output("display_data", data={"text/html": "<p>visible output</p>"})],
    )
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
    html = (
        '<img src="https://a.example/x.png"><link href="//b.example/s.css">'
        '<style>@import "https://c.example/i.css"; p{background:url(https://d.example/bg.png)}</style>'
        '<script type="module">import m from "https://e.example/m.mjs";</script>'
        '<a href="#local">x</a><img src="data:image/png;base64,AAAA"><p>https://f.example/text-only</p>'
        '<a class="source" href="https://g.example/page">a source a reader may follow</a>'
    )
    assert external_urls(html) == [
        "//b.example/s.css",
        "https://a.example/x.png",
        "https://c.example/i.css",
        "https://d.example/bg.png",
        "https://e.example/m.mjs",
    ]


def _with_output(html: str):
    notebook = _notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"text/html": html})])
    )
    return notebook


def test_a_link_to_a_source_page_is_allowed_but_nothing_is_loaded_from_it():
    html = export_brief_html(_with_output('<a href="https://migrationnetwork.un.org/x">source</a>'))
    assert 'href="https://migrationnetwork.un.org/x"' in html
    with pytest.raises(RunnerError, match="load from another host: https://a.example/x.png"):
        export_brief_html(_with_output('<img src="https://a.example/x.png">'))


def test_every_brief_links_back_to_the_catalogue_on_screen_only():
    html = export_brief_html(_notebook(), title="T")
    back = html.split("<main>")[1].split("</nav>")[0]  # first on the page
    assert 'class="brief-back"' in back and '<a href="../index.html">All briefs</a>' in back
    assert ".brief-screen-only, .brief-back { display: none; }" in html  # not printed


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "file:///etc/passwd", "vbscript:x", "../other.html", "../index.html", "../../index.html"],
)
def test_a_link_that_would_run_something_fails_the_brief(href):
    with pytest.raises(RunnerError, match="should not follow"):
        export_brief_html(_with_output(f'<a href="{href}">x</a>'))


def test_contents_list_the_sections_that_follow_the_opening():
    page = (
        f'<h2 id="summary">Summary</h2><nav>{CONTENTS_PLACEHOLDER}</nav><h2 id="about-this-brief">About</h2>'
        '<h2 id="Who-spoke">Who spoke<a class="anchor-link" href="#Who-spoke">¶</a></h2><h3 id="x">sub</h3>'
        '<h2 id="annex" class="a">Annex: &lt;codes&gt;</h2>'
    )
    filled = fill_contents(page)
    contents = filled.split('<ol class="brief-contents-list">')[1].split("</ol>")[0]
    assert contents == ('<li><a href="#Who-spoke">Who spoke</a></li><li><a href="#annex">Annex: &lt;codes&gt;</a></li>')


def test_a_page_without_an_opening_is_left_as_it_is():
    assert fill_contents("<h2 id='a'>A</h2>") == "<h2 id='a'>A</h2>"
