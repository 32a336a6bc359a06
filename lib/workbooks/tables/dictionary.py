"""The data dictionary (docs/data_dictionary.md), generated from the table layouts."""
from __future__ import annotations

from .layouts import LAYOUTS


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from the layouts (docs/data_dictionary.md)."""
    parts = ["# Data dictionary", "",
             "Generated from `lib/workbooks/tables/layouts.py` by `workbooks dictionary`; do not edit by hand.", ""]
    for layout in LAYOUTS.values():
        parts += [f"## {layout.name}", "", layout.description, ""]
        if layout.unique_key:
            parts += [f"Unique key: {', '.join(layout.unique_key)}.", ""]
        parts += ["| column | type | required | allowed values / form | meaning |", "|---|---|---|---|---|"]
        for spec in layout.columns:
            form = ", ".join(spec.vocabulary) if spec.vocabulary else (spec.form or "")
            form = form.replace("|", "\\|")
            parts.append(f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {form} | {spec.description} |")
        parts.append("")
    return "\n".join(parts)
