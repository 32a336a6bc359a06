"""The templates' environment: autoescape on, every value escaped the project's one way (quotes too,
nothing for None), HTML from another template passed as it is, and plain strings back."""

import pytest
from jinja2 import UndefinedError

from workbooks.common.text import escape_html
from workbooks.presentation import markup
from workbooks.presentation.markup import Markup, macro, render


def _render_string(source: str, **context) -> str:
    return str(markup.environment().from_string(source).render(**context))


def test_every_value_is_escaped_as_everywhere_else_in_the_project():
    hostile = "<script>alert('x')</script> & \"quoted\""
    shown = _render_string('<p title="{{ text }}">{{ text }}</p>', text=hostile)
    assert shown == f'<p title="{escape_html(hostile)}">{escape_html(hostile)}</p>'
    assert "&#x27;" in shown  # html.escape's apostrophe, as common.text writes it


def test_none_shows_nothing_and_markup_passes_as_it_is():
    assert _render_string("[{{ nothing }}]", nothing=None) == "[]"
    assert _render_string("{{ html }}", html=Markup("<b>made by a template</b>")) == "<b>made by a template</b>"


def test_a_name_the_template_is_not_given_is_an_error_not_an_empty_string():
    with pytest.raises(UndefinedError):
        _render_string("{{ missing }}")


def test_what_comes_back_is_a_plain_string_so_later_text_is_not_escaped_twice():
    paragraph = macro("pieces.html.j2", "paragraph")("a < b")
    assert type(paragraph) is str and paragraph == "<p>a &lt; b</p>"
    assert type(render("provenance.html.j2", tables=[])) is str
