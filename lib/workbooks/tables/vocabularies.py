"""The values a column may hold, declared once: table layouts, ingest and the workbooks import them."""

from __future__ import annotations

# --- activity statuses: the options the Hub's workstream pages list ------------------------------
YET_TO_START = "Yet to start"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"
STATUSES: tuple[str, ...] = (YET_TO_START, IN_PROGRESS, COMPLETED)
NOT_RECORDED = "Not recorded"  # shown for an activity with no status on or before the as-of date
_STATUS_ALIASES = {
    "yet to start": YET_TO_START,
    "not started": YET_TO_START,
    "in progress": IN_PROGRESS,
    "ongoing": IN_PROGRESS,
    "completed": COMPLETED,
}


def normalise_status(text: str) -> str:
    """The canonical status for a recorded text ('Ongoing' is In progress); unknown text is returned as is."""
    key = " ".join(str(text).replace("\u00a0", " ").split()).lower()
    return _STATUS_ALIASES.get(key, str(text).strip())


# --- flags the workstream ingest sets on an activity ---------------------------------------------
FLAG_CUT_OFF = "cut-off-before-timeline"
FLAG_NO_TIMELINE = "no-timeline-on-page"
FLAG_UNNUMBERED = "unnumbered"
ACTIVITY_FLAGS = (FLAG_CUT_OFF, FLAG_NO_TIMELINE, FLAG_UNNUMBERED)

# --- who speaks in a consultation ----------------------------------------------------------------
UNKNOWN = "unknown"
MEMBER_STATE = "Member State"  # a UN Member State or observer State (data/un_states.csv), whoever speaks for it
STAKEHOLDER_TYPES = (
    MEMBER_STATE,
    "UN entity",
    "civil society/NGO",
    "trade union",
    "academia",
    "private sector",
    "migrant-led or diaspora organisation",
    "individual",
    UNKNOWN,
)

UN_MEMBER, UN_OBSERVER = "member", "observer"
UN_STATUSES = (UN_MEMBER, UN_OBSERVER)  # a Member State of the UN, or a non-member observer State

# --- where a comments table's rows were gathered: its sidecar's `collected_from` (one, or a list) -----
HUB_PAGES = "hub pages"  # the Network's Hub discussion pages (data/comments.csv): comments posted on a page
COMMENT_ORIGINS = (HUB_PAGES, "e-mails", "meeting notes", "survey", "other")

# --- reviews of the consultation coder's codes (data/code_reviews.csv) ---------------------------
KEPT, REJECTED, ADDED = "kept", "rejected", "added"
REVIEW_DECISIONS = (
    KEPT,
    REJECTED,
    ADDED,
)  # an automatic code confirmed, an automatic code refused, a code the coder missed

# --- how a recorded decision was made (code_reviews, assessments, status_log: the `mode` column) ----
OPEN, BLIND, SETTLING = "open", "blind", "settling"
REVIEW_MODES = (
    OPEN,
    BLIND,
    SETTLING,
)  # earlier decisions shown; other reviewers' decisions hidden; settles a disagreement

# --- good-practice records -----------------------------------------------------------------------
SOURCE_DATABASES = ("Hub", "Hub pledge", "GFMD", "ILO", "MIRPS", "other", "survey")
SURVEY = "survey"
SUMMARY_BASES = ("listing teaser", "detail page excerpt", "title only", "survey response")
THIN_SUMMARY_BASES = ("listing teaser", "title only")  # records that show little of the practice
TARGET_GROUPS = ("immigrants", "return migrants", "both", "emigrants", "emigrants and return migrants", UNKNOWN)
SURVEY_ASSESSMENTS = ("effective", "harmful")

# --- the checklist: 0 absent, 50 partial, 100 present (IOM MGI and MIPEX) ------------------------
ABSENT, PARTIAL, PRESENT = 0, 50, 100
SCORES = (ABSENT, PARTIAL, PRESENT)
SCORE_LABELS = {
    ABSENT: "not shown",
    PARTIAL: "partly shown",
    PRESENT: "fully shown",
}  # what a record shows, not what a practice does
# What the workstream's mandate (seed 000) names, by pillar: data/checklist.yaml must cover every
# item, and the codebook's checklist themes are the decent-work and financing items.
CHECKLIST_MANDATE = {
    "decent-work": ("job-creation", "social-protection", "social-dialogue", "rights-at-work"),
    "financing": ("access-to-financing",),
    "approach": ("gender-responsive", "rights-based", "whole-of-government", "whole-of-society"),
    "who-it-serves": ("immigrants", "return-migrants"),
}

# --- the Global Compact for Migration (A/RES/73/195) ---------------------------------------------
GCM_OBJECTIVE_NUMBERS = tuple(range(1, 24))

# --- provenance ----------------------------------------------------------------------------------
ILLUSTRATIVE_SOURCE = "illustrative"  # the provenance of every row of invented demonstration data
TRUE_FALSE = ("true", "false")
