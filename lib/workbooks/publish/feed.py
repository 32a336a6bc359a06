"""outputs/feed.xml: an Atom feed (RFC 4287, written by feedgen) of the briefs' editions, to follow them.

One entry per edition the history keeps (:mod:`.history`), the newest first: the brief's title and the
edition's date, its question and key messages (the facts the brief recorded), its data date and a link to
the edition's HTML as it was made. A brief whose last run failed has its newest entry marked stale: a
category ``stale``, "Stale:" before its title and a line saying when and why the run failed; its
``updated`` time is the failed run's, so a reader sees the entry change. An illustrative brief says so in
its title and content. Links are relative to the outputs folder (where the feed is published beside the
catalogue) unless a site address is given (``site_url`` in params/alerts.yaml), which makes them absolute.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

from ..common.files import atomic_write_bytes
from ..common.moments import parse_moment, shown_moment
from ..presentation.markup import render
from .catalogue_page import CATALOGUE_PAGE, FEED_FILE, load_run_records, stale_note
from .history import Edition, editions_kept, every_brief_kept

FEED_TITLE = "Integration Workbooks: new editions of the briefs"
STALE_TERM = "stale"
TEMPLATES = Path(__file__).parent / "templates" / "catalogue"
_IDS = uuid.UUID("6f9d2a53-5c44-4e0b-9d55-2b1f3c6a7e10")  # the namespace of this project's feed and entry ids


def _address(relative: str, site_url: str) -> str:
    return urljoin(site_url.rstrip("/") + "/", relative) if site_url else relative


def entry_id(edition: Edition) -> str:
    """An edition's permanent id: the same brief and run stamp give the same id, in every feed written."""
    return uuid.uuid5(_IDS, f"{edition.brief}/{edition.stamp}").urn


def feed_id(site_url: str = "") -> str:
    return uuid.uuid5(_IDS, f"feed {site_url}").urn


def _entry_content(edition: Edition, stale: str, link: str) -> str:
    facts = edition.facts
    return render(
        "feed_entry.html.j2",
        TEMPLATES,
        e=SimpleNamespace(
            illustrative=bool(facts.get("illustrative")),
            stale=stale,
            question=facts.get("question") or "",
            key_messages=[str(message) for message in facts.get("summary") or []],
            since=facts.get("since") if isinstance(facts.get("since"), dict) else {},
            data_date=str(facts.get("data_date") or ""),
            link=link,
        ),
    )


def feed_xml(out_dir: Path, site_url: str = "", now: datetime | None = None) -> bytes:
    """The feed of every edition kept, the newest first (see the module's description)."""
    from feedgen.feed import FeedGenerator

    out_dir = Path(out_dir)
    last_run = {record.get("brief"): record for record in load_run_records(out_dir)}
    entries = []
    for brief in every_brief_kept(out_dir):
        record = last_run.get(brief, {})
        stale = stale_note(record)
        for position, edition in enumerate(editions_kept(out_dir, brief)):
            marked = stale if position == 0 else ""  # the newest edition is what a reader has: it is stale
            updated = (parse_moment(record.get("finished", "")) if marked else None) or edition.made
            entries.append((updated, edition, marked))
    entries.sort(key=lambda item: (item[0], item[1].brief), reverse=True)

    feed = FeedGenerator()
    feed.id(feed_id(site_url))
    feed.title(FEED_TITLE)
    feed.subtitle(
        "Each new edition of a brief made by Integration Workbooks, with its key messages. These briefs "
        "are not a publication of the UN Network on Migration."
    )
    feed.author({"name": "Integration Workbooks"})
    feed.link(href=_address(FEED_FILE, site_url), rel="self", type="application/atom+xml")
    feed.link(href=_address(CATALOGUE_PAGE, site_url), rel="alternate", type="text/html")
    feed.language("en")
    feed.updated(entries[0][0] if entries else (now or datetime.now(timezone.utc)))
    for updated, edition, stale in entries:
        title = edition.facts.get("title") or edition.brief
        made = shown_moment(edition.made)
        link = _address(edition.html, site_url)
        entry = feed.add_entry(order="append")
        entry.id(entry_id(edition))
        entry.title(
            ("Stale: " if stale else "")
            + ("ILLUSTRATIVE: " if edition.facts.get("illustrative") else "")
            + f"{title} (edition of {made})"
        )
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(edition.made)
        entry.updated(updated)
        entry.content(_entry_content(edition, stale, link), type="html")
        if stale:
            entry.category(term=STALE_TERM, label="Stale: the brief's last run failed")
    return feed.atom_str(pretty=True)


def write_feed(out_dir: Path, site_url: str = "") -> Path:
    path = Path(out_dir) / FEED_FILE
    atomic_write_bytes(path, feed_xml(out_dir, site_url))
    return path
