"""Files that Threadline must refuse untouched, shared by the CLI, Store and GUI tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from db import schema
from db.store import Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def other_app_file(path: Path) -> Path:
    """An SQLite file of some other application."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    return path


def newer_file(path: Path) -> Path:
    """A Threadline file whose schema is newer than this version knows."""
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def damaged_index_file(path: Path, events: int = 2000) -> Path:
    """A Threadline file whose search index has a damaged page: the panels' first reads
    (dates, names) succeed, SQLite's ``quick_check`` does not."""
    from models.records import Event

    with Store.create(path) as store, store.transaction():
        for i in range(events):
            store.add_event(Event(title=f"Talks {i}", date=f"{1950 + i % 60}",
                                  summary="what was said"))
    conn = sqlite3.connect(path)
    root, = conn.execute("SELECT rootpage FROM sqlite_master "
                         "WHERE name = 'search_index_data'").fetchone()
    page_size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with path.open("r+b") as handle:  # the index's root, an interior page: cells point nowhere
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    return path


def every_byte(path: Path) -> dict[str, str]:
    """Digest of the file and of every sidecar beside it, by name."""
    return {p.name: digest(p) for p in sorted(path.parent.glob(f"{path.name}*"))}
