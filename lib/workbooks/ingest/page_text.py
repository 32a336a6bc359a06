"""Reading the stored text of a Hub page, with its optional two-line header.

Stored copies in ``data/raw/pages/`` either start with the page itself (the seeds) or with a
header: ``source: URL``, ``form: ...``, a blank line, then the page. Line numbers given in
errors are always line numbers of the file, counted from 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..common.encodings import decode_utf8
from ..errors import NotTextError, PageFormatError


@dataclass(frozen=True)
class PageText:
    path: Path
    lines: tuple[str, ...]
    first_line_number: int
    url: str | None = None


def read_page(path: Path | str) -> PageText:
    """The page's lines and its ``source:`` URL. A file that is not UTF-8 text is a PageFormatError
    naming the line and character of the first bad byte, with a hint (as for tables); so is a page
    with no text (an empty file, or the header alone), named at line 1."""
    path = Path(path)
    try:
        raw = decode_utf8(path.read_bytes())
    except FileNotFoundError:
        raise PageFormatError(path, None, "no such file") from None
    except IsADirectoryError:
        raise PageFormatError(path, None, "is a folder, not a page file") from None
    except NotTextError as problem:
        raise PageFormatError(path, problem.line, problem.reason) from None
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    url = None
    first = 1
    if lines and lines[0].startswith("source:"):
        url = lines[0].split(":", 1)[1].strip() or None
        body_start = 1
        if len(lines) > 1 and lines[1].startswith("form:"):
            body_start = 2
        if len(lines) > body_start and not lines[body_start].strip():
            body_start += 1
        lines = lines[body_start:]
        first = body_start + 1
    if not any(line.strip() for line in lines):
        raise PageFormatError(
            path,
            1,
            "the page is empty: it holds no text below its header; store the page's text "
            "(copied from the browser) in it",
        )
    return PageText(path=path, lines=tuple(lines), first_line_number=first, url=url)
