"""The Threadline JSON export written while the rows are read, in constant memory.

``db.jsonio.export_data`` builds the whole database as one dict, which for a million
events is gigabytes before a byte is written. This writes the same text --
``jsonio.dumps(jsonio.export_data(store))``, byte for byte, which the tests check --
one record at a time: each collection from a cursor in id order, events in batches by
id with their participants and tags read for the batch's id range.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from db import jsonio
from db import rows as records
from db.store import Store
from models.records import Event, Participant

BATCH = 2000  # events read, with their links, per round trip


def _dump(item: dict[str, Any]) -> str:
    text = json.dumps(item, ensure_ascii=False, indent=2)
    return "    " + text.replace("\n", "\n    ")


def events_in_batches(store: Store, size: int = BATCH) -> Iterator[list[Event]]:
    """Every event in id order with participants and tags, ``size`` at a time."""
    last = -(2**63)
    while True:
        batch = [records.event_from(r) for r in store.db.query(
            "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", [last, size])]
        if not batch:
            return
        first, last = batch[0].id or 0, batch[-1].id or 0
        by_id = {e.id: e for e in batch}
        for event_id, entity_id, role in store.conn.execute(
                "SELECT event_id, entity_id, role FROM event_participants WHERE event_id "
                "BETWEEN ? AND ? ORDER BY event_id, entity_id, role", [first, last]):
            by_id[event_id].participants.append(Participant(entity_id, role))
        for event_id, name in store.conn.execute(
                "SELECT event_id, name FROM event_tags JOIN tags ON tags.id = tag_id "
                "WHERE event_id BETWEEN ? AND ? ORDER BY event_id, name COLLATE NOCASE",
                [first, last]):
            by_id[event_id].tags.append(name)
        yield batch


def attach_links(store: Store, events: list[Event]) -> None:
    """Participants and tags of ``events`` (fewer than 999), as ``Store.events`` has them."""
    by_id = {e.id: e for e in events}
    marks = ",".join("?" * len(by_id))
    for event_id, entity_id, role in store.conn.execute(
            f"SELECT event_id, entity_id, role FROM event_participants WHERE event_id IN "
            f"({marks}) ORDER BY event_id, entity_id, role", list(by_id)):
        by_id[event_id].participants.append(Participant(entity_id, role))
    for event_id, name in store.conn.execute(
            f"SELECT event_id, name FROM event_tags JOIN tags ON tags.id = tag_id WHERE "
            f"event_id IN ({marks}) ORDER BY event_id, name COLLATE NOCASE", list(by_id)):
        by_id[event_id].tags.append(name)


def _each(store: Store, collection: str) -> Iterator[dict[str, Any]]:
    if collection == "events":
        for batch in events_in_batches(store):
            yield from (jsonio.event_json(e) for e in batch)
        return
    table, convert, make = _ROWS[collection]
    for row in store.db.query(f"SELECT * FROM {table} ORDER BY id"):
        yield make(convert(row))


_ROWS: dict[str, tuple[str, Callable[[Any], Any], Callable[[Any], dict[str, Any]]]] = {
    "sources": ("sources", records.source_from, jsonio.source_json),
    "entities": ("entities", records.entity_from, jsonio.entity_json),
    "relationships": ("relationships", records.relationship_from, jsonio.relationship_json),
    "claims": ("claims", records.claim_from, jsonio.claim_json),
    "citations": ("citations", records.citation_from, jsonio.citation_json),
}


def _any(store: Store, collection: str) -> bool:
    table = _ROWS[collection][0]
    return store.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1


def write_json(store: Store, out: IO[str]) -> None:
    """``dumps(export_data(store))`` written to ``out`` as it is read."""
    out.write(f'{{\n  "format": {json.dumps(jsonio.FORMAT_NAME)},\n'
              f'  "version": {jsonio.FORMAT_VERSION}')
    for collection in jsonio.COLLECTIONS:
        if collection in jsonio.OPTIONAL and not _any(store, collection):
            continue
        out.write(f',\n  "{collection}": [')
        first = True
        for item in _each(store, collection):
            out.write(("\n" if first else ",\n") + _dump(item))
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n")
