"""The history of runs: every ``workbooks run`` recorded, each brief's new edition kept, the last few of each.

``outputs/history/runs.jsonl`` holds one line (JSON) per run: its stamp, when it started and finished,
the fingerprint of what every brief shares (data/ and the library: :func:`.fingerprint.shared_fingerprint`)
and, for each brief the run chose, what became of its edition (:data:`.run_statuses.RUN_OUTCOMES`), its
status, why in one line, and its inputs' fingerprint (:func:`.fingerprint.input_fingerprint`).

Each new edition is kept as ``outputs/history/NOTEBOOK/NAME/STAMP/``: the brief's HTML as it was made
(``NAME.html``) and ``edition.json``, what the brief recorded of itself (its facts: title, question, key
messages, dates; :func:`.artefacts.brief_facts`), with its parameters, fingerprint and when it was made;
the comparison of two editions needs no old HTML. The last :data:`EDITIONS_KEPT` of each brief stay;
older ones are removed at the end of each run. ``outputs/history.html`` lists the runs and links the
editions kept (template ``publish/templates/catalogue/history.html.j2``).

Everything is written atomically: runs.jsonl is written whole and renamed into place (the outputs lock
keeps a second run out meanwhile), an edition's folder is made under a temporary name and renamed.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from ..common.files import atomic_write_bytes, atomic_write_text
from ..common.moments import STAMP_FORMAT, parse_moment, shown_moment, utc_iso
from ..common.wording import count_of
from ..presentation.markup import render
from ..presentation.tables_zip import links_to_tables_zip
from .brief_files import beside_the_page
from .brief_nav import brief_nav, with_nav
from .catalogue_page import COLOURS, HISTORY_PAGE, brief_anchor, first_problem, load_run_records, stale_note
from .run_statuses import INTERRUPTED, NEW_EDITION, NOT_MADE, OK, RUN_OUTCOMES, STOPPED, UNCHANGED

EDITIONS_KEPT = 10  # of each brief, in outputs/history/: the one place this number is set (an edition is ~0.5 MB)
RUNS_SHOWN = 100  # the newest runs the history page lists; runs.jsonl keeps every run
HISTORY_FOLDER = "history"
RUNS_FILE = "runs.jsonl"
EDITION_RECORD = "edition.json"
TEMPLATES = Path(__file__).parent / "templates" / "catalogue"


@dataclass(frozen=True)
class Edition:
    """One edition of a brief kept in the history: where its HTML is and what it recorded of itself."""

    brief: str  # NOTEBOOK/NAME
    stamp: str  # the run that made it
    made: datetime | None  # when its run finished the brief (UTC); None where neither its record nor its folder says
    html: str  # its HTML, relative to the outputs folder
    facts: dict
    parameters: dict
    fingerprint: str


def history_dir(out_dir: Path) -> Path:
    return Path(out_dir) / HISTORY_FOLDER


def next_stamp(now: datetime, last: str | None) -> str:
    """The stamp of a run finishing ``now``: its UTC time to the second, one second past the last run's
    when that is not earlier (two runs within a second, or a clock set back), so stamps only grow."""
    stamp = now.astimezone(timezone.utc).strftime(STAMP_FORMAT)
    previous = parse_moment(last) if last else None
    if previous and last and stamp <= last:
        stamp = (previous + timedelta(seconds=1)).strftime(STAMP_FORMAT)
    return stamp


def outcome_of(status: str, cached: bool) -> str:
    """What a run did to a brief's edition (:data:`.run_statuses.RUN_OUTCOMES`)."""
    if status == OK:
        return UNCHANGED if cached else NEW_EDITION
    return STOPPED if status == INTERRUPTED else NOT_MADE


def why_of(outcome: str, status: str, error: str, fingerprint: str, previous: Edition | None) -> str:
    """Why a brief came out of a run as it did, in one line."""
    if outcome == NEW_EDITION:
        if previous is None:
            return "its first edition kept in the history"
        if previous.fingerprint and previous.fingerprint == fingerprint:
            return "run again with the same inputs (--force)"
        return "its inputs changed since its last edition"
    if outcome == UNCHANGED:
        return "inputs as at its last good run: kept, not run again"
    return first_problem(error, status) or status


# Facts a brief records that differ from one run to the next whatever it says: when it was made, and what it says
# changed since its previous edition (which, for a run that says the same, is nothing)
FACTS_OF_THE_RUN = ("generated", "since")
SAYS_THE_SAME = "run again, it says what its last edition of {made} said: no new edition kept"


def says_the_same(facts: dict, previous: dict) -> bool:
    """Whether a brief's facts (what it recorded of itself: title, key messages, data date, tracked facts...)
    are those of its previous edition, apart from when each was made: a re-run that says the same makes no
    new edition (no copy kept, no feed entry, no alert), whatever file changed in data/."""

    def said(record: dict) -> dict:
        return {key: value for key, value in record.items() if key not in FACTS_OF_THE_RUN}

    return bool(facts) and said(facts) == said(previous or {})


def load_runs(out_dir: Path) -> tuple[list[dict], int]:
    """Every run recorded, oldest first, and how many lines of runs.jsonl could not be read."""
    path = history_dir(out_dir) / RUNS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], 0
    runs, unreadable = [], 0
    for line in filter(str.strip, lines):
        try:
            run = json.loads(line)
        except json.JSONDecodeError:
            unreadable += 1
            continue
        if isinstance(run, dict) and isinstance(run.get("stamp"), str) and isinstance(run.get("briefs"), list):
            runs.append(run)
        else:
            unreadable += 1
    return runs, unreadable


def _append_run(out_dir: Path, run: dict) -> None:
    """runs.jsonl with ``run`` as its last line, written whole and renamed into place."""
    path = history_dir(out_dir) / RUNS_FILE
    try:
        before = path.read_bytes()
    except FileNotFoundError:
        before = b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    atomic_write_bytes(path, before + (json.dumps(run, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))


def brief_history_dir(out_dir: Path, brief: str) -> Path:
    notebook, _, name = brief.partition("/")
    return history_dir(out_dir) / notebook / name


def _read_edition(folder: Path, brief: str, out_dir: Path) -> Edition | None:
    try:
        record = json.loads((folder / EDITION_RECORD).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    html = folder / str(record.get("html", ""))
    if not isinstance(record, dict) or not html.is_file():
        return None
    return Edition(
        brief=brief,
        stamp=folder.name,
        made=parse_moment(record.get("made", "")) or parse_moment(folder.name),
        html=html.relative_to(out_dir).as_posix(),
        facts=record.get("facts") or {},
        parameters=record.get("parameters") or {},
        fingerprint=str(record.get("fingerprint") or ""),
    )


def _stamp_folders(folder: Path) -> list[Path]:
    """A brief's edition folders, newest first (stamps sort as times); a half-made one (.NAME) is not one."""
    if not folder.is_dir():
        return []
    return sorted(
        (path for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")),
        key=lambda path: path.name,
        reverse=True,
    )


def editions_kept(out_dir: Path, brief: str) -> list[Edition]:
    """The editions of ``brief`` (NOTEBOOK/NAME) the history keeps, newest first."""
    out_dir = Path(out_dir)
    found = (_read_edition(folder, brief, out_dir) for folder in _stamp_folders(brief_history_dir(out_dir, brief)))
    return [edition for edition in found if edition]


def every_brief_kept(out_dir: Path) -> list[str]:
    """Every brief with an edition folder in the history, as NOTEBOOK/NAME, sorted."""
    history = history_dir(out_dir)
    if not history.is_dir():
        return []
    return sorted(
        f"{notebook.name}/{name.name}"
        for notebook in history.iterdir()
        if notebook.is_dir()
        for name in notebook.iterdir()
        if name.is_dir()
    )


def previous_edition(out_dir: Path, brief: str) -> Edition | None:
    """The newest edition of ``brief`` kept, or None (its first run, or history removed)."""
    kept = editions_kept(out_dir, brief)
    return kept[0] if kept else None


def previous_edition_record(out_dir: Path, brief: str) -> str:
    """The path of the newest kept edition's ``edition.json`` of ``brief``, which the runner gives the notebook
    (``previous_edition``) to say what changed since; "" when none is kept. A failed run makes no edition, so
    after one the comparison is with the last good edition, whose date the brief gives."""
    previous = previous_edition(out_dir, brief)
    return str(Path(out_dir) / Path(previous.html).parent / EDITION_RECORD) if previous else ""


def edition_page(html: str, brief: str, page: str, made: datetime) -> str:
    """A brief's page as kept in the history at ``page`` (its path in the outputs folder): as it was made, its
    links at the top made from where it is kept, saying that it is the edition of ``made`` and linking the
    brief's current edition (:func:`.export.brief_nav`)."""
    return with_nav(html, brief_nav(brief, page, shown_moment(made)))


def _keep_edition(out_dir: Path, result, stamp: str, made: datetime) -> None:
    """The brief's HTML, as this run made it (a copy: whatever later happens to outputs/NOTEBOOK/NAME.html,
    the edition keeps its words; only its links at the top are made from where it is kept, :func:`edition_page`),
    and what it recorded of itself, in history/NOTEBOOK/NAME/STAMP/."""
    folder = brief_history_dir(out_dir, result.brief) / stamp
    making = folder.with_name(f".{stamp}.making")
    shutil.rmtree(making, ignore_errors=True)
    making.mkdir(parents=True)
    html = Path(out_dir) / result.html
    page = html.read_text(encoding="utf-8")
    atomic_write_text(
        making / html.name,
        edition_page(page, result.brief, (folder / html.name).relative_to(out_dir).as_posix(), made),
    )
    tables = html.with_name(beside_the_page(result.brief, "tables"))
    if links_to_tables_zip(page) and tables.is_file():  # the page's link to its tables resolves in the edition too
        shutil.copyfile(tables, making / tables.name)
    record = {
        "brief": result.brief,
        "stamp": stamp,
        "made": utc_iso(made),
        "html": html.name,
        "fingerprint": result.fingerprint,
        "parameters": result.parameters,
        "facts": result.facts,
    }
    atomic_write_text(making / EDITION_RECORD, json.dumps(record, ensure_ascii=False, indent=2, default=str))
    os.replace(making, folder)


def prune_editions(out_dir: Path, keep: int = EDITIONS_KEPT) -> list[Path]:
    """Remove all but the newest ``keep`` editions of every brief (and any edition left half made);
    the folders removed."""
    removed = []
    for brief in every_brief_kept(out_dir):
        folder = brief_history_dir(out_dir, brief)
        half_made = [path for path in folder.iterdir() if path.is_dir() and path.name.endswith(".making")]
        for old in _stamp_folders(folder)[keep:] + half_made:
            shutil.rmtree(old)
            removed.append(old)
    return removed


def record_run(out_dir: Path, results: list, started: datetime, shared: str, now: datetime | None = None) -> dict:
    """Record a run in history/runs.jsonl, keep each brief's new edition, prune the oldest; the run recorded.
    ``results`` are the runner's RunResults; ``shared`` the run's shared fingerprint."""
    out_dir = Path(out_dir)
    finished = now or datetime.now(timezone.utc)
    runs, _ = load_runs(out_dir)
    stamp = next_stamp(finished, max((run["stamp"] for run in runs), default=None))
    briefs = []
    for result in sorted(results, key=lambda result: result.brief):
        if result.brief.startswith("("):  # not a brief: the catalogue's own failure
            continue
        outcome = outcome_of(result.status, result.cached)
        previous = previous_edition(out_dir, result.brief) if outcome == NEW_EDITION else None
        why = why_of(outcome, result.status, result.error, result.fingerprint, previous)
        if outcome == NEW_EDITION and previous is not None and says_the_same(result.facts or {}, previous.facts):
            outcome, why = UNCHANGED, SAYS_THE_SAME.format(made=f"{previous.made:%-d %B %Y}" if previous.made else "")
        entry = {
            "brief": result.brief,
            "outcome": outcome,
            "status": result.status,
            "why": why,
            "fingerprint": result.fingerprint,
            "title": (result.facts or {}).get("title", ""),
            "illustrative": bool((result.facts or {}).get("illustrative")),
            "edition": "",
        }
        if outcome == NEW_EDITION and result.html and (out_dir / result.html).is_file():
            _keep_edition(out_dir, result, stamp, parse_moment(result.finished) or finished)
            entry["edition"] = stamp
        briefs.append(entry)
    run = {
        "stamp": stamp,
        "started": utc_iso(started),
        "finished": utc_iso(finished),
        "shared_fingerprint": shared,
        "briefs": briefs,
    }
    _append_run(out_dir, run)
    prune_editions(out_dir, EDITIONS_KEPT)  # read here, when the run ends: the one setting
    return run


def outcome_counts(run: dict) -> str:
    """'1 new edition, 7 unchanged, 1 failed': the outcomes a run had, in the order declared."""
    return counts_of([brief.get("outcome", "") for brief in run.get("briefs", [])])


def counts_of(outcomes: list[str]) -> str:
    """'1 new edition, 7 unchanged, 1 bad data': how many of each outcome (or status), the outcomes of
    :data:`.run_statuses.RUN_OUTCOMES` first, in the order declared, then any other in the order met."""
    order = list(RUN_OUTCOMES) + [outcome for outcome in dict.fromkeys(outcomes) if outcome not in RUN_OUTCOMES]
    counts = {outcome: outcomes.count(outcome) for outcome in order}
    return (
        ", ".join(
            count_of(count, outcome) if outcome == NEW_EDITION else f"{count} {outcome}"
            for outcome, count in counts.items()
            if count
        )
        or "no brief"
    )


def _run_row(brief: dict, out_dir: Path, stamp: str) -> SimpleNamespace:
    edition = brief_history_dir(out_dir, brief["brief"]) / stamp if brief.get("edition") else None
    kept = next(edition.glob("*.html"), None) if edition and edition.is_dir() else None
    return SimpleNamespace(
        brief=brief["brief"],
        title=brief.get("title") or "",
        outcome=brief.get("outcome", ""),
        ok=brief.get("outcome") in (NEW_EDITION, UNCHANGED),
        why=brief.get("why", ""),
        fingerprint=str(brief.get("fingerprint") or "")[:12],
        edition_href=quote(kept.relative_to(out_dir).as_posix()) if kept else "",
        edition_removed=bool(edition) and kept is None,
    )


def history_html(out_dir: Path, runs_shown: int = RUNS_SHOWN) -> str:
    """The history page: each brief's editions kept (newest first, a stale one said so), then the runs, newest first."""
    out_dir = Path(out_dir)
    runs, unreadable = load_runs(out_dir)
    last_run = {record.get("brief"): record for record in load_run_records(out_dir)}
    briefs = []
    for brief in every_brief_kept(out_dir):
        kept = editions_kept(out_dir, brief)
        if not kept:
            continue
        briefs.append(
            SimpleNamespace(
                id=brief,
                anchor=brief_anchor(brief),
                title=kept[0].facts.get("title") or brief,
                stale=stale_note(last_run.get(brief, {})),
                illustrative=bool(kept[0].facts.get("illustrative")),
                editions=[
                    SimpleNamespace(href=quote(edition.html), made=shown_moment(edition.made), stamp=edition.stamp)
                    for edition in kept
                ],
            )
        )
    shown = [
        SimpleNamespace(
            stamp=run["stamp"],
            finished=shown_moment(run.get("finished", "")),
            counts=outcome_counts(run),
            shared=str(run.get("shared_fingerprint") or "")[:12],
            rows=[_run_row(brief, out_dir, run["stamp"]) for brief in run["briefs"]],
        )
        for run in reversed(runs[-runs_shown:])
    ]
    return render(
        "history.html.j2",
        TEMPLATES,
        briefs=briefs,
        runs=shown,
        total_runs=count_of(len(runs), "run"),
        older=max(0, len(runs) - runs_shown),
        unreadable=unreadable,
        editions_kept=EDITIONS_KEPT,
        runs_file=f"{HISTORY_FOLDER}/{RUNS_FILE}",
        colours=COLOURS,
    )


def write_history_page(out_dir: Path) -> Path:
    path = Path(out_dir) / HISTORY_PAGE
    atomic_write_text(path, history_html(out_dir))
    return path
