"""The ``workbooks`` command: ingest pages and practice records, code comments, score practices, run briefs, check data."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .common.paths import project_root
from .errors import UsageError, WorkbooksError
from .publish.limits import DEFAULT_CELL_TIMEOUT_SECONDS, DEFAULT_WAIT_SECONDS

if TYPE_CHECKING:
    from .tables.datasets import Build

# Every other import is inside the handler that needs it: `workbooks --help` and a usage error load
# only argparse and this package's paths and errors, not pandas, pandera or nbformat.


def _build(args: argparse.Namespace, root: Path, read) -> Build:
    """How this command builds its table, for the sidecar: the command line (run from the project
    root, or with a `cd` to where it ran), the files read and when."""
    import shlex
    from datetime import datetime, timezone

    from .tables.datasets import Build, recorded_path

    line = shlex.join(["workbooks", *args.argv])
    here = Path.cwd().resolve()
    command = line if here == root.resolve() else f"cd {shlex.quote(str(here))} && {line}"
    return Build(
        command=command,
        read=tuple(recorded_path(path, root) for path in read),
        when=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _registered_pages(sources, pages, root: Path):
    import pandas as pd

    from .tables.sources import source_for_file

    return pd.DataFrame([source_for_file(sources, page, root) for page in pages])


def _ingest_workstream(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .ingest.sidecars import page_table_sidecar
    from .ingest.workstream import build_activities
    from .tables.layouts import ACTIVITIES
    from .tables.sources import load_sources
    from .tables.validate import write_table

    root = project_root()
    sources = load_sources(args.sources)
    pages = args.pages or [root / name for name in sources.loc[sources["kind"] == "workstream", "file"]]
    frame = build_activities(pages, sources, root=root, warn=lambda message: print(message, file=sys.stderr))
    sidecar = page_table_sidecar(
        args.out, "activities", frame, _registered_pages(sources, pages, root), _build(args, root, pages)
    )  # checked before the table is written
    written = write_table(frame, ACTIVITIES, args.out)
    flagged = (written["flags"] != "").sum()
    print(
        f"wrote {count_of(len(written), 'activity', 'activities')} from {count_of(len(pages), 'page')} to {args.out} "
        f"({flagged} flagged)"
    )
    print(sidecar.write())
    return 0


def _ingest_discussion(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .consultation.stakeholders import load_registry
    from .ingest.discussion import build_discussions, questions_file_for
    from .ingest.sidecars import page_table_sidecar
    from .tables.layouts import COMMENTS, QUESTIONS
    from .tables.sources import load_sources
    from .tables.validate import validate_text_table, write_table

    root = project_root()
    sources = load_sources(args.sources)
    registry = load_registry(args.organisations)
    pages = args.pages or [root / name for name in sources.loc[sources["kind"] == "discussion", "file"]]
    comments, questions = build_discussions(pages, sources, root=root, known_organisations=registry.known_names)
    questions_out = Path(args.questions_out) if args.questions_out else questions_file_for(args.out)
    validate_text_table(questions, QUESTIONS, questions_out)  # both checked before either is written
    validate_text_table(comments, COMMENTS, args.out)
    registered, build = _registered_pages(sources, pages, root), _build(args, root, pages)
    sidecars = [
        page_table_sidecar(args.out, "comments", comments, registered, build),
        page_table_sidecar(questions_out, "questions", questions, registered, build),
    ]
    comments = write_table(comments, COMMENTS, args.out)
    questions = write_table(questions, QUESTIONS, questions_out)
    for source_id in registered["source_id"]:
        print(
            f"  {source_id}: {count_of(int((comments['source'] == source_id).sum()), 'comment')}, "
            f"{count_of(int((questions['source'] == source_id).sum()), 'question')}"
        )
    truncated = int(comments["truncated"].sum())
    print(
        f"wrote {count_of(len(comments), 'comment')} ({truncated} cut off by the page) to {args.out} "
        f"and {count_of(len(questions), 'question')} to {questions_out}, from {count_of(len(pages), 'page')}"
    )
    for sidecar in sidecars:
        print(sidecar.write())
    return 0


def _ingest_practices(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .good_practice.checklist import load_checklist
    from .good_practice.practice_records import build_practices, field_counts
    from .ingest.sidecars import practices_sidecar
    from .tables.datasets import recorded_path
    from .tables.layouts import PRACTICES
    from .tables.validate import write_table

    root = project_root()
    checklist = load_checklist(args.checklist)
    frame = build_practices(args.records, checklist)
    build = _build(args, root, [args.records, checklist.path])
    sidecar = practices_sidecar(
        args.out, frame, recorded_path(args.records, root), recorded_path(checklist.path, root), build
    )
    frame = write_table(frame, PRACTICES, args.out)
    counts = field_counts(frame)
    print(
        f"wrote {count_of(len(frame), 'practice record')} to {args.out}; filled: "
        + ", ".join(f"{row.column} {row.filled}" for row in counts.itertuples() if row.column != "practice_id")
    )
    groups = frame["target_group"].value_counts()
    print("target_group: " + ", ".join(f"{group} {count}" for group, count in groups.items()))
    print(sidecar.write())
    return 0


def _add_page(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .consultation.stakeholders import load_registry
    from .ingest.register import NewPage, add_page

    known = load_registry(args.organisations).known_names if args.kind == "discussion" else ()
    page = NewPage(
        Path(args.file),
        kind=args.kind,
        title=args.title,
        retrieved=args.retrieved,
        url=args.url or "",
        copy=args.copy,
        note=args.note,
        source_id=args.source_id or "",
        another_copy=args.another_copy,
    )
    added = add_page(page, project_root(), known, warn=lambda message: print(message, file=sys.stderr))
    where = f"copied to {added.row['file']}" if added.copied else f"registered in place ({added.row['file']})"
    print(f"added {added.row['source_id']} ({added.row['kind']}, {where}) to data/sources.csv")
    for name, count in added.rows_from_page().items():
        total = len(next(table for path, _, table in added.tables if path.name == name))
        print(f"  data/{name}: {count_of(total, 'row')}, {count} from the new page")
    return 0


def _score(args: argparse.Namespace) -> int:
    from .common.files import atomic_write_csv
    from .common.wording import count_of
    from .errors import ParameterError
    from .good_practice.inputs import load_scored_practices
    from .good_practice.scoring import REVIEWED
    from .tables.review_status import review_words

    try:
        scored = load_scored_practices(args.practices, args.assessments, project_root(), args.checklist)
    except ParameterError as error:  # the reviews file is the loader's assessments_file: say it as this option
        if error.key != "assessments_file":
            raise
        print(f"error: --assessments: {error.reason}", file=sys.stderr)
        return 1
    atomic_write_csv(scored.scores, args.out)
    checked = scored.scores[scored.scores["method"] == REVIEWED]
    status = review_words(checked["reviewer"]) if "reviewer" in checked.columns else "checked"
    print(
        f"wrote {count_of(len(scored.scores), 'score')} ({count_of(len(scored.practices), 'practice')} x "
        f"{count_of(len(scored.checklist.items), 'item')}; {len(checked)} {status}) to {args.out}"
    )
    return 0


def _code(args: argparse.Namespace) -> int:
    from .common.files import atomic_write_csv
    from .common.wording import count_of, join_names
    from .consultation.coding import code_comments_file

    frame = code_comments_file(args.comments, args.codebook)
    atomic_write_csv(frame, args.out)
    coded = int((frame[["gcm_objectives", "principles", "themes"]] != "").any(axis=1).sum())
    sources = list(dict.fromkeys(frame["source"]))
    named = sources[:3] + ([f"{len(sources) - 3} more"] if len(sources) > 3 else [])
    print(
        f"wrote {count_of(len(frame), 'comment')} of {args.comments} (from {join_names(named)}) to {args.out} "
        f"({coded} with at least one code)"
    )
    return 0


class LoadersWhenNeeded(Mapping):
    """:data:`workbooks.loaders.LOADERS`, imported when the runner first asks for a loader (a brief to check before
    its kernel): a run whose briefs are all unchanged imports no workbook, nor pandas, pandera or matplotlib with
    them: the 9 shipped briefs, all unchanged, took 1.46 s before and 0.40 s after."""

    @staticmethod
    def _loaders() -> Mapping[str, Callable]:
        from .loaders import LOADERS

        return LOADERS

    def __getitem__(self, notebook: str) -> Callable:
        return self._loaders()[notebook]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaders())

    def __len__(self) -> int:
        return len(self._loaders())


def _run(args: argparse.Namespace) -> int:
    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (the Dask cluster's scheduler)")  # exits 2
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    from .publish.runner import run_briefs

    return run_briefs(
        loaders=LoadersWhenNeeded(),
        briefs=args.briefs,
        jobs=args.jobs,
        params_file=args.params,
        out_dir=args.out,
        root=project_root(),
        force=args.force,
        timeout=args.timeout,
        wait=args.wait,
        executor=args.executor,
        scheduler=args.scheduler,
        alerts=args.alerts,
    )


def _schedule(args: argparse.Namespace) -> int:
    from .publish.schedule import Schedule, install_cron, install_systemd, parse_time

    hour, minute = parse_time(args.at)
    schedule = Schedule(project_root().resolve(), hour, minute, args.jobs)
    if args.install:
        print(install_systemd(schedule, Path.home()) if args.systemd else install_cron(schedule))
        return 0
    if args.systemd:
        print(
            f"# ~/.config/systemd/user/{schedule.name}.service\n{schedule.service_unit()}\n"
            f"# ~/.config/systemd/user/{schedule.name}.timer\n{schedule.timer_unit()}\n"
            f"# then: systemctl --user daemon-reload && systemctl --user enable --now {schedule.name}.timer "
            "(or: workbooks schedule --systemd --install)"
        )
    else:
        print(f"# crontab -e, and add (or: workbooks schedule --install); local time, log in {schedule.log}")
        print("\n".join(schedule.cron_block()))
    return 0


def _check_data(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .tables.datasets import check_all_datasets

    root = project_root()

    def said(path: Path, rows: int | None) -> None:  # each table, as it is read
        where = path.relative_to(root) if path.is_relative_to(root) else path
        print(f"  {where}: " + (f"{count_of(rows, 'row')} read" if rows is not None else "could not be read (below)"))

    print(f"checking every table in {root / 'data'} (its sidecar, layout and references):")
    problems = check_all_datasets(root, on_table=said)  # every table, and every reference its layout declares
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("all data tables valid: their layouts, sidecars and the references between them")
        return 0
    import re

    files = {match.group(1) for problem in problems if (match := re.match(r"(.+?\.(?:csv|ya?ml))\b", problem))}
    print(
        f"{count_of(len(files), 'file')} with problems (above)"
        if files
        else f"{count_of(len(problems), 'problem')} (above)"
    )
    return 1


def _synth(args: argparse.Namespace) -> int:
    import time

    if not (args.comments or args.activities or args.practices):
        raise UsageError("give at least one of --comments N, --activities N, --practices N")
    from .synth.generate import generate

    started = time.perf_counter()
    written = generate(
        args.out,
        args.seed,
        comments=args.comments,
        activities=args.activities,
        practices=args.practices,
        root=project_root(),
    )
    print(written.summary(Path(args.out), time.perf_counter() - started))
    return 0


def _present(args: argparse.Namespace) -> int:
    import time

    from .presenter.listening import already_running, starting_line

    started = time.monotonic()
    if args.check:
        return _check_prepared_views()
    if already_running(args.port):  # answered before Voila loads: within a second
        return 0
    print(starting_line(args.port), flush=True)  # at once: loading Voila takes seconds
    from .presenter.server import serve

    return serve(project_root(), port=args.port, pool=not args.no_pool, started=started, announced=True)


def _check_prepared_views() -> int:
    """Every prepared view opened with the data, as its page will open it: 0 when all open as prepared."""
    from .common.wording import count_of
    from .presenter.views import VIEWS_FILE
    from .rehearsal import rehearse
    from .workbook_specs import WORKBOOKS

    root = project_root()
    rehearsed = rehearse(root / VIEWS_FILE, root)
    print(f"Prepared views in {VIEWS_FILE}, each opened with the data as its page opens it:")
    for each in rehearsed:
        view = each.view
        workbook = f" ({WORKBOOKS[view.workbook].name})" if view.workbook else ""
        print(f"  {'ok ' if each.opens_as_prepared else 'FIX'}  line {view.line}: {view.title}{workbook}")
        for problem in each.problems:
            print(f"         {problem}")
    broken = [each for each in rehearsed if not each.opens_as_prepared]
    if not rehearsed:
        print("  none yet: add views to the file (its first lines say how)")
    elif broken:
        print(
            f"{len(rehearsed) - len(broken)} of {count_of(len(rehearsed), 'view')} open as prepared; fix the "
            f"{'one' if len(broken) == 1 else len(broken)} marked FIX in {VIEWS_FILE}."
        )
    else:
        print(f"All {count_of(len(rehearsed), 'view')} open as prepared.")
    return 1 if broken else 0


def _lab(args: argparse.Namespace) -> int:
    from .lab import run_lab

    return run_lab(project_root(), port=args.port, ip=args.ip, open_browser=args.open)


PROJECT_COMMENTS, PROJECT_QUESTIONS, PROJECT_REVIEWS = (
    "data/comments.csv",
    "data/questions.csv",
    "data/code_reviews.csv",
)


def _is_project_comments(comments: str, root: Path) -> bool:
    from .common.paths import resolve

    return resolve(comments, root).resolve() == (root / PROJECT_COMMENTS).resolve()


def _questions_for(args: argparse.Namespace, root: Path) -> str:
    """--questions, else the questions beside another --comments NAME.csv (NAME.questions.csv, where
    `workbooks ingest discussion` writes them) where there are some, else the project's."""
    from .common.paths import resolve
    from .ingest.discussion import questions_file_for

    if args.questions is not None:
        return args.questions
    beside = questions_file_for(args.comments)
    own = _is_project_comments(args.comments, root)
    return str(beside) if not own and resolve(beside, root).exists() else PROJECT_QUESTIONS


def _reviews_for_export(args: argparse.Namespace, root: Path) -> tuple[str, str]:
    """The reviews file export-qda applies, and a line saying so. The project's reviews are reviews of
    the project's comments: with another comments file they are taken only when --reviews names them."""
    if args.reviews:
        return args.reviews, f"reviews applied from {args.reviews}"
    if args.reviews == "":
        return "", "no reviews applied (--reviews '')"
    if _is_project_comments(args.comments, root):
        return PROJECT_REVIEWS, f"reviews applied from {PROJECT_REVIEWS}"
    return "", (
        f"no reviews applied: {args.comments} is not the project's {PROJECT_COMMENTS}, so the project's "
        f"reviews ({PROJECT_REVIEWS}) are not taken; give --reviews FILE to apply reviews of these comments"
    )


def _export_qda(args: argparse.Namespace) -> int:
    from .common.wording import count_of
    from .consultation.qda import export_qda
    from .errors import ParameterError

    root = project_root()
    questions = _questions_for(args, root)
    reviews, reviews_said = _reviews_for_export(args, root)
    try:
        project, project_file, codebook_file = export_qda(
            args.out,
            args.codebook_out,
            comments_file=args.comments,
            questions_file=questions,
            reviews_file=reviews,
            discussions=args.discussion or (),
            root=root,
        )
    except ParameterError as error:
        if error.key != "discussions":
            raise
        raise UsageError(f"--discussion: {error.reason}") from None
    passages = sum(len(source.selections) for source in project.sources)
    codes = sum(1 for code in project.every_code() if code.codable)
    print(f"comments from {args.comments}, questions from {questions}; {reviews_said}")
    print(
        f"wrote {project_file}: {count_of(len(project.sources), 'comment')}, {count_of(passages, 'coded passage')}, "
        f"{count_of(codes, 'code')} (REFI-QDA project: open it in NVivo, ATLAS.ti, MAXQDA or QualCoder)"
    )
    print(f"wrote {codebook_file}: the codebook alone (REFI-QDA codebook)")
    return 0


def _import_qda(args: argparse.Namespace) -> int:
    from datetime import date

    from .common.wording import count_of, verb_for
    from .consultation.qda import import_qda

    if not args.reviewer.strip():
        raise UsageError("--reviewer must name who changed the codes")
    root = project_root()
    args.questions = _questions_for(args, root)
    if args.reviews is None:
        if not _is_project_comments(args.comments, root):
            raise UsageError(
                f"--comments {args.comments} is not the project's {PROJECT_COMMENTS}: give --reviews "
                "FILE, the reviews table of these comments to update (the project's "
                f"{PROJECT_REVIEWS} holds reviews of the project's comments)"
            )
        args.reviews = PROJECT_REVIEWS
    result, unmatched_file = import_qda(
        args.project,
        args.reviewer.strip(),
        args.date or date.today().isoformat(),
        comments_file=args.comments,
        questions_file=args.questions,
        reviews_file=args.reviews,
        unmatched_out=args.unmatched_out,
        dry_run=args.dry_run,
        root=root,
    )
    print(
        f"compared {count_of(result.comments_compared, 'comment')} of {args.project} with {args.comments}"
        + (
            f" ({count_of(result.comments_not_in_project, 'comment')} not in the project: left as "
            f"{verb_for(result.comments_not_in_project, 'it was', 'they were')})"
            if result.comments_not_in_project
            else ""
        )
    )
    for change in result.changes:
        print(f"  {change.said}")
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{verb} {count_of(len(result.changes), 'review')} in {args.reviews}"
        if result.changes
        else "no code changed: the reviews file is left as it was"
    )
    if result.unmatched:
        where = f"kept in {unmatched_file}" if unmatched_file else "not written (--dry-run)"
        print(f"{count_of(len(result.unmatched), 'coding')} this data cannot take, {where}:", file=sys.stderr)
        for row in result.unmatched[:20]:
            print(f"  {row.source_name}: {row.code_name!r}: {row.why}", file=sys.stderr)
        if len(result.unmatched) > 20:
            print(f"  ... and {len(result.unmatched) - 20} more", file=sys.stderr)
    return 0


def _iso_day(text: str) -> str:
    """An argparse type: a day written YYYY-MM-DD, else a usage error."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, got {text!r}") from None


def _dictionary(args: argparse.Namespace) -> int:
    from .common.files import atomic_write_text
    from .tables.dictionary import data_dictionary_markdown

    out = Path(args.out)
    atomic_write_text(out, data_dictionary_markdown())
    print(f"wrote {out}")
    return 0


def _datapackage(args: argparse.Namespace) -> int:
    from .tables.datapackage import datapackage_problem, write_datapackage

    if args.check:
        problem = datapackage_problem(args.out, project_root())
        print(problem or f"{args.out} is up to date", file=sys.stderr if problem else sys.stdout)
        return 1 if problem else 0
    print(f"wrote {write_datapackage(args.out, project_root())}")
    return 0


def _at_least_one(unit: str = ""):
    """An argparse type: a whole number of at least 1 (of ``unit``), else a usage error saying so."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a whole number{' of ' + unit + 's' if unit else ''}, got {text!r}"
            ) from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"expected at least 1{' ' + unit if unit else ''}, got {number}")
        return number

    return parse


def _port(text: str) -> int:
    """An argparse type: a TCP port, 1 to 65535, else a usage error saying so."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number (1 to 65535), got {text!r}") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {number}")
    return number


def _examples(*lines: str) -> dict:
    """A subcommand's epilog: "examples:" and one to three command lines, printed as written."""
    return {
        "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }


class _Version(argparse.Action):
    """--version: the installed package's version, read from its metadata only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("integration-workbooks")
        except PackageNotFoundError:
            installed = "unknown (the package is not installed: run `make setup`)"
        print(f"{parser.prog} {installed}")
        parser.exit()


def _parser_for_ingest(commands) -> argparse.ArgumentParser:
    ingest = commands.add_parser(
        "ingest",
        help="turn stored Hub page text into tidy CSV",
        **_examples(
            "workbooks ingest workstream --out data/activities.csv",
            "workbooks ingest discussion --out data/comments.csv",
            "workbooks ingest practices --out data/practices.csv",
        ),
    )
    kinds = ingest.add_subparsers(dest="kind", required=True)
    workstream = kinds.add_parser(
        "workstream",
        help="workstream pages to one row per activity",
        **_examples(
            "workbooks ingest workstream --out data/activities.csv",
            "workbooks ingest workstream data/raw/pages/000_1a0fd3d6edc5478c.txt --out /tmp/activities.csv",
        ),
    )
    workstream.add_argument(
        "pages",
        nargs="*",
        help="page text files, each registered in data/sources.csv "
        "(default: every page registered there as a workstream page)",
    )
    workstream.add_argument(
        "--out",
        default="data/activities.csv",
        help="the activities table to write (default: data/activities.csv), with its sidecar "
        "NAME.meta.yaml beside it (pages read, when, this command) unless a person's is there",
    )
    workstream.add_argument("--sources", default=None, help="sources registry (default: data/sources.csv)")
    workstream.set_defaults(handler=_ingest_workstream)

    discussion = kinds.add_parser(
        "discussion",
        help="discussion pages to one row per comment (and per question)",
        **_examples(
            "workbooks ingest discussion --out data/comments.csv",
            "workbooks ingest discussion data/raw/pages/002_b7a1eff67a549924.txt --out mine.csv",
        ),
    )
    discussion.add_argument(
        "pages",
        nargs="*",
        help="page text files, each registered in data/sources.csv "
        "(default: every page registered there as a discussion page)",
    )
    discussion.add_argument(
        "--out",
        default="data/comments.csv",
        help="the comments table to write (default: data/comments.csv), with its sidecar "
        "NAME.meta.yaml beside it (pages read, when, this command) unless a person's is there",
    )
    discussion.add_argument(
        "--questions-out",
        default=None,
        help="where the questions go, with their sidecar (default: beside --out, NAME.questions.csv; "
        "questions.csv beside a comments.csv)",
    )
    discussion.add_argument("--sources", default=None, help="sources registry (default: data/sources.csv)")
    discussion.add_argument(
        "--organisations", default=None, help="organisations registry (default: data/organisations.csv)"
    )
    discussion.set_defaults(handler=_ingest_discussion)

    practices = kinds.add_parser(
        "practices",
        help="good-practice records to data/practices.csv (adds target_group)",
        **_examples("workbooks ingest practices --out data/practices.csv"),
    )
    practices.add_argument(
        "records",
        nargs="?",
        default="data/raw/practices/practice-records.csv",
        help="the raw records (default: data/raw/practices/practice-records.csv)",
    )
    practices.add_argument(
        "--out",
        default="data/practices.csv",
        help="the practices table to write (default: data/practices.csv), with its sidecar "
        "NAME.meta.yaml beside it (records read, when, this command) unless a person's is there",
    )
    practices.add_argument("--checklist", default=None, help="checklist (default: data/checklist.yaml)")
    practices.set_defaults(handler=_ingest_practices)
    return ingest


def _parser_for_add(commands) -> argparse.ArgumentParser:
    add = commands.add_parser(
        "add",
        help="add something the project has never seen",
        **_examples("workbooks add page page.txt --kind discussion --title 'Draft workplan' --retrieved 2024-06-30"),
    )
    things = add.add_subparsers(dest="thing", required=True)
    add_page = things.add_parser(
        "page",
        help="register a stored Hub page in data/sources.csv and ingest it with the pages of its kind "
        "(nothing is written if the page cannot be read)",
        **_examples(
            "workbooks add page page.txt --kind discussion --title 'Draft workplan' --retrieved 2024-06-30",
            "workbooks add page page.txt --kind workstream --title 'Skills' --retrieved 2024-06-30 --copy full",
        ),
    )
    add_page.add_argument("file", help="the stored page text (copied into data/raw/pages/ unless it is inside data/)")
    add_page.add_argument(
        "--kind",
        required=True,
        choices=("workstream", "discussion"),
        help="the kind of page: a workstream's activities or a discussion's comments",
    )
    add_page.add_argument(
        "--title", required=True, help="the page's title; for a workstream page, the workstream's name"
    )
    add_page.add_argument("--retrieved", required=True, help="the day the page was retrieved, YYYY-MM-DD")
    add_page.add_argument(
        "--url", default=None, help="the page's http or https address (default: the file's 'source:' line)"
    )
    add_page.add_argument(
        "--copy",
        default="partial",
        choices=("full", "partial"),
        help="whether the stored copy holds the whole page (default: partial)",
    )
    add_page.add_argument("--note", default="", help="how the copy was made, what it lacks")
    add_page.add_argument("--source-id", default=None, help="the page's id in every table (default: from the URL)")
    add_page.add_argument(
        "--another-copy",
        action="store_true",
        help="the URL is registered already and this file is another stored copy of that page",
    )
    add_page.add_argument(
        "--organisations", default=None, help="organisations registry (default: data/organisations.csv)"
    )
    add_page.set_defaults(handler=_add_page)
    return add


def _parser_for_score(commands) -> argparse.ArgumentParser:
    score = commands.add_parser(
        "score",
        help="score every practice on the checklist: automatic, replaced by reviews",
        **_examples(
            "workbooks score --out outputs/practice_scores.csv",
            "workbooks score --assessments '' --out /tmp/automatic_scores.csv",
        ),
    )
    score.add_argument(
        "--practices", default="data/practices.csv", help="practices table (or one on the survey template)"
    )
    score.add_argument(
        "--assessments",
        default=None,
        help="checked scores, '' for none (default: data/assessments.csv with data/practices.csv, "
        "none with a practices file of your own)",
    )
    score.add_argument("--checklist", default=None, help="checklist (default: data/checklist.yaml)")
    score.add_argument("--out", required=True, help="the scores table to write (one row per practice and item)")
    score.set_defaults(handler=_score)
    return score


def _parser_for_code(commands) -> argparse.ArgumentParser:
    code = commands.add_parser(
        "code",
        help="code comments with the codebook: GCM objectives, principles, themes, priorities",
        **_examples("workbooks code data/comments.csv --out outputs/comments.coded.csv"),
    )
    code.add_argument("comments", help="a comments table (data/comments.csv or one on the template)")
    code.add_argument("--out", required=True, help="the coded table to write (every input column kept)")
    code.add_argument("--codebook", default=None, help="codebook (default: data/codebook.yaml)")
    code.set_defaults(handler=_code)
    return code


def _parser_for_export_qda(commands) -> argparse.ArgumentParser:
    export_qda = commands.add_parser(
        "export-qda",
        help="the coded comments as a REFI-QDA project (.qdpx) and the codebook as a REFI-QDA codebook (.qdc)",
        description="Write the comments with their codes (reviews applied) for NVivo, ATLAS.ti, MAXQDA or QualCoder: "
        "one text source per comment, its details as variables, each code at the words that matched "
        "(the whole comment where a review added it); automatic and reviewed codings by different users.",
        **_examples(
            "workbooks export-qda --out outputs/consultation.qdpx",
            "workbooks export-qda --discussion seed-002-draft-network-workplan --out outputs/workplan.qdpx",
            "workbooks export-qda --comments mine.csv --out outputs/mine.qdpx",
        ),
    )
    export_qda.add_argument("--out", required=True, help="the project to write, e.g. outputs/consultation.qdpx")
    export_qda.add_argument(
        "--codebook-out", default=None, help="the codebook to write (default: beside --out, as NAME.qdc)"
    )
    export_qda.add_argument("--comments", default=PROJECT_COMMENTS, help="comments table (default: data/comments.csv)")
    export_qda.add_argument(
        "--questions",
        default=None,
        help="questions table (default: data/questions.csv; with another --comments NAME.csv, "
        "NAME.questions.csv beside it where there is one)",
    )
    export_qda.add_argument(
        "--reviews",
        default=None,
        help="checked codes to apply ('' for none; default: data/code_reviews.csv with the "
        "project's comments, none with another --comments file: the project's reviews are "
        "of the project's comments)",
    )
    export_qda.add_argument(
        "--discussion",
        action="append",
        metavar="ID",
        help="only this discussion (its id in the comments file); repeat for more (default: all)",
    )
    export_qda.set_defaults(handler=_export_qda)
    return export_qda


def _parser_for_import_qda(commands) -> argparse.ArgumentParser:
    import_qda = commands.add_parser(
        "import-qda",
        help="codes added or removed in a QDA tool back into data/code_reviews.csv as reviews",
        description="Compare the codes of each comment in a REFI-QDA project (one written by export-qda, then "
        "edited in a QDA tool) with the codes it raises here, and record every difference as a review: "
        "a code added there is 'added' here, a code removed there is 'rejected'. Codings of unknown "
        "comments or codes are never dropped: they are kept in PROJECT.unmatched.csv.",
        **_examples(
            "workbooks import-qda outputs/consultation.qdpx --reviewer 'Maria Rossi' --dry-run",
            "workbooks import-qda outputs/consultation.qdpx --reviewer 'Maria Rossi'",
        ),
    )
    import_qda.add_argument("project", help="the REFI-QDA project (.qdpx), e.g. outputs/consultation.qdpx")
    import_qda.add_argument(
        "--reviewer", required=True, help="who changed the codes, as the briefs will name them, e.g. 'Maria Rossi'"
    )
    import_qda.add_argument(
        "--date", type=_iso_day, default=None, help="the day of the review, YYYY-MM-DD (default: today)"
    )
    import_qda.add_argument(
        "--comments", default="data/comments.csv", help="comments table (default: data/comments.csv)"
    )
    import_qda.add_argument(
        "--questions",
        default=None,
        help="questions table (default: data/questions.csv; with another --comments NAME.csv, "
        "NAME.questions.csv beside it where there is one)",
    )
    import_qda.add_argument(
        "--reviews",
        default=None,
        help="the reviews table to update (default: data/code_reviews.csv, with the project's "
        "comments; required with another --comments file)",
    )
    import_qda.add_argument(
        "--unmatched-out",
        default=None,
        help="where codings of unknown comments or codes are kept (default: PROJECT.unmatched.csv)",
    )
    import_qda.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    import_qda.set_defaults(handler=_import_qda)
    return import_qda


def _parser_for_run(commands) -> argparse.ArgumentParser:
    run = commands.add_parser(
        "run",
        help="run briefs through Papermill and nbconvert",
        **_examples(
            "workbooks run --jobs 2",
            "workbooks run timeline_progress/all_workstreams --force",
            "workbooks run --executor dask --scheduler tcp://10.0.0.5:8786",
        ),
    )
    run.add_argument("briefs", nargs="*", help="briefs to run, as NOTEBOOK/NAME or NAME (default: all)")
    run.add_argument("--jobs", type=_at_least_one("job"), default=1, metavar="N", help="briefs run at once (default 1)")
    run.add_argument("--params", default=None, help="run one parameter file (params/NOTEBOOK/NAME.yaml)")
    run.add_argument("--out", default=None, help="output folder (default: outputs/)")
    run.add_argument(
        "--force",
        action="store_true",
        help="run every chosen brief, even those whose inputs are unchanged since their last good run",
    )
    run.add_argument(
        "--timeout",
        type=_at_least_one("second"),
        default=DEFAULT_CELL_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"stop a brief whose cell runs longer than this, with its kernel (default {DEFAULT_CELL_TIMEOUT_SECONDS})",
    )
    run.add_argument(
        "--wait",
        type=_at_least_one("second"),
        default=DEFAULT_WAIT_SECONDS,
        metavar="SECONDS",
        help=f"how long to wait for another run using the same output folder (default {DEFAULT_WAIT_SECONDS})",
    )
    run.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help="where briefs run at once: worker processes here (default), or an existing Dask cluster "
        "(the extra 'dask', in make setup's lock; its workers must see the same project and output folders)",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="the Dask cluster's scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask)",
    )
    run.add_argument(
        "--alerts",
        default=None,
        metavar="FILE",
        help="where alerts of failed briefs (and new editions) go: mail server, recipients, webhook "
        "(default: params/alerts.yaml when there is one; see docs/briefs.md, 'Scheduled runs')",
    )
    run.set_defaults(handler=_run)
    return run


def _parser_for_schedule(commands) -> argparse.ArgumentParser:
    schedule = commands.add_parser(
        "schedule",
        help="print (or --install) a crontab line or a systemd user timer that runs this checkout's briefs daily",
        description="Print the crontab line (default) or the systemd user service and timer that run `workbooks run` "
        "every day from this checkout's own environment and folder, under a time limit, appending to "
        "logs/scheduled-runs.log. --install adds the line to your crontab (replacing the one this checkout "
        "added before, never doubling it) or writes the units to ~/.config/systemd/user and enables the timer.",
        **_examples(
            "workbooks schedule", "workbooks schedule --at 05:30 --install", "workbooks schedule --systemd --install"
        ),
    )
    kind = schedule.add_mutually_exclusive_group()
    kind.add_argument("--cron", action="store_true", help="a crontab line (the default)")
    kind.add_argument("--systemd", action="store_true", help="a systemd user service and timer")
    schedule.add_argument(
        "--at", default="06:15", metavar="HH:MM", help="the time of day, local, 24-hour (default 06:15)"
    )
    schedule.add_argument(
        "--jobs", type=_at_least_one("job"), default=2, metavar="N", help="briefs run at once (default 2)"
    )
    schedule.add_argument(
        "--install", action="store_true", help="install it for the current user instead of printing it"
    )
    schedule.set_defaults(handler=_schedule)
    return schedule


def _parser_for_check_data(commands) -> argparse.ArgumentParser:
    check = commands.add_parser(
        "check-data",
        help="validate every table in data/ against its layout and sidecar",
        **_examples("workbooks check-data"),
    )
    check.set_defaults(handler=_check_data)
    return check


def _parser_for_synth(commands) -> argparse.ArgumentParser:
    synth = commands.add_parser(
        "synth",
        help="synthetic data in the real layouts, marked illustrative, for benchmarks and tests (never into data/)",
        **_examples(
            "workbooks synth --comments 100000 --out /tmp/synthetic",
            "workbooks synth --activities 500 --practices 200 --seed 1 --out /tmp/synthetic",
        ),
    )
    synth.add_argument("--comments", type=_at_least_one(), metavar="N", help="N comments (and their questions)")
    synth.add_argument("--activities", type=_at_least_one(), metavar="N", help="N activities (and a status log)")
    synth.add_argument("--practices", type=_at_least_one(), metavar="N", help="N practices (and reviewed scores)")
    synth.add_argument("--seed", type=int, default=0, help="random seed: the same seed and counts give the same files")
    synth.add_argument("--out", required=True, help="folder to write into (not data/)")
    synth.set_defaults(handler=_synth)
    return synth


def _parser_for_present(commands) -> argparse.ArgumentParser:
    present = commands.add_parser(
        "present",
        help="presenter mode: serve the workbooks' live views with Voila on this computer (Ctrl-C stops it)",
        **_examples("workbooks present", "workbooks present --port 8900 --no-pool", "workbooks present --check"),
    )
    present.add_argument("--port", type=_port, default=8866, help="port on 127.0.0.1, 1 to 65535 (default 8866)")
    present.add_argument(
        "--check",
        action="store_true",
        help="open every prepared view (params/presenter_views.yaml) with the data, as its page will, and say "
        "what each cannot take; exit 1 if any (no server started)",
    )
    present.add_argument(
        "--no-pool",
        action="store_true",
        help="start a kernel when a page is opened instead of keeping one rendered and waiting",
    )
    present.set_defaults(handler=_present)
    return present


def _parser_for_lab(commands) -> argparse.ArgumentParser:
    lab = commands.add_parser(
        "lab",
        help="JupyterLab on the project: data/, params/ and notebooks/ in its file browser, opening on notebooks/",
        description="Start JupyterLab with the project's root in its file browser (data/, data/templates/, params/, "
        "outputs/) and notebooks/ open. As root (a container) Jupyter is told --allow-root; a browser is "
        "opened only where there is a display, unless --open or --no-open says otherwise. Jupyter prints "
        "the address to open, with its token. Ctrl-C stops it.",
        **_examples("workbooks lab", "workbooks lab --port 8890 --no-open", "workbooks lab --ip 0.0.0.0"),
    )
    lab.add_argument(
        "--port",
        type=_port,
        default=8888,
        help="port, 1 to 65535 (default 8888; Jupyter takes the next free one if it is taken, and prints it)",
    )
    lab.add_argument(
        "--ip",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 in a container whose "
        "port is published)",
    )
    lab.add_argument(
        "--open",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="open a browser (default: only where there is a display)",
    )
    lab.set_defaults(handler=_lab)
    return lab


def _parser_for_dictionary(commands) -> argparse.ArgumentParser:
    dictionary = commands.add_parser(
        "dictionary",
        help="write the data dictionary generated from the layouts",
        **_examples("workbooks dictionary --out docs/data_dictionary.md"),
    )
    dictionary.add_argument(
        "--out", default="docs/data_dictionary.md", help="the Markdown file to write (default: docs/data_dictionary.md)"
    )
    dictionary.set_defaults(handler=_dictionary)
    return dictionary


def _parser_for_datapackage(commands) -> argparse.ArgumentParser:
    datapackage = commands.add_parser(
        "datapackage",
        help="write data/datapackage.json, a Frictionless Data Package (v2) generated from the layouts "
        "and the tables' sidecars",
        **_examples("workbooks datapackage", "workbooks datapackage --check"),
    )
    datapackage.add_argument(
        "--out",
        default="data/datapackage.json",
        help="where to write it (default: data/datapackage.json; its paths are relative to data/)",
    )
    datapackage.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the file at --out is not what the layouts generate",
    )
    datapackage.set_defaults(handler=_datapackage)
    return datapackage


SUBCOMMAND_PARSERS = (
    _parser_for_ingest,
    _parser_for_add,
    _parser_for_score,
    _parser_for_code,
    _parser_for_export_qda,
    _parser_for_import_qda,
    _parser_for_run,
    _parser_for_schedule,
    _parser_for_check_data,
    _parser_for_synth,
    _parser_for_present,
    _parser_for_lab,
    _parser_for_dictionary,
    _parser_for_datapackage,
)  # the subcommands, in the order `workbooks --help` lists them


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The `workbooks` parser, and each subcommand's own by its name (its usage goes with its errors)."""
    parser = argparse.ArgumentParser(
        prog="workbooks",
        description=__doc__,
        **_examples("workbooks run --jobs 2", "workbooks check-data", "workbooks run --help"),
    )
    parser.add_argument("--version", action=_Version, help="print the version of Integration Workbooks and exit")
    commands = parser.add_subparsers(dest="command", required=True)
    subcommands = [parser_for(commands) for parser_for in SUBCOMMAND_PARSERS]
    return parser, {subcommand.prog.removeprefix(f"{parser.prog} "): subcommand for subcommand in subcommands}


def build_parser() -> argparse.ArgumentParser:
    return build_parsers()[0]


EXIT_FAILED, EXIT_INTERRUPTED = 1, 130  # and 2, argparse's own, for a command line it cannot read


def main(argv: list[str] | None = None) -> int:
    """Exit codes: 0 success; 1 failed briefs or bad data (the message names file, line and field);
    2 a command line that cannot be read; 130 stopped by Ctrl-C."""
    parser, subcommands = build_parsers()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)
    args.argv = argv  # the command line, as the sidecars of built tables record it
    try:
        return args.handler(args)
    except UsageError as error:  # options that do not go together: said with the command's usage, exit 2
        subcommands[args.command].error(str(error))  # exits 2
    except WorkbooksError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:  # a file or folder the command cannot read or write: said, without a traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\nstopped (Ctrl-C): nothing half-written was kept", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
