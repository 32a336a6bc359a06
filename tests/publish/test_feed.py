"""outputs/feed.xml (publish/feed.py): valid Atom, read back by a real feed reader (feedparser) and checked
element by element against RFC 4287 with lxml; one entry per edition kept, the stale one marked."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import feedparser
from test_history import HOSTILE, MOMENT, made

from following import ATOM, check_atom
from workbooks.publish.feed import feed_xml, write_feed
from workbooks.publish.history import record_run


def two_editions_then_a_failure(out: Path) -> None:
    record_run(out, [made(out, "nb/a", 1), made(out, "nb/b", 1)], MOMENT, "s", now=MOMENT)
    record_run(out, [made(out, "nb/a", 2), made(out, "nb/b", 1, cached=True)], MOMENT, "s", now=MOMENT)
    record_run(
        out,
        [made(out, "nb/a", 2, cached=True), made(out, "nb/b", 3, status="failed", error="ValueError: boom")],
        MOMENT,
        "s",
        now=datetime(2026, 12, 8, 6, 0, tzinfo=timezone.utc),
    )


def test_the_feed_is_valid_atom_with_one_entry_per_edition_newest_first(tmp_path):
    two_editions_then_a_failure(tmp_path)
    xml = write_feed(tmp_path).read_bytes()
    feed = check_atom(xml)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = [entry.title for entry in parsed.entries]
    assert len(titles) == 3  # nb/a twice, nb/b once
    assert titles[0].startswith(f"Stale: Brief b {HOSTILE}")  # its updated time is the failed run's: the newest
    assert [entry.link for entry in parsed.entries[1:]] == [
        "history/nb/a/2026-12-07T060001Z/a.html",
        "history/nb/a/2026-12-07T060000Z/a.html",
    ]
    assert "Key message of edition 2." in parsed.entries[1].content[0].value
    assert parsed.feed.updated == parsed.entries[0].updated == "2026-12-07T06:00:03+00:00"  # when nb/b failed
    assert feed.findtext(f"{ATOM}updated") == "2026-12-07T06:00:03+00:00"


def test_a_stale_entry_says_when_and_why_and_carries_the_category(tmp_path):
    two_editions_then_a_failure(tmp_path)
    stale = feedparser.parse(feed_xml(tmp_path)).entries[0]
    assert [tag.term for tag in stale.tags] == ["stale"]
    assert (
        "<strong>Stale:</strong> the last run (7 December 2026, 06:00 UTC) failed: ValueError: boom. This edition "
        "is the last good one."
    ) in stale.content[0].value
    assert stale.published == "2026-12-07T06:00:01+00:00"  # the edition's own date stays


def test_entry_ids_stay_the_same_from_one_feed_to_the_next_and_text_is_escaped(tmp_path):
    two_editions_then_a_failure(tmp_path)
    first = feed_xml(tmp_path)
    record_run(tmp_path, [made(tmp_path, "nb/c", 1)], MOMENT, "s", now=datetime(2026, 12, 9, tzinfo=timezone.utc))
    second = feed_xml(tmp_path)
    ids = lambda xml: {entry.id for entry in feedparser.parse(xml).entries}  # noqa: E731
    assert ids(first) < ids(second) and len(ids(second)) == 4
    assert b"<script>" not in second  # Hub text in a title or a key message is text, never markup


def test_with_a_site_address_the_links_are_absolute(tmp_path):
    two_editions_then_a_failure(tmp_path)
    parsed = feedparser.parse(feed_xml(tmp_path, site_url="https://example.org/briefs"))
    assert parsed.entries[1].link == "https://example.org/briefs/history/nb/a/2026-12-07T060001Z/a.html"
    assert {link.href for link in parsed.feed.links} == {
        "https://example.org/briefs/feed.xml",
        "https://example.org/briefs/index.html",
    }


def test_a_feed_with_no_edition_yet_is_still_valid(tmp_path):
    xml = feed_xml(tmp_path, now=datetime(2026, 12, 7, tzinfo=timezone.utc))
    check_atom(xml)
    assert not feedparser.parse(xml).bozo and not feedparser.parse(xml).entries


def test_an_entry_says_what_changed_since_the_previous_edition_escaped(tmp_path):
    first, second = made(tmp_path, "nb/a", 1), made(tmp_path, "nb/a", 2)
    first.facts["since"] = {"heading": "First edition", "compared": False, "changed": False, "changes": []}
    record_run(tmp_path, [first], MOMENT, "s", now=MOMENT)
    second.facts["since"] = {
        "heading": "Since the last edition (7 December 2026)",
        "compared": True,
        "changed": True,
        "changes": [f"1 comment added: Q1, comment 3 ({HOSTILE})."],
        "context": "Then as of X.",
    }
    record_run(tmp_path, [second], MOMENT, "s", now=MOMENT)
    parsed = feedparser.parse(write_feed(tmp_path).read_bytes())
    newest, oldest = (entry.content[0].value for entry in parsed.entries)
    assert "<p>Since the last edition (7 December 2026):</p>" in newest and "<p>Then as of X.</p>" in newest
    assert "<li>1 comment added: Q1, comment 3 (&lt;script&gt;alert(1)&lt;/script&gt;).</li>" in newest
    assert "<p>First edition.</p>" in oldest and "Since the last edition" not in oldest
