"""The schema enforces integrity itself: constraints, cascades and the search index."""

from __future__ import annotations

import sqlite3

import pytest

from db import schema
from db.store import Store


def _raw(store: Store, sql: str, params: tuple = ()) -> None:
    """Write with plain SQL, bypassing the Store's own checks."""
    with store.conn:
        store.conn.execute(sql, params)


def test_new_file_is_marked_and_versioned(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("sql, params", [
    ("INSERT INTO events (title, date, earliest, latest) VALUES ('', '2020', 1, 2)", ()),
    ("INSERT INTO events (title, date, earliest, latest) VALUES ('x', '2020', 5, 2)", ()),
    ("INSERT INTO entities (kind, name) VALUES ('robot', 'R2')", ()),
    ("INSERT INTO entities (kind, name) VALUES ('person', '   ')", ()),
    ("INSERT INTO entities (kind, name, aliases) VALUES ('person', 'A', 'not json')", ()),
    ("INSERT INTO relationships (from_id, to_id, kind) VALUES (?, ?, 'knows')", (1, 1)),
    ("INSERT INTO relationships (from_id, to_id, kind) VALUES (?, ?, 'knows')", (1, 999)),
    ("INSERT INTO event_participants (event_id, entity_id) VALUES (1, 999)", ()),
    ("INSERT INTO citations (source_id, event_id, entity_id) VALUES (1, 1, 1)", ()),
    ("INSERT INTO citations (source_id) VALUES (1)", ()),
    ("INSERT INTO citations (source_id, event_id) VALUES (999, 1)", ()),
    ("INSERT INTO citations (source_id, event_id, confidence) VALUES (1, 1, 9)", ()),
    ("INSERT INTO sources (title, reliability) VALUES ('s', 'Z')", ()),
])
def test_database_refuses_invalid_rows(filled: Store, sql: str, params: tuple) -> None:
    before = filled.counts()
    with pytest.raises(sqlite3.IntegrityError):
        _raw(filled, sql, params)
    assert filled.counts() == before


def _count(store: Store, sql: str) -> int:
    return store.conn.execute(sql).fetchone()[0]


def test_deleting_an_entity_removes_its_links(filled: Store) -> None:
    kim = filled.find_entities("Kim Dong-myung")[0].id
    filled.delete_entity(kim)
    assert _count(filled, f"SELECT count(*) FROM event_participants WHERE entity_id={kim}") == 0
    assert _count(filled, f"SELECT count(*) FROM relationships WHERE {kim} IN "
                          "(from_id, to_id)") == 0
    assert _count(filled, f"SELECT count(*) FROM citations WHERE entity_id={kim}") == 0
    # the relationship's own citation went with the relationship
    assert _count(filled, "SELECT count(*) FROM citations WHERE relationship_id IS NOT NULL") == 0
    assert filled.search("金東明") == []


def test_deleting_an_event_removes_participants_tags_and_citations(filled: Store) -> None:
    visit = filled.search("Delegation")[0].id
    filled.delete_event(visit)
    for table in ("event_participants", "event_tags", "citations"):
        assert _count(filled, f"SELECT count(*) FROM {table} WHERE event_id={visit}") == 0
    assert _count(filled, "SELECT count(*) FROM entities") == 3


def test_deleting_a_source_removes_its_citations_only(filled: Store) -> None:
    source = filled.sources()[0].id
    filled.delete_source(source)
    assert _count(filled, "SELECT count(*) FROM citations") == 0
    assert filled.counts()["events"] == 2


def test_no_orphans_after_cascades(filled: Store) -> None:
    for entity in filled.entities():
        filled.delete_entity(entity.id)
    problems = filled.conn.execute("PRAGMA foreign_key_check").fetchall()
    assert problems == []
    assert filled.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_search_index_follows_inserts_updates_and_deletes(filled: Store) -> None:
    entity = filled.find_entities("Taipei")[0]
    assert [h.id for h in filled.search("Taipei") if h.kind == "entity"] == [entity.id]
    entity.name = "Kaohsiung"
    filled.update_entity(entity)
    assert [h.kind for h in filled.search("Taipei")] == ["event"]  # the event's location
    assert [h.id for h in filled.search("Kaohsiung")] == [entity.id]
    filled.delete_entity(entity.id)
    assert filled.search("Kaohsiung") == []


@pytest.mark.parametrize("query", ["金東", "東明", "金東明", "김동", "동명", "阿里", "里山會"])
def test_cjk_names_are_found_by_any_two_character_substring(filled: Store, query: str) -> None:
    hits = filled.search(query)
    assert hits and hits[0].kind == "entity"
    assert any(query in (filled.entity(h.id).native_name + " ".join(filled.entity(h.id).aliases))
               for h in hits)
