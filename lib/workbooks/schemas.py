"""Table layouts: column metadata defined once, turned into pandera schemas and a data dictionary.

Every CSV under ``data/`` has a layout here. :func:`load_table` reads a CSV as text, checks the
header, validates every cell with pandera, and only then converts types, so that a bad cell is
reported as ``FILE, line N, column C: ...`` before any analysis sees it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd
import pandera.pandas as pa

from .status import STATUSES

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # "text" | "date" | "integer"
    description: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class TableLayout:
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    unique_key: tuple[str, ...] = ()
    references: Mapping[str, str] = field(default_factory=dict)  # column -> "table.column"
    provenance_column: str = "source"  # the column that says where each row comes from

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


class TableError(ValueError):
    """A table that does not fit its layout; the message names file, line and column."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{self.path}: {len(problems)} problem(s)\n  " + "\n  ".join(shown) + more)


SOURCES = TableLayout(
    name="sources",
    description="Every source page, registered once; other tables point to it by source_id.",
    columns=(
        ColumnSpec("source_id", "text", "Short stable id of the source, used in every table's `source` column.",
                   pattern=r"^[a-z0-9][a-z0-9-]*$"),
        ColumnSpec("file", "text", "Path of the stored page text, relative to the project root."),
        ColumnSpec("kind", "text", "Kind of page.", allowed=("workstream", "discussion")),
        ColumnSpec("url", "text", "Public address of the page.", pattern=r"^https?://"),
        ColumnSpec("title", "text", "Title of the page; for a workstream page, the workstream's name."),
        ColumnSpec("copy", "text", "Whether the stored copy holds the whole page or stops part-way.",
                   allowed=("full", "partial")),
        ColumnSpec("date", "date", "Retrieved or published date, when known.", required=False, pattern=ISO_DATE),
        ColumnSpec("date_kind", "text", "What `date` is.", allowed=("retrieved", "published", "unknown")),
        ColumnSpec("note", "text", "Provenance notes: how the copy was made, what it lacks.", required=False),
    ),
    unique_key=("source_id",),
)

ACTIVITIES = TableLayout(
    name="activities",
    description="One row per planned activity of a Network workstream, as its Hub page states it.",
    columns=(
        ColumnSpec("workstream", "text", "Name of the workstream (the source page's title)."),
        ColumnSpec("activity_id", "text", "Roman numeral as on the page (i, ii, ...); position (1, 2, ...) where the page numbers none."),
        ColumnSpec("description", "text", "The activity's text as on the page, lines joined by spaces."),
        ColumnSpec("timeline_raw", "text", "The `Timeline:` value as written; empty where the page stops before it.", required=False),
        ColumnSpec("planned_start", "date", "First day of the first quarter or year of the timeline.", required=False, pattern=ISO_DATE),
        ColumnSpec("planned_end", "date", "Last day of the last quarter or year of the timeline.", required=False, pattern=ISO_DATE),
        ColumnSpec("flags", "text", "Ingest flags joined by ';': cut-off-before-timeline, no-timeline-on-page, unnumbered.", required=False),
        ColumnSpec("source", "text", "source_id in data/sources.csv of the page the row was read from."),
        ColumnSpec("page_line", "integer", "Line of the stored page file where the activity starts.", pattern=r"^\d+$"),
    ),
    unique_key=("workstream", "activity_id"),
    references={"source": "sources.source_id"},
)

STATUS_LOG = TableLayout(
    name="status_log",
    description="Recorded statuses of activities: one row per observation, the latest on or before a date wins.",
    columns=(
        ColumnSpec("workstream", "text", "Workstream name, as in activities.csv."),
        ColumnSpec("activity_id", "text", "Activity id, as in activities.csv."),
        ColumnSpec("as_of", "date", "Date on which the status was observed or recorded.", pattern=ISO_DATE),
        ColumnSpec("status", "text", "Yet to start, In progress or Completed ('Ongoing' is read as In progress).",
                   allowed=STATUSES),
        ColumnSpec("source", "text", "Where the status comes from: a source_id, a URL, or 'illustrative'."),
        ColumnSpec("note", "text", "Free text.", required=False),
    ),
    unique_key=("workstream", "activity_id", "as_of"),
)

STAKEHOLDER_TYPES = (
    "Member State", "UN entity", "civil society/NGO", "trade union", "academia", "private sector",
    "migrant-led or diaspora organisation", "individual", "unknown",
)
TRUE_FALSE = ("true", "false")
_CODE_LIST = r"^$|^[a-z0-9-]+(?:;[a-z0-9-]+)*$"
_NUMBER_LIST = r"^$|^\d{1,2}(?:;\d{1,2})*$"

COMMENTS = TableLayout(
    name="comments",
    description="One row per comment posted in a discussion: read from Hub discussion pages by "
                "`workbooks ingest discussion`, or gathered elsewhere (email, a survey export) on the "
                "template data/templates/comments.template.csv.",
    columns=(
        ColumnSpec("discussion", "text", "Which discussion the comment belongs to: for a Hub page, its source_id in data/sources.csv."),
        ColumnSpec("question", "integer", "Position on the page of the discussion question the comment answers (1 = first shown); "
                   "empty where it stands above every question.", required=False, pattern=r"^\d+$"),
        ColumnSpec("comment_id", "text", "Stable id: the page's source_id and the comment's position, e.g. seed-002-draft-network-workplan-c03.",
                   pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
        ColumnSpec("author", "text", "Display name as the page shows it (e.g. 'Cecilia Nicoletti', 'Sarah Doyel, IOM'); empty where the page shows none.",
                   required=False),
        ColumnSpec("organisation", "text", "Organisation the comment speaks for, as its author line or its own text names it "
                   "('As Caritas Internationalis Confederation, ...'); empty where neither names one.", required=False),
        ColumnSpec("posted", "date", "Date the page shows for the comment; empty where it shows none.", required=False, pattern=ISO_DATE),
        ColumnSpec("in_reply_to", "text", "User the comment replies to, as the page shows it ('In reply to by UN Network').", required=False),
        ColumnSpec("text", "text", "The comment's text as shown (untrusted: escape wherever it is displayed)."),
        ColumnSpec("truncated", "text", "true where the page cut the text ('...', 'read more', or the stored copy stops inside it).",
                   allowed=TRUE_FALSE),
        ColumnSpec("source", "text", "Where the comment was read: a source_id in data/sources.csv, a URL, or a file name."),
    ),
    unique_key=("comment_id",),
)

QUESTIONS = TableLayout(
    name="questions",
    description="One row per discussion question shown on a Hub discussion page.",
    columns=(
        ColumnSpec("discussion", "text", "The discussion (a source_id in data/sources.csv)."),
        ColumnSpec("question", "integer", "Position of the question on the page (1 = first shown).", pattern=r"^\d+$"),
        ColumnSpec("label", "text", "The number the page gives the question ('3. Which ...' is 3), if any.", required=False),
        ColumnSpec("text", "text", "The question as shown; a question given in two languages keeps both lines."),
        ColumnSpec("poster", "text", "Who posted the question, as shown ('Florence Kim', 'Migration Netw…' where the page cut it).",
                   required=False),
        ColumnSpec("posted", "date", "Date shown for the question, if any.", required=False, pattern=ISO_DATE),
        ColumnSpec("source", "text", "source_id in data/sources.csv of the page."),
        ColumnSpec("page_line", "integer", "Line of the stored page file where the question starts.", pattern=r"^\d+$"),
    ),
    unique_key=("discussion", "question"),
    references={"source": "sources.source_id"},
)

ORGANISATIONS = TableLayout(
    name="organisations",
    description="Organisations that speak in consultations, their other names, and their stakeholder type. Edit "
                "this table, not code, to classify a new organisation; an organisation not listed is 'unknown'.",
    columns=(
        ColumnSpec("organisation", "text", "Canonical name."),
        ColumnSpec("aliases", "text", "Other names and spellings found in comments, joined by ';'.", required=False),
        ColumnSpec("stakeholder_type", "text", "Kind of stakeholder.", allowed=STAKEHOLDER_TYPES),
        ColumnSpec("source", "text", "Where the name and type come from: the page that names it (source_id) and/or a URL."),
        ColumnSpec("note", "text", "Why this type, where it was a judgement.", required=False),
    ),
    unique_key=("organisation",),
)

GCM_OBJECTIVES = TableLayout(
    name="gcm_objectives",
    description="The 23 objectives of the Global Compact for Migration (A/RES/73/195, paragraph 16).",
    columns=(
        ColumnSpec("number", "integer", "Objective number, 1 to 23.", pattern=r"^(?:[1-9]|1\d|2[0-3])$"),
        ColumnSpec("label", "text", "Short label the Migration Network Hub uses to tag content."),
        ColumnSpec("title", "text", "The objective's title."),
        ColumnSpec("source", "text", "Where the text comes from."),
    ),
    unique_key=("number",),
)

GUIDING_PRINCIPLES = TableLayout(
    name="guiding_principles",
    description="The 10 cross-cutting guiding principles of the Global Compact for Migration (A/RES/73/195, paragraph 15).",
    columns=(
        ColumnSpec("key", "text", "Key used in data files and in the `principles` column of coded comments.", pattern=r"^[a-z-]+$"),
        ColumnSpec("letter", "text", "Letter of the principle in paragraph 15.", pattern=r"^[a-j]$"),
        ColumnSpec("label", "text", "The principle's name."),
        ColumnSpec("gist", "text", "One-line gist."),
        ColumnSpec("source", "text", "Where the text comes from."),
    ),
    unique_key=("key",),
)

WORKPLAN_PRIORITIES = TableLayout(
    name="workplan_priorities",
    description="Priorities of the draft Network workplan 2022-2024 as the consultation's comments name them "
                "(the draft itself is not among the stored pages).",
    columns=(
        ColumnSpec("priority", "text", "Reference key, as `workbooks code` writes it: ongoing-3, new-5, area-3, network-2, thematic-4.",
                   pattern=r"^(?:ongoing|new|area|network|thematic)-\d+$"),
        ColumnSpec("title", "text", "The priority's name as a comment gives it."),
        ColumnSpec("workstream", "text", "The Network workstream this priority became, where a stored page shows it.", required=False),
        ColumnSpec("source", "text", "source_id of the page whose comment names it."),
        ColumnSpec("evidence", "text", "The words of that comment that tie the number to the name."),
    ),
    unique_key=("priority",),
    references={"source": "sources.source_id"},
)

HAND_CODED = TableLayout(
    name="hand_coded",
    description="A hand-coded sample of real comments: the reference the automatic coder is scored against.",
    columns=(
        ColumnSpec("comment_id", "text", "comment_id in data/comments.csv."),
        ColumnSpec("gcm_objectives", "text", "GCM objectives the comment is about, numbers joined by ';'.", required=False,
                   pattern=_NUMBER_LIST),
        ColumnSpec("principles", "text", "Guiding principles the comment invokes, keys joined by ';'.", required=False,
                   pattern=_CODE_LIST),
        ColumnSpec("themes", "text", "Checklist themes the comment is about, keys joined by ';'.", required=False,
                   pattern=_CODE_LIST),
        ColumnSpec("coder", "text", "Who coded the row."),
        ColumnSpec("coded_on", "date", "When.", pattern=ISO_DATE),
        ColumnSpec("source", "text", "source_id of the page the comment was read from."),
        ColumnSpec("note", "text", "Judgement calls.", required=False),
    ),
    unique_key=("comment_id",),
    references={"comment_id": "comments.comment_id", "source": "sources.source_id"},
)

SOURCE_DATABASES = ("Hub", "Hub pledge", "GFMD", "ILO", "MIRPS", "other", "survey")
SUMMARY_BASES = ("listing teaser", "detail page excerpt", "title only", "survey response")
TARGET_GROUPS = ("immigrants", "return migrants", "both", "unknown")
SURVEY_ASSESSMENTS = ("effective", "harmful")

PRACTICES = TableLayout(
    name="practices",
    description="One row per policy or practice example: the good-practice records of the Hub, GFMD, ILO and MIRPS "
                "databases (built by `workbooks ingest practices`), or examples gathered by the workstream's "
                "survey (activity iii) on data/templates/practices.template.csv. Empty means the source did "
                "not say, never 'none'.",
    columns=(
        ColumnSpec("practice_id", "text", "Unique slug; its prefix shows the source (hub-, hubpledge-, gfmd-, ilo-, mirps-, other-, survey-).",
                   pattern=r"^[a-z0-9][a-z0-9-]*$"),
        ColumnSpec("title", "text", "The practice's name as the source gives it; empty where the source showed none.", required=False),
        ColumnSpec("countries", "text", "Countries the source states, joined by '; '.", required=False),
        ColumnSpec("region", "text", "Region or bloc as stated (Americas, ECOWAS, European Union, Global...).", required=False),
        ColumnSpec("years", "text", "As stated: YYYY-YYYY, YYYY-present, from YYYY, or YYYY.", required=False,
                   pattern=r"^\d{4}(?:-\d{4}|-present)?$|^from \d{4}$"),
        ColumnSpec("type", "text", "Type of practice where the source labels it.", required=False),
        ColumnSpec("submitter_or_implementers", "text", "Names the source states, each with its role ('submitted by: X'), "
                   "roles separated by ' | '. A GFMD 'submitted by' is whoever posted the entry.", required=False),
        ColumnSpec("source_db", "text", "Where the record comes from.", allowed=SOURCE_DATABASES),
        ColumnSpec("url", "text", "The page the record was found on (a listing page for listing-only records); for a survey "
                   "answer, the response's reference; 'illustrative' for invented example rows."),
        ColumnSpec("summary", "text", "What the practice does and for whom, in our own words (untrusted when it comes from a survey: "
                   "escape wherever it is displayed)."),
        ColumnSpec("summary_basis", "text", "What the summary was written from.", allowed=SUMMARY_BASES),
        ColumnSpec("notes", "text", "Caveats: text cut off, other URLs of the same practice, where a country or region came from.",
                   required=False),
        ColumnSpec("target_group", "text", "Whom the record says the practice serves; 'unknown' where its title and summary do "
                   "not say (set by the checklist's 'who it serves' items, see data/checklist.yaml).", allowed=TARGET_GROUPS),
        ColumnSpec("target_group_basis", "text", "The record's words that show the target group; empty when unknown.", required=False),
        ColumnSpec("assessment", "text", "For survey examples: whether the respondent judged the policy effective or harmful; "
                   "empty for database records.", required=False, allowed=SURVEY_ASSESSMENTS),
    ),
    unique_key=("practice_id",),
    provenance_column="url",
)

ASSESSMENTS = TableLayout(
    name="assessments",
    description="Reviewed checklist scores: a person's score for one practice on one checklist item, replacing the "
                "automatic first pass. One row per practice and item.",
    columns=(
        ColumnSpec("practice_id", "text", "practice_id in data/practices.csv (or the practices file the brief reads)."),
        ColumnSpec("item", "text", "Item key in data/checklist.yaml (job-creation, social-protection, ...)."),
        ColumnSpec("score", "integer", "0 absent, 50 partial, 100 present (IOM MGI and MIPEX convention).",
                   allowed=("0", "50", "100")),
        ColumnSpec("reviewer", "text", "Who reviewed the score."),
        ColumnSpec("date", "date", "When.", pattern=ISO_DATE),
        ColumnSpec("rationale", "text", "Why this score: the record's words, or what another source shows."),
        ColumnSpec("source", "text", "What the reviewer read: 'record' (the row in the practices file) or a URL."),
    ),
    unique_key=("practice_id", "item"),
    references={"practice_id": "practices.practice_id"},
)

LAYOUTS: dict[str, TableLayout] = {layout.name: layout for layout in (
    SOURCES, ACTIVITIES, STATUS_LOG, COMMENTS, QUESTIONS, ORGANISATIONS, GCM_OBJECTIVES, GUIDING_PRINCIPLES,
    WORKPLAN_PRIORITIES, HAND_CODED, PRACTICES, ASSESSMENTS,
)}


def pandera_schema(layout: TableLayout) -> pa.DataFrameSchema:
    """The pandera schema of a layout, for a frame read as text (empty cells are '')."""
    columns = {}
    for spec in layout.columns:
        checks = []
        if spec.required:
            checks.append(pa.Check(lambda s: s.str.strip() != "", element_wise=False, error="must not be empty"))
        if spec.allowed:
            allowed = spec.allowed
            checks.append(pa.Check(lambda s, allowed=allowed: (s == "") | s.isin(allowed),
                                   error="must be one of: " + ", ".join(allowed)))
        if spec.pattern:
            pattern = spec.pattern
            checks.append(pa.Check(lambda s, pattern=pattern: (s == "") | s.str.contains(pattern, regex=True).astype(bool),
                                   error=f"must match {spec.pattern}"))
        if spec.kind == "date":
            checks.append(pa.Check(lambda s: (s == "") | pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna(),
                                   error="must be a real date written YYYY-MM-DD"))
        columns[spec.name] = pa.Column(checks=checks, nullable=False, coerce=False)
    return pa.DataFrameSchema(columns, strict=False, ordered=False,
                              unique=list(layout.unique_key) or None, report_duplicates="exclude_first")


def _problems_from(error: pa.errors.SchemaErrors) -> list[str]:
    problems = []
    cases = error.failure_cases
    for _, case in cases.iterrows():
        index = case.get("index")
        column = case.get("column")
        check = str(case.get("check"))
        value = case.get("failure_case")
        if index is None or pd.isna(index):
            problems.append(f"column {column!r}: {check}")
            continue
        line = int(index) + 2  # header is line 1
        if column is None or (isinstance(column, float) and pd.isna(column)) or check.startswith("field_uniqueness") \
                or check.startswith("multiple_fields_uniqueness"):
            problems.append(f"line {line}: duplicate key {value!r} ({check})")
        else:
            problems.append(f"line {line}, column {column!r}: {value!r} {check}")
    return problems


def read_text_table(path: Path | str) -> pd.DataFrame:
    """A CSV read as text: every cell a str, empty cells '' (nothing turned into NaN)."""
    path = Path(path)
    if not path.exists():
        raise TableError(path, ["no such file"])
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise TableError(path, [f"not a readable UTF-8 CSV: {error}"]) from None


def validate_text_table(frame: pd.DataFrame, layout: TableLayout, path: Path | str) -> None:
    expected = layout.column_names
    missing = [name for name in expected if name not in frame.columns]
    unknown = [name for name in frame.columns if name not in expected]
    header_problems = []
    if missing:
        header_problems.append(f"line 1: missing column(s) {', '.join(missing)} (the {layout.name} layout has: {', '.join(expected)})")
    if unknown:
        header_problems.append(f"line 1: unknown column(s) {', '.join(map(str, unknown))}")
    if header_problems:
        raise TableError(path, header_problems)
    try:
        pandera_schema(layout).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise TableError(path, _problems_from(error)) from None


def typed(frame: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """Convert a validated text frame to analysis types (dates, integers, missing values)."""
    result = frame[layout.column_names].copy()
    for spec in layout.columns:
        column = result[spec.name]
        if spec.kind == "date":
            result[spec.name] = pd.to_datetime(column.where(column != ""), format="%Y-%m-%d")
        elif spec.kind == "integer":
            result[spec.name] = pd.to_numeric(column.where(column != "")).astype("Int64")
        else:
            result[spec.name] = column.astype(object)
    return result


def load_table(path: Path | str, layout: TableLayout | str,
               normalisers: Mapping[str, Callable[[str], str]] | None = None) -> pd.DataFrame:
    """Read, validate and type one CSV; raise :class:`TableError` naming file, line and column."""
    if isinstance(layout, str):
        layout = LAYOUTS[layout]
    frame = read_text_table(path)
    for column, normalise in (normalisers or {}).items():
        if column in frame.columns:
            frame[column] = frame[column].map(normalise)
    validate_text_table(frame, layout, path)
    return typed(frame, layout)


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from the layouts (docs/data_dictionary.md)."""
    parts = ["# Data dictionary", "",
             "Generated from `lib/workbooks/schemas.py` by `workbooks dictionary`; do not edit by hand.", ""]
    for layout in LAYOUTS.values():
        parts += [f"## {layout.name}", "", layout.description, ""]
        if layout.unique_key:
            parts += [f"Unique key: {', '.join(layout.unique_key)}.", ""]
        parts += ["| column | type | required | allowed values / form | meaning |", "|---|---|---|---|---|"]
        for spec in layout.columns:
            form = ", ".join(spec.allowed) if spec.allowed else ("YYYY-MM-DD" if spec.kind == "date" else (spec.pattern or ""))
            form = form.replace("|", "\\|")
            parts.append(f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {form} | {spec.description} |")
        parts.append("")
    return "\n".join(parts)
