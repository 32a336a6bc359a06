"""The corpus of bad and hostile inputs that tests/robustness/test_bad_inputs.py runs: one case a
fault, each one change to one file of a project copy (or one command-line argument), the command
that meets it, and what the message must name (file, line, field) and the exit code.

Lines are physical lines of the changed file, counted by hand (a quoted cell spanning lines counts
every line it spans); each change says the line it edits and checks that the line holds the text
it replaces, so a data update that moves a row fails the case instead of silently testing another
line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

T_BRIEF = "timeline_progress/all_workstreams"
C_BRIEF = "consultation_inputs/draft_workplan_2022"
G_BRIEF = "good_practice_comparison/labour_inclusion_americas"
GOOD_BRIEFS = [T_BRIEF, C_BRIEF, G_BRIEF]  # from the session's shared briefs run; their files must survive every case

CODED = "{elsewhere}/comments.coded.csv"  # good outputs made once per session, to be left as they are
SCORES = "{elsewhere}/scores.csv"

HTML_PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\""
CONTROL_PAYLOAD = "bell\x07 escape\x1b[31m red\x1b[0m backspace\x08 form\x0c feed vertical\x0b tab"
FORMULA_PAYLOAD = "=cmd|' /C calc'!A0"
MEGABYTE_PAYLOAD = ("migrant workers need decent jobs and social protection " * 19_000)[:1_000_000]
PAYLOADS = {"html": HTML_PAYLOAD, "formula": FORMULA_PAYLOAD, "megabyte-cell": MEGABYTE_PAYLOAD}
# control characters are refused by the loaders (a cell holding one is named by line and column): bad input


class Files:
    """The changes a case makes, on the project copy (``root``) and a folder outside it
    (``elsewhere``); a path starting ``{elsewhere}/`` is there, any other under ``root``."""

    def __init__(self, root: Path, elsewhere: Path):
        self.root, self.elsewhere = root, elsewhere

    def path(self, name: str) -> Path:
        return (
            self.elsewhere / name.removeprefix("{elsewhere}/") if name.startswith("{elsewhere}/") else self.root / name
        )

    def on_line(self, name: str, line: int, old: str, new: str) -> None:
        """Replace ``old`` (found exactly once on physical line ``line``) with ``new``."""
        path = self.path(name)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[line - 1].count(old) == 1, (
            f"{name} line {line} does not hold {old!r} once: {lines[line - 1][:120]!r}"
        )
        lines[line - 1] = lines[line - 1].replace(old, new)
        path.write_text("\n".join(lines), encoding="utf-8")

    def delete_line(self, name: str, line: int, expected: str) -> None:
        path = self.path(name)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[line - 1].strip() == expected, f"{name} line {line} is {lines[line - 1]!r}"
        del lines[line - 1]
        path.write_text("\n".join(lines), encoding="utf-8")

    def append(self, name: str, text: str, line: int) -> None:
        """Add ``text`` as line ``line`` at the end of the file (the file has ``line - 1`` lines)."""
        path = self.path(name)
        before = path.read_text(encoding="utf-8")
        assert before.endswith("\n") and before.count("\n") == line - 1, f"{name} has {before.count(chr(10))} lines"
        path.write_text(before + text + "\n", encoding="utf-8")

    def bytes_on_line(self, name: str, line: int, old: str, new: bytes) -> None:
        """Replace ``old`` on line ``line`` with raw bytes (not UTF-8)."""
        path = self.path(name)
        lines = path.read_bytes().split(b"\n")
        assert lines[line - 1].count(old.encode()) == 1, f"{name} line {line} does not hold {old!r} once"
        lines[line - 1] = lines[line - 1].replace(old.encode(), new)
        path.write_bytes(b"\n".join(lines))

    def reencode(self, name: str, encoding: str) -> None:
        path = self.path(name)
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    def rows(self, name: str) -> list[list[str]]:
        with self.path(name).open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    def write_rows(self, name: str, rows: list[list[str]], **dialect) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n", **dialect).writerows(rows)
        self.path(name).write_text(buffer.getvalue(), encoding="utf-8")

    def put(self, name: str, data: bytes) -> None:
        self.path(name).write_bytes(data)

    def remove(self, name: str) -> None:
        self.path(name).unlink()


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]  # the workbooks command; {elsewhere} stands for the folder outside the project
    change: Callable[[Files], None] | None  # one change to one file; None: the command line is the fault
    file: str | None  # the file name the message must name
    line: int | None  # the line it must name (None: the fault has no line: a missing or whole file)
    field: str | None  # the column, key or option it must name (None: the fault is in no one field)
    exit: int = 1
    says: tuple[str, ...] = ()  # more words the message must hold (a hint, a value)


def run(brief: str) -> tuple[str, ...]:
    return ("run", brief)


CHECK = ("check-data",)
CODE = ("code", "data/comments.csv", "--out", CODED)
SCORE = ("score", "--out", SCORES)
INGEST_PRACTICES = ("ingest", "practices")  # --out data/practices.csv: the committed table must stay


QDA_PROJECT = "{elsewhere}/edited.qdpx"
_QDE_LINES = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project xmlns="urn:QDA-XML:project:1.0" name="edited in a QDA tool">',
    " <Sources>",
    '  <TextSource guid="{guid}" name="seed-002-draft-network-workplan-c01" plainTextPath="internal://{guid}.txt">',
    '   <PlainTextSelection guid="8b0f4c6e-0000-4000-8000-000000000001" startPosition="0" endPosition="5">',
    '    <Coding guid="8b0f4c6e-0000-4000-8000-000000000002"><CodeRef targetGUID="{code}"/></Coding>',
    "   </PlainTextSelection>",
    "  </TextSource>",
    " </Sources>",
    "</Project>",
]


def _qdpx(
    line: int | None = None, old: str = "", new: str = "", text: str = "As Caritas Internationalis"
) -> Callable[[Files], None]:
    """A REFI-QDA project, as a QDA tool would send it back, with ``old`` replaced by ``new`` on line
    ``line`` of its project.qde."""

    def change(f: Files) -> None:
        import zipfile

        from workbooks.consultation.qda import code_guid
        from workbooks.qda.refi import guid_for

        guid = guid_for("comment", "seed-002-draft-network-workplan-c01")
        lines = [entry.format(guid=guid, code=code_guid("gcm-16")) for entry in _QDE_LINES]
        if line is not None:
            assert lines[line - 1].count(old) == 1, lines[line - 1]
            lines[line - 1] = lines[line - 1].replace(old, new)
        with zipfile.ZipFile(f.path(QDA_PROJECT), "w") as archive:
            archive.writestr("project.qde", "\n".join(lines))
            archive.writestr(f"Sources/{guid}.txt", text)

    return change


IMPORT_QDA = ("import-qda", QDA_PROJECT, "--reviewer", "A Tester")


def _semicolons(f: Files) -> None:
    f.write_rows("data/comments.csv", f.rows("data/comments.csv"), delimiter=";")


def _trailing_commas(f: Files) -> None:
    f.write_rows("data/comments.csv", [row + [""] for row in f.rows("data/comments.csv")])


def _without_column(name: str, column: str) -> Callable[[Files], None]:
    def change(f: Files) -> None:
        rows = f.rows(name)
        at = rows[0].index(column)
        f.write_rows(name, [row[:at] + row[at + 1 :] for row in rows])

    return change


def _header_only(name: str) -> Callable[[Files], None]:
    def change(f: Files) -> None:
        f.path(name).write_text(f.path(name).read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")

    return change


def _multiline_then_bad(f: Files) -> None:
    # a line break inside record 2's quoted summary (line 3), then a bad source_db on the record that
    # was on line 6 and is now on line 7 (record 5, data row 5: a record count would say line 6)
    f.on_line(
        "data/raw/practices/practice-records.csv",
        3,
        "convened by Canada in June 2021",
        "convened by Canada\nin June 2021",
    )
    f.on_line(
        "data/raw/practices/practice-records.csv",
        7,
        ",Hub,https://migrationnetwork.un.org/hub/repository",
        ",Hubb,https://migrationnetwork.un.org/hub/repository",
    )


BINARY_JUNK = bytes(range(256)) * 8  # NUL and every other byte: what a mis-saved workbook looks like

CASES: list[Case] = [
    # ---- parameter files, each notebook: caught before any kernel ---------------------------
    Case(
        "params-impossible-date",
        run(T_BRIEF),
        lambda f: f.on_line("params/timeline_progress/all_workstreams.yaml", 3, "today", "2024-02-30"),
        "all_workstreams.yaml",
        3,
        "as_of",
    ),
    Case(
        "params-duplicate-key",
        run(T_BRIEF),
        lambda f: f.append("params/timeline_progress/all_workstreams.yaml", "as_of: 2024-07-01", 5),
        "all_workstreams.yaml",
        5,
        "as_of",
    ),
    Case(
        "params-unknown-workstream",
        run(T_BRIEF),
        lambda f: f.append("params/timeline_progress/all_workstreams.yaml", "workstreams: [No such workstream]", 5),
        "all_workstreams.yaml",
        5,
        "workstreams",
        says=("No such workstream",),
    ),
    Case(
        "params-missing-status-log-file",
        run(T_BRIEF),
        lambda f: f.append("params/timeline_progress/all_workstreams.yaml", "status_log_file: data/no_such_log.csv", 5),
        "all_workstreams.yaml",
        5,
        "status_log_file",
        says=("no_such_log.csv",),
    ),
    Case(
        "params-wrong-type",
        run(C_BRIEF),
        lambda f: f.append("params/consultation_inputs/draft_workplan_2022.yaml", "min_count: three", 5),
        "draft_workplan_2022.yaml",
        5,
        "min_count",
    ),
    Case(
        "params-unknown-key",
        run(C_BRIEF),
        lambda f: f.append(
            "params/consultation_inputs/draft_workplan_2022.yaml", "discussion: [hub-imrf-roundtable-2]", 5
        ),
        "draft_workplan_2022.yaml",
        5,
        "discussion",
    ),
    Case(
        "params-yaml-syntax-error",
        run(C_BRIEF),
        lambda f: f.on_line("params/consultation_inputs/draft_workplan_2022.yaml", 3, "  - seed", "\t- seed"),
        "draft_workplan_2022.yaml",
        3,
        None,
    ),
    Case(
        "params-unknown-code",
        run(C_BRIEF),
        lambda f: f.append("params/consultation_inputs/draft_workplan_2022.yaml", "codes_in_focus: [gcm-99]", 5),
        "draft_workplan_2022.yaml",
        5,
        "codes_in_focus",
        says=("gcm-99",),
    ),
    Case(
        "params-non-utf8-byte",
        run(C_BRIEF),
        lambda f: f.bytes_on_line(
            "params/consultation_inputs/draft_workplan_2022.yaml", 4, "What stakeholders", b"What stak\xe9holders"
        ),
        "draft_workplan_2022.yaml",
        4,
        "brief_title",
        says=("0xe9",),
    ),
    Case(
        "params-unknown-practice",
        run(G_BRIEF),
        lambda f: f.on_line(
            "params/good_practice_comparison/labour_inclusion_americas.yaml",
            9,
            "hubpledge-colombia-etpv-law2136",
            "hubpledge-colombia-no-such-law",
        ),
        "labour_inclusion_americas.yaml",
        9,
        "practices",
        says=("hubpledge-colombia-no-such-law",),
    ),
    Case(
        "params-unknown-pillar",
        run(G_BRIEF),
        lambda f: f.append(
            "params/good_practice_comparison/labour_inclusion_americas.yaml", "pillars: [decent-work, nonsense]", 12
        ),
        "labour_inclusion_americas.yaml",
        12,
        "pillars",
        says=("nonsense",),
    ),
    Case(
        "params-list-given-as-text",
        run(G_BRIEF),
        lambda f: f.append("params/good_practice_comparison/labour_inclusion_americas.yaml", "region: Americas", 12),
        "labour_inclusion_americas.yaml",
        12,
        "region",
    ),
    # files given by parameter, outside the project (on the templates, no sidecar)
    Case(
        "params-comments-file-outside-bad-date",
        run("consultation_inputs/survey"),
        lambda f: f.on_line("{elsewhere}/survey_comments.csv", 3, ",2023-03-20,", ",20/03/2023,"),
        "survey_comments.csv",
        3,
        "posted",
    ),
    Case(
        "params-practices-file-outside-unknown-source-db",
        run("good_practice_comparison/survey"),
        lambda f: f.on_line("{elsewhere}/survey_practices.csv", 3, ",survey,survey-2024", ",surveys,survey-2024"),
        "survey_practices.csv",
        3,
        "source_db",
        says=("surveys",),
    ),
    # ---- sidecars ---------------------------------------------------------------------------
    Case(
        "sidecar-missing-key",
        CHECK,
        lambda f: f.delete_line("data/organisations.meta.yaml", 8, "layout: organisations"),
        "organisations.meta.yaml",
        None,
        "layout",
    ),
    Case(
        "sidecar-wrong-type",
        CHECK,
        lambda f: f.on_line("data/organisations.meta.yaml", 9, "illustrative: false", "illustrative: sometimes"),
        "organisations.meta.yaml",
        9,
        "illustrative",
    ),
    Case(
        "sidecar-unknown-key",
        CHECK,
        lambda f: f.append("data/gcm_objectives.meta.yaml", "licence: CC-BY-4.0", 12),
        "gcm_objectives.meta.yaml",
        12,
        "licence",
    ),
    Case(
        "sidecar-impossible-date",
        CHECK,
        lambda f: f.append("data/activities.meta.yaml", "license: 2024-02-30", 13),
        "activities.meta.yaml",
        13,
        "license",
    ),
    Case(
        "sidecar-duplicate-key",
        CHECK,
        lambda f: f.append("data/questions.meta.yaml", "title: Questions again", 12),
        "questions.meta.yaml",
        12,
        "title",
    ),
    Case(
        "sidecar-wrong-type-datapackage",
        ("datapackage", "--out", "{elsewhere}/datapackage.json"),
        lambda f: f.on_line("data/organisations.meta.yaml", 9, "illustrative: false", "illustrative: sometimes"),
        "organisations.meta.yaml",
        9,
        "illustrative",
    ),
    Case(
        "sidecar-unknown-layout",
        run(T_BRIEF),
        lambda f: f.on_line("data/status_log.meta.yaml", 5, "layout: status_log", "layout: status-log"),
        "status_log.meta.yaml",
        5,
        "layout",
        says=("status-log",),
    ),
    Case(
        "sidecar-missing",
        CHECK,
        lambda f: f.remove("data/workplan_priorities.meta.yaml"),
        "workplan_priorities.meta.yaml",
        None,
        None,
    ),
    Case(
        "sidecar-yaml-syntax-error",
        CHECK,
        lambda f: f.on_line("data/hand_coded_sample.meta.yaml", 1, "title: ", "title: [unclosed, "),
        "hand_coded_sample.meta.yaml",
        2,
        None,
    ),
    Case(
        "sidecar-latin1",
        CHECK,
        lambda f: (
            f.on_line("data/code_reviews.meta.yaml", 1, "title: ", "title: Révisions: "),
            f.reencode("data/code_reviews.meta.yaml", "latin-1"),
        ),
        "code_reviews.meta.yaml",
        1,
        "title",
        says=("Latin-1",),
    ),
    # ---- the codebook -----------------------------------------------------------------------
    Case(
        "codebook-unknown-key",
        CODE,
        lambda f: f.on_line("data/codebook.yaml", 46, "exclude: []", "excludes: []"),
        "codebook.yaml",
        46,
        "excludes",
    ),
    Case(
        "codebook-missing-key",
        CODE,
        lambda f: f.delete_line(
            "data/codebook.yaml", 43, "definition: Collecting, sharing or using migration data and evidence for policy."
        ),
        "codebook.yaml",
        40,
        "definition",
    ),
    Case(
        "codebook-duplicate-key",
        CODE,
        lambda f: f.on_line("data/codebook.yaml", 49, "    ref: 2", "    ref: 2\n    ref: 3"),
        "codebook.yaml",
        50,
        "ref",
    ),
    Case(
        "codebook-bad-pattern",
        CODE,
        lambda f: f.on_line("data/codebook.yaml", 65, "'legal identity'", "'legal (identity'"),
        "codebook.yaml",
        65,
        "include",
        says=("legal (identity",),
    ),
    Case(
        "codebook-unknown-family",
        CODE,
        lambda f: f.on_line("data/codebook.yaml", 48, "family: gcm_objective", "family: gcm_objectiv"),
        "codebook.yaml",
        48,
        "family",
        says=("gcm_objectiv",),
    ),
    Case(
        "codebook-unknown-reference",
        run(C_BRIEF),
        lambda f: f.on_line("data/codebook.yaml", 56, "ref: 3", "ref: 99"),
        "codebook.yaml",
        56,
        "ref",
        says=("99",),
    ),
    Case(
        "codebook-utf16",
        CODE,
        lambda f: f.reencode("data/codebook.yaml", "utf-16"),
        "codebook.yaml",
        1,
        None,
        says=("UTF-16",),
    ),
    # ---- the checklist ----------------------------------------------------------------------
    Case(
        "checklist-unknown-key",
        SCORE,
        lambda f: f.on_line("data/checklist.yaml", 122, "principles: []", "principle: []"),
        "checklist.yaml",
        122,
        "principle",
    ),
    Case(
        "checklist-wrong-type",
        SCORE,
        lambda f: f.on_line("data/checklist.yaml", 110, "in_overall: false", "in_overall: sometimes"),
        "checklist.yaml",
        110,
        "in_overall",
    ),
    Case(
        "checklist-missing-key",
        run(G_BRIEF),
        lambda f: f.delete_line("data/checklist.yaml", 133, "label: Social protection"),
        "checklist.yaml",
        131,
        "label",
    ),
    Case(
        "checklist-duplicate-key",
        INGEST_PRACTICES,
        lambda f: f.on_line(
            "data/checklist.yaml", 148, "    label: Social dialogue", "    label: Social dialogue\n    label: Dialogue"
        ),
        "checklist.yaml",
        149,
        "label",
    ),
    Case(
        "checklist-bad-pattern",
        INGEST_PRACTICES,
        lambda f: f.on_line("data/checklist.yaml", 163, "'African Union'", "'African (Union'"),
        "checklist.yaml",
        163,
        "exclude",
        says=("African (Union",),
    ),
    Case(
        "checklist-unknown-pillar",
        SCORE,
        lambda f: f.on_line("data/checklist.yaml", 114, "pillar: decent-work", "pillar: decent-wrk"),
        "checklist.yaml",
        114,
        "pillar",
        says=("decent-wrk",),
    ),
    # ---- every table in data/ ---------------------------------------------------------------
    Case(
        "activities-impossible-date",
        CHECK,
        lambda f: f.on_line("data/activities.csv", 5, ",2022-01-01,2024-12-31,", ",2022-02-30,2024-12-31,"),
        "activities.csv",
        5,
        "planned_start",
        says=("2022-02-30",),
    ),
    Case("activities-header-only", run(T_BRIEF), _header_only("data/activities.csv"), "activities.csv", 2, None),
    Case(
        "status-log-unknown-status",
        CHECK,
        lambda f: f.on_line("data/status_log.illustrative.csv", 4, ",In progress,", ",Finished,"),
        "status_log.illustrative.csv",
        4,
        "status",
        says=("Finished",),
    ),
    Case(
        "status-log-unknown-activity",
        CHECK,
        lambda f: f.on_line("data/status_log.illustrative.csv", 6, "integration,iii,2023", "integration,xiii,2023"),
        "status_log.illustrative.csv",
        6,
        "activity_id",
        says=("xiii",),
    ),
    Case(
        "status-log-unknown-activity-run",
        run(T_BRIEF),
        lambda f: f.append(
            "data/status_log.csv",
            "Alternatives to immigration detention,ix,2024-01-01,Completed,hub-alternatives-to-detention,,,",
            2,
        ),
        "status_log.csv",
        2,
        "activity_id",
        says=("ix",),
    ),
    Case(
        "comments-unknown-discussion",
        CHECK,
        lambda f: f.on_line("data/comments.csv", 70, "hub-imrf-roundtable-2,1,", "hub-imrf-roundtable-9,1,"),
        "comments.csv",
        70,
        "discussion",
        says=("hub-imrf-roundtable-9",),
    ),
    Case(
        "comments-wrong-type-after-multiline-cells",
        CODE,
        lambda f: f.on_line(
            "data/comments.csv",
            22,
            ",2,seed-002-draft-network-workplan-c07,",
            ",second,seed-002-draft-network-workplan-c07,",
        ),
        "comments.csv",
        22,
        "question",
        says=("second",),
    ),
    Case(
        "comments-bad-boolean-after-multiline-cells",
        run(C_BRIEF),
        lambda f: f.on_line(
            "data/comments.csv", 23, ",true,seed-002-draft-network-workplan", ",maybe,seed-002-draft-network-workplan"
        ),
        "comments.csv",
        23,
        "truncated",
        says=("maybe",),
    ),
    Case(
        "comments-duplicate-key",
        CODE,
        lambda f: f.on_line("data/comments.csv", 89, "hub-imrf-roundtable-4-c01", "hub-imrf-roundtable-3-c01"),
        "comments.csv",
        90,
        "comment_id",
        says=("hub-imrf-roundtable-3-c01",),
    ),
    Case(
        "comments-hostile-id",
        CODE,
        lambda f: f.on_line("data/comments.csv", 91, "hub-imrf-roundtable-3-c02", "<script>alert(1)</script>"),
        "comments.csv",
        91,
        "comment_id",
    ),
    Case(
        "comments-non-utf8-byte",
        CODE,
        lambda f: f.bytes_on_line("data/comments.csv", 12, "Yes, the work plan", b"Yes, the w\xf6rk plan"),
        "comments.csv",
        12,
        "text",
        says=("0xf6",),
    ),
    Case(
        "comments-utf16",
        CODE,
        lambda f: f.reencode("data/comments.csv", "utf-16"),
        "comments.csv",
        1,
        None,
        says=("UTF-16",),
    ),
    Case(
        "comments-windows-1252",
        CODE,
        lambda f: f.reencode("data/comments.csv", "cp1252"),
        "comments.csv",
        4,
        "text",
        says=("Latin-1",),
    ),
    Case("comments-semicolon-delimited", CODE, _semicolons, "comments.csv", 1, None, says=(";",)),
    Case("comments-trailing-comma-every-row", CODE, _trailing_commas, "comments.csv", 1, None, says=("trailing",)),
    Case(
        "comments-ragged-row",
        CODE,
        lambda f: f.on_line(
            "data/comments.csv", 88, ",true,hub-imrf-progress-declaration", ",true,hub-imrf-progress-declaration,extra"
        ),
        "comments.csv",
        88,
        None,
        says=("11",),
    ),
    Case("comments-empty-file", CODE, lambda f: f.put("data/comments.csv", b""), "comments.csv", None, None),
    Case("comments-binary-junk", CODE, lambda f: f.put("data/comments.csv", BINARY_JUNK), "comments.csv", 1, None),
    Case(
        "comments-missing-file",
        ("code", "{elsewhere}/no_such_comments.csv", "--out", CODED),
        None,
        "no_such_comments.csv",
        None,
        None,
    ),
    Case(
        "questions-duplicate-key",
        CHECK,
        lambda f: f.on_line(
            "data/questions.csv", 3, "seed-002-draft-network-workplan,2,", "seed-002-draft-network-workplan,1,"
        ),
        "questions.csv",
        3,
        "question",
    ),
    Case(
        "organisations-unknown-stakeholder-type",
        run(C_BRIEF),
        lambda f: f.on_line("data/organisations.csv", 3, ",civil society/NGO,", ",charity,"),
        "organisations.csv",
        3,
        "stakeholder_type",
        says=("charity",),
    ),
    Case(
        "un-states-unknown-status",
        CHECK,
        lambda f: f.on_line("data/un_states.csv", 4, "ALB,Albania,member,", "ALB,Albania,membre,"),
        "un_states.csv",
        4,
        "status",
        says=("membre",),
    ),
    Case(
        "un-states-duplicate-code",
        CHECK,
        lambda f: f.on_line("data/un_states.csv", 5, "AND,Andorra,", "AGO,Andorra,"),
        "un_states.csv",
        5,
        "iso3",
        says=("AGO", "line 3"),
    ),
    Case("sources-missing-column", CHECK, _without_column("data/sources.csv", "copy"), "sources.csv", 1, "copy"),
    Case(
        "sources-bad-url",
        CHECK,
        lambda f: f.on_line(
            "data/sources.csv", 5, ",workstream,https://migrationnetwork", ",workstream,ftp://migrationnetwork"
        ),
        "sources.csv",
        5,
        "url",
    ),
    Case(
        "practices-unknown-source-db",
        SCORE,
        lambda f: f.on_line(
            "data/practices.csv", 10, ",Hub,https://migrationnetwork", ",Hubb,https://migrationnetwork"
        ),
        "practices.csv",
        10,
        "source_db",
        says=("Hubb",),
    ),
    Case(
        "practices-bad-years",
        run(G_BRIEF),
        lambda f: f.on_line("data/practices.csv", 2, ",2015-2018,", ",2015/2018,"),
        "practices.csv",
        2,
        "years",
        says=("2015/2018",),
    ),
    Case(
        "assessments-unknown-practice",
        SCORE,
        lambda f: f.on_line(
            "data/assessments.csv", 4, "other-brazil-companies-with-refugees-forum,", "other-brazil-no-such-forum,"
        ),
        "assessments.csv",
        4,
        "practice_id",
        says=("other-brazil-no-such-forum",),
    ),
    Case(
        "assessments-unknown-item",
        CHECK,
        lambda f: f.on_line("data/assessments.csv", 5, ",gender-responsive,", ",gender-blind,"),
        "assessments.csv",
        5,
        "item",
        says=("gender-blind",),
    ),
    Case(
        "code-reviews-unknown-comment",
        CHECK,
        lambda f: f.on_line("data/code_reviews.csv", 3, "workplan-c02,", "workplan-c99,"),
        "code_reviews.csv",
        3,
        "comment_id",
        says=("seed-002-draft-network-workplan-c99",),
    ),
    Case(
        "code-reviews-unknown-code",
        run(C_BRIEF),
        lambda f: f.on_line("data/code_reviews.csv", 4, ",principle-child-sensitive,", ",principle-child-friendly,"),
        "code_reviews.csv",
        4,
        "code",
        says=("principle-child-friendly",),
    ),
    Case(
        "code-reviews-impossible-date",
        CHECK,
        lambda f: f.on_line("data/code_reviews.csv", 6, ",2026-11-23,", ",2026-11-31,"),
        "code_reviews.csv",
        6,
        "date",
        says=("2026-11-31",),
    ),
    Case(
        "hand-coded-unknown-comment",
        CHECK,
        lambda f: f.on_line("data/hand_coded_sample.csv", 7, "workplan-c06,", "workplan-c77,"),
        "hand_coded_sample.csv",
        7,
        "comment_id",
        says=("seed-002-draft-network-workplan-c77",),
    ),
    Case(
        "gcm-objectives-unknown-number",
        CHECK,
        lambda f: f.on_line("data/gcm_objectives.csv", 24, "23,International", "24,International"),
        "gcm_objectives.csv",
        24,
        "number",
    ),
    Case(
        "guiding-principles-bad-letter",
        CHECK,
        lambda f: f.on_line("data/guiding_principles.csv", 5, "rule-of-law,d,", "rule-of-law,dd,"),
        "guiding_principles.csv",
        5,
        "letter",
    ),
    Case(
        "workplan-priorities-unknown-source",
        CHECK,
        lambda f: f.on_line(
            "data/workplan_priorities.csv", 3, ",,seed-002-draft-network-workplan,", ",,seed-999-nowhere,"
        ),
        "workplan_priorities.csv",
        3,
        "source",
        says=("seed-999-nowhere",),
    ),
    # ---- raw practice records and stored pages: the ingest --------------------------------
    Case(
        "raw-practices-multiline-cell-then-unknown-source-db",
        INGEST_PRACTICES,
        _multiline_then_bad,
        "practice-records.csv",
        7,
        "source_db",
        says=("Hubb",),
    ),
    Case(
        "raw-practices-missing-column",
        INGEST_PRACTICES,
        _without_column("data/raw/practices/practice-records.csv", "summary_basis"),
        "practice-records.csv",
        1,
        "summary_basis",
    ),
    Case(
        "page-unreadable-timeline",
        ("ingest", "workstream", "data/raw/pages/000_1a0fd3d6edc5478c.txt"),
        lambda f: f.on_line("data/raw/pages/000_1a0fd3d6edc5478c.txt", 31, "Q2-Q3 2023", "sometime in 2023"),
        "000_1a0fd3d6edc5478c.txt",
        31,
        "timeline",
        says=("sometime in 2023",),
    ),
    Case(
        "page-non-utf8-byte",
        ("ingest", "workstream", "data/raw/pages/000_1a0fd3d6edc5478c.txt"),
        lambda f: f.bytes_on_line("data/raw/pages/000_1a0fd3d6edc5478c.txt", 21, "Q2 2023", b"Q2\xff2023"),
        "000_1a0fd3d6edc5478c.txt",
        21,
        None,
        says=("0xff",),
    ),
    Case(
        "page-empty-discussion",
        ("ingest", "discussion", "data/raw/pages/002_b7a1eff67a549924.txt", "--out", "data/comments.csv"),
        lambda f: f.put("data/raw/pages/002_b7a1eff67a549924.txt", b""),
        "002_b7a1eff67a549924.txt",
        None,
        None,
    ),
    # ---- control characters in every text field of a file from elsewhere: refused, by line and column
    Case(
        "comments-control-characters",
        ("code", "{elsewhere}/survey_comments.csv", "--out", CODED),
        lambda f: _hostile_row(SURVEY_COMMENTS, COMMENT_TEXT_FIELDS, CONTROL_PAYLOAD)(f),
        "survey_comments.csv",
        2,
        "in_reply_to",
        says=("control character",),
    ),
    Case(
        "practices-control-characters",
        ("score", "--practices", "{elsewhere}/survey_practices.csv", "--assessments", "", "--out", SCORES),
        lambda f: _hostile_row(SURVEY_PRACTICES, PRACTICE_TEXT_FIELDS, CONTROL_PAYLOAD)(f),
        "survey_practices.csv",
        2,
        "summary",
        says=("control character",),
    ),
    # ---- the command line ---------------------------------------------------------------------
    Case("cli-score-without-out", ("score",), None, None, None, "--out", exit=2),
    Case("cli-run-timeout-zero", ("run", T_BRIEF, "--timeout", "0"), None, None, None, "--timeout", exit=2),
    Case(
        "cli-code-out-is-a-folder", ("code", "data/comments.csv", "--out", "{elsewhere}"), None, "elsewhere", None, None
    ),
    Case(
        "cli-dictionary-out-under-a-file",
        ("dictionary", "--out", "{elsewhere}/scores.csv/dictionary.md"),
        None,
        "scores.csv",
        None,
        None,
    ),
    Case(
        "cli-datapackage-out-under-a-file",
        ("datapackage", "--out", "{elsewhere}/scores.csv/datapackage.json"),
        None,
        "scores.csv",
        None,
        None,
    ),
    # ---- a REFI-QDA project back from a QDA tool: refused, data/code_reviews.csv left as it was
    Case(
        "qdpx-not-a-zip",
        IMPORT_QDA,
        lambda f: f.put(QDA_PROJECT, b"Project,exported\n"),
        "edited.qdpx",
        None,
        None,
        says=("not a REFI-QDA project",),
    ),
    Case(
        "qdpx-broken-xml",
        IMPORT_QDA,
        _qdpx(6, "</Coding>", "</Codin>"),
        "edited.qdpx",
        6,
        None,
        says=("project.qde", "not well-formed"),
    ),
    Case(
        "qdpx-position-not-a-number",
        IMPORT_QDA,
        _qdpx(5, 'startPosition="0"', 'startPosition="zero"'),
        "edited.qdpx",
        None,
        "startPosition",
        says=("PlainTextSelection",),
    ),
    Case(
        "qdpx-position-past-the-text",
        IMPORT_QDA,
        _qdpx(5, 'endPosition="5"', 'endPosition="500"'),
        "edited.qdpx",
        None,
        None,
        says=("outside the source's 26 characters",),
    ),
    Case(
        "qdpx-text-outside-the-project",
        IMPORT_QDA,
        _qdpx(4, 'plainTextPath="internal://', 'plainTextPath="C:/Users/'),
        "edited.qdpx",
        None,
        None,
        says=("outside the project",),
    ),
    Case(
        "qdpx-reviewer-empty", ("import-qda", QDA_PROJECT, "--reviewer", " "), _qdpx(), None, None, "--reviewer", exit=2
    ),
]


@dataclass(frozen=True)
class Hostile:
    """Valid text that is hostile: accepted (exit 0), then loaded and shown escaped."""

    id: str
    argv: tuple[str, ...]
    change: Callable[[Files], None]
    written: str  # the file the command writes
    table: str  # the table holding the hostile text, and its layout, to load and show
    layout: str
    payload: str
    # a hang guard, not a speed measure (`make bench` measures speed): a slow pattern or a quadratic step on a
    # megabyte cell takes many minutes; a megabyte practices cell takes 3 s at load 3 and took 13 to over 15 s at
    # load 8 on 2 cores, so 60 s leaves a busy machine room and still stops a hang
    seconds: float = 60.0


COMMENT_TEXT_FIELDS = ["discussion", "author", "organisation", "in_reply_to", "text", "source"]
PRACTICE_TEXT_FIELDS = [
    "title",
    "countries",
    "region",
    "type",
    "submitter_or_implementers",
    "url",
    "summary",
    "notes",
    "target_group_basis",
]
SURVEY_COMMENTS, SURVEY_PRACTICES = "{elsewhere}/survey_comments.csv", "{elsewhere}/survey_practices.csv"


def _hostile_row(name: str, fields: list[str], payload: str) -> Callable[[Files], None]:
    def change(f: Files) -> None:
        rows = f.rows(name)
        header, first = rows[0], list(rows[1])
        for field in fields:
            first[header.index(field)] = payload
        f.write_rows(name, [header, first, *rows[2:]])

    return change


HOSTILE: list[Hostile] = [
    *[
        Hostile(
            f"comments-hostile-{kind}",
            ("code", SURVEY_COMMENTS, "--out", "{elsewhere}/hostile.coded.csv"),
            _hostile_row(SURVEY_COMMENTS, COMMENT_TEXT_FIELDS, payload),
            "{elsewhere}/hostile.coded.csv",
            SURVEY_COMMENTS,
            "comments",
            payload,
        )
        for kind, payload in PAYLOADS.items()
    ],
    *[
        Hostile(
            f"practices-hostile-{kind}",
            ("score", "--practices", SURVEY_PRACTICES, "--assessments", "", "--out", "{elsewhere}/hostile.scores.csv"),
            _hostile_row(SURVEY_PRACTICES, PRACTICE_TEXT_FIELDS, payload),
            "{elsewhere}/hostile.scores.csv",
            SURVEY_PRACTICES,
            "practices",
            payload,
        )
        for kind, payload in PAYLOADS.items()
    ],
    # a catastrophic pattern (exponential in a backtracking engine) against a long text: must finish
    Hostile(
        "codebook-catastrophic-pattern",
        ("code", "{elsewhere}/long_comment.csv", "--out", "{elsewhere}/long.coded.csv"),
        lambda f: f.on_line("data/codebook.yaml", 65, "'legal identity'", "'legal identity', '(a+)+$'"),
        "{elsewhere}/long.coded.csv",
        "{elsewhere}/long_comment.csv",
        "comments",
        "",
        seconds=10.0,
    ),
    Hostile(
        "checklist-catastrophic-pattern",
        (
            "score",
            "--practices",
            "{elsewhere}/long_practice.csv",
            "--assessments",
            "",
            "--out",
            "{elsewhere}/long.scores.csv",
        ),
        lambda f: f.on_line("data/checklist.yaml", 128, "'income'", "'income', '(a+)+$'"),
        "{elsewhere}/long.scores.csv",
        "{elsewhere}/long_practice.csv",
        "practices",
        "",
        seconds=10.0,
    ),
]
