"""Load and cross-check what the good-practice comparison needs: the practice records, the
checklist, reviewed scores, and the scores of every record (automatic, replaced by reviews)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..common.wording import count_of, verb_for
from ..errors import ParameterError
from ..presentation.html import INFO, Caveat, illustrative_caveats
from ..tables.datasets import Dataset, load_dataset
from ..tables.vocabularies import THIN_SUMMARY_BASES
from .checklist import Checklist, load_checklist
from .compare import (
    BY_NAME,
    DATES_DIFFER,
    MIGRATION_RECORDS,
    ItemReading,
    check_items_in_focus,
    dates_differ_notes,
    focus_items,
    item_readings,
    items_counted,
    select_and_set_aside,
    selection_words,
    set_aside_notes,
    split_by_migrants,
)
from .scoring import (
    apply_assessments,
    automatic_scores,
    check_assessments,
    no_assessments,
    rollup,
)
from .similarity import text_similarity

SHIPPED_PRACTICES = "data/practices.csv"  # the records of the public databases (`make data`)
SHIPPED_ASSESSMENTS = "data/assessments.csv"  # the reviewed scores of those records
# the comparison a brief on the shipped records makes when its parameters choose none: labour inclusion in the Americas
SHIPPED_COMPARISON = (
    "mirps-mexico-local-integration-relocation",
    "other-brazil-companies-with-refugees-forum",
    "other-ayuda-en-accion-venezuelan-recovery",
    "other-ilo-venezuela-socioeconomic-integration-sida",
    "other-gcr-pledge-mirps-integration",
    "hubpledge-colombia-etpv-law2136",
)


def is_shipped(practices_path: Path, root: Path) -> bool:
    """Whether the practices file is the project's own records (data/practices.csv), whose defaults
    are the shipped comparison and reviews; any other file is one of the researcher's own."""
    return Path(practices_path) == resolve(SHIPPED_PRACTICES, root)


def default_assessments(practices_path: Path, root: Path) -> str:
    """The reviewed scores a brief reads when ``assessments_file`` is unset: data/assessments.csv for
    the shipped records; none ("") for a practices file of one's own (those reviews are of other records)."""
    return SHIPPED_ASSESSMENTS if is_shipped(practices_path, root) else ""


def default_practices(practices_path: Path, root: Path, filters: dict) -> list[str]:
    """The practices a brief compares when ``practices`` is unset: with a filter set, every record
    matching it; else the shipped comparison for the shipped records, every record of a file of one's own."""
    return list(SHIPPED_COMPARISON) if is_shipped(practices_path, root) and not any(filters.values()) else []


@dataclass(frozen=True)
class PracticeInputs:
    practices_data: Dataset
    assessments_data: Dataset | None  # None: no reviewed scores (assessments_file "")
    checklist: Checklist
    practices: pd.DataFrame  # every record
    scores: pd.DataFrame  # every record x item: score, method, evidence, review
    rolled: pd.DataFrame  # every record: pillar scores and the overall of the pillars in focus
    chosen: pd.DataFrame  # the records compared
    pillars: list  # pillars in focus (parameter pillars, checked against the checklist); empty: all
    selection: str = ""  # how the records compared were chosen, in words (compare.selection_words)
    items_in_focus: tuple = ()  # checklist items the brief is about (keys): first wherever items are listed
    field: pd.DataFrame | None = (
        None  # the migration records (that name a migrant group): counts across records, examples
    )
    set_aside: pd.DataFrame | None = None  # records the parameters chose that name no migrant group: not compared
    serving: tuple = ()  # target groups examples must serve: those the brief compares (the target_group parameter)
    named: tuple = ()  # the practice ids the parameter (or its default) names; empty: the filters choose
    assessments_file: str = ""  # the reviewed scores read, as the parameter (or its default) names them; "" for none
    shipped_records: bool = True  # whether the practices file is the project's own records (data/practices.csv)

    @property
    def migration_records(self) -> pd.DataFrame:
        """The records counted across the file and drawn on for examples: those naming a migrant group."""
        return self.practices if self.field is None else self.field

    @property
    def vocabulary_files(self) -> list[Path]:
        """The YAML file the brief reads its rules from, for its appendix: the checklist."""
        return [self.checklist.path]

    @property
    def datasets(self) -> list[Dataset]:
        return [d for d in (self.practices_data, self.assessments_data) if d is not None]

    @property
    def illustrative(self) -> bool:
        return any(dataset.illustrative for dataset in self.datasets)

    @property
    def assessments_history(self) -> pd.DataFrame | None:
        """Every recorded score, with its history (several reviewers may score one item); None: no file."""
        return self.assessments_data.frame if self.assessments_data is not None else None

    @property
    def ids(self) -> list[str]:
        return list(self.chosen["practice_id"])

    @property
    def chosen_scores(self) -> pd.DataFrame:
        """Every score of the practices compared, on every item (the pillars in focus or not)."""
        return self.scores[self.scores["practice_id"].isin(self.ids)]

    @property
    def shown_scores(self) -> pd.DataFrame:
        """The scores the brief shows: the practices compared, on the items of the pillars in focus."""
        keys = [item.key for item in focus_items(self.checklist, self.pillars)]
        chosen = self.chosen_scores
        return chosen[chosen["item"].isin(keys)]

    @property
    def readings(self) -> list[ItemReading]:
        """Each scored item shown: how the practices compared and all records show it (compare.item_readings)."""
        return item_readings(
            self.scores,
            self.chosen,
            self.migration_records,
            self.checklist,
            self.pillars,
            self.items_in_focus,
            self.serving,
            every_record=self.practices,
        )

    def caveats(self) -> list[Caveat]:
        """Notes a reader must see before any number: invented rows, records that show little, and
        records whose sources date the practice differently."""
        notes = illustrative_caveats(
            self.datasets,
            "some records or scores in this brief are invented for "
            "demonstration. Do not read its practices or scores as fact.",
        )
        thin = self.chosen[self.chosen["summary_basis"].isin(THIN_SUMMARY_BASES)]
        if len(thin):
            comes = (
                "comes from a listing teaser or a title only, often cut off mid-text"
                if len(thin) == 1
                else "come from listing teasers or a title only, most cut off mid-text"
            )
            count = f"All {len(thin)}" if len(thin) == len(self.chosen) else f"{len(thin)} of the {len(self.chosen)}"
            notes.append(
                Caveat(
                    f"{count} records {comes}. Scores read only what the record shows: 0 "
                    "means not shown, not absent from the practice.",
                    INFO,
                )
            )
        aside = set_aside_notes(
            self.chosen.iloc[0:0] if self.set_aside is None else self.set_aside, self.migration_records, self.practices
        )
        notes.extend(Caveat(note, INFO) for note in aside)
        differ = dates_differ_notes(self.chosen)
        if differ:
            notes.append(
                Caveat(
                    f"For {len(differ)} of the {len(self.chosen)} records, {DATES_DIFFER}: " + " ".join(differ), INFO
                )
            )
        return notes

    def similarity(self) -> pd.DataFrame:
        return text_similarity(self.migration_records, self.checklist)

    def headline(self) -> str:
        """The sentence under the brief's title: what is compared on which pillars, out of how many
        records (what the scores rest on is the last key message, compare.review_sentence)."""
        pillars = len(self.checklist.pillars)
        items = items_counted(self.checklist, self.pillars)
        if self.pillars:
            labels = ", ".join(
                self.checklist.pillar(key).label for key in self.checklist.pillar_keys if key in self.pillars
            )
            on = f"{len(self.pillars)} of the workstream checklist's {pillars} pillars ({labels}: {items})"
        else:
            on = f"the workstream checklist ({items})"
        records = len(self.migration_records)
        of = (
            f"{records} {MIGRATION_RECORDS} (of {len(self.practices)} in the file)"
            if records != len(self.practices)
            else f"{records} records"
        )
        return f"{self.compared_words()} on {on}, out of {of}."

    def compared_words(self) -> str:
        """The practices compared and how they were chosen: "6 practices chosen for this brief", "5 practices
        compared (6 were chosen for this brief; 1 that names no migrant group is left out)", or "6 practices
        compared (every record read as serving return migrants ...)"."""
        compared = len(self.chosen)
        aside = 0 if self.set_aside is None else len(self.set_aside)
        if self.selection not in (BY_NAME, ""):
            return f"{compared} practices compared ({self.selection})"
        if not aside:
            return f"{compared} practices chosen for this brief"
        names = verb_for(aside, "that names no migrant group is", "that name no migrant group are")
        return (
            f"{compared} practices compared ({compared + aside} were chosen for this brief; {aside} {names} left out)"
        )


@dataclass(frozen=True)
class ScoredPractices:
    practices_data: Dataset
    assessments_data: Dataset | None
    checklist: Checklist
    practices: pd.DataFrame
    scores: pd.DataFrame
    assessments_file: str = ""  # as the parameter (or its default) names it; "" for none


def load_scored_practices(
    practices_file, assessments_file, root: Path | None = None, checklist_file=None
) -> ScoredPractices:
    """Every practice scored on every checklist item: the practices file and the reviews checked
    against their layouts and each other, automatic scores replaced by reviews ("" for none; None
    chooses by the practices file, :func:`default_assessments`). Reviews of none of the file's
    practices are an error naming ``assessments_file``, the parameter to change."""
    root = root or project_root()
    practices_data = load_dataset(practices_file, root, layout="practices")
    practices = practices_data.frame
    checklist = load_checklist(checklist_file, root=root)
    if assessments_file is None:
        assessments_file = default_assessments(practices_data.path, root)
    assessments_data = load_dataset(assessments_file, root, layout="assessments") if assessments_file else None
    assessments = assessments_data.frame if assessments_data else no_assessments()
    if assessments_data:
        reviewed = set(assessments["practice_id"])
        if reviewed and not reviewed & set(practices["practice_id"]):
            raise ParameterError(
                None,
                "assessments_file",
                f"{assessments_data.path.name} reviews "
                f"{count_of(len(reviewed), 'practice')}, none of them in {practices_data.path.name}: "
                'give "" (no reviewed scores: every score automatic) or a file reviewing the practices '
                f"of {practices_data.path.name}",
            )
        check_assessments(
            assessments, practices["practice_id"], checklist, assessments_data.path, practices_data.path.name
        )
    scores = apply_assessments(automatic_scores(practices, checklist), assessments)
    return ScoredPractices(practices_data, assessments_data, checklist, practices, scores, assessments_file)


def load_practice_inputs(
    practices_file,
    assessments_file,
    ids,
    region,
    source_db,
    target_group,
    pillars,
    items_in_focus=(),
    root: Path | None = None,
    check_only: bool = False,
) -> PracticeInputs | None:
    """What the comparison brief needs: every record scored, the practices chosen by id or filter,
    the pillars in focus and the items the brief is about checked against the checklist, and the
    roll-up whose overall is the mean of the pillars in focus. ``ids`` and ``assessments_file`` None
    (the notebook's defaults) follow the practices file (:func:`default_practices`,
    :func:`default_assessments`). With ``check_only`` (the brief runner, before the kernel) the same
    loading and checks, and None returned."""
    root = root or project_root()
    scored = load_scored_practices(practices_file, assessments_file, root)
    focus = scored.checklist.check_pillars(list(pillars))
    about = check_items_in_focus(scored.checklist, focus, list(items_in_focus))
    filters = {"region": list(region), "source_db": list(source_db), "target_group": list(target_group)}
    ids = default_practices(scored.practices_data.path, root, filters) if ids is None else list(ids)
    field, aside = split_by_migrants(scored.practices, scored.checklist)
    chosen, chosen_aside = select_and_set_aside(scored.practices, list(ids), filters, set_aside=aside)
    if check_only:
        return None
    return PracticeInputs(
        practices_data=scored.practices_data,
        assessments_data=scored.assessments_data,
        checklist=scored.checklist,
        practices=scored.practices,
        scores=scored.scores,
        rolled=rollup(scored.scores, scored.checklist, focus),
        chosen=chosen,
        pillars=focus,
        selection=selection_words(list(ids), filters),
        items_in_focus=tuple(about),
        field=field,
        set_aside=chosen_aside,
        serving=tuple(filters["target_group"]),
        named=tuple(ids),
        assessments_file=scored.assessments_file,
        shipped_records=is_shipped(scored.practices_data.path, root),
    )
