"""Random edits for the undo property tests: one per kind of change a user can make,
each made by the named operation (``db.ops``) a front end would call."""

from __future__ import annotations

from hypothesis import strategies as st

from db import ops
from db.store import Store
from models.changes import Changes
from models.edits import EntityEdit, EventEdit, RelationshipEdit
from models.records import Citation, Entity, Event, Participant, Relationship, Source


def apply_edit(store: Store, action: tuple) -> Changes:
    """Apply one random edit as one operation; invalid ones are refused, writing nothing."""
    return ops.run(store, f"edit {action[0]}", lambda: _edit(store, action))


def _edit(store: Store, action: tuple) -> None:
    kind, pick, text = action
    entities = [e.id for e in store.entities()]
    events = [e.id for e in store.events()]
    sources = [s.id for s in store.sources()]

    def choose(ids: list[int]) -> int | None:
        return ids[pick % len(ids)] if ids else None

    if kind == "entity":
        ops.add_entity(store, EntityEdit(Entity(kind="person", name=text or "x",
                                                aliases=[text])))
    elif kind == "event":
        participants = [Participant(e, "r") for e in entities[:pick % 3]]
        ops.add_event(store, EventEdit(Event(title=text or "e", date=f"{1900 + pick} ",
                                             tags=[text[:3] or "t"], participants=participants)))
    elif kind == "rename" and (event_id := choose(events)):
        event = store.event(event_id)
        event.title, event.tags = text or "renamed", ["moved"]
        ops.update_event(store, EventEdit(event))
    elif kind == "relate" and len(entities) >= 2:
        ops.add_relationship(store, RelationshipEdit(Relationship(
            entities[0], choose(entities[1:]), "knows", date=f"{1950 + pick}")))
    elif kind == "cite" and sources and events:
        ops.add_citation(store, Citation(choose(sources), "event", choose(events), text))
    elif kind == "delete_entity" and (entity_id := choose(entities)):
        ops.delete_entity(store, entity_id)
    elif kind == "delete_event" and (event_id := choose(events)):
        ops.delete_event(store, event_id)
    elif kind == "delete_source" and (source_id := choose(sources)):
        ops.delete_source(store, source_id)
    elif kind == "source":
        ops.add_source(store, Source(title=text or "s"))
    elif kind == "import":
        ops.import_json(store, {
            "sources": [{"id": "s", "title": text or "imported"}],
            "entities": [{"id": "p", "kind": "person", "name": f"Imported {pick}"}],
            "events": [{"id": "e", "title": text or "imported", "date": f"{1800 + pick}",
                        "participants": [{"entity_id": "p", "role": "r"}], "tags": ["i"]}],
            "citations": [{"id": "c", "source_id": "s", "target_type": "event",
                           "target_id": "e", "locator": "p. 1"}],
        })
    elif kind == "merge" and len(entities) >= 2:
        ops.merge_entities(store, entities[0], choose(entities[1:]))


random_edits = st.lists(st.tuples(
    st.sampled_from(["entity", "event", "rename", "relate", "cite", "delete_entity",
                     "delete_event", "delete_source", "source", "merge", "import"]),
    st.integers(0, 50),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
), min_size=1, max_size=12)
