"""Where the workbench records decisions: a table of decisions (data/code_reviews.csv,
data/assessments.csv, data/status_log.csv, or a researcher's own), only ever added to.

A decision is written as one more line at the end of the file, after the whole table with it has
passed its layout's validation, through a temporary file beside it renamed over it (a reader never
sees half a file; a failure leaves the file as it was). Lines already there are copied byte for
byte: nothing is overwritten. A file written before its layout gained a column (``mode``) is
rewritten once with the column, every value kept. A file that changed on disk since the workbench
read it (another reviewer, an editor) is not written: the workbench reads it again and says so.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.files import atomic_write_bytes, atomic_write_text
from ..common.paths import sidecar_path
from ..errors import ReviewError
from ..tables.datasets import Dataset, check_illustrative_marking, load_dataset, load_sidecar
from ..tables.layouts import TableLayout
from ..tables.validate import as_text, read_text_table, typed, validate_text_table

SIDECAR = """title: {title}
description: >-
  Decisions recorded in the review workbench (notebooks/review_workbench.ipynb), one row per decision,
  kept with their history: the latest decision on a thing counts.
layout: {layout}
illustrative: {illustrative}
provenance: >-
  Recorded with the review workbench by the reviewers each row names, on the dates it gives, on
  {made_from}{invented}.
{refers_to}"""
TITLES = {
    "code_reviews": "Reviewed codes of consultation comments",
    "assessments": "Checklist scores a reviewer recorded",
    "status_log": "Recorded activity statuses",
}


def fingerprint(path: Path) -> str | None:
    """The SHA-256 of the file's bytes; None where there is no file."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@dataclass
class DecisionFile:
    """A table of decisions as the workbench read it: its rows (typed, the history in file order) and the
    fingerprint of the bytes they were read from."""

    path: Path
    layout: TableLayout
    frame: pd.DataFrame = field(repr=False)
    read_fingerprint: str | None
    made_from: Dataset | None = field(default=None, repr=False)  # what it decides on (the comments, practices or
    # activities its queue reads): a file the first decision creates is illustrative where that is, and refers to it

    @classmethod
    def read(cls, path: Path | str, layout: TableLayout, root: Path | None = None) -> "DecisionFile":
        """The file as it is now; a file that does not exist yet is an empty table (the first decision
        creates it, with its sidecar)."""
        path = Path(path)
        if path.is_file():
            frame = load_dataset(path, root, layout=layout.name).frame
        else:
            frame = typed(pd.DataFrame({name: pd.Series(dtype=object) for name in layout.column_names}), layout)
        return cls(path, layout, frame.reset_index(drop=True), fingerprint(path))

    def changed_on_disk(self) -> bool:
        return fingerprint(self.path) != self.read_fingerprint

    def append(self, rows: list[dict]) -> None:
        """Add ``rows`` (values by column) at the end of the file, validated and atomically (see the
        module's docstring). Raise :class:`ReviewError` where the file changed since it was read, and
        TableError, naming the column, where a row does not fit the layout."""
        if self.changed_on_disk():
            raise ReviewError(
                f"{self.path} changed on disk since the workbench read it (another reviewer or an "
                "editor saved it): it has been read again; look at the item again and decide. Nothing "
                "was recorded."
            )
        columns = self.layout.column_names
        added = as_text(pd.DataFrame(rows, columns=columns).fillna(""), self.layout)[columns].astype(str)
        text = pd.concat([as_text(self.frame, self.layout)[columns], added], ignore_index=True)
        validate_text_table(text, self.layout, self.path)  # the line numbers of its messages are the file's
        check_illustrative_marking(
            text, self._sidecar_meta(), self.path
        )  # an invented table's rows say so, and no other's
        new = typed(added, self.layout)
        whole = pd.concat([self.frame, new], ignore_index=True)
        if not self.path.exists():
            self._create_sidecar()
            atomic_write_text(self.path, text.to_csv(index=False, lineterminator="\n"))
        elif self._header_is_whole():
            atomic_write_bytes(self.path, self._with_lines(added[self._header()]))
        else:  # written before the layout gained a column: rewritten once with it, every value kept
            atomic_write_text(self.path, text.to_csv(index=False, lineterminator="\n"))
        self.frame = whole
        self.read_fingerprint = fingerprint(self.path)

    def _header(self) -> list[str]:
        return list(read_text_table(self.path).columns)

    def _header_is_whole(self) -> bool:
        return set(self._header()) == set(self.layout.column_names)

    def _with_lines(self, rows: pd.DataFrame) -> bytes:
        """The file's bytes, as they are, with ``rows`` as lines at the end (in the file's column order)."""
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            data += b"\r\n" if b"\r\n" in data else b"\n"
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n" if b"\r\n" in data else "\n").writerows(rows.itertuples(index=False))
        return data + out.getvalue().encode("utf-8")

    @property
    def illustrative(self) -> bool:
        """Whether its rows are invented (its sidecar says so, or will, made from invented data)."""
        return bool(self._sidecar_meta()["illustrative"])

    def _sidecar_meta(self) -> dict:
        """The sidecar's keys: the file's own, else those the first decision will write."""
        if sidecar_path(self.path).exists():
            return load_sidecar(self.path)
        return {"layout": self.layout.name, "illustrative": bool(self.made_from and self.made_from.illustrative)}

    def _create_sidecar(self) -> None:
        sidecar = sidecar_path(self.path)
        if sidecar.exists():
            return
        made_from = self.made_from
        refers_to = ""
        if made_from is not None and made_from.path.parent.resolve() == self.path.parent.resolve():
            refers_to = f"refers_to:\n  - {made_from.path.name}\n"
        atomic_write_text(
            sidecar,
            SIDECAR.format(
                title=TITLES.get(self.layout.name, self.layout.name),
                layout=self.layout.name,
                illustrative="true" if made_from is not None and made_from.illustrative else "false",
                made_from=made_from.path.name if made_from is not None else "the project's data",
                invented=" (invented, so these decisions are too)"
                if made_from is not None and made_from.illustrative
                else "",
                refers_to=refers_to,
            ),
        )

    def reread(self, root: Path | None = None) -> None:
        """Read the file again (after it changed on disk)."""
        again = DecisionFile.read(self.path, self.layout, root)
        self.frame, self.read_fingerprint = again.frame, again.read_fingerprint
