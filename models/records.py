"""Typed records: what the Store returns and accepts.

Records are plain dataclasses without behaviour that needs a database, so the UI, the
importers and the tests can build them freely. ``id`` is ``None`` for a record that has
not been written yet. Dates are kept as written (``date``, ``end_date``) next to the
interval of days the text allows (``earliest``/``latest``, Julian Day Numbers; see
``models.dates``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from models.kinds import RecordKind

EntityKind = Literal["person", "organization", "place"]
TargetType = Literal["event", "entity", "relationship"]

ENTITY_KINDS: tuple[str, ...] = ("person", "organization", "place")
TARGET_TYPES: tuple[str, ...] = ("event", "entity", "relationship", "claim")
CLAIM_TARGETS: tuple[str, ...] = ("event", "relationship")
# A claim in the claims table is an alternative or rejected; the preferred claim is what
# the event's or relationship's own row holds (``Claim.preferred_of`` shows it as one).
CLAIM_STATUSES: tuple[str, ...] = ("preferred", "alternative", "rejected")
STORED_CLAIM_STATUSES: tuple[str, ...] = ("alternative", "rejected")
SOURCE_KINDS: tuple[str, ...] = (
    "article", "report", "interview", "book", "dataset", "web page", "other",
)
RELIABILITY_CODES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
EVENT_CATEGORIES: tuple[str, ...] = (
    "diplomatic", "parliamentary", "military", "security", "economic/technology",
    "public opinion", "statement", "political",
)


@dataclass
class Source:
    title: str
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    kind: str = "article"
    reliability: str = ""
    notes: str = ""
    content: str = ""
    earliest: int | None = None
    latest: int | None = None
    id: int | None = None


@dataclass
class Entity:
    kind: str
    name: str
    native_name: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    date: str = ""
    end_date: str = ""
    notes: str = ""
    earliest: int | None = None
    latest: int | None = None
    id: int | None = None

    def all_names(self) -> list[str]:
        """Name, native name and aliases, without blanks: what a match may be made on."""
        names = [self.name, self.native_name, *self.aliases]
        return [n for n in names if n.strip()]


@dataclass
class Participant:
    entity_id: int
    role: str = ""


@dataclass
class Event:
    title: str
    date: str
    summary: str = ""
    end_date: str = ""
    category: str = ""
    location: str = ""
    notes: str = ""
    participants: list[Participant] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    earliest: int = 0
    latest: int = 0
    core_start: int | None = None
    core_end: int | None = None
    inferred: bool = False  # the date is read from context, not stated; notes say how
    id: int | None = None


@dataclass
class Relationship:
    from_id: int
    to_id: int
    kind: str
    directed: bool = True
    date: str = ""
    end_date: str = ""
    description: str = ""
    notes: str = ""
    earliest: int | None = None
    latest: int | None = None
    core_start: int | None = None
    core_end: int | None = None
    inferred: bool = False  # implied by the sources rather than stated; notes say how
    id: int | None = None


@dataclass
class Citation:
    source_id: int
    target_type: str
    target_id: int
    locator: str = ""
    excerpt: str = ""
    confidence: int | None = None
    id: int | None = None


@dataclass
class Claim:
    """What a source asserts instead of what an event or relationship holds: another date
    of an event, or another kind or dates of a relationship (``kind`` is '' for events)."""

    target_type: str  # "event" or "relationship"
    target_id: int
    date: str = ""
    end_date: str = ""
    kind: str = ""
    status: str = "alternative"
    note: str = ""
    earliest: int | None = None
    latest: int | None = None
    core_start: int | None = None
    core_end: int | None = None
    id: int | None = None

    @classmethod
    def preferred_of(cls, record: Event | Relationship) -> Claim:
        """The preferred claim: the record's own values, shown beside the alternatives."""
        is_event = isinstance(record, Event)
        return cls("event" if is_event else "relationship", record.id or 0, record.date,
                   record.end_date, "" if is_event else record.kind,  # type: ignore[union-attr]
                   "preferred", earliest=record.earliest, latest=record.latest,
                   core_start=record.core_start, core_end=record.core_end)


@dataclass(frozen=True)
class SearchHit:
    """One search result: which record, its title, and a short context snippet."""

    kind: RecordKind  # an event, entity or source
    id: int
    title: str
    snippet: str
