"""The one write path of every import (JSON, CSV, spreadsheets): rows in batches, in
constant memory, the search index filled once per table at the end.

An import plans its records one by one and hands each row to ``BulkLoad.add``; rows
are written ``BATCH`` at a time, so memory holds one batch, not the file. Around the
whole load each table's search trigger is dropped and its statement replayed once over
the new rows (``db.bulk.index_afterwards``), foreign keys are checked at commit (a file
may list a citation before the event it cites), and the page cache is enlarged. Cancel
is asked between batches and inside long statements (``db.cancel``).

Use it inside ``Store.transaction``: an error or a cancel rolls back every batch
written so far, and the triggers with it, so an import stays all or nothing.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from db import bulk
from db.cancel import cancel_within_statements
from db.store import Store

__all__ = ["BATCH", "BulkLoad", "page_cache"]

BATCH = 10_000  # rows of one table written per executemany
IMPORT_CACHE_KIB = (64 * 1024, 128 * 1024)  # page cache while importing, KiB: least, most
CACHE_KIB_PER_ROW = 0.5


def cache_kib(rows: int) -> int:
    least, most = IMPORT_CACHE_KIB
    return int(min(max(least, rows * CACHE_KIB_PER_ROW), most))


@contextmanager
def page_cache(store: Store, kib: int) -> Iterator[None]:
    """A larger page cache while importing: fewer dirty pages spilled mid-transaction.

    The index and search-index b-trees of a big import outgrow SQLite's default 2 MiB
    cache (at 100,000 rows the write took 4.9 s instead of 6.4 s with 64 MiB). Its top
    is held at 128 MiB: the cache is resident memory, and the search index's replay
    (``db.bulk.PENDING_BYTES``) comes on top of it at the end; at 256 MiB a
    1,000,000-event import peaked at 700-840 MB.
    """
    old = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    if old >= 0 or -old < kib:
        store.conn.execute(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        store.conn.execute(f"PRAGMA cache_size = {old}")


class _Table:
    """Pending rows of one table and the statement that writes them."""

    def __init__(self, table: str, columns: Sequence[str], verb: str) -> None:
        self.sql = (f"{verb} INTO main.{table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})")
        self.pending: list[Sequence[Any]] = []
        self.written = 0


class BulkLoad:
    """Batched inserts of an import; ``with BulkLoad(store, check, rows_hint) as load``.

    ``table(name, columns, first_id)`` declares a table before its first row:
    ``first_id`` is the lowest id its new rows will have (every one above what the
    table held), from which its search index is filled at the end; None for a link
    table without an index of its own. Tables are written in the order declared.
    ``tag(event_id, name)`` links an event to a tag, created if new. ``check`` raises
    to cancel.
    """

    def __init__(self, store: Store, check: Callable[[], None], rows_hint: int = 0) -> None:
        self.store = store
        self.check = check
        self.rows_hint = rows_hint
        self.tables: dict[str, _Table] = {}
        self.tags: list[tuple[int, str]] = []
        self._stack = ExitStack()
        self.paused = False  # True once a problem is found: nothing more is written

    def __enter__(self) -> BulkLoad:
        self.store.conn.execute("PRAGMA defer_foreign_keys = ON")  # reset at COMMIT/ROLLBACK
        self._stack.enter_context(page_cache(self.store, cache_kib(self.rows_hint)))
        self._stack.enter_context(cancel_within_statements(self.store, self.check))
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> bool:
        if kind is None:
            try:
                self.flush()
                self._stack.close()  # the search index filled: one statement per table
                self.check()
            except BaseException as exc:
                if not self._stack.__exit__(type(exc), exc, exc.__traceback__):
                    raise
                return False
        return bool(self._stack.__exit__(kind, error, trace))

    def table(self, name: str, columns: Sequence[str], first_id: int | None = None,
              verb: str = "INSERT") -> None:
        if name in self.tables:
            return
        self.tables[name] = _Table(name, columns, verb)
        if first_id is not None:
            self._stack.enter_context(bulk.index_afterwards(self.store.conn, name, first_id))

    def add(self, name: str, row: Sequence[Any]) -> None:
        """One row of a declared table; written with the next full batch."""
        if self.paused:
            return
        table = self.tables[name]
        table.pending.append(row)
        if len(table.pending) >= BATCH:
            self.flush()

    def tag(self, event_id: int, name: str) -> None:
        name = name.strip()
        if name and not self.paused:
            self.tags.append((event_id, name))

    def flush(self) -> None:
        """Write every table's pending rows in the order declared, then the tags."""
        self.check()
        if self.paused:
            return
        for table in self.tables.values():
            if table.pending:
                self.check()
                self.store.conn.executemany(table.sql, table.pending)
                table.written += len(table.pending)
                table.pending = []
        if self.tags:
            ids = tag_ids(self.store, {name for _, name in self.tags})
            self.store.conn.executemany(
                "INSERT OR IGNORE INTO main.event_tags (event_id, tag_id) VALUES (?, ?)",
                [(event_id, ids[ascii_key(name)]) for event_id, name in self.tags])
            self.tags = []

    def resume(self) -> None:
        """Write again (after a first read of the rows that only checked them)."""
        self.paused = False

    def pause(self) -> None:
        """Stop writing (a problem was found: the transaction is to roll back)."""
        self.paused = True
        self.tags = []
        for table in self.tables.values():
            table.pending = []


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def ascii_key(name: str) -> str:
    """What SQLite's NOCASE compares (ASCII case only)."""
    return name.strip().translate(_ASCII_LOWER)


def tag_ids(store: Store, names: set[str]) -> dict[str, int]:
    """Tag id by ``ascii_key`` of each of ``names`` (stripped, non-blank), adding the
    ones not there yet (tags are unique ignoring ASCII case)."""
    conn = store.conn
    ordered = sorted(names)
    conn.executemany("INSERT OR IGNORE INTO main.tags (name) VALUES (?)", [(n,) for n in ordered])
    found: dict[str, int] = {}
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((ascii_key(name), tag_id) for name, tag_id in conn.execute(
            f"SELECT name, id FROM main.tags WHERE name IN ({marks})", chunk))
    return found
