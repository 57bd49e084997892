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
