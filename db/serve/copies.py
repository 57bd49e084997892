"""A copy of a Threadline file to share: consistent, one file, notes left out if asked.

Hiding a column in Datasette does not keep it from a reader (Datasette answers SQL), so
notes that must stay private are removed from a copy, and that copy is what is served or
published. Removing them means more than blanking the columns: the search index holds
the notes too (its triggers re-index the blanked rows, and ``rebuild`` writes the index
anew so no old segment keeps their trigrams), and the pages they were on are freed, so
``VACUUM`` rewrites the file without them.

The copy is made with SQLite's backup API from a read-only connection (``Store``), so
the original is never written, and switched from WAL to a rollback journal so it is one
self-contained file for a read-only host.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import StoreError
from db.serve.labels import NOTES_COLUMNS
from db.store import Store

# Built from constants only (labels.NOTES_COLUMNS), never from text read from a file.
_BLANK = [f'UPDATE "{table}" SET "{column}" = \'\' WHERE "{column}" <> \'\''
          for table, column in NOTES_COLUMNS]


def share_copy(path: Path, target: Path, exclude_notes: bool) -> None:
    """Write ``target`` as a copy of ``path`` (see module doc); whole or not at all."""
    if target.resolve() == path.resolve():
        raise StoreError(f"{target} is the database itself; choose another name")
    partial = target.with_name(f".{target.name}.partial")
    try:
        with Store.open(path, readonly=True) as store:
            store.save_copy(partial)
        _finish(partial, exclude_notes)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot write {target}: {exc}") from exc
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"),
                         Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)


def _finish(partial: Path, exclude_notes: bool) -> None:
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        if exclude_notes:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _BLANK:
                conn.execute(statement)
            conn.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
            conn.execute("COMMIT")
            conn.execute("VACUUM")
    finally:
        conn.close()
