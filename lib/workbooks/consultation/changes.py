"""What changed in the consultation brief's facts since its previous edition (presentation/editions.py).

The facts tracked are each comment shown, by its id: how the annex names it (question, place, who posted
it), each code counted for it with who checked it (review_status's words), and the codes a review rejected.
:func:`changes_since` compares two editions' tracked facts, and nothing else.
"""

from __future__ import annotations

from ..common.wording import count_of
from ..presentation import editions
from ..presentation.editions import Change, SinceLastEdition, added_gone_kept, checked_differently
from ..tables.vocabularies import REJECTED
from .inputs import ConsultationInputs
from .reviews import pair_statuses

NOTHING_CHANGED = "No comment added or gone, and no code counted, dropped or checked differently."


def tracked_facts(inputs: ConsultationInputs) -> dict:
    """The facts an edition records for the next one to compare with (plain JSON values)."""
    codes_of: dict = {}
    for comment_id, code, status in zip(inputs.long["comment_id"], inputs.long["code"], pair_statuses(inputs.long)):
        codes_of.setdefault(comment_id, {})[code] = status.words()
    rejected_of: dict = {}
    rejected = inputs.counted_reviews[inputs.counted_reviews["decision"] == REJECTED]
    for comment_id, code in zip(rejected["comment_id"], rejected["code"]):
        rejected_of.setdefault(comment_id, []).append(code)
    comments = {
        str(comment_id): {
            "label": label,
            "codes": codes_of.get(comment_id, {}),
            "rejected": sorted(rejected_of.get(comment_id, [])),
        }
        for comment_id, label in zip(inputs.coded["comment_id"], inputs.codes_by_comment["comment"])
    }
    codes = {code for comment in comments.values() for code in [*comment["codes"], *comment["rejected"]]}
    return {"comments": comments, "code_labels": {code: inputs.labels.get(code, code) for code in sorted(codes)}}


def changes_since(previous: dict, current: dict) -> list[str]:
    """What changed between two editions' tracked facts (:func:`tracked_facts`), one sentence per kind of
    change: comments added, comments gone, codes newly counted, codes no longer counted (rejected by a
    review, where one did), codes checked differently (one sentence for each change of who checked them). [] when nothing changed."""
    before, now = previous.get("comments") or {}, current.get("comments") or {}
    labels = {**(previous.get("code_labels") or {}), **(current.get("code_labels") or {})}
    added, _, both = added_gone_kept(before, now)
    changes: list[str] = []
    if added:
        changes.append(Change(f"{count_of(len(added), 'comment')} added", added))
    gone = [f"{before[key]['label']}, id {key}" for key in before if key not in now]  # a place moves; an id stays
    if gone:
        changes.append(
            Change(
                f"{count_of(len(gone), 'comment')} no longer in the brief (gone from the comments file, or "
                "from the discussions chosen), each named as the last edition placed it, with its comment_id",
                gone,
            )
        )
    counted: list[str] = []
    dropped: list[str] = []
    checked: dict[tuple[str, str], list[str]] = {}
    for key in both:
        codes_now, codes_then, comment = now[key]["codes"], before[key]["codes"], now[key]["label"]
        for code in codes_now:
            if code not in codes_then:
                counted.append(f"{labels.get(code, code)} for {comment}: {codes_now[code]}")
            elif codes_now[code] != codes_then[code]:
                checked.setdefault((codes_then[code], codes_now[code]), []).append(
                    f"{labels.get(code, code)} for {comment}"
                )
        for code in codes_then:
            if code not in codes_now:
                why = "rejected by a review" if code in now[key].get("rejected", []) else "no longer found by the coder"
                dropped.append(f"{labels.get(code, code)} for {comment}: {why}")
    if counted:
        changes.append(Change(f"{count_of(len(counted), 'code')} newly counted", counted))
    if dropped:
        changes.append(Change(f"{count_of(len(dropped), 'code')} no longer counted", dropped))
    return changes + checked_differently(checked, "code")


def since_last_edition(inputs: ConsultationInputs, previous_edition: str | None) -> SinceLastEdition:
    """The section "Since the last edition" of a consultation brief, from the path of the previous edition's
    record the brief runner gives ("" for a first edition; None, by hand: nothing shown)."""
    return editions.since_last_edition(
        previous_edition, tracked_facts(inputs), changes_since, nothing_changed=NOTHING_CHANGED
    )
