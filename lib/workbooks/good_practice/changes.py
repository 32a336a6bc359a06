"""What changed in the good-practice comparison's facts since its previous edition (presentation/editions.py).

The facts tracked are each practice compared, by its id: its name as the brief gives it, and its score on
each item shown with who checked it (review_status's words). :func:`changes_since` compares two editions'
tracked facts, and nothing else.
"""

from __future__ import annotations

from ..common.wording import count_of
from ..presentation import editions
from ..presentation.editions import Change, SinceLastEdition, added_gone_kept, checked_differently
from .compare import distinct_names
from .inputs import PracticeInputs

NOTHING_CHANGED = "No practice added or gone, and no score changed or checked differently."


def tracked_facts(inputs: PracticeInputs) -> dict:
    """The facts an edition records for the next one to compare with (plain JSON values)."""
    names = distinct_names(inputs.chosen)
    scores = inputs.shown_scores
    practices = {}
    for practice_id in inputs.ids:
        mine = scores[scores["practice_id"] == practice_id]
        practices[str(practice_id)] = {
            "name": names[practice_id],
            "scores": {
                item: {"score": int(score), "checked": status}
                for item, score, status in zip(mine["item"], mine["score"], mine["review_status"])
            },
        }
    return {"practices": practices, "item_labels": {item.key: item.label for item in inputs.checklist.items}}


def changes_since(previous: dict, current: dict) -> list[str]:
    """What changed between two editions' tracked facts (:func:`tracked_facts`), one sentence per kind of
    change: practices added, practices gone, scores changed (from, to, and who checked the new one),
    scores checked differently (one sentence for each change of who checked them). [] when nothing changed."""
    before, now = previous.get("practices") or {}, current.get("practices") or {}
    labels = {**(previous.get("item_labels") or {}), **(current.get("item_labels") or {})}
    added, removed, both = added_gone_kept(before, now, "name")
    changes: list[str] = []
    if added:
        changes.append(Change(f"{count_of(len(added), 'practice')} now compared", added))
    if removed:
        changes.append(Change(f"{count_of(len(removed), 'practice')} no longer compared", removed))
    scored: list[str] = []
    checked: dict[tuple[str, str], list[str]] = {}
    for key in both:
        for item, score in now[key]["scores"].items():
            then = before[key]["scores"].get(item)
            where = f"{now[key]['name']}, {labels.get(item, item)}"
            if then is None:
                continue  # an item newly shown: the pillars chosen changed, not a score
            if score["score"] != then["score"]:
                scored.append(f"{where}: {score['score']} (was {then['score']}), {score['checked']}")
            elif score["checked"] != then["checked"]:
                checked.setdefault((then["checked"], score["checked"]), []).append(f"{where}: {score['score']}")
    if scored:
        changes.append(Change(f"{count_of(len(scored), 'score')} changed", scored))
    return changes + checked_differently(checked, "score")


def since_last_edition(inputs: PracticeInputs, previous_edition: str | None) -> SinceLastEdition:
    """The section "Since the last edition" of a comparison, from the path of the previous edition's record
    the brief runner gives ("" for a first edition; None, by hand: nothing shown)."""
    return editions.since_last_edition(
        previous_edition, tracked_facts(inputs), changes_since, nothing_changed=NOTHING_CHANGED
    )
