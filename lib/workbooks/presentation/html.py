"""HTML for notebooks and briefs. Every value is escaped: Hub text is untrusted user content.
The markup is in Jinja2 templates (presentation/templates/: table, figure, pieces, provenance).

Nothing here uses pandas' Styler (which does not escape by default) or Markdown (which passes
HTML through); every cell and every text is escaped by the templates (autoescape, with :func:`escape`). Tables and figures carry
what a reader needs beyond the screen: a caption, real alt text, a CSV download, a full text
behind a long cell, a print layout, and the illustrative mark on the image itself.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import platform
import re
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Iterable, Mapping, NamedTuple
from urllib.parse import quote

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML, display

from .. import __version__
from ..common.numbers import format_number
from ..common.paths import project_root
from ..common.text import escape_html
from ..common.yaml_files import read_yaml_file
from .markup import Markup, macro, render
from .style import BLUE, INFO_BACKGROUND, VERMILION, VERMILION_TEXT, WARNING_BACKGROUND
from .tables_zip import IN_TABLES_ZIP_CLASS, TABLES_ZIP_HREF

WARNING, INFO = "warning", "info"
_KINDS = {  # a banner's left border and background
    WARNING: (VERMILION, WARNING_BACKGROUND),
    INFO: (BLUE, INFO_BACKGROUND),
}
ILLUSTRATIVE_MARK = "ILLUSTRATIVE DATA: invented for demonstration, not a record of the workstream"
TABLE_CSV_MIMETYPE = "text/csv"  # each shown table also travels in the notebook as CSV; the runner packs them
# characters: a longer cell shows its opening words and opens to the full text; a longer ask or passage is shown from
# its start, cut at a word and marked shortened (the CSV has it whole)
LONG_TEXT = 320
TEASER = 200
EMPTY = "—"


class Caveat(NamedTuple):
    """A note a reader must see before any number, shown as a banner: invented data (a warning),
    or what the data cannot tell (information)."""

    text: str
    kind: str = INFO


def illustrative_caveats(datasets, sentence: str) -> list[Caveat]:
    """One warning if any of ``datasets`` is illustrative, or none. The sentence speaks to readers and
    names no file: the appendix lists every file with its illustrative flag."""
    return [Caveat("ILLUSTRATIVE DATA: " + sentence, WARNING)] if any(d.illustrative for d in datasets) else []


escape = escape_html  # every page of the project escapes text the same way (common.text)


def slug(text: str) -> str:
    """'Comments by question' -> 'comments-by-question': ids and file names a reader can read."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "table"


def cell_text(value, digits: int = 1) -> str:
    """One value as a reader reads it: one rounding rule, dates as '30 Jun 2024', yes/no, a dash for nothing."""
    if isinstance(value, (list, tuple, dict)):
        return str(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return EMPTY
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return f"{value:%-d %b %Y}"
    if isinstance(value, float):
        return format_number(value, digits)
    text = str(value)
    return text if text.strip() else EMPTY


def shown_frame(frame: pd.DataFrame, digits: int = 1) -> pd.DataFrame:
    """``frame`` as the text a reader sees (also what the CSV download holds)."""
    return frame.apply(lambda column: column.map(lambda value: cell_text(value, digits)).astype(object))


def _teaser(text: str, width: int = TEASER) -> str:
    """The opening words of ``text``, cut at a word boundary."""
    cut = text[:width]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") if " " in cut else cut


class _Column(NamedTuple):
    name: str
    number: bool  # right-aligned


class _Cell(NamedTuple):
    column: _Column
    text: str
    teaser: str | None  # a long text's opening words (it opens to the whole), else None


def _cell(column: _Column, text: str) -> _Cell:
    return _Cell(column, text, _teaser(text) if len(text) > LONG_TEXT else None)


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run: Hub text starting with = + - @ would be read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


ILLUSTRATIVE_COLUMN = "Illustrative data"


def table_csv(frame: pd.DataFrame, digits: int = 1, illustrative: bool = False) -> str:
    """The table as a reader downloads it: the shown text, safe to open in a spreadsheet; rows of
    invented data say so in a first column, so that no copied row loses the mark."""
    shown = shown_frame(frame, digits).replace(EMPTY, "")
    if illustrative:
        shown.insert(0, ILLUSTRATIVE_COLUMN, "ILLUSTRATIVE: invented for demonstration")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_safe(str(c)) for c in shown.columns])
    for row in shown.itertuples(index=False):
        writer.writerow([_csv_safe(str(v)) for v in row])
    return buffer.getvalue()


def _is_wide(shown: pd.DataFrame) -> bool:
    """Stacked on paper: five or more columns, two or more of them with long text, would print each
    row as a narrow tower (one row per page at worst); one long column beside numbers fits as it is."""
    long_columns = sum(any(len(v) > 60 for v in shown[column]) for column in shown.columns)
    return len(shown.columns) >= 5 and long_columns >= 2


MAX_ROWS = 50  # a table that can grow with the data shows this many rows and says how many it has; the CSV holds all
# A table's CSV longer than this (characters) is not put in the page as a download: the page would carry it percent-
# encoded, two or three times over (33 MB for the consultation brief on 100,000 comments, whose longest table alone is
# 22 MB of CSV); its link goes to the brief's tables zip, which holds every table. The shipped tables are under 40,000.
IN_PAGE_CSV_MOST_CHARS = 1_000_000


def csv_download(caption: str, csv_text: str) -> dict:
    """The download link of a table (template variable ``download``): its file name; the CSV itself as a data
    address, or, past :data:`IN_PAGE_CSV_MOST_CHARS`, a link to the brief's tables zip (``in_tables_zip``)."""
    name = slug(caption or "table") + ".csv"
    if len(csv_text) > IN_PAGE_CSV_MOST_CHARS:
        return {"name": name, "href": TABLES_ZIP_HREF, "in_tables_zip": True, "link_class": IN_TABLES_ZIP_CLASS}
    return {"name": name, "href": "data:text/csv;charset=utf-8," + quote(csv_text), "in_tables_zip": False}


def rows_shown(total: int, shown: int, what: str = "rows", in_tables_zip: bool = False) -> str:
    """'' when every row is shown, else the sentence a cut table carries: 'Showing the first 50 of
    100,000 rows; the CSV download holds all of them.' (or, for a CSV too long for the page, 'the brief's
    tables zip holds all of them')."""
    if shown >= total:
        return ""
    holder = "the brief's tables zip" if in_tables_zip else "the CSV download"
    return f"Showing the first {shown:,} of {total:,} {what}; {holder} holds all of them."


def table_html(
    frame: pd.DataFrame,
    caption: str | None = None,
    digits: int = 1,
    download: bool = True,
    illustrative: bool = False,
    max_rows: int | None = None,
    folded: str = "",
    csv_frame: pd.DataFrame | None = None,
    csv_text: str | None = None,
) -> str:
    """``frame`` as an escaped HTML table: a caption, numbers rounded one way, long text behind 'show all',
    a CSV download (:func:`csv_download`), and a print layout that stacks a wide table's rows. Past ``max_rows``
    rows (None: no limit) the page shows the first ``max_rows`` and says how many there are; the download has
    all. ``folded``: a line that opens to the table on screen, and all that prints of it. ``csv_frame``: what
    the download holds when it differs from the page (columns the caption states for the page); ``csv_text``:
    that CSV, where the caller has made it already."""
    the_download = None
    if download and len(frame):
        if csv_text is None:
            csv_text = table_csv(frame if csv_frame is None else csv_frame, digits, illustrative)
        the_download = csv_download(caption or "table", csv_text)
    in_zip = bool(the_download and the_download["in_tables_zip"])
    note = rows_shown(len(frame), max_rows if max_rows is not None else len(frame), in_tables_zip=in_zip)
    shown = shown_frame(frame.head(max_rows) if note and max_rows is not None else frame, digits)
    columns = [
        _Column(str(c), pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]))
        for c in frame.columns
    ]
    rows = [[_cell(column, value) for column, value in zip(columns, row)] for row in shown.itertuples(index=False)]
    return render(
        "table.html.j2",
        classes="brief-table brief-table-stack" if _is_wide(shown) else "brief-table",
        caption=caption or "",
        columns=columns,
        rows=rows,
        note=note,
        download=the_download,
        folded=folded,
    )


class ShownTable:
    """A table in a notebook: HTML for the page, the same cells as CSV for the runner to pack."""

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str | None = None,
        digits: int = 1,
        illustrative: bool = False,
        max_rows: int | None = None,
        folded: str = "",
        csv_frame: pd.DataFrame | None = None,
    ):
        self.frame, self.caption, self.digits, self.illustrative = frame, caption, digits, illustrative
        self.max_rows, self.folded = max_rows, folded
        self.csv_frame = frame if csv_frame is None else csv_frame

    def _repr_mimebundle_(self, include=None, exclude=None):
        csv_text = table_csv(self.csv_frame, self.digits, self.illustrative) if len(self.frame) else None
        data = {
            "text/html": table_html(
                self.frame,
                self.caption,
                self.digits,
                illustrative=self.illustrative,
                max_rows=self.max_rows,
                folded=self.folded,
                csv_frame=self.csv_frame,
                csv_text=csv_text,
            )
        }
        if csv_text is not None:
            data[TABLE_CSV_MIMETYPE] = csv_text
        return data, {
            TABLE_CSV_MIMETYPE: {"caption": self.caption or "table", "file": slug(self.caption or "table") + ".csv"}
        }


FOLDED = "{caption}"  # the line a folded table opens from; the template says where to read it, on screen and on paper


def table(
    frame: pd.DataFrame,
    caption: str | None = None,
    digits: int = 1,
    illustrative: bool = False,
    max_rows: int | None = None,
    folded: bool = False,
    csv_frame: pd.DataFrame | None = None,
) -> ShownTable:
    """A table for the page; past ``max_rows`` rows the page shows the first and says how many (the CSV has all).
    ``folded``: for checking rather than reading, it opens from one line, which is all that prints.
    ``csv_frame``: the CSV's rows when they carry columns the page says in the caption (the same rows)."""
    return ShownTable(
        frame,
        caption,
        digits,
        illustrative,
        max_rows,
        FOLDED.format(caption=caption or "Table") if folded else "",
        csv_frame,
    )


def banner_html(text: str, kind: str = INFO) -> str:
    colour, background = _KINDS[kind]
    return macro("pieces.html.j2", "banner")(text, kind, colour, background)


def banner(text: str, kind: str = INFO) -> HTML:
    return HTML(banner_html(text, kind))


def banners(notes: Iterable[Caveat]) -> HTML:
    """Zero or more caveats as banners in one output."""
    return HTML("".join(banner_html(text, kind) for text, kind in notes))


def paragraph(text: str) -> HTML:
    return HTML(macro("pieces.html.j2", "paragraph")(text))


def highlighted_html(text: str, words: list[str]) -> str:
    """``text`` escaped, with each occurrence of an evidence word wrapped in <mark> (also escaped)."""
    spans = []
    for word in {w for w in words if w}:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    return marked_html(text, spans)


def marked_html(text: str, spans) -> str:
    """``text`` escaped, with the characters of each (start, end) span wrapped in <mark>; overlapping or
    touching spans are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    parts, cursor = [], 0
    for start, end in merged:
        parts += [(text[cursor:start], False), (text[start:end], True)]
        cursor = end
    parts.append((text[cursor:], False))
    return macro("pieces.html.j2", "highlighted")(parts)


def file_as_read(path, root=None) -> str:
    """A file as the provenance names it: relative to the project root when inside it, else its full
    resolved path (a parameter may point anywhere; the brief says exactly where it read)."""
    resolved = Path(path).resolve()
    try:
        root = Path(root).resolve() if root is not None else project_root()
    except FileNotFoundError:
        return str(resolved)
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)


def provenance(datasets, parameters: Mapping[str, object], notebook: str, vocabularies=()) -> HTML:
    """For maintainers, in the appendix: the parameters and the run (notebook, time, versions) in one
    table, each data file (rows, SHA-256), and where each comes from (folded). ``vocabularies``: the YAML files
    the brief read its rules from (codebook, asks, checklist), listed with the tables by their title, version
    and provenance, so that the appendix names every data file the brief read."""
    vocabulary_rows = []
    for path in dict.fromkeys(Path(path) for path in vocabularies):
        document = read_yaml_file(path)
        version = f" (version {document['version']})" if isinstance(document, dict) and "version" in document else ""
        vocabulary_rows.append(
            SimpleNamespace(
                path=path,
                meta={
                    "title": f"{document.get('title', path.name)}{version}",
                    "provenance": " ".join(str(document.get("provenance", "")).split()),
                },
                rows="—",
                illustrative=False,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            )
        )
    run = {
        "notebook": notebook,
        "generated (UTC)": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "Integration Workbooks library": __version__,
        "Python": platform.python_version(),
    }
    parameter_rows = pd.DataFrame(
        {
            "Parameter": list(parameters) + [f"({item})" for item in run],
            "Value": [repr(v) for v in parameters.values()] + list(run.values()),
        }
    )
    read = [*datasets, *vocabulary_rows]
    data_rows = pd.DataFrame(
        [
            {
                "File": file_as_read(d.path),
                "Title": d.meta["title"],
                "Rows": getattr(d, "rows", None) or str(len(d.frame)),
                "Illustrative": "yes" if d.illustrative else "no",
                "SHA-256 (first 16)": d.sha256[:16],
            }
            for d in read
        ]
    )
    origins = pd.DataFrame([{"File": file_as_read(d.path), "Provenance": d.meta["provenance"]} for d in read])
    tables = [
        Markup(table_html(rows, caption, download=False, folded=folded))
        for rows, caption, folded in (
            (parameter_rows, "Parameters of this run, and the run (in brackets)", ""),
            (data_rows, "Data files read", FOLDED.format(caption="Data files read")),
            (origins, "Where each data file comes from", FOLDED.format(caption="Where each data file comes from")),
        )
    ]
    return HTML(render("provenance.html.j2", tables=tables))


FIGURE_DPI = 150


STAMP_POINTS = 10  # the illustrative mark's type size
STAMP_GAP_POINTS = 6  # between the mark's box and the highest text of the chart under it (its title)


def stamp_illustrative(fig, inside: bool = False) -> None:
    """Write the illustrative mark onto the chart itself, above everything, so no copy of the image loses it:
    above whatever the figure draws highest (its title, which may reach above the figure's top edge), its
    box clear of it (a tight box takes the mark in), or ``inside`` the top edge, for a figure saved as it
    is, which keeps room there (about a third of an inch)."""
    if inside:
        y, va = 1 - (6 / 72) / fig.get_figheight(), "top"
    else:
        top = fig.get_tightbbox(fig.canvas.get_renderer()).y1 / fig.get_figheight()  # inches -> figure fraction
        pad = 0.4 * STAMP_POINTS  # the box's padding below the mark's text, as drawn below
        y, va = max(1.0, top) + (pad + STAMP_GAP_POINTS) / 72 / fig.get_figheight(), "bottom"
    fig.text(
        0.5,
        y,
        ILLUSTRATIVE_MARK,
        ha="center",
        va=va,
        fontsize=STAMP_POINTS,
        fontweight="bold",
        color=VERMILION_TEXT,
        bbox={"boxstyle": "square,pad=0.4", "facecolor": WARNING_BACKGROUND, "edgecolor": VERMILION},
    )


def figure_html(
    fig,
    caption: str,
    alt: str,
    illustrative: bool = False,
    paper: pd.DataFrame | None = None,
    paper_title: str = "",
    screen_dpi: int | None = None,
) -> str:
    """The figure as an embedded PNG with its alt text and caption. ``paper``: the chart's numbers as a
    table (headed ``paper_title``, the chart's title), printed in place of a chart whose labels A4 would
    shrink below reading size; the screen shows the chart. ``screen_dpi``: a live view's chart, laid out
    for the screen, saved at that resolution as it is (its own box, not a tight one, which draws it twice),
    the illustrative mark inside its top edge."""
    if not alt or not alt.strip():
        raise ValueError(f"figure {caption!r} has no alt text: say what the chart shows")
    if illustrative:
        stamp_illustrative(fig, inside=screen_dpi is not None)
        alt = "ILLUSTRATIVE DATA, invented for demonstration. " + alt
    buffer = io.BytesIO()
    dpi = screen_dpi or FIGURE_DPI
    fig.savefig(
        buffer,
        format="png",
        dpi=dpi,
        bbox_inches=None if screen_dpi else "tight",
        facecolor="white",
        pil_kwargs={"compress_level": 1} if screen_dpi else None,
    )  # a live chart: encoded fast, a little larger
    png = buffer.getvalue()
    # shown at 100 px per inch of the image as saved (a tight box can be wider than the figure, where a title
    # or label reaches past it): the PNG header holds its width in pixels at its dpi
    width_px = round(int.from_bytes(png[16:20], "big") / dpi * 100)
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    paper_table = (
        Markup(table_html(paper, paper_title or None, download=False)) if paper is not None and len(paper) else ""
    )
    return render(
        "figure.html.j2",
        source=source,
        alt=alt,
        width_px=width_px,
        caption=caption,
        paper_table=paper_table,
        illustrative=illustrative,
        mark=ILLUSTRATIVE_MARK,
    )


def rendered_figure(
    fig,
    caption: str = "",
    alt: str | None = None,
    illustrative: bool = False,
    paper: pd.DataFrame | None = None,
    paper_title: str = "",
    screen_dpi: int | None = None,
) -> str:
    """A matplotlib figure as HTML, with its caption and alt text (``alt``, else the text the chart
    function recorded with ``presentation.style.describe``) and, for paper, its numbers as a table
    (``paper``, see :func:`figure_html`); the figure is released. ``screen_dpi``: see :func:`figure_html`."""
    try:
        return figure_html(
            fig, caption, alt or str(getattr(fig, "alt_text", "")), illustrative, paper, paper_title, screen_dpi
        )
    finally:
        plt.close(fig)


def figure(
    fig,
    caption: str = "",
    alt: str | None = None,
    illustrative: bool = False,
    paper: pd.DataFrame | None = None,
    paper_title: str = "",
) -> None:
    """Show a matplotlib figure once (see :func:`rendered_figure`)."""
    display(HTML(rendered_figure(fig, caption, alt, illustrative, paper, paper_title)))


def image_html(png: bytes, alt: str, illustrative: bool = False, caption: str = "") -> str:
    """A chart drawn as a PNG elsewhere (a live view's chart drawn for the screen) as HTML with its alt text
    and caption, shown at its own size: one pixel of the image to one of the screen. Where its data are
    invented (``illustrative``) its drawing carries the mark, and its alt text says so here."""
    if not alt or not alt.strip():
        raise ValueError(f"image {caption!r} has no alt text: say what the chart shows")
    alt = "ILLUSTRATIVE DATA, invented for demonstration. " + alt if illustrative else alt
    return render(
        "figure.html.j2",
        source="data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        alt=alt,
        width_px=int.from_bytes(png[16:20], "big"),
        caption=caption,
        paper_table="",
        illustrative=illustrative,
        mark=ILLUSTRATIVE_MARK,
    )
