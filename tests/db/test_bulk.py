"""Bulk inserts with the search index filled afterwards: the same index, triggers and
settings as row-by-row inserts leave, and nothing changed when the transaction rolls back."""

from __future__ import annotations

import json

import pytest

from db import bulk
from db.errors import ValidationError
from db.store import Store

INDEX_ROWS = "SELECT rowid, kind, ref_id, title, body FROM search_index ORDER BY rowid"
SCHEMA = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
EVENT_SQL = ("INSERT INTO events (id, title, summary, date, earliest, latest, category, "
             "location, notes) VALUES (?, ?, ?, ?, 2451545, 2451545, ?, ?, ?)")
ENTITY_SQL = ("INSERT INTO entities (id, kind, name, native_name, aliases, description) "
              "VALUES (?, 'person', ?, ?, ?, ?)")


def _events(first: int, n: int) -> list[tuple]:
    return [(i, f"Meeting {i} in 臺北", f"talks number {i}", "2000", "diplomatic",
             "Seoul" if i % 2 else "", "checked" if i % 3 == 0 else "")
            for i in range(first, first + n)]


def _entities(first: int, n: int) -> list[tuple]:
    return [(i, f"Kim Person{i}", "김동명" if i % 2 else "",
             json.dumps(["金東明", f"K{i}"] if i % 3 else [], ensure_ascii=False), "envoy")
            for i in range(first, first + n)]


def _row_by_row(path, events: list[tuple], entities: list[tuple]) -> list[tuple]:
    with Store.create(path) as store, store.transaction():
        store.conn.executemany(EVENT_SQL, events)
        store.conn.executemany(ENTITY_SQL, entities)
        return store.conn.execute(INDEX_ROWS).fetchall()


def _in_bulk(store: Store, events: list[tuple], entities: list[tuple]) -> None:
    conn = store.conn
    with store.transaction():
        first_event = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0]
        with bulk.index_afterwards(conn, "events", first_event):
            assert not bulk.deferrable_triggers(conn, "events")  # dropped meanwhile
            conn.executemany(EVENT_SQL, events)
        with bulk.index_afterwards(conn, "entities", entities[0][0]):
            conn.executemany(ENTITY_SQL, entities)


@pytest.mark.parametrize("size", [3, bulk.BIG_REPLAY_ROWS])  # the second with a big hash
def test_index_triggers_and_settings_are_as_row_by_row_inserts_leave_them(
        tmp_path, size: int) -> None:
    events, entities = _events(1, size), _entities(1, 4)
    expected = _row_by_row(tmp_path / "rows.db", events, entities)
    with Store.create(tmp_path / "bulk.db") as store:
        schema = store.conn.execute(SCHEMA).fetchall()
        config = store.conn.execute("SELECT k, v FROM search_index_config").fetchall()
        _in_bulk(store, events, entities)
        assert store.conn.execute(INDEX_ROWS).fetchall() == expected
        assert store.conn.execute(SCHEMA).fetchall() == schema
        assert store.conn.execute("SELECT k, v FROM search_index_config").fetchall() == config
        store.conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        assert [h.title for h in store.search("金東明")] == ["Kim Person1", "Kim Person2",
                                                           "Kim Person4"]
        assert store.search(f"Meeting {size} in")[0].title == f"Meeting {size} in 臺北"
        # the triggers are back: a later row-by-row insert is indexed as usual
        store.conn.execute(EVENT_SQL, _events(size + 1, 1)[0])
        assert [h.title for h in store.search(f"talks number {size + 1}")] == [
            f"Meeting {size + 1} in 臺北"]


def test_only_new_rows_are_indexed_once(store: Store, tmp_path) -> None:
    store.conn.executemany(EVENT_SQL, _events(1, 5))  # before: indexed by the triggers
    _in_bulk(store, _events(6, 5), _entities(1, 2))
    assert _row_by_row(tmp_path / "rows.db", _events(1, 10), _entities(1, 2)) == \
        store.conn.execute(INDEX_ROWS).fetchall()


def test_an_error_inside_rolls_back_rows_and_triggers(store: Store) -> None:
    schema = store.conn.execute(SCHEMA).fetchall()
    with pytest.raises(ValidationError, match="UNIQUE"), store.transaction(), \
            bulk.index_afterwards(store.conn, "events", 1):
        store.conn.executemany(EVENT_SQL, _events(1, 3) + _events(2, 1))  # id 2 twice
    assert store.conn.execute(SCHEMA).fetchall() == schema
    assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
    store.conn.execute(EVENT_SQL, _events(1, 1)[0])
    assert store.conn.execute("SELECT count(*) FROM search_index").fetchone() == (1,)


def test_nothing_to_insert_leaves_the_triggers_alone(store: Store) -> None:
    with store.transaction(), bulk.index_afterwards(store.conn, "events", None):
        assert len(bulk.deferrable_triggers(store.conn, "events")) == 1
