"""Lanes: how the timeline splits events into horizontal bands (asking the Store, no SQL).

* ``none``: one lane with every event;
* ``category``: a lane per category, the uncategorized last;
* ``entity``: a lane per chosen person or organization with the events they took part in
  and their dated relationships (a posting 1988–1991 as a thin bar).
"""

from __future__ import annotations

import numpy as np

from db.errors import NotFoundError
from db.store import Store
from db.tables import EventTable
from models.dates import is_open_ended
from models.records import Relationship
from ui.timeline.items import Lane, RelationSpan
from ui.timeline.style import category_label

LANE_MODES = ("none", "category", "entity")
DEFAULT_ENTITY_LANES = 6
RELATION_ENTRY = "relationship"  # the key's entry for relationships in entity lanes


def build_lanes(store: Store, table: EventTable, mode: str, entity_ids: list[int]) -> list[Lane]:
    if mode == "category":
        return category_lanes(table)
    if mode == "entity":
        return entity_lanes(store, table, entity_ids)
    return [Lane("All events", np.arange(len(table)), [])]


def without(lanes: list[Lane], table: EventTable, hidden: set[str]) -> list[Lane]:
    """The lanes less the events of the categories named (as the key names them) in
    ``hidden``, and less relationships if "relationship" is; a lane left empty by it goes."""
    if not hidden:
        return lanes
    codes = [i for i, name in enumerate(table.category_names) if category_label(name) in hidden]
    kept = []
    for lane in lanes:
        rows = lane.rows[~np.isin(table.categories[lane.rows], codes)]
        relations = [] if RELATION_ENTRY in hidden else lane.relations
        if len(rows) or relations or not (len(lane.rows) or lane.relations):
            kept.append(Lane(lane.name, rows, relations))
    return kept or [Lane("All events", np.empty(0, np.int64), [])]


def category_lanes(table: EventTable) -> list[Lane]:
    names = table.category_names
    order = sorted(range(len(names)), key=lambda i: (not names[i].strip(), names[i].lower()))
    return [Lane(category_label(names[i]), np.flatnonzero(table.categories == i), [])
            for i in order]


def entity_lanes(store: Store, table: EventTable, entity_ids: list[int]) -> list[Lane]:
    lanes = []
    names: dict[int, str] = {}
    for entity_id in entity_ids:
        name = _name(store, entity_id, names)
        if name is None:
            continue  # deleted since it was chosen
        event_ids = np.array(store.event_ids_of_entity(entity_id), dtype=np.int64)
        rows = np.flatnonzero(np.isin(table.ids, event_ids))
        spans = [span for rel in store.relationships_of(entity_id)
                 if (span := _relation_span(store, rel, entity_id, names)) is not None]
        lanes.append(Lane(name, rows, spans))
    return lanes


def default_entities(store: Store, limit: int = DEFAULT_ENTITY_LANES) -> list[int]:
    """The people and organizations with the most events (then relationships)."""
    scored = []
    for entity in store.entities():
        if entity.kind not in ("person", "organization") or entity.id is None:
            continue
        events = len(store.event_ids_of_entity(entity.id))
        scored.append((-events, entity.id))
    scored.sort()
    return [entity_id for _, entity_id in scored[:limit]]


def entity_choices(store: Store, chosen: list[int], current: int | None,
                   limit: int = 40) -> list[tuple[int, str]]:
    """What the lane chooser offers: the chosen, the selected, then the busiest entities."""
    names: dict[int, str] = {}
    candidates = [*chosen, *([current] if current is not None else []),
                  *default_entities(store, limit)]
    choices = []
    for entity_id in dict.fromkeys(candidates):
        name = _name(store, entity_id, names)
        if name is not None:
            choices.append((entity_id, name))
    return choices


def _name(store: Store, entity_id: int, names: dict[int, str]) -> str | None:
    if entity_id not in names:
        try:
            names[entity_id] = store.entity(entity_id).name
        except NotFoundError:
            return None
    return names[entity_id]


def _relation_span(store: Store, rel: Relationship, entity_id: int, names: dict[int, str]
                   ) -> RelationSpan | None:
    if rel.earliest is None or rel.latest is None or rel.id is None:
        return None
    outgoing = rel.from_id == entity_id
    other = _name(store, rel.to_id if outgoing else rel.from_id, names) or "?"
    text = f"{rel.kind} {other}" if outgoing or not rel.directed else f"{other} ({rel.kind})"
    date = f"{rel.date} – {rel.end_date}" if rel.end_date else rel.date
    return RelationSpan(rel.id, rel.earliest, rel.latest, rel.core_start, rel.core_end,
                        text, date, is_open_ended(rel.date, rel.end_date), rel.inferred)
