"""The three workbooks, as readers and presenters know them: declared once, read by the catalogue
of briefs, the presenter's landing page, each live view's heading, and the brief runner (the parameters
the notebook's one load takes, the files it reads). Imports nothing: the loaders themselves are in
``workbooks.loaders``, above the workbooks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Workbook:
    notebook: str  # the notebook's stem in notebooks/, and the folder its briefs go to in outputs/
    name: str  # as a reader reads it
    shows: str  # one line on what its live view shows and what the presenter picks
    loader_arguments: tuple[str, ...]  # the notebook's parameters, in the order the notebook passes them to its
    # one load (its loader: workbooks.loaders.LOADERS[notebook], which the runner calls first)
    reads: tuple[str, ...]  # what the loader reads besides the files its *_file arguments name: files from the
    # project root, a folder as "data/raw/pages/" (all in it); a table's sidecar goes with it. The brief's
    # fingerprint is made from these; a test runs each loader and fails on any file it reads and does not declare
    about: str = ""  # one line for readers on what its briefs show: the catalogue prints it under the workbook's name
    demonstrates: str = ""  # what its demonstrations (briefs on invented data) show, for their catalogue cards
    compared_parameter: str = ""  # the parameter naming the records a brief compares, each one of its sources
    compared_noun: str = ""  # those records in a reader's word, plural ("practices")
    address: tuple[str, ...] = ()  # what its live view keeps in its page's address (?name=value), the names a
    # prepared view (params/presenter_views.yaml) may set
    quoted: str = ""  # what a brief shows in its sources' words, singular ("comment"): a paraphrase where a source's
    # stored copy rewrote the prose (the brief's facts say so of each source), which its catalogue card says


WORKBOOKS = {
    workbook.notebook: workbook
    for workbook in [
        Workbook(
            "timeline_progress",
            "Timeline progress",
            "The Network's planned activities against their recorded status: pick a date and workstreams, "
            "and the timeline chart and tables redraw.",
            ("activities_file", "status_log_file", "workstreams", "as_of"),
            ("data/sources.csv", "data/raw/pages/"),
            about="What the Network's workstreams planned to do and by when, as their Hub pages give it, and what is "
            "recorded of it: what was due by a day, what is due next, and the events the pages list.",
            quoted="activity text",
            address=("as_of", "workstreams"),
            demonstrates="what a brief reports once statuses are recorded (here invented): progress against the "
            "plan, overdue activities, late starts and late completions.",
        ),
        Workbook(
            "consultation_inputs",
            "Consultation inputs",
            "What stakeholders said in the Hub's discussions, coded against the mandate: pick stakeholder types, "
            "a code or a question, and the chart and the comments redraw.",
            ("comments_file", "questions_file", "discussions", "codes_in_focus", "min_count", "code_reviews_file"),
            (
                "data/organisations.csv",
                "data/gcm_objectives.csv",
                "data/guiding_principles.csv",
                "data/workplan_priorities.csv",
                "data/hand_coded_sample.csv",
                "data/comments.csv",
                "data/codebook.yaml",
                "data/asks.yaml",
                "data/checklist.yaml",
                "data/sources.csv",
            ),
            about="What stakeholders asked the Network for in their comments (the Hub's consultations, or comments "
            "gathered elsewhere: each brief names where), who asked, and which GCM objectives, guiding "
            "principles and checklist themes their comments raise.",
            quoted="comment",
            address=("stakeholders", "code", "question"),
        ),
        Workbook(
            "good_practice_comparison",
            "Good-practice comparison",
            "Practices scored on the checklist of the mandate, side by side: pick 2 to 6 practices and a pillar, "
            "and the heatmap, the radars and the table redraw.",
            (
                "practices_file",
                "assessments_file",
                "practices",
                "region",
                "source_db",
                "target_group",
                "pillars",
                "items_in_focus",
            ),
            ("data/checklist.yaml", "data/assessments.csv", "data/gcm_objectives.csv", "data/guiding_principles.csv"),
            about="Good practices read against the workstream's checklist (from public databases, or records gathered "
            "elsewhere: each brief names its source): what the records' summaries show, what they leave out, "
            "and whether that is rare among the other records.",
            compared_parameter="practices",
            compared_noun="practices",
            address=("practices", "pillar"),
        ),
    ]
}
