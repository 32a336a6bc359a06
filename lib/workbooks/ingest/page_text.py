"""Reading the stored text of a Hub page, with its optional two-line header.

Stored copies in ``data/raw/pages/`` either start with the page itself (the seeds) or with a
header: ``source: URL``, ``form: ...``, a blank line, then the page. Line numbers given in
errors are always line numbers of the file, counted from 1.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import PageFormatError


@dataclass(frozen=True)
class PageText:
    path: Path
    lines: tuple[str, ...]
    first_line_number: int
    url: str | None = None


def read_page(path: Path | str) -> PageText:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PageFormatError(path, None, "no such file") from None
    except UnicodeDecodeError as error:
        raise PageFormatError(path, None, f"not UTF-8 text ({error.reason})") from None
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
    return PageText(path=path, lines=tuple(lines), first_line_number=first, url=url)
