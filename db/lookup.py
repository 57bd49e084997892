"""Find one record from what a user types on a command line: ``KIND:NAME-OR-ID``.

``entity:Kim Dong-myung`` finds the entity of that name, native name or alias;
``event:12`` the event with id 12; an event or source is also found by its exact title.
Anything that names no record, or more than one, is refused with a message that says so,
so a screenshot or chart never quietly shows another record than the one asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.errors import StoreError

if TYPE_CHECKING:
    from db.store import Store

KINDS = ("event", "entity", "source", "relationship")
_TITLE_COLUMN = {"event": ("events", "title"), "source": ("sources", "title")}


class RecordLookupError(StoreError):
    """``KIND:NAME-OR-ID`` names no record, or more than one."""


def find_record(store: Store, text: str) -> tuple[str, int]:
    """``(kind, id)`` of the one record ``text`` names (see the module doc)."""
    kind, sep, key = text.partition(":")
    kind, key = kind.strip().lower(), key.strip()
    if not sep or kind not in KINDS or not key:
        raise RecordLookupError(f"--select wants KIND:NAME-OR-ID with KIND one of "
                           f"{', '.join(KINDS)}, not {text!r}")
    if key.isdigit():
        if store.exists(kind, int(key)):
            return kind, int(key)
        raise RecordLookupError(f"there is no {kind} {key}")
    ids = _ids_named(store, kind, key)
    if len(ids) == 1:
        return kind, ids[0]
    if not ids:
        raise RecordLookupError(f"no {kind} is named {key!r}")
    raise RecordLookupError(f"{len(ids)} {kind} records are named {key!r} (ids "
                       f"{', '.join(map(str, ids[:5]))}); give the id: {kind}:{ids[0]}")


def _ids_named(store: Store, kind: str, key: str) -> list[int]:
    if kind == "entity":
        return [entity.id for entity in store.find_entities(key) if entity.id is not None]
    if kind == "relationship":
        raise RecordLookupError("a relationship is selected by its id: relationship:ID")
    table, column = _TITLE_COLUMN[kind]
    rows = store.conn.execute(f"SELECT id FROM {table} WHERE {column} = ? COLLATE NOCASE "
                              "ORDER BY id", (key,)).fetchall()
    return [int(row[0]) for row in rows]
