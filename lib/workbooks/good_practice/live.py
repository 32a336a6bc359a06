"""The comparison workbook's live view (ipywidgets, in JupyterLab and in presenter mode): pick 2 to 6
practices by name and a pillar; the heatmap, the radars and the side-by-side table are redrawn, and the
heading's sources follow the practices chosen.

Practices are picked with a search box (a Combobox: the browser lists the names holding what is typed)
under the list of those chosen, each with a button that removes it. Not a TagsInput: its tags are cut to
one line, it offers no remove button a presenter can find at a glance, its box hides until clicked, a
name it does not know is dropped without a word, and its value would be the names themselves, so the
page's address would carry whole titles rather than practice ids.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import pandas as pd
import traitlets

from ..common.text import shorten
from ..common.wording import count_of, join_names, verb_for
from ..presentation.html import image_html, table_html
from ..presentation.live import LABEL_STYLE, Kept, LiveView, workbook_heading
from ..presentation.markup import Markup, macro
from . import charts
from .brief import TEMPLATES, source_links
from .compare import MAX_CHOSEN, MIN_CHOSEN, chart_matrices, display_name, focus_items, side_by_side
from .inputs import PracticeInputs
from .practice_records import page_kinds

SUMMARY_WORDS = 60  # characters of a record's summary that tell apart records of the same name


def picker_names(practices: pd.DataFrame) -> dict[str, str]:
    """Each record's name for a picker, by practice_id: its title in full (compare.display_name: "untitled
    Hub teaser (India)" where it has none), and where records share that name, the opening of our summary
    after it ("untitled Hub teaser (country and years not given): Services that Red Cross …"), then, were
    those alike too, which of them it is ("(record 2 of 2)"). Never an id: ids are for files."""
    names = {row["practice_id"]: display_name(row) for _, row in practices.iterrows()}
    summaries = dict(zip(practices["practice_id"], practices["summary"].fillna("").astype(str)))
    for practice_id in _sharing_a_name(names):
        if summaries[practice_id].strip():
            names[practice_id] = f"{names[practice_id]}: {shorten(summaries[practice_id], SUMMARY_WORDS)}"
    alike = _sharing_a_name(names)
    of = pd.Series([names[practice_id] for practice_id in alike], dtype=object).value_counts()
    seen: dict[str, int] = {}
    for practice_id in alike:
        seen[names[practice_id]] = seen.get(names[practice_id], 0) + 1
        names[practice_id] = f"{names[practice_id]} (record {seen[names[practice_id]]} of {of[names[practice_id]]})"
    return names


def _sharing_a_name(names: dict[str, str]) -> list[str]:
    counts = pd.Series(list(names.values()), dtype=object).value_counts()
    return [practice_id for practice_id, name in names.items() if counts[name] > 1]


class PracticePicker(widgets.VBox):
    """Practices chosen by name: the chosen listed on top, each with a button that removes it, and below
    them a box to add one by typing part of its name (the browser lists the names holding it; picking one
    adds it; a note says what the typed text matches). ``value``: the chosen practice_ids, in the order
    chosen. The box closes once ``most`` are chosen."""

    value = traitlets.Tuple()

    def __init__(
        self,
        names: dict[str, str],
        value: tuple = (),
        most: int = MAX_CHOSEN,
        description: str = "Practices",
        places: dict[str, str] | None = None,
    ):
        self.names = dict(names)
        self.places = dict(
            places or {}
        )  # each practice's countries, by practice_id: a country typed finds its practices
        self.by_name = {name: practice_id for practice_id, name in self.names.items()}
        self._options_values = tuple(self.names)  # what a page's address may name (presentation.live reads it)
        self.most = most
        heading = widgets.Label(description)
        heading.add_class("widget-label")
        self.chosen_list = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.search = widgets.Combobox(
            options=sorted(self.names.values(), key=str.casefold),
            ensure_option=False,
            continuous_update=True,
            description="Add a practice",
            style=LABEL_STYLE,
            layout=widgets.Layout(width="100%", margin="2px 0"),
        )
        self.note = widgets.HTML()
        self.rows: dict[str, widgets.HBox] = {}
        self._clearing = False  # the box emptied after an addition, keeping the note
        super().__init__([heading, self.chosen_list, self.search, self.note], layout=widgets.Layout(width="100%"))
        self.add_class("workbooks-practice-picker")
        self.observe(self._chosen, names="value")
        self.search.observe(self._typed, names="value")
        self.search.on_msg(self._submitted)  # Enter in the box (ipywidgets' Text sends {"event": "submit"})
        self.value = tuple(value)
        self._chosen()

    @traitlets.validate("value")
    def _known(self, proposal):
        unknown = [practice_id for practice_id in proposal["value"] if practice_id not in self.names]
        if unknown:
            raise traitlets.TraitError(f"not practices this picker offers: {', '.join(unknown)}")
        return tuple(proposal["value"])

    def _row(self, practice_id: str) -> widgets.HBox:
        """A chosen practice's line: its name (two lines at most, the whole name as a tooltip) and a button
        that removes it."""
        if practice_id not in self.rows:
            name = self.names[practice_id]
            remove = widgets.Button(
                icon="times", tooltip=f"Remove {name}", layout=widgets.Layout(width="34px", flex="none")
            )
            remove.on_click(lambda _button, practice_id=practice_id: self.remove(practice_id))
            shown = widgets.HTML(
                macro("live.html.j2", "chosen_name", TEMPLATES)(name),
                layout=widgets.Layout(flex="1 1 auto", width="auto"),
            )
            self.rows[practice_id] = widgets.HBox(
                [shown, remove], layout=widgets.Layout(flex_flow="row nowrap", align_items="center", width="100%")
            )
            self.rows[practice_id].add_class("workbooks-chosen-row")
        return self.rows[practice_id]

    def _chosen(self, _change=None) -> None:
        for practice_id in [known for known in self.rows if known not in self.value]:
            for widget in (*self.rows[practice_id].children, self.rows.pop(practice_id)):
                widget.close()
        self.chosen_list.children = [self._row(practice_id) for practice_id in self.value]
        full = len(self.value) >= self.most
        self.search.disabled = full
        self.search.placeholder = f"{len(self.value)} chosen: remove one first" if full else "type part of its name"

    def remove(self, practice_id: str) -> None:
        self.value = tuple(chosen for chosen in self.value if chosen != practice_id)

    def _typed(self, change) -> None:
        text = change["new"].strip()
        if not text:
            if not self._clearing:  # the presenter emptied the box: what it said of the text typed is past
                self.note.value = ""
            return
        if text in self.by_name:  # a name picked from the list, or typed whole
            practice_id = self.by_name[text]
            said = f"“{shorten(text, 60)}” is chosen already." if practice_id in self.value else ""
            if not said and len(self.value) >= self.most:
                said = f"{len(self.value)} are chosen, the most: remove one to add another."
            elif not said:
                self.value = self.value + (practice_id,)
            self.note.value = macro("live.html.j2", "search_note", TEMPLATES)(said)
            self._clearing = True
            try:
                self.search.value = ""
            finally:
                self._clearing = False
            return
        matching = self.matching(text)
        placed = [
            self.names[practice_id]
            for practice_id, place in self.places.items()
            if practice_id in self.names and text.casefold() in str(place).casefold()
        ]
        if not matching and placed:
            said = (
                f"No name holds “{shorten(text, 40)}”; {count_of(len(placed), 'practice')} "
                f"{verb_for(len(placed), 'is', 'are')} in a country it names: {join_names(sorted(placed)[:3])}"
                f"{' and others' if len(placed) > 3 else ''}. Type part of a name."
            )
        elif not matching:
            said = f"No name holds “{shorten(text, 40)}”: try fewer letters."
        elif len(matching) == 1:
            said = f"One name holds “{shorten(text, 40)}”: press Enter or pick it from the list."
        else:
            said = f"{len(matching)} names hold “{shorten(text, 40)}”: pick one from the list."
        self.note.value = macro("live.html.j2", "search_note", TEMPLATES)(said)

    def matching(self, text: str) -> list[str]:
        """The names holding ``text`` (any case), as the browser's list offers them."""
        return [name for name in self.names.values() if text.strip().casefold() in name.casefold()]

    def _submitted(self, _widget, content, _buffers) -> None:
        """Enter in the box: the one name holding what is typed is added, as if picked from the list."""
        text = self.search.value.strip()
        if content.get("event") != "submit" or not text or text in self.by_name:
            return
        matching = self.matching(text)
        if len(matching) == 1:
            self.search.value = matching[0]


DRAWN_KEPT = 32  # redraws kept by selection, so that going back to a view is instant (about 0.3 MB each)


class PracticeExplorer(LiveView):
    """Pick the practices to compare (2 to 6, among the records that name a migrant group, as the brief
    compares them) and a pillar; redraws the practices-by-items heatmap (drawn for the screen: every chosen
    row, the item names and the legend on a 1280x720 screen), the radars, and the side-by-side table with
    its evidence; the heading lists the sources of the practices chosen. Starts with the inputs' practices
    and, when they name one pillar, that pillar. The page's address holds the selections as ``practices``
    (practice ids, repeated) and ``pillar`` (a pillar's key, or ``all``).

    A redraw builds only what a choice adds: every record's scores for the charts are read once (the
    rows and columns a choice needs are taken from them), each practice's column of the side-by-side
    table once, the pages' kinds for the sources once; and the last DRAWN_KEPT views are kept whole."""

    ALL = "all"

    def __init__(self, inputs: PracticeInputs):
        self.inputs = inputs
        self.names = picker_names(inputs.migration_records)  # as the brief, never records that name no migrant group
        records = inputs.migration_records
        places = (
            dict(zip(records["practice_id"], records["countries"].fillna("").astype(str)))
            if "countries" in records
            else {}
        )
        self.practice_control = PracticePicker(self.names, value=tuple(inputs.ids), places=places)
        pillars = [("(all pillars)", self.ALL)] + [(pillar.label, pillar.key) for pillar in inputs.checklist.pillars]
        first = inputs.pillars[0] if len(inputs.pillars) == 1 else self.ALL
        self.pillar_control = widgets.Dropdown(
            style=LABEL_STYLE,
            options=pillars,
            value=first,
            description="Pillar",
            layout=widgets.Layout(width="100%", height="auto", flex_flow="row wrap", align_items="center"),
        )
        self.table: pd.DataFrame | None = None
        self.message = ""
        self._page_kinds = page_kinds(inputs.practices)
        self._position = {practice_id: row for row, practice_id in enumerate(inputs.practices["practice_id"])}
        self._matrix, self._reviewed = chart_matrices(inputs.scores, inputs.practices, inputs.checklist, [])
        self._columns: dict[str, pd.DataFrame] = {}  # a practice's side-by-side column, every item
        self._sources = Kept(DRAWN_KEPT)  # the heading, by the practices chosen
        self._drawn = Kept(DRAWN_KEPT)  # (html, table, message), by the practices and the pillar chosen
        self.start(
            [self.practice_control, self.pillar_control],
            widgets.VBox([self.practice_control, self.pillar_control]),
            heading=self._heading(tuple(inputs.ids)),
            address={"practices": self.practice_control, "pillar": self.pillar_control},
        )

    @property
    def pillars(self) -> list[str]:
        return [] if self.pillar_control.value == self.ALL else [self.pillar_control.value]

    def _chosen(self, ids) -> pd.DataFrame:
        return self.inputs.practices.iloc[[self._position[practice_id] for practice_id in ids]].reset_index(drop=True)

    def _heading(self, ids: tuple) -> str:
        """The view's heading, its sources those of the practices chosen (brief.source_links)."""
        return self._sources.get(
            ids,
            lambda: workbook_heading(
                "good_practice_comparison",
                source_links(replace(self.inputs, chosen=self._chosen(ids)), self._page_kinds),
                self.inputs.illustrative,
            ),
        )

    def why_not_offered(self, name: str, text: str) -> str:
        if name == "practices" and text in self._position:
            return "names no migrant group, so the comparison does not offer it"
        return super().why_not_offered(name, text)

    def busy_words(self) -> str:
        return f"Comparing {count_of(len(self.practice_control.value), 'practice')}…"

    def draw(self) -> str:
        ids = tuple(self.practice_control.value)
        if self.practice_control.note.value and not self.practice_control.search.value:
            self.practice_control.note.value = ""  # a choice changed: what the box said of a search is past
        self.heading.value = self._heading(ids)
        html, self.table, self.message = self._drawn.get((ids, self.pillar_control.value), lambda: self._draw(ids))
        return html

    def side_by_side(self, ids: tuple) -> pd.DataFrame:
        """compare.side_by_side of the practices ``ids`` and the pillar chosen, from each practice's column."""
        for practice_id in ids:
            if practice_id not in self._columns:
                self._columns[practice_id] = side_by_side(
                    self.inputs.scores, self._chosen((practice_id,)), self.inputs.checklist, []
                )
        columns = [self._columns[practice_id] for practice_id in ids]
        table = pd.concat([columns[0].iloc[:, :2]] + [column.iloc[:, 2:] for column in columns], axis=1)
        return table.iloc[self._items()].reset_index(drop=True)

    def matrices(self, ids: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
        """compare.chart_matrices of the practices ``ids`` and the pillar chosen, rows named as the picker
        names them (told apart where records share a title)."""
        rows, names = (
            [self._position[practice_id] for practice_id in ids],
            [self.names[practice_id] for practice_id in ids],
        )
        matrix, reviewed = (frame.iloc[rows, self._items()].set_axis(names) for frame in (self._matrix, self._reviewed))
        return matrix, reviewed

    def _items(self) -> list[int]:
        """Positions of the pillar's items among every checklist item."""
        shown = focus_items(self.inputs.checklist, self.pillars)
        return [position for position, item in enumerate(self.inputs.checklist.items) if item in shown]

    def _draw(self, ids: tuple) -> tuple[str, pd.DataFrame | None, str]:
        counts = macro("live.html.j2", "counts", TEMPLATES)
        if not MIN_CHOSEN <= len(ids) <= MAX_CHOSEN:
            extra = f": remove {len(ids) - MAX_CHOSEN}" if len(ids) > MAX_CHOSEN else ""
            message = f"Choose {MIN_CHOSEN} to {MAX_CHOSEN} practices ({len(ids)} chosen{extra})."
            return counts(message, False), None, message
        table = self.side_by_side(ids)
        message = f"{count_of(len(ids), 'practice')}, {count_of(len(table), 'checklist item')}"
        matrix, reviewed = self.matrices(ids)
        illustrative = self.inputs.illustrative
        return (
            "".join(
                [
                    counts(message, True),
                    image_html(*charts.screen_heatmap_chart(matrix, reviewed, illustrative), illustrative=illustrative),
                    image_html(
                        *charts.screen_radar_chart(matrix, illustrative=illustrative), illustrative=illustrative
                    ),
                    macro("live.html.j2", "scrolled", TEMPLATES)(
                        Markup(table_html(table, "Side by side, with the evidence", illustrative=illustrative))
                    ),
                ]
            ),
            table,
            message,
        )
