"""Jinja2 for the project's HTML: every piece of a brief and live view (presentation/templates/), the
base page the catalogue and the presenter's landing page extend, and the pages themselves (a caller
names its own folder of templates, searched first).

Autoescape is on, and every value a template shows is escaped the project's one way
(:func:`workbooks.common.text.escape_html`: quotes too, nothing for None); HTML that another template
made passes as it is only when wrapped in :class:`Markup`. What Python returns from here is a plain
``str``, so text added to it later is not escaped twice, nor taken for HTML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..common.text import escape_html

TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["Markup", "TEMPLATES", "environment", "macro", "render"]


def _escaped(value):
    """What ``{{ value }}`` shows: HTML from a template as it is, anything else escaped."""
    return value if hasattr(value, "__html__") else Markup(escape_html(value))


@cache
def environment(folder: Path | None = None) -> Environment:
    """The environment for templates in ``folder`` (searched first) and in presentation/templates/."""
    folders = ([str(folder)] if folder else []) + [str(TEMPLATES)]
    return Environment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        finalize=_escaped,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, folder: Path | None = None, **context) -> str:
    """The template ``name`` rendered with ``context``."""
    return str(environment(folder).get_template(name).render(**context))


def macro(name: str, macro_name: str, folder: Path | None = None):
    """The macro ``macro_name`` of the template ``name``, as a function returning a plain ``str``."""
    function = getattr(environment(folder).get_template(name).module, macro_name)
    return lambda *args, **kwargs: str(function(*args, **kwargs))
