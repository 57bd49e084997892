"""Undo of an import as a range delete: the import's new rows are an id range per table.

The undo journal (``db.journal``) logs one reversing statement per row, which for an
import of 100,000 events is about 400,000 statements to record, keep and replay.
An import only adds rows, and every row it adds has an id above what the table held
before (or hangs on such an event), so its undo is one delete per table over those
ranges. Undoing moves the rows into TEMP tables of the connection (the "stash") and
deletes them; redoing puts the stashed rows back with the same ids and fills the
search index for exactly them (``db.bulk``). Both run with the journal paused and are
described by one statement of the form ``RANGE_PREFIX + json``, which
``journal.replay`` hands here; it is only ever built by this module, never read from a
file.

The stash lives as long as the connection, as the undo stack does. Redo is only
offered while nothing else was written since the undo (the undo stack drops it on the
next change), so the ids are free again when the rows come back.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Mapping

from db import bulk

RANGE_PREFIX = "-- threadline import ranges "
# Tables an import writes, each with the column its range is over and the table whose
# new ids that range is; children first, the order rows are taken out.
_RANGED = (("citations", "id", "citations"), ("claims", "id", "claims"),
           ("event_tags", "event_id", "events"),
           ("event_participants", "event_id", "events"),
           ("relationships", "id", "relationships"), ("events", "id", "events"),
           ("tags", "id", "tags"), ("entities", "id", "entities"),
           ("sources", "id", "sources"))
OWNERS = ("sources", "entities", "tags", "events", "relationships", "claims", "citations")

Ranges = dict[str, tuple[int, int]]


def marks(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest id of each table an import adds to, before it does."""
    return {t: conn.execute(f"SELECT coalesce(max(id), 0) FROM main.{t}").fetchone()[0]
            for t in OWNERS}


def new_ranges(conn: sqlite3.Connection, before: Mapping[str, int]) -> Ranges:
    """The ids added since ``marks`` gave ``before``: (first, last) per table."""
    after = marks(conn)
    return {t: (before[t] + 1, after[t]) for t in OWNERS if after[t] > before[t]}


def statement(op: str, ranges: Ranges, stash: str = "") -> str:
    return RANGE_PREFIX + json.dumps({"op": op, "ranges": ranges, "stash": stash})


def is_range(text: str) -> bool:
    return text.startswith(RANGE_PREFIX)


def run(conn: sqlite3.Connection, text: str) -> str:
    """Carry out a range statement (journal paused); return the one that reverses it."""
    order = json.loads(text.removeprefix(RANGE_PREFIX))
    ranges = {t: (int(a), int(b)) for t, (a, b) in order["ranges"].items()}
    if order["op"] == "delete":
        return statement("restore", ranges, _take_out(conn, ranges))
    _put_back(conn, ranges, _checked(order["stash"]))
    return statement("delete", ranges)


def _checked(stash: str) -> str:
    if not stash.isalnum():
        raise ValueError(f"not a stash name: {stash!r}")
    return stash


def _take_out(conn: sqlite3.Connection, ranges: Ranges) -> str:
    stash = f"s{secrets.token_hex(6)}"
    for table, column, owner in _RANGED:
        if owner not in ranges:
            continue
        where = f"{column} BETWEEN {ranges[owner][0]:d} AND {ranges[owner][1]:d}"
        conn.execute(f"CREATE TEMP TABLE stash_{stash}_{table} AS "
                     f"SELECT * FROM main.{table} WHERE {where}")
        conn.execute(f"DELETE FROM main.{table} WHERE {where}")
    return stash


def _put_back(conn: sqlite3.Connection, ranges: Ranges, stash: str) -> None:
    for table, _, owner in reversed(_RANGED):
        if owner not in ranges:
            continue
        first = ranges[owner][0] if owner == table else None
        with bulk.index_afterwards(conn, table, first):
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM temp.stash_{stash}_{table}")
        conn.execute(f"DROP TABLE temp.stash_{stash}_{table}")
