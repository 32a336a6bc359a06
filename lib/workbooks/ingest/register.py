"""Adding a page the project has never seen: one step registers it in data/sources.csv and ingests it.

``workbooks add page FILE --kind discussion --url URL --title TITLE --retrieved YYYY-MM-DD`` does,
in this order, and writes nothing until every step has succeeded:

1. checks what it is given: the URL (http or https, with a host; the page's own ``source:`` line,
   where it has one, must give the same URL), the retrieval date (YYYY-MM-DD, not after today), the
   title (one line), the source_id (given, or derived from the URL: ``hub-`` and the URL's last
   path segment for a Hub page);
2. refuses a duplicate: a source_id, a file (by path, by file name, or by the same text) or a URL
   the registry already holds. A second stored copy of a registered URL is accepted only when
   asked for (``--another-copy``), as the registry already holds such copies;
3. builds the new registry in memory and ingests every page registered with the same kind, the new
   one included (the same ingest as ``workbooks ingest workstream|discussion``), validating each
   table against its layout;
4. only then writes: the page copied into data/raw/pages/ (unless it already lies inside data/,
   where it is registered in place), the rebuilt tables, and data/sources.csv last, each
   atomically. Should a write fail, the files already written are put back as they were.

A page the ingest cannot read (a :class:`~workbooks.errors.PageFormatError`) therefore leaves
data/sources.csv and the tables byte-identical to before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import pandas as pd

from ..common.files import atomic_write_bytes
from ..common.paths import project_root
from ..errors import RegistrationError
from ..tables.layouts import ACTIVITIES, COMMENTS, QUESTIONS, SOURCES, TableLayout
from ..tables.validate import as_text, read_text_table, validate_text_table
from .discussion import build_discussions
from .interface_words import DISCUSSION_MARKERS
from .page_text import read_page
from .workstream import build_activities

KINDS = ("workstream", "discussion")
COPIES = ("full", "partial")
RETRIEVED = "retrieved"  # the date_kind of the date given to `add page`
PAGES_FOLDER = Path("data") / "raw" / "pages"
HUB_HOST = "migrationnetwork.un.org"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_ID = re.compile(next(spec.pattern for spec in SOURCES.columns if spec.name == "source_id" and spec.pattern))
_MAX_ID_LENGTH = 60
# the tables each kind of page is ingested into, relative to the project root
TABLES: dict[str, tuple[tuple[str, TableLayout], ...]] = {
    "workstream": (("data/activities.csv", ACTIVITIES),),
    "discussion": (("data/comments.csv", COMMENTS), ("data/questions.csv", QUESTIONS)),
}


@dataclass(frozen=True)
class NewPage:
    """What `add page` is told about a page. ``url`` may be empty when the page's first line
    (``source: URL``) gives it; ``source_id`` may be empty to have one derived from the URL."""

    path: Path
    kind: str
    title: str
    retrieved: str
    url: str = ""
    copy: str = "partial"
    note: str = ""
    source_id: str = ""
    another_copy: bool = False


@dataclass
class Addition:
    """A page ready to be added: its registry row, the new registry, the rebuilt tables. Nothing
    is written until :func:`write_addition`."""

    row: dict
    page_path: Path  # where the page is now
    target: Path  # where it will be (the same path when registered in place)
    sources_path: Path
    sources: pd.DataFrame  # the new registry, as text
    tables: list[tuple[Path, TableLayout, pd.DataFrame]] = field(default_factory=list)  # as text

    @property
    def copied(self) -> bool:
        return self.page_path.resolve() != self.target.resolve()

    def rows_from_page(self) -> dict[str, int]:
        """Rows each rebuilt table has from the new page (table file name -> count)."""
        return {path.name: int((frame["source"] == self.row["source_id"]).sum()) for path, _, frame in self.tables}


# --- checks on what the page is told ------------------------------------------------------------
def checked_url(url: str) -> str:
    text = str(url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
        raise RegistrationError(f"{url!r} is not a web address: give the page's http:// or https:// URL")
    return text


def checked_day(text: str, today: date) -> str:
    value = str(text or "").strip()
    try:
        day = date.fromisoformat(value) if _ISO_DAY.match(value) else None
    except ValueError:
        day = None
    if day is None:
        raise RegistrationError(f"retrieval date {text!r}: write a real day as YYYY-MM-DD, e.g. 2024-05-31")
    if day > today:
        raise RegistrationError(
            f"retrieval date {value} is after today ({today.isoformat()}): a page cannot "
            "have been retrieved in the future"
        )
    return value


def derived_source_id(url: str) -> str:
    """``hub-`` and the URL's last path segment for a Hub page, else the host and that segment,
    as a slug of at most 60 characters: https://migrationnetwork.un.org/hub/.../content/imrf-round-table-4
    -> hub-imrf-round-table-4."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    host = parts.hostname or ""
    prefix = "hub" if host == HUB_HOST or host.endswith("." + HUB_HOST) else host.removeprefix("www.")
    slug = re.sub(r"[^a-z0-9]+", "-", f"{prefix} {segments[-1] if segments else ''}".lower()).strip("-")
    if len(slug) > _MAX_ID_LENGTH:
        slug = slug[:_MAX_ID_LENGTH].rsplit("-", 1)[0]
    return slug


def _url_key(url: str) -> str:
    parts = urlsplit(str(url).strip())
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _relative(path: Path, root: Path) -> str | None:
    """The path relative to the root, when it lies inside the root's data/ folder."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    return relative.as_posix() if relative.parts[:1] == ("data",) else None


def _duplicates(
    sources: pd.DataFrame, row: dict, target: Path, page_bytes: bytes, root: Path, another_copy: bool
) -> list[str]:
    problems = []
    if row["source_id"] in set(sources["source_id"]):
        problems.append(f"source_id {row['source_id']!r} is taken; give another with --source-id")
    for registered in sources.itertuples():
        registered_file = str(registered.file)  # a text column
        registered_path = root / registered_file
        same_path = registered_path.resolve() == target.resolve()
        if same_path or Path(registered_file).name == target.name:
            problems.append(
                f"{'the file' if same_path else 'a file named'} {target.name} is registered already "
                f"as {registered.source_id} ({registered.file})"
            )
        elif registered_path.is_file() and registered_path.read_bytes() == page_bytes:
            problems.append(f"the same text is registered already as {registered.source_id} ({registered.file})")
    same_url = sources.loc[sources["url"].map(_url_key) == _url_key(row["url"]), "source_id"]
    if len(same_url) and not another_copy:
        problems.append(
            f"the URL {row['url']} is registered already as {', '.join(same_url)}; if this file is "
            "another stored copy of the same page, say so with --another-copy"
        )
    return problems


# --- the addition ---------------------------------------------------------------------------------
NOTHING_READ = {  # what a page of each kind must show for anything to be read from it
    "discussion": f"A discussion page is the text of a Hub discussion page saved whole, with the line "
    f"'{DISCUSSION_MARKERS[0].title()}' above its questions and comments (an "
    "introduction alone has neither); check the file is the page you meant, and save it again from the "
    "browser (select all, copy, paste into a .txt file).",
    "workstream": "A workstream page lists its activities ('i. Map the services.') with a 'Timeline:' line each.",
}


def plan_addition(
    page: NewPage,
    root: Path | None = None,
    known_organisations: Iterable[str] = (),
    today: date | None = None,
    warn: Callable[[str], None] = print,
) -> Addition:
    """Check the page, build the new registry and ingest every page of its kind; write nothing."""
    root = root or project_root()
    today = today or date.today()
    path = Path(page.path)
    if page.kind not in KINDS:
        raise RegistrationError(f"kind {page.kind!r}: must be one of {', '.join(KINDS)}")
    if page.copy not in COPIES:
        raise RegistrationError(f"copy {page.copy!r}: must be one of {', '.join(COPIES)}")
    if not path.is_file():
        raise RegistrationError(f"{path}: no such file")
    text = read_page(path)  # not UTF-8: PageFormatError naming the file
    url = checked_url(page.url or text.url or "")
    if text.url and _url_key(text.url) != _url_key(url):
        raise RegistrationError(f"{path}: its first line gives the URL {text.url}, not {url}")
    title = " ".join(str(page.title or "").split())
    if not title:
        raise RegistrationError("the page needs a title (for a workstream page, the workstream's name)")
    source_id = page.source_id.strip() or derived_source_id(url)
    if not _SOURCE_ID.match(source_id):
        raise RegistrationError(f"source_id {source_id!r}: lower-case letters, digits and hyphens only")
    in_place = _relative(path, root)
    target = root / in_place if in_place else root / PAGES_FOLDER / path.name
    row = {
        "source_id": source_id,
        "file": in_place or (PAGES_FOLDER / path.name).as_posix(),
        "kind": page.kind,
        "url": url,
        "title": title,
        "copy": page.copy,
        "date": checked_day(page.retrieved, today),
        "date_kind": RETRIEVED,
        "note": " ".join(str(page.note or "").split()),
    }
    sources_path = root / "data" / "sources.csv"
    sources = read_text_table(sources_path)
    validate_text_table(sources, SOURCES, sources_path)
    problems = _duplicates(sources, row, target, path.read_bytes(), root, page.another_copy)
    registered = {(root / name).resolve() for name in sources["file"]}
    if not in_place and target.exists() and target.resolve() not in registered:
        problems.append(f"{target.relative_to(root).as_posix()} exists already: rename the page, or register that file")
    if problems:
        raise RegistrationError(f"{path}: not added: " + "; ".join(problems))
    registry = pd.concat([sources, pd.DataFrame([row])], ignore_index=True)[SOURCES.column_names]
    validate_text_table(registry, SOURCES, sources_path)
    addition = Addition(row, path, target, sources_path, registry)
    pages = [
        path if name == row["file"] else root / name for name in registry.loc[registry["kind"] == page.kind, "file"]
    ]
    if page.kind == "workstream":
        frames = [build_activities(pages, registry, root=root, warn=warn)]
    else:
        frames = list(build_discussions(pages, registry, root=root, known_organisations=known_organisations))
    for (name, layout), frame in zip(TABLES[page.kind], frames, strict=True):
        table = as_text(frame, layout)[layout.column_names]
        validate_text_table(table, layout, root / name)
        addition.tables.append((root / name, layout, table))
    if not any(addition.rows_from_page().values()):  # a page it read nothing from is not a source of anything
        raise RegistrationError(
            f"{path}: not added: no comment and no question read from it. {NOTHING_READ[page.kind]}"
        )
    return addition


def _line_ending(path: Path) -> str:
    """The line ending a CSV is written with, kept when it is rewritten (sources.csv is CRLF)."""
    return "\r\n" if path.is_file() and b"\r\n" in path.read_bytes()[:4096] else "\n"


def write_addition(addition: Addition) -> None:
    """Write the page copy, the tables and data/sources.csv (last), each atomically; if one write
    fails, put back every file already written."""
    writes: list[tuple[Path, bytes]] = []
    if addition.copied:
        writes.append((addition.target, addition.page_path.read_bytes()))
    for path, _, table in addition.tables:
        writes.append((path, table.to_csv(index=False, lineterminator=_line_ending(path)).encode("utf-8")))
    writes.append(
        (
            addition.sources_path,
            addition.sources.to_csv(index=False, lineterminator=_line_ending(addition.sources_path)).encode("utf-8"),
        )
    )
    before = {path: (path.read_bytes() if path.exists() else None) for path, _ in writes}
    done: list[Path] = []
    try:
        for path, data in writes:
            atomic_write_bytes(path, data)
            done.append(path)
    except BaseException:
        for path in reversed(done):
            previous = before[path]
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_bytes(path, previous)
        raise


def add_page(
    page: NewPage,
    root: Path | None = None,
    known_organisations: Iterable[str] = (),
    today: date | None = None,
    warn: Callable[[str], None] = print,
) -> Addition:
    """Register the page and rebuild the tables of its kind: :func:`plan_addition`, then
    :func:`write_addition`."""
    addition = plan_addition(page, root, known_organisations, today, warn)
    write_addition(addition)
    return addition
