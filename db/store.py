"""The Store: the one API through which the rest of Threadline reads and writes a file.

Reads return typed records (``models.records``); writes validate, then run in one
transaction each (``Store.transaction`` nests, so an import or a compound edit is still
one transaction). The UI never sees SQL: it asks the Store.

``sqlite-utils`` wraps the connection: dict rows from ``query``, batched ``insert_all``
for imports and savepoints for nested transactions. The connection itself is opened by
``db.connection`` once ``db.gate`` has judged the file through a read-only connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from db import gate, journal, locking, rows, schema, verified
from db.claims import StoreClaims
from db.connection import connect, create_file, is_writable, locked_or, migrate, read_header
from db.errors import (
    FileReplacedError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
    ValidationError,
)
from db.meta import StoreMeta, derived_title
from db.network import StoreNetwork
from db.search import search_index
from db.tables import StoreTables
from db.writes import StoreWrites
from models.kinds import RecordKind
from models.records import Citation, Entity, Event, Participant, Relationship, SearchHit, Source


class Store(StoreWrites, StoreClaims, StoreTables, StoreNetwork, StoreMeta):
    """An open Threadline database file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool,
                 claim: locking.FileClaim | None = None) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.claim = claim
        self.identity = claim.identity if claim else locking.identity(path)
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        if not readonly:
            try:
                journal.install(conn)
            except BaseException:
                conn.close()
                raise

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, checked: bool = False,
             exclusive: bool = False) -> Store:
        """Open an existing file; refuse it (untouched) if it is not a Threadline file.

        The file is judged read-only first, as SQLite sees it (``db.gate``); ``checked``
        says the caller already ran the slow integrity checks (on its loader thread).
        ``exclusive`` claims the file (``db.locking``) for as long as the Store is open,
        refusing it while a window or another process holds it.
        """
        path = Path(path)
        if exclusive and not readonly:
            read_header(path)  # a missing file or a folder is said so before it is claimed
        claim = locking.claim(path) if exclusive and not readonly else None
        try:
            return cls._open(path, readonly, checked, claim)
        except BaseException:
            if claim is not None:
                claim.close()
            raise

    @classmethod
    def _open(cls, path: Path, readonly: bool, checked: bool,
              claim: locking.FileClaim | None) -> Store:
        sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        existed = [p.exists() for p in sidecars]  # before the gate's read-only look
        version = gate.judge(path, thorough=not checked)
        if not readonly and not is_writable(path):
            raise ReadOnlyError(f"{path} is read-only")

        def tidy() -> None:
            """Leave the folder as it was found (a read-only look at a WAL file makes both)."""
            for sidecar, was_there in zip(sidecars, existed, strict=True):
                if not was_there:
                    sidecar.unlink(missing_ok=True)

        try:
            conn = connect(path, readonly)
        except (sqlite3.DatabaseError, StoreError) as exc:
            tidy()
            raise (exc if isinstance(exc, StoreError) else locked_or(exc, path)) from None
        try:
            if version < schema.current_version():
                if readonly:
                    raise ReadOnlyError(f"{path} needs upgrading, which a read-only file cannot")
                migrate(conn, path, version)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            tidy()
            raise locked_or(exc, path) if isinstance(exc, sqlite3.OperationalError) else (
                StoreError(f"{path} is damaged: {exc}")) from exc
        except BaseException:
            conn.close()
            tidy()
            raise
        return cls(conn, path, readonly, claim)

    @classmethod
    def create(cls, path: str | Path, title: str | None = None) -> Store:
        """Create a new empty database file, titled after the name it is created with
        (``db.meta``); ``title`` replaces that."""
        path = Path(path)
        store = cls(create_file(path), path, readonly=False)
        store.set_title(title or derived_title(path))
        return store

    def close(self) -> None:
        """Close the connection, then give up the claim (closing its descriptor first
        would drop SQLite's own locks on the file in this process)."""
        self.conn.close()
        if not self.readonly and locking.identity(self.path) == self.identity:
            verified.remember(Path(self.path))  # as this Store left it: no need to reread
        if self.claim is not None:
            self.claim.close()
            self.claim = None

    def start_writing(self) -> None:
        """Reopen for writing a file opened read-only while its slow checks ran (a big
        file met for the first time: the window paints first). The same Store object
        stays, so every panel keeps it; the file must still be the one opened and of
        the current schema (an upgrade is checked before opening, never here)."""
        if not self.readonly:
            return
        self.check_same_file()
        conn = connect(self.path, readonly=False)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != schema.current_version():
                raise ReadOnlyError(f"{self.path} needs upgrading; open it again")
            journal.install(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise locked_or(exc, self.path) from None
        except BaseException:
            conn.close()
            raise
        old, self.conn = self.conn, conn
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self.readonly = False
        old.close()

    def check_same_file(self) -> None:
        """Refuse to write once the path names another file (replaced) or none (deleted):
        the edits would be lost or land in a file that is not the one opened."""
        if locking.identity(self.path) != self.identity:
            raise FileReplacedError(
                f"{self.path} was replaced or deleted since it was opened; nothing more is "
                "written to it (Save a Copy keeps what this window shows)")

    @staticmethod
    def sqlite_version() -> str:
        return sqlite3.sqlite_version

    def save_copy(self, target: str | Path) -> None:
        """Write a consistent copy of the open file (SQLite's backup API), even mid-use."""
        from db.export.atomic import ExportError, guard_output

        target = Path(target)
        try:  # never the open file nor its -wal/-shm/-journal, by any path (a link, ..)
            guard_output(target, self.path, force=True)
        except ExportError as exc:
            if "database itself" in str(exc):
                raise StoreError("choose another file name: this is the open file") from None
            raise StoreError(str(exc).replace("output name", "file name")) from None
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(f"cannot write {target}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls become savepoints of the outer one."""
        if self.readonly:
            raise ReadOnlyError(f"{self.path} is open read-only")
        if self.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.check_same_file()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise locked_or(exc, self.path) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._rollback()
            raise ValidationError(f"refused by the database: {exc}") from exc
        except sqlite3.DatabaseError as exc:  # a full disk, an I/O error: one sentence
            self._rollback()
            raise locked_or(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def journaled(self) -> Iterator[journal.Journal]:
        """One transaction whose writes are recorded for undo (see ``db.journal``)."""
        with self.transaction(), journal.recording(self.conn) as recorded:
            yield recorded

    def replay(self, statements: list[str],
               progress: Callable[[int, int], None] | None = None) -> journal.Journal:
        """Reverse a recorded write in one transaction; returns what reverses the reversal.

        ``progress(done, total)`` hears how far it got (see ``db.journal.replay``)."""
        with self.transaction():
            return journal.replay(self.conn, statements, progress)

    # -- single records ----------------------------------------------------------------

    def _one(self, table: str, record_id: int) -> dict[str, Any]:
        found = list(self.db.query(f"SELECT * FROM {table} WHERE id = ?", [record_id]))
        if not found:
            raise NotFoundError(f"no {RecordKind.of_table(table)} with id {record_id}")
        return found[0]

    def exists(self, kind: str, record_id: int) -> bool:
        table = "claims" if kind == "claim" else RecordKind(kind).table
        sql = f"SELECT 1 FROM {table} WHERE id = ?"
        return self.conn.execute(sql, [record_id]).fetchone() is not None

    def source(self, source_id: int) -> Source:
        return rows.source_from(self._one("sources", source_id))

    def entity(self, entity_id: int) -> Entity:
        return rows.entity_from(self._one("entities", entity_id))

    def relationship(self, relationship_id: int) -> Relationship:
        return rows.relationship_from(self._one("relationships", relationship_id))

    def citation(self, citation_id: int) -> Citation:
        return rows.citation_from(self._one("citations", citation_id))

    def event(self, event_id: int) -> Event:
        event = rows.event_from(self._one("events", event_id))
        self._attach_participants_and_tags([event])
        return event

    # -- collections -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records of each kind the file holds."""
        tables = ("events", "entities", "relationships", "sources", "citations")
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
        return dict(self.conn.execute(sql).fetchall())

    def sources(self) -> list[Source]:
        return [rows.source_from(r) for r in self.db.query("SELECT * FROM sources ORDER BY id")]

    def entities(self, kind: str | None = None) -> list[Entity]:
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        sql = f"SELECT * FROM entities {where} ORDER BY id"
        return [rows.entity_from(r) for r in self.db.query(sql, params)]

    def relationships(self) -> list[Relationship]:
        sql = "SELECT * FROM relationships ORDER BY id"
        return [rows.relationship_from(r) for r in self.db.query(sql)]

    def citations(self) -> list[Citation]:
        return [rows.citation_from(r) for r in self.db.query("SELECT * FROM citations ORDER BY id")]

    def events(self) -> list[Event]:
        """Every event, in id order, with participants and tags."""
        return self._events_where("1", [], order="id")

    def events_between(self, first_day: int, last_day: int, with_links: bool = True
                       ) -> list[Event]:
        """Events whose interval of possible days meets [first_day, last_day], by date.

        ``with_links=False`` leaves participants and tags empty: for lists of many events.
        """
        return self._events_where("earliest <= ? AND latest >= ?", [last_day, first_day],
                                  with_links=with_links)

    def events_of_entity(self, entity_id: int) -> list[Event]:
        """Events the entity took part in, by date."""
        where = "id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)"
        return self._events_where(where, [entity_id])

    def events_citing_source(self, source_id: int) -> list[Event]:
        where = "id IN (SELECT event_id FROM citations WHERE source_id = ?)"
        return self._events_where(where, [source_id])

    def _events_where(self, where: str, params: list[Any], order: str = "earliest, latest, id",
                      with_links: bool = True) -> list[Event]:
        sql = f"SELECT * FROM events WHERE {where} ORDER BY {order}"
        events = [rows.event_from(r) for r in self.db.query(sql, params)]
        if with_links:
            self._attach_participants_and_tags(events)
        return events

    def _attach_participants_and_tags(self, events: list[Event]) -> None:
        if not events:
            return
        by_id = {e.id: e for e in events}
        marks = ",".join("?" * len(by_id)) if len(by_id) < 900 else None
        where = f"IN ({marks})" if marks else "IS NOT NULL"
        params = list(by_id) if marks else []
        sql = (f"SELECT event_id, entity_id, role FROM event_participants "
               f"WHERE event_id {where} ORDER BY event_id, entity_id, role")
        for event_id, entity_id, role in self.conn.execute(sql, params):
            if event_id in by_id:
                by_id[event_id].participants.append(Participant(entity_id, role))
        sql = (f"SELECT event_id, name FROM event_tags JOIN tags ON tags.id = tag_id "
               f"WHERE event_id {where} ORDER BY name COLLATE NOCASE")
        for event_id, name in self.conn.execute(sql, params):
            if event_id in by_id:
                by_id[event_id].tags.append(name)

    def relationships_of(self, entity_id: int) -> list[Relationship]:
        """Relationships with the entity at either end, by start date (undated last)."""
        sql = ("SELECT * FROM relationships WHERE from_id = ? OR to_id = ? "
               "ORDER BY earliest IS NULL, earliest, id")
        return [rows.relationship_from(r) for r in self.db.query(sql, [entity_id, entity_id])]

    def citations_for(self, target_type: str, target_id: int) -> list[Citation]:
        if target_type not in ("event", "entity", "relationship", "claim"):
            raise ValueError(f"unknown citation target {target_type!r}")
        sql = f"SELECT * FROM citations WHERE {target_type}_id = ? ORDER BY id"
        return [rows.citation_from(r) for r in self.db.query(sql, [target_id])]

    def citations_of_source(self, source_id: int) -> list[Citation]:
        sql = "SELECT * FROM citations WHERE source_id = ? ORDER BY id"
        return [rows.citation_from(r) for r in self.db.query(sql, [source_id])]

    def neighbours(self, entity_id: int, depth: int = 1) -> dict[int, int]:
        """Entities within ``depth`` relationship steps, mapped to their distance (self 0)."""
        sql = """
            WITH RECURSIVE reach(id, distance) AS (
                SELECT ?, 0
                UNION
                SELECT CASE WHEN r.from_id = reach.id THEN r.to_id ELSE r.from_id END,
                       reach.distance + 1
                FROM reach JOIN relationships r ON reach.id IN (r.from_id, r.to_id)
                WHERE reach.distance < ?
            )
            SELECT id, min(distance) FROM reach GROUP BY id
        """
        self._one("entities", entity_id)
        return dict(self.conn.execute(sql, [entity_id, depth]).fetchall())

    def find_entities(self, name: str) -> list[Entity]:
        """Entities whose name, native name or an alias equals ``name`` (case-insensitive)."""
        sql = """
            SELECT * FROM entities
            WHERE name = :n COLLATE NOCASE OR native_name = :n COLLATE NOCASE
               OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = :n COLLATE NOCASE)
            ORDER BY id
        """
        return [rows.entity_from(r) for r in self.db.query(sql, {"n": name.strip()})]

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Records whose text contains every word of ``text``; see ``db.search``."""
        return search_index(self.conn, text, limit)

    def positions(self) -> dict[int, tuple[float, float, bool]]:
        """Saved graph positions: entity id -> (x, y, pinned)."""
        sql = "SELECT entity_id, x, y, pinned FROM entity_positions"
        return {e: (x, y, bool(p)) for e, x, y, p in self.conn.execute(sql)}
