"""Each workbook's loader, by notebook: the notebook's one load, which the brief runner also calls before the
brief's kernel starts, to check its inputs (``check_only``). The functions themselves, not names of them: this
module imports the three workbooks, so it sits above them, as the command line does, which hands these to the
runner (:func:`workbooks.publish.runner.run_briefs`); the runner imports no workbook. Each takes its
notebook's parameters in the order ``workbook_specs.Workbook.loader_arguments`` gives (tests keep the
notebooks' calls, these and the specs in step)."""

from __future__ import annotations

from collections.abc import Callable

from .consultation.inputs import load_consultation_inputs
from .good_practice.inputs import load_practice_inputs
from .timeline.inputs import load_timeline_inputs

LOADERS: dict[str, Callable] = {
    "timeline_progress": load_timeline_inputs,
    "consultation_inputs": load_consultation_inputs,
    "good_practice_comparison": load_practice_inputs,
}
