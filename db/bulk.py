"""Bulk inserts with the search index filled afterwards, in one statement per trigger.

The search index (``db.schema``) is kept in sync by one AFTER INSERT trigger per table,
whose body is a single ``INSERT INTO search_index (...) VALUES (...)`` of ``NEW``'s
columns. Fired row by row it costs ~60 µs a row: FTS5 flushes its pending terms at the
end of every statement, so an ``executemany`` writes one small index segment per row.
The same trigger statement run once as ``INSERT ... SELECT`` over the new rows (``NEW``
being the table's alias) fills the same index rows about four times faster.

``index_afterwards`` does that around a bulk insert: it drops the table's triggers of
that one-INSERT shape, lets the caller insert, then runs each trigger's own statement
over the rows with ``id >= first_id`` and re-creates the trigger from the app's own SQL
(``db.schema``, compared with the file's copy but never read from it) --
so the index and the schema end exactly as row-by-row inserts leave them, without
re-typing any trigger expression. Triggers of another shape, and TEMP triggers (the undo
journal's), stay and fire as usual.

Even in one statement most of the time goes into FTS5 merging its segments: it writes
its pending terms out as a new segment whenever they pass 1 MiB (its ``hashsize``), and
merges every 4 segments of a level into one of the next. For big inserts the replay
raises ``hashsize`` for its one statement (``PENDING_BYTES``), which roughly halves the
time of a 1,000,000-row insert, and then puts the setting back as it was (FTS5 keeps it
in the index's ``_config`` table): the index holds the same rows and terms, in fewer,
bigger segments.

Use it inside a transaction: a rollback (an error, a cancel) then restores the triggers
with everything else. Outside one, a failure between the drop and the re-creation leaves
the file without them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from db import schema

__all__ = ["DeferredTrigger", "deferrable_triggers", "index_afterwards", "replay", "run"]

PENDING_BYTES = 256 * 1024 * 1024  # FTS5 pending terms held in memory during a replay
FTS5_HASHSIZE = 1024 * 1024  # FTS5's own default
BIG_REPLAY_ROWS = 10_000  # fewer new rows than this are replayed with FTS5's defaults

_ONE_INSERT = re.compile(r"CREATE TRIGGER (\w+) AFTER INSERT ON (\w+) BEGIN\s+"
                         r"(INSERT INTO \w+ \([\w, ]+\)) VALUES \(([^;]*)\);\s*END",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class DeferredTrigger:
    """An AFTER INSERT trigger whose body is one ``INSERT ... VALUES (...)`` of ``NEW``."""

    name: str
    sql: str  # as db.schema writes it: re-creates it
    insert: str  # "INSERT INTO search_index (rowid, kind, ...)"
    target: str  # the table it inserts into: "search_index"
    values: str  # the VALUES expressions, over NEW

    def replay_sql(self, table: str) -> str:
        """The trigger's statement for every row of ``table`` with ``id >= ?``."""
        return f"{self.insert} SELECT {self.values} FROM main.{table} AS NEW WHERE NEW.id >= ?"


def deferrable_triggers(conn: sqlite3.Connection, table: str) -> list[DeferredTrigger]:
    """``table``'s index trigger, as this app writes it, if the file holds exactly that one.

    The trigger's text comes from ``db.schema``, never from ``sqlite_master``: the file's
    copy is only compared with ours. A file whose trigger differs keeps it firing row by
    row (and the opening gate refuses such a file in the first place).
    """
    try:
        ours = schema.search_insert_trigger(table)
    except KeyError:
        return []
    match = _ONE_INSERT.fullmatch(ours)
    if match is None:  # pragma: no cover - guarded by the bulk tests
        return []
    stored = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'trigger' "
                          "AND name = ? AND tbl_name = ?", [match[1], table]).fetchone()
    if stored is None or _words(stored[0]) != _words(ours):
        return []
    return [DeferredTrigger(match[1], ours, match[3], match[3].split()[2], match[4])]


def _words(sql: str | None) -> str:
    return " ".join((sql or "").split()).rstrip(";")


def drop(conn: sqlite3.Connection, triggers: list[DeferredTrigger]) -> None:
    for trigger in triggers:
        conn.execute(f"DROP TRIGGER main.{trigger.name}")


def replay(conn: sqlite3.Connection, table: str, triggers: list[DeferredTrigger],
           first_id: int) -> None:
    """Run each dropped trigger over the rows with ``id >= first_id``; re-create it."""
    run(conn, table, triggers, first_id)
    for trigger in triggers:
        conn.execute(trigger.sql)


def run(conn: sqlite3.Connection, table: str, triggers: list[DeferredTrigger],
        first_id: int) -> None:
    """Run each (dropped) trigger's statement once over the rows with ``id >= first_id``."""
    new_rows = conn.execute(f"SELECT count(*) FROM main.{table} WHERE id >= ?",
                            [first_id]).fetchone()[0] if triggers else 0
    for trigger in triggers:
        pending = PENDING_BYTES if new_rows >= BIG_REPLAY_ROWS else None
        with fts5_pending_bytes(conn, trigger.target, pending):
            conn.execute(trigger.replay_sql(table), [first_id])


def _is_fts5(conn: sqlite3.Connection, table: str) -> bool:
    sql = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                       [table]).fetchone()
    return bool(sql) and " fts5" in " ".join(sql[0].lower().replace("(", " ").split())


@contextmanager
def fts5_pending_bytes(conn: sqlite3.Connection, index: str, size: int | None
                       ) -> Iterator[None]:
    """FTS5 table ``index`` keeps up to ``size`` bytes of new terms in memory for a while.

    Its ``_config`` row ``hashsize`` is then restored, or deleted if there was none
    (after setting it back through FTS5, so this connection's cached setting follows).
    Nothing changes when ``size`` is None, ``index`` is not an FTS5 table or its FTS5
    does not know the setting.
    """
    if size is None or not _is_fts5(conn, index):
        yield
        return
    found = conn.execute(f"SELECT v FROM main.{index}_config WHERE k = 'hashsize'").fetchone()
    try:
        _set_fts5(conn, index, "hashsize", size)
    except sqlite3.OperationalError:  # an FTS5 without the setting: its own default, then
        yield
        return
    yield
    _set_fts5(conn, index, "hashsize", found[0] if found else FTS5_HASHSIZE)
    if not found:
        conn.execute(f"DELETE FROM main.{index}_config WHERE k = 'hashsize'")


def _set_fts5(conn: sqlite3.Connection, index: str, key: str, value: int) -> None:
    conn.execute(f"INSERT INTO main.{index} ({index}, rank) VALUES (?, ?)", [key, value])


@contextmanager
def index_afterwards(conn: sqlite3.Connection, table: str, first_id: int | None
                     ) -> Iterator[None]:
    """Insert rows of ``table`` with ids from ``first_id`` on; its index triggers run once.

    With ``first_id`` None (nothing to insert) the triggers are left alone. On an
    exception nothing is replayed: the caller's transaction is to roll back.
    """
    triggers = deferrable_triggers(conn, table) if first_id is not None else []
    drop(conn, triggers)
    yield
    replay(conn, table, triggers, first_id or 0)
