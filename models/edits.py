"""The values a user's edit is made of, built by a dialog (or any front end) and handed
to a named operation in ``db.ops``.

They hold no widget and no connection, so an edit can be built on the command line or in
a test exactly as a dialog builds it, and the operation that writes it needs no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from models.drafts import EventDraft, Match, NameDraft, RelationshipDraft
from models.records import Claim, Entity, Event, Relationship, Source


@dataclass(frozen=True)
class CitationDraft:
    """A citation of the record being edited: ``id`` None for one not written yet."""

    source_id: int
    locator: str = ""
    excerpt: str = ""
    confidence: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class EntityEdit:
    """A person, organization or place (``id`` None for a new one) and its citations:
    the complete list the record should have, or None to leave its citations alone."""

    entity: Entity
    citations: tuple[CitationDraft, ...] | None = None  # None: leave them as they are


@dataclass(frozen=True)
class EventEdit:
    """An event and its citations. Participants with a negative id are entities created
    in the same edit: ``new_entities`` maps that draft id to the entity to add first, so
    the event and its new people are written (and undone) together."""

    event: Event
    citations: tuple[CitationDraft, ...] | None = None
    new_entities: Mapping[int, EntityEdit] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationshipEdit:
    """A relationship between two entities and its citations."""

    relationship: Relationship
    citations: tuple[CitationDraft, ...] | None = None


@dataclass(frozen=True)
class ClaimEdit:
    """An alternative (or rejected) claim about an event or a relationship, and the
    citations that back it: the complete list, or None to leave them alone."""

    claim: Claim
    citations: tuple[CitationDraft, ...] | None = None


@dataclass(frozen=True)
class ChosenEvent:
    """A dated sentence of a source the user kept, as corrected in the review table."""

    row: int
    title: str
    date: str
    category: str
    draft: EventDraft
    existing_id: int | None = None  # an event already in the file: cite it, add nothing


@dataclass(frozen=True)
class ChosenName:
    """A new name of a source the user kept: the entity to create for it."""

    row: int
    name: str
    kind: str
    native_name: str
    aliases: list[str]
    draft: NameDraft
    existing_id: int | None = None  # an entity already in the file: link to it, add none


@dataclass(frozen=True)
class SourceSave:
    """A source with what the user accepted from its text: events to create, known
    entities to cite, new entities to create and cite, and relationships between them
    (each written only when both its ends are ticked or already in the file)."""

    source: Source
    events: tuple[ChosenEvent, ...] = ()
    known: tuple[Match, ...] = ()
    new: tuple[ChosenName, ...] = ()
    relationships: tuple[RelationshipDraft, ...] = ()


INFERRED_PREFIX = "Inferred: "  # the notes' line a dialog writes the reasoning into


def inference_of(notes: str) -> str:
    """The reasoning of an inferred record, from the line of its notes that says it."""
    for line in notes.splitlines():
        if line.startswith(INFERRED_PREFIX):
            return line[len(INFERRED_PREFIX):].strip()
    return ""


def with_inference(notes: str, inferred: bool, reasoning: str) -> str:
    """The notes with the reasoning's line written, replaced or (when not inferred, or
    no reasoning is given) taken out; notes without such a line and no reasoning to add
    are returned exactly as they were."""
    reasoning = " ".join(reasoning.split()) if inferred else ""
    lines = notes.splitlines()
    kept = [line for line in lines if not line.startswith(INFERRED_PREFIX)]
    if len(kept) == len(lines) and not reasoning:
        return notes
    body = "\n".join(kept).rstrip()
    if not reasoning:
        return body
    return f"{body}\n{INFERRED_PREFIX}{reasoning}" if body else INFERRED_PREFIX + reasoning
