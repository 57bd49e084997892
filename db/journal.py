"""Exact undo and redo of any write, recorded by SQLite itself.

Temporary triggers (they live in the connection, never in the file) log, for every row
that a write inserts, updates or deletes, the SQL statement that reverses it — the
technique of SQLite's own "Automatic Undo/Redo" note. Cascades are caught too: deleting
an entity logs the re-insertion of its participants, relationships and citations.

Replaying a journal runs its statements newest first in one transaction, and the
triggers record that replay in turn, which gives the journal that reverses it: undo
yields redo and redo yields undo, exactly, however compound the write was.

The statements are built by SQLite's ``quote()`` from the old row values, so no text
from the data is ever spliced into SQL unescaped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

PROGRESS_EVERY = 2000  # statements replayed between two progress reports

# table -> (key columns, other columns); tables without a key column use all columns.
JOURNALED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sources": (("id",), ("title", "author", "publisher", "date", "earliest", "latest", "url",
                          "kind", "reliability", "notes", "content")),
    "entities": (("id",), ("kind", "name", "native_name", "aliases", "description", "date",
                           "end_date", "earliest", "latest", "notes")),
    "events": (("id",), ("title", "summary", "date", "end_date", "earliest", "latest",
                         "core_start", "core_end", "category", "location", "notes")),
    "event_participants": (("event_id", "entity_id", "role"), ()),
    "relationships": (("id",), ("from_id", "to_id", "kind", "directed", "date", "end_date",
                                "earliest", "latest", "core_start", "core_end", "description",
                                "notes")),
    "citations": (("id",), ("source_id", "event_id", "entity_id", "relationship_id",
                            "locator", "excerpt", "confidence")),
    "tags": (("id",), ("name",)),
    "event_tags": (("event_id", "tag_id"), ()),
    "entity_positions": (("entity_id",), ("x", "y", "pinned")),
}

# The record a logged row belongs to, for telling panels what changed.
_OWNER = {
    "sources": ("sources", "id"), "entities": ("entities", "id"), "events": ("events", "id"),
    "event_participants": ("events", "event_id"), "relationships": ("relationships", "id"),
    "citations": ("citations", "id"), "event_tags": ("events", "event_id"),
    "entity_positions": ("entities", "entity_id"), "tags": ("tags", "id"),
}


@dataclass
class Journal:
    """The statements that reverse a write, and the records it touched."""

    statements: list[str] = field(default_factory=list)
    touched: dict[str, set[int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.statements)


def _values(prefix: str, columns: tuple[str, ...]) -> str:
    return " || ',' || ".join(f"quote({prefix}.{c})" for c in columns)


def _where(prefix: str, keys: tuple[str, ...]) -> str:
    parts = [f"'{k} = ' || quote({prefix}.{k})" for k in keys]
    return " || ' AND ' || ".join(parts)


def _trigger_sql(table: str) -> list[str]:
    keys, others = JOURNALED[table]
    columns = keys + others
    owner_table, owner_column = _OWNER[table]
    log = ("INSERT INTO undo_log (tbl, owner, record_id, statement) "
           f"VALUES ('{table}', '{owner_table}', {{row}}.{owner_column}, {{sql}});")
    undo_insert = f"'DELETE FROM {table} WHERE ' || {_where('NEW', keys)}"
    undo_delete = (f"'INSERT INTO {table} ({', '.join(columns)}) VALUES (' || "
                   f"{_values('OLD', columns)} || ')'")
    triggers = [
        (f"AFTER INSERT ON main.{table}", log.format(row="NEW", sql=undo_insert)),
        (f"AFTER DELETE ON main.{table}", log.format(row="OLD", sql=undo_delete)),
    ]
    if others:
        sets = " || ', ' || ".join(f"'{c} = ' || quote(OLD.{c})" for c in others)
        undo_update = f"'UPDATE {table} SET ' || {sets} || ' WHERE ' || {_where('OLD', keys)}"
        triggers.append((f"AFTER UPDATE ON main.{table}",
                         log.format(row="OLD", sql=undo_update)))
    return [f"CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_{i} {when} "
            f"WHEN (SELECT active FROM undo_state) BEGIN {body} END"
            for i, (when, body) in enumerate(triggers)]


def install(conn: sqlite3.Connection) -> None:
    """Create the log table and triggers of this connection (nothing in the file)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, "
                 "tbl TEXT, owner TEXT, record_id INTEGER, statement TEXT)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_state (active INTEGER)")
    if conn.execute("SELECT count(*) FROM temp.undo_state").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.undo_state VALUES (0)")
    for table in JOURNALED:
        for statement in _trigger_sql(table):
            conn.execute(statement)


@contextmanager
def recording(conn: sqlite3.Connection) -> Iterator[Journal]:
    """Record the writes made inside the block (which must be in a transaction)."""
    journal = Journal()
    start = conn.execute("SELECT coalesce(max(seq), 0) FROM temp.undo_log").fetchone()[0]
    conn.execute("UPDATE temp.undo_state SET active = 1")
    try:
        yield journal
    finally:
        conn.execute("UPDATE temp.undo_state SET active = 0")
        rows = conn.execute("SELECT owner, record_id, statement FROM temp.undo_log "
                            "WHERE seq > ? ORDER BY seq", [start]).fetchall()
        conn.execute("DELETE FROM temp.undo_log WHERE seq > ?", [start])
        for owner, record_id, statement in rows:
            journal.statements.append(statement)
            journal.touched.setdefault(owner, set()).add(record_id)


def replay(conn: sqlite3.Connection, statements: list[str],
           progress: Callable[[int, int], None] | None = None) -> Journal:
    """Run a journal's statements newest first; return the journal that reverses it.

    Foreign keys are checked at commit (``defer_foreign_keys``), since a parent row may
    come back after the children that refer to it. ``progress(done, total)`` is told
    every ``PROGRESS_EVERY`` statements (undoing a big import runs hundreds of thousands).
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")
    total = len(statements)
    with recording(conn) as reverse:
        for done, statement in enumerate(reversed(statements)):
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            conn.execute(statement)
    return reverse
