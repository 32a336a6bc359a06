"""The review workbench in JupyterLab (ipywidgets): the reviewer's name, asked once; a queue to choose
(codes of comments, checklist scores, activity statuses, disagreements to settle); one card at a time
with a button for each decision; progress ("37 of 162 codes checked by Ana"); a blind mode that hides
other reviewers' decisions; the agreement between reviewers. Every decision is recorded at once
(review.queue.Queue.decide: validated, appended, atomically); a problem is said in the message line,
and nothing is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..common.paths import project_root
from ..common.wording import count_of, verb_for
from ..errors import WorkbooksError
from ..presentation.markup import Markup, render
from ..tables.decisions import history_of
from .codes import CodeQueue
from .queue import Card, Queue, Thing, checked_name, reviewer_kind, today, unit_key
from .scores import ScoreQueue
from .statuses import StatusQueue

TEMPLATES = Path(__file__).parent / "templates"
CODES, SCORES, STATUSES, DISAGREEMENTS = (
    "Codes of comments",
    "Checklist scores",
    "Activity statuses",
    "Disagreements to settle",
)
WORKBENCH_CLASS = "workbooks-review"


@dataclass
class ReviewQueues:
    """The three queues, each over its own files."""

    codes: CodeQueue
    scores: ScoreQueue
    statuses: StatusQueue

    def by_title(self) -> dict[str, Queue]:
        return {CODES: self.codes, SCORES: self.scores, STATUSES: self.statuses}


def load_review_queues(
    comments_file,
    questions_file,
    discussions,
    code_reviews_file,
    practices_file,
    assessments_file,
    activities_file,
    status_log_file,
    practices=(),
    root: Path | None = None,
) -> ReviewQueues:
    """The queues over the files given (relative paths from the project root), each checked against its
    layout and the references its table declares."""
    root = root or project_root()
    return ReviewQueues(
        CodeQueue.load(comments_file, questions_file, discussions, code_reviews_file, root),
        ScoreQueue.load(practices_file, assessments_file, practices, root),
        StatusQueue.load(activities_file, status_log_file, root),
    )


@dataclass(frozen=True)
class Dispute:
    """A disagreement to settle: the queue, the unit, what each reviewer decided, and the thing as its queue's
    card shows it (which comment, practice or activity, and the code, item or status in words)."""

    queue: Queue
    unit: tuple
    heading: str
    decisions: tuple  # (reviewer, value words, date, mode, note)
    body: str = ""  # the card's body (HTML, Hub text escaped): the comment, the practice, the activity


def file_named(path: Path, root: Path | None) -> str:
    """A file as the reviewer knows it: from the project root when inside it."""
    path = Path(path).resolve()
    root = Path(root).resolve() if root is not None else None
    return str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)


def _on_cards(queue: Queue) -> dict[tuple, tuple[Card, Thing]]:
    """Each thing of the queue's cards by its key (the queue's thing columns), with its card."""
    columns = list(history_of(queue.layout).unit)
    places = [columns.index(name) for name in queue.thing_key]
    return {
        unit_key(thing.unit if len(thing.unit) == len(places) else tuple(thing.unit[place] for place in places)): (
            card,
            thing,
        )
        for card in queue.cards
        for thing in card.things
    }


def disputes(queues: ReviewQueues) -> list[Dispute]:
    """Every disagreement between reviewers not yet settled, in the three tables, each named as its queue's card
    names it ("Codes of comments: Comment 3 of 30, Decent work: social protection"); a thing no card shows
    (a comment no longer in the file) by its ids."""
    found = []
    for title, queue in queues.by_title().items():
        table = queue.disagreements()
        columns = list(history_of(queue.layout).unit)
        compared = history_of(queue.layout).compared
        if not table.empty and not queue.cards:
            queue.refresh()
        shown = _on_cards(queue)
        for group_key, group in table.groupby(columns, sort=False):
            unit: tuple = tuple(group_key) if isinstance(group_key, tuple) else (group_key,)
            decisions = tuple(
                (
                    row["reviewer"],
                    str(row[compared]),
                    f"{row['when']:%Y-%m-%d}",
                    str(row["mode"] or ""),
                    str(row["note"] or ""),
                )
                for _, row in group.iterrows()
            )
            on_card = shown.get(unit_key(tuple(unit[columns.index(name)] for name in queue.thing_key)))
            ids = " / ".join(unit_key(unit))
            if on_card is None:
                found.append(Dispute(queue, unit, f"{title}: {ids}", decisions))
                continue
            card, thing = on_card
            day = f" on {pd.Timestamp(unit[columns.index('as_of')]):%Y-%m-%d}" if "as_of" in columns else ""
            found.append(
                Dispute(
                    queue,
                    unit,
                    f"{title}: {card.heading.split(':')[0]}, {thing.label}{day} ({ids})",
                    decisions,
                    card.body,
                )
            )
    return found


def agreement_words(queues: ReviewQueues) -> list[str]:
    """One line per queue on the agreement between reviewers who decided the same things blind."""
    lines = []
    for title, queue, noun in (
        (CODES, queues.codes, "code"),
        (SCORES, queues.scores, "score"),
        (STATUSES, queues.statuses, "status"),
    ):
        measured = queue.agreement()
        lines.append(
            f"{title}: "
            + (
                measured.sentence(noun)
                if measured is not None
                else f"no {noun} has been checked by two reviewers on their own yet."
            )
        )
    return lines


class ReviewWorkbench(widgets.VBox):
    """The workbench (see the module's docstring)."""

    def __init__(self, queues: ReviewQueues, reviewer: str = "", blind: bool = False):
        self.queues = queues
        self.position = 0
        self.name_box = widgets.Text(
            value=str(reviewer or ""),
            placeholder="Your name, as the data will record it",
            description="Reviewer",
            style={"description_width": "initial"},
        )
        self.start_button = widgets.Button(description="Start reviewing", button_style="primary")
        self.start_button.on_click(lambda _: self.start())
        self.who = widgets.HTML()
        self.blind_box = widgets.Checkbox(
            value=bool(blind), description="Blind: hide other reviewers' decisions", indent=False
        )
        self.blind_box.observe(lambda _: self.show(), names="value")
        self.section = widgets.ToggleButtons(
            options=[CODES, SCORES, STATUSES, DISAGREEMENTS], value=CODES, style={"button_width": "auto"}
        )
        self.section.observe(lambda _: self._open(), names="value")
        self.workstream_picker = widgets.Dropdown(
            options=self._workstream_options(),
            value="",
            description="Workstream",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.workstream_picker.observe(lambda _: self._choose_workstream(), names="value")
        self.progress = widgets.HTML()
        self.previous_button = widgets.Button(description="Previous")
        self.next_button = widgets.Button(description="Next")
        self.unchecked_button = widgets.Button(
            description="Next not checked by you", layout=widgets.Layout(width="auto")
        )
        self.previous_button.on_click(lambda _: self._go(self.position - 1))
        self.next_button.on_click(lambda _: self._go(self.position + 1))
        self.unchecked_button.on_click(lambda _: self._next_unchecked())
        self.note_box = widgets.Text(
            placeholder="Note (optional): why", description="Note", layout=widgets.Layout(width="60%")
        )
        self.status_help = widgets.HTML(
            "<p>Give the day the status holds and where it comes from, then click the status.</p>"
        )
        self.status_day = widgets.Text(
            description="As of (YYYY-MM-DD)",
            placeholder=f"the day the source says, e.g. {today()}",
            style={"description_width": "initial"},
        )
        self.status_source = widgets.Text(
            placeholder="a source_id of data/sources.csv, or the address that confirms it",
            description="Source",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="60%"),
        )
        self.card = widgets.HTML()
        self.things = widgets.VBox()
        self.extra = widgets.VBox()
        self.message = widgets.HTML()
        self.message.add_class("workbooks-review-message")
        self.working = widgets.VBox(
            [
                self.section,
                self.workstream_picker,
                self.progress,
                widgets.HBox([self.previous_button, self.next_button, self.unchecked_button]),
                self.card,
                self.things,
                self.extra,
                self.note_box,
            ]
        )
        super().__init__(
            [
                widgets.HTML("<h2>Review workbench</h2>"),
                widgets.HBox([self.name_box, self.start_button]),
                self.blind_box,
                self.who,
                self.message,
                self.working,
            ]
        )
        self.add_class(WORKBENCH_CLASS)
        self.reviewer = ""
        self.working.layout.display = "none"
        if str(reviewer or "").strip():
            self.start()

    # --- the reviewer's name, asked once ----------------------------------------------------------

    def start(self) -> None:
        try:
            name = checked_name(self.name_box.value)
        except WorkbooksError as problem:
            self._say(str(problem), error=True)
            return
        self.reviewer = name
        self.name_box.disabled = self.start_button.disabled = True
        self.start_button.layout.display = "none"
        self.who.value = render("reviewer.html.j2", TEMPLATES, reviewer=name, kind=reviewer_kind(name))
        self.working.layout.display = None
        self._say("")
        self._open()

    # --- what is shown ----------------------------------------------------------------------------

    @property
    def blind(self) -> bool:
        return bool(self.blind_box.value)

    def current_queue(self) -> Queue | None:
        return self.queues.by_title().get(self.section.value)

    def _open(self) -> None:
        """Open the chosen queue at its first card with something this reviewer has not decided (the
        first card where they have decided everything): after a kernel restart, back where they were."""
        queue = self.current_queue()
        self.workstream_picker.layout.display = None if isinstance(queue, StatusQueue) else "none"
        position = 0
        if queue is not None and self.reviewer:
            queue.refresh(self.reviewer, self.blind)
            position = queue.first_unchecked(self.reviewer) or 0
        self._go(position)

    def _workstream_options(self) -> list[tuple[str, str]]:
        """The statuses queue's workstreams to narrow it to, "All workstreams" first."""
        return [("All workstreams", ""), *((name, name) for name in self.queues.statuses.workstreams)]

    def _choose_workstream(self) -> None:
        self.queues.statuses.choose_workstream(self.workstream_picker.value)
        self._open()

    def _go(self, position: int) -> None:
        self.position = position
        self.show()

    def _next_unchecked(self) -> None:
        queue = self.current_queue()
        if queue is None or not queue.cards:
            return
        found = queue.next_unchecked(self.position, self.reviewer)
        if found is None:
            self._say(f"Every {queue.noun} of this queue has a decision of yours.")
        else:
            self._go(found)

    def show(self) -> None:
        """Draw the current card of the chosen queue (or the disagreements)."""
        if not self.reviewer:
            return
        if self.section.value == DISAGREEMENTS:
            self._show_disputes()
            return
        queue = self.current_queue()
        assert queue is not None  # the section is a queue's title (the disagreements were shown above)
        cards = queue.refresh(self.reviewer, self.blind)
        self.progress.value = render(
            "progress.html.j2",
            TEMPLATES,
            words=queue.progress_words(self.reviewer),
            agreement="" if self.blind else self._agreement_of(queue),
        )
        if not cards:
            self.card.value = render("empty.html.j2", TEMPLATES, title=queue.title, noun=queue.noun)
            self.things.children, self.extra.children = (), ()
            return
        self.position %= len(cards)
        card = cards[self.position]
        self.card.value = render("card.html.j2", TEMPLATES, card=card, body=Markup(card.body))
        self.things.children = [self._thing_row(queue, card, thing) for thing in card.things]
        self.extra.children = self._extra(queue, card)

    def _agreement_of(self, queue: Queue) -> str:
        measured = queue.agreement()
        return measured.sentence(queue.noun) if measured is not None else ""

    def _thing_row(self, queue: Queue, card: Card, thing) -> widgets.Widget:
        label = widgets.HTML(
            render("thing.html.j2", TEMPLATES, thing=thing, blind=self.blind), layout=widgets.Layout(width="70%")
        )
        buttons = []
        for choice in thing.choices:
            button = widgets.Button(
                description=choice.words,
                tooltip=f"{choice.words}: {thing.label}",
                button_style="success" if choice.keeps else "",
            )
            button.on_click(lambda _, value=choice.value, unit=thing.unit: self.decide(queue, card.key, unit, value))
            buttons.append(button)
        row = widgets.HBox([label, *buttons])
        row.add_class("workbooks-review-thing-row")
        return row

    def _extra(self, queue: Queue, card: Card) -> list[widgets.Widget]:
        """What some queues need besides the buttons: a code to add; a status's day and source."""
        if isinstance(queue, CodeQueue):
            picker = widgets.Dropdown(
                options=queue.code_choices,
                description="A code the coder missed",
                style={"description_width": "initial"},
            )
            add = widgets.Button(description="Add code")
            add.on_click(
                lambda _: self._act(
                    queue,
                    lambda: queue.add_code(card.key, picker.value, self.reviewer, self.note_box.value, self.blind),
                    f"{queue.inputs.labels.get(picker.value, picker.value)} added",
                )
            )
            self.code_picker = picker
            return [widgets.HBox([picker, add])]
        if isinstance(queue, StatusQueue):
            # the same boxes for every status card, never made again: what is typed stays (after a refusal,
            # for the next status), and a box is never replaced while the reviewer types in it
            return [self.status_help, self.status_day, self.status_source]
        return []

    # --- deciding ---------------------------------------------------------------------------------

    def decide(self, queue: Queue, card_key: str, unit: tuple, value: str) -> None:
        extra = {}
        if isinstance(queue, StatusQueue):
            extra = {"as_of": self.status_day.value.strip(), "source": self.status_source.value}
        thing = next(
            (thing for card in queue.cards for thing in card.things if unit_key(thing.unit) == unit_key(unit)), None
        )
        what = thing.label if thing is not None and not isinstance(queue, StatusQueue) else " / ".join(unit_key(unit))
        shown = next((choice.value for choice in (thing.choices if thing else ()) if choice.value == value), value)
        self._act(
            queue,
            lambda: queue.decide(card_key, unit, value, self.reviewer, self.note_box.value, self.blind, **extra),
            f"{what} {shown}",
        )

    def _act(self, queue: Queue, record, words: str) -> None:
        try:
            record()
        except WorkbooksError as problem:
            self._say(str(problem), error=True)
            self.show()  # a file read again: the card as it now is
            return
        self.note_box.value = ""
        self._say(f"Recorded: {words}, by {self.reviewer}, in {file_named(queue.decisions.path, queue.root)}.")
        self.show()

    # --- disagreements ----------------------------------------------------------------------------

    def _show_disputes(self) -> None:
        self.extra.children = ()
        if self.blind:
            self.progress.value = ""
            self.card.value = render(
                "message.html.j2",
                TEMPLATES,
                text="Blind mode hides other reviewers' decisions: untick it to see the disagreements and settle them.",
                error=False,
            )
            self.things.children = ()
            return
        found = disputes(self.queues)
        if found and not 0 <= self.position < len(found):  # going on past the last comes back to the first, said
            self._say(
                f"Back to the {'first' if self.position >= len(found) else 'last'} disagreement: "
                f"there {verb_for(len(found), 'is', 'are')} {len(found)}."
            )
            self.position %= len(found)
        which = f" (this is {self.position + 1} of {len(found)})" if found else ""
        self.progress.value = render(
            "progress.html.j2",
            TEMPLATES,
            words=f"{count_of(len(found), 'disagreement')} to settle{which}",
            agreement=" ".join(agreement_words(self.queues)),
        )
        if not found:
            self.card.value = render("empty.html.j2", TEMPLATES, title=DISAGREEMENTS, noun="disagreement")
            self.things.children = ()
            return
        dispute = found[self.position]
        self.card.value = render(
            "disagreement.html.j2",
            TEMPLATES,
            heading=dispute.heading,
            body=Markup(dispute.body),
            decisions=[dict(zip(("reviewer", "value", "date", "mode", "note"), made)) for made in dispute.decisions],
        )
        buttons = []
        for reviewer, value, *_ in dispute.decisions:
            button = widgets.Button(description=f"Settle: {value} ({reviewer})", layout=widgets.Layout(width="auto"))
            button.on_click(
                lambda _, adopted=reviewer, shown=value: self._act(
                    dispute.queue,
                    lambda: dispute.queue.settle(dispute.unit, adopted, self.reviewer, self.note_box.value),
                    f"settled {' / '.join(unit_key(dispute.unit))} as {shown}",
                )
            )
            buttons.append(button)
        row = widgets.HBox(buttons)
        row.add_class("workbooks-review-settle")
        self.things.children = [row]

    def _say(self, text: str, error: bool = False) -> None:
        self.message.value = render("message.html.j2", TEMPLATES, text=text, error=error) if text else ""
