"""Undo and redo through the journal are exact, for any sequence of writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Entity, Event, Source
from tests.edits import apply_edit, random_edits


def _snapshot(store: Store) -> str:
    positions = sorted(store.positions().items())
    return dumps(export_data(store)) + repr(positions)


def test_undo_of_a_cascading_delete_restores_everything(filled: Store) -> None:
    before = _snapshot(filled)
    kim = filled.find_entities("金東明")[0].id
    with filled.journaled() as undo:
        filled.delete_entity(kim)
    after = _snapshot(filled)
    assert after != before
    assert undo.touched["entities"] == {kim}
    redo = filled.replay(undo.statements)
    assert _snapshot(filled) == before
    assert filled.search("金東明")[0].id == kim  # the search index followed
    undo_again = filled.replay(redo.statements)
    assert _snapshot(filled) == after
    filled.replay(undo_again.statements)
    assert _snapshot(filled) == before


def _logged(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM temp.undo_log").fetchone()[0]


def _write_unjournaled(store: Store, title: str) -> int:
    with store.transaction():
        return store.add_source(Source(title=title))


def test_a_refused_write_records_nothing(filled: Store) -> None:
    """A refused write leaves no trace: not in the file, not in the log, and the recorder
    is off again, so the next write's journal undoes that write and nothing else."""
    before = _snapshot(filled)
    with pytest.raises(ValidationError), filled.journaled():
        filled.add_source(Source(title="kept only if all succeed"))
        filled.add_event(Event(title="bad", date="32 May 2023"))
    assert _snapshot(filled) == before
    assert _logged(filled) == 0
    unrecorded = _write_unjournaled(filled, "written outside a journal")
    assert _logged(filled) == 0
    with_unrecorded = _snapshot(filled)
    with filled.journaled() as undo:
        added = filled.add_source(Source(title="the next write"))
    assert undo.touched == {"sources": {added}} and added != unrecorded
    _write_unjournaled(filled, "after a journaled write, unrecorded again")
    assert _logged(filled) == 0
    filled.replay(undo.statements)
    assert "the next write" not in _snapshot(filled)
    assert "written outside a journal" in _snapshot(filled)
    assert with_unrecorded != _snapshot(filled)  # the last unjournaled write stays


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_edits)
def test_undo_all_then_redo_all_is_exact(tmp_path_factory, actions: list[tuple]) -> None:
    path: Path = tmp_path_factory.mktemp("journal") / "t.db"
    with Store.create(path) as store:
        store.add_source(Source(title="seed"))
        store.add_entity(Entity(kind="organization", name="seed org"))
        start = _snapshot(store)
        journals = []
        for action in actions:
            try:
                with store.journaled() as undo:
                    apply_edit(store, action)
            except ValidationError:
                continue
            journals.append(undo.statements)
        end = _snapshot(store)
        redos = [store.replay(statements).statements for statements in reversed(journals)]
        assert _snapshot(store) == start
        for statements in reversed(redos):
            store.replay(statements)
        assert _snapshot(store) == end


def test_replay_reports_its_progress(filled: Store, monkeypatch) -> None:
    from db import journal

    monkeypatch.setattr(journal, "PROGRESS_EVERY", 10)
    before = dumps(export_data(filled))
    with filled.journaled() as recorded:
        for n in range(45):
            filled.add_event(Event(title=f"Event {n}", date=str(2000 + n)))
    heard: list[tuple[int, int]] = []
    filled.replay(recorded.statements, lambda done, total: heard.append((done, total)))
    total = len(recorded.statements)
    assert total >= 45
    assert [done for done, _ in heard] == list(range(0, total, 10))
    assert {t for _, t in heard} == {total}
    assert dumps(export_data(filled)) == before


def _add_column(path: Path, column_sql: str) -> None:
    """Change a table the way a later migration would, outside the Store."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"ALTER TABLE events ADD COLUMN {column_sql}")
    finally:
        conn.close()


def _migration_adding(monkeypatch, column_sql: str) -> None:
    """A later migration that adds a column to events (the gate then expects it)."""
    from db import gate, schema

    def add_column(conn) -> None:
        conn.execute(f"ALTER TABLE events ADD COLUMN {column_sql}")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_column])
    gate.expected_schema.cache_clear()
    monkeypatch.setattr(gate, "expected_schema", gate.expected_schema.__wrapped__)


def test_undo_restores_a_column_a_migration_added(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "migrated.db"
    with Store.create(path) as store:
        event_id = store.add_event(Event(title="Talks", date="2020"))
    _migration_adding(monkeypatch, "mood TEXT DEFAULT 'neutral'")
    with Store.open(path) as store:
        store.conn.execute("UPDATE events SET mood = 'tense' WHERE id = ?", [event_id])

        def mood() -> object:
            row = store.conn.execute("SELECT mood FROM events WHERE id = ?", [event_id])
            return (row.fetchone() or [None])[0]

        with store.journaled() as changed:
            store.conn.execute("UPDATE events SET mood = 'calm' WHERE id = ?", [event_id])
        redo = store.replay(changed.statements)
        assert mood() == "tense"
        store.replay(redo.statements)
        assert mood() == "calm"
        with store.journaled() as deleted:
            store.delete_event(event_id)
        store.replay(deleted.statements)
        assert mood() == "calm"  # not the column's default: the row came back whole
        assert store.event(event_id).title == "Talks"


def test_a_column_name_that_is_not_an_identifier_is_refused(tmp_path: Path, monkeypatch
                                                            ) -> None:
    """Column names are read from the file; one that could break out of the trigger's
    SQL is refused, not executed."""
    import pytest

    from db.errors import StoreError

    path = tmp_path / "odd.db"
    Store.create(path).close()
    _add_column(path, "\"x' || (SELECT 1) || '\" TEXT")
    with pytest.raises(StoreError, match="does not have Threadline's schema"):
        Store.open(path)  # the gate: not a schema this app creates
    path = tmp_path / "odd2.db"
    Store.create(path).close()  # the journal, should a migration ever add such a column
    _migration_adding(monkeypatch, "\"y' || (SELECT 1) || '\" TEXT")
    with pytest.raises(StoreError, match="cannot journal a column"):
        Store.open(path)
