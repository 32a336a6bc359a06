"""Text helpers: shortening for tables and charts, and reading a hand-edited YAML file."""
from __future__ import annotations

from pathlib import Path

import yaml


def shorten(text, width: int) -> str:
    """``text`` with its white space folded, cut to at most ``width`` characters with '…' where cut;
    the cut falls between words (inside a word only when its first word alone is too long)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " " and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def read_yaml_document(path: Path, error: type[Exception]):
    """A hand-edited YAML file (codebook, checklist); a missing or unreadable file raises ``error`` naming it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except yaml.YAMLError as problem:
        raise error(f"{path}: not valid YAML: {problem}") from None
