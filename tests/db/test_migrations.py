"""Opening files: refusing what is not ours untouched, and migrating what is old."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from db import schema
from db.errors import FileMissingError, NewerSchemaError, NotThreadlineError, StoreError
from db.jsonio import dumps, export_data
from db.store import Store
from tests.bad_files import digest, newer_file, other_app_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("make, error, message", [
    (lambda p: p.write_bytes(b""), NotThreadlineError, "is empty"),
    (lambda p: p.write_bytes(os.urandom(4096)), NotThreadlineError, "not an SQLite file"),
    (lambda p: p.write_text("id,title\n1,x\n"), NotThreadlineError, "not an SQLite file"),
    (other_app_file, NotThreadlineError, "another application"),
    (newer_file, NewerSchemaError, "newer Threadline"),
])
def test_foreign_files_are_refused_untouched(tmp_path: Path, make, error, message) -> None:
    path = tmp_path / "file.db"
    make(path)
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(error, match=message):
            Store.open(path, readonly=readonly)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.db"]


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="no such file"):
        Store.open(tmp_path / "nope.db")
    with pytest.raises(FileMissingError, match="is a folder"):
        Store.open(tmp_path)


def _add_column(conn: sqlite3.Connection) -> None:
    """Test migration: give events a 'importance' column."""
    conn.execute("ALTER TABLE events ADD COLUMN importance INTEGER NOT NULL DEFAULT 0")


def _broken(conn: sqlite3.Connection) -> None:
    """Test migration that fails half-way."""
    conn.execute("ALTER TABLE events ADD COLUMN half INTEGER")
    conn.execute("SELECT * FROM no_such_table")


def test_pending_migration_runs_after_a_backup(filled: Store, tmp_path: Path, monkeypatch
                                               ) -> None:
    before = dumps(export_data(filled))
    filled.close()
    released = schema.current_version()  # the test adds one past it (was 1 -> 2 at v1)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _add_column])
    with Store.open(tmp_path / "test.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == released + 1
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(events)")]
        assert "importance" in columns
        assert dumps(export_data(store)) == before
    backup = tmp_path / f"test.db.v{released}.bak"
    monkeypatch.undo()
    with Store.open(backup, readonly=True) as old:
        assert old.conn.execute("PRAGMA user_version").fetchone()[0] == released
        assert dumps(export_data(old)) == before


def test_failed_migration_leaves_the_file_as_it_was(filled: Store, tmp_path: Path, monkeypatch
                                                    ) -> None:
    before = dumps(export_data(filled))
    filled.close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _broken])
    with pytest.raises(StoreError, match="left as it was"):
        Store.open(tmp_path / "test.db")
    monkeypatch.undo()
    with Store.open(tmp_path / "test.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == \
            schema.current_version()
        assert "half" not in [r[1] for r in store.conn.execute("PRAGMA table_info(events)")]
        assert dumps(export_data(store)) == before


@pytest.mark.parametrize("version", range(1, schema.current_version() + 1))
def test_every_released_schema_opens_with_all_records(tmp_path: Path, version: int) -> None:
    """A fixture file of each released schema migrates to the current one intact."""
    fixture = FIXTURES / f"schema_v{version}.db"
    expected = (FIXTURES / f"schema_v{version}.json").read_text(encoding="utf-8")
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == \
            schema.current_version()
        assert dumps(export_data(store)) == expected
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if version < schema.current_version():
        assert (tmp_path / f"{fixture.name}.v{version}.bak").exists()
