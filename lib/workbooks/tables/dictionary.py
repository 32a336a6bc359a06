"""The data dictionary (docs/data_dictionary.md), generated from the table layouts."""

from __future__ import annotations

from .layouts import LAYOUTS
from .vocabularies import COMMENT_ORIGINS


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from the layouts (docs/data_dictionary.md)."""
    parts = [
        "# Data dictionary",
        "",
        "Generated from `lib/workbooks/tables/layouts.py` by `workbooks dictionary`; do not edit by hand.",
        "",
    ]
    for layout in LAYOUTS.values():
        parts += [f"## {layout.name}", "", layout.description, ""]
        if layout.unique_key:
            parts += [f"Unique key: {', '.join(layout.unique_key)}.", ""]
        parts += ["| column | type | required | allowed values / form | meaning |", "|---|---|---|---|---|"]
        for spec in layout.columns:
            form = ", ".join(spec.vocabulary) if spec.vocabulary else (spec.form or "")
            form = form.replace("|", "\\|")
            parts.append(
                f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {form} | {spec.description} |"
            )
        parts.append("")
    parts += [
        "## Sidecar keys",
        "",
        "Every `data/NAME.csv` has `data/NAME.meta.yaml` beside it (`lib/workbooks/tables/datasets.py`), with "
        "`title`, `description`, `layout`, `illustrative` and `provenance`; optionally `rebuild`, `license`, "
        "`built`, `built_from` and `refers_to`, and, in a comments table's sidecar only:",
        "",
        "| key | allowed values | meaning |",
        "|---|---|---|",
        f"| `collected_from` | {', '.join(COMMENT_ORIGINS)}; or a list of them | Where the comments were gathered. "
        "The consultation brief's words follow it ('Comments received up to', 'who sent it' for e-mails; "
        "'posted', 'the page' for Hub pages); several kinds, or none said, get words that fit any. |",
        "",
    ]
    return "\n".join(parts)
