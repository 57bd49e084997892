"""Writing the generated rows to a new Threadline file fast, on both cores.

Three processes share the work (``fork`` only; elsewhere one process does it all):

* the **generator** (``bench/synth.py``) makes the rows, batch by batch, and puts them
  on the writer's queue, and those of the searchable tables (events, entities, sources)
  also on the indexer's;
* the **writer** inserts every row into the file with plain ``executemany``, while the
  file's search triggers and secondary indexes are dropped; then it re-creates the
  indexes from their stored SQL (``CREATE INDEX`` sorts once instead of inserting at
  random places), copies the search index the indexer built, and re-creates the triggers;
* the **indexer** fills the same search index in a scratch file made by ``Store.create``
  (so the FTS5 table and its settings are the app's): it inserts each batch of
  searchable rows there, then runs the app's own trigger statements once over the batch
  (``db.bulk.run``: the same rows the triggers write, nothing re-typed), while the
  generator makes the next batch.

The FTS5 index is plain SQLite tables (``search_index_data``, ``_idx``, ``_content``,
``_docsize``, ``_config``); copying them whole gives the file the index FTS5 wrote in the
scratch file, which ``tests/test_bench.py`` checks against one filled row by row.
Building it takes about as long as writing everything else, hence the second process.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from db import bulk
from db.store import Store

Row = tuple[Any, ...]
Batch = tuple[str, list[Row]]
INDEXED = ("entities", "sources", "events")  # the tables the search index covers
FTS_TABLES = ("data", "idx", "content", "docsize", "config")  # search_index_<name>
_LOAD_PRAGMAS = ("foreign_keys = OFF", "synchronous = OFF", "cache_size = -1000000",
                 "temp_store = MEMORY", "journal_mode = DELETE")

SQL = {
    "sources": "INSERT INTO sources (id, title, author, publisher, date, earliest, latest, "
               "url, kind, reliability, notes, content) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "entities": "INSERT INTO entities (id, kind, name, native_name, aliases, description, "
                "date, end_date, earliest, latest, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "relationships": "INSERT INTO relationships (id, from_id, to_id, kind, directed, date, "
                     "end_date, earliest, latest, core_start, core_end, description, notes) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "tags": "INSERT INTO tags (id, name) VALUES (?,?)",
    "events": "INSERT INTO events (id, title, summary, date, end_date, earliest, latest, "
              "core_start, core_end, category, location, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "event_participants": "INSERT OR IGNORE INTO event_participants (event_id, entity_id, "
                          "role) VALUES (?,?,?)",
    "event_tags": "INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?,?)",
    "citations": "INSERT INTO citations (id, source_id, event_id, entity_id, relationship_id, "
                 "locator, excerpt, confidence) VALUES (?,?,?,?,?,?,?,?)",
}


class Timer:
    """Seconds per phase (phases overlap: three processes), and this process's CPU seconds."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def add(self, phase: str, seconds: float, cpu: float = 0.0) -> None:
        self.phases[phase] = self.phases.get(phase, 0.0) + seconds
        self.cpu[phase] = self.cpu.get(phase, 0.0) + cpu

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.add(name, time.perf_counter() - wall, time.process_time() - cpu)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in _LOAD_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def write_batch(conn: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    conn.execute("BEGIN")
    conn.executemany(SQL[table], rows)
    conn.execute("COMMIT")


# -- secondary indexes --------------------------------------------------------------------

def drop_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop every index made by CREATE INDEX (on an empty file); their SQL, to re-create."""
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                         "AND sql IS NOT NULL ORDER BY rowid").fetchall()
    for name, _ in found:
        conn.execute(f"DROP INDEX {name}")
    return [sql for _, sql in found]


def create_indexes(conn: sqlite3.Connection, statements: list[str]) -> None:
    conn.execute("BEGIN")
    for sql in statements:
        conn.execute(sql)
    conn.execute("COMMIT")


# -- the indexer ----------------------------------------------------------------------------

def _index(scratch: Path, rows: Any, results: Any) -> None:
    """Fill a scratch file's search index from the batches on ``rows``; report on ``results``."""
    try:
        timer = Timer()
        Store.create(scratch).close()
        conn = connect(scratch)
        deferred = {table: bulk.deferrable_triggers(conn, table) for table in INDEXED}
        for triggers in deferred.values():
            bulk.drop(conn, triggers)
        drop_indexes(conn)
        while True:
            table, batch = rows.get()
            if table == "error":
                results.put(("error", batch, {}))
                return
            if table == "done":
                break
            with timer.phase(f"indexer: copy {table}"):
                write_batch(conn, table, batch)
            with timer.phase(f"index {table}"):  # while the next rows are generated
                conn.execute("BEGIN")
                bulk.run(conn, table, deferred[table], first_id=batch[0][0])
                conn.execute("COMMIT")
        conn.close()
        results.put(("done", timer.phases, timer.cpu))
    except BaseException as exc:  # handed to the writer, which raises it
        results.put(("error", repr(exc), {}))


def copy_search_index(conn: sqlite3.Connection, scratch: Path) -> None:
    """Replace the file's (empty) search index with the one built in ``scratch``."""
    conn.execute("ATTACH DATABASE ? AS built", [str(scratch)])
    try:
        conn.execute("BEGIN")
        for name in FTS_TABLES:
            conn.execute(f"DELETE FROM main.search_index_{name}")
            conn.execute(f"INSERT INTO main.search_index_{name} "
                         f"SELECT * FROM built.search_index_{name}")
        conn.execute("COMMIT")
    finally:
        conn.execute("DETACH DATABASE built")


# -- the pipeline ---------------------------------------------------------------------------

def _produce(make_batches: Callable[[], Iterator[Batch]], outs: list[tuple[Any, tuple]]
             ) -> None:
    """Put every batch on each queue taking its table, then ("done", seconds generating)."""
    try:
        spent, start = 0.0, time.perf_counter()
        for table, rows in make_batches():
            spent += time.perf_counter() - start
            for out, tables in outs:
                if table in tables:
                    out.put((table, rows))
            start = time.perf_counter()
        for out, _ in outs:
            out.put(("done", spent))
    except BaseException as exc:  # handed to the writer, which raises it
        for out, _ in outs:
            out.put(("error", repr(exc)))


def _receive(pending: Any, conn: sqlite3.Connection, timer: Timer) -> None:
    while True:
        with timer.phase("wait for rows"):
            table, rows = pending.get()
        if table == "error":
            raise RuntimeError(f"generating rows failed: {rows}")
        if table == "done":
            timer.add("generate rows (overlapped)", rows)
            return
        with timer.phase(f"insert {table}"):
            write_batch(conn, table, rows)


def _index_here(conn: sqlite3.Connection, deferred: dict[str, list[bulk.DeferredTrigger]],
                timer: Timer) -> None:
    for table, triggers in deferred.items():
        with timer.phase(f"index {table}"):
            conn.execute("BEGIN")
            bulk.replay(conn, table, triggers, first_id=1)
            conn.execute("COMMIT")


def write(path: Path, make_batches: Callable[[], Iterator[Batch]], timer: Timer) -> None:
    """Write the batches into ``path`` (a new ``Store.create`` file): see the module doc."""
    conn = connect(path)
    try:
        deferred = {table: bulk.deferrable_triggers(conn, table) for table in INDEXED}
        for triggers in deferred.values():
            bulk.drop(conn, triggers)
        indexes = drop_indexes(conn)
        _write_all(conn, path, make_batches, deferred, indexes, timer)
        conn.execute("PRAGMA journal_mode = WAL")  # as Store.create left it
    finally:
        conn.close()


def _write_all(conn: sqlite3.Connection, path: Path,
               make_batches: Callable[[], Iterator[Batch]],
               deferred: dict[str, list[bulk.DeferredTrigger]], indexes: list[str],
               timer: Timer) -> None:
    """Rows, then the secondary indexes (while the indexer process still works), then
    the search index it built."""
    if "fork" not in multiprocessing.get_all_start_methods():
        with timer.phase("generate rows"):
            for table, rows in make_batches():
                write_batch(conn, table, rows)
        with timer.phase("create indexes"):
            create_indexes(conn, indexes)
        _index_here(conn, deferred, timer)
        return
    context = multiprocessing.get_context("fork")
    pending, to_index, results = (context.Queue(maxsize=3), context.Queue(maxsize=12),
                                  context.Queue())
    scratch = path.with_name(f"{path.name}.search-index")
    outs = [(pending, tuple(SQL)), (to_index, INDEXED)]
    workers = [context.Process(target=_produce, args=(make_batches, outs), daemon=True),
               context.Process(target=_index, args=(scratch, to_index, results), daemon=True)]
    for worker in workers:
        worker.start()
    try:
        _receive(pending, conn, timer)
        with timer.phase("create indexes"):
            create_indexes(conn, indexes)
        with timer.phase("wait for the indexer"):
            status, phases, cpu = results.get()
        if status == "error":
            raise RuntimeError(f"building the search index failed: {phases}")
        for name, seconds in phases.items():
            timer.add(name, seconds, cpu.get(name, 0.0))
        with timer.phase("copy the search index"):
            copy_search_index(conn, scratch)
        for triggers in deferred.values():
            for trigger in triggers:
                conn.execute(trigger.sql)
    finally:
        for worker in workers:
            worker.join(timeout=10)
        for leftover in (scratch, Path(f"{scratch}-journal"), Path(f"{scratch}-wal"),
                         Path(f"{scratch}-shm")):
            leftover.unlink(missing_ok=True)
