"""outputs/index.html: a catalogue of the briefs for readers (title, question, the lead key message, the
review status as the brief gives it, data date, an ILLUSTRATIVE badge, links to the HTML, PDF and
tables), the demonstrations (briefs on invented data) in a section of their own after the real
briefs, and below it the build details for maintainers (parameters, run time, status), all from the
run records. The page is the template briefs/templates/catalogue/index.html.j2."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from ..catalogue import WORKBOOKS
from ..common.files import atomic_write_text
from ..common.wording import count_of
from ..presentation.markup import macro, render
from ..presentation.style import GREEN_TEXT, MUTED_TEXT, TEXT_COLOUR, VERMILION_TEXT, WARNING_BACKGROUND
from .statuses import BAD_DATA, FAILED, INVALID, OK

TEMPLATES = Path(__file__).parent / "templates" / "catalogue"
_WHY_NOT_OK = {FAILED: "failed", INVALID: "stopped on its parameter file", BAD_DATA: "stopped on a data file it reads"}
WORKBOOK_NAMES = {notebook: workbook.name for notebook, workbook in WORKBOOKS.items()}  # a brief's folder, as read
OTHER_BRIEFS = "Other briefs"
COLOURS = SimpleNamespace(text=TEXT_COLOUR, muted=MUTED_TEXT, warning_text=VERMILION_TEXT, ok_text=GREEN_TEXT,
                          demo_background=WARNING_BACKGROUND)


ERROR_LINES_SHOWN = 6


def _error_lines(error: str) -> list[str]:
    """A run's message as the summary prints it (file, then each problem's line and field), cut
    after a few lines; a traceback's lines are for the failed notebook, not here."""
    lines = [line.strip() for line in error.split("\nTraceback")[0].splitlines() if line.strip()]
    return lines[:ERROR_LINES_SHOWN] + ([f"... and {len(lines) - ERROR_LINES_SHOWN} more line(s)"]
                                       if len(lines) > ERROR_LINES_SHOWN else [])


def load_run_records(out_dir: Path) -> list[dict]:
    records = []
    for path in sorted(Path(out_dir).glob("*/*.run.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, OSError) as error:
            records.append({"brief": f"{path.parent.name}/{path.name.removesuffix('.run.json')}",
                            "status": FAILED, "error": f"unreadable run record: {error}"})
    return records


def _day(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%-d %B %Y}"
    except (TypeError, ValueError):
        return ""


def _folder(record: dict) -> str:
    return str(record.get("brief", "")).split("/")[0]


def is_demonstration(record: dict) -> bool:
    """A brief on invented data: its facts say it is illustrative."""
    return bool((record.get("facts") or {}).get("illustrative"))


# What keeps a key message from leading a card: it points at what the card does not hold (a figure, a
# table, a section, "below"); it is about who checked the counts (the card says that once, on its own
# line); or it lists counts rather than stating a finding.
POINTS_ELSEWHERE = re.compile(r"\b(?:Figure|Fig\.|Table|Annex|Appendix|Section|Chart)\s*\d|\b(?:below|above|"
                              r"in this brief|shown with|quoted with|after the (?:figure|table|chart))\b", re.IGNORECASE)
ABOUT_CHECKING = re.compile(r"\b(?:checked|reviewed|review|not yet by a person|automatic readings?)\b", re.IGNORECASE)
_NOT_A_COUNT = re.compile(  # numbers that are days, years, numbered labels, quarters and percentages, not counts
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(?:19|20)\d\d\b|\b(?:Obj\.|Objective|Priority|No\.|para\.)\s*\d+|\bQ[1-4]\b|\d+(?:\.\d+)?\s*%", re.IGNORECASE)
_COUNT = re.compile(r"\b\d+\b")
MOST_COUNTS_IN_A_LEAD = 3  # a message with more counts than this is a list of counts, not a finding


def counts_in(sentence: str) -> int:
    """How many counts a sentence gives: its numbers, less days, years, numbered labels ("Obj. 16",
    "Priority 5"), quarters and percentages."""
    return len(_COUNT.findall(_NOT_A_COUNT.sub(" ", sentence)))


def can_lead(message: str) -> bool:
    """A key message can lead a card when it stands on its own there: it points at nothing the card
    lacks, is not about who checked the counts, and states a finding rather than listing counts."""
    return not (POINTS_ELSEWHERE.search(message) or ABOUT_CHECKING.search(message)
                or counts_in(message) > MOST_COUNTS_IN_A_LEAD)


def lead_message(facts: dict) -> str:
    """The first of the brief's key messages that can lead its card (:func:`can_lead`), or ''."""
    for message in facts.get("summary") or []:
        if str(message).strip() and can_lead(str(message)):
            return str(message).strip()
    return ""


def dates_line(facts: dict) -> list[str]:
    """The card's dates: the data's date as the brief gives it, without a clause on who checked the
    counts when the card shows the review status on its own line; and the day the brief was made."""
    data_date = str(facts.get("data_date") or "")
    if facts.get("review_status"):
        data_date = "; ".join(part for part in data_date.split("; ") if not ABOUT_CHECKING.search(part))
    return ([data_date] if data_date else []) + ([f"generated {_day(facts['generated'])}"] if facts.get("generated") else [])


def _entry(record: dict, demonstration: bool = False) -> SimpleNamespace:
    """What the catalogue shows of one brief; a brief never made shows only its name."""
    facts = record.get("facts") or {}
    links = [SimpleNamespace(href=quote(record[key]), text=text)
             for key, text in (("html", "Read (HTML)"), ("pdf", "PDF"), ("tables", "Tables (CSV, zip)")) if record.get(key)]
    why = _WHY_NOT_OK.get(record.get("status"), "failed")
    stale = ("" if record.get("status") == OK else
             f"The last run {why}; this is the last good version." if record.get("html") else
             f"Not available: its last run {why} (see the build details below).")
    dates = dates_line(facts)
    return SimpleNamespace(title=facts.get("title") or record.get("brief", ""), illustrative=bool(facts.get("illustrative")),
                           workbook=WORKBOOK_NAMES.get(_folder(record), "") if demonstration else "",
                           question=facts.get("question") or "", lead=lead_message(facts),
                           review_status=facts.get("review_status") or "", dates=dates, links=links, stale=stale)


def catalogue_entry(record: dict) -> str:
    """One brief as a reader sees it in the catalogue; a brief never made shows only its name."""
    return macro("entries.html.j2", "entry", TEMPLATES)(_entry(record, is_demonstration(record)))


def _build_row(record: dict) -> SimpleNamespace:
    return SimpleNamespace(brief=record.get("brief"), status=record.get("status", ""), ok=record.get("status") == OK,
                           cached=bool(record.get("cached")), error_lines=_error_lines(record.get("error") or ""),
                           failed_notebook=quote(record["failed_notebook"]) if record.get("failed_notebook") else "",
                           finished=record.get("finished", ""), seconds=record.get("seconds", ""),
                           parameters=[f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                       for key, value in (record.get("parameters") or {}).items()])


def index_html(records: list[dict]) -> str:
    """The catalogue: the real briefs by workbook (then any other folder's), the demonstrations after
    them in a section of their own, then the build details."""
    real = [record for record in records if not is_demonstration(record)]
    sections = [SimpleNamespace(name=name, entries=[_entry(r) for r in real if _folder(r) == folder])
                for folder, name in WORKBOOK_NAMES.items()]
    sections.append(SimpleNamespace(name=OTHER_BRIEFS, entries=[_entry(r) for r in real if _folder(r) not in WORKBOOK_NAMES]))
    order = {folder: place for place, folder in enumerate(WORKBOOK_NAMES)}  # the demonstrations by workbook too
    demonstrations = [_entry(record, demonstration=True) for record in
                      sorted(filter(is_demonstration, records), key=lambda r: order.get(_folder(r), len(order)))]
    failed = sum(record.get("status") != OK for record in records)
    counts = SimpleNamespace(briefs=count_of(len(records), "brief"), ok=len(records) - failed, not_ok=failed)
    return render("index.html.j2", TEMPLATES, sections=[s for s in sections if s.entries], demonstrations=demonstrations,
                  counts=counts, build_rows=[_build_row(record) for record in records], colours=COLOURS)


def write_index(out_dir: Path) -> Path:
    path = Path(out_dir) / "index.html"
    atomic_write_text(path, index_html(load_run_records(out_dir)))
    return path
