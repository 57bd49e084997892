"""What a save would add twice: the source already in the file (same title or address),
and events already recorded (same dates, same participants).

Saving an article a second time should not give a second source and a second copy of
each event without a word: the dialog offers to link to the existing records instead.
Plain records in, plain answers out, so the rule is the same for every front end.
"""

from __future__ import annotations

from collections.abc import Iterable

from models.dates import DateParseError, parse_date
from models.edits import ChosenEvent
from models.intake.words import name_key
from models.records import Event, Source


def same_source(source: Source, existing: Iterable[Source]) -> Source | None:
    """An existing source with the same title (compared loosely) or the same address."""
    title, url = name_key(source.title), source.url.strip().rstrip("/").lower()
    for other in existing:
        if other.id == source.id:
            continue
        if (title and name_key(other.title) == title) or (
                url and other.url.strip().rstrip("/").lower() == url):
            return other
    return None


def same_event(date: str, participants: set[int], existing: Iterable[Event]) -> Event | None:
    """An existing event read as the same dates with the same (non-empty) participants."""
    if not participants:
        return None
    try:
        reading = parse_date(date)
    except DateParseError:
        return None
    for event in existing:
        if ((event.earliest, event.latest) == (reading.earliest, reading.latest)
                and {p.entity_id for p in event.participants} == participants):
            return event
    return None


def repeated_events(events: Iterable[ChosenEvent], known: set[int], stored: list[Event]
                    ) -> dict[int, Event]:
    """Row of each chosen event → the stored event it repeats (participants: the known
    entities its sentence names that are ticked)."""
    return {c.row: e for c in events
            if (e := same_event(c.date, set(c.draft.entity_ids) & known, stored)) is not None}


def describe_repeats(source: Source | None, events: dict[int, Event]) -> str:
    """What the file already has, for the question: "the source ‘…’ and 2 event(s) …"."""
    what = [f"the source ‘{source.title}’"] if source else []
    if events:
        what.append(f"{len(events)} event(s), e.g. ‘{next(iter(events.values())).title}’")
    return " and ".join(what)
