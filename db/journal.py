"""Exact undo and redo of any write, recorded by SQLite itself.

Temporary triggers (they live in the connection, never in the file) log, for every row
that a write inserts, updates or deletes, the SQL statement that reverses it — the
technique of SQLite's own "Automatic Undo/Redo" note. Cascades are caught too: deleting
an entity logs the re-insertion of its participants, relationships and citations.

Replaying a journal runs its statements newest first in one transaction, and the
triggers record that replay in turn, which gives the journal that reverses it: undo
yields redo and redo yields undo, exactly, however compound the write was.

The statements are built by SQLite's ``quote()`` from the old row values, so no text
from the data is ever spliced into SQL unescaped. The columns of each table come from
``PRAGMA table_info`` when the journal is installed (names only, checked against an
identifier pattern and quoted), so a column added by a migration is covered without
anyone listing it here.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from db import ranges
from db.errors import StoreError
from models.kinds import RecordKind

PROGRESS_EVERY = 2000  # statements replayed between two progress reports

# The record a logged row belongs to, for telling panels what changed; also the tables
# journaled. Their columns are read from the schema (``columns_of``) when the journal is
# installed, so a column a later migration adds is restored by undo like the others.
_EVENTS, _ENTITIES = RecordKind.EVENT.table, RecordKind.ENTITY.table
_OWNER: dict[str, tuple[str, str]] = {
    **{kind.table: (kind.table, "id") for kind in RecordKind},
    "event_participants": (_EVENTS, "event_id"), "event_tags": (_EVENTS, "event_id"),
    "entity_positions": (_ENTITIES, "entity_id"), "tags": ("tags", "id"),
    "claims": ("", ""),  # its event's or its relationship's: see ``_owner_sql``
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TRIGGERS_PER_TABLE = 3  # after insert, after delete, after update


class JournalSchemaError(StoreError):
    """A journaled table has a column name that cannot be written into a trigger safely."""


@dataclass
class Journal:
    """The statements that reverse a write, and the records it touched."""

    statements: list[str] = field(default_factory=list)
    touched: dict[str, set[int]] = field(default_factory=dict)
    added: dict[str, set[int]] = field(default_factory=dict)
    updated: dict[str, set[int]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)
    everything: bool = False  # a range statement ran (``db.ranges``): re-read it all

    def note(self, owner: str, record_id: int, row_op: str | None) -> None:
        """Count one logged row: its record's own row (``row_op`` "insert", "update" or
        "delete") or a row that hangs on the record (None: the record was updated)."""
        self.touched.setdefault(owner, set()).add(record_id)
        added, deleted = self.added.setdefault(owner, set()), self.deleted.setdefault(owner, set())
        if row_op == "insert":
            if record_id in deleted:  # deleted, then put back: the same record, changed
                deleted.discard(record_id)
                self.updated.setdefault(owner, set()).add(record_id)
            else:
                added.add(record_id)
        elif row_op == "delete":
            if record_id in added:  # came and went inside this write: nothing to show
                added.discard(record_id)
            else:
                deleted.add(record_id)
            self.updated.get(owner, set()).discard(record_id)
        elif record_id not in added and record_id not in deleted:
            self.updated.setdefault(owner, set()).add(record_id)

    def __bool__(self) -> bool:
        return bool(self.statements)


def _name(identifier: str) -> str:
    """An identifier read from the file, checked and double-quoted for use in SQL.

    Only names matching ``[A-Za-z_][A-Za-z0-9_]*`` pass, so quoting cannot be escaped
    and the name cannot close the string literal the trigger builds its statement in."""
    if not _IDENTIFIER.fullmatch(identifier):
        raise JournalSchemaError(f"cannot journal a column named {identifier!r}")
    return f'"{identifier}"'


def columns_of(conn: sqlite3.Connection, table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(key columns, other columns) of a table as SQLite describes it now.

    The key is the primary key in its declared order; a table without one is keyed by
    all of its columns. Only column NAMES are read (``PRAGMA table_info``), never SQL
    text from ``sqlite_master``."""
    info = conn.execute(f"PRAGMA main.table_info({_name(table)})").fetchall()
    columns = tuple(_name(row[1]) for row in info)
    primary = tuple(_name(row[1]) for row in sorted(info, key=lambda r: r[5]) if row[5])
    keys = primary or columns
    return keys, tuple(c for c in columns if c not in keys)


def _values(prefix: str, columns: tuple[str, ...]) -> str:
    return " || ',' || ".join(f"quote({prefix}.{c})" for c in columns)


def _where(prefix: str, keys: tuple[str, ...]) -> str:
    parts = [f"'{k} = ' || quote({prefix}.{k})" for k in keys]
    return " || ' AND ' || ".join(parts)


def _op(own: bool, op: str) -> str:
    """What the log says of a row: its record's own change, or NULL for a dependent row."""
    return f"'{op}'" if own else "NULL"


def _owner_sql(table: str) -> tuple[str, str]:
    """SQL of the owner table and record id of a logged row (``{row}`` is NEW or OLD).

    A claim belongs to an event or a relationship, whichever column it has: a write of
    a claim is an update of that record, so the panels showing it hear of it."""
    if table == "claims":
        return ("CASE WHEN {row}.\"event_id\" IS NOT NULL THEN 'events' "
                "ELSE 'relationships' END",
                "coalesce({row}.\"event_id\", {row}.\"relationship_id\")")
    owner_table, owner_column = _OWNER[table]
    return f"'{owner_table}'", f"{{row}}.{_name(owner_column)}"


def _trigger_sql(table: str, keys: tuple[str, ...], others: tuple[str, ...]) -> list[str]:
    columns = keys + others
    owner_sql, record_sql = _owner_sql(table)
    quoted = _name(table)
    own = table == _OWNER[table][0]
    log = ("INSERT INTO undo_log (tbl, owner, record_id, row_op, statement) "
           f"VALUES ('{table}', {owner_sql}, {record_sql}, {{op}}, {{sql}});")
    undo_insert = f"'DELETE FROM {quoted} WHERE ' || {_where('NEW', keys)}"
    undo_delete = (f"'INSERT INTO {quoted} ({', '.join(columns)}) VALUES (' || "
                   f"{_values('OLD', columns)} || ')'")
    triggers = [
        (f"AFTER INSERT ON main.{quoted}",
         log.format(row="NEW", op=_op(own, "insert"), sql=undo_insert)),
        (f"AFTER DELETE ON main.{quoted}",
         log.format(row="OLD", op=_op(own, "delete"), sql=undo_delete)),
    ]
    if others:
        sets = " || ', ' || ".join(f"'{c} = ' || quote(OLD.{c})" for c in others)
        undo_update = f"'UPDATE {quoted} SET ' || {sets} || ' WHERE ' || {_where('OLD', keys)}"
        triggers.append((f"AFTER UPDATE ON main.{quoted}",
                         log.format(row="OLD", op=_op(own, "update"),
                                    sql=undo_update)))
    return [f"CREATE TEMP TRIGGER undo_{table}_{i} {when} "
            f"WHEN (SELECT active FROM undo_state) BEGIN {body} END"
            for i, (when, body) in enumerate(triggers)]


def install(conn: sqlite3.Connection) -> None:
    """Create the log table and triggers of this connection (nothing in the file).

    Installing again replaces the triggers, so after a migration changed a table on
    this connection the journal covers its new columns too."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, "
                 "tbl TEXT, owner TEXT, record_id INTEGER, row_op TEXT, statement TEXT)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_state (active INTEGER)")
    if conn.execute("SELECT count(*) FROM temp.undo_state").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.undo_state VALUES (0)")
    for table in _OWNER:
        for i in range(_TRIGGERS_PER_TABLE):
            conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_{i}")
        for statement in _trigger_sql(table, *columns_of(conn, table)):
            conn.execute(statement)


@contextmanager
def recording(conn: sqlite3.Connection) -> Iterator[Journal]:
    """Record the writes made inside the block (which must be in a transaction).

    Blocks nest: an inner one (an operation run inside another write) reports its own
    rows and leaves them in the log for the outer one, which takes them all."""
    journal = Journal()
    start = conn.execute("SELECT coalesce(max(seq), 0) FROM temp.undo_log").fetchone()[0]
    outer = conn.execute("SELECT active FROM temp.undo_state").fetchone()[0]
    conn.execute("UPDATE temp.undo_state SET active = 1")
    try:
        yield journal
    finally:
        rows = conn.execute("SELECT owner, record_id, row_op, statement FROM temp.undo_log "
                            "WHERE seq > ? ORDER BY seq", [start]).fetchall()
        if not outer:
            conn.execute("UPDATE temp.undo_state SET active = 0")
            conn.execute("DELETE FROM temp.undo_log WHERE seq > ?", [start])
        for owner, record_id, row_op, statement in rows:
            journal.statements.append(statement)
            journal.note(owner, record_id, row_op)

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
            if ranges.is_range(statement):
                reverse.statements.append(_paused(conn, statement))
                reverse.everything = True
            else:
                conn.execute(statement)
    return reverse


def _paused(conn: sqlite3.Connection, statement: str) -> str:
    """A range statement of an import's undo or redo, run without logging every row."""
    conn.execute("UPDATE temp.undo_state SET active = 0")
    try:
        return ranges.run(conn, statement)
    finally:
        conn.execute("UPDATE temp.undo_state SET active = 1")
