"""Table layouts: column metadata declared once, turned into pandera schemas (:mod:`.validate`)
and the data dictionary (:mod:`.dictionary`).

Every CSV under ``data/`` has a layout here. A column has a kind (text, date, integer, boolean)
and may name the vocabulary it takes (``allowed``), a pattern, a normaliser applied before
validation. Every reference from a table to another (or to the codebook's codes and the checklist's
items, which are YAML) is declared once, in its layout's ``references``: :class:`Reference`;
``check-data`` and each workbook's loader check them with the same function
(:func:`workbooks.tables.references.reference_problems`). Every table's ``source`` column is
:data:`SOURCE_PAGE` (a page in the registry) or made by :func:`source_column`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from .vocabularies import (
    ACTIVITY_FLAGS,
    ADDED,
    GCM_OBJECTIVE_NUMBERS,
    KEPT,
    REJECTED,
    REVIEW_DECISIONS,
    REVIEW_MODES,
    SCORES,
    SOURCE_DATABASES,
    STAKEHOLDER_TYPES,
    STATUSES,
    SUMMARY_BASES,
    SURVEY,
    SURVEY_ASSESSMENTS,
    TARGET_GROUPS,
    TRUE_FALSE,
    UN_STATUSES,
    UNKNOWN,
    normalise_status,
)

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CODE_LIST = r"^$|^[a-z0-9-]+(?:;[a-z0-9-]+)*$"
_NUMBER_LIST = r"^$|^\d{1,2}(?:;\d{1,2})*$"
_NUMBER_LIST_WORDS = "numbers of one or two digits joined by ';' (no spaces), e.g. 6;20"
_CODE_LIST_WORDS = (
    "keys of lower-case letters, digits and '-' joined by ';' (no spaces), e.g. human-rights;gender-responsive"
)


KINDS = ("text", "date", "integer", "boolean")  # as written in the CSV: text, YYYY-MM-DD, digits, true/false
WHOLE_NUMBER = r"^\d+$"
# The form of a date or whole-number cell, in words: what validation says of a cell not written so. The kind
# checks its own form; a pattern on such a column may only restate it (for the Data Package, datapackage.py).
KIND_FORMS = {
    "date": "a real date written YYYY-MM-DD, e.g. 2024-06-30",
    "integer": "a whole number written in digits, e.g. 12",
}
_KIND_PATTERNS = {"date": ISO_DATE, "integer": WHOLE_NUMBER}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # one of KINDS: the type the column has once loaded (str, Timestamp, Int64, bool)
    description: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    normalise: Callable[[str], str] | None = None  # applied to each cell before validation
    absent_as_empty: bool = (
        False  # a column the layout gained later: a file without it loads as if every cell were empty
    )
    pattern_words: str | None = None  # what ``pattern`` asks, in words with an example: "a cell must be <words>"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.pattern and self.kind in _KIND_PATTERNS and self.pattern != _KIND_PATTERNS[self.kind]:
            raise ValueError(
                f"column {self.name!r}: a {self.kind} column's form is its kind's "
                f"({KIND_FORMS[self.kind]}); its pattern may only be {_KIND_PATTERNS[self.kind]}"
            )
        if self.pattern and self.kind == "text" and not self.pattern_words:
            raise ValueError(
                f"column {self.name!r}: a pattern needs pattern_words, what it asks in words with an "
                "example (a person reads them when a cell does not match, never the pattern)"
            )

    @property
    def form(self) -> str | None:
        """What a cell must be, in words: 'a real date written YYYY-MM-DD, e.g. 2024-06-30', or the
        pattern's words; None where any text will do or a vocabulary says it."""
        if self.vocabulary:
            return None  # one of its words: the vocabulary says it
        if self.kind in KIND_FORMS:
            return KIND_FORMS[self.kind]
        return self.pattern_words if self.pattern else None

    @property
    def vocabulary(self) -> tuple[str, ...] | None:
        """The texts a cell may hold (besides empty), if the column has a closed set of them."""
        return TRUE_FALSE if self.kind == "boolean" else self.allowed


REFERENCE_FILES = {"codebook": "data/codebook.yaml", "checklist": "data/checklist.yaml"}  # YAML targets


@dataclass(frozen=True)
class Reference:
    """Each row's ``columns`` must be found, together, as ``target_columns`` of one row of the table
    ``target`` (a layout's name, or a YAML file of :data:`REFERENCE_FILES` by its keys: the codebook's
    ``code``s, the checklist's ``item``s). With ``skip_empty``, a row with an empty cell among
    ``columns`` refers to nothing."""

    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]
    skip_empty: bool = False

    @property
    def name(self) -> str:
        return f"{self.target}.{'+'.join(self.target_columns)}"


@dataclass(frozen=True)
class DecisionHistory:
    """Rows that are decisions, kept with their history: several rows may decide the same ``unit`` (two
    reviewers, a changed mind, a settled disagreement) and none is overwritten. The one that counts is
    the latest, by ``date`` and, on the same date, the row further down the file
    (:func:`workbooks.tables.decisions.decisions_that_count`, the one rule). Reviewers agree or
    disagree on ``compared``, read through ``meaning`` where two values mean the same (a code kept or
    added applies); ``level`` is the level of measurement Krippendorff's alpha takes for it."""

    unit: tuple[str, ...]
    compared: str
    date: str = "date"
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal"  # the levels krippendorff.alpha takes
    meaning: tuple[tuple[str, str], ...] = ()  # (value, what it means) where values share a meaning

    def meaning_of(self, value) -> str:
        """What a decision says, for comparing two reviewers' decisions."""
        return dict(self.meaning).get(str(value), str(value))


@dataclass(frozen=True)
class TableLayout:
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    unique_key: tuple[str, ...] = ()
    provenance_column: str = "source"  # the column that says where each row comes from
    references: tuple[Reference, ...] = ()
    rows_required: bool = False  # a table that means nothing empty: a file with its header only is refused
    decisions: DecisionHistory | None = None  # rows are decisions with a history (reviews, scores, statuses)
    # rules across a row's columns, on the table as text: each gives "line N, column 'x': ..." for every row breaking
    # it; checked wherever the table is validated (check-data and every loader alike)
    row_rules: tuple[Callable, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def source_column(description: str) -> ColumnSpec:
    """A table's ``source`` column: where each row comes from, in the table's own terms."""
    return ColumnSpec("source", "text", description)


def mode_column(what: str) -> ColumnSpec:
    """The ``mode`` column of a table of decisions: how a row's decision was made."""
    return ColumnSpec(
        "mode",
        "text",
        f"How the {what} was made: open (earlier decisions were shown; an empty cell "
        "is read so), blind (other reviewers' decisions were hidden, so it counts towards agreement "
        "between reviewers), settling (settles a disagreement between reviewers).",
        required=False,
        allowed=REVIEW_MODES,
        absent_as_empty=True,
    )


SOURCE_PAGE = ColumnSpec("source", "text", "source_id in data/sources.csv of the page the row was read from.")
FROM_SOURCE_PAGE = Reference(("source",), "sources", ("source_id",))  # the reference of SOURCE_PAGE

SOURCES = TableLayout(
    rows_required=True,
    name="sources",
    description="Every source page, registered once; other tables point to it by source_id.",
    columns=(
        ColumnSpec(
            "source_id",
            "text",
            "Short stable id of the source, used in every table's `source` column.",
            pattern=r"^[a-z0-9][a-z0-9-]*$",
            pattern_words="an id of lower-case letters, digits and '-', starting with a letter or digit, "
            "e.g. hub-draft-network-workplan",
        ),
        ColumnSpec("file", "text", "Path of the stored page text, relative to the project root."),
        ColumnSpec("kind", "text", "Kind of page.", allowed=("workstream", "discussion")),
        ColumnSpec(
            "url",
            "text",
            "Public address of the page.",
            pattern=r"^https?://",
            pattern_words="a web address starting http:// or https://, e.g. https://migrationnetwork.un.org/",
        ),
        ColumnSpec("title", "text", "Title of the page; for a workstream page, the workstream's name."),
        ColumnSpec(
            "copy",
            "text",
            "Whether the stored copy holds the whole page or stops part-way.",
            allowed=("full", "partial"),
        ),
        ColumnSpec("date", "date", "Retrieved or published date, when known.", required=False, pattern=ISO_DATE),
        ColumnSpec("date_kind", "text", "What `date` is.", allowed=("retrieved", "published", "unknown")),
        ColumnSpec("note", "text", "Provenance notes: how the copy was made, what it lacks.", required=False),
    ),
    unique_key=("source_id",),
)

ACTIVITIES = TableLayout(
    rows_required=True,
    name="activities",
    description="One row per planned activity of a Network workstream, as its Hub page states it.",
    columns=(
        ColumnSpec("workstream", "text", "Name of the workstream (the source page's title)."),
        ColumnSpec(
            "activity_id",
            "text",
            "Roman numeral as on the page (i, ii, ...); position (1, 2, ...) where the page numbers none.",
        ),
        ColumnSpec("description", "text", "The activity's text as on the page, lines joined by spaces."),
        ColumnSpec(
            "timeline_raw",
            "text",
            "The `Timeline:` value as written; empty where the page stops before it.",
            required=False,
        ),
        ColumnSpec(
            "planned_start",
            "date",
            "First day of the first quarter or year of the timeline.",
            required=False,
            pattern=ISO_DATE,
        ),
        ColumnSpec(
            "planned_end",
            "date",
            "Last day of the last quarter or year of the timeline.",
            required=False,
            pattern=ISO_DATE,
        ),
        ColumnSpec("flags", "text", f"Ingest flags joined by ';': {', '.join(ACTIVITY_FLAGS)}.", required=False),
        SOURCE_PAGE,
        ColumnSpec(
            "page_line", "integer", "Line of the stored page file where the activity starts.", pattern=WHOLE_NUMBER
        ),
    ),
    unique_key=("workstream", "activity_id"),
    references=(FROM_SOURCE_PAGE,),
)

STATUS_LOG = TableLayout(
    name="status_log",
    description="Recorded statuses of activities: one row per observation, the latest on or before a date wins; "
    "a row is never overwritten: a status recorded again for the same activity and date is a new row "
    "below, and the last one counts.",
    columns=(
        ColumnSpec("workstream", "text", "Workstream name, as in activities.csv."),
        ColumnSpec("activity_id", "text", "Activity id, as in activities.csv."),
        ColumnSpec("as_of", "date", "Date on which the status was observed or recorded.", pattern=ISO_DATE),
        ColumnSpec(
            "status",
            "text",
            "Yet to start, In progress or Completed ('Ongoing' is read as In progress).",
            allowed=STATUSES,
            normalise=normalise_status,
        ),
        source_column("Where the status comes from: a source_id, a URL, or 'illustrative'."),
        ColumnSpec("note", "text", "Free text.", required=False),
        ColumnSpec(
            "reviewer",
            "text",
            "Who recorded the status (a person's name, or an AI assistant named as one); empty where not said.",
            required=False,
            absent_as_empty=True,
        ),
        mode_column("status"),
    ),
    references=(Reference(("workstream", "activity_id"), "activities", ("workstream", "activity_id")),),
    decisions=DecisionHistory(unit=("workstream", "activity_id", "as_of"), compared="status", date="as_of"),
)


COMMENTS = TableLayout(
    rows_required=True,
    name="comments",
    description="One row per comment posted in a discussion: read from Hub discussion pages by "
    "`workbooks ingest discussion`, or gathered elsewhere (email, a survey export) on the "
    "template data/templates/comments.template.csv.",
    columns=(
        ColumnSpec(
            "discussion",
            "text",
            "Which discussion the comment belongs to: for a Hub page, its source_id in data/sources.csv.",
        ),
        ColumnSpec(
            "question",
            "integer",
            "Position on the page of the discussion question the comment answers (1 = first shown); "
            "empty where it stands above every question.",
            required=False,
            pattern=WHOLE_NUMBER,
        ),
        ColumnSpec(
            "comment_id",
            "text",
            "Stable id: the page's source_id and the comment's position, e.g. seed-002-draft-network-workplan-c03.",
            pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            pattern_words="an id of letters, digits, '_', '.' and '-', starting with a letter or digit, "
            "e.g. email-consultation-2023-c01",
        ),
        ColumnSpec(
            "author",
            "text",
            "Display name as the page shows it (e.g. 'Cecilia Nicoletti', 'Sarah Doyel, IOM'); empty where the page shows none.",
            required=False,
        ),
        ColumnSpec(
            "organisation",
            "text",
            "Organisation the comment speaks for, as its author line or its own text names it "
            "('As Caritas Internationalis Confederation, ...'); empty where neither names one.",
            required=False,
        ),
        ColumnSpec(
            "posted",
            "date",
            "Date the page shows for the comment; empty where it shows none.",
            required=False,
            pattern=ISO_DATE,
        ),
        ColumnSpec(
            "in_reply_to",
            "text",
            "User the comment replies to, as the page shows it ('In reply to by UN Network').",
            required=False,
        ),
        ColumnSpec("text", "text", "The comment's text as shown (untrusted: escape wherever it is displayed)."),
        ColumnSpec(
            "truncated",
            "boolean",
            "true where the page cut the text ('...', 'read more', or the stored copy stops inside it).",
        ),
        source_column("Where the comment was read: a source_id in data/sources.csv, a URL, or a file name."),
    ),
    unique_key=("comment_id",),
    references=(Reference(("discussion", "question"), "questions", ("discussion", "question"), skip_empty=True),),
)

QUESTIONS = TableLayout(
    name="questions",
    description="One row per discussion question shown on a Hub discussion page.",
    columns=(
        ColumnSpec("discussion", "text", "The discussion (a source_id in data/sources.csv)."),
        ColumnSpec(
            "question", "integer", "Position of the question on the page (1 = first shown).", pattern=WHOLE_NUMBER
        ),
        ColumnSpec(
            "label", "text", "The number the page gives the question ('3. Which ...' is 3), if any.", required=False
        ),
        ColumnSpec("text", "text", "The question as shown; a question given in two languages keeps both lines."),
        ColumnSpec(
            "poster",
            "text",
            "Who posted the question, as shown ('Florence Kim', 'Migration Netw…' where the page cut it).",
            required=False,
        ),
        ColumnSpec("posted", "date", "Date shown for the question, if any.", required=False, pattern=ISO_DATE),
        SOURCE_PAGE,
        ColumnSpec(
            "page_line", "integer", "Line of the stored page file where the question starts.", pattern=WHOLE_NUMBER
        ),
    ),
    unique_key=("discussion", "question"),
    references=(FROM_SOURCE_PAGE,),
)

ORGANISATIONS = TableLayout(
    name="organisations",
    description="Organisations that speak in consultations, their other names, and their stakeholder type. Edit "
    "this table, not code, to classify a new organisation; an organisation not listed is 'unknown'.",
    columns=(
        ColumnSpec("organisation", "text", "Canonical name."),
        ColumnSpec("aliases", "text", "Other names and spellings found in comments, joined by ';'.", required=False),
        ColumnSpec("stakeholder_type", "text", "Kind of stakeholder.", allowed=STAKEHOLDER_TYPES),
        source_column("Where the name and type come from: the page that names it (source_id) and/or a URL."),
        ColumnSpec("note", "text", "Why this type, where it was a judgement.", required=False),
    ),
    unique_key=("organisation",),
)

GCM_OBJECTIVES = TableLayout(
    rows_required=True,
    name="gcm_objectives",
    description=f"The {len(GCM_OBJECTIVE_NUMBERS)} objectives of the Global Compact for Migration (A/RES/73/195, paragraph 16).",
    columns=(
        ColumnSpec("number", "integer", "Objective number.", allowed=tuple(map(str, GCM_OBJECTIVE_NUMBERS))),
        ColumnSpec("label", "text", "Short label the Migration Network Hub uses to tag content."),
        ColumnSpec("title", "text", "The objective's title."),
        source_column("Where the text comes from."),
    ),
    unique_key=("number",),
)

UN_STATES = TableLayout(
    rows_required=True,
    name="un_states",
    description="The States a consultation comment can speak for: the UN's Member States and its non-member observer States.",
    columns=(
        ColumnSpec(
            "iso3",
            "text",
            "ISO 3166-1 alpha-3 code: the key to the State's names in pycountry.",
            pattern=r"^[A-Z]{3}$",
            pattern_words="three capital letters, e.g. KEN",
        ),
        ColumnSpec(
            "name", "text", "Short name, as the source gives it (the names a comment may use come from pycountry)."
        ),
        ColumnSpec("status", "text", "Member State of the UN, or non-member observer State.", allowed=UN_STATUSES),
        ColumnSpec("admitted", "integer", "Year of admission to the UN; empty for an observer.", required=False),
        source_column("Where the row comes from."),
    ),
    unique_key=("iso3",),
)

GUIDING_PRINCIPLES = TableLayout(
    rows_required=True,
    name="guiding_principles",
    description="The 10 cross-cutting guiding principles of the Global Compact for Migration (A/RES/73/195, paragraph 15).",
    columns=(
        ColumnSpec(
            "key",
            "text",
            "Key used in data files and in the `principles` column of coded comments.",
            pattern=r"^[a-z-]+$",
            pattern_words="lower-case letters and '-', e.g. human-rights",
        ),
        ColumnSpec(
            "letter",
            "text",
            "Letter of the principle in paragraph 15.",
            pattern=r"^[a-j]$",
            pattern_words="one lower-case letter from a to j, e.g. f",
        ),
        ColumnSpec("label", "text", "The principle's name."),
        ColumnSpec("gist", "text", "One-line gist."),
        source_column("Where the text comes from."),
    ),
    unique_key=("key",),
)

WORKPLAN_PRIORITIES = TableLayout(
    name="workplan_priorities",
    description="Priorities of the draft Network workplan 2022-2024 as the consultation's comments name them "
    "(the draft itself is not among the stored pages).",
    columns=(
        ColumnSpec(
            "priority",
            "text",
            "Reference key, as `workbooks code` writes it: ongoing-3, new-5, area-3, network-2, thematic-4.",
            pattern=r"^(?:ongoing|new|area|network|thematic)-\d+$",
            pattern_words="ongoing, new, area, network or thematic, a '-' and a number, e.g. ongoing-3",
        ),
        ColumnSpec("title", "text", "The priority's name as a comment gives it."),
        ColumnSpec(
            "workstream",
            "text",
            "The Network workstream this priority became, where a stored page shows it.",
            required=False,
        ),
        SOURCE_PAGE,
        ColumnSpec("evidence", "text", "The words of that comment that tie the number to the name."),
    ),
    unique_key=("priority",),
    references=(FROM_SOURCE_PAGE,),
)

HAND_CODED = TableLayout(
    name="hand_coded",
    description="A hand-coded sample of real comments: the reference the automatic coder is scored against.",
    columns=(
        ColumnSpec("comment_id", "text", "comment_id in data/comments.csv."),
        ColumnSpec(
            "gcm_objectives",
            "text",
            "GCM objectives the comment is about, numbers joined by ';'.",
            required=False,
            pattern=_NUMBER_LIST,
            pattern_words=_NUMBER_LIST_WORDS,
        ),
        ColumnSpec(
            "principles",
            "text",
            "Guiding principles the comment invokes, keys joined by ';'.",
            required=False,
            pattern=_CODE_LIST,
            pattern_words=_CODE_LIST_WORDS,
        ),
        ColumnSpec(
            "themes",
            "text",
            "Checklist themes the comment is about, keys joined by ';'.",
            required=False,
            pattern=_CODE_LIST,
            pattern_words=_CODE_LIST_WORDS,
        ),
        ColumnSpec("coder", "text", "Who coded the row."),
        ColumnSpec("coded_on", "date", "When.", pattern=ISO_DATE),
        SOURCE_PAGE,
        ColumnSpec("note", "text", "Judgement calls.", required=False),
    ),
    unique_key=("comment_id",),
    references=(Reference(("comment_id",), "comments", ("comment_id",)), FROM_SOURCE_PAGE),
)


def practice_row_problems(practices) -> list[str]:
    """Rules across a practice's columns: a survey example says whether it was effective or harmful; only survey
    examples carry an assessment; a target group other than unknown shows the words it rests on."""
    problems = []
    for position, (_, row) in enumerate(practices.iterrows()):
        line = position + 2
        if row["source_db"] == SURVEY and row["assessment"] == "":
            problems.append(
                f"line {line}, column 'assessment': a survey example needs {' or '.join(map(repr, SURVEY_ASSESSMENTS))}"
            )
        if row["source_db"] != SURVEY and row["assessment"] != "":
            problems.append(
                f"line {line}, column 'assessment': only survey examples (source_db {SURVEY!r}) carry an assessment"
            )
        if row["target_group"] != UNKNOWN and not str(row["target_group_basis"]).strip():
            problems.append(
                f"line {line}, column 'target_group_basis': say which words of the record show "
                f"target group {row['target_group']!r}"
            )
    return problems


PRACTICES = TableLayout(
    rows_required=True,
    name="practices",
    description="One row per policy or practice example: the good-practice records of the Hub, GFMD, ILO and MIRPS "
    "databases (built by `workbooks ingest practices`), or examples gathered by the workstream's "
    "survey (activity iii) on data/templates/practices.template.csv. Empty means the source did "
    "not say, never 'none'.",
    columns=(
        ColumnSpec(
            "practice_id",
            "text",
            "Unique slug; its prefix shows the source (hub-, hubpledge-, gfmd-, ilo-, mirps-, other-, survey-).",
            pattern=r"^[a-z0-9][a-z0-9-]*$",
            pattern_words="an id of lower-case letters, digits and '-', starting with a letter or digit, "
            "e.g. survey-2024-r017",
        ),
        ColumnSpec(
            "title",
            "text",
            "The practice's name as the source gives it; empty where the source showed none.",
            required=False,
        ),
        ColumnSpec("countries", "text", "Countries the source states, joined by '; '.", required=False),
        ColumnSpec(
            "region", "text", "Region or bloc as stated (Americas, ECOWAS, European Union, Global...).", required=False
        ),
        ColumnSpec(
            "years",
            "text",
            "As stated: YYYY-YYYY, YYYY-present, from YYYY, or YYYY.",
            required=False,
            pattern=r"^\d{4}(?:-\d{4}|-present)?$|^from \d{4}$",
            pattern_words="a year (2021), two years (2019-2022), a year to now (2021-present) or 'from 2021'",
        ),
        ColumnSpec("type", "text", "Type of practice where the source labels it.", required=False),
        ColumnSpec(
            "submitter_or_implementers",
            "text",
            "Names the source states, each with its role ('submitted by: X'), "
            "roles separated by ' | '. A GFMD 'submitted by' is whoever posted the entry.",
            required=False,
        ),
        ColumnSpec("source_db", "text", "Where the record comes from.", allowed=SOURCE_DATABASES),
        ColumnSpec(
            "url",
            "text",
            "The page the record was found on (a listing page for listing-only records); for a survey "
            "answer, the response's reference; 'illustrative' for invented example rows.",
        ),
        ColumnSpec(
            "summary",
            "text",
            "What the practice does and for whom, in our own words (untrusted when it comes from a survey: "
            "escape wherever it is displayed).",
        ),
        ColumnSpec("summary_basis", "text", "What the summary was written from.", allowed=SUMMARY_BASES),
        ColumnSpec(
            "notes",
            "text",
            "Caveats: text cut off, other URLs of the same practice, where a country or region came from.",
            required=False,
        ),
        ColumnSpec(
            "target_group",
            "text",
            "Whom the record says the practice serves; 'unknown' where its title and summary do "
            "not say (set by the checklist's 'who it serves' items, see data/checklist.yaml).",
            allowed=TARGET_GROUPS,
        ),
        ColumnSpec(
            "target_group_basis",
            "text",
            "The record's words that show the target group; empty when unknown.",
            required=False,
        ),
        ColumnSpec(
            "assessment",
            "text",
            "For survey examples: whether the respondent judged the policy effective or harmful; "
            "empty for database records.",
            required=False,
            allowed=SURVEY_ASSESSMENTS,
        ),
    ),
    unique_key=("practice_id",),
    provenance_column="url",
    row_rules=(practice_row_problems,),
)

ASSESSMENTS = TableLayout(
    name="assessments",
    description="Checked checklist scores: a reviewer's score for one practice on one checklist item, replacing the "
    "automatic first pass; the reviewer column names who checked it (a person, or an AI assistant, which briefs "
    "say is not a person), and briefs name that reviewer. One "
    "row per decision: a practice and item may have several (reviewers, a changed mind, a settled "
    "disagreement), none overwritten; the latest counts.",
    columns=(
        ColumnSpec("practice_id", "text", "practice_id in data/practices.csv (or the practices file the brief reads)."),
        ColumnSpec("item", "text", "Item key in data/checklist.yaml (job-creation, social-protection, ...)."),
        ColumnSpec(
            "score",
            "integer",
            "0 absent, 50 partial, 100 present (IOM MGI and MIPEX convention).",
            allowed=tuple(map(str, SCORES)),
        ),
        ColumnSpec("reviewer", "text", "Who checked the score: a person's name, or an AI assistant named as one."),
        ColumnSpec("date", "date", "When.", pattern=ISO_DATE),
        ColumnSpec(
            "rationale", "text", "Why this score: the record's words, or what another source shows.", required=False
        ),
        source_column("What the reviewer read: 'record' (the row in the practices file) or a URL."),
        mode_column("score"),
    ),
    references=(
        Reference(("practice_id",), "practices", ("practice_id",)),
        Reference(("item",), "checklist", ("item",)),
    ),
    decisions=DecisionHistory(unit=("practice_id", "item"), compared="score", level="ordinal"),
)

CODE_REVIEWS = TableLayout(
    name="code_reviews",
    description="Checked codes of consultation comments: a reviewer's decision on one code of one comment, "
    "replacing the automatic coder's (data/codebook.yaml) in every count. One row per decision: a "
    "comment and code may have several (reviewers, a changed mind, a settled disagreement), none "
    "overwritten; the latest counts.",
    columns=(
        ColumnSpec("comment_id", "text", "comment_id in data/comments.csv (or the comments file the brief reads)."),
        ColumnSpec(
            "code",
            "text",
            "The code's `code` entry in data/codebook.yaml (gcm-6, principle-human-rights, "
            "theme-social-dialogue, ...).",
            pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
            pattern_words="a code of lower-case letters and digits, its parts joined by '-', e.g. gcm-6",
        ),
        ColumnSpec(
            "decision",
            "text",
            "kept: the automatic code is right; rejected: the automatic code is wrong and "
            "is not counted; added: the comment raises a code the coder missed, counted.",
            allowed=REVIEW_DECISIONS,
        ),
        ColumnSpec(
            "reviewer",
            "text",
            "Who checked the code, as the brief names them (a person, or an AI assistant named as one).",
        ),
        ColumnSpec("date", "date", "When.", pattern=ISO_DATE),
        ColumnSpec(
            "note", "text", "Why, in one line: the comment's words, or the coding rule applied.", required=False
        ),
        source_column(
            "What the reviewer read: the comment's own `source` in the comments file (the page's "
            "source_id in data/sources.csv, a URL or a file name)."
        ),
        mode_column("decision"),
    ),
    decisions=DecisionHistory(
        unit=("comment_id", "code"),
        compared="decision",
        meaning=((KEPT, "applies"), (ADDED, "applies"), (REJECTED, "does not apply")),
    ),
    references=(
        Reference(("comment_id",), "comments", ("comment_id",)),
        Reference(("comment_id", "source"), "comments", ("comment_id", "source")),
        Reference(("code",), "codebook", ("code",)),
    ),
)

LAYOUTS: dict[str, TableLayout] = {
    layout.name: layout
    for layout in (
        SOURCES,
        ACTIVITIES,
        STATUS_LOG,
        COMMENTS,
        QUESTIONS,
        ORGANISATIONS,
        GCM_OBJECTIVES,
        GUIDING_PRINCIPLES,
        WORKPLAN_PRIORITIES,
        HAND_CODED,
        PRACTICES,
        ASSESSMENTS,
        CODE_REVIEWS,
        UN_STATES,
    )
}
