"""The consultation's comments and codes in a REFI-QDA project, and codes changed in a QDA tool back
as reviews (``workbooks export-qda`` / ``workbooks import-qda``).

**Out** (:func:`qda_project`): one text source per comment, named by its comment_id, with its
discussion, question, author, organisation, stakeholder type, date, source and source address as
variables, and whether its words are as posted or our paraphrase of a rebuilt page. The codebook is
three code families (GCM objectives, guiding principles, checklist themes) holding every code with
its definition. Each code a comment raises, once the reviews in data/code_reviews.csv are applied,
is a coded passage:

- given by the automatic coder and not reviewed: the words its patterns matched, coded by the user
  :data:`AUTOMATIC_CODER`;
- kept by a review: the same words, coded by the reviewer, with the review's note;
- added by a review: the whole comment, coded by the reviewer, with the review's note.

A code a review rejected is not coded; a note on the comment says which, by whom and why.

**Back** (:func:`review_changes`): the codes each comment has in the project are compared with the
codes it raises here. A code it gained becomes an ``added`` review (``kept`` where it undoes a
rejection); a code it lost becomes a ``rejected`` review (or removes the review that had added it).
Comments and codes the project has that this data does not are never dropped silently: they are
returned as :class:`Unmatched` rows, to be kept in a file beside the project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..common.files import atomic_write_bytes, atomic_write_csv
from ..common.text import shorten
from ..common.wording import count_of
from ..errors import ParameterError, QdaFileError
from ..qda import refi
from ..tables.layouts import CODE_REVIEWS
from ..tables.vocabularies import ADDED, KEPT, OPEN, REJECTED
from .analysis import discussion_titles
from .codebook import FAMILIES, Codebook
from .coding import coded_passages
from .inputs import ConsultationInputs
from .quotes import WORDING_LABELS, wording_of
from .renderings import given

AUTOMATIC_CODER = "automatic coder (the patterns of data/codebook.yaml)"
FAMILY_GROUPS = {
    "gcm_objective": ("GCM objectives", "The 23 objectives of the Global Compact for Migration."),
    "principle": ("GCM guiding principles", "The Global Compact's ten guiding principles."),
    "theme": (
        "Checklist themes",
        "The themes of the workstream's checklist (data/checklist.yaml): decent work and access to financing.",
    ),
}
# name, type, description: the variables every comment carries, declared once
VARIABLES = (
    ("comment_id", "Text", "The comment's id in the comments file (e.g. data/comments.csv)."),
    ("discussion", "Text", "The discussion's title, as data/sources.csv registers it."),
    ("question", "Text", "The discussion question the comment answers, as the page shows it."),
    (
        "author",
        "Text",
        "The author as the page shows them (or as another stored copy of the page shows them: "
        "see 'author from another copy').",
    ),
    (
        "author from another copy",
        "Text",
        "The discussion whose stored copy gave the author and date, where this copy shows none.",
    ),
    ("organisation", "Text", "The organisation the comment speaks for, as its author line or its text names it."),
    ("stakeholder type", "Text", "The organisation's stakeholder type (data/organisations.csv)."),
    ("posted", "Date", "The date the page shows for the comment."),
    ("source", "Text", "Where the comment was read: a source_id in data/sources.csv, a URL or a file name."),
    ("source URL", "Text", "The public address of the page."),
    (
        "wording",
        "Text",
        "Whether the text is as posted or our paraphrase (stored pages rebuilt with their prose "
        "rewritten are never anyone's words).",
    ),
    ("truncated", "Boolean", "Whether the page cut the comment's text off."),
    ("illustrative", "Boolean", "True for invented demonstration data, never to be read as real."),
)


def code_guid(code_id: str) -> str:
    return refi.guid_for("code", code_id)


def comment_guid(comment_id: str) -> str:
    return refi.guid_for("comment", comment_id)


def user_guid(name: str) -> str:
    return refi.guid_for("user", name)


def qda_codes(codebook: Codebook, labels: dict[str, str]) -> list[refi.Code]:
    """The codebook as REFI-QDA codes: a family (not codable) per code family, each code under it
    named by its label, its description its id and definition."""
    families = []
    for family in FAMILIES:
        name, description = FAMILY_GROUPS[family]
        children = [
            refi.Code(code_guid(code.code), labels[code.code], f"{code.code}: {code.definition}")
            for code in codebook.family(family)
        ]
        families.append(refi.Code(refi.guid_for("family", family), name, description, codable=False, children=children))
    return families


def _datetime(day) -> str:
    return f"{pd.Timestamp(day):%Y-%m-%d}T00:00:00Z" if given(day) else ""


def qda_project(inputs: ConsultationInputs, name: str = "Consultation inputs") -> refi.Project:
    """The chosen comments with their codes, reviews applied (see the module docstring)."""
    sources = inputs.sources_data.frame
    coded = inputs.coded
    titles = discussion_titles(coded["discussion"], sources)
    addresses = dict(zip(sources["source_id"], sources["url"]))
    questions = {
        (discussion, int(position)): text
        for discussion, position, text in zip(
            inputs.questions_data.frame["discussion"],
            inputs.questions_data.frame["question"],
            inputs.questions_data.frame["text"],
        )
    }
    illustrative = inputs.illustrative
    reviewers = list(dict.fromkeys(name for name in inputs.reviews["reviewer"] if str(name).strip()))
    users = [refi.User(user_guid(AUTOMATIC_CODER), AUTOMATIC_CODER)] + [refi.User(user_guid(n), n) for n in reviewers]
    variables = [
        refi.Variable(refi.guid_for("variable", variable), variable, kind, description)
        for variable, kind, description in VARIABLES
    ]
    variable_guids = {variable.name: variable.guid for variable in variables}
    # rows of the frames below are read by their fields, the frames' columns (the stubs type each as any scalar)
    review: Any
    row: Any
    code_row: Any
    review_of: dict[tuple[str, str], Any] = {}
    for row in inputs.counted_reviews.itertuples(index=False):
        review_of[(row.comment_id, row.code)] = row
    by_id = inputs.codebook.by_id
    notes: list[refi.Note] = []
    project_sources = []
    long = inputs.long.groupby("comment_id", sort=False)
    codes_of = {comment_id: group for comment_id, group in long}
    automatic = inputs.automatic_long.groupby("comment_id", sort=False)
    automatic_of = {comment_id: set(group["code"]) for comment_id, group in automatic}
    rejected_of: dict[str, list] = {}
    for review in inputs.counted_reviews.itertuples(index=False):
        if review.decision == REJECTED:
            rejected_of.setdefault(review.comment_id, []).append(review)
    for row in coded.itertuples(index=False):
        text = str(row.text)
        source = refi.TextSource(
            guid=comment_guid(row.comment_id), name=row.comment_id, text=text, user_guid=user_guid(AUTOMATIC_CODER)
        )
        wording = wording_of(row.source, sources)
        who = row.author if given(row.author) else "no name given"
        source.description = shorten(
            f"{who}, in {titles.get(row.discussion, row.discussion)}. Wording: {WORDING_LABELS[wording]}.", 400
        )
        question = questions.get((row.discussion, int(row.question))) if given(row.question) else None
        values = {
            "comment_id": row.comment_id,
            "discussion": titles.get(row.discussion, row.discussion),
            "question": question,
            "author": row.author,
            "author from another copy": row.attribution_from,
            "organisation": row.organisation,
            "stakeholder type": row.stakeholder_type,
            "posted": f"{pd.Timestamp(row.posted):%Y-%m-%d}" if given(row.posted) else None,
            "source": row.source,
            "source URL": addresses.get(row.source),
            "wording": WORDING_LABELS[wording],
            "truncated": bool(row.truncated),
            "illustrative": illustrative,
        }
        source.values = [(variable_guids[variable], value) for variable, value in values.items() if given(value)]
        selections: dict[tuple[int, int], refi.Selection] = {}
        for code_row in codes_of[row.comment_id].itertuples(index=False) if row.comment_id in codes_of else ():
            code = by_id[code_row.code]
            passages = coded_passages(text, code) if code_row.review != ADDED else []
            coder, created, note_guids = AUTOMATIC_CODER, "", []
            if code_row.review:
                review = review_of[(row.comment_id, code_row.code)]
                coder, created = review.reviewer, _datetime(review.date)
                note = refi.Note(
                    refi.guid_for("review", row.comment_id, code_row.code),
                    f"Review of {code_row.label} in {row.comment_id}",
                    f"{review.decision} by {review.reviewer} on {_datetime(review.date)[:10]}: {review.note}",
                    user_guid(review.reviewer),
                    created,
                )
                notes.append(note)
                note_guids = [note.guid]
            for start, end in passages or [(0, len(text))]:
                selection = selections.setdefault(
                    (start, end),
                    refi.Selection(
                        guid=refi.guid_for("passage", row.comment_id, str(start), str(end)),
                        start=start,
                        end=end,
                        name=shorten(text[start:end], 60),
                        user_guid=user_guid(coder if not passages else AUTOMATIC_CODER),
                        created=created if not passages else "",
                    ),
                )
                selection.codings.append(
                    refi.Coding(
                        refi.guid_for("coding", row.comment_id, code_row.code, str(start)),
                        code_guid(code_row.code),
                        user_guid(coder),
                        created,
                        list(note_guids),
                    )
                )
        source.selections = [selections[key] for key in sorted(selections)]
        for review in rejected_of.get(row.comment_id, ()):
            gave = review.code in automatic_of.get(row.comment_id, ())
            note = refi.Note(
                refi.guid_for("review", row.comment_id, review.code),
                f"Rejected: {inputs.labels[review.code]} in {row.comment_id}",
                f"{inputs.labels[review.code]} ({review.code}) rejected by {review.reviewer} on "
                f"{_datetime(review.date)[:10]}: {review.note} "
                + (
                    "The automatic coder gives it; it is not coded here."
                    if gave
                    else "The automatic coder no longer gives it."
                ),
                user_guid(review.reviewer),
                _datetime(review.date),
            )
            notes.append(note)
            source.note_guids.append(note.guid)
        project_sources.append(source)
    mark = "ILLUSTRATIVE DATA, invented for demonstration: not real comments. " if illustrative else ""
    description = (
        f"{mark}Comments from {inputs.comments_data.path.name} ({count_of(len(project_sources), 'comment')}), coded with "
        f"{inputs.codebook.path.name}, reviews from "
        f"{inputs.reviews_data.path.name if inputs.reviews_data is not None else 'no reviews file'}. "
        f"Codings by the user '{AUTOMATIC_CODER}' are the words the codebook's patterns matched, not reviewed; "
        f"codings by another user were reviewed by them (kept: the matched words; added: the whole comment), "
        f"each with a note saying why. Codes a review rejected are not coded; a note on the comment names them. "
        f"Comments from stored pages rebuilt with their prose rewritten are our paraphrase, never the author's "
        f"words (the variable 'wording'). Made by Integration Workbooks (workbooks export-qda)."
    )
    return refi.Project(
        name=name,
        origin="Integration Workbooks (workbooks export-qda)",
        description=description,
        users=users,
        codes=qda_codes(inputs.codebook, inputs.labels),
        variables=variables,
        sources=project_sources,
        notes=notes,
    )


# ---- back from a QDA tool ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What importing did to one (comment, code): ``before`` and ``after`` are review decisions
    ('' for no review)."""

    comment_id: str
    code: str
    label: str
    before: str
    after: str

    @property
    def said(self) -> str:
        what = {
            ("", ADDED): "added (a new review)",
            (REJECTED, KEPT): "kept again (the rejection undone)",
            ("", REJECTED): "rejected (a new review)",
            (KEPT, REJECTED): "rejected (was kept)",
            (ADDED, REJECTED): "rejected (its 'added' review overruled)",
        }
        return f"{self.comment_id}: {self.label} ({self.code}) {what.get((self.before, self.after), self.after)}"


@dataclass(frozen=True)
class Unmatched:
    """A coding in the project this data cannot take: an unknown comment or code, kept for a person."""

    source_name: str
    code_name: str
    passage: str
    why: str


UNMATCHED_COLUMNS = ["source_name", "code_name", "passage", "why"]


@dataclass(frozen=True)
class ImportResult:
    reviews: pd.DataFrame  # the whole reviews table after the changes, in the code_reviews layout
    changes: list[Change]
    unmatched: list[Unmatched]
    comments_compared: int
    comments_not_in_project: int

    def unmatched_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [[u.source_name, u.code_name, u.passage, u.why] for u in self.unmatched], columns=UNMATCHED_COLUMNS
        )


def _codes_by_name(inputs: ConsultationInputs) -> tuple[dict, dict]:
    by_guid = {code_guid(code_id): code_id for code_id in inputs.codebook.code_ids}
    by_name = {label.casefold(): code_id for code_id, label in inputs.labels.items()}
    by_name.update({code_id.casefold(): code_id for code_id in inputs.codebook.code_ids})
    return by_guid, by_name


def review_changes(
    project: refi.Project,
    inputs: ConsultationInputs,
    all_reviews: pd.DataFrame,
    reviewer: str,
    date: str,
    project_name: str,
) -> ImportResult:
    """Compare the codes each comment has in ``project`` with the codes it raises in ``inputs``
    (automatic codes with ``all_reviews`` applied) and turn every difference into a review by
    ``reviewer`` on ``date`` (see the module docstring). Comments of ``inputs`` the project does not
    hold are left as they are."""
    row: Any  # a comment's row, read by its fields (the stubs type each as any scalar)
    comments: dict[str, Any] = {}
    for row in inputs.coded.itertuples(index=False):
        comments[row.comment_id] = row
    comment_of_guid = {comment_guid(comment_id): comment_id for comment_id in comments}
    code_of_guid, code_of_name = _codes_by_name(inputs)
    project_codes = {code.guid: code for code in project.every_code()}
    unmatched: list[Unmatched] = []
    in_project: dict[str, set[str]] = {}
    for source in project.sources:
        comment_id = comment_of_guid.get(source.guid) or (source.name if source.name in comments else None)
        codings = [(coding, source.text[s.start : s.end]) for s in source.selections for coding in s.codings]
        codings += [(coding, source.text) for coding in source.codings]
        if comment_id is None:
            for coding, passage in codings:
                code = project_codes.get(coding.code_guid)
                unmatched.append(
                    Unmatched(
                        source.name,
                        code.name if code else coding.code_guid,
                        passage,
                        "no comment of this id in the comments file",
                    )
                )
            continue
        found = in_project.setdefault(comment_id, set())
        for coding, passage in codings:
            code = project_codes.get(coding.code_guid)
            code_id = code_of_guid.get(coding.code_guid) or (code_of_name.get(code.name.casefold()) if code else None)
            if code_id is None:
                why = (
                    "a code family, not a code: code the passage with a code under it"
                    if code is not None and not code.codable
                    else "a code data/codebook.yaml does not have: add it there to count it"
                )
                unmatched.append(Unmatched(source.name, code.name if code else coding.code_guid, passage, why))
            else:
                found.add(code_id)
    automatic: dict[str, set[str]] = {}
    for comment_id, code_id in zip(inputs.automatic_long["comment_id"], inputs.automatic_long["code"]):
        automatic.setdefault(comment_id, set()).add(code_id)
    reviews = all_reviews.copy()
    decision = {(c, k): d for c, k, d in zip(reviews["comment_id"], reviews["code"], reviews["decision"])}
    earlier = {
        (c, k): f"; after the review '{d}' by {who}"
        for c, k, d, who in zip(reviews["comment_id"], reviews["code"], reviews["decision"], reviews["reviewer"])
    }
    changes, new_rows = [], []
    for comment_id, codes_now in in_project.items():
        auto = automatic.get(comment_id, set())
        raised = {code for code in auto if decision.get((comment_id, code)) != REJECTED}
        raised |= {code for (c, code), made in decision.items() if c == comment_id and made in (KEPT, ADDED)}
        for code_id in inputs.codebook.code_ids:
            before = decision.get((comment_id, code_id), "")
            if code_id in codes_now and code_id not in raised:
                after, note = (KEPT, "coded again") if code_id in auto else (ADDED, "coded")
            elif code_id in raised and code_id not in codes_now:  # also a code only a review had added: the
                after, note = REJECTED, "coding removed"  # latest decision counts, the earlier one is kept as history
            else:
                continue
            changes.append(Change(comment_id, code_id, inputs.labels[code_id], before, after))
            # open: the project showed the codes as decided so far (the automatic coder's and the reviews')
            new_rows.append(
                {
                    "comment_id": comment_id,
                    "code": code_id,
                    "decision": after,
                    "reviewer": reviewer,
                    "date": date,
                    "mode": OPEN,
                    "note": f"{note} in a QDA tool ({project_name}){earlier.get((comment_id, code_id), '')}",
                    "source": comments[comment_id].source,
                }
            )
    reviews["date"] = [f"{pd.Timestamp(day):%Y-%m-%d}" for day in reviews["date"]]
    # every earlier decision kept (the table's history), the new ones after them: the latest counts
    reviews = pd.concat([reviews, pd.DataFrame(new_rows, columns=CODE_REVIEWS.column_names)], ignore_index=True)
    return ImportResult(
        reviews=reviews[CODE_REVIEWS.column_names],
        changes=changes,
        unmatched=unmatched,
        comments_compared=len(in_project),
        comments_not_in_project=len(comments) - len(in_project),
    )


def unmatched_path(project_path: Path | str) -> Path:
    """Where the codings an import cannot take are kept: PROJECT.unmatched.csv beside the project."""
    project_path = Path(project_path)
    return project_path.with_name(project_path.stem + ".unmatched.csv")


# ---- the two commands ------------------------------------------------------------------------------


def _inputs(
    comments_file, questions_file, reviews_file, discussions=(), root: Path | None = None
) -> ConsultationInputs:
    from .inputs import load_consultation_inputs

    inputs = load_consultation_inputs(
        str(comments_file),
        str(questions_file),
        list(discussions),
        [],
        root=root,
        code_reviews_file=str(reviews_file or ""),
    )
    assert inputs is not None  # None only with check_only, not asked for here
    return inputs


def export_qda(
    out: Path | str,
    codebook_out: Path | str | None,
    comments_file="data/comments.csv",
    questions_file="data/questions.csv",
    reviews_file="data/code_reviews.csv",
    discussions=(),
    root: Path | None = None,
) -> tuple[refi.Project, Path, Path]:
    """Write the project (``out``, .qdpx) and the codebook (``codebook_out``, .qdc; default beside
    ``out``); both are built before either is written."""
    inputs = _inputs(comments_file, questions_file, reviews_file, discussions, root)
    project = qda_project(inputs)
    codebook_out = Path(codebook_out) if codebook_out else Path(out).with_suffix(".qdc")
    project_bytes = refi.qdpx_bytes(project)
    codebook_bytes = refi.codebook_xml(project.codes, origin=project.origin)
    return project, atomic_write_bytes(out, project_bytes), atomic_write_bytes(codebook_out, codebook_bytes)


def import_qda(
    project_file: Path | str,
    reviewer: str,
    date: str,
    comments_file="data/comments.csv",
    questions_file="data/questions.csv",
    reviews_file="data/code_reviews.csv",
    unmatched_out: Path | str | None = None,
    dry_run: bool = False,
    root: Path | None = None,
) -> tuple[ImportResult, Path | None]:
    """Read a project back (:func:`review_changes`) and, unless ``dry_run``, write the reviews file
    (checked against its layout and references first) and the codings it cannot take
    (``unmatched_out``, default PROJECT.unmatched.csv beside the project). Returns the result and
    where the unmatched codings went (None when there were none or nothing was written)."""
    from ..tables.validate import write_table
    from .reviews import check_code_reviews

    if not reviews_file:  # the reviews are written there: without it, _inputs reads no reviews
        raise ParameterError(None, "reviews_file", "the reviews table to update is needed (data/code_reviews.csv)")
    project = refi.read_qdpx(project_file)  # a bad file is said before anything else is read
    inputs = _inputs(comments_file, questions_file, reviews_file, (), root)
    reviews_data = inputs.reviews_data
    assert reviews_data is not None  # a reviews file is given (above)
    all_reviews = reviews_data.frame
    result = review_changes(project, inputs, all_reviews, reviewer, date, Path(project_file).name)
    if result.comments_compared == 0 and result.unmatched:  # nothing to compare: the wrong comments file, not a change
        raise QdaFileError(
            f"{project_file}: none of its {count_of(len(project.sources), 'comment')} is a comment of "
            f"{inputs.comments_data.path.name}: was it exported from another comments file? Give that "
            "file with --comments FILE and its reviews with --reviews FILE. Nothing was written."
        )
    check_code_reviews(
        result.reviews, inputs.comments_data.frame[["comment_id", "source"]], inputs.codebook, reviews_data.path
    )
    unmatched_file = None
    if not dry_run:
        if result.unmatched:
            unmatched_file = Path(unmatched_out) if unmatched_out else unmatched_path(project_file)
            atomic_write_csv(result.unmatched_frame(), unmatched_file)
        if result.changes:
            write_table(result.reviews, CODE_REVIEWS, reviews_data.path)
    return result, unmatched_file
