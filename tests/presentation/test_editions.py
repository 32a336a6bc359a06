"""Since the last edition, the part no workbook owns (presentation/editions.py): the previous edition's
record read without ever failing the brief, the section's states, and the markup escaping what it shows."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

from workbooks.presentation.editions import (
    NAMED_IN_A_CHANGE,
    Change,
    PreviousEdition,
    SinceLastEdition,
    named,
    read_previous_edition,
    since_last_edition,
)

HOSTILE = "<script>alert(1)</script>"


def _record(folder, tracked=None, made="2026-12-06T06:15:02Z"):
    path = folder / "edition.json"
    facts = {"title": "A brief"} | ({"tracked": tracked} if tracked is not None else {})
    path.write_text(json.dumps({"made": made, "facts": facts}), encoding="utf-8")
    return str(path)


def _compare(previous, current):
    return [
        f"{key} is now {current[key]} (was {previous.get(key)})" for key in current if previous.get(key) != current[key]
    ]


def test_no_previous_edition_named_is_a_first_edition_under_the_runner_and_nothing_by_hand():
    first = since_last_edition("", {"a": 1}, _compare)
    assert first.shown and not first.compared and not first.changed and first.heading() == "First edition"
    assert "first edition of this brief" in first.html() and first.record()["heading"] == "First edition"
    by_hand = since_last_edition(None, {"a": 1}, _compare)
    assert not by_hand.shown and by_hand.html() == "" and by_hand.record()["heading"] == ""
    assert first.tracked == by_hand.tracked == {"a": 1}  # recorded either way, for the next edition


def test_the_previous_record_is_read_with_its_day_and_tracked_facts(tmp_path):
    previous = read_previous_edition(_record(tmp_path, {"a": 1}))
    assert previous.made == date(2026, 12, 6) and previous.tracked == {"a": 1} and not previous.problem
    assert previous.made_at == datetime(2026, 12, 6, 6, 15, 2, tzinfo=timezone.utc)


def test_the_heading_gives_the_last_editions_time_so_two_editions_of_one_day_are_told_apart(tmp_path):
    """A walk: two editions made the same day both read 'Since the last edition (7 December 2026)'."""
    same_day = since_last_edition(_record(tmp_path, {"a": 1}, made="2026-12-07T20:28:59Z"), {"a": 2}, _compare)
    assert same_day.heading() == "Since the last edition (7 December 2026, 20:28 UTC)"
    no_time = since_last_edition(_record(tmp_path, {"a": 1}, made="2026-12-07"), {"a": 2}, _compare)
    assert no_time.heading() == "Since the last edition (7 December 2026)"  # an older record's bare day: the day
    no_day = since_last_edition(_record(tmp_path, {"a": 1}, made="yesterday"), {"a": 2}, _compare)
    assert no_day.heading() == "Since the last edition"
    assert read_previous_edition("") is None and read_previous_edition(None) is None


def test_a_record_missing_unreadable_or_without_tracked_facts_never_fails_the_brief(tmp_path):
    missing = since_last_edition(str(tmp_path / "gone" / "edition.json"), {"a": 1}, _compare)
    assert missing.previous.problem.startswith("edition.json: ") and not missing.compared
    assert "could not be read" in missing.html() and "Traceback" not in missing.html()
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert read_previous_edition(str(tmp_path / "bad.json")).problem == "bad.json: not readable JSON"
    older = since_last_edition(_record(tmp_path, None), {"a": 1}, _compare)  # made before briefs recorded facts
    assert older.previous.made == date(2026, 12, 6) and not older.compared and not older.changed
    assert "did not record the facts" in older.html() and older.record()["changes"] == []


def test_changes_are_listed_under_the_previous_edition_s_day_and_nothing_changed_is_said(tmp_path):
    changed = since_last_edition(_record(tmp_path, {"a": 1, "b": 2}), {"a": 1, "b": 3}, _compare)
    assert changed.changed and changed.changes == ["b is now 3 (was 2)"]
    assert changed.heading() == "Since the last edition (6 December 2026, 06:15 UTC)"
    assert "<li>b is now 3 (was 2)</li>" in changed.html()
    assert changed.record() | {"nothing_changed": ""} == {
        "heading": "Since the last edition (6 December 2026, 06:15 UTC)",
        "compared": True,
        "changed": True,
        "previous_made": "2026-12-06",
        "changes": ["b is now 3 (was 2)"],
        "context": "",
        "nothing_changed": "",
    }
    same = since_last_edition(_record(tmp_path, {"a": 1}), {"a": 1}, _compare, nothing_changed="No change at all.")
    assert same.compared and not same.changed and "<p>No change at all.</p>" in same.html()


def test_text_from_the_data_is_escaped():
    shown = SinceLastEdition(PreviousEdition(date(2026, 12, 6), {}), [f"{HOSTILE} changed"], {}, context=HOSTILE)
    assert "<script>" not in shown.html() and "&lt;script&gt;alert(1)&lt;/script&gt; changed" in shown.html()


def test_named_lists_every_label_up_to_the_most_then_counts_the_rest():
    assert named(["A"]) == "A" and named(["A", "B"]) == "A and B" and named(["A, x", "B", "C"]) == "A, x; B; and C"
    assert named([str(n) for n in range(10)], most=4) == "0; 1; 2; and 7 more"
    assert named([str(n) for n in range(4)], most=4) == "0; 1; 2; and 3"


def test_a_change_naming_only_its_first_things_lists_them_all_folded_under_it_escaped():
    """A reader's walk: '200 comments no longer in the brief ...: A; B; ...; and 193 more', and no table listed the
    193. The page lists every one, folded under the sentence (on paper: one line saying where); the records and the
    feed keep the sentence alone."""
    import copy
    import pickle

    gone = [f"Q{number}, comment {number} ({HOSTILE})" for number in range(1, 201)]
    many = Change("200 comments no longer in the brief", gone)
    just = Change("8 comments added", [f"c{number}" for number in range(NAMED_IN_A_CHANGE)])
    assert many.folded and not just.folded  # exactly as many as a sentence names: all named, nothing folded
    assert many.endswith("; and 193 more.") and str(just) == "8 comments added: c0; c1; c2; c3; c4; c5; c6; and c7."
    shown = SinceLastEdition(PreviousEdition(date(2026, 12, 6), {}), [many, just, "a plain sentence"], {})
    html = shown.html()
    assert html.count("<details") == 1 and "All 200<span" in html and "listed in the HTML brief" in html
    folded = html[html.index("<details") : html.index("</details>")]
    assert folded.count("<li>") == 200 and "<li>Q200, comment 200 (&lt;script&gt;" in folded
    assert "<script>" not in html
    assert shown.record()["changes"] == [str(many), str(just), "a plain sentence"]
    assert json.loads(json.dumps(shown.record()))["changes"][0].endswith("and 193 more.")
    for again in (copy.deepcopy(many), pickle.loads(pickle.dumps(many))):
        assert again == many and again.things == many.things and again.folded


def _edition(folder, tracked, summary, since, made="2026-12-08T06:15:02Z"):
    path = folder / "edition.json"
    path.write_text(
        json.dumps({"made": made, "facts": {"tracked": tracked, "summary": summary, "since": since}}), encoding="utf-8"
    )
    return str(path)


def test_a_run_saying_what_the_last_edition_said_keeps_that_edition_s_own_section(tmp_path):
    """The current edition (8 December) changed b since 7 December; a later run with the same facts and key
    messages makes no new edition, and its page must still say what the current edition changed."""
    last = SinceLastEdition(
        read_previous_edition(_record(tmp_path, {"b": 2}, made="2026-12-07T06:15:00Z")),
        ["b is now 3 (was 2)"],
        {"b": 3},
    ).record()
    rerun = since_last_edition(_edition(tmp_path, {"b": 3}, ["One message."], last), {"b": 3}, _compare)
    kept = rerun.with_key_messages(["One message."])
    assert kept.heading() == "Since the last edition (7 December 2026, 06:15 UTC)" and kept.changes == [
        "b is now 3 (was 2)"
    ]
    assert kept.changed and kept.record()["previous_made"] == "2026-12-07"  # the catalogue keeps its CHANGED mark
    first = SinceLastEdition(None, [], {"b": 3}, first=True).record()  # a re-run of a first edition stays first
    again = since_last_edition(_edition(tmp_path, {"b": 3}, ["One message."], first), {"b": 3}, _compare)
    assert again.with_key_messages(["One message."]).heading() == "First edition"


def test_key_messages_new_or_reworded_are_a_change_even_with_no_tracked_fact_changed(tmp_path):
    since = since_last_edition(
        _edition(tmp_path, {"b": 3}, ["Kept.", "Old rarity."], {"heading": "x"}), {"b": 3}, _compare
    ).with_key_messages(["Kept.", "New rarity."])
    assert since.changed and since.changes == ["1 of the 2 key messages above is new or reworded since then."]
    assert since.heading() == "Since the last edition (8 December 2026, 06:15 UTC)"
    # what the last edition said in their place is folded under the sentence (a walk: no before and after)
    assert since.changes[0].things == ("Old rarity.",) and since.changes[0].folded
    html = since.html()
    assert "What the last edition said in its place<span" in html and "<li>Old rarity.</li>" in html
    assert "<li>New rarity.</li>" not in html and since.record()["changes"] == [str(since.changes[0])]
    added = since_last_edition(
        _edition(tmp_path, {"b": 3}, ["Kept."], {"heading": "x"}), {"b": 3}, _compare
    ).with_key_messages(["Kept.", "Added."])
    assert added.changes == ["1 of the 2 key messages above is new or reworded since then."]
    assert not added.changes[0].folded and "<details" not in added.html()  # none said in its place: no list
    tracked = since_last_edition(_edition(tmp_path, {"b": 2}, ["Kept."], {}), {"b": 3}, _compare)
    assert tracked.with_key_messages(["Kept."]).changes == ["b is now 3 (was 2)"]  # the same messages: nothing added
