"""Load and cross-check what the consultation workbook needs: comments, questions, the codebook,
organisations, reference tables, workplan priorities, the hand-coded sample and the reviewed codes
(data/code_reviews.csv) that replace the automatic coder's in every count."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..common.paths import project_root, resolve
from ..common.wording import count_of, verb_for
from ..errors import ParameterError
from ..presentation.html import INFO, Caveat, illustrative_caveats
from ..tables.datasets import Dataset, load_dataset
from ..tables.decisions import agreement, agreement_by
from ..tables.layouts import CODE_REVIEWS, COMMENTS, HAND_CODED
from ..tables.references import ReferenceTarget, check_references, checklist_objective_links, checklist_pillar_keys
from ..tables.review_status import Agreement
from .analysis import (
    WORKSTREAM_PRIORITY,
    check_codes,
    code_frequency,
    code_labels,
    codes_by_comment,
    discussion_titles,
    key_findings,
    long_codes,
    objective_relevance,
    objectives_not_raised,
    priority_label,
    priority_table,
    select_discussions,
)
from .asks import (
    AskGroup,
    AskVocabulary,
    ask_groups,
    asks_table,
    comments_without_asks,
    load_ask_vocabulary,
    priority_passages,
    theme_mentions,
)
from .codebook import Codebook, load_codebook
from .coding import code_comments
from .origins import CommentWords, comment_words
from .quotes import PARAPHRASE, wording_of
from .renderings import attributed_from_other_copies
from .reviews import (
    ReviewSummary,
    apply_reviews,
    check_code_reviews,
    code_basis,
    counted_reviews,
    no_reviews,
    review_summary,
    reviews_of,
)
from .stakeholders import registry_from_frame, with_stakeholders
from .validation import ValidationResult, reference_coders, unmeasured_sentence, validate_coder

NAMED_IN_A_CAVEAT = 10  # a caveat names at most this many comments, then says how many more
HUB_COMMENTS = "data/comments.csv"  # the comments read from the Hub's pages (several renderings of some discussions)
HUB_DEFAULT_DISCUSSIONS = ("seed-002-draft-network-workplan",)  # its default: the consultation of seed 002, complete


def default_discussions(comments_path: Path, root: Path) -> list[str]:
    """The discussions a brief shows when its parameters name none (``discussions`` left unset):
    the consultation of seed 002 for the Hub's comments (data/comments.csv holds several renderings of
    some discussions, so all of them would count a comment twice); every discussion of a comments
    file of one's own."""
    return list(HUB_DEFAULT_DISCUSSIONS) if Path(comments_path) == resolve(HUB_COMMENTS, root) else []


DEFAULT_CODE_REVIEWS = Path("data/code_reviews.csv")  # the project's checks of the Hub's comments' codes


@dataclass(frozen=True)
class ConsultationInputs:
    comments_data: Dataset
    questions_data: Dataset
    organisations_data: Dataset
    objectives_data: Dataset
    principles_data: Dataset
    priorities_data: Dataset
    hand_coded_data: Dataset
    sample_comments_data: Dataset  # the comments the hand-coded sample was drawn from
    sources_data: Dataset  # data/sources.csv: discussion titles, and which pages' prose was rewritten
    reviews_data: Dataset | None  # data/code_reviews.csv; None when the brief reads no reviews
    codebook: Codebook
    ask_vocabulary: AskVocabulary  # data/asks.yaml: what makes a sentence an ask, and the themes of asks
    checklist_links: dict  # checklist key -> the GCM objectives data/checklist.yaml links to it
    checklist_pillars: set  # the checklist's pillar keys
    labels: dict
    coded: pd.DataFrame  # the chosen discussions' comments, coded, with stakeholder types
    automatic_long: pd.DataFrame  # one row per (comment, code) the automatic coder gives
    reviews: pd.DataFrame  # the reviews of the chosen comments, with their history (several may decide one code)
    long: pd.DataFrame  # one row per (comment, code) counted: the automatic codes with the reviews applied
    basis: dict  # code -> who checked the codes its count rests on (reviews.code_basis; tables/review_status.py words)
    focus: list  # codes in focus (parameter codes_in_focus, checked against the codebook)
    min_count: int  # codes raised by fewer comments are left out of the frequency table
    discussions: list  # the discussions shown: those the parameter (or its default) names, else every one of the file

    @property
    def reviews_elsewhere(self) -> str:
        """Where the brief's own comments (not the sample's) are read with the project's reviews file and it holds
        none of their codes: the file the brief read, to say that checks made elsewhere count once named; "" else."""
        if self.reviews_data is None or len(self.reviews) or self.comments_data is self.sample_comments_data:
            return ""
        return self.reviews_data.path.name if self.reviews_data.path.name == DEFAULT_CODE_REVIEWS.name else ""

    @property
    def vocabulary_files(self) -> list[Path]:
        """The YAML files the brief reads its rules from, for its appendix: the codebook, the checklist whose
        themes it names, and the asks' cues and themes."""
        return [self.codebook.path, self.codebook.path.with_name("checklist.yaml"), self.ask_vocabulary.path]

    @property
    def datasets(self) -> list[Dataset]:
        """Every file the brief rests on, for its appendix: the comments and the reference tables; the
        registry of pages where a comment was read from a registered page; the questions where a
        comment answers one; the reviews where they review a chosen comment; the sample's comments
        where they are another file and the coder is measured on some of the brief's (a brief of
        one's own comments describes none of the project's comments, pages or reviews)."""
        read = [self.comments_data]
        read += [self.questions_data] if len(self.questions_answered) else []
        read += [
            self.organisations_data,
            self.objectives_data,
            self.principles_data,
            self.priorities_data,
            self.hand_coded_data,
        ]
        read += [self.sources_data] if self.coded["source"].isin(set(self.sources["source_id"])).any() else []
        read += [self.reviews_data] if self.reviews_data is not None and len(self.reviews) else []
        measured = self.sample_comments_data is not self.comments_data and len(self.referenced_comments)
        return read + ([self.sample_comments_data] if measured else [])

    @cached_property
    def words(self) -> CommentWords:
        """The words for where the comments came from (:func:`.origins.comment_words`)."""
        return comment_words(self.coded, self.sources, self.comments_data.meta)

    @property
    def illustrative(self) -> bool:
        return self.comments_data.illustrative

    @property
    def paraphrased_sources(self) -> list[str]:
        """The registered pages of the chosen comments whose stored prose was rewritten."""
        used = set(self.coded["source"])
        return [source for source in used if wording_of(source, self.sources) == PARAPHRASE]

    @property
    def sources(self) -> pd.DataFrame:
        return self.sources_data.frame

    @cached_property
    def titles(self) -> dict[str, str]:
        """discussion -> its title for people, for the chosen discussions."""
        return discussion_titles(self.coded["discussion"], self.sources)

    @property
    def questions(self) -> pd.DataFrame:
        return self.questions_data.frame

    @property
    def objectives(self) -> pd.DataFrame:
        return self.objectives_data.frame

    @property
    def priorities(self) -> pd.DataFrame:
        return self.priorities_data.frame

    @cached_property
    def counted_reviews(self) -> pd.DataFrame:
        """The review that counts for each (comment, code) of the chosen comments: the latest."""
        return counted_reviews(self.reviews)

    @cached_property
    def agreement(self) -> Agreement | None:
        """How far reviewers agree on the codes of the chosen comments they checked on their own (None: no
        code was checked by two)."""
        return agreement(self.reviews, CODE_REVIEWS)

    @cached_property
    def basis_with_agreement(self) -> dict[str, str]:
        """code -> who checked its count, with its reviewers' agreement where measured."""
        return code_basis(
            self.long, agreement_by(self.reviews, CODE_REVIEWS, "code"), self.automatic_long, self.reviews
        )

    @cached_property
    def frequency(self) -> pd.DataFrame:
        """Comments per code, most frequent first: the codes in focus (all when none), raised by at least min_count."""
        return code_frequency(
            self.long,
            len(self.coded),
            self.codebook,
            self.labels,
            self.min_count,
            self.focus,
            self.basis_with_agreement,
        )

    @cached_property
    def codes_by_comment(self) -> pd.DataFrame:
        """One row per chosen comment: where it is, who posted it, its codes counted and who checked them
        (:func:`.analysis.codes_by_comment`), for the annex and for the facts the next edition compares."""
        return codes_by_comment(self.coded, self.long, self.titles, self.questions)

    @cached_property
    def asks(self) -> pd.DataFrame:
        """One row per ask found in the chosen comments (:func:`.asks.asks_table`)."""
        counted = self.counted_reviews
        rejected = set(
            zip(*(counted.loc[counted["decision"] == "rejected", column] for column in ("comment_id", "code")))
        )
        return asks_table(
            self.coded, self.ask_vocabulary, self.codebook, self.labels, self.questions, self.sources, rejected
        )

    @cached_property
    def ask_groups(self) -> list[AskGroup]:
        """The asks by theme, for and against apart, most comments first."""
        return ask_groups(self.asks, len(self.coded), theme_mentions(self.coded, self.ask_vocabulary))

    @property
    def comments_without_asks(self) -> pd.DataFrame:
        return comments_without_asks(self.coded, self.asks)

    @cached_property
    def review_summary(self) -> ReviewSummary:
        """The automatic coder set against the reviews of the chosen comments, per code and in a sentence."""
        return review_summary(self.automatic_long, self.reviews, self.labels, self.codebook)

    @cached_property
    def families(self) -> dict[str, str]:
        """code -> its family in the codebook ('theme', 'gcm_objective', 'principle')."""
        return {code.code: code.family for code in self.codebook.codes}

    @cached_property
    def focus_passages(self) -> pd.DataFrame:
        """For each code in focus, the comments raising it and the sentence that does (:func:`.focus.focus_passages`)."""
        from .focus import focus_passages

        return focus_passages(self.coded, self.long, self.focus, self.labels, self.sources)

    @cached_property
    def workstream_priority_label(self) -> str:
        """'New Priority 5, Strengthening the socio-economic integration of migrants'."""
        row = self.priorities[self.priorities["priority"] == WORKSTREAM_PRIORITY]
        title = str(row["title"].iloc[0]) if len(row) else ""
        return priority_label(WORKSTREAM_PRIORITY) + (f", \u201c{title}\u201d" if title else "")

    @cached_property
    def workstream_passages(self) -> pd.DataFrame:
        """What the chosen comments say of this workstream's own priority, sentence by sentence
        (:func:`.asks.priority_passages`)."""
        table = priority_table(self.coded, self.priorities)
        own = table[table["this workstream"] == "yes"]
        referring = str(own["comment ids"].iloc[0]).split(";") if len(own) and own["comment ids"].iloc[0] else []
        title = str(own["title"].iloc[0]) if len(own) else ""
        return priority_passages(
            self.coded, referring, priority_label(WORKSTREAM_PRIORITY), title, self.asks, self.sources
        )

    def priority_table(self) -> pd.DataFrame:
        """The workplan priorities the comments refer to by number (and this workstream's, referred to or
        not), with the comments and organisations referring to each."""
        table = priority_table(self.coded, self.priorities)
        return table[(table["comments referring"] > 0) | (table["this workstream"] == "yes")].reset_index(drop=True)

    def objectives_not_raised(self) -> pd.DataFrame:
        """The GCM objectives no comment raises, those closest to the brief's focus (or else to the
        workstream's checklist) first, each saying why."""
        relevance = objective_relevance(
            self.focus, self.codebook, self.checklist_links, self.labels, self.checklist_pillars
        )
        return objectives_not_raised(self.long, self.objectives, relevance).drop(columns="title")

    def key_findings(self, not_raised: pd.DataFrame, priorities: pd.DataFrame) -> list[str]:
        """The brief's key findings from the counted (reviewed where reviewed) codes: about the codes
        in focus when there are any (every code raised at least once, whatever min_count), else general."""
        frequency = self.frequency if not self.focus else self.frequency_of_focus
        return key_findings(self.coded, frequency, not_raised, priorities, self.focus, self.labels)

    @cached_property
    def frequency_of_focus(self) -> pd.DataFrame:
        """Comments per code in focus, every code raised at least once (whatever min_count)."""
        return code_frequency(
            self.long, len(self.coded), self.codebook, self.labels, 1, self.focus, self.basis_with_agreement
        )

    @property
    def shown_codes(self) -> list[str]:
        """Codes in focus, or else the codes in the frequency table (already cut at the minimum count)."""
        return self.focus or list(self.frequency["code"])

    @property
    def questions_answered(self) -> pd.DataFrame:
        """(discussion, question) of every page question the chosen comments answer (a comment of a survey
        export answers none)."""
        return self.coded[["discussion", "question"]].drop_duplicates().dropna()

    def headline(self) -> str:
        comments = self.coded
        discussions = comments["discussion"].nunique()
        questions = len(self.questions_answered)
        named = int((comments["organisation_canonical"] != "").sum())
        answering = f", answering {count_of(questions, 'question')}" if questions else ""  # a survey's answer none
        return (
            f"{count_of(len(comments), 'comment')} in {count_of(discussions, self.words.gathering)}{answering}; {named:,} "
            f"{verb_for(named, 'names', 'name')} the organisation {verb_for(named, 'it speaks', 'they speak')} for."
        )

    def caveats(self) -> list[Caveat]:
        """Notes a reader must see before any number: invented comments, comments the page cut off, and
        comments whose stored text is a paraphrase."""
        notes = illustrative_caveats(
            [self.comments_data],
            "the comments in this brief are invented for demonstration. They were not posted by anyone.",
        )
        cut = int(self.coded["truncated"].sum())
        if cut:
            why = (
                " (a teaser ending in '...' or 'read more', or a stored copy that stops)"
                if self.words.cut_off.endswith("the page")
                else ""
            )
            notes.append(
                Caveat(
                    f"{cut:,} of {len(self.coded):,} comments were {self.words.cut_off}{why}: codes and "
                    "quotes see only the text shown.",
                    INFO,
                )
            )
        wording = {source: wording_of(source, self.sources) for source in set(self.coded["source"])}
        rewritten = sum(wording[source] == PARAPHRASE for source in self.coded["source"])
        if rewritten:
            notes.append(
                Caveat(
                    f"{rewritten:,} of {len(self.coded):,} comments come from stored Hub pages whose prose was "
                    "rewritten: their text, and every quote from it, is a paraphrase, not the authors' own "
                    "words.",
                    INFO,
                )
            )
        borrowed = self.coded[self.coded["attribution_from"] != ""]
        if len(borrowed):
            named = [
                f"{row['author'] or row['organisation']} in \u201c{self.titles.get(row['discussion'], row['discussion'])}\u201d"
                for _, row in borrowed.head(NAMED_IN_A_CAVEAT).iterrows()
            ]
            more = len(borrowed) - len(named)
            which = "; ".join(named) + (f"; and {more} more" if more > 0 else "")
            dated = borrowed["posted"].notna().all()
            signed = (
                ("its author and date come" if dated else "its author comes")
                if len(borrowed) == 1
                else ("their authors and dates come" if dated else "their authors come")
            )
            notes.append(
                Caveat(
                    f"{count_of(len(borrowed), 'comment')} {verb_for(len(borrowed), 'shows', 'show')} no "
                    f"author{' or date' if dated else ''} in the copy of the page used here; {signed} "
                    f"from another stored copy of the same page, where the same comment is signed ({which}); "
                    "where that copy shows more of the comment, its text is the one used.",
                    INFO,
                )
            )
        return notes

    @cached_property
    def referenced_comments(self) -> pd.DataFrame:
        """The brief's comments that the reference coding codes, as stored in the file it was made
        from: the same comment_id with the same text (a file of one's own reusing an id is not them)."""
        sample = self.sample_comments_data.frame
        own_text = self.comments_data.frame.set_index("comment_id")["text"]
        chosen = set(self.coded["comment_id"]) & set(self.hand_coded_data.frame["comment_id"])
        same = sample[sample["comment_id"].isin(chosen)]
        return same[same["comment_id"].map(own_text).eq(same["text"])].reset_index(drop=True)

    def validation(self, resamples: int = 2000) -> ValidationResult | None:
        """The coder scored against the reference coding on this brief's comments that it codes
        (:attr:`referenced_comments`); None where it codes none of them (comments of one's own)."""
        referenced = self.referenced_comments
        if referenced.empty:
            return None
        hand = self.hand_coded_data.frame
        return validate_coder(
            code_comments(referenced, self.codebook),
            hand[hand["comment_id"].isin(set(referenced["comment_id"]))],
            self.codebook,
            resamples=resamples,
            of_brief=len(self.coded),
        )

    def validation_sentence(self, validation: ValidationResult | None) -> str:
        """The annex's sentence on the coder against the reference coding: measured on which of this
        brief's comments, or that it is not measured on them (:func:`.validation.unmeasured_sentence`)."""
        if validation is not None:
            return validation.annex_sentence(self.review_summary.reviewers)
        hand = self.hand_coded_data.frame
        return unmeasured_sentence(len(self.coded), hand["comment_id"].nunique(), reference_coders(hand))


def load_consultation_inputs(
    comments_file,
    questions_file,
    discussions,
    codes_in_focus,
    min_count: int = 1,
    code_reviews_file: str = DEFAULT_CODE_REVIEWS.as_posix(),
    root: Path | None = None,
    hand_coded_file: str = "data/hand_coded_sample.csv",
    hand_coded_comments_file: str = "data/comments.csv",
    check_only: bool = False,
) -> ConsultationInputs | None:
    """Everything the consultation brief needs, checked. ``discussions`` None (the notebook's default)
    chooses by the data (:func:`default_discussions`). ``code_reviews_file`` ("" for none) holds
    reviewed codes; each must name a comment of the comments file or of ``hand_coded_comments_file``
    and a code of the codebook. Reviews of comments outside the chosen discussions change nothing.
    With ``check_only`` (the brief runner, before the kernel), every file and parameter is loaded and
    checked, and nothing is coded: None is returned."""
    root = root or project_root()
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(None, "min_count", f"expected a whole number of at least 1, got {min_count!r}")
    comments = load_dataset(comments_file, root, layout="comments")
    questions = load_dataset(questions_file, root, layout="questions")
    check_references(
        comments.frame, COMMENTS, comments.path, {"questions": ReferenceTarget(questions.frame, questions.path.name)}
    )
    organisations = load_dataset("data/organisations.csv", root)
    objectives = load_dataset("data/gcm_objectives.csv", root)
    principles = load_dataset("data/guiding_principles.csv", root)
    priorities = load_dataset("data/workplan_priorities.csv", root)
    hand_coded = load_dataset(hand_coded_file, root, layout="hand_coded")
    codebook = load_codebook(root=root)
    ask_vocabulary = load_ask_vocabulary(root=root)
    checklist_links, checklist_pillars = checklist_objective_links(root), checklist_pillar_keys(root)
    registry = registry_from_frame(organisations.frame, organisations.path)
    labels = code_labels(codebook, objectives.frame, principles.frame)
    focus = check_codes(list(codes_in_focus), codebook)
    sources = load_dataset("data/sources.csv", root)
    discussions = default_discussions(comments.path, root) if discussions is None else list(discussions)
    selected = select_discussions(comments.frame, discussions)
    same_file = resolve(comments_file, root) == resolve(hand_coded_comments_file, root)
    sample_comments = comments if same_file else load_dataset(hand_coded_comments_file, root, layout="comments")
    check_references(
        hand_coded.frame,
        HAND_CODED,
        hand_coded.path,
        {"comments": ReferenceTarget(sample_comments.frame, sample_comments.path.name)},
    )
    reviews_data = load_dataset(code_reviews_file, root, layout="code_reviews") if code_reviews_file else None
    if reviews_data is not None:
        known = pd.concat([comments.frame[["comment_id", "source"]], sample_comments.frame[["comment_id", "source"]]])
        names = " or ".join(dict.fromkeys([comments.path.name, sample_comments.path.name]))
        check_code_reviews(reviews_data.frame, known.drop_duplicates("comment_id"), codebook, reviews_data.path, names)
    if check_only:
        return None
    chosen = attributed_from_other_copies(selected, comments.frame, sources.frame)
    coded = with_stakeholders(code_comments(chosen, codebook), registry)
    reviews = reviews_of(reviews_data.frame if reviews_data is not None else no_reviews(), coded["comment_id"])
    automatic = long_codes(coded, codebook, labels)
    long = apply_reviews(automatic, reviews, codebook, labels)
    return ConsultationInputs(
        comments_data=comments,
        questions_data=questions,
        organisations_data=organisations,
        objectives_data=objectives,
        principles_data=principles,
        priorities_data=priorities,
        hand_coded_data=hand_coded,
        sample_comments_data=sample_comments,
        sources_data=sources,
        reviews_data=reviews_data,
        codebook=codebook,
        ask_vocabulary=ask_vocabulary,
        labels=labels,
        checklist_links=checklist_links,
        checklist_pillars=checklist_pillars,
        coded=coded.reset_index(drop=True),
        automatic_long=automatic,
        reviews=reviews,
        long=long,
        basis=code_basis(long, None, automatic, reviews),
        focus=focus,
        min_count=min_count,
        discussions=discussions or list(dict.fromkeys(selected["discussion"])),
    )
