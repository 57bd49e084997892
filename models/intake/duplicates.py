"""What a save would add twice: the source already in the file (same title or address),
events already recorded (same dates, same participants), and new names the file already
has under that name or an alias: compared without case or diacritics ("ana lopés" is
"Ana Lopes"), or within ``NEAR`` similarity (rapidfuzz) for names of two words or more;
a name the user retyped at review is compared as typed.

Saving an article a second time should not give a second source and a second copy of
each event without a word: the dialog offers to link to the existing records instead.
Plain records in, plain answers out, so the rule is the same for every front end.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from models.dates import DateParseError, parse_date
from models.edits import ChosenEvent, ChosenName
from models.intake.words import name_key
from models.records import Event, Source

NEAR = 90.0  # similarity (0–100) from which a typed name is asked about
Known = list[tuple[int, list[str]]]  # (entity id, its names, the shown one first)


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


def loose_key(name: str) -> str:
    """``name_key`` without diacritics: "Lopés" and "LOPES" are one."""
    folded = unicodedata.normalize("NFKD", name)
    return name_key("".join(c for c in folded if not unicodedata.combining(c)))


def same_entity(name: str, known: Known) -> tuple[int, str] | None:
    """(id, shown name) of the entity ``name`` repeats, or None."""
    key = loose_key(name)
    keys: list[str] = []
    owners: list[tuple[int, str]] = []
    for entity_id, names in known:
        for each in names:
            if each:
                keys.append(loose_key(each))
                owners.append((entity_id, names[0]))
    if not key or not keys:
        return None
    if key in keys:
        return owners[keys.index(key)]
    if len(key.split()) < 2:
        return None  # one word a letter apart is another word ("Park", "Part")
    best = process.extractOne(key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=NEAR)
    return owners[best[2]] if best is not None else None


def repeated_names(names: Iterable[ChosenName], known: Known) -> dict[int, tuple[int, str]]:
    """Row of each chosen new name → (id, name) of the entity it repeats."""
    return {c.row: found for c in names if (found := same_entity(c.name, known)) is not None}


def describe_repeats(source: Source | None, events: dict[int, Event],
                     names: dict[int, tuple[int, str]] | None = None) -> str:
    """What the file already has, for the question: "the source ‘…’ and 2 event(s) …"."""
    what = [f"the source ‘{source.title}’"] if source else []
    if events:
        what.append(f"{len(events)} event(s), e.g. ‘{next(iter(events.values())).title}’")
    if names:
        shown = ", ".join(f"‘{n}’" for _, n in list(names.values())[:3])
        what.append(f"{len(names)} of the new names ({shown}{', …' if len(names) > 3 else ''})")
    return " and ".join(what)


@dataclass(frozen=True)
class Repeats:
    """What a save repeats: the source, events by row, new names by row."""

    source: Source | None = None
    events: dict[int, Event] = field(default_factory=dict)
    names: dict[int, tuple[int, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.source or self.events or self.names)

    def describe(self) -> str:
        return describe_repeats(self.source, self.events, self.names)

    def link(self, source: Source, events: tuple[ChosenEvent, ...],
             new: tuple[ChosenName, ...]) -> tuple[Source, tuple[ChosenEvent, ...],
                                                   tuple[ChosenName, ...]]:
        """The save linked to what the file has: its source, its events, its entities."""
        return (self.source or source,
                tuple(replace(c, existing_id=self.events[c.row].id) if c.row in self.events
                      else c for c in events),
                tuple(replace(c, existing_id=self.names[c.row][0]) if c.row in self.names
                      else c for c in new))
