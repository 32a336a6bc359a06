"""The times of a run's events, declared once: how the run records write them, how a run's stamp is made of
one, and the one way every page, the feed, the alerts and the log show one to people ("7 December 2026,
07:00 UTC"). The events: a brief made (its run record's ``finished``, the time of its edition), a run
finished (the history's ``finished``, its stamp), a run of a brief that failed (its record's ``finished``)."""

from __future__ import annotations

from datetime import datetime, timezone

STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"  # a run's stamp: its finishing time (UTC), sortable, safe in a file name
RECORD_TIME_FORMAT = "%Y-%m-%d %H:%M:%S UTC"  # a run record's "finished" (run_records.RunResult)
ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # the history's "started", "finished" and an edition's "made"


def record_time(moment: datetime) -> str:
    """``moment`` as a run record writes it: "2026-12-07 07:01:28 UTC"."""
    return moment.astimezone(timezone.utc).strftime(RECORD_TIME_FORMAT)


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def parse_moment(text: str) -> datetime | None:
    """A time as the history or a run record writes it, as a UTC datetime; None when it is neither."""
    for pattern in (ISO_FORMAT, RECORD_TIME_FORMAT, STAMP_FORMAT):
        try:
            return datetime.strptime(str(text), pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def shown_moment(moment: datetime | str | None) -> str:
    """A time as people read it, everywhere: "7 December 2026, 07:00 UTC"; a recorded time (text) is read
    first (:func:`parse_moment`); "" for none."""
    if isinstance(moment, str):
        moment = parse_moment(moment)
    return f"{moment.astimezone(timezone.utc):%-d %B %Y, %H:%M} UTC" if moment else ""
