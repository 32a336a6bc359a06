"""outputs/index.html: a catalogue of the briefs for readers, by workbook, each under a line on what the
workbook's briefs show (title, question, the lead key message, how many of the records chosen it compares
when fewer, whether what it shows of its sources is a paraphrase, the review status as the brief gives it,
data date, an ILLUSTRATIVE badge, links to the HTML, PDF and tables), the demonstrations (briefs on
invented data, each saying what it demonstrates) in a section of their own after the real briefs, and
below it the build details for maintainers (status, run time, parameters folded on screen; not printed),
all from the run records. The page is the template publish/templates/catalogue/index.html.j2."""

from __future__ import annotations

import json
import re
from datetime import date
from itertools import takewhile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from ..common.files import atomic_write_text
from ..common.moments import shown_moment
from ..common.text import SENTENCE_END
from ..common.wording import count_of, plural
from ..presentation.markup import macro, render
from ..presentation.style import BLUE, GREEN_TEXT, MUTED_TEXT, TEXT_COLOUR, VERMILION_TEXT, WARNING_BACKGROUND
from ..workbook_specs import WORKBOOKS
from .parameters import RUNNER_PARAMETERS
from .run_statuses import BAD_DATA, FAILED, INVALID, OK

CATALOGUE_PAGE = "index.html"  # in the outputs folder
HISTORY_PAGE, FEED_FILE = "history.html", "feed.xml"  # beside index.html (publish.history, publish.feed)

TEMPLATES = Path(__file__).parent / "templates" / "catalogue"
# how a run that made no brief ended, for each status a run record can hold but ok (an interrupted brief records
# nothing); tests/publish/test_run_statuses.py fails on a status added without its words
WHY_NOT_OK = {FAILED: "failed", INVALID: "stopped on its parameter file", BAD_DATA: "stopped on a data file it reads"}
WORKBOOK_NAMES = {notebook: workbook.name for notebook, workbook in WORKBOOKS.items()}  # a brief's folder, as read
OTHER_BRIEFS = "Other briefs"
COLOURS = SimpleNamespace(
    text=TEXT_COLOUR,
    muted=MUTED_TEXT,
    warning_text=VERMILION_TEXT,
    ok_text=GREEN_TEXT,
    demo_background=WARNING_BACKGROUND,
    changed=BLUE,
)


ERROR_LINES_SHOWN = 6


def _message_lines(error: str) -> list[str]:
    """A run's message without the traceback a failed notebook's holds (its lines are for the failed notebook),
    each line as written, its indent kept."""
    return [line for line in str(error or "").split("\nTraceback")[0].splitlines() if line.strip()]


def first_problem(error: str, status: str) -> str:
    """The first line of a brief's error and, where the run stopped on a parameter or data file with several
    problems each on a line of its own (each naming its file, line and key), how many more: "... (and 2 more
    problems)". The indented lines under a line are its details ("data/x.csv: 2 problems", then each), not more."""
    lines = _message_lines(error)
    problems = [line for line in lines if not line[0].isspace()]
    more = len(problems) - 1 if status in (INVALID, BAD_DATA) else 0
    return (lines[0].strip() if lines else "") + (f" (and {count_of(more, 'more problem')})" if more > 0 else "")


def _error_lines(error: str) -> list[str]:
    """A run's message as the summary prints it (file, then each problem's line and field), cut
    after a few lines; a traceback's lines are for the failed notebook, not here."""
    lines = [line.strip() for line in _message_lines(error)]
    return lines[:ERROR_LINES_SHOWN] + (
        [f"... and {count_of(len(lines) - ERROR_LINES_SHOWN, 'more line')}"] if len(lines) > ERROR_LINES_SHOWN else []
    )


def _last_run_ended(record: dict) -> str:
    """How a brief's last run ended, and when: "the last run (7 December 2026, 07:01 UTC) failed"."""
    when = f" ({shown_moment(record['finished'])})" if record.get("finished") else ""
    return f"the last run{when} {WHY_NOT_OK.get(record.get('status', ''), 'failed')}"


def stale_note(record: dict) -> str:
    """'' for a brief whose last run was good; else how its last run ended, when, and the first line of why:
    "the last run (6 December 2026, 20:25 UTC) failed: ValueError: boom". The history page and the feed say with
    it that the brief's newest edition is stale."""
    if record.get("status", OK) == OK:
        return ""
    reason = first_problem(record.get("error") or "", record.get("status", ""))
    return _last_run_ended(record) + (f": {reason}" if reason else "")


def stale_line(record: dict) -> str:
    """The catalogue's line on a brief whose last run was not good: when that run was and how it ended, and that
    the version shown is the last good one, made when (the run that made it, not the one that failed):
    "Stale: the last run (7 December 2026, 07:01 UTC) stopped on a data file it reads; this is the last good
    version, made 7 December 2026, 07:00 UTC."; a brief never made is not available."""
    if not record.get("html"):
        return f"Not available: its last run {WHY_NOT_OK.get(record.get('status', ''), 'failed')} (see the build details below)."
    made = f", made {shown_moment(record['last_good'])}" if record.get("last_good") else ""
    return f"Stale: {_last_run_ended(record)}; this is the last good version{made}."


def load_run_records(out_dir: Path) -> list[dict]:
    records = []
    for path in sorted(Path(out_dir).glob("*/*.run.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, OSError) as error:
            records.append(
                {
                    "brief": f"{path.parent.name}/{path.name.removesuffix('.run.json')}",
                    "status": FAILED,
                    "error": f"unreadable run record: {error}",
                }
            )
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


# What keeps a key message's clause from a card's lead: it points at what the card does not hold (a figure, a
# table, a section, "below"), or it is only about who checked the counts (the card says that on its own line). An
# aside on who checked a count the clause states ("(4 of these 5 automatic, not checked)") stays with its count.
POINTS_ELSEWHERE = re.compile(
    r"\b(?:Figure|Fig\.|Table|Annex|Appendix|Section|Chart)\s*\d|\b(?:below|above|"
    r"in this brief|shown with|quoted with|after the (?:figure|table|chart))\b",
    re.IGNORECASE,
)
ABOUT_CHECKING = re.compile(r"\b(?:checked|reviewed|review|not yet by a person|automatic readings?)\b", re.IGNORECASE)
# a message that only says what is absent ("No ask touches ...", "Our summaries ... do not show ...") leads a card
# only when no message says what was found
ABSENCE = re.compile(r"^(?:No|None|Nothing|Neither)\b|\b(?:do|does) not show\b")
INVENTED = re.compile(r"\binvented\b", re.IGNORECASE)  # a demonstration's message that rests on its invented data


_ASIDE = re.compile(r"\s*\(([^()]*)\)")


def _without_status_asides(clause: str) -> str:
    return _ASIDE.sub(lambda aside: "" if ABOUT_CHECKING.search(aside.group(1)) else aside.group(0), clause)


def _stands_alone(clause: str) -> bool:
    """A clause can lead a card: it points nowhere else, and, its asides on who checked its counts aside,
    it is not about checking."""
    return not (POINTS_ELSEWHERE.search(clause) or ABOUT_CHECKING.search(_without_status_asides(clause)))


def _clauses(message: str) -> list[str]:
    """The parts of a message between "; " outside brackets: "(our summary; automatic, not checked)"
    stays whole."""
    parts, depth, start = [], 0, 0
    for index, character in enumerate(message):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and message.startswith("; ", index):
            parts.append(message[start:index])
            start = index + 2
    return parts + [message[start:]]


# a list of counts, each in its brackets ('more detail in the workplan (2,226 of 19,800); climate change ...
# (1,934 of 19,800)'): a sentence after the first that holds one does not lead a card
LISTED_COUNT = re.compile(r"\(\d[\d,]* of \d[\d,]*\)")


def _without_listed_counts(message: str) -> str:
    """The message's sentences up to the first, after its first, that lists counts in brackets."""
    sentences = SENTENCE_END.split(str(message).strip())
    kept = sentences[:1] + list(takewhile(lambda sentence: not LISTED_COUNT.search(sentence), sentences[1:]))
    return " ".join(kept)


def lead_of(message: str) -> str:
    """What of a key message can lead a card: its clauses (parts between "; ") that stand on their own
    there, in order, while its first does, and of its sentences after the first, those before one that lists
    counts in brackets ("...: more detail in the workplan (2,226 of 19,800); ..."); '' when its first does not
    ("Every count rests on codes checked ..." or "... quoted after Figure 1"). A count keeps the aside that says who checked it, so
    that a score on a card carries its review status: "Our summaries show job creation fully for 5 of
    the 6 (4 of these 5 automatic, not checked); the table after the chart quotes ..." leads as "Our
    summaries show job creation fully for 5 of the 6 (4 of these 5 automatic, not checked)."."""
    clauses = _clauses(_without_listed_counts(message).rstrip("."))
    if not clauses[0].strip() or not _stands_alone(clauses[0]):
        return ""
    kept = [clause for clause in clauses if _stands_alone(clause)]
    return "; ".join(kept) + "."


def lead_message(facts: dict, demonstration: bool = False) -> str:
    """The card's lead: the first key message (:func:`lead_of`) that says what was found rather than
    only what is absent (:data:`ABSENCE`), else the first that can lead at all; a demonstration's, the
    first resting on its invented data, which shows what the demonstration demonstrates."""
    leads = [lead for lead in (lead_of(message) for message in facts.get("summary") or []) if lead]
    preferred = (
        ([lead for lead in leads if INVENTED.search(lead)] if demonstration else [])
        + [lead for lead in leads if not ABSENCE.search(lead)]
        + leads
    )
    return preferred[0] if preferred else ""


def left_out_line(record: dict) -> str:
    """When a brief compares fewer records than were chosen for it (the workbook's ``compared_parameter``;
    each record compared is one of the brief's sources), how many it compares, in plain words, and that
    the brief says why; '' otherwise."""
    workbook = WORKBOOKS.get(_folder(record))
    named = (
        (record.get("parameters") or {}).get(workbook.compared_parameter)
        if workbook and workbook.compared_parameter
        else None
    )
    compared = len((record.get("facts") or {}).get("sources") or [])
    if workbook is None or not isinstance(named, list) or not named or not compared or compared >= len(named):
        return ""
    left = len(named) - compared
    return (
        f"Compares {compared} of the {len(named)} {workbook.compared_noun or workbook.compared_parameter} chosen; "
        f"the brief says why it leaves {'one' if left == 1 else left} out."
    )


PARAPHRASED = re.compile(r"\bparaphras", re.IGNORECASE)  # a source's note saying its stored copy's prose was rewritten


def paraphrase_line(record: dict) -> str:
    """When the brief's sources say (each in its note, as the brief lists them) that the project's stored
    copy rewrote their prose, that what the brief shows from them is a paraphrase, in the workbook's word for
    it (its ``quoted``): "Every comment in it is a paraphrase ..." when all are, "The activity texts from 4 of
    its 5 sources are paraphrases ..." when some are; '' when none is."""
    workbook = WORKBOOKS.get(_folder(record))
    sources = (record.get("facts") or {}).get("sources") or []
    rewritten = sum(bool(PARAPHRASED.search(str(source.get("note", "")))) for source in sources)
    if not workbook or not workbook.quoted or not rewritten:
        return ""
    why = "the project's stored copies of {which} rewrote their prose in other words, so no {noun} here is in its author's own words."
    if rewritten == len(sources):
        return f"Every {workbook.quoted} in it is a paraphrase: " + why.format(
            which="its pages" if rewritten > 1 else "its page", noun=workbook.quoted
        )
    return (
        f"The {plural(workbook.quoted)} from {rewritten} of its {len(sources)} sources are paraphrases: "
        f"the project's stored copies of those pages rewrote their prose in other words."
    )


def dates_line(facts: dict) -> list[str]:
    """The card's dates: the data's date as the brief gives it, without a clause on who checked the
    counts when the card shows the review status on its own line; and the day the brief was made."""
    data_date = str(facts.get("data_date") or "")
    if facts.get("review_status"):
        data_date = "; ".join(part for part in data_date.split("; ") if not ABOUT_CHECKING.search(part))
    return ([data_date] if data_date else []) + (
        [f"generated {_day(facts['generated'])}"] if facts.get("generated") else []
    )


def since_line(facts: dict) -> str:
    """What the brief says changed since its previous edition, in one line for its card (the brief's
    "Since the last edition" lists each change): "Changed since its last edition (6 December 2026): the brief
    opens with what changed.", "No change in its facts since its last edition (...)."; "" for a first edition,
    a brief run before briefs said so, or a previous edition that recorded no facts to compare."""
    since = facts.get("since") or {}
    if not since.get("compared"):
        return ""
    made = _day(since.get("previous_made", ""))
    last = f"its last edition ({made})" if made else "its last edition"
    if since.get("changed"):
        return f"Changed since {last}: the brief opens with what changed."
    return f"No change in its facts since {last}."


def _entry(record: dict, demonstration: bool = False, follow: bool = False) -> SimpleNamespace:
    """What the catalogue shows of one brief; a brief never made shows only its name. With ``follow`` (the
    history page is there), a made brief links its earlier editions there."""
    facts = record.get("facts") or {}
    links = [
        SimpleNamespace(href=quote(record[key]), text=text, file=record[key])
        for key, text in (("html", "Read (HTML)"), ("pdf", "PDF"), ("tables", "Tables (CSV, zip)"))
        if record.get(key)
    ]
    stale = "" if record.get("status") == OK else stale_line(record)
    dates = dates_line(facts)
    workbook = WORKBOOKS.get(_folder(record))
    return SimpleNamespace(
        title=facts.get("title") or record.get("brief", ""),
        illustrative=bool(facts.get("illustrative")),
        workbook=workbook.name if demonstration and workbook else "",
        demonstrates=workbook.demonstrates if demonstration and workbook else "",
        question=facts.get("question") or "",
        lead=lead_message(facts, demonstration),
        left_out=left_out_line(record),
        paraphrase=paraphrase_line(record),
        review_status=facts.get("review_status") or "",
        dates=dates,
        links=links,
        stale=stale,
        changed=bool((facts.get("since") or {}).get("changed")),
        since=since_line(facts),
        history=f"{HISTORY_PAGE}#{brief_anchor(str(record.get('brief', '')))}" if follow and links else "",
    )


def brief_anchor(brief: str) -> str:
    """The id of a brief's section on the history page (history.html#editions-NOTEBOOK-NAME)."""
    return "editions-" + brief.replace("/", "-")


def catalogue_entry(record: dict) -> str:
    """One brief as a reader sees it in the catalogue; a brief never made shows only its name."""
    return macro("entries.html.j2", "entry", TEMPLATES)(_entry(record, is_demonstration(record)))


def _build_row(record: dict) -> SimpleNamespace:
    """One brief in the build details: its parameters are those of its parameter file and the notebook's
    defaults, not those only the runner sets (:data:`.parameters.RUNNER_PARAMETERS`)."""
    parameters = {key: value for key, value in (record.get("parameters") or {}).items() if key not in RUNNER_PARAMETERS}
    return SimpleNamespace(
        brief=record.get("brief"),
        status=record.get("status", ""),
        ok=record.get("status") == OK,
        cached=bool(record.get("cached")),
        error_lines=_error_lines(record.get("error") or ""),
        failed_notebook=record.get("failed_notebook") or "",
        finished=shown_moment(record.get("finished", "")),
        seconds=record.get("seconds", ""),
        parameter_names=list(parameters),
        parameters=[f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in parameters.items()],
    )


def index_html(records: list[dict], follow: bool = False) -> str:
    """The catalogue: the real briefs by workbook (then any other folder's), the demonstrations after
    them in a section of their own, then the build details. With ``follow``, it links the history page
    (each brief its earlier editions there) and the feed."""
    real = [record for record in records if not is_demonstration(record)]
    sections = [
        SimpleNamespace(
            name=workbook.name,
            about=workbook.about,
            entries=[_entry(r, follow=follow) for r in real if _folder(r) == folder],
        )
        for folder, workbook in WORKBOOKS.items()
    ]
    sections.append(
        SimpleNamespace(
            name=OTHER_BRIEFS,
            about="",
            entries=[_entry(r, follow=follow) for r in real if _folder(r) not in WORKBOOK_NAMES],
        )
    )
    order = {folder: place for place, folder in enumerate(WORKBOOK_NAMES)}  # the demonstrations by workbook too
    shown = sorted(filter(is_demonstration, records), key=lambda r: order.get(_folder(r), len(order)))
    demonstrations = [_entry(record, demonstration=True, follow=follow) for record in shown]
    failed = sum(record.get("status") != OK for record in records)
    counts = SimpleNamespace(briefs=count_of(len(records), "brief"), ok=len(records) - failed, not_ok=failed)
    return render(
        "index.html.j2",
        TEMPLATES,
        sections=[s for s in sections if s.entries],
        demonstrations=demonstrations,
        timeline_demonstrations=any(_folder(record) == "timeline_progress" for record in shown),
        counts=counts,
        build_rows=[_build_row(record) for record in records],
        colours=COLOURS,
        follow=SimpleNamespace(history=HISTORY_PAGE, feed=FEED_FILE) if follow else None,
    )


def write_index(out_dir: Path, current: set[str] | None = None) -> Path:
    """The catalogue of every brief with a run record in ``out_dir``; with ``current`` (the briefs that still have
    a parameter file, and those just run), only those: a brief whose parameter file was deleted leaves the catalogue
    (its files stay where they are)."""
    path = Path(out_dir) / CATALOGUE_PAGE
    records = [record for record in load_run_records(out_dir) if current is None or record.get("brief") in current]
    atomic_write_text(path, index_html(records, follow=(Path(out_dir) / HISTORY_PAGE).is_file()))
    return path
